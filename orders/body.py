"""The stored form of an order's body.

An order's body is plain text, stored as written so a past order re-renders identically:

- paragraphs are separated by one blank line;
- a paragraph that starts with ``# `` is a centred bold heading (``# CONCLUSION``);
- a paragraph that starts with ``> `` is a single-spaced block quote.

Nothing in the body is markup or a template: it is escaped wherever it is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "heading", "quote"]

_PREFIXES: dict[str, BlockKind] = {"# ": "heading", "> ": "quote"}
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str

    def to_text(self) -> str:
        prefix = {"heading": "# ", "quote": "> "}.get(self.kind, "")
        return prefix + self.text


def parse_body(body: str) -> list[Block]:
    """Split a stored body into blocks; whitespace inside a paragraph collapses to one space."""
    blocks = []
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    for chunk in _BLANK_LINES.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        kind: BlockKind = "paragraph"
        for prefix, prefix_kind in _PREFIXES.items():
            if chunk.startswith(prefix):
                kind, chunk = prefix_kind, chunk[len(prefix) :]
                break
        blocks.append(Block(kind=kind, text=" ".join(chunk.split())))
    return blocks


def join_body(blocks: list[Block]) -> str:
    """The stored text of a list of blocks (the inverse of ``parse_body``)."""
    return "\n\n".join(block.to_text() for block in blocks if block.text.strip())


def plain_text(body: str) -> str:
    """The words of a body without block markers, for search and comparison."""
    return "\n\n".join(block.text for block in parse_body(body))
