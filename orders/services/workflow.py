"""Workflow: review, signing, filing, corrections; every step audited."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    AuditAction,
    Order,
    OrderComment,
    OrderDocketEntry,
    SignedPdf,
)
from ..permissions import Action, require_order
from ._common import (
    ERROR_COMMENT_REQUIRED,
    ERROR_FILING_PREFLIGHT,
    ERROR_SIGN_IN_READER,
    ERROR_SIGNATURE_CHOICE,
    Signature,
    User,
    _claim_version,
    _save_with_history,
)
from .audit import _refusals_audited, audit_record
from .docket_loop import entries_decide, entry_for_filed_order


def order_send_for_signature(
    *, order: Order, user: User, expected_version: int | None = None, ip: str | None = None
) -> Order:
    """Draft → ready for signature."""
    with _refusals_audited(user=user, order=order, attempted="send for signature", ip=ip):
        require_order(user, Action.SEND, order)
        with transaction.atomic():
            _claim_version(order, expected_version)
            order.status = Order.Status.READY
            _save_with_history(order, user=user, reason="sent for signature")
            audit_record(user=user, action=AuditAction.SENT, order=order, ip=ip)
    return order


def order_send_back(
    *, order: Order, user: User, comment: str, expected_version: int | None = None, ip: str | None = None
) -> OrderComment:
    """Ready for signature → draft, with the judge's comment on what to change."""
    with _refusals_audited(user=user, order=order, attempted="send back", ip=ip):
        require_order(user, Action.SEND_BACK, order)
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError(ERROR_COMMENT_REQUIRED)
        with transaction.atomic():
            _claim_version(order, expected_version)
            order.status = Order.Status.DRAFT
            _save_with_history(order, user=user, reason="sent back for changes")
            note = OrderComment(order=order, author=user, text=comment)
            note.full_clean()
            note.save()
            audit_record(user=user, action=AuditAction.SENT_BACK, order=order, ip=ip, detail=comment)
    return note


PRINTED_SALT = "orders.printed-document"
ERROR_PRINTED_CHANGED = (
    "What this order prints changed since the page you signed from was shown; nothing was signed. "
    "Read the order again, then sign. Changed: {changes}"
)
ERROR_PRINTED_MISSING = "The signing form was incomplete; reload the page and read the order again."


def order_printed_token(order: Order) -> str:
    """What the review page shows the judge, for its sign form: the fingerprint of every printed
    value (``OrderDocument.fingerprint``) and the printed texts outside the body (the caption,
    case number, heading, judge; the body is the order's version), signed by the server."""
    from ..pdf import document_for_order

    document = document_for_order(order)
    texts = [[where, text] for where, text in document.printed_texts() if "of the order's text" not in where]
    return signing.dumps(
        {"fingerprint": document.fingerprint(), "texts": texts}, salt=PRINTED_SALT, compress=True
    )


def _check_printed(order: Order, token: str) -> None:
    """Refuse to sign unless the order prints exactly what the judge was shown (a docket import
    since may have added a party to the caption), naming what changed."""
    from ..pdf import document_for_order

    try:
        shown = signing.loads(token, salt=PRINTED_SALT)
    except signing.BadSignature:
        raise ValidationError(ERROR_PRINTED_MISSING) from None
    document = document_for_order(order)
    if document.fingerprint() == shown.get("fingerprint"):
        return
    now = [[where, text] for where, text in document.printed_texts() if "of the order's text" not in where]
    before = [tuple(item) for item in shown.get("texts", [])]
    changes = [
        f"{where}: “{old}” → “{new}”"
        for (where, old), (_w, new) in zip(before, [tuple(item) for item in now], strict=False)
        if old != new
    ]
    if len(before) != len(now):
        changes.append("the printed parts of the order")
    raise ValidationError(ERROR_PRINTED_CHANGED.format(changes="; ".join(changes) or "the order's text"))


def order_recall(
    *, order: Order, user: User, expected_version: int | None = None, ip: str | None = None
) -> Order:
    """Ready for signature → draft: the clerk takes back an order sent to the judge, to change it
    (a clerk or the judge of the order's chambers; audited)."""
    with _refusals_audited(user=user, order=order, attempted="recall", ip=ip):
        require_order(user, Action.RECALL, order)
        with transaction.atomic():
            _claim_version(order, expected_version)
            order.status = Order.Status.DRAFT
            _save_with_history(order, user=user, reason="recalled to draft")
            audit_record(user=user, action=AuditAction.RECALLED, order=order, ip=ip)
    return order


