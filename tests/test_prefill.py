"""No guessed facts: a prefill comes only from the case (its dates, parties, docket entries and
earlier orders), and the service drafts from the same prefill as the wizard."""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.models import Order
from orders.order_types import registry

from .order_type_cases import singular_case
from .wizard_helpers import filler, form_of, form_values, post_step, step_of, walk_to, wizard_url

pytestmark = pytest.mark.django_db

# Free-text fields with a default of the order's own terms, not a fact of the case.
TEXT_TERMS = {("briefing_schedule", "motion"), ("general_order", "order_title")}


@pytest.mark.parametrize("key", [order_type.key for order_type in registry.all()])
def test_no_free_text_field_has_a_default_that_the_case_did_not_give(key):
    case, _ = singular_case()
    form = registry.get(key).get_form(case=case)
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField) and field.initial:
            assert (key, name) in TEXT_TERMS, f"{key}.{name} has the default {field.initial!r}"


def test_the_guesses_of_the_issue_are_required_empty_fields_with_a_hint(demo):
    crawford = demo["Crawford v. Beard"]
    request = crawford.docket_entries.get(number=53)  # to respond to discovery, not to oppose a motion
    for key, name in [
        ("grant_extension_of_time", "purpose"),
        ("order_of_service", "cognizable_claim"),
        ("deny_discovery_extension", "request_purpose"),
        ("deny_appointment_of_counsel", "reasons"),
        ("grant_appointment_of_counsel", "program"),
    ]:
        order_type = registry.get(key)
        initial = order_type.initial(case=crawford, entries=[request])
        assert name not in initial, key
        field = order_type.get_form(case=crawford).fields[name]
        assert field.required and not field.initial and field.help_text, key
    details = registry.get("grant_extension_of_time").initial(case=crawford, entries=[request])
    assert "summary judgment" not in str(details)
    assert details["movant"] == "plaintiff"  # Dkt. 53 was filed by the plaintiff: from the docket


def test_what_the_docket_says_is_prefilled_and_nothing_else():
    case, entry = singular_case(description="MOTION for Temporary Restraining Order")
    assert registry.get("deny_preliminary_injunction").initial(case=case, entries=[entry])["relief"] == (
        "temporary restraining order"
    )
    other, motion = singular_case(description="MOTION to Compel Discovery")
    assert "motion" not in registry.get("deny_discovery_motion").initial(case=other, entries=[motion])
    assert "relief" not in registry.get("deny_preliminary_injunction").initial(case=other, entries=[motion])
    assert "disposition" not in registry.get("rule_on_motion_to_compel").initial(case=other, entries=[motion])
    motion.filing_party = None
    assert "movant" not in registry.get("grant_extension_of_time").initial(case=other, entries=[motion])


# The ruling, where the first choice would ask for more (a granted motion to compel: what and when).
CHOSEN = {
    "rule_on_motion_to_compel": {"details-disposition": "DENIED", "details-denial_reason": "no_specifics"}
}


def _answers_for_empty_required(form: forms.Form) -> dict:
    """An answer for every required field the wizard's page shows empty (prefixed)."""
    shown = form_values(form)
    answers = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if field.required and key not in shown:
            answers[key] = filler(field)
    return answers


@pytest.mark.parametrize("key", [order_type.key for order_type in registry.all()])
def test_the_service_drafts_from_the_same_prefill_as_the_wizard(demo_client, demo, key):
    order_type = registry.get(key)
    crawford = next(  # Crawford (a request pending), else Luckert (a motion)
        case
        for case in (demo["Crawford v. Beard"], demo["Luckert v. Brannon"])
        if not order_type.needs_entries or registry.has_fitting_entries(order_type, case)
    )
    url = reverse("orders:draft_for_case", args=[crawford.pk])
    response = walk_to(demo_client, url, case=crawford, type_key=key, until="order_type")
    url = wizard_url(response)  # the draft's own URL
    details = post_step(demo_client, url, "order_type", {"order_type-order_type": key})
    if step_of(details) == "entries":  # the clerk rules on the case's pending entry, whatever it asks
        fitting = [str(entry.pk) for entry in registry.fitting_entries(order_type, crawford)]
        details = post_step(
            demo_client, url, "entries", {"entries-entries": fitting, "entries-second_order": "on"}
        )
    assert step_of(details) == "details"
    form = form_of(details)
    answers = {**_answers_for_empty_required(form), **CHOSEN.get(key, {})}
    response = post_step(demo_client, url, "details", {**form_values(form), **answers})
    if step_of(response) == "details":  # a date that must be in the past (an earlier order's)
        past = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
        for name in form_of(response).errors:
            if isinstance(form.fields.get(name), forms.DateField):
                answers[form.add_prefix(name)] = past
        response = post_step(demo_client, url, "details", {**form_values(form), **answers})
    review = response
    assert step_of(review) == "review", form_of(review).errors
    before = set(Order.objects.values_list("pk", flat=True))
    post_step(demo_client, url, "review", form_values(form_of(review)), follow_step=False)
    wizard_order = Order.objects.exclude(pk__in=before).get()

    service_order = services.order_draft_create(
        case=crawford,
        order_type_key=key,
        entries=list(wizard_order.docket_entries.all()),
        data={name.removeprefix("details-"): value for name, value in answers.items()},
        created_by=wizard_order.created_by,
    )
    assert service_order.details == wizard_order.details
    assert service_order.title == wizard_order.title
    assert service_order.body == wizard_order.body
