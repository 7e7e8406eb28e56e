"""Finding 5: the referred chambers uploaded a docket naming itself the assigned judge, and the
case's judges flipped, unaudited. Only the assigned judge's chambers or an administrator changes
who is assigned or referred; every other change to the case is audited field by field."""

import dataclasses

import pytest

from orders import services
from orders.dockets import parse_docket
from orders.dockets.parsed import ParsedJudge
from orders.dockets.plan import WARNING_JUDGES_KEPT
from orders.models import AuditEvent, Case, ChambersMembership

from ..dockets import docket_bytes, import_docket
from ..factories import JudgeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred_case():
    case = import_docket("cand").case  # assigned to Judge Alsup
    referred = JudgeFactory(court=case.court, full_name="Rita Referred", initials="RR")
    Case.objects.filter(pk=case.pk).update(referred_judge=referred, cause="old cause")
    return Case.objects.get(pk=case.pk)


def forged(case, *, assigned: str, initials: str):
    return dataclasses.replace(
        parse_docket(docket_bytes("cand")),
        assigned_judge=ParsedJudge(name=assigned, initials=initials, title_text=""),
        referred_judge=ParsedJudge(name=case.assigned_judge.full_name, initials="WHA", title_text=""),
    )


def test_the_referred_chambers_cannot_make_itself_the_assigned_judge(referred_case):
    alsup = referred_case.assigned_judge
    clerk = MembershipFactory(judge=referred_case.referred_judge, role=ChambersMembership.Role.CLERK).user
    docket = forged(referred_case, assigned="Rita Referred", initials="RR")
    plan = services.docket_import_preview(docket=docket, user=clerk)
    assert not plan.problems
    assert [c.field for c in plan.case_changes if c.field.endswith("_judge")] == []
    assert any(WARNING_JUDGES_KEPT.split("%")[0] in warning for warning in plan.warnings)
    services.docket_import_apply(docket=docket, user=clerk, expected_fingerprint=plan.fingerprint())
    case = Case.objects.get(pk=referred_case.pk)
    assert (case.assigned_judge, case.referred_judge.full_name) == (alsup, "Rita Referred")
    # What the docket may change (its cause) was changed, and audited field by field.
    changed = AuditEvent.objects.filter(action="case_changed", user=clerk)
    assert [e.detail for e in changed] == [f"case {case.number}: Cause: old cause → {case.cause}"]
    assert changed.get().judge == alsup  # in the assigned chambers' log
    assert AuditEvent.objects.filter(action="docket", user=clerk, judge=alsup).count() == 1


def test_an_administrator_may_reassign_and_it_is_audited(referred_case):
    alsup = referred_case.assigned_judge
    admin = UserFactory(username="the-admin", is_superuser=True, is_staff=True)
    docket = forged(referred_case, assigned="Rita Referred", initials="RR")
    services.docket_import_apply(docket=docket, user=admin)
    case = Case.objects.get(pk=referred_case.pk)
    assert case.assigned_judge.full_name == "Rita Referred"
    details = list(AuditEvent.objects.filter(action="case_changed").values_list("detail", flat=True))
    assert f"case {case.number}: Assigned judge: {alsup} → {case.assigned_judge}" in details
    # Both chambers' logs say so: the one that lost the case and the one that got it.
    judges = set(AuditEvent.objects.filter(action="case_changed").values_list("judge_id", flat=True))
    assert judges == {alsup.pk, case.assigned_judge_id}
