"""The pleading paper itself: line numbers 1–28, the double rule, the right rule, the footer
rule and page number, and the DRAFT watermark of drafts.

They are the same on every page of every order, so WeasyPrint does not lay them out (that was
close to half of the time of a render): a finisher, run as WeasyPrint writes the PDF, draws
them under the page's own content — the sheet once, in one content stream every page shares,
and a few operators per page for its number and the watermark. The numbers and the watermark
are real text in embedded subsets of Liberation Serif (only the glyphs they use), placed on the
baselines WeasyPrint gives a 24pt line (measured once from a probe layout, see ``render.py``).
"""

from __future__ import annotations

import functools
import io
import math
import shutil
import subprocess
from dataclasses import dataclass

import pydyf
from fontTools import subset
from fontTools.ttLib import TTFont

from ..compat.pydyf import page_objects, resolve
from .fonts import ERROR_FONT_MISSING, FONT_FAMILY, FontMissingError

# Geometry in PDF points, matching static/pdf/pleading.css. "top" values are measured from the
# top of the page; PDF's origin is the bottom-left corner.
PAGE_HEIGHT = 792.0
PAGE_TOP_MARGIN = 72.0
LINE_PITCH = 24.0
LINES_PER_PAGE = 28
NUMBERS_RIGHT = 60.0  # the line numbers are right-aligned on this x
NUMBER_SIZE = 12.0
RULE_WIDTH = 0.75
RULES_X = (66.0, 69.0, 566.0)  # the double rule right of the numbers, the single rule at the right
FOOTER_RULE = (90.0, 558.0, 750.0)  # from x, to x, top
FOOTER_TEXT_TOP = 752.0  # top of the footer's 12pt line (the title's first line, the page number)
FOOTER_SIZE = 10.0
FOOTER_LINE_HEIGHT = 12.0
PAGE_NUMBER_RIGHT = 558.0
WATERMARK = "DRAFT"
WATERMARK_SIZE = 132.0
WATERMARK_ANGLE = 40.0  # degrees, counter-clockwise
WATERMARK_CENTRE = (324.0, 414.0)  # the middle of the text column
WATERMARK_GREY = 0.86  # 14% black

DIGITS = "0123456789"
DIGITS_KEY = "PaperDigits"
WATERMARK_KEY = "PaperWatermark"


@dataclass(frozen=True)
class EmbeddedFont:
    """A TrueType subset of one style, embedded as a simple font with WinAnsi codes."""

    data: bytes
    chars: str  # the characters it holds, all in the ASCII range
    widths: dict[str, int]  # advance width per character, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    name: str

    def width(self, text: str, size: float) -> float:
        return sum(self.widths[c] for c in text) * size / 1000


def _font_file(family: str, style: str) -> str:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style=style))
    found = subprocess.run(  # noqa: S603 - fixed program, no shell
        [fc_match, "-f", "%{family}\n%{style}\n%{file}", f"{family}:style={style}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    ).stdout.split("\n")
    if len(found) < 3 or family not in found[0].split(",") or style not in found[1].split(","):
        raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style=style))
    return found[2]


@functools.cache
def embedded_font(style: str, chars: str, family: str = FONT_FAMILY) -> EmbeddedFont:
    """The subset of ``family`` ``style`` holding ``chars`` (made once per process)."""
    font = TTFont(_font_file(family, style))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [1, 2, 6]
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    head = font["head"]
    suffix = "" if style == "Regular" else f"-{style}"
    return EmbeddedFont(
        data=out.getvalue(),
        chars="".join(sorted(set(chars))),
        widths={c: round(font["hmtx"][cmap[ord(c)]][0] * scale) for c in set(chars)},
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        ascent=round(font["hhea"].ascent * scale),
        descent=round(font["hhea"].descent * scale),
        cap_height=round(getattr(font["OS/2"], "sCapHeight", 0) * scale),
        name=f"PAPER{style[0]}+{family.replace(' ', '-')}{suffix}",
    )


def digits_font() -> EmbeddedFont:
    return embedded_font("Regular", DIGITS)


def watermark_font() -> EmbeddedFont:
    return embedded_font("Bold", WATERMARK)


