"""Which court a docket sheet is from, read from its heading and its links.

CM/ECF heads every docket report “U.S. District Court / <district> (<division>)”, the district
written either “California Northern District” or “Eastern District of California - Live System”.
Court identifiers follow one rule: the state's postal code, the first letter of the district's
direction (Northern, Eastern, Southern, Western, Central, Middle), then “d” for district court
(“cand”, “caed”, “nysd”); a state with one district is the postal code + “d” (“mad”).
Links to ``ecf.<court>.uscourts.gov`` give the same identifier where the saved page kept them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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

_HEADING = re.compile(
    r"U\.\s*S\.\s+(?P<kind>District|Bankruptcy)\s+Court\s*(?:<br\s*/?>|\s|for)+(?P<district>[^<\n(]{3,80})",
    re.IGNORECASE,
)
_ECF_HOST = re.compile(r"\becf\.(?P<code>[a-z]{2,5})\.uscourts\.gov", re.IGNORECASE)


@dataclass(frozen=True)
class CourtOfDocket:
    code: str  # "cand"
    name: str  # "Northern District of California" ("" when only a link named the court)
    bankruptcy: bool = False


def _district_from_text(text: str) -> tuple[str, str] | None:
    """(code, name) for a heading such as “California Northern District” or
    “Eastern District of California - Live System”."""
    words = " ".join(re.sub(r"[^A-Za-z ]", " ", text).split()).lower()
    words = words.replace("live system", "").replace("district court", "").strip()
    direction = next((d for d in _DIRECTIONS if re.search(rf"\b{d}\b", words)), "")
    # "District of Columbia" is a state-like district of its own.
    state = next((s for s in _STATE_NAMES if re.search(rf"\b{s}\b", words)), "")
    if not state:
        return None
    if state == "columbia":
        state = "district of columbia"
    postal = STATES[state]
    if state == "northern mariana islands":
        direction = ""
    display_state = state.title().replace(" Of ", " of ")
    if direction:
        return f"{postal}{direction[0]}d", f"{direction.title()} District of {display_state}"
    if state == "district of columbia":
        return "dcd", "District of Columbia"
    return f"{postal}d", f"District of {display_state}"


def court_of_docket(html: str) -> CourtOfDocket | None:
    """The court a docket page is from: its heading first, else the most frequent ECF host."""
    if match := _HEADING.search(html[:200_000]):
        found = _district_from_text(match["district"])
        if found:
            code, name = found
            bankruptcy = match["kind"].lower() == "bankruptcy"
            if bankruptcy:
                code = code[:-1] + "b"
            return CourtOfDocket(code=code, name=name, bankruptcy=bankruptcy)
    hosts = Counter(m["code"].lower() for m in _ECF_HOST.finditer(html))
    if hosts:
        code = hosts.most_common(1)[0][0]
        return CourtOfDocket(code=code, name="", bankruptcy=code.endswith("b"))
    return None


def heading_lines_for(name: str) -> tuple[str, str]:
    """The two caption heading lines of a district court: “UNITED STATES DISTRICT COURT” and
    the district in capitals (“NORTHERN DISTRICT OF CALIFORNIA”)."""
    return "UNITED STATES DISTRICT COURT", name.upper()
