"""What importing a parsed docket WOULD create or change, computed against the database
without writing. ``orders.services.docket_import_apply`` recomputes it inside its transaction
and executes it.

Merge rules (a docket imported again, or a newer docket of the same case):
- the case is found by court + number however written (``Case.number_key``); its number, short
  caption and sealed flag stay as chambers keep them; cause, nature of suit, date filed and the
  assigned judge follow the docket; a referred judge is set or changed, never cleared; pro se and
  prisoner are turned on, never off;
- parties match by normalised name (``parties.name_key``); new ones are added after the existing
  ones in the caption; for a known party the docket's role and pro se status win, a prisoner number
  or institution the docket gives replaces the stored one (a transfer), and a party the docket
  shows terminated is marked so; caption name, pronoun and caption position stay the clerk's;
- entries match by number; new ones are added; for a known entry the docket's date and text win,
  and a motion the docket now shows resolved stops being pending (never the other way round: an
  entry an order signed here decided stays decided, with its disposition); its kind stays as
  chambers set it;
- an order filed here is on the docket under its number: the docket's entry of that number is that
  entry (no duplicate). An order marked filed without a number is matched to the docket's new order
  entry filed on or after its signing whose text starts with the order's title, and takes its number;
- nothing is ever deleted: parties and entries that chambers added by hand, or that a newer
  docket no longer lists, stay.
- CM/ECF minute entries without a document number are not stored (a docket entry needs a number
  to be cited as “Dkt. No.”), but they count when deciding which motions an order resolved.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User as AuthUser

from .. import permissions
from ..case_numbers import parse_case_number
from ..models import Case, Court, DocketEntry, EntryKind, Judge, Order, Party
from .parsed import ParsedDocket, ParsedEntry, ParsedJudge, ParsedParty
from .parties import name_key

ERROR_UNKNOWN_COURT = (
    "The app does not know the court of this docket, the %(name)s (“%(code)s”). Add it, then import."
)
ERROR_UNKNOWN_JUDGE = (
    "The %(slot)s judge, %(name)s (%(initials)s), is not a judge of the %(court)s in the app. Add the judge, "
    "then import."
)
ERROR_NOT_YOUR_CHAMBERS = (
    "This case is assigned to %(assigned)s%(referred)s. You can import only cases of a judge whose chambers "
    "you work in as a clerk or judge (%(yours)s). Ask an administrator to add you to the chambers."
)
ERROR_CASE_REFUSED = (
    "You cannot import this docket. Only the chambers that can see a case import its docket; ask an "
    "administrator if this is one of your chambers' cases."
)  # one refusal for a case the user may not see: nothing of it is named, compared or shown
WARNING_DUPLICATE_ENTRY = "Docket No. %(number)s appears twice on the docket; only the first is imported."
WARNING_NO_NUMBER = (
    "%(count)s minute entr%(plural)s without a document number will not be imported "
    "(a docket entry needs a number); %(pronoun)s still counted when deciding what is pending."
)
WARNING_JUDGES_KEPT = (
    "The docket names %(named)s; the case stays with %(kept)s: only the assigned judge's chambers or "
    "an administrator changes who is assigned to or referred a case."
)
WARNING_SUPERUSER = (
    "You are not in the chambers of %(assigned)s; as an administrator you may import the case, "
    "but only that judge's chambers will see it."
)

NEW, UPDATE, SAME = "new", "update", "same"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


@dataclass
class JudgeMatch:
    slot: str  # "assigned" / "referred"
    parsed: ParsedJudge
    judge: Judge | None
    matched_by: str  # "name", "initials" or ""


@dataclass
class PartyPlan:
    parsed: ParsedParty
    existing: Party | None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def action(self) -> str:
        return NEW if self.existing is None else (UPDATE if self.changes else SAME)


@dataclass
class EntryPlan:
    parsed: ParsedEntry
    existing: DocketEntry | None
    filing_party_key: str = ""  # name_key of the filing party, when one of the case's parties
    changes: list[FieldChange] = field(default_factory=list)
    filed_order: Order | None = None  # a new entry that is an order filed here without a number

    @property
    def action(self) -> str:
        return NEW if self.existing is None else (UPDATE if self.changes else SAME)


@dataclass
class ImportPlan:
    docket: ParsedDocket
    court: Court | None
    case: Case | None
    assigned: JudgeMatch | None = None
    referred: JudgeMatch | None = None
    case_changes: list[FieldChange] = field(default_factory=list)
    parties: list[PartyPlan] = field(default_factory=list)
    entries: list[EntryPlan] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # block the import
    warnings: list[str] = field(default_factory=list)  # shown, do not block
    unknown_court: bool = False
    unknown_judges: list[JudgeMatch] = field(default_factory=list)
    refused: bool = False  # the user may not import it: nothing is compared with the database

    @property
    def is_new_case(self) -> bool:
        return self.case is None

    @property
    def can_apply(self) -> bool:
        return not self.problems

    @property
    def new_parties(self) -> list[PartyPlan]:
        return [p for p in self.parties if p.action == NEW]

    @property
    def changed_parties(self) -> list[PartyPlan]:
        return [p for p in self.parties if p.action == UPDATE]

    @property
    def new_entries(self) -> list[EntryPlan]:
        return [e for e in self.entries if e.action == NEW]

    @property
    def changed_entries(self) -> list[EntryPlan]:
        return [e for e in self.entries if e.action == UPDATE]

    @property
    def pending_entries(self) -> list[EntryPlan]:
        return [e for e in self.entries if (e.existing.pending if e.existing else e.parsed.pending)]

    @property
    def has_changes(self) -> bool:
        return self.is_new_case or bool(
            self.case_changes
            or self.new_parties
            or self.changed_parties
            or self.new_entries
            or self.changed_entries
        )

    def fingerprint(self) -> str:
        """Identifies what this plan would write; the confirmation refuses a plan that changed
        since the preview the user saw."""

        def changes(items: list[FieldChange]) -> list[list[str]]:
            return [[c.field, str(c.old), str(c.new)] for c in items]

        payload = {
            "case": self.case.pk if self.case else None,
            "case_changes": changes(self.case_changes),
            "parties": [[p.parsed.name, p.action, changes(p.changes)] for p in self.parties],
            "entries": [[e.parsed.number, e.action, changes(e.changes)] for e in self.entries],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _first_last(name: str) -> tuple[str, str] | None:
    parts = name_key(name).split()
    return (parts[0], parts[-1]) if parts else None


def match_judge(
    court: Court, parsed: ParsedJudge, *, judges: list[Judge] | None = None
) -> tuple[Judge | None, str]:
    """The court's judge the docket names: by full name, then first + last name, then initials."""
    judges = list(court.judges.all()) if judges is None else judges
    key = name_key(parsed.name)
    for judge in judges:
        if name_key(judge.full_name) == key:
            return judge, "name"
    for judge in judges:
        if _first_last(judge.full_name) == _first_last(parsed.name):
            return judge, "name"
    if parsed.initials:
        for judge in judges:
            if judge.initials == parsed.initials:
                return judge, "initials"
    return None, ""


