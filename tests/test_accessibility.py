"""Every page of the app, audited by axe-core in headless Chromium at 1280 and 390 px wide: no
violation of any of axe's rules (WCAG 2.x A and AA and its best practices), and no page wider
than the screen. The pages are those of ``chambers/urls.py`` and ``orders/urls.py`` a person can
see: the lists, the case and order pages, review and signing, the audit logs, the wizard's every
step, the imports with their previews and reports, the Word upload and its difference, the
login and the locked-out page, and the app's 404, 403 (and expired-form), 500 pages. Also: the
skip link, a focus ring on everything the keyboard reaches, and the phone's collapsed navigation.

The PDF, DOCX and page-image URLs are files, not pages; the POST-only workflow URLs redirect to
the review page audited here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from orders.demo import DEMO_JUDGE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME, SEED_ORDERS

from .browser_support import (
    BROWSER_MARKS,
    WIDTHS,
    App,
    audit,
    chromium,  # noqa: F401 - a fixture
    fill_details,
    log_in,
    new_page,
    playwright,  # noqa: F401 - a fixture
    served_app,  # noqa: F401 - a fixture
    wizard_continue,
    wizard_step,
)
from .paths import DOCKETS_DIR, SEEDS_DIR

pytestmark = BROWSER_MARKS


@dataclass
class Site:
    app: App
    logins: dict[str, dict]  # each role's cookies, for a new browser context
    ids: dict[str, int]

    def path(self, name: str, *args: int) -> str:
        return self.app(reverse(name, args=args))


@pytest.fixture(scope="module")
def site(served_app, chromium, django_db_blocker):  # noqa: F811
    """The demo data with an order in each state: Luckert's draft, Crawford's order signed by
    Judge James, and its amended order sent to her for signature; the clerk and the judge logged
    in once (their cookies are reused by each test's browser context)."""
    from django.contrib.auth.models import User

    from orders import services
    from orders.models import Order

    with django_db_blocker.unblock():
        clerk = User.objects.get(username=DEMO_USERNAME)
        judge = User.objects.get(username=DEMO_JUDGE_USERNAME)
        draft = Order.objects.get(case__short_caption__startswith="Luckert")
        signed = Order.objects.get(case__short_caption__startswith="Crawford")
        services.order_send_for_signature(order=signed, user=clerk)
        services.order_sign(order=Order.objects.get(pk=signed.pk), user=judge, signature="conformed")
        ready = services.order_amend(order=Order.objects.get(pk=signed.pk), user=judge)
        services.order_send_for_signature(order=ready, user=clerk)
        logins = {}
        for role, username in (("clerk", DEMO_USERNAME), ("judge", DEMO_JUDGE_USERNAME)):
            page = new_page(chromium, width=1280)
            log_in(page, served_app, username, DEMO_PASSWORD)
            logins[role] = page.context.storage_state()
            page.context.close()
    ids = {
        "draft": draft.pk,
        "signed": signed.pk,
        "ready": ready.pk,
        "case": draft.case_id,
        "judge": signed.judge_id,
    }
    return Site(app=served_app, logins=logins, ids=ids)


@pytest.fixture(params=list(WIDTHS.values()), ids=list(WIDTHS))
def width(request) -> int:
    return request.param


def open_as(chromium, site: Site, role: str, width: int):  # noqa: F811
    return new_page(chromium, width=width, storage_state=site.logins.get(role))


def test_the_audit_reports_what_axe_finds_and_a_page_wider_than_the_screen(chromium, site):  # noqa: F811
    """The audit itself: a page with a text box without a label and a box wider than a phone fails."""
    page = open_as(chromium, site, "anonymous", WIDTHS["phone"])
    page.set_content(
        '<html lang="en"><body><main><input type="text"><p class="wide">wide</p></main></body></html>'
    )
    page.locator(".wide").evaluate("e => { e.style.width = '900px'; }")
    problems = audit(page, WIDTHS["phone"])
    assert any(problem.startswith("label (critical") for problem in problems), problems
    assert any("px wide on a 390 px screen" in problem for problem in problems), problems
    page.context.close()


# name: (who looks, the page's URL from the site's objects)
PAGES = {
    "home": ("clerk", lambda s: s.path("orders:home")),
    "search": ("clerk", lambda s: s.path("orders:search")),
    "search-results": ("clerk", lambda s: s.path("orders:search") + "?q=discovery"),
    "search-no-results": ("clerk", lambda s: s.path("orders:search") + "?q=xylophone+zebra"),
    "search-bad-filter": ("clerk", lambda s: s.path("orders:search") + "?q=motion&date_from=yesterday"),
    "case": ("clerk", lambda s: s.path("orders:case_detail", s.ids["case"])),
    "order-draft": ("clerk", lambda s: s.path("orders:order_detail", s.ids["draft"])),
    "order-signed": ("clerk", lambda s: s.path("orders:order_detail", s.ids["signed"])),
    "review-draft": ("clerk", lambda s: s.path("orders:order_review", s.ids["draft"])),
    "review-ready-for-the-judge": ("judge", lambda s: s.path("orders:order_review", s.ids["ready"])),
    "review-signed": ("clerk", lambda s: s.path("orders:order_review", s.ids["signed"])),
    "order-delete": ("clerk", lambda s: s.path("orders:order_delete", s.ids["draft"])),
    "order-duplicate": ("clerk", lambda s: s.path("orders:order_duplicate", s.ids["draft"])),
    "word-upload": ("clerk", lambda s: s.path("orders:order_docx_upload", s.ids["draft"])),
    "proposed-order": ("clerk", lambda s: s.path("orders:proposed_order_upload")),
    "proposed-order-in-a-case": (
        "clerk",
        lambda s: s.path("orders:proposed_order_upload_for_case", s.ids["case"]),
    ),
    "drafts": ("clerk", lambda s: s.path("orders:draft_list")),
    "docket-import": ("clerk", lambda s: s.path("orders:docket_import")),
    "past-order-import": ("clerk", lambda s: s.path("orders:import_orders")),
    "audit-log-order": ("judge", lambda s: s.path("orders:order_audit", s.ids["signed"])),
    "audit-log-chambers": ("judge", lambda s: s.path("orders:chambers_audit", s.ids["judge"])),
    "login": ("anonymous", lambda s: s.path("login")),
    "not-found": ("clerk", lambda s: s.app("/no-such-page/")),
    "not-found-logged-out": ("anonymous", lambda s: s.app("/no-such-page/")),
    "forbidden": ("clerk", lambda s: s.path("orders:order_audit", s.ids["signed"])),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_passes_axe_and_fits_the_screen(chromium, site, width, name):  # noqa: F811
    role, url = PAGES[name]
    page = open_as(chromium, site, role, width)
    response = page.goto(url(site))
    assert response.status == {"not-found": 404, "not-found-logged-out": 404, "forbidden": 403}.get(name, 200)
    problems = audit(page, width)
    assert not problems, "\n".join(problems)
    assert not page.errors, page.errors
    page.context.close()


def search_case(page, query: str) -> None:
    page.locator('input[name="case-query"]:visible').fill(query)
    page.locator('button[name="search"]').click()
    page.wait_for_load_state("domcontentloaded")


def audit_each(page, width: int, found: dict[str, list[str]], label: str) -> None:
    problems = audit(page, width)
    if problems:
        found[label] = problems


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{label}:\n  " + "\n  ".join(problems) for label, problems in found.items())


def test_every_wizard_step_passes_axe_and_fits_the_screen(chromium, site, width):  # noqa: F811
    """The case step (before a search, after one that matches nothing, with results), the order
    type, the motions, the details (blank, then with its errors shown) and the review step."""
    spec = SEED_ORDERS[2]  # Harrison v. Sample
    page = open_as(chromium, site, "clerk", width)
    found: dict[str, list[str]] = {}
    page.goto(site.path("orders:draft_new"))
    assert wizard_step(page) == "case"
    audit_each(page, width, found, "case")
    search_case(page, "xylophone")
    audit_each(page, width, found, "case-no-match")
    page.goto(site.path("orders:draft_new"))
    search_case(page, "Harrison")
    audit_each(page, width, found, "case-found")
    page.locator('#case-choices input[type="radio"]').first.check()
    wizard_continue(page)
    assert wizard_step(page) == "order_type"
    audit_each(page, width, found, "order_type")
    page.locator(f"#type-{spec['order_type']}").check()
    wizard_continue(page)
    assert wizard_step(page) == "entries"
    audit_each(page, width, found, "entries")
    second = page.locator('[name="entries-second_order"]')
    if second.count():  # the demo's own draft already rules on the motion: the step asks first
        audit_each(page, width, found, "entries-asking")
        second.check()
    wizard_continue(page)
    assert wizard_step(page) == "details"
    audit_each(page, width, found, "details")
    drafts = page.context.new_page()
    drafts.goto(site.path("orders:draft_list"))
    audit_each(drafts, width, found, "drafts-with-a-wizard-under-way")
    drafts.close()
    required = page.locator('#wizard-form input[type="text"][required]')
    assert required.count(), "the details step has a required text field"
    required.first.fill("")
    page.locator("#wizard-form").evaluate("form => { form.noValidate = true; }")
    wizard_continue(page)
    assert wizard_step(page) == "details"
    audit_each(page, width, found, "details-with-errors")
    page.locator('[name="details-order_date"]').fill(spec["date"].isoformat())
    fill_details(page, spec["data"])
    wizard_continue(page)
    assert wizard_step(page) == "review"
    page.locator("#preview-pages:not(.is-stale) img").first.wait_for()
    audit_each(page, width, found, "review")
    wizard_continue(page)
    assert "/orders/" in page.url
    audit_each(page, width, found, "order-saved")
    page.goto(site.path("orders:draft_list"))
    audit_each(page, width, found, "drafts-after-the-wizard")
    assert not found, report(found)
    assert not page.errors, page.errors
    page.context.close()


def test_the_imports_previews_and_reports_pass_axe_and_fit_the_screen(chromium, site, width):  # noqa: F811
    """A docket's import preview, the past-order import's report and the imported order's page,
    and the Word upload's difference page and its conflict page (the order's own DOCX, edited,
    uploaded in two tabs and saved from both)."""
    page = open_as(chromium, site, "clerk", width)
    found: dict[str, list[str]] = {}
    page.goto(site.path("orders:docket_import"))
    page.locator('input[type="file"][name="file"]').set_input_files(str(DOCKETS_DIR / "cand_263146.html"))
    page.locator('form button[type="submit"]', has_text="Preview the import").click()
    page.wait_for_load_state("domcontentloaded")
    assert "/dockets/import/" in page.url and page.locator("#entries").count()
    audit_each(page, width, found, "docket-preview")

    page.goto(site.path("orders:import_orders"))
    page.locator("#id_files").set_input_files(str(SEEDS_DIR / "002_07d43436c61bb95b.txt"))
    page.locator("#import-form button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("#import-report").count()
    audit_each(page, width, found, "past-order-import-report")
    page.locator("#import-report a").first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("#imported-text").count(), "the imported order's page shows its text"
    audit_each(page, width, found, "imported-order")

    # The Word file edited twice: one edit saved from a second tab, then the other one refused.
    docx = page.request.get(site.path("orders:order_docx", site.ids["draft"])).body()
    other = page.context.new_page()
    for tab, added in ((page, "Edited in Word."), (other, "Edited in Word elsewhere.")):
        upload_word(tab, site, edited_docx(docx, added))
    audit_each(page, width, found, "word-difference")
    other.locator("#save-from-word").click()
    other.wait_for_load_state("domcontentloaded")
    with page.expect_response(lambda response: response.request.method == "POST") as saved:
        page.locator("#save-from-word").click()
    assert saved.value.status == 409
    page.wait_for_load_state("domcontentloaded")
    audit_each(page, width, found, "word-conflict")
    assert not found, report(found)
    page.context.close()


def edited_docx(docx: bytes, added: str) -> bytes:
    """The order's Word file with a sentence added to its longest paragraph, as a clerk edits it."""
    import io

    from docx import Document

    document = Document(io.BytesIO(docx))
    longest = max(document.paragraphs, key=lambda paragraph: len(paragraph.text))
    longest.add_run(f" {added}")
    edited = io.BytesIO()
    document.save(edited)
    return edited.getvalue()


def upload_word(page, site: Site, docx: bytes) -> None:
    page.goto(site.path("orders:order_docx_upload", site.ids["draft"]))
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "order.docx", "mimeType": "application/octet-stream", "buffer": docx}]
    )
    page.locator("form button[type=submit]", has_text="Read the file").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("#save-from-word").is_enabled(), "the difference page offers to save the edit"


