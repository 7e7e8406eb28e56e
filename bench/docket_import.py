"""How long reading and importing the docket sheets of tests/data/dockets takes.

    .venv/bin/python bench/docket_import.py [DOCKETS_DIR]

Prints, per docket: parse time (juriscraper + the app's rules, mean of 5 runs), preview time and
apply time against the configured database (run ``manage.py migrate`` first). Every import is
rolled back, so the database is left as it was.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chambers.settings")
django.setup()

from django.db import transaction  # noqa: E402

from bench._data import DOCKETS_DIR  # noqa: E402
from orders import services  # noqa: E402
from orders.dockets import DocketError, parse_docket  # noqa: E402


class Rollback(Exception):
    pass


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCKETS_DIR
    parse_docket((folder / "cand.html").read_bytes())  # import juriscraper once, outside the timings
    header = ("docket", "KB", "parties", "entries", "parse ms", "preview ms", "apply ms")
    print("{:<14}{:>6}{:>9}{:>9}{:>10}{:>12}{:>10}".format(*header))
    for path in sorted(folder.glob("*.html")):
        data = path.read_bytes()
        timings = []
        try:
            for _ in range(5):
                start = time.perf_counter()
                docket = parse_docket(data)
                timings.append(time.perf_counter() - start)
        except DocketError as error:
            print(f"{path.stem:<14}{len(data) / 1024:>6.0f}  not imported: {str(error)[:60]}…")
            continue
        try:
            with transaction.atomic():
                services.docket_add_missing(docket=docket)
                start = time.perf_counter()
                services.docket_import_preview(docket=docket)
                preview = time.perf_counter() - start
                start = time.perf_counter()
                services.docket_import_apply(docket=docket)
                apply = time.perf_counter() - start
                raise Rollback
        except Rollback:
            pass
        print(
            f"{path.stem:<14}{len(data) / 1024:>6.0f}{len(docket.parties):>9}{len(docket.entries):>9}"
            f"{statistics.mean(timings) * 1000:>10.1f}{preview * 1000:>12.1f}{apply * 1000:>10.1f}"
        )


if __name__ == "__main__":
    main()
