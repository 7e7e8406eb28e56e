"""Build order documents without the database and measure rendered PDFs with pdfplumber."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, replace

import pdfplumber

from orders.models import Caption, CaptionSide
from orders.pdf import OrderDocument

PAGE_HEIGHT = 792.0
TEXT_LEFT = 88.0  # the text column starts at 90pt; line numbers end before the double rule at 66pt
TEXT_TOP = 72.0
FOOTER_TOP = 744.0  # the page area is 72pt + 28 × 24pt = 744pt
RULE_LEFT = 66.0
GRID = 24.0
TOLERANCE = 0.5

SENTENCE = "The plain sentence number {n} of this order is long enough to fill most of a line of text."


def body_of(paragraphs: int, per: int = 5, *, start: int = 0) -> str:
    """``paragraphs`` paragraphs of ``per`` numbered sentences (each about one line)."""
    out, n = [], start
    for _ in range(paragraphs):
        out.append(" ".join(SENTENCE.format(n=n + i) for i in range(per)))
        n += per
    return "\n\n".join(out)


def crawford(**changes) -> OrderDocument:
    """The first seed order's caption and ending, with any field replaced."""
    document = OrderDocument(
        heading_lines=["UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA"],
        caption=Caption(
            first=CaptionSide(names="JAMES DARREN CRAWFORD,", label="Plaintiff,"),
            second=CaptionSide(names="JEFFREY BEARD, et al.,", label="Defendants."),
        ),
        case_number="14-cv-05578-MEJ",
        case_number_label="Case No.",
        title="ORDER DENYING REQUEST FOR EXTENSION OF TIME",
        re_line="Re: Dkt. No. 53",
        body=body_of(2),
        date=datetime.date(2016, 11, 9),
        judge_name="MARIA-ELENA JAMES",
        judge_title="United States Magistrate Judge",
        judge_signature_name="Maria-Elena James",
    )
    return replace(document, **changes)


@dataclass
class Line:
    baseline: float
    text: str
    chars: list[dict]

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)


def baseline(char: dict) -> float:
    """The baseline of a character in PDF coordinates (origin at the bottom)."""
    return char["matrix"][5]


def lines_of(chars: list[dict]) -> list[Line]:
    """Characters grouped into lines by baseline, top to bottom, each left to right."""
    groups: dict[float, list[dict]] = {}
    for char in chars:
        key = next((k for k in groups if abs(k - baseline(char)) < 0.1), baseline(char))
        groups.setdefault(key, []).append(char)
    result = []
    for key in sorted(groups, reverse=True):
        chars_ = sorted(groups[key], key=lambda c: c["x0"])
        result.append(Line(baseline=key, text="".join(c["text"] for c in chars_), chars=chars_))
    return result


def number_lines(page) -> list[Line]:
    return lines_of([c for c in page.chars if c["x1"] <= RULE_LEFT])


def text_chars(page) -> list[dict]:
    """Characters of the order's text on a page: not the numbers, footer or watermark."""
    return [
        c
        for c in page.chars
        if c["x0"] >= TEXT_LEFT and c["top"] >= TEXT_TOP and c["bottom"] <= FOOTER_TOP and c["size"] < 20
    ]


def footer_chars(page) -> list[dict]:
    return [c for c in page.chars if c["top"] >= FOOTER_TOP]


def open_pdf(pdf: bytes):
    return pdfplumber.open(io.BytesIO(pdf))


def distance_to_grid(value: float, grid: list[float]) -> float:
    return min(abs(value - g) for g in grid)


def body_text(pdf: bytes) -> str:
    """The order's text (no line numbers, footer or watermark), lines joined, whitespace collapsed."""
    with open_pdf(pdf) as document:
        lines = [line.text for page in document.pages for line in lines_of(text_chars(page))]
    text = ""
    for line in lines:
        line = line.strip()
        text += line if text.endswith("-") else " " + line
    return " ".join(text.split())


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def watermark_shapes(page) -> list[dict]:
    """The DRAFT watermark's filled outlines (it is drawn as paths, not text): light grey curves."""
    return [
        c for c in page.curves if c.get("fill") and c.get("non_stroking_color") == 0.86 and c["width"] > 40
    ]


def has_watermark(page) -> bool:
    """The watermark is on the page: its outlines, and no big letters a reader would extract."""
    return len(watermark_shapes(page)) >= 5 and not [c for c in page.chars if c["size"] > 50]
