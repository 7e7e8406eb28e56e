"""The keyboard alone, in headless Chromium: a clerk logs in and drafts an order from the home page
through every wizard step to a saved draft with Tab, Shift+Tab, Enter and Space (and typing in
the text boxes); each step opens with the focus on its first field; everything the keyboard
reaches shows a focus ring; the skip link jumps over the navigation; on a phone the navigation
collapses behind a menu button that the keyboard opens.

Choosing among radio buttons is the one place the arrow keys are pressed: a browser moves the
selection inside a radio group with them only (Tab leaves the group).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME

from .browser_support import (
    BROWSER_MARKS,
    App,
    audit,
    chromium,  # noqa: F401 - a fixture
    log_in,
    new_page,
    page_width,
    playwright,  # noqa: F401 - a fixture
    served_app,  # noqa: F401 - a fixture
    wizard_step,
)

pytestmark = BROWSER_MARKS

# What has the keyboard focus: its tag, type, name, id, text, and whether a focus ring shows.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
        || (style.boxShadow !== "none" && style.boxShadow !== "");
    return {
        tag: e.tagName.toLowerCase(), type: e.type || "", name: e.name || "", id: e.id || "",
        text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 80),
        checked: !!e.checked, ring: ring, shown: box.width > 0 && box.height > 0,
        label: e.labels && e.labels.length ? e.labels[0].innerText.trim().slice(0, 80) : "",
        inNavigation: !!e.closest("#navigation"),
    };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def focus_on_arrival(page) -> dict:
    """What a step opened with the focus on: one of its fields, not the page's body."""
    element = focused(page)
    assert element is not None, f"the {wizard_step(page)} step opened with the focus on nothing"
    return element


def describe(element: dict | None) -> str:
    if element is None:
        return "nothing"
    tag = f"<{element['tag']} type={element['type']} name={element['name']} id={element['id']}>"
    return f"{tag} {element['text']!r}"


