"""Search over past orders: the selector behind the search page.

One entry point, ``search_orders(user, params, page_number=…)``, over every order the user may
see (``selectors.orders_for_user``: chambers isolation stays there).

- **PostgreSQL**: the stored ``Order.search_vector`` (kept by triggers, migrations 0004 and 0009) under
  the GIN index ``order_search_vector_gin``, queried with ``websearch_to_tsquery('english', …)``:
  quoted phrases, ``or``, ``-word``. Ranked with ``ts_rank`` (title/caption/number A, parties and
  judge B, body C); snippets mark the words with the query's stems (``highlight.py``) and are made
  for the shown page only.
- **SQLite** (the embedded default): the same query syntax is parsed here and matched with
  ``icontains`` over the same fields; no stemming, no ranking (newest first), and a simple
  snippet cut around the first matching word.

A case number in the query, however written ("3:14-cv-5578", "C 13-4426 EDL (PR)"), becomes a
filter on the case's canonical number (``case_number_key``) on both databases.

Queries per search: two, whatever the number of matches (see ``search_orders``); one more with
a party filter (the words to look up, ``party_words``), one more when reading the newest orders
for common words falls short of the cap (``_walk_size``), and one every ten minutes for
PostgreSQL's statistics (``search_statistics``).
"""

from __future__ import annotations

import datetime
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import cast

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .case_numbers import case_number_key
from .highlight import highlight, stem, stems
from .models import Judge, Order, Party
from .order_types import registry
from .selectors import User, orders_for_user
from .templatetags.order_pages import headline

MAX_QUERY_LENGTH = 300
MAX_TERMS = 20
PER_PAGE = 20
MAX_CANDIDATES = 500
SNIPPET_CHARS = 240

MESSAGE_TRUNCATED = "Your search was too long; only its first {n} characters were used."
MESSAGE_ONLY_STOP_WORDS = (
    "Your search has only very common words (such as “the”, “and”, “of”), which are not indexed. "
    "Add a more specific word, or put a phrase in quotes with other words."
)
MESSAGE_NO_WORDS = "Your search has no words to look for."
MESSAGE_TOO_MANY_TERMS = "Your search has too many words; only the first {n} were used."
MESSAGE_MANY_MATCHES = (
    "More than {n:,} orders match: the count, the order of relevance and the counts beside the results "
    "cover the {n:,} most recent. Add words or filters to narrow the search."
)
MESSAGE_PAGE_PAST_END = "There is no page {asked}; showing page {shown} of {total}."

# Markers put around matches in the simple snippet: private-use characters that never reach the
# page (the query and the imported text are cleaned of them), replaced by <mark> after escaping.
_START, _STOP = "\ue000", "\ue001"

# Control characters (NUL included: PostgreSQL refuses it in a string), zero-width and
# private-use characters: replaced by a space before anything else sees the query.
_UNWANTED = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\ue000-\uf8ff]")

# PostgreSQL's English stop words (tsearch_data/english.stop): never indexed.
_STOP_WORDS_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# A case number inside a longer query: CM/ECF ("3:14-cv-05578-MEJ", "14-cv-5578") or the legacy
# N.D. Cal. form ("C 13-4426 EDL (PR)"; initials only in capitals so "C 13-4426 order" keeps "order").
CASE_NUMBER_IN_TEXT = re.compile(
    r"""(?<![\w-])(?:\d{1,2}:)?(?:\d{2}|\d{4})-(?i:[a-z]{2})-\d{1,5}(?:-[A-Za-z]{1,5}){0,2}(?![\w-])
    |(?<![\w-])(?i:cv|cr|c)[\s.-]?(?:\d{2}|\d{4})-\d{1,5}(?:\s+[A-Z]{1,5}\b)?(?:\s*\((?i:[a-z]{1,4})\))?""",
    re.VERBOSE,
)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}<>«»“”‘’*&|!"


def clean_text(value: str) -> str:
    """Drop control, zero-width and private-use characters; collapse whitespace."""
    return " ".join(_UNWANTED.sub(" ", value or "").split())


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    phrase: bool = False

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in re.findall(r"\w+", self.text)]


