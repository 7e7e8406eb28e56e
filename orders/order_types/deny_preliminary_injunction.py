"""Order denying a motion for a preliminary injunction or temporary restraining order
(Fed. R. Civ. P. 65; Winter v. Natural Res. Def. Council, Inc., 555 U.S. 7, 20 (2008))."""

import re

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import OrderType, OrderTypeForm

RELIEF = [
    ("preliminary injunction", "a preliminary injunction"),
    ("temporary restraining order", "a temporary restraining order"),
    (
        "temporary restraining order and preliminary injunction",
        "a temporary restraining order and preliminary injunction",
    ),
]


_TRO = re.compile(r"restraining\s+order|\bTRO\b", re.IGNORECASE)
_INJUNCTION = re.compile(r"preliminary\s+injunct", re.IGNORECASE)


def relief_asked(text: str) -> str:
    """The ``RELIEF`` a docket text names (a TRO, a preliminary injunction or both); "" if none."""
    tro, injunction = bool(_TRO.search(text)), bool(_INJUNCTION.search(text))
    if tro and injunction:
        return RELIEF[2][0]
    return RELIEF[1][0] if tro else RELIEF[0][0] if injunction else ""


class Form(OrderTypeForm):
    relief = forms.ChoiceField(
        label="The motion seeks",
        choices=[("", "—"), *RELIEF],
        help_text="Prefilled from the words of the docket entry.",
    )
    requested = forms.CharField(
        label="What the plaintiff asks the court to order",
        max_length=1000,
        required=False,
        help_text="Completes “asking the court to order …”, e.g. “that he be transferred to another prison”.",
    )
    reasons = forms.CharField(
        label="Why the Winter factors are not met",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )
    without_prejudice = forms.BooleanField(label="Deny without prejudice", required=False, initial=False)


@registry.register
class DenyPreliminaryInjunction(OrderType):
    key = "deny_preliminary_injunction"
    title = "ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION"
    description = "Deny a preliminary injunction or TRO: the Winter factors are not met (Fed. R. Civ. P. 65)."
    resolves_kinds = (EntryKind.MOTION,)
    resolves_asks = (Ask.PRELIMINARY_INJUNCTION,)
    needs_entries = True
    Form = Form
    keywords = ("injunction", "restraining", "tro")

    def initial(self, *, case, entries):
        initial = super().initial(case=case, entries=entries)
        relief = relief_asked(" ".join(entry.description for entry in entries))
        if relief:
            initial["relief"] = relief
        return initial

    def title_for(self, *, case, entries, data) -> str:
        return f"ORDER DENYING MOTION FOR {str(data.get('relief') or RELIEF[0][0]).upper()}"
