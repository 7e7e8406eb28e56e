"""Forms of the order pages. The drafting wizard's step forms live in ``orders.drafting.forms``."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms.helper import FormHelper
from django import forms

from . import selectors
from .drafting.forms import ERROR_CHOOSE_CASE
from .models import Case


class DuplicateForm(forms.Form):
    """Choose the case of the user's chambers to draft the same kind of order in."""

    case = forms.ModelChoiceField(
        queryset=Case.objects.none(),
        label="Draft the same order in",
        error_messages={"required": ERROR_CHOOSE_CASE},
    )

    def __init__(self, *args: Any, user: Any, exclude: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cases = selectors.cases_for_user(user).order_by("short_caption")
        if exclude is not None:
            cases = cases.exclude(pk=exclude.pk)
        case_field = cast(forms.ModelChoiceField, self.fields["case"])
        case_field.queryset = cases
        case_field.label_from_instance = lambda case: f"{case.short_caption} — No. {case.number}"  # type: ignore[assignment]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


__all__ = ["DuplicateForm"]
