"""What a search returns: the counts a backend gives, and the page the search page shows.

A backend answers with a ``Summary`` of raw counts (order-type keys, judge ids, years) and the ids
of the shown page; ``facets`` turns the counts into labelled ``Facets`` here, so no backend knows
how the page words an order type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.utils.safestring import SafeString

from ..models import Order
from ..order_types import registry
from ..templatetags.order_pages import headline
from .query import ParsedQuery

IMPORTED_ORDER_TYPE = "imported"  # the key services give imported past orders (IMPORTED_ORDER_TYPE)
IMPORTED_LABEL = "Imported past order"


@dataclass(frozen=True)
class FacetCounts:
    """How many of the kept matches there are per order type, judge and year."""

    order_types: Counter[str] = field(default_factory=Counter)
    judges: Counter[tuple[int, str]] = field(default_factory=Counter)  # (id, full name)
    years: Counter[int | None] = field(default_factory=Counter)  # None: orders without a date


@dataclass(frozen=True)
class Summary:
    """A backend's answer: how many matches are kept (at most the cap), whether there are more,
    their counts, and the ids of the shown page in the order asked for."""

    total: int
    more: bool
    counts: FacetCounts
    page_ids: list[int]


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    order_types: list[FacetCount]
    judges: list[FacetCount]
    years: list[FacetCount]


@dataclass(frozen=True)
class Hit:
    order: Order
    snippet: SafeString


@dataclass
class SearchResults:
    query: ParsedQuery
    page: Page | None
    hits: list[Hit]
    facets: Facets | None
    full_text: bool  # stemmed and ranked (False: the simple backend's substring matching)
    sort: str  # the order the hits are in: SORT_RELEVANCE or SORT_DATE
    messages: list[str] = field(default_factory=list)
    more: bool = False  # more than the cap of matches: ``total`` is a lower bound

    @property
    def total(self) -> int:
        return self.page.paginator.count if self.page is not None else 0


def facets(counts: FacetCounts) -> Facets:
    """The counts with their labels, the largest first (years: the newest first)."""
    return Facets(
        order_types=[
            FacetCount(key, order_type_label(key), n)
            for key, n in sorted(counts.order_types.items(), key=lambda i: (-i[1], i[0]))
        ],
        judges=[
            FacetCount(str(pk), name, n)
            for (pk, name), n in sorted(counts.judges.items(), key=lambda i: (-i[1], i[0][1]))
        ],
        years=[
            FacetCount(str(year or ""), str(year) if year else "No date", n)
            for year, n in sorted(counts.years.items(), key=lambda i: -(i[0] or 0))
        ],
    )


def order_type_label(key: str) -> str:
    """The order type's title as the wizard shows it ("Order Denying Discovery Motion"); imported
    past orders and keys no longer in the library get a readable form of the key."""
    try:
        return headline(registry.get(key).title)
    except registry.UnknownOrderType:
        return IMPORTED_LABEL if key == IMPORTED_ORDER_TYPE else key.replace("_", " ").capitalize()


def order_type_choices() -> list[tuple[str, str]]:
    """The order-type filter's choices: every type of the library by its title, then imported
    past orders."""
    library = sorted(((t.key, headline(t.title)) for t in registry.all()), key=lambda choice: choice[1])
    return [*library, (IMPORTED_ORDER_TYPE, IMPORTED_LABEL)]
