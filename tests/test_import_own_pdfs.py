"""Past-order import reads the PDFs the app itself produces, in both formats: the two-column
pleading caption and the plain format's centred one (case number, caption, title, judge, date)."""

from __future__ import annotations

import datetime

import pytest

from orders.courts.profiles import PaperProfile
from orders.importing import parse_order_text, read_order_file
from orders.pdf import render_pdf

from .pdf_helpers import body_of, crawford

TITLE = "ORDER GRANTING PLAINTIFF'S MOTION TO COMPEL AND DENYING THE REQUEST FOR SANCTIONS"


def plain(**changes):
    return crawford(
        heading_lines=[
            "UNITED STATES DISTRICT COURT",
            "FOR THE DISTRICT OF NEW JERSEY",
        ],
        case_number="2:18-cv-01510-ES",
        case_number_label="Civil Action No.",
        judge_name="ESTHER SALAS",
        judge_signature_name="Esther Salas",
        judge_title="United States District Judge",
        profile=PaperProfile(paper="plain", closing="SO ORDERED.", case_number_label="Civil Action No."),
        **changes,
    )


DOCUMENTS = {
    "pleading": crawford(),
    "pleading, long title": crawford(title=TITLE),
    "pleading, 14 point": crawford(profile=PaperProfile(font_size_pt=14), body=body_of(4)),
    "plain": plain(),
    "plain, long title": plain(title=TITLE, body=body_of(9)),
}


@pytest.mark.parametrize("signature", ["field", "conformed"])
@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_the_apps_own_signed_pdf_is_read_back(kind, signature):
    document = DOCUMENTS[kind]
    parsed = parse_order_text(
        read_order_file("order.pdf", render_pdf(document, final=True, signature=signature))
    )
    assert parsed.case_number == document.case_number
    assert parsed.title == document.title
    assert parsed.date == datetime.date(2016, 11, 9)
    assert (parsed.judge_name, parsed.judge_title) == (
        document.judge_name,
        document.judge_title,
    )
    assert [(p.name, p.role) for p in parsed.parties] == [
        ("JAMES DARREN CRAWFORD", "plaintiff"),
        ("JEFFREY BEARD", "defendant"),
    ]
    assert parsed.short_caption == "Crawford v. Beard"
    assert parsed.docket_numbers == [53]
    assert parsed.court_heading.endswith(document.heading_lines[-1].removeprefix("FOR THE "))
    assert parsed.body.startswith("The plain sentence number 0 of this order")
    assert "Case No." not in parsed.body and "Plaintiff," not in parsed.body


def test_the_imported_pdf_lands_in_its_case_of_the_court_table(db):
    from orders import services
    from orders.models import Court

    from .factories import UserFactory

    user = UserFactory(username="importer", is_superuser=True)
    pdf = render_pdf(plain(), final=True)
    outcome = services.order_import_file(name="salas.pdf", data=pdf, imported_by=user)
    order = outcome.order
    assert order.case.court == Court.objects.get(code="njd")
    assert order.case.number == "2:18-cv-01510-ES"
    assert (order.judge.full_name, order.judge.signature_title) == (
        "Esther Salas",
        "United States District Judge",
    )
    assert order.title == plain().title and order.date == datetime.date(2016, 11, 9)
