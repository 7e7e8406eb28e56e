"""Checks of a laid-out order before it is written: nothing outside the text column.

``static/pdf/pleading.css`` wraps long words (``overflow-wrap: anywhere``); this is the second
wall: every text box of every page is compared with the page's text column, and a render where
one crosses it is refused with the text named, never cut at the paper's edge.
"""

from __future__ import annotations

from weasyprint import Document as LaidOutDocument
from weasyprint.formatting_structure.boxes import TextBox

from .errors import RenderRefused

PT_PER_PX = 0.75
TOLERANCE_PX = 0.5

ERROR_OUTSIDE_COLUMN = (
    "The text “{text}” on page {page} would print {distance:.1f}pt past the {side} edge of the "
    "text column. Shorten it or add a space where it may break."
)


class ColumnOverflowError(RenderRefused):
    """Text laid out outside the text column."""


def check_column(layout: LaidOutDocument) -> None:
    """Raise ``ColumnOverflowError`` if any text box crosses the text column of its page."""
    for number, page in enumerate(layout.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in page_box.descendants():
            if not isinstance(box, TextBox) or not box.text.strip():
                continue
            x0, x1 = box.position_x, box.position_x + box.width
            if x1 > right + TOLERANCE_PX or x0 < left - TOLERANCE_PX:
                side, distance = ("right", x1 - right) if x1 > right + TOLERANCE_PX else ("left", left - x0)
                text = box.text.strip()
                raise ColumnOverflowError(
                    ERROR_OUTSIDE_COLUMN.format(
                        text=text if len(text) <= 60 else text[:57] + "…",
                        page=number,
                        side=side,
                        distance=distance * PT_PER_PX,
                    )
                )
