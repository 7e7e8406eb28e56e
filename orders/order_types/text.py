"""Shared wording helpers, so no order type repeats them.

- ``CaseText`` (``t`` in every template): “the Court” / “the court”, the plaintiff and defendant
  sides (``SideText``: “Plaintiff” / “Defendants”, possessives, pronouns, verb agreement),
  whether a party is a prisoner, the cause of action.
- ``long_date`` (“November 9, 2016”), ``docket_ref`` (“Docket No. 53”, “Docket Nos. 52 and 53”),
  ``terminates_sentence`` (“This order terminates Docket No. 53.”), ``join_words``,
  ``smart_quotes``.

The wording is written with straight quotes; ``smart_quotes`` turns them typographic when the
order's style asks for it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from ..models import Case, DocketEntry, Party

COURT_CAPITALISED = "capital"
COURT_LOWER = "lower"
COURT_STYLES = [
    (COURT_CAPITALISED, "Capitalised: “the Court”, “Plaintiff”, “Defendants”"),
    (COURT_LOWER, "Lower case: “the court”, “plaintiff”, “defendants” (mid-sentence)"),
]

QUOTES_CURLY = "curly"
QUOTES_STRAIGHT = "straight"
QUOTE_STYLES = [
    (QUOTES_CURLY, "Typographic quotes and apostrophes (“ ” ’)"),
    (QUOTES_STRAIGHT, "Straight quotes and apostrophes (\" ')"),
]

EMPHASIS_ITALIC = "italic"
EMPHASIS_ROMAN = "roman"
EMPHASIS_STYLES = [
    (EMPHASIS_ROMAN, "Citation signals and Latin phrases in roman (See, pro se)"),
    (EMPHASIS_ITALIC, "Citation signals and Latin phrases in italics (See, pro se)"),
]
# The signals and phrases italicised: a signal only where it introduces a citation (capitalised,
# at a sentence's start); “pro se” anywhere. Words already marked or escaped are left alone.
_EMPHASISED = re.compile(
    r"(?<![\w*\\])(?:(?<=^)|(?<=[.;:(] )|(?<=\n))(See also|See generally|See|Cf\.|But see)(?= [A-Z0-9])"
    r"|(?<![\w*\\])([Pp]ro se|in forma pauperis|sua sponte|[Ii]d\.)(?![\w*])"
)

DOCKET_NO = "no"
DOCKET_HASH = "hash"
DOCKET_DKT = "dkt"
DOCKET_STYLES = [
    (DOCKET_NO, "Docket No. 53"),
    (DOCKET_HASH, "Docket # 53"),
    (DOCKET_DKT, "Dkt. No. 53"),
]

DEFAULT_CAUSE = "42 U.S.C. § 1983"

_PRONOUNS = {
    # pronoun: (subject, object, possessive, reflexive, takes a plural verb)
    "he": ("he", "him", "his", "himself", False),
    "she": ("she", "her", "her", "herself", False),
    "it": ("it", "it", "its", "itself", False),
    "they": ("they", "them", "their", "themselves", True),
}
_SINGULAR_VERBS = {"is": "is", "has": "has", "was": "was", "does": "does", "s": "s"}
_PLURAL_VERBS = {"is": "are", "has": "have", "was": "were", "does": "do", "s": ""}


def as_date(value: datetime.date | str | None) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def long_date(value: datetime.date | str | None) -> str:
    """“November 9, 2016” (no leading zero); empty for no date."""
    day = as_date(value)
    if day is None:
        return ""
    return f"{day:%B} {day.day}, {day.year}"


def money(value: Decimal | int | str | None) -> str:
    """“$350.00”."""
    if value in (None, ""):
        return ""
    return f"${Decimal(value):,.2f}"


def join_words(items: Iterable[str]) -> str:
    """“A”, “A and B”, “A, B, and C”."""
    items = [str(item) for item in items if str(item)]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _numbers(entries: Iterable[DocketEntry | int] | DocketEntry | int) -> list[int]:
    if isinstance(entries, DocketEntry | int | str):
        entries = [entries]
    numbers = set()
    for entry in entries:
        numbers.add(entry.number if isinstance(entry, DocketEntry) else int(entry))
    return sorted(numbers)


def docket_ref(entries: Iterable[DocketEntry | int] | DocketEntry | int, style: str = DOCKET_NO) -> str:
    """“Docket No. 53”, “Docket Nos. 52 and 53”, “Docket # 7”, “Dkt. Nos. 4, 5, and 6”."""
    numbers = _numbers(entries)
    if not numbers:
        return ""
    listed = join_words(str(n) for n in numbers)
    if style == DOCKET_HASH and len(numbers) == 1:
        return f"Docket # {listed}"
    word = "Dkt." if style == DOCKET_DKT else "Docket"
    return f"{word} {'No.' if len(numbers) == 1 else 'Nos.'} {listed}"


def terminates_sentence(entries: Iterable[DocketEntry | int], style: str = DOCKET_NO) -> str:
    """“This order terminates Docket No. 53.”; empty when no entry is resolved."""
    ref = docket_ref(entries, style)
    return f"This order terminates {ref}." if ref else ""


_OPENING_CONTEXT = set(" \t\n([{—–-/“‘")


def italicise(body: str) -> str:
    """The citation signals and Latin phrases of a stored body in italics (``*See*``)."""
    return _EMPHASISED.sub(lambda match: f"*{match.group(0)}*", body)


