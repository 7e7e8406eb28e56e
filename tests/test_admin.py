"""The admin refuses bad input with a message instead of a 500."""

import pytest
from django.urls import reverse

from orders.models import Case, DocketEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo):
    assert client.login(username="admin", password="chambers-demo")
    return client


@pytest.mark.parametrize(
    "model", ["court", "judge", "case", "party", "docketentry", "order", "chambersmembership", "docketupload"]
)
def test_every_model_has_a_searchable_changelist(admin_client, model):
    response = admin_client.get(reverse(f"admin:orders_{model}_changelist"), {"q": "Crawford"})
    assert response.status_code == 200


def _case_form(case, **overrides):
    data = {
        "court": case.court_id,
        "number": case.number,
        "short_caption": case.short_caption,
        "assigned_judge": case.assigned_judge_id,
        "referred_judge": "",
        "cause": case.cause,
        "nature_of_suit": case.nature_of_suit,
        "date_filed": case.date_filed.isoformat(),
        "pro_se": "on",
        "prisoner": "on",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
        "docket_entries-TOTAL_FORMS": "0",
        "docket_entries-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_case_page_has_parties_and_entries_inline(admin_client, demo):
    case = demo["Crawford v. Beard"]
    html = admin_client.get(reverse("admin:orders_case_change", args=[case.pk])).content.decode()
    assert "James Darren Crawford" in html
    assert "REQUEST for 45-day Extension of Time" in html


def test_admin_refuses_an_unparsable_case_number(admin_client, demo):
    case = demo["Crawford v. Beard"]
    response = admin_client.post(reverse("admin:orders_case_add"), _case_form(case, number="not a number"))
    assert response.status_code == 200
    assert "is not a case number" in response.content.decode()
    assert Case.objects.count() == 3


def test_admin_refuses_the_same_case_under_another_spelling(admin_client, demo):
    case = demo["Crawford v. Beard"]
    response = admin_client.post(
        reverse("admin:orders_case_add"), _case_form(case, number="3:14-cv-5578-MEJ")
    )
    assert response.status_code == 200
    assert "already has case 14-cv-05578" in response.content.decode()


def test_admin_refuses_a_duplicate_docket_entry_number_inline(admin_client, demo):
    case = demo["Luckert v. Brannon"]
    data = _case_form(case, pro_se="on")
    data.update(
        {
            "docket_entries-TOTAL_FORMS": "2",
            "docket_entries-0-number": "20",
            "docket_entries-0-date_filed": "2014-01-22",
            "docket_entries-0-kind": "motion",
            "docket_entries-0-description": "First",
            "docket_entries-1-number": "20",
            "docket_entries-1-date_filed": "2014-01-23",
            "docket_entries-1-kind": "motion",
            "docket_entries-1-description": "Second",
        }
    )
    response = admin_client.post(reverse("admin:orders_case_change", args=[case.pk]), data)
    assert response.status_code == 200
    assert "duplicate" in response.content.decode().lower()
    assert not DocketEntry.objects.filter(case=case, number=20).exists()
