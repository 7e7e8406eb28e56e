"""The court table (courts-db), court profiles, local rules and CM/ECF cause codes."""

import io
import json

import pytest
from django.core.management import call_command

from orders.courts import cause_codes
from orders.courts.loading import DATA_DIR, load_courts
from orders.courts.table import DISTRICT_IDS, district_courts
from orders.dockets.districts import court_of_docket, district_code
from orders.models import Court, LocalRule

pytestmark = pytest.mark.django_db


def test_the_table_has_the_94_district_courts_under_their_cmecf_ids():
    assert len(DISTRICT_IDS) == len(set(DISTRICT_IDS)) == 94
    assert Court.objects.count() == 94  # loaded by migration 0011
    assert set(Court.objects.values_list("code", flat=True)) == set(DISTRICT_IDS)
    table = district_courts()
    assert (table["cand"].name, table["cand"].citation, table["cand"].circuit) == (
        "Northern District of California",
        "N.D. Cal.",
        9,
    )
    assert (table["njd"].name, table["njd"].circuit) == ("District of New Jersey", 3)
    assert (table["dcd"].name, table["dcd"].circuit) == ("District of Columbia", 12)
    assert table["nmid"].name == "District of the Northern Mariana Islands"


@pytest.mark.parametrize(
    ("code", "lines"),
    [
        ("cand", ["UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA"]),
        ("nysd", ["UNITED STATES DISTRICT COURT", "SOUTHERN DISTRICT OF NEW YORK"]),
        ("njd", ["UNITED STATES DISTRICT COURT", "FOR THE DISTRICT OF NEW JERSEY"]),
        ("vaed", ["IN THE UNITED STATES DISTRICT COURT", "FOR THE EASTERN DISTRICT OF VIRGINIA"]),
        ("nvd", ["UNITED STATES DISTRICT COURT", "DISTRICT OF NEVADA"]),
        ("gud", ["DISTRICT COURT OF GUAM"]),
        ("vid", ["DISTRICT COURT OF THE VIRGIN ISLANDS"]),
        ("nmid", ["DISTRICT COURT FOR THE NORTHERN MARIANA ISLANDS"]),
    ],
)
def test_the_printed_heading_is_the_courts_name_never_its_code(code, lines):
    court = Court.objects.get(code=code)
    assert court.heading_lines == lines
    assert all(code.upper() not in line.split() for line in lines)


def test_every_heading_names_its_district():
    for court in Court.objects.all():
        assert court.name.upper() in " ".join(court.heading_lines) or court.code in ("gud", "vid", "nmid")


def test_profiles_pleading_paper_in_california_plain_elsewhere():
    papers = dict(Court.objects.values_list("code", "paper"))
    assert {code for code, paper in papers.items() if paper == "pleading"} == {"cand", "caed", "casd", "cacd"}
    cacd = Court.objects.get(code="cacd")
    assert (cacd.font_size_pt, cacd.closing) == (14, "IT IS SO ORDERED.")
    assert "11-3.1.1" in cacd.profile_source
    njd = Court.objects.get(code="njd")
    assert (njd.paper, njd.case_number_label, njd.closing) == ("plain", "Civil Action No.", "SO ORDERED.")
    assert njd.profile_source  # every profile that differs from the default says where it comes from


def test_local_rules_come_only_from_the_data_file_each_with_a_source():
    data = json.loads((DATA_DIR / "local_rules.json").read_text())
    expected = {
        (code, rule["key"], rule["citation"]) for code, rules in data["courts"].items() for rule in rules
    }
    assert set(LocalRule.objects.values_list("court__code", "key", "citation")) == expected
    assert all(source.strip() for source in LocalRule.objects.values_list("source", flat=True))
    assert Court.objects.get(code="cand").rule("extension_of_time") == "Civil L.R. 6-3"
    assert Court.objects.get(code="njd").rule("extension_of_time") == ""  # no entry: no rule cited
    assert Court.objects.get(code="cand").rule_citations()["discovery_conference"][:3] == [
        "N.D. Cal. L.R. 37",
        "N.D. Cal. Local Rule 37",
        "N. D. Cal. Local Rule 37",
    ]


def test_load_courts_keeps_what_an_administrator_edited_unless_asked_to_update():
    Court.objects.filter(code="njd").update(heading_line_2="DISTRICT OF NEW JERSEY", closing="IT IS ORDERED.")
    LocalRule.objects.filter(court__code="cand", key="extension_of_time").delete()
    out = io.StringIO()
    call_command("load_courts", stdout=out)
    assert "0 courts created, 0 updated, 1 local rules added." in out.getvalue()
    njd = Court.objects.get(code="njd")
    assert (njd.heading_line_2, njd.closing) == ("DISTRICT OF NEW JERSEY", "IT IS ORDERED.")
    call_command("load_courts", "--update", stdout=io.StringIO())
    njd.refresh_from_db()
    assert (njd.heading_line_2, njd.closing) == ("FOR THE DISTRICT OF NEW JERSEY", "SO ORDERED.")
    assert Court.objects.count() == 94


