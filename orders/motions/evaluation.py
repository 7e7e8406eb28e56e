"""The classifier measured on a labelled set of docket entries (``bench/motion_asks.py`` prints it,
the tests hold it to a floor).

The labelled set is a CSV (``docket,index,document_number,ask,excerpt``, one row per entry of the
docket ``<docket>.json`` in a folder of juriscraper readings, ``index`` its position there); the
entry's full text and kind are read from that JSON, the kind as an import reads it.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..dockets.entries import classify as classify_kind
from .asks import Ask, classify_text
from .matching import ranked_types, specific_asks


@dataclass(frozen=True)
class LabelledEntry:
    docket: str
    index: int
    number: str
    ask: Ask  # the label, as a person read the entry
    text: str
    kind: str


@dataclass
class Figures:
    entries: int = 0
    correct: int = 0
    asking: int = 0  # entries labelled with an ask other than “other”
    asking_correct: int = 0
    resolvable: int = 0  # entries whose labelled ask a specific order type resolves
    right_type_first: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, answer): count

    @property
    def accuracy(self) -> float:
        return self.correct / self.entries if self.entries else 0.0

    @property
    def asking_accuracy(self) -> float:
        return self.asking_correct / self.asking if self.asking else 0.0

    @property
    def right_type_first_rate(self) -> float:
        return self.right_type_first / self.resolvable if self.resolvable else 0.0


def read_labels(labels_csv: Path, dockets_dir: Path) -> list[LabelledEntry]:
    """The labelled entries, each with its full docket text from ``dockets_dir``."""
    docket_entries: dict[str, list[dict]] = {}
    rows = []
    with labels_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["docket"]
            if name not in docket_entries:
                data = json.loads((dockets_dir / f"{name}.json").read_text(encoding="utf-8"))
                docket_entries[name] = data.get("docket_entries") or []
            raw = docket_entries[name][int(row["index"])]
            text = " ".join((raw.get("description") or "").split())
            rows.append(
                LabelledEntry(
                    docket=name,
                    index=int(row["index"]),
                    number=row["document_number"],
                    ask=Ask(row["ask"]),
                    text=text,
                    kind=classify_kind(text),
                )
            )
    return rows


def measure(entries: list[LabelledEntry]) -> Figures:
    """Accuracy of ``classify_text`` and how often the wizard's first order type resolves the
    labelled ask (over the entries whose ask a specific, not the general, type resolves)."""
    figures = Figures()
    resolvable = specific_asks()
    for entry in entries:
        answer = classify_text(entry.text, kind=entry.kind)
        figures.entries += 1
        figures.correct += answer == entry.ask
        if answer != entry.ask:
            figures.confusions[(entry.ask.value, answer.value)] += 1
        if entry.ask != Ask.OTHER:
            figures.asking += 1
            figures.asking_correct += answer == entry.ask
        if entry.ask != Ask.OTHER and entry.ask in resolvable:
            figures.resolvable += 1
            first = ranked_types(answer, kind=entry.kind, text=entry.text)[:1]
            figures.right_type_first += bool(first) and not first[0].general and first[0].resolves(entry.ask)
    return figures