@dataclass
class ParsedQuery:
    """The user's query as cleaned and understood: the text for the full-text engine, a case
    number found in it, and (for the simple matching) OR-groups of AND-ed terms."""

    text: str = ""
    case_key: str | None = None
    case_number: str = ""
    groups: list[list[Term]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[Term]:
        return [t for group in self.groups for t in group if not t.negated]

    @property
    def has_terms(self) -> bool:
        return any(self.groups)

    @property
    def only_stop_words(self) -> bool:
        """Every word to look for is a stop word (nothing a full-text index can find)."""
        words = [w for t in self.positive_terms for w in t.words]
        return bool(words) and all(w in STOP_WORDS for w in words)


def parse_query(raw: str) -> ParsedQuery:
    parsed = ParsedQuery()
    text = clean_text(raw)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        parsed.messages.append(MESSAGE_TRUNCATED.format(n=MAX_QUERY_LENGTH))
    if key := case_number_key(text):
        parsed.case_key, parsed.case_number = key, text
        return parsed
    if (match := CASE_NUMBER_IN_TEXT.search(text)) and (key := case_number_key(match.group(0))):
        parsed.case_key, parsed.case_number = key, match.group(0)
        text = clean_text(text[: match.start()] + " " + text[match.end() :])
    parsed.text = text

    groups: list[list[Term]] = [[]]
    count = 0
    for token in _TOKEN.finditer(text):
        minus, phrase, word = token.groups()
        if word is not None and word.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        if word is not None:
            negated = word.startswith("-") and len(word) > 1
            value = word.lstrip("-").strip(_EDGE_PUNCTUATION) if negated else word.strip(_EDGE_PUNCTUATION)
            term = Term(value, negated=negated)
        else:
            term = Term(" ".join(phrase.split()), negated=bool(minus), phrase=True)
        if not term.words:
            continue
        count += 1
        if count > MAX_TERMS:
            parsed.messages.append(MESSAGE_TOO_MANY_TERMS.format(n=MAX_TERMS))
            break
        groups[-1].append(term)
    parsed.groups = [g for g in groups if g]
    return parsed


@dataclass(frozen=True)
class SearchParams:
    """What the user asked for: the query and the filters (validated by the search form)."""

    q: str = ""
    judge: Judge | None = None
    order_type: str = ""
    status: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    case_number: str = ""
    party: str = ""
    pro_se: bool = False
    prisoner: bool = False
    sort: str = ""  # "relevance" (default when there are words) or "date"

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.q.strip(),
                self.judge,
                self.order_type,
                self.status,
                self.date_from,
                self.date_to,
                self.case_number,
                self.party,
                self.pro_se,
                self.prisoner,
            )
        )


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
    full_text: bool
    sort: str
    messages: list[str] = field(default_factory=list)
    more: bool = False  # more than MAX_CANDIDATES matches: ``total`` is a lower bound

    @property
    def total(self) -> int:
        return self.page.paginator.count if self.page is not None else 0


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def search_orders(user: User, params: SearchParams, *, page_number: str | int | None = 1) -> SearchResults:
    """Orders the user may see that match ``params``: one page of hits with snippets, and facets.

    Two queries, whatever the number of matches: the candidates (the newest ``MAX_CANDIDATES``
    matches), from which the count, the facets and the page's order come; then the page's orders
    with their highlights. Past ``MAX_CANDIDATES`` matches the count is shown as "more than", and
    relevance and facets cover the newest ones (so a one-word query matching most of a court's
    orders stays fast: see bench/bench_search.py).
    """
    parsed = parse_query(params.q)
    full_text = uses_full_text()
    messages = _query_messages(params, parsed)
    words = parsed.has_terms and not parsed.only_stop_words
    sort = params.sort if params.sort in ("relevance", "date") else ("relevance" if words else "date")
    if params.is_empty or (params.q.strip() and not words and not parsed.case_key):
        return SearchResults(parsed, None, [], None, full_text, sort, messages)

    visible = orders_for_user(user)
    filtered = _filtered(visible, params, parsed)
    matches, search_query = filtered, None
    if words and full_text:
        search_query = SearchQuery(parsed.text, search_type="websearch", config="english")
        matches = filtered.filter(search_vector=search_query)
    elif words:
        matches = filtered.filter(_simple_match(parsed))
    ranked = search_query is not None and sort == "relevance"

    if full_text:
        rank_text = parsed.text if ranked else None
        summary = None
        if search_query is not None and (walk := _walk_size(parsed, params)):
            summary = _summary_in_database(_walked(filtered, walk, parsed.text), rank_text, page_number)
            if not summary.more:  # fewer than the cap among the newest orders: ask the index
                summary = None
        if summary is None:
            summary = _summary_in_database(_candidates(matches), rank_text, page_number)
    else:
        summary = _summary_in_python(matches, page_number)
    if summary.more:
        messages.append(MESSAGE_MANY_MATCHES.format(n=MAX_CANDIDATES))
    paginator = Paginator(range(summary.total), PER_PAGE, allow_empty_first_page=True)
    page = _page(paginator, page_number, messages)
    ids = summary.page_ids
    page.object_list = ids

    shown = (
        visible.filter(id__in=ids)
        .select_related(None)
        .select_related("case", "judge")
        .only(*SHOWN_FIELDS)
        .order_by()
    )
    by_id = {order.pk: order for order in shown} if ids else {}
    hits = [Hit(by_id[i], _snippet(by_id[i], parsed, full_text)) for i in ids if i in by_id]
    return SearchResults(parsed, page, hits, summary.facets, full_text, sort, messages, more=summary.more)


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
NEWEST = (F("date").desc(nulls_first=True), F("id").desc())


