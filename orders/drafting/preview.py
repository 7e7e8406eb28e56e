"""The review step's live preview: the draft's pages as PNG data URLs, or why there are none."""

from __future__ import annotations

import base64
import logging

from django.http import JsonResponse

from ..pdf import PREVIEW_SCALE, FontMissingError, RenderRefused, page_count, render_page_png, render_pdf
from ..pdf.document import OrderDocument

logger = logging.getLogger(__name__)


def preview_pages(document: OrderDocument) -> JsonResponse:
    """``{"pages": [data URL, …]}``, or ``{"error": …}`` with 422 (a refused text) or 503."""
    try:
        pdf = render_pdf(document)
    except FontMissingError:
        logger.exception("Preview of a draft failed: the pleading-paper font is missing")
        return JsonResponse({"error": "The preview is unavailable: the PDF font is missing."}, status=503)
    except RenderRefused as refused:  # a character no font has, a footnote without text, …
        return JsonResponse({"error": str(refused)}, status=422)
    pngs = [render_page_png(pdf, index, scale=PREVIEW_SCALE) for index in range(page_count(pdf))]
    pages = ["data:image/png;base64," + base64.b64encode(png).decode() for png in pngs]
    return JsonResponse({"pages": pages})
