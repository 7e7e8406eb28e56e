"""Writes. Each function is one transaction, validates with ``full_clean()`` before saving,
and raises ``django.core.exceptions.ValidationError`` with a message a user can act on."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import selectors
from .case_numbers import parse_case_number
from .dockets import DocketError, ParsedDocket, decode_docket, parse_docket_text
from .dockets.districts import heading_lines_for
from .dockets.parties import name_key
from .dockets.plan import ImportPlan, build_plan
from .importing import ParsedOrder, content_sha256, display_name, parse_order_text, read_order_file
from .models import (
    AuditAction,
    AuditEvent,
    Case,
    ChambersMembership,
    Court,
    DocketEntry,
    DocketUpload,
    Judge,
    Order,
    OrderComment,
    OrderDocketEntry,
    Party,
    SignedPdf,
)
from .models.orders import ERROR_ENTRY_OTHER_CASE
from .order_types import registry

logger = logging.getLogger(__name__)

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
    audit_record(user=created_by, action=AuditAction.CREATED, order=order)
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


# --- Workflow: review, signing, filing, corrections; every step audited. ---------------------

ERROR_ORDER_NOT_DRAFT = "Only a draft can be changed or deleted; this order is “%(status)s”."


def _check_draft(order: Order) -> None:
    if order.status != Order.Status.DRAFT:
        raise ValidationError(ERROR_ORDER_NOT_DRAFT, params={"status": order.get_status_display()})


ERROR_ORDER_SIGNED = (
    "This order is signed and can no longer be changed. To correct it, draft an amended order."
)
ERROR_NOT_ALLOWED = "Your role in this chambers does not allow you to {action} this order."
ERROR_WRONG_STATUS = "This order is {status}: it cannot be {action}."
ERROR_VERSION_CONFLICT = (
    "Someone else saved this order while you were editing it (you edited version {yours}; it is now "
    "version {theirs}, saved by {who}). Nothing of yours was saved: see what they changed, then "
    "make your changes again."
)
ERROR_COMMENT_REQUIRED = "Say what should change: a comment is required to send an order back."
ERROR_SIGNATURE_CHOICE = "Choose the conformed “/s/” signature or the empty digital signature field."
ERROR_DELETE_SIGNED = "A signed order is a court record and cannot be deleted."

User = AbstractBaseUser | AnonymousUser
Signature = Literal["conformed", "field"]


class OrderVersionConflict(ValidationError):
    """The order changed since the user loaded it. Carries both versions so the page can show
    what the other person changed."""

    def __init__(self, *, current: Order, yours: int) -> None:
        last = current.history.first()
        who = (
            (last.history_user.get_full_name() or last.history_user.username)
            if last and last.history_user
            else "someone"
        )
        super().__init__(ERROR_VERSION_CONFLICT.format(yours=yours, theirs=current.version, who=who))
        self.current = current
        self.yours = yours

    def their_changes(self) -> list:
        """What changed between the version the user started from and the current one."""
        from .diffs import version_diff

        base = self.current.history.filter(version=self.yours).order_by("-history_id").first()
        return version_diff(base, self.current) if base is not None else []


def audit_record(
    *,
    user: User | None,
    action: str,
    order: Order | None = None,
    order_id: int | None = None,
    ip: str | None = None,
    detail: str = "",
) -> AuditEvent:
    """Append one event to the audit log (in the caller's transaction, if any). ``order_id``
    names an order by id only (e.g. one the user was refused), without describing it."""
    authenticated = user is not None and user.is_authenticated
    event = AuditEvent(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        order_ref=order.pk if order is not None else order_id,
        order_repr=str(order)[:400] if order is not None else "",
        judge_id=order.judge_id if order is not None else None,
        ip_address=ip or None,
        detail=detail[:2000],
    )
    # Not full_clean(): the user and judge come from saved objects, and checking that they exist
    # would cost two queries on every page view.
    event.clean_fields(exclude=["user", "judge"])
    event.save()
    return event


@contextmanager
def _refusals_audited(*, user: User, order: Order | None, attempted: str, ip: str | None) -> Iterator[None]:
    """Whatever is refused inside (a ValidationError or PermissionDenied) is logged as a
    "refused" audit event, outside the refused transaction so the event survives its rollback."""
    try:
        yield
    except (ValidationError, PermissionDenied) as error:
        if order is not None and order.pk and Order.objects.filter(pk=order.pk).exists():
            order.refresh_from_db()  # forget the refused changes (the database rolled them back)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        logger.warning(
            "refused %s of order %s for %s: %s", attempted, getattr(order, "pk", None), user, message
        )
        audit_record(
            user=user, action=AuditAction.REFUSED, order=order, ip=ip, detail=f"{attempted}: {message}"
        )
        raise


def _check(allowed: bool, action: str) -> None:
    if not allowed:
        raise PermissionDenied(ERROR_NOT_ALLOWED.format(action=action))


def _check_step(
    order: Order, *, allowed: bool, verb: str, status: str, done: str, signed_ok: bool = False
) -> None:
    """The guard every workflow step shares: a signed order refuses (unless the step is one for
    signed orders), the user's role must allow the step, and the order must be in ``status``."""
    if order.is_signed and not signed_ok:
        raise ValidationError(ERROR_ORDER_SIGNED)
    _check(allowed, verb)
    if order.status != status:
        raise ValidationError(
            ERROR_WRONG_STATUS.format(status=order.get_status_display().lower(), action=done)
        )


def _claim_version(order: Order, expected_version: int | None, *, allow_signed: bool = False) -> None:
    """Take the next version of the order, or refuse: ``UPDATE … SET version = version + 1 WHERE
    id = %s AND version = %s`` (the row stays locked until the transaction ends, so of two
    concurrent saves of one version exactly one wins). Updates ``order`` in place."""
    expected = order.version if expected_version is None else int(expected_version)
    rows = Order.objects.filter(pk=order.pk, version=expected)
    if not allow_signed:
        rows = rows.exclude(status__in=[Order.Status.SIGNED, Order.Status.FILED])
    if rows.update(version=F("version") + 1, updated_at=timezone.now()) != 1:
        current = Order.objects.select_related("case", "judge").get(pk=order.pk)
        if current.is_signed and not allow_signed:
            raise ValidationError(ERROR_ORDER_SIGNED)
        raise OrderVersionConflict(current=current, yours=expected)
    order.version = expected + 1


def _save_with_history(order: Order, *, user: User | None, reason: str = "") -> None:
    order._change_reason = reason[:100]
    if user is not None and user.is_authenticated:
        order._history_user = user
    order.full_clean()
    order.save()


def order_update(
    *,
    order: Order,
    user: User | None = None,
    expected_version: int | None = None,
    order_type_key: str | None = None,
    entries: Iterable[DocketEntry] | None = None,
    data: dict[str, Any] | None = None,
    title: str | None = None,
    body: str | None = None,
    date: datetime.date | Literal[False] | None = False,
    ip: str | None = None,
) -> Order:
    """Save the edited text and answers of a draft, and the docket entries it rules on (``None``
    leaves a field as it is; ``date=None`` clears the date).

    Refused for a signed order (ERROR_ORDER_SIGNED), for any other non-draft, for a user whose role
    does not allow editing, and when the order changed since ``expected_version`` (the version the
    user's form was built from: OrderVersionConflict, nothing saved). Refusals are audited."""
    with _refusals_audited(user=user, order=order, attempted="edit", ip=ip):
        if order.is_signed:
            raise ValidationError(ERROR_ORDER_SIGNED)
        _check_draft(order)
        if user is not None:
            _check(selectors.can_edit(user, order), "edit")
        with transaction.atomic():
            before = {"title": order.title, "body": order.body, "date": order.date, "details": order.details}
            _claim_version(order, expected_version)
            if order_type_key is not None:
                order.order_type = order_type_key
            if title is not None:
                order.title = title
            if body is not None:
                order.body = body
            if date is not False:
                order.date = date
            if data is not None:
                order.details = data
            _save_with_history(order, user=user, reason="edited")
            if entries is not None:
                entries = _check_entries_in_case(order.case, entries)
                wanted = {entry.pk for entry in entries}
                order.entry_links.exclude(docket_entry_id__in=wanted).delete()
                linked = set(order.entry_links.values_list("docket_entry_id", flat=True))
                OrderDocketEntry.objects.bulk_create(
                    [OrderDocketEntry(order=order, docket_entry=e) for e in entries if e.pk not in linked]
                )
            changed = [field for field, value in before.items() if getattr(order, field) != value]
            if order.details != before["details"] and "details" not in changed:
                changed.append("details")
            audit_record(
                user=user,
                action=AuditAction.EDITED,
                order=order,
                ip=ip,
                detail=f"version {order.version}; changed: {', '.join(changed) or 'nothing'}",
            )
    return order


def order_send_for_signature(
    *, order: Order, user: User, expected_version: int | None = None, ip: str | None = None
) -> Order:
    """Draft → ready for signature."""
    with _refusals_audited(user=user, order=order, attempted="send for signature", ip=ip):
        _check_step(
            order,
            allowed=selectors.can_edit(user, order),
            verb="send",
            status=Order.Status.DRAFT,
            done="sent for signature",
        )
        with transaction.atomic():
            _claim_version(order, expected_version)
            order.status = Order.Status.READY
            _save_with_history(order, user=user, reason="sent for signature")
            audit_record(user=user, action=AuditAction.SENT, order=order, ip=ip)
    return order


def order_send_back(
    *, order: Order, user: User, comment: str, expected_version: int | None = None, ip: str | None = None
) -> OrderComment:
    """Ready for signature → draft, with the judge's comment on what to change."""
    with _refusals_audited(user=user, order=order, attempted="send back", ip=ip):
        _check_step(
            order,
            allowed=selectors.can_sign(user, order),
            verb="send back",
            status=Order.Status.READY,
            done="sent back",
        )
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError(ERROR_COMMENT_REQUIRED)
        with transaction.atomic():
            _claim_version(order, expected_version)
            order.status = Order.Status.DRAFT
            _save_with_history(order, user=user, reason="sent back for changes")
            note = OrderComment(order=order, author=user, text=comment)
            note.full_clean()
            note.save()
            audit_record(user=user, action=AuditAction.SENT_BACK, order=order, ip=ip, detail=comment)
    return note


def order_sign(
    *,
    order: Order,
    user: User,
    signature: Signature,
    expected_version: int | None = None,
    ip: str | None = None,
) -> SignedPdf:
    """The judge signs: the date is stamped if empty, the final PDF (no watermark) is rendered
    once and its bytes frozen with their SHA-256; from then on the order cannot change.
    ``expected_version`` makes sure the judge signs the text they read."""
    from .pdf import render_order_pdf  # the renderer is heavy; load it only to sign

    with _refusals_audited(user=user, order=order, attempted="sign", ip=ip):
        _check_step(
            order,
            allowed=selectors.can_sign(user, order),
            verb="sign",
            status=Order.Status.READY,
            done="signed before it is sent for signature",
        )
        if signature not in SignedPdf.Signature.values:
            raise ValidationError(ERROR_SIGNATURE_CHOICE)
        with transaction.atomic():
            _claim_version(order, expected_version)
            if order.date is None:
                order.date = timezone.localdate()
            order.status = Order.Status.SIGNED
            _save_with_history(order, user=user, reason=f"signed ({signature})")
            pdf = render_order_pdf(order, final=True, signature=signature)
            signed = SignedPdf(
                order=order,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                signature=signature,
                signed_by=user,
            )
            signed.full_clean()
            signed.save()
            audit_record(
                user=user, action=AuditAction.SIGNED, order=order, ip=ip, detail=f"SHA-256 {signed.sha256}"
            )
    return signed


def order_mark_filed(
    *, order: Order, user: User, docket_number: int | None = None, ip: str | None = None
) -> Order:
    """Signed → filed, optionally with the order's own docket number."""
    with _refusals_audited(user=user, order=order, attempted="mark filed", ip=ip):
        _check_step(
            order,
            allowed=selectors.can_view(user, order)
            and selectors.role_for(user, order) in selectors.EDITING_ROLES,
            verb="file",
            status=Order.Status.SIGNED,
            done="marked filed",
            signed_ok=True,
        )
        with transaction.atomic():
            _claim_version(order, None, allow_signed=True)
            order.status = Order.Status.FILED
            order.filed_docket_number = docket_number
            _save_with_history(order, user=user, reason="filed")
            detail = f"Dkt. No. {docket_number}" if docket_number else ""
            audit_record(user=user, action=AuditAction.FILED, order=order, ip=ip, detail=detail)
    return order


AMENDED_PREFIX = "AMENDED "


def order_amend(*, order: Order, user: User, ip: str | None = None) -> Order:
    """A correction of a signed order: a new draft with the same text, linked to the original,
    which stays as it was."""
    with _refusals_audited(user=user, order=order, attempted="amend", ip=ip):
        _check(selectors.can_amend(user, order), "amend")
        title = order.title if order.title.startswith(AMENDED_PREFIX) else AMENDED_PREFIX + order.title
        with transaction.atomic():
            amended = Order(
                case=order.case,
                order_type=order.order_type,
                judge=order.judge,
                title=title[:300],
                body=order.body,
                details=order.details,
                created_by=user,
                amends=order,
            )
            _save_with_history(amended, user=user, reason=f"amends order {order.pk}")
            OrderDocketEntry.objects.bulk_create(
                [OrderDocketEntry(order=amended, docket_entry=entry) for entry in order.docket_entries.all()]
            )
            audit_record(
                user=user,
                action=AuditAction.AMENDED,
                order=order,
                ip=ip,
                detail=f"amended by order {amended.pk}",
            )
            audit_record(
                user=user, action=AuditAction.CREATED, order=amended, ip=ip, detail=f"amends order {order.pk}"
            )
    return amended


def order_delete(*, order: Order, user: User | None = None, ip: str | None = None) -> None:
    """Delete a draft (and its links to docket entries); a signed order never."""
    with _refusals_audited(user=user, order=order, attempted="delete", ip=ip):
        if order.is_signed:
            raise ValidationError(ERROR_DELETE_SIGNED)
        _check_draft(order)
        if user is not None:
            _check(selectors.can_edit(user, order), "delete")
        with transaction.atomic():
            audit_record(user=user, action=AuditAction.DELETED, order=order, ip=ip)
            order.delete()


def order_refuse(
    *, order: Order | None, user: User, attempted: str, reason: str, ip: str | None = None
) -> None:
    """Log a refusal decided outside a service (e.g. a view refusing an unknown order id)."""
    audit_record(user=user, action=AuditAction.REFUSED, order=order, ip=ip, detail=f"{attempted}: {reason}")


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
