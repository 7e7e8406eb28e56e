"""Reading CM/ECF docket reports: what the parser and its rules make of each shared docket."""

import datetime

import pytest

from orders.dockets import MAX_DOCKET_BYTES, DocketError, parse_docket
from orders.dockets.districts import court_of_docket
from orders.dockets.entries import EntryFacts, classify, filed_by, referenced_numbers, resolutions
from orders.dockets.parsed import (
    ERROR_BANKRUPTCY,
    ERROR_EMPTY_DOCKET,
    ERROR_NO_COURT,
    ERROR_NOT_DOCKET,
    ERROR_NOT_UTF8,
    ERROR_TOO_LARGE,
)
from orders.dockets.parties import name_key, party_role, prisoner_details
from orders.dockets.reading import NOTE_CP1252, decode_docket
from orders.models import EntryKind, PartyRole

from .dockets import IMPORTABLE, docket_bytes, docket_json

ROLE_OF_TYPE = {"Plaintiff": "plaintiff", "Petitioner": "petitioner", "Defendant": "defendant"}


@pytest.mark.parametrize("name", IMPORTABLE)
def test_every_shared_docket_parses_like_juriscrapers_json(name):
    docket = parse_docket(docket_bytes(name))
    expected = docket_json(name)
    initials = [
        expected["federal_dn_judge_initials_assigned"],
        expected["federal_dn_judge_initials_referred"],
    ]
    assert docket.court_code == expected["court_id"]
    assert docket.case_number == "-".join([expected["docket_number"], *[i for i in initials if i]])
    assert docket.short_caption.lower() in expected["case_name"].lower()
    assert docket.cause == expected["cause"]
    assert docket.nature_of_suit == expected["nature_of_suit"]
    assert docket.date_filed == datetime.date.fromisoformat(expected["date_filed"])
    assert docket.assigned_judge.name == expected["assigned_to_str"]
    assert (docket.referred_judge.name if docket.referred_judge else "") == expected["referred_to_str"]
    assert [(p.name, p.role) for p in docket.parties] == [
        (" ".join(p["name"].split()).lstrip("- "), ROLE_OF_TYPE[p["type"]]) for p in expected["parties"]
    ]
    assert [p.terminated for p in docket.parties] == [bool(p["date_terminated"]) for p in expected["parties"]]
    assert [(e.number, e.date_filed.isoformat(), e.description) for e in docket.entries] == [
        (int(e["document_number"]), e["date_filed"], " ".join(e["description"].split()))
        for e in expected["docket_entries"]
    ]


def test_case_numbers_captions_and_judges_as_chambers_write_them():
    caed = parse_docket(docket_bytes("caed"))
    assert caed.case_number == "1:09-cv-00515-SMS"
    assert caed.short_caption == "Mitchell v. Rennick"  # E.D. Cal.'s “(PC)” prefix dropped
    assert caed.assigned_judge.signature_title_guess == "United States Magistrate Judge"
    nysd = parse_docket(docket_bytes("nysd"))
    assert nysd.case_number == "1:02-cv-07300-GBD-SN"
    assert (nysd.referred_judge.name, nysd.referred_judge.initials) == ("Sarah Netburn", "SN")
    mdl = parse_docket(docket_bytes("cand_263146"))
    assert mdl.short_caption == "In re: Lithium Ion Batteries Antitrust Litigation"
    assert (mdl.referred_judge.name, mdl.referred_judge.initials) == ("Donna M. Ryu", "DMR")
    assert (
        parse_docket(docket_bytes("cand")).assigned_judge.signature_title_guess
        == "United States District Judge"
    )


def test_pro_se_prisoners_number_and_institution_come_from_the_contact_text():
    balbo = parse_docket(docket_bytes("cand")).parties[0]
    assert (balbo.name, balbo.role, balbo.pro_se) == ("John Michael Balbo", PartyRole.PETITIONER, True)
    assert balbo.prisoner_number == "P-65407"
    assert balbo.institution == "California Substance Abuse & Treatment Facility State Prison"
    mitchell = parse_docket(docket_bytes("caed")).parties[0]
    assert (mitchell.prisoner_number, mitchell.institution) == ("F-23331", "Salinas Valley State Prison")
    # Represented parties and a pro se committee with no prison are not prisoners.
    nysd = parse_docket(docket_bytes("nysd"))
    committee = next(p for p in nysd.parties if p.name == "Plaintiffs Executive Committees")
    assert committee.pro_se and not committee.prisoner_number and not committee.institution
    assert not any(p.pro_se for p in parse_docket(docket_bytes("cand_2")).parties)


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (
            "CDCR# T-12345\nPelican Bay State Prison\nP.O. Box 7500\nPRO SE",
            ("T-12345", "Pelican Bay State Prison"),
        ),
        ("Reg. No. 12345-678\nFCI DUBLIN\n5701 8th St\nPRO SE", ("12345-678", "FCI Dublin")),
        ("1234 Main Street\nOakland, CA 94612\nPRO SE", ("", "")),
        ("PRO SE\n", ("", "")),
    ],
)
def test_prisoner_details_of_other_contact_texts(contact, expected):
    assert prisoner_details(contact) == expected


