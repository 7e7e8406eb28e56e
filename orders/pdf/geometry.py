"""The paper's measures in one place: what a court profile may change.

``PLEADING`` is N.D. Cal.'s pleading paper (Civil L.R. 3-4): US Letter, 28 numbered lines at a
24pt pitch, 12pt type. ``paper.py`` draws the sheet from it and ``stylesheet()`` gives the CSS
that sets the page's margins and the type, so a profile that supplies another ``Paper`` changes
both. (Measures inside the page — the caption, the signature block — stay in pleading.css.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    """The sheet's geometry in PDF points (1/72 in); "top" values are from the page's top."""

    width: float = 612.0
    height: float = 792.0
    margin_top: float = 72.0
    margin_right: float = 54.0
    margin_bottom: float = 48.0
    margin_left: float = 90.0
    lines_per_page: int = 28
    line_pitch: float = 24.0
    font_size: float = 12.0
    numbers_right: float = 60.0  # the line numbers are right-aligned on this x
    rules_x: tuple[float, ...] = (66.0, 69.0, 566.0)  # the double rule left, the single rule right
    rule_width: float = 0.75
    footer_rule_top: float = 750.0
    footer_text_top: float = 752.0
    footer_size: float = 10.0
    footer_line_height: float = 12.0
    footer_title_width: float = 438.0  # from the left margin; the page number is right of it
    footer_max_lines: int = 3

    @property
    def text_right(self) -> float:
        return self.width - self.margin_right

    @property
    def page_area_bottom(self) -> float:
        return self.margin_top + self.lines_per_page * self.line_pitch

    def stylesheet(self) -> str:
        """The CSS of the page box and the type (prepended to pleading.css)."""
        return (
            f"@page {{ size: {self.width:g}pt {self.height:g}pt; margin: {self.margin_top:g}pt "
            f"{self.margin_right:g}pt {self.margin_bottom:g}pt {self.margin_left:g}pt; }}\n"
            f"html {{ font-size: {self.font_size:g}pt; line-height: {self.line_pitch:g}pt; }}\n"
        )


PLEADING = Paper()
