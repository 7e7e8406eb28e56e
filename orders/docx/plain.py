"""The plain federal format in Word (the court profile's "plain" paper, as ``orders/pdf/plain.py``
prints it): US Letter with 1-inch margins, no line numbers or rules, double-spaced 12-point type
(an exact 24-point line), the heading and the caption centred and single-spaced, the page
number centred in the bottom margin. Measures mirror ``static/pdf/plain.css``.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..pdf.document import OrderDocument
from ..pdf.geometry import Paper
from . import styles
from .styles import set_style, styled
from .xml import add_field, set_exact_spacing

INCH = 72.0
#: The plain format's sheet: no numbered lines, no rules; the footer is the page number alone.
PLAIN_PAPER = Paper(
    margin_top=INCH,
    margin_right=INCH,
    margin_bottom=INCH,
    margin_left=INCH,
    lines_per_page=0,
    rules_x=(),
    footer_size=12.0,
)
SINGLE = 14.0  # the heading's and the caption's single-spaced line (plain.css)
GAP = 12.0  # the space between the heading, the caption and the title


def add_plain_footer(document: Document, paper: Paper) -> None:
    """The page number, centred in the bottom margin (``@bottom-center``, vertically middle)."""
    section = document.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    line = paper.font_size
    section.footer_distance = Pt(paper.margin_bottom / 2 - line / 2)
    number = footer.paragraphs[0]
    set_style(number, styles.FOOTER)
    set_exact_spacing(number, Pt(line))
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(number, "PAGE")  # in the footer style: 12-point, as the PDF's number


def _centred(document: Document, style: str, text: str, *, before: float = 0.0, after: float = 0.0):
    paragraph = styled(document, style, text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_exact_spacing(paragraph, Pt(SINGLE), before=Pt(before), after=Pt(after))
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.left_indent = Pt(0)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def plain_heading_and_caption(document: Document, order: OrderDocument) -> None:
    """The court's heading (bold), the division line, the caption (party names, their roles in
    italics, “v.”, the case number as the court labels it) and the title, all centred."""
    lines = order.heading_lines or [""]
    for line in lines:
        _centred(document, styles.COURT, line).runs[0].bold = True
    if order.profile.division_line:
        _centred(document, styles.COURT, order.profile.division_line)
    document.paragraphs[-1].paragraph_format.space_after = Pt(GAP)

    caption = order.caption
    parties = [side for side in (caption.first, caption.second) if side.names]
    before = GAP
    for index, side in enumerate(parties):
        if index:
            _centred(document, styles.CAPTION, "v.", before=7.0, after=7.0)
        _centred(document, styles.CAPTION, side.names, before=before)
        label = _centred(document, styles.CAPTION, side.label)
        for run in label.runs:
            run.italic = True
        before = 0.0
    _centred(
        document,
        styles.CAPTION,
        f"{order.case_number_label} {order.case_number}",
        before=SINGLE + (0.0 if parties else GAP),
    )
    if order.re_line:
        _centred(document, styles.CAPTION, order.re_line)
    title = _centred(document, styles.TITLE, order.title.upper(), before=2 * GAP, after=GAP)
    for run in title.runs:
        run.bold = True
