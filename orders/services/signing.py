"""Digital signing in a PDF reader: the signing copy issued to the judge, and the signed file
uploaded back, verified with pyHanko (``orders/pdf/signing.py``) before it is frozen.

(Beside ``workflow.order_sign``, which freezes the conformed “/s/” filing copy after its
preflight.) The signing copy is the final PDF with an empty signature field, rendered from the
order as it stands (undated: dated today); it is deterministic, so the copy the upload is
compared with is rendered again, and an order edited since no longer matches.
"""

from __future__ import annotations

import dataclasses
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import AuditAction, Order, SignedPdf
from ._common import User
from .audit import _refusals_audited, audit_record
from .workflow import _check_can_sign, _freeze_signed

ERROR_UPLOAD_REFUSED = "The signed file was refused ({check}): {reason}"


def _signing_copy(order: Order) -> bytes:
    from ..pdf import document_for_order, render_pdf  # the renderer is heavy; load it only here

    document = document_for_order(order)
    document = dataclasses.replace(document, date=order.date or timezone.localdate())
    return render_pdf(document, final=True, signature="field")


def _trust_roots() -> list[bytes]:
    roots = []
    for path in getattr(settings, "SIGNATURE_TRUST_ROOTS", []):
        with open(path, "rb") as handle:
            roots.append(handle.read())
    return roots


def order_signing_copy(*, order: Order, user: User, ip: str | None = None) -> bytes:
    """The PDF the judge signs in a PDF reader (ready for signature, judge only; audited)."""
    with _refusals_audited(user=user, order=order, attempted="download the signing copy", ip=ip):
        _check_can_sign(order, user)
        pdf = _signing_copy(order)
        audit_record(
            user=user,
            action=AuditAction.DOWNLOADED,
            order=order,
            ip=ip,
            detail=f"signing copy, SHA-256 {hashlib.sha256(pdf).hexdigest()}",
        )
    return pdf


def order_sign_uploaded(
    *,
    order: Order,
    user: User,
    pdf: bytes,
    expected_version: int | None = None,
    ip: str | None = None,
) -> SignedPdf:
    """The judge uploads the signing copy signed in a PDF reader: verified (see
    ``orders.pdf.signing``), then frozen as the signed order with its SHA-256 and the signer."""
    from ..pdf.signing import SignatureRefused, verify_signed_upload

    with _refusals_audited(user=user, order=order, attempted="sign (upload)", ip=ip):
        _check_can_sign(order, user)
        try:
            verified = verify_signed_upload(
                pdf,
                issued=_signing_copy(order),
                max_bytes=settings.FILING_PDF_MAX_BYTES,
                trust_roots=_trust_roots(),
                require_trust=settings.SIGNATURE_REQUIRE_TRUST,
            )
        except SignatureRefused as refused:
            raise ValidationError(ERROR_UPLOAD_REFUSED.format(check=refused.check, reason=refused)) from None
        return _freeze_signed(
            order,
            user=user,
            expected_version=expected_version,
            signature=SignedPdf.Signature.FIELD,
            pdf=lambda: pdf,
            ip=ip,
            signer=verified.signer,
            detail=f"digital signature of {verified.signer} verified; ",
        )
