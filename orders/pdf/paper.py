"""The pleading paper itself: line numbers 1–28, the double rule, the right rule, the footer
(rule, the order's title on as many lines as it needs, page number) and the DRAFT watermark.

They are the same on every page of an order, so WeasyPrint does not lay them out (that was
close to half of the time of a render): a finisher, run as WeasyPrint writes the PDF, draws
them under the page's own content — the sheet and the footer's title once, in content streams
every page shares, and a few operators per page for its number and the watermark. Everything
here is marked as an *artifact* (``/Artifact … BDC … EMC``: pagination and layout, not the
order's content) so the structure tree of a tagged PDF holds only the order. The numbers and
the footer are text in an embedded subset of Liberation Serif; the watermark is drawn as
outlines (``outlines.py``), so no reader extracts its letters. Measures come from ``Paper``
(``geometry.py``).
"""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass

import pydyf
from fontTools import subset
from fontTools.ttLib import TTFont

from ..compat.pydyf import page_objects, resolve
from . import outlines
from .errors import RenderRefused
from .fonts import FONT_FAMILY
from .geometry import PLEADING, Paper
from .glyphs import FONT_CHAIN, first_font_for, font_file

WATERMARK = "DRAFT"
WATERMARK_SIZE = 132.0
WATERMARK_ANGLE = 40.0  # degrees, counter-clockwise
WATERMARK_CENTRE = (324.0, 414.0)  # the middle of the text column
WATERMARK_GREY = 0.86  # 14% black

DIGITS = "0123456789"
DIGITS_KEY = "PaperDigits"
TITLE_KEY = "PaperTitle"

ERROR_TITLE_TOO_LONG = (
    "The title “{title}” needs {lines} lines in the footer, and the footer has room for {room}: "
    "give the order a shorter footer title."
)

_LAYOUT = b"/Artifact <</Type /Layout>> BDC"
_FOOTER = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
_WATERMARK = b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"


class FooterTitleError(RenderRefused):
    """A title too long for the footer."""


@dataclass(frozen=True)
class EmbeddedFont:
    """A TrueType subset of one style, embedded as a simple font with WinAnsi (cp1252) codes."""

    data: bytes
    codes: dict[str, int]  # character → its WinAnsi code
    widths: dict[str, int]  # advance width per character, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    name: str

    def width(self, text: str, size: float) -> float:
        return sum(self.widths[c] for c in text) * size / 1000

    def encode(self, text: str) -> bytes:
        """``text`` as a PDF string literal of WinAnsi codes."""
        out = bytearray(b"(")
        for char in text:
            code = self.codes[char]
            out += b"\\" + bytes([code]) if code in b"()\\" else bytes([code])
        return bytes(out + b")")


def winansi(text: str) -> bool:
    """Can ``text`` be written in the paper's simple WinAnsi fonts?"""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=256)
def embedded_font(style: str, chars: str, family: str = FONT_FAMILY) -> EmbeddedFont:
    """The subset of ``family`` ``style`` holding ``chars`` (WinAnsi characters; made once)."""
    path, index = font_file(family, style)
    font = TTFont(path, fontNumber=index)
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
        codes={c: c.encode("cp1252")[0] for c in set(chars)},
        widths={c: round(font["hmtx"][cmap[ord(c)]][0] * scale) for c in set(chars)},
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        ascent=round(font["hhea"].ascent * scale),
        descent=round(font["hhea"].descent * scale),
        cap_height=round(getattr(font["OS/2"], "sCapHeight", 0) * scale),
        name=f"PAPER{style[0]}+{family.replace(' ', '-')}{suffix}",
    )


def digits_font() -> EmbeddedFont:
    return embedded_font("Regular", DIGITS)


