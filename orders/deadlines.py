"""Deadlines stated in days, computed under Fed. R. Civ. P. 6(a)(1): the one place that turns
“within N days of …” into a calendar date.

Rule 6(a)(1), for a period stated in days: (A) exclude the day of the event that triggers the
period; (B) count every day, including intermediate Saturdays, Sundays and legal holidays;
(C) include the last day of the period, but if the last day is a Saturday, Sunday or legal
holiday, the period continues to run until the end of the next day that is not a Saturday,
Sunday or legal holiday. So the last day is the trigger plus N days, moved forward past any
weekend and legal holiday it falls on.

Legal holidays (Rule 6(a)(6)): the federal holidays set by statute (5 U.S.C. § 6103: New Year's
Day, Martin Luther King Jr.'s Birthday, Washington's Birthday, Memorial Day, Juneteenth,
Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving Day, Christmas Day),
with the days they are observed on when they fall on a weekend, from the ``holidays`` package's
U.S. federal calendar; and the court's own (a day declared by the President or Congress, a
state holiday where the court sits), entered as court data (``CourtHoliday``, in the admin).

Not computed here: the three days added after service by mail (Rule 6(d)), periods stated in
hours, and an inaccessible clerk's office (Rule 6(a)(3)); a period counted from a future event
(the day a motion is filed) has no date until the event.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays

from .models import Court, CourtHoliday

RULE = "Fed. R. Civ. P. 6(a)(1)(C)"
SEARCH_DAYS = 31  # a last day is never moved further than this (no court closes for a month)


@lru_cache(maxsize=1)
def _federal() -> holidays.HolidayBase:
    """The U.S. federal holidays and their observed days (years filled in as they are asked)."""
    return holidays.country_holidays("US", categories=("public",))


def federal_holiday(day: datetime.date) -> str:
    """The name of the federal legal holiday on ``day`` (“Thanksgiving Day”), or ""."""
    return _federal().get(day) or ""


@dataclass(frozen=True)
class Deadline:
    """A period of ``days`` days after ``trigger``: its last day as counted, and the day it is due."""

    trigger: datetime.date
    days: int
    counted: datetime.date  # trigger + days (Rule 6(a)(1)(A)-(B))
    due: datetime.date  # moved past weekends and legal holidays (Rule 6(a)(1)(C))
    passed_over: tuple[tuple[datetime.date, str], ...] = ()  # the days skipped, and why

    @property
    def moved(self) -> bool:
        return self.due != self.counted

    def explanation(self, basis: str = "") -> str:
        """“Due Tuesday, December 29, 2026: 28 days after December 1, 2026.”, and when the last
        day was moved, why (``basis`` follows the trigger date: “ (the order's date)”)."""
        text = f"Due {weekday_date(self.due)}: {self.days} days after {long_date(self.trigger)}{basis}"
        if not self.moved:
            return text + "."
        reasons = "; ".join(f"{long_date(day)} is {why}" for day, why in self.passed_over)
        return f"{text}; {reasons}, so the period runs to the next day that is not ({RULE})."


def court_holidays(court: Court | None, start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """The court's own legal holidays from ``start`` to ``end`` (one query)."""
    if court is None or court.pk is None:
        return {}
    rows = CourtHoliday.objects.filter(court=court, date__range=(start, end)).values_list("date", "name")
    return dict(rows)


def closed_because(day: datetime.date, own: dict[datetime.date, str]) -> str:
    """Why the clerk's office is closed on ``day`` (“a Saturday”, “Juneteenth …”), or ""."""
    if day.weekday() == 5:
        return "a Saturday"
    if day.weekday() == 6:
        return "a Sunday"
    name = own.get(day) or federal_holiday(day)
    return f"a legal holiday ({name})" if name else ""


def due_date(trigger: datetime.date, days: int, *, court: Court | None = None) -> Deadline:
    """The deadline ``days`` days after ``trigger`` under Rule 6(a)(1), with ``court``'s own
    holidays besides the federal ones."""
    if days < 0:
        raise ValueError("A period counted forward has a positive number of days.")
    counted = trigger + datetime.timedelta(days=days)
    own = court_holidays(court, counted, counted + datetime.timedelta(days=SEARCH_DAYS))
    due, passed = counted, []
    while why := closed_because(due, own):
        passed.append((due, why))
        due += datetime.timedelta(days=1)
    return Deadline(trigger=trigger, days=days, counted=counted, due=due, passed_over=tuple(passed))


def long_date(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def weekday_date(day: datetime.date) -> str:
    return f"{day:%A}, {long_date(day)}"
