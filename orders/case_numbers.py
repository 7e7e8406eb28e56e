"""Parse the ways federal district courts write a case number.

The same case is written many ways; all of these name one N.D. Cal. case::

    3:13-cv-04426-EDL      13-cv-04426-EDL      13-cv-4426
    C 13-4426 EDL (PR)     C-13-4426-EDL        CV 13-04426 EDL

and other districts write theirs as ``1:15-mc-00105-P1`` (S.D.N.Y.'s Part I), ``2:08-cr-00125-DAK-1``
(a criminal case's first defendant), ``19 Civ. 1234 (GBD) (SN)`` or ``1:19-cv-632 (TSE/JFA)``.

What identifies the case within its court is the year, the case type and the sequence
number; the office code, the judge's initials and a suffix such as "(PR)" are parts of
how it is written. ``parse_case_number`` returns those parts and ``CaseNumber.key``
the canonical identity ("13-cv-04426") that lookups compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR_UNPARSABLE = (
    "“%(value)s” is not a case number this court writes. Expected a form like "
    "“14-cv-05578-MEJ”, “3:14-cv-05578-MEJ” or “C 13-4426 EDL (PR)”."
)

# Letters used before the number in older N.D. Cal. numbers ("C 07-959 SI"), and the
# case types CM/ECF writes between year and sequence.
_LEGACY_TYPES = {
    "C": "cv", "CV": "cv", "CIV": "cv", "CIVIL": "cv", "CR": "cr", "CRIM": "cr", "M": "mc", "MC": "mc",
    "MISC": "mc", "MJ": "mj", "MAG": "mj",
}  # fmt: skip
# CM/ECF case types: civil, criminal, miscellaneous, multidistrict (md; C.D. Cal. ml), magistrate
# judge (mj), petty offence (po, pt), search warrant (sw), grand jury (gj), death-penalty habeas
# (dp), and the bankruptcy court's bk / ap (refused as dockets, but read in past orders).
_CASE_TYPES = {"cv", "cr", "mc", "md", "ml", "mj", "po", "pt", "sw", "gj", "dp", "bk", "ap"}
# A judge's code: letters, or letters and a digit (S.D.N.Y.'s “P1”), never digits alone.
_JUDGE = r"[A-Za-z][A-Za-z0-9]{0,4}"

_CMECF = re.compile(
    r"""^\s*
    (?:(?P<office>\d{1,2})\s*:\s*)?
    (?P<year>\d{2}|\d{4})\s*-\s*
    (?P<type>[A-Za-z]{2})\s*-\s*
    (?P<seq>\d{1,5})
    (?:\s*-\s*(?P<initials>JUDGE(?:\s*-\s*JUDGE)*))?
    (?:\s*-\s*(?P<defendant>\d{1,3}))?
    (?:\s*\(\s*(?P<suffix>[A-Za-z]{1,4})\s*\))?
    (?P<more>(?:\s*\(\s*JUDGE(?:\s*/\s*JUDGE)*\s*\))*)
    \s*$""".replace("JUDGE", _JUDGE),
    re.VERBOSE,
)

# “19 Civ. 1234 (GBD) (SN)”, “07 Cr. 123 (PAE)”: S.D.N.Y. and E.D.N.Y. write the type as a word.
_WORDED = re.compile(
    r"""^\s*
    (?P<year>\d{2}|\d{4})\s+
    (?P<type>Civ|Civil|Cr|Crim|Misc|Mag|M)\.?\s+
    (?P<seq>\d{1,5})
    (?P<more>(?:\s*\(\s*JUDGE(?:\s*/\s*JUDGE)*\s*\))*)
    \s*$""".replace("JUDGE", _JUDGE),
    re.VERBOSE | re.IGNORECASE,
)
_GROUP_INITIALS = re.compile(_JUDGE)

_LEGACY = re.compile(
    r"""^\s*
    (?:(?P<prefix>CIVIL|CIV|CRIM|MISC|MAG|CV|CR|MC|MJ|C|M)\b[\s.-]*)?
    (?:(?P<office>\d{1,2})\s*:\s*)?
    (?P<year>\d{2}|\d{4})\s*-\s*
    (?P<seq>\d{1,5})
    (?:[\s-]+(?P<initials>[A-Za-z]{1,5}))?
    (?:\s*\(\s*(?P<suffix>[A-Za-z]{1,4})\s*\))?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


class CaseNumberError(ValueError):
    """The text is not a case number."""


@dataclass(frozen=True)
class CaseNumber:
    office: str
    year: int
    case_type: str
    sequence: int
    judge_initials: str
    suffix: str

    @property
    def key(self) -> str:
        """Canonical identity within a court: two-digit year, type, five-digit sequence."""
        return f"{self.year % 100:02d}-{self.case_type}-{self.sequence:05d}"


def _year(text: str) -> int:
    year = int(text)
    return year % 100 if year >= 1900 else year


def _initials(*parts: str | None) -> str:
    """“GBD-SN” from “GBD”, “(SN)”, “(TSE/JFA)”: the judges' codes joined by hyphens."""
    codes = []
    for part in parts:
        codes += [code.upper() for code in _GROUP_INITIALS.findall(part or "")]
    return "-".join(codes)[:20]


def parse_case_number(value: str) -> CaseNumber:
    """Parse any written form of a case number, or raise ``CaseNumberError``."""
    text = (value or "").strip()
    if len(text) > 60:
        raise CaseNumberError(ERROR_UNPARSABLE % {"value": text[:60] + "…"})
    if match := _CMECF.match(text):
        case_type = match["type"].lower()
        if case_type in _CASE_TYPES:
            sequence = int(match["seq"])
            if sequence > 0:
                return CaseNumber(
                    office=match["office"] or "",
                    year=_year(match["year"]),
                    case_type=case_type,
                    sequence=sequence,
                    judge_initials=_initials(match["initials"], match["more"]),
                    suffix=match["suffix"] or "",
                )
    if match := _WORDED.match(text):
        sequence = int(match["seq"])
        if sequence > 0:
            return CaseNumber(
                office="",
                year=_year(match["year"]),
                case_type=_LEGACY_TYPES.get(match["type"].upper(), "cv"),
                sequence=sequence,
                judge_initials=_initials(match["more"]),
                suffix="",
            )
    if match := _LEGACY.match(text):
        sequence = int(match["seq"])
        if sequence > 0:
            prefix = (match["prefix"] or "C").upper()
            return CaseNumber(
                office=match["office"] or "",
                year=_year(match["year"]),
                case_type=_LEGACY_TYPES.get(prefix, "cv"),
                sequence=sequence,
                judge_initials=(match["initials"] or "").upper(),
                suffix=match["suffix"] or "",
            )
    raise CaseNumberError(ERROR_UNPARSABLE % {"value": text})


def case_number_key(value: str) -> str | None:
    """The canonical key of a written case number, or None when it does not parse."""
    try:
        return parse_case_number(value).key
    except CaseNumberError:
        return None
