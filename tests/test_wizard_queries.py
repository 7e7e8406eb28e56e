"""How many queries each wizard request costs, so the savings of issue #6 cannot silently regress.

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

from .wizard_helpers import (
    REVISION,
    details_values,
    draft_of,
    form_of,
    form_values,
    post_step,
    start,
    step_of,
    wizard_url,
)

pytestmark = pytest.mark.django_db

# Every request: the session, the user, the wizard draft (its storage, from the URL), the user's
# judges; in a draft started from a case, the case with its parties and entries. A step is a POST
# that stores the answers in the draft (one UPDATE) and answers 303, then the GET of the draft's
# URL that shows the next step.
START = 6  # the case, the new draft's INSERT (a savepoint pair in tests), the redirect
FIRST_PAGE = 8  # + the first step shown and saved to the draft
ORDER_TYPE_POST = 8
# Every request that shows or validates the entries also looks up the orders already in progress
# for them (one query, issue 17: a second order for a motion is drafted only when confirmed).
ENTRIES_PAGE = 8
# The court's local rules (one query, orders.courts) are read where the order's text is built.
ENTRIES_POST = 10  # + the entries' validation
DETAILS_PAGE = 13  # + the details' prefill (the judge's latest orders, the case's orders)
DETAILS_POST = 10
DETAILS_ERROR = 11  # a post with an error: stored as typed, and the step shown again at once
REVIEW_PAGE = 10
PREVIEW = 11  # + the membership (no preview for a read-only member)
AUTOSAVE = 8
FINISH = 32  # + the membership, the constraint checks, the inserts (order, history, entries,
# audit), and the draft locked and marked finished


def entries_values(form) -> dict:
    """The entries as preselected; the demo's seed draft already addresses one: draft another."""
    assert form.in_progress, "the demo's seed orders address Crawford's pending request"
    return {**form_values(form), "entries-second_order": "on"}


@pytest.fixture
def drafting(demo):
    case = demo["Crawford v. Beard"]
    order_type = next(t for t in registry.for_case(case)[0] if t.needs_entries)
    return case, order_type, reverse("orders:draft_for_case", args=[case.pk])


def _step(client, url, step, data, budgets, assert_max):
    """POST a step (within its budget), then GET the page it leads to (within its own)."""
    post_budget, page_budget = budgets
    with assert_max(post_budget):
        response = post_step(client, url, step, data, follow_step=False)
    assert response.status_code == 303 and response["Location"] == url
    with assert_max(page_budget):
        return client.get(url)


def test_every_step_of_a_draft_in_a_case_stays_within_its_queries(
    demo_client, drafting, django_assert_max_num_queries
):
    case, order_type, start_url = drafting
    with django_assert_max_num_queries(START):
        response = demo_client.get(start_url)
    url = response["Location"]
    with django_assert_max_num_queries(FIRST_PAGE):
        response = demo_client.get(url)
    assert step_of(response) == "order_type"
    assert case.short_caption in response.content.decode()

    data = {"order_type-order_type": order_type.key, REVISION: "1"}
    response = _step(
        demo_client, url, "order_type", data, (ORDER_TYPE_POST, ENTRIES_PAGE), django_assert_max_num_queries
    )
    assert step_of(response) == "entries"
    fitting = list(registry.fitting_entries(order_type, case))
    assert form_values(form_of(response))["entries-entries"] == [str(entry.pk) for entry in fitting]

    data = {**entries_values(form_of(response)), REVISION: "2"}
    response = _step(
        demo_client, url, "entries", data, (ENTRIES_POST, DETAILS_PAGE), django_assert_max_num_queries
    )
    assert step_of(response) == "details"
    html = response.content.decode()
    assert 'name="details-order_date"' in html and 'id="id_details-order_date"' in html

    data = {**details_values(form_of(response)), REVISION: "3"}
    response = _step(
        demo_client, url, "details", data, (DETAILS_POST, REVIEW_PAGE), django_assert_max_num_queries
    )
    assert step_of(response) == "review", form_of(response).errors
    review = {**form_values(form_of(response)), REVISION: "4"}
    assert review["review-title"] and review["review-paragraph_0"]

    with django_assert_max_num_queries(PREVIEW):
        preview = post_step(demo_client, url, "review", {**review, "preview": "1"})
    assert preview.status_code == 200
    assert preview.json()["pages"][0].startswith("data:image/png;base64,")

    review["review-paragraph_0"] = "Typed on the review step and autosaved."
    with django_assert_max_num_queries(AUTOSAVE):
        saved = post_step(demo_client, url, "review", {**review, "autosave": "1"})
    assert saved.json()["revision"] == 5
    review[REVISION] = "5"

    before = Order.objects.count()
    with django_assert_max_num_queries(FINISH):
        response = post_step(demo_client, url, "review", review)
    assert response.status_code == 302
    assert Order.objects.count() == before + 1
    order = Order.objects.latest("pk")
    assert response["Location"] == reverse("orders:order_detail", args=[order.pk])
    assert order.title == review["review-title"]
    assert order.body.startswith("Typed on the review step and autosaved.")
    assert sorted(e.pk for e in order.docket_entries.all()) == sorted(e.pk for e in fitting)
    assert order.history.count() == 1
    assert AuditEvent.objects.filter(order_ref=order.pk, action="created").count() == 1


def test_a_details_error_costs_no_extra_queries_and_is_shown_on_the_step(
    demo_client, drafting, django_assert_max_num_queries
):
    _case, order_type, start_url = drafting
    response = start(demo_client, start_url)
    url = wizard_url(response)
    response = post_step(demo_client, url, "order_type", {"order_type-order_type": order_type.key})
    response = post_step(demo_client, url, "entries", entries_values(form_of(response)))
    data = {**details_values(form_of(response)), "details-order_date": "not a date"}
    data[REVISION] = str(draft_of(url).revision)
    with django_assert_max_num_queries(DETAILS_ERROR):
        response = post_step(demo_client, url, "details", data)
    assert step_of(response) == "details"
    assert form_of(response).errors["order_date"]
    assert 'id="id_details-order_date"' in response.content.decode()
    assert "is-invalid" in response.content.decode()
    # What was typed is kept in the draft, errors and all: reloading the page shows it again.
    again = demo_client.get(url)
    assert 'value="not a date"' in again.content.decode()


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