def test_a_removed_court_is_loaded_again_with_its_rules():
    Court.objects.filter(code="cand").delete()
    result = load_courts(Court, LocalRule)
    assert result.created == ["cand"]
    assert Court.objects.get(code="cand").rule("reconsideration_leave") == "Civil L.R. 7-9(a)"


@pytest.mark.parametrize(
    ("cause", "statute"),
    [
        ("42:1983 Prisoner Civil Rights", "42 U.S.C. § 1983"),
        ("42:1983pr Prisoner Civil Rights", "42 U.S.C. § 1983"),
        ("28:2254 Petition for Writ of Habeas Corpus (State)", "28 U.S.C. § 2254"),
        ("15:1692 Fair Debt Collection Act", "15 U.S.C. § 1692"),
        ("42:2000e Job Discrimination (Employment)", "42 U.S.C. § 2000e"),
        ("42 U.S.C. § 1983", "42 U.S.C. § 1983"),  # entered by hand as the statute
        # Jurisdiction and venue codes, and unknown codes, name no statute — never the raw code.
        ("28:1331cv Fed. Question: Other Civil Rights", ""),
        ("28:1332 Diversity-Libel, Assault, Slander", ""),
        ("28:1391 Personal Injury", ""),
        ("99:12345 Something New", ""),
        ("", ""),
        ("Civil rights", ""),
    ],
)
def test_cause_codes_map_to_statutes_or_to_nothing(cause, statute):
    assert cause_codes.cause_statute(cause) == statute


def test_cause_kinds_word_the_case():
    assert cause_codes.cause_of("42:1983 Civil Rights Act").kind == cause_codes.CIVIL_RIGHTS
    assert (
        cause_codes.cause_of("28:2241 Petition for Writ of Habeas Corpus (federa").kind == cause_codes.HABEAS
    )


HEADINGS = [
    ("U.S. District Court<br>California Northern District (San Francisco)", "cand", "San Francisco"),
    ("U.S. District Court<BR>Eastern District of California - Live System (Fresno)", "caed", "Fresno"),
    ("United States District Court<br>District of Nevada (Las Vegas)", "nvd", "Las Vegas"),
    (
        "United States District Court<br>Northern District of Illinois - CM/ECF LIVE, Ver 6.3.3 (Chicago)",
        "ilnd",
        "Chicago",
    ),
    (
        "UNITED STATES DISTRICT COURT, CENTRAL DISTRICT OF CALIFORNIA (Western Division - Los Angeles)",
        "cacd",
        "Western Division - Los Angeles",
    ),
    ("US District Court Electronic Case Filing System<BR>District of Utah (Central)", "utd", "Central"),
    ("U.S. District Court<br>District of New Jersey [LIVE] (Newark)", "njd", "Newark"),
    ("U.S. District Court<br>West Virginia Southern District (Charleston)", "wvsd", "Charleston"),
    ("U.S. District Court<br>District of Columbia (Washington, DC)", "dcd", "Washington, DC"),
    ("U.S. District Court<br>District of Puerto Rico (San Juan)", "prd", "San Juan"),
]


@pytest.mark.parametrize(("heading", "code", "division"), HEADINGS)
def test_the_court_is_read_from_every_written_form_of_the_heading(heading, code, division):
    court = court_of_docket(f"<html><h3>{heading}<br>CIVIL DOCKET FOR CASE #: 1:20-cv-00001</h3></html>")
    assert (court.code, court.division, court.kind) == (code, division, "district")
    assert court.name == district_courts()[code].name


def test_a_heading_naming_no_court_of_the_table_falls_back_to_the_ecf_links():
    page = '<h3>U.S. District Court<br>Somewhere Else (X)<br>CIVIL DOCKET FOR</h3><a href="https://ecf.mad.uscourts.gov/x">'
    assert court_of_docket(page).code == "mad"
    assert court_of_docket('<a href="https://ecf.xxd.uscourts.gov/x">') is None


def test_district_code_reads_an_orders_heading():
    assert district_code("FOR THE DISTRICT OF NEW JERSEY") == "njd"
    assert district_code("NORTHERN DISTRICT OF CALIFORNIA") == "cand"
    assert district_code("WESTERN DISTRICT OF NEW JERSEY") is None  # no such court
