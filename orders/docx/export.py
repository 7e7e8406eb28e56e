"""An order as a Word document (DOCX) on the court's paper: the same caption, body, signature
block and footer as the PDF, built with python-docx.

The body's double-spaced lines are set at an exact 24-point line height, the same as the 28
numbers in the header's frame, so every line of text sits on a number. Single-spaced blocks
(the caption, block quotes, the judge's name and title) are measured (``measure.py``) and given
the spacing after them that brings their height back to a multiple of 24 points.

Case text enters the document only as run text (python-docx escapes it): nothing in it is read
as markup, a field or a link.
"""

from __future__ import annotations

import functools
import io
from dataclasses import replace

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from ..body import Span, parse_document
from ..courts.profiles import PaperProfile
from ..pdf.document import OrderDocument
from ..pdf.geometry import PLEADING, Paper
from . import styles
from .footnotes import Footnotes
from .measure import FONT, line_count
from .paper import add_footer, add_header, column_width, set_up_page
from .plain import PLAIN_PAPER, add_plain_footer, plain_heading_and_caption
from .styles import set_style, styled
from .xml import cell_borders, cell_margins, no_table_borders, paragraph_border, row_height, set_exact_spacing

CAPTION_SPLIT = 0.52  # the parties' column, as static/pdf/pleading.css
CASE_INFO_PADDING = 18.0
PARTY_LABEL_INDENT = 96.0
VERSUS_INDENT = 48.0
SIGNATURE_INDENT = 234.0
QUOTE_INDENT = 48.0
CORE_TITLE_LIMIT = 250
RULE_WIDTH = 0.75


def date_text(document: OrderDocument) -> str:
    date = document.date
    return f"{date:%B} {date.day}, {date.year}" if date else ""


def paper_for(profile: PaperProfile) -> Paper:
    """The sheet of a court's profile: pleading paper (in the profile's type size: C.D. Cal.
    prints 14-point on the same 24-point lines) or the plain federal format."""
    if profile.plain:
        return PLAIN_PAPER
    if profile.font_size_pt == PLEADING.font_size:
        return PLEADING
    return replace(PLEADING, font_size=float(profile.font_size_pt))


def build_docx(document: OrderDocument, *, draft: bool, conformed: bool = False) -> bytes:
    """The order as DOCX bytes on its court's paper (``document.profile``); ``draft`` adds the
    DRAFT watermark, ``conformed`` prints “/s/”."""
    paper = paper_for(document.profile)
    word = docx.Document(io.BytesIO(_template(paper)))
    add_header(word, paper, draft=draft)
    if document.profile.plain:
        add_plain_footer(word, paper)
        plain_heading_and_caption(word, document)
    else:
        add_footer(word, paper, document.title)
        _court(word, document, paper)
        _caption(word, document, paper)
    _body(word, document, paper)
    _ending(word, document, paper, conformed=conformed)
    _properties(word, document)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@functools.cache
