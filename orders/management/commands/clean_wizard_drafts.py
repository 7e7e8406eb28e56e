"""``manage.py clean_wizard_drafts [--days 30]``: delete the drafting wizard's drafts unchanged
for that many days (unfinished ones are kept 30 days after their last change; finished ones are
only kept to answer a second click on Save draft). Run it daily (cron, a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from orders import services
from orders.models import WIZARD_DRAFT_DAYS


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=WIZARD_DRAFT_DAYS,
            help=f"delete drafts unchanged for this many days (default {WIZARD_DRAFT_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deleted = services.wizard_drafts_clean(days=options["days"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{deleted} wizard draft(s) unchanged for {options['days']} days deleted.")
