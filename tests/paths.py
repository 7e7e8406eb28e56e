"""Where the test data is: ``tests/data/`` beside this file (see ``tests/data/README.md``)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SEEDS_DIR = DATA_DIR / "seeds"
DOCKETS_DIR = DATA_DIR / "dockets"
