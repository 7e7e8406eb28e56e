"""Writes of the plain records: courts, judges, chambers memberships, cases, parties, docket
entries, and a new order."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User as AuthUser
from django.db import transaction

from ..models import (
    AuditAction,
    Case,
    ChambersMembership,
    Court,
    DocketEntry,
    Judge,
    Order,
    OrderDocketEntry,
    Party,
)
from ..permissions import require_draft_in
from ._common import _check_entries_in_case
from .audit import _refusals_audited, audit_record

ERROR_PARTY_POSITION_TAKEN = "Caption position %(position)s is already taken in this case."


@transaction.atomic
def court_create(
    *,
    name: str,
    code: str,
    heading_line_2: str,
    heading_line_1: str = "UNITED STATES DISTRICT COURT",
    case_number_style: str = Court.NumberStyle.CMECF,
) -> Court:
    court = Court(
        name=name,
        code=code.lower(),
        heading_line_1=heading_line_1,
        heading_line_2=heading_line_2,
        case_number_style=case_number_style,
    )
    court.full_clean()
    court.save()
    return court


@transaction.atomic
def judge_create(
    *, court: Court, full_name: str, signature_title: str, initials: str, active: bool = True
) -> Judge:
    judge = Judge(
        court=court,
        full_name=full_name,
        signature_title=signature_title,
        initials=initials.upper(),
        active=active,
    )
    judge.full_clean()
    judge.save()
    return judge


@transaction.atomic
def membership_create(
    *, user: AuthUser, judge: Judge, role: str = ChambersMembership.Role.CLERK
) -> ChambersMembership:
    membership = ChambersMembership(user=user, judge=judge, role=role)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def case_create(
    *,
    court: Court,
    number: str,
    short_caption: str,
    assigned_judge: Judge,
    referred_judge: Judge | None = None,
    cause: str = "",
    nature_of_suit: str = "",
    date_filed: datetime.date | None = None,
    pro_se: bool = False,
    prisoner: bool = False,
    sealed: bool = False,
    division: str = "",
) -> Case:
    case = Case(
        division=division,
        court=court,
        number=number,
        short_caption=short_caption,
        assigned_judge=assigned_judge,
        referred_judge=referred_judge,
        cause=cause,
        nature_of_suit=nature_of_suit,
        date_filed=date_filed,
        pro_se=pro_se,
        prisoner=prisoner,
        sealed=sealed,
    )
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def party_create(
    *,
    case: Case,
    name: str,
    role: str,
    caption_position: int | None = None,
    caption_name: str = "",
    pro_se: bool = False,
    prisoner_number: str = "",
    institution: str = "",
    pronoun: str = Party.Pronoun.THEY,
    terminated: bool = False,
) -> Party:
    if caption_position is None:
        last = case.parties.order_by("-caption_position").values_list("caption_position", flat=True)
        caption_position = (last.first() or 0) + 1
    party = Party(
        case=case,
        name=name,
        caption_name=caption_name,
        role=role,
        caption_position=caption_position,
        pro_se=pro_se,
        prisoner_number=prisoner_number,
        institution=institution,
        pronoun=pronoun,
        terminated=terminated,
    )
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def docket_entry_create(
    *,
    case: Case,
    number: int,
    date_filed: datetime.date,
    description: str,
    kind: str = DocketEntry.Kind.OTHER,
    pending: bool = False,
    filing_party: Party | None = None,
) -> DocketEntry:
    entry = DocketEntry(
        case=case,
        number=number,
        date_filed=date_filed,
        description=description,
        kind=kind,
        pending=pending,
        filing_party=filing_party,
    )
    entry.full_clean()
    entry.save()
    return entry


def order_create(
    *,
    case: Case,
    order_type: str,
    judge: Judge,
    title: str,
    body: str,
    created_by: AuthUser,
    docket_entries: Iterable[DocketEntry] = (),
    details: dict[str, Any] | None = None,
    date: datetime.date | None = None,
    audit_detail: str = "",
) -> Order:
    """Save a new draft order and link the docket entries it addresses. ``created_by`` must be a
    clerk or the judge of ``judge``'s chambers, and ``judge`` the case's assigned or referred
    judge (``permissions.require_draft_in``; a refusal is audited). ``audit_detail``: what the
    audit row of its creation says it was made from."""
    with _refusals_audited(
        user=created_by, order=None, attempted="draft an order", ip=None, invalid_input=False
    ):
        require_draft_in(created_by, case, judge)
    with transaction.atomic():
        return _create(
            case=case,
            order_type=order_type,
            judge=judge,
            title=title,
            body=body,
            created_by=created_by,
            docket_entries=docket_entries,
            details=details,
            date=date,
            audit_detail=audit_detail,
        )


def _create(
    *,
    case: Case,
    order_type: str,
    judge: Judge,
    title: str,
    body: str,
    created_by: AuthUser,
    docket_entries: Iterable[DocketEntry],
    details: dict[str, Any] | None,
    date: datetime.date | None,
    audit_detail: str,
) -> Order:
    entries = _check_entries_in_case(case, docket_entries)
    order = Order(
        case=case,
        order_type=order_type,
        judge=judge,
        title=title,
        body=body,
        details=details or {},
        date=date,
        created_by=created_by,
    )
    order.full_clean()
    order.save()
    OrderDocketEntry.objects.bulk_create(
        [OrderDocketEntry(order=order, docket_entry=entry) for entry in entries]
    )
    audit_record(user=created_by, action=AuditAction.CREATED, order=order, detail=audit_detail)
    return order
