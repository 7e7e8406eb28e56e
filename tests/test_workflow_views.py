"""The review page, the signing forms, the frozen PDF download and the audit log, as the
clerk and the judge of one chambers use them (two browsers: two clients)."""

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from orders import services
from orders.demo import DEMO_JUDGE_USERNAME, DEMO_USERNAME
from orders.models import AuditEvent, ChambersMembership, Order

from .factories import CaseFactory, MembershipFactory
from .test_security import has_draft_watermark
from .wizard_helpers import form_of, form_values, post_step, start, wizard_url

pytestmark = pytest.mark.django_db
Role = ChambersMembership.Role


@pytest.fixture
def desk():
    clerk = MembershipFactory(role=Role.CLERK)
    judge = MembershipFactory(judge=clerk.judge, role=Role.JUDGE).user
    case = CaseFactory(assigned_judge=clerk.judge)
    order = services.order_create(
        case=case,
        order_type="deny_discovery_motion",
        judge=clerk.judge,
        title="ORDER DENYING DISCOVERY MOTION",
        body="The motion is DENIED.",
        created_by=clerk.user,
    )
    clerk_client, judge_client = Client(), Client()
    clerk_client.force_login(clerk.user)
    judge_client.force_login(judge)
    return {"order": order, "clerk": clerk_client, "judge": judge_client, "judge_user": judge}


def review(client, order):
    return client.get(reverse("orders:order_review", args=[order.pk]))


def test_clerk_sends_judge_signs_and_every_download_is_the_same_bytes(desk):
    order = desk["order"]
    page = review(desk["clerk"], order).content.decode()
    assert "Send for signature" in page and "Sign version" not in page
    response = desk["clerk"].post(reverse("orders:order_send", args=[order.pk]), {"version": 1}, follow=True)
    assert "Sent to the judge for signature." in response.content.decode()

    draft_pdf = desk["judge"].get(reverse("orders:order_pdf", args=[order.pk]) + "?final=1").content
    assert has_draft_watermark(draft_pdf)  # ?final=1 is not final: only signing makes it final

    page = review(desk["judge"], order).content.decode()
    assert "Sign version 2" in page
    printed = re.search(r'name="printed" value="([^"]+)"', page).group(1)  # what the judge was shown
    response = desk["judge"].post(
        reverse("orders:order_sign", args=[order.pk]),
        {"version": 2, "signature": "conformed", "printed": printed},
        follow=True,
    )
    html = response.content.decode()
    assert "Signed." in html
    order.refresh_from_db()
    assert order.status == "signed"
    sha = order.signed_pdf.sha256
    assert sha in html

    downloads = [
        desk["clerk"].get(reverse("orders:order_pdf", args=[order.pk])).content,
        desk["judge"].get(reverse("orders:order_pdf", args=[order.pk]) + "?final=1&signature=field").content,
    ]
    assert all(hashlib.sha256(pdf).hexdigest() == sha for pdf in downloads)
    assert not has_draft_watermark(downloads[0])
    assert AuditEvent.objects.filter(order_ref=order.pk, action="downloaded").count() == 3


def test_the_judge_signs_only_the_version_they_read(desk):
    """Two browsers: the judge opens version 2; meanwhile it is sent back and edited; signing the
    stale page is refused with what changed, and nothing is signed."""
    order = desk["order"]
    desk["clerk"].post(reverse("orders:order_send", args=[order.pk]), {"version": 1})
    judge_page = review(desk["judge"], order).content.decode()
    assert 'name="version" value="2"' in judge_page

    order.refresh_from_db()
    services.order_send_back(order=order, user=desk["judge_user"], comment="Add the hearing date.")
    order.refresh_from_db()
    services.order_update(
        order=order, user=desk["judge_user"], expected_version=3, body="The motion is DENIED in part."
    )
    services.order_send_for_signature(order=Order.objects.get(pk=order.pk), user=desk["judge_user"])

    response = desk["judge"].post(
        reverse("orders:order_sign", args=[order.pk]), {"version": 2, "signature": "conformed"}, follow=True
    )
    html = response.content.decode()
    assert "Someone else saved this order" in html
    assert "you edited version 2; it is now version 5" in html
    assert "What the other person changed" in html
    assert "The motion is DENIED in part." in html
    order.refresh_from_db()
    assert order.status == "ready"


