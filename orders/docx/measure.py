"""How many lines a single-spaced block takes in a word processor, so the text after it can be
put back on the numbered lines.

Word and LibreOffice break lines greedily at spaces and hyphens, measuring with the font's
advance widths (no kerning: the export sets none), then justify. This does the same with the
widths read from the font file fontconfig resolves for the family, so a block quote or a caption
that wraps gets the padding that brings its height back to a multiple of the 24-point pitch.
"""

from __future__ import annotations

import functools
import re

from fontTools.ttLib import TTFont

from ..pdf.glyphs import font_file

FONT = "Liberation Serif"  # the pleading font (orders/pdf/fonts.py): the exported text's font
_BREAKS = re.compile(r"(?<=[ \-])")


@functools.cache
def _widths(family: str, style: str) -> tuple[dict[int, int], int, int]:
    path, index = font_file(family, style)  # the renderer's: FontMissingError when not installed
    font = TTFont(path, fontNumber=index, lazy=True)
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in cmap.items() if name in metrics}
    default = metrics[".notdef"][0] if ".notdef" in metrics else font["head"].unitsPerEm // 2
    return widths, font["head"].unitsPerEm, default


def text_width(text: str, size: float, *, family: str, bold: bool = False) -> float:
    widths, units, default = _widths(family, "Bold" if bold else "Regular")
    return sum(widths.get(ord(char), default) for char in text) * size / units


def line_count(
    text: str, width: float, size: float, *, family: str, bold: bool = False, first_indent: float = 0.0
) -> int:
    """Lines ``text`` takes at ``width`` points (greedy, as word processors break)."""
    if not text.strip():
        return 1
    pieces = [piece for piece in _BREAKS.split(" ".join(text.split())) if piece]
    lines, current, available = 1, 0.0, width - first_indent
    for piece in pieces:
        piece_width = text_width(piece.rstrip(" "), size, family=family, bold=bold)
        if current and current + piece_width > available + 0.01:
            lines += 1
            current, available = 0.0, width
        while piece_width > available + 0.01:  # one word wider than the line: broken anywhere
            lines += 1
            piece_width -= available
        current += text_width(piece, size, family=family, bold=bold)
    return lines
