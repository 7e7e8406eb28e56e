"""The court's paper (its profile): the plain federal format measured — margins, page numbers,
baseline spacing, no line numbers — and C.D. Cal.'s 14-point pleading paper on the grid."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from pypdf import PdfReader

from orders.courts.profiles import PaperProfile
from orders.pdf import page_count, render_pdf

from .pdf_helpers import (
    GRID,
    PAGE_HEIGHT,
    TOLERANCE,
    body_of,
    crawford,
    distance_to_grid,
    has_watermark,
    lines_of,
    number_lines,
    open_pdf,
    text_chars,
)

PLAIN = PaperProfile(paper="plain", closing="SO ORDERED.", case_number_label="Civil Action No.")
INCH = 72.0
PAGE_WIDTH = 612.0


def plain(**changes):
    values = {
        "heading_lines": [
            "UNITED STATES DISTRICT COURT",
            "FOR THE DISTRICT OF NEW JERSEY",
        ],
        "case_number_label": "Civil Action No.",
        "judge_title": "United States District Judge",
        "profile": PLAIN,
    }
    return crawford(**{**values, **changes})


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    return render_pdf(plain(body=body_of(20)), final=True)


def test_plain_format_has_no_line_numbers_and_one_inch_margins(three_pages):
    with open_pdf(three_pages) as document:
        assert len(document.pages) >= 3
        for index, page in enumerate(document.pages):
            assert not number_lines(page)  # nothing left of the text column
            # No rules of pleading paper: the only one is the signature line, on the last page.
            rules = page.lines + page.rects
            assert all(rule["height"] < 2 and rule["x0"] >= INCH for rule in rules)
            assert len(rules) == (1 if index == len(document.pages) - 1 else 0)
            text = [c for c in page.chars if c["bottom"] <= PAGE_HEIGHT - INCH + TOLERANCE]
            assert text, index
            assert min(c["x0"] for c in text) >= INCH - TOLERANCE
            assert max(c["x1"] for c in text) <= PAGE_WIDTH - INCH + TOLERANCE
            assert min(c["top"] for c in text) >= INCH - TOLERANCE
            # Justified text reaches both margins.
            assert min(c["x0"] for c in text) == pytest.approx(INCH, abs=0.5)


def test_plain_format_numbers_every_page_centred_at_the_bottom(three_pages):
    with open_pdf(three_pages) as document:
        for number, page in enumerate(document.pages, start=1):
            footer = [c for c in page.chars if c["top"] > PAGE_HEIGHT - INCH]
            assert "".join(c["text"] for c in footer) == str(number)
            middle = (min(c["x0"] for c in footer) + max(c["x1"] for c in footer)) / 2
            assert middle == pytest.approx(PAGE_WIDTH / 2, abs=0.5)
            assert all(c["size"] == pytest.approx(12) for c in footer)


def test_plain_format_is_double_spaced_twelve_point(three_pages):
    with open_pdf(three_pages) as document:
        for page in document.pages[1:-1]:  # pages of body text only
            body = lines_of([c for c in page.chars if c["top"] < PAGE_HEIGHT - INCH])
            assert len(body) >= 20
            assert body[0].baseline == pytest.approx(PAGE_HEIGHT - INCH - 16.05, abs=0.1)
            gaps = [a.baseline - b.baseline for a, b in itertools.pairwise(body)]
            assert all(gap == pytest.approx(GRID, abs=0.05) for gap in gaps), gaps
            assert {round(c["size"], 1) for line in body for c in line.chars} == {12.0}


def test_plain_caption_heading_and_ending_are_the_courts():
    pdf = render_pdf(plain(), final=True, signature="conformed")
    with open_pdf(pdf) as document:
        page = document.pages[0]
        text = page.extract_text()
        lines = text.splitlines()
        assert lines[:2] == [
            "UNITED STATES DISTRICT COURT",
            "FOR THE DISTRICT OF NEW JERSEY",
        ]
        assert "Civil Action No. 14-cv-05578-MEJ" in lines
        assert "SO ORDERED." in lines and "IT IS SO ORDERED." not in text
        assert "Dated: November 9, 2016" in lines
        assert "/s/ Maria-Elena James" in lines
        assert lines[-3:-1] == ["MARIA-ELENA JAMES", "United States District Judge"]
        for wanted in (
            "UNITED STATES DISTRICT COURT",
            "JAMES DARREN CRAWFORD,",
            "v.",
            "Civil Action No.",
        ):
            line = next(line for line in lines_of(page.chars) if line.text.startswith(wanted))
            assert (line.x0 + line.x1) / 2 == pytest.approx(PAGE_WIDTH / 2, abs=1), wanted


def test_plain_final_has_a_signature_field_on_the_judges_line_and_drafts_a_watermark():
    final = PdfReader(__import__("io").BytesIO(render_pdf(plain(), final=True)))
    fields = final.get_fields()
    assert list(fields) == ["JudgeSignature"]
    draft = render_pdf(plain(body=body_of(20)))
    with open_pdf(draft) as document:
        # The DRAFT watermark on every page, drawn as outlines: no letters to copy or compare.
        assert len(document.pages) >= 3
        assert all(has_watermark(page) for page in document.pages)
        assert "DRAFT" not in "".join(page.extract_text() for page in document.pages)
    assert not PdfReader(__import__("io").BytesIO(draft)).get_fields()
    assert page_count(render_pdf(plain())) == 1


def test_a_division_line_is_printed_where_the_court_prints_one():
    with_division = plain(profile=replace(PLAIN, division_line="Alexandria Division"))
    with open_pdf(render_pdf(with_division, final=True)) as document:
        assert document.pages[0].extract_text().splitlines()[2] == "Alexandria Division"


def test_fourteen_point_pleading_paper_keeps_every_line_on_the_numbers():
    quote = "> " + "quoted " * 40
    document = crawford(
        heading_lines=[
            "UNITED STATES DISTRICT COURT",
            "CENTRAL DISTRICT OF CALIFORNIA",
        ],
        profile=PaperProfile(paper="pleading", font_size_pt=14),
        body=body_of(3) + "\n\n" + quote.strip() + "\n\n" + body_of(6, start=20),
    )
    with open_pdf(render_pdf(document)) as pdf:
        assert len(pdf.pages) >= 2
        for index, page in enumerate(pdf.pages):
            numbers = number_lines(page)
            assert [line.text for line in numbers] == [str(n) for n in range(1, 29)]
            grid = [line.baseline for line in numbers]
            lines = lines_of(text_chars(page))
            assert lines
            for line in lines:
                assert distance_to_grid(line.baseline, grid) <= TOLERANCE, (
                    index,
                    line.text,
                )
            body = [c for line in lines if "sentence" in line.text for c in line.chars]
            assert {round(c["size"]) for c in body} == {14}


def test_an_in_re_caption_prints_no_bare_versus():
    from orders.models import Caption, CaptionSide

    caption = Caption(
        first=CaptionSide(names="IN RE: LITHIUM ION BATTERIES ANTITRUST LITIGATION", label=""),
        second=CaptionSide(names="", label=""),
    )
    for document in (crawford(caption=caption), plain(caption=caption)):
        with open_pdf(render_pdf(document, final=True)) as pdf:
            lines = pdf.pages[0].extract_text().splitlines()
            assert not any(line.strip() in ("v.", "v") or line.startswith("v. ") for line in lines)
