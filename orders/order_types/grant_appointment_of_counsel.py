"""Order granting a motion for appointment of counsel and referring the plaintiff to the
court's pro bono program (28 U.S.C. § 1915(e)(1): exceptional circumstances)."""

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import OrderType, OrderTypeForm


class Form(OrderTypeForm):
    reasons = forms.CharField(
        label="Why exceptional circumstances are shown",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="E.g. the claims have survived summary judgment and must "
        "be tried, and the issues are complex.",
    )
    program = forms.CharField(
        label="Referred to",
        max_length=200,
        help_text="The court's pro bono program, as its orders name it (N.D. Cal.: “the Federal Pro "
        "Bono Project”); prefilled from the judge's last order of this type.",
    )
    stay_proceedings = forms.BooleanField(
        label="Stay the proceedings until counsel is located", required=False, initial=True
    )


@registry.register
class GrantAppointmentOfCounsel(OrderType):
    key = "grant_appointment_of_counsel"
    title = "ORDER GRANTING MOTION FOR APPOINTMENT OF COUNSEL"
    description = (
        "Grant appointment of counsel for exceptional circumstances and refer to the pro bono program."
    )
    resolves_kinds = (EntryKind.MOTION, EntryKind.REQUEST)
    resolves_asks = (Ask.APPOINTMENT_OF_COUNSEL,)
    needs_entries = True
    Form = Form
    keywords = ("counsel", "attorney", "appoint")
    sticky_fields = ("program",)
