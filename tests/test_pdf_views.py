"""The PDF download, the page previews, the render_order command and the document builders."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from orders import services
from orders.demo import DEMO_JUDGE_USERNAME, DEMO_USERNAME
from orders.models import Order
from orders.pdf import document_for_draft, document_for_order, page_count, render_order_pdf

from .factories import MembershipFactory, OrderFactory
from .pdf_helpers import body_text, has_watermark, normalise, open_pdf
from .pdf_seed_texts import seed_body, seed_sentences

pytestmark = pytest.mark.django_db


@pytest.fixture
def crawford_order(demo) -> Order:
    case = demo["Crawford v. Beard"]
    return services.order_create(
        case=case,
        order_type="deny_extension",
        judge=case.assigned_judge,
        title="ORDER DENYING REQUEST FOR EXTENSION OF TIME",
        body=seed_body("000_c1ee9db6c1f96a53.txt"),
        created_by=get_user_model().objects.get(username=DEMO_USERNAME),
        docket_entries=case.docket_entries.filter(number=53),
        date=datetime.date(2016, 11, 9),
    )


def test_document_for_order_prints_the_case_as_the_court_lists_it(crawford_order):
    document = document_for_order(crawford_order)
    assert document.heading_lines == ["UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA"]
    assert (document.caption.first.names, document.caption.first.label) == (
        "JAMES DARREN CRAWFORD,",
        "Plaintiff,",
    )
    assert (document.caption.second.names, document.caption.second.label) == (
        "JEFFREY BEARD, et al.,",
        "Defendants.",
    )
    assert (document.case_number_label, document.case_number) == ("Case No.", "14-cv-05578-MEJ")
    assert document.re_line == "Re: Dkt. No. 53"
    assert (document.judge_name, document.judge_title) == (
        "MARIA-ELENA JAMES",
        "United States Magistrate Judge",
    )
    assert document.signature_name == "Maria-Elena James"


def test_document_for_draft_of_a_legacy_case_with_several_entries(demo):
    case = demo["Crawford v. Beard"]
    document = document_for_draft(
        case=case,
        title="ORDER",
        entries=list(case.docket_entries.filter(number__in=[52, 53])),
        body="Text.",
        date=None,
        judge=case.assigned_judge,
    )
    assert document.re_line == "Re: Dkt. Nos. 52, 53"
    luckert = demo["Luckert v. Brannon"]
    legacy = document_for_draft(
        case=luckert, title="ORDER", entries=[], body="Text.", date=None, judge=luckert.assigned_judge
    )
    assert (legacy.case_number_label, legacy.case_number, legacy.re_line) == ("No.", "C 13-4426 EDL (PR)", "")


def test_pdf_download_is_a_watermarked_draft_named_after_the_case(demo_client, crawford_order):
    response = demo_client.get(reverse("orders:order_pdf", args=[crawford_order.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="14-cv-05578-mej-order-denying-request-for-extension-of-time-draft.pdf"'
    )
    pdf = response.content
    with open_pdf(pdf) as document:
        assert all(has_watermark(page) for page in document.pages)
    text = body_text(pdf)
    assert "Re: Dkt. No. 53" in text and "This order terminates Docket No. 53." in text


def test_pdf_download_reads_the_order_in_a_few_queries(
    demo_client, crawford_order, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert demo_client.get(reverse("orders:order_pdf", args=[crawford_order.pk])).status_code == 200


def _signed(order: Order, signature: str) -> Order:
    """Signed by the demo judge (orders.services): only a signed order's PDF is final."""
    judge = get_user_model().objects.get(username=DEMO_JUDGE_USERNAME)
    services.order_send_for_signature(order=order, user=judge)
    services.order_sign(order=Order.objects.get(pk=order.pk), user=judge, signature=signature)
    return Order.objects.get(pk=order.pk)


