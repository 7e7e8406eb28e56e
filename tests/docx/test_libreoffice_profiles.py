"""The exported DOCX on the other court papers, opened by LibreOffice: the plain federal format
(no line numbers, 1-inch margins, double-spaced 12-point, page number centred at the bottom,
caption centred, the court's closing) for every order type and long, rich bodies; and C.D.
Cal.'s 14-point pleading paper on the 28 numbered lines. The same measures as the PDF's profile
tests (``tests/test_pdf_profiles.py``), on what a word processor lays out.

Runs on the SQLite pass of ``scripts/test`` only, as the other LibreOffice tests."""

from __future__ import annotations

import itertools
import os
from dataclasses import replace

import pytest

from orders.body import parse_body, parse_document
from orders.courts.profiles import PaperProfile
from orders.docx import build_docx
from orders.pdf import render_pdf
from orders.pdf.document import document_for_draft

from ..office import convert_to_pdf
from ..order_type_cases import ORDER_DATE
from ..order_type_samples import every_key, sample_order
from ..pdf_helpers import (
    GRID,
    PAGE_HEIGHT,
    body_of,
    crawford,
    distance_to_grid,
    lines_of,
    normalise,
    number_lines,
    open_pdf,
    text_chars,
)

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs once, on the SQLite pass of scripts/test"
)

PLAIN = PaperProfile(paper="plain", closing="SO ORDERED.", case_number_label="Civil Action No.")
NEW_JERSEY = ["UNITED STATES DISTRICT COURT", "FOR THE DISTRICT OF NEW JERSEY"]
INCH = 72.0
PAGE_WIDTH = 612.0
TOLERANCE = 0.6
TOP_TOLERANCE = 2.5  # a 12-point glyph box (ascent + descent) is taller than a 12-point exact line
RICH = (
    "# BACKGROUND\n\nPlaintiff proceeds *pro se* and _in forma pauperis_.[^a] "
    + body_of(3)
    + "\n\n> "
    + ("quoted words " * 40).strip()
    + "\n\n1. Defendant shall answer.\n\n(b) Plaintiff shall reply within thirty days.[^b]\n\n"
    "[^a]: *See* 28 U.S.C. § 1915.\n\n[^b]: The page limit excludes exhibits.\n\n# CONCLUSION\n\n"
    + body_of(4, start=30)
)


def plain(document):
    return replace(
        document,
        profile=PLAIN,
        heading_lines=NEW_JERSEY,
        case_number_label="Civil Action No.",
        judge_title="United States District Judge",
    )


def _documents(db) -> dict:
    documents = {
        "plain-five-pages": plain(crawford(body=body_of(20))),
        "plain-rich": plain(crawford(body=RICH)),
        "plain-division": replace(
            plain(crawford()), profile=replace(PLAIN, division_line="Alexandria Division")
        ),
        "cacd-14pt": crawford(
            body=body_of(8),
            heading_lines=["UNITED STATES DISTRICT COURT", "CENTRAL DISTRICT OF CALIFORNIA"],
            profile=PaperProfile(font_size_pt=14),
        ),
    }
    for key in every_key():
        sample = sample_order(key)
        document = document_for_draft(
            case=sample["case"],
            title=sample["title"],
            entries=sample["entries"],
            body=sample["body"],
            date=ORDER_DATE,
            judge=sample["judge"],
        )
        documents[f"plain-type-{key}"] = plain(document)
    return documents


_CONVERTED: dict[str, tuple] = {}


@pytest.fixture
def converted(db):
    """``{name: (document, app PDF, LibreOffice PDF of the DOCX)}``, one LibreOffice run."""
    if not _CONVERTED:
        documents = _documents(db)
        word = convert_to_pdf({name: build_docx(doc, draft=True) for name, doc in documents.items()})
        _CONVERTED.update({name: (doc, render_pdf(doc), word[name]) for name, doc in documents.items()})
    return _CONVERTED


def plain_names() -> list[str]:
    return sorted(
        ["plain-five-pages", "plain-rich", "plain-division", *(f"plain-type-{k}" for k in every_key())]
    )


def _in_text_area(char: dict) -> bool:
    """The order's text on a plain page: inside the 1-inch margins, not the watermark."""
    return (
        char["top"] >= INCH - TOP_TOLERANCE
        and char["bottom"] <= PAGE_HEIGHT - INCH + TOLERANCE
        and char["size"] < 20
    )


def _text_from(document, pdf: bytes) -> str:
    """The printed text from the body's first words on, without spaces or page numbers (where
    LibreOffice and WeasyPrint break lines and pages differs; the characters do not)."""
    with open_pdf(pdf) as printed:
        lines = [
            line.text
            for page in printed.pages
            for line in lines_of([c for c in page.chars if _in_text_area(c) and c["size"] >= 10])
        ]
    text = "".join("".join(lines).split())
    start = "".join(parse_body(document.body)[0].plain.split())[:40]
    assert start in text
    text = text[text.index(start) :]
    # Footnotes sit at the foot of whichever page their reference falls on: compared apart.
    parsed = parse_document(document.body)
    for label, note in parsed.footnotes.items():
        words = "".join(note.plain.split())
        assert words in text
        numbered = f"{parsed.numbers[label]}{words}"  # the note's number, printed before it
        text = text.replace(numbered if numbered in text else words, "", 1)
    return text


