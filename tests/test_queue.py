"""The chambers' queue and the Civil Justice Reform Act six-month flag (issue 17), the judge's
“awaiting your signature”, and the send-back comment where the clerk works."""

import datetime
import re

import pytest
from django.urls import reverse

from orders import cjra, services
from orders.models import ChambersMembership, Order

from .factories import CaseFactory, DocketEntryFactory, JudgeFactory, MembershipFactory, UserFactory

D = datetime.date
Role = ChambersMembership.Role


@pytest.mark.parametrize(
    ("cutoff", "filed", "listed"),
    [
        (D(2027, 3, 31), D(2026, 9, 29), True),  # a day more than six months
        (D(2027, 3, 31), D(2026, 9, 30), False),  # exactly six months: not more than six
        (D(2027, 3, 31), D(2026, 10, 1), False),
        (D(2027, 9, 30), D(2027, 3, 29), True),
        (D(2027, 9, 30), D(2027, 3, 30), False),  # exactly six months before September 30
        (D(2027, 9, 30), D(2027, 3, 31), False),
    ],
)
def test_the_six_month_list_around_the_cutoffs(cutoff, filed, listed):
    assert cjra.listed_at(filed, cutoff) is listed


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (D(2027, 3, 30), D(2027, 3, 31)),
        (D(2027, 3, 31), D(2027, 3, 31)),  # the cut-off day itself: decided today, off the list
        (D(2027, 4, 1), D(2027, 9, 30)),
        (D(2027, 9, 30), D(2027, 9, 30)),
        (D(2027, 10, 1), D(2028, 3, 31)),
        (D(2026, 12, 1), D(2027, 3, 31)),
    ],
)
def test_the_next_cutoff(today, cutoff):
    assert cjra.next_cutoff(today) == cutoff


@pytest.fixture
def chambers(db, monkeypatch):
    """A judge's chambers on March 1, 2027 with motions filed around the March 31 list's day."""
    monkeypatch.setattr("orders.selectors.queue.timezone.localdate", lambda: D(2027, 3, 1))
    clerk = MembershipFactory(role=Role.CLERK)
    judge = clerk.judge
    judge_user = MembershipFactory(judge=judge, role=Role.JUDGE, user=UserFactory(first_name="Jo")).user
    case = CaseFactory(assigned_judge=judge)
    motions = {
        "older": DocketEntryFactory(
            case=case,
            number=10,
            date_filed=D(2026, 9, 29),
            description="MOTION for Extension of Time",
        ),
        "six_months": DocketEntryFactory(
            case=case, number=11, date_filed=D(2026, 9, 30), description="MOTION to Appoint Counsel"
        ),
        "newer": DocketEntryFactory(
            case=case, number=12, date_filed=D(2026, 10, 1), description="Letter about the weather"
        ),
    }
    DocketEntryFactory(case=case, number=13, date_filed=D(2026, 1, 1), pending=False)  # decided
    return {"clerk": clerk.user, "judge": judge_user, "judge_row": judge, "case": case, **motions}


def rows(page: str) -> list[str]:
    return [chunk.split('"', 1)[0] for chunk in page.split('id="queue-')[1:]]


def test_the_queue_lists_pending_motions_oldest_first_with_age_ask_order_and_flag(chambers, client):
    order = services.order_create(
        case=chambers["case"],
        order_type="general",
        judge=chambers["judge_row"],
        title="ORDER GRANTING EXTENSION OF TIME",
        body="GRANTED.",
        created_by=chambers["clerk"],
        docket_entries=[chambers["older"]],
    )
    client.force_login(chambers["clerk"])
    page = client.get(reverse("orders:chambers_queue", args=[chambers["judge_row"].pk])).content.decode()
    assert rows(page) == [str(chambers[k].pk) for k in ("older", "six_months", "newer")]
    older = page.split(f'id="queue-{chambers["older"].pk}"')[1].split("</tr>")[0]
    assert '<td class="age">153</td>' in older  # September 29, 2026 to March 1, 2027
    assert "Extension of time" in older and "cjra-flag" in older
    assert order.title in older and "Draft</span>" in older
    six = page.split(f'id="queue-{chambers["six_months"].pk}"')[1].split("</tr>")[0]
    assert "Appointment of counsel" in six and "cjra-flag" not in six
    newer = page.split(f'id="queue-{chambers["newer"].pk}"')[1].split("</tr>")[0]
    assert "Letter about the weather" in newer  # the classifier's “other”: the entry's own text
    assert "1 motion filed before September 30, 2026 will be on it unless decided by then" in page
    assert "Civil Justice Reform Act list of March 31, 2027" in page


def test_another_chambers_queue_is_not_found_and_anonymous_users_log_in(chambers, client):
    url = reverse("orders:chambers_queue", args=[chambers["judge_row"].pk])
    assert client.get(url).status_code == 302
    client.force_login(MembershipFactory(judge=JudgeFactory()).user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("orders:chambers_queue", args=[999999])).status_code == 404


def ready_order(chambers) -> Order:
    order = services.order_create(
        case=chambers["case"],
        order_type="general",
        judge=chambers["judge_row"],
        title="ORDER DENYING APPOINTMENT OF COUNSEL",
        body="The motion for appointment of counsel is DENIED without prejudice.",
        created_by=chambers["clerk"],
        docket_entries=[chambers["six_months"]],
    )
    return services.order_send_for_signature(order=order, user=chambers["clerk"])


def test_the_judge_signs_from_home_beside_the_order_text(chambers, client):
    order = ready_order(chambers)
    client.force_login(chambers["clerk"])
    assert "Awaiting your signature" not in client.get(reverse("orders:home")).content.decode()
    client.force_login(chambers["judge"])
    home = client.get(reverse("orders:home")).content.decode()
    card = home.split(f'id="awaiting-{order.pk}"')[1]
    assert "DENIED without prejudice" in card and f'id="sign-{order.pk}"' in card
    printed = re.search(r'name="printed" value="([^"]+)"', card).group(1)  # what the judge was shown
    response = client.post(
        reverse("orders:order_sign", args=[order.pk]),
        {
            "version": order.version,
            "signature": "conformed",
            "printed": printed,
            "next": reverse("orders:home"),
        },
    )
    assert response["Location"] == reverse("orders:home")
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED
    chambers["six_months"].refresh_from_db()
    assert chambers["six_months"].disposition == "denied"


def test_the_sign_page_shows_the_order(chambers, client):
    order = ready_order(chambers)
    client.force_login(chambers["judge"])
    page = client.get(reverse("orders:order_review", args=[order.pk])).content.decode()
    assert 'id="review-order-text"' in page and "DENIED without prejudice" in page


def test_the_send_back_comment_is_shown_on_home_the_order_page_and_the_wizard(chambers, client):
    order = ready_order(chambers)
    services.order_send_back(order=order, user=chambers["judge"], comment="Cite the Rand factors.")
    client.force_login(chambers["clerk"])
    home = client.get(reverse("orders:home")).content.decode()
    assert 'id="sent-back"' in home and "Cite the Rand factors." in home
    detail = client.get(reverse("orders:order_detail", args=[order.pk])).content.decode()
    assert "Sent back by" in detail and "Cite the Rand factors." in detail
    wizard = client.get(reverse("orders:order_edit", args=[order.pk]), follow=True).content.decode()
    assert "Cite the Rand factors." in wizard
    order.refresh_from_db()
    services.order_send_for_signature(order=order, user=chambers["clerk"])
    home = client.get(reverse("orders:home")).content.decode()
    assert 'id="sent-back"' not in home  # sent again: no longer waiting on the clerk
