"""The lookups the pages need: cases by number or name, pending entries, recent orders, drafts."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from ..case_numbers import case_number_key
from ..models import (
    Case,
    DocketEntry,
    EntryKind,
    ImportedFile,
    Order,
    Party,
)
from .visibility import User, cases_for_user, orders_for_user


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
    """The orders the chambers works on, most recently changed first; imported past orders
    only after them (an archive import must not bury the drafts)."""
    imported = ExpressionWrapper(Q(source=Order.Source.IMPORTED), output_field=BooleanField())
    return (
        orders_for_user(user)
        .select_related("case")
        .annotate(imported=imported)
        .order_by("imported", "-updated_at")[:limit]
    )


def imported_file_of(order: Order) -> ImportedFile | None:
    """The file an order came from (an imported past order's, a proposed order's), if kept."""
    return ImportedFile.objects.filter(order=order).defer("data").first() if order.pk else None


def parties_of_case(case: Case) -> QuerySet[Party]:
    return case.parties.all()


MOTION_KINDS = [EntryKind.MOTION, EntryKind.REQUEST]


def drafts_for_user(user: User) -> QuerySet[Order]:
    """Drafts of the user's chambers, the user's own first, most recently changed first."""
    return (
        orders_for_user(user)
        .filter(status=Order.Status.DRAFT)
        .prefetch_related("docket_entries")
        .order_by("judge__full_name", "-updated_at")
    )
