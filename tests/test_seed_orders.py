"""The three seed orders come out word for word from the demo cases (line breaks aside)."""

import datetime

import pytest
from django.core.management import call_command

from orders.body import plain_text
from orders.demo import SEED_ORDERS
from orders.models import Order
from orders.order_types import registry

from .seed_texts import seed_body_text, words

pytestmark = pytest.mark.django_db

SEEDS = [
    (
        "crawford",
        "Crawford v. Beard",
        "ORDER DENYING REQUEST FOR EXTENSION OF TIME",
        datetime.date(2016, 11, 9),
    ),
    ("luckert", "Luckert v. Brannon", "ORDER DENYING MOTION FOR DISCOVERY", datetime.date(2014, 2, 10)),
    ("harrison", "Harrison v. Sample", "ORDER DENYING DISCOVERY MOTION", datetime.date(2007, 5, 18)),
]


@pytest.mark.parametrize(("seed", "caption", "title", "date"), SEEDS)
def test_load_demo_drafts_each_seed_order_word_for_word(demo, seed, caption, title, date):
    order = Order.objects.get(case=demo[caption])
    assert words(plain_text(order.body)) == words(seed_body_text(seed))
    assert order.title == title
    assert order.date == date
    assert order.status == Order.Status.DRAFT
    assert order.created_by.username == "clerk"


@pytest.mark.parametrize(("seed", "caption", "title", "date"), SEEDS)
def test_the_stored_details_render_the_same_text_again(demo, seed, caption, title, date):
    """Order.details holds JSON (ISO dates); re-rendering from it gives the seed again."""
    order = Order.objects.get(case=demo[caption])
    order_type = registry.get(order.order_type)
    body = order_type.render_body(
        case=order.case, entries=list(order.docket_entries.all()), data=order.details, judge=order.judge
    )
    assert body == order.body
    assert words(plain_text(body)) == words(seed_body_text(seed))


def test_crawford_facts_in_the_docket_are_prefilled(demo):
    case = demo["Crawford v. Beard"]
    entries = list(case.docket_entries.filter(number=53))
    initial = registry.get("deny_discovery_extension").initial(case=case, entries=entries)
    assert initial["screening_date"] == datetime.date(2016, 5, 17)
    assert initial["screening_docket"] == 36
    assert initial["screened_pleading"] == "second amended complaint"
    assert initial["dispositive_due"] == datetime.date(2016, 12, 31)
    assert initial["dispositive_docket"] == 52
    assert initial["extension_days"] == 45
    assert initial["requests_received"] == datetime.date(2016, 10, 11)
    assert initial["prisoner_description"] == "California state prisoner"


def test_the_seed_orders_are_one_discovery_family_not_three_copies():
    keys = {spec["order_type"] for spec in SEED_ORDERS}
    assert keys == {"deny_discovery_extension", "deny_discovery_motion"}


def test_load_demo_twice_drafts_the_seed_orders_once(demo):
    before = list(Order.objects.order_by("pk").values_list("pk", "body", "updated_at"))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Order.objects.order_by("pk").values_list("pk", "body", "updated_at")) == before
    assert len(before) == 3
