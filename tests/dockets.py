"""Where the shared CM/ECF docket sheets are, and helpers to import them in tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from orders import services
from orders.dockets import ParsedDocket, parse_docket


def dockets_dir() -> Path:
    """``CHAMBERS_DOCKETS_DIR`` if set, else ``../shared/dockets`` beside the repository (as CI has
    it), else the nearest ``shared/dockets`` further up (a git worktree nested one level deeper)."""
    override = os.environ.get("CHAMBERS_DOCKETS_DIR")
    if override:
        candidates = [Path(override)]
    else:
        candidates = [parent / "shared" / "dockets" for parent in Path(settings.BASE_DIR).resolve().parents]
    for path in candidates:
        if path.is_dir():
            return path
    pytest.fail(f"The shared docket sheets are not at {candidates[0]}; set CHAMBERS_DOCKETS_DIR.")


# Every docket that imports (cand_4 is the empty one).
IMPORTABLE = ["caed", "cand", "cand_2", "cand_263146", "nysd"]


def docket_bytes(name: str) -> bytes:
    return (dockets_dir() / f"{name}.html").read_bytes()


def docket_json(name: str) -> dict:
    return json.loads((dockets_dir() / f"{name}.json").read_text())


def add_missing_court_and_judges(docket: ParsedDocket) -> None:
    """What a clerk does on the preview page: add the court and judges it offers to add."""
    services.docket_add_missing(docket=docket)


def import_docket(name: str, *, data: bytes | None = None, user=None) -> services.DocketImportResult:
    docket = parse_docket(data if data is not None else docket_bytes(name))
    add_missing_court_and_judges(docket)
    return services.docket_import_apply(docket=docket, user=user)
