"""The drafting wizard, step by step, with the Django test client."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse

from orders import services
from orders.body import join_body, parse_body
from orders.drafting.texts import MESSAGE_ALREADY_SAVED, MESSAGE_STALE, MESSAGE_TAMPERED
from orders.models import DocketEntry, EntryKind, Order
from orders.motions import classify_entry
from orders.motions.matching import specific_types_resolve
from orders.order_types import registry

from .factories import CaseFactory, DocketEntryFactory, PartyFactory
from .pdf_helpers import body_text, normalise
from .wizard_helpers import (
    REVISION,
    details_values,
    draft_of,
    filler,
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


@pytest.fixture
def crawford(demo):
    """Crawford v. Beard with a pending entry of every kind an order type resolves."""
    case = demo["Crawford v. Beard"]
    kinds = {kind for order_type in registry.all() for kind in order_type.resolves_kinds}
    have = set(case.docket_entries.filter(pending=True).values_list("kind", flat=True))
    for number, kind in enumerate(sorted(kinds - have), start=100):
        DocketEntryFactory(case=case, number=number, kind=kind, description=f"{kind.upper()} for something")
    return case


# -- every order type, start to finish -----------------------------------------------------------


@pytest.mark.parametrize("type_key", [order_type.key for order_type in registry.all()])
def test_each_order_type_drafts_through_every_step(demo_client, crawford, type_key):
    order_type = registry.get(type_key)
    response = start(demo_client, NEW)
    assert step_of(response) == "case"
    url = wizard_url(response)
    response = post_step(demo_client, url, "case", {"case-case": str(crawford.pk)})
    assert step_of(response) == "order_type"
    response = post_step(demo_client, url, "order_type", {"order_type-order_type": type_key})
    fitting = list(registry.fitting_entries(order_type, crawford))
    chosen: list[str] = []
    if fitting:
        assert step_of(response) == "entries"
        preselected = form_values(form_of(response)).get("entries-entries", [])
        asking = [e for e in fitting if order_type.resolves(classify_entry(e), kind=e.kind)]
        if order_type.general:  # it checks only what no other type resolves
            asking = [e for e in asking if not specific_types_resolve(classify_entry(e), kind=e.kind)]
        # Checked: the entries asking what the type resolves.
        assert sorted(preselected) == sorted(str(e.pk) for e in asking)
        chosen = preselected or [str(fitting[0].pk)]  # the clerk may still choose another
        second = {"entries-second_order": "on"} if form_of(response).in_progress else {}
        response = post_step(demo_client, url, "entries", {"entries-entries": chosen, **second})
    assert step_of(response) == "details"
    answers = details_values(form_of(response))
    response = post_step(demo_client, url, "details", answers)
    if step_of(response) == "details":  # a field another answer made required (why a motion is denied)
        form = form_of(response)
        answers.update({form.add_prefix(name): filler(form.fields[name]) for name in form.errors})
        response = post_step(demo_client, url, "details", answers)
    assert step_of(response) == "review", form_of(response).errors
    review = form_values(form_of(response))
    assert review["review-title"]
    expected_body = join_body(
        parse_body("\n\n".join(v for k, v in review.items() if k.startswith("review-paragraph_")))
    )
    before = Order.objects.count()
    response = post_step(demo_client, url, "review", review)
    assert response.status_code == 302
    order = Order.objects.latest("pk")
    assert Order.objects.count() == before + 1
    assert response["Location"] == reverse("orders:order_detail", args=[order.pk])
    assert order.order_type == type_key
    assert order.case == crawford
    assert order.status == Order.Status.DRAFT
    assert order.body == expected_body
    assert order.title == review["review-title"]
    assert sorted(e.pk for e in order.docket_entries.all()) == sorted(int(pk) for pk in chosen)


def test_the_finish_step_calls_the_service_once(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    with mock.patch.object(services, "order_draft_create", wraps=services.order_draft_create) as create:
        response = post_step(demo_client, url, "review", form_values(form_of(response)))
    assert response.status_code == 302
    assert create.call_count == 1


def test_a_finished_draft_posted_again_is_not_saved_twice(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    data = {**form_values(form_of(response)), REVISION: str(draft_of(url).revision)}
    first = post_step(demo_client, url, "review", data)
    count = Order.objects.count()
    again = post_step(demo_client, url, "review", data)  # a double click, or the back button
    assert Order.objects.count() == count
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert MESSAGE_ALREADY_SAVED in [str(m) for m in again.wsgi_request._messages]
    assert demo_client.get(url)["Location"] == first["Location"]  # the draft's URL opens the order


# -- the case step -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["14-cv-05578-MEJ", "3:14-cv-5578", "14-5578", "Crawford", "Ducart"])
def test_case_search_finds_any_written_form_of_the_number_or_a_party(demo_client, demo, query):
    url = wizard_url(start(demo_client, NEW))
    response = post_step(demo_client, url, "case", {"case-query": query, "search": "1"})
    assert step_of(response) == "case"
    results = form_of(response).results
    assert [case.short_caption for case in results] == ["Crawford v. Beard"]
    assert not form_of(response).errors


def test_case_search_shows_only_the_users_chambers_cases(demo_client, demo):
    CaseFactory(short_caption="Crawford v. Someone Else")
    url = wizard_url(start(demo_client, NEW))
    response = post_step(demo_client, url, "case", {"case-query": "Crawford", "search": "1"})
    html = response.content.decode()
    assert "Crawford v. Beard" in html
    assert "Someone Else" not in html


def test_starting_from_the_case_page_skips_the_case_step(demo_client, crawford):
    case_page = demo_client.get(reverse("orders:case_detail", args=[crawford.pk])).content.decode()
    url = reverse("orders:draft_for_case", args=[crawford.pk])
    assert f'href="{url}"' in case_page
    response = start(demo_client, url)
    assert step_of(response) == "order_type"
    assert "Crawford v. Beard" in response.content.decode()


def test_choosing_no_case_stays_on_the_step_with_the_error(demo_client, demo):
    url = wizard_url(start(demo_client, NEW))
    response = post_step(demo_client, url, "case", {"case-query": ""})
    assert step_of(response) == "case"
    assert "Choose the case the order is in." in response.content.decode()


# -- the order type and entries steps -----------------------------------------------------------


def test_types_fitting_the_pending_entries_come_first(demo_client, demo):
    case = demo["Luckert v. Brannon"]  # a pending motion (Dkt. No. 19)
    response = start(demo_client, reverse("orders:draft_for_case", args=[case.pk]))
    form = form_of(response)
    assert form.fitting
    assert all("motion" in order_type.resolves_kinds for order_type in form.fitting)
    html = response.content.decode()
    first_fitting = html.index(f'value="{form.fitting[0].key}"')
    for order_type in form.offered:
        assert html.index(f'value="{order_type.key}"') > first_fitting


def test_a_case_with_nothing_pending_explains_and_offers_types_that_need_no_entry(demo_client, demo):
    judge = demo["Crawford v. Beard"].assigned_judge
    case = CaseFactory(assigned_judge=judge, court=judge.court, short_caption="Quiet v. Docket")
    PartyFactory(case=case, name="Quiet Plaintiff", role="plaintiff", caption_position=1)
    PartyFactory(case=case, name="Docket Defendant", role="defendant", caption_position=2)
    response = start(demo_client, reverse("orders:draft_for_case", args=[case.pk]))
    html = response.content.decode()
    assert 'id="no-fitting-type"' in html
    assert "Nothing is pending in this case" in html
    for order_type in registry.all():
        shown = f'value="{order_type.key}"' in html
        assert shown == (not order_type.needs_entries)
    needing = next(t for t in registry.all() if t.needs_entries)
    response = post_step(
        demo_client, wizard_url(response), "order_type", {"order_type-order_type": needing.key}
    )
    assert step_of(response) == "order_type"
    assert "this case has none" in response.content.decode()


def test_entries_are_required_when_the_type_needs_them(demo_client, crawford):
    key = _type_for(crawford)
    response = walk_to(demo_client, NEW, case=crawford, type_key=key, until="entries")
    url = wizard_url(response)
    assert step_of(response) == "entries"
    response = post_step(demo_client, url, "entries", {})
    assert step_of(response) == "entries"
    assert "Choose at least one docket entry" in response.content.decode()


# -- details and review -------------------------------------------------------------------------


def test_a_details_error_stays_on_the_step_next_to_the_field(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford), until="details")
    url = wizard_url(response)
    data = details_values(form_of(response))
    data["details-order_date"] = "not a date"
    response = post_step(demo_client, url, "details", data)
    assert step_of(response) == "details"
    assert "order_date" in form_of(response).errors
    html = response.content.decode()
    field_at = html.index('id="id_details-order_date"')
    error_at = html.index("Enter a valid date.", field_at)  # (the summary at the top has it too)
    assert 0 < error_at - field_at < 600
    assert 'value="not a date"' in html  # what was typed is still there


def test_the_details_are_prefilled_from_the_case(demo_client, crawford):
    key = _type_for(crawford)
    response = walk_to(demo_client, NEW, case=crawford, type_key=key, until="details")
    form = form_of(response)
    entries = list(registry.fitting_entries(registry.get(key), crawford))
    for name, value in registry.get(key).initial(case=crawford, entries=entries).items():
        if name in form.fields and value not in (None, ""):
            assert form[name].value() == value or str(form[name].value()) == str(value)


def test_an_empty_title_or_text_stays_on_the_review_step(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    data = form_values(form_of(response))
    data["review-title"] = ""
    response = post_step(demo_client, url, "review", data)
    assert step_of(response) == "review"
    assert "The order needs a title." in response.content.decode()
    data = {
        k: ("" if k.startswith("review-paragraph_") else v) for k, v in form_values(form_of(response)).items()
    }
    data["review-title"] = "ORDER"
    response = post_step(demo_client, url, "review", data)
    assert step_of(response) == "review"
    assert "The order has no text." in response.content.decode()
    assert not Order.objects.filter(title="ORDER").exists()


def test_back_navigation_keeps_every_answer_including_edited_paragraphs(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    review = form_values(form_of(response))
    review["review-paragraph_0"] = "An edited first paragraph, typed by the clerk."
    review["review-title"] = "ORDER AS EDITED"
    # Back from review to details: the edits are stored, valid or not.
    response = post_step(demo_client, url, "review", {**review, "wizard_goto_step": "details"})
    assert step_of(response) == "details"
    details = form_values(form_of(response))
    details["details-order_date"] = "2016-11-09"
    # Back again to the entries step, then forward through details.
    response = post_step(demo_client, url, "details", {**details, "wizard_goto_step": "entries"})
    assert step_of(response) == "entries"
    response = post_step(demo_client, url, "entries", form_values(form_of(response)))
    assert step_of(response) == "details"
    assert form_of(response)["order_date"].value() == "2016-11-09"
    response = post_step(demo_client, url, "details", form_values(form_of(response)))
    assert step_of(response) == "review"
    html = response.content.decode()
    assert "An edited first paragraph, typed by the clerk." in html
    assert "ORDER AS EDITED" in html


def test_changed_answers_under_edited_text_keep_the_edits_and_warn(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    review = form_values(form_of(response))
    review["review-paragraph_0"] = "Hand-written paragraph."
    response = post_step(demo_client, url, "review", {**review, "wizard_goto_step": "details"})
    details = form_values(form_of(response))
    details["details-order_date"] = "2016-11-10"
    flip = next((k for k in details if k.endswith(("terminate_line",))), None)
    if flip:
        details.pop(flip)  # change an answer that changes the text
    else:
        pytest.skip("the type has no answer that changes its text")
    response = post_step(demo_client, url, "details", details)
    html = response.content.decode()
    assert "Hand-written paragraph." in html
    assert 'id="review-outdated"' in html
    response = post_step(demo_client, url, "review", {**form_values(form_of(response)), "regenerate": "1"})
    assert "Hand-written paragraph." not in response.content.decode()


def test_html_and_template_tags_in_a_paragraph_are_stored_and_shown_literally(
    demo_client, crawford, settings
):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    review = form_values(form_of(response))
    hostile = "<script>alert(1)</script> <b>bold</b> {{ settings.SECRET_KEY }} {% now 'Y' %}"
    review["review-paragraph_0"] = hostile
    response = post_step(demo_client, url, "review", review)
    order = Order.objects.latest("pk")
    assert hostile in order.body
    html = demo_client.get(response["Location"]).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; {{ settings.SECRET_KEY }}" in html
    assert "<script>alert(1)" not in html
    assert settings.SECRET_KEY not in html
    pdf = demo_client.get(reverse("orders:order_pdf", args=[order.pk])).content
    assert normalise(hostile) in body_text(pdf)
    assert settings.SECRET_KEY not in body_text(pdf)


# -- stale and tampered posts: the draft's current step, a one-line notice, nothing changed ----


def test_a_post_for_another_step_than_the_current_one_shows_the_current_step(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford), until="details")
    url = wizard_url(response)
    answers = form_values(form_of(response))
    revision = draft_of(url).revision
    response = post_step(demo_client, url, "review", {"review-title": "X", "review-paragraph_0": "Typed."})
    assert step_of(response) == "details"
    html = response.content.decode()
    assert MESSAGE_STALE.split("(")[0] in html
    assert "Typed." in html  # shown back, not lost
    assert "Court style" not in html and "current_step" not in html.split("<form")[0]
    assert form_values(form_of(response)).keys() == answers.keys()
    assert draft_of(url).revision == revision


def test_missing_management_data_shows_the_current_step_with_400(demo_client, crawford):
    url = wizard_url(start(demo_client, NEW))
    response = demo_client.post(url, {"case-case": str(crawford.pk)})
    assert response.status_code == 400
    assert MESSAGE_TAMPERED in response.content.decode()
    assert response.context["wizard"]["steps"].current == "case"
    response = post_step(demo_client, url, "no-such-step", {})
    assert response.status_code == 400


def test_an_unknown_order_type_is_refused(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key="", until="order_type")
    url = wizard_url(response)
    response = post_step(demo_client, url, "order_type", {"order_type-order_type": "grant_everything"})
    assert response.status_code == 400
    assert MESSAGE_TAMPERED in response.content.decode()
    assert step_of(demo_client.get(url)) == "order_type"
    assert draft_of(url).order_type == ""


def test_another_chambers_case_is_refused(demo_client, demo):
    foreign = CaseFactory(short_caption="Foreign v. Chambers")
    url = wizard_url(start(demo_client, NEW))
    response = post_step(demo_client, url, "case", {"case-case": str(foreign.pk)})
    assert response.status_code == 400
    assert "Foreign v. Chambers" not in response.content.decode()
    assert demo_client.get(reverse("orders:draft_for_case", args=[foreign.pk])).status_code == 404
    assert draft_of(url).case is None


def test_another_cases_docket_entry_is_refused(demo_client, crawford, demo):
    key = _type_for(crawford)
    url = wizard_url(walk_to(demo_client, NEW, case=crawford, type_key=key, until="entries"))
    other = DocketEntry.objects.exclude(case=crawford).first()
    response = post_step(demo_client, url, "entries", {"entries-entries": [str(other.pk)]})
    assert response.status_code == 400
    assert step_of(demo_client.get(url)) == "entries"


def test_going_forward_with_the_back_button_is_refused(demo_client, crawford):
    url = wizard_url(walk_to(demo_client, NEW, case=crawford, type_key="", until="order_type"))
    response = post_step(demo_client, url, "order_type", {"wizard_goto_step": "review"})
    assert response.status_code == 400
    assert step_of(demo_client.get(url)) == "order_type"


def test_a_page_from_before_the_last_change_is_not_used(demo_client, crawford):
    """The browser's Back button shows the order type page again after the details were reached;
    Continue from it shows the draft where it is, with a notice, and changes nothing."""
    key = _type_for(crawford)
    response = walk_to(demo_client, NEW, case=crawford, type_key=key, until="order_type")
    url = wizard_url(response)
    old_revision = draft_of(url).revision
    walk = post_step(demo_client, url, "order_type", {"order_type-order_type": key})
    assert step_of(walk) == "entries"
    other = next(t.key for t in registry.all() if t.key != key and not t.needs_entries)
    stale = {"order_type-order_type": other, REVISION: str(old_revision)}
    response = post_step(demo_client, url, "order_type", stale)
    assert step_of(response) == "entries"
    assert MESSAGE_STALE.split("(")[0] in response.content.decode()
    assert draft_of(url).order_type == key


def test_preview_returns_the_pages_as_png(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford))
    url = wizard_url(response)
    revision = draft_of(url).revision
    review = form_values(form_of(response))
    preview = post_step(demo_client, url, "review", {**review, "preview": "1"})
    assert preview.status_code == 200
    pages = preview.json()["pages"]
    assert pages and all(page.startswith("data:image/png;base64,") for page in pages)
    assert step_of(demo_client.get(url)) == "review"  # the preview changes nothing
    assert draft_of(url).revision == revision


def _type_for(case) -> str:
    """An order type that rules on one of the case's pending entries."""
    fitting, _ = registry.for_case(case)
    assert fitting
    return next(t.key for t in fitting if t.needs_entries)


