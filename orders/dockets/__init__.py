"""Import a case from a CM/ECF docket report saved as HTML.

- ``reading``: bytes → text (size, binary files, encodings);
- ``districts``: which court the page is from;
- ``cmecf``: the only module that uses juriscraper → ``ParsedDocket``;
- ``entries`` / ``parties``: the rules for entry kinds, pending motions, roles and prisoners;
- ``plan``: what importing would create or change in the database (``orders.services`` applies it);
- ``structure``: a page nested too deep or too large refused before parsing;
- ``stored``: the parsed docket kept with its upload as JSON.

An upload is parsed once, by ``parse_docket_limited`` in a child process with memory and time
limits (``orders.sandbox``).
"""

from __future__ import annotations

import dataclasses

from ..sandbox import Limits, SandboxRefused, run_limited
from .districts import KIND_BANKRUPTCY, KIND_JPML, court_of_docket
from .parsed import (
    ERROR_BANKRUPTCY,
    ERROR_JPML,
    ERROR_NO_COURT,
    ERROR_NOT_DOCKET,
    DocketError,
    ParsedDocket,
    ParsedEntry,
    ParsedJudge,
    ParsedParty,
)
from .reading import MAX_DOCKET_BYTES, check_size, decode_docket
from .structure import check_structure

__all__ = [
    "MAX_DOCKET_BYTES",
    "DocketError",
    "ParsedDocket",
    "ParsedEntry",
    "ParsedJudge",
    "ParsedParty",
    "check_size",
    "parse_docket",
    "parse_docket_limited",
    "parse_docket_text",
]

ERROR_DOCKET_TOO_COMPLEX = (
    "The docket report is too complex to read: it needs more memory or time than any docket report "
    "would. Save the Docket Report from CM/ECF again (“Web page, HTML only”) and retry."
)
# A 5,000-entry docket (the most ``structure`` lets through) parses in about 3 s.
DOCKET_LIMITS = Limits(memory_bytes=512 * 1024 * 1024, cpu_seconds=10, wall_seconds=20.0)


def parse_docket_text(text: str, *, notes: list[str] | None = None) -> ParsedDocket:
    """Parse the HTML text of a docket report, or raise ``DocketError``."""
    from .cmecf import parse_docket_html

    check_structure(text)
    court = court_of_docket(text)
    if court is None:
        # Not even a court heading: say it is not a docket rather than "no court".
        if "DOCKET FOR CASE" not in text.upper():
            raise DocketError(ERROR_NOT_DOCKET)
        raise DocketError(ERROR_NO_COURT)
    if court.kind == KIND_JPML:
        raise DocketError(ERROR_JPML)
    if court.kind == KIND_BANKRUPTCY:
        raise DocketError(ERROR_BANKRUPTCY % {"court": court.name or court.code})
    parsed = parse_docket_html(text, court)
    return dataclasses.replace(parsed, notes=[*parsed.notes, *(notes or [])])


def parse_docket(data: bytes) -> ParsedDocket:
    """Parse an uploaded file's bytes, or raise ``DocketError`` with a message for the user."""
    text, notes = decode_docket(data)
    return parse_docket_text(text, notes=notes)


def parse_docket_limited(data: bytes) -> ParsedDocket:
    """``parse_docket`` in a child process within ``DOCKET_LIMITS``; ``DocketError`` with a message
    when the file is not a docket or passes a limit."""
    from .cmecf import load_parser

    load_parser()  # imported once in the server, not in every child
    try:
        return run_limited(parse_docket, data, limits=DOCKET_LIMITS, passthrough=(DocketError,))
    except SandboxRefused as refusal:
        raise DocketError(ERROR_DOCKET_TOO_COMPLEX) from refusal