@dataclass(frozen=True)
class _Summary:
    """The candidates boiled down: how many (capped), the facets and the shown page's ids."""

    total: int
    more: bool
    facets: Facets
    page_ids: list[int]


# The newest candidates (the ORM's query, with the user's visibility and the filters; one more
# than kept, to tell "more than"), then in one statement: their count, the counts per judge, type
# and year, and the ids of the shown page in relevance or date order. Ranking only the kept
# candidates (joined back by primary key) keeps ts_rank off every row the cap drops.
_SUMMARY_SQL = """
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


def _candidates(matches: QuerySet[Order]) -> tuple[str, list] | None:
    """The newest ``MAX_CANDIDATES`` + 1 matches (the planner chooses how); None if nothing can
    match (e.g. a user of no chambers)."""
    newest = matches.order_by(*NEWEST).values("id", "judge_id", "order_type", "date")
    return _sql(newest[: MAX_CANDIDATES + 1])


def _walked(filtered: QuerySet[Order], walk: int, text: str) -> tuple[str, list] | None:
    """The newest ``MAX_CANDIDATES`` + 1 matches among the ``walk`` newest orders, read in date
    order (see ``_walk_size``)."""
    newest = filtered.order_by(*NEWEST).values("id", "judge_id", "order_type", "date", "search_vector")
    walked = _sql(newest[:walk])
    if walked is None:
        return None
    sql, params = walked
    return (
        f"SELECT w.id, w.judge_id, w.order_type, w.date FROM ({sql}) w "  # noqa: S608 - the ORM's SQL
        "WHERE w.search_vector @@ websearch_to_tsquery('english'::regconfig, %s) "
        "ORDER BY w.date DESC NULLS FIRST, w.id DESC LIMIT %s",
        [*params, text, MAX_CANDIDATES + 1],
    )


def _sql(queryset: QuerySet) -> tuple[str, list] | None:
    """The queryset's SQL and parameters, or None when it can match nothing (``IN ()``)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)


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


@dataclass(frozen=True)
class SearchStatistics:
    """PostgreSQL's own statistics (``pg_stats``, kept by ANALYZE) that the search plans with."""

    lexemes: dict[str, float]  # the share of orders with each common lexeme
    orders: float  # how many orders there are
    values: dict[str, dict[str, float]]  # the share of each common value of a filtered column


# The filters read on each order (or its case) while walking, by the column they test.
_WALK_FILTERS = {
    "prisoner": "orders_case",
    "pro_se": "orders_case",
    "status": "orders_order",
    "order_type": "orders_order",
}
_STATISTICS_SQL = """
SELECT NULL, s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples
FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema()
    AND s.tablename = 'orders_order' AND s.attname = 'search_vector'
WHERE c.oid = 'orders_order'::regclass
UNION ALL
SELECT s.attname, s.most_common_vals::text::text[], s.most_common_freqs, NULL
FROM pg_stats s
WHERE s.schemaname = current_schema() AND (s.tablename, s.attname) IN ({columns})
"""
_statistics: tuple[float, SearchStatistics] | None = None


