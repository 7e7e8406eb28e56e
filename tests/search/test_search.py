"""Search of past orders: the page, the selector, filters and facets, bad input.

Behaviours marked ``postgres_only`` need PostgreSQL's full-text search (stemming, ranking,
ts_headline highlights, the triggers that keep the search document up to date); the rest hold
on both databases (SQLite uses simple substring matching with the same query syntax).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from orders import services
from orders.models import Order
from orders.search import SearchParams, search_orders
from orders.search.backends import get_backend
from orders.search.backends.parties import party_words
from orders.search.backends.statistics import SearchStatistics, StatisticsCache
from orders.search.query import MAX_QUERY_LENGTH, MESSAGE_ONLY_STOP_WORDS, MESSAGE_TRUNCATED, parse_query

from ..factories import CaseFactory, MembershipFactory, OrderFactory, PartyFactory, clerk_of

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.postgres_only

SEARCH = reverse("orders:search")


def captions(response) -> list[str]:
    """Short captions of the hits on a search page, in order."""
    return [hit.order.case.short_caption for hit in response.context["results"].hits]


def search(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


# --- The seeds: what a clerk looks for -------------------------------------------------------


def test_meet_and_confer_finds_all_three_seed_orders(seeded, demo_client):
    response = search(demo_client, q='"meet and confer"')
    assert sorted(captions(response)) == ["Crawford v. Beard", "Harrison v. Sample", "Luckert v. Brannon"]


def test_calipatria_finds_only_crawford(seeded, demo_client):
    assert captions(search(demo_client, q="Calipatria")) == ["Crawford v. Beard"]


def test_vacated_finds_only_luckert(seeded, demo_client):
    assert captions(search(demo_client, q="vacated")) == ["Luckert v. Brannon"]


def test_filtering_by_judge_illston_leaves_only_harrison(seeded, demo_client):
    illston = seeded["Harrison v. Sample"].assigned_judge
    response = search(demo_client, q='"meet and confer"', judge=illston.pk)
    assert captions(response) == ["Harrison v. Sample"]


@pytest.mark.parametrize("number", ["3:14-cv-5578", "14-cv-05578-MEJ", "C 14-5578 MEJ", "14-cv-05578"])
def test_any_written_form_of_a_case_number_finds_its_orders(seeded, demo_client, number):
    assert captions(search(demo_client, q=number)) == ["Crawford v. Beard"]


def test_case_number_and_words_together(seeded, demo_client):
    assert captions(search(demo_client, q="C 13-4426 EDL (PR) vacated")) == ["Luckert v. Brannon"]
    assert captions(search(demo_client, q="C 13-4426 EDL (PR) Calipatria")) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Illston", ["Harrison v. Sample"]),  # the judge
        ("Brannon", ["Luckert v. Brannon"]),  # caption and party
        ("Ducart", ["Crawford v. Beard"]),  # a party named only in the party list
        ("EXTENSION OF TIME", ["Crawford v. Beard"]),  # the title
    ],
)
def test_search_covers_title_caption_parties_and_judge(seeded, demo_client, query, expected):
    assert captions(search(demo_client, q=query)) == expected


def test_web_search_syntax_or_and_exclusion(seeded, demo_client):
    assert sorted(captions(search(demo_client, q="Calipatria or vacated"))) == [
        "Crawford v. Beard",
        "Luckert v. Brannon",
    ]
    assert sorted(captions(search(demo_client, q='"meet and confer" -Calipatria'))) == [
        "Harrison v. Sample",
        "Luckert v. Brannon",
    ]


def test_matches_are_marked_in_an_escaped_snippet(seeded, demo_client):
    html = search(demo_client, q="Calipatria").content.decode()
    assert "<mark>Calipatria</mark>" in html


def test_filters_party_prisoner_status_dates_and_case(seeded, demo_client):
    assert captions(search(demo_client, q="discovery", party="Luckert")) == ["Luckert v. Brannon"]
    assert len(captions(search(demo_client, q="discovery", prisoner="on", pro_se="on"))) == 3
    assert len(captions(search(demo_client, q="discovery", status="filed"))) == 3
    assert captions(search(demo_client, q="discovery", status="draft")) == []
    dated = search(demo_client, q="discovery", date_from="2014-01-01", date_to="2014-12-31")
    assert captions(dated) == ["Luckert v. Brannon"]
    assert captions(search(demo_client, case="C 07-959 SI")) == ["Harrison v. Sample"]
    assert captions(search(demo_client, order_type="imported", party="Crawford")) == ["Crawford v. Beard"]


def test_facets_count_order_types_judges_and_years(seeded, demo_client):
    facets = search(demo_client, q='"meet and confer"').context["results"].facets
    assert [(f.label, f.count) for f in facets.order_types] == [("Imported past order", 3)]
    assert sorted((f.label, f.count) for f in facets.judges) == [
        ("Elizabeth D. Laporte", 1),
        ("Maria-Elena James", 1),
        ("Susan Illston", 1),
    ]
    assert [(f.label, f.count) for f in facets.years] == [("2016", 1), ("2014", 1), ("2007", 1)]


def test_filters_stay_in_the_url_and_facet_links_keep_them(seeded, demo_client):
    illston = seeded["Harrison v. Sample"].assigned_judge
    html = search(demo_client, q="discovery", prisoner="on").content.decode()
    assert 'value="discovery"' in html
    assert f"judge={illston.pk}" in html and "prisoner=on" in html  # facet links keep the query
    shared = demo_client.get(f"{SEARCH}?q=discovery&prisoner=on&judge={illston.pk}")
    assert captions(shared) == ["Harrison v. Sample"]


def test_sort_by_date_puts_newest_first(seeded, demo_client):
    response = search(demo_client, q="discovery", sort="date")
    assert captions(response) == ["Crawford v. Beard", "Luckert v. Brannon", "Harrison v. Sample"]


def test_search_box_on_home_page_and_in_nav(demo_client):
    html = demo_client.get(reverse("orders:home")).content.decode()
    assert html.count(f'action="{SEARCH}"') == 2


# --- Chambers isolation ----------------------------------------------------------------------


def test_search_shows_only_the_users_chambers_orders(seeded, client):
    membership = MembershipFactory(judge=seeded["Harrison v. Sample"].assigned_judge)
    client.force_login(membership.user)
    assert captions(search(client, q='"meet and confer"')) == ["Harrison v. Sample"]
    facets = search(client, q="discovery").context["results"].facets
    assert [f.label for f in facets.judges] == ["Susan Illston"]


def test_an_outsider_finds_nothing_and_cannot_filter_by_another_judge(seeded, client, outsider):
    client.force_login(outsider)
    assert captions(search(client, q='"meet and confer"')) == []
    judge = seeded["Crawford v. Beard"].assigned_judge
    response = search(client, q="discovery", judge=judge.pk)
    assert "Unknown judge" in response.content.decode()
    assert response.context["results"] is None


def test_sealed_case_orders_are_hidden_from_the_referred_chambers(db, client):
    case = CaseFactory(sealed=True)
    membership = MembershipFactory()
    case.referred_judge = membership.judge
    case.save()
    OrderFactory(case=case, judge=membership.judge, body="Sealed settlement terms.")
    client.force_login(membership.user)
    assert captions(search(client, q="settlement")) == []


# --- Query counts ----------------------------------------------------------------------------


def test_one_query_for_the_page_plus_the_facets_whatever_the_number_of_hits(
    db, client, django_assert_max_num_queries
):
    membership = MembershipFactory()
    client.force_login(membership.user)
    for n in range(30):
        case = CaseFactory(assigned_judge=membership.judge)
        PartyFactory(case=case)
        OrderFactory(case=case, body=f"Motion {n} for discovery is denied.", date=datetime.date(2020, 1, 1))
    # session + user, judges (form), judge ids, then the candidates (count, facets) and the page
    with django_assert_max_num_queries(6):
        response = search(client, q="discovery")
    assert response.context["results"].total == 30
    assert len(response.context["results"].hits) == 20
    with django_assert_max_num_queries(6):
        search(client, q="discovery", page=2)


# --- Bad input: a clear message or an empty result, never a 500 -------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"meet and confer',  # unbalanced quote
        '""',
        "confer\"'",
        "-",
        "or or or",
        "!!! ((( ]]] &&& |||",
        "Robert'); DROP TABLE orders_order;--",
        "<script>alert('x')</script>",
        "disc\x00overy",
        "\x01\x02\x7f\u202e\ufeff",
        "😀 émoji ünïcode",
        "a" * 10_000,
    ],
)
def test_bad_queries_never_fail(seeded, demo_client, query):
    response = demo_client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_unbalanced_quote_still_searches_the_phrase(seeded, demo_client):
    assert len(captions(search(demo_client, q='"meet and confer'))) == 3


def test_only_stop_words_says_so(seeded, demo_client):
    response = search(demo_client, q="the of and")
    assert response.context["results"].hits == []
    assert MESSAGE_ONLY_STOP_WORDS in response.content.decode().replace("&#x27;", "'")


def test_a_very_long_query_is_shortened_with_a_message(seeded, demo_client):
    response = search(demo_client, q="Calipatria " + "x" * 10_000)
    assert MESSAGE_TRUNCATED.format(n=MAX_QUERY_LENGTH) in response.content.decode()
    assert captions(response) == ["Crawford v. Beard"]  # the words before the cut are searched


def test_nul_and_control_characters_are_dropped(seeded, demo_client):
    assert captions(search(demo_client, q="Calipatria\x00\x1f")) == ["Crawford v. Beard"]


def test_html_in_the_query_is_escaped(seeded, demo_client):
    html = search(demo_client, q="<b>bold</b> Calipatria").content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"judge": "abc"}, "Unknown judge"),
        ({"judge": "99999999999999999999999"}, "Unknown judge"),
        ({"status": "lost"}, "Select a valid choice"),
        ({"order_type": "DROP TABLE"}, "Unknown order type"),
        ({"date_from": "2016-13-45"}, "Enter a valid date"),
        ({"date_from": "2017-01-01", "date_to": "2016-01-01"}, "after the"),
        ({"case": "not a number"}, "is not a case number"),
        ({"sort": "random()"}, "Select a valid choice"),
    ],
)
def test_unknown_filter_values_give_a_message_and_no_results(seeded, demo_client, params, message):
    response = search(demo_client, q="discovery", **params)
    assert message in response.content.decode()
    assert response.context["results"] is None


def test_a_page_past_the_end_shows_the_last_page_with_a_message(seeded, demo_client):
    response = search(demo_client, q="discovery", page="99")
    assert "There is no page 99" in response.content.decode()
    assert len(captions(response)) == 3
    assert len(captions(search(demo_client, q="discovery", page="x"))) == 3
    assert len(captions(search(demo_client, q="discovery", page="-5"))) == 3


def test_nothing_found_says_so(seeded, demo_client):
    assert "No orders match." in search(demo_client, q="habeas").content.decode()


def test_parse_query_understands_the_web_search_syntax():
    parsed = parse_query('"meet and confer" or Calipatria -vacated 3:14-cv-5578')
    assert parsed.case_key == "14-cv-05578"
    assert [[(t.text, t.negated, t.phrase) for t in group] for group in parsed.groups] == [
        [("meet and confer", False, True)],
        [("Calipatria", False, False), ("vacated", True, False)],
    ]


# --- PostgreSQL only: full-text behaviour ----------------------------------------------------


@postgres_only
def test_stemming_finds_other_forms_of_a_word(seeded, demo_client):
    assert captions(search(demo_client, q="vacate")) == ["Luckert v. Brannon"]
    assert len(captions(search(demo_client, q="conferring"))) == 3


@postgres_only
def test_title_and_caption_matches_rank_above_body_matches(seeded, demo_client):
    # "extension" is in Crawford's title; the other orders do not have it at all, so use a word in
    # Harrison's caption ("Sample") that Crawford's body does not have, and one in a body only.
    ranked = captions(search(demo_client, q="discovery or sample"))
    assert ranked[0] == "Harrison v. Sample"


@postgres_only
def test_highlight_marks_the_stemmed_match_in_escaped_text(seeded, demo_client):
    # Imported past orders are signed and immutable: the text under test is a new draft.
    case = seeded["Crawford v. Beard"]
    services.order_create(
        case=case,
        order_type="deny_discovery_motion",
        judge=case.assigned_judge,
        title="ORDER ON COSTS",
        body="Fees & costs: the <script>alert(1)</script> motion is moot.",
        created_by=get_user_model().objects.get(username="clerk"),
    )
    html = search(demo_client, q="moot").content.decode()
    assert "<mark>moot</mark>" in html
    assert "Fees &amp; costs" in html  # the text is escaped
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the text it is
    assert "<mark>DENIED</mark>" in search(demo_client, q="deny").content.decode()  # by its stem


@postgres_only
def test_search_document_follows_changes_to_case_parties_and_judge(seeded, demo_client):
    case = seeded["Harrison v. Sample"]
    case.short_caption = "Harrison v. Zyzzyva"
    case.save()
    assert captions(search(demo_client, q="Zyzzyva")) == ["Harrison v. Zyzzyva"]
    services.party_create(case=case, name="Quetzal Ombudsman", role="defendant")
    assert captions(search(demo_client, q="Quetzal")) == ["Harrison v. Zyzzyva"]
    judge = case.assigned_judge
    judge.full_name = "Susan Xylophone"
    judge.save()
    assert captions(search(demo_client, q="Xylophone")) == ["Harrison v. Zyzzyva"]
    case.parties.filter(name="Quetzal Ombudsman").delete()
    assert captions(search(demo_client, q="Quetzal")) == []


@postgres_only
def test_an_order_saved_through_the_service_is_searchable_at_once(demo, demo_client):
    case = demo["Luckert v. Brannon"]
    services.order_create(
        case=case,
        order_type="grant_extension",
        judge=case.assigned_judge,
        title="ORDER GRANTING EXTENSION OF TIME",
        body="The deadline is extended to the equinox.",
        created_by=clerk_of(case.assigned_judge),
    )
    assert captions(search(demo_client, q="equinox")) == ["Luckert v. Brannon"]


@postgres_only
def test_only_the_shown_page_is_highlighted(db, django_assert_max_num_queries):
    membership = MembershipFactory()
    for n in range(25):
        OrderFactory(case=CaseFactory(assigned_judge=membership.judge), body=f"Order {n}: discovery denied.")
    results = search_orders(membership.user, SearchParams(q="discovery"))
    assert results.total == 25
    assert all("<mark>discovery</mark>" in hit.snippet for hit in results.hits)
    assert len(results.hits) == 20


def test_results_link_to_the_order_and_facets_name_the_order_type(demo_client):
    """A result opens the order itself; the order-type facet uses the library's title."""
    html = search(demo_client, q="discovery").content.decode()
    crawford = Order.objects.get(case__short_caption="Crawford v. Beard")
    assert reverse("orders:order_detail", args=[crawford.pk]) in html
    assert "Order Denying Request for Extension of Time" in html


