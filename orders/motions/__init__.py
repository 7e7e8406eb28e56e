"""Motions: what a docket entry asks the court for (``asks``)."""

from .asks import Ask, classify_entry, classify_text

__all__ = ["Ask", "classify_entry", "classify_text"]
