"""Order denying a motion for default judgment (Fed. R. Civ. P. 55: default must be entered by
the clerk before a default judgment, and only against a party who has failed to defend)."""

import re
from typing import Any

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import OrderType, OrderTypeForm

# A docket entry recording the clerk's entry of default (Fed. R. Civ. P. 55(a)).
_DEFAULT_ENTERED = re.compile(r"(?:clerk'?s\s+)?entry\s+of\s+default|default\s+(?:is\s+)?entered", re.I)

REASONS = [
    ("no_default", "No default has been entered (Rule 55(a))"),
    ("appeared", "The defendants have appeared and are defending"),
    ("not_served", "The defendants have not been served"),
]


class Form(OrderTypeForm):
    reason = forms.ChoiceField(
        label="Why",
        choices=[("", "—"), *REASONS],
        help_text="Prefilled from the docket: an answer filed, or no entry of default on it.",
    )
    explanation = forms.CharField(
        label="More detail (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="E.g. “Defendants filed a motion to dismiss on May 1, 2021.”",
    )


@registry.register
class DenyDefaultJudgment(OrderType):
    key = "deny_default_judgment"
    title = "ORDER DENYING MOTION FOR DEFAULT JUDGMENT"
    description = (
        "Deny default judgment: no default entered, or the defendants are defending (Fed. R. Civ. P. 55)."
    )
    resolves_kinds = (EntryKind.MOTION,)
    resolves_asks = (Ask.DEFAULT_JUDGMENT,)
    needs_entries = True
    Form = Form
    keywords = ("default",)

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = super().initial(case=case, entries=entries)
        if case.docket_entries.filter(kind=EntryKind.ANSWER).exists():
            initial["reason"] = "appeared"
        elif not any(_DEFAULT_ENTERED.search(e.description) for e in case.docket_entries.all()):
            initial["reason"] = "no_default"  # the docket shows no entry of default
        return initial
