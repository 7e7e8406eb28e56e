"""WeasyPrint's private API, as the renderer (``orders/pdf/``) uses it. Tested with 70.0.

- ``HTML._ua_stylesheets(forms)``: the hook for WeasyPrint's default (user-agent) stylesheet,
  overridden by :class:`HTMLWithUserAgentStylesheet`;
- ``Page._page_box``: the root of a laid-out page's box tree, walked by :func:`page_boxes`;
- ``weasyprint.formatting_structure.boxes``: the box classes (:data:`BlockBox`,
  :data:`LineBox`, :data:`TextBox`) and what the renderer reads on them (``element``,
  ``baseline``, ``margin_height()``, ``border_box_x()``, ``border_box_y()``, ``border_width()``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from weasyprint import CSS, HTML, Page
from weasyprint.formatting_structure.boxes import BlockBox, Box, LineBox, TextBox

from . import require_version

TESTED_VERSION = "70.0"
VERSION = require_version("weasyprint", TESTED_VERSION, module=__name__)

__all__ = ["BlockBox", "Box", "HTMLWithUserAgentStylesheet", "LineBox", "TextBox", "page_boxes"]


class HTMLWithUserAgentStylesheet(HTML):
    """WeasyPrint's ``HTML`` whose default stylesheet is the class's ``ua_stylesheet`` when one is
    set (WeasyPrint's own otherwise, and always for forms)."""

    ua_stylesheet: CSS | None = None

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        if self.ua_stylesheet is None or forms:
            return super()._ua_stylesheets(forms)
        return [self.ua_stylesheet]


def page_boxes(page: Page) -> Iterator[Any]:
    """Every box of a laid-out page, the page box first, in document order."""
    return page._page_box.descendants()
