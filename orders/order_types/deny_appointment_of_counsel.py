"""Order denying a motion for appointment of counsel: no exceptional circumstances
(28 U.S.C. § 1915(e)(1); Wilborn v. Escalderon, 789 F.2d 1328, 1331 (9th Cir. 1986))."""

from django import forms

from ..models import EntryKind
from ..motions.asks import Ask
from . import registry, text
from .base import OrderType, OrderTypeForm


class Form(OrderTypeForm):
    reasons = forms.CharField(
        label="Why exceptional circumstances are not shown",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
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

    def initial(self, *, case, entries):
        initial = super().initial(case=case, entries=entries)
        initial["reasons"] = _default_reasons(case, initial)
        return initial


def _default_reasons(case, initial) -> str:
    t = text.CaseText(case, court_style=initial.get("court_style", "capital"))
    return (
        f"{t.plaintiff.Cap} {t.plaintiff.verb['has']} thus far been able to articulate {t.plaintiff.his} "
        f"claims adequately, and the legal issues in this case are not complex."
    )