User = AuthUser  # an import is made by a signed-in user


def _check_user(plan: ImportPlan, user: User, *, hidden: bool) -> None:
    """Who may import: a clerk or judge in the chambers of the case's assigned or referred judge
    (an administrator may import any case, with a warning). ``hidden``: the case exists and the
    user may not see it; it gets one refusal that neither names nor describes it."""
    judges = [m.judge for m in (plan.assigned, plan.referred) if m and m.judge]
    if not judges or not user.is_authenticated:
        return  # (the unknown judges are the problem; a hidden case was set aside as unknown)
    mine = permissions.importing_judge_ids(user)
    assigned = plan.assigned.judge.full_name if plan.assigned and plan.assigned.judge else ""
    if user.is_superuser:
        if not any(judge.pk in mine for judge in judges):
            plan.warnings.append(WARNING_SUPERUSER % {"assigned": assigned})
        return
    if not any(judge.pk in mine for judge in judges):
        referred = plan.referred.judge.full_name if plan.referred and plan.referred.judge else ""
        yours = ", ".join(sorted(j.full_name for j in Judge.objects.filter(pk__in=mine))) or "none"
        plan.problems.append(
            ERROR_NOT_YOUR_CHAMBERS
            % {
                "assigned": assigned,
                "referred": f" and referred to {referred}" if referred else "",
                "yours": yours,
            }
        )
        plan.refused = True
    elif hidden:
        plan.problems.append(ERROR_CASE_REFUSED)
        plan.refused = True


