"""A parsed docket kept with its upload (``DocketUpload.parsed``) as JSON, so the preview and the
confirmation read what was parsed once, in the limited child process, at upload time.

``FORMAT`` changes whenever ``ParsedDocket`` or the parser's reading changes: a stored result of
another format is parsed again (once) from the kept HTML.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from .parsed import ParsedDocket, ParsedEntry, ParsedJudge, ParsedParty

FORMAT = 1


def docket_to_json(docket: ParsedDocket) -> dict[str, Any]:
    """The docket as JSON-ready data (dates as ISO strings), tagged with ``FORMAT``."""
    data = dataclasses.asdict(docket)
    for key in ("date_filed", "date_terminated"):
        data[key] = _iso(data[key])
    for entry in data["entries"]:
        entry["date_filed"] = _iso(entry["date_filed"])
    return {"format": FORMAT, "docket": data}


def docket_from_json(stored: dict[str, Any] | None) -> ParsedDocket | None:
    """The docket stored by ``docket_to_json``; None when there is none or it is of another format."""
    if not stored or stored.get("format") != FORMAT:
        return None
    data = dict(stored["docket"])
    for key in ("assigned_judge", "referred_judge"):
        data[key] = ParsedJudge(**data[key]) if data[key] else None
    for key in ("date_filed", "date_terminated"):
        data[key] = _date(data[key])
    data["parties"] = [ParsedParty(**party) for party in data["parties"]]
    data["entries"] = [
        ParsedEntry(**{**entry, "date_filed": _date(entry["date_filed"])}) for entry in data["entries"]
    ]
    return ParsedDocket(**data)


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
