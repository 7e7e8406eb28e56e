"""Orders as Word documents on the court's paper.

- ``export.py``: ``build_docx(document, draft=, conformed=)``, the same caption, body, signature
  block and footer as the PDF; ``paper.py`` the numbered lines, rules, footer and watermark;
  ``styles.py`` the named styles (“Order Body”, “Order Heading”, “Block Quote”, …);
  ``measure.py`` the line counts that keep single-spaced blocks on the grid;
- ``package.py``: an uploaded DOCX checked before it is read (zip bombs, macros, encryption,
  external links, embedded objects); ``reading.py``: its body read back into the body format
  (tracked changes accepted, comments listed, caption/signature/footer left out).
"""

from __future__ import annotations

from django.utils.text import slugify

from ..models import Order
from ..pdf.document import document_for_order
from ..sandbox import Limits, SandboxRefused, run_limited
from .export import build_docx
from .package import DocxRefused
from .reading import ReadBack, read_docx

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ERROR_DOCX_TOO_COMPLEX = (
    "The Word file is too complex to read: it needs more memory or time than any order would. "
    "Save it again from Word as a plain .docx and retry."
)
# An edited 10-page order reads in 0.1 s and 40 MB; the package checks bound what is inflated.
DOCX_LIMITS = Limits(memory_bytes=384 * 1024 * 1024, cpu_seconds=4, wall_seconds=8.0)

__all__ = [
    "DOCX_CONTENT_TYPE",
    "ReadBack",
    "build_docx",
    "docx_filename",
    "read_uploaded_docx",
    "render_order_docx",
]


def read_uploaded_docx(data: bytes) -> ReadBack:
    """An uploaded Word file read back (``DocxRefused`` with the reason when it is not one to
    read): the archive checked before any part is inflated, every part bounded, all of it in a
    child process within ``DOCX_LIMITS`` (``orders.sandbox``)."""
    try:
        return run_limited(read_docx, data, limits=DOCX_LIMITS, passthrough=(DocxRefused,))
    except SandboxRefused as refusal:
        raise DocxRefused(ERROR_DOCX_TOO_COMPLEX) from refusal


def render_order_docx(order: Order) -> bytes:
    """A stored order as DOCX: a signed order with its conformed “/s/” signature and no
    watermark; any other order as a watermarked draft."""
    signed = order.is_signed
    return build_docx(document_for_order(order), draft=not signed, conformed=signed)


def docx_filename(order: Order) -> str:
    """“14-cv-05578-MEJ-order-denying-request-for-extension-of-time-draft.docx”."""
    stem = slugify(f"{order.case.number} {order.title}")[:120].strip("-") or "order"
    return f"{stem}.docx" if order.is_signed else f"{stem}-draft.docx"
