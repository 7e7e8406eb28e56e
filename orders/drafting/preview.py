"""The review step's live preview: the draft's pages as PNG data URLs, or why there are none.

Bounded (finding 6 of the adversarial review: 2.3 MB posted to the review step drew 905 pages
into 106 MB of JSON in 31 s): the text's own limits apply (the review form refuses a body over
``BODY_MAX_LENGTH``), only ``PREVIEW_PAGES`` pages are drawn per request (the page asks for the
next ones when the reader wants them), and a user has one preview drawing at a time
(``preview_slot``, a lock in the render cache every worker shares).
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import caches
from django.http import JsonResponse

from ..pdf import PREVIEW_SCALE, FontMissingError, RenderRefused, page_count, render_page_png, render_pdf
from ..pdf.document import OrderDocument

logger = logging.getLogger(__name__)

PREVIEW_PAGES = 3
PREVIEW_LOCK_SECONDS = 60  # a lock outlives no render: a worker killed mid-render frees it then
ERROR_PREVIEW_BUSY = "A preview is already being drawn for you; it will show when that one is done."
ERROR_READ_ONLY_PREVIEW = "Read-only members cannot draft, so there is no preview to draw."


@contextmanager
def preview_slot(user_id: int) -> Iterator[bool]:
    """True (and held until the block ends) when no other preview of this user is drawing."""
    cache = caches["renders"]
    key = f"preview-lock:{user_id}"
    granted = cache.add(key, 1, PREVIEW_LOCK_SECONDS)
    try:
        yield granted
    finally:
        if granted:
            cache.delete(key)


def first_page_asked(value: str | None) -> int:
    """The first page a request asks for (``preview_first``, 1-based); 1 for anything else."""
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def preview_pages(document: OrderDocument, *, first: int = 1) -> JsonResponse:
    """``{"pages": [data URL, …], "first": n, "page_count": total}`` for at most ``PREVIEW_PAGES``
    pages from ``first``, or ``{"error": …}`` with 422 (a refused text) or 503."""
    try:
        pdf = render_pdf(document)
    except FontMissingError:
        logger.exception("Preview of a draft failed: the pleading-paper font is missing")
        return JsonResponse({"error": "The preview is unavailable: the PDF font is missing."}, status=503)
    except RenderRefused as refused:  # a character no font has, a footnote without text, …
        return JsonResponse({"error": str(refused)}, status=422)
    total = page_count(pdf)
    first = min(first, max(total, 1))
    indexes = range(first - 1, min(total, first - 1 + PREVIEW_PAGES))
    pngs = [render_page_png(pdf, index, scale=PREVIEW_SCALE) for index in indexes]
    pages = ["data:image/png;base64," + base64.b64encode(png).decode() for png in pngs]
    return JsonResponse({"pages": pages, "first": first, "page_count": total})
