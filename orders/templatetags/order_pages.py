"""Filters for the order pages and the wizard."""

from __future__ import annotations

from django import template

register = template.Library()

_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "v.", "with"}


@register.filter
def headline(title: str) -> str:
    """An order's capitalised title as a heading: “ORDER DENYING MOTION FOR DISCOVERY” →
    “Order Denying Motion for Discovery” (small words lower case except the first)."""
    words = (title or "").lower().split()
    return " ".join(
        word if index and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


@register.filter
def block_html(block) -> str:
    """A body block's text as HTML: italics and underline as tags, a footnote reference as its
    label in superscript, everything else escaped (the stored text is never markup)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    parts = []
    for span in block.spans:
        if span.footnote:
            parts.append(f'<sup class="footnote-ref">[{escape(span.footnote)}]</sup>')
            continue
        html: str = str(escape(span.text))
        if span.underline:
            html = f"<u>{html}</u>"
        if span.italic:
            html = f"<em>{html}</em>"
        parts.append(html)
    if block.kind == "list_item":
        parts.insert(0, f"{escape(block.marker)} ")
    elif block.kind == "footnote":
        parts.insert(0, f'<sup class="footnote-label">[{escape(block.label)}]</sup> ')
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


@register.filter
def body_blocks(order) -> list:
    """The order's body as blocks (``orders.body.parse_body``), for ``orders/_order_text.html``."""
    from ..body import parse_body

    return parse_body(order.body)


@register.filter
def latest_send_back(order):
    """The judge's comment when the draft was sent back (``selectors.send_back_comment``), or None."""
    from ..selectors import send_back_comment

    return send_back_comment(order) if order is not None else None


@register.filter
def printed_token(order) -> str:
    """What the page shows of the order, for a sign form (``services.order_printed_token``)."""
    from ..services import order_printed_token

    return order_printed_token(order)
