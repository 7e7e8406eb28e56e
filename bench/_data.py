"""Where the benchmarks find their data: the repository's ``tests/data/``, found from this file.

The benchmarks read the same files as the tests (see ``tests/data/README.md``) but import
nothing from ``tests/``; the seed bodies are read with the app's own past-order reader.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tests" / "data"
SEEDS_DIR = DATA_DIR / "seeds"
DOCKETS_DIR = DATA_DIR / "dockets"


def seed_paths() -> list[Path]:
    """The three seed orders' text files, by name."""
    return sorted(SEEDS_DIR.glob("*.txt"))


def seed_body(name: str) -> str:
    """A seed order's body in the stored body format (call after ``django.setup()``)."""
    from orders.importing import parse_order_text

    return parse_order_text((SEEDS_DIR / name).read_text(encoding="utf-8")).body
