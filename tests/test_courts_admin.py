"""The court table is edited in the admin, and what is edited is what orders print."""

import pytest
from django.urls import reverse

from orders.models import Court, LocalRule
from orders.pdf.document import document_for_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo):
    assert client.login(username="admin", password="chambers-demo")
    return client


def court_form(court: Court, **changes) -> dict:
    rules = list(court.local_rules.all())
    data = {
        "name": court.name,
        "code": court.code,
        "citation": court.citation,
        "circuit": court.circuit or "",
        "case_number_style": court.case_number_style,
        "heading_line_1": court.heading_line_1,
        "heading_line_2": court.heading_line_2,
        "paper": court.paper,
        "font_size_pt": court.font_size_pt,
        "case_number_label": court.case_number_label,
        "closing": court.closing,
        "profile_source": court.profile_source,
        "local_rules-TOTAL_FORMS": str(len(rules)),
        "local_rules-INITIAL_FORMS": str(len(rules)),
        "holidays-TOTAL_FORMS": "0",
        "holidays-INITIAL_FORMS": "0",
    }
    if court.prints_division:
        data["prints_division"] = "on"
    for i, rule in enumerate(rules):
        data.update(
            {
                f"local_rules-{i}-id": rule.pk,
                f"local_rules-{i}-court": court.pk,
                f"local_rules-{i}-key": rule.key,
                f"local_rules-{i}-position": rule.position,
                f"local_rules-{i}-citation": rule.citation,
                f"local_rules-{i}-source": rule.source,
            }
        )
    data.update(changes)
    return data


def test_the_court_page_shows_its_profile_and_rule_table(admin_client):
    cand = Court.objects.get(code="cand")
    html = admin_client.get(reverse("admin:orders_court_change", args=[cand.pk])).content.decode()
    assert "Civil L.R. 7-9(a)" in html and "Pleading paper" in html


def test_an_edited_heading_and_closing_are_what_the_order_prints(admin_client, demo):
    order = demo["Crawford v. Beard"].orders.first()
    cand = order.case.court
    url = reverse("admin:orders_court_change", args=[cand.pk])
    response = admin_client.post(
        url, court_form(cand, heading_line_2="FOR THE NORTHERN DISTRICT OF CALIFORNIA", closing="SO ORDERED.")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    order.refresh_from_db()
    order.case.court.refresh_from_db()
    document = document_for_order(order)
    assert document.heading_lines[-1] == "FOR THE NORTHERN DISTRICT OF CALIFORNIA"
    assert document.profile.closing == "SO ORDERED."


def test_a_rule_without_a_source_is_refused(admin_client):
    cand = Court.objects.get(code="cand")
    data = court_form(cand)
    data["local_rules-0-source"] = ""
    response = admin_client.post(reverse("admin:orders_court_change", args=[cand.pk]), data)
    assert response.status_code == 200
    assert LocalRule.objects.filter(court=cand, source="").count() == 0


def test_a_bad_type_size_is_refused_with_a_message(admin_client):
    njd = Court.objects.get(code="njd")
    response = admin_client.post(
        reverse("admin:orders_court_change", args=[njd.pk]), court_form(njd, font_size_pt=40)
    )
    assert response.status_code == 200
    assert "The type size must be 10 to 14 points." in response.content.decode()
    njd.refresh_from_db()
    assert njd.font_size_pt == 12
