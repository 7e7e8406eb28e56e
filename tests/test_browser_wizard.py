"""The wizard never loses or mixes typed text, in real headless Chromium: two tabs drafting two
cases at once, the session cookie gone before Save draft, the browser's Back, Forward and Reload
on every step, the case search after a search that matched nothing, and the error summary that
takes the focus."""

from __future__ import annotations

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME, SEED_ORDERS
from orders.models import Order

from .browser_support import (
    BROWSER_MARKS,
    App,
    chromium,  # noqa: F401 - a fixture
    fill_details,
    log_in,
    new_page,
    playwright,  # noqa: F401 - a fixture
    served_app,  # noqa: F401 - a fixture
    wizard_continue,
    wizard_step,
)

pytestmark = BROWSER_MARKS

CRAWFORD, LUCKERT, HARRISON = SEED_ORDERS  # the demo's three seed orders, in that order
SEARCH = {CRAWFORD["case"]: "Crawford", LUCKERT["case"]: "Luckert", HARRISON["case"]: "Harrison"}


def search_case(page, words: str) -> None:
    page.locator('input[name="case-query"]').fill(words)
    page.locator('button[name="search"]').click()
    page.wait_for_load_state("domcontentloaded")


def confirm_second_order(page) -> None:
    """The demo's own draft already rules on the seed's motion: the entries step asks first."""
    second = page.locator('[name="entries-second_order"]')
    if second.count():
        second.check()


def walk(page, app: App, spec: dict, *, until: str = "review") -> None:
    """A new draft of a seed order's case and type, through the steps until ``until``."""
    page.goto(app("/drafts/new/"))
    search_case(page, SEARCH[spec["case"]])
    page.locator('#case-choices input[type="radio"]').first.check()
    wizard_continue(page)
    page.locator(f"#type-{spec['order_type']}").check()
    wizard_continue(page)
    if wizard_step(page) == "entries":
        confirm_second_order(page)
        wizard_continue(page)
    assert wizard_step(page) == "details"
    if until == "details":
        return
    page.locator('[name="details-order_date"]').fill(spec["date"].isoformat())
    fill_details(page, spec["data"])
    wizard_continue(page)
    assert wizard_step(page) == "review", page.locator(".invalid-feedback").all_inner_texts()


def type_paragraph(page, text: str) -> None:
    """Type into the first paragraph and wait until the page says it was saved."""
    page.locator('[name="review-paragraph_0"]').fill(text)
    page.locator("#autosave-status", has_text="Saved").wait_for()


def test_two_tabs_drafting_two_cases_each_end_with_only_their_own_text(chromium, served_app):  # noqa: F811
    tab_a = new_page(chromium, width=1280)
    log_in(tab_a, served_app, DEMO_USERNAME, DEMO_PASSWORD)
    tab_b = tab_a.context.new_page()
    walk(tab_a, served_app, HARRISON)
    type_paragraph(tab_a, "TAB-A reasons: Harrison has not shown irreparable harm.")
    walk(tab_b, served_app, LUCKERT, until="details")
    assert tab_a.url != tab_b.url  # two drafts, two URLs

    tab_a.bring_to_front()
    wizard_continue(tab_a)  # Save draft
    assert "/orders/" in tab_a.url
    order_a = Order.objects.latest("pk")
    assert order_a.case.number == HARRISON["case"]
    assert order_a.body.startswith("TAB-A reasons")

    tab_b.bring_to_front()
    tab_b.locator('[name="details-order_date"]').fill(LUCKERT["date"].isoformat())
    fill_details(tab_b, LUCKERT["data"])
    wizard_continue(tab_b)
    assert wizard_step(tab_b) == "review"
    assert "TAB-A" not in tab_b.content() and "Harrison" not in tab_b.locator("#wizard-form").inner_text()
    wizard_continue(tab_b)
    order_b = Order.objects.latest("pk")
    assert order_b.pk != order_a.pk and order_b.case.number == LUCKERT["case"]
    assert "TAB-A" not in order_b.body
    assert not tab_a.errors, tab_a.errors
    tab_a.context.close()


def test_the_session_cookie_deleted_before_save_draft_loses_nothing(chromium, served_app):  # noqa: F811
    page = new_page(chromium, width=1280)
    log_in(page, served_app, DEMO_USERNAME, DEMO_PASSWORD)
    walk(page, served_app, CRAWFORD)
    draft_url = page.url
    type_paragraph(page, "Typed just before the session cookie went.")
    page.locator('[name="review-paragraph_1"]').fill("And this, not yet autosaved.")
    cookies = page.context.cookies()
    page.context.clear_cookies()
    page.context.add_cookies([cookie for cookie in cookies if cookie["name"] != "sessionid"])
    count = Order.objects.count()

    wizard_continue(page)  # Save draft: the login page, which returns to the same URL
    assert "/accounts/login/" in page.url
    assert Order.objects.count() == count
    page.locator('[name="username"]').fill(DEMO_USERNAME)
    page.locator('[name="password"]').fill(DEMO_PASSWORD)
    page.locator('[type="submit"]').click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url == draft_url
    assert wizard_step(page) == "review"
    assert (
        page.locator('[name="review-paragraph_0"]').input_value()
        == "Typed just before the session cookie went."
    )
    assert page.locator('[name="review-paragraph_1"]').input_value() == "And this, not yet autosaved."

    wizard_continue(page)
    assert "/orders/" in page.url
    assert Order.objects.count() == count + 1
    saved = Order.objects.latest("pk")
    assert saved.body.startswith("Typed just before the session cookie went.\n\nAnd this, not yet autosaved.")
    page.go_back()  # and back to the draft's URL: it is saved, so it opens the order again
    page.reload()
    assert Order.objects.count() == count + 1
    assert not page.errors, page.errors
    page.context.close()


