"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet, Value

from ..models import (
    AuditEvent,
    Judge,
    Order,
)
from .roles import can_read_audit
from .visibility import User, visibility_for


def audit_events_for_order(user: User, order: Order) -> QuerySet[AuditEvent]:
    """The order's audit trail, or none if the user may not read it."""
    if not can_read_audit(user, order.judge_id):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(order_ref=order.pk).select_related("user")


def audit_events_for_judge(user: User, judge: Judge, *, limit: int = 500) -> QuerySet[AuditEvent]:
    """A chambers' audit log, newest first, or none if the user may not read it."""
    """Events of orders in a sealed case the user may not see (one assigned to another chambers)
    carry ``sealed_hidden``: the page shows neither their title nor their number."""
    if not can_read_audit(user, judge):
        return AuditEvent.objects.none()
    hidden_cases = visibility_for(user).hidden_case_ids
    sealed = Order.objects.filter(pk=OuterRef("order_ref"), case_id__in=hidden_cases)
    events = AuditEvent.objects.filter(judge=judge).select_related("user")
    events = events.annotate(sealed_hidden=Exists(sealed) if hidden_cases else Value(False))
    return events[:limit]