def _judge_changes(plan: ImportPlan, user: User | None) -> list[tuple[str, str, Any]]:
    """The assigned and referred judges the docket names, if the user may change them (else a
    warning that they are kept)."""
    wanted: list[tuple[str, str, Any]] = [
        ("assigned_judge", "Assigned judge", plan.assigned.judge if plan.assigned else None)
    ]
    if plan.referred and plan.referred.judge:
        wanted.append(("referred_judge", "Referred judge", plan.referred.judge))
    case = plan.case
    if case is None or permissions.can_change_case_judges(user, case):
        return wanted
    differ = [(f, label, v) for f, label, v in wanted if v is not None and getattr(case, f) != v]
    if differ:
        named = " and ".join(f"{label.lower()} {v.full_name}" for _f, label, v in differ)
        kept = " and ".join(f"{label.lower()} {getattr(case, f) or 'none'}" for f, label, _v in differ)
        plan.warnings.append(WARNING_JUDGES_KEPT % {"named": named, "kept": kept})
    return []


def _case_changes(plan: ImportPlan, user: User | None) -> None:
    docket, case = plan.docket, plan.case
    wanted: list[tuple[str, str, Any]] = [
        ("cause", "Cause", docket.cause),
        ("nature_of_suit", "Nature of suit", docket.nature_of_suit),
        ("date_filed", "Date filed", docket.date_filed),
        *_judge_changes(plan, user),
    ]
    if docket.pro_se:
        wanted.append(("pro_se", "Pro se", True))
    if docket.prisoner:
        wanted.append(("prisoner", "Prisoner", True))
    if case is None:
        plan.case_changes = [
            FieldChange("number", "Case number", None, docket.case_number),
            FieldChange("short_caption", "Short caption", None, docket.short_caption),
            *(FieldChange(f, label, None, value) for f, label, value in wanted if value not in (None, "")),
        ]
        return
    for field_name, label, value in wanted:
        if value in (None, "") and field_name not in ("pro_se", "prisoner"):
            continue  # the docket says nothing: keep what chambers have
        old = getattr(case, field_name)
        if old != value:
            plan.case_changes.append(FieldChange(field_name, label, old, value))


def _party_plans(plan: ImportPlan) -> None:
    existing = {name_key(p.name): p for p in plan.case.parties.all()} if plan.case else {}
    for parsed in plan.docket.parties:
        party = existing.get(name_key(parsed.name))
        item = PartyPlan(parsed=parsed, existing=party)
        if party is not None:
            if party.role != parsed.role:
                item.changes.append(FieldChange("role", "Role", party.get_role_display(), parsed.role))
            if party.pro_se != parsed.pro_se:
                item.changes.append(FieldChange("pro_se", "Pro se", party.pro_se, parsed.pro_se))
            for name, label in (("prisoner_number", "Prisoner number"), ("institution", "Institution")):
                value = getattr(parsed, name)
                if value and getattr(party, name) != value:
                    item.changes.append(FieldChange(name, label, getattr(party, name), value))
            if parsed.terminated and not party.terminated:
                item.changes.append(FieldChange("terminated", "Terminated", False, True))
        plan.parties.append(item)