def _add_font(pdf: pydyf.PDF, font: EmbeddedFont) -> bytes:
    """Embed ``font`` in ``pdf``; returns the font dictionary's reference."""
    font_file_ = pydyf.Stream([font.data], pydyf.Dictionary({"Length1": len(font.data)}), compress=True)
    pdf.add_object(font_file_)
    descriptor = pydyf.Dictionary(
        {
            "Type": "/FontDescriptor",
            "FontName": "/" + font.name,
            "Flags": 32,  # non-symbolic
            "FontBBox": pydyf.Array(font.bbox),
            "ItalicAngle": 0,
            "Ascent": font.ascent,
            "Descent": font.descent,
            "CapHeight": font.cap_height,
            "StemV": 80,
            "FontFile2": font_file_.reference,
        }
    )
    pdf.add_object(descriptor)
    by_code = {code: font.widths[char] for char, code in font.codes.items()}
    first, last = min(by_code), max(by_code)
    pdf_font = pydyf.Dictionary(
        {
            "Type": "/Font",
            "Subtype": "/TrueType",
            "BaseFont": "/" + font.name,
            "FirstChar": first,
            "LastChar": last,
            "Widths": pydyf.Array([by_code.get(code, 0) for code in range(first, last + 1)]),
            "FontDescriptor": descriptor.reference,
            "Encoding": "/WinAnsiEncoding",
        }
    )
    pdf.add_object(pdf_font)
    return pdf_font.reference


@functools.cache
def sheet_operators(baseline_offset: float, paper: Paper = PLEADING) -> bytes:
    """The sheet (the same on every page): rules and line numbers, as content-stream operators."""
    font = digits_font()
    ops = [_LAYOUT, b"q", b"0 g"]
    for x in paper.rules_x:
        ops.append(f"{x:.3f} 0 {paper.rule_width} {paper.height:.3f} re f".encode())
    x0, x1, top = paper.margin_left, paper.text_right, paper.footer_rule_top
    y = paper.height - top - paper.rule_width
    ops.append(f"{x0:.3f} {y:.3f} {x1 - x0:.3f} {paper.rule_width} re f".encode())
    ops += [b"BT", f"/{DIGITS_KEY} {paper.font_size:g} Tf".encode()]
    for n in range(1, paper.lines_per_page + 1):
        text = str(n)
        x = paper.numbers_right - font.width(text, paper.font_size)
        y = paper.height - (paper.margin_top + baseline_offset + paper.line_pitch * (n - 1))
        ops.append(f"1 0 0 1 {x:.4f} {y:.4f} Tm ({text}) Tj".encode())
    ops += [b"ET", b"Q", b"EMC"]
    return b"\n".join(ops)


def _footer_baseline(line: int, paper: Paper) -> float:
    """The baseline (from the page's top) of the footer's ``line``-th line (0: the first)."""
    digits = digits_font()
    ascent, descent = digits.ascent * paper.footer_size / 1000, -digits.descent * paper.footer_size / 1000
    half_leading = (paper.footer_line_height - ascent - descent) / 2
    return paper.footer_text_top + line * paper.footer_line_height + half_leading + ascent


def _title_width(text: str, size: float) -> float:
    if winansi(text):
        return embedded_font("Regular", "".join(sorted(set(text)))).width(text, size)
    return sum(outlines.advance(*font_file(first_font_for(c) or FONT_CHAIN[0]), c, size) for c in text)


def title_lines(title: str, paper: Paper = PLEADING) -> list[str]:
    """The footer's title wrapped at word boundaries to the footer's width."""
    lines: list[str] = []
    for word in title.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _title_width(candidate, paper.footer_size) <= paper.footer_title_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > paper.footer_max_lines:
        raise FooterTitleError(
            ERROR_TITLE_TOO_LONG.format(title=title, lines=len(lines), room=paper.footer_max_lines)
        )
    return lines


def title_operators(lines: list[str], font: EmbeddedFont | None, paper: Paper = PLEADING) -> bytes:
    """The footer's title (the same on every page of the order): text when the paper's WinAnsi
    font can write it, else outlines of the chain's fonts."""
    ops = [_FOOTER, b"q", b"0 g"]
    for number, line in enumerate(lines):
        y = paper.height - _footer_baseline(number, paper)
        if font is not None:
            ops += [b"BT", f"/{TITLE_KEY} {paper.footer_size:g} Tf".encode()]
            ops.append(f"1 0 0 1 {paper.margin_left:.3f} {y:.3f} Tm ".encode() + font.encode(line) + b" Tj")
            ops.append(b"ET")
            continue
        x = paper.margin_left
        for char in line:
            path, index = font_file(first_font_for(char) or FONT_CHAIN[0])
            if not char.isspace():
                ops.append(
                    outlines.text_path(path, index, char, size=paper.footer_size, origin=(x, y), angle=(1, 0))
                )
            x += outlines.advance(path, index, char, paper.footer_size)
    ops += [b"Q", b"EMC"]
    return b"\n".join(ops)


