"""formtools' storage backend for the drafting wizard: a ``WizardDraft`` row, not the session.

The row is found from the wizard URL's ``draft_id`` and the logged-in user (another person's
draft is a 404). formtools reads and writes ``data`` (the step, each step's answers, extra data)
during the request; ``save()`` writes it back to the row in one UPDATE, refused
(``services.WizardDraftStale``) when the row changed since the page was made.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from formtools.wizard.storage import BaseStorage

from .. import selectors, services
from ..models import WizardDraft

REVIEW_STEP = "review"


class WizardDraftStorage(BaseStorage):
    """The wizard's state on its ``WizardDraft``: the review step's answers in ``paragraphs``,
    the other steps' in ``answers``, the version of the order it edits in ``base_version``."""

    def __init__(self, prefix: str, request: HttpRequest | None = None, file_storage: Any = None) -> None:
        super().__init__(prefix, request, file_storage)
        assert request is not None and request.resolver_match is not None  # a wizard URL's request
        self.draft: WizardDraft = selectors.wizard_draft_get_for_user(
            request.user, request.resolver_match.kwargs["draft_id"]
        )
        draft = self.draft
        step_data = dict(draft.answers or {})
        if draft.paragraphs:
            step_data[REVIEW_STEP] = draft.paragraphs
        self.data: dict[str, Any] = {
            self.step_key: draft.step or None,
            self.step_data_key: step_data,
            self.step_files_key: {},
            self.extra_data_key: {"version": draft.base_version},
        }

    def save(
        self, *, case_id: int | None, judge_id: int | None, order_type: str, expected_revision: int
    ) -> int:
        """Write the state to the draft if it is still at ``expected_revision``; the new revision."""
        step_data = dict(self.data[self.step_data_key])
        paragraphs = step_data.pop(REVIEW_STEP, None) or {}
        state = services.DraftState(
            step=self.current_step or "",
            answers=step_data,
            paragraphs=paragraphs,
            base_version=(self.extra_data or {}).get("version"),
            case_id=case_id,
            judge_id=judge_id,
            order_type=order_type,
        )
        assert self.request is not None
        return services.wizard_draft_save(
            draft=self.draft, user=self.request.user, state=state, expected_revision=expected_revision
        )
