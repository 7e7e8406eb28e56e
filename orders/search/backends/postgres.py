"""The full-text backend (PostgreSQL).

The stored ``Order.search_vector`` (kept by triggers, migrations 0004 and 0009) under the GIN index
``order_search_vector_gin``, queried with ``websearch_to_tsquery('english', …)``: quoted phrases,
``or``, ``-word``. Ranked with ``ts_rank`` (title/caption/number A, parties and judge B, body C);
snippets mark the words with the query's stems (``highlight.py``), for the shown page only.

Queries per search: two, whatever the number of matches — the summary (one statement: the
newest ``max_candidates`` matches, their count, facet counts and the shown page's ids, see
``SUMMARY_SQL``) and the page's orders (``orders.search``); one more with a party filter (the
words to look up, ``parties.party_words``), one more when reading the newest orders for common
words falls short of the cap (``walk_size``), and one every ten minutes for PostgreSQL's
statistics (``statistics.StatisticsCache``).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from ...models import Order
from ..highlight import highlight, stem, stems
from ..query import STOP_WORDS, ParsedQuery, SearchParams
from ..results import FacetCounts, Summary
from .base import NEWEST, SearchBackend, SearchRequest
from .parties import PartyWordsMatch, party_words
from .statistics import StatisticsCache

ERROR_NOT_POSTGRESQL = (
    "SEARCH_BACKEND 'postgres' needs a PostgreSQL database (the default database is {vendor}); "
    "use 'simple' or set DATABASE_URL=postgres://…"
)

# -- Common words: the newest orders read in date order -------------------------------------------
# PostgreSQL estimates how many orders have all the words of a query by multiplying the words'
# frequencies. Words that go together ("summary judgment": 8% of orders have both, not 0.7%) are
# underestimated, and then every match is read and sorted by date: 1.5 s at a million orders.
# When even the rarest word of a query is common, reading the newest orders in date order until
# the cap is reached is cheap and exact; the frequencies come from PostgreSQL's own statistics of
# the search document (kept by ANALYZE).

WALK_BUDGET = 20_000  # newest orders read at most (about 100 ms); beyond that the GIN index answers
WALK_MIN_MATCHES = 30_000  # fewer orders with the rarest word: reading them all is cheaper
STATS_SECONDS = 600

# The newest candidates (the ORM's query, with the user's visibility and the filters; one more
# than kept, to tell "more than"), then in one statement: their count, the counts per judge, type
# and year, and the ids of the shown page in relevance or date order. Ranking only the kept
# candidates (joined back by primary key) keeps ts_rank off every row the cap drops.
SUMMARY_SQL = """
WITH candidates AS MATERIALIZED ({candidates}),
kept AS (SELECT * FROM candidates c ORDER BY {date_order} LIMIT %s),
ordered AS (SELECT c.id, row_number() OVER (ORDER BY {order}) AS position FROM kept c {rank_join}),
shown AS (SELECT GREATEST(1, LEAST(%s, CEIL(count(*) / %s::numeric)::int)) AS page FROM kept)
SELECT 0, o.id, NULL, NULL, NULL, o.position
FROM ordered o, shown s
WHERE o.position > (s.page - 1) * %s AND o.position <= s.page * %s
UNION ALL
SELECT GROUPING(c.judge_id, c.order_type, year) + 1, c.judge_id, c.order_type, year,
       (SELECT j.full_name FROM orders_judge j WHERE j.id = c.judge_id), count(*)
