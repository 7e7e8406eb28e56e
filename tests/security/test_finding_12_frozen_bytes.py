"""Finding 12: a signed PDF's bytes and the audit log are frozen in the database itself, on
SQLite as on PostgreSQL: an UPDATE or DELETE that bypasses the app (a script, the shell, a bug)
is refused by a trigger."""

import hashlib

import pytest
from django.db import DatabaseError, connection, transaction

from orders.models import AuditEvent, Order, SignedPdf

from ..factories import OrderFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed():
    order = OrderFactory()
    pdf = b"%PDF-1.7 the signed bytes"
    Order.objects.filter(pk=order.pk).update(status=Order.Status.SIGNED)
    return SignedPdf.objects.create(
        order=order,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        signature=SignedPdf.Signature.CONFORMED,
        signed_by=UserFactory(),
    )


def test_the_database_refuses_to_change_a_signed_pdf(signed):
    with pytest.raises(DatabaseError), transaction.atomic():
        SignedPdf.objects.filter(pk=signed.pk).update(pdf=b"%PDF-1.7 other bytes")
    with pytest.raises(DatabaseError), transaction.atomic():
        SignedPdf.objects.filter(pk=signed.pk).update(sha256="0" * 64)
    assert bytes(SignedPdf.objects.get(pk=signed.pk).pdf) == b"%PDF-1.7 the signed bytes"


def test_the_database_refuses_to_delete_a_signed_pdf(signed):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM orders_signedpdf WHERE id = %s", [signed.pk])
    assert SignedPdf.objects.filter(pk=signed.pk).exists()


def test_the_database_refuses_to_delete_or_rewrite_an_audit_row(signed):
    event = AuditEvent.objects.create(action="viewed", order_ref=signed.order_id, detail="seen")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    assert AuditEvent.objects.get(pk=event.pk).detail == "seen"