def tab_to(page, wanted, *, limit: int = 80, backwards: bool = False) -> dict:
    """Press Tab until the focused element is the one wanted; each element passed on the way
    must show a focus ring."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        element = focused(page)
        assert element is not None, f"Tab left the page after {[describe(e) for e in seen[-5:]]}"
        assert element["shown"] and element["ring"], f"no visible focus on {describe(element)}"
        seen.append(element)
        if wanted(element):
            return element
    raise AssertionError(f"not reached with Tab; passed: {[describe(e) for e in seen]}")


def press(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("domcontentloaded")


def named(name: str):
    return lambda element: element["name"] == name


def with_id(element_id: str):
    return lambda element: element["id"] == element_id


def test_a_draft_is_made_from_the_home_page_to_the_saved_order_with_the_keyboard_alone(chromium, served_app):  # noqa: F811
    app: App = served_app
    page = new_page(chromium, width=1280)
    page.goto(app(reverse("login")))
    assert focused(page)["name"] == "username"  # the login page focuses its first field
    page.keyboard.type(DEMO_USERNAME)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    press(page, "Enter")
    assert page.url == app(reverse("orders:home"))

    tab_to(page, with_id("new-order"))
    press(page, "Enter")

    # The case: the focus is in the search box; Enter searches.
    assert wizard_step(page) == "case"
    assert focus_on_arrival(page)["name"] == "case-query", describe(focused(page))
    page.keyboard.type("Harrison")
    press(page, "Enter")
    assert focus_on_arrival(page)["name"] == "case-query", (
        "the focus is back in the search box after a search"
    )
    harrison = tab_to(page, lambda e: e["type"] == "radio" and "Harrison" in e["label"])
    assert not harrison["checked"]
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, with_id("wizard-next"))
    press(page, "Enter")

    # The order type: the focus is on the type chosen, or on the first one.
    assert wizard_step(page) == "order_type"
    first = focus_on_arrival(page)
    assert first["type"] == "radio" and first["name"] == "order_type-order_type", describe(first)
    if not first["checked"]:
        page.keyboard.press("Space")
    for _ in range(40):
        if focused(page)["id"] == "type-deny_discovery_motion":
            break
        page.keyboard.press("ArrowDown")
    assert focused(page)["id"] == "type-deny_discovery_motion" and focused(page)["checked"]
    tab_to(page, with_id("wizard-next"))
    press(page, "Enter")

    # The motions ruled on: the pending motion is ticked already; the focus is on it.
    assert wizard_step(page) == "entries"
    entry = focus_on_arrival(page)
    assert entry["type"] == "checkbox" and entry["checked"], describe(entry)
    if page.locator('[name="entries-second_order"]').count():  # the demo's draft already rules on it
        tab_to(page, lambda e: e["name"] == "entries-second_order")
        page.keyboard.press("Space")
        assert focused(page)["checked"]
    tab_to(page, with_id("wizard-next"))
    press(page, "Enter")

    # The details, filled in from the case; every field is passed with Tab, to the button.
    assert wizard_step(page) == "details"
    assert focus_on_arrival(page)["name"].startswith("details-"), describe(focused(page))
    tab_to(page, with_id("wizard-next"))
    press(page, "Enter")

    # The review: the focus is on the first field; typed text goes into it.
    assert wizard_step(page) == "review", page.locator(".invalid-feedback").all_inner_texts()
    assert focus_on_arrival(page)["name"].startswith("review-"), describe(focused(page))
    tab_to(page, with_id("wizard-next"))
    press(page, "Enter")

    assert re.search(r"/orders/\d+/$", page.url), page.url
    assert "Draft saved" in page.locator(".alert-success").inner_text()
    assert "Harrison" in page.locator("main").inner_text()
    assert not page.errors, page.errors


@pytest.fixture
def clerk_page(chromium, served_app):  # noqa: F811
    def open_page(width: int):
        page = new_page(chromium, width=width)
        log_in(page, served_app, DEMO_USERNAME, DEMO_PASSWORD)
        return page

    return open_page


def test_the_skip_link_is_the_first_tab_stop_and_jumps_over_the_navigation(clerk_page):
    page = clerk_page(1280)
    link = tab_to(page, lambda e: True)
    assert link["id"] == "skip-link" and link["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    after = tab_to(page, lambda e: True)
    in_navigation = page.evaluate("() => !!document.activeElement.closest('#navigation')")
    assert not in_navigation, f"after the skip link, Tab went to {describe(after)} in the navigation"


def test_every_element_of_the_navigation_shows_where_the_focus_is(clerk_page):
    page = clerk_page(1280)
    page.keyboard.press("Tab")  # the skip link
    reached = []
    while True:
        element = tab_to(page, lambda e: True)
        if not page.evaluate("() => !!document.activeElement.closest('#navigation')"):
            break
        reached.append(element["text"] or element["name"])
    assert reached[:5] == [
        "Chambers orders",
        "Drafts",
        "New order",
        "Import from a docket",
        "Import past orders",
    ]
    assert "Log out" in reached


# Pages whose every tab stop is checked for a focus ring (the wizard's are, in the drafting test).
RING_PAGES = {
    "home": lambda page, app: page.goto(app(reverse("orders:home"))),
    "search-results": lambda page, app: page.goto(app(reverse("orders:search") + "?q=discovery")),
    "drafts": lambda page, app: page.goto(app(reverse("orders:draft_list"))),
    "docket-import": lambda page, app: page.goto(app(reverse("orders:docket_import"))),
    "past-order-import": lambda page, app: page.goto(app(reverse("orders:import_orders"))),
    "case": lambda page, app: open_first(page, app, "#cases a"),
    "order": lambda page, app: open_first(page, app, "#recent-orders a"),
    "review": lambda page, app: (
        open_first(page, app, "#recent-orders a"),
        page.locator("#review-order").click(),
    ),
}


def open_first(page, app: App, selector: str) -> None:
    page.goto(app(reverse("orders:home")))
    page.locator(selector).first.click()
    page.wait_for_load_state("domcontentloaded")


def open_review(page, app: App) -> None:
    open_first(page, app, "#recent-orders a")
    page.locator("#review-order").click()


@pytest.mark.parametrize("name", list(RING_PAGES))
def test_everything_tab_reaches_shows_a_focus_ring(clerk_page, served_app, name):  # noqa: F811
    page = clerk_page(1280)
    RING_PAGES[name](page, served_app)
    page.wait_for_load_state("domcontentloaded")
    stops = []
    for _ in range(200):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or (stops and element["id"] == "skip-link"):
            break  # past the last tab stop
        assert element["shown"] and element["ring"], f"no visible focus on {describe(element)}"
        stops.append(element)
    else:
        raise AssertionError("more than 200 tab stops")
    in_main = [element for element in stops if not element["inNavigation"] and element["id"] != "skip-link"]
    assert len(in_main) >= 2, [describe(e) for e in stops]


def test_on_a_phone_the_navigation_collapses_behind_a_menu_button_the_keyboard_opens(clerk_page):
    page = clerk_page(390)
    drafts = page.locator("#navigation").get_by_role("link", name="Drafts")
    assert not drafts.is_visible()
    assert page_width(page) <= 390
    menu = tab_to(page, with_id("navigation-toggle"))
    assert menu["text"] == "Menu"
    page.keyboard.press("Enter")
    drafts.wait_for(state="visible")
    assert page.locator("#navigation-toggle").get_attribute("aria-expanded") == "true"
    problems = audit(page, 390)  # the open menu too: axe and the width
    assert not problems, "\n".join(problems)
    tab_to(page, lambda e: e["text"] == "Drafts")
    press(page, "Enter")
    assert page.url.endswith(reverse("orders:draft_list"))
