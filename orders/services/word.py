"""Word files back into the app: an edited DOCX of an order saved as its next version, and a
party's proposed order in Word made a draft of the general order type (the file kept).

The file itself is read (``orders.docx.reading``) before this is called; here the read-back
body is checked against who may edit the order, its status and the version the user saw, and
saved through ``order_update`` (history, audit, optimistic locking), all in one transaction.
"""

from __future__ import annotations

import hashlib
import re

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import ValidationError
from django.db import transaction

from .. import selectors
from ..body import parse_document
from ..case_numbers import case_number_key
from ..models import AuditAction, Case, ImportedFile, Order
from ..permissions import Action, require_draft_in, require_order
from ..search.query import CASE_NUMBER_IN_TEXT
from ._common import User
from .audit import _refusals_audited, audit_record
from .drafting import order_draft_create, order_update

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


# --- A party's proposed order ---------------------------------------------------------------

GENERAL_ORDER = "general_order"  # the order type a proposed order's text becomes a draft of
ERROR_PROPOSED_OTHER_CASE = (
    "The proposed order's caption names case {named}, not this case ({case}). Upload it in its own "
    "case, or choose this case only if the caption is wrong."
)
ERROR_PROPOSED_NO_TITLE = "The proposed order has no title: nothing reads “ORDER …” above its text."
_PROPOSED = re.compile(r"^\s*\[\s*PROPOSED\s*\]\s*", re.IGNORECASE)


def proposed_order_title(title: str) -> str:
    """“[PROPOSED] ORDER GRANTING STAY” → “ORDER GRANTING STAY”: the order the judge signs."""
    return " ".join(_PROPOSED.sub("", title).split()).upper()


def case_number_named(text: str) -> str:
    """The first case number written in ``text`` (a caption), or ""."""
    for match in CASE_NUMBER_IN_TEXT.finditer(text or ""):
        if case_number_key(match.group(0)):
            return match.group(0)
    return ""


def proposed_order_draft_create(
    *,
    case: Case,
    user: AuthUser,
    body: str,
    title: str,
    caption_text: str,
    filename: str,
    data: bytes,
    override_case: bool = False,
) -> Order:
    """A party's proposed order (``body`` and ``title`` read from its Word file) as a new draft of
    the general order type in ``case``, with the file kept byte for byte and its SHA-256.

    A caption that names another case number is refused unless ``override_case`` (the user says
    the caption is wrong); the user must be one who may draft in the case."""
    judge = selectors.drafting_judge(user, case)
    with _refusals_audited(user=user, order=None, attempted="draft an order", ip=None, invalid_input=False):
        require_draft_in(user, case, judge)
    named = case_number_named(caption_text)
    if named and not override_case and case_number_key(named) != case.number_key:
        raise ValidationError(ERROR_PROPOSED_OTHER_CASE.format(named=named, case=case.number))
    order_title = proposed_order_title(title)
    if not order_title:
        raise ValidationError(ERROR_PROPOSED_NO_TITLE)
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        order = order_draft_create(
            case=case,
            order_type_key=GENERAL_ORDER,
            entries=[],
            data={"order_title": order_title, "text": body},
            created_by=user,
            body=body,
            title=order_title,
            judge=judge,
            audit_detail=f"draft from the proposed order “{filename[:120]}”, SHA-256 {sha256}",
        )
        source = ImportedFile(
            order=order,
            kind=ImportedFile.Kind.DOCX,
            filename=filename[:255],
            size=len(data),
            sha256=sha256,
            data=data,
        )
        source.full_clean()
        source.save()
    return order
