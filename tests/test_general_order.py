"""The general ORDER (``orders/order_types/general_order.py``): any order, written as the chambers
writes it, with the caption, title and signature the app prints for every order."""

import pytest
from django.core.exceptions import ValidationError

from orders import services
from orders.body import parse_body
from orders.order_types import registry
from orders.order_types.general_order import ERROR_NO_TEXT

from .factories import clerk_of
from .order_type_cases import ORDER_DATE, singular_case

pytestmark = pytest.mark.django_db

TYPED = (
    "Plaintiff moves to stay this action.\n"
    "The motion is unopposed.\n\n"
    "# DISCUSSION\n"
    "A court may stay proceedings to control its docket.[^1]\n"
    "> The power to stay proceedings is incidental to the power inherent in every court.\n\n"
    "1. The motion is GRANTED.\n"
    "2. The parties shall file a joint status report in ninety days.\n"
    "[^1]: Landis v. N. Am. Co., 299 U.S. 248, 254 (1936)."
)


def test_the_text_is_stored_in_the_body_format_paragraph_by_paragraph():
    case, entry = singular_case(description="MOTION to Stay proceedings")
    order = services.order_draft_create(
        case=case,
        order_type_key="general_order",
        entries=[entry],
        data={"order_title": "Order granting motion to stay", "text": TYPED, "quotes": "straight"},
        created_by=clerk_of(case.assigned_judge),
        date=ORDER_DATE,
    )
    assert order.title == "ORDER GRANTING MOTION TO STAY"
    blocks = parse_body(order.body)
    assert [(block.kind, block.text[:24]) for block in blocks] == [
        ("paragraph", "Plaintiff moves to stay "),
        ("heading", "DISCUSSION"),
        ("paragraph", "A court may stay proceed"),
        ("quote", "The power to stay procee"),
        ("list_item", "The motion is GRANTED."),
        ("list_item", "The parties shall file a"),
        ("footnote", "Landis v. N. Am. Co., 29"),
        ("paragraph", "This order terminates Do"),
    ]
    assert blocks[0].text == "Plaintiff moves to stay this action. The motion is unopposed."
    assert blocks[-1].text == "This order terminates Docket No. 12."
    assert list(order.docket_entries.all()) == [entry]


def test_it_needs_text_and_refuses_a_footnote_without_its_text():
    case, _ = singular_case()
    order_type = registry.get("general_order")
    with pytest.raises(ValidationError) as error:
        order_type.clean_data(case=case, entries=[], data={"text": "  \n "}, order_date=ORDER_DATE)
    assert error.value.message_dict["text"] == [ERROR_NO_TEXT]
    with pytest.raises(ValidationError) as error:
        order_type.clean_data(
            case=case, entries=[], data={"text": "See the note.[^a]"}, order_date=ORDER_DATE
        )
    assert "a" in error.value.message_dict["text"][0]


def test_it_is_offered_for_any_pending_motion_after_the_types_written_for_its_ask():
    case, _ = singular_case(description="MOTION for Leave to Appear Pro Hac Vice")
    fitting, _ = registry.for_case(case)
    assert [order_type.key for order_type in fitting] == ["general_order"]
    case, _ = singular_case(description="MOTION for Appointment of Counsel")
    fitting, _ = registry.for_case(case)
    assert [order_type.key for order_type in fitting][-1] == "general_order"
    assert {t.key for t in fitting[:-1]} == {"deny_appointment_of_counsel", "grant_appointment_of_counsel"}
