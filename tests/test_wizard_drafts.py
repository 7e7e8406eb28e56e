"""Server-side wizard drafts: one record per wizard run, keyed by the id in its URL, across tabs,
logins and expired sessions; autosave; the drafts page; the 30-day clean-up."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME
from orders.drafting.texts import MESSAGE_RELOGGED, MESSAGE_STALE_SAVE
from orders.models import Order, WizardDraft
from orders.order_types import registry

from .factories import MembershipFactory
from .wizard_helpers import (
    REVISION,
    details_values,
    draft_of,
    form_of,
    form_values,
    post_step,
    start,
    step_of,
    walk_to,
    wizard_url,
)

pytestmark = pytest.mark.django_db

NEW = "/drafts/new/"


def _type_needing_entries(case) -> str:
    return next(t.key for t in registry.for_case(case)[0] if t.needs_entries)


def _review(client, case):
    """A draft of ``case`` at the review step: (the page, the draft's URL)."""
    response = walk_to(client, NEW, case=case, type_key=_type_needing_entries(case))
    return response, wizard_url(response)


# -- one record per run, from its first step -----------------------------------------------------


def test_each_start_is_a_record_of_its_own_from_the_first_step(demo_client, demo):
    before = WizardDraft.objects.count()
    first, second = start(demo_client, NEW), start(demo_client, NEW)
    assert WizardDraft.objects.count() == before + 2
    assert wizard_url(first) != wizard_url(second)
    draft = draft_of(wizard_url(first))
    assert (draft.step, draft.user.username, draft.finished_at) == ("case", DEMO_USERNAME, None)


def test_two_tabs_drafting_two_cases_each_end_with_only_their_own_text(demo_client, demo):
    harrison, luckert = demo["Harrison v. Sample"], demo["Luckert v. Brannon"]
    tab_a, url_a = _review(demo_client, harrison)
    tab_b = walk_to(demo_client, NEW, case=luckert, type_key=_type_needing_entries(luckert), until="details")
    url_b = wizard_url(tab_b)
    review_a = form_values(form_of(tab_a))
    review_a["review-paragraph_0"] = "TAB-A reasons: Harrison has not shown irreparable harm."
    # Tab A continues after tab B moved on: it saves Harrison's order, with Harrison's text only.
    response = post_step(demo_client, url_a, "review", review_a)
    assert response.status_code == 302
    order_a = Order.objects.latest("pk")
    assert order_a.case == harrison
    assert order_a.body.startswith("TAB-A reasons")
    # Tab B is still at its details step, in Luckert, untouched by tab A.
    page_b = demo_client.get(url_b)
    assert step_of(page_b) == "details"
    assert page_b.context["draft_case"] == luckert
    response = post_step(demo_client, url_b, "details", details_values(form_of(page_b)))
    assert step_of(response) == "review"
    html = response.content.decode()
    assert "TAB-A" not in html and "Harrison" not in html
    response = post_step(demo_client, url_b, "review", form_values(form_of(response)))
    order_b = Order.objects.latest("pk")
    assert order_b.case == luckert and "TAB-A" not in order_b.body and order_b.pk != order_a.pk


def test_a_third_tab_opening_the_same_url_sees_the_same_state(demo_client, demo):
    page, url = _review(demo_client, demo["Crawford v. Beard"])
    review = form_values(form_of(page))
    review["review-paragraph_0"] = "Typed in the first tab, autosaved."
    assert post_step(demo_client, url, "review", {**review, "autosave": "1"}).status_code == 200
    third = demo_client.get(url)
    assert step_of(third) == "review"
    assert "Typed in the first tab, autosaved." in third.content.decode()


def test_a_save_from_a_stale_page_is_refused_with_the_difference(demo_client, demo):
    page, url = _review(demo_client, demo["Crawford v. Beard"])
    stale = {**form_values(form_of(page)), REVISION: str(draft_of(url).revision)}
    # Another tab on the same draft changes the text (its autosave).
    other = {**stale, "review-paragraph_0": "The other tab's first paragraph.", "autosave": "1"}
    assert post_step(demo_client, url, "review", other).status_code == 200
    stale["review-paragraph_0"] = "This tab's first paragraph."
    count = Order.objects.count()
    response = post_step(demo_client, url, "review", stale)
    assert response.status_code == 200
    assert Order.objects.count() == count  # nothing saved
    html = response.content.decode()
    assert MESSAGE_STALE_SAVE.split(".")[0] in html
    assert 'id="stale-save"' in html
    assert "− The other tab&#x27;s first paragraph." in html and "+ This tab&#x27;s first paragraph." in html
    assert "This tab&#x27;s first paragraph." in html  # still in the box
    # Saving again from the refusal page (it carries the current revision) keeps this tab's text.
    again = {**form_values(form_of(response)), REVISION: str(response.context["revision"])}
    response = post_step(demo_client, url, "review", again)
    assert response.status_code == 302
    assert Order.objects.latest("pk").body.startswith("This tab's first paragraph.")


# -- logins and expired sessions ---------------------------------------------------------------


def test_after_the_session_cookie_is_gone_save_draft_logs_in_and_the_same_url_saves_once(demo):
    client = Client()
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    page, url = _review(client, demo["Crawford v. Beard"])
    review = form_values(form_of(page))
    review["review-paragraph_0"] = "Typed just before the session expired."
    review[REVISION] = str(draft_of(url).revision)
    del client.cookies["sessionid"]  # the 8-hour limit, a browser restart
    count = Order.objects.count()
    response = post_step(client, url, "review", review)
    login = f"{reverse('login')}?next={url}"
    assert response.status_code == 302 and response["Location"] == login
    assert Order.objects.count() == count
    response = client.post(login, {"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
    assert response["Location"] == url
    page = client.get(url)
    assert step_of(page) == "review"
    html = page.content.decode()
    assert MESSAGE_RELOGGED.split(".")[0] in html
    assert "Typed just before the session expired." in html
    response = post_step(client, url, "review", form_values(form_of(page)))
    assert response.status_code == 302
    assert Order.objects.count() == count + 1
    assert Order.objects.latest("pk").body.startswith("Typed just before the session expired.")
    again = post_step(client, url, "review", form_values(form_of(page)))
    assert again["Location"] == response["Location"] and Order.objects.count() == count + 1


def test_all_cookies_gone_shows_a_friendly_page_with_the_text_not_a_csrf_debug_page(demo_client, demo):
    page, url = _review(demo_client, demo["Crawford v. Beard"])
    review = {**form_values(form_of(page)), "review-paragraph_0": "Typed before the cookies went."}
    client = Client(enforce_csrf_checks=True)  # a browser with no cookies at all
    response = client.post(url, {"order_wizard-current_step": "review", **review})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page had expired" in html
    assert "Typed before the cookies went." in html
    assert f"next={url}" in html.replace("%2F", "/")
    assert "CSRF verification failed" not in html and "Help" not in html


def test_another_users_draft_url_is_a_404_and_changes_nothing(demo_client, demo):
    page, url = _review(demo_client, demo["Crawford v. Beard"])
    colleague = MembershipFactory(judge=demo["Crawford v. Beard"].assigned_judge).user
    client = Client()
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    response = post_step(client, url, "review", {**form_values(form_of(page)), "autosave": "1"})
    assert response.status_code == 404
    response = client.post(reverse("orders:wizard_discard", args=[draft_of(url).pk]))
    assert response.status_code == 404
    assert WizardDraft.objects.filter(pk=draft_of(url).pk).exists()


# -- autosave ------------------------------------------------------------------------------------


def test_autosave_stores_the_paragraphs_as_typed_and_answers_the_time(demo_client, demo):
    page, url = _review(demo_client, demo["Crawford v. Beard"])
    revision = draft_of(url).revision
    review = {**form_values(form_of(page)), "review-paragraph_0": "Half a senten", "autosave": "1"}
    response = post_step(demo_client, url, "review", review)
    assert response.status_code == 200
    body = response.json()
    assert body["revision"] == revision + 1
    assert body["saved_at"] == timezone.localtime(draft_of(url).updated_at).strftime("%H:%M")
    assert draft_of(url).paragraphs["review-paragraph_0"] == ["Half a senten"]
    assert 'id="autosave-status"' in demo_client.get(url).content.decode()
    # From a page older than that save (another tab): refused, nothing changed.
    stale = {**review, REVISION: str(revision), "review-paragraph_0": "Old tab"}
    response = post_step(demo_client, url, "review", stale)
    assert response.status_code == 409 and "another tab" in response.json()["error"]
    assert draft_of(url).paragraphs["review-paragraph_0"] == ["Half a senten"]


def test_autosave_requires_the_csrf_token_and_a_login(demo_client, demo):
    page, url = _review(demo_client, demo["Crawford v. Beard"])
    data = {"order_wizard-current_step": "review", **form_values(form_of(page)), "autosave": "1"}
    data[REVISION] = str(draft_of(url).revision)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = demo_client.cookies  # the same login, as a page without the token posts
    assert strict.post(url, data).status_code == 403
    revision = draft_of(url).revision
    anonymous = Client()
    response = anonymous.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert draft_of(url).revision == revision


# -- the drafts page ------------------------------------------------------------------------------


def test_the_drafts_page_lists_unfinished_drafts_to_resume_and_discard(demo_client, demo):
    _page, url = _review(demo_client, demo["Crawford v. Beard"])
    html = demo_client.get(reverse("orders:draft_list")).content.decode()
    assert 'id="unfinished"' in html and f'href="{url}"' in html and "Crawford v. Beard" in html
    draft_id = draft_of(url).pk
    discard = reverse("orders:wizard_discard", args=[draft_id])
    assert f'action="{discard}"' in html
    # A colleague in the same chambers sees it, read-only (no link to open it).
    colleague = MembershipFactory(judge=demo["Crawford v. Beard"].assigned_judge).user
    client = Client()
    client.force_login(colleague)
    theirs = client.get(reverse("orders:draft_list")).content.decode()
    assert 'id="unfinished-chambers"' in theirs and "Crawford v. Beard" in theirs
    assert url not in theirs
    # Discarding it removes it from the database and the page.
    response = demo_client.post(discard)
    assert response["Location"] == reverse("orders:draft_list")
    assert not WizardDraft.objects.filter(pk=draft_id).exists()
    assert url not in demo_client.get(reverse("orders:draft_list")).content.decode()
    assert demo_client.get(url).status_code == 404


def test_the_clean_command_deletes_drafts_unchanged_for_30_days_only(demo_client, demo):
    _page, old_url = _review(demo_client, demo["Crawford v. Beard"])
    recent = wizard_url(start(demo_client, NEW))
    old = draft_of(old_url)
    WizardDraft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=31))
    WizardDraft.objects.filter(pk=draft_of(recent).pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=29)
    )
    out = io.StringIO()
    call_command("clean_wizard_drafts", stdout=out)
    assert "1 wizard draft(s)" in out.getvalue()
    assert not WizardDraft.objects.filter(pk=old.pk).exists()
    assert WizardDraft.objects.filter(pk=draft_of(recent).pk).exists()
