"""End to end in real headless Chromium: the three seed orders drafted through the wizard.

Logs in as the demo clerk, drafts Crawford v. Beard, Luckert v. Brannon and Harrison v. Sample
through every wizard step in the browser (case search by number, by a party's name, and the case
page's "Draft order" button), downloads each PDF and finds every sentence of its seed in the PDF's
text. A screenshot of each step is saved to ``test-artifacts/screenshots/``.

Runs once per ``scripts/test``: on the SQLite pass. It is skipped on the PostgreSQL pass (when
``DATABASE_URL`` is set) and when Debian's ``/usr/bin/chromium`` is missing (``scripts/test``
installs it). Playwright drives Debian's Chromium through ``executable_path``; no browser is
downloaded.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from orders.demo import DEMO_JUDGE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME, SEED_ORDERS

from .pdf_helpers import body_text, normalise
from .pdf_seed_texts import seed_sentences

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (loading the demo data) are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"

# Which seed each demo order reproduces, and how the test reaches its case in the wizard.
SEEDS = {
    "14-cv-05578-MEJ": ("000_c1ee9db6c1f96a53.txt", "crawford", {"search": "3:14-cv-5578"}),
    "C 13-4426 EDL (PR)": ("001_9c96773eac860348.txt", "luckert", {"case_page": "Luckert v. Brannon"}),
    "C 07-959 SI (pr)": ("002_07d43436c61bb95b.txt", "harrison", {"search": "Harrison"}),
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="runs once, on the SQLite pass of scripts/test"
    ),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture
def page(live_server, transactional_db):
    from playwright.sync_api import sync_playwright

    # A transactional test flushes the tables after it, migration 0011's court table too: load it
    # again for the next browser test (a no-op when it is there).
    call_command("load_courts", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        context.set_default_timeout(60_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        yield page
        browser.close()


def wait_for_images(page, selector: str, timeout: float = 60.0) -> None:
    """Every image loaded. (Not ``wait_for_function``: a string predicate is eval'd in the page,
    which the app's Content-Security-Policy forbids, as it should.)"""
    deadline = time.monotonic() + timeout
    for image in page.locator(selector).all():
        image.scroll_into_view_if_needed()
        while not image.evaluate("i => i.complete && i.naturalWidth > 0"):
            assert time.monotonic() < deadline, f"{selector} did not load"
            time.sleep(0.1)


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def step(page) -> str:
    return page.locator("#wizard-form").get_attribute("data-step")


def continue_(page) -> None:
    page.locator("#wizard-next").click()
    page.wait_for_load_state("domcontentloaded")


def fill_details(page, data: dict) -> None:
    """Answer the details step as the clerk would: every field of the seed's data."""
    for name, value in data.items():
        fields = page.locator(f'[name="details-{name}"]')
        assert fields.count(), f"no field details-{name} on the details step"
        first = fields.first
        kind = first.evaluate("e => e.type || e.tagName.toLowerCase()")
        if kind == "checkbox" and fields.count() == 1:
            first.set_checked(bool(value))
        elif kind in ("radio", "checkbox"):
            for item in value if isinstance(value, list) else [value]:
                page.locator(f'[name="details-{name}"][value="{item}"]').check()
        elif kind.startswith("select"):
            first.select_option(str(value))
        else:
            first.fill(str(value))


def draft_through_the_wizard(page, base: str, spec: dict, *, label: str, start: dict) -> None:
    if "case_page" in start:
        page.goto(f"{base}/")
        page.get_by_role("link", name=start["case_page"]).first.click()
        page.locator("#draft-order").click()
    else:
        page.goto(f"{base}/drafts/new/")
        assert step(page) == "case"
        page.locator('input[name="case-query"]').fill(start["search"])
        page.locator('button[name="search"]').click()
        choices = page.locator('#case-choices input[type="radio"]')
        assert choices.count() == 1, "the search finds exactly the seed's case"
        choices.first.check()
        shot(page, f"{label}-1-case")
        continue_(page)

    assert step(page) == "order_type"
    page.locator(f"#type-{spec['order_type']}").check()
    shot(page, f"{label}-2-order-type")
    continue_(page)

    assert step(page) == "entries"
    checked = page.locator('#entry-choices input[type="checkbox"]:checked')
    assert sorted(int(i.get_attribute("id").split("-")[1]) for i in checked.all()) == spec["entries"]
    second = page.locator('[name="entries-second_order"]')
    if second.count():  # the demo already drafted this seed for the entry: draft another anyway
        second.check()
    shot(page, f"{label}-3-entries")
    continue_(page)

    assert step(page) == "details"
    page.locator('[name="details-order_date"]').fill(spec["date"].isoformat())
    fill_details(page, spec["data"])
    shot(page, f"{label}-4-details")
    continue_(page)

    assert step(page) == "review", page.locator(".invalid-feedback").all_inner_texts()
    if spec.get("title"):
        page.locator('[name="review-title"]').fill(spec["title"])
    page.locator("#preview-pages img").first.wait_for()
    page.locator("#preview-pages:not(.is-stale) img").first.wait_for()
    shot(page, f"{label}-5-review")
    continue_(page)


def test_the_seed_orders_drafted_in_the_browser_print_every_sentence_of_their_seed(page, live_server):
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator('[name="username"]').fill(DEMO_USERNAME)
    page.locator('[name="password"]').fill(DEMO_PASSWORD)
    page.locator('[type="submit"]').click()
    page.wait_for_url(f"{base}/")

    for spec in SEED_ORDERS:
        seed, label, start = SEEDS[spec["case"]]
        draft_through_the_wizard(page, base, spec, label=label, start=start)

        assert re.search(r"/orders/\d+/$", page.url), page.url
        assert "Draft saved" in page.locator(".alert-success").inner_text()
        wait_for_images(page, "#page-previews img")
        shot(page, f"{label}-6-order")
        with page.expect_download() as download_info:
            page.locator("#download-pdf").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".pdf")
        pdf = Path(download.path()).read_bytes()
        text = body_text(pdf)
        missing = [sentence for sentence in seed_sentences(seed) if normalise(sentence) not in text]
        assert not missing, f"{label}: sentences of the seed missing from the PDF: {missing}"

    assert not page.errors, page.errors


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator('[name="username"]').fill(username)
    page.locator('[name="password"]').fill(DEMO_PASSWORD)
    page.locator('[type="submit"]').click()
    page.wait_for_url(f"{base}/")


