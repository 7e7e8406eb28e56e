"""The admin: a signed order is read-only and cannot be saved or deleted; the audit log, the
signed PDFs and the comments are never added, changed or deleted there."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from orders import services
from orders.demo import DEMO_JUDGE_USERNAME
from orders.models import AuditEvent, Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.fixture
def signed_order(demo):
    judge = get_user_model().objects.get(username=DEMO_JUDGE_USERNAME)
    order = Order.objects.get(case=demo["Crawford v. Beard"])
    services.order_send_for_signature(order=order, user=judge)
    services.order_sign(order=Order.objects.get(pk=order.pk), user=judge, signature="conformed")
    return Order.objects.get(pk=order.pk)


def test_a_signed_order_is_read_only_in_the_admin(admin_client, signed_order):
    url = reverse("admin:orders_order_change", args=[signed_order.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="body"' not in page  # shown, not editable
    response = admin_client.post(url, {"title": "CHANGED", "body": "Changed.", "status": "draft"})
    signed_order.refresh_from_db()
    assert signed_order.title != "CHANGED" and signed_order.status == "signed"
    assert response.status_code in (200, 302, 403)
    delete = admin_client.post(reverse("admin:orders_order_delete", args=[signed_order.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert Order.objects.filter(pk=signed_order.pk).exists()


def test_an_order_signed_while_open_in_the_admin_is_not_saved(admin_client, demo):
    """The admin page was opened on the draft; the judge signs; the admin's save is refused."""
    order = Order.objects.get(case=demo["Luckert v. Brannon"])
    url = reverse("admin:orders_order_change", args=[order.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "case": order.case_id,
        "order_type": order.order_type,
        "judge": order.judge_id,
        "title": "CHANGED IN THE ADMIN",
        "body": order.body,
        "details": "{}",
        "status": "draft",
        "entry_links-TOTAL_FORMS": "0",
        "entry_links-INITIAL_FORMS": "0",
    }
    judge = get_user_model().objects.get(username=DEMO_JUDGE_USERNAME)
    from orders.models import ChambersMembership

    ChambersMembership.objects.get_or_create(user=judge, judge=order.judge, defaults={"role": "judge"})
    services.order_send_for_signature(order=order, user=judge)
    services.order_sign(order=Order.objects.get(pk=order.pk), user=judge, signature="conformed")
    response = admin_client.post(url, data)
    assert services.ERROR_ORDER_SIGNED in response.content.decode()
    order.refresh_from_db()
    assert order.title != "CHANGED IN THE ADMIN" and order.status == "signed"


def test_the_audit_log_is_read_only_in_the_admin(admin_client, signed_order):
    event = AuditEvent.objects.filter(order_ref=signed_order.pk).first()
    assert admin_client.get(reverse("admin:orders_auditevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:orders_auditevent_add")).status_code == 403
    response = admin_client.post(reverse("admin:orders_auditevent_change", args=[event.pk]), {"detail": "x"})
    assert response.status_code == 403
    response = admin_client.post(reverse("admin:orders_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).detail == event.detail
    assert admin_client.get(reverse("admin:orders_signedpdf_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:orders_order_history", args=[signed_order.pk])).status_code == 200
