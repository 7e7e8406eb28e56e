"""The app's own error pages in production mode (``DEBUG=False``): 400, 403 (and the expired
form's CSRF 403), 404 and 500, each with the navigation bar, none of them Django's bare page or a
debug dump. The 500 page is rendered without the database and without reading the user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME
from orders.errors import server_error
from orders.models import Order

pytestmark = pytest.mark.django_db

NAVIGATION_LINKS = [
    ("orders:draft_list", "Drafts"),
    ("orders:draft_new", "New order"),
    ("orders:docket_import", "Import from a docket"),
    ("orders:import_orders", "Import past orders"),
]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def navigation(html: str) -> str:
    return html[html.index('<nav class="navbar') : html.index("</nav>")]


def assert_app_page_with_navigation(html: str, heading: str) -> None:
    assert f'<h1 class="h3" id="error-heading">{heading}</h1>' in html
    links = navigation(html)
    for name, label in NAVIGATION_LINKS:
        assert f'href="{reverse(name)}">{label}</a>' in links, label
    assert 'href="#main"' in html  # the skip link
    assert "Traceback" not in html and "settings.py" not in html


def test_an_unknown_address_is_the_apps_404_page_with_the_navigation(demo_client):
    response = demo_client.get("/no-such-page/")
    assert response.status_code == 404
    assert_app_page_with_navigation(response.content.decode(), "Page not found")


def test_another_chambers_order_is_the_same_404_page_saying_nothing_about_it(client, demo, member):
    client.force_login(member.user)
    order = Order.objects.first()
    response = client.get(reverse("orders:order_detail", args=[order.pk]))
    assert response.status_code == 404
    html = response.content.decode()
    assert_app_page_with_navigation(html, "Page not found")
    assert order.case.short_caption not in html
    assert "No Order matches" not in html


def test_a_refusal_is_the_apps_403_page_saying_what_was_refused(demo_client):
    order = Order.objects.first()
    response = demo_client.get(reverse("orders:order_audit", args=[order.pk]))  # the clerk is no judge
    assert response.status_code == 403
    html = response.content.decode()
    assert_app_page_with_navigation(html, "Not allowed")
    assert "Only the judge of this chambers and administrators read its audit log." in html


def test_a_form_sent_without_its_csrf_token_is_the_expired_page_not_djangos(demo):
    browser = Client(enforce_csrf_checks=True)
    browser.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    response = browser.post(reverse("logout"))
    assert response.status_code == 403
    html = response.content.decode()
    assert_app_page_with_navigation(html, "This page had expired")
    assert "CSRF verification failed" not in html


def test_a_request_for_an_unknown_host_is_the_apps_400_page(demo_client):
    response = demo_client.get(reverse("orders:home"), HTTP_HOST="orders.example.invalid")
    assert response.status_code == 400
    assert "That request could not be used" in response.content.decode()


@pytest.mark.urls("tests.error_urls")
def test_a_failing_view_is_the_apps_500_page_with_the_navigation_links(demo_client):
    demo_client.raise_request_exception = False  # as a browser sees it
    response = demo_client.get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_app_page_with_navigation(html, "Something went wrong")
    assert "a bug in a view" not in html
    assert "Log out" not in html  # who is logged in is not read on the 500 page


@pytest.mark.urls("tests.error_urls")
def test_a_lost_database_is_the_apps_503_page_with_the_navigation_links(demo_client):
    demo_client.raise_request_exception = False
    response = demo_client.get("/fails/database/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert_app_page_with_navigation(response.content.decode(), "Try again in a moment")


@pytest.mark.urls("tests.error_urls")
def test_a_tampered_request_is_the_apps_400_page_with_the_navigation(demo_client):
    response = demo_client.get("/fails/suspicious/")
    assert response.status_code == 400
    html = response.content.decode()
    assert_app_page_with_navigation(html, "That request could not be used")
    assert "a tampered request" not in html


def test_the_500_page_needs_neither_the_database_nor_the_user(rf, django_assert_num_queries):
    def unreadable() -> AnonymousUser:
        raise AssertionError("the 500 page read the request's user")

    request = rf.get("/orders/1/")
    request.user = SimpleLazyObject(unreadable)
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert_app_page_with_navigation(response.content.decode(), "Something went wrong")
