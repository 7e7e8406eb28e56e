"""Order setting a briefing schedule for a dispositive motion: motion, opposition and reply
deadlines computed from a start date, in place of the defaults of the court's local rule (where
its rule table has one)."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..deadlines import due_date
from ..models import Court
from ..motions.asks import Ask
from . import registry
from .base import OrderType, OrderTypeForm
from .text import long_date

ERROR_MOTION_DUE_TOO_EARLY = (
    "The motion would be due on %(due)s, which is not after the order's date (%(date)s): "
    "count from a later date or allow more days."
)

MOVANTS = [("defendant", "Defendant(s)"), ("plaintiff", "Plaintiff(s)")]


class Form(OrderTypeForm):
    # Each period runs from the day the one before it is due (Fed. R. Civ. P. 6(a)).
    deadline_fields = {
        "motion_days": "start_date",
        "opposition_days": "motion_days",
        "reply_days": "opposition_days",
    }
    terminate_line = None  # type: ignore[assignment]  # removes the field: no entry is terminated
    movant = forms.ChoiceField(label="Who files the motion", choices=MOVANTS, initial="defendant")
    motion = forms.CharField(
        label="The motion",
        max_length=200,
        initial="a motion for summary judgment or other dispositive motion",
    )
    start_date = forms.DateField(
        label="Count from", help_text="Usually the order's date, or the date the answer was filed."
    )
    motion_days = forms.IntegerField(label="Days to file the motion", min_value=1, max_value=365, initial=91)
    opposition_days = forms.IntegerField(
        label="Days after the motion for the opposition", min_value=1, max_value=120, initial=28
    )
    reply_days = forms.IntegerField(
        label="Days after the opposition for the reply", min_value=1, max_value=60, initial=14
    )

    def clean(self):
        cleaned = super().clean()
        deadlines = schedule(cleaned, court=self.case.court if self.case is not None else None)
        if deadlines and deadlines["motion_due"] <= self.order_date:
            message = ERROR_MOTION_DUE_TOO_EARLY % {
                "due": long_date(deadlines["motion_due"]),
                "date": long_date(self.order_date),
            }
            self.add_error("motion_days", ValidationError(message, code="not_future"))
        return cleaned


def schedule(data: dict[str, Any], *, court: Court | None = None) -> dict[str, datetime.date] | None:
    """The three deadlines, or None while a number is missing: each period counted from the day
    the one before it is due, its last day moved past weekends and legal holidays (Fed. R. Civ.
    P. 6(a), ``orders.deadlines``)."""
    start = data.get("start_date")
    values = [data.get(name) for name in ("motion_days", "opposition_days", "reply_days")]
    days = [d for d in values if isinstance(d, int)]
    if not isinstance(start, datetime.date) or len(days) < len(values):
        return None
    motion_due = due_date(start, days[0], court=court).due
    opposition_due = due_date(motion_due, days[1], court=court).due
    reply_due = due_date(opposition_due, days[2], court=court).due
    return {"motion_due": motion_due, "opposition_due": opposition_due, "reply_due": reply_due}


@registry.register
class BriefingSchedule(OrderType):
    key = "briefing_schedule"
    title = "ORDER SETTING BRIEFING SCHEDULE"
    description = "Set the dispositive-motion, opposition and reply deadlines from a start date."
    resolves_kinds = ()
    resolves_asks = (Ask.EXTENSION_OF_TIME,)
    needs_entries = False
    Form = Form

    def initial(self, *, case, entries) -> dict[str, Any]:
        return {"start_date": timezone.localdate(), **super().initial(case=case, entries=entries)}

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        movant = data.get("movant") or "defendant"
        return {
            "movant": t.side(movant),
            "respondent": t.other_side(movant),
            "rand_notice": movant == "defendant" and t.prisoner and t.plaintiff.pro_se,
            **(schedule(data, court=case.court) or {}),
        }
