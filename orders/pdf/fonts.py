"""The pleading font must be there: no silent fallback to another face."""

from __future__ import annotations

import functools
import shutil
import subprocess

FONT_FAMILY = "Liberation Serif"
FONT_STYLES = ("Regular", "Bold")

ERROR_FONT_MISSING = (
    "The font “{family} {style}” is not installed, and orders must be printed in it "
    "(12-point Times-metric serif). Install it (Debian: apt-get install fonts-liberation2) "
    "or run scripts/start, which installs it."
)
ERROR_FONT_FALLBACK = (
    "WeasyPrint set the text in another font than “{family}” although fontconfig lists it: "
    'orders must be printed in it. Check the fontconfig setup (fc-match "{family}").'
)
ERROR_NO_FONTCONFIG = "fontconfig's fc-list is not installed, so the pleading font cannot be checked."


class FontMissingError(RuntimeError):
    """The font the orders are printed in is not installed."""


@functools.cache
def require_font(family: str = FONT_FAMILY) -> None:
    """Raise ``FontMissingError`` unless every style of ``family`` is installed (checked once)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FontMissingError(ERROR_NO_FONTCONFIG)
    for style in FONT_STYLES:
        found = subprocess.run(  # noqa: S603 - fixed program, no shell
            [fc_list, f"{family}:style={style}", "family"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        ).stdout
        families = {name.strip() for line in found.splitlines() for name in line.split(",")}
        if family not in families:
            raise FontMissingError(ERROR_FONT_MISSING.format(family=family, style=style))
