"""The unfinished wizard drafts shown on the drafts page: the user's own (to resume or
discard) and, read-only, their colleagues' in the same chambers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .. import selectors
from ..http import AuthenticatedRequest
from ..models import WizardDraft
from .texts import STEP_LABELS
from .values import order_type_or_none

MAX_LISTED = 100


@dataclass(frozen=True)
class UnfinishedDraft:
    draft: WizardDraft
    url: str
    discard_url: str
    step: str
    order_type: Any

    @property
    def case(self) -> Any:
        return self.draft.case


def _row(draft: WizardDraft) -> UnfinishedDraft:
    return UnfinishedDraft(
        draft=draft,
        url=reverse("orders:wizard", args=[draft.pk]),
        discard_url=reverse("orders:wizard_discard", args=[draft.pk]),
        step=STEP_LABELS.get(draft.step, "Not started"),
        order_type=order_type_or_none(draft.order_type) if draft.order_type else None,
    )


def unfinished_drafts(request: AuthenticatedRequest) -> dict[str, list[UnfinishedDraft]]:
    """``{"mine": […], "chambers": […]}``. A wizard opened and left without a single answer
    (revision 1: only its first step shown) is not listed: there is nothing in it to resume."""
    mine = selectors.wizard_drafts_for_user(request.user).filter(revision__gt=1)[:MAX_LISTED]
    theirs = selectors.wizard_drafts_of_chambers(request.user).filter(revision__gt=1)[:MAX_LISTED]
    return {"mine": [_row(d) for d in mine], "chambers": [_row(d) for d in theirs]}
