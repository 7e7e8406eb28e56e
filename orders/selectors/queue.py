"""The chambers' work: its pending motions with the order in progress for each and the CJRA
six-month flag (the queue), the orders awaiting the judge's signature, the orders sent back."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import cjra
from ..models import ChambersMembership, DocketEntry, Judge, Order, OrderComment, OrderDocketEntry
from ..motions.asks import Ask, classify_entry
from .lookups import MOTION_KINDS
from .roles import membership_for
from .visibility import User, cases_for_user, orders_for_user

IN_PROGRESS = (Order.Status.DRAFT, Order.Status.READY)


def orders_in_progress(user: User, entries: Iterable[DocketEntry]) -> dict[int, list[Order]]:
    """For each entry id, the drafts and orders awaiting signature that address it and that the
    user may see (one query)."""
    ids = [entry.pk for entry in entries]
    found: dict[int, list[Order]] = defaultdict(list)
    if not ids:
        return found
    links = (
        OrderDocketEntry.objects.filter(docket_entry_id__in=ids, order__status__in=IN_PROGRESS)
        .filter(order__in=orders_for_user(user))
        .select_related("order", "order__created_by", "order__judge", "order__case")
        .order_by("order__created_at", "order_id")
    )
    for link in links:
        found[link.docket_entry_id].append(link.order)
    return found


def with_orders_in_progress(user: User, entries: Iterable[DocketEntry]) -> list[DocketEntry]:
    """The entries, each with ``orders_in_progress`` (a list) for the pages."""
    entries = list(entries)
    found = orders_in_progress(user, entries)
    for entry in entries:
        entry.orders_in_progress = found.get(entry.pk, [])  # type: ignore[attr-defined]
    return entries


@dataclass(frozen=True)
class QueueRow:
    entry: DocketEntry
    age_days: int
    ask: str  # what the motion asks (its text when the classifier finds nothing it knows)
    orders: list[Order]  # drafts and orders awaiting signature for it
    cjra: bool  # on the next six-month list unless decided by the cut-off


@dataclass(frozen=True)
class Queue:
    judge: Judge
    today: datetime.date
    cutoff: datetime.date  # the next CJRA cut-off (March 31 or September 30)
    listed_if_filed_before: datetime.date
    rows: list[QueueRow]

    @property
    def flagged(self) -> list[QueueRow]:
        return [row for row in self.rows if row.cjra]


def what_is_asked(entry: DocketEntry) -> str:
    ask = classify_entry(entry)
    return entry.description if ask == Ask.OTHER else str(ask.label)


def chambers_judge_for_user(user: User, judge_id: int) -> Judge:
    """A judge whose chambers the user works in, or 404 (another chambers is not confirmed)."""
    judge = get_object_or_404(Judge.objects.select_related("court"), pk=judge_id)
    if membership_for(user, judge) is None:
        raise Http404("No such chambers.")
    return judge


def pending_motions_of_chambers(user: User, judge: Judge) -> QuerySet[DocketEntry]:
    """The motions and requests pending in the cases of the judge's chambers (assigned or
    referred) that the user may see, oldest first."""
    cases = cases_for_user(user).filter(Q(assigned_judge=judge) | Q(referred_judge=judge))
    return (
        DocketEntry.objects.filter(case__in=cases, pending=True, kind__in=MOTION_KINDS)
        .select_related("case", "filing_party")
        .order_by("date_filed", "case_id", "number")
    )


def chambers_queue(user: User, judge: Judge, *, today: datetime.date | None = None) -> Queue:
    today = today or timezone.localdate()
    cutoff = cjra.next_cutoff(today)
    entries = list(pending_motions_of_chambers(user, judge))
    in_progress = orders_in_progress(user, entries)
    rows = [
        QueueRow(
            entry=entry,
            age_days=cjra.age_in_days(entry.date_filed, today),
            ask=what_is_asked(entry),
            orders=in_progress.get(entry.pk, []),
            cjra=cjra.listed_at(entry.date_filed, cutoff),
        )
        for entry in entries
    ]
    return Queue(
        judge=judge,
        today=today,
        cutoff=cutoff,
        listed_if_filed_before=cjra.six_months_before(cutoff),
        rows=rows,
    )


def awaiting_signature_for_user(user: User) -> QuerySet[Order]:
    """Orders ready for signature in the chambers where the user is the judge, oldest first."""
    judge_ids = ChambersMembership.objects.filter(user=user.pk, role=ChambersMembership.Role.JUDGE).values(
        "judge_id"
    )
    return (
        orders_for_user(user)
        .filter(status=Order.Status.READY, judge_id__in=judge_ids)
        .prefetch_related("docket_entries")
        .order_by("updated_at")
    )


def sent_back_for_user(user: User) -> list[Order]:
    """Drafts of the user's chambers that a judge sent back, each with ``send_back_comment`` (the
    latest comment of the send-back), the user's own first."""
    orders = list(orders_for_user(user).filter(status=Order.Status.DRAFT, comments__isnull=False).distinct())
    found = []
    for order in orders:
        comment = send_back_comment(order)
        if comment is not None:
            order.send_back_comment = comment  # type: ignore[attr-defined]
            found.append(order)
    mine = [order for order in found if order.created_by_id == user.pk]
    return mine + [order for order in found if order.created_by_id != user.pk]


def send_back_comment(order: Order) -> OrderComment | None:
    """The judge's comment when the order is a draft sent back and not sent again since: the
    latest comment, when it was written after the order was last sent for signature."""
    if order.status != Order.Status.DRAFT:
        return None
    latest = order.comments.select_related("author").order_by("-created_at", "-pk").first()
    if latest is None:
        return None
    last_sent = (
        order.history.filter(history_change_reason="sent for signature")
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if last_sent is not None and last_sent > latest.created_at:
        return None
    return latest
