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
