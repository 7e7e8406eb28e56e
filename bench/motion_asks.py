"""What a motion asks, measured on the labelled set (not a test): the classifier's accuracy on
``tests/data/motion_labels.csv`` and how often the wizard's first order type resolves the ask.

Usage: .venv/bin/python bench/motion_asks.py [-v]   (-v lists every entry the classifier gets wrong)
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chambers.settings")

import django

django.setup()

from bench._data import DATA_DIR, DOCKETS_DIR  # noqa: E402
from orders.motions.asks import classify_text  # noqa: E402
from orders.motions.evaluation import measure, read_labels  # noqa: E402

entries = read_labels(DATA_DIR / "motion_labels.csv", DOCKETS_DIR)
figures = measure(entries)
print(f"labelled entries: {figures.entries} ({figures.asking} ask something other than “other”)")
print(f"classifier accuracy, all entries: {figures.correct}/{figures.entries} = {figures.accuracy:.1%}")
print(
    f"classifier accuracy, entries that ask: {figures.asking_correct}/{figures.asking}"
    f" = {figures.asking_accuracy:.1%}"
)
print(
    f"right order type first (entries whose ask a specific type resolves): "
    f"{figures.right_type_first}/{figures.resolvable} = {figures.right_type_first_rate:.1%}"
)
if figures.confusions:
    print("confusions (label → answer: count):")
    for (label, answer), count in figures.confusions.most_common():
        print(f"  {label} → {answer}: {count}")
if "-v" in sys.argv:
    for entry in entries:
        answer = classify_text(entry.text, kind=entry.kind)
        if answer != entry.ask:
            print(f"{entry.docket}[{entry.index}] #{entry.number} {entry.ask} → {answer}: {entry.text[:140]}")
