"""The pleading-paper PDF of an order: the only place the app talks to WeasyPrint.

document = document_for_order(order)          # or document_for_draft(...) from the wizard
pdf = render_pdf(document, final=True)        # bytes; cached by content
png = render_page_png(pdf, 0, scale=1.5)      # a page preview
"""

from .document import OrderDocument, document_for_draft, document_for_order, pdf_filename
from .errors import RenderRefused
from .fonts import FontMissingError
from .preview import PREVIEW_SCALE, page_count, render_page_png
from .render import render_order_pdf, render_pdf

__all__ = [
    "PREVIEW_SCALE",
    "FontMissingError",
    "OrderDocument",
    "RenderRefused",
    "document_for_draft",
    "document_for_order",
    "page_count",
    "pdf_filename",
    "render_order_pdf",
    "render_page_png",
    "render_pdf",
]
