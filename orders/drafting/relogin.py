"""A wizard page posted after the session expired (the 8-hour limit, a browser restart, the
session cookie gone): what it carried is kept in the new session for after the login, and the
login page sends the user back to the same draft's URL (``next``), which puts it back.

Kept only from a post that passed the CSRF check, and put back only into the logged-in user's
own draft, at the step and revision the page was made from (``DraftWizard.restore_typed``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from ..models import WizardDraft
from .texts import MANAGEMENT_PREFIX, RELOGIN_SESSION_KEY, REVISION_FIELD

STEP_PREFIXES = ("case-", "order_type-", "entries-", "details-", "review-")
MAX_KEPT_CHARACTERS = 500_000


def login_again(request: HttpRequest, draft_id: str) -> HttpResponse:
    """The login page, back to this draft afterwards; a post's answers kept for then."""
    if request.method == "POST":
        post = request.POST
        data = {key: post.getlist(key) for key in post if key.startswith(STEP_PREFIXES)}
        if sum(len(value) for values in data.values() for value in values) <= MAX_KEPT_CHARACTERS:
            revision = post.get(REVISION_FIELD, "")
            request.session[RELOGIN_SESSION_KEY % draft_id] = {
                "step": post.get(f"{MANAGEMENT_PREFIX}-current_step", ""),
                "revision": int(revision) if revision.isdigit() else None,
                "data": data,
            }
    return redirect_to_login(request.path)


def take_typed(request: HttpRequest, draft: WizardDraft) -> dict[str, Any] | None:
    """What a page of this draft posted while logged out, once (None if nothing)."""
    key = RELOGIN_SESSION_KEY % draft.pk
    if key not in request.session:
        return None
    typed = request.session.pop(key)
    return typed if isinstance(typed, dict) else None
