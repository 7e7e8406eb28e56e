"""Everything that knows juriscraper: read a CM/ECF district docket report with its
``DocketReport`` parser (offline, ``_parse_text`` through ``orders.compat.juriscraper``) and
return the app's ``ParsedDocket``.

Nothing else in the app imports juriscraper. A NEW ``DocketReport`` is made for every file:
the report caches its metadata, parties and entries, so reusing one would mix two dockets.
The court id is not found by juriscraper (it is the argument you give it); ``districts`` reads
it from the page first and the report is made for that court.
"""

from __future__ import annotations

import datetime
import html as html_lib
import logging
import re
from typing import Any

from ..case_numbers import CaseNumberError, parse_case_number
from ..compat import juriscraper as juriscraper_compat
from . import entries as entry_rules
from . import judges as judge_rules
from . import parties as party_rules
from .districts import CourtOfDocket
from .parsed import (
    ERROR_EMPTY_DOCKET,
    ERROR_NO_JUDGE,
    ERROR_NOT_DOCKET,
    ERROR_UNREADABLE,
    DocketError,
    ParsedDocket,
    ParsedEntry,
    ParsedJudge,
    ParsedParty,
)

logger = logging.getLogger(__name__)

_DOCKET_HEADING = re.compile(r"DOCKET\s+FOR\s+CASE\s*#", re.IGNORECASE)
_CAPTION_PREFIX = re.compile(r"^\s*\((?:PC|HC|SS|PS|SA|BK|DP)\)\s*", re.IGNORECASE)
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _quiet_juriscraper_logging() -> None:
    """juriscraper logs DEBUG to /var/log/juriscraper (or, failing that, to stderr with a warning)
    unless its logger already has a handler: give it one, and pass only warnings on to Django's."""
    juriscraper_logger = logging.getLogger("juriscraper.lib.log_tools")
    if not juriscraper_logger.handlers:
        juriscraper_logger.addHandler(logging.NullHandler())
        juriscraper_logger.setLevel(logging.WARNING)


def load_parser() -> None:
    """Import juriscraper's parser now (a forked child then starts with it loaded)."""
    _quiet_juriscraper_logging()
    from juriscraper.pacer import DocketReport  # noqa: F401


def _report_data(html: str, court_code: str) -> tuple[dict[str, Any], list[str]]:
    """juriscraper's ``data`` dict for the page and the raw metadata lines (for judges' titles)."""
    _quiet_juriscraper_logging()
    from juriscraper.pacer import DocketReport  # imported here: juriscraper is slow to import

    report = DocketReport(court_code)
    try:
        juriscraper_compat.parse_text(report, html)
        data = report.data
        metadata_values = juriscraper_compat.metadata_values(report)
    except Exception as error:  # juriscraper raises IndexError/ParserError/… on unexpected pages
        logger.info("juriscraper could not parse an upload: %r", error)
        raise DocketError(ERROR_NOT_DOCKET) from error
    return data or {}, metadata_values


def _initials_from_name(name: str) -> str:
    words = [w for w in re.split(r"[\s.]+", name) if w and w.lower().strip(",") not in _NAME_SUFFIXES]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()[:5]


def _page_line(page: str, label: str) -> str | None:
    """The text after “Assigned to:” in the page itself (juriscraper's metadata lacks it on
    criminal dockets), up to the next tag."""
    if match := re.search(rf"{label}:[ \t]*([^<\r\n]{{0,160}})", page[:300_000], re.IGNORECASE):
        return html_lib.unescape(match.group(1))
    return None


