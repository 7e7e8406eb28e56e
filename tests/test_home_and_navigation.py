"""The home page's recent orders and the navigation bar."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import Order

from .factories import CaseFactory, OrderFactory

pytestmark = pytest.mark.django_db

HOME = reverse("orders:home")


def test_recent_orders_show_each_orders_own_date_not_when_it_was_saved(seeded, demo_client):
    html = demo_client.get(HOME).content.decode()
    recent = html[html.index('id="recent-orders"') :]
    for order in Order.objects.all():
        assert order.date.strftime("%b. %-d, %Y").replace("May.", "May") in recent
    today = timezone.localdate()
    assert f"{today:%b}. {today.day}, {today.year}" not in recent
    assert str(today.year) not in recent


def test_an_undated_draft_says_it_has_no_date_yet(member, client):
    client.force_login(member.user)
    OrderFactory(case=CaseFactory(assigned_judge=member.judge), date=None, status="draft")
    OrderFactory(case=CaseFactory(assigned_judge=member.judge), date=datetime.date(2012, 3, 4))
    recent = client.get(HOME).content.decode().split('id="recent-orders"')[1]
    assert "not dated yet" in recent
    assert "March 4, 2012" in recent


@pytest.mark.parametrize("page", ["orders:home", "orders:draft_list", "orders:search"])
def test_the_navigation_offers_both_imports(demo_client, page):
    html = demo_client.get(reverse(page)).content.decode()
    navigation = html[html.index("<nav") : html.index("</nav>")]
    assert f'href="{reverse("orders:import_orders")}">Import past orders</a>' in navigation
    assert f'href="{reverse("orders:docket_import")}">Import from a docket</a>' in navigation
