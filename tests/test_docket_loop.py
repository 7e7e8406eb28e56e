"""The docket loop (issue 17): a signed order decides the motion it addresses, the filed order is an
entry of the case's docket, and a docket imported again reconciles with both. Runs on SQLite and
PostgreSQL (``DATABASE_URL``)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from orders import selectors, services
from orders.dockets import parse_docket
from orders.models import AuditEvent, Case, ChambersMembership, DocketEntry, EntryKind, Order

from .dockets import docket_bytes, import_docket
from .factories import MembershipFactory, UserFactory
from .test_docket_import import add_entry, entry_row
from .wizard_helpers import form_of, form_values, post_step, start, step_of, wizard_url

pytestmark = pytest.mark.django_db

Role = ChambersMembership.Role
CMECF_ORDER = (
    "ORDER granting 18 Motion to serve by publication. (Signed by Judge George B. Daniels on 1/5/04)"
)


@pytest.fixture
def chambers():
    """The nysd docket imported (Dkt. No. 18 pending), its judge's clerk and judge accounts."""
    import_docket("nysd")
    case = Case.objects.get()
    clerk = MembershipFactory(judge=case.assigned_judge, role=Role.CLERK).user
    judge = MembershipFactory(judge=case.assigned_judge, role=Role.JUDGE).user
    return {"case": case, "clerk": clerk, "judge": judge, "motion": case.docket_entries.get(number=18)}


def draft(chambers, title="ORDER GRANTING MOTION TO SERVE BY PUBLICATION") -> Order:
    return services.order_create(
        case=chambers["case"],
        order_type="general",
        judge=chambers["case"].assigned_judge,
        title=title,
        body="The motion to serve by publication is GRANTED.",
        created_by=chambers["clerk"],
        docket_entries=[chambers["motion"]],
    )


def signed(chambers, **kwargs) -> Order:
    order = draft(chambers, **kwargs)
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    services.order_sign(order=Order.objects.get(pk=order.pk), user=chambers["judge"], signature="conformed")
    return Order.objects.get(pk=order.pk)


def reimport(*extra_rows: str):
    html = docket_bytes("nysd").decode()
    for row in extra_rows:
        html = add_entry(html, row)
    return services.docket_import_apply(docket=parse_docket(html.encode()))


def test_signing_decides_the_motion_filing_puts_the_order_on_the_docket_and_reimports_keep_both(
    chambers, client
):
    motion = chambers["motion"]
    order = signed(chambers)
    motion.refresh_from_db()
    assert not motion.pending
    assert motion.terminated_by == order
    assert motion.disposition == "granted"
    assert motion.decided_on == order.date
    assert "Dkt. No. 18 granted" in AuditEvent.objects.get(order_ref=order.pk, action="signed").detail

    services.order_mark_filed(order=order, user=chambers["clerk"], docket_number=21)
    own = DocketEntry.objects.get(case=chambers["case"], number=21)
    assert own.kind == EntryKind.ORDER and own.filed_order == order and not own.pending
    assert own.description.startswith("ORDER GRANTING MOTION TO SERVE BY PUBLICATION re 18.")

    client.force_login(chambers["clerk"])
    page = client.get(reverse("orders:case_detail", args=[chambers["case"].pk])).content.decode()
    assert "Granted by" in page and "(Dkt. No. 21)" in page
    assert reverse("orders:order_detail", args=[order.pk]) in page

    entries = DocketEntry.objects.count()
    # The docket as CM/ECF showed it before the order: Dkt. No. 18 still looks pending there.
    reimport()
    # Then with CM/ECF's own entry for the order: the same entry, CM/ECF's text, no duplicate.
    reimport(entry_row("01/05/2004", 21, CMECF_ORDER))
    assert DocketEntry.objects.count() == entries
    own.refresh_from_db()
    assert own.description == CMECF_ORDER and own.filed_order == order
    motion.refresh_from_db()
    assert (motion.pending, motion.disposition, motion.terminated_by) == (False, "granted", order)


def test_an_order_filed_without_its_number_takes_it_from_the_imported_docket(chambers):
    order = signed(chambers)
    services.order_mark_filed(order=order, user=chambers["clerk"])
    entries = DocketEntry.objects.count()
    row = entry_row(f"{order.date:%m/%d/%Y}", 21, "ORDER GRANTING MOTION TO SERVE BY PUBLICATION re 18.")
    reimport(row)
    assert DocketEntry.objects.count() == entries + 1
    order.refresh_from_db()
    assert order.filed_docket_number == 21
    assert DocketEntry.objects.get(case=chambers["case"], number=21).filed_order == order
    assert AuditEvent.objects.filter(order_ref=order.pk, action="filed", detail__contains="imported").exists()


