"""Time each step of the drafting wizard and the review step's live preview (figures, not a test).

Walks the wizard with Django's test client for each demo seed order, against the database
configured by DATABASE_URL (default: the SQLite file of scripts/start, after ``load_demo``):

    .venv/bin/python bench/wizard_steps.py [rounds]

Prints the median time of each step's POST, of a preview (first render and a repeat, which the
renderer caches by content), and of the order page.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chambers.settings")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench._forms import form_data  # noqa: E402
from orders.demo import DEMO_USERNAME, SEED_ORDERS  # noqa: E402
from orders.models import Case  # noqa: E402
from orders.selectors import case_find_by_number  # noqa: E402

URL = "/drafts/new/"


def timed(timings: dict, name: str, call):
    start = time.perf_counter()
    response = call()
    timings.setdefault(name, []).append((time.perf_counter() - start) * 1000)
    return response


def post(client: Client, url: str, step: str, data: dict):
    """A step posted to the draft's URL; a 303 back to it followed (the step's page)."""
    return client.post(url, {**data, "order_wizard-current_step": step}, follow=True)


def fields(response) -> dict[str, list[str]]:
    """What the page's form posts back (the prefilled answers, required fields filled in)."""
    assert response.status_code == 200, (response.status_code, response.content[:2000])
    return form_data(response.content.decode())[0]


def walk(client: Client, spec: dict, timings: dict, *, n: int) -> None:
    case = case_find_by_number(spec["case"], queryset=Case.objects.all()).get()
    r = timed(timings, "start (GET, redirect followed)", lambda: client.get(URL, follow=True))
    url = r.redirect_chain[-1][0]
    r = timed(timings, "case", lambda: post(client, url, "case", {**fields(r), "case-case": case.pk}))
    choice = {**fields(r), "order_type-order_type": spec["order_type"]}
    r = timed(timings, "order type", lambda: post(client, url, "order_type", choice))
    r = timed(timings, "entries", lambda: post(client, url, "entries", fields(r)))
    data = {**fields(r), "details-order_date": spec["date"].isoformat()}
    r = timed(timings, "details", lambda: post(client, url, "details", data))
    review = fields(r)
    first = review["review-paragraph_0"][0]
    review["review-paragraph_0"] = [f"{first} (round {n})"]  # a new text each round
    timed(timings, "preview, new text", lambda: post(client, url, "review", {**review, "preview": "1"}))
    timed(timings, "preview, same text", lambda: post(client, url, "review", {**review, "preview": "1"}))
    saved = timed(timings, "autosave", lambda: post(client, url, "review", {**review, "autosave": "1"}))
    review["draft_revision"] = [str(saved.json()["revision"])]
    r = timed(
        timings, "save (done)", lambda: client.post(url, {**review, "order_wizard-current_step": "review"})
    )
    assert r.status_code == 302, (r.status_code, r.content[:2000])
    timed(timings, "order page", lambda: client.get(r["Location"]))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    setup_test_environment()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    client = Client()
    client.force_login(get_user_model().objects.get(username=DEMO_USERNAME))
    timings: dict[str, list[float]] = {}
    with transaction.atomic():
        for n in range(rounds):
            for spec in SEED_ORDERS:
                walk(client, spec, timings, n=n)
        transaction.set_rollback(True)  # leave the database as it was
    print(f"{rounds} rounds × {len(SEED_ORDERS)} seed orders; median (max) in ms")
    for name, values in timings.items():
        print(f"  {name:<20} {statistics.median(values):8.1f} ({max(values):.1f})")


if __name__ == "__main__":
    main()
