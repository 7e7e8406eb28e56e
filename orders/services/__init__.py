"""Writes, by domain. Each function is one transaction, validates with ``full_clean()`` before
saving, and raises ``django.core.exceptions.ValidationError`` with a message a user can act on.

Import from here (``from orders import services``; ``services.order_sign(...)``): every public
name of the modules below is re-exported.

- ``records``: courts, judges, memberships, cases, parties, docket entries, a new order;
- ``dockets``: CM/ECF docket import (upload, preview, apply, missing courts and judges);
- ``drafting``: an order drafted from its type, edits of a draft, deletion, duplicate;
- ``workflow``: send for signature, send back, recall, sign, mark filed, amend;
- ``docket_loop``: what a signed order decides on the docket, and the filed order's own entry;
- ``signing``: the signing copy for a PDF reader, and the signed upload verified and frozen;
- ``past_orders``: import of past orders from their text or file;
- ``audit``: the audit log;
- ``word``: an edited Word file of an order saved as its next version;
- ``wizard_drafts``: the drafting wizard's drafts (started, saved, finished, discarded, cleaned).
"""

from ..permissions import (
    ERROR_DELETE_SIGNED,
    ERROR_NOT_ALLOWED,
    ERROR_ORDER_NOT_DRAFT,
    ERROR_ORDER_SIGNED,
    ERROR_WORD_STATUS,
    ERROR_WRONG_STATUS,
    NotPermitted,
)
from ._common import (
    ERROR_COMMENT_REQUIRED,
    ERROR_FILING_PREFLIGHT,
    ERROR_SIGN_IN_READER,
    ERROR_SIGNATURE_CHOICE,
    ERROR_VERSION_CONFLICT,
    OrderVersionConflict,
    Signature,
    User,
)
from .admin_edits import (
    ERROR_ADMIN_STATUS,
    admin_order_save,
    admin_record_delete,
    admin_record_save,
)
from .audit import (
    audit_record,
    order_refuse,
)
from .docket_loop import (
    ERROR_DOCKET_NUMBER_OTHER_ORDER,
    ERROR_DOCKET_NUMBER_TAKEN,
    disposition_of,
)
from .dockets import (
    ERROR_COURT_EXISTS,
    ERROR_IMPORT_CHANGED,
    DocketImportResult,
    court_create_for_docket,
    docket_add_missing,
    docket_import_apply,
    docket_import_preview,
    docket_judge_add,
    docket_upload_create,
    docket_upload_parse,
)
from .drafting import (
    ERROR_BODY_BLANK,
    ERROR_DUPLICATE_NO_ENTRY,
    ERROR_ENTRIES_REQUIRED,
    ERROR_UNKNOWN_ORDER_TYPE,
    order_delete,
    order_draft_create,
    order_duplicate,
    order_update,
)
from .past_orders import (
    ERROR_IMPORT_CASE_NOT_YOURS,
    ERROR_IMPORT_JUDGE_NOT_ON_CASE,
    ERROR_IMPORT_JUDGE_NOT_YOURS,
    ERROR_IMPORT_NO_CASE_NUMBER,
    ERROR_IMPORT_NO_COURT,
    ERROR_IMPORT_NO_JUDGE,
    IMPORTED_ORDER_TYPE,
    ImportOutcome,
    ImportRefused,
    order_import,
    order_import_file,
)
from .records import (
    ERROR_PARTY_POSITION_TAKEN,
    case_create,
    court_create,
    docket_entry_create,
    judge_create,
    membership_create,
    order_create,
    party_create,
)
from .signing import ERROR_UPLOAD_REFUSED, order_sign_uploaded, order_signing_copy
from .wizard_drafts import (
    ERROR_DRAFT_FINISHED,
    ERROR_DRAFT_NOT_YOURS,
    ERROR_DRAFT_STALE,
    DraftState,
    WizardDraftStale,
    wizard_draft_discard,
    wizard_draft_finish,
    wizard_draft_save,
    wizard_draft_start,
    wizard_drafts_clean,
)
from .word import (
    ERROR_WORD_FOOTNOTES,
    ERROR_WORD_UNCHANGED,
    order_check_word_upload,
    order_update_from_word,
    proposed_order_draft_create,
)
from .workflow import (
    AMENDED_PREFIX,
    ERROR_PRINTED_CHANGED,
    ERROR_PRINTED_MISSING,
    order_amend,
    order_mark_filed,
    order_printed_token,
    order_recall,
    order_send_back,
    order_send_for_signature,
    order_sign,
)

