"""What every rendered order must pass, read back with pdfplumber (pdfminer), pypdf, pdfium and
pikepdf: pages filled, nothing outside the text column, fonts embedded, the text layer readable
by all three text readers, the footer complete, the PDF tagged with the paper as artifacts."""

from __future__ import annotations

import io
import re

import pikepdf
import pypdfium2 as pdfium
from pypdf import PdfReader

from .pdf_helpers import FOOTER_TOP, TEXT_LEFT, footer_chars, lines_of, number_lines, open_pdf, text_chars

TEXT_RIGHT = 558.0
#: WeasyPrint's justified lines end up to 1.4pt past the right margin as the readers measure the
#: glyphs' advances (as before issue 18); the right rule is 8pt further.
COLUMN_TOLERANCE = 1.5
CHAIN = ("Liberation-Serif", "FreeSerif", "Noto-Serif-CJK", "NotoSerifCJK")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


def empty_lines_at_the_end(pdf: bytes) -> list[int]:
    """Per page, how many numbered lines are left empty under its last line of text."""
    counts = []
    with open_pdf(pdf) as document:
        for page in document.pages:
            grid = [line.baseline for line in number_lines(page)]
            lines = lines_of(text_chars(page))
            lowest = min((line.baseline for line in lines), default=grid[0] + 100)
            counts.append(sum(1 for g in grid if g < lowest - 1))
    return counts


def number_lines_of(pdf: bytes, index: int) -> list:
    with open_pdf(pdf) as document:
        return number_lines(document.pages[index])


def ending_page_body_lines(pdf: bytes) -> int:
    """Lines of text on the last page before “IT IS SO ORDERED.” (the caption excluded)."""
    with open_pdf(pdf) as document:
        if len(document.pages) == 1:
            return 99
        lines = [line.text for line in lines_of(text_chars(document.pages[-1]))]
    return lines.index("IT IS SO ORDERED.")


def assert_pages_filled(pdf: bytes) -> None:
    empty = empty_lines_at_the_end(pdf)
    for index, count in enumerate(empty[:-2]):
        assert count <= 2, f"page {index + 1} ends with {count} empty lines: {empty}"
    if len(empty) >= 2:
        # The page before the signature page ends early only when what follows could not move:
        # the signature block with the body's last two lines (a whole paragraph of three lines,
        # which cannot break 2 + 2, and a last one-line paragraph) did not fit in its space.
        used_on_last = len(number_lines_of(pdf, -1)) - empty[-1]
        kept = ending_page_body_lines(pdf)
        assert kept >= 2, kept
        if empty[-2] > 2:
            assert kept <= 4 and empty[-2] <= used_on_last, (empty, kept)  # (+ the blank under the title)


def assert_inside_the_column(pdf: bytes) -> None:
    with open_pdf(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            for char in text_chars(page) + footer_chars(page):
                assert char["x0"] >= TEXT_LEFT + 2 - COLUMN_TOLERANCE, (number, char["text"], char["x0"])
                assert char["x1"] <= TEXT_RIGHT + COLUMN_TOLERANCE, (number, char["text"], char["x1"])


def extracted_texts(pdf: bytes) -> dict[str, str]:
    """The whole text layer as each reader gives it, whitespace squashed."""
    with open_pdf(pdf) as document:
        pdfminer = " ".join(page.extract_text() or "" for page in document.pages)
    pypdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    document = pdfium.PdfDocument(pdf)
    try:
        parts = []
        for page in document:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return {"pdfminer": squash(pdfminer), "pypdf": squash(pypdf), "pdfium": squash(" ".join(parts))}


def assert_readable(pdf: bytes, *snippets: str) -> None:
    """Every snippet (whitespace squashed) is in the text of all three readers, and no reader
    sees a replacement character or the watermark's letters."""
    for reader, text in extracted_texts(pdf).items():
        for snippet in snippets:
            assert squash(snippet) in text, (reader, snippet)
        assert "\ufffd" not in text, reader
        assert "DRAFT" not in text, reader


def assert_fonts_embedded(pdf: bytes) -> set[str]:
    """Every font of every page is embedded and of the chain; returns their names."""
    names = set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for _, font in page.Resources.get("/Font", {}).items():
                if "/DescendantFonts" in font:
                    font = font.DescendantFonts[0]
                descriptor = font.FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
                name = str(font.BaseFont).split("+")[-1]
                assert name.startswith(CHAIN), name
                names.add(name)
    return names


def footer_parts(pdf: bytes) -> list[tuple[str, str]]:
    """Per page, the footer's (title, page number) as pdfminer reads them."""
    parts = []
    with open_pdf(pdf) as document:
        for page in document.pages:
            title = page.crop((0, FOOTER_TOP, 532, page.height)).extract_text() or ""
            number = page.crop((532, FOOTER_TOP, page.width, page.height)).extract_text() or ""
            parts.append((squash(title), squash(number)))
    return parts


def footer_text(pdf: bytes) -> list[str]:
    return [f"{title} {number}" for title, number in footer_parts(pdf)]


def assert_footers_complete(pdf: bytes, title: str) -> None:
    for number, (text, page_number) in enumerate(footer_parts(pdf), start=1):
        assert page_number == str(number), (number, page_number)
        assert text == squash(title), (number, text)


def structure_tags(pdf: bytes) -> list[str]:
    """Every structure element's type, depth first."""
    found: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.StructTreeRoot
        stack = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
        while stack:
            element = stack.pop()
            if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
                continue
            found.append(str(element.S))
            kids = element.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return found


def untagged_text_operators(pdf: bytes) -> list[str]:
    """Text shown outside both tagged content (an MCID) and artifacts: must be none."""
    loose = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            stack: list[str] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    props = operands[1] if len(operands) > 1 else None
                    has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                    stack.append("artifact" if tag == "/Artifact" else "tagged" if has_mcid else "other")
                elif op == "EMC" and stack:
                    stack.pop()
                elif op in ("Tj", "TJ", "'", '"') and not ({"artifact", "tagged"} & set(stack)):
                    loose.append(f"page {number}: {operands}")
    return loose


def assert_tagged(pdf: bytes, *, expect: tuple[str, ...] = ("/P",)) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == "en"
        assert bool(document.Root.MarkInfo.Marked)
    tags = structure_tags(pdf)
    for tag in expect:
        assert tag in tags, (tag, sorted(set(tags)))
    assert untagged_text_operators(pdf) == []


def assert_well_made(pdf: bytes, *, title: str, snippets: tuple[str, ...] = (), tags=("/P",)) -> None:
    """All of the above."""
    assert_pages_filled(pdf)
    assert_inside_the_column(pdf)
    assert_fonts_embedded(pdf)
    assert_readable(pdf, *snippets)
    assert_footers_complete(pdf, title)
    assert_tagged(pdf, expect=tags)
