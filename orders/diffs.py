"""Readable differences between two versions of an order (title, date and body), line by
line, as data the templates render (escaped, like all case text)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from .body import parse_body

LineKind = Literal["same", "added", "removed", "gap"]
DIFF_FIELDS = ("title", "date", "status", "body")


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    text: str

    @property
    def marker(self) -> str:
        return {"same": " ", "added": "+", "removed": "−", "gap": "…"}[self.kind]


@dataclass(frozen=True)
class FieldDiff:
    field: str
    lines: list[DiffLine]


def _lines(field: str, value: Any) -> list[str]:
    if value is None:
        return []
    if field == "body":
        # One line per paragraph, so a change shows as the paragraph it is in.
        return [block.to_text() for block in parse_body(str(value))]
    return [str(value)]


def text_diff(old: list[str], new: list[str], *, context: int = 1) -> list[DiffLine]:
    """The changed lines with ``context`` unchanged lines around each change."""
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", line) for line in old[i1:i2])
                continue
            if tag in ("replace", "delete"):
                lines.extend(DiffLine("removed", line) for line in old[i1:i2])
            if tag in ("replace", "insert"):
                lines.extend(DiffLine("added", line) for line in new[j1:j2])
    return lines


def version_diff(old: Any, new: Any, *, fields: tuple[str, ...] = DIFF_FIELDS) -> list[FieldDiff]:
    """What changed between two versions (orders or historical records) of an order; fields that
    did not change are left out."""
    diffs = []
    for field in fields:
        before, after = _lines(field, getattr(old, field, None)), _lines(field, getattr(new, field, None))
        if before != after:
            diffs.append(FieldDiff(field=field, lines=text_diff(before, after)))
    return diffs
