"""Order denying a motion for reconsideration of an interlocutory order (the court's local rule on
reconsideration where its rule table has one, N.D. Cal. Civil L.R. 7-9; else Fed. R. Civ. P. 54(b))."""

from typing import Any

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from ._common import movant_field, movant_initial
from .base import OrderType, OrderTypeForm


class Form(OrderTypeForm):
    movant = movant_field()
    prior_order_date = forms.DateField(label="Date of the order to reconsider")
    prior_order_docket = forms.IntegerField(label="Its docket number", min_value=1, required=False)
    without_leave = forms.BooleanField(
        label="The movant did not first obtain leave (treat it as a motion for leave)",
        required=False,
        initial=True,
    )
    analysis = forms.CharField(
        label="Why no ground for reconsideration is shown",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )

    def clean_prior_order_date(self):
        return self.require_not_after_order_date("prior_order_date")


@registry.register
class DenyReconsideration(OrderType):
    key = "deny_reconsideration"
    title = "ORDER DENYING MOTION FOR RECONSIDERATION"
    description = "Deny reconsideration of an interlocutory order: no ground for reconsideration shown."
    resolves_kinds = (EntryKind.MOTION,)
    resolves_asks = (Ask.RECONSIDERATION,)
    needs_entries = True
    Form = Form
    keywords = ("reconsider", "reconsideration")

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = super().initial(case=case, entries=entries)
        movant = movant_initial(entries)
        if movant:
            initial["movant"] = movant
        earlier = case.docket_entries.filter(kind=EntryKind.ORDER)
        if entries:
            earlier = earlier.filter(number__lt=min(entry.number for entry in entries))
        prior = earlier.order_by("-number").first()
        if prior is not None:
            initial["prior_order_date"] = prior.date_filed
            initial["prior_order_docket"] = prior.number
        return initial

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        return {"movant": t.side(data.get("movant"))}
