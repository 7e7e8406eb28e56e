"""The wizard's words and the names of its own posted fields."""

STEP_LABELS = {
    "case": "Case",
    "order_type": "Order type",
    "entries": "Docket entries",
    "details": "Details",
    "review": "Review",
}

MESSAGE_STALE = (
    "That page was out of date (the draft had moved on, in another tab or with the browser’s Back "
    "button), so it was not used: here is the draft as it is now."
)
MESSAGE_TAMPERED = (
    "The page sent a choice it did not offer, so it was not used: here is the draft as it is now."
)
MESSAGE_STALE_SAVE = (
    "This draft was changed in another tab after this page was loaded, so nothing was saved. "
    "Below: this page’s text compared with the draft as saved there. Save again to keep this page’s text."
)
MESSAGE_RELOGGED = (
    "You had been logged out. What you typed on that page is back below: check it and continue."
)
MESSAGE_RELOGGED_STALE = (
    "You had been logged out, and the draft had changed since that page: here is the draft as it "
    "is now, with what you had typed shown above it."
)
MESSAGE_ALREADY_SAVED = "This draft was already saved; here it is."
MESSAGE_SAVED_ORDER_GONE = "This draft was saved as an order that has since been deleted."
MESSAGE_NOT_EDITABLE = "Only a draft can be edited; this order is “%s”."
MESSAGE_READ_ONLY = (
    "Your role in this chambers is read-only: you can read and download orders, not draft or edit."
)
MESSAGE_SAVED = "Draft saved: %s."
MESSAGE_UPDATED = "Draft updated: %s."
MESSAGE_DISCARDED = "The unfinished draft was discarded."
MESSAGE_AUTOSAVE_STALE = "Not saved: this draft was changed in another tab. Reload the page to see it."

MANAGEMENT_PREFIX = "order_wizard"
REVISION_FIELD = "draft_revision"
AUTOSAVE_FIELD = "autosave"
BASIS_FIELD = "__basis"
RELOGIN_SESSION_KEY = "wizard_typed:%s"
