"""The review workflow: roles, status changes, optimistic locking, history, audit."""

import hashlib
import io

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from orders import selectors, services
from orders.diffs import version_diff
from orders.models import AuditEvent, ChambersMembership, Order, OrderComment

from .factories import CaseFactory, MembershipFactory, UserFactory
from .test_security import has_draft_watermark

pytestmark = pytest.mark.django_db
Role = ChambersMembership.Role


@pytest.fixture
def chambers():
    """A judge's chambers with a clerk, the judge's own account and a read-only intern, and a draft."""
    clerk = MembershipFactory(role=Role.CLERK)
    judge = clerk.judge
    judge_user = MembershipFactory(judge=judge, role=Role.JUDGE).user
    reader = MembershipFactory(judge=judge, role=Role.READ_ONLY).user
    case = CaseFactory(assigned_judge=judge)
    order = services.order_create(
        case=case,
        order_type="deny_discovery_motion",
        judge=judge,
        title="ORDER DENYING DISCOVERY MOTION",
        body="The motion is DENIED.",
        created_by=clerk.user,
    )
    return {"clerk": clerk.user, "judge": judge_user, "reader": reader, "order": order}


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def fresh(order):
    return Order.objects.get(pk=order.pk)


def test_roles_decide_what_each_member_may_do(chambers):
    order = chambers["order"]
    assert selectors.can_edit(chambers["clerk"], order)
    assert selectors.can_edit(chambers["judge"], order)
    assert not selectors.can_edit(chambers["reader"], order)
    assert selectors.can_view(chambers["reader"], order)
    assert not selectors.can_sign(chambers["clerk"], order)
    assert selectors.can_sign(chambers["judge"], order)
    stranger = UserFactory()
    assert not selectors.can_view(stranger, order)
    assert not selectors.can_edit(stranger, order)
    assert not selectors.can_read_audit(chambers["clerk"], order.judge)
    assert selectors.can_read_audit(chambers["judge"], order.judge)


def test_read_only_member_cannot_edit_and_the_refusal_is_logged(chambers):
    order = chambers["order"]
    with pytest.raises(PermissionDenied):
        services.order_update(order=order, user=chambers["reader"], expected_version=1, body="Changed.")
    assert fresh(order).body == "The motion is DENIED."
    refused = AuditEvent.objects.get(action="refused", order_ref=order.pk)
    assert refused.user == chambers["reader"]
    assert "edit" in refused.detail


