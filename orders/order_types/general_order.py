"""The general ORDER: the caption, a title, the text as the chambers writes it (paragraphs,
headings, quotations, lists and footnotes in the body format of ``orders.body``) and the
signature, so that no order is impossible to draft. It may rule on any pending motion or request
(it resolves every ask, after the types written for it) and needs none."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ..body import parse_document
from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import OrderType, OrderTypeForm

ERROR_NO_TEXT = "Write the order's text: at least one paragraph."
TEXT_HELP = (
    "A blank line between paragraphs. A line starting with “# ” is a centred heading "
    "(“# DISCUSSION”), “> ” a block quotation, “1. ” or “a. ” a list item; *italics*, _underline_, "
    "a footnote as [^1] in the text and “[^1]: its text” on a line of its own."
)
# A line that starts a block of its own even without a blank line before it.
_BLOCK_START = re.compile(
    r"^(?:#\s|>|\d{1,3}[.)]\s|\(\d{1,3}\)\s|[a-z][.)]\s|\([a-z]{1,3}\)\s|\[\^[A-Za-z0-9_-]{1,20}\]:)"
)


class Form(OrderTypeForm):
    order_title = forms.CharField(
        label="Title",
        max_length=300,
        initial="ORDER",
        help_text="Printed under the caption, e.g. “ORDER GRANTING MOTION TO STAY”.",
    )
    text = forms.CharField(
        label="The order's text",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=60000,
        help_text=TEXT_HELP,
        error_messages={"required": ERROR_NO_TEXT},
    )

    def clean_text(self) -> str:
        value = self.cleaned_data["text"]
        if not value.strip():
            raise ValidationError(ERROR_NO_TEXT, code="required")
        errors = parse_document(typed_blocks(value)).errors
        if errors:
            raise ValidationError(errors, code="footnotes")
        return value


def typed_blocks(text: str) -> str:
    """Text typed in the form as stored blocks: one per blank-line-separated chunk, and a new
    block at each line that starts a heading, quotation, list item or footnote; the lines of a
    block joined with single spaces; a heading is its line alone."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped or (current and _BLOCK_START.match(stripped)):
            if current:
                blocks.append(current)
            current = [stripped] if stripped else []
        else:
            current.append(stripped)
        if stripped.startswith("# "):  # a heading is one line: what follows is a new block
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return "\n\n".join(" ".join(" ".join(block).split()) for block in blocks)


@registry.register
class GeneralOrder(OrderType):
    key = "general_order"
    title = "ORDER"
    description = "Any order: a title and the text as written (paragraphs, headings), caption and signature."
    resolves_kinds = (EntryKind.MOTION, EntryKind.REQUEST)
    resolves_asks = tuple(Ask)
    general = True
    needs_entries = False
    Form = Form

    def title_for(self, *, case, entries, data) -> str:
        return " ".join(str(data.get("order_title") or self.title).split()).upper()

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        return {"blocks": typed_blocks(str(data.get("text") or ""))}
