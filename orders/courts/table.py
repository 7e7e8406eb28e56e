"""The 94 United States district courts, as the Free Law Project's ``courts-db`` describes them.

``DISTRICT_IDS`` are the CM/ECF court ids of the 89 district courts of the states, the District
of Columbia, Puerto Rico, and the three territorial courts (Guam, the Northern Mariana Islands,
the Virgin Islands). ``courts-db`` gives each one's location (the state) and citation; its
names are written many ways (“District Court, D. New Jersey”, “United States District Court for
the Northern District of California”), so the district's own name is built from the id's
direction letter and the location: “Northern District of California”, “District of New Jersey”.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

DISTRICT_IDS = [
    "almd",
    "alnd",
    "alsd",
    "akd",
    "azd",
    "ared",
    "arwd",
    "cacd",
    "caed",
    "cand",
    "casd",
    "cod",
    "ctd",
    "ded",
    "dcd",
    "flmd",
    "flnd",
    "flsd",
    "gamd",
    "gand",
    "gasd",
    "gud",
    "hid",
    "idd",
    "ilcd",
    "ilnd",
    "ilsd",
    "innd",
    "insd",
    "iand",
    "iasd",
    "ksd",
    "kyed",
    "kywd",
    "laed",
    "lamd",
    "lawd",
    "med",
    "mdd",
    "mad",
    "mied",
    "miwd",
    "mnd",
    "msnd",
    "mssd",
    "moed",
    "mowd",
    "mtd",
    "ned",
    "nvd",
    "nhd",
    "njd",
    "nmd",
    "nyed",
    "nynd",
    "nysd",
    "nywd",
    "nced",
    "ncmd",
    "ncwd",
    "ndd",
    "nmid",
    "ohnd",
    "ohsd",
    "oked",
    "oknd",
    "okwd",
    "ord",
    "paed",
    "pamd",
    "pawd",
    "prd",
    "rid",
    "scd",
    "sdd",
    "tned",
    "tnmd",
    "tnwd",
    "txed",
    "txnd",
    "txsd",
    "txwd",
    "utd",
    "vtd",
    "vid",
    "vaed",
    "vawd",
    "waed",
    "wawd",
    "wvnd",
    "wvsd",
    "wied",
    "wiwd",
    "wyd",
]

# The territorial (Article IV) courts, under the names their statutes give them.
TERRITORIAL_HEADINGS = {
    "gud": "DISTRICT COURT OF GUAM",  # 48 U.S.C. § 1424
    "nmid": "DISTRICT COURT FOR THE NORTHERN MARIANA ISLANDS",  # 48 U.S.C. § 1821
    "vid": "DISTRICT COURT OF THE VIRGIN ISLANDS",  # 48 U.S.C. § 1611
}
TERRITORIAL_IDS = tuple(TERRITORIAL_HEADINGS)

_DIRECTIONS = {
    "n": "Northern",
    "e": "Eastern",
    "s": "Southern",
    "w": "Western",
    "c": "Central",
    "m": "Middle",
}

# The circuit of each state's districts: 28 U.S.C. § 41.
CIRCUIT_OF_STATE = {
    1: "Maine Massachusetts New_Hampshire Rhode_Island Puerto_Rico",
    2: "Connecticut New_York Vermont",
    3: "Delaware New_Jersey Pennsylvania Virgin_Islands",
    4: "Maryland North_Carolina South_Carolina Virginia West_Virginia",
    5: "Louisiana Mississippi Texas",
    6: "Kentucky Michigan Ohio Tennessee",
    7: "Illinois Indiana Wisconsin",
    8: "Arkansas Iowa Minnesota Missouri Nebraska North_Dakota South_Dakota",
    9: "Alaska Arizona California Hawaii Idaho Montana Nevada Oregon Washington Guam "
    "Northern_Mariana_Islands",
    10: "Colorado Kansas New_Mexico Oklahoma Utah Wyoming",
    11: "Alabama Florida Georgia",
    12: "District_of_Columbia",
}
_CIRCUITS = {
    state.replace("_", " "): circuit
    for circuit, states in CIRCUIT_OF_STATE.items()
    for state in states.split()
}


@dataclass(frozen=True)
class DistrictCourt:
    code: str  # "cand"
    name: str  # "Northern District of California"
    state: str  # "California"
    citation: str  # "N.D. Cal."
    circuit: int
    territorial: bool
    regexes: tuple[str, ...]  # courts-db's patterns for the court's written names

    @property
    def heading_lines(self) -> tuple[str, str]:
        """The two heading lines without a profile's “FOR THE”: “UNITED STATES DISTRICT COURT” /
        “NORTHERN DISTRICT OF CALIFORNIA”; a territorial court: “DISTRICT COURT OF GUAM”."""
        if self.territorial:
            return "", TERRITORIAL_HEADINGS[self.code]
        return "UNITED STATES DISTRICT COURT", self.name.upper()


def _state(record: dict) -> str:
    location = record.get("location") or ""
    return "District of Columbia" if record["id"] == "dcd" else location


def _district_name(code: str, state: str) -> str:
    if code == "dcd":
        return "District of Columbia"
    the = "the " if state in ("Virgin Islands", "Northern Mariana Islands") else ""
    middle = code[2:-1] if code != "nmid" else ""
    direction = _DIRECTIONS.get(middle, "")
    return f"{direction} District of {the}{state}".strip()


@functools.cache
def district_courts() -> dict[str, DistrictCourt]:
    """Every district court by CM/ECF id, read from ``courts-db``."""
    from courts_db import courts  # the package's JSON, loaded on first use

    records = {record["id"]: record for record in courts}
    table = {}
    for code in DISTRICT_IDS:
        record = records[code]
        state = _state(record)
        table[code] = DistrictCourt(
            code=code,
            name=_district_name(code, state),
            state=state,
            citation=record.get("citation_string") or "",
            circuit=_CIRCUITS[state],
            territorial=code in TERRITORIAL_IDS,
            regexes=tuple(record.get("regex") or ()),
        )
    return table
