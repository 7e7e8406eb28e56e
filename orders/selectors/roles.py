"""Who may do what to an order the user can see (the pages' offers and the services' checks)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import (
    ChambersMembership,
    Judge,
    Order,
)
from .visibility import User

# --- Permissions: the one place that says who may do what to an order. ----------------------
# Visibility (may the user see the order at all?) is the querysets above and below; an order the
# user may not see is a 404. The helpers here decide, for an order the user can see, which
# actions the pages offer and the services accept.

Role = ChambersMembership.Role
EDITING_ROLES = (Role.CLERK, Role.JUDGE)


def membership_for(user: User, judge: Judge | int) -> ChambersMembership | None:
    """The user's membership in the judge's chambers, or None (cached on the user object)."""
    if not user.is_authenticated:
        return None
    judge_id = judge if isinstance(judge, int) else judge.pk
    cache = getattr(user, "_chambers_memberships", None)
    if cache is None:
        cache = {m.judge_id: m for m in ChambersMembership.objects.filter(user=user)}
        user._chambers_memberships = cache  # type: ignore[attr-defined]  # per-request cache on the user
    return cache.get(judge_id)


def role_for(user: User, order: Order) -> str | None:
    """The user's role in the chambers that owns the order, or None."""
    membership = membership_for(user, order.judge_id)
    return membership.role if membership else None


def can_view(user: User, order: Order) -> bool:
    """Member of the order's chambers in any role (sealed cases: see ``orders_for_user``)."""
    if role_for(user, order) is None:
        return False
    return not order.case.sealed or membership_for(user, order.case.assigned_judge_id) is not None


def can_edit(user: User, order: Order) -> bool:
    """Clerks and the judge may change a draft; once sent for signature it is sent back to be
    changed, and once signed never."""
    return (
        can_view(user, order)
        and role_for(user, order) in EDITING_ROLES
        and order.status == Order.Status.DRAFT
    )


def can_draft(user: User, judge: Judge | int) -> bool:
    """Clerks and the judge draft new orders for their chambers; read-only members do not."""
    membership = membership_for(user, judge)
    return membership is not None and membership.role in EDITING_ROLES


def can_send_for_signature(user: User, order: Order) -> bool:
    return can_edit(user, order) and order.status == Order.Status.DRAFT


def can_recall(user: User, order: Order) -> bool:
    """A clerk (or the judge) takes back an order sent for signature, to change it: ready → draft."""
    return (
        can_view(user, order)
        and role_for(user, order) in EDITING_ROLES
        and order.status == Order.Status.READY
    )


def can_sign(user: User, order: Order) -> bool:
    """Only a member with the judge role in the order's chambers signs, once it is ready."""
    return can_view(user, order) and role_for(user, order) == Role.JUDGE


def can_send_back(user: User, order: Order) -> bool:
    return can_sign(user, order) and order.status == Order.Status.READY


def can_mark_filed(user: User, order: Order) -> bool:
    return (
        can_view(user, order)
        and role_for(user, order) in EDITING_ROLES
        and order.status == Order.Status.SIGNED
    )


def can_amend(user: User, order: Order) -> bool:
    """A correction is a new draft linked to a signed order."""
    return can_view(user, order) and role_for(user, order) in EDITING_ROLES and order.is_signed


def can_read_audit(user: User, judge: Judge | int) -> bool:
    """The audit log of a chambers: its judge, and the site's administrators."""
    if user.is_authenticated and user.is_superuser:
        return True
    membership = membership_for(user, judge)
    return membership is not None and membership.role == Role.JUDGE


def order_permissions(user: User, order: Order) -> dict[str, bool]:
    """Every permission at once, for templates."""
    return {
        "view": can_view(user, order),
        "edit": can_edit(user, order),
        "send": can_send_for_signature(user, order),
        "sign": can_sign(user, order) and order.status == Order.Status.READY,
        "send_back": can_send_back(user, order),
        "recall": can_recall(user, order),
        "file": can_mark_filed(user, order),
        "amend": can_amend(user, order),
        "audit": can_read_audit(user, order.judge_id),
        "word_upload": can_view(user, order)
        and role_for(user, order) in EDITING_ROLES
        and order.status in (Order.Status.DRAFT, Order.Status.READY),
    }


def user_can_import_dockets(user: User) -> bool:
    """Clerks and judges (not read-only members) import dockets and add the courts and judges a
    docket names; administrators too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return ChambersMembership.objects.filter(
        user=user, role__in=[ChambersMembership.Role.CLERK, ChambersMembership.Role.JUDGE]
    ).exists()


def judges_user_may_import_for(user: User) -> QuerySet[Judge]:
    """Judges in whose chambers the user may add orders (clerk or judge, not read-only)."""
    if not user.is_authenticated:
        return Judge.objects.none()
    return (
        Judge.objects.filter(memberships__user=user, memberships__role__in=["clerk", "judge"])
        .select_related("court")
        .distinct()
    )
