"""Order granting a request for an extension of time (Fed. R. Civ. P. 6(b)(1); the
court's local rule on changing time where its rule table has one)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from ._common import movant_field, movant_initial
from .base import OrderType, OrderTypeForm

ERROR_NOT_LATER = "The new deadline must be later than the deadline it replaces."


class Form(OrderTypeForm):
    movant = movant_field()
    purpose = forms.CharField(
        label="The extension is to …",
        max_length=300,
        help_text="What the request asks time for, as the motion says it: completes “an extension of "
        "time to …” and “shall … no later than”, e.g. “respond to Defendants' discovery requests”.",
    )
    current_deadline = forms.DateField(label="Current deadline", required=False)
    new_deadline = forms.DateField(label="New deadline", help_text="Must be after the order's date.")
    late_request = forms.BooleanField(
        label="The request came after the deadline had passed (excusable neglect, Rule 6(b)(1)(B))",
        required=False,
        initial=False,
    )
    no_further_extensions = forms.BooleanField(
        label="Warn that no further extensions will be granted absent extraordinary circumstances",
        required=False,
        initial=False,
    )

    def clean_new_deadline(self):
        return self.require_after_order_date("new_deadline")

    def clean(self):
        cleaned = super().clean()
        current, new = cleaned.get("current_deadline"), cleaned.get("new_deadline")
        if current and new and new <= current:
            self.add_error("new_deadline", ValidationError(ERROR_NOT_LATER, code="not_later"))
        return cleaned


@registry.register
class GrantExtensionOfTime(OrderType):
    key = "grant_extension_of_time"
    title = "ORDER GRANTING EXTENSION OF TIME"
    description = "Grant a party's request for more time, setting the new deadline."
    resolves_kinds = (EntryKind.MOTION, EntryKind.REQUEST)
    resolves_asks = (Ask.EXTENSION_OF_TIME,)
    needs_entries = True
    Form = Form
    keywords = ("extension", "enlarge", "time")

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = super().initial(case=case, entries=entries)
        movant = movant_initial(entries)
        if movant:
            initial["movant"] = movant
        return initial

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        return {"movant": t.side(data.get("movant")), "other": t.other_side(data.get("movant"))}