def test_final_is_ignored_for_a_draft_the_download_stays_watermarked(demo_client, crawford_order):
    response = demo_client.get(reverse("orders:order_pdf", args=[crawford_order.pk]), {"final": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-draft.pdf"')
    with open_pdf(response.content) as document:
        assert has_watermark(document.pages[0])


def test_final_pdf_download_has_a_signature_field(demo_client, crawford_order):
    order = _signed(crawford_order, "field")
    response = demo_client.get(reverse("orders:order_pdf", args=[order.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-time.pdf"')
    fields = PdfReader(io.BytesIO(response.content)).get_fields()
    assert [field["/FT"] for field in fields.values()] == ["/Sig"]


def test_conformed_download_prints_the_signature(demo_client, crawford_order):
    order = _signed(crawford_order, "conformed")
    response = demo_client.get(reverse("orders:order_pdf", args=[order.pk]), {"signature": "field"})
    assert "/s/ Maria-Elena James" in body_text(response.content)
    assert not PdfReader(io.BytesIO(response.content)).get_fields()


def test_bad_signature_option_is_a_400(demo_client, crawford_order):
    response = demo_client.get(reverse("orders:order_pdf", args=[crawford_order.pk]), {"signature": "x"})
    assert response.status_code == 400


def test_page_previews_are_png_and_unknown_pages_404(demo_client, crawford_order):
    url = reverse("orders:order_page_png", args=[crawford_order.pk, 1])
    assert url == f"/orders/{crawford_order.pk}/pages/1.png"
    response = demo_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    pages = page_count(demo_client.get(reverse("orders:order_pdf", args=[crawford_order.pk])).content)
    assert (
        demo_client.get(reverse("orders:order_page_png", args=[crawford_order.pk, pages])).status_code == 200
    )
    for page in (0, pages + 1):
        assert (
            demo_client.get(reverse("orders:order_page_png", args=[crawford_order.pk, page])).status_code
            == 404
        )


def test_another_chambers_order_is_a_404(client, crawford_order):
    stranger = MembershipFactory().user
    client.force_login(stranger)
    assert client.get(reverse("orders:order_pdf", args=[crawford_order.pk])).status_code == 404
    assert client.get(reverse("orders:order_page_png", args=[crawford_order.pk, 1])).status_code == 404


def test_pdf_requires_login(client, crawford_order):
    response = client.get(reverse("orders:order_pdf", args=[crawford_order.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_unknown_order_is_a_404(demo_client):
    assert demo_client.get(reverse("orders:order_pdf", args=[999999])).status_code == 404


def test_render_order_command_writes_the_final_pdf(crawford_order, tmp_path):
    target = tmp_path / "order.pdf"
    out = io.StringIO()
    call_command("render_order", crawford_order.pk, "-o", str(target), "--final", stdout=out)
    assert "final" in out.getvalue() and str(target) in out.getvalue()
    reader = PdfReader(target)
    assert [field["/FT"] for field in reader.get_fields().values()] == ["/Sig"]
    assert reader.metadata.subject == "14-cv-05578-MEJ"


def test_render_order_command_conformed_pdfa(crawford_order, tmp_path):
    target = tmp_path / "order.pdf"
    call_command(
        "render_order",
        str(crawford_order.pk),
        "-o",
        str(target),
        "--final",
        "--conformed",
        "--pdfa",
        stdout=io.StringIO(),
    )
    pdf = target.read_bytes()
    assert "/s/ Maria-Elena James" in body_text(pdf)
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp


def test_render_order_command_unknown_order(db, tmp_path):
    with pytest.raises(CommandError, match="no order 424242"):
        call_command("render_order", "424242", "-o", str(tmp_path / "x.pdf"))


def test_render_order_command_unwritable_target(crawford_order, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("render_order", str(crawford_order.pk), "-o", str(tmp_path / "missing" / "x.pdf"))


def test_factory_order_renders(db):
    order = OrderFactory()
    assert page_count(call_pdf(order)) == 1


def call_pdf(order):
    return render_order_pdf(order)


SEED_CASES = {
    "Crawford v. Beard": "000_c1ee9db6c1f96a53.txt",
    "Luckert v. Brannon": "001_9c96773eac860348.txt",
    "Harrison v. Sample": "002_07d43436c61bb95b.txt",
}


@pytest.mark.parametrize("caption", sorted(SEED_CASES))
def test_the_demos_seed_order_prints_every_sentence_of_its_seed(demo, caption):
    """Once the order types draft the seed orders in the demo (branch ``types``), their PDFs read
    like the seeds, sentence for sentence, with the seed's caption and ending."""
    order = Order.objects.filter(case=demo[caption]).order_by("pk").first()
    if order is None:
        pytest.skip("load_demo drafts no seed orders without the order types")
    text = body_text(render_order_pdf(order, final=True))
    missing = [s for s in seed_sentences(SEED_CASES[caption]) if normalise(s) not in text]
    assert not missing
    assert f"{document_for_order(order).case_number_label} {order.case.number}" in text
    assert "IT IS SO ORDERED." in text and order.judge.signature_name in text
