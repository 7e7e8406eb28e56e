"""Plain helpers of the wizard: answers as JSON, the order's date, the text typed on a page."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import Model

from ..order_types import registry
from .forms import ORDER_DATE_FIELD, TAMPER_CODES
from .texts import BASIS_FIELD


def jsonable(value: Any) -> Any:
    """The answers of a details form as JSON: dates as ISO strings, records as their id."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    if hasattr(value, "all") and callable(value.all):  # a queryset from a model multiple choice
        return [item.pk for item in value.all()]
    return value


def order_date(details: Mapping[str, Any]) -> datetime.date | None:
    value = details.get(ORDER_DATE_FIELD)
    return value if isinstance(value, datetime.date) else None


def type_data(details: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to the order type's own fields (the details step also asks the order's date)."""
    return {name: value for name, value in details.items() if name != ORDER_DATE_FIELD}


def is_tampered(form: forms.Form) -> bool:
    return any(error.code in TAMPER_CODES for errors in form.errors.as_data().values() for error in errors)


FREE_TEXT_KEYS = ("review-title", "case-query")


def typed_text(post: Mapping[str, Any], stored: Mapping[str, Any] | None = None) -> list[tuple[str, str]]:
    """The free text typed on a page posted, to show it back when the page cannot be used: the
    title and paragraphs, the case search, and a details answer written in words. A choice, a
    date or a number is not shown (“Court style: lower” tells a clerk nothing), nor a text the
    draft already holds as it is (``stored``: the draft's answers to that step)."""
    typed = []
    for key in post:
        if BASIS_FIELD in key or key.endswith("generated_digest"):
            continue
        name = key.split("-", 1)[1] if "-" in key else key
        paragraph = key.startswith("review-paragraph_") and name[10:].isdigit()
        value = post.get(key, "")
        if not isinstance(value, str) or len(value.strip()) < 2:
            continue
        words = key.startswith("details-") and " " in value.strip()
        if not (paragraph or words or key in FREE_TEXT_KEYS):
            continue
        if stored is not None and _stored_value(stored, key) == value:
            continue
        label = f"Paragraph {int(name[10:]) + 1}" if paragraph else name.replace("_", " ").capitalize()
        typed.append((label, value))
    return typed


def _stored_value(stored: Mapping[str, Any], key: str) -> Any:
    value = stored.get(key)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


ANCHORS = {"case": "case-choices", "order_type": "type-choices", "entries": "entry-choices"}
"""The fields drawn by a template of their own: the element an error summary's link goes to."""


def error_summary(form: forms.Form) -> list[dict[str, str]]:
    """One line per error of a bound form, each with the id of its field to link to (the box
    of a choice list, the first button of a group), for the summary at the top of the step."""
    if not form.is_bound or not form.errors:
        return []
    lines: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name not in form.fields:  # the form's own errors (NON_FIELD_ERRORS)
            anchor = "review-errors" if form.prefix == "review" else "step-errors"
            lines.extend({"anchor": anchor, "label": "This step", "message": str(e)} for e in errors)
            continue
        field = form[name]
        widget = form.fields[name].widget
        if name in ANCHORS and form.prefix == name:
            anchor = ANCHORS[name]
        elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor = f"{field.auto_id}_0"
        else:
            anchor = field.auto_id
        lines.extend({"anchor": anchor, "label": str(field.label), "message": str(e)} for e in errors)
    return lines


def order_type_or_none(key: str) -> Any:
    try:
        return registry.get(key)
    except KeyError:
        return None
