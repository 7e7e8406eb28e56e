"""The statute behind a case's cause, for the sentences that name it.

The docket's Cause field holds a CM/ECF cause code and its description (“42:1983 Prisoner Civil
Rights”, “28:1331cv Fed. Question: Other Civil Rights”); a case entered by hand may hold the
statute itself (“42 U.S.C. § 1983”). ``cause_statute`` maps the code through
``data/cause_codes.json``; a code not in the mapping gives no statute (the sentence is written
without one), never the raw code.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

CIVIL_RIGHTS, HABEAS, MOTION_2255, OTHER = "civil_rights", "habeas", "motion_2255", "other"

_CODE = re.compile(r"^\s*(?P<title>\d{1,2})\s*:\s*(?P<section>\d+[a-z]?(?:-\d+)?)(?=[a-z]*\b)", re.I)
_WRITTEN = re.compile(
    r"^\s*(?P<title>\d{1,2})\s+U\.\s?S\.\s?C\.?\s*§+\s*(?P<section>\d+[a-z]?)(?P<sub>(?:\([a-z0-9]+\))*)",
    re.I,
)


@dataclass(frozen=True)
class Cause:
    statute: str  # "42 U.S.C. § 1983"
    kind: str  # CIVIL_RIGHTS, HABEAS, MOTION_2255 or OTHER


@functools.cache
def _codes() -> dict[str, Cause]:
    path = Path(__file__).resolve().parent / "data" / "cause_codes.json"
    data = json.loads(path.read_text(encoding="utf-8"))["codes"]
    return {code: Cause(statute=item["statute"], kind=item["kind"]) for code, item in data.items()}


def _lookup(title: str, section: str) -> Cause | None:
    codes = _codes()
    section = section.lower()
    for candidate in (section, re.sub(r"[a-z]+$", "", section)):  # "1983pr" → "1983"
        if cause := codes.get(f"{int(title)}:{candidate}"):
            return cause
    return None


def cause_of(text: str) -> Cause | None:
    """The mapped cause of a case's Cause field, or None (unknown code, or no code at all)."""
    if match := _CODE.match(text or ""):
        return _lookup(match["title"], match["section"])
    if match := _WRITTEN.match(text or ""):
        known = _lookup(match["title"], match["section"])
        written = f"{int(match['title'])} U.S.C. § {match['section']}{match['sub']}"
        return Cause(statute=written, kind=known.kind if known else OTHER)
    return None


def cause_statute(text: str) -> str:
    """“42 U.S.C. § 1983” for “42:1983 Prisoner Civil Rights”; "" when not known."""
    cause = cause_of(text)
    return cause.statute if cause else ""
