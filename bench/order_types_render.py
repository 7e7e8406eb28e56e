"""Time to validate and render every order type for the Crawford demo case (not a test).

Usage: .venv/bin/python bench/order_types_render.py   (uses a throwaway SQLite database)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chambers.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from orders.models import Case  # noqa: E402
from orders.order_types import registry  # noqa: E402

EXTRA = {
    "new_deadline": "2030-12-31",
    "reasons": "No showing.",
    "allegations": "Plaintiff alleges.",
    "deficiencies": "No claim.",
    "prior_order_date": "2016-05-17",
    "analysis": "Repeats.",
    "start_date": "2030-12-01",
    "compelled_act": "serve responses",
    "response_deadline": "2030-12-30",
    # The facts no type prefills (required, empty): in the seeds' and the old defaults' words.
    "purpose": "respond to Defendants' discovery requests",
    "request_purpose": "respond to Defendants' discovery requests",
    "cognizable_claim": "for deliberate indifference to serious medical needs in violation of the "
    "Eighth Amendment",
    "program": "the Federal Pro Bono Project",
    "relief": "preliminary injunction",
    "disposition": "DENIED",
    "denial_reason": "no_meet_and_confer",
    "text": (
        "Plaintiff moves to stay this action pending his appeal in another case.\n\n"
        "# DISCUSSION\n\n"
        "The court has considered the motion and the record.\n"
        "1. The motion is GRANTED.\n"
        "2. The parties shall file a joint status report every ninety days."
    ),
}
PER_TYPE = {"deny_discovery_motion": {"motion": "motion for discovery"}}
ROUNDS = 50

call_command("migrate", verbosity=0)
call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
case = Case.objects.prefetch_related("parties").get(short_caption="Crawford v. Beard")
entries = list(case.docket_entries.filter(number=53))
print(f"{'order type':32} {'ms/render':>10} {'queries':>8}")
for order_type in registry.all():
    data = {**order_type.initial(case=case, entries=entries), **EXTRA, **PER_TYPE.get(order_type.key, {})}
    cleaned = order_type.clean_data(case=case, entries=entries, data=data)
    start = time.perf_counter()
    for _ in range(ROUNDS):
        order_type.render_body(case=case, entries=entries, data=cleaned, judge=case.assigned_judge)
    elapsed = (time.perf_counter() - start) / ROUNDS * 1000
    with CaptureQueriesContext(connection) as queries:
        order_type.render_body(case=case, entries=entries, data=cleaned, judge=case.assigned_judge)
    print(f"{order_type.key:32} {elapsed:10.2f} {len(queries):8d}")
