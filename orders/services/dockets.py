"""Docket import: a CM/ECF docket report kept, previewed and applied (see ``orders.dockets``)."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..courts.loading import court_from_table
from ..courts.table import district_courts
from ..dockets import DocketError, ParsedDocket, decode_docket, parse_docket_limited
from ..dockets.parties import name_key
from ..dockets.plan import ImportPlan, build_plan
from ..dockets.stored import docket_from_json, docket_to_json
from ..models import (
    AuditAction,
    Case,
    Court,
    DocketUpload,
    Judge,
    LocalRule,
)
from ..permissions import require_import_dockets
from .audit import audit_record
from .docket_loop import filed_order_numbered
from .records import case_create, docket_entry_create, judge_create, party_create

# --- Docket import (CM/ECF docket reports; see orders.dockets) -------------------------------

ERROR_IMPORT_CHANGED = (
    "The case changed since the preview (someone imported or edited it). Review the new preview and "
    "confirm again."
)
ERROR_COURT_EXISTS = "The app already has the court “%(code)s”."
ERROR_COURT_NOT_IN_TABLE = "“%(code)s” is not a United States district court of the court table."


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


def docket_upload_create(*, uploaded_by: AuthUser, filename: str, data: bytes) -> DocketUpload:
    """Keep an uploaded docket report for its preview, parsed once (in a limited child process)
    and kept with its parsed result. Raises ``ValidationError`` with the reader's message (not a
    docket, empty docket, too large, nested too deep, too complex…). The same file uploaded again
    by the same user and not yet imported is reused. Only who may import dockets uploads one."""
    require_import_dockets(uploaded_by)
    try:
        docket = parse_docket_limited(data)
        text, notes = decode_docket(data)
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
            uploaded_by=uploaded_by,
            filename=(filename or "")[:255],
            html=text,
            sha256=digest,
            notes=notes,
            parsed=docket_to_json(docket),
        )
        upload.full_clean()
        upload.save()
    return upload


def docket_upload_parse(upload: DocketUpload) -> ParsedDocket:
    """The upload's docket as parsed when it was uploaded (the server never trusts parsed data
    sent back by a browser). An upload kept before the parser's ``FORMAT`` changed is parsed
    again from its HTML, in the limited child process, and the result kept."""
    docket = docket_from_json(upload.parsed)
    if docket is not None:
        return docket
    try:
        docket = parse_docket_limited(upload.html.encode("utf-8"))
    except DocketError as error:
        raise ValidationError(str(error)) from error
    docket = dataclasses.replace(docket, notes=[*docket.notes, *(upload.notes or [])])
    upload.parsed = docket_to_json(docket)
    upload.save(update_fields=["parsed", "updated_at"])
    return docket


def docket_import_preview(*, docket: ParsedDocket, user: AuthUser | None = None) -> ImportPlan:
    """What importing ``docket`` would create or change now; writes nothing. ``user=None``: the
    command line."""
    require_import_dockets(user)
    return build_plan(docket, user=user)


@transaction.atomic
def docket_import_apply(
    *,
    docket: ParsedDocket,
    user: AuthUser | None = None,
    upload: DocketUpload | None = None,
    expected_fingerprint: str | None = None,
) -> DocketImportResult:
    """Create or update the case, its parties and its docket entries in one transaction.

    The plan is computed again here, with the case row locked, so what is written is what the
    database holds now; ``expected_fingerprint`` (from the preview) makes it refuse if that differs
    from what the user saw. Importing the same docket again changes nothing."""
    require_import_dockets(user)
    plan = build_plan(docket, user=user, lock=True)
    if plan.problems:
        raise ValidationError(plan.problems)
    if expected_fingerprint is not None and plan.fingerprint() != expected_fingerprint:
        raise ValidationError(ERROR_IMPORT_CHANGED)
    case, created = _apply_case(docket, plan)
    parties_updated = _apply_parties(case, plan)
    entries_updated = _apply_entries(case, plan, user)
    _audit_import(case, plan, user=user, created=created)
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


def _audit_import(case: Case, plan: ImportPlan, *, user: AuthUser | None, created: bool) -> None:
    """One row for the import, and one per field of the case it changed (old → new), in the
    chambers' log of the case's assigned judge (and of the one it was assigned to before)."""
    changes = [] if created else plan.case_changes
    judges = {case.assigned_judge_id} | {
        c.old.pk for c in changes if c.field == "assigned_judge" and c.old is not None
    }
    summary = (
        f"case {case.number} {'created' if created else 'updated'} from a docket: "
        f"{len(plan.new_parties)} new part{'y' if len(plan.new_parties) == 1 else 'ies'}, "
        f"{len(plan.changed_parties)} changed; {len(plan.new_entries)} new docket entries, "
        f"{len(plan.changed_entries)} changed"
    )
    for judge_id in sorted(judges):
        for change in changes:
            audit_record(
                user=user,
                action=AuditAction.CASE_CHANGED,
                judge_id=judge_id,
                detail=f"case {case.number}: {change.label}: {change.old or '—'} → {change.new or '—'}",
            )
        audit_record(user=user, action=AuditAction.DOCKET, judge_id=judge_id, detail=summary)


def _apply_case(docket: ParsedDocket, plan: ImportPlan) -> tuple[Case, bool]:
    """The case created, or updated with what the docket owns; and whether it was created."""
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
            division=docket.division,
        )
    elif plan.case_changes:
        for change in plan.case_changes:
            setattr(case, change.field, change.new)
        case.full_clean()
        case.save(update_fields=[change.field for change in plan.case_changes] + ["updated_at"])

    return case, created


def _apply_parties(case: Case, plan: ImportPlan) -> int:
    """Create the new parties (after the caption's last) and update the changed ones; how many
    were updated."""
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

    return parties_updated


def _apply_entries(case: Case, plan: ImportPlan, user: AuthUser | None) -> int:
    """Create the new docket entries (linked to their filing party) and update the changed ones;
    how many were updated."""
    parties_by_key = {name_key(party.name): party for party in case.parties.all()}
    entries_updated = 0
    for item in plan.entries:
        parsed = item.parsed
        if item.existing is None:
            assert parsed.number is not None
            entry = docket_entry_create(
                case=case,
                number=parsed.number,
                date_filed=parsed.date_filed,
                description=parsed.description,
                kind=parsed.kind,
                pending=parsed.pending,
                filing_party=parties_by_key.get(item.filing_party_key) if item.filing_party_key else None,
            )
            if item.filed_order is not None:
                filed_order_numbered(order=item.filed_order, entry=entry, user=user)
        elif item.changes:
            for change in item.changes:
                setattr(item.existing, change.field, change.new)
            item.existing.full_clean()
            item.existing.save(update_fields=[change.field for change in item.changes] + ["updated_at"])
            entries_updated += 1

    return entries_updated


@transaction.atomic
def court_create_for_docket(*, code: str, name: str = "", user: AuthUser | None = None) -> Court:
    """Add the court a docket is from as the court table has it (``orders.courts``: courts-db's
    court, its heading, paper and local rules), when an administrator removed it. ``name`` (the
    docket's) is not used: the table's name is the court's. ``user=None``: the command line."""
    require_import_dockets(user)
    code = code.lower()
    if Court.objects.filter(code=code).exists():
        raise ValidationError(ERROR_COURT_EXISTS % {"code": code})
    if code not in district_courts():
        raise ValidationError(ERROR_COURT_NOT_IN_TABLE % {"code": code})
    return court_from_table(code, Court, LocalRule)


@transaction.atomic
def docket_judge_add(
    *, user: AuthUser | None, court: Court, full_name: str, initials: str, signature_title: str
) -> Judge:
    """Add a judge a docket names (the preview's “add” button): who may import dockets."""
    require_import_dockets(user)
    return judge_create(court=court, full_name=full_name, initials=initials, signature_title=signature_title)


@transaction.atomic
def docket_add_missing(*, docket: ParsedDocket) -> ImportPlan:
    """Add the court and the judges a docket names that the app does not know (what a clerk does
    with the preview's “add” buttons, for the command's ``--add-missing``); returns the new plan."""
    plan = docket_import_preview(docket=docket)
    if plan.unknown_court:
        court_create_for_docket(code=docket.court_code, name=docket.court_name or docket.court_code)
        plan = docket_import_preview(docket=docket)
    for match in plan.unknown_judges:
        assert plan.court is not None  # a plan names unknown judges only of a known court
        judge_create(
            court=plan.court,
            full_name=match.parsed.name,
            initials=match.parsed.initials,
            signature_title=match.parsed.signature_title_guess,
        )
    return docket_import_preview(docket=docket)
