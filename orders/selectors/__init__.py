"""Reads, by domain: what a user may see, and the lookups the pages need.

Import from here (``from orders import selectors``): every public name of the modules below is
re-exported.

- ``visibility``: chambers isolation (``visibility_for(user)``, ``cases_for_user``,
  ``orders_for_user``, the ``*_get_for_user`` helpers that answer 404);
- ``roles``: which actions the pages offer for an order the user can see;
- ``lookups``: cases by number or name, pending entries, recent orders, drafts;
- ``audit``: the audit log of an order or a chambers;
- ``queue``: the chambers' pending motions (age, ask, order in progress, CJRA flag), the orders
  awaiting the judge's signature, the drafts sent back;
- ``wizard_drafts``: the drafting wizard's drafts (one for its owner, the unfinished ones).
"""

from .audit import (
    audit_events_for_judge,
    audit_events_for_order,
)
from .lookups import (
    MOTION_KINDS,
    case_find_by_number,
    cases_search_for_user,
    drafts_for_user,
    imported_file_of,
    parties_of_case,
    pending_entries_for_case,
    pending_entries_for_user,
    recent_orders_for_user,
)
from .queue import (
    IN_PROGRESS,
    Queue,
    QueueRow,
    awaiting_signature_for_user,
    chambers_judge_for_user,
    chambers_queue,
    orders_in_progress,
    pending_motions_of_chambers,
    send_back_comment,
    sent_back_for_user,
    what_is_asked,
    with_orders_in_progress,
)
from .roles import (
    EDITING_ROLES,
    Role,
    can_amend,
    can_draft,
    can_edit,
    can_mark_filed,
    can_read_audit,
    can_recall,
    can_send_back,
    can_send_for_signature,
    can_sign,
    can_view,
    judges_user_may_import_for,
    membership_for,
    order_permissions,
    role_for,
    user_can_import_dockets,
)
from .visibility import (
    User,
    Visibility,
    case_get_for_user,
    cases_for_user,
    docket_upload_get_for_user,
    drafting_judge,
    judges_for_user,
    order_get_for_user,
    orders_for_user,
    orders_visible,
    visibility_for,
)
from .wizard_drafts import (
    wizard_draft_get_for_user,
    wizard_drafts_for_user,
    wizard_drafts_of_chambers,
)

__all__ = [
    "EDITING_ROLES",
    "IN_PROGRESS",
    "MOTION_KINDS",
    "Queue",
    "QueueRow",
    "Role",
    "User",
    "Visibility",
    "audit_events_for_judge",
    "audit_events_for_order",
    "awaiting_signature_for_user",
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
    "case_find_by_number",
    "case_get_for_user",
    "cases_for_user",
    "cases_search_for_user",
    "chambers_judge_for_user",
    "chambers_queue",
    "docket_upload_get_for_user",
    "drafting_judge",
    "drafts_for_user",
    "imported_file_of",
    "judges_for_user",
    "judges_user_may_import_for",
    "membership_for",
    "order_get_for_user",
    "order_permissions",
    "orders_for_user",
    "orders_in_progress",
    "orders_visible",
    "parties_of_case",
    "pending_entries_for_case",
    "pending_entries_for_user",
    "pending_motions_of_chambers",
    "recent_orders_for_user",
    "role_for",
    "send_back_comment",
    "sent_back_for_user",
    "user_can_import_dockets",
    "visibility_for",
    "what_is_asked",
    "with_orders_in_progress",
    "wizard_draft_get_for_user",
    "wizard_drafts_for_user",
    "wizard_drafts_of_chambers",
]
