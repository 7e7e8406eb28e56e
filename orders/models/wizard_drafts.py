"""A drafting wizard's run, kept in the database from its first step until it is saved as an
order (or discarded, or cleaned away after ``WIZARD_DRAFT_DAYS`` days unfinished)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from .base import TimeStampedModel
from .cases import Case
from .courts import Judge
from .orders import Order

WIZARD_DRAFT_DAYS = 30
"""How long an unfinished wizard draft is kept after its last change (``clean_wizard_drafts``)."""


class WizardDraft(TimeStampedModel):
    """One run of the drafting wizard: its id is in the wizard's URL, so two tabs are two drafts
    and a third tab opening the same URL sees the same state. Every step's answers are stored as
    posted (formtools' step data), the review step's edited paragraphs apart; ``revision`` grows
    with every save, so a page made from an older state is recognised as stale."""

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, help_text="The id in the wizard's URL."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="wizard_drafts",
        help_text="Who drafts; only they can continue or discard it.",
    )
    judge = models.ForeignKey(
        Judge,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wizard_drafts",
        help_text="The chambers it is drafted for (the case's drafting judge), once a case is chosen.",
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wizard_drafts",
        help_text="The case chosen so far (or the case the wizard was started from).",
    )
    case_fixed = models.BooleanField(
        default=False, help_text="Started from the case's page (or an order): the case step is skipped."
    )
    order = models.ForeignKey(
        Order,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wizard_edits",
        help_text="The saved draft this wizard edits, if it edits one.",
    )
    base_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version of that order the edits start from."
    )
    order_type = models.CharField(max_length=64, blank=True, help_text="The order type's key, once chosen.")
    step = models.CharField(max_length=20, blank=True, help_text="The step the wizard is at.")
    answers = models.JSONField(
        default=dict, blank=True, help_text="Each step's answers as posted, by step name."
    )
    paragraphs = models.JSONField(
        default=dict,
        blank=True,
        help_text="The review step as typed: title, edited paragraphs (autosaved while typing).",
    )
    revision = models.PositiveIntegerField(
        default=0, help_text="Grows with every save: a page made from an older revision is stale."
    )
    saved_order = models.ForeignKey(
        Order,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The order the finished wizard saved (a second Save draft opens it).",
    )
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When it was saved as an order.")

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["user", "finished_at", "-updated_at"], name="wizarddraft_user_idx"),
            models.Index(fields=["judge", "finished_at", "-updated_at"], name="wizarddraft_judge_idx"),
            models.Index(fields=["finished_at", "updated_at"], name="wizarddraft_cleanup_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(order__isnull=True) | Q(case_fixed=True), name="wizarddraft_edit_fixes_case"
            ),
        ]

    def __str__(self) -> str:
        what = self.order_type or "new order"
        return f"wizard draft {str(self.id)[:8]} ({what}) by {self.user}"

    @property
    def finished(self) -> bool:
        return self.finished_at is not None
