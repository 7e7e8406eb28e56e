"""Reads of the drafting wizard's drafts: one draft for its owner, the unfinished ones for the
drafts page (the user's own, and read-only those of their chambers)."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from ..models import WizardDraft
from .visibility import User, visibility_for


def wizard_draft_get_for_user(user: User, draft_id: uuid.UUID | str) -> WizardDraft:
    """The user's own wizard draft, or 404: another person's draft is not confirmed to exist."""
    if not user.is_authenticated:
        raise Http404
    try:
        return WizardDraft.objects.get(pk=draft_id, user=user)
    except (WizardDraft.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _unfinished() -> QuerySet[WizardDraft]:
    return WizardDraft.objects.filter(finished_at__isnull=True).select_related(
        "case", "user", "judge", "order"
    )


def wizard_drafts_for_user(user: User) -> QuerySet[WizardDraft]:
    """The user's unfinished wizard drafts, most recently changed first."""
    if not user.is_authenticated:
        return WizardDraft.objects.none()
    return _unfinished().filter(user=user).order_by("-updated_at")


def wizard_drafts_of_chambers(user: User) -> QuerySet[WizardDraft]:
    """Colleagues' unfinished wizard drafts in the user's chambers (a case chosen), read-only."""
    if not user.is_authenticated:
        return WizardDraft.objects.none()
    visibility = visibility_for(user)
    drafts = _unfinished().filter(judge_id__in=visibility.judge_ids).exclude(user=user)
    if visibility.hidden_case_ids:
        drafts = drafts.exclude(case_id__in=visibility.hidden_case_ids)
    return drafts.order_by("-updated_at")
