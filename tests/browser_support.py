"""What the accessibility and keyboard browser tests share: Debian's Chromium (through Playwright's
``executable_path``, never a downloaded browser), the app served once per test module with the demo
data loaded once, and axe-core (pinned in ``package.json``, installed by ``scripts/bootstrap.sh``)
injected into a page to audit it.

The app is served by pytest-django's ``LiveServer`` started here, not by the ``live_server``
fixture: that fixture makes every test transactional, and the flush after each test would throw the
demo data away (loading it takes seconds). The module's data is loaded once, in a transaction
rolled back when the module ends.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make themselves
# (loading the data) are synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[1]
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
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The two screens every page is audited at: a laptop, and a phone held upright.
WIDTHS = {"desktop": 1280, "phone": 390}

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="runs once, on the SQLite pass of scripts/test"
    ),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

# As tests/conftest.py's autouse fixtures, for the data loaded before any test's fixtures run.
MODULE_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "AXES_ENABLED": False,
    "CACHES": {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "browser"},
        "renders": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "browser-renders",
        },
    },
}


@dataclass
class App:
    """The served app: its base URL and the objects the tests visit, by name."""

    url: str
    objects: dict[str, int] = field(default_factory=dict)

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="module")
def playwright() -> Iterator:
    """Playwright's sync API, started before the database is first touched: it runs an event
    loop in this thread, and from then on Django keeps this thread's connection per async
    context (asgiref's ``Local``). Started first, the data loaded, the live server and the tests
    all use the one connection."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="module")
def served_app(playwright, django_db_setup, django_db_blocker) -> Iterator[App]:
    """The app on a live server with the demo data, for the whole module.

    The module's data is written inside one transaction that is rolled back when the module
    ends, as Django's ``TestCase.setUpTestData`` does, so what the migrations loaded (the courts,
    their local rules) is still there for the tests that follow. Each test is marked
    ``django_db`` (``BROWSER_MARKS``) and runs in a savepoint of its own, rolled back after it.
    The server thread shares the test's in-memory SQLite connection (pytest-django's
    ``LiveServer`` passes it over), so it sees the module's data and the test's."""
    from pytest_django.live_server_helper import LiveServer

    with override_settings(**MODULE_SETTINGS):
        with django_db_blocker.unblock():
            module_data = transaction.atomic()
            module_data.__enter__()
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        server = LiveServer("localhost")
        try:
            yield App(url=server.url)
        finally:
            stop(server)
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                module_data.__exit__(None, None, None)


def stop(server) -> None:
    """Stop the server once the threads serving the browser's last connections are done: each
    closes the shared connection as it ends, which it may only do while the server shares it."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)
    server.stop()


@pytest.fixture(scope="module")
def chromium(playwright, served_app) -> Iterator:
    """One browser for the module; each test opens its own context (cookies, screen size). It is
    closed before the server stops (it depends on it)."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def new_page(chromium, *, width: int, storage_state: dict | None = None):
    context = chromium.new_context(
        viewport={"width": width, "height": 900}, storage_state=storage_state, accept_downloads=True
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    return page


def log_in(page, app: App, username: str, password: str) -> None:
    page.goto(app("/accounts/login/"))
    page.locator('[name="username"]').fill(username)
    page.locator('[name="password"]').fill(password)
    page.locator('[type="submit"]').click()
    page.wait_for_url(app("/"))


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` at the repository root (scripts/test does)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, one line per rule and element. The script
    is evaluated through the DevTools protocol, which the page's Content-Security-Policy (no
    inline scripts) does not govern: the app's own policy stays on while it is audited."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(
                    n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " ")),
            }));
        }"""
    )
    return [
        f"{violation['id']} ({violation['impact']}: {violation['help']}) at {node}"
        for violation in violations
        for node in violation["nodes"]
    ]


def page_width(page) -> int:
    """How wide the page is laid out: more than the screen means it scrolls sideways."""
    return page.evaluate("() => document.documentElement.scrollWidth")


def audit(page, width: int) -> list[str]:
    """Everything wrong with the page at this width: axe's violations, and a sideways scroll."""
    problems = axe_violations(page)
    laid_out = page_width(page)
    if laid_out > width:
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                    + (typeof e.className === "string" && e.className
                        ? "." + e.className.split(" ").join(".") : ""))""",
            width,
        )
        problems.append(f"the page is {laid_out} px wide on a {width} px screen (too wide: {wide})")
    return problems


def fill_details(page, data: dict) -> None:
    """Answer the details step as the clerk would: every field of a seed order's data."""
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


def wizard_step(page) -> str:
    return page.locator("#wizard-form").get_attribute("data-step")


def wizard_continue(page) -> None:
    page.locator("#wizard-next").click()
    page.wait_for_load_state("domcontentloaded")
