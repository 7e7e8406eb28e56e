"""Attacks a user of another chambers or an anonymous visitor might try. Each must be refused
(404 for another chambers' order, so its existence is not confirmed; the login page for an
anonymous visitor) AND logged (an AuditEvent "refused" row)."""

import io
import os
import re
import subprocess
import sys

import pdfplumber
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.utils import get_random_secret_key
from django.test import Client
from django.urls import reverse

from orders import services
from orders.models import AuditEvent, ChambersMembership, Order

from .factories import CaseFactory, MembershipFactory, OrderFactory, PartyFactory, UserFactory
from .pdf_helpers import has_watermark

pytestmark = pytest.mark.django_db
Role = ChambersMembership.Role
PASSWORD = "correct horse battery"


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def has_draft_watermark(pdf: bytes) -> bool:
    """The big diagonal DRAFT outlines across the first page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return has_watermark(document.pages[0])


@pytest.fixture
def theirs():
    """Another chambers: its judge, a clerk, a case and a draft ready for signature."""
    clerk = MembershipFactory(role=Role.CLERK)
    judge_user = MembershipFactory(judge=clerk.judge, role=Role.JUDGE).user
    case = CaseFactory(assigned_judge=clerk.judge, short_caption="Secret v. Hidden")
    order = services.order_create(
        case=case,
        order_type="deny_discovery_motion",
        judge=clerk.judge,
        title="ORDER DENYING DISCOVERY MOTION",
        body="Their confidential draft.",
        created_by=clerk.user,
    )
    services.order_send_for_signature(order=order, user=clerk.user)
    return {"clerk": clerk.user, "judge": judge_user, "case": case, "order": Order.objects.get(pk=order.pk)}


@pytest.fixture
def intruder(client):
    """A judge of another chambers: the strongest role, but not in theirs."""
    membership = MembershipFactory(role=Role.JUDGE)
    client.force_login(membership.user)
    return client


def refused_count() -> int:
    return AuditEvent.objects.filter(action="refused").count()


def order_urls(order):
    return [
        ("get", reverse("orders:order_detail", args=[order.pk]), {}),
        ("get", reverse("orders:order_edit", args=[order.pk]), {}),
        ("post", reverse("orders:order_edit", args=[order.pk]), {}),
        ("get", reverse("orders:order_page_png", args=[order.pk, 1]), {}),
        ("get", reverse("orders:order_duplicate", args=[order.pk]), {}),
        ("post", reverse("orders:order_delete", args=[order.pk]), {}),
        ("get", reverse("orders:draft_for_case", args=[order.case_id]), {}),
        ("get", reverse("orders:order_review", args=[order.pk]), {}),
        ("get", reverse("orders:order_pdf", args=[order.pk]), {}),
        ("get", reverse("orders:order_pdf", args=[order.pk]) + "?final=1", {}),
        ("get", reverse("orders:order_audit", args=[order.pk]), {}),
        ("get", reverse("orders:case_detail", args=[order.case_id]), {}),
        ("get", reverse("orders:chambers_audit", args=[order.judge_id]), {}),
        ("post", reverse("orders:order_send", args=[order.pk]), {"version": order.version}),
        (
            "post",
            reverse("orders:order_send_back", args=[order.pk]),
            {"version": order.version, "comment": "x"},
        ),
        (
            "post",
            reverse("orders:order_sign", args=[order.pk]),
            {"version": order.version, "signature": "conformed"},
        ),
        ("post", reverse("orders:order_file", args=[order.pk]), {"version": order.version}),
        ("post", reverse("orders:order_amend", args=[order.pk]), {"version": order.version}),
    ]


def test_another_chambers_order_is_a_404_everywhere_and_each_attempt_is_logged(intruder, theirs):
    order = theirs["order"]
    for method, url, data in order_urls(order):
        before = refused_count()
        response = getattr(intruder, method)(url, data)
        assert response.status_code == 404, url
        assert b"Their confidential draft" not in response.content
        assert refused_count() == before + 1, url
    order.refresh_from_db()
    assert (order.status, order.version, order.body) == ("ready", 2, "Their confidential draft.")
    assert not hasattr(order, "signed_pdf") or not Order.objects.filter(pk=order.pk, signed_pdf__isnull=False)
    event = AuditEvent.objects.filter(action="refused", order_ref=order.pk).first()
    assert event.detail.endswith("→ 404 (not found)")
    assert event.order_repr == ""  # nothing about the order itself is written down


def test_an_anonymous_visitor_is_sent_to_login_and_logged(client, theirs, caplog):
    """Logged in the server log, not in the order's audit trail (issue 14, finding 11)."""
    from django.core.cache import cache

    cache.clear()  # the anonymous log's rate limit counts per address and minute
    before = refused_count()
    for method, url, data in order_urls(theirs["order"]):
        caplog.clear()
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
        assert any("by anonymous" in record.getMessage() for record in caplog.records), url
    assert refused_count() == before


