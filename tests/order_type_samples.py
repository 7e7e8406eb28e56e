"""A complete, valid order of every type in the library, for tests that must cover them all
(the PDF and Word layouts): the type's own prefill, then every field it still needs filled with a
plain value of the field's kind."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from orders.body import parse_body
from orders.models import DocketEntry
from orders.order_types import registry

from .order_type_cases import ORDER_DATE, singular_case

FILLER_TEXT = "the reasons stated in the record of this case"
# Answers a plain filler would make meaningless: the general ORDER's title and its text (headings,
# paragraphs and a list, as a chambers writes them).
SAMPLE_ANSWERS = {
    "general_order": {
        "order_title": "Order granting motion to stay",
        "text": (
            "Plaintiff moves to stay this action pending the appeal in another case.\n\n"
            "# DISCUSSION\n\n"
            "A district court may stay proceedings as part of its inherent power to control its docket.\n\n"
            "# CONCLUSION\n\n"
            "1. The motion to stay is GRANTED.\n"
            "2. The parties shall file a joint status report every ninety days."
        ),
    },
}


def _value(field: forms.Field, index: int) -> Any:
    if isinstance(field, forms.BooleanField):
        return False
    if isinstance(field, forms.DateField):  # later fields later: a new deadline after the old one
        return ORDER_DATE + datetime.timedelta(days=30 + 5 * index)
    if isinstance(field, forms.DecimalField):
        return "10.00"
    if isinstance(field, forms.IntegerField):
        return 30
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [obj.pk for obj in field.queryset[:1]]
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return first.pk if first else None
    if isinstance(field, forms.MultipleChoiceField):
        return [next(iter(value for value, _ in field.choices if value))]
    if isinstance(field, forms.ChoiceField):
        return next(value for value, _ in field.choices if value)
    limit = getattr(field, "max_length", None)
    return FILLER_TEXT[:limit].strip() if limit else FILLER_TEXT


def sample_order(key: str) -> dict[str, Any]:
    """``{"title", "body", "case", "entries", "judge"}`` of a valid order of type ``key``."""
    order_type = registry.get(key)
    case, entry = singular_case(entry_kind=_entry_kind(order_type), description="MOTION for relief")
    entries: list[DocketEntry] = [entry] if order_type.resolves_kinds else []
    data = {**order_type.initial(case=case, entries=entries), **SAMPLE_ANSWERS.get(key, {})}
    form = order_type.get_form(case=case, order_date=ORDER_DATE)
    for index, (name, field) in enumerate(form.fields.items()):
        if data.get(name) in (None, "", []) and not isinstance(field, forms.BooleanField):
            data[name] = _value(field, index)
    data.setdefault("quotes", "straight")
    try:
        cleaned = order_type.clean_data(case=case, entries=entries, data=data, order_date=ORDER_DATE)
    except ValidationError as error:  # a date of the past (an earlier order, a filing), or a field
        # another answer requires: answered, then validated again
        for index, (name, field) in enumerate(form.fields.items()):
            if name in error.error_dict and "cannot be after" in str(error.error_dict[name]):
                data[name] = ORDER_DATE - datetime.timedelta(days=60 - index)
            elif name in error.error_dict:  # required by another answer (why a motion is denied)
                data[name] = _value(field, index)
        cleaned = order_type.clean_data(case=case, entries=entries, data=data, order_date=ORDER_DATE)
    body = order_type.render_body(case=case, entries=entries, data=cleaned, judge=case.assigned_judge)
    assert parse_body(body), f"{key} rendered an empty body"
    return {
        "title": order_type.title_for(case=case, entries=entries, data=cleaned),
        "body": body,
        "case": case,
        "entries": entries,
        "judge": case.assigned_judge,
    }


def _entry_kind(order_type) -> str:
    kinds = order_type.resolves_kinds or ("motion",)
    return kinds[0]


def every_key() -> list[str]:
    return sorted(order_type.key for order_type in registry.all())
