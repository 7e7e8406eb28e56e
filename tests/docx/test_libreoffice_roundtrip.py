"""An order edited in LibreOffice comes back: the exported DOCX opened and saved again by
LibreOffice Writer (as a clerk who edits in it does) is still read back to the same body, on
pleading paper and in the plain format, and a tracked change made there is accepted.

Runs on the SQLite pass of ``scripts/test`` only, as the other LibreOffice tests."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from orders.body import parse_body
from orders.courts.profiles import PaperProfile
from orders.docx import build_docx, read_uploaded_docx

from ..office import convert
from ..pdf_helpers import crawford
from .test_reading import RICH_BODY, rewrite

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs once, on the SQLite pass of scripts/test"
)

PLAIN = PaperProfile(paper="plain", closing="SO ORDERED.", case_number_label="Civil Action No.")
TRACKED = (
    '<w:ins w:id="901" w:author="Judge" w:date="2026-12-01T10:00:00Z">'
    '<w:r><w:t xml:space="preserve"> Plaintiff shall serve the order forthwith.</w:t></w:r></w:ins>'
)


def _with_tracked_insertion(data: bytes) -> bytes:
    """The DOCX with a tracked insertion at the end of the paragraph that says “DENIED.”."""

    def change(xml: str) -> str:
        marker = "The motion is DENIED."
        at = xml.index(marker)
        close = xml.index("</w:p>", at)
        return xml[:close] + TRACKED + xml[close:]

    return rewrite(data, "word/document.xml", change)


def test_an_order_saved_again_by_libreoffice_reads_back_to_the_same_body():
    documents = {
        "pleading": crawford(body=RICH_BODY),
        "plain": replace(crawford(body=RICH_BODY), profile=PLAIN, case_number_label="Civil Action No."),
        "tracked": crawford(body=RICH_BODY),
    }
    exported = {name: build_docx(document, draft=True) for name, document in documents.items()}
    exported["tracked"] = _with_tracked_insertion(exported["tracked"])
    saved = convert(exported, to="docx")
    expected = [block.to_text() for block in parse_body(RICH_BODY)]
    for name in ("pleading", "plain"):
        read = read_uploaded_docx(saved[name])
        assert read.ours, name
        assert [block.to_text() for block in parse_body(read.body)] == expected, name
        assert read.title == "ORDER DENYING REQUEST FOR EXTENSION OF TIME", name
    tracked = read_uploaded_docx(saved["tracked"])
    assert tracked.insertions == 1
    assert "DENIED. An asterisk" in tracked.body
    assert tracked.body.count("Plaintiff shall serve the order forthwith.") == 1
