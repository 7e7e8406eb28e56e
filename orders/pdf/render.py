"""Order → PDF bytes through WeasyPrint. Nothing else in the app talks to WeasyPrint.

Speed (see bench/bench_pdf.py): the stylesheet is parsed once and the font configuration
reused for every render; the sheet (line numbers, rules, page number, watermark) is drawn by
``paper.py`` instead of being laid out on every page; block quotes are measured in a small probe
layout rather than by laying the order out twice; fonts are subset (embedding them whole is
slower: zlib on 400 KB per font). A rendered PDF is kept by a SHA-256 of everything printed plus
the options, in the process and in the cache every worker shares (``cache.py``), so the same order
is never rendered twice: the download after the wizard's preview is not a second render.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.contrib.staticfiles import finders
from django.template import engines
from weasyprint import CSS, HTML
from weasyprint import Document as LaidOutDocument
from weasyprint.formatting_structure.boxes import BlockBox
from weasyprint.text.fonts import FontConfiguration

from ..models import Order
from .cache import ContentCache
from .checks import check_column
from .document import OrderDocument, document_for_order
from .fetcher import STATIC_BASE_URL, StaticOnlyFetcher, static_url
from .fonts import ERROR_FONT_FALLBACK, FONT_FAMILY, FontMissingError, require_font
from .geometry import PLEADING
from .glyphs import check_embedded_fonts, check_texts
from .markup import body_blocks
from .paper import digits_font, paper_finisher, title_lines, watermark_operators

logger = logging.getLogger(__name__)

Signature = Literal["field", "conformed"]

TEMPLATE_NAME = "pdf/order.html"
PROBE_TEMPLATE_NAME = "pdf/quote_probe.html"
BODY_TEMPLATE_NAME = "pdf/_body.html"
STYLESHEET = "pdf/pleading.css"
UA_STYLESHEET = "pdf/user-agent.css"
PT_PER_PX = 0.75  # WeasyPrint lays out in CSS px (1/96 in); PDF points are 1/72 in.
GRID_PT = 24.0  # one numbered line
SIGNATURE_RULE_OFFSET_PT = 18.0  # .signature-rule { top: 18pt }
SIGNATURE_FIELD_NAME = "JudgeSignature"

ERROR_SIGNATURE = "signature must be “field” or “conformed”, not {value!r}."

#: WeasyPrint options of every render (see ``bench/bench_pdf.py`` for what each one saves).
PDF_OPTIONS: dict[str, Any] = {
    "full_fonts": False,
    "optimize_images": False,
    "hinting": False,
    "pdf_tags": True,  # a structure tree (headings, paragraphs, lists, footnotes), /Lang from <html lang>
}
PDFA_VARIANT = "pdf/a-3b"


class OrderHTML(HTML):
    """WeasyPrint's HTML with the small user-agent stylesheet of ``static/pdf/user-agent.css``.

    (``_ua_stylesheets`` is WeasyPrint's hook for its default stylesheet, pinned at 70.0; were
    it renamed, the default stylesheet would apply and the layout tests still hold.)"""

    ua_stylesheet: CSS | None = None

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        if self.ua_stylesheet is None or forms:
            return super()._ua_stylesheets(forms)
        return [self.ua_stylesheet]


@dataclass(frozen=True)
class _Resources:
    font_config: FontConfiguration
    stylesheet: CSS
    template: Any
    probe_template: Any
    digest: str  # of the template and stylesheet sources: part of every cache key
    baseline_offset: float  # pt from the top of a 24pt line box to its baseline


@functools.cache
def _resources() -> _Resources:
    require_font(FONT_FAMILY)
    css_text = Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")
    ua_text = Path(finders.find(UA_STYLESHEET)).read_text(encoding="utf-8")
    font_config = FontConfiguration()
    fetcher = StaticOnlyFetcher()
    stylesheet = CSS(
        string=PLEADING.stylesheet() + css_text,
        base_url=static_url(STYLESHEET),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    template = engines["django"].get_template(TEMPLATE_NAME)
    probe_template = engines["django"].get_template(PROBE_TEMPLATE_NAME)
    OrderHTML.ua_stylesheet = CSS(string=ua_text, base_url=static_url(UA_STYLESHEET), url_fetcher=fetcher)
    sources = [css_text, ua_text] + [
        Path(engines["django"].get_template(name).origin.name).read_text(encoding="utf-8")
        for name in (TEMPLATE_NAME, PROBE_TEMPLATE_NAME, BODY_TEMPLATE_NAME)
    ]
    # The renderer's own code (and the body format's) is part of what is printed, too.
    code = [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parent.parent / "body.py"]
    sources += [path.read_text(encoding="utf-8") for path in code]
    digest = hashlib.sha256("\0".join(sources).encode("utf-8")).hexdigest()
    digits_font()
    watermark_operators()
    return _Resources(
        font_config=font_config,
        stylesheet=stylesheet,
        template=template,
        probe_template=probe_template,
        digest=digest,
        baseline_offset=_measure_baseline_offset(stylesheet, font_config),
    )


def _measure_baseline_offset(stylesheet: CSS, font_config: FontConfiguration) -> float:
    """Where WeasyPrint puts the baseline of a double-spaced line (the line numbers go there),
    and a check that the text is really set in the pleading font, not a fallback."""
    probe = OrderHTML(
        string='<div class="paragraph">0 <b>0</b></div>', url_fetcher=StaticOnlyFetcher()
    ).render(stylesheets=[stylesheet], font_config=font_config)
    embedded = probe.write_pdf(uncompressed_pdf=True)
    name = b"+" + FONT_FAMILY.replace(" ", "-").encode()  # "/ABCDEF+Liberation-Serif"
    if not all(name + style in embedded for style in (b"/", b"-Bold/")):
        raise FontMissingError(ERROR_FONT_FALLBACK.format(family=FONT_FAMILY))
    for box in probe.pages[0]._page_box.descendants():
        if type(box).__name__ == "LineBox":
            return box.baseline * PT_PER_PX
    raise RuntimeError("The baseline probe laid out no text.")


def new_fetcher() -> StaticOnlyFetcher:
    """The URL fetcher of one render (a function so tests can spy on it)."""
    return StaticOnlyFetcher()


def date_text(document: OrderDocument) -> str:
    date = document.date
    return f"{date:%B} {date.day}, {date.year}" if date else ""


def build_html(
    document: OrderDocument, *, draft: bool, conformed: bool, pads: dict[str, float] | None = None
) -> str:
    """The HTML of the order (escaped by the template); ``pads`` are bottom margins in pt by id."""
    pads = pads or {}
    context = {
        "doc": document,
        "draft": draft,
        "conformed": conformed,
        "date_text": date_text(document),
        "caption_pad": _pt(pads.get("snap-caption")),
        "blocks": _blocks(document, pads),
    }
    return _resources().template.render(context)


def _blocks(document: OrderDocument, pads: dict[str, float]) -> list[dict[str, Any]]:
    return body_blocks(document.body, pads)


def _quote_pads(document: OrderDocument, options: dict[str, Any]) -> dict[str, float]:
    """Pads of the block quotes, from a layout of the quotes alone at their width: far cheaper
    than laying the whole order out twice."""
    quotes = [block for block in _blocks(document, {}) if block["kind"] == "quote"]
    if not quotes:
        return {}
    resources = _resources()
    html = resources.probe_template.render({"blocks": quotes})
    probe = OrderHTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=new_fetcher()).render(
        stylesheets=[resources.stylesheet], font_config=resources.font_config, **options
    )
    return _snap_pads(probe)


def _pt(value: float | None) -> str:
    return f"{value:.3f}" if value else ""


def _element_boxes(layout: LaidOutDocument, predicate):
    """(page index, box) of every block box (one per page an element is on) matching ``predicate``.

    Its line and text boxes carry the same element: they are skipped."""
    for index, page in enumerate(layout.pages):
        for box in page._page_box.descendants():
            if isinstance(box, BlockBox) and getattr(box, "element", None) is not None and predicate(box):
                yield index, box


def _snap_pads(layout: LaidOutDocument) -> dict[str, float]:
    """Bottom margins (pt) that bring each single-spaced block back to a multiple of 24pt.

    A block that breaks across pages starts each page on a numbered line (its top padding is
    cloned), so only its last part, on the page where the text goes on, is measured. (The space
    under a block is a margin, not padding: WeasyPrint moves a line to the next page when the
    padding under it does not fit, and a margin may be cut at a page's end.)"""
    boxes = {}
    for _, box in _element_boxes(layout, lambda b: (b.element.get("id") or "").startswith("snap-")):
        boxes[box.element.get("id")] = box
    pads = {}
    for ident, box in boxes.items():
        remainder = (box.margin_height() * PT_PER_PX) % GRID_PT
        if 0.01 < remainder < GRID_PT - 0.01:
            pads[ident] = box.margin_bottom * PT_PER_PX + GRID_PT - remainder
    return pads


def _layout(
    document: OrderDocument, *, draft: bool, conformed: bool, options: dict[str, Any]
) -> LaidOutDocument:
    resources = _resources()

    def lay_out(pads: dict[str, float]) -> LaidOutDocument:
        html = OrderHTML(
            string=build_html(document, draft=draft, conformed=conformed, pads=pads),
            base_url=STATIC_BASE_URL,
            url_fetcher=new_fetcher(),
        )
        return html.render(stylesheets=[resources.stylesheet], font_config=resources.font_config, **options)

    pads = _quote_pads(document, options)
    layout = lay_out(pads)
    # The caption is on grid unless a long name or title wraps onto more lines than usual.
    extra = _snap_pads(layout)
    if extra:
        layout = lay_out({**pads, **extra})
    return layout


@dataclass(frozen=True)
class SignatureLine:
    page_index: int
    x1: float  # PDF points, origin bottom-left
    x2: float
    y: float


def signature_line(layout: LaidOutDocument) -> SignatureLine:
    """Where the judge's signature line is, in PDF coordinates."""
    for index, box in _element_boxes(layout, lambda b: b.element.get("id") == "signature-line"):
        page_height = layout.pages[index].height * PT_PER_PX
        x1 = box.border_box_x() * PT_PER_PX
        x2 = x1 + box.border_width() * PT_PER_PX
        y = page_height - (box.border_box_y() * PT_PER_PX + SIGNATURE_RULE_OFFSET_PT)
        return SignatureLine(page_index=index, x1=x1, x2=x2, y=y)
    raise LookupError("The rendered order has no signature line.")


def _add_signature_field(pdf: bytes, line: SignatureLine) -> bytes:
    """The signing copy: ``pdf`` with an empty signature field over the judge's line.

    Written with pikepdf as a new file (not an incremental update), which leaves the document
    information and the XMP metadata as WeasyPrint wrote them, consistent (pyHanko's writer adds
    itself to the Info producer only). The judge's PDF reader signs it as an incremental update."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[line.page_index]
        widget = document.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                FT=pikepdf.Name.Sig,
                T=pikepdf.String(SIGNATURE_FIELD_NAME),
                Rect=[round(line.x1), round(line.y - 6), round(line.x2), round(line.y + 36)],
                F=4,  # printed
                P=page.obj,
            )
        )
        annotations = page.obj.get("/Annots")
        if annotations is None:
            page.obj.Annots = pikepdf.Array([widget])
        else:
            annotations.append(widget)
        document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]))
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


_cache = ContentCache("pdf")
_render_lock = threading.Lock()  # WeasyPrint's shared font configuration is not thread-safe


def cache_clear() -> None:
    """Forget this process's rendered PDFs (the shared cache is keyed by content: never stale)."""
    _cache.clear()


def render_pdf(
    document: OrderDocument, *, final: bool = False, signature: Signature = "field", pdfa: bool = False
) -> bytes:
    """The order as PDF bytes: a draft (DRAFT watermark) or the final, signature-ready PDF.

    ``signature="field"`` gives the final PDF an empty signature field over the judge's line;
    ``"conformed"`` prints “/s/ Name” on the line instead. ``pdfa`` writes PDF/A-3b."""
    if signature not in ("field", "conformed"):
        raise ValueError(ERROR_SIGNATURE.format(value=signature))
    resources = _resources()
    key = hashlib.sha256(
        f"{document.fingerprint()}|{final}|{signature}|{pdfa}|{resources.digest}".encode()
    ).hexdigest()
    return _cache.get_or_make(
        key, lambda: _render_uncached(document, final=final, signature=signature, pdfa=pdfa)
    )


def _render_uncached(document: OrderDocument, *, final: bool, signature: Signature, pdfa: bool) -> bytes:
    options = dict(PDF_OPTIONS)
    if pdfa:
        options["pdf_variant"] = PDFA_VARIANT
    resources = _resources()
    check_texts(document.printed_texts())
    title_lines(document.title)  # a title too long for the footer is refused before any layout
    paper = paper_finisher(resources.baseline_offset, draft=not final, title=document.title)

    def finisher(laid_out: LaidOutDocument, pdf: Any) -> None:
        check_embedded_fonts(
            str(obj["BaseFont"])
            for obj in pdf.objects
            if isinstance(obj, dict) and obj.get("Type") == "/Font" and "BaseFont" in obj
        )
        paper(laid_out, pdf)
        for obj in pdf.objects:  # footnotes (see markup.py) are notes in the structure tree
            if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and obj.get("S") == "/Caption":
                obj["S"] = "/Note"

    with _render_lock:
        layout = _layout(document, draft=not final, conformed=signature == "conformed", options=options)
        check_column(layout)
        pdf = layout.write_pdf(finisher=finisher, **options)
    if final and signature == "field":
        pdf = _add_signature_field(pdf, signature_line(layout))
    return pdf


def render_order_pdf(
    order: Order, *, final: bool = False, signature: Signature = "field", pdfa: bool = False
) -> bytes:
    """A stored order's PDF (cached by content: an unchanged order is not rendered again)."""
    return render_pdf(document_for_order(order), final=final, signature=signature, pdfa=pdfa)
