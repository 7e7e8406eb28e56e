"""Forms of the search page and of the import of past orders."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from .case_numbers import case_number_key
from .models import Judge, OrderStatus
from .search import SearchParams, clean_text

ERROR_UNKNOWN_JUDGE = "Unknown judge: choose one of your chambers' judges."
ERROR_ORDER_TYPE = "Unknown order type."
ERROR_NOT_A_CASE_NUMBER = "“%(value)s” is not a case number (e.g. 14-cv-05578-MEJ or C 13-4426 EDL)."
ERROR_DATES_REVERSED = "The “from” date is after the “to” date."
ERROR_TOO_MANY_FILES = "Import at most %(max)s files at a time."
ERROR_FILE_TOO_LARGE = "“%(name)s” is larger than %(mb)s MB."
ERROR_FILE_TYPE = "“%(name)s” is not a PDF or a text file (.pdf, .txt)."

MAX_IMPORT_FILES = 50
MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024


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
    order_type = forms.RegexField(
        regex=r"^[a-z0-9_]{1,60}$",
        required=False,
        label="Order type",
        error_messages={"invalid": ERROR_ORDER_TYPE},
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *OrderStatus.choices], required=False)
    date_from = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    case = forms.CharField(required=False, max_length=60, label="Case No.")
    party = forms.CharField(required=False, max_length=200, label="Party name")
    pro_se = forms.BooleanField(required=False, label="Pro se")
    prisoner = forms.BooleanField(required=False, label="Prisoner")
    sort = forms.ChoiceField(
        choices=[("", "Best match"), ("relevance", "Relevance"), ("date", "Newest first")], required=False
    )

    def __init__(self, *args, judges, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["judge"]).queryset = judges
        for name in ("judge", "status", "sort"):
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        accept = ".pdf,.txt,application/pdf,text/plain"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportOrdersForm(forms.Form):
    files = MultipleFileField(  # type: ignore[assignment]  # a field named like BaseForm.files
        label="Past orders (PDF or text)",
        help_text=f"Up to {MAX_IMPORT_FILES} files, {MAX_IMPORT_FILE_BYTES // (1024 * 1024)} MB each.",
    )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_IMPORT_FILES:
            raise ValidationError(ERROR_TOO_MANY_FILES, params={"max": MAX_IMPORT_FILES})
        for upload in files:
            if upload.size > MAX_IMPORT_FILE_BYTES:
                raise ValidationError(
                    ERROR_FILE_TOO_LARGE,
                    params={"name": upload.name, "mb": MAX_IMPORT_FILE_BYTES // (1024 * 1024)},
                )
            if not upload.name.lower().endswith((".pdf", ".txt")):
                raise ValidationError(ERROR_FILE_TYPE, params={"name": upload.name})
        return files