FROM kept c, LATERAL (SELECT EXTRACT(YEAR FROM c.date)::int AS year) y
GROUP BY GROUPING SETS ((c.judge_id), (c.order_type), (year), ())
UNION ALL
SELECT 9, NULL, NULL, NULL, NULL, count(*) FROM candidates
"""
_DATE_ORDER = "c.date DESC NULLS FIRST, c.id DESC"
_RANK_ORDER = "ts_rank(r.search_vector, websearch_to_tsquery('english'::regconfig, %s)) DESC, " + _DATE_ORDER
_RANK_JOIN = "JOIN orders_order r ON r.id = c.id"
# GROUPING(judge, type, year) + 1 tells which set a row counts: 4 = by judge (type and year
# aggregated: 2 + 1, plus 1), 6 = by type, 7 = by year, 8 = all kept; 9 counts every candidate.
_BY_JUDGE, _BY_TYPE, _BY_YEAR, _KEPT, _FOUND = 4, 6, 7, 8, 9


class PostgresBackend(SearchBackend):
    full_text = True
    walk_budget = WALK_BUDGET
    walk_min_matches = WALK_MIN_MATCHES

    def __init__(self) -> None:
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(ERROR_NOT_POSTGRESQL.format(vendor=connection.vendor))
        self.statistics = StatisticsCache(STATS_SECONDS)

    def summary(self, request: SearchRequest) -> Summary:
        """The newest matches read in date order when the words are common (``walk_size``) and
        the cap is reached among them; else the matches the planner finds (the GIN index)."""
        filtered = self.filtered(request)
        rank_text = request.parsed.text if request.ranked else None
        if not request.words:
            return self._summary(self._candidates(filtered), rank_text, request.page)
        if walk := self.walk_size(request.parsed, request.params):
            summary = self._summary(
                self._walked(filtered, walk, request.parsed.text), rank_text, request.page
            )
            if summary.more:  # else fewer than the cap among the newest orders: ask the index
                return summary
        query = SearchQuery(request.parsed.text, search_type="websearch", config="english")
        return self._summary(self._candidates(filtered.filter(search_vector=query)), rank_text, request.page)

    def snippet(self, order: Order, parsed: ParsedQuery) -> SafeString:
        words = [w for t in parsed.positive_terms for w in t.words]
        return highlight(order.body, stems(words, stop_words=STOP_WORDS))

    def party_filter(self, orders: QuerySet[Order], party: str) -> QuerySet[Order]:
        """``party_names`` contains the letters (trigram index), and, when a short list of words
        every matching name has exists, the search document has one of them (the GIN index);
        one query to choose the words."""
        words = party_words(party)
        if words == []:  # no party has such a name
            return orders.none()
        orders = orders.filter(party_names__icontains=party)
        return orders if words is None else orders.filter(PartyWordsMatch(words))

    def walk_size(self, parsed: ParsedQuery, params: SearchParams) -> int | None:
        """How many of the newest orders that pass the filters to read in date order, or None to
        let the planner choose: only words (one group, no ``or``), no party or case number (they
        leave too few orders), the rarest word in so many orders that reading every match would
        be slow, and common enough that the cap is reached within ``walk_budget`` orders read
        (those the filters drop count too; the judge and the dates are read from the index)."""
        if len(parsed.groups) != 1 or params.party or params.case_number or parsed.case_key:
            return None
        words = [
            w for term in parsed.groups[0] if not term.negated for w in term.words if w not in STOP_WORDS
        ]
        if not words:
            return None
        statistics = self.statistics.get()
        rarest = min(statistics.lexemes.get(stem(word), 0.0) for word in words)
        if rarest * statistics.orders < self.walk_min_matches:
            return None
        walk = int(2 * (self.max_candidates + 1) / rarest)  # twice the estimate: a pair is rarer
        share = statistics.filter_share(params)
        return walk if share > 0 and walk / share <= self.walk_budget else None

    def _candidates(self, matches: QuerySet[Order]) -> tuple[str, list] | None:
        """The newest ``max_candidates`` + 1 matches (the planner chooses how); None if nothing
        can match (e.g. a user of no chambers)."""
        newest = matches.order_by(*NEWEST).values("id", "judge_id", "order_type", "date")
        return _sql(newest[: self.max_candidates + 1])

    def _walked(self, filtered: QuerySet[Order], walk: int, text: str) -> tuple[str, list] | None:
        """The newest ``max_candidates`` + 1 matches among the ``walk`` newest orders, read in
        date order (see ``walk_size``)."""
        newest = filtered.order_by(*NEWEST).values("id", "judge_id", "order_type", "date", "search_vector")
        walked = _sql(newest[:walk])
        if walked is None:
            return None
        sql, params = walked
        return (
            f"SELECT w.id, w.judge_id, w.order_type, w.date FROM ({sql}) w "  # noqa: S608 - the ORM's SQL
            "WHERE w.search_vector @@ websearch_to_tsquery('english'::regconfig, %s) "
            "ORDER BY w.date DESC NULLS FIRST, w.id DESC LIMIT %s",
            [*params, text, self.max_candidates + 1],
        )

    def _summary(self, candidates: tuple[str, list] | None, rank_text: str | None, page: int) -> Summary:
        """The summary in one statement (see ``SUMMARY_SQL``)."""
        if candidates is None:  # nothing can match
            return Summary(0, False, FacetCounts(), [])
        candidates_sql, candidates_params = candidates
        sql = SUMMARY_SQL.format(
            candidates=candidates_sql,
            date_order=_DATE_ORDER,
            order=_RANK_ORDER if rank_text is not None else _DATE_ORDER,
            rank_join=_RANK_JOIN if rank_text is not None else "",
        )
        params = [*candidates_params, self.max_candidates, *([rank_text] if rank_text is not None else [])]
        params += [page, self.per_page, self.per_page, self.per_page]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        shown = sorted((position, pk) for kind, pk, _type, _year, _name, position in rows if kind == 0)
        counts, kept, found = FacetCounts(), 0, 0
        for kind, judge_id, order_type, year, name, count in rows:
            if kind == _BY_JUDGE:
                counts.judges[(judge_id, name)] = count
            elif kind == _BY_TYPE:
                counts.order_types[order_type] = count
            elif kind == _BY_YEAR:
                counts.years[year] = count
            elif kind == _KEPT:
                kept = count
            elif kind == _FOUND:
                found = count
        return Summary(kept, found > self.max_candidates, counts, [pk for _, pk in shown])


def _sql(queryset: QuerySet) -> tuple[str, list] | None:
    """The queryset's SQL and parameters, or None when it can match nothing (``IN ()``)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)
