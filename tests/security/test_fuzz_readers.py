"""Bounded fuzzing (Hypothesis) of the three readers of uploaded files: past orders (PDF or text),
CM/ECF docket reports (HTML) and Word files (DOCX). Whatever the bytes, a reader returns its
result or raises its documented refusal (``ImportFileError``, ``DocketError``, ``DocxRefused``),
never anything else, and its limits hold (extracted text capped, the child process's time).

Each test runs a few dozen examples with a fixed seed (``derandomize``), so the suite stays fast
and repeatable; raise ``FUZZ_EXAMPLES`` locally to search longer.
"""

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.dockets import DocketError, ParsedDocket, parse_docket, parse_docket_limited
from orders.dockets.structure import check_structure
from orders.docx.package import DocxRefused
from orders.docx.reading import ReadBack, read_docx
from orders.importing import MAX_SOURCE_CHARS, ImportFileError, parse_order_text, read_order_file

from ..dockets import docket_bytes
from .hostile_files import docx_with_paragraphs, simple_pdf

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a sandboxed read forks; the limits, not Hypothesis, bound its time
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PDF = simple_pdf([["UNITED STATES DISTRICT COURT", "Case No. 14-cv-05578-MEJ", "IT IS SO ORDERED."]])
DOCKET = docket_bytes("cand")
DOCX = docx_with_paragraphs(["ORDER GRANTING MOTION", "The motion is granted.", "IT IS SO ORDERED."])


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """The original file with a few bytes changed, cut short, or a run of bytes repeated."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "repeat":
            piece = data[at : at + draw(st.integers(1, 64))]
            data[at:at] = piece * draw(st.integers(1, 200))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
    return bytes(data)


HTML_PIECES = st.sampled_from(
    ["<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<br>", "<p>", "<!--",
     "-->", "<b>", "</b>", "Assigned to: Judge ", "Date Filed: ", "01/02/2020", "CIVIL DOCKET FOR CASE #: ",
     "3:20-cv-01234-WHA", "California Northern District", "&amp;", "&#x0;", "\x00", "é", "<script>"]
)  # fmt: skip


@FUZZ
@given(data=st.one_of(mutated(PDF), st.binary(max_size=2048), mutated(b"%PDF-1.4\n" + PDF[9:200])))
def test_the_past_order_reader_reads_or_refuses_any_bytes(data):
    started = time.monotonic()
    try:
        text = read_order_file("order.pdf", data)
    except ImportFileError as refusal:
        assert str(refusal)
    else:
        assert isinstance(text, str) and len(text) <= MAX_SOURCE_CHARS
        parse_order_text(text)
    assert time.monotonic() - started < 10  # the child's wall-clock limit (6 s) and a margin


@FUZZ
@given(text=st.text(max_size=3000))
def test_the_past_order_text_parser_takes_any_text(text):
    parsed = parse_order_text(text)
    assert isinstance(parsed.body, str)
    try:
        assert read_order_file("order.txt", text.encode("utf-8")).strip()
    except ImportFileError as refusal:
        assert str(refusal)


@FUZZ
@given(
    data=st.one_of(mutated(DOCKET), st.lists(HTML_PIECES, max_size=300).map(lambda p: "".join(p).encode()))
)
def test_the_docket_reader_reads_or_refuses_any_bytes(data):
    try:
        docket = parse_docket(data)  # in this process: an unexpected exception would show here
    except DocketError as refusal:
        assert str(refusal)
    else:
        assert isinstance(docket, ParsedDocket)


@FUZZ
@given(pieces=st.lists(HTML_PIECES, max_size=2000))
def test_the_structure_check_refuses_or_passes_any_page_quickly(pieces):
    started = time.monotonic()
    try:
        check_structure("".join(pieces))
    except DocketError as refusal:
        assert "HTML elements" in str(refusal) or "rows" in str(refusal)
    assert time.monotonic() - started < 3


@settings(FUZZ, max_examples=max(EXAMPLES // 5, 3))
@given(data=mutated(DOCKET))
def test_the_sandboxed_docket_reader_gives_the_same_answer(data):
    try:
        expected: object = parse_docket(data)
    except DocketError as refusal:
        expected = str(refusal)
    try:
        got: object = parse_docket_limited(data)
    except DocketError as refusal:
        got = str(refusal)
    assert got == expected


@FUZZ
@given(data=st.one_of(mutated(DOCX), st.binary(max_size=1024)))
def test_the_word_reader_reads_or_refuses_any_bytes(data):
    try:
        read = read_docx(data)
    except DocxRefused as refusal:
        assert str(refusal)
    else:
        assert isinstance(read, ReadBack)


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