def test_every_entry_kind_an_order_type_resolves_exists():
    kinds = {kind for order_type in registry.all() for kind in order_type.resolves_kinds}
    assert kinds <= set(EntryKind.values)


# -- errors a clerk can act on ------------------------------------------------------------------


def test_a_details_error_is_summarised_at_the_top_with_a_link_to_the_field(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford), until="details")
    url = wizard_url(response)
    data = {**details_values(form_of(response)), "details-order_date": "not a date"}
    response = post_step(demo_client, url, "details", data)
    html = response.content.decode()
    summary_at = html.index('id="error-summary"')
    assert summary_at < html.index('id="wizard-form"')  # above the step, not below the fold
    assert "data-error-summary" in html[summary_at : summary_at + 200]  # the focus goes to it
    summary = html[summary_at : html.index("</div>", summary_at)]
    assert 'href="#id_details-order_date"' in summary
    assert "Date of the order</a>: Enter a valid date." in summary
    assert 'id="id_details-order_date"' in html  # the link's target exists


def test_a_choice_step_error_links_to_its_list(demo_client, demo):
    url = wizard_url(start(demo_client, NEW))
    response = post_step(demo_client, url, "case", {"case-query": ""})
    html = response.content.decode()
    assert 'href="#case-choices"' in html and 'id="case-choices" tabindex="-1"' in html
    assert "Choose the case the order is in." in html[html.index('id="error-summary"') :]


