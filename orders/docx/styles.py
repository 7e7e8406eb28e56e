"""The named paragraph styles of an exported order.

A clerk who edits the order in Word keeps its format by using these styles (the body's
paragraphs are “Order Body”, its headings “Order Heading”, its quotations “Block Quote”), and the
import reads the body back by the same names.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..pdf.geometry import PLEADING as PLEADING_FOR_NAMES
from ..pdf.geometry import Paper
from .measure import FONT

BODY = "Order Body"
HEADING = "Order Heading"
QUOTE = "Block Quote"
LIST_ITEM = "Order List"
COURT = "Court Heading"
CAPTION = "Caption Text"
TITLE = "Order Title"
ENDING = "Order Ending"
SIGNATURE = "Signature Block"
LINE_NUMBER = "Line Number"
FOOTER = "Order Footer"
FOOTNOTE = "Order Footnote"

#: The styles whose paragraphs are the order's body (read back by the import).
BODY_STYLES = (BODY, HEADING, QUOTE, LIST_ITEM)


@dataclass(frozen=True)
class _Style:
    name: str
    size: float
    line: float
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT
    bold: bool = False
    first_indent: float = 0.0
    left: float = 0.0
    right: float = 0.0
    keep_with_next: bool = False
    caps: bool = False
    tab: float = 0.0  # a left tab stop (a list item's text starts there, after its marker)


def _styles(paper: Paper) -> list[_Style]:
    size, pitch = paper.font_size, paper.line_pitch
    single = pitch / 2
    return [
        _Style(BODY, size, pitch, WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=36.0),
        _Style(HEADING, size, pitch, WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep_with_next=True),
        _Style(QUOTE, size, single, WD_ALIGN_PARAGRAPH.JUSTIFY, left=48.0, right=48.0),
        _Style(LIST_ITEM, size, pitch, WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=36.0, tab=72.0),
        _Style(COURT, size, pitch, WD_ALIGN_PARAGRAPH.CENTER),
        _Style(CAPTION, size, single),
        _Style(TITLE, size, single, bold=True, caps=True),
        _Style(ENDING, size, pitch, keep_with_next=True),
        _Style(SIGNATURE, size, single, WD_ALIGN_PARAGRAPH.CENTER, left=234.0, keep_with_next=True),
        _Style(LINE_NUMBER, size, pitch, WD_ALIGN_PARAGRAPH.RIGHT),
        _Style(FOOTER, paper.footer_size, single),
        _Style(FOOTNOTE, size, single, WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=36.0),
    ]


def add_styles(document: Document, paper: Paper) -> None:
    """The document's default font and every named style of the order."""
    normal = document.styles["Normal"]
    _font(normal, FONT, paper.font_size)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = True
    for spec in _styles(paper):
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = spec.name in BODY_STYLES
        _font(style, FONT, spec.size)
        style.font.bold = spec.bold
        style.font.all_caps = spec.caps
        fmt = style.paragraph_format
        fmt.alignment = spec.align
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.line)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(spec.first_indent)
        fmt.left_indent = Pt(spec.left)
        fmt.right_indent = Pt(spec.right)
        fmt.keep_with_next = spec.keep_with_next
        fmt.widow_control = True
        if spec.tab:
            fmt.tab_stops.add_tab_stop(Pt(spec.tab))


def style_id(name: str) -> str:
    """The id python-docx gives a style it adds (“Order Body” → “OrderBody”)."""
    return name.replace(" ", "")


def set_style(paragraph: Paragraph, name: str) -> None:
    """Give a paragraph one of the order's styles by id (python-docx's lookup by name walks every
    style of the document for each paragraph)."""
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id(name)


def styled(container, name: str, text: str = "") -> Paragraph:
    """A new paragraph of style ``name`` at the end of ``container`` (the document, a cell)."""
    paragraph = container.add_paragraph(text)
    set_style(paragraph, name)
    return paragraph


def _font(style, family: str, size: float) -> None:
    style.font.name = family
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), family)


#: Styles of python-docx's template that an order uses (the defaults every part refers to).
KEPT_BUILTIN_STYLES = ("Normal", "Default Paragraph Font", "Normal Table", "No List", "Header", "Footer")


def prune_styles(document: Document) -> None:
    """Remove every style the order does not use, so a clerk's style list in Word is the order's."""
    ours = {spec.name for spec in _styles(PLEADING_FOR_NAMES)} | set(KEPT_BUILTIN_STYLES)
    root = document.styles.element
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    for style in list(root.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in ours:
            root.remove(style)
