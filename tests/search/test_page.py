"""The search page as a clerk uses it: the order-type list, the sort, the newest orders when
nothing is typed, and the notice that matching is simple only where it is."""

import datetime
import re

import pytest
from django.urls import reverse

from orders.models import Order
from orders.order_types import registry

from ..factories import CaseFactory, MembershipFactory, OrderFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("orders:search")
NOTICE = 'id="simple-matching"'


def get(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


def options(html: str, name: str) -> list[tuple[str, str]]:
    """(value, text) of each option of the select called ``name``."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.DOTALL)
    assert select, f"no <select name={name!r}>"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_the_order_type_filter_lists_the_librarys_titles(seeded, demo_client):
    choices = options(get(demo_client).content.decode(), "order_type")
    assert choices[0] == ("", "Any order type")
    assert ("deny_discovery_motion", "Order Denying Discovery Motion") in choices
    assert ("grant_extension_of_time", "Order Granting Extension of Time") in choices
    assert choices[-1] == ("imported", "Imported past order")
    # any, every type of the library (by its title), imported past orders
    keys = [key for key, _ in choices[1:-1]]
    assert sorted(keys) == sorted(order_type.key for order_type in registry.all())
    assert 'placeholder="e.g. deny_discovery_motion"' not in get(demo_client).content.decode()


def test_choosing_an_order_type_keeps_only_its_orders_and_shows_it_chosen(demo, demo_client):
    html = get(demo_client, q="discovery", order_type="deny_discovery_extension").content.decode()
    results = get(demo_client, q="discovery", order_type="deny_discovery_extension").context["results"]
    assert [hit.order.case.short_caption for hit in results.hits] == ["Crawford v. Beard"]
    assert '<option value="deny_discovery_extension" selected>' in html


def test_an_order_type_not_in_the_library_is_refused(seeded, demo_client):
    response = get(demo_client, q="discovery", order_type="deny_everything")
    assert "Order type: Unknown order type." in response.content.decode()
    assert response.context["results"] is None


def test_one_relevance_sort_and_newest_first(seeded, demo_client):
    html = get(demo_client, q="discovery").content.decode()
    assert options(html, "sort") == [("relevance", "Relevance"), ("date", "Newest first")]
    assert "Best match" not in html


def test_the_sort_shown_is_the_sort_applied(seeded, demo_client):
    by_date = get(demo_client, q="discovery", sort="date").content.decode()
    assert '<option value="date" selected>' in by_date
    listing = get(demo_client).content.decode()  # no words: newest first, and the select says so
    assert '<option value="date" selected>' in listing
    assert ", newest first" in listing


def test_an_empty_search_lists_the_newest_orders_the_user_may_see(db, client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    mine = [
        OrderFactory(case=CaseFactory(assigned_judge=membership.judge), date=datetime.date(2010 + n, 1, 1))
        for n in range(3)
    ]
    OrderFactory(date=datetime.date(2030, 1, 1))  # another chambers' order, the newest of all
    sealed = CaseFactory(sealed=True, referred_judge=membership.judge)
    OrderFactory(case=sealed, judge=membership.judge, date=datetime.date(2031, 1, 1))
    response = get(client)
    results = response.context["results"]
    assert [hit.order for hit in results.hits] == mine[::-1]
    assert results.total == 3
    assert "3 orders, newest first" in response.content.decode()
    assert 'id="search-help"' in response.content.decode()  # the syntax is explained above them


def test_an_empty_search_of_a_user_of_no_chambers_lists_nothing(db, client, outsider):
    OrderFactory()
    client.force_login(outsider)
    response = get(client)
    assert response.context["results"].hits == []
    assert "No orders match." in response.content.decode()


def test_the_simple_matching_notice_shows_only_with_the_simple_backend_and_words(seeded, client, settings):
    settings.SEARCH_BACKEND = "simple"
    assert client.login(username="clerk", password="chambers-demo")
    assert NOTICE in get(client, q="Calipatria").content.decode()
    assert NOTICE not in get(client).content.decode()  # the newest orders: nothing was matched
    assert NOTICE not in get(client, q="3:14-cv-5578").content.decode()  # a case number: exact
    assert NOTICE not in get(client, party="Crawford").content.decode()  # a filter alone


@pytest.mark.postgres_only
def test_full_text_search_shows_no_simple_matching_notice(seeded, demo_client):
    response = get(demo_client, q="Calipatria")
    assert response.context["results"].full_text
    assert NOTICE not in response.content.decode()


def test_results_show_each_orders_own_date(seeded, demo_client):
    html = get(demo_client, q='"meet and confer"').content.decode()
    dates = {order.date.strftime("%Y") for order in Order.objects.all()}
    assert dates == {"2007", "2014", "2016"}
    assert "Nov. 9, 2016" in html and "Feb. 10, 2014" in html and "May 18, 2007" in html
