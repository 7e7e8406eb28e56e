"""The order types' forms refuse bad answers with a message next to the field."""

import datetime

import pytest

from orders.order_types import registry
from orders.order_types.base import ERROR_AFTER_ORDER_DATE, ERROR_NOT_AFTER_ORDER_DATE
from orders.order_types.briefing_schedule import ERROR_MOTION_DUE_TOO_EARLY
from orders.order_types.grant_extension_of_time import ERROR_NOT_LATER
from orders.order_types.grant_ifp import ERROR_PARTIAL_FEE_TOO_HIGH
from orders.order_types.order_of_service import ERROR_NO_DEFENDANT
from orders.order_types.rule_on_motion_to_compel import ERROR_REQUIRED_WHEN_GRANTED

from .factories import PartyFactory
from .order_type_cases import ORDER_DATE, singular_case

pytestmark = pytest.mark.django_db


def errors(key, case, data, order_date=ORDER_DATE):
    form = registry.get(key).get_form(case=case, data=data, order_date=order_date)
    assert not form.is_valid()
    return form.errors


def test_a_new_deadline_must_fall_after_the_order_date_and_the_old_deadline():
    case, _ = singular_case()
    data = {"movant": "plaintiff", "purpose": "file an opposition", "new_deadline": "2024-03-01"}
    assert errors("grant_extension_of_time", case, data)["new_deadline"] == [
        ERROR_NOT_AFTER_ORDER_DATE % {"date": "March 1, 2024"}
    ]
    data.update(new_deadline="2024-04-01", current_deadline="2024-04-10")
    assert errors("grant_extension_of_time", case, data)["new_deadline"] == [ERROR_NOT_LATER]
    data.update(new_deadline="2024-05-01")
    form = registry.get("grant_extension_of_time").get_form(case=case, data=data, order_date=ORDER_DATE)
    assert form.is_valid(), form.errors


def test_day_counts_must_be_positive():
    case, _ = singular_case()
    data = {"extension_days": "0", "request_purpose": "respond"}
    assert "greater than or equal to 1" in errors("deny_discovery_extension", case, data)["extension_days"][0]
    assert (
        "required" in errors("deny_discovery_extension", case, {"request_purpose": "x"})["extension_days"][0]
    )
    assert (
        "greater than or equal to 1"
        in errors("dismiss_with_leave_to_amend", case, {"deficiencies": "x", "amend_days": "-3"})[
            "amend_days"
        ][0]
    )


def test_past_facts_cannot_postdate_the_order():
    case, _ = singular_case()
    data = {"extension_days": "30", "request_purpose": "respond", "requests_received": "2024-03-02"}
    assert errors("deny_discovery_extension", case, data)["requests_received"] == [
        ERROR_AFTER_ORDER_DATE % {"date": "March 1, 2024"}
    ]
    data = {"movant": "plaintiff", "prior_order_date": "2024-06-01", "analysis": "x"}
    assert "prior_order_date" in errors("deny_reconsideration", case, data)


def test_the_initial_partial_fee_cannot_exceed_the_fee():
    case, _ = singular_case()
    data = {"filing_fee": "350", "initial_partial_fee": "400", "partial_fee_days": "30"}
    assert errors("grant_ifp", case, data)["initial_partial_fee"] == [ERROR_PARTIAL_FEE_TOO_HIGH]


def test_a_granted_motion_to_compel_needs_what_and_by_when():
    case, _ = singular_case()
    found = errors("rule_on_motion_to_compel", case, {"movant": "plaintiff", "disposition": "GRANTED"})
    assert found["compelled_act"] == [ERROR_REQUIRED_WHEN_GRANTED]
    assert found["response_deadline"] == [ERROR_REQUIRED_WHEN_GRANTED]


def test_the_briefing_schedule_must_end_after_the_order_date():
    case, _ = singular_case()
    data = {
        "movant": "defendant",
        "motion": "a motion",
        "start_date": "2023-01-01",
        "motion_days": "30",
        "opposition_days": "28",
        "reply_days": "14",
    }
    assert errors("briefing_schedule", case, data)["motion_days"] == [
        ERROR_MOTION_DUE_TOO_EARLY % {"due": "January 31, 2023", "date": "March 1, 2024"}
    ]


def test_service_needs_a_defendant_of_this_case():
    case, _ = singular_case()
    stranger = PartyFactory(role="defendant")  # of another case
    data = {
        "allegations": "x",
        "cognizable_claim": "y",
        "motion_days": 91,
        "opposition_days": 28,
        "reply_days": 14,
    }
    assert errors("order_of_service", case, {**data, "defendants": []})["defendants"] == [ERROR_NO_DEFENDANT]
    assert (
        "not one of the available choices"
        in errors("order_of_service", case, {**data, "defendants": [str(stranger.pk)]})["defendants"][0]
    )


def test_an_unknown_choice_is_refused():
    case, _ = singular_case()
    found = errors(
        "deny_discovery_motion", case, {"motion": "motion", "disposition": "GRANTED", "quotes": "fancy"}
    )
    assert "disposition" in found and "quotes" in found


def test_forms_default_the_order_date_to_today():
    case, _ = singular_case()
    form = registry.get("grant_extension_of_time").get_form(
        case=case, data={"movant": "plaintiff", "purpose": "x", "new_deadline": datetime.date(2000, 1, 1)}
    )
    assert not form.is_valid()
    assert "new_deadline" in form.errors
