"""What a docket sheet says, in the app's own terms (no juriscraper types past this point)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

# Messages for input that cannot be imported; the upload page shows them as they are.
ERROR_TOO_LARGE = (
    "The file is larger than %(limit)s MB. Save the docket report alone (HTML only) and try again."
)
ERROR_EMPTY_FILE = "The file is empty."
ERROR_BINARY = (
    "This is %(what)s, not a docket report. In CM/ECF, run the Docket Report and save the page "
    "as HTML (“Web page, HTML only”), then upload that file."
)
ERROR_NOT_UTF8 = (
    "The file is not UTF-8 text and does not look like a CM/ECF docket report, so it cannot be read. "
    "Save the docket report from the browser as HTML (UTF-8) and try again."
)
ERROR_NOT_DOCKET = (
    "This file is not a CM/ECF district-court docket report: it has no “DOCKET FOR CASE #” heading "
    "and no case number. Upload the page CM/ECF shows after Reports → Docket Report, saved as HTML."
)
ERROR_UNREADABLE = "The docket report could not be read (%(detail)s). Save it again from CM/ECF and retry."
ERROR_NO_COURT = (
    "The docket report does not say which court it is from (no “U.S. District Court … District” heading "
    "and no ecf.<court>.uscourts.gov link)."
)
ERROR_NOT_DISTRICT = (
    "This is a docket of “%(court)s”, not of a U.S. district court; only district-court dockets are imported."
)
ERROR_BANKRUPTCY = (
    "This is a bankruptcy docket (U.S. Bankruptcy Court, %(court)s), not a district-court docket: "
    "bankruptcy cases are not imported. Upload the district court's Docket Report of the case."
)
ERROR_JPML = (
    "This is a docket of the Judicial Panel on Multidistrict Litigation, not of a district court: the "
    "Panel's MDL dockets are not imported. Upload the Docket Report of the district court's case."
)
ERROR_EMPTY_DOCKET = (
    "The docket report of case %(number)s lists no parties and no docket entries, so there is nothing "
    "to import. In CM/ECF, run the Docket Report with parties and all entries included."
)
ERROR_NO_JUDGE = "The docket report names no assigned judge for case %(number)s."


class DocketError(ValueError):
    """The upload cannot be imported; ``str(error)`` is the message for the user."""


@dataclass(frozen=True)
class ParsedJudge:
    """A judge as the docket names them: “Assigned to: Magistrate Judge Sandra M. Snyder”."""

    name: str  # "Sandra M. Snyder"
    initials: str  # from the case number ("SMS"), or derived from the name
    title_text: str  # the words before the name: "Magistrate Judge", "Hon.", ""

    @property
    def signature_title_guess(self) -> str:
        """The title under the signature, from the docket's words (“Magistrate Judge”, “Mag Judge”,
        “Senior Judge”, “Chief Judge”); a district judge when the docket gives none."""
        text = self.title_text.lower()
        if re.search(r"\bmag(?:istrate|\.)?\b", text):
            return (
                "United States Chief Magistrate Judge"
                if "chief" in text
                else "United States Magistrate Judge"
            )
        if "senior" in text:
            return "Senior United States District Judge"
        if "chief" in text:
            return "Chief United States District Judge"
        return "United States District Judge"


@dataclass(frozen=True)
class ParsedParty:
    name: str
    role: str  # a PartyRole value
    docket_role: str  # the role as the docket writes it ("Petitioner", "Counter Claimant")
    pro_se: bool = False
    prisoner_number: str = ""
    institution: str = ""
    terminated: bool = False
    extra_info: str = ""


@dataclass(frozen=True)
class ParsedEntry:
    number: int | None  # None for CM/ECF minute entries without a document number
    date_filed: datetime.date
    description: str
    kind: str  # an EntryKind value
    pending: bool = False
    resolved_by: int | None = None  # number of the later entry that resolves it, if numbered
    filed_by: str = ""  # name of the filer as the docket text gives it, if any


@dataclass(frozen=True)
class ParsedDocket:
    court_code: str  # "cand"
    court_name: str  # "Northern District of California"
    division: str  # "San Francisco", as the docket heading writes it ("" if none)
    docket_number: str  # "3:08-cv-00159" as CM/ECF writes it without initials
    case_number: str  # "3:08-cv-00159-WHA"
    case_name: str  # as the docket writes it: "(PC) Mitchell v. Rennick"
    short_caption: str  # "Mitchell v. Rennick"
    assigned_judge: ParsedJudge | None
    referred_judge: ParsedJudge | None
    cause: str
    nature_of_suit: str
    date_filed: datetime.date | None
    date_terminated: datetime.date | None
    parties: list[ParsedParty] = field(default_factory=list)
    entries: list[ParsedEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the user should know (encoding used…)

    @property
    def numbered_entries(self) -> list[ParsedEntry]:
        return [entry for entry in self.entries if entry.number is not None]

    @property
    def unnumbered_entries(self) -> list[ParsedEntry]:
        return [entry for entry in self.entries if entry.number is None]

    @property
    def pro_se(self) -> bool:
        return any(party.pro_se and not party.terminated for party in self.parties)

    @property
    def prisoner(self) -> bool:
        """A prisoner is a party (contact text) or the nature of suit is a prisoner petition (5xx)."""
        return any(
            p.prisoner_number or p.institution for p in self.parties
        ) or self.nature_of_suit.startswith("5")
