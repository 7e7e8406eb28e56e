"""The shared wording helpers of the order types."""

import datetime

import pytest

from orders.order_types import text

from .order_type_cases import plural_case, singular_case


def test_dates_are_written_in_full_without_a_leading_zero():
    assert text.long_date(datetime.date(2016, 11, 9)) == "November 9, 2016"
    assert text.long_date("2014-02-10") == "February 10, 2014"
    assert text.long_date(None) == ""
    assert text.parse_long_date("October 11, 2016") == datetime.date(2016, 10, 11)
    assert text.parse_long_date("12/31/2016") == datetime.date(2016, 12, 31)
    assert text.parse_long_date("soon") is None


def test_docket_references_in_each_style():
    assert text.docket_ref(53) == "Docket No. 53"
    assert text.docket_ref([53, 52]) == "Docket Nos. 52 and 53"
    assert text.docket_ref([4, 6, 5]) == "Docket Nos. 4, 5, and 6"
    assert text.docket_ref(7, text.DOCKET_HASH) == "Docket # 7"
    assert text.docket_ref([52, 53], text.DOCKET_DKT) == "Dkt. Nos. 52 and 53"
    assert text.terminates_sentence([53]) == "This order terminates Docket No. 53."
    assert text.terminates_sentence([52, 53]) == "This order terminates Docket Nos. 52 and 53."
    assert text.terminates_sentence([]) == ""


def test_smart_quotes():
    assert text.smart_quotes("Plaintiff's \"must not\" ('x')") == "Plaintiff’s “must not” (‘x’)"
    assert text.smart_quotes("Defendants' motion") == "Defendants’ motion"
    assert text.money("12.4") == "$12.40"


@pytest.mark.django_db
def test_sides_agree_in_number_and_pronoun():
    case, _ = singular_case()
    t = text.CaseText(case)
    assert (str(t.plaintiff), t.plaintiff.poss, t.plaintiff.he, t.plaintiff.his) == (
        "Plaintiff",
        "Plaintiff's",
        "she",
        "her",
    )
    assert (t.plaintiff.verb["has"], t.defendant.he, t.court, t.Court) == (
        "has",
        "he",
        "the Court",
        "The Court",
    )
    assert t.prisoner and t.plaintiff.pro_se

    case, _ = plural_case()
    t = text.CaseText(case, court_style=text.COURT_LOWER)
    assert (str(t.plaintiff), t.plaintiff.Cap, t.plaintiff.poss, t.plaintiff.Poss) == (
        "plaintiffs",
        "Plaintiffs",
        "plaintiffs'",
        "Plaintiffs'",
    )
    assert (t.defendant.he, t.defendant.verb["is"], t.court) == ("they", "are", "the court")
    assert not t.prisoner
    assert t.plaintiff.names == "Ann Lee and Bo Lee"


@pytest.mark.django_db
def test_singular_they_takes_a_plural_verb():
    case, _ = singular_case()
    plaintiff = case.parties.get(role="plaintiff")
    plaintiff.pronoun = "they"
    plaintiff.save()
    t = text.CaseText(case)
    assert (t.plaintiff.he, t.plaintiff.pverb["was"], t.plaintiff.verb["has"]) == ("they", "were", "has")


@pytest.mark.django_db
def test_appositive_describes_the_prisoner_plaintiff():
    case, _ = singular_case()
    t = text.CaseText(case)
    assert text.appositive(t.plaintiff, prisoner_description="California state prisoner") == (
        "a California state prisoner currently incarcerated at Central California Women's Facility "
        "and proceeding pro se"
    )
    case, _ = plural_case()
    assert text.appositive(text.CaseText(case).plaintiff, prisoner_description="x") == ""