def test_a_clerk_cannot_sign_and_a_read_only_member_cannot_change_anything(client, theirs):
    order = theirs["order"]
    client.force_login(theirs["clerk"])
    response = client.post(
        reverse("orders:order_sign", args=[order.pk]), {"version": order.version, "signature": "conformed"}
    )
    assert response.status_code == 403
    assert "does not allow you to sign" in response.content.decode()
    reader = MembershipFactory(judge=order.judge, role=Role.READ_ONLY).user
    client.force_login(reader)
    assert client.get(reverse("orders:order_review", args=[order.pk])).status_code == 200
    response = client.post(
        reverse("orders:order_send_back", args=[order.pk]), {"version": 2, "comment": "no"}
    )
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "ready"
    assert AuditEvent.objects.filter(action="refused", order_ref=order.pk, user=reader).count() >= 1


def test_sealed_case_orders_are_hidden_from_the_referred_judges_chambers(client):
    assigned = MembershipFactory(role=Role.JUDGE)
    referred = MembershipFactory(role=Role.CLERK)
    case = CaseFactory(assigned_judge=assigned.judge, referred_judge=referred.judge, sealed=True)
    # (made before the case was sealed: the policy no longer lets the referred chambers draft in it)
    order = OrderFactory(case=case, judge=referred.judge, body="Sealed.", created_by=referred.user)
    with pytest.raises(PermissionDenied):
        services.order_create(
            case=case, order_type="x", judge=referred.judge, title="ORDER", body="x", created_by=referred.user
        )
    client.force_login(referred.user)
    assert client.get(reverse("orders:order_review", args=[order.pk])).status_code == 404
    client.force_login(assigned.user)
    assert client.get(reverse("orders:case_detail", args=[case.pk])).status_code == 200


def test_a_member_of_two_chambers_sees_sealed_orders_only_of_cases_assigned_to_one_of_them(
    django_assert_num_queries,
):
    from orders import selectors

    clerk = MembershipFactory(role=Role.CLERK)
    other = MembershipFactory(user=clerk.user, role=Role.CLERK).judge
    elsewhere = MembershipFactory(role=Role.JUDGE).judge
    mine, theirs, open_case = (
        CaseFactory(assigned_judge=other, referred_judge=clerk.judge, sealed=True),
        CaseFactory(assigned_judge=elsewhere, referred_judge=clerk.judge, sealed=True),
        CaseFactory(assigned_judge=elsewhere, referred_judge=clerk.judge),
    )
    orders = {
        case: OrderFactory(case=case, judge=clerk.judge, created_by=clerk.user)
        for case in (mine, theirs, open_case)
    }
    user = type(clerk.user).objects.get(pk=clerk.user.pk)
    with django_assert_num_queries(1):  # the judges and the hidden cases together
        assert selectors.visibility_for(user) == selectors.Visibility(
            sorted([clerk.judge.pk, other.pk]), [theirs.pk], every_judge=False
        )
    with django_assert_num_queries(1):
        seen = set(selectors.orders_for_user(user))
    assert seen == {orders[mine], orders[open_case]}


def test_a_member_of_every_chambers_sees_every_order_until_a_new_judge_arrives():
    from orders import selectors
    from orders.models import Judge

    first = MembershipFactory(role=Role.CLERK)
    for judge in Judge.objects.exclude(pk=first.judge_id):
        MembershipFactory(user=first.user, judge=judge, role=Role.CLERK)
    orders = [OrderFactory(case=CaseFactory(assigned_judge=judge)) for judge in Judge.objects.all()]
    user = type(first.user).objects.get(pk=first.user.pk)
    assert selectors.visibility_for(user).every_judge
    assert not selectors.orders_for_user(user).query.where  # no filter at all
    assert set(selectors.orders_for_user(user)) == set(orders)

    stranger = OrderFactory()  # a new judge's chambers, with its own order
    user = type(first.user).objects.get(pk=first.user.pk)
    assert not selectors.visibility_for(user).every_judge
    assert set(selectors.orders_for_user(user)) == set(orders)
    assert stranger not in selectors.orders_for_user(user)


