"""Order of dismissal with leave to amend: on screening (28 U.S.C. § 1915A(b)) the complaint
fails to state a claim; the plaintiff may file an amended complaint within a deadline."""

from typing import Any

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import FROM_ORDER_DATE, BackgroundForm, OrderType, background_initial


class Form(BackgroundForm):
    deadline_fields = {"amend_days": FROM_ORDER_DATE}  # “within N days of the date of this order”
    terminate_line = None  # type: ignore[assignment]  # removes the field: no entry is terminated
    allegations = forms.CharField(
        label="What the complaint alleges",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    deficiencies = forms.CharField(
        label="Why the complaint fails to state a claim, and what an amendment must allege",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    amend_days = forms.IntegerField(
        label="Days to file an amended complaint", min_value=1, max_value=180, initial=28
    )


@registry.register
class DismissWithLeaveToAmend(OrderType):
    key = "dismiss_with_leave_to_amend"
    title = "ORDER OF DISMISSAL WITH LEAVE TO AMEND"
    description = (
        "Dismiss the complaint on screening (28 U.S.C. § 1915A(b)) with leave to amend by a deadline."
    )
    resolves_kinds = (EntryKind.COMPLAINT,)
    resolves_asks = (Ask.OTHER,)
    needs_entries = False
    Form = Form
    keywords = ("complaint", "amended")

    def initial(self, *, case, entries) -> dict[str, Any]:
        return {**background_initial(case), **super().initial(case=case, entries=entries)}

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        statute = "28 U.S.C. § 1915A(b)" if t.prisoner else "28 U.S.C. § 1915(e)(2)(B)"
        return {"statute": statute}
