"""The simple backend (the embedded SQLite database): substring matching, newest first.

The same query syntax as full-text search, matched with ``icontains`` over the same fields
(title, text, caption, case number, judge, party names); no stemming and no ranking. Two queries
a search: the newest ``max_candidates`` + 1 matches as rows (counted here), then the page.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString

from ...models import Order
from ..highlight import plain_highlight
from ..query import ParsedQuery, Term
from ..results import FacetCounts, Summary
from .base import NEWEST, SearchBackend, SearchRequest
from .parties import parties_named


class SimpleBackend(SearchBackend):
    full_text = False

    def summary(self, request: SearchRequest) -> Summary:
        matches = self.filtered(request)
        if request.words:
            matches = matches.filter(_match(request.parsed))
        columns = ("id", "judge_id", "judge__full_name", "order_type", "date")
        rows = list(matches.order_by(*NEWEST).values_list(*columns)[: self.max_candidates + 1])
        more = len(rows) > self.max_candidates
        rows = rows[: self.max_candidates]
        counts = FacetCounts(
            order_types=Counter(row[3] for row in rows),
            judges=Counter((row[1], row[2]) for row in rows),
            years=Counter(row[4].year if row[4] else None for row in rows),
        )
        page = rows[self.page_slice(len(rows), request.page)]
        return Summary(len(rows), more, counts, [row[0] for row in page])

    def snippet(self, order: Order, parsed: ParsedQuery) -> SafeString:
        return plain_highlight(order.body, [t.text for t in parsed.positive_terms if t.text])

    def party_filter(self, orders: QuerySet[Order], party: str) -> QuerySet[Order]:
        return orders.filter(case_id__in=parties_named(party).values("case_id"))


def _term_q(term: Term) -> Q:
    value = term.text
    parties = parties_named(value).filter(case_id=OuterRef("case_id"))
    words = (
        Q(title__icontains=value)
        | Q(body__icontains=value)
        | Q(case__short_caption__icontains=value)
        | Q(case__number__icontains=value)
        | Q(judge__full_name__icontains=value)
    )
    return cast(Q, words | Exists(parties))  # Q | a boolean expression is a Q


def _match(parsed: ParsedQuery) -> Q:
    """The web-search syntax as substring matching: OR of groups, AND of terms, ``-`` excludes."""
    match = Q()
    for group in parsed.groups:
        both = Q()
        for term in group:
            both &= ~_term_q(term) if term.negated else _term_q(term)
        match |= both
    return match
