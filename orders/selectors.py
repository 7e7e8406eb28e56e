"""Reads: what a user may see, and the lookups the pages need.

Chambers isolation lives here and nowhere else: every view that shows a case or an order
gets it through ``cases_for_user`` / ``orders_for_user`` (or the ``*_get_for_user`` helpers,
which turn "not yours" into a 404 so another chambers' records are not even confirmed to exist).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404

from .case_numbers import case_number_key
from .models import (
    AuditEvent,
    Case,
    ChambersMembership,
    DocketEntry,
    DocketUpload,
    EntryKind,
    Judge,
    Order,
    Party,
)

User = AbstractBaseUser | AnonymousUser


def judges_for_user(user: User) -> QuerySet[Judge]:
    """Judges in whose chambers the user works."""
    if not user.is_authenticated:
        return Judge.objects.none()
    return Judge.objects.filter(memberships__user=user).distinct()


def _judge_ids(user: User) -> list[int]:
    return _visibility(user).judge_ids


# Visibility rows: a judge the user works for, a sealed case to hide from them, whether there is
# another judge.
_JUDGE, _HIDDEN_CASE, _OTHER_JUDGE = 0, 1, 2


@dataclass(frozen=True)
class Visibility:
    judge_ids: list[int]  # the judges whose chambers the user works in
    hidden_case_ids: list[int]  # sealed cases of other chambers with orders of those judges
    every_judge: bool  # the user works for every judge: no judge filter at all


def _visibility(user: User) -> Visibility:
    """What the user may see, in one query (cached on the user object for the request).

    The hidden sealed cases are few (usually none), and given to PostgreSQL as constants: a
    ``NOT IN`` subquery is estimated to keep half the rows, and the planner then reads a chambers'
    orders in full instead of the newest ones through ``order_judge_newest_idx``. For a member of
    every chambers the judge filter is left out: it keeps every order, and PostgreSQL would still
    read an index of every order to apply it."""
    if not user.is_authenticated:
        return Visibility([], [], every_judge=False)
    cached = getattr(user, "_chambers_visibility", None)
    if cached is None:
        mine = ChambersMembership.objects.filter(user=user).values("judge_id")
        judges = mine.annotate(kind=Value(_JUDGE)).values_list("kind", "judge_id").order_by()
        hidden = (
            Case.objects.filter(sealed=True)
            .exclude(assigned_judge_id__in=mine)
            .filter(Exists(Order.objects.filter(case_id=OuterRef("pk"), judge_id__in=mine)))
            .annotate(kind=Value(_HIDDEN_CASE))
            .values_list("kind", "pk")
            .order_by()
        )
        others = (
            mine.annotate(  # 1 on each row when another judge exists (their number: no matter)
                kind=Value(_OTHER_JUDGE),
                other=Cast(Exists(Judge.objects.exclude(pk__in=mine)), IntegerField()),
            )
            .values_list("kind", "other")
            .order_by()
        )
        rows = list(judges.union(hidden, others, all=True))
        judge_ids = sorted({pk for kind, pk in rows if kind == _JUDGE})
        cached = Visibility(
            judge_ids=judge_ids,
            hidden_case_ids=sorted(pk for kind, pk in rows if kind == _HIDDEN_CASE),
            every_judge=bool(judge_ids) and (_OTHER_JUDGE, 1) not in rows,
        )
        user._chambers_visibility = cached
    return cached


# --- Permissions: the one place that says who may do what to an order. ----------------------
# Visibility (may the user see the order at all?) is the querysets above and below; an order the
# user may not see is a 404. The helpers here decide, for an order the user can see, which
# actions the pages offer and the services accept.

Role = ChambersMembership.Role
EDITING_ROLES = (Role.CLERK, Role.JUDGE)


def membership_for(user: User, judge: Judge | int) -> ChambersMembership | None:
    """The user's membership in the judge's chambers, or None (cached on the user object)."""
    if not user.is_authenticated:
        return None
    judge_id = judge if isinstance(judge, int) else judge.pk
    cache = getattr(user, "_chambers_memberships", None)
    if cache is None:
        cache = {m.judge_id: m for m in ChambersMembership.objects.filter(user=user)}
        user._chambers_memberships = cache
    return cache.get(judge_id)


def role_for(user: User, order: Order) -> str | None:
    """The user's role in the chambers that owns the order, or None."""
    membership = membership_for(user, order.judge_id)
    return membership.role if membership else None


