"""The docket loop: a signed order decides the motions it addresses, and a filed order is an
entry of its case's docket. Called inside the workflow's transactions (``workflow._freeze_signed``,
``workflow.order_mark_filed``); the docket import reconciles with both (``orders.dockets.plan``)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import AuditAction, Disposition, DocketEntry, EntryKind, Order
from ._common import User, _claim_version, _save_with_history
from .audit import audit_record

ERROR_DOCKET_NUMBER_TAKEN = (
    "Docket No. {number} of this case is already “{text}”, not an order: check the number CM/ECF "
    "gave the order."
)
ERROR_DOCKET_NUMBER_OTHER_ORDER = "Docket No. {number} of this case is already the filed order “{title}”."

# The words of a title that say how it decides (“ORDER GRANTING IN PART AND DENYING IN PART …”).
_TITLE_WORDS = [
    (re.compile(r"\bGRANTING IN PART\b"), Disposition.GRANTED_IN_PART),
    (re.compile(r"\bDENYING\b.*\bAS MOOT\b"), Disposition.DENIED_AS_MOOT),
    (re.compile(r"\bVACATING\b"), Disposition.VACATED),
    (re.compile(r"\bGRANTING\b"), Disposition.GRANTED),
    (re.compile(r"\bDENYING\b"), Disposition.DENIED),
]


def disposition_of(order: Order) -> str:
    """How the order decides what it addresses: the type's own answer where it has one (“Disposition:
    GRANTED”), else the words of its title, else “terminated”."""
    answer = str((order.details or {}).get("disposition", "")).strip().lower()
    if answer in Disposition.values:
        return answer
    title = order.title.upper()
    for pattern, disposition in _TITLE_WORDS:
        if pattern.search(title):
            return disposition
    return Disposition.TERMINATED


def entries_decide(*, order: Order) -> list[DocketEntry]:
    """Mark the motions and requests the signed order addresses decided by it (with its
    disposition and date); an entry an amended order decided is decided by the amendment now.
    Entries that were not pending (a complaint, a notice) are left as they are."""
    assert order.date is not None  # signing stamps the date first
    disposition = disposition_of(order)
    decided = []
    previous = {order.amends_id} if order.amends_id else set()
    for entry in order.docket_entries.all():
        if not (entry.pending or (entry.terminated_by_id and entry.terminated_by_id in previous)):
            continue
        entry.pending = False
        entry.terminated_by = order
        entry.disposition = disposition
        entry.decided_on = order.date
        entry.full_clean()
        entry.save(update_fields=["pending", "terminated_by", "disposition", "decided_on", "updated_at"])
        decided.append(entry)
    return decided


def filed_entry_text(order: Order) -> str:
    """The docket text of the filed order's entry, as CM/ECF words an order: “ORDER DENYING
    DISCOVERY MOTION re 53. Signed by Judge James on 12/1/2026.” (the docket's own text replaces it
    when the docket is imported again)."""
    numbers = ", ".join(str(n) for n in order.entry_numbers)
    signed = f" Signed by {order.judge.full_name} on {order.date:%-m/%-d/%Y}." if order.date else ""
    return f"{order.title}{f' re {numbers}' if numbers else ''}.{signed}"


def entry_for_filed_order(*, order: Order, number: int) -> DocketEntry:
    """The filed order as an entry of its case's docket under ``number``: created, or, when the
    docket already has that entry (imported before the filing was recorded), the order entry
    there, linked. A number already taken by another document is refused."""
    existing = DocketEntry.objects.select_for_update().filter(case_id=order.case_id, number=number).first()
    if existing is not None:
        other = existing.filed_order
        if other is not None and other.pk != order.pk:
            raise ValidationError(ERROR_DOCKET_NUMBER_OTHER_ORDER.format(number=number, title=other.title))
        if existing.kind != EntryKind.ORDER:
            text = existing.description[:80]
            raise ValidationError(ERROR_DOCKET_NUMBER_TAKEN.format(number=number, text=text))
        existing.filed_order = order
        existing.full_clean()
        existing.save(update_fields=["filed_order", "updated_at"])
        return existing
    entry = DocketEntry(
        case_id=order.case_id,
        number=number,
        date_filed=timezone.localdate(),
        description=filed_entry_text(order),
        kind=EntryKind.ORDER,
        pending=False,
        filed_order=order,
    )
    entry.full_clean()
    entry.save()
    return entry


def filed_order_numbered(*, order: Order, entry: DocketEntry, user: User | None) -> None:
    """A docket import found the entry of an order filed here without its number: the entry is
    linked to the order and the order takes the number (audited)."""
    entry.filed_order = order
    entry.full_clean()
    entry.save(update_fields=["filed_order", "updated_at"])
    _claim_version(order, None, allow_signed=True)
    order.filed_docket_number = entry.number
    _save_with_history(order, user=user, reason="docket number from the imported docket")
    detail = f"Dkt. No. {entry.number}, from the imported docket"
    audit_record(user=user, action=AuditAction.FILED, order=order, detail=detail)