def test_no_error_summary_on_a_step_without_errors(demo_client, crawford):
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford), until="details")
    assert 'id="error-summary"' not in response.content.decode()


def test_a_stale_details_page_shows_no_internal_field_names_only_the_words_typed(demo_client, crawford):
    """Browser Back to the details page after the review step, then Continue: the draft's review
    step, one line saying why, and only what was written in words (no “Court style: lower”)."""
    response = walk_to(demo_client, NEW, case=crawford, type_key=_type_for(crawford), until="details")
    url = wizard_url(response)
    details = details_values(form_of(response))
    old_revision = draft_of(url).revision
    post_step(demo_client, url, "details", details)  # now at the review step
    stale = {**details, REVISION: str(old_revision), "details-court_style": "lower"}
    stale["details-terminate_line"] = "on"
    free_text = next((k for k, v in details.items() if isinstance(v, str) and " " in v), None)
    if free_text:
        stale[free_text] = "Words the clerk typed again on the old page."
    response = post_step(demo_client, url, "details", stale)
    assert step_of(response) == "review"
    html = response.content.decode()
    notice = html[html.index('id="wizard-notice"') :]
    assert notice[: notice.index("</div>")].count(".") <= 2  # one line
    for internal in ("Court style", "Terminate line", "court_style", ": lower", "__basis"):
        assert internal not in html.split('id="wizard-form"')[0], internal
    if free_text:
        assert "Words the clerk typed again on the old page." in html