def can_view(user: User, order: Order) -> bool:
    """Member of the order's chambers in any role (sealed cases: see ``orders_for_user``)."""
    if role_for(user, order) is None:
        return False
    return not order.case.sealed or membership_for(user, order.case.assigned_judge_id) is not None


def can_edit(user: User, order: Order) -> bool:
    """Clerks and the judge may change a draft; once sent for signature it is sent back to be
    changed, and once signed never."""
    return (
        can_view(user, order)
        and role_for(user, order) in EDITING_ROLES
        and order.status == Order.Status.DRAFT
    )


def can_draft(user: User, judge: Judge | int) -> bool:
    """Clerks and the judge draft new orders for their chambers; read-only members do not."""
    membership = membership_for(user, judge)
    return membership is not None and membership.role in EDITING_ROLES


def can_send_for_signature(user: User, order: Order) -> bool:
    return can_edit(user, order) and order.status == Order.Status.DRAFT


def can_sign(user: User, order: Order) -> bool:
    """Only a member with the judge role in the order's chambers signs, once it is ready."""
    return can_view(user, order) and role_for(user, order) == Role.JUDGE


def can_send_back(user: User, order: Order) -> bool:
    return can_sign(user, order) and order.status == Order.Status.READY


def can_mark_filed(user: User, order: Order) -> bool:
    return (
        can_view(user, order)
        and role_for(user, order) in EDITING_ROLES
        and order.status == Order.Status.SIGNED
    )


def can_amend(user: User, order: Order) -> bool:
    """A correction is a new draft linked to a signed order."""
    return can_view(user, order) and role_for(user, order) in EDITING_ROLES and order.is_signed


def can_read_audit(user: User, judge: Judge | int) -> bool:
    """The audit log of a chambers: its judge, and the site's administrators."""
    if user.is_authenticated and user.is_superuser:
        return True
    membership = membership_for(user, judge)
    return membership is not None and membership.role == Role.JUDGE


def order_permissions(user: User, order: Order) -> dict[str, bool]:
    """Every permission at once, for templates."""
    return {
        "view": can_view(user, order),
        "edit": can_edit(user, order),
        "send": can_send_for_signature(user, order),
        "sign": can_sign(user, order) and order.status == Order.Status.READY,
        "send_back": can_send_back(user, order),
        "file": can_mark_filed(user, order),
        "amend": can_amend(user, order),
        "audit": can_read_audit(user, order.judge_id),
    }


def audit_events_for_order(user: User, order: Order) -> QuerySet[AuditEvent]:
    """The order's audit trail, or none if the user may not read it."""
    if not can_read_audit(user, order.judge_id):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(order_ref=order.pk).select_related("user")


def audit_events_for_judge(user: User, judge: Judge, *, limit: int = 500) -> QuerySet[AuditEvent]:
    """A chambers' audit log, newest first, or none if the user may not read it."""
    if not can_read_audit(user, judge):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(judge=judge).select_related("user")[:limit]


def cases_for_user(user: User) -> QuerySet[Case]:
    """Cases assigned or referred to a judge the user works for; sealed cases only for the
    assigned judge's chambers."""
    judge_ids = _judge_ids(user)
    return (
        Case.objects.filter(
            Q(assigned_judge_id__in=judge_ids) | Q(referred_judge_id__in=judge_ids, sealed=False)
        )
        .select_related("court", "assigned_judge", "referred_judge")
        .distinct()
    )


def orders_for_user(user: User) -> QuerySet[Order]:
    """Orders of the chambers the user belongs to (the order's judge is theirs), but none of a
    sealed case assigned to another chambers (see ``_visibility``)."""
    visibility = _visibility(user)
    orders = Order.objects.all()
    if not visibility.every_judge:
        orders = orders.filter(judge_id__in=visibility.judge_ids)
    if visibility.hidden_case_ids:
        orders = orders.exclude(case_id__in=visibility.hidden_case_ids)
    return orders.select_related("case", "case__court", "judge", "created_by")


