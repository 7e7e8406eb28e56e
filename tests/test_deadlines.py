"""Deadlines under Fed. R. Civ. P. 6(a): the last day moved past weekends, federal holidays and
the court's own holidays; shown in the wizard's details step and printed in the briefing order."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.deadlines import due_date
from orders.models import CourtHoliday
from orders.order_types import registry

from .factories import CaseFactory, CourtFactory, MembershipFactory, PartyFactory
from .test_courts_admin import court_form
from .wizard_helpers import walk_to

D = datetime.date


def test_a_period_ending_on_a_weekday_is_not_moved():
    deadline = due_date(D(2026, 12, 1), 28)  # Tuesday + 28 days = Tuesday, December 29, 2026
    assert deadline.due == D(2026, 12, 29)
    assert not deadline.moved
    assert deadline.explanation() == "Due Tuesday, December 29, 2026: 28 days after December 1, 2026."


def test_a_last_day_on_a_saturday_runs_to_monday():
    deadline = due_date(D(2026, 12, 1), 25)  # Saturday, December 26
    assert deadline.counted == D(2026, 12, 26)
    assert deadline.due == D(2026, 12, 28)
    assert [why for _day, why in deadline.passed_over] == ["a Saturday", "a Sunday"]
    assert "December 26, 2026 is a Saturday" in deadline.explanation()


def test_thanksgiving_moves_the_last_day_to_friday():
    deadline = due_date(D(2026, 10, 27), 30)  # Thursday, November 26, 2026: Thanksgiving Day
    assert deadline.counted == D(2026, 11, 26)
    assert deadline.due == D(2026, 11, 27)
    assert "a legal holiday (Thanksgiving Day)" in deadline.explanation()


def test_juneteenth_observed_on_friday_then_the_weekend():
    # June 19, 2027 is a Saturday, observed Friday June 18: a last day on the 18th runs to Monday.
    deadline = due_date(D(2027, 6, 4), 14)
    assert deadline.counted == D(2027, 6, 18)
    assert deadline.due == D(2027, 6, 21)
    assert [day for day, _why in deadline.passed_over] == [D(2027, 6, 18), D(2027, 6, 19), D(2027, 6, 20)]


def test_counting_across_a_month_end_and_a_leap_day():
    assert due_date(D(2027, 1, 31), 30).due == D(2027, 3, 2)  # Tuesday (February has 28 days)
    assert due_date(D(2028, 1, 31), 30).due == D(2028, 3, 1)  # Wednesday (leap year)
    # January 31, 2026 + 14 = Saturday, February 14; Monday the 16th is Washington's Birthday.
    assert due_date(D(2026, 1, 31), 14).due == D(2026, 2, 17)


def test_new_years_day_observed_on_the_last_day_of_the_year():
    # January 1, 2028 is a Saturday; the federal holiday is observed Friday, December 31, 2027.
    assert due_date(D(2027, 12, 1), 30).due == D(2028, 1, 3)


@pytest.mark.django_db
def test_the_courts_own_holiday_moves_the_deadline_only_in_that_court():
    court = CourtFactory()
    other = CourtFactory(code="nvd", name="District of Nevada", heading_line_2="DISTRICT OF NEVADA")
    CourtHoliday.objects.create(court=court, date=D(2027, 3, 31), name="Cesar Chavez Day")
    assert due_date(D(2027, 3, 1), 30, court=court).due == D(2027, 4, 1)
    assert due_date(D(2027, 3, 1), 30, court=other).due == D(2027, 3, 31)
    assert "a legal holiday (Cesar Chavez Day)" in due_date(D(2027, 3, 1), 30, court=court).explanation()


def _case():
    case = CaseFactory()
    PartyFactory(case=case, name="Pat Plaintiff", role="plaintiff", caption_position=1)
    PartyFactory(case=case, name="Dan Defendant", role="defendant", caption_position=2)
    return case


@pytest.mark.django_db
def test_the_form_shows_each_within_n_days_as_a_date():
    case = _case()
    form = registry.get("dismiss_with_leave_to_amend").get_form(
        case=case, initial={"amend_days": 25}, order_date=D(2026, 12, 1)
    )
    assert form.fields["amend_days"].help_text.startswith(
        "Due Monday, December 28, 2026: 25 days after December 1, 2026 (the order's date); "
        "December 26, 2026 is a Saturday"
    )
    posted = registry.get("grant_ifp").get_form(
        case=case, data={"partial_fee_days": "30", "filing_fee": "350"}, order_date=D(2026, 10, 27)
    )
    assert "Due Friday, November 27, 2026" in posted.fields["partial_fee_days"].help_text


@pytest.mark.django_db
def test_the_briefing_order_prints_dates_moved_past_holidays():
    case = _case()
    user = MembershipFactory(judge=case.assigned_judge).user
    order = services.order_draft_create(
        case=case,
        order_type_key="briefing_schedule",
        entries=[],
        data={
            "start_date": "2026-10-27",
            "motion_days": "30",  # Thanksgiving, November 26 → Friday, November 27
            "opposition_days": "22",  # December 19, a Saturday → Monday, December 21
            "reply_days": "14",  # January 4, 2027
        },
        created_by=user,
        date=D(2026, 10, 26),
    )
    assert "no later than November 27, 2026" in order.body
    assert "no later than December 21, 2026" in order.body
    assert "no later than January 4, 2027" in order.body


@pytest.mark.django_db
def test_the_wizard_details_step_shows_the_date(client):
    case = _case()
    user = MembershipFactory(judge=case.assigned_judge).user
    client.force_login(user)
    url = reverse("orders:draft_for_case", args=[case.pk])
    page = walk_to(client, url, case=case, type_key="dismiss_with_leave_to_amend", until="details")
    expected = due_date(timezone.localdate(), 28, court=case.court).explanation(" (the order's date)")
    assert expected in page.content.decode()  # crispy prints help text as written


def test_a_holiday_entered_in_the_courts_admin_moves_its_deadlines(admin_client):
    court = CourtFactory()
    data = court_form(court)
    data.update(
        {
            "holidays-TOTAL_FORMS": "1",
            "holidays-0-date": "2027-03-31",
            "holidays-0-name": "Cesar Chavez Day",
            "holidays-0-source": "entered by the test",
        }
    )
    response = admin_client.post(reverse("admin:orders_court_change", args=[court.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert due_date(D(2027, 3, 1), 30, court=court).due == D(2027, 4, 1)