def test_judge_signs_from_home_and_the_queue_and_clerk_sees_the_send_back(page, live_server):
    """Issue 17: the judge reads and signs an order from the queue, sends another back from its
    review page with a comment (both beside the order's text), and the clerk finds the comment on
    the home page and the order page; the signed order's motion is then decided on the docket."""
    from django.contrib.auth.models import User

    from orders import services
    from orders.models import Case, DocketEntry, Order

    base = live_server.url
    clerk = User.objects.get(username=DEMO_USERNAME)
    crawford = Case.objects.get(short_caption="Crawford v. Beard")
    seed = Order.objects.get(case=crawford)  # the demo's seed draft, Re: Dkt. No. 53
    services.order_send_for_signature(order=seed, user=clerk)
    other = services.order_create(
        case=crawford,
        order_type="general",
        judge=crawford.assigned_judge,
        title="ORDER REQUIRING A STATUS REPORT",
        body="The parties shall file a joint status report.",
        created_by=clerk,
    )
    services.order_send_for_signature(order=other, user=clerk)

    log_in(page, base, DEMO_JUDGE_USERNAME)
    awaiting = page.locator("#awaiting-signature")
    assert awaiting.locator(".awaiting-order").count() == 2
    assert "joint status report" in page.locator(f"#awaiting-text-{other.pk}").inner_text()
    shot(page, "loop-1-judge-home")

    page.locator(".chambers-queue-link").first.click()
    row = page.locator(f"#queue-{DocketEntry.objects.get(case=crawford, number=53).pk}")
    row.locator("summary").click()
    assert "DENIED" in row.locator(".order-text").inner_text()
    shot(page, "loop-2-queue")
    row.locator(f"#sign-{seed.pk}").click()
    page.wait_for_load_state("domcontentloaded")
    assert "/queue/" in page.url and "Signed." in page.locator(".alert-success").inner_text()
    assert not page.locator(f"#queue-{DocketEntry.objects.get(case=crawford, number=53).pk}").count()

    page.goto(f"{base}/orders/{other.pk}/review/")
    assert "joint status report" in page.locator("#review-order-text").inner_text()
    page.locator("#send-back-comment").fill("Give the parties 30 days and cite the scheduling order.")
    page.get_by_role("button", name="Send back for changes").click()
    page.wait_for_load_state("domcontentloaded")
    shot(page, "loop-3-sent-back")

    page.context.clear_cookies()
    log_in(page, base, DEMO_USERNAME)
    sent_back = page.locator("#sent-back")
    assert "Give the parties 30 days" in sent_back.inner_text()
    shot(page, "loop-4-clerk-home")
    sent_back.get_by_role("link", name="ORDER REQUIRING A STATUS REPORT").click()
    assert "Give the parties 30 days" in page.locator(".send-back-comment").inner_text()
    page.goto(f"{base}/cases/{crawford.pk}/")
    assert "denied" in page.locator("#entry-53").inner_text()
    assert not page.errors, page.errors
