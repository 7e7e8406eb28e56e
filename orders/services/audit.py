"""The audit log: one row per read, write or refusal of an order."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError

from ..models import (
    AuditAction,
    AuditEvent,
    Order,
)
from ._common import User

logger = logging.getLogger(__name__)


def audit_record(
    *,
    user: User | None,
    action: str,
    order: Order | None = None,
    order_id: int | None = None,
    ip: str | None = None,
    detail: str = "",
    judge_id: int | None = None,
) -> AuditEvent:
    """Append one event to the audit log (in the caller's transaction, if any). ``order_id``
    names an order by id only (e.g. one the user was refused), without describing it.
    ``judge_id``: whose chambers' log an event without an order belongs to (a case changed)."""
    account = user if user is not None and user.is_authenticated else None
    event = AuditEvent(
        user=account,
        username=account.get_username() if account is not None else "",
        action=action,
        order_ref=order.pk if order is not None else order_id,
        order_repr=str(order)[:400] if order is not None else "",
        judge_id=order.judge_id if order is not None else judge_id,
        ip_address=ip or None,
        detail=detail[:2000],
    )
    # Not full_clean(): the user and judge come from saved objects, and checking that they exist
    # would cost two queries on every page view.
    event.clean_fields(exclude=["user", "judge"])
    event.save()
    return event


@contextmanager
def _refusals_audited(
    *,
    user: User | None,
    order: Order | None,
    attempted: str,
    ip: str | None,
    invalid_input: bool = True,
) -> Iterator[None]:
    """Whatever is refused inside (a ValidationError or PermissionDenied) is logged as a
    "refused" audit event, outside the refused transaction so the event survives its rollback.
    ``invalid_input=False``: only the permission policy's refusals (``PermissionDenied``) are
    refusals; a ValidationError is a form's error and is not logged."""
    caught = (ValidationError, PermissionDenied) if invalid_input else (PermissionDenied,)
    try:
        yield
    except caught as error:
        if order is not None and order.pk and Order.objects.filter(pk=order.pk).exists():
            order.refresh_from_db()  # forget the refused changes (the database rolled them back)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        logger.warning(
            "refused %s of order %s for %s: %s", attempted, getattr(order, "pk", None), user, message
        )
        audit_record(
            user=user, action=AuditAction.REFUSED, order=order, ip=ip, detail=f"{attempted}: {message}"
        )
        raise


def order_refuse(
    *, order: Order | None, user: User, attempted: str, reason: str, ip: str | None = None
) -> None:
    """Log a refusal decided outside a service (e.g. a view refusing an unknown order id)."""
    audit_record(user=user, action=AuditAction.REFUSED, order=order, ip=ip, detail=f"{attempted}: {reason}")
