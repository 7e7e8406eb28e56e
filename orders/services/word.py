"""Word files back into the app: an edited DOCX of an order saved as its next version.

The file itself is read (``orders.docx.reading``) before this is called; here the read-back
body is checked against who may edit the order, its status and the version the user saw, and
saved through ``order_update`` (history, audit, optimistic locking), all in one transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ..body import parse_document
from ..models import AuditAction, Order
from ..permissions import Action, require_order
from ._common import User
from .audit import _refusals_audited, audit_record
from .drafting import order_update

ERROR_WORD_UNCHANGED = "The Word file's text is the same as the current version: nothing to save."
ERROR_WORD_FOOTNOTES = "The Word file's footnotes do not match their references: {errors}"


def order_check_word_upload(*, order: Order, user: User) -> None:
    """Refuse, before the file is even read, a user or an order that cannot take a Word edit."""
    require_order(user, Action.WORD_UPLOAD, order)


def order_update_from_word(
    *,
    order: Order,
    user: User,
    body: str,
    expected_version: int,
    filename: str,
    sha256: str,
    accepted_changes: str = "",
    ip: str | None = None,
) -> Order:
    """Save ``body`` (read from an uploaded Word file) as the order's next version.

    An order ready for signature goes back to draft first (the judge must read the new text
    before signing it); the version check of ``order_update`` refuses a file made from an older
    version (``OrderVersionConflict``: nothing is overwritten)."""
    with _refusals_audited(user=user, order=order, attempted="take in a Word file for", ip=ip):
        order_check_word_upload(order=order, user=user)
        errors = parse_document(body).errors
        if errors:
            raise ValidationError(ERROR_WORD_FOOTNOTES.format(errors=" ".join(errors)))
        if " ".join(body.split()) == " ".join(order.body.split()):
            raise ValidationError(ERROR_WORD_UNCHANGED)
        with transaction.atomic():
            if order.status == Order.Status.READY:
                order.status = Order.Status.DRAFT
                order.save(update_fields=["status", "updated_at"])
            order = order_update(order=order, user=user, expected_version=expected_version, body=body, ip=ip)
            audit_record(
                user=user,
                action=AuditAction.EDITED,
                order=order,
                ip=ip,
                detail=f"version {order.version} from Word file “{filename[:120]}”, SHA-256 {sha256}"
                + (f"; {accepted_changes}" if accepted_changes else ""),
            )
    return order
