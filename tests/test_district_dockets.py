"""Dockets from any district (issue #16): every shared docket imported twice and compared with
juriscraper's JSON and with what chambers see (heading, judges' titles, caption, pending
entries); an order of every type drafted in each case with a pending motion and printed in its
court's format, with no other court's rule, no Ninth Circuit law outside it, no raw cause code
and no prisoner sentence in a case without a prisoner."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from orders import selectors, services
from orders.dockets import DocketError, parse_docket
from orders.dockets.parsed import ERROR_BANKRUPTCY, ERROR_EMPTY_DOCKET, ERROR_JPML
from orders.dockets.parties import clean_name, name_key
from orders.order_types import registry
from orders.pdf import render_order_pdf
from orders.pdf.document import document_for_order

from .dockets import docket_bytes, docket_json, import_docket
from .factories import UserFactory
from .paths import DOCKETS_DIR
from .pdf_helpers import number_lines, open_pdf, text_chars
from .wizard_helpers import filler

pytestmark = pytest.mark.django_db

REFUSED = {
    "alnb_1": ERROR_BANKRUPTCY % {"court": "Northern District of Alabama"},
    "jpml": ERROR_JPML,
    "cand_4": ERROR_EMPTY_DOCKET % {"number": "3:09-cr-00418-JSW"},
}
ALL = sorted(path.stem for path in DOCKETS_DIR.glob("*.html"))
IMPORTED = [name for name in ALL if name not in REFUSED]

# What chambers see for each shared docket, read off the docket by hand: the heading, the judges
# with the titles under their signatures, the caption's first named party of each side.
SEEN = {
    "akd": (
        "DISTRICT OF ALASKA",
        ("Timothy M. Burgess", "United States District Judge"),
        None,
        "WEST AMERICAN INSURANCE COMPANY,",
        "MATTHEW BRENT GIFFORD, et al.,",
    ),
    "azd": (
        "DISTRICT OF ARIZONA",
        ("Steven P. Logan", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "JOSE MIGUEL SANTANA-ESMERALDA,",
    ),
    "cacd": (
        "CENTRAL DISTRICT OF CALIFORNIA",
        ("S. James Otero", "United States District Judge"),
        ("Jeffrey W. Johnson", "United States Magistrate Judge"),
        "LA PRINTEX INDUSTRIES INC,",
        "DAFFY'S INC, et al.,",
    ),
    "caed": (
        "EASTERN DISTRICT OF CALIFORNIA",
        ("Sandra M. Snyder", "United States Magistrate Judge"),
        None,
        "COREY MITCHELL,",
        "RENNICK, et al.,",
    ),
    "caed_2": (
        "EASTERN DISTRICT OF CALIFORNIA",
        ("Robert E. Coyle", "Senior United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "POURIYA MOZAFFARY,",
    ),
    "cand": (
        "NORTHERN DISTRICT OF CALIFORNIA",
        ("William Alsup", "United States District Judge"),
        None,
        "JOHN MICHAEL BALBO,",
        "JAMES E. TILTON, et al.,",
    ),
    "cand_2": (
        "NORTHERN DISTRICT OF CALIFORNIA",
        ("Susan Illston", "United States District Judge"),
        None,
        "JAMES BRADY, et al.,",
        "DELOITTE & TOUCHE LLP, et al.,",
    ),
    "cand_263146": (
        "NORTHERN DISTRICT OF CALIFORNIA",
        ("Yvonne Gonzalez Rogers", "United States District Judge"),
        ("Donna M. Ryu", "United States Magistrate Judge"),
        "IN RE: LITHIUM ION BATTERIES ANTITRUST LITIGATION",
        "",
    ),
    "casd_4": (
        "SOUTHERN DISTRICT OF CALIFORNIA",
        ("Dana M. Sabraw", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "ELIAS TORRES ALCAZAR JR,",
    ),
    "dcd_3": (
        "DISTRICT OF COLUMBIA",
        ("Amit P. Mehta", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "GOOGLE LLC,",
    ),
    "gasd": (
        "SOUTHERN DISTRICT OF GEORGIA",
        ("J. Randal Hall", "Chief United States District Judge"),
        ("Brian K. Epps", "United States Magistrate Judge"),
        "UNITED STATES OF AMERICA,",
        "DERRICK D. KING,",
    ),
    "hid": (
        "DISTRICT OF HAWAII",
        ("David Alan Ezra", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "JASON FURTADO,",
    ),
    "ilnd_378697": (
        "NORTHERN DISTRICT OF ILLINOIS",
        ("Robert M. Dow, Jr.", "United States District Judge"),
        None,
        "COOK COUNTY REPUBLICAN PARTY,",
        "J. B. PRITZKER, et al.,",
    ),
    "laed_127926": (
        "EASTERN DISTRICT OF LOUISIANA",
        ("Helen G. Berrigan", "United States District Judge"),
        ("Sally Shushan", "United States Magistrate Judge"),
        "MILAN DEDIOL,",
        "BEST CHEVROLET, et al.,",
    ),
    "moed": (
        "EASTERN DISTRICT OF MISSOURI",
        ("Stephen N. Limbaugh, Jr.", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "ADAMA KANE,",
    ),
    "njd_365922": (
        "FOR THE DISTRICT OF NEW JERSEY",
        ("Esther Salas", "United States District Judge"),
        None,
        "HARRY PANGEMANAN, et al.,",
        "JOHN TSOUKARIS, et al.,",
    ),
    "nvd_21855": (
        "DISTRICT OF NEVADA",
        ("Johnnie B. Rawlinson", "United States District Judge"),
        ("Roger L. Hunt", "United States District Judge"),
        "JORGE ARMONDO KIHUEN,",
        "UNIVERSAL URETHANE, INC.,",
    ),
    "nyed": (
        "EASTERN DISTRICT OF NEW YORK",
        ("William F. Kuntz, II", "United States District Judge"),
        ("Viktor V. Pohorelsky", "United States Magistrate Judge"),
        "SAMUEL WEBER,",
        "NORTHEAST ADJUSTERS, INC,",
    ),
    "nysd": (
        "SOUTHERN DISTRICT OF NEW YORK",
        ("George B. Daniels", "United States District Judge"),
        ("Sarah Netburn", "United States Magistrate Judge"),
        "WALTER TREMSKY, et al.,",
        "OSAMA BIN LADEN, et al.,",
    ),
    # The docket's "Referred to: Pro Se Law Clerk MP" is not a judge; Alford is the lead plaintiff.
    "pamd": (
        "MIDDLE DISTRICT OF PENNSYLVANIA",
        ("Matthew W. Brann", "Chief United States District Judge"),
        None,
        "CRAIG ALFORD, et al.,",
        "LT. BAYLOR, et al.,",
    ),
    # The press movants of a criminal case do not lead its caption.
    "utd": (
        "DISTRICT OF UTAH",
        ("Dale A. Kimball", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "BRIAN DAVID MITCHELL,",
    ),
    "vaed": (
        "FOR THE EASTERN DISTRICT OF VIRGINIA",
        ("T. S. Ellis, III", "United States District Judge"),
        ("John F. Anderson", "United States Magistrate Judge"),
        "SVETLANA LOKHOVA,",
        "STEFAN A. HALPER, et al.,",
    ),
    "wawd": (
        "WESTERN DISTRICT OF WASHINGTON",
        ("Marsha J. Pechman", "United States District Judge"),
        None,
        "UNITED STATES OF AMERICA,",
        "DAVID STEPHENS,",
    ),
}


def test_every_shared_docket_is_either_imported_or_refused_by_what_it_is():
    assert set(SEEN) == set(IMPORTED), "a docket was added to tests/data: say what chambers see in it"
    for name, message in REFUSED.items():
        with pytest.raises(DocketError) as error:
            parse_docket(docket_bytes(name))
        assert str(error.value) == message


@pytest.mark.parametrize("name", IMPORTED)
def test_imported_twice_like_its_json_and_as_chambers_see_it(name):
    expected = docket_json(name)
    result = import_docket(name)
    again = import_docket(name)
    assert result.created and not again.changed
    case = again.case
    # Like juriscraper's JSON: court, number, date filed, the entries.
    assert case.court.code == expected["court_id"]
    assert case.number.startswith(expected["docket_number"])
    assert case.date_filed.isoformat() == expected["date_filed"]
    numbers = sorted({int(e["document_number"]) for e in expected["docket_entries"] if e["document_number"]})
    assert sorted(case.docket_entries.values_list("number", flat=True)) == numbers
    json_names = {name_key(clean_name(p["name"])) for p in expected["parties"]}
    assert json_names <= {name_key(p.name) for p in case.parties.all()}
    # As chambers see it: the heading, the judges and their titles, the caption.
    heading, assigned, referred, first, second = SEEN[name]
    assert case.court.heading_lines[-1] == heading
    assert (
        case.assigned_judge.full_name,
        case.assigned_judge.signature_title,
    ) == assigned
    referred_seen = (
        (case.referred_judge.full_name, case.referred_judge.signature_title) if case.referred_judge else None
    )
    assert referred_seen == referred
    caption = case.caption()
    assert (caption.first.names, caption.second.names) == (first, second)
    assert caption.first.names or caption.second.names  # never a caption of only "v."
    # Pending entries: what the docket's rules found, and only motions and requests.
    parsed_pending = {e.number for e in parse_docket(docket_bytes(name)).entries if e.pending}
    pending = set(case.docket_entries.filter(pending=True).values_list("number", flat=True))
    assert pending == parsed_pending
    assert set(case.docket_entries.filter(pending=True).values_list("kind", flat=True)) <= {
        "motion",
        "request",
    }


_LOCAL_RULE = re.compile(
    r"(?:N\.\s?D\.\s?Cal\.\s+(?:L\.R\.|Local\s+Rule)\s*[\d-]+|(?:Civil\s+|Civ\.\s+)?L\.\s?R\.\s*\d(?:[\w().-]*[\w)])?|"
    r"Local\s+(?:Civil\s+)?Rule\s+\d(?:[\w().-]*[\w)])?)"
)
_RAW_CAUSE = re.compile(r"\b\d{1,2}:\d{1,5}[a-z]*(?![\w-])")  # "42:1983", "28:1331cv"; not "1:20-cv-…"


def _answers(order_type, case, entries) -> dict:
    """The prefilled answers, and a plausible one for each required field left empty (a past date
    where the type wants one)."""
    form = order_type.get_form(case=case, initial=order_type.initial(case=case, entries=entries))
    data = {}
    for field_name, field in form.fields.items():
        value = form[field_name].value()
        if value not in (None, "", []):
            data[field_name] = value
        elif field.required:
            data[field_name] = filler(field)
    try:
        order_type.clean_data(case=case, entries=entries, data=data)
    except ValidationError as error:
        past = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
        for field_name in error.message_dict:
            if isinstance(form.fields.get(field_name), forms.DateField):
                data[field_name] = past
            elif field_name in form.fields and field_name not in data:  # required by another answer
                data[field_name] = filler(form.fields[field_name])
    return data


def _with_pending_motion() -> list[str]:
    return [n for n in IMPORTED if any(e.pending for e in parse_docket(docket_bytes(n)).entries)]


@pytest.mark.parametrize("name", _with_pending_motion())
def test_every_order_type_drafted_in_the_case_prints_in_its_courts_format_with_its_own_rules(
    name,
):
    case = import_docket(name).case
    clerk = UserFactory()
    services.membership_create(user=clerk, judge=case.assigned_judge)
    pending = list(selectors.pending_entries_for_case(case, kinds=selectors.MOTION_KINDS))
    assert pending
    own_rules = [c for cs in case.court.rule_citations().values() for c in cs]
    for order_type in registry.all():
        entries = pending[:1] if order_type.resolves_kinds else []
        order = services.order_draft_create(
            case=case,
            order_type_key=order_type.key,
            entries=entries,
            data=_answers(order_type, case, entries),
            created_by=clerk,
        )
        body = order.body
        for citation in _LOCAL_RULE.findall(body):
            assert any(citation in rule for rule in own_rules), (
                name,
                order_type.key,
                citation,
            )
        assert not _RAW_CAUSE.search(body), (name, order_type.key)
        if case.court.circuit != 9:
            assert "9th Cir." not in body, (name, order_type.key)
        if not case.prisoner:
            assert "prisoner" not in body.lower(), (name, order_type.key)
    # The last one, printed: the court's heading and closing, on its paper.
    document = document_for_order(order)
    assert document.heading_lines == case.court.heading_lines
    with open_pdf(render_order_pdf(order)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        assert case.court.heading_lines[-1] in text
        assert case.court.code.upper() not in text.split()
        has_numbers = bool(number_lines(page))
        assert has_numbers == (case.court.paper == "pleading"), name
        assert text_chars(page)
