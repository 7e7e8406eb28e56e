"""Write the court table into the database: ``manage.py load_courts`` and migration ``0011``.

Every district court of ``table.district_courts()`` (from ``courts-db``) with its heading, its
paper (``data/profiles.json``) and its local rules (``data/local_rules.json``). A court already in
the database keeps what an administrator set; ``update=True`` writes the data files' values over
it. Rules are added when missing (court, key, citation), never deleted.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .table import DistrictCourt, district_courts

DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.cache
def profiles_data() -> dict[str, Any]:
    return json.loads((DATA_DIR / "profiles.json").read_text(encoding="utf-8"))


@functools.cache
def local_rules_data() -> dict[str, Any]:
    return json.loads((DATA_DIR / "local_rules.json").read_text(encoding="utf-8"))


def court_fields(court: DistrictCourt) -> dict[str, Any]:
    """The Court row of a district: name, heading, citation, circuit and its paper."""
    data = profiles_data()
    profile = {**data["defaults"], **data["courts"].get(court.code, {})}
    line_1, line_2 = court.heading_lines
    if line_1:  # a territorial court prints its one line
        line_1 = profile["heading_line_1"]
    if profile["heading_for_the"]:
        line_2 = f"FOR THE {line_2}"
    return {
        "name": court.name,
        "heading_line_1": line_1,
        "heading_line_2": line_2,
        "citation": court.citation,
        "circuit": court.circuit,
        "paper": profile["paper"],
        "font_size_pt": profile["font_size_pt"],
        "case_number_label": profile["case_number_label"],
        "closing": profile["closing"],
        "prints_division": profile["prints_division"],
        "profile_source": profile.get("source", ""),
    }


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    rules_created: int = 0


PROFILE_FIELDS = (
    "citation", "circuit", "paper", "font_size_pt", "case_number_label", "closing", "prints_division",
    "profile_source",
)  # fmt: skip


def load_courts(
    court_model: Any, rule_model: Any, *, update: bool = False, fill_profile: bool = False
) -> LoadResult:
    """Create (or with ``update``, rewrite) every district court and its local rules. The models
    are parameters so that a migration can pass its historical ones; ``fill_profile`` writes the
    profile fields (not the name or heading) of courts that existed before they did."""
    result = LoadResult()
    existing = {court.code: court for court in court_model.objects.all()}
    for code, district in district_courts().items():
        values = court_fields(district)
        court = existing.get(code)
        if court is None:
            court = court_model.objects.create(code=code, **values)
            result.created.append(code)
        elif update:
            for name, value in values.items():
                setattr(court, name, value)
            court.save()
            result.updated.append(code)
        else:
            if fill_profile:
                names = list(PROFILE_FIELDS)
            else:  # only what the table knows and nobody set
                names = [n for n in ("citation", "circuit", "profile_source") if not getattr(court, n)]
            for name in names:
                setattr(court, name, values[name])
            if names:
                court.save(update_fields=names)
        existing[code] = court
    for code in local_rules_data()["courts"]:
        result.rules_created += load_rules(existing[code], rule_model)
    return result


def load_rules(court: Any, rule_model: Any) -> int:
    """Add the court's local rules of ``data/local_rules.json`` that it lacks; the number added."""
    added = 0
    for position, rule in enumerate(local_rules_data()["courts"].get(court.code, [])):
        _row, created = rule_model.objects.get_or_create(
            court=court,
            key=rule["key"],
            citation=rule["citation"],
            defaults={"source": rule["source"], "position": position},
        )
        added += int(created)
    return added


def court_from_table(code: str, court_model: Any, rule_model: Any) -> Any:
    """Create one court of the table (validated) with its local rules; ``KeyError`` if the table
    has no court ``code``."""
    district = district_courts()[code]
    court = court_model(code=code, **court_fields(district))
    court.full_clean()
    court.save()
    load_rules(court, rule_model)
    return court
