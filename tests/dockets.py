"""The CM/ECF docket sheets of ``tests/data/dockets/``, and helpers to import them in tests."""

from __future__ import annotations

import json

from orders import services
from orders.dockets import ParsedDocket, parse_docket

from .paths import DOCKETS_DIR

# Every docket that imports (cand_4 is the empty one).
IMPORTABLE = ["caed", "cand", "cand_2", "cand_263146", "nysd"]


def docket_bytes(name: str) -> bytes:
    return (DOCKETS_DIR / f"{name}.html").read_bytes()


def docket_json(name: str) -> dict:
    return json.loads((DOCKETS_DIR / f"{name}.json").read_text())


def add_missing_court_and_judges(docket: ParsedDocket) -> None:
    """What a clerk does on the preview page: add the court and judges it offers to add."""
    services.docket_add_missing(docket=docket)


def import_docket(name: str, *, data: bytes | None = None, user=None) -> services.DocketImportResult:
    docket = parse_docket(data if data is not None else docket_bytes(name))
    add_missing_court_and_judges(docket)
    return services.docket_import_apply(docket=docket, user=user)
