"""The permission matrix: every action × role × order status × case (open, sealed, referred,
another chambers' sealed case), through the services (each must refuse by itself), and the
404-vs-403 rule through the views.

The expected outcome of each cell is written here from the rules as the README states them, not
read from ``orders.permissions``: a rule changed there by mistake fails a cell here.

Outcomes: ``ok`` (done), ``404`` (NotPermitted, hidden: another chambers' record), ``403``
(NotPermitted: the role does not allow it), ``invalid`` (ValidationError: the role allows it but
the order's status does not, the page says why).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from orders import permissions, services
from orders.models import AuditEvent, ChambersMembership, Order, Party
from orders.permissions import NotPermitted

from ..factories import (
    CaseFactory,
    DocketEntryFactory,
    JudgeFactory,
    MembershipFactory,
    OrderFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
# The views bind the renderer when first imported: import them before a test stubs it out.
import_module(settings.ROOT_URLCONF)
Role = ChambersMembership.Role
S = Order.Status

ROLES = ("clerk", "judge", "reader", "admin", "stranger")  # stranger: the judge of another chambers
STATUSES = (S.DRAFT, S.READY, S.SIGNED, S.FILED)
PLACES = ("open", "sealed", "referred", "sealed_elsewhere")
# sealed_elsewhere: a sealed case assigned to another chambers and referred to ours: our
# judge's orders in it are hidden from us (only the assigned chambers sees a sealed case).

# Who may, and in which statuses (the README's table).
EDITORS = {"clerk", "judge"}
RULES: dict[str, tuple[set[str], set[str]]] = {
    "edit": (EDITORS, {S.DRAFT}),
    "delete": (EDITORS, {S.DRAFT}),
    "send": (EDITORS, {S.DRAFT}),
    "recall": (EDITORS, {S.READY}),
    "word_upload": (EDITORS, {S.DRAFT, S.READY}),
    "send_back": ({"judge"}, {S.READY}),
    "sign": ({"judge"}, {S.READY}),
    "file": (EDITORS, {S.SIGNED}),
    "amend": (EDITORS, {S.SIGNED, S.FILED}),
    "duplicate": (EDITORS, set(STATUSES)),  # into a case of the chambers where the user drafts
    "view": ({"clerk", "judge", "reader"}, set(STATUSES)),
}
FOR_SIGNED = {"file", "amend", "duplicate", "view"}  # the others refuse a signed order as such


def expected(role: str, action: str, status: str, place: str) -> str:
    roles, statuses = RULES[action]
    if role in ("admin", "stranger") or place == "sealed_elsewhere":
        return "404"  # not a member of the order's chambers, or a sealed case hidden from it
    if status in (S.SIGNED, S.FILED) and action not in FOR_SIGNED:
        return "invalid"  # "This order is signed and can no longer be changed."
    if role not in roles:
        return "403"
    return "ok" if status in statuses else "invalid"


@dataclass
class World:
    users: dict[str, object]
    cases: dict[str, object]
    target: object  # an open case of our chambers with a pending motion (for duplicates)


EXTENSION = {
    "movant": "plaintiff",
    "purpose": "file an opposition",
    "new_deadline": (datetime.date.today() + datetime.timedelta(days=60)).isoformat(),
}


@pytest.fixture
def world() -> World:
    ours = JudgeFactory(full_name="Ada Ours", initials="AO")
    theirs = JudgeFactory(court=ours.court, full_name="Bo Theirs", initials="BT")
    users = {
        "clerk": MembershipFactory(judge=ours, role=Role.CLERK).user,
        "judge": MembershipFactory(judge=ours, role=Role.JUDGE).user,
        "reader": MembershipFactory(judge=ours, role=Role.READ_ONLY).user,
        "admin": UserFactory(username="site-admin", is_superuser=True, is_staff=True),
        "stranger": MembershipFactory(judge=theirs, role=Role.JUDGE).user,
    }
    cases = {
        "open": CaseFactory(assigned_judge=ours),
        "sealed": CaseFactory(assigned_judge=ours, sealed=True),
        "referred": CaseFactory(assigned_judge=theirs, referred_judge=ours),
        "sealed_elsewhere": CaseFactory(assigned_judge=theirs, referred_judge=ours, sealed=True),
    }
    target = CaseFactory(assigned_judge=ours, short_caption="Target v. Case")
    plaintiff = PartyFactory(case=target, name="Tia Target", role=Party.Role.PLAINTIFF, caption_position=1)
    DocketEntryFactory(case=target, number=7, kind="motion", pending=True, filing_party=plaintiff)
    return World(users=users, cases=cases, target=target)


def make_order(world: World, place: str, status: str) -> Order:
    case = world.cases[place]
    order = OrderFactory(
        case=case,
        judge=world.users["clerk"].chambers_memberships.get().judge,
        order_type="grant_extension_of_time",
        title="ORDER GRANTING EXTENSION OF TIME",
        body="The request is GRANTED.",
        details=EXTENSION,
        created_by=world.users["clerk"],
        date=datetime.date(2024, 3, 1),
    )
    if status != S.DRAFT:  # (a signed order's PDF is not needed by these services)
        Order.objects.filter(pk=order.pk).update(status=status)
    return Order.objects.select_related("case", "judge").get(pk=order.pk)


SERVICE_CALLS: dict[str, Callable[[Order, object, World], object]] = {
    "edit": lambda o, u, w: services.order_update(
        order=o, user=u, expected_version=o.version, body="Edited."
    ),
    "delete": lambda o, u, w: services.order_delete(order=o, user=u),
    "send": lambda o, u, w: services.order_send_for_signature(order=o, user=u),
    "recall": lambda o, u, w: services.order_recall(order=o, user=u),
    "send_back": lambda o, u, w: services.order_send_back(order=o, user=u, comment="Shorter, please."),
    "sign": lambda o, u, w: services.order_sign(order=o, user=u, signature="conformed"),
    "file": lambda o, u, w: services.order_mark_filed(order=o, user=u, docket_number=9),
    "amend": lambda o, u, w: services.order_amend(order=o, user=u),
    "word_upload": lambda o, u, w: services.order_check_word_upload(order=o, user=u),
    "duplicate": lambda o, u, w: services.order_duplicate(order=o, case=w.target, created_by=u),
}


class _Rollback(Exception):
    pass


def outcome(call: Callable[[], object]) -> str:
    """Run ``call`` in a savepoint that is always rolled back; what it did."""
    result = "ok"
    try:
        with transaction.atomic():
            try:
                call()
            except NotPermitted as refused:
                result = "404" if refused.hidden else "403"
            except ValidationError:
                result = "invalid"
            raise _Rollback
    except _Rollback:
        pass
    return result


def _cells():
    for role in ROLES:
        for status in STATUSES:
            for place in PLACES:
                yield role, status, place


@pytest.mark.parametrize("action", sorted(SERVICE_CALLS))
def test_every_service_refuses_by_itself_what_the_policy_refuses(world, action, monkeypatch):
    if action == "sign":  # the filing copy's rendering is not what is tested here
        monkeypatch.setattr("orders.pdf.render_order_pdf", lambda order, **kwargs: b"%PDF-1.7 signed")
        monkeypatch.setattr("orders.pdf.preflight.preflight", lambda pdf, **kwargs: [])
    wrong = []
    for role, status, place in _cells():
        order = make_order(world, place, status)
        user = type(world.users[role]).objects.get(pk=world.users[role].pk)  # no cached memberships
        got = outcome(lambda: SERVICE_CALLS[action](order, user, world))  # noqa: B023 - called at once
        want = expected(role, action, status, place)
        if got != want:
            wrong.append(f"{role} {action} {status} order in {place} case: got {got}, want {want}")
    assert wrong == []


@pytest.mark.parametrize("action", sorted(RULES))
def test_the_pages_offer_exactly_what_the_policy_allows(world, action):
    """``order_permissions`` (what the templates show) is derived from the same rules."""
    wrong = []
    for role, status, place in _cells():
        order = make_order(world, place, status)
        user = type(world.users[role]).objects.get(pk=world.users[role].pk)
        shown = permissions.order_permissions(user, order)[action]
        if shown != (expected(role, action, status, place) == "ok"):
            wrong.append(f"{role} {action} {status} in {place}: offered {shown}")
    assert wrong == []


def test_a_read_only_member_cannot_duplicate_an_order(world):
    """It drafted a new order on main before the policy (issue 14, finding 4)."""
    order = make_order(world, "open", S.DRAFT)
    reader = world.users["reader"]
    before = Order.objects.count()
    with pytest.raises(NotPermitted) as refused:
        services.order_duplicate(order=order, case=world.target, created_by=reader)
    assert not refused.value.hidden
    assert Order.objects.count() == before
    assert AuditEvent.objects.filter(action="refused", user=reader, order_ref=order.pk).exists()


def test_nobody_duplicates_into_a_case_of_another_chambers(world):
    order = make_order(world, "open", S.DRAFT)
    theirs = CaseFactory(assigned_judge=world.cases["referred"].assigned_judge)
    with pytest.raises(NotPermitted) as refused:
        services.order_duplicate(order=order, case=theirs, created_by=world.users["clerk"])
    assert refused.value.hidden  # their case is not even confirmed to exist


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_drafting_a_new_order(world, role, place):
    case = world.cases[place]
    judge = world.users["clerk"].chambers_memberships.get().judge
    user = world.users[role]
    got = outcome(
        lambda: services.order_create(
            case=case, order_type="x", judge=judge, title="ORDER", body="Text.", created_by=user
        )
    )
    # The case decides what is hidden: the stranger's chambers is assigned the referred cases.
    sees_case = role in ("clerk", "judge", "reader") and place != "sealed_elsewhere"
    sees_case = sees_case or (role == "stranger" and place in ("referred", "sealed_elsewhere"))
    if not sees_case:
        assert got == "404"
    else:
        assert got == ("ok" if role in EDITORS else "403")


@pytest.mark.parametrize(
    ("role", "want"),
    [("clerk", True), ("judge", True), ("reader", False), ("admin", True), ("stranger", True)],
)
def test_importing_dockets_and_past_orders(world, role, want):
    user = world.users[role]
    assert permissions.can_import_dockets(user) is want
    assert permissions.can_import_past_orders(user) is (want and role != "admin")
    if not want:
        with pytest.raises(NotPermitted):
            services.docket_upload_create(uploaded_by=user, filename="d.html", data=b"<html></html>")


@pytest.mark.parametrize(
    ("role", "want"),
    [("clerk", False), ("judge", True), ("reader", False), ("admin", True), ("stranger", False)],
)
def test_reading_the_chambers_audit_log(world, role, want):
    judge = world.users["clerk"].chambers_memberships.get().judge
    assert permissions.can_read_audit(world.users[role], judge) is want


# --- Through the views: another chambers' record is a 404, a role that may not is a 403 ---------


VIEW_CALLS = {
    "view": ("get", "orders:order_detail", {}),
    "review": ("get", "orders:order_review", {}),
    "send": ("post", "orders:order_send", {"version": 1}),
    "sign": ("post", "orders:order_sign", {"version": 1, "signature": "conformed"}),
    "send_back": ("post", "orders:order_send_back", {"version": 1, "comment": "x"}),
    "delete": ("post", "orders:order_delete", {}),
    "duplicate": ("post", "orders:order_duplicate", None),
    "audit": ("get", "orders:order_audit", {}),
}
STATUS_FOR_VIEW = {"send": S.DRAFT, "delete": S.DRAFT, "sign": S.READY, "send_back": S.READY}


def view_expected(role: str, call: str, place: str) -> int:
    if role in ("admin", "stranger") or place == "sealed_elsewhere":
        return 404
    if call in ("view", "review"):
        return 200
    if call == "audit":
        return 200 if role == "judge" else 403
    roles = RULES[call][0]
    return 302 if role in roles else 403  # done (a redirect), or refused


@pytest.mark.parametrize("call", sorted(VIEW_CALLS))
def test_views_answer_404_for_another_chambers_and_403_for_a_role(world, client, call, monkeypatch):
    monkeypatch.setattr("orders.views._page_count", lambda order: 0)
    method, name, data = VIEW_CALLS[call]
    wrong = []
    for role in ROLES:
        for place in PLACES:
            want = view_expected(role, call, place)
            if call == "sign" and want == 302:
                continue  # signing renders the filing copy: the service cell covers it
            order = make_order(world, place, STATUS_FOR_VIEW.get(call, S.DRAFT))
            client.force_login(world.users[role])
            post = {"case": world.target.pk} if data is None else data
            response = getattr(client, method)(reverse(name, args=[order.pk]), post)
            if response.status_code != want:
                wrong.append(f"{role} {call} in {place}: {response.status_code}, want {want}")
    assert wrong == []


def test_the_chambers_audit_page_is_a_403_for_a_member_and_a_404_for_anyone_else(world, client):
    judge = world.users["clerk"].chambers_memberships.get().judge
    url = reverse("orders:chambers_audit", args=[judge.pk])
    for role, want in (("judge", 200), ("admin", 200), ("clerk", 403), ("reader", 403), ("stranger", 404)):
        client.force_login(world.users[role])
        assert client.get(url).status_code == want, role