@pytest.mark.parametrize(
    ("docket_role", "role"),
    [
        ("Plaintiff", PartyRole.PLAINTIFF),
        ("Petitioner", PartyRole.PETITIONER),
        ("Respondent", PartyRole.RESPONDENT),
        ("Movant", PartyRole.MOVANT),
        ("Claimant", PartyRole.CLAIMANT),
        ("Garnishee", PartyRole.GARNISHEE),
        ("Lead Plaintiff", PartyRole.PLAINTIFF),
        ("Surety", PartyRole.INTERESTED_PARTY),
        ("Intervenor Plaintiff", PartyRole.INTERVENOR),
        ("Interested Party", PartyRole.INTERESTED_PARTY),
        ("Counter Claimant", PartyRole.INTERESTED_PARTY),
        ("Third Party Defendant", PartyRole.INTERESTED_PARTY),
        ("Unknown", PartyRole.INTERESTED_PARTY),
    ],
)
def test_party_roles_map_to_the_apps_roles(docket_role, role):
    assert party_role(docket_role) == role


def test_party_names_match_however_spaced_or_capitalised():
    assert name_key("Warden  Ken Clark") == name_key("WARDEN KEN CLARK")
    assert name_key("Mar-Jac Poultry, Inc.") == name_key("Mar-Jac Poultry Inc")
    assert name_key("Al-Haramain Islamic Foundation") != name_key("Al Haramain Islamic Foundation")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("MOTION for Discovery filed by Kevin Luckert", EntryKind.MOTION),
        ("NOTICE OF MOTION by Walter Tremsky for an Order", EntryKind.MOTION),
        ("Letter MOTION for Extension of Time", EntryKind.MOTION),
        ("REQUEST for 45-day Extension of Time", EntryKind.REQUEST),
        ("Ex Parte APPLICATION to file excess pages", EntryKind.REQUEST),
        ("ORDER granting 5 Motion for Extension of Time", EntryKind.ORDER),
        ("Memo-Endorsement on letter addressed to Judge Martin", EntryKind.ORDER),
        ("STIPULATION AND [PROPOSED] ORDER extending time", EntryKind.STIPULATION),
        ("PETITION for Writ of Habeas Corpus (ifpp).", EntryKind.COMPLAINT),
        ("First AMENDED COMPLAINT against all defendants.", EntryKind.COMPLAINT),
        ("ANSWER to Complaint by Jeffrey Beard", EntryKind.ANSWER),
        ("CLERK'S NOTICE re completion of In Forma Pauperis affidavit", EntryKind.NOTICE),
        ("OPPOSITION/RESPONSE (re 5 MOTION for Discovery)", EntryKind.BRIEF),
        ("AFFIDAVIT OF SERVICE of summons and amended complaint", EntryKind.SUMMONS),
        ("JUDGMENT in favor of defendants", EntryKind.JUDGMENT),
        ("Transcript of proceedings held on 3/4/2015", EntryKind.OTHER),
    ],
)
def test_entry_kinds_are_read_from_the_docket_text(text, kind):
    assert classify(text) == kind


def test_references_are_docket_numbers_not_dates_times_or_attachments():
    assert referenced_numbers("ORDER granting 5 Motion; denying [7] Request; re: 9, 11 and 12") == {
        5,
        7,
        9,
        11,
        12,
    }
    assert referenced_numbers("ORDER ENDORSED on 14 Motion to Serve (Signed by Judge Maas on 12/3/03)") == {
        14
    }
    assert referenced_numbers("ORDER (Dkt. No. 44) setting hearing at 10:30 (Attachments: # 1 Exhibit)") == {
        44
    }
    assert referenced_numbers("ORDER OF TRANSFER. Signed by Judge William Alsup on 1/17/08.") == set()


def _facts(number, text, day=1):
    return EntryFacts(
        number=number, date_filed=datetime.date(2020, 1, day), description=text, kind=classify(text)
    )