def _entry_plans(plan: ImportPlan) -> None:
    existing = {e.number: e for e in plan.case.docket_entries.all()} if plan.case else {}
    party_keys = {name_key(p.parsed.name) for p in plan.parties}
    if plan.case:
        party_keys |= {name_key(p.name) for p in plan.case.parties.all()}
    seen: set[int] = set()
    for parsed in plan.docket.numbered_entries:
        assert parsed.number is not None
        if parsed.number in seen:
            plan.warnings.append(WARNING_DUPLICATE_ENTRY % {"number": parsed.number})
            continue
        seen.add(parsed.number)
        entry = existing.get(parsed.number)
        filer = name_key(parsed.filed_by) if parsed.filed_by else ""
        item = EntryPlan(parsed=parsed, existing=entry, filing_party_key=filer if filer in party_keys else "")
        if entry is not None:
            if entry.date_filed != parsed.date_filed:
                item.changes.append(FieldChange("date_filed", "Filed", entry.date_filed, parsed.date_filed))
            if entry.description != parsed.description:
                item.changes.append(FieldChange("description", "Text", entry.description, parsed.description))
            if entry.pending and not parsed.pending:
                item.changes.append(FieldChange("pending", "Pending", True, False))
        plan.entries.append(item)
    _match_filed_orders(plan)
    skipped = len(plan.docket.unnumbered_entries)
    if skipped:
        plan.warnings.append(
            WARNING_NO_NUMBER
            % {
                "count": skipped,
                "plural": "y" if skipped == 1 else "ies",
                "pronoun": "it is" if skipped == 1 else "they are",
            }
        )


def _match_filed_orders(plan: ImportPlan) -> None:
    """New order entries that are orders filed here without their docket number (see the rules)."""
    if plan.case is None:
        return
    unnumbered = list(
        Order.objects.filter(case=plan.case, status=Order.Status.FILED)
        .filter(filed_docket_number__isnull=True, filed_entry__isnull=True)
        .order_by("date", "pk")
    )
    for item in plan.entries:
        if item.existing is not None or item.parsed.kind != EntryKind.ORDER or not unnumbered:
            continue
        text = " ".join(item.parsed.description.upper().split())
        for order in unnumbered:
            signed = order.date is None or item.parsed.date_filed >= order.date
            if signed and text.startswith(" ".join(order.title.upper().split())):
                item.filed_order = order
                unnumbered.remove(order)
                break


def build_plan(docket: ParsedDocket, *, user: User | None = None, lock: bool = False) -> ImportPlan:
    """What importing ``docket`` would do now. ``lock`` takes row locks on the case (inside the
    applying transaction)."""
    court = Court.objects.filter(code=docket.court_code).first()
    plan = ImportPlan(docket=docket, court=court, case=None)
    plan.warnings.extend(docket.notes)
    if court is None:
        plan.unknown_court = True
        plan.problems.append(
            ERROR_UNKNOWN_COURT % {"name": docket.court_name or docket.court_code, "code": docket.court_code}
        )
        plan.parties = [PartyPlan(parsed=p, existing=None) for p in docket.parties]
        plan.entries = [EntryPlan(parsed=e, existing=None) for e in docket.numbered_entries]
        return plan
    judges = list(court.judges.all())
    for slot, parsed in (("assigned", docket.assigned_judge), ("referred", docket.referred_judge)):
        if parsed is None:
            continue
        judge, how = match_judge(court, parsed, judges=judges)
        match = JudgeMatch(slot=slot, parsed=parsed, judge=judge, matched_by=how)
        setattr(plan, slot, match)
        if judge is None:
            plan.unknown_judges.append(match)
            plan.problems.append(
                ERROR_UNKNOWN_JUDGE
                % {"slot": slot, "name": parsed.name, "initials": parsed.initials, "court": court.name}
            )
    if plan.referred and plan.assigned and plan.referred.judge and plan.referred.judge == plan.assigned.judge:
        plan.referred = None
    cases = Case.objects.filter(court=court, number_key=parse_case_number(docket.case_number).key)
    if lock:
        cases = cases.select_for_update(of=("self",))
    plan.case = cases.select_related("assigned_judge", "referred_judge").first()
    if user is not None:
        hidden = plan.case is not None and not permissions.can_update_case_from_docket(user, plan.case)
        if hidden:
            plan.case = None  # nothing of a case the user may not see is compared or shown
        _check_user(plan, user, hidden=hidden)
        if plan.refused:
            return plan
    _case_changes(plan, user)
    _party_plans(plan)
    _entry_plans(plan)
    return plan
