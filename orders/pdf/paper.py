"""The pleading paper itself: line numbers 1–28, the double rule, the right rule, the footer rule.

They are the same on every page of every order, so WeasyPrint does not lay them out (that
was a third of the time of a render): they are drawn once into one PDF content stream that
every page shares, by a finisher that runs as WeasyPrint writes the PDF. The numbers are real
text in an embedded subset of Liberation Serif (the ten digits), placed on the baselines
WeasyPrint gives a 24pt line (measured once from a probe layout, see ``render.py``).
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from dataclasses import dataclass

import pydyf
from fontTools import subset
from fontTools.ttLib import TTFont

from .fonts import ERROR_FONT_MISSING, FONT_FAMILY, FontMissingError

# Geometry in PDF points (origin bottom-left), matching static/pdf/pleading.css.
PAGE_HEIGHT = 792.0
PAGE_TOP_MARGIN = 72.0
LINE_PITCH = 24.0
LINES_PER_PAGE = 28
NUMBERS_RIGHT = 60.0  # numbers are right-aligned on this x
NUMBER_SIZE = 12.0
RULE_WIDTH = 0.75
RULES_X = (66.0, 69.0, 566.0)  # the double rule left of the numbers' column, the single rule at right
FOOTER_RULE = (90.0, 558.0, 750.0)  # x from, x to, top (from the top of the page)
DIGITS = "0123456789"
FONT_KEY = "PaperDigits"


@dataclass(frozen=True)
class DigitsFont:
    data: bytes  # a TrueType subset holding the ten digits
    widths: list[int]  # advance widths of "0"–"9" in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    name: str


def _font_file(family: str) -> str:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style="Regular"))
    found = subprocess.run(  # noqa: S603 - fixed program, no shell
        [fc_match, "-f", "%{family}\n%{file}", f"{family}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    ).stdout.split("\n")
    if len(found) < 2 or family not in found[0].split(","):
        raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style="Regular"))
    return found[1]


@functools.cache
def digits_font(family: str = FONT_FAMILY) -> DigitsFont:
    font = TTFont(_font_file(family))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [1, 2, 6]
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=DIGITS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    head = font["head"]
    return DigitsFont(
        data=out.getvalue(),
        widths=[round(font["hmtx"][cmap[ord(d)]][0] * scale) for d in DIGITS],
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        ascent=round(font["hhea"].ascent * scale),
        descent=round(font["hhea"].descent * scale),
        cap_height=round(getattr(font["OS/2"], "sCapHeight", 0) * scale),
        name="PAPERD+" + family.replace(" ", "-"),
    )


def _number_width(text: str, font: DigitsFont) -> float:
    return sum(font.widths[DIGITS.index(c)] for c in text) * NUMBER_SIZE / 1000


@functools.cache
def paper_operators(baseline_offset: float) -> bytes:
    """The drawing of one sheet (identical on every page), as content-stream operators."""
    font = digits_font()
    ops = [b"q", b"0 g"]
    for x in RULES_X:
        ops.append(f"{x:.3f} 0 {RULE_WIDTH} {PAGE_HEIGHT:.3f} re f".encode())
    x0, x1, top = FOOTER_RULE
    ops.append(f"{x0:.3f} {PAGE_HEIGHT - top - RULE_WIDTH:.3f} {x1 - x0:.3f} {RULE_WIDTH} re f".encode())
    ops += [b"BT", f"/{FONT_KEY} {NUMBER_SIZE:g} Tf".encode()]
    for n in range(1, LINES_PER_PAGE + 1):
        text = str(n)
        x = NUMBERS_RIGHT - _number_width(text, font)
        y = PAGE_HEIGHT - (PAGE_TOP_MARGIN + baseline_offset + LINE_PITCH * (n - 1))
        ops.append(f"1 0 0 1 {x:.4f} {y:.4f} Tm ({text}) Tj".encode())
    ops += [b"ET", b"Q"]
    return b"\n".join(ops)


def _resolve(pdf: pydyf.PDF, value):
    if isinstance(value, bytes | str):
        return pdf.objects[int(value.split()[0])]
    return value


def paper_finisher(baseline_offset: float):
    """A WeasyPrint ``finisher`` that draws the sheet under every page of the PDF."""

    def finish(document, pdf: pydyf.PDF) -> None:
        font = digits_font()
        compress = True
        font_file = pydyf.Stream(
            [font.data], pydyf.Dictionary({"Length1": len(font.data)}), compress=compress
        )
        pdf.add_object(font_file)
        descriptor = pydyf.Dictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": "/" + font.name,
                "Flags": 34,  # serif, non-symbolic
                "FontBBox": pydyf.Array(font.bbox),
                "ItalicAngle": 0,
                "Ascent": font.ascent,
                "Descent": font.descent,
                "CapHeight": font.cap_height,
                "StemV": 80,
                "FontFile2": font_file.reference,
            }
        )
        pdf.add_object(descriptor)
        pdf_font = pydyf.Dictionary(
            {
                "Type": "/Font",
                "Subtype": "/TrueType",
                "BaseFont": "/" + font.name,
                "FirstChar": ord(DIGITS[0]),
                "LastChar": ord(DIGITS[-1]),
                "Widths": pydyf.Array(font.widths),
                "FontDescriptor": descriptor.reference,
                "Encoding": "/WinAnsiEncoding",
            }
        )
        pdf.add_object(pdf_font)
        sheet = pydyf.Stream([paper_operators(baseline_offset)], compress=compress)
        pdf.add_object(sheet)
        for number in pdf.pages["Kids"][::3]:
            page = pdf.objects[number]
            page["Contents"] = pydyf.Array([sheet.reference, page["Contents"]])
            resources = _resolve(pdf, page["Resources"])
            fonts = resources.get("Font")
            if fonts is None:
                fonts = pydyf.Dictionary()
                pdf.add_object(fonts)
                resources["Font"] = fonts.reference
            _resolve(pdf, fonts)[FONT_KEY] = pdf_font.reference

    return finish
