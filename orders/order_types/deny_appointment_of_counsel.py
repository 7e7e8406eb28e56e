"""Order denying a motion for appointment of counsel: no exceptional circumstances
(28 U.S.C. § 1915(e)(1); Wilborn v. Escalderon, 789 F.2d 1328, 1331 (9th Cir. 1986))."""

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import OrderType, OrderTypeForm


class Form(OrderTypeForm):
    reasons = forms.CharField(
        label="Why exceptional circumstances are not shown",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="The court's findings, e.g. “Plaintiff has thus far been able to articulate his "
        "claims adequately, and the legal issues in this case are not complex.”",
    )
    without_prejudice = forms.BooleanField(
        label="Deny without prejudice (the court will reconsider on its own motion if circumstances change)",
        required=False,
        initial=True,
    )


@registry.register
class DenyAppointmentOfCounsel(OrderType):
    key = "deny_appointment_of_counsel"
    title = "ORDER DENYING MOTION FOR APPOINTMENT OF COUNSEL"
    description = "Deny appointment of counsel: no exceptional circumstances under 28 U.S.C. § 1915(e)(1)."
    resolves_kinds = (EntryKind.MOTION, EntryKind.REQUEST)
    resolves_asks = (Ask.APPOINTMENT_OF_COUNSEL,)
    needs_entries = True
    Form = Form
    keywords = ("counsel", "attorney", "appoint")