def test_a_docket_number_of_another_document_is_refused_and_nothing_changes(chambers):
    order = signed(chambers)
    with pytest.raises(ValidationError, match=r"Docket No\. 18 of this case is already"):
        services.order_mark_filed(order=order, user=chambers["clerk"], docket_number=18)
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.filed_docket_number is None


def test_the_disposition_comes_from_the_answer_or_the_title():
    assert services.disposition_of(Order(title="ORDER DENYING MOTION", details={})) == "denied"
    assert services.disposition_of(Order(title="ORDER", details={"disposition": "GRANTED"})) == "granted"
    title = "ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS"
    assert services.disposition_of(Order(title=title, details={})) == "granted_in_part"
    assert services.disposition_of(Order(title="ORDER VACATING HEARING", details={})) == "vacated"
    assert services.disposition_of(Order(title="ORDER", details={})) == "terminated"


def test_a_pending_motion_shows_its_draft_and_a_second_draft_asks_first(chambers, client):
    order = draft(chambers)
    client.force_login(chambers["clerk"])
    case = chambers["case"]
    page = client.get(reverse("orders:case_detail", args=[case.pk])).content.decode()
    assert f'href="{reverse("orders:order_detail", args=[order.pk])}"' in page and "Draft</span>" in page
    home = client.get(reverse("orders:home")).content.decode()
    assert order.title in home

    response = start(client, reverse("orders:draft_for_case", args=[case.pk]))
    url = wizard_url(response)
    response = post_step(client, url, "order_type", {"order_type-order_type": "rule_on_motion_to_compel"})
    assert step_of(response) == "entries"
    assert "Already in progress" in response.content.decode()
    # The clerk ticks the motion (what it asks is “other”: the type does not preselect it).
    chosen = {**form_values(form_of(response)), "entries-entries": [str(chambers["motion"].pk)]}
    response = post_step(client, url, "entries", chosen)
    assert step_of(response) == "entries"  # asked first
    assert "Dkt. No. 18 already has an order in progress" in response.content.decode()
    response = post_step(client, url, "entries", {**chosen, "entries-second_order": "on"})
    assert step_of(response) == "details"


def test_a_clerk_recalls_an_order_sent_for_signature(chambers, client):
    order = draft(chambers)
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    reader = MembershipFactory(judge=chambers["case"].assigned_judge, role=Role.READ_ONLY).user
    with pytest.raises(PermissionDenied):
        services.order_recall(order=Order.objects.get(pk=order.pk), user=reader)
    with pytest.raises(PermissionDenied):
        services.order_recall(order=Order.objects.get(pk=order.pk), user=UserFactory())
    client.force_login(chambers["clerk"])
    page = client.get(reverse("orders:order_detail", args=[order.pk])).content.decode()
    assert 'id="recall-order"' in page
    response = client.post(
        reverse("orders:order_recall", args=[order.pk]), {"version": Order.objects.get(pk=order.pk).version}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    assert AuditEvent.objects.filter(order_ref=order.pk, action="recalled", user=chambers["clerk"]).exists()
    assert AuditEvent.objects.filter(order_ref=order.pk, action="refused", user=reader).exists()
    with pytest.raises(ValidationError, match="it cannot be recalled"):
        services.order_recall(order=order, user=chambers["clerk"])
    assert selectors.can_edit(chambers["clerk"], order)


def test_the_docket_preview_shows_the_draft_in_progress_and_what_was_decided_here(chambers, client):
    order = draft(chambers)
    client.force_login(chambers["clerk"])
    upload = services.docket_upload_create(
        uploaded_by=chambers["clerk"], filename="nysd.html", data=docket_bytes("nysd")
    )
    url = reverse("orders:docket_preview", args=[upload.pk])
    page = client.get(url).content.decode()
    assert f'href="{reverse("orders:order_detail", args=[order.pk])}"' in page and "Draft</span>" in page
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    services.order_sign(
        order=Order.objects.get(pk=order.pk),
        user=chambers["judge"],
        signature="conformed",
    )
    page = client.get(url).content.decode()
    assert "Decided here: granted by" in page
