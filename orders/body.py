"""The stored form of an order's body, and its parsed form (renderer-independent).

An order's body is plain text, stored as written so a past order re-renders identically. It is
never markup or a template: every renderer (the PDF, the HTML pages, a Word export) escapes it.

Blocks are separated by one blank line; a block's first characters say what it is:

- ``# CONCLUSION`` — a centred bold heading;
- ``> text`` — a single-spaced block quotation (one ``> `` block per quoted paragraph);
- ``1. text``, ``2) text``, ``(3) text`` — an item of a numbered list; ``a. text``, ``b) text``,
  ``(c) text`` — an item of a lettered list (the marker is printed as written; consecutive
  items make one list);
- ``[^label]: text`` — the text of footnote *label* (anywhere in the body; footnotes are
  numbered 1, 2, … in the order of their references);
- anything else — a paragraph (double-spaced, first-line indent, justified).

Inside any block:

- ``*words*`` — italics (*pro se*, *See*); ``_words_`` — underline. A marker opens only before a
  non-space character and not inside a word (``snake_case``, ``____`` stay as typed);
- ``[^label]`` — a footnote reference (the number is printed, the text goes to the foot of the
  page);
- ``\\`` before ``\\ * _ [ ]`` prints that character as itself (``\\*`` is an asterisk); a block
  starting with ``\\`` is a paragraph whatever follows (``\\1. text`` is not a list item).

The parsed form, for renderers: ``parse_body(text)`` → a list of ``Block`` (``kind``, the
block's source ``text``, a list ``marker``, a footnote ``label``); ``block.spans`` → a list of
``Span`` (``text``, ``italic``, ``underline``, or ``footnote`` — the label of a reference, with
no text). ``parse_document(text)`` → ``Body``: the blocks in reading order without the footnote
texts, the footnotes by label, each reference's number, and ``errors`` (a reference without a
text, a text without a reference, a label used twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

BlockKind = Literal["paragraph", "heading", "quote", "list_item", "footnote"]
ListStyle = Literal["numbered", "lettered"]

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_LIST_MARKER = re.compile(r"(\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]{1,3}\))\s+(?=\S)")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^([A-Za-z0-9_-]{1,20})\]:\s*")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([A-Za-z0-9_-]{1,20})\]")
ESCAPABLE = "\\*_[]"
_DELIMITERS = {"*": "italic", "_": "underline"}

ERROR_UNDEFINED_FOOTNOTE = "Footnote [^{label}] is referred to but has no text (add “[^{label}]: …”)."
ERROR_UNUSED_FOOTNOTE = "Footnote [^{label}] has a text but no reference in the order."
ERROR_DUPLICATE_FOOTNOTE = "Footnote [^{label}] is {what} twice."


@dataclass(frozen=True)
class Span:
    """A run of text with one style, or a footnote reference (``footnote`` = its label, no text)."""

    text: str
    italic: bool = False
    underline: bool = False
    footnote: str = ""


@dataclass(frozen=True)
class Block:
    """One block of the body. ``text`` is its source (inline markers and escapes as stored)."""

    kind: BlockKind
    text: str
    marker: str = ""  # a list item's marker as written: "1.", "(a)"
    label: str = ""  # a footnote's label

    def to_text(self) -> str:
        if self.kind == "heading":
            return "# " + self.text
        if self.kind == "quote":
            return "> " + self.text
        if self.kind == "list_item":
            return f"{self.marker} {self.text}"
        if self.kind == "footnote":
            return f"[^{self.label}]: {self.text}"
        return ("\\" + self.text) if _needs_guard(self.text) else self.text

    @property
    def list_style(self) -> ListStyle | None:
        if self.kind != "list_item":
            return None
        return "numbered" if any(c.isdigit() for c in self.marker) else "lettered"

    @cached_property
    def spans(self) -> list[Span]:
        return parse_inline(self.text)

    @property
    def plain(self) -> str:
        """The block's words without markers (footnote references left out)."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Body:
    """A parsed body: ``blocks`` in reading order (no footnote texts), ``footnotes`` by label,
    ``numbers`` of the references by label (1, 2, … in reading order), ``errors``."""

    blocks: list[Block]
    footnotes: dict[str, Block] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _needs_guard(text: str) -> bool:
    """Would this paragraph's text read as another kind of block?"""
    return (
        text.startswith(("# ", "> ", "\\"))
        or bool(_LIST_MARKER.match(text))
        or bool(_FOOTNOTE_DEFINITION.match(text))
    )