__all__ = [
    "AMENDED_PREFIX",
    "ERROR_ADMIN_STATUS",
    "ERROR_BODY_BLANK",
    "ERROR_COMMENT_REQUIRED",
    "ERROR_COURT_EXISTS",
    "ERROR_DELETE_SIGNED",
    "ERROR_DOCKET_NUMBER_OTHER_ORDER",
    "ERROR_DOCKET_NUMBER_TAKEN",
    "ERROR_DRAFT_FINISHED",
    "ERROR_DRAFT_NOT_YOURS",
    "ERROR_DRAFT_STALE",
    "ERROR_DUPLICATE_NO_ENTRY",
    "ERROR_ENTRIES_REQUIRED",
    "ERROR_FILING_PREFLIGHT",
    "ERROR_IMPORT_CASE_NOT_YOURS",
    "ERROR_IMPORT_CHANGED",
    "ERROR_IMPORT_JUDGE_NOT_ON_CASE",
    "ERROR_IMPORT_JUDGE_NOT_YOURS",
    "ERROR_IMPORT_NO_CASE_NUMBER",
    "ERROR_IMPORT_NO_COURT",
    "ERROR_IMPORT_NO_JUDGE",
    "ERROR_NOT_ALLOWED",
    "ERROR_ORDER_NOT_DRAFT",
    "ERROR_ORDER_SIGNED",
    "ERROR_PARTY_POSITION_TAKEN",
    "ERROR_PRINTED_CHANGED",
    "ERROR_PRINTED_MISSING",
    "ERROR_SIGNATURE_CHOICE",
    "ERROR_SIGN_IN_READER",
    "ERROR_UNKNOWN_ORDER_TYPE",
    "ERROR_UPLOAD_REFUSED",
    "ERROR_VERSION_CONFLICT",
    "ERROR_WORD_FOOTNOTES",
    "ERROR_WORD_STATUS",
    "ERROR_WORD_UNCHANGED",
    "ERROR_WRONG_STATUS",
    "IMPORTED_ORDER_TYPE",
    "DocketImportResult",
    "DraftState",
    "ImportOutcome",
    "ImportRefused",
    "NotPermitted",
    "OrderVersionConflict",
    "Signature",
    "User",
    "WizardDraftStale",
    "admin_order_save",
    "admin_record_delete",
    "admin_record_save",
    "audit_record",
    "case_create",
    "court_create",
    "court_create_for_docket",
    "disposition_of",
    "docket_add_missing",
    "docket_entry_create",
    "docket_import_apply",
    "docket_import_preview",
    "docket_judge_add",
    "docket_upload_create",
    "docket_upload_parse",
    "judge_create",
    "membership_create",
    "order_amend",
    "order_check_word_upload",
    "order_create",
    "order_delete",
    "order_draft_create",
    "order_duplicate",
    "order_import",
    "order_import_file",
    "order_mark_filed",
    "order_printed_token",
    "order_recall",
    "order_refuse",
    "order_send_back",
    "order_send_for_signature",
    "order_sign",
    "order_sign_uploaded",
    "order_signing_copy",
    "order_update",
    "order_update_from_word",
    "party_create",
    "proposed_order_draft_create",
    "wizard_draft_discard",
    "wizard_draft_finish",
    "wizard_draft_save",
    "wizard_draft_start",
    "wizard_drafts_clean",
]