def _template(paper: Paper) -> bytes:
    """The empty document of a paper: page set up, the order's styles and no others (python-docx's
    default template carries 160 styles, and every style lookup walks them all: 30x slower)."""
    word = docx.Document()
    set_up_page(word, paper)
    styles.add_styles(word, paper)
    styles.prune_styles(word)
    _drop_parts(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


#: Parts of python-docx's template an order has no use for (stylesWithEffects alone is 430 KB).
_UNUSED_PARTS = ("stylesWithEffects", "webSettings", "customXml", "thumbnail")


def _drop_parts(word: Document) -> None:
    for rels in (word.part.rels, word.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_PARTS:
                del rels[r_id]


def _grid_rest(height: float, pitch: float) -> float:
    """What brings ``height`` up to the next multiple of ``pitch``."""
    remainder = height % pitch
    return 0.0 if remainder < 0.01 or pitch - remainder < 0.01 else pitch - remainder


def _court(word: Document, document: OrderDocument, paper: Paper) -> None:
    lines = document.heading_lines or [""]
    for index, line in enumerate(lines):
        paragraph = styled(word, styles.COURT, line)
        if index == len(lines) - 1:
            paragraph.paragraph_format.space_after = Pt(paper.line_pitch)


def _lines(text: str, width: float, paper: Paper, *, bold: bool = False, indent: float = 0.0) -> int:
    return line_count(text, width - indent, paper.font_size, family=FONT, bold=bold)


def _caption(word: Document, document: OrderDocument, paper: Paper) -> None:
    """The two-column caption: the parties boxed by a rule on the right and below, the case
    number, title and docket entries beside them."""
    single = paper.line_pitch / 2
    left_width = column_width(paper) * CAPTION_SPLIT
    right_width = column_width(paper) - left_width
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    no_table_borders(table._tbl)
    left, right = table.rows[0].cells
    left.width, right.width = Pt(left_width), Pt(right_width)
    for column, width in zip(table.columns, (left_width, right_width), strict=True):
        column.width = Pt(width)
    cell_borders(left, right=True, bottom=True)
    cell_margins(left, right=12.0)
    cell_margins(right, left=CASE_INFO_PADDING)

    left_lines: list[tuple[str, float, float]] = []  # text, left indent, space before
    caption = document.caption
    if caption.first.names:
        left_lines += [(caption.first.names, 0.0, 0.0), (caption.first.label, PARTY_LABEL_INDENT, 0.0)]
    left_lines.append(("v.", VERSUS_INDENT, single))
    if caption.second.names:
        left_lines += [(caption.second.names, 0.0, single), (caption.second.label, PARTY_LABEL_INDENT, 0.0)]
    left_height = single / 2  # the caption's 6pt above its first line
    cell_paragraph = left.paragraphs[0]
    for index, (text, indent, before) in enumerate(left_lines):
        paragraph = cell_paragraph if index == 0 else left.add_paragraph()
        set_style(paragraph, styles.CAPTION)
        paragraph.add_run(text)
        paragraph.paragraph_format.left_indent = Pt(indent)
        space_before = before + (single / 2 if index == 0 else 0.0)
        paragraph.paragraph_format.space_before = Pt(space_before)
        left_height += before + single * _lines(text, left_width - 12.0, paper, indent=indent)
    last = left.paragraphs[-1]
    last.paragraph_format.space_after = Pt(single - RULE_WIDTH)  # + the rule: back on the half-grid
    left_height += single

    right_height = single / 2
    right_items = [(f"{document.case_number_label} {document.case_number}", False, single / 2)]
    right_items.append((document.title.upper(), True, single))
    if document.re_line:
        right_items.append((document.re_line, False, single))
    for index, (text, bold, before) in enumerate(right_items):
        paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
        set_style(paragraph, styles.TITLE if bold else styles.CAPTION)
        paragraph.add_run(text)
        paragraph.paragraph_format.space_before = Pt(before)
        right_height += (before if index else 0.0) + single * _lines(
            text, right_width - CASE_INFO_PADDING, paper, bold=bold
        )

    # Whichever column is taller sets the row, and the bottom rule adds its width to it.
    right.paragraphs[-1].paragraph_format.space_after = Pt(single / 2 - RULE_WIDTH)
    right_height += single / 2
    height = max(left_height, right_height)
    # The bottom rule adds its width to the row: the last line's spacing already gave it back.
    row_height(table.rows[0], Pt(height - RULE_WIDTH))
    # Below the box: 18pt, and whatever brings the caption back onto the numbered lines.
    spacer = styled(word, styles.CAPTION)
    rest = single * 1.5 + _grid_rest(height + single * 1.5, paper.line_pitch)
    set_exact_spacing(spacer, Pt(rest))


def _spans(paragraph: Paragraph, spans: list[Span], notes: Footnotes | None) -> None:
    """A block's inline spans as runs: italics, underline, and footnote references."""
    for span in spans:
        if span.footnote:
            if notes is not None:
                notes.reference(paragraph, span.footnote)
            continue
        run = paragraph.add_run(span.text)
        if span.italic:
            run.italic = True
        if span.underline:
            run.underline = True


def _body(word: Document, document: OrderDocument, paper: Paper) -> None:
    parsed = parse_document(document.body)
    notes = Footnotes(word, parsed) if parsed.footnotes else None
    single = paper.line_pitch / 2
    quote_width = column_width(paper) - 2 * QUOTE_INDENT
    for block in parsed.blocks:
        if block.kind == "heading":
            paragraph = styled(word, styles.HEADING)
        elif block.kind == "quote":
            paragraph = styled(word, styles.QUOTE)
            height = single / 2 + single * _lines(block.plain, quote_width, paper)
            paragraph.paragraph_format.space_before = Pt(single / 2)
            paragraph.paragraph_format.space_after = Pt(_grid_rest(height, paper.line_pitch))
        elif block.kind == "list_item":
            paragraph = styled(word, styles.LIST_ITEM)
            paragraph.add_run(f"{block.marker}\t")
        else:
            paragraph = styled(word, styles.BODY)
        _spans(paragraph, block.spans, notes)
    if notes is not None:
        notes.write()


def _ending(word: Document, document: OrderDocument, paper: Paper, *, conformed: bool) -> None:
    single = paper.line_pitch / 2
    so_ordered = styled(word, styles.ENDING)
    # The court's closing line: pleading paper's in bold, the plain format's in roman (as the PDFs).
    so_ordered.add_run(document.profile.closing).bold = not document.profile.plain
    so_ordered.paragraph_format.first_line_indent = Pt(36)
    styled(word, styles.ENDING, f"Dated: {date_text(document) or '____________________'}")
    line = styled(word, styles.SIGNATURE)
    set_exact_spacing(line, Pt(paper.line_pitch), before=Pt(paper.line_pitch))
    line.paragraph_format.left_indent = Pt(SIGNATURE_INDENT)
    if conformed:
        line.add_run(f"/s/ {document.signature_name}")
    paragraph_border(line, "bottom", size_pt=0.75, space_pt=0)
    name = styled(word, styles.SIGNATURE, document.judge_name)
    name.paragraph_format.space_before = Pt(single / 2 - RULE_WIDTH)  # the rule above takes its width
    title = styled(word, styles.SIGNATURE, document.judge_title)
    title.paragraph_format.space_after = Pt(single * 1.5)
    title.paragraph_format.keep_with_next = False


def _properties(word: Document, document: OrderDocument) -> None:
    core = word.core_properties
    core.title = document.title[:CORE_TITLE_LIMIT]
    core.author = document.judge_name
    core.subject = document.case_number
    core.comments = "Chambers orders"
    core.keywords = ""
    core.last_modified_by = ""
    core.revision = 1
