"""The search page's form: the query, the filters and the sort, read from the URL."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from ..case_numbers import case_number_key
from ..models import Judge, OrderStatus
from .query import SORT_DATE, SORT_RELEVANCE, SearchParams, clean_text
from .results import order_type_choices

ERROR_UNKNOWN_JUDGE = "Unknown judge: choose one of your chambers' judges."
ERROR_ORDER_TYPE = "Unknown order type."
ERROR_NOT_A_CASE_NUMBER = "“%(value)s” is not a case number (e.g. 14-cv-05578-MEJ or C 13-4426 EDL)."
ERROR_DATES_REVERSED = "The “from” date is after the “to” date."


def cleaned_query_data(data: QueryDict) -> dict[str, str]:
    """The GET parameters with control characters (NUL included) removed, one value each."""
    return {key: clean_text(str(value)) for key, value in data.items()}


class SearchForm(forms.Form):
    """The query and the filters of the search page, read from the URL (GET), so a search can be
    bookmarked and shared."""

    q = forms.CharField(required=False, label="Search", strip=True)
    judge = forms.ModelChoiceField(
        queryset=Judge.objects.none(),
        required=False,
        empty_label="Any judge",
        error_messages={"invalid_choice": ERROR_UNKNOWN_JUDGE},
    )
    order_type = forms.ChoiceField(
        choices=lambda: [("", "Any order type"), *order_type_choices()],
        required=False,
        label="Order type",
        error_messages={"invalid_choice": ERROR_ORDER_TYPE},
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *OrderStatus.choices], required=False)
    date_from = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    case = forms.CharField(required=False, max_length=60, label="Case No.")
    party = forms.CharField(required=False, max_length=200, label="Party name")
    pro_se = forms.BooleanField(required=False, label="Pro se")
    prisoner = forms.BooleanField(required=False, label="Prisoner")
    sort = forms.ChoiceField(
        choices=[(SORT_RELEVANCE, "Relevance"), (SORT_DATE, "Newest first")],
        required=False,
        help_text="Relevance needs words to rank; without them the newest orders come first.",
    )

    def __init__(self, *args, judges, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["judge"]).queryset = judges
        for name in ("judge", "order_type", "status", "sort"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    def clean_case(self) -> str:
        value = self.cleaned_data["case"]
        if value and case_number_key(value) is None:
            raise ValidationError(ERROR_NOT_A_CASE_NUMBER, params={"value": value})
        return value

    def clean(self) -> dict:
        data = super().clean() or self.cleaned_data  # Form.clean() returns cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(ERROR_DATES_REVERSED)
        return data

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            q=data.get("q") or "",
            judge=data.get("judge"),
            order_type=data.get("order_type") or "",
            status=data.get("status") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            case_number=data.get("case") or "",
            party=data.get("party") or "",
            pro_se=bool(data.get("pro_se")),
            prisoner=bool(data.get("prisoner")),
            sort=data.get("sort") or "",
        )
