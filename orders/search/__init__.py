"""Search over past orders: ``search_orders(user, params, page_number=…)`` is the only entry point.

It covers every order the user may see (the visibility of ``selectors``: chambers isolation
stays there), and asks the engine of ``settings.SEARCH_BACKEND`` (``backends/``: full text on
PostgreSQL, substring matching on SQLite) for the matches' count, facet counts and shown page;
then it loads the page's orders, has the engine mark them, and labels the facets.

- ``query.py``: the query syntax (``"a phrase"``, ``or``, ``-word``, a case number) and the filters;
- ``results.py``: what a search returns, and the labels of the facets;
- ``highlight.py``: the snippets; ``forms.py``: the search page's form.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from ..selectors import User, orders_visible, visibility_for
from .backends import get_backend
from .backends.base import SearchRequest
from .query import (
    MESSAGE_NO_WORDS,
    MESSAGE_ONLY_STOP_WORDS,
    SORT_DATE,
    SORT_RELEVANCE,
    SearchParams,
    parse_query,
)
from .results import Hit, SearchResults, facets

__all__ = ["SearchParams", "SearchResults", "search_orders"]

MESSAGE_MANY_MATCHES = (
    "More than {n:,} orders match: the count, the order of relevance and the counts beside the results "
    "cover the {n:,} most recent. Add words or filters to narrow the search."
)
MESSAGE_PAGE_PAST_END = "There is no page {asked}; showing page {shown} of {total}."

# What a result shows (templates/orders/search.html) and the snippet needs.
SHOWN_FIELDS = (
    "id",
    "title",
    "date",
    "status",
    "needs_review",
    "body",
    "case__number",
    "case__short_caption",
    "judge__full_name",
)


def search_orders(user: User, params: SearchParams, *, page_number: str | int | None = 1) -> SearchResults:
    """Orders the user may see that match ``params``: one page of hits with snippets, and facets.
    No words and no filters: the newest orders the user may see.

    Two queries on either engine, whatever the number of matches (plus the user's visibility,
    once per request): the summary (the newest ``max_candidates`` matches, from which the count,
    the facets and the page's order come), then the page's orders. Past the cap the count is
    shown as "more than", and relevance and facets cover the newest matches (so a one-word query
    matching most of a court's orders stays fast: see bench/bench_search.py).
    """
    backend = get_backend()
    parsed = parse_query(params.q)
    messages = list(parsed.messages)
    words = parsed.has_terms and not parsed.only_stop_words
    ranked = words and backend.full_text and params.sort != SORT_DATE
    sort = SORT_RELEVANCE if ranked else SORT_DATE
    if parsed.has_terms and parsed.only_stop_words:
        messages.append(MESSAGE_ONLY_STOP_WORDS)
    elif params.q.strip() and not parsed.has_terms and not parsed.case_key:
        messages.append(MESSAGE_NO_WORDS)
    if params.q.strip() and not words and not parsed.case_key:
        return SearchResults(parsed, None, [], None, backend.full_text, sort, messages)

    visibility = visibility_for(user)
    number = _page_number(page_number)
    summary = backend.summary(SearchRequest(visibility, params, parsed, words, sort, number))
    if summary.more:
        messages.append(MESSAGE_MANY_MATCHES.format(n=backend.max_candidates))
    page = _page(Paginator(range(summary.total), backend.per_page), number, messages)
    ids = summary.page_ids
    page.object_list = ids
    shown = orders_visible(visibility).filter(id__in=ids).select_related("case", "judge").only(*SHOWN_FIELDS)
    by_id = {order.pk: order for order in shown.order_by()} if ids else {}
    hits = [Hit(by_id[i], backend.snippet(by_id[i], parsed)) for i in ids if i in by_id]
    return SearchResults(
        parsed, page, hits, facets(summary.counts), backend.full_text, sort, messages, more=summary.more
    )


def _page_number(page_number: str | int | None) -> int:
    try:
        number = int(str(page_number or 1).strip()[:9])
    except ValueError:
        number = 1
    return max(number, 1)


def _page(paginator: Paginator, number: int, messages: list[str]) -> Page:
    if number > paginator.num_pages:
        messages.append(
            MESSAGE_PAGE_PAST_END.format(asked=number, shown=paginator.num_pages, total=paginator.num_pages)
        )
        number = paginator.num_pages
    return paginator.page(number)