def search_statistics() -> SearchStatistics:
    """The statistics, read in one query every ten minutes."""
    global _statistics
    now = time.monotonic()
    if _statistics is None or now - _statistics[0] > STATS_SECONDS:
        columns = ", ".join(f"('{table}', '{column}')" for column, table in _WALK_FILTERS.items())
        with connection.cursor() as cursor:
            cursor.execute(_STATISTICS_SQL.format(columns=columns))
            rows = cursor.fetchall()
        lexemes, orders, values = {}, 0.0, {}
        for column, common, shares, tuples in rows:
            pairs = dict(zip(common or [], shares or [], strict=False))
            if column is None:
                lexemes, orders = pairs, max(tuples or 0, 0)
            else:
                values[column] = pairs
        _statistics = (now, SearchStatistics(lexemes, orders, values))
    return _statistics[1]


def lexeme_statistics() -> tuple[dict[str, float], float]:
    """The share of orders that have each common lexeme, and how many orders there are."""
    statistics = search_statistics()
    return statistics.lexemes, statistics.orders


def filter_share(params: SearchParams) -> float:
    """The share of orders that pass the filters read on each order during a walk (prisoner,
    pro se, status, order type), from the columns' most common values; 0 when a value is not
    among them (rare: the index answers)."""
    wanted = {
        "prisoner": "t" if params.prisoner else None,
        "pro_se": "t" if params.pro_se else None,
        "status": params.status or None,
        "order_type": params.order_type or None,
    }
    share = 1.0
    for column, value in wanted.items():
        if value is not None:
            share *= search_statistics().values.get(column, {}).get(value, 0.0)
    return share


def _walk_size(parsed: ParsedQuery, params: SearchParams) -> int | None:
    """How many of the newest orders that pass the filters to read in date order, or None to let
    the planner choose: only words (one group, no ``or``), no party or case number (they leave
    too few orders), the rarest word in so many orders that reading every match would be slow,
    and common enough that the cap is reached within ``WALK_BUDGET`` orders read (those the
    filters drop count too; the judge and the dates are read from the index)."""
    if len(parsed.groups) != 1 or params.party or params.case_number or parsed.case_key:
        return None
    words = [w for term in parsed.groups[0] if not term.negated for w in term.words if w not in STOP_WORDS]
    if not words:
        return None
    frequencies, orders = lexeme_statistics()
    rarest = min(frequencies.get(stem(word), 0.0) for word in words)
    if rarest * orders < WALK_MIN_MATCHES:
        return None
    walk = int(2 * (MAX_CANDIDATES + 1) / rarest)  # twice the estimate: a pair is rarer than its words
    share = filter_share(params)
    return walk if share > 0 and walk / share <= WALK_BUDGET else None


def _summary_in_database(candidates: tuple[str, list] | None, rank_text: str | None, page_number) -> _Summary:
    """PostgreSQL: the summary in one statement (see ``_SUMMARY_SQL``)."""
    if candidates is None:  # nothing can match
        return _Summary(0, False, _facets(Counter(), Counter(), Counter()), [])
    candidates_sql, candidates_params = candidates
    sql = _SUMMARY_SQL.format(
        candidates=candidates_sql,
        date_order=_DATE_ORDER,
        order=_RANK_ORDER if rank_text is not None else _DATE_ORDER,
        rank_join=_RANK_JOIN if rank_text is not None else "",
    )
    params = [*candidates_params, MAX_CANDIDATES, *([rank_text] if rank_text is not None else [])]
    params += [_page_number(page_number), PER_PAGE, PER_PAGE, PER_PAGE]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    page = sorted((position, pk) for kind, pk, _type, _year, _name, position in rows if kind == 0)
    judges: Counter[tuple[int, str]] = Counter()
    types: Counter[str] = Counter()
    years: Counter[int] = Counter()
    kept = found = 0
    for kind, judge_id, order_type, year, name, count in rows:
        if kind == _BY_JUDGE:
            judges[(judge_id, name)] = count
        elif kind == _BY_TYPE:
            types[order_type] = count
        elif kind == _BY_YEAR:
            years[year] = count
        elif kind == _KEPT:
            kept = count
        elif kind == _FOUND:
            found = count
    return _Summary(kept, found > MAX_CANDIDATES, _facets(types, judges, years), [pk for _, pk in page])


