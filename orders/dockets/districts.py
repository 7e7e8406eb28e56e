"""Which court a docket sheet is from, read from its heading and its links.

CM/ECF heads a docket report “U.S. District Court / <district> (<division>)”, and writes the
district many ways: “California Northern District”, “Eastern District of California - Live
System”, “District of Nevada”, “Northern District of Illinois - CM/ECF LIVE, Ver 6.3.3”,
“UNITED STATES DISTRICT COURT, CENTRAL DISTRICT OF CALIFORNIA”, or “US District Court Electronic
Case Filing System / District of Utah”; the page title may say “U.S. District Court, Northern
Illinois”. The district's direction and state give the CM/ECF id (“cand”, “nvd”), which must be
one of the court table's (``orders.courts.table``); otherwise the ``ecf.<court>.uscourts.gov``
links the saved page kept name it. Bankruptcy-court and Judicial Panel on Multidistrict
Litigation pages are recognised, so the import can say what they are.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass

from ..courts.table import district_courts

STATES = {
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca",
    "colorado": "co", "connecticut": "ct", "delaware": "de", "district of columbia": "dc",
    "columbia": "dc", "florida": "fl", "georgia": "ga", "hawaii": "hi", "idaho": "id",
    "illinois": "il", "indiana": "in", "iowa": "ia", "kansas": "ks", "kentucky": "ky",
    "louisiana": "la", "maine": "me", "maryland": "md", "massachusetts": "ma", "michigan": "mi",
    "minnesota": "mn", "mississippi": "ms", "missouri": "mo", "montana": "mt", "nebraska": "ne",
    "nevada": "nv", "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny",
    "north carolina": "nc", "north dakota": "nd", "ohio": "oh", "oklahoma": "ok", "oregon": "or",
    "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc", "south dakota": "sd",
    "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt", "virginia": "va",
    "washington": "wa", "west virginia": "wv", "wisconsin": "wi", "wyoming": "wy",
    "puerto rico": "pr", "guam": "gu", "virgin islands": "vi", "northern mariana islands": "nmi",
}  # fmt: skip
_DIRECTIONS = ("northern", "eastern", "southern", "western", "central", "middle")
_STATE_NAMES = sorted(STATES, key=len, reverse=True)

_COURT_WORDS = r"(?:U\.?\s*S\.?|United\s+States)\s+(?P<kind>District|Bankruptcy)\s+Court"
_HEADING = re.compile(
    rf"{_COURT_WORDS}(?P<rest>.{{0,400}}?)(?:DOCKET\s+FOR|Petition\s+#|</title>|</h3>)", re.I | re.S
)
_JPML = re.compile(r"Judicial\s+Panel\s+on\s+Multi-?district\s+Litigation", re.IGNORECASE)
_ECF_HOST = re.compile(r"\becf\.(?P<code>[a-z]{2,5})\.uscourts\.gov", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_DIVISION = re.compile(r"\(([^()]{2,60})\)")
_NOISE = re.compile(
    r"\b(?:live\s+system|cm\s*/?\s*ecf(?:\s+live)?|ver\s*[\d.]+|live|electronic\s+case\s+filing\s+system)\b",
    re.I,
)

KIND_DISTRICT, KIND_BANKRUPTCY, KIND_JPML = "district", "bankruptcy", "jpml"


@dataclass(frozen=True)
class CourtOfDocket:
    code: str  # "cand"
    name: str  # "Northern District of California"
    bankruptcy: bool = False
    kind: str = KIND_DISTRICT  # or KIND_BANKRUPTCY, KIND_JPML
    division: str = ""  # "San Francisco", as the heading writes it


def _district_from_text(text: str) -> str | None:
    """The district court id for a heading such as “California Northern District”, “Eastern
    District of California - Live System” or “District of Nevada”."""
    words = " ".join(re.sub(r"[^A-Za-z ]", " ", text).split()).lower()
    direction = next((d for d in _DIRECTIONS if re.search(rf"\b{d}\b", words)), "")
    state = next((s for s in _STATE_NAMES if re.search(rf"\b{s}\b", words)), "")
    if not state:
        return None
    if state in ("columbia", "district of columbia"):
        return "dcd"
    if state == "northern mariana islands":
        return "nmid"
    if state == "west virginia" or state == "virginia":  # "west" is not a direction word here
        state = "west virginia" if "west virginia" in words else "virginia"
    return f"{STATES[state]}{direction[:1]}d"


def district_code(text: str) -> str | None:
    """The court table's id of a district named in ``text`` in any of its written forms (“FOR THE
    DISTRICT OF NEW JERSEY”, “Northern District of California”), or None."""
    code = _district_from_text(_NOISE.sub(" ", text))
    return code if code in district_courts() else None


def _heading_text(raw: str) -> str:
    text = html_lib.unescape(_TAG.sub(" ", raw))
    return " ".join(text.split())


def _from_heading(page: str) -> CourtOfDocket | None:
    table = district_courts()
    matches = list(_HEADING.finditer(page[:200_000]))
    # The page's own heading first; the <title> (“U.S. District Court, Northern Illinois”) after.
    matches.sort(key=lambda m: m.group(0).lower().endswith("</title>"))
    for match in matches:
        rest = _heading_text(match["rest"])
        before_division = rest.split("(")[0]
        code = _district_from_text(_NOISE.sub(" ", before_division))
        if code is None:
            continue
        division = ""
        if found := _DIVISION.search(rest):
            division = found.group(1).strip()
        if match["kind"].lower() == "bankruptcy":
            name = table[code].name if code in table else before_division.strip(" ,-")
            return CourtOfDocket(code=code[:-1] + "b", name=name, bankruptcy=True, kind=KIND_BANKRUPTCY)
        if code in table:
            return CourtOfDocket(code=code, name=table[code].name, division=division)
    return None


def court_of_docket(html: str) -> CourtOfDocket | None:
    """The court a docket page is from: its heading first, else the most frequent ECF host."""
    if _JPML.search(html[:200_000]):
        return CourtOfDocket(code="jpml", name="Judicial Panel on Multidistrict Litigation", kind=KIND_JPML)
    if found := _from_heading(html):
        return found
    hosts = Counter(m["code"].lower() for m in _ECF_HOST.finditer(html))
    table = district_courts()
    for code, _count in hosts.most_common():
        if code in table:
            return CourtOfDocket(code=code, name=table[code].name)
        if code == "jpml":
            return CourtOfDocket(code=code, name="Judicial Panel on Multidistrict Litigation", kind=KIND_JPML)
        if code.endswith("b"):
            district = table.get(code[:-1] + "d")
            return CourtOfDocket(
                code=code, name=district.name if district else "", bankruptcy=True, kind=KIND_BANKRUPTCY
            )
    return None