# --- Past the cap: the newest candidates, said so ----------------------------------------------


def test_past_the_cap_the_newest_matches_are_counted_and_paged_and_the_page_says_more(
    db, client, monkeypatch
):
    """Beyond ``MAX_CANDIDATES`` matches the count reads "More than N", the facets and the pages
    cover the N newest, and asking past the last page shows the last one with a message."""
    monkeypatch.setattr(get_backend(), "max_candidates", 25)
    membership = MembershipFactory()
    client.force_login(membership.user)
    for n in range(30):
        OrderFactory(
            case=CaseFactory(assigned_judge=membership.judge),
            body=f"Motion {n} for discovery is denied.",
            date=datetime.date(2000 + n, 1, 1),
        )
    response = search(client, q="discovery", sort="date")
    results = response.context["results"]
    assert results.more and results.total == 25
    assert "More than 25 orders" in response.content.decode()
    assert [hit.order.date.year for hit in results.hits] == list(range(2029, 2009, -1))
    assert sum(f.count for f in results.facets.years) == 25
    assert {f.label for f in results.facets.years} == {str(year) for year in range(2005, 2030)}
    assert [(f.label, f.count) for f in results.facets.judges] == [(membership.judge.full_name, 25)]

    last = search(client, q="discovery", sort="date", page=9).context["results"]
    assert last.page.number == 2
    assert [hit.order.date.year for hit in last.hits] == list(range(2009, 2004, -1))
    assert any("There is no page 9" in message for message in last.messages)


