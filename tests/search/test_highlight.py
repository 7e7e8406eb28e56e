"""Snippets of search results: the words the full-text search matched, marked in escaped text."""

import re

import pytest
from django.db import connection

from orders.search.highlight import FRAGMENT_WORDS, highlight, stem, stems
from orders.search.query import STOP_WORDS

from ..paths import SEEDS_DIR

LONG = (
    "Plaintiff, a state prisoner at Calipatria State Prison, proceeds pro se. Now pending is his "
    "motion to compel discovery. The court generally is not involved in the discovery process and "
    "only becomes involved when there is a dispute between the parties about discovery responses. "
    + "The parties shall file a joint statement before the hearing. " * 6
    + "The motion is DENIED without prejudice."
)


def test_words_with_the_stem_of_the_search_are_marked():
    html = highlight(LONG, stems(["deny"]))
    assert "<mark>DENIED</mark>" in html
    assert html.startswith("… ")  # the fragment starts a few words before the match, not at the top


def test_two_fragments_at_most_around_the_first_matches():
    html = highlight(LONG, stems(["discovery", "denied"]))
    first, second = html.removeprefix("… ").removesuffix(" …").split(" … ")
    assert first.count("<mark>discovery</mark>") == 2
    assert second.count("<mark>discovery</mark>") == 1
    assert "DENIED" not in html  # a third fragment is not shown


def test_a_long_text_without_a_match_shows_its_start():
    html = highlight(LONG, stems(["Lompoc"]))
    assert html.startswith("Plaintiff, a state prisoner")
    assert html.endswith(" …")
    assert "<mark>" not in html
    assert len(html.split()) <= 2 * FRAGMENT_WORDS + 1


def test_a_short_text_is_shown_whole_and_escaped():
    html = highlight("Fees & costs: the <script>alert(1)</script> motion is moot.", stems(["moot"]))
    assert html == "Fees &amp; costs: the &lt;script&gt;alert(1)&lt;/script&gt; motion is <mark>moot</mark>."


def test_stop_words_are_never_marked():
    wanted = stems(["meet", "and", "confer"], stop_words=STOP_WORDS)
    html = highlight("The parties must meet and confer.", wanted)
    assert html == "The parties must <mark>meet</mark> and <mark>confer</mark>."


def test_nothing_to_mark_and_nothing_to_show():
    assert highlight("", stems(["moot"])) == ""
    assert highlight("The motion is moot.", frozenset()) == "The motion is moot."


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_stems_are_postgresqls_english_stems():
    """The Python stemmer marks exactly the words PostgreSQL's english configuration indexed."""
    text = " ".join(path.read_text(encoding="utf-8") for path in SEEDS_DIR.glob("*.txt"))
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text)})
    words = [w for w in words if w not in STOP_WORDS]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, (SELECT string_agg(lexeme, ' ') FROM unnest(to_tsvector('english', w))) "
            "FROM unnest(%s::text[]) AS w",
            [words],
        )
        indexed = dict(cursor.fetchall())
    assert len(words) > 150
    assert {w: stem(w) for w in words} == indexed
