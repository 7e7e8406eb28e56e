"""The exported DOCX opened by a real word processor: LibreOffice converts it to PDF and the
same layout checks as the PDF renderer's run on the result, for every order type, the seed
orders and long, quoted and multi-page bodies.

Runs on the SQLite pass of ``scripts/test`` only (LibreOffice is the slow part, not the database)."""

from __future__ import annotations

import itertools
import os
from dataclasses import replace

import pytest

from orders.body import parse_body, parse_document
from orders.docx import build_docx
from orders.pdf import render_pdf
from orders.pdf.document import document_for_draft

from ..office import convert_to_pdf
from ..order_type_cases import ORDER_DATE
from ..order_type_samples import every_key, sample_order
from ..pdf_helpers import (
    GRID,
    body_of,
    crawford,
    distance_to_grid,
    footer_chars,
    lines_of,
    normalise,
    number_lines,
    open_pdf,
    text_chars,
)
from ..pdf_seed_texts import seed_body, seed_names

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs once, on the SQLite pass of scripts/test"
)

WORD_TOLERANCE = 1.0  # pt: every body line within 1 pt of a number's baseline

STRESS = {
    "five-pages": crawford(body=body_of(22)),
    "quotes": crawford(
        body="\n\n".join(
            f"{body_of(1, 2, start=i * 2)}\n\n> {('quoted ' * n).strip()}"
            for i, n in enumerate((10, 25, 40, 55))
        )
        + "\n\n"
        + body_of(3, start=50)
    ),
    "headings": crawford(
        body="# BACKGROUND\n\n" + body_of(3) + "\n\n# CONCLUSION\n\n" + body_of(1, start=40)
    ),
    "one-sentence": crawford(body="The motion is DENIED."),
    "rich": crawford(
        body="# BACKGROUND\n\nPlaintiff proceeds *pro se* and _in forma pauperis_.[^a] "
        + body_of(2)
        + "\n\n1. Defendant shall answer.\n\n(b) Plaintiff shall reply within thirty days of service of the"
        " answer, and the reply shall not exceed ten pages.[^b]\n\n[^a]: *See* 28 U.S.C. § 1915.\n\n"
        "[^b]: The page limit excludes exhibits.\n\n" + body_of(3, start=20)
    ),
    "long-caption": crawford(
        caption=replace(
            crawford().caption,
            first=replace(
                crawford().caption.first,
                names="THE PEOPLE OF THE STATE OF CALIFORNIA EX REL. A VERY LONG RELATOR NAME, et al.,",
            ),
        ),
        title="ORDER GRANTING IN PART AND DENYING IN PART DEFENDANTS' MOTION TO DISMISS THE COMPLAINT",
    ),
}


_CONVERTED: dict[str, tuple] = {}


@pytest.fixture
def converted(db):
    """``{name: (document, app PDF, LibreOffice PDF of the DOCX)}`` for every case above, made by
    the first test that asks (one LibreOffice run for all of them)."""
    if not _CONVERTED:
        documents = dict(STRESS)
        documents.update({f"seed-{name}": crawford(body=seed_body(name)) for name in seed_names()})
        for key in every_key():
            sample = sample_order(key)
            documents[f"type-{key}"] = document_for_draft(
                case=sample["case"],
                title=sample["title"],
                entries=sample["entries"],
                body=sample["body"],
                date=ORDER_DATE,
                judge=sample["judge"],
            )
        word = convert_to_pdf({name: build_docx(doc, draft=True) for name, doc in documents.items()})
        _CONVERTED.update({name: (doc, render_pdf(doc), word[name]) for name, doc in documents.items()})
    return _CONVERTED


def names():
    return sorted([*STRESS, *(f"seed-{n}" for n in seed_names()), *(f"type-{k}" for k in every_key())])


def _double_spaced_texts(document) -> list[str]:
    blocks = parse_body(document.body)
    texts = [normalise(b.plain) for b in blocks if b.kind in ("paragraph", "heading", "list_item")]
    return [*texts, "IT IS SO ORDERED.", "Dated:"]


def _from_the_body(document, pdf: bytes) -> str:
    """The printed text from the body's first words on, without spaces: where each renderer
    breaks lines (and how it wraps the caption's two columns) differs, the characters do not."""
    with open_pdf(pdf) as printed:  # footnote calls (8pt superscripts) left out: where they sit differs
        lines = [
            line.text
            for page in printed.pages
            for line in lines_of([c for c in text_chars(page) if c["size"] >= 10])
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
        numbered = f"{parsed.numbers[label]}{words}"  # the PDF prints the note's number full size
        text = text.replace(numbered if numbered in text else words, "", 1)
    return text


@pytest.mark.parametrize("name", names())
def test_every_page_numbers_lines_1_to_28_at_a_24pt_pitch(converted, name):
    _, _, pdf = converted[name]
    with open_pdf(pdf) as word:
        for page in word.pages:
            numbers = number_lines(page)
            assert [line.text for line in numbers] == [str(n) for n in range(1, 29)], name
            baselines = [line.baseline for line in numbers]
            assert all(a - b == pytest.approx(GRID, abs=0.05) for a, b in itertools.pairwise(baselines))


@pytest.mark.parametrize("name", names())
def test_every_body_line_sits_within_1pt_of_a_numbers_baseline(converted, name):
    document, _, pdf = converted[name]
    texts = _double_spaced_texts(document)
    first_words = normalise(parse_body(document.body)[0].plain)[:20]
    body_lines, in_body = 0, False
    with open_pdf(pdf) as word:
        for index, page in enumerate(word.pages):
            grid = [line.baseline for line in number_lines(page)]
            for line in lines_of(text_chars(page)):
                text = normalise(line.text)
                in_body = in_body or text.startswith(first_words)  # below the caption
                if in_body and len(text) > 3 and any(text in block for block in texts):
                    body_lines += 1
                    assert distance_to_grid(line.baseline, grid) <= WORD_TOLERANCE, (name, index, text)
    assert body_lines >= 2


@pytest.mark.parametrize("name", names())
def test_the_text_is_the_pdfs_and_caption_and_signature_are_there(converted, name):
    document, app_pdf, pdf = converted[name]
    assert _from_the_body(document, pdf) == _from_the_body(document, app_pdf)
    with open_pdf(pdf) as word:
        first = normalise(" ".join(line.text for line in lines_of(text_chars(word.pages[0]))))
        last = normalise(" ".join(line.text for line in lines_of(text_chars(word.pages[-1]))))
        footers = [normalise("".join(c["text"] for c in footer_chars(page))) for page in word.pages]
    assert f"{document.case_number_label} {document.case_number}" in first
    assert " ".join(document.caption.first.names.split()[:2]) in first
    assert document.title.upper()[:20] in first.replace(" ", " ")
    assert document.judge_name in last and document.judge_title in last
    for number, footer in enumerate(footers, start=1):
        assert footer.startswith(normalise(document.title.upper())[:30]) and footer.endswith(str(number))


def test_the_seed_orders_fill_their_first_page(converted):
    """Page 1 of a seed carries text down to its 28th line, as the PDF does."""
    for name in seed_names():
        _, _, pdf = converted[f"seed-{name}"]
        with open_pdf(pdf) as word:
            page = word.pages[0]
            grid = [line.baseline for line in number_lines(page)]
            lowest = min(line.baseline for line in lines_of(text_chars(page)))
        assert distance_to_grid(lowest, grid[-1:]) <= WORD_TOLERANCE, name
