"""juriscraper's private API, as ``orders/dockets/cmecf.py`` uses it. Tested with 4.0.1.

- ``DocketReport._parse_text(html)``: parse a docket page the app already has (the public
  ``parse_text`` is the same after a download juriscraper would make; offline we call it directly);
- ``DocketReport.metadata_values``: the raw lines of the case's metadata table, which the
  parsed ``data`` leaves out (judges' titles are read from them).
"""

from __future__ import annotations

from typing import Any

from . import require_version

TESTED_VERSION = "4.0.1"
VERSION = require_version("juriscraper", TESTED_VERSION, module=__name__)


def parse_text(report: Any, html: str) -> None:
    """Feed ``html`` to a ``DocketReport`` (juriscraper is imported by the caller, lazily)."""
    report._parse_text(html)


def metadata_values(report: Any) -> list[str]:
    """The raw metadata lines a parsed ``DocketReport`` kept (empty if it kept none)."""
    return list(getattr(report, "metadata_values", []) or [])
