"""The court's paper in Word: page size and margins, the pleading paper's 28 numbered lines in a
header-anchored frame, the double and right rules, the footer (rule, title, page number) and the
DRAFT watermark.

Everything is written as WordprocessingML that both Word and LibreOffice read the same way:
the numbers are 28 paragraphs at an exact 24-point line pitch in one frame (``w:framePr``)
anchored to the page in the header, so they sit on the same baselines as the body's
exactly-spaced lines; the rules are VML lines positioned on the page; the watermark is Word's
own text-path shape (``PowerPlusWaterMarkObject``), drawn behind the text and not extractable.
Geometry mirrors ``orders/pdf/paper.py`` and ``static/pdf/pleading.css``.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from ..pdf.geometry import Paper
from .measure import FONT, line_count
from .styles import set_style
from .xml import add_field, cell_borders, no_table_borders, set_exact_spacing

TWIPS_PER_PT = 20


def set_up_page(document: Document, paper: Paper) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Pt(paper.width), Pt(paper.height)
    section.top_margin, section.bottom_margin = Pt(paper.margin_top), Pt(paper.margin_bottom)
    section.left_margin, section.right_margin = Pt(paper.margin_left), Pt(paper.margin_right)
    section.header_distance = Pt(0)
    section.gutter = Pt(0)


EMU_PER_PT = 12700


def column_width(paper: Paper) -> float:
    return paper.width - paper.margin_left - paper.margin_right


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _numbers_box(paper: Paper) -> str:
    """A text box anchored to the page, holding the 28 numbers, one per exactly-spaced line."""
    width = round(paper.numbers_right * EMU_PER_PT)
    height = round(paper.line_pitch * paper.lines_per_page * EMU_PER_PT)
    top = round(paper.margin_top * EMU_PER_PT)
    numbers = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="LineNumber"/></w:pPr><w:r><w:t>{n}</w:t></w:r></w:p>'
        for n in range(1, paper.lines_per_page + 1)
    )
    return (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
        'behindDoc="1" locked="1" layoutInCell="0" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapNone/><wp:docPr id="1" name="Line numbers"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{numbers}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" '
        'anchorCtr="0" upright="1"><a:noAutofit/></wps:bodyPr></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, ident: int) -> str:
    return (
        f"<w:r {nsdecls('w')}><w:pict>"
        f'<v:line xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'id="PaperRule{ident}" o:allowincell="f" '
        f'style="position:absolute;z-index:-{ident + 10};'
        f'mso-position-horizontal-relative:page;mso-position-vertical-relative:page" '
        f'from="{x1:g}pt,{y1:g}pt" to="{x2:g}pt,{y2:g}pt" strokecolor="black" strokeweight=".75pt">'
        f"</v:line></w:pict></w:r>"
    )


WATERMARK_XML = (
    "<w:r {ns}><w:pict>"
    '<v:shapetype xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e">'
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
    '<v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:430pt;height:132pt;rotation:320;'
    "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#dbdbdb" stroked="f">'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold" string="DRAFT"/>'
    "</v:shape></w:pict></w:r>"
)


def add_header(document: Document, paper: Paper, *, draft: bool) -> None:
    """The numbers, the rules and (for a draft) the watermark, anchored in the page header."""
    header = document.sections[0].header
    header.is_linked_to_previous = False
    anchor = header.paragraphs[0]
    set_exact_spacing(anchor, Pt(1))
    if paper.lines_per_page:
        rules = list(paper.rules_x)
        for index, x in enumerate(rules):
            anchor._p.append(parse_xml(_line(x, 0, x, paper.height, index)))
    if draft:
        anchor._p.append(parse_xml(WATERMARK_XML.format(ns=nsdecls("w"), font=FONT)))
    if paper.lines_per_page:
        anchor._p.append(parse_xml(_numbers_box(paper)))


PAGE_NUMBER_WIDTH = 36.0


def add_footer(document: Document, paper: Paper, title: str) -> None:
    """The footer rule, the order's whole title (on as many lines as it needs) and the page
    number at the right, in a borderless two-cell table whose top edge is the rule. The footer
    grows upward from its bottom in a word processor, so its distance from the page's bottom
    edge is set for the number of lines the title takes: its first line stays at ``footer_top``."""
    section = document.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    title_width = column_width(paper) - PAGE_NUMBER_WIDTH
    lines = line_count(title.upper(), title_width, paper.footer_size, family=FONT)
    line_height = paper.line_pitch / 2
    section.footer_distance = Pt(max(paper.height - paper.footer_text_top - line_height * lines, 0))
    table = footer.add_table(rows=1, cols=2, width=Pt(column_width(paper)))
    table.autofit = False
    no_table_borders(table._tbl)
    left, right = table.rows[0].cells
    for cell, width in ((left, title_width), (right, PAGE_NUMBER_WIDTH)):
        cell.width = Pt(width)
        cell_borders(cell, top=True)
    for column, width in zip(table.columns, (title_width, PAGE_NUMBER_WIDTH), strict=True):
        column.width = Pt(width)
    title_paragraph = left.paragraphs[0]
    set_style(title_paragraph, "Order Footer")
    title_paragraph.add_run(" ".join(title.split()).upper())
    number = right.paragraphs[0]
    set_style(number, "Order Footer")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_field(number, "PAGE")
    # A footer must end with a paragraph: an empty one, as small as can be.
    set_exact_spacing(footer.paragraphs[-1], Pt(1))
