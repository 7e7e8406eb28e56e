"""The body's blocks as the HTML the PDF template prints: every text escaped, styles as tags.

``body_blocks(text)`` gives the template one dict per block (``kind``, ``html``, ``snap_id``
and ``pad`` for single-spaced blocks); consecutive list items are grouped as one ``list``
block holding its ``items``. A footnote reference becomes ``<figcaption class="footnote">`` holding
the footnote's text where it is referred to: WeasyPrint floats it to the foot of that page and
numbers it (``float: footnote`` in ``static/pdf/pleading.css``).
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..body import Block, Body, Span, parse_document
from .errors import RenderRefused
from .glyphs import text_width

COLUMN_WIDTH_PT = 468.0  # static/pdf/pleading.css: 612pt less 90pt and 54pt of margins
PARAGRAPH_INDENT_PT = 36.0
LIST_INDENT_PT = 72.0
FONT_SIZE_PT = 12.0
LONG_WORD = 25  # characters: a word this long may break anywhere

_LONG_WORD = re.compile(rf"(\S{{{LONG_WORD},}})")
ERROR_BODY = "The order's text cannot be printed: {errors}"


class BodyError(RenderRefused):
    """The body is not well formed (a footnote without its text, …)."""


def _span_html(span: Span, body: Body, depth: int) -> str:
    if span.footnote:
        note = body.footnotes[span.footnote]
        if depth:  # a reference inside a footnote: only its number (a footnote has no footnote)
            return f'<sup class="note-ref">{body.numbers[span.footnote]}</sup>'
        inner = "".join(_span_html(s, body, depth + 1) for s in note.spans)
        # <figcaption> only so that the tagged PDF can tell the footnote apart (WeasyPrint tags
        # it /Caption; render.py retags it /Note): it is an inline element here.
        return f'<figcaption class="footnote">{inner}</figcaption>'
    html = _words_html(span.text)
    if span.underline:
        html = f"<u>{html}</u>"
    if span.italic:
        html = f"<i>{html}</i>"
    return html


def _words_html(text: str) -> str:
    """Escaped text; a word too long to justify well (a URL, a citation string) may break
    between any two letters, so the line before it is filled instead of stretched."""
    return "".join(
        "\u200b".join(escape(char) for char in part) if index % 2 else escape(part)
        for index, part in enumerate(_LONG_WORD.split(text))
    )


def inline_html(spans: list[Span], body: Body) -> SafeString:
    return mark_safe("".join(_span_html(span, body, 0) for span in spans))  # noqa: S308 - escaped above


def parsed_body(text: str) -> Body:
    body = parse_document(text)
    if body.errors:
        raise BodyError(ERROR_BODY.format(errors=" ".join(body.errors)))
    return body


def body_blocks(text: str, pads: dict[str, float]) -> list[dict[str, Any]]:
    """The template's blocks (see the module docstring); ``pads`` are bottom margins by id."""
    body = parsed_body(text)
    out: list[dict[str, Any]] = []
    for index, block in enumerate(body.blocks):
        last = index == len(body.blocks) - 1
        item = {
            # The signature block takes the body's last two lines with it: a one-line last
            # block cannot give two, so the break goes before it too (the block before it
            # gives its last lines, its widows).
            "keep": last and _one_line(block),
            "kind": block.kind,
            "html": inline_html(block.spans, body),
            "marker": block.marker,
            "snap_id": f"snap-quote-{index}",
            "pad": _pt(pads.get(f"snap-quote-{index}")),
        }
        if block.kind == "list_item":
            if out and out[-1]["kind"] == "list" and out[-1]["style"] == block.list_style:
                out[-1]["items"].append(item)
            else:
                out.append({"kind": "list", "style": block.list_style, "items": [item]})
        else:
            out.append(item)
    return out


def _one_line(block: Block) -> bool:
    indent = LIST_INDENT_PT if block.kind == "list_item" else PARAGRAPH_INDENT_PT
    return block.kind == "heading" or indent + text_width(block.plain, FONT_SIZE_PT) < COLUMN_WIDTH_PT


def _pt(value: float | None) -> str:
    return f"{value:.3f}" if value else ""
