"""Import of past orders (their text or file) into their case and judge."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User as AuthUser
from django.db import transaction

from .. import permissions
from ..case_numbers import parse_case_number
from ..courts.loading import court_from_table
from ..dockets.districts import district_code
from ..importing import (
    ERROR_TOO_MUCH_TEXT,
    MAX_SOURCE_CHARS,
    ParsedOrder,
    content_sha256,
    display_name,
    is_pdf,
    parse_order_text,
    read_order_file,
)
from ..models import (
    AuditAction,
    Case,
    Court,
    DocketEntry,
    ImportedFile,
    Judge,
    LocalRule,
    Order,
    OrderDocketEntry,
)
from .audit import audit_record
from .records import case_create, judge_create, party_create

# --- Import of past orders -------------------------------------------------------------------

ERROR_IMPORT_NO_CASE_NUMBER = "no case number found in the text"
ERROR_IMPORT_NO_JUDGE = "no judge found (no signature block, and the case is not in the database)"
ERROR_IMPORT_NO_COURT = "no court found (no “District of …” heading naming a district court)"
ERROR_IMPORT_JUDGE_NOT_YOURS = "the order is signed by {judge}, whose chambers you do not work in"
ERROR_IMPORT_JUDGE_NOT_ON_CASE = "{judge} is neither the assigned nor the referred judge of case {number}"
# The upload page's one refusal for another chambers' case: it names nothing of it.
ERROR_IMPORT_CASE_NOT_YOURS = (
    "its case is not one you may add orders to (only the chambers of a case's judges import its orders)"
)

IMPORTED_ORDER_TYPE = "imported"


class ImportRefused(Exception):
    """The order cannot be imported; the message says why (for the import report)."""


@dataclass(frozen=True)
class ImportOutcome:
    order: Order | None  # None: already imported, as an order the user may not see
    created: bool
    created_records: tuple[str, ...] = ()


@transaction.atomic
def order_import(
    *,
    text: str,
    filename: str,
    imported_by: AuthUser,
    court: Court | None = None,
    allowed_judges: Iterable[Judge] | None = None,
    original: bytes | None = None,
) -> ImportOutcome:
    """Import one past order from its text: link it to its case and judge (any written form of the
    case number), creating them flagged for review when missing. The same text imported again
    returns the existing order and changes nothing. ``allowed_judges`` (the upload page: the
    user's chambers) refuses an order signed by anyone else, and never creates a judge.
    ``original``: the file's bytes, kept with their SHA-256 as the order's PDF (``ImportedFile``)."""
    if len(text) > MAX_SOURCE_CHARS:  # the text is kept whole (``Order.source_text``)
        raise ImportRefused(ERROR_TOO_MUCH_TEXT.format(limit=MAX_SOURCE_CHARS))
    digest = content_sha256(text)
    existing = Order.objects.filter(content_sha256=digest).first()
    if existing is not None:
        hidden = allowed_judges is not None and not permissions.can_view_order(imported_by, existing)
        return ImportOutcome(order=None if hidden else existing, created=False)

    parsed = parse_order_text(text)
    created: list[str] = []
    if not parsed.case_number:
        raise ImportRefused(ERROR_IMPORT_NO_CASE_NUMBER)
    number = parse_case_number(parsed.case_number)
    allowed = None if allowed_judges is None else _allowed(imported_by, allowed_judges)

    if court is None:
        court = _import_court(parsed.court_heading, created)
    case = Case.objects.filter(court=court, number_key=number.key).first()
    judge = _import_judge(court, parsed, number.judge_initials, case, allowed, created)
    if allowed is not None:
        _check_upload(imported_by, case, judge, allowed, signed_by_text=bool(parsed.judge_name))

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
    kept = _keep_original(order, filename, original) if original is not None else None
    detail = f"past order imported from “{filename[-120:]}”"
    detail += f", file SHA-256 {kept.sha256}" if kept is not None else f", text SHA-256 {digest}"
    if created:
        detail += f"; created, to review: {', '.join(created)}"
    audit_record(user=imported_by, action=AuditAction.IMPORTED, order=order, detail=detail)
    return ImportOutcome(order=order, created=True, created_records=tuple(created))


def _keep_original(order: Order, filename: str, data: bytes) -> ImportedFile:
    kept = ImportedFile(
        order=order,
        filename=filename[-255:],
        kind=ImportedFile.Kind.PDF if is_pdf(filename, data) else ImportedFile.Kind.TEXT,
        data=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    kept.full_clean()
    kept.save()
    return kept


def _allowed(user: AuthUser, judges: Iterable[Judge]) -> list[Judge]:
    """The judges the upload page offers, as far as the policy lets the user import for them."""
    mine = permissions.importing_judge_ids(user)
    return [judge for judge in judges if judge.pk in mine]


def _check_upload(
    user: AuthUser, case: Case | None, judge: Judge, allowed: list[Judge], *, signed_by_text: bool
) -> None:
    """The upload page imports only into cases the user may draft in, for a judge of theirs; of
    another chambers' case it says nothing (not its number, judges or whether it is sealed). A
    signer the text itself names may be named back (it says nothing of the database)."""
    mine = {j.pk for j in allowed}
    if signed_by_text and judge.pk not in mine:
        raise ImportRefused(ERROR_IMPORT_JUDGE_NOT_YOURS.format(judge=judge.full_name))
    if case is not None:
        on_case = judge.pk in (case.assigned_judge_id, case.referred_judge_id)
        if not (on_case and permissions.can_draft_in(user, case, judge)):
            raise ImportRefused(ERROR_IMPORT_CASE_NOT_YOURS)
    if judge.pk not in mine:
        raise ImportRefused(ERROR_IMPORT_JUDGE_NOT_YOURS.format(judge=judge.full_name))


def _import_court(heading: str, created: list[str]) -> Court:
    """The court of an order's heading, from the court table (“DISTRICT OF NEW JERSEY”, “FOR THE
    NORTHERN DISTRICT OF CALIFORNIA”); re-added from the table if an administrator removed it."""
    if heading and (code := district_code(heading)):
        court = Court.objects.filter(code=code).first()
        if court is None:
            court = court_from_table(code, Court, LocalRule)
            created.append(f"court {court}")
        return court
    if heading and (court := Court.objects.filter(heading_line_2__iexact=heading).first()):
        return court
    raise ImportRefused(ERROR_IMPORT_NO_COURT)


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
        by_initials = judges.filter(initials=initials.upper()).first()
        if by_initials is not None:
            return by_initials
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
    imported_by: AuthUser,
    court: Court | None = None,
    allowed_judges: Iterable[Judge] | None = None,
) -> ImportOutcome:
    """Import one file (PDF text layer or plain text); raises ``ImportFileError`` when the file
    cannot be read, ``ImportRefused`` or ``ValidationError`` when the order cannot be imported."""
    text = read_order_file(name, data)
    return order_import(
        text=text,
        filename=name,
        imported_by=imported_by,
        court=court,
        allowed_judges=allowed_judges,
        original=data,
    )