@pytest.mark.parametrize("name", plain_names())
def test_plain_docx_has_no_line_numbers_and_keeps_to_one_inch_margins(converted, name):
    _, _, pdf = converted[name]
    with open_pdf(pdf) as word:
        for index, page in enumerate(word.pages):
            assert not number_lines(page), (name, index)
            text = [c for c in page.chars if _in_text_area(c)]
            assert text, (name, index)
            assert min(c["x0"] for c in text) >= INCH - TOLERANCE, (name, index)
            assert max(c["x1"] for c in text) <= PAGE_WIDTH - INCH + TOLERANCE, (name, index)
            nothing_outside = [c for c in page.chars if c["size"] < 20 and not _in_text_area(c)]
            assert all(c["text"].isdigit() for c in nothing_outside), (name, index)


@pytest.mark.parametrize("name", plain_names())
def test_plain_docx_numbers_every_page_centred_at_the_bottom(converted, name):
    _, _, pdf = converted[name]
    with open_pdf(pdf) as word:
        for number, page in enumerate(word.pages, start=1):
            footer = [c for c in page.chars if c["top"] > PAGE_HEIGHT - INCH]
            assert "".join(c["text"] for c in footer) == str(number), name
            middle = (min(c["x0"] for c in footer) + max(c["x1"] for c in footer)) / 2
            assert middle == pytest.approx(PAGE_WIDTH / 2, abs=1.0), name
            assert all(c["size"] == pytest.approx(12, abs=0.1) for c in footer), name


def test_plain_docx_body_is_double_spaced_twelve_point_and_justified(converted):
    _, _, pdf = converted["plain-five-pages"]
    with open_pdf(pdf) as word:
        assert len(word.pages) >= 3
        for page in word.pages[1:-1]:  # pages of body text only
            body = lines_of([c for c in page.chars if _in_text_area(c)])
            assert len(body) >= 25
            gaps = [a.baseline - b.baseline for a, b in itertools.pairwise(body)]
            assert all(gap == pytest.approx(GRID, abs=0.05) for gap in gaps), gaps
            assert {round(c["size"], 1) for line in body for c in line.chars} == {12.0}
            assert min(line.x0 for line in body) == pytest.approx(INCH, abs=0.5)
            assert max(line.x1 for line in body) == pytest.approx(PAGE_WIDTH - INCH, abs=1.5)


@pytest.mark.parametrize("name", plain_names())
def test_plain_docx_text_is_the_pdfs_with_the_courts_caption_and_closing(converted, name):
    document, app_pdf, pdf = converted[name]
    assert _text_from(document, pdf) == _text_from(document, app_pdf)
    with open_pdf(pdf) as word:
        first_lines = lines_of([c for c in word.pages[0].chars if _in_text_area(c)])
        last = normalise(" ".join(line.text for line in lines_of(word.pages[-1].chars)))
    texts = [normalise(line.text) for line in first_lines]
    assert texts[:2] == NEW_JERSEY, name
    if document.profile.division_line:
        assert texts[2] == "Alexandria Division"
    for wanted in (NEW_JERSEY[0], "v.", f"Civil Action No. {document.case_number}"):
        line = next(line for line in first_lines if normalise(line.text).startswith(wanted))
        assert (line.x0 + line.x1) / 2 == pytest.approx(PAGE_WIDTH / 2, abs=1.0), (name, wanted)
    assert "SO ORDERED." in last and "IT IS SO ORDERED." not in last, name
    assert document.judge_name in last and "United States District Judge" in last, name


def test_fourteen_point_pleading_paper_keeps_its_text_on_the_28_numbered_lines(converted):
    document, _, pdf = converted["cacd-14pt"]
    first_words = normalise(parse_body(document.body)[0].plain)[:20]
    paragraphs = [normalise(block.plain) for block in parse_body(document.body)]
    body_lines, in_body = 0, False
    with open_pdf(pdf) as word:
        for page in word.pages:
            numbers = number_lines(page)
            assert [line.text for line in numbers] == [str(n) for n in range(1, 29)]
            grid = [line.baseline for line in numbers]
            for line in lines_of(text_chars(page)):
                in_body = in_body or normalise(line.text).startswith(first_words)
                text = normalise(line.text)
                if in_body and len(text) > 3 and any(text in paragraph for paragraph in paragraphs):
                    body_lines += 1
                    assert distance_to_grid(line.baseline, grid) <= 1.0, line.text
                    assert {round(c["size"]) for c in line.chars} == {14}, line.text
    assert body_lines >= 20
