"""Order denying (or vacating) a prisoner's motion for discovery: the court does not conduct
discovery; the parties exchange requests and meet and confer first (Luckert v. Brannon,
Harrison v. Sample)."""

from typing import Any

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask, classify_entry
from . import registry
from ._discovery import CITATION_FIELDS, DiscoveryForm
from .base import OrderType

DISPOSITIONS = [
    ("DENIED", "DENIED"),
    ("DENIED_WITHOUT_PREJUDICE", "DENIED without prejudice"),
    ("VACATED", "VACATED and will be disregarded"),
]
DISPOSITION_WORDS = {
    "DENIED": "DENIED",
    "DENIED_WITHOUT_PREJUDICE": "DENIED without prejudice",
    "VACATED": "VACATED and will be disregarded",
}


TITLES = [
    ("ORDER DENYING DISCOVERY MOTION", "ORDER DENYING DISCOVERY MOTION"),
    ("ORDER DENYING MOTION FOR DISCOVERY", "ORDER DENYING MOTION FOR DISCOVERY"),
    ("ORDER DENYING REQUEST FOR DISCOVERY", "ORDER DENYING REQUEST FOR DISCOVERY"),
    ("ORDER VACATING MOTION FOR DISCOVERY", "ORDER VACATING MOTION FOR DISCOVERY"),
]


class Form(DiscoveryForm):
    title_wording = forms.ChoiceField(label="Title", choices=TITLES, required=False, initial=TITLES[0][0])
    motion = forms.CharField(
        label="The motion is a …",
        max_length=100,
        help_text="As the order names it, e.g. “motion for discovery”; prefilled when the docket "
        "entries ask for discovery.",
    )
    disposition = forms.ChoiceField(label="Disposition", choices=DISPOSITIONS, initial="DENIED")
    background = forms.BooleanField(
        label="Open with “Plaintiff proceeds with a pro se civil rights complaint …”",
        required=False,
        initial=True,
    )
    advise_send_requests = forms.BooleanField(
        label="Advise the plaintiff to send discovery requests to the defendants, not the court",
        required=False,
        initial=True,
    )
    no_court_discovery = forms.BooleanField(
        label="Explain that the court does not conduct discovery for litigants",
        required=False,
        initial=False,
    )
    conclusion_heading = forms.BooleanField(
        label="State the disposition under a CONCLUSION heading",
        required=False,
        initial=True,
    )


@registry.register
class DenyDiscoveryMotion(OrderType):
    key = "deny_discovery_motion"
    title = "ORDER DENYING DISCOVERY MOTION"
    description = (
        "Deny (or vacate) a motion for discovery: discovery goes between the parties, "
        "who meet and confer first."
    )
    resolves_kinds = (EntryKind.MOTION, EntryKind.REQUEST)
    resolves_asks = (Ask.DISCOVERY,)
    needs_entries = True
    Form = Form
    keywords = ("discovery",)
    sticky_fields = (*CITATION_FIELDS, "explain_rule_5d", "conclusion_heading", "title_wording")

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = super().initial(case=case, entries=entries)
        if not entries or any(classify_entry(entry) != Ask.DISCOVERY for entry in entries):
            return initial  # what the filing is called is not known: the field asks
        if all(entry.kind == EntryKind.REQUEST for entry in entries):
            initial.setdefault("motion", "request for discovery")
            initial.setdefault("title_wording", "ORDER DENYING REQUEST FOR DISCOVERY")
        initial.setdefault("motion", "motions for discovery" if len(entries) > 1 else "motion for discovery")
        return initial

    def title_for(self, *, case, entries, data) -> str:
        return data.get("title_wording") or self.title

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        motion = data.get("motion") or "motion for discovery"
        if len(entries) > 1 or motion.split()[0].endswith("s"):
            a_motion = motion  # “has filed motions for discovery”
        else:
            a_motion = ("an " if motion[:1].lower() in "aeiou" else "a ") + motion
        return {
            "a_motion": a_motion,
            "dispute_about": "discovery responses",
            "disposition_words": DISPOSITION_WORDS.get(data.get("disposition"), "DENIED"),
            "motion_verb": "are" if len(entries) > 1 else "is",
        }
