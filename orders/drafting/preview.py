"""The review step's live preview: the draft's pages as PNG data URLs, or why there are none.

Bounded (finding 6 of the adversarial review: 2.3 MB posted to the review step drew 905 pages
into 106 MB of JSON in 31 s): the text's own limits apply (the review form refuses a body over
``BODY_MAX_LENGTH``), only ``PREVIEW_PAGES`` pages are drawn per request (the page asks for the
next ones when the reader wants them), and a user has one preview drawing at a time
(``preview_slot``, a lock in the render cache every worker shares).

Only the pages shown are laid out: the body is cut (``body_prefix``) after enough blocks to fill
them and one more page, counting at most ``CHARS_PER_PAGE`` characters a page (a pleading page
holds about 2,000), so those pages are the same as in the whole order's PDF.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import caches
from django.http import JsonResponse

from ..body import join_body, parse_document
from ..pdf import PREVIEW_SCALE, FontMissingError, RenderRefused, page_count, render_page_png, render_pdf
from ..pdf.document import OrderDocument

logger = logging.getLogger(__name__)

PREVIEW_PAGES = 3
CHARS_PER_PAGE = 5_000  # more than any page holds, footnotes and single-spaced quotes included
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


def body_prefix(body: str, chars: int) -> tuple[str, bool]:
    """The body's first blocks up to ``chars`` characters (the last one cut at a space if it is
    longer), with the footnotes they refer to, and whether anything was left out."""
    document = parse_document(body)
    kept: list = []
    size = 0
    cut = False
    for block in document.blocks:
        if size >= chars:
            cut = True
            break
        if size + len(block.text) > chars:  # a long paragraph: its beginning, cut at a space
            block = dataclasses.replace(block, text=block.text[: chars - size].rsplit(" ", 1)[0].rstrip("\\"))
            cut = True
        kept.append(block)
        size += len(block.text)
    if not cut:
        return body, False
    labels = [span.footnote for block in kept for span in block.spans if span.footnote]
    notes = [document.footnotes[label] for label in dict.fromkeys(labels) if label in document.footnotes]
    return join_body(kept + notes), True


def preview_pages(document: OrderDocument, *, first: int = 1) -> JsonResponse:
    """``{"pages": [data URL, …], "first": n, "page_count": total or None, "more": bool}`` for at
    most ``PREVIEW_PAGES`` pages from ``first`` (``page_count`` is None when only the beginning was
    laid out), or ``{"error": …}`` with 422 (a refused text) or 503."""
    last = first - 1 + PREVIEW_PAGES
    body, cut = body_prefix(document.body, (last + 1) * CHARS_PER_PAGE)
    try:
        pdf = render_pdf(dataclasses.replace(document, body=body) if cut else document)
    except FontMissingError:
        logger.exception("Preview of a draft failed: the pleading-paper font is missing")
        return JsonResponse({"error": "The preview is unavailable: the PDF font is missing."}, status=503)
    except RenderRefused as refused:  # a character no font has, a footnote without text, …
        return JsonResponse({"error": str(refused)}, status=422)
    total = page_count(pdf)
    shown_to = min(last, total - 1 if cut else total)  # a cut PDF's last page is not the order's
    first = min(first, max(shown_to, 1))
    pngs = [render_page_png(pdf, index, scale=PREVIEW_SCALE) for index in range(first - 1, shown_to)]
    pages = ["data:image/png;base64," + base64.b64encode(png).decode() for png in pngs]
    more = cut or shown_to < total
    return JsonResponse({"pages": pages, "first": first, "page_count": None if cut else total, "more": more})
