"""The judge's digitally signed upload, verified with pyHanko before it is frozen.

The app issues a *signing copy* (the final PDF with an empty ``JudgeSignature`` field); the judge
signs it in a PDF reader and uploads the result. ``verify_signed_upload`` accepts it only if:

1. it is a PDF under the size limit;
2. it begins with the issued signing copy byte for byte: the reader added an incremental update
   and rewrote nothing (a re-saved or another document fails here);
3. it holds exactly one signature, in the ``JudgeSignature`` field;
4. the signature is cryptographically intact and valid (the signed bytes hash to the signed
   digest, the signer's key made the signature): a tampered file fails here;
5. the signature covers the whole file (nothing was appended after signing);
6. the update that added it changed nothing but the signature field (pyHanko's difference
   analysis: form filling at most);
7. if trust roots are configured (``SIGNATURE_TRUST_ROOTS``) and required
   (``SIGNATURE_REQUIRE_TRUST``), the signer's certificate chains to one of them.

A refusal is a ``SignatureRefused`` whose ``check`` names the check that failed and whose
message says it in words. Runs in the calling process with a size cap; pyHanko parses the file.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from .errors import RenderRefused
from .render import SIGNATURE_FIELD_NAME

ERRORS = {
    "pdf": "The file is not a PDF (or is larger than {limit:,} bytes).",
    "issued_copy": (
        "The file is not the signing copy issued for this order with a signature added to it: it "
        "was re-saved, edited, or is another document. Sign the downloaded signing copy and upload "
        "what the PDF reader saved."
    ),
    "signature_count": "The file holds {count} signatures; it must hold exactly one, the judge's.",
    "field": "The signature is in the field “{name}”, not in the judge's signature field.",
    "intact": "The signature does not match the signed bytes: the file was changed after it was signed.",
    "valid": "The signature is not valid: it was not made with the signer's certificate key.",
    "coverage": "The signature does not cover the whole file: something was added after signing.",
    "changes": "Signing changed more than the signature field (pages, text or annotations were altered).",
    "trust": "The signer's certificate is not issued by an authority this court trusts.",
}


class SignatureRefused(RenderRefused):
    """An upload that failed a check; ``check`` is the key of the check (see ``ERRORS``)."""

    def __init__(self, check: str, **values) -> None:
        super().__init__(ERRORS[check].format(**values))
        self.check = check


@dataclass(frozen=True)
class VerifiedSignature:
    signer: str  # the certificate's subject, e.g. “Common Name: Maria-Elena James, …”
    signed_at: datetime.datetime | None  # the time the reader put in the signature, if any
    trusted: bool  # the certificate chains to a configured trust root


def _validation_context(trust_roots: list[bytes]):
    from asn1crypto import pem, x509
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for data in trust_roots:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        roots.append(x509.Certificate.load(data))
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def _check_status(status, *, require_trust: bool) -> None:
    """Checks 4, 5 and 7 on pyHanko's status of the signature (intact, valid, whole file, trust;
    the trust check last, so a tampered file is reported as tampered)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        raise SignatureRefused("intact")
    if not status.valid:
        raise SignatureRefused("valid")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise SignatureRefused("coverage")
    if require_trust and not status.trusted:
        raise SignatureRefused("trust")


def verify_signed_upload(
    uploaded: bytes,
    *,
    issued: bytes,
    max_bytes: int,
    trust_roots: list[bytes] | None = None,
    require_trust: bool = False,
) -> VerifiedSignature:
    """Check ``uploaded`` against the ``issued`` signing copy (see the module docstring)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature

    if len(uploaded) > max_bytes or not uploaded.startswith(b"%PDF-"):
        raise SignatureRefused("pdf", limit=max_bytes)
    if len(uploaded) <= len(issued) or not uploaded.startswith(issued):
        raise SignatureRefused("issued_copy")
    try:
        reader = PdfFileReader(io.BytesIO(uploaded), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:  # a malformed update: pyHanko raises many kinds
        raise SignatureRefused("pdf", limit=max_bytes) from error
    if len(signatures) != 1:
        raise SignatureRefused("signature_count", count=len(signatures))
    signature = signatures[0]
    if signature.field_name != SIGNATURE_FIELD_NAME:
        raise SignatureRefused("field", name=signature.field_name)
    status = validate_pdf_signature(signature, _validation_context(trust_roots or []))
    _check_status(status, require_trust=require_trust)
    issued_revisions = PdfFileReader(io.BytesIO(issued), strict=False).xrefs.total_revisions
    review = DEFAULT_DIFF_POLICY.review_file(reader, issued_revisions - 1)
    level = getattr(review, "modification_level", None)
    if level is None or level > ModificationLevel.FORM_FILLING:
        raise SignatureRefused("changes")
    return VerifiedSignature(
        signer=signature.signer_cert.subject.human_friendly,
        signed_at=signature.self_reported_timestamp,
        trusted=bool(status.trusted),
    )
