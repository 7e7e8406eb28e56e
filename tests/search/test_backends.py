"""The search engine is chosen once from ``settings.SEARCH_BACKEND``, is given what the user may
see as data, and cannot show an order the user may not see whatever it answers."""

from collections import Counter

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse

from orders.search import SearchParams, search_orders
from orders.search.backends import get_backend
from orders.search.backends.base import SearchBackend
from orders.search.backends.postgres import PostgresBackend
from orders.search.backends.simple import SimpleBackend
from orders.search.highlight import plain_highlight
from orders.search.results import FacetCounts, Summary

from ..factories import CaseFactory, MembershipFactory, OrderFactory

pytestmark = pytest.mark.django_db


def test_the_default_engine_is_the_one_the_database_supports():
    expected = PostgresBackend if connection.vendor == "postgresql" else SimpleBackend
    assert type(get_backend()) is expected
    assert get_backend() is get_backend()  # chosen once, not per search


@pytest.mark.postgres_only
def test_the_simple_engine_can_be_chosen_on_postgresql(seeded, demo_client, settings):
    assert len(demo_client.get(reverse("orders:search"), {"q": "conferring"}).context["results"].hits) == 3
    settings.SEARCH_BACKEND = "simple"
    results = demo_client.get(reverse("orders:search"), {"q": "conferring"}).context["results"]
    assert type(get_backend()) is SimpleBackend
    assert results.hits == []  # "conferring" is not in the texts as typed; no stemming
    assert not results.full_text


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the full-text engine runs on PostgreSQL")
def test_the_full_text_engine_on_sqlite_fails_loudly(settings):
    settings.SEARCH_BACKEND = "postgres"
    with pytest.raises(ImproperlyConfigured, match="needs a PostgreSQL database"):
        get_backend()


@pytest.mark.parametrize("name", ["elastic", "orders.models.Order", "no.such.module.Backend"])
def test_an_unknown_engine_is_refused_with_its_name(settings, name):
    settings.SEARCH_BACKEND = name
    with pytest.raises(ImproperlyConfigured, match=name.replace(".", r"\.")):
        get_backend()


class Recording(SearchBackend):
    """An engine outside the database: answers the ids it is told, records what it was given."""

    full_text = False
    answer: list[int] = []
    requests: list = []

    def summary(self, request):
        Recording.requests.append(request)
        counts = FacetCounts(order_types=Counter({"imported": len(self.answer)}))
        return Summary(len(self.answer), False, counts, list(self.answer))

    def snippet(self, order, parsed):
        return plain_highlight(order.body, [])

    def party_filter(self, orders, party):
        return orders


def test_an_engine_is_given_visibility_as_data_and_cannot_show_other_chambers_orders(settings):
    settings.SEARCH_BACKEND = "tests.search.test_backends.Recording"
    membership = MembershipFactory()
    mine = OrderFactory(case=CaseFactory(assigned_judge=membership.judge))
    sealed = CaseFactory(sealed=True, referred_judge=membership.judge)
    hidden = OrderFactory(case=sealed, judge=membership.judge)
    other = OrderFactory()
    Recording.answer, Recording.requests = [other.pk, hidden.pk, mine.pk], []

    results = search_orders(membership.user, SearchParams(q="motion"))

    (request,) = Recording.requests
    assert request.visibility.judge_ids == [membership.judge.pk]
    assert request.visibility.hidden_case_ids == [sealed.pk]
    assert request.words and request.parsed.text == "motion"
    assert [hit.order for hit in results.hits] == [mine]  # whatever the engine answered
    assert [(f.label, f.count) for f in results.facets.order_types] == [("Imported past order", 3)]