@postgres_only
def test_relevance_orders_the_candidates_by_rank_then_newest(db):
    membership = MembershipFactory()
    weak = OrderFactory(
        case=CaseFactory(assigned_judge=membership.judge),
        body="The deadline passed.",
        title="ORDER",
        date=datetime.date(2024, 1, 1),
    )
    strong = OrderFactory(
        case=CaseFactory(assigned_judge=membership.judge),
        title="ORDER ON THE DEADLINE",
        body="The deadline passed; the deadline is not extended.",
        date=datetime.date(2001, 1, 1),
    )
    results = search_orders(membership.user, SearchParams(q="deadline"))
    assert [hit.order for hit in results.hits] == [strong, weak]
    by_date = search_orders(membership.user, SearchParams(q="deadline", sort="date"))
    assert [hit.order for hit in by_date.hits] == [weak, strong]


def statistics(monkeypatch, lexemes: dict[str, float], *, prisoner_share: float | None = None) -> None:
    """The full-text backend plans with these statistics (a million orders) instead of
    PostgreSQL's: the share of orders with each lexeme, and of prisoner cases."""
    values = {} if prisoner_share is None else {"prisoner": {"t": prisoner_share}}
    fixed = SearchStatistics(lexemes, 1e6, values)
    monkeypatch.setattr(get_backend(), "statistics", StatisticsCache(600, read=lambda: fixed))


