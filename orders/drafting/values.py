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


def typed_text(post: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What the user typed on the page posted, to show it back when it cannot be used."""
    typed = []
    for key in post:
        if not key.startswith(("review-", "details-", "case-query")) or BASIS_FIELD in key:
            continue
        if key.endswith("generated_digest"):
            continue
        value = post.get(key, "")
        if isinstance(value, str) and len(value.strip()) > 1:
            name = key.split("-", 1)[1]
            if name.startswith("paragraph_") and name[10:].isdigit():
                label = f"Paragraph {int(name[10:]) + 1}"
            else:
                label = name.replace("_", " ").capitalize()
            typed.append((label, value))
    return typed


def order_type_or_none(key: str) -> Any:
    try:
        return registry.get(key)
    except KeyError:
        return None
