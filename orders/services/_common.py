"""What the order services share: the workflow's error messages, the optimistic-locking
version claim, the save that records history, and the checks every step makes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from ..models import (
    Case,
    DocketEntry,
    Order,
)
from ..models.orders import ERROR_ENTRY_OTHER_CASE
from ..permissions import ERROR_ORDER_SIGNED

ERROR_VERSION_CONFLICT = (
    "Someone else saved this order while you were editing it (you edited version {yours}; it is now "
    "version {theirs}, saved by {who}). Nothing of yours was saved: see what they changed, then "
    "make your changes again."
)
ERROR_COMMENT_REQUIRED = "Say what should change: a comment is required to send an order back."
ERROR_SIGNATURE_CHOICE = "Choose the conformed “/s/” signature or the empty digital signature field."
ERROR_SIGN_IN_READER = (
    "To sign digitally, download the signing copy, sign it in a PDF reader and upload the signed "
    "file: the app verifies the signature before it freezes the file."
)
ERROR_FILING_PREFLIGHT = "The filing copy cannot be filed: {problems}"

User = AuthUser  # services act for a signed-in user (the views are behind LoginRequiredMiddleware)
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
        from ..diffs import version_diff

        base = self.current.history.filter(version=self.yours).order_by("-history_id").first()
        return version_diff(base, self.current) if base is not None else []


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
    order._change_reason = reason[:100]  # type: ignore[attr-defined]  # django-simple-history's
    if user is not None and user.is_authenticated:
        order._history_user = user  # type: ignore[attr-defined]  # documented per-save attributes
    order.full_clean()
    order.save()


def _check_entries_in_case(case: Case, entries: Iterable[DocketEntry]) -> list[DocketEntry]:
    entries = list(entries)
    for entry in entries:
        if entry.case_id != case.pk:
            raise ValidationError({"docket_entries": ERROR_ENTRY_OTHER_CASE.format(number=entry.number)})
    return entries