def test_draft_goes_to_signature_and_back_with_a_comment(chambers):
    order = chambers["order"]
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    assert fresh(order).status == "ready"
    with pytest.raises(PermissionDenied):
        services.order_send_back(order=fresh(order), user=chambers["clerk"], comment="no")
    with pytest.raises(ValidationError, match="comment is required"):
        services.order_send_back(order=fresh(order), user=chambers["judge"], comment="  ")
    services.order_send_back(order=fresh(order), user=chambers["judge"], comment="Cite Rule 26(b)(1).")
    assert fresh(order).status == "draft"
    assert OrderComment.objects.get(order=order).text == "Cite Rule 26(b)(1)."
    actions = list(
        AuditEvent.objects.filter(order_ref=order.pk).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["created", "sent", "refused", "refused", "sent_back"]


def test_an_edit_keeps_a_history_version_and_a_readable_diff(chambers):
    order = chambers["order"]
    services.order_update(
        order=order,
        user=chambers["clerk"],
        expected_version=1,
        body="The motion is DENIED.\n\nThe hearing is VACATED.",
    )
    order = fresh(order)
    assert order.version == 2
    versions = list(order.history.order_by("history_id"))
    assert len(versions) == 2
    assert versions[-1].history_user is None or versions[-1].history_user == chambers["clerk"]
    diff = version_diff(versions[0], versions[1])
    assert [d.field for d in diff] == ["body"]
    assert [(line.kind, line.text) for line in diff[0].lines] == [
        ("same", "The motion is DENIED."),
        ("added", "The hearing is VACATED."),
    ]


def test_the_second_of_two_concurrent_edits_is_refused(chambers):
    order = chambers["order"]
    mine, theirs = fresh(order), fresh(order)
    services.order_update(order=theirs, user=chambers["judge"], expected_version=1, body="GRANTED.")
    with pytest.raises(services.OrderVersionConflict) as conflict:
        services.order_update(order=mine, user=chambers["clerk"], expected_version=1, body="DENIED in part.")
    assert "version 1" in str(conflict.value) and "version 2" in str(conflict.value)
    assert conflict.value.current.body == "GRANTED."
    assert fresh(order).body == "GRANTED."
    assert AuditEvent.objects.filter(action="refused", order_ref=order.pk, user=chambers["clerk"]).exists()


def test_oversized_fields_are_refused_with_a_message(chambers):
    order = chambers["order"]
    with pytest.raises(ValidationError) as error:
        services.order_update(order=order, user=chambers["clerk"], expected_version=1, body="x" * 1_000_000)
    assert "at most 100000 characters" in str(error.value)
    with pytest.raises(ValidationError, match="at most 300 characters"):
        services.order_update(
            order=fresh(order), user=chambers["clerk"], expected_version=1, title="T" * 10_000
        )
    assert fresh(order).version == 1
    assert AuditEvent.objects.filter(action="refused", order_ref=order.pk).count() == 2


def test_deleting_a_draft_is_logged_with_what_it_was(chambers):
    order = chambers["order"]
    order_id, description = order.pk, str(order)
    services.order_delete(order=order, user=chambers["clerk"])
    assert not Order.objects.filter(pk=order_id).exists()
    event = AuditEvent.objects.get(action="deleted")
    assert (event.order_ref, event.order_repr) == (order_id, description)


@pytest.mark.postgres_only
def test_the_audit_log_refuses_update_and_delete_in_the_database(chambers):
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == event.detail


def test_the_judge_signs_once_and_the_signed_order_never_changes(chambers):
    order = chambers["order"]
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    with pytest.raises(PermissionDenied):
        services.order_sign(order=fresh(order), user=chambers["clerk"], signature="conformed")
    signed = services.order_sign(order=fresh(order), user=chambers["judge"], signature="conformed")
    order = fresh(order)
    assert order.status == "signed"
    assert order.date is not None
    pdf = bytes(signed.pdf)
    assert pdf.startswith(b"%PDF")
    assert signed.sha256 == hashlib.sha256(pdf).hexdigest()
    assert not has_draft_watermark(pdf)
    assert "/s/" in pdf_text(pdf)

    for attempt in (
        lambda: services.order_update(
            order=order, user=chambers["judge"], expected_version=order.version, body="x"
        ),
        lambda: services.order_send_back(order=order, user=chambers["judge"], comment="redo"),
        lambda: services.order_delete(order=order, user=chambers["judge"]),
        lambda: services.order_sign(order=order, user=chambers["judge"], signature="field"),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages[0] in (services.ERROR_ORDER_SIGNED, services.ERROR_DELETE_SIGNED)
    assert fresh(order).body == "The motion is DENIED."
    assert AuditEvent.objects.filter(action="refused", order_ref=order.pk).count() >= 5
    assert AuditEvent.objects.get(action="signed", order_ref=order.pk).detail == f"SHA-256 {signed.sha256}"


def test_the_database_refuses_to_change_a_signed_orders_text(chambers):
    order = chambers["order"]
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    services.order_sign(order=fresh(order), user=chambers["judge"], signature="conformed")
    with pytest.raises(DatabaseError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(body="Quietly rewritten.")
    assert fresh(order).body == "The motion is DENIED."


def test_filing_records_the_docket_number_and_amending_links_a_new_draft(chambers):
    order = chambers["order"]
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    services.order_sign(order=fresh(order), user=chambers["judge"], signature="conformed")
    with pytest.raises(PermissionDenied):
        services.order_mark_filed(order=fresh(order), user=chambers["reader"], docket_number=61)
    services.order_mark_filed(order=fresh(order), user=chambers["clerk"], docket_number=61)
    order = fresh(order)
    assert (order.status, order.filed_docket_number) == ("filed", 61)
    amended = services.order_amend(order=order, user=chambers["clerk"])
    assert amended.amends == order
    assert amended.status == "draft"
    assert amended.title == "AMENDED ORDER DENYING DISCOVERY MOTION"
    assert amended.body == order.body
    services.order_update(order=amended, user=chambers["clerk"], expected_version=1, body="Corrected.")
    assert fresh(order).body == "The motion is DENIED."
