"""The one permission policy: who may do what, per role, per order status, per sealed case.

Every service in ``orders/services/`` asks this module itself (``require_order``,
``require_draft_in``, ``require``…) with the acting user, so a view that forgets a check cannot
let anything through; views ask it only to choose what to show (``order_permissions``).

Two kinds of refusal:

- **who** may not: ``NotPermitted`` (a ``PermissionDenied``), the one exception of the policy.
  ``hidden`` is set when the record belongs to a chambers the user may not see at all (another
  chambers' order, a sealed case of another chambers): the views answer 404 and say nothing of
  it (``RefusalAuditMiddleware.process_exception``); otherwise 403. The services' refusal
  wrapper writes the audit row.
- **not now**: the user's role allows the action but the order's status does not (a draft cannot
  be signed): a ``ValidationError`` whose message the page shows, so the user can act on it.

Roles are a chambers membership's (clerk, judge, read-only) and the site's administrator
(``is_superuser``). An administrator reads every audit log, imports dockets for any chambers and
changes who is assigned to or referred a case, but sees and writes orders only through a
chambers membership, like anyone else. ``user=None`` is the operator at the command line
(``manage.py import_docket``), who is not a web user and may import anything.

The rules (``ORDER_RULES``):

=====================  ===============  =============================  ================
action                 roles            statuses                       signed orders
=====================  ===============  =============================  ================
view                   every member     every                          yes
edit, delete           clerk, judge     draft                          refused
send for signature     clerk, judge     draft                          refused
recall                 clerk, judge     ready                          refused
word upload            clerk, judge     draft, ready                   refused
send back, sign        judge            ready                          refused
file                   clerk, judge     signed                         yes
amend                  clerk, judge     signed, filed                  yes
=====================  ===============  =============================  ================

Case and chambers rules: drafting (a new order, a duplicate, an amendment's target) needs a
clerk or judge of the order's judge, who must be the case's assigned or referred judge, and a
case the user can see (a sealed case: the assigned judge's chambers only). Duplicating needs
only to see the order copied, and to draft in the case it is copied to. Importing past orders
needs a case the user may draft in. Importing a docket: a clerk or judge of some chambers, or an
administrator; updating an existing case needs to see it. Changing the case's assigned or
referred judge: the assigned judge's clerk or judge, or an administrator. Audit logs: the
chambers' judge and administrators.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError

from .models import Case, ChambersMembership, Judge, Order

User = AuthUser | AnonymousUser

Role = ChambersMembership.Role
Status = Order.Status
EDITING_ROLES = (Role.CLERK, Role.JUDGE)
ALL_ROLES = (Role.CLERK, Role.JUDGE, Role.READ_ONLY)


class Action(StrEnum):
    VIEW = "view"
    DRAFT = "draft"
    EDIT = "edit"
    DELETE = "delete"
    DUPLICATE = "duplicate"
    SEND = "send"
    RECALL = "recall"
    SEND_BACK = "send_back"
    SIGN = "sign"
    FILE = "file"
    AMEND = "amend"
    WORD_UPLOAD = "word_upload"
    IMPORT_DOCKET = "import_docket"
    IMPORT_PAST_ORDERS = "import_past_orders"
    CHANGE_CASE_JUDGES = "change_case_judges"
    READ_AUDIT = "read_audit"


# --- Messages ------------------------------------------------------------------------------------

ERROR_NOT_ALLOWED = "Your role in this chambers does not allow you to {action} this order."
ERROR_NOT_FOUND = "No such record."  # never says whose, or whether it exists
ERROR_WRONG_STATUS = "This order is {status}: it cannot be {action}."
ERROR_ORDER_NOT_DRAFT = "Only a draft can be changed or deleted; this order is “%(status)s”."
ERROR_ORDER_SIGNED = (
    "This order is signed and can no longer be changed. To correct it, draft an amended order."
)
ERROR_DELETE_SIGNED = "A signed order is a court record and cannot be deleted."
ERROR_WORD_STATUS = "This order is {status}: a Word file can be taken in only while it is a draft or ready."
ERROR_CANNOT_DRAFT = (
    "Only the clerks and the judge of a chambers draft its orders; read-only members and other "
    "chambers cannot."
)
ERROR_CANNOT_IMPORT_DOCKETS = (
    "Only clerks and judges of a chambers can import dockets; read-only members cannot. "
    "Ask an administrator if you need to."
)
ERROR_CANNOT_CHANGE_JUDGES = (
    "Only the assigned judge's chambers or an administrator may change who is assigned to or "
    "referred this case."
)
ERROR_CANNOT_READ_AUDIT = "Only the judge of this chambers and administrators read its audit log."


class NotPermitted(PermissionDenied):
    """The policy's one refusal. ``hidden``: the record is another chambers' (or a sealed case's)
    and must not even be confirmed to exist (a 404, never a 403)."""

    def __init__(self, message: str, *, action: Action, hidden: bool = False) -> None:
        super().__init__(ERROR_NOT_FOUND if hidden else message)
        self.action = action
        self.hidden = hidden


@dataclass(frozen=True)
class OrderRule:
    roles: tuple[str, ...]
    statuses: tuple[str, ...]
    verb: str  # "… does not allow you to {verb} this order"
    done: str  # "… it cannot be {done}"


ORDER_RULES: dict[Action, OrderRule] = {
    Action.VIEW: OrderRule(ALL_ROLES, tuple(Status.values), "see", "seen"),
    Action.EDIT: OrderRule(EDITING_ROLES, (Status.DRAFT,), "edit", "edited"),
    Action.DELETE: OrderRule(EDITING_ROLES, (Status.DRAFT,), "delete", "deleted"),
    Action.SEND: OrderRule(EDITING_ROLES, (Status.DRAFT,), "send", "sent for signature"),
    Action.RECALL: OrderRule(EDITING_ROLES, (Status.READY,), "recall", "recalled"),
    Action.WORD_UPLOAD: OrderRule(EDITING_ROLES, (Status.DRAFT, Status.READY), "edit", "edited"),
    Action.SEND_BACK: OrderRule((Role.JUDGE,), (Status.READY,), "send back", "sent back"),
    Action.SIGN: OrderRule((Role.JUDGE,), (Status.READY,), "sign", "signed before it is sent for signature"),
    Action.FILE: OrderRule(EDITING_ROLES, (Status.SIGNED,), "file", "marked filed"),
    Action.AMEND: OrderRule(EDITING_ROLES, (Status.SIGNED, Status.FILED), "amend", "amended"),
    Action.DUPLICATE: OrderRule(ALL_ROLES, tuple(Status.values), "duplicate", "duplicated"),
}


# --- Roles ---------------------------------------------------------------------------------------


def membership_for(user: User | None, judge: Judge | int | None) -> ChambersMembership | None:
    """The user's membership in the judge's chambers, or None (cached on the user object)."""
    if user is None or judge is None or not user.is_authenticated:
        return None
    judge_id = judge if isinstance(judge, int) else judge.pk
    cache = getattr(user, "_chambers_memberships", None)
    if cache is None:
        cache = {m.judge_id: m for m in ChambersMembership.objects.filter(user=user)}
        user._chambers_memberships = cache  # type: ignore[attr-defined]  # per-request cache on the user
    return cache.get(judge_id)


def chambers_role(user: User | None, judge: Judge | int | None) -> str | None:
    """The user's role in a judge's chambers (clerk, judge, read-only), or None."""
    membership = membership_for(user, judge)
    return membership.role if membership else None


def is_administrator(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.is_superuser


# --- Orders --------------------------------------------------------------------------------------


def can_view_order(user: User | None, order: Order) -> bool:
    """A member of the order's chambers in any role; a sealed case's orders only for members of
    the assigned judge's chambers too (as ``selectors.orders_for_user``)."""
    if chambers_role(user, order.judge_id) is None:
        return False
    return not order.case.sealed or membership_for(user, order.case.assigned_judge_id) is not None


def role_allows(user: User | None, action: Action, order: Order) -> bool:
    """The user sees the order and their role in its chambers allows ``action`` (any status)."""
    rule = ORDER_RULES[action]
    return can_view_order(user, order) and chambers_role(user, order.judge_id) in rule.roles


def order_allowed(user: User | None, action: Action, order: Order) -> bool:
    """``role_allows`` and the order's status allows ``action`` now."""
    return role_allows(user, action, order) and order.status in ORDER_RULES[action].statuses


def require_order(user: User | None, action: Action, order: Order) -> None:
    """Refuse ``action`` on ``order`` for ``user``: ``NotPermitted`` (hidden for an order the user
    may not see; else a 403) or ``ValidationError`` when only the status stands in the way."""
    rule = ORDER_RULES[action]
    if not can_view_order(user, order):
        raise NotPermitted(ERROR_NOT_FOUND, action=action, hidden=True)
    signed_ok = Status.SIGNED in rule.statuses
    if order.is_signed and not signed_ok:
        raise ValidationError(ERROR_DELETE_SIGNED if action == Action.DELETE else ERROR_ORDER_SIGNED)
    if chambers_role(user, order.judge_id) not in rule.roles:
        raise NotPermitted(ERROR_NOT_ALLOWED.format(action=rule.verb), action=action)
    if order.status not in rule.statuses:
        raise ValidationError(_status_message(action, order))


def _status_message(action: Action, order: Order) -> str:
    status = order.get_status_display()
    if action in (Action.EDIT, Action.DELETE):
        return ERROR_ORDER_NOT_DRAFT % {"status": status}
    if action == Action.WORD_UPLOAD:
        return ERROR_WORD_STATUS.format(status=status.lower())
    return ERROR_WRONG_STATUS.format(status=status.lower(), action=ORDER_RULES[action].done)


# --- Cases: drafting, duplicating, importing --------------------------------------------------------


def can_see_case(user: User | None, case: Case) -> bool:
    """Assigned or referred to a judge the user works for; a sealed case only for the assigned
    judge's chambers (as ``selectors.cases_for_user``, from the user's cached visibility)."""
    from .selectors.visibility import visibility_for  # the selectors ask this module too

    if user is None or not user.is_authenticated:
        return False
    judge_ids = visibility_for(user).judge_ids
    if case.assigned_judge_id in judge_ids:
        return True
    return case.referred_judge_id in judge_ids and not case.sealed


def can_draft_for(user: User | None, judge: Judge | int | None) -> bool:
    """Clerks and the judge draft orders for their chambers; read-only members do not."""
    return chambers_role(user, judge) in EDITING_ROLES


def can_draft_in(user: User | None, case: Case, judge: Judge | None = None) -> bool:
    """The user may draft an order of ``judge`` (default: the case's assigned judge) in ``case``."""
    judge_id = judge.pk if judge is not None else case.assigned_judge_id
    # (That the judge is the case's assigned or referred judge is the model's rule: a form error.)
    return can_draft_for(user, judge_id) and can_see_case(user, case)


def require_draft_in(
    user: User | None, case: Case, judge: Judge | None = None, *, action: Action = Action.DRAFT
) -> None:
    """Refuse a new order in ``case``: hidden when the user may not see the case at all."""
    if not can_see_case(user, case):
        raise NotPermitted(ERROR_NOT_FOUND, action=action, hidden=True)
    if not can_draft_in(user, case, judge):
        raise NotPermitted(ERROR_CANNOT_DRAFT, action=action)


def require_duplicate(user: User | None, order: Order, case: Case, judge: Judge | None) -> None:
    """Duplicate ``order`` into ``case``: see the order copied, and draft in the case."""
    require_order(user, Action.DUPLICATE, order)
    require_draft_in(user, case, judge, action=Action.DUPLICATE)


def can_import_dockets(user: User | None) -> bool:
    """Clerks and judges of some chambers, administrators, and the command line (``None``)."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return ChambersMembership.objects.filter(user=user, role__in=EDITING_ROLES).exists()


def require_import_dockets(user: User | None) -> None:
    if not can_import_dockets(user):
        raise NotPermitted(ERROR_CANNOT_IMPORT_DOCKETS, action=Action.IMPORT_DOCKET)


def can_update_case_from_docket(user: User | None, case: Case) -> bool:
    """Updating an existing case from a docket: the user must see the case (administrators and
    the command line may update any)."""
    return user is None or is_administrator(user) or can_see_case(user, case)


def can_change_case_judges(user: User | None, case: Case) -> bool:
    """Who is assigned to or referred a case: the assigned judge's clerk or judge, an
    administrator, or the command line."""
    if user is None or is_administrator(user):
        return True
    return chambers_role(user, case.assigned_judge_id) in EDITING_ROLES


def importing_judge_ids(user: User | None) -> set[int]:
    """Judges in whose chambers the user is a clerk or judge (drafts and imports for)."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        ChambersMembership.objects.filter(user=user, role__in=EDITING_ROLES).values_list(
            "judge_id", flat=True
        )
    )


def can_import_past_orders(user: User | None) -> bool:
    return bool(importing_judge_ids(user))


# --- Audit logs ------------------------------------------------------------------------------------


def can_read_audit(user: User | None, judge: Judge | int) -> bool:
    """The audit log of a chambers: its judge, and the site's administrators."""
    return is_administrator(user) or chambers_role(user, judge) == Role.JUDGE


def require_read_audit(user: User | None, judge: Judge | int, *, hidden: bool = False) -> None:
    if not can_read_audit(user, judge):
        raise NotPermitted(ERROR_CANNOT_READ_AUDIT, action=Action.READ_AUDIT, hidden=hidden)


# --- What the pages offer ---------------------------------------------------------------------------


def order_permissions(user: User, order: Order) -> dict[str, bool]:
    """Every action on the order at once, for templates (derived from the rules above)."""
    can = {action.value: order_allowed(user, action, order) for action in ORDER_RULES}
    can["duplicate"] = can["duplicate"] and bool(importing_judge_ids(user))
    can["audit"] = can_read_audit(user, order.judge_id)
    return can