@functools.cache
def watermark_operators() -> bytes:
    """The DRAFT watermark as filled outlines of Liberation Serif Bold (no text to extract)."""
    path, index = font_file(FONT_FAMILY, "Bold")
    angle = math.radians(WATERMARK_ANGLE)
    cos, sin = math.cos(angle), math.sin(angle)
    # Start the baseline so that the middle of the capitals falls on the centre.
    half_width = outlines.advance(path, index, WATERMARK, WATERMARK_SIZE) / 2
    half_height = outlines.cap_height(path, index, WATERMARK_SIZE) / 2
    cx, cy = WATERMARK_CENTRE
    origin = (cx - (cos * half_width - sin * half_height), cy - (sin * half_width + cos * half_height))
    shape = outlines.text_path(path, index, WATERMARK, size=WATERMARK_SIZE, origin=origin, angle=(cos, sin))
    return b"\n".join([_WATERMARK, b"q", f"{WATERMARK_GREY} g".encode(), shape, b"Q", b"EMC"])


def page_operators(number: int, *, draft: bool, paper: Paper = PLEADING) -> bytes:
    """What differs from page to page: its number, and the watermark of a draft."""
    digits = digits_font()
    ops = [watermark_operators()] if draft else []
    text = str(number)
    x = paper.text_right - digits.width(text, paper.footer_size)
    y = paper.height - _footer_baseline(0, paper)
    ops += [
        _FOOTER,
        b"q 0 g BT",
        f"/{DIGITS_KEY} {paper.footer_size:g} Tf".encode(),
        f"1 0 0 1 {x:.3f} {y:.3f} Tm ({text}) Tj".encode(),
        b"ET Q",
        b"EMC",
    ]
    return b"\n".join(ops)


def paper_finisher(baseline_offset: float, *, draft: bool, title: str, paper: Paper = PLEADING):
    """A WeasyPrint ``finisher`` that draws the paper under every page of the PDF."""
    lines = title_lines(title, paper)
    title_font = embedded_font("Regular", "".join(sorted(set(title)))) if winansi(title) and title else None

    def finish(document, pdf: pydyf.PDF) -> None:
        fonts_to_add = {DIGITS_KEY: _add_font(pdf, digits_font())}
        if title_font is not None:
            fonts_to_add[TITLE_KEY] = _add_font(pdf, title_font)
        sheet = pydyf.Stream([sheet_operators(baseline_offset, paper)], compress=True)
        footer = pydyf.Stream([title_operators(lines, title_font, paper)], compress=True)
        pdf.add_object(sheet)
        pdf.add_object(footer)
        for index, page in enumerate(page_objects(pdf), start=1):
            own = pydyf.Stream([page_operators(index, draft=draft, paper=paper)], compress=True)
            pdf.add_object(own)
            page["Contents"] = pydyf.Array(
                [sheet.reference, footer.reference, own.reference, page["Contents"]]
            )
            resources = resolve(pdf, page["Resources"])
            fonts = resources.get("Font")
            if fonts is None:
                fonts = pydyf.Dictionary()
                pdf.add_object(fonts)
                resources["Font"] = fonts.reference
            resolve(pdf, fonts).update(fonts_to_add)

    return finish


def watermark_finisher():
    """A WeasyPrint ``finisher`` that draws the DRAFT watermark, as outlines, under every page
    (the plain format: no numbered lines or footer to draw)."""

    def finish(document, pdf: pydyf.PDF) -> None:
        mark = pydyf.Stream([watermark_operators()], compress=True)
        pdf.add_object(mark)
        for page in page_objects(pdf):
            page["Contents"] = pydyf.Array([mark.reference, page["Contents"]])

    return finish
