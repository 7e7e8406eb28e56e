"""Writes. Each function is one transaction, validates with ``full_clean()`` before saving,
and raises ``django.core.exceptions.ValidationError`` with a message a user can act on."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .case_numbers import parse_case_number
from .dockets import DocketError, ParsedDocket, decode_docket, parse_docket_text
from .dockets.districts import heading_lines_for
from .dockets.parties import name_key
from .dockets.plan import ImportPlan, build_plan
from .importing import ParsedOrder, content_sha256, display_name, parse_order_text, read_order_file
from .models import (
    Case,
    ChambersMembership,
    Court,
    DocketEntry,
    DocketUpload,
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


# --- Docket import (CM/ECF docket reports; see orders.dockets) -------------------------------

ERROR_IMPORT_CHANGED = (
    "The case changed since the preview (someone imported or edited it). Review the new preview and "
    "confirm again."
)
ERROR_COURT_EXISTS = "The app already has the court “%(code)s”."


@dataclass(frozen=True)
class DocketImportResult:
    case: Case
    created: bool
    case_fields_changed: int
    parties_created: int
    parties_updated: int
    entries_created: int
    entries_updated: int

    @property
    def changed(self) -> bool:
        return self.created or any(
            (self.case_fields_changed, self.parties_created, self.parties_updated, self.entries_created,
             self.entries_updated)
        )  # fmt: skip


def docket_upload_create(*, uploaded_by: AbstractBaseUser, filename: str, data: bytes) -> DocketUpload:
    """Keep an uploaded docket report for its preview, after checking that it parses. Raises
    ``ValidationError`` with the reader's message (not a docket, empty docket, too large…).
    The same file uploaded again by the same user and not yet imported is reused."""
    try:
        text, notes = decode_docket(data)
        parse_docket_text(text, notes=notes)
    except DocketError as error:
        raise ValidationError(str(error)) from error
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        existing = DocketUpload.objects.filter(
            uploaded_by=uploaded_by, sha256=digest, imported_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        # Uploads never confirmed are kept for a week, then dropped with the user's next upload.
        DocketUpload.objects.filter(
            uploaded_by=uploaded_by,
            imported_at__isnull=True,
            created_at__lt=timezone.now() - datetime.timedelta(days=7),
        ).delete()
        upload = DocketUpload(
            uploaded_by=uploaded_by, filename=(filename or "")[:255], html=text, sha256=digest, notes=notes
        )
        upload.full_clean()
        upload.save()
    return upload


def docket_upload_parse(upload: DocketUpload) -> ParsedDocket:
    """Parse a kept upload again (the server never trusts parsed data sent back by a browser)."""
    try:
        return parse_docket_text(upload.html, notes=list(upload.notes or []))
    except DocketError as error:
        raise ValidationError(str(error)) from error


def docket_import_preview(*, docket: ParsedDocket, user: AbstractBaseUser | None = None) -> ImportPlan:
    """What importing ``docket`` would create or change now; writes nothing."""
    return build_plan(docket, user=user)


@transaction.atomic
def docket_import_apply(
    *,
    docket: ParsedDocket,
    user: AbstractBaseUser | None = None,
    upload: DocketUpload | None = None,
    expected_fingerprint: str | None = None,
) -> DocketImportResult:
    """Create or update the case, its parties and its docket entries in one transaction.

    The plan is computed again here, with the case row locked, so what is written is what the
    database holds now; ``expected_fingerprint`` (from the preview) makes it refuse if that differs
    from what the user saw. Importing the same docket again changes nothing."""
    plan = build_plan(docket, user=user, lock=True)
    if plan.problems:
        raise ValidationError(plan.problems)
    if expected_fingerprint is not None and plan.fingerprint() != expected_fingerprint:
        raise ValidationError(ERROR_IMPORT_CHANGED)
    assert plan.court is not None and plan.assigned is not None and plan.assigned.judge is not None
    case = plan.case
    created = case is None
    if case is None:
        case = case_create(
            court=plan.court,
            number=docket.case_number,
            short_caption=docket.short_caption,
            assigned_judge=plan.assigned.judge,
            referred_judge=plan.referred.judge if plan.referred else None,
            cause=docket.cause,
            nature_of_suit=docket.nature_of_suit,
            date_filed=docket.date_filed,
            pro_se=docket.pro_se,
            prisoner=docket.prisoner,
        )
    elif plan.case_changes:
        for change in plan.case_changes:
            setattr(case, change.field, change.new)
        case.full_clean()
        case.save(update_fields=[change.field for change in plan.case_changes] + ["updated_at"])

    parties_updated = 0
    position = case.parties.aggregate(last=Max("caption_position"))["last"] or 0
    for item in plan.parties:
        parsed = item.parsed
        if item.existing is None:
            position += 1
            party_create(
                case=case,
                name=parsed.name,
                role=parsed.role,
                caption_position=position,
                pro_se=parsed.pro_se,
                prisoner_number=parsed.prisoner_number,
                institution=parsed.institution,
                terminated=parsed.terminated,
            )
        elif item.changes:
            for change in item.changes:
                setattr(item.existing, change.field, change.new)
            item.existing.full_clean()
            item.existing.save(update_fields=[change.field for change in item.changes] + ["updated_at"])
            parties_updated += 1

    parties_by_key = {name_key(party.name): party for party in case.parties.all()}
    entries_updated = 0
    for item in plan.entries:
        parsed = item.parsed
        if item.existing is None:
            assert parsed.number is not None
            docket_entry_create(
                case=case,
                number=parsed.number,
                date_filed=parsed.date_filed,
                description=parsed.description,
                kind=parsed.kind,
                pending=parsed.pending,
                filing_party=parties_by_key.get(item.filing_party_key) if item.filing_party_key else None,
            )
        elif item.changes:
            for change in item.changes:
                setattr(item.existing, change.field, change.new)
            item.existing.full_clean()
            item.existing.save(update_fields=[change.field for change in item.changes] + ["updated_at"])
            entries_updated += 1

    if upload is not None:
        upload.case = case
        upload.imported_at = timezone.now()
        upload.save(update_fields=["case", "imported_at", "updated_at"])
    return DocketImportResult(
        case=case,
        created=created,
        case_fields_changed=0 if created else len(plan.case_changes),
        parties_created=len(plan.new_parties),
        parties_updated=parties_updated,
        entries_created=len(plan.new_entries),
        entries_updated=entries_updated,
    )


@transaction.atomic
def court_create_for_docket(*, code: str, name: str) -> Court:
    """Add the court a docket is from, its caption heading derived from its name
    (“UNITED STATES DISTRICT COURT” / “SOUTHERN DISTRICT OF NEW YORK”)."""
    if Court.objects.filter(code=code.lower()).exists():
        raise ValidationError(ERROR_COURT_EXISTS % {"code": code.lower()})
    line_1, line_2 = heading_lines_for(name)
    return court_create(name=name, code=code, heading_line_1=line_1, heading_line_2=line_2)


@transaction.atomic
def docket_add_missing(*, docket: ParsedDocket) -> ImportPlan:
    """Add the court and the judges a docket names that the app does not know (what a clerk does
    with the preview's “add” buttons, for the command's ``--add-missing``); returns the new plan."""
    plan = docket_import_preview(docket=docket)
    if plan.unknown_court:
        court_create_for_docket(code=docket.court_code, name=docket.court_name or docket.court_code)
        plan = docket_import_preview(docket=docket)
    for match in plan.unknown_judges:
        judge_create(
            court=plan.court,
            full_name=match.parsed.name,
            initials=match.parsed.initials,
            signature_title=match.parsed.signature_title_guess,
        )
    return docket_import_preview(docket=docket)


# --- Drafting from an order type (orders.order_types) ------------------------------------------

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


# --- Import of past orders -------------------------------------------------------------------

ERROR_IMPORT_NO_CASE_NUMBER = "no case number found in the text"
ERROR_IMPORT_NO_JUDGE = "no judge found (no signature block, and the case is not in the database)"
ERROR_IMPORT_NO_COURT = "no court found (no “District of …” heading, and several courts in the database)"
ERROR_IMPORT_JUDGE_NOT_YOURS = "the order is signed by {judge}, whose chambers you do not work in"
ERROR_IMPORT_JUDGE_NOT_ON_CASE = "{judge} is neither the assigned nor the referred judge of case {number}"

IMPORTED_ORDER_TYPE = "imported"

# CM/ECF court identifiers of the districts whose heading an import may meet first.
_COURT_CODES = {
    "NORTHERN DISTRICT OF CALIFORNIA": "cand",
    "EASTERN DISTRICT OF CALIFORNIA": "caed",
    "CENTRAL DISTRICT OF CALIFORNIA": "cacd",
    "SOUTHERN DISTRICT OF CALIFORNIA": "casd",
}


class ImportRefused(Exception):
    """The order cannot be imported; the message says why (for the import report)."""


@dataclass(frozen=True)
class ImportOutcome:
    order: Order
    created: bool
    created_records: tuple[str, ...] = ()


@transaction.atomic
def order_import(
    *,
    text: str,
    filename: str,
    imported_by: AbstractBaseUser,
    court: Court | None = None,
    allowed_judges: Iterable[Judge] | None = None,
) -> ImportOutcome:
    """Import one past order from its text: link it to its case and judge (any written form of the
    case number), creating them flagged for review when missing. The same text imported again
    returns the existing order and changes nothing. ``allowed_judges`` (the upload page: the
    user's chambers) refuses an order signed by anyone else, and never creates a judge."""
    digest = content_sha256(text)
    existing = Order.objects.filter(content_sha256=digest).first()
    if existing is not None:
        return ImportOutcome(order=existing, created=False)

    parsed = parse_order_text(text)
    created: list[str] = []
    if not parsed.case_number:
        raise ImportRefused(ERROR_IMPORT_NO_CASE_NUMBER)
    number = parse_case_number(parsed.case_number)
    allowed = None if allowed_judges is None else list(allowed_judges)

    if court is None:
        court = _import_court(parsed.court_heading, created)
    case = Case.objects.filter(court=court, number_key=number.key).first()
    judge = _import_judge(court, parsed, number.judge_initials, case, allowed, created)
    if allowed is not None and judge.pk not in {j.pk for j in allowed}:
        raise ImportRefused(ERROR_IMPORT_JUDGE_NOT_YOURS.format(judge=judge.full_name))

    if case is None:
        case = case_create(
            court=court,
            number=parsed.case_number,
            short_caption=parsed.short_caption or f"Case {number.key}",
            assigned_judge=judge,
            pro_se=parsed.pro_se,
            prisoner=parsed.prisoner,
        )
        case.needs_review = True
        case.save(update_fields=["needs_review"])
        created.append(f"case {case}")
        for position, party in enumerate(parsed.parties, start=1):
            first = party.role in ("plaintiff", "petitioner")
            party_create(
                case=case,
                name=display_name(party.name) if party.name.isupper() else party.name,
                caption_name="" if party.name.isupper() else party.name,
                role=party.role,
                caption_position=position,
                pro_se=first and parsed.pro_se,
                institution=parsed.institution if first else "",
            )
    elif judge.pk not in (case.assigned_judge_id, case.referred_judge_id):
        raise ImportRefused(ERROR_IMPORT_JUDGE_NOT_ON_CASE.format(judge=judge.full_name, number=case.number))

    order = Order(
        case=case,
        order_type=IMPORTED_ORDER_TYPE,
        judge=judge,
        title=parsed.title or "ORDER",
        body=parsed.body or " ".join(parsed.text.split()),
        date=parsed.date,
        status=Order.Status.FILED,
        source=Order.Source.IMPORTED,
        needs_review=bool(created) or not (parsed.title and parsed.date),
        content_sha256=digest,
        imported_from=filename[-255:],
        source_text=parsed.text,
        created_by=imported_by,
    )
    order.full_clean()
    order.save()
    entries = DocketEntry.objects.filter(case=case, number__in=parsed.docket_numbers)
    OrderDocketEntry.objects.bulk_create([OrderDocketEntry(order=order, docket_entry=e) for e in entries])
    return ImportOutcome(order=order, created=True, created_records=tuple(created))


def _import_court(heading: str, created: list[str]) -> Court:
    if heading:
        court = Court.objects.filter(heading_line_2__iexact=heading).first()
        if court is not None:
            return court
    elif Court.objects.count() == 1:
        return Court.objects.get()
    if not heading:
        raise ImportRefused(ERROR_IMPORT_NO_COURT)
    words = heading.upper().split()
    code = _COURT_CODES.get(heading.upper()) or "".join(w[0] for w in words if w not in ("OF", "THE"))[:10]
    court = court_create(
        name=" ".join(w if w in ("OF", "THE") else w.capitalize() for w in words).replace(" OF ", " of "),
        code=code,
        heading_line_2=heading.upper(),
    )
    created.append(f"court {court}")
    return court


def _import_judge(
    court: Court,
    parsed: ParsedOrder,
    initials: str,
    case: Case | None,
    allowed: list[Judge] | None,
    created: list[str],
) -> Judge:
    judges = Judge.objects.filter(court=court)
    if parsed.judge_name:
        wanted = " ".join(parsed.judge_name.upper().replace(".", " ").split())
        for judge in judges:
            if " ".join(judge.full_name.upper().replace(".", " ").split()) == wanted:
                return judge
    if initials:
        judge = judges.filter(initials=initials.upper()).first()
        if judge is not None:
            return judge
    if not parsed.judge_name:
        if case is not None:
            return case.assigned_judge
        raise ImportRefused(ERROR_IMPORT_NO_JUDGE)
    if allowed is not None:
        raise ImportRefused(ERROR_IMPORT_JUDGE_NOT_YOURS.format(judge=display_name(parsed.judge_name)))
    name = display_name(parsed.judge_name)
    new_initials = (initials or "".join(w[0] for w in re.split(r"[\s.-]+", name) if w)).upper()[:5]
    if judges.filter(initials=new_initials).exists():
        new_initials = "".join(w[0] for w in re.split(r"[\s.-]+", name) if w).upper()[:5]
    judge = judge_create(
        court=court,
        full_name=name,
        signature_title=parsed.judge_title or "United States District Judge",
        initials=new_initials,
    )
    judge.needs_review = True
    judge.save(update_fields=["needs_review"])
    created.append(f"judge {judge}")
    return judge


def order_import_file(
    *,
    name: str,
    data: bytes,
    imported_by: AbstractBaseUser,
    court: Court | None = None,
    allowed_judges: Iterable[Judge] | None = None,
) -> ImportOutcome:
    """Import one file (PDF text layer or plain text); raises ``ImportFileError`` when the file
    cannot be read, ``ImportRefused`` or ``ValidationError`` when the order cannot be imported."""
    text = read_order_file(name, data)
    return order_import(
        text=text, filename=name, imported_by=imported_by, court=court, allowed_judges=allowed_judges
    )


# --- Editing, duplicating and deleting drafts (the wizard and the order page) ----------------

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
