"""Drafting: a new order of a type from the library, edits of a draft, its deletion, and a
duplicate for another case."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Literal

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import (
    AuditAction,
    Case,
    DocketEntry,
    Judge,
    Order,
    OrderDocketEntry,
)
from ..order_types import registry
from ..permissions import Action, require_draft_in, require_duplicate, require_order
from ._common import (
    User,
    _check_entries_in_case,
    _claim_version,
    _save_with_history,
)
from .audit import _refusals_audited, audit_record
from .records import order_create

# --- Drafting from an order type (orders.order_types) ------------------------------------------

ERROR_UNKNOWN_ORDER_TYPE = "There is no order type “%(key)s”; choose one of the listed order types."
ERROR_ENTRIES_REQUIRED = "This order type resolves a docket entry: choose at least one."
ERROR_BODY_BLANK = "The order's text is empty."


def order_draft_create(
    *,
    case: Case,
    order_type_key: str,
    entries: Iterable[DocketEntry],
    data: dict[str, Any],
    created_by: AuthUser,
    body: str | None = None,
    title: str | None = None,
    date: datetime.date | None = None,
    judge: Judge | None = None,
    audit_detail: str = "",
) -> Order:
    """Draft an order of a type from the library (``orders.order_types``).

    ``data`` (the type's own fields) goes over the type's prefill (``OrderType.initial``, the one
    the wizard shows), is validated through the type's form against the order's date (today when
    ``date`` is None) and stored as JSON in ``Order.details``. The body is
    rendered from the type unless ``body`` (text edited in the wizard) is given; the title
    likewise. The judge defaults to the case's assigned judge. ``created_by`` must be a clerk or
    the judge of that judge's chambers (``permissions.require_draft_in``; refusals audited).
    """
    with _refusals_audited(
        user=created_by, order=None, attempted="draft an order", ip=None, invalid_input=False
    ):
        require_draft_in(created_by, case, judge)
        with transaction.atomic():
            return _draft_create(
                case=case,
                order_type_key=order_type_key,
                entries=entries,
                data=data,
                created_by=created_by,
                body=body,
                title=title,
                date=date,
                judge=judge,
                audit_detail=audit_detail,
            )


def _draft_create(
    *,
    case: Case,
    order_type_key: str,
    entries: Iterable[DocketEntry],
    data: dict[str, Any],
    created_by: AuthUser,
    body: str | None,
    title: str | None,
    date: datetime.date | None,
    judge: Judge | None,
    audit_detail: str,
) -> Order:
    try:
        order_type = registry.get(order_type_key)
    except registry.UnknownOrderType:
        raise ValidationError({"order_type": ERROR_UNKNOWN_ORDER_TYPE % {"key": order_type_key}}) from None
    entries = sorted(_check_entries_in_case(case, entries), key=lambda entry: entry.number)
    if order_type.needs_entries and not entries:
        raise ValidationError({"docket_entries": ERROR_ENTRIES_REQUIRED})
    # The type's prefill (the same as the wizard's details step shows) under the answers given:
    # the same answers make the same order whichever way it is drafted.
    answers = dict(data or {})
    if any(name not in answers for name in order_type.get_form(case=case).fields):  # the wizard's: none
        answers = {**order_type.initial(case=case, entries=entries), **answers}
    cleaned = order_type.clean_data(case=case, entries=entries, data=answers, order_date=date)
    judge = judge or case.assigned_judge
    if body is None:
        body = order_type.render_body(case=case, entries=entries, data=cleaned, judge=judge)
    if not body.strip():
        raise ValidationError({"body": ERROR_BODY_BLANK})
    return order_create(
        case=case,
        order_type=order_type.key,
        judge=judge,
        title=title or order_type.title_for(case=case, entries=entries, data=cleaned),
        body=body,
        created_by=created_by,
        docket_entries=entries,
        details=order_type.details_for(cleaned),
        date=date,
        audit_detail=audit_detail,
    )


def order_update(
    *,
    order: Order,
    user: User,
    expected_version: int | None = None,
    order_type_key: str | None = None,
    entries: Iterable[DocketEntry] | None = None,
    data: dict[str, Any] | None = None,
    title: str | None = None,
    body: str | None = None,
    date: datetime.date | Literal[False] | None = False,
    ip: str | None = None,
) -> Order:
    """Save the edited text and answers of a draft, and the docket entries it rules on (``None``
    leaves a field as it is; ``date=None`` clears the date).

    Refused for a signed order (ERROR_ORDER_SIGNED), for any other non-draft, for a user whose role
    does not allow editing, and when the order changed since ``expected_version`` (the version the
    user's form was built from: OrderVersionConflict, nothing saved). Refusals are audited."""
    with _refusals_audited(user=user, order=order, attempted="edit", ip=ip):
        require_order(user, Action.EDIT, order)
        with transaction.atomic():
            before = {"title": order.title, "body": order.body, "date": order.date, "details": order.details}
            _claim_version(order, expected_version)
            if order_type_key is not None:
                order.order_type = order_type_key
            if title is not None:
                order.title = title
            if body is not None:
                order.body = body
            if date is not False:
                order.date = date
            if data is not None:
                order.details = data
            _save_with_history(order, user=user, reason="edited")
            if entries is not None:
                entries = _check_entries_in_case(order.case, entries)
                wanted = {entry.pk for entry in entries}
                order.entry_links.exclude(docket_entry_id__in=wanted).delete()
                linked = set(order.entry_links.values_list("docket_entry_id", flat=True))
                OrderDocketEntry.objects.bulk_create(
                    [OrderDocketEntry(order=order, docket_entry=e) for e in entries if e.pk not in linked]
                )
            changed = [field for field, value in before.items() if getattr(order, field) != value]
            if order.details != before["details"] and "details" not in changed:
                changed.append("details")
            audit_record(
                user=user,
                action=AuditAction.EDITED,
                order=order,
                ip=ip,
                detail=f"version {order.version}; changed: {', '.join(changed) or 'nothing'}",
            )
    return order


def order_delete(*, order: Order, user: User, ip: str | None = None) -> None:
    """Delete a draft (and its links to docket entries); a signed order never."""
    with _refusals_audited(user=user, order=order, attempted="delete", ip=ip):
        require_order(user, Action.DELETE, order)
        with transaction.atomic():
            audit_record(user=user, action=AuditAction.DELETED, order=order, ip=ip)
            order.delete()


ERROR_DUPLICATE_NO_ENTRY = (
    "“%(title)s” rules on a pending docket entry, and that case has none it could rule on. "
    "Start a new draft in that case instead."
)


def order_duplicate(*, order: Order, case: Case, created_by: AuthUser, ip: str | None = None) -> Order:
    """A new draft of the same order type in another case, written anew for that case.

    The case's own facts (names, pending entries, what the type reads from the case) come from
    the type's ``initial`` for the new case; the other answers (options, rule cites) are those of
    the order copied. Text edited by hand in the order copied is not carried over. The user must
    see the order copied and draft in ``case`` (``permissions.require_duplicate``)."""
    from ..selectors import drafting_judge

    judge = drafting_judge(created_by, case)
    with _refusals_audited(user=created_by, order=order, attempted="duplicate", ip=ip, invalid_input=False):
        require_duplicate(created_by, order, case, judge)
        with transaction.atomic():
            return _duplicate(order=order, case=case, created_by=created_by, judge=judge)


def _duplicate(*, order: Order, case: Case, created_by: AuthUser, judge: Judge) -> Order:
    order_type = registry.get(order.order_type)
    entries = list(registry.fitting_entries(order_type, case))
    if order_type.needs_entries and not entries:
        raise ValidationError(ERROR_DUPLICATE_NO_ENTRY, params={"title": order_type.title.title()})
    initial = order_type.initial(case=case, entries=entries)
    data = order_type.details_for({**(order.details or {}), **initial})
    return order_draft_create(
        case=case,
        order_type_key=order_type.key,
        entries=entries,
        data=data,
        created_by=created_by,
        judge=judge,
    )
