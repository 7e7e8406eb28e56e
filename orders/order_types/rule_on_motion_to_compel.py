"""Order granting or denying a motion to compel discovery (Fed. R. Civ. P. 37(a); the court's
local rules on the conference and the form of the motion where its rule table has them)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from ._common import movant_field, movant_initial
from .base import OrderType, OrderTypeForm

DISPOSITIONS = [("DENIED", "DENIED"), ("GRANTED", "GRANTED")]
DENIAL_REASONS = [
    ("no_meet_and_confer", "No good-faith attempt to meet and confer (Rule 37(a)(1))"),
    ("no_specifics", "The motion does not set out the requests and responses"),
    ("other", "Other (explain below)"),
]
ERROR_REQUIRED_WHEN_GRANTED = "Required when the motion is granted."
ERROR_EXPLAIN = "Explain why the motion is denied."
ERROR_WHY_DENIED = "Say why the motion is denied."


class Form(OrderTypeForm):
    movant = movant_field()
    disposition = forms.ChoiceField(label="Disposition", choices=[("", "—"), *DISPOSITIONS])
    denial_reason = forms.ChoiceField(
        label="If denied, why", choices=[("", "—"), *DENIAL_REASONS], required=False
    )
    explanation = forms.CharField(
        label="Discussion", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, required=False
    )
    compelled_act = forms.CharField(
        label="If granted, the responding party shall …",
        max_length=500,
        required=False,
        help_text="E.g. “serve full responses, without objections, to Plaintiff's first set of "
        "requests for production”.",
    )
    response_deadline = forms.DateField(
        label="If granted, by", required=False, help_text="Must be after the order's date."
    )

    def clean_response_deadline(self):
        return self.require_after_order_date("response_deadline")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("disposition") == "GRANTED":
            for name in ("compelled_act", "response_deadline"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, ValidationError(ERROR_REQUIRED_WHEN_GRANTED, code="required"))
        elif cleaned.get("disposition") == "DENIED" and not cleaned.get("denial_reason"):
            self.add_error("denial_reason", ValidationError(ERROR_WHY_DENIED, code="required"))
        elif cleaned.get("denial_reason") == "other" and not cleaned.get("explanation"):
            self.add_error("explanation", ValidationError(ERROR_EXPLAIN, code="required"))
        return cleaned


@registry.register
class RuleOnMotionToCompel(OrderType):
    key = "rule_on_motion_to_compel"
    title = "ORDER DENYING MOTION TO COMPEL"
    description = "Grant or deny a motion to compel discovery (Fed. R. Civ. P. 37(a))."
    resolves_kinds = (EntryKind.MOTION,)
    resolves_asks = (Ask.COMPEL,)
    needs_entries = True
    Form = Form
    keywords = ("compel",)

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = super().initial(case=case, entries=entries)
        movant = movant_initial(entries)
        if movant:
            initial["movant"] = movant
        return initial

    def title_for(self, *, case, entries, data) -> str:
        granted = data.get("disposition") == "GRANTED"
        return "ORDER GRANTING MOTION TO COMPEL" if granted else "ORDER DENYING MOTION TO COMPEL"

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        return {"movant": t.side(data.get("movant")), "respondent": t.other_side(data.get("movant"))}
