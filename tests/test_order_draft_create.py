"""``services.order_draft_create``: the one write the wizard's finish step calls."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from orders import services
from orders.models import Order, OrderDocketEntry
from orders.models.orders import ERROR_ENTRY_OTHER_CASE
from orders.order_types.text import long_date

from .factories import DocketEntryFactory, JudgeFactory, clerk_of
from .order_type_cases import ORDER_DATE, singular_case

pytestmark = pytest.mark.django_db

VALID = {"movant": "plaintiff", "purpose": "file an opposition", "new_deadline": datetime.date(2024, 4, 15)}


def draft(case, entries, **kwargs):
    kwargs.setdefault("data", VALID)
    kwargs.setdefault("order_type_key", "grant_extension_of_time")
    kwargs.setdefault("date", ORDER_DATE)
    clerk = kwargs.pop("created_by", None) or clerk_of(kwargs.get("judge") or case.assigned_judge)
    return services.order_draft_create(case=case, entries=entries, created_by=clerk, **kwargs)


def test_it_drafts_the_order_from_the_type():
    case, entry = singular_case()
    order = draft(case, [entry])
    assert order.status == Order.Status.DRAFT
    assert order.order_type == "grant_extension_of_time"
    assert order.title == "ORDER GRANTING EXTENSION OF TIME"
    assert order.judge == case.assigned_judge
    assert order.date == ORDER_DATE
    assert order.re_line == "Re: Dkt. No. 12"
    assert "Plaintiff shall file an opposition no later than April 15, 2024." in order.body
    assert order.details["new_deadline"] == "2024-04-15"
    assert order.details["court_style"] == "capital"  # defaults filled in


def test_edited_body_and_title_are_kept_as_written():
    case, entry = singular_case()
    body = "Paragraph with <b>HTML</b> and {{ t.court }} kept literally.\n\n# CONCLUSION\n\nDone."
    order = draft(case, [entry], body=body, title="ORDER GRANTING IN PART")
    assert order.body == body
    assert order.title == "ORDER GRANTING IN PART"


def test_an_unknown_type_is_refused_with_a_clear_message():
    case, entry = singular_case()
    with pytest.raises(ValidationError) as error:
        draft(case, [entry], order_type_key="grant_everything")
    assert error.value.message_dict["order_type"] == [
        services.ERROR_UNKNOWN_ORDER_TYPE % {"key": "grant_everything"}
    ]
    assert not Order.objects.exists()


def test_entries_must_be_of_the_case_and_present_when_the_type_needs_them():
    case, entry = singular_case()
    stranger = DocketEntryFactory(number=99)
    with pytest.raises(ValidationError) as error:
        draft(case, [entry, stranger])
    assert error.value.message_dict["docket_entries"] == [ERROR_ENTRY_OTHER_CASE.format(number=99)]
    with pytest.raises(ValidationError) as error:
        draft(case, [])
    assert error.value.message_dict["docket_entries"] == [services.ERROR_ENTRIES_REQUIRED]
    assert not Order.objects.exists()


def test_invalid_data_is_refused_field_by_field():
    case, entry = singular_case()
    with pytest.raises(ValidationError) as error:
        draft(case, [entry], data={**VALID, "new_deadline": "2024-02-01", "movant": "the warden"})
    assert set(error.value.message_dict) == {"new_deadline", "movant"}
    assert not Order.objects.exists()


def test_the_judge_must_be_the_cases():
    case, entry = singular_case()
    other = JudgeFactory(court=case.court)
    clerk = clerk_of(case.assigned_judge)
    services.membership_create(user=clerk, judge=other)  # a clerk of both chambers
    with pytest.raises(ValidationError) as error:
        draft(case, [entry], judge=other, created_by=clerk)
    assert "judge" in error.value.message_dict
    assert not Order.objects.exists()


def test_a_failure_midway_leaves_nothing_behind(monkeypatch):
    case, entry = singular_case()

    def broken_bulk_create(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(OrderDocketEntry.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(IntegrityError):
        draft(case, [entry])
    assert not Order.objects.exists()
    assert not OrderDocketEntry.objects.exists()


def test_an_undated_draft_validates_against_today():
    case, _ = singular_case()
    with pytest.raises(ValidationError) as error:
        draft(case, [], order_type_key="briefing_schedule", data={"start_date": ORDER_DATE}, date=None)
    assert "motion_days" in error.value.message_dict  # May 31, 2024 is not after today

    start = timezone.localdate()
    order = draft(case, [], order_type_key="briefing_schedule", data={"start_date": start}, date=None)
    assert order.date is None
    assert order.re_line == ""
    assert f"no later than {long_date(start + datetime.timedelta(days=91))}" in order.body