def smart_quotes(text: str) -> str:
    """Straight quotes and apostrophes to typographic ones (“ ” ‘ ’)."""
    out = []
    previous = " "
    for char in text:
        if char == '"':
            char = "“" if previous in _OPENING_CONTEXT else "”"
        elif char == "'":
            char = "‘" if previous in _OPENING_CONTEXT else "’"
        out.append(char)
        previous = char
    return "".join(out)


def default_prisoner_description(party: Party | None, court_code: str = "") -> str:
    """“California state prisoner” for a party held in a California state prison, and so on."""
    institution = (party.institution if party else "").lower()
    if not institution:
        return "prisoner"
    if "jail" in institution or "county" in institution:
        return "pretrial detainee" if "pretrial" in institution else "county jail inmate"
    if any(word in institution for word in ("federal", "fci ", "usp ", "u.s. penitentiary")):
        return "federal prisoner"
    if court_code in ("cand", "caed", "cacd", "casd"):
        return "California state prisoner"
    return "state prisoner"


class SideText:
    """One side of the case (the plaintiffs or the defendants) as the order writes it.

    ``{{ t.plaintiff }}`` is the mid-sentence label (“Plaintiff” or, in the lower-case style,
    “plaintiff”); ``Cap`` starts a sentence; ``poss`` / ``Poss`` are possessives; ``he``,
    ``him``, ``his``, ``himself`` follow the party's pronoun (“they” for several parties);
    ``verb.is`` / ``verb.has`` / ``verb.s`` agree with the noun and ``pverb.*`` with the pronoun.
    """

    def __init__(self, parties: list[Party], *, default_role: str, capitalised: bool):
        self.parties = parties
        self.n = max(len(parties), 1)
        self.plural = len(parties) > 1
        role = parties[0].get_role_display() if parties else default_role
        self.Cap = f"{role}s" if self.plural else role
        self.label = self.Cap if capitalised else self.Cap.lower()
        self.poss = self.label + ("'" if self.plural else "'s")
        self.Poss = self.Cap + ("'" if self.plural else "'s")
        pronoun = "they" if self.plural or not parties else parties[0].pronoun
        subject, obj, possessive, reflexive, plural_verb = _PRONOUNS.get(pronoun, _PRONOUNS["they"])
        self.he, self.him, self.his, self.himself = subject, obj, possessive, reflexive
        self.He, self.His = subject.capitalize(), possessive.capitalize()
        self.verb = _PLURAL_VERBS if self.plural else _SINGULAR_VERBS
        self.pverb = _PLURAL_VERBS if plural_verb else _SINGULAR_VERBS
        self.names = join_words(p.name for p in parties)
        self.pro_se = any(p.pro_se for p in parties)
        self.prisoner = any(p.is_prisoner for p in parties)
        self.institution = next((p.institution for p in parties if p.institution), "")

    def __str__(self) -> str:
        return self.label

    @property
    def first(self) -> Party | None:
        return self.parties[0] if self.parties else None


class CaseText:
    """The wording of a case in an order's style (``t`` in the order-type templates)."""

    def __init__(
        self,
        case: Case,
        *,
        court_style: str = COURT_CAPITALISED,
        docket_style: str = DOCKET_NO,
    ):
        self.case = case
        capitalised = court_style != COURT_LOWER
        self.court = "the Court" if capitalised else "the court"
        self.Court = "The Court" if capitalised else "The court"
        self.court_poss = self.court + "'s"
        self.docket_style = docket_style
        parties = [p for p in case.parties.all() if not p.terminated]
        first = [p for p in parties if p.side == Party.Side.FIRST]
        second = [p for p in parties if p.side == Party.Side.SECOND]
        self.plaintiff = SideText(first, default_role="Plaintiff", capitalised=capitalised)
        self.defendant = SideText(second, default_role="Defendant", capitalised=capitalised)
        self.prisoner = case.prisoner or any(p.is_prisoner for p in parties)
        self.pro_se = case.pro_se or any(p.pro_se for p in parties)
        self.cause = case.cause or DEFAULT_CAUSE

    def side(self, role: str) -> SideText:
        """The side named “plaintiff” or “defendant” (as a form's movant field stores it)."""
        return self.defendant if role == "defendant" else self.plaintiff

    def other_side(self, role: str) -> SideText:
        return self.plaintiff if role == "defendant" else self.defendant

    def docket(self, entries: Iterable[DocketEntry | int] | DocketEntry | int) -> str:
        return docket_ref(entries, self.docket_style)


def appositive(side: SideText, *, prisoner_description: str = "", prisoner: bool = True) -> str:
    """“a California state prisoner currently incarcerated at Calipatria State Prison and
    proceeding pro se” (the words between the commas after “Plaintiff”); empty if nothing to say."""
    parts = []
    if prisoner and side.prisoner:
        description = prisoner_description or "prisoner"
        if side.plural:
            words = description.split()
            words[-1] = words[-1] + "s"
            text = " ".join(words)
        else:
            text = ("an " if description[:1].lower() in "aeiou" else "a ") + description
        if side.institution:
            text += f" currently incarcerated at {side.institution}"
        parts.append(text)
    if side.pro_se:
        parts.append("proceeding pro se")
    return " and ".join(parts)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_long_date(text: str) -> datetime.date | None:
    """“October 11, 2016” or “10/11/2016” → a date; None when it does not parse."""
    text = text.strip().rstrip(".,")
    for fmt in ("%B %d, %Y", "%m/%d/%Y", "%b %d, %Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    if _ISO.match(text):
        return datetime.date.fromisoformat(text)
    return None
