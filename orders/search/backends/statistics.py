"""PostgreSQL's own statistics (``pg_stats``, kept by ANALYZE) that the full-text backend plans with.

PostgreSQL estimates how many orders have all the words of a query by multiplying the words'
frequencies; the backend reads the same frequencies to decide when reading the newest orders in
date order is cheaper than asking the GIN index (``PostgresBackend.walk_size``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection

from ..query import SearchParams

# The filters read on each order (or its case) while walking, by the column they test.
WALK_FILTERS = {
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


@dataclass(frozen=True)
class SearchStatistics:
    lexemes: dict[str, float]  # the share of orders with each common lexeme
    orders: float  # how many orders there are
    values: dict[str, dict[str, float]]  # the share of each common value of a filtered column

    def filter_share(self, params: SearchParams) -> float:
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
                share *= self.values.get(column, {}).get(value, 0.0)
        return share


def read_statistics() -> SearchStatistics:
    """The statistics, in one query."""
    columns = ", ".join(f"('{table}', '{column}')" for column, table in WALK_FILTERS.items())
    with connection.cursor() as cursor:
        cursor.execute(_STATISTICS_SQL.format(columns=columns))
        rows = cursor.fetchall()
    lexemes: dict[str, float] = {}
    orders = 0.0
    values: dict[str, dict[str, float]] = {}
    for column, common, shares, tuples in rows:
        pairs = dict(zip(common or [], shares or [], strict=False))
        if column is None:
            lexemes, orders = pairs, max(tuples or 0, 0)
        else:
            values[column] = pairs
    return SearchStatistics(lexemes, orders, values)


class StatisticsCache:
    """The statistics, read again once they are ``seconds`` old. Its lifetime is its owner's (the
    process's backend, ``get_backend``); ``clear`` forgets them (after an ANALYZE)."""

    def __init__(self, seconds: float, read: Callable[[], SearchStatistics] = read_statistics) -> None:
        self.seconds = seconds
        self._read = read
        self._lock = threading.Lock()
        self._value: tuple[float, SearchStatistics] | None = None

    def get(self) -> SearchStatistics:
        now = time.monotonic()
        value = self._value
        if value is None or now - value[0] > self.seconds:
            with self._lock:  # one thread reads them; the others wait for its answer
                value = self._value
                if value is None or now - value[0] > self.seconds:
                    value = self._value = (time.monotonic(), self._read())
        return value[1]

    def clear(self) -> None:
        self._value = None
