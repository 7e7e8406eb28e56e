"""Finding 3: past-order import into cases the user may not see, and existence oracles. A
referred chambers imported a "filed" order into a sealed case; refusals echoed another chambers'
exact case number; "Already imported" named and linked an order the user cannot see. The upload
page now imports only into cases the user may draft in, and says nothing about the others."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from orders.models import AuditEvent, Case, Judge, Order
from orders.services import ERROR_IMPORT_CASE_NOT_YOURS

from ..factories import MembershipFactory
from ..paths import SEEDS_DIR

pytestmark = pytest.mark.django_db
IMPORT = reverse("orders:import_orders")
CRAWFORD = sorted(SEEDS_DIR.glob("*.txt"))[0].read_text()  # Crawford v. Beard, signed by Judge James
assert "MARIA-ELENA JAMES" in CRAWFORD and "14-cv-05578-MEJ" in CRAWFORD


def signed_by_illston(text: str) -> str:
    """The Crawford order as if Judge Illston had signed it, its number written another way."""
    return text.replace("MARIA-ELENA JAMES", "SUSAN ILLSTON").replace("14-cv-05578-MEJ", "3:14-cv-5578")


def upload(client, text: str, name: str = "order.txt"):
    return client.post(IMPORT, {"files": [SimpleUploadedFile(name, text.encode(), "text/plain")]})


@pytest.fixture
def illston_clerk(demo, client):
    clerk = MembershipFactory(judge=Judge.objects.get(initials="SI")).user
    client.force_login(clerk)
    return clerk


def test_the_referred_chambers_cannot_import_into_a_sealed_case(demo, client, illston_clerk):
    crawford = demo["Crawford v. Beard"]
    Case.objects.filter(pk=crawford.pk).update(sealed=True, referred_judge=Judge.objects.get(initials="SI"))
    html = upload(client, signed_by_illston(CRAWFORD)).content.decode()
    assert not Order.objects.filter(case=crawford, source=Order.Source.IMPORTED).exists()
    assert escape(ERROR_IMPORT_CASE_NOT_YOURS) in html
    for secret in (crawford.number, "Crawford v. Beard", "Maria-Elena James", "sealed"):
        assert secret not in html


def test_a_refusal_never_echoes_another_chambers_case(demo, client, illston_clerk):
    crawford = demo["Crawford v. Beard"]
    text = signed_by_illston(CRAWFORD)
    assert crawford.number not in text
    html = upload(client, text).content.decode()
    assert escape(ERROR_IMPORT_CASE_NOT_YOURS) in html
    assert crawford.number not in html and "Maria-Elena James" not in html
    assert not Order.objects.filter(source=Order.Source.IMPORTED).exists()


def test_already_imported_never_names_or_links_an_order_the_user_cannot_see(demo, client, illston_clerk):
    james_clerk = MembershipFactory(judge=Judge.objects.get(initials="MEJ")).user
    client.force_login(james_clerk)
    upload(client, CRAWFORD)
    order = Order.objects.get(source=Order.Source.IMPORTED)
    assert AuditEvent.objects.filter(action="imported", order_ref=order.pk, user=james_clerk).count() == 1
    client.force_login(illston_clerk)
    html = upload(client, CRAWFORD).content.decode()
    assert "Already imported" in html
    assert reverse("orders:order_detail", args=[order.pk]) not in html
    assert "Crawford v. Beard" not in html and order.title not in html
    assert Order.objects.filter(source=Order.Source.IMPORTED).count() == 1
