"""The plain federal format most district courts print their orders in (the court's profile
says which, ``orders.courts.profiles``): US Letter, 1-inch margins, no line numbers,
double-spaced 12-point Liberation Serif, the page number centred at the bottom, the heading and
the caption centred (“Civil Action No.” or “Case No.” as the court writes it), then the closing
(“SO ORDERED.”), the date and the judge's signature block.

Laid out by WeasyPrint from ``templates/pdf/order_plain.html`` and ``static/pdf/plain.css`` (the
page number is CSS; the DRAFT watermark is drawn as outlines, as on pleading paper, so it is no
text to extract); the fetcher, fonts, the glyph and column checks, the render lock, the signature
field and the content cache are the pleading renderer's.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.template import engines
from django.template.backends.django import Template as DjangoTemplate
from weasyprint import CSS

from . import render
from .cache import ContentCache
from .checks import check_column
from .document import OrderDocument
from .fetcher import STATIC_BASE_URL, StaticOnlyFetcher, static_url
from .glyphs import check_embedded_fonts, check_texts
from .paper import watermark_finisher

TEMPLATE_NAME = "pdf/order_plain.html"
STYLESHEET = "pdf/plain.css"

_cache = ContentCache("pdf")


@dataclass(frozen=True)
class _PlainResources:
    stylesheet: CSS
    template: Any
    digest: str


@functools.cache
def _plain_resources() -> _PlainResources:
    shared = render._resources()  # checks the font, makes the shared font configuration
    css_text = render._static_text(STYLESHEET)
    stylesheet = CSS(
        string=css_text,
        base_url=static_url(STYLESHEET),
        url_fetcher=StaticOnlyFetcher(),
        font_config=shared.font_config,
    )
    template = cast(DjangoTemplate, engines["django"].get_template(TEMPLATE_NAME))
    source = Path(template.origin.name).read_text(encoding="utf-8")
    digest = hashlib.sha256("\0".join([css_text, source, shared.digest]).encode("utf-8")).hexdigest()
    return _PlainResources(stylesheet=stylesheet, template=template, digest=digest)


def build_plain_html(document: OrderDocument, *, draft: bool, conformed: bool) -> str:
    """The HTML of a plain-format order (all case text escaped by the template)."""
    context = {
        "doc": document,
        "draft": draft,
        "conformed": conformed,
        "date_text": render.date_text(document),
        "blocks": render._blocks(document, {}),
    }
    return _plain_resources().template.render(context)


def render_plain_pdf(document: OrderDocument, *, final: bool, signature: str, pdfa: bool) -> bytes:
    """``render.render_pdf`` for a court whose profile is the plain format."""
    key = hashlib.sha256(
        f"plain|{document.fingerprint()}|{final}|{signature}|{pdfa}|{_plain_resources().digest}".encode()
    ).hexdigest()
    return _cache.get_or_make(key, lambda: _render(document, final=final, signature=signature, pdfa=pdfa))


def _render(document: OrderDocument, *, final: bool, signature: str, pdfa: bool) -> bytes:
    options = dict(render.PDF_OPTIONS)
    if pdfa:
        options["pdf_variant"] = render.PDFA_VARIANT
    resources = _plain_resources()
    check_texts(document.printed_texts())  # every character in a font of the chain, or refused
    watermark = watermark_finisher() if not final else None

    def finisher(laid_out: Any, pdf: Any) -> None:
        check_embedded_fonts(
            str(obj["BaseFont"])
            for obj in pdf.objects
            if isinstance(obj, dict) and obj.get("Type") == "/Font" and "BaseFont" in obj
        )
        if watermark is not None:
            watermark(laid_out, pdf)
        for obj in pdf.objects:  # footnotes (see markup.py) are notes in the structure tree
            if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and obj.get("S") == "/Caption":
                obj["S"] = "/Note"

    with render._render_lock:
        html = render.OrderHTML(
            string=build_plain_html(document, draft=not final, conformed=signature == "conformed"),
            base_url=STATIC_BASE_URL,
            url_fetcher=render.new_fetcher(),
        )
        layout = html.render(
            stylesheets=[resources.stylesheet], font_config=render._resources().font_config, **options
        )
        check_column(layout)  # nothing past the text column: refused with the text named
        pdf = layout.write_pdf(finisher=finisher, **options)
    if final and signature == "field":
        pdf = render._add_signature_field(pdf, render.signature_line(layout))
    return pdf