def test_a_post_without_the_csrf_token_is_refused_and_logged(theirs):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(theirs["judge"])
    order = theirs["order"]
    before = refused_count()
    response = csrf_client.post(
        reverse("orders:order_sign", args=[order.pk]), {"version": order.version, "signature": "conformed"}
    )
    assert response.status_code == 403
    assert refused_count() == before + 1
    order.refresh_from_db()
    assert order.status == "ready"


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_xss_in_party_names_captions_and_paragraphs_is_printed_as_text(client):
    membership = MembershipFactory(role=Role.JUDGE)
    case = CaseFactory(assigned_judge=membership.judge, short_caption=f"{XSS} v. Roe")
    PartyFactory(case=case, name=f"Evil {XSS}")
    order = services.order_create(
        case=case,
        order_type="x",
        judge=membership.judge,
        title="ORDER",
        body=f"First paragraph {XSS}.\n\n# {XSS}\n\n> {XSS}",
        created_by=membership.user,
    )
    services.order_update(order=order, user=membership.user, expected_version=1, body=f"Edited {XSS}.")
    client.force_login(membership.user)
    for url in (
        reverse("orders:order_review", args=[order.pk]),
        reverse("orders:case_detail", args=[case.pk]),
        reverse("orders:home"),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
    html = client.get(reverse("orders:order_review", args=[order.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    text = pdf_text(client.get(reverse("orders:order_pdf", args=[order.pk])).content)
    assert '<script>alert("x")</script>' in " ".join(text.split()).replace(" (", "(") or "alert" in text
    assert "Evil" in text or "EVIL" in text


def test_the_renderer_fetches_nothing_from_the_network_or_the_disk(client, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    membership = MembershipFactory(role=Role.JUDGE)
    case = CaseFactory(assigned_judge=membership.judge)
    PartyFactory(case=case, name='<img src="http://127.0.0.1:9/x">')
    PartyFactory(case=case, name='<link rel=stylesheet href="file:///etc/passwd">')
    order = services.order_create(
        case=case,
        order_type="x",
        judge=membership.judge,
        title="ORDER",
        body='See <img src="file:///etc/passwd"> and <iframe src="http://169.254.169.254/"></iframe>.',
        created_by=membership.user,
    )
    client.force_login(membership.user)
    response = client.get(reverse("orders:order_pdf", args=[order.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "root:x:0:0" not in text
    assert "file:///etc/passwd" in text  # printed as text, not fetched


def test_template_syntax_in_a_paragraph_is_printed_literally(client):
    membership = MembershipFactory(role=Role.JUDGE)
    case = CaseFactory(assigned_judge=membership.judge)
    order = services.order_create(
        case=case,
        order_type="x",
        judge=membership.judge,
        title="ORDER {{ settings.SECRET_KEY }}",
        body="The key is {{ settings.SECRET_KEY }} and {% debug %}.",
        created_by=membership.user,
    )
    client.force_login(membership.user)
    html = client.get(reverse("orders:order_review", args=[order.pk])).content.decode()
    assert "{{ settings.SECRET_KEY }}" in html
    text = pdf_text(client.get(reverse("orders:order_pdf", args=[order.pk])).content)
    assert "{{ settings.SECRET_KEY }}" in text
    assert settings.SECRET_KEY not in html and settings.SECRET_KEY not in text


def test_oversized_fields_are_refused_with_a_message_and_logged(theirs):
    order = Order.objects.get(pk=theirs["order"].pk)
    services.order_send_back(order=order, user=theirs["judge"], comment="Shorten it.")
    order.refresh_from_db()
    for field, value, message in (
        ("body", "x" * 1_000_000, "at most 100000 characters"),
        ("title", "T" * 10_000, "at most 300 characters"),
    ):
        before = refused_count()
        with pytest.raises(ValidationError) as error:
            services.order_update(
                order=order, user=theirs["clerk"], expected_version=order.version, **{field: value}
            )
        assert message in " ".join(error.value.messages)
        assert refused_count() == before + 1
    order.refresh_from_db()
    assert order.body == "Their confidential draft."


def test_ten_bad_passwords_lock_the_account_out_with_a_clear_page(client, settings):
    settings.AXES_ENABLED = True
    user = UserFactory(username="target")
    for _ in range(10):
        response = client.post(reverse("login"), {"username": "target", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    # Locked out: even the right password is refused now.
    response = client.post(reverse("login"), {"username": "target", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get(reverse("orders:home")).status_code == 302
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username=user.username)
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_login_is_throttled_per_username_and_ip_not_for_everyone(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="target")
    UserFactory(username="colleague")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "target", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "colleague", "password": PASSWORD})
    assert response.status_code == 302


def test_pages_send_a_content_security_policy_and_cookies_are_http_only(client, theirs):
    client.force_login(theirs["clerk"])
    response = client.get(reverse("orders:order_review", args=[theirs["order"].pk]))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "img-src 'self' data:" in policy
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert "<script>" not in response.content.decode().replace('<script src="', "")


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chambers.settings_production",
        "SECRET_KEY": get_random_secret_key() + get_random_secret_key(),
        "ALLOWED_HOSTS": "chambers.example.gov",
        "DEBUG": "False",
    }
    for name in ("SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\s(on[a-z]+|style)\s*=", re.I)


def test_no_page_has_inline_scripts_styles_or_handlers_the_policy_would_block(demo_client, demo):
    """The Content-Security-Policy allows scripts and styles from our own files only."""
    order = Order.objects.filter(case=demo["Crawford v. Beard"]).first()
    case = demo["Crawford v. Beard"]
    urls = [
        reverse("orders:home"),
        reverse("orders:case_detail", args=[case.pk]),
        reverse("orders:draft_list"),
        reverse("orders:draft_new"),
        reverse("orders:draft_for_case", args=[case.pk]),
        reverse("orders:order_detail", args=[order.pk]),
        reverse("orders:order_edit", args=[order.pk]),
        reverse("orders:order_review", args=[order.pk]),
        reverse("orders:order_duplicate", args=[order.pk]),
        reverse("orders:order_delete", args=[order.pk]),
    ]
    for url in urls:
        response = demo_client.get(url, follow=True)  # a start URL opens its new wizard draft
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), (url, INLINE_HANDLER.search(html))
    demo_client.logout()
    html = demo_client.get(reverse("login")).content.decode()
    assert not INLINE_SCRIPT.search(html) and not INLINE_HANDLER.search(html)


def test_a_read_only_member_can_neither_draft_nor_edit_through_the_wizard(client, demo):
    from .wizard_helpers import form_of, form_values, post_step, walk_to, wizard_url

    case = demo["Crawford v. Beard"]
    reader = MembershipFactory(judge=case.assigned_judge, role=Role.READ_ONLY).user
    client.force_login(reader)
    order = Order.objects.filter(case=case).first()
    response = client.get(reverse("orders:order_edit", args=[order.pk]), follow=True)
    assert "read-only" in response.content.decode()

    url = reverse("orders:draft_for_case", args=[case.pk])
    from orders.order_types import registry

    type_key = next(t.key for t in registry.for_case(case)[0] if t.needs_entries)
    response = walk_to(client, url, case=case, type_key=type_key)
    count, before = Order.objects.count(), refused_count()
    response = post_step(client, wizard_url(response), "review", form_values(form_of(response)))
    assert response.status_code == 403
    assert Order.objects.count() == count
    assert refused_count() == before + 1


def test_a_request_for_no_page_at_all_is_not_an_audit_event(demo_client):
    before = refused_count()
    assert demo_client.get("/favicon.ico").status_code == 404
    assert refused_count() == before


def test_an_unreachable_database_is_a_503_try_again_page_not_a_500(demo_client, monkeypatch):
    from django.db import OperationalError

    from orders import selectors

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(selectors, "judges_for_user", down)
    demo_client.raise_request_exception = False  # as a browser sees it
    response = demo_client.get(reverse("orders:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Try again in a moment" in response.content.decode()
