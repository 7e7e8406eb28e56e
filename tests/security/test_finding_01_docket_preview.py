"""Finding 1: the docket-import preview showed another chambers' (or a sealed) case — its stored
cause, prisoner numbers and institutions, which parties and entries exist, whether a guessed
entry's text is "unchanged". A case the user may not see now gets one refusal that does not
confirm it exists, and nothing of it is compared or shown."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orders import services
from orders.dockets import parse_docket
from orders.dockets.parsed import ParsedJudge
from orders.dockets.plan import ERROR_CASE_REFUSED, ERROR_NOT_YOUR_CHAMBERS
from orders.models import Case, ChambersMembership, Judge

from ..dockets import docket_bytes, import_docket
from ..factories import JudgeFactory, MembershipFactory

pytestmark = pytest.mark.django_db
SECRET_CAUSE = "Sealed matter: informant's identity"
SECRET_PLACE = "Witness Protection Unit 7"


@pytest.fixture
def stored_case():
    """cand.html imported (Judge Alsup's case), with chambers' own facts no docket shows."""
    case = import_docket("cand").case
    Case.objects.filter(pk=case.pk).update(cause=SECRET_CAUSE)
    case.parties.update(institution=SECRET_PLACE, prisoner_number="K-99999")
    return Case.objects.get(pk=case.pk)


def preview_html(client, user, data: bytes) -> str:
    client.force_login(user)
    response = client.post(reverse("orders:docket_import"), {"file": SimpleUploadedFile("d.html", data)})
    assert response.status_code == 302, response.content[:500]
    return client.get(response["Location"]).content.decode()


def test_another_chambers_case_is_refused_as_if_it_did_not_exist_and_nothing_is_shown(client, stored_case):
    other_judge = JudgeFactory(court=stored_case.court, full_name="Other Judge")
    outsider = MembershipFactory(judge=other_judge, role=ChambersMembership.Role.CLERK).user
    html = preview_html(client, outsider, docket_bytes("cand"))
    for secret in (SECRET_CAUSE, SECRET_PLACE, "K-99999", "already has", "unchanged", "kept as"):
        assert secret not in html
    assert 'id="parties"' not in html and 'id="entries"' not in html
    assert ERROR_NOT_YOUR_CHAMBERS.split("%")[0] in html
    # The same refusal, word for word, as for a case the app does not have.
    docket = parse_docket(docket_bytes("cand"))
    with_case = services.docket_import_preview(docket=docket, user=outsider).problems
    Case.objects.filter(pk=stored_case.pk).delete()
    without_case = services.docket_import_preview(docket=docket, user=outsider).problems
    assert with_case == without_case


def test_a_sealed_case_gets_one_generic_refusal_even_from_a_docket_naming_the_users_judge(stored_case):
    referred = JudgeFactory(court=stored_case.court, full_name="Rita Referred", initials="RR")
    Case.objects.filter(pk=stored_case.pk).update(sealed=True, referred_judge=referred)
    clerk = MembershipFactory(judge=referred, role=ChambersMembership.Role.CLERK).user
    forged = dataclasses.replace(
        parse_docket(docket_bytes("cand")),
        referred_judge=ParsedJudge(name="Rita Referred", initials="RR", title_text="Magistrate Judge"),
    )
    plan = services.docket_import_preview(docket=forged, user=clerk)
    assert plan.problems == [ERROR_CASE_REFUSED]
    assert stored_case.number not in " ".join(plan.problems + plan.warnings)
    assert plan.case is None and plan.case_changes == [] and plan.parties == [] and plan.entries == []
    with pytest.raises(ValidationError):
        services.docket_import_apply(docket=forged, user=clerk)
    case = Case.objects.get(pk=stored_case.pk)
    assert (case.cause, case.referred_judge) == (SECRET_CAUSE, referred)
    assert Judge.objects.filter(full_name="Rita Referred").count() == 1
