"""Small WordprocessingML helpers python-docx has no API for (exact spacing with no grid snap,
paragraph borders, fields, cell borders and margins)."""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

EIGHTHS_PER_PT = 8
TWIPS_PER_PT = 20
SIDES = ("top", "left", "bottom", "right")


def set_exact_spacing(
    paragraph: Paragraph, line: Length, *, before: Length | None = None, after: Length | None = None
) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = before or Pt(0)
    fmt.space_after = after or Pt(0)


def paragraph_border(paragraph: Paragraph, side: str, *, size_pt: float = 0.75, space_pt: float = 0) -> None:
    """A single black rule on one side of a paragraph (``top``, ``bottom``, ``left``, ``right``)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # w:pBdr must come before w:shd/w:tabs/w:spacing/w:ind/w:jc … in CT_PPr's sequence.
        successor = next(
            (
                p_pr.find(qn(tag))
                for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")
                if p_pr.find(qn(tag)) is not None
            ),
            None,
        )
        if successor is not None:
            successor.addprevious(borders)
        else:
            p_pr.append(borders)
    element = OxmlElement(f"w:{side}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(round(size_pt * EIGHTHS_PER_PT)))
    element.set(qn("w:space"), str(round(space_pt)))
    element.set(qn("w:color"), "000000")
    borders.append(element)


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field (``PAGE``) whose result Word and LibreOffice compute on every page."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def cell_borders(cell: _Cell, **sides: bool) -> None:
    """Borders of a table cell: ``cell_borders(cell, right=True, bottom=True)``; others none."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{side}")
        if sides.get(side):
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "6")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    tc_pr.append(borders)


def no_table_borders(table_element) -> None:
    tbl_pr = table_element.tblPr
    borders = parse_xml(
        f"<w:tblBorders {nsdecls('w')}>"
        + "".join(f'<w:{side} w:val="nil"/>' for side in (*SIDES, "insideH", "insideV"))
        + "</w:tblBorders>"
    )
    tbl_pr.append(borders)
    margins = parse_xml(
        f"<w:tblCellMar {nsdecls('w')}>"
        + "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
        + "</w:tblCellMar>"
    )
    tbl_pr.append(margins)


def cell_margins(cell: _Cell, *, left: float = 0, right: float = 0) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    margins = parse_xml(
        f"<w:tcMar {nsdecls('w')}>"
        f'<w:left w:w="{round(left * TWIPS_PER_PT)}" w:type="dxa"/>'
        f'<w:right w:w="{round(right * TWIPS_PER_PT)}" w:type="dxa"/>'
        "</w:tcMar>"
    )
    tc_pr.append(margins)


def row_height(row, height: Length, *, rule: str = "atLeast") -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:trHeight")
    element.set(qn("w:val"), str(round(height.pt * TWIPS_PER_PT)))
    element.set(qn("w:hRule"), rule)
    tr_pr.append(element)
