"""What the order services share: the workflow's error messages, the optimistic-locking
version claim, the save that records history, and the checks every step makes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from ..models import (
    Case,
    DocketEntry,
    Order,
)
from ..models.orders import ERROR_ENTRY_OTHER_CASE

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