def test_a_motion_is_pending_until_a_later_order_refers_to_it():
    entries = [
        _facts(5, "MOTION to Compel", 1),
        _facts(6, "REQUEST for Extension of Time", 2),
        _facts(7, "MOTION for Appointment of Counsel", 3),
        _facts(8, "ORDER granting 6 Request for Extension of Time", 4),
        _facts(None, "ORDER terminating 7 Motion (minute entry)", 5),
        _facts(9, "OPPOSITION re 5 MOTION to Compel", 6),
    ]
    assert resolutions(entries, case_closed=False) == {5: None, 6: 8, 7: 0}
    # An order filed before the motion does not resolve it; a withdrawal does.
    early = [
        _facts(3, "ORDER re 4", 1),
        _facts(4, "MOTION to Dismiss", 2),
        _facts(5, "NOTICE OF WITHDRAWAL of 4 Motion to Dismiss", 3),
    ]
    assert resolutions(early, case_closed=False) == {4: 5}
    # In a closed case nothing is pending.
    assert resolutions([_facts(5, "MOTION to Compel")], case_closed=True) == {5: 0}


def test_the_shared_dockets_pending_motions():
    nysd = {e.number: e for e in parse_docket(docket_bytes("nysd")).entries}
    assert nysd[14].kind == EntryKind.MOTION and not nysd[14].pending and nysd[14].resolved_by == 16
    assert nysd[18].kind == EntryKind.MOTION and nysd[18].pending
    assert [n for n, e in nysd.items() if e.pending] == [18]
    assert not any(e.pending for e in parse_docket(docket_bytes("cand")).entries)


def test_filers_are_read_from_the_docket_text():
    assert (
        filed_by("PETITION for Writ of Habeas Corpus (ifpp). Filed byJohn Michael Balbo. (sis)")
        == "John Michael Balbo"
    )
    assert filed_by("MOTION to Serve. Document filed by Walter Tremsky. Return Date set") == "Walter Tremsky"
    assert filed_by("ORDER OF TRANSFER. Signed by Judge William Alsup on 1/17/08.") == ""


def test_the_court_comes_from_the_heading_or_the_ecf_links():
    assert court_of_docket(docket_bytes("caed").decode()).code == "caed"
    nysd = court_of_docket(docket_bytes("nysd").decode())
    assert (nysd.code, nysd.name) == ("nysd", "Southern District of New York")
    assert court_of_docket('<a href="https://ecf.mad.uscourts.gov/doc1/123">1</a>').code == "mad"
    assert court_of_docket("<h3>U.S. District Court<br>District of Columbia (Washington)</h3>").code == "dcd"
    assert court_of_docket("<p>nothing here</p>") is None


def test_the_empty_docket_says_there_is_nothing_to_import():
    with pytest.raises(DocketError) as error:
        parse_docket(docket_bytes("cand_4"))
    assert str(error.value) == ERROR_EMPTY_DOCKET % {"number": "3:09-cr-00418-JSW"}


@pytest.mark.parametrize(
    ("data", "message_part"),
    [
        (
            b"<html><body><h1>Welcome to PACER</h1><table><tr><td>x</td></tr></table></body></html>",
            ERROR_NOT_DOCKET,
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "This is a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "This is a JPEG image"),
        (b"caf\xe9 \xff\xfe garbled \x81 text", ERROR_NOT_UTF8),
        (b"   \n", "The file is empty."),
    ],
)
def test_what_is_not_a_docket_report_is_refused_with_a_message(data, message_part):
    with pytest.raises(DocketError) as error:
        parse_docket(data)
    assert message_part in str(error.value)


def test_a_file_over_ten_megabytes_is_refused():
    with pytest.raises(DocketError) as error:
        decode_docket(b" " * (MAX_DOCKET_BYTES + 1))
    assert str(error.value) == ERROR_TOO_LARGE % {"limit": 10}


def test_a_windows_1252_docket_is_read_and_says_so():
    data = docket_bytes("cand").replace(b"Balbo v. Tilton", "Balbo v. Tiltón".encode("cp1252"))
    docket = parse_docket(data)
    assert docket.short_caption == "Balbo v. Tiltón"
    assert NOTE_CP1252 in docket.notes


def test_a_bankruptcy_docket_is_not_imported():
    html = docket_bytes("cand").decode().replace("U.S. District Court", "U.S. Bankruptcy Court")
    with pytest.raises(DocketError) as error:
        parse_docket(html.encode())
    assert str(error.value) == ERROR_BANKRUPTCY % {"court": "Northern District of California"}


def test_a_docket_that_does_not_name_its_court_is_refused():
    html = docket_bytes("cand_4").decode().replace("California Northern District (San Francisco)", "")
    with pytest.raises(DocketError) as error:
        parse_docket(html.replace("U.S. District Court", "").encode())
    assert str(error.value) == ERROR_NO_COURT
