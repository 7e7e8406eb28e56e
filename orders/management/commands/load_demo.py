from django.core.management.base import BaseCommand

from orders.demo import DEMO_ADMIN_USERNAME, DEMO_JUDGE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME, load_demo


class Command(BaseCommand):
    help = "Load N.D. Cal., its three demo judges, the three seed cases and the demo logins. Idempotent."

    def handle(self, *args, **options) -> None:
        result = load_demo()
        if result.changed:
            for line in result.created:
                self.stdout.write(f"  created {line}")
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({len(result.created)} records)."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")
        self.stdout.write(
            f"Demo login: {DEMO_USERNAME} / {DEMO_PASSWORD} (clerk in all three chambers); "
            f"{DEMO_JUDGE_USERNAME} / {DEMO_PASSWORD} (Judge James); "
            f"{DEMO_ADMIN_USERNAME} / {DEMO_PASSWORD} (Django admin)."
        )
