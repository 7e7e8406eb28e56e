"""A party's proposed order in Word becomes a draft: uploaded in its case (or matched to the case
its caption names), its text from the title to the signature is a draft of the general order
type, titled as the judge signs it, with the original file kept byte for byte and its SHA-256;
files that cannot be read, name another case or come from someone who may not draft are refused
with nothing saved."""

from __future__ import annotations

import hashlib
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orders.body import parse_body
from orders.models import AuditEvent, ChambersMembership, ImportedFile, Order
from orders.pdf import render_order_pdf

from ..factories import CaseFactory, MembershipFactory
from ..pdf_helpers import body_text

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def proposed_order(number: str, *, title: str = "[PROPOSED] ORDER GRANTING STIPULATION TO STAY") -> bytes:
    """A proposed order as a law firm writes one in Word: counsel's block, the court, the caption
    in plain paragraphs, the bracketed title, numbered paragraphs, the signature lines."""
    document = docx.Document()
    for line in (
        "Jane Roe (SBN 123456)",
        "Attorney for Defendants",
        "UNITED STATES DISTRICT COURT",
        "NORTHERN DISTRICT OF CALIFORNIA",
        "JOHN DOE, Plaintiff, v. RICHARD ROE, et al., Defendants.",
        f"Case No. {number}",
        title,
        "Having considered the parties' stipulation, and good cause appearing, the Court ORDERS:",
        "1. This action is STAYED until June 1, 2027.",
        "2. The parties shall file a joint status report within 14 days after the stay ends.",
        "IT IS SO ORDERED.",
        "Dated: ____________",
        "United States District Judge",
    ):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def clerk():
    return MembershipFactory(role=ChambersMembership.Role.CLERK)


@pytest.fixture
def case(clerk):
    return CaseFactory(assigned_judge=clerk.judge)


def upload(data: bytes, name: str = "proposed-order.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=DOCX)


def test_a_proposed_order_becomes_a_general_order_draft_with_its_file_kept(client, clerk, case):
    data = proposed_order(case.number)
    client.force_login(clerk.user)
    response = client.post(f"/cases/{case.pk}/proposed-order/", {"file": upload(data)})
    assert response.status_code == 302
    order = Order.objects.get(case=case)
    assert response["Location"] == f"/orders/{order.pk}/"
    assert (order.order_type, order.status, order.created_by) == ("general_order", "draft", clerk.user)
    assert order.title == "ORDER GRANTING STIPULATION TO STAY"
    assert [block.text for block in parse_body(order.body)] == [
        "Having considered the parties' stipulation, and good cause appearing, the Court ORDERS:",
        "This action is STAYED until June 1, 2027.",
        "The parties shall file a joint status report within 14 days after the stay ends.",
    ]
    source = ImportedFile.objects.get(order=order)
    assert bytes(source.data) == data and source.sha256 == hashlib.sha256(data).hexdigest()
    assert (source.filename, source.size, source.kind) == ("proposed-order.docx", len(data), "docx")
    assert order.source == Order.Source.DRAFTED  # a draft of the chambers', not an imported order
    created = AuditEvent.objects.get(order_ref=order.pk, action=AuditEvent.Action.CREATED)
    assert "proposed order “proposed-order.docx”" in created.detail and source.sha256 in created.detail

    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'href="/orders/{order.pk}/original"' in page and source.sha256 in page
    assert f'id="closing">{case.court.closing}</p>' in page  # the court's own closing line
    original = client.get(f"/orders/{order.pk}/original")
    assert original.status_code == 200 and original.content == data
    assert original["Content-Disposition"] == 'attachment; filename="proposed-order.docx"'
    downloads = AuditEvent.objects.filter(order_ref=order.pk, action=AuditEvent.Action.DOWNLOADED)
    assert any(source.sha256 in event.detail for event in downloads)
    printed = body_text(render_order_pdf(order))
    assert "ORDER GRANTING STIPULATION TO STAY" in printed and "STAYED until June 1, 2027." in printed
    assert "[PROPOSED]" not in printed and "Jane Roe" not in printed


def test_without_a_case_the_caption_names_it(client, clerk, case):
    client.force_login(clerk.user)
    written_otherwise = f"3:{case.number}"  # the office prefix CM/ECF adds: the same case
    response = client.post("/proposed-order/", {"file": upload(proposed_order(written_otherwise))})
    assert response.status_code == 302
    assert Order.objects.get(case=case).order_type == "general_order"


def test_a_caption_naming_a_case_of_another_chambers_says_no_more_than_a_number_that_does_not_exist(
    client, clerk
):
    foreign = CaseFactory()
    client.force_login(clerk.user)
    replies = []
    for number in (foreign.number, "20-cv-99999-ZZZ"):
        response = client.post("/proposed-order/", {"file": upload(proposed_order(number))})
        assert response.status_code == 400
        replies.append(response.context["form"].non_field_errors()[0].replace(number, "N"))
    assert replies[0] == replies[1]
    assert "not one of the cases you draft in" in replies[0]
    assert not Order.objects.exists() and not ImportedFile.objects.exists()


def test_a_caption_naming_another_case_is_refused_unless_the_user_says_it_is_wrong(client, clerk, case):
    client.force_login(clerk.user)
    data = proposed_order("21-cv-04321-ABC")
    response = client.post(f"/cases/{case.pk}/proposed-order/", {"file": upload(data)})
    assert response.status_code == 400
    error = response.context["form"].non_field_errors()[0]
    assert "names case 21-cv-04321-ABC, not this case" in error
    assert not Order.objects.exists()
    response = client.post(
        f"/cases/{case.pk}/proposed-order/", {"file": upload(data), "caption_is_wrong": "on"}
    )
    assert response.status_code == 302 and Order.objects.get(case=case).imported_file.sha256


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("not-word.docx", b"%PDF-1.7 not a Word file", "not a Word"),
        ("empty.docx", None, "no body text"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_form_error_and_nothing_is_saved(
    client, clerk, case, name, data, message
):
    if data is None:
        empty = docx.Document()
        out = io.BytesIO()
        empty.save(out)
        data = out.getvalue()
    client.force_login(clerk.user)
    response = client.post(f"/cases/{case.pk}/proposed-order/", {"file": upload(data, name)})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Order.objects.exists() and not ImportedFile.objects.exists()


def test_a_read_only_member_may_not_and_another_chambers_case_is_a_404(client, clerk, case):
    reader = MembershipFactory(judge=clerk.judge, role=ChambersMembership.Role.READ_ONLY)
    client.force_login(reader.user)
    response = client.post(f"/cases/{case.pk}/proposed-order/", {"file": upload(proposed_order(case.number))})
    assert response.status_code == 403
    client.force_login(MembershipFactory().user)
    assert client.get(f"/cases/{case.pk}/proposed-order/").status_code == 404
    assert not Order.objects.exists()


def test_the_original_is_not_shown_to_another_chambers_nor_made_up_when_missing(client, clerk, case):
    client.force_login(clerk.user)
    client.post(f"/cases/{case.pk}/proposed-order/", {"file": upload(proposed_order(case.number))})
    order = Order.objects.get()
    client.force_login(MembershipFactory().user)  # another chambers: not confirmed to exist
    assert client.get(f"/orders/{order.pk}/original").status_code == 404
    client.force_login(clerk.user)
    ImportedFile.objects.all().delete()
    assert client.get(f"/orders/{order.pk}/original").status_code == 404
