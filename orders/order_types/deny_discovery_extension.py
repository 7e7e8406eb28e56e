"""Order denying a prisoner's request for more time to answer discovery requests, because the
parties must first try to agree on a deadline between themselves (Crawford v. Beard)."""

import re
from typing import Any

from django import forms

from ..models import DocketEntry, EntryKind
from ..motions.asks import Ask
from . import registry, text
from ._discovery import CITATION_FIELDS, DiscoveryForm
from .base import BackgroundForm, OrderType, background_initial

_SCREENED = re.compile(r"screen\w*|order of service", re.IGNORECASE)
_PLEADING = re.compile(r"((?:first |second |third |fourth )?amended complaint|complaint)", re.IGNORECASE)
_DISPOSITIVE_DUE = re.compile(
    r"dispositive motion(?:s)? (?:due|to be filed) by (\d{1,2}/\d{1,2}/\d{4})", re.I
)
_DAYS = re.compile(r"(\d+)[- ]day", re.IGNORECASE)
_RECEIVED = re.compile(r"received (?:by \w+ )?(?:on )?([A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2}/\d{1,2}/\d{4})")


class Form(BackgroundForm, DiscoveryForm):
    explain_rule_5d = forms.BooleanField(
        label="Explain that discovery is not filed with the court (Rule 5(d))", required=False, initial=False
    )
    screened_pleading = forms.CharField(
        label="Pleading screened",
        max_length=100,
        required=False,
        help_text="Read from the screening order's docket text (“second amended complaint”); "
        "left empty, the order says “complaint”.",
    )
    screening_date = forms.DateField(label="Date of the screening order", required=False)
    screening_docket = forms.IntegerField(
        label="Docket number of the screening order", required=False, min_value=1
    )
    dispositive_due = forms.DateField(label="Defendants' dispositive motion currently due on", required=False)
    dispositive_docket = forms.IntegerField(
        label="Docket number of the order setting that deadline", required=False, min_value=1
    )
    extension_days = forms.IntegerField(label="Days of extension requested", min_value=1, max_value=365)
    request_purpose = forms.CharField(
        label="The extension is requested to …",
        max_length=300,
        help_text="Completes “a 45-day extension of time to …”, "
        "e.g. “respond to Defendants' discovery requests”.",
    )
    requests_received = forms.DateField(
        label="Date the plaintiff received the discovery requests", required=False
    )

    def clean_screening_date(self):
        return self.require_not_after_order_date("screening_date")

    def clean_requests_received(self):
        return self.require_not_after_order_date("requests_received")


@registry.register
class DenyDiscoveryExtension(OrderType):
    key = "deny_discovery_extension"
    title = "ORDER DENYING REQUEST FOR EXTENSION OF TIME"
    description = (
        "Deny a request for more time to answer discovery requests: the parties must first try to agree."
    )
    resolves_kinds = (EntryKind.REQUEST, EntryKind.MOTION)
    resolves_asks = (Ask.EXTENSION_OF_TIME,)
    needs_entries = True
    Form = Form
    keywords = ("extension", "discovery", "respond")
    sticky_fields = CITATION_FIELDS

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = background_initial(case)
        initial.update(super().initial(case=case, entries=entries))
        orders = case.docket_entries.filter(kind=EntryKind.ORDER).order_by("-number")
        screening = next((entry for entry in orders if _SCREENED.search(entry.description)), None)
        if screening is not None:
            initial["screening_date"] = screening.date_filed
            initial["screening_docket"] = screening.number
            pleading = _PLEADING.search(screening.description)
            if pleading:
                initial["screened_pleading"] = pleading.group(1).lower()
        for entry in orders:
            due = _DISPOSITIVE_DUE.search(entry.description)
            if due:
                initial["dispositive_due"] = text.parse_long_date(due.group(1))
                initial["dispositive_docket"] = entry.number
                break
        _read_request(initial, entries)
        return initial

    def context(self, *, case, entries, data, judge, t) -> dict[str, Any]:
        return {"dispute_about": "the sufficiency of discovery responses", "unclear_conferral": True}


def _read_request(initial: dict[str, Any], entries: list[DocketEntry]) -> None:
    for entry in entries:
        days = _DAYS.search(entry.description)
        if days and "extension_days" not in initial:
            initial["extension_days"] = int(days.group(1))
        received = _RECEIVED.search(entry.description)
        if received and "requests_received" not in initial:
            initial["requests_received"] = text.parse_long_date(received.group(1))
