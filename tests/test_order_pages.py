"""The order page, editing again, duplicating, deleting, and the drafts list."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orders import services
from orders.models import Order

from .factories import CaseFactory, MembershipFactory, OrderFactory
from .wizard_helpers import form_of, form_values, post_step, start, step_of, wizard_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def luckert_order(demo):
    """The Luckert seed order, drafted by ``load_demo`` through ``order_draft_create``."""
    return Order.objects.get(case=demo["Luckert v. Brannon"])


def test_order_page_shows_the_order_and_its_actions(demo_client, luckert_order):
    html = demo_client.get(reverse("orders:order_detail", args=[luckert_order.pk])).content.decode()
    assert "Order Denying Motion for Discovery" in html  # the title
    assert "Luckert v. Brannon" in html and "C 13-4426 EDL (PR)" in html
    assert 'id="order-status">Draft<' in html
    assert "Plaintiff proceeds with a pro se civil rights complaint" in html
    assert "VACATED" in html
    for name in ("order_pdf", "order_edit", "order_duplicate", "order_delete"):
        assert f'href="{reverse(f"orders:{name}", args=[luckert_order.pk])}"' in html
    assert reverse("orders:order_page_png", args=[luckert_order.pk, 1]) in html


def test_order_page_query_count(demo_client, luckert_order, django_assert_max_num_queries):
    url = reverse("orders:order_detail", args=[luckert_order.pk])
    demo_client.get(url)  # renders the PDF once to count its pages
    with django_assert_max_num_queries(11):  # + a draft's send-back comment (issue 17)
        response = demo_client.get(url)
    assert response.status_code == 200


def test_order_pages_are_linked_from_nav_home_and_case(demo_client, luckert_order):
    home = demo_client.get(reverse("orders:home")).content.decode()
    assert f'href="{reverse("orders:draft_list")}"' in home
    assert f'href="{reverse("orders:draft_new")}"' in home
    assert f'href="{reverse("orders:order_detail", args=[luckert_order.pk])}"' in home
    case_page = demo_client.get(reverse("orders:case_detail", args=[luckert_order.case_id])).content.decode()
    assert f'href="{reverse("orders:order_detail", args=[luckert_order.pk])}"' in case_page


# -- chambers isolation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("order_detail", "get"),
        ("order_edit", "get"),
        ("order_edit", "post"),
        ("order_duplicate", "get"),
        ("order_duplicate", "post"),
        ("order_delete", "get"),
        ("order_delete", "post"),
        ("order_pdf", "get"),
    ],
)
def test_another_chambers_order_is_404_on_every_order_view(client, luckert_order, member, name, method):
    client.force_login(member.user)
    response = getattr(client, method)(reverse(f"orders:{name}", args=[luckert_order.pk]))
    assert response.status_code == 404
    assert Order.objects.filter(pk=luckert_order.pk).exists()


def test_another_chambers_case_is_404_for_the_wizard(client, demo, member):
    client.force_login(member.user)
    case = demo["Crawford v. Beard"]
    assert client.get(reverse("orders:draft_for_case", args=[case.pk])).status_code == 404


def test_drafts_list_shows_the_users_and_the_chambers_drafts_only(client, demo, luckert_order):
    colleague = MembershipFactory(judge=luckert_order.judge).user
    theirs = OrderFactory(
        case=luckert_order.case, judge=luckert_order.judge, created_by=colleague, title="ORDER OF COLLEAGUE"
    )
    foreign = OrderFactory(title="ORDER OF ANOTHER CHAMBERS")
    me = MembershipFactory(judge=luckert_order.judge).user
    mine = OrderFactory(case=luckert_order.case, judge=luckert_order.judge, created_by=me, title="MY ORDER")
    client.force_login(me)
    html = client.get(reverse("orders:draft_list")).content.decode()
    mine_at, others_at = html.index('id="my-drafts"'), html.index('id="chambers-drafts"')
    assert mine_at < html.index("My Order") < others_at
    assert html.index("Order of Colleague") > others_at
    assert "Another Chambers" not in html
    assert f'href="{reverse("orders:order_edit", args=[mine.pk])}"' in html
    assert theirs.pk and foreign.pk


def test_an_unfinished_wizard_is_listed_to_resume(demo_client, demo):
    case = demo["Harrison v. Sample"]
    response = start(demo_client, reverse("orders:draft_for_case", args=[case.pk]))
    url = wizard_url(response)
    html = demo_client.get(reverse("orders:draft_list")).content.decode()
    assert url not in html  # opened, nothing answered: nothing to resume
    key = form_of(response).fitting[0].key
    post_step(demo_client, url, "order_type", {"order_type-order_type": key})
    html = demo_client.get(reverse("orders:draft_list")).content.decode()
    assert 'id="unfinished"' in html
    assert f'href="{url}"' in html and "Harrison v. Sample" in html
    assert step_of(demo_client.get(url)) in ("entries", "details")


# -- edit again ---------------------------------------------------------------------------------


def test_edit_again_opens_the_review_step_with_the_stored_text_and_updates_the_same_draft(
    demo_client, luckert_order
):
    response = start(demo_client, reverse("orders:order_edit", args=[luckert_order.pk]))
    url = wizard_url(response)
    assert step_of(response) == "review"
    review = form_values(form_of(response))
    assert review["review-title"] == luckert_order.title
    assert review["review-paragraph_0"] == luckert_order.body.split("\n\n")[0]
    review["review-paragraph_0"] = "Plaintiff proceeds pro se. This paragraph was edited again."
    count = Order.objects.count()
    response = post_step(demo_client, url, "review", review)
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:order_detail", args=[luckert_order.pk])
    assert Order.objects.count() == count
    luckert_order.refresh_from_db()
    assert luckert_order.body.startswith("Plaintiff proceeds pro se. This paragraph was edited again.")
    assert [e.number for e in luckert_order.docket_entries.all()] == [19]


def test_edit_again_keeps_the_stored_answers_on_the_earlier_steps(demo_client, luckert_order):
    response = start(demo_client, reverse("orders:order_edit", args=[luckert_order.pk]))
    url = wizard_url(response)
    response = post_step(
        demo_client, url, "review", {**form_values(form_of(response)), "wizard_goto_step": "details"}
    )
    assert step_of(response) == "details"
    details = form_of(response)
    assert details["order_date"].value() == luckert_order.date.isoformat()
    for name, value in luckert_order.details.items():
        if name in details.fields and isinstance(value, str) and value:
            assert str(details[name].value()) == value


def test_only_a_draft_can_be_edited_or_deleted(demo_client, luckert_order):
    Order.objects.filter(pk=luckert_order.pk).update(status=Order.Status.SIGNED)
    response = demo_client.get(reverse("orders:order_edit", args=[luckert_order.pk]))
    assert response.status_code == 302
    response = demo_client.post(reverse("orders:order_delete", args=[luckert_order.pk]))
    assert response.status_code == 302
    assert Order.objects.filter(pk=luckert_order.pk).exists()
    luckert_order.refresh_from_db()
    with pytest.raises(ValidationError):
        services.order_delete(order=luckert_order, user=luckert_order.created_by)


# -- duplicate ----------------------------------------------------------------------------------


def test_duplicate_writes_the_order_anew_for_another_case(demo_client, demo, luckert_order):
    harrison = demo["Harrison v. Sample"]
    url = reverse("orders:order_duplicate", args=[luckert_order.pk])
    assert demo_client.get(url).status_code == 200
    count = Order.objects.count()
    response = demo_client.post(url, {"case": harrison.pk})
    assert response.status_code == 302
    assert Order.objects.count() == count + 1
    new = Order.objects.latest("pk")
    assert response["Location"] == reverse("orders:order_detail", args=[new.pk])
    assert new.case == harrison and new.order_type == luckert_order.order_type
    assert new.judge == harrison.assigned_judge
    assert [e.number for e in new.docket_entries.all()] == [7]
    assert "Docket No. 7" in new.body or "Docket # 7" in new.body
    assert "Docket No. 19" not in new.body


def test_duplicate_into_a_case_with_nothing_to_rule_on_explains_why(demo_client, demo, luckert_order):
    judge = luckert_order.judge
    quiet = CaseFactory(assigned_judge=judge, court=judge.court, short_caption="Quiet v. Docket")
    count = Order.objects.count()
    response = demo_client.post(
        reverse("orders:order_duplicate", args=[luckert_order.pk]), {"case": quiet.pk}
    )
    assert response.status_code == 200
    assert "that case has none it could rule on" in response.content.decode()
    assert Order.objects.count() == count


def test_duplicate_into_another_chambers_case_is_refused(demo_client, luckert_order):
    foreign = CaseFactory(short_caption="Foreign v. Chambers")
    count = Order.objects.count()
    response = demo_client.post(
        reverse("orders:order_duplicate", args=[luckert_order.pk]), {"case": foreign.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Order.objects.count() == count


# -- delete -------------------------------------------------------------------------------------


def test_delete_asks_then_deletes_the_draft(demo_client, luckert_order):
    url = reverse("orders:order_delete", args=[luckert_order.pk])
    page = demo_client.get(url)
    assert "Delete this draft?" in page.content.decode()
    assert Order.objects.filter(pk=luckert_order.pk).exists()
    response = demo_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:draft_list")
    assert not Order.objects.filter(pk=luckert_order.pk).exists()
    assert demo_client.get(reverse("orders:order_detail", args=[luckert_order.pk])).status_code == 404


def test_order_update_relinks_the_entries_in_one_go(demo, luckert_order):
    order = services.order_update(
        order=luckert_order,
        user=luckert_order.created_by,
        order_type_key=luckert_order.order_type,
        entries=[],
        data=luckert_order.details,
        title="ORDER RETITLED",
        body="One paragraph.",
    )
    assert order.title == "ORDER RETITLED"
    assert list(order.docket_entries.all()) == []
    other_case_entry = demo["Harrison v. Sample"].docket_entries.first()
    with pytest.raises(ValidationError):
        services.order_update(
            order=order,
            user=order.created_by,
            order_type_key=order.order_type,
            entries=[other_case_entry],
            data={},
            title="ORDER",
            body="Text.",
        )
    order.refresh_from_db()
    assert order.title == "ORDER RETITLED"


@pytest.mark.django_db
def test_the_order_page_closes_with_the_courts_own_line(client):
    """A plain-format court's order page reads “SO ORDERED.”, as its PDF and Word file do."""
    from .factories import CaseFactory, CourtFactory, JudgeFactory, MembershipFactory, OrderFactory

    court = CourtFactory(code="njd")  # D.N.J., from the court table: the plain federal format
    assert (court.paper, court.closing) == ("plain", "SO ORDERED.")
    member = MembershipFactory(judge=JudgeFactory(court=court))
    order = OrderFactory(case=CaseFactory(court=court, assigned_judge=member.judge), judge=member.judge)
    client.force_login(member.user)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert '<p class="fw-bold no-indent" id="closing">SO ORDERED.</p>' in page
    assert "IT IS SO ORDERED." not in page
