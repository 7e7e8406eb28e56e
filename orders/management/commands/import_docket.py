"""Import cases from CM/ECF docket reports saved as HTML, many files at a time.

    python manage.py import_docket dockets/*.html [--dry-run] [--add-missing] [--user clerk]

Each file is imported in its own transaction (a failing file changes nothing and does not stop
the others); a summary follows the progress bar. ``--add-missing`` adds the courts and judges a
docket names that the app does not know (judges with the title the docket suggests).
``--user`` applies that user's chambers rule, as the upload page does.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from orders import services
from orders.dockets import DocketError, check_size, parse_docket_limited


class Command(BaseCommand):
    help = "Import cases (parties, docket entries) from CM/ECF docket reports saved as HTML."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Docket report HTML files.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--add-missing", action="store_true", help="Add unknown courts and judges the dockets name."
        )
        parser.add_argument("--user", help="Import as this user (applies their chambers rule).")

    def handle(self, *args, files, dry_run, add_missing, user, verbosity, **options):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"No user “{user}”.")
        totals: Counter[str] = Counter()
        failures: list[tuple[str, str]] = []
        lines: list[str] = []
        for name in tqdm(files, desc="Dockets", unit="file", file=self.stderr, disable=verbosity == 0):
            try:
                outcome = self._import_one(Path(name), importer, dry_run=dry_run, add_missing=add_missing)
            except (DocketError, ValidationError, OSError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                failures.append((name, message))
                totals["failed"] += 1
                continue
            totals[outcome[0]] += 1
            lines.append(f"{name}: {outcome[1]}")
        for line in lines:
            self.stdout.write(line)
        for name, message in failures:
            self.stdout.write(self.style.ERROR(f"{name}: {message}"))
        summary = ", ".join(
            f"{totals[key]} {label}"
            for key, label in (
                ("created", "created"),
                ("updated", "updated"),
                ("unchanged", "unchanged"),
                ("would change", "would change"),
                ("failed", "failed"),
            )
            if totals[key]
        )
        self.stdout.write(self.style.SUCCESS(f"{len(files)} file(s): {summary or 'nothing done'}."))
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) could not be imported.")

    def _import_one(self, path: Path, user, *, dry_run: bool, add_missing: bool) -> tuple[str, str]:
        check_size(path.stat().st_size)  # before reading it
        docket = parse_docket_limited(path.read_bytes())
        plan = services.docket_import_preview(docket=docket, user=user)
        if add_missing and not dry_run and (plan.unknown_court or plan.unknown_judges):
            services.docket_add_missing(docket=docket)
            plan = services.docket_import_preview(docket=docket, user=user)
        if plan.problems:
            raise ValidationError(plan.problems)
        if dry_run:
            if not plan.has_changes:
                return "unchanged", f"{docket.case_number} unchanged"
            what = "new case" if plan.is_new_case else f"{len(plan.case_changes)} case change(s)"
            return "would change", (
                f"{docket.case_number} would change: {what}, {len(plan.new_parties)} new parties, "
                f"{len(plan.new_entries)} new entries"
            )
        result = services.docket_import_apply(docket=docket, user=user)
        if result.created:
            return "created", (
                f"{result.case.number} created ({result.parties_created} parties, "
                f"{result.entries_created} entries)"
            )
        if result.changed:
            return "updated", (
                f"{result.case.number} updated ({result.parties_created} new parties, "
                f"{result.entries_created} new entries, "
                f"{result.parties_updated + result.entries_updated} changed)"
            )
        return "unchanged", f"{result.case.number} unchanged"