def _judge(
    name: str, initials: str | None, metadata_values: list[str], label: str, page: str = ""
) -> ParsedJudge | None:
    """The judge of the “Assigned to:” / “Referred to:” line, title and name as the docket writes
    them (``judges``); juriscraper's ``name`` only when the line is not found. None when the line
    names no judge (“Pro Se Law Clerk MP”)."""
    pattern = re.compile(rf"{label}:\s+(.*)", re.IGNORECASE)
    raw = next((m.group(1) for value in metadata_values if (m := pattern.search(value))), None)
    if raw is None and (found_line := _page_line(page, label)) is not None:
        raw = found_line
    if raw is not None:
        found = judge_rules.split_title(raw)
        if found is None:
            return None
        title_text, name = found
    else:
        name = judge_rules.tidy_name(name or "")
        title_text = ""
        if not name or judge_rules.split_title(name) is None:
            return None
    initials = (initials or "").upper()
    initials = re.sub(r"[^A-Z]", "", initials)[:5] or _initials_from_name(name)
    return ParsedJudge(name=name, initials=initials, title_text=judge_rules.title_text_of(title_text))


def _short_caption(case_name: str) -> str:
    """The docket's case name without E.D. Cal.'s “(PC)” prefix, capitals in title case; never
    a caption of only “v.”."""
    text = party_rules.tidy_caption(_CAPTION_PREFIX.sub("", case_name or "").strip())
    if not re.sub(r"\bv(?:s)?\.?(?=\s|$)", "", text).strip(" .,"):
        return ""
    return text[:300]


def _parties_from_case_name(case_name: str) -> list[dict[str, Any]]:
    """A docket that lists no parties (D.D.C.'s large dockets) still names them in its case name:
    “UNITED STATES OF AMERICA v. GOOGLE LLC” → the plaintiff and the defendant."""
    text = _CAPTION_PREFIX.sub("", case_name or "")
    parts = re.split(r"\s+v(?:s)?\.?\s+", text, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) != 2 or not all(part.strip(" .,") for part in parts):
        return []
    return [
        {"name": party_rules.tidy_caption(parts[0].strip()), "type": "Plaintiff"},
        {"name": party_rules.tidy_caption(parts[1].strip()), "type": "Defendant"},
    ]


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def _parties(raw_parties: list[dict[str, Any]]) -> list[ParsedParty]:
    parties: list[ParsedParty] = []
    seen: set[str] = set()
    for raw in raw_parties:
        name = party_rules.clean_name(raw.get("name") or "")
        key = party_rules.name_key(name)
        if not name or key in seen:  # a party listed twice (e.g. also as Counter Defendant)
            continue
        seen.add(key)
        attorneys = [
            (a.get("name") or "", a.get("contact") or "", list(a.get("roles") or []))
            for a in raw.get("attorneys") or []
        ]
        pro_se, contact = party_rules.is_pro_se(name, attorneys)
        number, institution = party_rules.prisoner_details(contact) if pro_se else ("", "")
        parties.append(
            ParsedParty(
                name=name[:300],
                role=party_rules.party_role(raw.get("type") or ""),
                docket_role=raw.get("type") or "",
                pro_se=pro_se,
                prisoner_number=number[:40],
                institution=institution[:200],
                terminated=raw.get("date_terminated") is not None,
                extra_info=raw.get("extra_info") or "",
            )
        )
    return parties


def _caption_order(parties: list[ParsedParty], case_name: str) -> list[ParsedParty]:
    """The parties in caption order: the United States first where it is a party (CM/ECF lists
    it last in criminal cases), then the party each side of the case name is named after (the
    lead plaintiff “Alford” of “Alford v. Baylor”, listed second on its docket), then the rest."""
    sides = re.split(r"\s+v(?:s)?\.?\s+", _CAPTION_PREFIX.sub("", case_name), maxsplit=1, flags=re.I)
    leads = {party_rules.name_key(side).split()[0] for side in sides if party_rules.name_key(side)}

    def lead_first(group: list[ParsedParty]) -> list[ParsedParty]:
        lead = next((p for p in group if party_rules.is_united_states(p.name)), None) or next(
            (p for p in group if set(party_rules.name_key(p.name).split()) & leads), None
        )
        return group if lead is None else [lead, *(p for p in group if p is not lead)]

    # Reordered within each side only; the sides keep the docket's places in the list.
    side_of = [party_rules.caption_side(party.role) for party in parties]
    ordered = {
        side: iter(lead_first([p for p, s in zip(parties, side_of, strict=True) if s == side]))
        for side in set(side_of)
    }
    return [next(ordered[side]) for side in side_of]