@postgres_only
def test_reading_the_newest_orders_first_finds_what_the_index_finds(db, monkeypatch):
    """For words most orders have, the newest orders are read in date order until the cap is
    reached (``_walk_size``); the page, the count and the facets are those the GIN index gives,
    and a walk that falls short of the cap asks the index instead."""
    backend = get_backend()
    monkeypatch.setattr(backend, "max_candidates", 6)
    membership = MembershipFactory()
    for n in range(30):
        OrderFactory(
            case=CaseFactory(assigned_judge=membership.judge),
            body=f"Summary judgment {n}." if n % 3 else f"Summary judgment {n}; transfer to Lompoc.",
            date=datetime.date(1990 + n, 6, 1),
        )
    params = SearchParams(q="summary judgment", sort="date")
    by_index = search_orders(membership.user, params)

    statistics(monkeypatch, {"summari": 0.9, "judgment": 0.9})
    assert backend.walk_size(parse_query(params.q), params) == int(2 * 7 / 0.9)
    walked = search_orders(membership.user, params)
    assert [h.order.pk for h in walked.hits] == [h.order.pk for h in by_index.hits]
    assert [h.order.date.year for h in walked.hits] == [2019, 2018, 2017, 2016, 2015, 2014]
    assert (walked.total, walked.more, walked.facets) == (by_index.total, by_index.more, by_index.facets)

    rare = SearchParams(q="Lompoc", sort="date")  # 10 orders: not 7 among the 15 newest
    statistics(monkeypatch, {"lompoc": 0.9})
    monkeypatch.setattr(backend, "walk_budget", 1000)
    assert backend.walk_size(parse_query(rare.q), rare) == 15
    assert [h.order.date.year for h in search_orders(membership.user, rare).hits] == [
        2017, 2014, 2011, 2008, 2005, 2002,
    ]  # fmt: skip


