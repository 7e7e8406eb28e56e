"""Party names: the parties a typed name matches, and the words the full-text index has of them.

"A party of the order's case has a name (or caption name) containing these letters." The simple
backend asks ``parties_named``. On PostgreSQL the names are on the order itself
(``Order.party_names``, kept by triggers), so the filter needs no subquery; and the search
document holds each word of those names as a lexeme ``party <word>`` (migration 0009) that no
query can produce. A few such words that every matching party has (``party_words``) are looked up
in the same GIN index as the words searched for (``PartyWordsMatch``): PostgreSQL then reads only
the orders that have both, however common each is alone.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.postgres.fields import ArrayField
from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat

from ...models import Party

PARTY_NAMES_READ = 500  # distinct party names read to choose the words; more: no index words
PARTY_WORDS_MAX = 20  # words looked up in the index at most


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