def case_get_for_user(user: User, case_id: int) -> Case:
    """The case, with parties and entries, or 404 if the user may not see it."""
    queryset = cases_for_user(user).prefetch_related(
        "parties",
        Prefetch("docket_entries", queryset=DocketEntry.objects.select_related("filing_party")),
    )
    return get_object_or_404(queryset, pk=case_id)


def order_get_for_user(user: User, order_id: int) -> Order:
    """The order or 404 if the user may not see it."""
    return get_object_or_404(
        orders_for_user(user).prefetch_related("docket_entries", "case__parties"), pk=order_id
    )


def case_find_by_number(number: str, *, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Cases whose number is the same number as ``number`` however either is written."""
    key = case_number_key(number)
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(number_key=key) if key else queryset.none()


def cases_search_for_user(user: User, query: str, *, limit: int = 20) -> QuerySet[Case]:
    """A user's cases matching a written case number or a party's name or the short caption."""
    query = " ".join((query or "").split())[:200]
    cases = cases_for_user(user)
    if not query:
        return cases.none()
    by_number = case_find_by_number(query, queryset=cases)
    if by_number.exists():
        return by_number
    return cases.filter(
        Q(short_caption__icontains=query) | Q(parties__name__icontains=query) | Q(number__icontains=query)
    ).distinct()[:limit]


def pending_entries_for_user(user: User, *, limit: int = 50) -> QuerySet[DocketEntry]:
    """Motions and requests awaiting a ruling in the user's cases, oldest first."""
    return (
        DocketEntry.objects.filter(case__in=cases_for_user(user), pending=True)
        .select_related("case", "filing_party")
        .order_by("date_filed", "number")[:limit]
    )


def pending_entries_for_case(case: Case, *, kinds: list[str] | None = None) -> QuerySet[DocketEntry]:
    entries = case.docket_entries.filter(pending=True)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    return entries.order_by("number")


def recent_orders_for_user(user: User, *, limit: int = 10) -> QuerySet[Order]:
    return orders_for_user(user).order_by("-updated_at")[:limit]


def parties_of_case(case: Case) -> QuerySet[Party]:
    return case.parties.all()


MOTION_KINDS = [EntryKind.MOTION, EntryKind.REQUEST]


def user_can_import_dockets(user: User) -> bool:
    """Clerks and judges (not read-only members) import dockets and add the courts and judges a
    docket names; administrators too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return ChambersMembership.objects.filter(
        user=user, role__in=[ChambersMembership.Role.CLERK, ChambersMembership.Role.JUDGE]
    ).exists()


def docket_upload_get_for_user(user: User, upload_id: int) -> DocketUpload:
    """A docket report the user uploaded, or 404 (another user's upload is not confirmed to exist)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(DocketUpload, pk=upload_id, uploaded_by=user)


def judges_user_may_import_for(user: User) -> QuerySet[Judge]:
    """Judges in whose chambers the user may add orders (clerk or judge, not read-only)."""
    if not user.is_authenticated:
        return Judge.objects.none()
    return (
        Judge.objects.filter(memberships__user=user, memberships__role__in=["clerk", "judge"])
        .select_related("court")
        .distinct()
    )


def drafts_for_user(user: User) -> QuerySet[Order]:
    """Drafts of the user's chambers, the user's own first, most recently changed first."""
    return (
        orders_for_user(user)
        .filter(status=Order.Status.DRAFT)
        .prefetch_related("docket_entries")
        .order_by("judge__full_name", "-updated_at")
    )


def drafting_judge(user: User, case: Case) -> Judge:
    """The judge a user drafts for in a case: the assigned judge, or the referred judge when the
    user works in the referred judge's chambers and not the assigned one's."""
    judge_ids = _judge_ids(user)
    if case.assigned_judge_id not in judge_ids and case.referred_judge_id in judge_ids:
        return case.referred_judge
    return case.assigned_judge
