"""The interface every search engine implements, and what they share.

A backend is given what the user may see as data (``Visibility``: the judges whose chambers the
user works in and the sealed cases to hide), the filters and the parsed query, and answers with a
``Summary``: the number of matches kept (at most ``max_candidates``, the newest), their counts per
order type, judge and year, and the ids of the shown page. It never sees the user, a request or a
label; the search page's orders are loaded by ``orders.search`` from the ids. So an engine outside
the database (OpenSearch, fed from the same document) fits behind the same four methods, with
visibility applied as a filter on the judge ids.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.safestring import SafeString

from ...case_numbers import case_number_key
from ...models import Order
from ...selectors import Visibility, orders_visible
from ..query import SORT_RELEVANCE, ParsedQuery, SearchParams, clean_text
from ..results import Summary

PER_PAGE = 20
MAX_CANDIDATES = 500

# The newest first (undated drafts before all): the candidates' order, and of ties in relevance.
NEWEST = (F("date").desc(nulls_first=True), F("id").desc())


@dataclass(frozen=True)
class SearchRequest:
    """One search as a backend sees it."""

    visibility: Visibility
    params: SearchParams
    parsed: ParsedQuery
    words: bool  # there are words to match (not only a case number, filters or stop words)
    sort: str  # SORT_RELEVANCE or SORT_DATE
    page: int  # 1-based; past the last page the backend answers the last one

    @property
    def ranked(self) -> bool:
        return self.words and self.sort == SORT_RELEVANCE


class SearchBackend(ABC):
    """A search engine. One instance serves the process (``orders.search.backends.get_backend``)."""

    full_text: bool  # stemmed words and a relevance order (the page says when not)
    max_candidates = MAX_CANDIDATES
    per_page = PER_PAGE

    @abstractmethod
    def summary(self, request: SearchRequest) -> Summary:
        """The count, facet counts and shown page's ids of the matches (see the module)."""

    @abstractmethod
    def snippet(self, order: Order, parsed: ParsedQuery) -> SafeString:
        """An escaped extract of the order's text with the matched words in ``<mark>``."""

    @abstractmethod
    def party_filter(self, orders: QuerySet[Order], party: str) -> QuerySet[Order]:
        """Orders of cases with a party whose name or caption name contains ``party``."""

    def filtered(self, request: SearchRequest) -> QuerySet[Order]:
        """The orders the user may see that pass the filters (no words matched yet)."""
        params, parsed = request.params, request.parsed
        orders = orders_visible(request.visibility)
        lookups = {
            "judge": params.judge,
            "order_type": params.order_type or None,
            "status": params.status or None,
            "date__gte": params.date_from or None,
            "date__lte": params.date_to or None,
            "case__pro_se": True if params.pro_se else None,
            "case__prisoner": True if params.prisoner else None,
        }
        orders = orders.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})
        for number in (params.case_number, parsed.case_number):
            if number:
                orders = orders.filter(case__number_key=case_number_key(number) or "-")
        if params.party:
            orders = self.party_filter(orders, clean_text(params.party))
        return orders

    def page_slice(self, total: int, page: int) -> slice:
        """The positions (0-based) of the shown page among ``total`` kept matches."""
        pages = max(1, -(-total // self.per_page))
        number = min(page, pages)
        return slice((number - 1) * self.per_page, number * self.per_page)