def test_the_versions_of_an_order_can_be_compared(desk):
    order = desk["order"]
    user = desk["judge_user"]
    services.order_update(order=order, user=user, expected_version=1, body="Version two text.")
    services.order_update(order=order, user=user, expected_version=2, title="ORDER GRANTING MOTION")
    versions = list(order.history.order_by("history_id"))
    url = reverse("orders:order_review", args=[order.pk])
    html = (
        desk["clerk"]
        .get(url, {"from": versions[0].history_id, "to": versions[2].history_id})
        .content.decode()
    )
    assert '<span class="diff-removed">− The motion is DENIED.</span>' in html
    assert '<span class="diff-added">+ Version two text.</span>' in html
    assert '<span class="diff-added">+ ORDER GRANTING MOTION</span>' in html


def test_the_audit_log_is_for_the_judge_only(desk):
    order = desk["order"]
    review(desk["clerk"], order)
    assert desk["clerk"].get(reverse("orders:order_audit", args=[order.pk])).status_code == 403
    html = desk["judge"].get(reverse("orders:order_audit", args=[order.pk])).content.decode()
    assert "Viewed" in html and "Created" in html
    html = desk["judge"].get(reverse("orders:chambers_audit", args=[order.judge_id])).content.decode()
    assert str(order) in html
    # A member of the chambers is refused (403); another chambers is not told it exists (404,
    # tests/permissions/test_matrix.py).
    assert desk["clerk"].get(reverse("orders:chambers_audit", args=[order.judge_id])).status_code == 403


def test_a_form_without_its_version_is_refused(desk):
    order = desk["order"]
    response = desk["clerk"].post(reverse("orders:order_send", args=[order.pk]), {})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == "draft"


# -- Two people edit one draft through the wizard ------------------------------------------------


@pytest.fixture
def luckert(demo):
    order = Order.objects.get(case=demo["Luckert v. Brannon"])
    clerk, judge = Client(), Client()
    clerk.force_login(get_user_model().objects.get(username=DEMO_USERNAME))
    # The demo judge works for MEJ; make them a judge of the EDL chambers too for this test.
    judge_user = get_user_model().objects.get(username=DEMO_JUDGE_USERNAME)
    ChambersMembership.objects.get_or_create(
        user=judge_user, judge=order.judge, defaults={"role": Role.JUDGE}
    )
    judge.force_login(judge_user)
    return order, clerk, judge


def test_the_second_of_two_wizard_saves_is_refused_with_what_changed(luckert):
    order, clerk, judge = luckert
    url = reverse("orders:order_edit", args=[order.pk])
    clerk_page, judge_page = start(clerk, url), start(judge, url)
    clerk_url, judge_url = wizard_url(clerk_page), wizard_url(judge_page)
    assert clerk_url != judge_url  # two people, two wizard drafts
    clerk_review, judge_review = form_values(form_of(clerk_page)), form_values(form_of(judge_page))

    judge_review["review-paragraph_0"] = "The judge's own first paragraph."
    assert post_step(judge, judge_url, "review", judge_review).status_code == 302
    order.refresh_from_db()
    assert order.version == 2

    clerk_review["review-paragraph_0"] = "The clerk's first paragraph."
    response = post_step(clerk, clerk_url, "review", clerk_review)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this order while you were editing it" in html
    assert "you edited version 1; it is now version 2" in html
    assert 'id="version-conflict"' in html
    assert "+ The judge&#x27;s own first paragraph." in html  # what the judge changed
    order.refresh_from_db()
    assert order.body.startswith("The judge's own first paragraph.")  # nothing overwritten
    assert AuditEvent.objects.filter(action="refused", order_ref=order.pk).exists()

    # Saving again, having seen the other version, is a deliberate choice and goes through.
    again = form_values(form_of(response))
    response = post_step(clerk, clerk_url, "review", again)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.body.startswith("The clerk's first paragraph.")
    assert order.version == 3
    assert order.history.count() >= 3


def test_a_signed_order_cannot_be_opened_for_editing_or_deleted(luckert):
    order, clerk, _judge = luckert
    services.order_send_for_signature(order=order, user=order.created_by)
    services.order_sign(
        order=Order.objects.get(pk=order.pk),
        user=get_user_model().objects.get(username=DEMO_JUDGE_USERNAME),
        signature="conformed",
    )
    response = clerk.get(reverse("orders:order_edit", args=[order.pk]), follow=True)
    assert "Edit again" not in response.content.decode()
    response = clerk.post(reverse("orders:order_delete", args=[order.pk]))
    assert Order.objects.filter(pk=order.pk).exists()
    html = clerk.get(reverse("orders:order_detail", args=[order.pk])).content.decode()
    assert Order.objects.get(pk=order.pk).signed_pdf.sha256 in html
