"""A quick look at an uploaded page's shape before any parser builds a tree of it.

A docket report is a flat page: a few tables of parties and one row per docket entry, nested a
dozen elements deep (the 26 reports in ``tests/data/dockets`` nest at most 13 deep and have at
most 1,516 elements and 389 table rows). A page nested thousands deep, or with more rows than
any docket the import can show, is refused here in well under a second with a message, instead
of costing the parser minutes (100,000 nested elements took 34 s per parse).
"""

from __future__ import annotations

import re

from .parsed import DocketError

MAX_DEPTH = 400
MAX_ELEMENTS = 200_000
MAX_ROWS = 5_000

ERROR_TOO_DEEP = (
    "The file nests its HTML elements more than %(limit)s deep, which no CM/ECF docket report does: "
    "it cannot be read. Save the Docket Report from CM/ECF again (“Web page, HTML only”)."
)
ERROR_TOO_MANY_ELEMENTS = (
    "The file has more than %(limit)s HTML elements, far more than a docket report: it cannot be read."
)
ERROR_TOO_MANY_ROWS = (
    "The docket report has more than %(limit)s rows (%(rows)s): too many to import at once. In CM/ECF, "
    "run the Docket Report for a range of dates or document numbers and import each part: entries "
    "already imported are kept."
)

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_ROW = re.compile(r"<tr[\s>]", re.IGNORECASE)
# Elements HTML never nests in practice, and those a parser closes itself: “<p>…<p>” and
# “<td>…<td>” are siblings, not a nesting.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source"}
    | {"track", "wbr", "basefont", "frame", "isindex"}
)
_SELF_CLOSING = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot"}
    | {"colgroup", "caption"}
)


def check_structure(text: str) -> None:
    """Raise ``DocketError`` when the page is nested too deep or has too many elements or rows."""
    rows = len(_ROW.findall(text))
    if rows > MAX_ROWS:
        raise DocketError(ERROR_TOO_MANY_ROWS % {"limit": f"{MAX_ROWS:,}", "rows": f"{rows:,}"})
    if nesting_depth(text) > MAX_DEPTH:
        raise DocketError(ERROR_TOO_DEEP % {"limit": MAX_DEPTH})


def nesting_depth(text: str) -> int:
    """How deep the page's elements nest, as a forgiving HTML parser would build them (an
    unclosed ``<p>`` or ``<td>`` ends at its next sibling), read up to ``MAX_DEPTH + 1``;
    ``DocketError`` past ``MAX_ELEMENTS`` elements."""
    stack: list[str] = []
    deepest = 0
    for count, match in enumerate(_TAG.finditer(text)):
        if count > MAX_ELEMENTS:
            raise DocketError(ERROR_TOO_MANY_ELEMENTS % {"limit": f"{MAX_ELEMENTS:,}"})
        closing, name, empty = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or empty:
            continue
        if closing:
            _close(stack, name)
            continue
        if name in _SELF_CLOSING and name in stack[-3:]:
            _close(stack, name)
        stack.append(name)
        deepest = max(deepest, len(stack))
        if deepest > MAX_DEPTH:
            break  # deep enough to refuse: no need to read on
    return deepest


def _close(stack: list[str], name: str) -> None:
    """Pop up to the innermost open ``name`` (a stray closing tag closes nothing)."""
    for index in range(len(stack) - 1, max(len(stack) - 64, -1), -1):
        if stack[index] == name:
            del stack[index:]
            return