def _entries(raw_entries: list[dict[str, Any]], *, case_closed: bool) -> list[ParsedEntry]:
    facts: list[entry_rules.EntryFacts] = []
    for raw in raw_entries:
        date_filed = _as_date(raw.get("date_filed")) or _as_date(raw.get("date_entered"))
        if date_filed is None:
            continue
        number_text = str(raw.get("document_number") or "").strip()
        number = int(number_text) if number_text.isdigit() and int(number_text) > 0 else None
        description = " ".join((raw.get("description") or "").split())
        facts.append(
            entry_rules.EntryFacts(
                number=number,
                date_filed=date_filed,
                description=description,
                kind=entry_rules.classify(description),
            )
        )
    resolved = entry_rules.resolutions(facts, case_closed=case_closed)
    result = []
    for fact in facts:
        resolver = resolved.get(fact.number) if fact.number is not None else None
        pending = fact.number is not None and fact.number in resolved and resolver is None
        result.append(
            ParsedEntry(
                number=fact.number,
                date_filed=fact.date_filed,
                description=fact.description,
                kind=fact.kind,
                pending=pending,
                resolved_by=resolver or None,
                filed_by=entry_rules.filed_by(fact.description),
            )
        )
    return result


def parse_docket_html(html: str, court: CourtOfDocket) -> ParsedDocket:
    """Parse a docket report's HTML, or raise ``DocketError`` with a message for the user."""
    if not _DOCKET_HEADING.search(html):
        raise DocketError(ERROR_NOT_DOCKET)
    data, metadata_values = _report_data(html, court.code)
    docket_number = (data.get("docket_number") or "").strip()
    if not docket_number:
        raise DocketError(ERROR_NOT_DOCKET)
    assigned_initials = data.get("federal_dn_judge_initials_assigned") or ""
    referred_initials = data.get("federal_dn_judge_initials_referred") or ""
    case_number = "-".join(part for part in (docket_number, assigned_initials, referred_initials) if part)
    try:
        parse_case_number(case_number)
    except CaseNumberError as error:
        raise DocketError(ERROR_UNREADABLE % {"detail": f"case number “{case_number}”"}) from error
    raw_parties = data.get("parties") or []
    case_name = " ".join((data.get("case_name") or "").split())
    raw_entries = data.get("docket_entries") or []
    if not raw_parties and not raw_entries:
        raise DocketError(ERROR_EMPTY_DOCKET % {"number": case_number})
    if not raw_parties:
        raw_parties = _parties_from_case_name(case_name)
    assigned = _judge(
        data.get("assigned_to_str") or "", assigned_initials, metadata_values, "Assigned to", html
    )
    if assigned is None:
        raise DocketError(ERROR_NO_JUDGE % {"number": case_number})
    referred = _judge(
        data.get("referred_to_str") or "", referred_initials, metadata_values, "Referred to", html
    )
    date_terminated = _as_date(data.get("date_terminated"))
    return ParsedDocket(
        court_code=court.code,
        court_name=court.name,
        division=court.division,
        docket_number=docket_number,
        case_number=case_number,
        case_name=case_name,
        short_caption=_short_caption(case_name) or case_number,
        assigned_judge=assigned,
        referred_judge=referred,
        cause=(data.get("cause") or "")[:200],
        nature_of_suit=(data.get("nature_of_suit") or "")[:200],
        date_filed=_as_date(data.get("date_filed")),
        date_terminated=date_terminated,
        parties=_caption_order(_parties(raw_parties), case_name),
        entries=_entries(raw_entries, case_closed=date_terminated is not None),
    )
