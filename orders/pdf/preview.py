"""Page previews (PNG) and page counts of rendered PDFs, through pdfium."""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium

ERROR_NO_PAGE = "The PDF has {count} page(s); there is no page {index}."

_pdfium_lock = threading.Lock()  # pdfium is not thread-safe (threaded dev server, ASGI)


def page_count(pdf: bytes) -> int:
    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page_png(pdf: bytes, page_index: int = 0, *, scale: float = 1.0) -> bytes:
    """One page (0-based) as PNG; ``scale`` 1.0 is 72 dpi (612 × 792 pixels for US Letter).

    Raises ``IndexError`` for a page the PDF does not have."""
    with _pdfium_lock:
        document = pdfium.PdfDocument(pdf)
        try:
            count = len(document)
            if not 0 <= page_index < count:
                raise IndexError(ERROR_NO_PAGE.format(count=count, index=page_index + 1))
            page = document[page_index]
            image = page.render(scale=scale).to_pil()
            page.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
