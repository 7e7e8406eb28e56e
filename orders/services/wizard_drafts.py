"""The drafting wizard's drafts: started, saved step by step, finished as an order, discarded,
cleaned away after ``WIZARD_DRAFT_DAYS`` days unfinished.

A wizard draft is the user's work in progress, not a court record: its saves are not audited
(the order it becomes is, from its creation on). Only its owner may save, finish or discard it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import WIZARD_DRAFT_DAYS, Case, Judge, Order, WizardDraft
from ._common import User

ERROR_DRAFT_NOT_YOURS = "Only the person who started this draft can change it."
ERROR_DRAFT_FINISHED = "This draft was already saved as an order."
ERROR_DRAFT_STALE = (
    "This draft was changed in another tab or window after this page was loaded, so nothing from "
    "this page was saved."
)

# The foreign keys come from the visibility selectors (the user's own case, judge and order):
# ``full_clean`` does not look each of them up again.
_LOADED_KEYS = ["user", "judge", "case", "order", "saved_order"]


class WizardDraftStale(ValidationError):
    """The draft changed (another tab, the browser's Back button) since the page was made."""

    def __init__(self, *, current: WizardDraft) -> None:
        super().__init__(ERROR_DRAFT_STALE, code="stale")
        self.current = current


def _check_owner(draft: WizardDraft, user: User) -> None:
    if draft.user_id != user.pk:
        raise PermissionDenied(ERROR_DRAFT_NOT_YOURS)


def wizard_draft_start(
    *, user: User, case: Case | None = None, order: Order | None = None, judge: Judge | None = None
) -> WizardDraft:
    """A new wizard run: empty, in ``case`` (the case step is then skipped), or editing ``order``
    (from its current version). The wizard fills in its first step."""
    if order is not None:
        case = order.case
    draft = WizardDraft(
        user=user,
        case=case,
        case_fixed=case is not None,
        judge=judge,
        order=order,
        base_version=order.version if order is not None else None,
        order_type=order.order_type if order is not None else "",
    )
    draft.full_clean(exclude=_LOADED_KEYS)
    draft.save(force_insert=True)  # one INSERT: its own transaction
    return draft


@dataclass(frozen=True)
class DraftState:
    """What the wizard stores: its step, each step's answers, the review step as typed."""

    step: str
    answers: dict[str, Any]
    paragraphs: dict[str, Any]
    base_version: int | None
    case_id: int | None
    judge_id: int | None
    order_type: str


def wizard_draft_save(*, draft: WizardDraft, user: User, state: DraftState, expected_revision: int) -> int:
    """Store the wizard's state if the draft is still at ``expected_revision`` (else
    ``WizardDraftStale``, nothing saved); return the new revision. One UPDATE, so two tabs
    saving at once cannot both win."""
    _check_owner(draft, user)
    if draft.finished:
        raise ValidationError(ERROR_DRAFT_FINISHED, code="finished")
    draft.step, draft.answers, draft.paragraphs = state.step, state.answers, state.paragraphs
    draft.base_version, draft.order_type = state.base_version, state.order_type
    if not draft.case_fixed:
        draft.case_id = state.case_id
    draft.judge_id = state.judge_id if draft.case_id is not None else None
    # The one check constraint is about how the draft was started, which a save never changes.
    draft.full_clean(exclude=_LOADED_KEYS, validate_constraints=False)
    now = timezone.now()
    fields = {
        "step": draft.step,
        "answers": draft.answers,
        "paragraphs": draft.paragraphs,
        "base_version": draft.base_version,
        "order_type": draft.order_type,
        "case_id": draft.case_id,
        "judge_id": draft.judge_id,
        "revision": expected_revision + 1,
        "updated_at": now,
    }
    # One UPDATE statement: its own transaction, and the revision check and the write in one.
    claimed = WizardDraft.objects.filter(
        pk=draft.pk, revision=expected_revision, finished_at__isnull=True
    ).update(**fields)
    if not claimed:
        raise WizardDraftStale(current=WizardDraft.objects.get(pk=draft.pk))
    draft.revision, draft.updated_at = expected_revision + 1, now
    return draft.revision


def wizard_draft_finish(*, draft: WizardDraft, user: User, save_order: Any) -> tuple[Order, bool]:
    """Save the draft as an order with ``save_order()`` (``order_draft_create`` or
    ``order_update``, called here) and mark it finished, in one transaction. Returns the order
    and whether it was saved now; a draft already finished (a double click, a second tab)
    returns its order without saving anything again.

    A refusal of ``save_order`` (a version conflict, a permission) is re-raised after the
    transaction, so the refusal's audit row is kept and nothing else is changed."""
    _check_owner(draft, user)
    refused: Exception | None = None
    with transaction.atomic():
        locked = (
            WizardDraft.objects.select_for_update(of=("self",)).select_related("saved_order").get(pk=draft.pk)
        )
        if locked.finished and locked.saved_order is not None:
            return locked.saved_order, False
        if locked.finished:
            raise ValidationError(ERROR_DRAFT_FINISHED, code="finished")
        try:
            # Each of the order services is its own (nested) transaction: a refusal rolls back
            # its changes but keeps its audit row, which this transaction then commits.
            order = save_order()
        except (ValidationError, PermissionDenied) as error:
            refused = error
        else:
            locked.saved_order, locked.finished_at = order, timezone.now()
            locked.save(update_fields=["saved_order", "finished_at", "updated_at"])
    if refused is not None:
        raise refused
    draft.saved_order, draft.finished_at = locked.saved_order, locked.finished_at
    return order, True


@transaction.atomic
def wizard_draft_discard(*, draft: WizardDraft, user: User) -> None:
    """Delete an unfinished draft (its owner only)."""
    _check_owner(draft, user)
    if draft.finished:
        raise ValidationError(ERROR_DRAFT_FINISHED, code="finished")
    draft.delete()


@transaction.atomic
def wizard_drafts_clean(*, days: int = WIZARD_DRAFT_DAYS, now: datetime.datetime | None = None) -> int:
    """Delete the wizard drafts unchanged for ``days`` days (finished or not); how many."""
    if days < 1:
        raise ValidationError("Keep wizard drafts at least one day.", code="days")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = WizardDraft.objects.filter(updated_at__lt=cutoff).delete()
    return deleted
