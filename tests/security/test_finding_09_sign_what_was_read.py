"""Finding 9: the judge read version 2; a docket re-import added a plaintiff; the signed PDF's
caption differed from the one read. The sign form carries the fingerprint of the exact document
shown, and signing refuses, naming the difference, if anything printed has changed."""

import re
from importlib import import_module

import pytest
from django.conf import settings
from django.urls import reverse

from orders import services
from orders.models import ChambersMembership, Order, Party, SignedPdf

from ..factories import CaseFactory, MembershipFactory, PartyFactory

pytestmark = pytest.mark.django_db
# The views bind the renderer when first imported: import them before a test stubs it out.
import_module(settings.ROOT_URLCONF)


@pytest.fixture
def ready(client, monkeypatch):
    monkeypatch.setattr("orders.pdf.render_order_pdf", lambda order, **kwargs: b"%PDF-1.7 filing copy")
    monkeypatch.setattr("orders.pdf.preflight.preflight", lambda pdf, **kwargs: [])
    judge = MembershipFactory(role=ChambersMembership.Role.JUDGE)
    case = CaseFactory(assigned_judge=judge.judge, short_caption="Lee v. Warden")
    PartyFactory(case=case, name="Ada Lee", role=Party.Role.PLAINTIFF, caption_position=1)
    PartyFactory(case=case, name="Wes Warden", role=Party.Role.DEFENDANT, caption_position=2)
    order = services.order_create(
        case=case, order_type="x", judge=judge.judge, title="ORDER", body="GRANTED.", created_by=judge.user
    )
    services.order_send_for_signature(order=order, user=judge.user)
    client.force_login(judge.user)
    return {"client": client, "order": Order.objects.get(pk=order.pk), "case": case}


def sign_form(client, order) -> dict:
    page = client.get(reverse("orders:order_review", args=[order.pk])).content.decode()
    printed = re.search(r'name="printed" value="([^"]+)"', page).group(1)
    return {"version": order.version, "signature": "conformed", "printed": printed}


def test_signing_refuses_when_the_caption_changed_since_the_judge_read_it(ready):
    client, order = ready["client"], ready["order"]
    form = sign_form(client, order)
    # Meanwhile a docket re-import adds a plaintiff: the caption now prints another name.
    services.party_create(case=ready["case"], name="Bo Lee", role=Party.Role.PLAINTIFF, caption_position=0)
    response = client.post(reverse("orders:order_sign", args=[order.pk]), form, follow=True)
    html = response.content.decode()
    assert "What this order prints changed" in html
    assert "The caption (first side): “ADA LEE,” → “BO LEE, et al.,”" in html
    assert not SignedPdf.objects.filter(order=order).exists()
    assert Order.objects.get(pk=order.pk).status == "ready"
    # Read again (the page shows the new caption), then sign: signed.
    form = sign_form(client, order)
    client.post(reverse("orders:order_sign", args=[order.pk]), form)
    assert Order.objects.get(pk=order.pk).status == "signed"


def test_a_sign_form_without_what_was_shown_is_refused(ready):
    client, order = ready["client"], ready["order"]
    for printed in ("", "forged-token"):
        data = {"version": order.version, "signature": "conformed", "printed": printed}
        html = client.post(reverse("orders:order_sign", args=[order.pk]), data, follow=True).content.decode()
        assert services.ERROR_PRINTED_MISSING in html.replace("&#x27;", "'")
    assert Order.objects.get(pk=order.pk).status == "ready"
