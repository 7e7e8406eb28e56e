"""Writes. Each function is one transaction, validates with ``full_clean()`` before saving,
and raises ``django.core.exceptions.ValidationError`` with a message a user can act on."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .models import (
    Case,
    ChambersMembership,
    Court,
    DocketEntry,
    Judge,
    Order,
    OrderDocketEntry,
    Party,
)
from .models.orders import ERROR_ENTRY_OTHER_CASE
from .order_types import registry

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
    *, user: AbstractBaseUser, judge: Judge, role: str = ChambersMembership.Role.CLERK
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
) -> Case:
    case = Case(
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


def _check_entries_in_case(case: Case, entries: Iterable[DocketEntry]) -> list[DocketEntry]:
    entries = list(entries)
    for entry in entries:
        if entry.case_id != case.pk:
            raise ValidationError({"docket_entries": ERROR_ENTRY_OTHER_CASE.format(number=entry.number)})
    return entries


@transaction.atomic
def order_create(
    *,
    case: Case,
    order_type: str,
    judge: Judge,
    title: str,
    body: str,
    created_by: AbstractBaseUser,
    docket_entries: Iterable[DocketEntry] = (),
    details: dict[str, Any] | None = None,
    date: datetime.date | None = None,
) -> Order:
    """Save a new draft order and link the docket entries it addresses."""
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
    return order


ERROR_UNKNOWN_ORDER_TYPE = "There is no order type “%(key)s”; choose one of the listed order types."
ERROR_ENTRIES_REQUIRED = "This order type resolves a docket entry: choose at least one."
ERROR_BODY_BLANK = "The order's text is empty."


@transaction.atomic
def order_draft_create(
    *,
    case: Case,
    order_type_key: str,
    entries: Iterable[DocketEntry],
    data: dict[str, Any],
    created_by: AbstractBaseUser,
    body: str | None = None,
    title: str | None = None,
    date: datetime.date | None = None,
    judge: Judge | None = None,
) -> Order:
    """Draft an order of a type from the library (``orders.order_types``).

    ``data`` (the type's own fields) is validated through the type's form against the order's
    date (today when ``date`` is None) and stored as JSON in ``Order.details``. The body is
    rendered from the type unless ``body`` (text edited in the wizard) is given; the title
    likewise. The judge defaults to the case's assigned judge.
    """
    try:
        order_type = registry.get(order_type_key)
    except registry.UnknownOrderType:
        raise ValidationError({"order_type": ERROR_UNKNOWN_ORDER_TYPE % {"key": order_type_key}}) from None
    entries = sorted(_check_entries_in_case(case, entries), key=lambda entry: entry.number)
    if order_type.needs_entries and not entries:
        raise ValidationError({"docket_entries": ERROR_ENTRIES_REQUIRED})
    cleaned = order_type.clean_data(case=case, entries=entries, data=data or {}, order_date=date)
    judge = judge or case.assigned_judge
    if body is None:
        body = order_type.render_body(case=case, entries=entries, data=cleaned, judge=judge)
    if not body.strip():
        raise ValidationError({"body": ERROR_BODY_BLANK})
    return order_create(
        case=case,
        order_type=order_type.key,
        judge=judge,
        title=title or order_type.title_for(case=case, entries=entries, data=cleaned),
        body=body,
        created_by=created_by,
        docket_entries=entries,
        details=order_type.details_for(cleaned),
        date=date,
    )


ERROR_ORDER_NOT_DRAFT = "Only a draft can be changed or deleted; this order is “%(status)s”."


def _check_draft(order: Order) -> None:
    if order.status != Order.Status.DRAFT:
        raise ValidationError(ERROR_ORDER_NOT_DRAFT, params={"status": order.get_status_display()})


@transaction.atomic
def order_update(
    *,
    order: Order,
    order_type_key: str,
    entries: Iterable[DocketEntry],
    data: dict[str, Any],
    title: str,
    body: str,
    date: datetime.date | None = None,
) -> Order:
    """Save the edited text and answers of a draft, and the docket entries it rules on."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    _check_draft(order)
    entries = _check_entries_in_case(order.case, entries)
    order.order_type = order_type_key
    order.title = title
    order.body = body
    order.details = data or {}
    order.date = date
    order.full_clean()
    order.save(update_fields=["order_type", "title", "body", "details", "date", "updated_at"])
    wanted = {entry.pk for entry in entries}
    order.entry_links.exclude(docket_entry_id__in=wanted).delete()
    linked = set(order.entry_links.values_list("docket_entry_id", flat=True))
    OrderDocketEntry.objects.bulk_create(
        [OrderDocketEntry(order=order, docket_entry=entry) for entry in entries if entry.pk not in linked]
    )
    return order


@transaction.atomic
def order_delete(*, order: Order) -> None:
    """Delete a draft (and its links to docket entries); other statuses are kept."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    _check_draft(order)
    order.delete()


ERROR_DUPLICATE_NO_ENTRY = (
    "“%(title)s” rules on a pending docket entry, and that case has none it could rule on. "
    "Start a new draft in that case instead."
)


@transaction.atomic
def order_duplicate(*, order: Order, case: Case, created_by: AbstractBaseUser) -> Order:
    """A new draft of the same order type in another case, written anew for that case.

    The case's own facts (names, pending entries, what the type reads from the case) come from
    the type's ``initial`` for the new case; the other answers (options, rule cites) are those of
    the order copied. Text edited by hand in the order copied is not carried over."""
    from .selectors import drafting_judge

    order_type = registry.get(order.order_type)
    entries = list(registry.fitting_entries(order_type, case))
    if order_type.needs_entries and not entries:
        raise ValidationError(ERROR_DUPLICATE_NO_ENTRY, params={"title": order_type.title.title()})
    initial = order_type.initial(case=case, entries=entries)
    data = json.loads(json.dumps({**(order.details or {}), **initial}, cls=DjangoJSONEncoder))
    return order_draft_create(
        case=case,
        order_type_key=order_type.key,
        entries=entries,
        data=data,
        created_by=created_by,
        judge=drafting_judge(created_by, case),
    )