@postgres_only
def test_the_newest_orders_are_read_with_the_filters_when_enough_pass_them(db, monkeypatch):
    """Filters read on each order (prisoner, pro se, status, order type) do not stop the walk
    when PostgreSQL's statistics say enough orders pass them; the answer is the index's."""
    backend = get_backend()
    monkeypatch.setattr(backend, "max_candidates", 4)
    membership = MembershipFactory()
    prisoner, other = (
        CaseFactory(assigned_judge=membership.judge),
        CaseFactory(assigned_judge=membership.judge, prisoner=False),
    )
    for n in range(24):
        OrderFactory(
            case=prisoner if n % 2 else other,
            body=f"A good faith effort to meet, number {n}." if n % 3 else f"Good faith, no effort {n}.",
            date=datetime.date(1990 + n, 6, 1),
        )
    params = SearchParams(q='"good faith effort"', prisoner=True, date_to=datetime.date(2010, 12, 31))
    by_index = search_orders(membership.user, params)
    lexemes = {"good": 0.9, "faith": 0.9, "effort": 0.9}
    walk = int(2 * 5 / 0.9)

    statistics(monkeypatch, lexemes, prisoner_share=0.5)
    assert backend.walk_size(parse_query(params.q), params) == walk
    walked = search_orders(membership.user, params)
    assert [h.order.pk for h in walked.hits] == [h.order.pk for h in by_index.hits]
    assert [h.order.date.year for h in walked.hits] == [2009, 2007, 2003, 2001]  # not 2005: n = 15
    assert (walked.total, walked.more, walked.facets) == (by_index.total, by_index.more, by_index.facets)

    statistics(monkeypatch, lexemes, prisoner_share=walk / backend.walk_budget / 2)
    assert backend.walk_size(parse_query(params.q), params) is None  # too few pass: the index


@postgres_only
def test_the_share_of_orders_passing_a_filter_comes_from_postgresql_statistics(db):
    from django.db import connection

    membership = MembershipFactory()
    for n in range(40):
        OrderFactory(case=CaseFactory(assigned_judge=membership.judge, prisoner=n % 4 == 0), status="draft")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE orders_case")
        cursor.execute("ANALYZE orders_order")
    cache = get_backend().statistics
    cache.clear()  # read again after the ANALYZE
    share = cache.get().filter_share
    assert share(SearchParams(q="x", prisoner=True)) == pytest.approx(0.25, abs=0.01)
    assert share(SearchParams(q="x", prisoner=True, status="draft")) == pytest.approx(0.25, abs=0.01)
    assert share(SearchParams(q="x", status="filed")) == 0.0  # not among the common values
    assert share(SearchParams(q="x")) == 1.0


