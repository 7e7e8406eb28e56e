"""The wizard's words and the names of its own posted fields."""

STEP_LABELS = {
    "case": "Case",
    "order_type": "Order type",
    "entries": "Docket entries",
    "details": "Details",
    "review": "Review",
}

MESSAGE_RESTORED = (
    "Your session had expired, so the wizard picked up your answers from the page you sent. "
    "Nothing you typed was lost; check the step below and continue."
)
MESSAGE_EXPIRED = (
    "This draft was interrupted: your session expired or the wizard was started again in another "
    "tab. Start again below — the text you had typed is shown so you can copy it."
)
MESSAGE_PAGE_RESTORED = "The draft was taken up again from the page you sent, with what you had typed on it."
MESSAGE_STALE = (
    "This page is out of date: the draft is at another step (perhaps it was continued in another "
    "tab or with the browser's back button). Nothing was changed."
)
MESSAGE_TAMPERED = "The page sent a choice it did not offer. Nothing was changed."
MESSAGE_ALREADY_SAVED = "This draft was already saved; here it is."
MESSAGE_NOT_EDITABLE = "Only a draft can be edited; this order is “%s”."
MESSAGE_READ_ONLY = (
    "Your role in this chambers is read-only: you can read and download orders, not draft or edit."
)
MESSAGE_SAVED = "Draft saved: %s."
MESSAGE_UPDATED = "Draft updated: %s."

MANAGEMENT_PREFIX = "order_wizard"
SNAPSHOT_FIELD = "wizard_snapshot"
RESTORE_FIELD = "restore"
BASIS_FIELD = "__basis"
DONE_SESSION_KEY = "order_wizard_done"
