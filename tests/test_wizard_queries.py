"""How many queries each wizard step costs, so the savings of issue #6 cannot silently regress.

The bounds are what a step needs on PostgreSQL and SQLite (a savepoint counts as a query), with
no slack: a new query on a step is a decision, not an accident. Each test also checks what the
user sees on the page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import reverse

from orders.models import AuditEvent, Order
from orders.order_types import registry

from .wizard_helpers import details_values, form_of, form_values, post_step, step_of

pytestmark = pytest.mark.django_db

# Session, user, the user's judges, the case with its parties and entries, the session's save.
START = 9
# Every step that shows or validates the entries also looks up the orders already in progress
# for them (one query, issue 17: a second order for a motion is drafted only when confirmed).
ORDER_TYPE = 10
# The court's local rules (one query, orders.courts) are read where the order's text is built.
ENTRIES = 15  # + the entries' validation, the details' prefill (the judge's latest orders, the case's orders)
DETAILS = 12  # + the entries' validation
PREVIEW = 13  # + the membership check of the preview (finding 6)
FINISH = 30  # + the membership, the constraint checks and the inserts (order, history, entries, audit)


def entries_values(form) -> dict:
    """The entries as preselected; the demo's seed draft already addresses one: draft another."""
    assert form.in_progress, "the demo's seed orders address Crawford's pending request"
    return {**form_values(form), "entries-second_order": "on"}


@pytest.fixture
def drafting(demo):
    case = demo["Crawford v. Beard"]
    order_type = next(t for t in registry.for_case(case)[0] if t.needs_entries)
    return case, order_type, reverse("orders:draft_for_case", args=[case.pk])


def test_every_step_of_a_draft_in_a_case_stays_within_its_queries(
    demo_client, drafting, django_assert_max_num_queries
):
    case, order_type, url = drafting
    with django_assert_max_num_queries(START):
        response = demo_client.get(url)
    assert step_of(response) == "order_type"
    assert case.short_caption in response.content.decode()

    with django_assert_max_num_queries(ORDER_TYPE):
        response = post_step(demo_client, url, "order_type", {"order_type-order_type": order_type.key})
    assert step_of(response) == "entries"
    fitting = list(registry.fitting_entries(order_type, case))
    assert form_values(form_of(response))["entries-entries"] == [str(entry.pk) for entry in fitting]

    with django_assert_max_num_queries(ENTRIES):
        response = post_step(demo_client, url, "entries", entries_values(form_of(response)))
    assert step_of(response) == "details"
    html = response.content.decode()
    assert 'name="details-order_date"' in html and 'id="id_details-order_date"' in html

    with django_assert_max_num_queries(DETAILS):
        response = post_step(demo_client, url, "details", details_values(form_of(response)))
    assert step_of(response) == "review", form_of(response).errors
    review = form_values(form_of(response))
    assert review["review-title"] and review["review-paragraph_0"]

    with django_assert_max_num_queries(PREVIEW):
        preview = post_step(demo_client, url, "review", {**review, "preview": "1"})
    assert preview.status_code == 200
    assert preview.json()["pages"][0].startswith("data:image/png;base64,")

    before = Order.objects.count()
    with django_assert_max_num_queries(FINISH):
        response = post_step(demo_client, url, "review", review)
    assert response.status_code == 302
    assert Order.objects.count() == before + 1
    order = Order.objects.latest("pk")
    assert response["Location"] == reverse("orders:order_detail", args=[order.pk])
    assert order.title == review["review-title"]
    assert sorted(e.pk for e in order.docket_entries.all()) == sorted(e.pk for e in fitting)
    assert order.history.count() == 1
    assert AuditEvent.objects.filter(order_ref=order.pk, action="created").count() == 1


def test_a_details_error_costs_no_extra_queries_and_is_shown_on_the_step(
    demo_client, drafting, django_assert_max_num_queries
):
    _case, order_type, url = drafting
    demo_client.get(url)
    response = post_step(demo_client, url, "order_type", {"order_type-order_type": order_type.key})
    response = post_step(demo_client, url, "entries", entries_values(form_of(response)))
    data = {**details_values(form_of(response)), "details-order_date": "not a date"}
    with django_assert_max_num_queries(DETAILS):
        response = post_step(demo_client, url, "details", data)
    assert step_of(response) == "details"
    assert form_of(response).errors["order_date"]
    assert 'id="id_details-order_date"' in response.content.decode()
    assert "is-invalid" in response.content.decode()


def test_order_check_constraints_are_validated_in_one_query(demo, django_assert_num_queries):
    order = Order.objects.select_related("case").first()
    order.status, order.title, order.filed_docket_number = "bogus", "", 5
    with pytest.raises(ValidationError) as django_way:
        Model.validate_constraints(order)
    # One SELECT for the six check constraints (and its savepoint in a transaction), one query
    # for the conditional unique constraint.
    with django_assert_num_queries(6), pytest.raises(ValidationError) as ours:
        order.validate_constraints()
    assert ours.value.message_dict == django_way.value.message_dict
    assert len(ours.value.message_dict["__all__"]) == 3

    order.status, order.title, order.filed_docket_number = Order.Status.DRAFT, "Order", None
    order.validate_constraints()  # valid: no error
    order.title = ""
    order.validate_constraints(exclude={"title"})  # an excluded field's constraint is skipped
