"""A court's paper as the PDF renderer reads it: a plain data object, built from the court row.

``PaperProfile`` is what ``orders.pdf`` needs to print an order in the court's format: pleading
paper with 28 numbered lines (the California districts; C.D. Cal. in 14-point type) or the plain
federal format (no line numbers, 1-inch margins, double-spaced 12-point type, page number centred
at the bottom, caption centred), the closing line, the case-number label and the division line.
"""

from __future__ import annotations

from dataclasses import dataclass

PLEADING, PLAIN = "pleading", "plain"


@dataclass(frozen=True)
class PaperProfile:
    paper: str = PLEADING  # PLEADING or PLAIN
    font_size_pt: int = 12
    closing: str = "IT IS SO ORDERED."
    case_number_label: str = "Case No."
    division_line: str = ""  # "Alexandria Division", printed under the heading ("" for none)

    @property
    def plain(self) -> bool:
        return self.paper == PLAIN


def division_line(division: str) -> str:
    """“Alexandria Division” for the docket's “(Alexandria)”; kept when it already says so."""
    text = " ".join((division or "").split())
    if not text:
        return ""
    return text if "division" in text.lower() else f"{text} Division"


def profile_for(court, *, division: str = "") -> PaperProfile:
    """The paper of ``court`` (a ``Court``) for a case of ``division``."""
    return PaperProfile(
        paper=court.paper,
        font_size_pt=court.font_size_pt,
        closing=court.closing,
        case_number_label=court.case_number_label,
        division_line=division_line(division) if court.prints_division else "",
    )
