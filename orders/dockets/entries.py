"""What kind of filing a docket entry is, and which motions still look pending.

Kind: CM/ECF docket text starts with the event's name (“MOTION for …”, “ORDER granting …”,
“First AMENDED COMPLAINT …”, “Memo-Endorsement on letter …”). The kind is the keyword that
appears FIRST in the opening words of the text, so “ORDER granting 5 MOTION” is an order and
“STIPULATION AND [PROPOSED] ORDER” a stipulation. “NOTICE OF MOTION” and “LETTER MOTION” are
motions; “AFFIDAVIT/CERTIFICATE/PROOF OF SERVICE” and “SUMMONS” are service.

Pending: a motion or request is pending unless a later order or judgment (an entry filed on or
after it, numbered or not) refers to its number the way CM/ECF links docket numbers:
“granting 5”, “denying [5]”, “terminating 5”, “vacating 5”, “re 5”, “re: 5”, “on 5”,
“Dkt. No. 5”, “Docket No. 5”, “ECF No. 5”, or “5 Motion/Request/Application/Letter”.
Numbers that are parts of dates and times (“on 12/3/03”) and attachment numbers
(“Attachments: # 1 …”) are not references. A notice withdrawing a motion (“withdraw…” and the
number) also resolves it. A closed case (“Date Terminated”) has nothing pending.
The heuristic errs towards “pending”: the clerk sees every candidate and can draft or dismiss.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..models import EntryKind

# (pattern, kind); the pattern found earliest in the opening words decides.
_KIND_PATTERNS: list[tuple[str, str]] = [
    (r"notice\s+of\s+(?:\w+\s+)?motion", EntryKind.MOTION),
    (r"letter\s+motion", EntryKind.MOTION),
    (r"memo[\s-]*endorse\w*", EntryKind.ORDER),
    (r"(?:affidavit|certificate|proof|return)\s+of\s+service", EntryKind.SUMMONS),
    (r"summons", EntryKind.SUMMONS),
    (r"motions?", EntryKind.MOTION),
    (r"requests?", EntryKind.REQUEST),
    (r"applications?", EntryKind.REQUEST),
    (r"stipulat(?:ion|ed)", EntryKind.STIPULATION),
    (r"orders?", EntryKind.ORDER),
    (r"judgments?", EntryKind.JUDGMENT),
    (r"complaints?", EntryKind.COMPLAINT),
    (r"petitions?", EntryKind.COMPLAINT),
    (r"notice\s+of\s+removal", EntryKind.COMPLAINT),
    (r"answer", EntryKind.ANSWER),
    (r"(?:opposition|reply|response|brief|memorandum|declaration|objection)s?", EntryKind.BRIEF),
    (r"notice", EntryKind.NOTICE),
    (r"letters?", EntryKind.LETTER),
]
_KIND_RE = [(re.compile(rf"\b{pattern}\b", re.IGNORECASE), kind) for pattern, kind in _KIND_PATTERNS]
OPENING_WORDS = 12

RESOLVABLE_KINDS = (EntryKind.MOTION, EntryKind.REQUEST)
RESOLVING_KINDS = (EntryKind.ORDER, EntryKind.JUDGMENT)

_NOT_DATE = r"(?!\d)(?![/:.-]\d)"
_NUMBER = rf"\[?(\d{{1,5}}){_NOT_DATE}\]?"
_NUMBER_LIST = rf"{_NUMBER}(?:\s*(?:,|and|&)\s*{_NUMBER})*"
_REFERENCE_BEFORE = re.compile(
    r"\b(?:granting(?:\s+in\s+part)?|denying(?:\s+in\s+part)?|terminating|vacating|withdrawing|"
    r"striking|mooting|resolving|regarding|re:?|on|dkt\.?\s*(?:nos?\.?)?|docket\s*(?:nos?\.?|#)?|"
    r"ecf\s*(?:nos?\.?)?)\s*"
    rf"(?P<list>{_NUMBER_LIST})",
    re.IGNORECASE,
)
_REFERENCE_AFTER = re.compile(
    rf"(?<![\d/$.:-]){_NUMBER}\s+(?:\w+\s+)?(?:motion|request|application|letter)", re.IGNORECASE
)
_ATTACHMENTS = re.compile(r"\(Attachments?:[^)]*\)", re.IGNORECASE)
_WITHDRAW = re.compile(r"\bwithdr[ae]w", re.IGNORECASE)
_FILED_BY = re.compile(
    r"(?:(?:Document\s+)?filed\s+by|\bby)\s*(?P<name>[A-Z][^.;()]{1,120}?)(?:\.\s|\.$|;|\(|$)"
)


def classify(description: str) -> str:
    """The ``EntryKind`` of a docket text (see the module docstring)."""
    opening = " ".join(description.split()[:OPENING_WORDS])
    best: tuple[int, str] | None = None
    for pattern, kind in _KIND_RE:
        match = pattern.search(opening)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else EntryKind.OTHER


def referenced_numbers(description: str) -> set[int]:
    """Docket numbers a docket text refers to (“granting 5”, “re: 7, 9”, “12 MOTION”)."""
    text = _ATTACHMENTS.sub(" ", description)
    numbers: set[int] = set()
    for match in _REFERENCE_BEFORE.finditer(text):
        numbers.update(int(n) for n in re.findall(rf"\d{{1,5}}{_NOT_DATE}", match["list"]))
    for match in _REFERENCE_AFTER.finditer(text):
        numbers.add(int(match.group(1)))
    return numbers


_NOT_FILERS = re.compile(r"^(?:judge|magistrate|chambers|mail|the\s+court|clerk|hon)", re.IGNORECASE)


def filed_by(description: str) -> str:
    """The filer's name in “Filed by X.” / “Document filed by X.” / “… by X.” (the first of a
    list); judges and chambers (“Signed by Judge …”) are not filers."""
    for match in _FILED_BY.finditer(description):
        name = match["name"].split(",")[0].strip()
        if name and not _NOT_FILERS.match(name):
            return name
    return ""


@dataclass(frozen=True)
class EntryFacts:
    """What the pending analysis needs of an entry."""

    number: int | None
    date_filed: datetime.date
    description: str
    kind: str


def resolutions(entries: list[EntryFacts], *, case_closed: bool) -> dict[int, int | None]:
    """For each numbered motion or request: ``None`` if it looks pending, else the number of the
    entry resolving it (0 when the resolving entry has no number or the case is closed)."""
    result: dict[int, int | None] = {}
    references = [(entry, referenced_numbers(entry.description)) for entry in entries]
    for position, entry in enumerate(entries):
        if entry.number is None or entry.kind not in RESOLVABLE_KINDS:
            continue
        resolver: int | None = None
        for other_position, (other, numbers) in enumerate(references):
            if other_position == position or entry.number not in numbers:
                continue
            if other.date_filed < entry.date_filed:
                continue
            if other.kind in RESOLVING_KINDS or _WITHDRAW.search(other.description):
                resolver = other.number or 0
                break
        if resolver is None and case_closed:
            resolver = 0
        result[entry.number] = resolver
    return result