def test_the_case_search_after_a_no_match_searches_what_is_in_the_box(demo_client, demo):
    url = wizard_url(start(demo_client, NEW))
    response = post_step(demo_client, url, "case", {"case-query": "Nobody Matches This", "search": "1"})
    assert form_of(response).results == []
    assert "No case of your chambers matches “Nobody Matches This”" in response.content.decode()
    response = post_step(demo_client, url, "case", {"case-query": "Crawford", "search": "1"})
    assert [case.short_caption for case in form_of(response).results] == ["Crawford v. Beard"]
    html = response.content.decode()
    assert html.count('name="case-query"') == 1
    assert 'value="Crawford"' in html and "Nobody Matches This" not in html
    # Also after a Continue without a case, which keeps the first words in the draft.
    post_step(demo_client, url, "case", {"case-query": "Nobody Matches This"})
    response = post_step(demo_client, url, "case", {"case-query": "Luckert", "search": "1"})
    assert [case.short_caption for case in form_of(response).results] == ["Luckert v. Brannon"]


def test_the_order_type_step_offers_what_the_motion_asks_and_says_why_the_others_do_not_fit(
    demo_client, demo
):
    """Luckert's Dkt. 19 is a “MOTION for Discovery”: the discovery order first, then the general
    ORDER; default judgment, injunction, reconsideration and compel are below, each saying why, and
    chosen anyway, Dkt. 19 is listed unchecked (“asks: Discovery”)."""
    luckert = demo["Luckert v. Brannon"]
    response = start(demo_client, reverse("orders:draft_for_case", args=[luckert.pk]))
    assert step_of(response) == "order_type"
    html = response.content.decode()
    fitting_part, _, others_part = html.partition("Other order types")
    assert fitting_part.index("type-deny_discovery_motion") < fitting_part.index("type-general_order")
    for key in ("deny_default_judgment", "deny_preliminary_injunction", "deny_reconsideration"):
        assert f"type-{key}" not in fitting_part and f"type-{key}" in others_part
    assert (
        "Does not fit: It rules on a motion for default judgment; Dkt. No. 19 asks for discovery."
        in others_part
    )
    url = wizard_url(response)
    response = post_step(demo_client, url, "order_type", {"order_type-order_type": "deny_default_judgment"})
    assert step_of(response) == "entries"
    assert not form_values(form_of(response)).get("entries-entries")  # Dkt. 19 not checked
    assert 'id="entry-19"' in response.content.decode() and "Asks: Discovery" in response.content.decode()

    response = start(demo_client, reverse("orders:draft_for_case", args=[luckert.pk]))
    url = wizard_url(response)
    response = post_step(demo_client, url, "order_type", {"order_type-order_type": "deny_discovery_motion"})
    entry = luckert.docket_entries.get(number=19)
    assert form_values(form_of(response))["entries-entries"] == [str(entry.pk)]
