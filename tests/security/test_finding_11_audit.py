"""Finding 11: audit gaps (page-image views, past-order imports, docket imports and case changes,
admin edits wrote no row) and audit noise (anonymous requests wrote permanent rows attached to
chosen order ids); the chambers audit page showed sealed orders' titles and numbers to a chambers
that may not see them. (Imports: test_finding_03 and test_finding_05; admin edits: test_finding_10.)"""

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from orders import services
from orders.models import AuditEvent, ChambersMembership

from ..factories import CaseFactory, MembershipFactory, OrderFactory

pytestmark = pytest.mark.django_db
Role = ChambersMembership.Role


def test_a_page_image_view_is_audited(client, monkeypatch):
    clerk = MembershipFactory(role=Role.CLERK)
    order = OrderFactory(case=CaseFactory(assigned_judge=clerk.judge), judge=clerk.judge)
    monkeypatch.setattr("orders.views._order_pdf", lambda order, **kwargs: (b"%PDF", False))
    monkeypatch.setattr("orders.views.page_count", lambda pdf: 2)
    monkeypatch.setattr("orders.views.render_page_png", lambda pdf, index, **kwargs: b"\x89PNG")
    client.force_login(clerk.user)
    response = client.get(reverse("orders:order_page_png", args=[order.pk, 2]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="viewed", order_ref=order.pk)
    assert event.user == clerk.user and event.detail.startswith("page 2 image")


def test_anonymous_refusals_go_to_the_server_log_rate_limited_not_to_an_orders_trail(client, caplog):
    cache.clear()  # the rate limit's counts
    order = OrderFactory()
    url = reverse("orders:order_detail", args=[order.pk])
    with caplog.at_level(logging.WARNING, logger="orders.security"):
        for _ in range(250):
            assert client.get(url).status_code == 302  # to the login page
    assert AuditEvent.objects.count() == 0
    logged = [r for r in caplog.records if r.name == "orders.security"]
    assert 1 <= len(logged) <= 21  # the first 20 of the minute, then one line saying so
    assert "not logged" in logged[-1].getMessage()


def test_the_chambers_audit_page_hides_sealed_orders_of_another_chambers(client):
    assigned = MembershipFactory(role=Role.JUDGE)
    referred = MembershipFactory(role=Role.JUDGE)
    case = CaseFactory(assigned_judge=assigned.judge, referred_judge=referred.judge, sealed=True)
    order = OrderFactory(case=case, judge=referred.judge, title="ORDER ON THE INFORMANT'S MOTION")
    services.audit_record(user=assigned.user, action="viewed", order=order, detail="seen")
    client.force_login(referred.user)
    html = client.get(reverse("orders:chambers_audit", args=[referred.judge_id])).content.decode()
    assert "sealed case" in html
    assert "INFORMANT" not in html.upper() and case.number not in html
    client.force_login(assigned.user)  # member of the assigned chambers only: cannot read B's log
    assert client.get(reverse("orders:chambers_audit", args=[referred.judge_id])).status_code == 404
