"""Order of service: the complaint is screened under 28 U.S.C. § 1915A, states a cognizable
claim, and the U.S. Marshal serves the defendants (28 U.S.C. § 1915(d); Fed. R. Civ. P. 4(c)(3));
sets the dispositive-motion schedule."""

from typing import Any

from django import forms

from ..models import EntryKind, Party
from ..motions.asks import Ask
from . import registry, text
from .base import FROM_ORDER_DATE, BackgroundForm, OrderType, background_initial

ERROR_NO_DEFENDANT = "Choose at least one defendant to serve."


class Form(BackgroundForm):
    # The opposition and reply periods run from filings still to come: no date until then.
    deadline_fields = {"motion_days": FROM_ORDER_DATE}
    terminate_line = None  # type: ignore[assignment]  # removes the field: no entry is terminated
    allegations = forms.CharField(
        label="What the complaint alleges",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="E.g. “Plaintiff alleges that on March 3, 2020, Officer Doe struck him …”.",
    )
    cognizable_claim = forms.CharField(
        label="The cognizable claim",
        max_length=500,
        help_text="Completes “states a cognizable claim …”, e.g. “for deliberate indifference to "
        "serious medical needs in violation of the Eighth Amendment”.",
    )
    defendants = forms.MultipleChoiceField(
        label="Defendants to serve", widget=forms.CheckboxSelectMultiple, choices=()
    )
    motion_days = forms.IntegerField(
        label="Days to file a dispositive motion", min_value=1, max_value=365, initial=91
    )
    opposition_days = forms.IntegerField(
        label="Days after the motion to file the opposition", min_value=1, max_value=120, initial=28
    )
    reply_days = forms.IntegerField(
        label="Days after the opposition to file the reply", min_value=1, max_value=60, initial=14
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["defendants"].choices = defendant_choices(self.case)
        self.fields["defendants"].error_messages["required"] = ERROR_NO_DEFENDANT


def defendant_choices(case) -> list[tuple[str, str]]:
    if case is None:
        return []
    return [
        (str(party.pk), party.name)
        for party in case.parties.all()
        if party.side == Party.Side.SECOND and not party.terminated
    ]


@registry.register
class OrderOfService(OrderType):
    key = "order_of_service"
    title = "ORDER OF SERVICE"
    description = (
        "Screen the complaint (28 U.S.C. § 1915A), order the Marshal to serve, set the briefing schedule."
    )
    resolves_kinds = (EntryKind.COMPLAINT,)
    resolves_asks = (Ask.OTHER,)
    needs_entries = False
    Form = Form
    keywords = ("complaint",)

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = {**background_initial(case), **super().initial(case=case, entries=entries)}
        initial["defendants"] = [pk for pk, _ in defendant_choices(case)]
        return initial

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        chosen = {str(pk) for pk in data.get("defendants") or ()}
        names = [name for pk, name in defendant_choices(case) if pk in chosen]
        return {"served_names": text.join_words(names), "served_count": len(names)}