def _summary_in_python(matches: QuerySet[Order], page_number) -> _Summary:
    """SQLite: the newest candidates as rows, counted here (no ranking without full-text)."""
    rows = list(
        matches.order_by(*NEWEST).values_list("id", "judge_id", "judge__full_name", "order_type", "date")[
            : MAX_CANDIDATES + 1
        ]
    )
    more = len(rows) > MAX_CANDIDATES
    rows = rows[:MAX_CANDIDATES]
    facets = _facets(
        Counter(row[3] for row in rows),
        Counter((row[1], row[2]) for row in rows),
        Counter(row[4].year if row[4] else None for row in rows),
    )
    pages = max(1, -(-len(rows) // PER_PAGE))
    number = min(_page_number(page_number), pages)
    ids = [row[0] for row in rows[(number - 1) * PER_PAGE : number * PER_PAGE]]
    return _Summary(len(rows), more, facets, ids)


def _query_messages(params: SearchParams, parsed: ParsedQuery) -> list[str]:
    """What the page says about the query itself (stop words only, no words at all, …)."""
    messages = list(parsed.messages)
    if parsed.has_terms and parsed.only_stop_words:
        messages.append(MESSAGE_ONLY_STOP_WORDS)
    elif params.q.strip() and not parsed.has_terms and not parsed.case_key:
        messages.append(MESSAGE_NO_WORDS)
    return messages


def _filtered(queryset: QuerySet[Order], params: SearchParams, parsed: ParsedQuery) -> QuerySet[Order]:
    lookups = {
        "judge": params.judge,
        "order_type": params.order_type or None,
        "status": params.status or None,
        "date__gte": params.date_from or None,
        "date__lte": params.date_to or None,
        "case__pro_se": True if params.pro_se else None,
        "case__prisoner": True if params.prisoner else None,
    }
    queryset = queryset.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})
    for number in (params.case_number, parsed.case_number):
        if number:
            queryset = queryset.filter(case__number_key=case_number_key(number) or "-")
    if params.party:
        queryset = party_filter(queryset, clean_text(params.party))
    return queryset


# -- The party filter -------------------------------------------------------------------------------
# "A party of the order's case has a name (or caption name) containing these letters." On
# PostgreSQL the names are on the order itself (``Order.party_names``, kept by triggers), so the
# filter needs no subquery; and the search document holds each word of those names as a lexeme
# ``party <word>`` (migration 0009) that no query can produce. A few such words that every
# matching party has are looked up in the same GIN index as the words searched for: PostgreSQL
# then reads only the orders that have both, however common each is alone.

PARTY_NAMES_READ = 500  # distinct party names read to choose the words; more: no index words
PARTY_WORDS_MAX = 20  # words looked up in the index at most


def party_filter(queryset: QuerySet[Order], party: str) -> QuerySet[Order]:
    """Orders of cases with a party whose name or caption name contains ``party``
    (case-insensitive); one query on PostgreSQL to choose the index words (``party_words``)."""
    if not uses_full_text():
        return queryset.filter(case_id__in=parties_named(party).values("case_id"))
    words = party_words(party)
    if words == []:  # no party has such a name
        return queryset.none()
    queryset = queryset.filter(party_names__icontains=party)
    return queryset if words is None else queryset.filter(PartyWordsMatch(words))


def parties_named(text: str) -> QuerySet[Party]:
    """Parties whose name or caption name contains ``text`` (case-insensitive)."""
    return Party.objects.filter(Q(name__icontains=text) | Q(caption_name__icontains=text))


def party_words(party: str) -> list[str] | None:
    """A few words (as PostgreSQL's ``simple`` configuration indexes them) such that every party
    whose name or caption name contains ``party`` has one of them: an order whose
    ``party_names`` has none of them cannot match. Chosen greedily, the word most names share
    first. ``[]`` when no party matches; None when no such short list exists (too many names,
    or a name without a word), and the filter then reads ``party_names`` only."""
    names = list(
        parties_named(party)
        .annotate(words=_PARTY_WORDS)
        .values_list("words", flat=True)
        .distinct()
        .order_by()[: PARTY_NAMES_READ + 1]
    )
    if len(names) > PARTY_NAMES_READ:
        return None
    remaining = [set(words) for words in names]
    if any(not words for words in remaining):
        return None
    chosen: list[str] = []
    while remaining:
        shared = Counter(word for words in remaining for word in words)
        best = max(shared, key=lambda word: (shared[word], len(word), word))
        chosen.append(best)
        remaining = [words for words in remaining if best not in words]
        if len(chosen) > PARTY_WORDS_MAX:
            return None
    return chosen


