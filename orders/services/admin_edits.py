"""Changes made in the Django admin: saved through here, so each is checked and audited like any
other write. The admin never sets an order's status (only the workflow services do), never
changes a signed order, and every change is one audit row naming the fields, old → new."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from ..models import AuditAction, Case, Order
from ..permissions import ERROR_ORDER_SIGNED, Action, NotPermitted
from ._common import User, _claim_version, _save_with_history
from .audit import audit_record

ERROR_ADMIN_STATUS = (
    "An order's status changes only through its workflow (send, sign, file): not in the admin."
)
ERROR_ADMIN_ONLY = "Only the site's staff change records in the admin."
ADMIN_AUDITED_FIELDS_MAX = 12
Changes = dict[str, tuple[Any, Any]]  # field → (old, new)


def _judge_of(obj: models.Model) -> int | None:
    """Whose chambers' audit log a record's change belongs in."""
    if isinstance(obj, Order):
        return obj.judge_id
    if isinstance(obj, Case):
        return obj.assigned_judge_id
    case = getattr(obj, "case", None)
    if isinstance(case, Case):
        return case.assigned_judge_id
    judge_id = getattr(obj, "judge_id", None)
    return judge_id if isinstance(judge_id, int) else None


def _describe(obj: models.Model, changes: Changes, *, created: bool) -> str:
    what = f"{obj._meta.verbose_name} “{str(obj)[:200]}”"
    if created:
        return f"{what} added in the admin"
    fields = [f"{name}: {old!s:.80} → {new!s:.80}" for name, (old, new) in changes.items()]
    more = len(fields) - ADMIN_AUDITED_FIELDS_MAX
    listed = "; ".join(fields[:ADMIN_AUDITED_FIELDS_MAX]) + (f"; and {more} more" if more > 0 else "")
    return f"{what} changed in the admin: {listed or 'nothing'}"


def _check_staff(user: User) -> None:
    if not (user.is_active and user.is_staff):
        raise NotPermitted(ERROR_ADMIN_ONLY, action=Action.EDIT)


@transaction.atomic
def admin_record_save(
    *,
    user: User,
    obj: models.Model,
    changes: Changes,
    created: bool,
    ip: str | None = None,
) -> models.Model:
    """Save a record changed in the admin (``changes``: field → (old, new)), audited."""
    _check_staff(user)
    if isinstance(obj, Order):
        return admin_order_save(user=user, order=obj, changes=changes, created=created, ip=ip)
    obj.full_clean()
    obj.save()
    audit_record(
        user=user,
        action=AuditAction.ADMIN_EDIT,
        judge_id=_judge_of(obj),
        ip=ip,
        detail=_describe(obj, changes, created=created),
    )
    return obj


@transaction.atomic
def admin_order_save(
    *, user: User, order: Order, changes: Changes, created: bool, ip: str | None = None
) -> Order:
    """An order added or changed in the admin: never its status, never once signed; the version
    is claimed (a page holding the older version is refused on its next save)."""
    _check_staff(user)
    if "status" in changes or (created and order.status != Order.Status.DRAFT):
        raise ValidationError(ERROR_ADMIN_STATUS)
    if created:
        order.created_by = user
        _save_with_history(order, user=user, reason="added in the admin")
    else:
        if Order.objects.filter(pk=order.pk, status__in=[Order.Status.SIGNED, Order.Status.FILED]).exists():
            raise ValidationError(ERROR_ORDER_SIGNED)
        expected = order.version
        _claim_version(order, expected)
        _save_with_history(order, user=user, reason="changed in the admin")
    audit_record(
        user=user,
        action=AuditAction.ADMIN_EDIT,
        order=order,
        ip=ip,
        detail=_describe(order, changes, created=created),
    )
    return order


@transaction.atomic
def admin_record_delete(*, user: User, obj: models.Model, ip: str | None = None) -> None:
    """Delete a record in the admin (a signed order never: the admin does not offer it), audited."""
    _check_staff(user)
    if isinstance(obj, Order) and obj.is_signed:
        raise ValidationError(ERROR_ORDER_SIGNED)
    audit_record(
        user=user,
        action=AuditAction.ADMIN_EDIT,
        order=obj if isinstance(obj, Order) else None,
        judge_id=_judge_of(obj),
        ip=ip,
        detail=f"{obj._meta.verbose_name} “{str(obj)[:200]}” deleted in the admin",
    )
    obj.delete()
