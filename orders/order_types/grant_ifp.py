"""Order granting leave to proceed in forma pauperis (28 U.S.C. § 1915); for a prisoner, the
filing fee is collected in installments from the trust account (§ 1915(b))."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ..courts import cause_codes
from ..models import EntryKind
from ..motions.asks import Ask
from . import registry
from .base import FROM_ORDER_DATE, OrderType, OrderTypeForm

ERROR_PARTIAL_FEE_TOO_HIGH = "The initial partial filing fee cannot exceed the filing fee."
FILING_FEE = Decimal("350.00")  # 28 U.S.C. § 1914(a); the $55 administrative fee is waived for IFP
HABEAS_FILING_FEE = Decimal("5.00")  # 28 U.S.C. § 1914(a): “on application for a writ of habeas corpus”


class Form(OrderTypeForm):
    deadline_fields = {"partial_fee_days": FROM_ORDER_DATE}  # “within N days of the date of this order”
    filing_fee = forms.DecimalField(
        label="Filing fee ($)", min_value=Decimal("0.01"), max_digits=7, decimal_places=2, initial=FILING_FEE
    )
    initial_partial_fee = forms.DecimalField(
        label="Initial partial filing fee ($)",
        required=False,
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        help_text="Prisoners only: 20 percent of the greater of the average monthly deposits or balance "
        "(28 U.S.C. § 1915(b)(1)). Leave empty or 0 if the prisoner has no means to pay it.",
    )
    partial_fee_days = forms.IntegerField(
        label="Days to pay the initial partial fee", min_value=1, max_value=365, initial=30
    )

    def clean(self):
        cleaned = super().clean()
        fee, partial = cleaned.get("filing_fee"), cleaned.get("initial_partial_fee")
        if fee is not None and partial is not None and partial > fee:
            self.add_error(
                "initial_partial_fee", ValidationError(ERROR_PARTIAL_FEE_TOO_HIGH, code="too_high")
            )
        return cleaned


@registry.register
class GrantIfp(OrderType):
    key = "grant_ifp"
    title = "ORDER GRANTING LEAVE TO PROCEED IN FORMA PAUPERIS"
    description = (
        "Grant leave to proceed in forma pauperis under 28 U.S.C. § 1915 (installments for prisoners)."
    )
    resolves_kinds = (EntryKind.MOTION, EntryKind.REQUEST)
    resolves_asks = (Ask.IFP,)
    needs_entries = False
    Form = Form
    keywords = ("pauperis", "ifp", "fee")

    def initial(self, *, case, entries) -> dict[str, Any]:
        initial = super().initial(case=case, entries=entries)
        cause = cause_codes.cause_of(case.cause)
        if cause is not None and cause.kind == cause_codes.HABEAS:
            initial["filing_fee"] = HABEAS_FILING_FEE
        return initial