def check_history(page, expected: str) -> None:
    """Reload, Back, Forward and Reload again on a step: each shows a page, and afterwards the
    page is the draft's current step."""
    page.reload()
    assert wizard_step(page) == expected
    page.go_back()  # the step before (or, from the first, the page the wizard was opened from)
    assert page.locator("#error-heading").count() == 0, page.content()[:500]  # never an error page
    page.go_forward()
    page.reload()
    assert wizard_step(page) == expected


def test_back_forward_and_reload_on_every_step_keep_the_draft(chromium, served_app):  # noqa: F811
    page = new_page(chromium, width=1280)
    log_in(page, served_app, DEMO_USERNAME, DEMO_PASSWORD)
    page.goto(served_app("/drafts/new/"))
    check_history(page, "case")
    search_case(page, "Harrison")
    page.locator('#case-choices input[type="radio"]').first.check()
    wizard_continue(page)
    check_history(page, "order_type")
    page.locator(f"#type-{HARRISON['order_type']}").check()
    wizard_continue(page)
    if wizard_step(page) == "entries":
        check_history(page, "entries")
        confirm_second_order(page)
        wizard_continue(page)
    check_history(page, "details")
    page.locator('[name="details-order_date"]').fill(HARRISON["date"].isoformat())
    fill_details(page, HARRISON["data"])
    wizard_continue(page)
    check_history(page, "review")
    type_paragraph(page, "Edited on the review step, then Back, Forward and Reload.")
    check_history(page, "review")
    assert "Edited on the review step" in page.locator('[name="review-paragraph_0"]').input_value()

    # An old page (the browser's Back shows the details step again): Continue from it shows the
    # draft where it is, with one line saying why, and the edited text is still there.
    page.go_back()
    if wizard_step(page) == "details":
        wizard_continue(page)
        assert wizard_step(page) == "review"
        assert page.locator("#wizard-notice").is_visible()
    else:
        page.go_forward()
    assert "Edited on the review step" in page.locator('[name="review-paragraph_0"]').input_value()
    wizard_continue(page)
    assert "/orders/" in page.url
    assert Order.objects.latest("pk").body.startswith("Edited on the review step")
    assert not page.errors, page.errors
    page.context.close()


def test_the_case_search_after_a_no_match_searches_what_is_in_the_box(chromium, served_app):  # noqa: F811
    page = new_page(chromium, width=1280)
    log_in(page, served_app, DEMO_USERNAME, DEMO_PASSWORD)
    page.goto(served_app("/drafts/new/"))
    search_case(page, "xylophone")
    assert "No case of your chambers matches “xylophone”" in page.locator("#case-choices").inner_text()
    search_case(page, "Harrison")
    assert page.locator('input[name="case-query"]').count() == 1
    assert page.locator('input[name="case-query"]').input_value() == "Harrison"
    choices = page.locator('#case-choices input[type="radio"]')
    assert choices.count() == 1 and "Harrison" in page.locator("#case-choices").inner_text()
    # With Enter in the box too.
    page.locator('input[name="case-query"]').fill("Luckert")
    page.locator('input[name="case-query"]').press("Enter")
    page.wait_for_load_state("domcontentloaded")
    assert "Luckert v. Brannon" in page.locator("#case-choices").inner_text()
    assert "Harrison" not in page.locator("#case-choices").inner_text()
    assert not page.errors, page.errors
    page.context.close()


def test_an_error_summary_takes_the_focus_and_its_link_leads_to_the_field(chromium, served_app):  # noqa: F811
    page = new_page(chromium, width=1280)
    log_in(page, served_app, DEMO_USERNAME, DEMO_PASSWORD)
    walk(page, served_app, HARRISON, until="details")
    page.locator('[name="details-order_date"]').fill("")
    page.locator('[name="details-order_date"]').evaluate("e => { e.type = 'text'; e.value = 'soon'; }")
    page.locator("#wizard-form").evaluate("form => { form.noValidate = true; }")
    wizard_continue(page)
    assert wizard_step(page) == "details"
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    link = page.locator("#error-summary a").first
    assert link.inner_text() == "Date of the order"
    link.click()
    assert page.evaluate("() => document.activeElement.name") == "details-order_date"
    assert not page.errors, page.errors
    page.context.close()
