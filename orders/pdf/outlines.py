"""Text drawn as vector outlines (the DRAFT watermark): seen on the page, never extracted as
text by any PDF reader, so copying from a draft or comparing drafts' text picks up no letters."""

from __future__ import annotations

import functools

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont


class _PdfPathPen(BasePen):
    """Glyph outlines as PDF path operators, through an affine transform (font units → page)."""

    def __init__(self, glyph_set, transform) -> None:
        super().__init__(glyph_set)
        self.ops: list[str] = []
        self.transform = transform

    def _point(self, point) -> str:
        a, b, c, d, e, f = self.transform
        x, y = point
        return f"{a * x + c * y + e:.2f} {b * x + d * y + f:.2f}"

    def _moveTo(self, pt) -> None:
        self.ops.append(f"{self._point(pt)} m")

    def _lineTo(self, pt) -> None:
        self.ops.append(f"{self._point(pt)} l")

    def _curveToOne(self, pt1, pt2, pt3) -> None:
        self.ops.append(f"{self._point(pt1)} {self._point(pt2)} {self._point(pt3)} c")

    def _closePath(self) -> None:
        self.ops.append("h")


@functools.cache
def _font(path: str, index: int) -> TTFont:
    return TTFont(path, fontNumber=index)


def advance(path: str, index: int, text: str, size: float) -> float:
    """The width of ``text`` in the font at ``size``."""
    font = _font(path, index)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    return sum(metrics[cmap[ord(c)]][0] for c in text) * size / font["head"].unitsPerEm


def cap_height(path: str, index: int, size: float) -> float:
    font = _font(path, index)
    return getattr(font["OS/2"], "sCapHeight", 0) * size / font["head"].unitsPerEm


def text_path(
    path: str, index: int, text: str, *, size: float, origin: tuple[float, float], angle: tuple[float, float]
) -> bytes:
    """PDF path operators that fill ``text`` set at ``size`` pt from ``origin`` (the baseline's
    start) along the direction (cos, sin) ``angle``; the caller sets the colour and fills."""
    font = _font(path, index)
    cmap, metrics, glyphs = font.getBestCmap(), font["hmtx"].metrics, font.getGlyphSet()
    scale = size / font["head"].unitsPerEm
    cos, sin = angle
    ops, pen_x = [], 0.0
    for char in text:
        name = cmap[ord(char)]
        x0, y0 = origin[0] + cos * pen_x, origin[1] + sin * pen_x
        pen = _PdfPathPen(glyphs, (cos * scale, sin * scale, -sin * scale, cos * scale, x0, y0))
        glyphs[name].draw(pen)
        ops += pen.ops
        pen_x += metrics[name][0] * scale
    ops.append("f")
    return "\n".join(ops).encode()
