"""Reads: what a user may see, and the lookups the pages need.

Chambers isolation lives here and nowhere else: every view that shows a case or an order
gets it through ``cases_for_user`` / ``orders_for_user`` (or the ``*_get_for_user`` helpers,
which turn "not yours" into a 404 so another chambers' records are not even confirmed to exist).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .case_numbers import case_number_key
from .models import Case, ChambersMembership, DocketEntry, DocketUpload, EntryKind, Judge, Order, Party

User = AbstractBaseUser | AnonymousUser


def judges_for_user(user: User) -> QuerySet[Judge]:
    """Judges in whose chambers the user works."""
    if not user.is_authenticated:
        return Judge.objects.none()
    return Judge.objects.filter(memberships__user=user).distinct()


def _judge_ids(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_chambers_judge_ids", None)
    if cached is None:
        cached = list(judges_for_user(user).values_list("id", flat=True))
        user._chambers_judge_ids = cached
    return cached


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
    """Orders of the chambers the user belongs to (the order's judge is theirs)."""
    judge_ids = _judge_ids(user)
    return (
        Order.objects.filter(judge_id__in=judge_ids)
        .exclude(Q(case__sealed=True) & ~Q(case__assigned_judge_id__in=judge_ids))
        .select_related("case", "case__court", "judge", "created_by")
    )


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