class PartyWordsMatch(Func):
    """``search_vector @@ 'party word' | 'party word'``: orders whose case has a party with one of
    these words (lexemes of the ``simple`` configuration; see migration 0009)."""

    template = "%(expressions)s @@ %%s::tsquery"
    output_field = BooleanField()

    def __init__(self, words: list[str]):
        super().__init__(F("search_vector"))
        self.query = " | ".join(_tsquery_lexeme(f"party {word}") for word in words)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return sql, (*params, self.query)


def _tsquery_lexeme(lexeme: str) -> str:
    """A lexeme quoted for PostgreSQL's tsquery input (spaces and quotes kept as they are)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# The words of a party's name and caption name as the index has them (``tsvector_to_array``).
_PARTY_WORDS = Func(
    Concat("name", Value(" "), "caption_name", output_field=TextField()),
    template="tsvector_to_array(to_tsvector('simple'::regconfig, %(expressions)s))",
    output_field=ArrayField(TextField()),
)


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


def _simple_match(parsed: ParsedQuery) -> Q:
    """The web-search syntax as substring matching: OR of groups, AND of terms, ``-`` excludes."""
    match = Q()
    for group in parsed.groups:
        both = Q()
        for term in group:
            both &= ~_term_q(term) if term.negated else _term_q(term)
        match |= both
    return match


def _facets(types: Counter, judges: Counter, years: Counter) -> Facets:
    """Counts per order type, judge ((id, name) keys) and year (None: orders without a date)."""
    return Facets(
        order_types=[
            FacetCount(key, order_type_label(key), n)
            for key, n in sorted(types.items(), key=lambda i: (-i[1], i[0]))
        ],
        judges=[
            FacetCount(str(pk), name, n)
            for (pk, name), n in sorted(judges.items(), key=lambda i: (-i[1], i[0][1]))
        ],
        years=[
            FacetCount(str(year or ""), str(year) if year else "No date", n)
            for year, n in sorted(years.items(), key=lambda i: -(i[0] or 0))
        ],
    )


def order_type_label(key: str) -> str:
    """The order type's title as the wizard shows it ("Order Denying Discovery Motion"); imported
    past orders and keys no longer in the library get a readable form of the key."""
    try:
        return headline(registry.get(key).title)
    except registry.UnknownOrderType:
        return "Imported past order" if key == "imported" else key.replace("_", " ").capitalize()


def _page_number(page_number: str | int | None) -> int:
    try:
        number = int(str(page_number or 1).strip()[:9])
    except ValueError:
        number = 1
    return max(number, 1)


def _page(paginator: Paginator, page_number: str | int | None, messages: list[str]) -> Page:
    number = _page_number(page_number)
    if number > paginator.num_pages:
        messages.append(
            MESSAGE_PAGE_PAST_END.format(asked=number, shown=paginator.num_pages, total=paginator.num_pages)
        )
        number = paginator.num_pages
    return paginator.page(number)


def _snippet(order: Order, parsed: ParsedQuery, stemmed: bool) -> SafeString:
    """Escaped text with <mark> around the matches: words with the query's stems on PostgreSQL
    (as full-text search matched them), else a cut around the first word found as typed."""
    if stemmed:
        words = [w for t in parsed.positive_terms for w in t.words]
        return highlight(order.body, stems(words, stop_words=STOP_WORDS))
    body = " ".join(order.body.split())
    words = [t.text for t in parsed.positive_terms if t.text]
    lowered = body.lower()
    positions = [p for p in (lowered.find(w.lower()) for w in words) if p >= 0]
    start = max(min(positions) - SNIPPET_CHARS // 3, 0) if positions else 0
    if start:
        start = body.find(" ", start) + 1 or start
    cut = body[start : start + SNIPPET_CHARS]
    text = ("… " if start else "") + cut + (" …" if start + SNIPPET_CHARS < len(body) else "")
    for word in sorted(set(words), key=len, reverse=True):
        text = re.sub(f"({re.escape(word)})", _START + r"\1" + _STOP, text, flags=re.IGNORECASE)
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308
