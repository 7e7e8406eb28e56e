"""Every character printed, or a clear refusal: the declared font chain and the glyph check.

The text is set in ``FONT_CHAIN`` (the order of ``font-family`` in ``static/pdf/pleading.css``):
Liberation Serif (Times-metric, the pleading font), FreeSerif (a Times-like serif with
Vietnamese, Greek, Cyrillic, …) and Noto Serif CJK SC (Chinese, Japanese, Korean), installed
by ``scripts/bootstrap.sh`` (Debian: fonts-liberation, fonts-freefont-ttf, fonts-noto-cjk).
Before a render every character of the document is looked up in the fonts' character maps
(fontTools): one no font has is refused with its code point and where it is
(``GlyphMissingError``), instead of printing an empty box. After the render the PDF's fonts are
checked to be of the chain (``check_embedded_fonts``): fontconfig found no other face.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable

from fontTools.ttLib import TTFont

from .errors import RenderRefused
from .fonts import ERROR_FONT_MISSING, FontMissingError

FONT_CHAIN = ("Liberation Serif", "FreeSerif", "Noto Serif CJK SC")
#: How each font of the chain is named in a PDF (``/BaseFont /ABCDEF+Liberation-Serif-Bold``).
PDF_NAME_PREFIXES = ("Liberation-Serif", "LiberationSerif", "FreeSerif", "Noto-Serif-CJK", "NotoSerifCJK")

ERROR_GLYPH_MISSING = (
    "{where} contains {codepoint} “{char}” ({name}), which none of the order's fonts has "
    "({fonts}): it cannot be printed. Replace it, or spell it in letters the fonts have."
)
ERROR_OTHER_FONT = (
    "The PDF uses the font “{font}”, which is not one of the order's fonts ({fonts}): a character "
    "was set in a fallback face. Check the fontconfig setup."
)


class GlyphMissingError(RenderRefused):
    """A character of the order that no font of the chain can print."""

    def __init__(self, message: str, *, char: str, where: str) -> None:
        super().__init__(message)
        self.char, self.where = char, where


@functools.cache
def font_file(family: str, style: str = "Regular") -> tuple[str, int]:
    """The file (and index in a collection) fontconfig gives for ``family`` ``style``."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style=style))
    found = subprocess.run(  # noqa: S603 - fixed program, no shell
        [fc_match, "-f", "%{family}\n%{index}\n%{file}", f"{family}:style={style}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    ).stdout.split("\n")
    if len(found) < 3 or family not in found[0].split(","):
        raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style=style))
    return found[2], int(found[1] or 0)


@functools.cache
def _font(family: str) -> TTFont:
    path, index = font_file(family)
    return TTFont(path, fontNumber=index, lazy=True)


@functools.cache
def covered(family: str) -> frozenset[int]:
    """The code points ``family`` (Regular) has a glyph for."""
    return frozenset(_font(family).getBestCmap())


def _ignorable(char: str) -> bool:
    """Spaces and format characters (soft hyphen, zero-width space, …) need no glyph."""
    return char in " \n\t" or unicodedata.category(char) in ("Cc", "Cf")


def first_font_for(char: str) -> str | None:
    """The first family of the chain with a glyph for ``char`` (fonts loaded only when needed)."""
    code = ord(char)
    for family in FONT_CHAIN:
        if code in covered(family):
            return family
    return None


def check_texts(texts: Iterable[tuple[str, str]]) -> None:
    """Raise ``GlyphMissingError`` for the first character no font has; ``texts`` are
    (where, text) pairs, ``where`` saying where the text is printed (“The caption (plaintiffs)”)."""
    base = covered(FONT_CHAIN[0])
    for where, text in texts:
        for char in text:
            if ord(char) in base or _ignorable(char) or first_font_for(char):
                continue
            raise GlyphMissingError(
                ERROR_GLYPH_MISSING.format(
                    where=where,
                    codepoint=f"U+{ord(char):04X}",
                    char=char,
                    name=unicodedata.name(char, "unnamed character").lower(),
                    fonts=", ".join(FONT_CHAIN),
                ),
                char=char,
                where=where,
            )


def check_embedded_fonts(names: Iterable[str]) -> None:
    """Refuse a PDF whose fonts (``BaseFont`` names, subset prefix and all) are not the chain's."""
    for name in names:
        bare = name.lstrip("/").split("+", 1)[-1]
        if not bare.startswith(PDF_NAME_PREFIXES):
            raise FontMissingError(ERROR_OTHER_FONT.format(font=bare, fonts=", ".join(FONT_CHAIN)))


@functools.cache
def _advances() -> tuple[dict[int, str], dict[str, int], float]:
    font = _font(FONT_CHAIN[0])
    return font.getBestCmap(), {k: v[0] for k, v in font["hmtx"].metrics.items()}, font["head"].unitsPerEm


def text_width(text: str, size: float) -> float:
    """The width of ``text`` in Liberation Serif Regular at ``size`` pt (other characters: 1 em)."""
    cmap, widths, units = _advances()
    total = sum(widths[cmap[ord(c)]] if ord(c) in cmap else units for c in text)
    return total * size / units
