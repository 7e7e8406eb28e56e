"""An imported docket is immediately usable in the wizard: every imported case that has a
pending motion can be drafted an order that resolves it (issue 7 with the wizard of issue 4)."""

import pytest
from django.urls import reverse

from orders import selectors, services
from orders.models import Order
from orders.order_types import registry

from .dockets import IMPORTABLE, import_docket
from .factories import UserFactory
from .wizard_helpers import form_of, form_values, post_step, step_of, walk_to, wizard_url

pytestmark = pytest.mark.django_db


def test_the_wizard_drafts_an_order_for_every_imported_pending_motion(client):
    drafted = []
    for name in IMPORTABLE:
        case = import_docket(name).case
        pending = {
            entry.number for entry in selectors.pending_entries_for_case(case, kinds=selectors.MOTION_KINDS)
        }
        if not pending:
            continue
        clerk = UserFactory()
        services.membership_create(user=clerk, judge=case.assigned_judge)
        client.force_login(clerk)
        fitting, _others = registry.for_case(case)
        assert fitting, f"{name}: no order type fits the pending motion"
        order_type = fitting[0]

        url = reverse("orders:draft_for_case", args=[case.pk])
        review = walk_to(client, url, case=case, type_key=order_type.key)
        assert step_of(review) == "review"
        response = post_step(client, wizard_url(review), "review", form_values(form_of(review)))
        assert response.status_code == 302, name

        order = Order.objects.get(case=case)
        assert order.order_type == order_type.key
        assert {entry.number for entry in order.docket_entries.all()} & pending
        assert order.re_line.startswith("Re: Dkt. No")
        assert client.get(response["Location"]).status_code == 200
        drafted.append(name)
    # nysd (Tremsky v. Laden) has a pending motion at Dkt. No. 18; the others have none pending.
    assert drafted == ["nysd"]
