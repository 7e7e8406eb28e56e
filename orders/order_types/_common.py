"""Form pieces several order types share (not an order type itself)."""

from django import forms

from ..models import DocketEntry, Party

SIDES = [("plaintiff", "Plaintiff(s)"), ("defendant", "Defendant(s)")]


def movant_field(**kwargs) -> forms.ChoiceField:
    """Who filed the motion: prefilled from the entry's filing party (``movant_initial``), else
    asked (no side is assumed)."""
    return forms.ChoiceField(
        label="Who filed it",
        choices=[("", "—"), *SIDES],
        help_text="Prefilled when the docket entry names its filer.",
        **kwargs,
    )


def movant_initial(entries: list[DocketEntry]) -> str | None:
    """“plaintiff” or “defendant”: the side of whoever filed the first entry, if known."""
    for entry in entries:
        party = entry.filing_party
        if party is not None and party.side == Party.Side.SECOND:
            return "defendant"
        if party is not None and party.side == Party.Side.FIRST:
            return "plaintiff"
    return None
