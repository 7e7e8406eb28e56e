"""Finding 4: a read-only member drafted orders through "Duplicate for another case" (the check
was in the wizard, not the service). Regression test through the page; the service is refused in
tests/permissions/test_matrix.py."""

import datetime

import pytest
from django.urls import reverse

from orders.models import AuditEvent, ChambersMembership, Order, Party

from ..factories import CaseFactory, DocketEntryFactory, MembershipFactory, OrderFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_a_read_only_member_duplicating_an_order_is_refused_and_nothing_is_drafted(client):
    reader = MembershipFactory(role=ChambersMembership.Role.READ_ONLY)
    target = CaseFactory(assigned_judge=reader.judge)
    plaintiff = PartyFactory(case=target, name="Tia Target", role=Party.Role.PLAINTIFF, caption_position=1)
    DocketEntryFactory(case=target, number=7, kind="motion", pending=True, filing_party=plaintiff)
    deadline = datetime.date.today() + datetime.timedelta(days=60)
    order = OrderFactory(
        case=CaseFactory(assigned_judge=reader.judge),
        order_type="grant_extension_of_time",
        details={
            "movant": "plaintiff",
            "purpose": "file an opposition",
            "new_deadline": deadline.isoformat(),
        },
    )
    client.force_login(reader.user)
    page = client.get(reverse("orders:order_detail", args=[order.pk])).content.decode()
    assert 'id="duplicate-order"' not in page  # not offered
    response = client.post(reverse("orders:order_duplicate", args=[order.pk]), {"case": target.pk})
    assert response.status_code == 403
    assert Order.objects.count() == 1
    assert AuditEvent.objects.filter(action="refused", user=reader.user, order_ref=order.pk).count() == 1