def order_sign(
    *,
    order: Order,
    user: User,
    signature: Signature,
    expected_version: int | None = None,
    printed: str | None = None,
    ip: str | None = None,
) -> SignedPdf:
    """The judge signs with the conformed “/s/” signature: the date is stamped if empty, the
    filing copy (final, no watermark, no form field) is rendered once, passes the preflight
    (``orders.pdf.preflight``), and its bytes are frozen with their SHA-256; from then on the order
    cannot change. ``expected_version`` makes sure the judge signs the text they read, and
    ``printed`` (``order_printed_token`` of the page they read) that nothing else printed changed
    since (the caption from a docket re-import, the judge's title…). A digital
    signature is made in a PDF reader on the signing copy and uploaded (``services.signing``)."""
    from django.conf import settings

    from ..pdf import render_order_pdf  # the renderer is heavy; load it only to sign
    from ..pdf.preflight import preflight

    def filing_copy() -> bytes:
        pdf = render_order_pdf(order, final=True, signature=signature)
        problems = preflight(pdf, max_bytes=settings.FILING_PDF_MAX_BYTES)
        if problems:
            raise ValidationError(ERROR_FILING_PREFLIGHT.format(problems=" ".join(problems)))
        return pdf

    with _refusals_audited(user=user, order=order, attempted="sign", ip=ip):
        _check_can_sign(order, user)
        if signature not in SignedPdf.Signature.values:
            raise ValidationError(ERROR_SIGNATURE_CHOICE)
        if signature == SignedPdf.Signature.FIELD:
            raise ValidationError(ERROR_SIGN_IN_READER)
        if printed is not None and expected_version in (None, order.version):
            _check_printed(order, printed)  # (a stale version is refused with its changes below)
        return _freeze_signed(
            order,
            user=user,
            expected_version=expected_version,
            signature=signature,
            pdf=filing_copy,
            ip=ip,
        )


def _check_can_sign(order: Order, user: User) -> None:
    """The judge of the order's chambers, and the order ready for signature."""
    require_order(user, Action.SIGN, order)


def _freeze_signed(
    order: Order,
    *,
    user: User,
    expected_version: int | None,
    signature: str,
    pdf: Callable[[], bytes],
    ip: str | None,
    signer: str = "",
    detail: str = "",
) -> SignedPdf:
    """One transaction: the version claimed, the date stamped if empty, the order signed, and
    the PDF ``pdf()`` makes (after the date is stamped) frozen with its SHA-256; audited."""
    with transaction.atomic():
        _claim_version(order, expected_version)
        if order.date is None:
            order.date = timezone.localdate()
        order.status = Order.Status.SIGNED
        _save_with_history(order, user=user, reason=f"signed ({signature})")
        data = pdf()
        signed = SignedPdf(
            order=order,
            pdf=data,
            sha256=hashlib.sha256(data).hexdigest(),
            signature=signature,
            signed_by=user,
            signer=signer[:300],
        )
        signed.full_clean()
        signed.save()
        decided = entries_decide(order=order)
        decisions = "".join(f"Dkt. No. {e.number} {e.get_disposition_display().lower()}; " for e in decided)
        audit_record(
            user=user,
            action=AuditAction.SIGNED,
            order=order,
            ip=ip,
            detail=f"{detail}{decisions}SHA-256 {signed.sha256}",
        )
    return signed


def order_mark_filed(
    *, order: Order, user: User, docket_number: int | None = None, ip: str | None = None
) -> Order:
    """Signed → filed, optionally with the order's own docket number."""
    with _refusals_audited(user=user, order=order, attempted="mark filed", ip=ip):
        require_order(user, Action.FILE, order)
        with transaction.atomic():
            _claim_version(order, None, allow_signed=True)
            order.status = Order.Status.FILED
            order.filed_docket_number = docket_number
            _save_with_history(order, user=user, reason="filed")
            if docket_number:
                entry_for_filed_order(order=order, number=docket_number)
            detail = f"Dkt. No. {docket_number}" if docket_number else ""
            audit_record(user=user, action=AuditAction.FILED, order=order, ip=ip, detail=detail)
    return order


AMENDED_PREFIX = "AMENDED "


def order_amend(*, order: Order, user: User, ip: str | None = None) -> Order:
    """A correction of a signed order: a new draft with the same text, linked to the original,
    which stays as it was."""
    with _refusals_audited(user=user, order=order, attempted="amend", ip=ip):
        require_order(user, Action.AMEND, order)
        title = order.title if order.title.startswith(AMENDED_PREFIX) else AMENDED_PREFIX + order.title
        with transaction.atomic():
            amended = Order(
                case=order.case,
                order_type=order.order_type,
                judge=order.judge,
                title=title[:300],
                body=order.body,
                details=order.details,
                created_by=user,
                amends=order,
            )
            _save_with_history(amended, user=user, reason=f"amends order {order.pk}")
            OrderDocketEntry.objects.bulk_create(
                [OrderDocketEntry(order=amended, docket_entry=entry) for entry in order.docket_entries.all()]
            )
            audit_record(
                user=user,
                action=AuditAction.AMENDED,
                order=order,
                ip=ip,
                detail=f"amended by order {amended.pk}",
            )
            audit_record(
                user=user, action=AuditAction.CREATED, order=amended, ip=ip, detail=f"amends order {order.pk}"
            )
    return amended
