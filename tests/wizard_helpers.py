"""Walking the drafting wizard with the Django test client, as a browser would post it."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

MANAGEMENT = "order_wizard-current_step"
REVISION = "draft_revision"


def step_of(response) -> str:
    assert response.status_code == 200, (response.status_code, response.content[:2000])
    return response.context["wizard"]["steps"].current


def form_of(response) -> forms.Form:
    return response.context["wizard"]["form"]


def form_values(form: forms.Form) -> dict[str, Any]:
    """What the page shows in each field, as the browser would post it back."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field, forms.BooleanField):
            if value and str(value).lower() not in ("false", "0"):
                data[key] = "on"
            continue
        if value is None or value == "":
            continue
        if isinstance(value, list | tuple):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, datetime.date):
            data[key] = value.isoformat()
        else:
            data[key] = str(getattr(value, "pk", value))
    return data


def filler(field: forms.Field) -> Any:
    """A plausible answer for a required field the prefill left empty."""
    choices = [value for value, _ in getattr(field, "choices", []) if str(value) != ""]
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return [str(choices[0])]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return str(choices[0])
    if isinstance(field, forms.DateField):
        return (timezone.localdate() + datetime.timedelta(days=45)).isoformat()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return str(max(30, getattr(field, "min_value", None) or 0))
    return "the Court’s test answer"


def details_values(form: forms.Form) -> dict[str, Any]:
    data = form_values(form)
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if field.required and key not in data:
            data[key] = filler(field)
    return data


def wizard_url(response) -> str:
    """The draft's own URL (``/drafts/w/<id>/``) of a wizard page."""
    return response.context["wizard_url"]


def draft_of(url: str):
    """The ``WizardDraft`` of a wizard URL."""
    from orders.models import WizardDraft

    return WizardDraft.objects.get(pk=url.rstrip("/").rsplit("/", 1)[-1])


def start(client, url: str):
    """Open a start URL (new draft, draft in a case, edit): the first page of its new draft."""
    response = client.get(url)
    assert response.status_code == 302, (response.status_code, response.content[:500])
    return client.get(response["Location"])


def post_step(client, url: str, step: str, data: dict[str, Any], *, follow_step: bool = True, **extra):
    """Post a step as the page would, with the draft's current revision unless ``data`` names
    one; the page shown after it (the GET a 303 back to the draft leads to) unless
    ``follow_step`` is False."""
    revision = {} if REVISION in data else {REVISION: str(draft_of(url).revision)}
    response = client.post(url, {MANAGEMENT: step, **revision, **data}, **extra)
    if follow_step and response.status_code == 303 and response["Location"] == url:
        return client.get(url)
    return response


def walk_to(client, url: str, *, case, type_key: str, until: str = "review", details: dict | None = None):
    """Start a draft at ``url`` and post each step with the prefilled answers until ``until`` is
    shown; ``wizard_url(response)`` is the draft's own URL."""
    response = start(client, url)
    url = wizard_url(response)
    if step_of(response) == "case":
        response = post_step(client, url, "case", {"case-case": str(case.pk)})
    if until == "order_type":
        return response
    assert step_of(response) == "order_type"
    response = post_step(client, url, "order_type", {"order_type-order_type": type_key})
    if step_of(response) == "entries":
        if until == "entries":
            return response
        entries = form_values(form_of(response))
        if form_of(response).in_progress:  # a chosen entry has a draft already: draft another anyway
            entries["entries-second_order"] = "on"
        response = post_step(client, url, "entries", entries)
    if until == "details":
        return response
    assert step_of(response) == "details", form_of(response).errors
    data = {**details_values(form_of(response)), **(details or {})}
    response = post_step(client, url, "details", data)
    assert step_of(response) == "review", form_of(response).errors
    return response