def test_a_refused_login_and_the_locked_out_page_pass_axe_and_fit_the_screen(chromium, site, width, settings):  # noqa: F811
    settings.AXES_ENABLED = True
    page = open_as(chromium, site, "anonymous", width)
    found: dict[str, list[str]] = {}
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(site.path("login"))
        page.locator('[name="username"]').fill(f"nobody-{width}")
        page.locator('[name="password"]').fill("wrong")
        page.locator('[type="submit"]').click()
        page.wait_for_load_state("domcontentloaded")
        if attempt == 0:
            assert "didn't match" in page.locator(".alert-danger").inner_text()
            audit_each(page, width, found, "login-refused")
    assert "Too many failed logins" in page.locator("h1").inner_text()
    audit_each(page, width, found, "locked-out")
    assert not found, report(found)
    page.context.close()


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/fails/", 500, "Something went wrong"),
        ("/fails/database/", 503, "Try again in a moment"),
        ("/fails/suspicious/", 400, "That request could not be used"),
    ],
    ids=["500", "503", "400"],
)
def test_the_error_pages_pass_axe_and_fit_the_screen(chromium, site, width, path, status, heading):  # noqa: F811
    page = open_as(chromium, site, "clerk", width)
    assert page.goto(site.app(path)).status == status
    assert heading in page.locator("h1").inner_text()
    problems = audit(page, width)
    assert not problems, "\n".join(problems)
    page.context.close()


def test_the_expired_form_page_passes_axe_and_fits_the_screen(chromium, site, width):  # noqa: F811
    """The CSRF cookie gone while a page was open (cookies cleared): the form is refused with the
    app's explanation, not Django's CSRF page."""
    page = open_as(chromium, site, "clerk", width)
    page.goto(site.path("orders:docket_import"))
    page.context.clear_cookies(name="csrftoken")
    page.locator('input[type="file"][name="file"]').set_input_files(str(DOCKETS_DIR / "cand_263146.html"))
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator('form button[type="submit"]', has_text="Preview the import").click()
    assert posted.value.status == 403
    page.wait_for_load_state("domcontentloaded")
    assert "This page had expired" in page.locator("h1").inner_text()
    problems = audit(page, width)
    assert not problems, "\n".join(problems)
    page.context.close()
