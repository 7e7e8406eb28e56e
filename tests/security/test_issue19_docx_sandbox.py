"""Issue 19, item 5: an uploaded Word file is read in the same limited child process as a past
order's PDF. Its documented refusals (``DocxRefused``: zip bomb, macros, encryption, …) reach the
form; a file whose reading passes the memory or time limit is refused as too complex, and the
server's own memory is untouched."""

import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import orders.docx as docx
from orders.docx import ERROR_DOCX_TOO_COMPLEX, read_uploaded_docx
from orders.docx.package import DocxRefused
from orders.models import ChambersMembership
from orders.sandbox import Limits

from ..factories import MembershipFactory, OrderFactory
from .hostile_files import docx_bomb, docx_deep_nesting, docx_with_paragraphs

pytestmark = pytest.mark.django_db


def _greedy_reader(data: bytes):
    """A reader that a crafted file sends into a loop that allocates without end."""
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))


def test_a_plain_docx_is_read_back():
    read = read_uploaded_docx(docx_with_paragraphs(["ORDER", "The motion is granted.", "IT IS SO ORDERED."]))
    assert "The motion is granted." in read.body


@pytest.mark.parametrize("make", [docx_bomb, docx_deep_nesting])
def test_bombs_are_refused_with_the_readers_own_message(make):
    with pytest.raises(DocxRefused, match="refused as unsafe"):
        read_uploaded_docx(make())


def test_reading_past_the_memory_limit_is_too_complex_and_the_server_keeps_its_memory(monkeypatch):
    monkeypatch.setattr(docx, "read_docx", _greedy_reader)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DocxRefused) as refusal:
        read_uploaded_docx(docx_with_paragraphs(["x"]))
    assert str(refusal.value) == ERROR_DOCX_TOO_COMPLEX
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024


def test_the_upload_form_says_too_complex_and_nothing_changes(client, monkeypatch):
    clerk = MembershipFactory(role=ChambersMembership.Role.CLERK)
    order = OrderFactory(case__assigned_judge=clerk.judge, judge=clerk.judge, body="The motion is DENIED.")
    monkeypatch.setattr(docx, "DOCX_LIMITS", Limits(wall_seconds=0.001))
    client.force_login(clerk.user)
    file = SimpleUploadedFile("edited.docx", docx_with_paragraphs(["ORDER", "The motion is GRANTED."]))
    response = client.post(f"/orders/{order.pk}/docx/upload/", {"file": file})
    assert response.status_code == 400
    assert "too complex to read" in response.content.decode()
    order.refresh_from_db()
    assert order.version == 1 and "DENIED" in order.body
