"""Which actions the pages offer for an order the user can see: the names the templates, views
and tests have used, each answered by the one policy (``orders.permissions``)."""

from __future__ import annotations

from django.db.models import QuerySet

from .. import permissions
from ..models import Judge, Order
from ..permissions import EDITING_ROLES, Action, Role, can_read_audit, membership_for, order_permissions
from .visibility import User

__all__ = [
    "EDITING_ROLES",
    "Role",
    "can_amend",
    "can_draft",
    "can_edit",
    "can_mark_filed",
    "can_read_audit",
    "can_recall",
    "can_send_back",
    "can_send_for_signature",
    "can_sign",
    "can_view",
    "judges_user_may_import_for",
    "membership_for",
    "order_permissions",
    "role_for",
    "user_can_import_dockets",
]


def role_for(user: User, order: Order) -> str | None:
    """The user's role in the chambers that owns the order, or None."""
    return permissions.chambers_role(user, order.judge_id)


def can_view(user: User, order: Order) -> bool:
    return permissions.can_view_order(user, order)


def can_edit(user: User, order: Order) -> bool:
    return permissions.order_allowed(user, Action.EDIT, order)


def can_draft(user: User, judge: Judge | int) -> bool:
    return permissions.can_draft_for(user, judge)


def can_send_for_signature(user: User, order: Order) -> bool:
    return permissions.order_allowed(user, Action.SEND, order)


def can_recall(user: User, order: Order) -> bool:
    """A clerk (or the judge) takes back an order sent for signature, to change it: ready → draft."""
    return permissions.order_allowed(user, Action.RECALL, order)


def can_sign(user: User, order: Order) -> bool:
    """The user's role signs this chambers' orders (whatever the order's status)."""
    return permissions.role_allows(user, Action.SIGN, order)


def can_send_back(user: User, order: Order) -> bool:
    return permissions.order_allowed(user, Action.SEND_BACK, order)


def can_mark_filed(user: User, order: Order) -> bool:
    return permissions.order_allowed(user, Action.FILE, order)


def can_amend(user: User, order: Order) -> bool:
    return permissions.order_allowed(user, Action.AMEND, order)


def user_can_import_dockets(user: User) -> bool:
    return user.is_authenticated and permissions.can_import_dockets(user)


def judges_user_may_import_for(user: User) -> QuerySet[Judge]:
    """Judges in whose chambers the user may add orders (clerk or judge, not read-only)."""
    return Judge.objects.filter(pk__in=permissions.importing_judge_ids(user)).select_related("court")
