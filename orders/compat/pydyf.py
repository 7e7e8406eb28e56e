"""pydyf's internal data layout, as ``orders/pdf/paper.py`` uses it (the ``finisher`` WeasyPrint
hands the PDF to before writing). Tested with 0.13.0.

- ``PDF.pages["Kids"]`` holds each page as three items, ``number, 0, "R"`` (read by
  :func:`page_objects`);
- an indirect reference is the string or bytes ``"N 0 R"`` whose ``N`` indexes ``PDF.objects``
  (read by :func:`resolve`).
"""

from __future__ import annotations

from typing import Any

import pydyf

from . import require_version

TESTED_VERSION = "0.13.0"
VERSION = require_version("pydyf", TESTED_VERSION, module=__name__)


def page_objects(pdf: pydyf.PDF) -> list[pydyf.Dictionary]:
    """The page dictionaries of ``pdf``, in page order."""
    return [pdf.objects[number] for number in pdf.pages["Kids"][::3]]


def resolve(pdf: pydyf.PDF, value: Any) -> Any:
    """The object an indirect reference (``"N 0 R"``) points to; any other value as it is."""
    if isinstance(value, bytes | str):
        return pdf.objects[int(value.split()[0])]
    return value
