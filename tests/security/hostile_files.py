"""Hostile files made at test time (no large binary is committed): the adversarial review's bombs.

The generators are ``bench/_hostile_files.py``'s, one copy for the suite and ``bench_hostile.py``
(the benchmarks import nothing from ``tests/``; the tests may use what the bench has):

- ``pdf_bomb``: a small PDF whose one compressed content stream inflates to megabytes of text
  operators; ``simple_pdf``: a well-formed PDF with the given lines of text, for comparison;
- ``nested_html_docket``, ``docket_with_entries``: CM/ECF dockets nested absurdly deep, or with
  thousands of entries;
- ``docx_bomb``, ``docx_deep_nesting``, ``docx_with_paragraphs``: Word files that inflate past the
  limits, nest absurdly deep, or are ordinary.
"""

from bench._hostile_files import (
    docket_with_entries,
    docx_bomb,
    docx_deep_nesting,
    docx_with_paragraphs,
    nested_html_docket,
    pdf_bomb,
    simple_pdf,
)

__all__ = [
    "docket_with_entries",
    "docx_bomb",
    "docx_deep_nesting",
    "docx_with_paragraphs",
    "nested_html_docket",
    "pdf_bomb",
    "simple_pdf",
]
