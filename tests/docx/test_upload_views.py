"""Taking an edited Word file back in: download, edit with tracked changes, upload, see the
difference, save as the next version (and the PDF of that version says it); stale, signed,
read-only and foreign uploads refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orders import services
from orders.models import AuditEvent, ChambersMembership, Order
from orders.pdf import render_order_pdf

from ..factories import MembershipFactory, OrderFactory
from ..pdf_helpers import body_text
from .test_reading import rewrite

pytestmark = pytest.mark.django_db

BODY = "Plaintiff's motion for discovery is DENIED.\n\nThis order terminates Docket No. 19."


@pytest.fixture
def clerk():
    return MembershipFactory(role=ChambersMembership.Role.CLERK)


@pytest.fixture
def order(clerk):
    return OrderFactory(case__assigned_judge=clerk.judge, judge=clerk.judge, body=BODY)


def edited(client, order, change) -> SimpleUploadedFile:
    """The order's DOCX as downloaded, with ``change`` applied to its document.xml."""
    data = client.get(f"/orders/{order.pk}/docx").content
    return SimpleUploadedFile("edited.docx", rewrite(data, "word/document.xml", change))


def judge_edits(xml: str) -> str:
    """The judge's tracked change: DENIED → GRANTED."""
    out = xml.replace(
        "<w:t>Plaintiff's motion for discovery is DENIED.</w:t>",
        '<w:t xml:space="preserve">Plaintiff\'s motion for discovery is </w:t></w:r>'
        '<w:del w:id="1" w:author="Judge"><w:r><w:delText>DENIED</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="Judge"><w:r><w:t>GRANTED</w:t></w:r></w:ins><w:r><w:t>.</w:t>',
    )
    assert out != xml
    return out


def test_upload_shows_the_difference_then_saves_the_next_version(client, clerk, order):
    client.force_login(clerk.user)
    response = client.post(f"/orders/{order.pk}/docx/upload/", {"file": edited(client, order, judge_edits)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 insertion(s) taken in, 1 deletion(s) taken out" in page
    assert "− Plaintiff&#x27;s motion for discovery is DENIED." in page
    assert "+ Plaintiff&#x27;s motion for discovery is GRANTED." in page
    order.refresh_from_db()
    assert order.version == 1 and "DENIED" in order.body  # nothing saved yet
    token = response.context["token"]
    saved = client.post(f"/orders/{order.pk}/docx/save/", {"token": token})
    assert saved.status_code == 302
    order.refresh_from_db()
    assert order.version == 2
    assert order.body.startswith("Plaintiff's motion for discovery is GRANTED.")
    assert "GRANTED" in body_text(render_order_pdf(order))
    assert order.history.count() >= 2
    event = AuditEvent.objects.filter(order_ref=order.pk, action=AuditEvent.Action.EDITED).latest("at")
    assert "from Word file “edited.docx”" in event.detail and "SHA-256" in event.detail


def test_a_file_made_from_an_older_version_is_a_conflict_and_overwrites_nothing(client, clerk, order):
    client.force_login(clerk.user)
    upload = edited(client, order, judge_edits)
    token = client.post(f"/orders/{order.pk}/docx/upload/", {"file": upload}).context["token"]
    services.order_update(order=order, user=clerk.user, expected_version=1, body=BODY + "\n\nA new line.")
    response = client.post(f"/orders/{order.pk}/docx/save/", {"token": token})
    assert response.status_code == 409
    assert "Nothing was saved" in response.content.decode()
    order.refresh_from_db()
    assert order.version == 2 and "DENIED" in order.body and "A new line." in order.body


def test_a_ready_order_goes_back_to_draft_when_the_word_edit_is_saved(client, clerk, order):
    services.order_send_for_signature(order=order, user=clerk.user)
    order.refresh_from_db()
    assert order.status == Order.Status.READY
    client.force_login(clerk.user)
    token = client.post(
        f"/orders/{order.pk}/docx/upload/", {"file": edited(client, order, judge_edits)}
    ).context["token"]
    client.post(f"/orders/{order.pk}/docx/save/", {"token": token})
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT and "GRANTED" in order.body


def test_a_signed_order_refuses_a_word_file(client, clerk, order):
    client.force_login(clerk.user)
    token = client.post(
        f"/orders/{order.pk}/docx/upload/", {"file": edited(client, order, judge_edits)}
    ).context["token"]
    judge = MembershipFactory(judge=order.judge, role=ChambersMembership.Role.JUDGE)
    services.order_send_for_signature(order=order, user=clerk.user)
    services.order_sign(order=order, user=judge.user, signature="conformed")
    response = client.get(f"/orders/{order.pk}/docx/upload/")
    assert response.status_code == 302
    assert services.ERROR_ORDER_SIGNED in client.get(response["Location"]).content.decode()
    client.post(f"/orders/{order.pk}/docx/save/", {"token": token})
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and "DENIED" in order.body


def test_read_only_members_and_other_chambers_cannot_upload(client, order):
    reader = MembershipFactory(judge=order.judge, role=ChambersMembership.Role.READ_ONLY)
    client.force_login(reader.user)
    assert client.get(f"/orders/{order.pk}/docx/upload/").status_code == 403
    client.force_login(MembershipFactory().user)
    assert client.get(f"/orders/{order.pk}/docx/upload/").status_code == 404
    assert client.post(f"/orders/{order.pk}/docx/save/", {"token": "x"}).status_code == 404


def test_a_hostile_file_is_refused_on_the_form_and_nothing_changes(client, clerk, order):
    client.force_login(clerk.user)
    bad = SimpleUploadedFile("order.docm", b"PK\x03\x04" + b"\0" * 200)
    response = client.post(f"/orders/{order.pk}/docx/upload/", {"file": bad})
    assert response.status_code == 400
    assert "not a Word document" in response.content.decode()
    order.refresh_from_db()
    assert order.version == 1


def test_a_tampered_token_is_refused(client, clerk, order):
    client.force_login(clerk.user)
    token = client.post(
        f"/orders/{order.pk}/docx/upload/", {"file": edited(client, order, judge_edits)}
    ).context["token"]
    response = client.post(f"/orders/{order.pk}/docx/save/", {"token": token[:-3] + "abc"})
    assert response.status_code == 400
    other = OrderFactory(case__assigned_judge=clerk.judge, judge=clerk.judge, body=BODY)
    assert client.post(f"/orders/{other.pk}/docx/save/", {"token": token}).status_code == 400
    order.refresh_from_db()
    assert order.version == 1


def test_the_order_page_offers_the_upload_to_editors_only(client, clerk, order):
    client.force_login(clerk.user)
    assert f"/orders/{order.pk}/docx/upload/" in client.get(f"/orders/{order.pk}/").content.decode()
    reader = MembershipFactory(judge=order.judge, role=ChambersMembership.Role.READ_ONLY)
    client.force_login(reader.user)
    assert f"/orders/{order.pk}/docx/upload/" not in client.get(f"/orders/{order.pk}/").content.decode()
