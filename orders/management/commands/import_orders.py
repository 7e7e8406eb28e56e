"""``manage.py import_orders PATH…``: import past orders from PDF (text layer) or text files.

Directories are searched for ``*.pdf`` and ``*.txt``. Each file is imported in its own
transaction; a file already imported (same text) changes nothing. A progress bar runs on the
terminal and a report at the end lists what could not be read and why.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from orders import services
from orders.importing import ImportFileError
from orders.models import Court

SUFFIXES = (".pdf", ".txt")


class Command(BaseCommand):
    help = "Import past orders from PDF or text files (and directories of them)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="Files or directories to import.")
        parser.add_argument(
            "--user", help="Username recorded as having imported the orders (default: the first superuser)."
        )
        parser.add_argument(
            "--court", help="CM/ECF code of the court (e.g. cand); default: read from each order's heading."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args, paths: list[str], user: str | None, court: str | None, **options) -> None:
        imported_by = self._user(user)
        court_obj = None
        if court:
            court_obj = Court.objects.filter(code=court.lower()).first()
            if court_obj is None:
                raise CommandError(f"No court with code “{court}”.")
        files, missing = _files(paths)
        failures = [(path, "no such file or directory") for path in missing]
        imported = unchanged = 0
        created: list[str] = []
        bar = tqdm(files, unit="file", file=sys.stderr, disable=options["no_progress"] or not files)
        for path in bar:
            bar.set_postfix_str(path.name[-30:], refresh=False)
            try:
                outcome = services.order_import_file(
                    name=path.name, data=path.read_bytes(), imported_by=imported_by, court=court_obj
                )
            except (ImportFileError, services.ImportRefused, OSError) as error:
                failures.append((str(path), str(error)))
                continue
            except ValidationError as error:
                failures.append((str(path), "; ".join(error.messages)))
                continue
            if outcome.created:
                imported += 1
                created.extend(outcome.created_records)
            else:
                unchanged += 1
        bar.close()

        self.stdout.write(
            f"Imported {imported} order(s); {unchanged} already imported (unchanged); "
            f"{len(failures)} could not be imported."
        )
        for record in created:
            self.stdout.write(f"  created, to review: {record}")
        for path, reason in failures:
            self.stderr.write(f"  {path}: {reason}")

    def _user(self, username: str | None):
        User = get_user_model()
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No user “{username}”.")
            return user
        user = User.objects.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            raise CommandError("Pass --user USERNAME: the user recorded as having imported the orders.")
        return user


def _files(paths: list[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    missing: list[str] = []
    for value in paths:
        path = Path(value)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(value)
    return files, missing