def _block(chunk: str) -> Block:
    if chunk.startswith("\\") and _needs_guard(chunk[1:]):
        return Block(kind="paragraph", text=" ".join(chunk[1:].split()))
    if chunk.startswith("# "):
        return Block(kind="heading", text=" ".join(chunk[2:].split()))
    if chunk.startswith("> "):
        return Block(kind="quote", text=" ".join(chunk[2:].split()))
    if match := _FOOTNOTE_DEFINITION.match(chunk):
        return Block(kind="footnote", text=" ".join(chunk[match.end() :].split()), label=match[1])
    if match := _LIST_MARKER.match(chunk):
        return Block(kind="list_item", text=" ".join(chunk[match.end() :].split()), marker=match[1])
    return Block(kind="paragraph", text=" ".join(chunk.split()))


def parse_body(body: str) -> list[Block]:
    """Split a stored body into blocks; whitespace inside a block collapses to one space."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return [_block(chunk.strip()) for chunk in _BLANK_LINES.split(text) if chunk.strip()]


def join_body(blocks: list[Block]) -> str:
    """The stored text of a list of blocks (the inverse of ``parse_body``)."""
    return "\n\n".join(block.to_text() for block in blocks if block.text.strip())


def parse_document(body: str) -> Body:
    """The blocks, the footnotes and their numbers, and what is wrong with the footnotes."""
    blocks, footnotes, errors = [], {}, []
    for block in parse_body(body):
        if block.kind != "footnote":
            blocks.append(block)
        elif block.label in footnotes:
            errors.append(ERROR_DUPLICATE_FOOTNOTE.format(label=block.label, what="given a text"))
        else:
            footnotes[block.label] = block
    numbers: dict[str, int] = {}
    for block in blocks + list(footnotes.values()):
        for span in block.spans:
            if not span.footnote:
                continue
            if span.footnote in numbers:
                errors.append(ERROR_DUPLICATE_FOOTNOTE.format(label=span.footnote, what="referred to"))
            elif span.footnote not in footnotes:
                errors.append(ERROR_UNDEFINED_FOOTNOTE.format(label=span.footnote))
            else:
                numbers[span.footnote] = len(numbers) + 1
    errors += [ERROR_UNUSED_FOOTNOTE.format(label=label) for label in footnotes if label not in numbers]
    return Body(blocks=blocks, footnotes=footnotes, numbers=numbers, errors=errors)


def _can_open(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else ""
    before = text[i - 1] if i else ""
    return bool(after) and not after.isspace() and after != text[i] and not before.isalnum()


def _can_close(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else ""
    before = text[i - 1] if i else ""
    return bool(before) and not before.isspace() and before not in (text[i], "\\") and not after.isalnum()


def _closer(text: str, i: int) -> int:
    """Where the delimiter opening at ``i`` closes, or -1."""
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == text[i] and _can_close(text, j) and j > i + 1:
            return j
        j += 1
    return -1


def parse_inline(text: str) -> list[Span]:
    """The spans of a block's text (see the module docstring for the markers)."""
    spans: list[Span] = []
    buffer: list[str] = []
    style = {"italic": False, "underline": False}
    closing: dict[str, int] = {}

    def flush() -> None:
        if buffer:
            spans.append(Span(text="".join(buffer), **style))
            buffer.clear()

    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            buffer.append(text[i + 1])
            i += 2
            continue
        if char == "[" and (match := _FOOTNOTE_REFERENCE.match(text, i)):
            flush()
            spans.append(Span(text="", footnote=match[1], **style))
            i = match.end()
            continue
        name = _DELIMITERS.get(char)
        if name and style[name] and closing.get(name) == i:
            flush()
            style[name] = False
        elif name and not style[name] and _can_open(text, i) and (end := _closer(text, i)) > 0:
            flush()
            style[name], closing[name] = True, end
        else:
            buffer.append(char)
        i += 1
    flush()
    return spans


def escape_inline(text: str) -> str:
    """``text`` as literal body text: every marker character escaped."""
    return "".join("\\" + c if c in ESCAPABLE else c for c in text)


def plain_text(body: str) -> str:
    """The words of a body without block or inline markers, for search and comparison (footnote
    texts last)."""
    document = parse_document(body)
    blocks = document.blocks + list(document.footnotes.values())
    return "\n\n".join(
        (f"{block.marker} " if block.kind == "list_item" else "") + block.plain for block in blocks
    )
