"""Highlighted snippets of search results, made in Python from the texts of the page shown.

``highlight`` (the full-text backend) marks words by their stem; ``plain_highlight`` (the simple
backend) marks the typed letters wherever they occur.

PostgreSQL's ``ts_headline`` parses each whole text again: about 0.8 ms for a two-page order, so
15–20 ms for a page of twenty results, a third of a search (bench/bench_search.py). Here one
regular expression finds the words that begin like a wanted stem, and only those are stemmed.
Words are matched by their Snowball English stem, the stemmer
of PostgreSQL's ``english`` configuration, so the words marked are the ones the full-text search
matched ("denied" for a search of "deny"); stop words are never marked, as they are not indexed.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections.abc import Iterable

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
FRAGMENT_WORDS = 20  # words per fragment; two fragments at most (ts_headline's MaxWords=40)
MAX_FRAGMENTS = 2
WORDS_BEFORE = 6  # a fragment starts a few words before its match
DELIMITER = " … "
PLAIN_SNIPPET_CHARS = 240

# Markers put around matches in the plain snippet: private-use characters that never reach the
# page (the query and the imported text are cleaned of them), replaced by <mark> after escaping.
_START, _STOP = "\ue000", "\ue001"

_local = threading.local()  # a Snowball stemmer keeps state while it stems: one per thread


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball English stem of a word, lower-cased (cached: a court's vocabulary is small)."""
    return _stemmer().stemWord(word.lower())


def stems(words: Iterable[str], *, stop_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The stems of the words to mark (stop words left out)."""
    return frozenset(stem(w) for w in words if w.lower() not in stop_words)


def highlight(text: str, wanted: frozenset[str]) -> SafeString:
    """Up to two fragments of ``text`` around its first matches, escaped, each match in
    ``<mark>``; the start of the text when no word matches.

    Only the words that begin like a wanted stem are stemmed (a regular expression finds them),
    and only the words of the fragments are read one by one: a long order costs little more
    than a short one."""
    text = " ".join(text.split())
    hits = list(_hits(text, wanted))
    limit = FRAGMENT_WORDS * MAX_FRAGMENTS
    opening = _words_from(text, 0, limit + 1)
    short = len(opening) <= limit  # a short text is shown whole; a long one around its matches
    fragments = [opening] if short else (_fragments(text, hits) or [opening[:limit]])
    if not fragments[0]:
        return mark_safe("")
    hit_set = set(hits)
    html = []
    for words in fragments:
        pieces: list[str] = []
        position = words[0].start()
        for word in words:
            if word.start() in hit_set:
                pieces.append(escape(text[position : word.start()]))
                pieces.append(f"<mark>{escape(word.group())}</mark>")
                position = word.end()
        pieces.append(escape(text[position : words[-1].end()]))

        html.append("".join(pieces))
    before = WORD.search(text, 0, fragments[0][0].start()) is not None
    after = WORD.search(text, fragments[-1][-1].end()) is not None
    ending = " …" if after else escape(text[fragments[-1][-1].end() :])  # or the final stop
    return mark_safe(("… " if before else "") + DELIMITER.join(html) + ending)  # noqa: S308 - escaped above


def _fragments(text: str, hits: list[int]) -> list[list[re.Match[str]]]:
    """The words of up to ``MAX_FRAGMENTS`` fragments, each starting a few words before a match
    that the fragment before does not show."""
    fragments: list[list[re.Match[str]]] = []
    for hit in hits:
        end = fragments[-1][-1].end() if fragments else 0
        if fragments and hit < end:
            continue  # inside the fragment before
        if len(fragments) == MAX_FRAGMENTS:
            break
        start = _start_before(text, hit, WORDS_BEFORE, not_before=end)
        if words := _words_from(text, start, FRAGMENT_WORDS):
            fragments.append(words)
    return fragments


def _hits(text: str, wanted: frozenset[str]):
    """Start offsets of the words whose stem is wanted, in order."""
    if not wanted:
        return
    prefixes = sorted({stem[: max(len(stem) - 2, 2)] for stem in wanted}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")\w*", re.IGNORECASE)
    for match in pattern.finditer(text):
        if stem(match.group()) in wanted:
            yield match.start()


def _start_before(text: str, position: int, count: int, *, not_before: int) -> int:
    """Where the word ``count`` words before ``position`` starts (not before ``not_before``)."""
    window = text[max(not_before, position - 30 * count) : position]
    starts = [m.start() for m in WORD.finditer(window)]
    offset = position - len(window)
    return offset + starts[-count] if len(starts) >= count else (offset + starts[0] if starts else position)


def _words_from(text: str, start: int, count: int) -> list[re.Match[str]]:
    return list(itertools.islice(WORD.finditer(text, start), count))


def plain_highlight(text: str, typed: list[str]) -> SafeString:
    """About ``PLAIN_SNIPPET_CHARS`` characters of ``text`` from a little before the first of the
    typed terms found (case-insensitive), escaped, every occurrence of a term in ``<mark>``."""
    body = " ".join(text.split())
    lowered = body.lower()
    positions = [p for p in (lowered.find(w.lower()) for w in typed) if p >= 0]
    start = max(min(positions) - PLAIN_SNIPPET_CHARS // 3, 0) if positions else 0
    if start:
        start = body.find(" ", start) + 1 or start
    cut = body[start : start + PLAIN_SNIPPET_CHARS]
    shown = ("… " if start else "") + cut + (" …" if start + PLAIN_SNIPPET_CHARS < len(body) else "")
    for word in sorted(set(typed), key=len, reverse=True):
        shown = re.sub(f"({re.escape(word)})", _START + r"\1" + _STOP, shown, flags=re.IGNORECASE)
    return mark_safe(escape(shown).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308
