"""Orders as Word documents: export on the court's paper (``export.py``)."""

from .export import build_docx

__all__ = ["build_docx"]
