"""Finding 10: the admin could set an order to "signed" (no PDF, no audit, its pages a 500).
The status changes only through the workflow services; admin edits go through the services
(``services.admin_edits``) and are audited."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from orders.models import AuditEvent, Case, Judge, Order, SignedPdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def order_form(order, **overrides):
    data = {
        "case": order.case_id,
        "order_type": order.order_type,
        "judge": order.judge_id,
        "title": order.title,
        "body": order.body,
        "details": "{}",
        "status": order.status,
        "source": order.source,
        "entry_links-TOTAL_FORMS": "0",
        "entry_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_admin_cannot_set_an_order_to_signed(admin_client, demo):
    order = Order.objects.get(case=demo["Luckert v. Brannon"])
    url = reverse("admin:orders_order_change", args=[order.pk])
    assert 'name="status"' not in admin_client.get(url).content.decode()  # shown, not editable
    response = admin_client.post(url, order_form(order, status="signed", title="RETITLED IN THE ADMIN"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    order.refresh_from_db()
    assert (order.status, order.title) == ("draft", "RETITLED IN THE ADMIN")
    assert not SignedPdf.objects.filter(order=order).exists()
    event = AuditEvent.objects.get(action="admin_edit", order_ref=order.pk)
    assert event.username == "admin" and event.judge_id == order.judge_id
    assert "title:" in event.detail and "RETITLED IN THE ADMIN" in event.detail
    assert "status" not in event.detail


def test_a_case_changed_in_the_admin_is_audited_field_by_field(admin_client, demo):
    from ..test_admin import _case_form

    case = demo["Harrison v. Sample"]
    old_judge = case.assigned_judge
    new_judge = Judge.objects.exclude(pk=old_judge.pk).first()
    url = reverse("admin:orders_case_change", args=[case.pk])
    response = admin_client.post(url, _case_form(case, assigned_judge=new_judge.pk, cause="Changed cause"))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).assigned_judge == new_judge
    event = AuditEvent.objects.get(action="admin_edit")
    assert "cause:" in event.detail and "Changed cause" in event.detail
    assert "assigned_judge:" in event.detail and event.judge_id == new_judge.pk
