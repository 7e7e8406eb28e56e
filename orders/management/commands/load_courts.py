"""``manage.py load_courts [--update]``: the 94 district courts, their paper and local rules."""

from django.core.management.base import BaseCommand
from django.db import transaction

from orders.courts.loading import load_courts
from orders.models import Court, LocalRule


class Command(BaseCommand):
    help = (
        "Load every U.S. district court (courts-db) with its heading, paper and local rules. "
        "Courts already present keep their edits unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update", action="store_true", help="Rewrite existing courts with the data files' values."
        )

    def handle(self, *args, update: bool = False, **options):
        with transaction.atomic():
            result = load_courts(Court, LocalRule, update=update)
        self.stdout.write(
            f"{len(result.created)} courts created, {len(result.updated)} updated, "
            f"{result.rules_created} local rules added."
        )
