import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from orders.demo import DEMO_PASSWORD

from .factories import CaseFactory, DocketEntryFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/cases/1/", "/admin/"])
def test_every_page_requires_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_login_page_logs_in_and_lands_on_home(client, demo):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    response = client.post(reverse("login"), {"username": "clerk", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("orders:home")
    assert b"Crawford v. Beard" in response.content


def test_bad_password_shows_an_error_and_does_not_log_in(client, demo):
    response = client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()
    assert client.get("/").status_code == 302


def test_home_shows_the_chambers_cases_pending_motions(demo_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = demo_client.get(reverse("orders:home"))
    html = response.content.decode()
    for caption in ("Crawford v. Beard", "Luckert v. Brannon", "Harrison v. Sample"):
        assert caption in html
    assert "Dkt. No. 53" in html
    assert "Dkt. No. 19" in html
    assert "Dkt. No. 7" in html


def test_case_page_shows_caption_parties_and_docket(demo_client, demo):
    case = demo["Crawford v. Beard"]
    html = demo_client.get(reverse("orders:case_detail", args=[case.pk])).content.decode()
    assert "JEFFREY BEARD, et al.," in html
    assert "Calipatria State Prison" in html
    assert "REQUEST for 45-day Extension of Time" in html


def test_a_user_sees_only_their_own_chambers_cases(client):
    mine = MembershipFactory()
    my_case = CaseFactory(assigned_judge=mine.judge, short_caption="Mine v. Ours")
    other_case = CaseFactory(short_caption="Theirs v. Others")
    DocketEntryFactory(case=other_case)
    client.force_login(mine.user)
    html = client.get("/").content.decode()
    assert "Mine v. Ours" in html
    assert "Theirs v. Others" not in html
    assert client.get(reverse("orders:case_detail", args=[my_case.pk])).status_code == 200
    assert client.get(reverse("orders:case_detail", args=[other_case.pk])).status_code == 404


def test_sealed_cases_are_visible_only_to_the_assigned_judges_chambers(client):
    assigned = MembershipFactory()
    referred = MembershipFactory(judge__court=assigned.judge.court)
    sealed = CaseFactory(
        assigned_judge=assigned.judge, referred_judge=referred.judge, sealed=True, short_caption="Sealed v. X"
    )
    client.force_login(referred.user)
    assert client.get(reverse("orders:case_detail", args=[sealed.pk])).status_code == 404
    client.force_login(assigned.user)
    assert client.get(reverse("orders:case_detail", args=[sealed.pk])).status_code == 200


def test_user_without_chambers_is_told_so(client):
    client.force_login(UserFactory())
    assert b"not a member of any chambers" in client.get("/").content


def test_case_text_is_escaped(client):
    membership = MembershipFactory()
    case = CaseFactory(assigned_judge=membership.judge, short_caption="<script>alert(1)</script> v. X")
    client.force_login(membership.user)
    html = client.get(reverse("orders:case_detail", args=[case.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unknown_case_is_404_not_500(demo_client):
    assert demo_client.get("/cases/999999/").status_code == 404


def test_pages_link_stylesheets_that_the_app_serves(demo_client):
    """Every stylesheet and script the base template links is a static file the app has."""
    html = demo_client.get("/").content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+)"', html)
    assert "vendor/bootstrap/bootstrap.min.css" in assets
    for asset in assets:
        assert finders.find(asset), f"{asset} is linked but not found"
