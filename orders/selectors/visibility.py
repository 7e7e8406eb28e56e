"""Chambers isolation: what a user may see, and nothing else.

Every view that shows a case or an order gets it through ``cases_for_user`` / ``orders_for_user``
(or the ``*_get_for_user`` helpers, which turn "not yours" into a 404 so another chambers'
records are not even confirmed to exist)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import (
    Case,
    ChambersMembership,
    DocketEntry,
    DocketUpload,
    Judge,
    Order,
)

User = AuthUser | AnonymousUser


def judges_for_user(user: User) -> QuerySet[Judge]:
    """Judges in whose chambers the user works."""
    if not user.is_authenticated:
        return Judge.objects.none()
    return Judge.objects.filter(memberships__user=user).distinct()


def _judge_ids(user: User) -> list[int]:
    return visibility_for(user).judge_ids


# Visibility rows: a judge the user works for, a sealed case to hide from them, whether there is
# another judge.
_JUDGE, _HIDDEN_CASE, _OTHER_JUDGE = 0, 1, 2


@dataclass(frozen=True)
class Visibility:
    judge_ids: list[int]  # the judges whose chambers the user works in
    hidden_case_ids: list[int]  # sealed cases of other chambers with orders of those judges
    every_judge: bool  # the user works for every judge: no judge filter at all


def visibility_for(user: User) -> Visibility:
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
        user._chambers_visibility = cached  # type: ignore[attr-defined]  # per-request cache on the user
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
    """Orders of the chambers the user belongs to (the order's judge is theirs), but none of a
    sealed case assigned to another chambers (see ``visibility_for``)."""
    return orders_visible(visibility_for(user)).select_related("case", "case__court", "judge", "created_by")


def orders_visible(visibility: Visibility) -> QuerySet[Order]:
    """The orders a ``Visibility`` allows (for search engines, which are given visibility as data)."""
    orders = Order.objects.all()
    if not visibility.every_judge:
        orders = orders.filter(judge_id__in=visibility.judge_ids)
    if visibility.hidden_case_ids:
        orders = orders.exclude(case_id__in=visibility.hidden_case_ids)
    return orders


def case_get_for_user(user: User, case_id: int) -> Case:
    """The case, with parties and entries, or 404 if the user may not see it."""
    queryset = cases_for_user(user).prefetch_related(
        "parties",
        Prefetch(
            "docket_entries", queryset=DocketEntry.objects.select_related("filing_party", "terminated_by")
        ),
    )
    return get_object_or_404(queryset, pk=case_id)


def order_get_for_user(user: User, order_id: int) -> Order:
    """The order or 404 if the user may not see it."""
    return get_object_or_404(
        orders_for_user(user).prefetch_related("docket_entries", "case__parties"), pk=order_id
    )


def docket_upload_get_for_user(user: User, upload_id: int) -> DocketUpload:
    """A docket report the user uploaded, or 404 (another user's upload is not confirmed to exist)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(DocketUpload, pk=upload_id, uploaded_by=user)


def drafting_judge(user: User, case: Case) -> Judge:
    """The judge a user drafts for in a case: the assigned judge, or the referred judge when the
    user works in the referred judge's chambers and not the assigned one's."""
    judge_ids = _judge_ids(user)
    referred_only = case.assigned_judge_id not in judge_ids and case.referred_judge_id in judge_ids
    if referred_only and case.referred_judge is not None:  # not None: its id is the user's judge's
        return case.referred_judge
    return case.assigned_judge