def _add_font(pdf: pydyf.PDF, font: EmbeddedFont) -> bytes:
    """Embed ``font`` in ``pdf``; returns the font dictionary's reference."""
    font_file = pydyf.Stream([font.data], pydyf.Dictionary({"Length1": len(font.data)}), compress=True)
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
    first, last = ord(font.chars[0]), ord(font.chars[-1])
    widths = [font.widths.get(chr(code), 0) for code in range(first, last + 1)]
    pdf_font = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/TrueType",
            "BaseFont": "/" + font.name,
            "FirstChar": first,
            "LastChar": last,
            "Widths": pydyf.Array(widths),
            "FontDescriptor": descriptor.reference,
            "Encoding": "/WinAnsiEncoding",
        }
    )
    pdf.add_object(pdf_font)
    return pdf_font.reference


@functools.cache
def sheet_operators(baseline_offset: float) -> bytes:
    """The sheet (the same on every page): rules and line numbers, as content-stream operators."""
    font = digits_font()
    ops = [b"q", b"0 g"]
    for x in RULES_X:
        ops.append(f"{x:.3f} 0 {RULE_WIDTH} {PAGE_HEIGHT:.3f} re f".encode())
    x0, x1, top = FOOTER_RULE
    ops.append(f"{x0:.3f} {PAGE_HEIGHT - top - RULE_WIDTH:.3f} {x1 - x0:.3f} {RULE_WIDTH} re f".encode())
    ops += [b"BT", f"/{DIGITS_KEY} {NUMBER_SIZE:g} Tf".encode()]
    for n in range(1, LINES_PER_PAGE + 1):
        text = str(n)
        x = NUMBERS_RIGHT - font.width(text, NUMBER_SIZE)
        y = PAGE_HEIGHT - (PAGE_TOP_MARGIN + baseline_offset + LINE_PITCH * (n - 1))
        ops.append(f"1 0 0 1 {x:.4f} {y:.4f} Tm ({text}) Tj".encode())
    ops += [b"ET", b"Q"]
    return b"\n".join(ops)


def page_operators(number: int, *, draft: bool) -> bytes:
    """What differs from page to page: its number, and the watermark of a draft."""
    digits = digits_font()
    ops = [b"q"]
    if draft:
        font = watermark_font()
        angle = math.radians(WATERMARK_ANGLE)
        cos, sin = math.cos(angle), math.sin(angle)
        # Start the baseline so that the middle of the capitals falls on the centre.
        half_width = font.width(WATERMARK, WATERMARK_SIZE) / 2
        half_height = font.cap_height * WATERMARK_SIZE / 1000 / 2
        cx, cy = WATERMARK_CENTRE
        x = cx - (cos * half_width - sin * half_height)
        y = cy - (sin * half_width + cos * half_height)
        ops += [
            f"{WATERMARK_GREY} g".encode(),
            b"BT",
            f"/{WATERMARK_KEY} {WATERMARK_SIZE:g} Tf".encode(),
            f"{cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {x:.3f} {y:.3f} Tm ({WATERMARK}) Tj".encode(),
            b"ET",
        ]
    text = str(number)
    ascent, descent = digits.ascent * FOOTER_SIZE / 1000, -digits.descent * FOOTER_SIZE / 1000
    baseline = FOOTER_TEXT_TOP + (FOOTER_LINE_HEIGHT - ascent - descent) / 2 + ascent
    x = PAGE_NUMBER_RIGHT - digits.width(text, FOOTER_SIZE)
    ops += [
        b"0 g",
        b"BT",
        f"/{DIGITS_KEY} {FOOTER_SIZE:g} Tf".encode(),
        f"1 0 0 1 {x:.3f} {PAGE_HEIGHT - baseline:.3f} Tm ({text}) Tj".encode(),
        b"ET",
        b"Q",
    ]
    return b"\n".join(ops)


def paper_finisher(baseline_offset: float, *, draft: bool):
    """A WeasyPrint ``finisher`` that draws the paper under every page of the PDF."""

    def finish(document, pdf: pydyf.PDF) -> None:
        fonts_to_add = {DIGITS_KEY: _add_font(pdf, digits_font())}
        if draft:
            fonts_to_add[WATERMARK_KEY] = _add_font(pdf, watermark_font())
        sheet = pydyf.Stream([sheet_operators(baseline_offset)], compress=True)
        pdf.add_object(sheet)
        for index, page in enumerate(page_objects(pdf), start=1):
            own = pydyf.Stream([page_operators(index, draft=draft)], compress=True)
            pdf.add_object(own)
            page["Contents"] = pydyf.Array([sheet.reference, own.reference, page["Contents"]])
            resources = resolve(pdf, page["Resources"])
            fonts = resources.get("Font")
            if fonts is None:
                fonts = pydyf.Dictionary()
                pdf.add_object(fonts)
                resources["Font"] = fonts.reference
            resolve(pdf, fonts).update(fonts_to_add)

    return finish