# --- The party filter: any letters of a party's name or caption name --------------------------

PARTY_NAMES = [
    ("Maria Crawford", ""),
    ("Crawfordsville Unified School District", ""),
    ("Sean O'Brien-Smith", ""),
    ("Jean-Luc Picard", ""),
    ("Warden", "R. Ducart"),
    ("&", ""),
    ("Zoë Ångström", ""),
    ("3M Company", ""),
]


@pytest.fixture
def parties(db):
    """One case per party name above (caption "<name> v. Doe"), each with one order."""
    membership = MembershipFactory()
    for name, caption_name in PARTY_NAMES:
        case = CaseFactory(assigned_judge=membership.judge, short_caption=f"{name} v. Doe")
        PartyFactory(case=case, name=name, caption_name=caption_name)
        OrderFactory(case=case, body="The motion is denied.")
    return membership.user


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Crawford", {"Maria Crawford", "Crawfordsville Unified School District"}),
        ("rawfor", {"Maria Crawford", "Crawfordsville Unified School District"}),  # inside a word
        ("ville unif", {"Crawfordsville Unified School District"}),  # across two words
        ("brien-sm", {"Sean O'Brien-Smith"}),
        ("Luc Pic", {"Jean-Luc Picard"}),
        ("ducart", {"Warden"}),  # the caption name
        ("&", {"&"}),  # a name without a word
        ("Ångström", {"Zoë Ångström"}),
        ("3m", {"3M Company"}),
        ("Nobody", set()),
    ],
)
def test_the_party_filter_finds_any_letters_of_a_party_name(parties, typed, expected):
    results = search_orders(parties, SearchParams(q="denied", party=typed))
    assert {hit.order.case.short_caption for hit in results.hits} == {f"{name} v. Doe" for name in expected}
    results = search_orders(parties, SearchParams(party=typed))  # the filter alone
    assert results.total == len(expected)


@postgres_only
def test_the_party_filter_looks_up_words_every_matching_name_has(parties):
    words = party_words("rawfor")
    assert sorted(words) == ["crawford", "crawfordsville"]
    assert party_words("Nobody") == []  # nothing can match
    assert party_words("&") is None  # a name without words: the filter reads the names only


@postgres_only
def test_too_many_matching_names_leave_the_index_words_out_and_the_filter_exact(parties, monkeypatch):
    monkeypatch.setattr("orders.search.backends.parties.PARTY_NAMES_READ", 1)  # "rawfor": two names
    assert party_words("rawfor") is None
    results = search_orders(parties, SearchParams(q="denied", party="rawfor"))
    assert {hit.order.case.short_caption for hit in results.hits} == {
        "Maria Crawford v. Doe",
        "Crawfordsville Unified School District v. Doe",
    }


@postgres_only
def test_the_party_filter_follows_changes_to_the_case_parties(db):
    membership = MembershipFactory()
    case = CaseFactory(assigned_judge=membership.judge)
    party = PartyFactory(case=case, name="Maria Crawford")
    order = OrderFactory(case=case)

    def found(name):
        return [hit.order for hit in search_orders(membership.user, SearchParams(party=name)).hits]

    assert found("Crawford") == [order]
    party.name = "Maria Lopez"
    party.save()
    assert found("Crawford") == []
    assert found("Lopez") == [order]
    services.party_create(case=case, name="Quetzal Ombudsman", role="defendant")
    assert found("Quetzal") == [order]
    case.parties.filter(name="Quetzal Ombudsman").delete()
    assert found("Quetzal") == []
    other = CaseFactory(assigned_judge=membership.judge)
    PartyFactory(case=other, name="Ursula Vantongeren")
    Order.objects.filter(pk=order.pk).update(case=other)  # an order moved to another case
    assert found("Vantongeren") == [order]
    assert found("Lopez") == []


@postgres_only
def test_a_party_filter_costs_one_query_more_the_words_to_look_up(parties, django_assert_num_queries):
    params = SearchParams(q="denied", party="Crawford")
    search_orders(parties, params)  # what the user may see is then known for the request
    with django_assert_num_queries(3):  # the words, the candidates with facets, the page
        results = search_orders(parties, params)
    assert results.total == 2
