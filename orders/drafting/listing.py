"""The wizards started and not finished, for the drafts page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .. import selectors
from .texts import MANAGEMENT_PREFIX, STEP_LABELS
from .values import order_type_or_none


def unfinished_wizards(request: HttpRequest) -> list[dict[str, Any]]:
    """Drafts started in this session and not finished yet, to resume them."""
    found = []
    session_prefix = f"wizard_{MANAGEMENT_PREFIX}"
    for key in list(request.session.keys()):
        if not key.startswith(session_prefix):
            continue
        state = request.session.get(key) or {}
        step = state.get("step")
        if not step:
            continue
        step_data = state.get("step_data", {})
        rest = key[len(session_prefix) :]
        case_id = None
        if rest.startswith("_case_"):
            url, case_id = reverse("orders:draft_for_case", args=[int(rest[6:])]), int(rest[6:])
        elif rest.startswith("_edit_"):
            url = reverse("orders:order_edit", args=[int(rest[6:])])
        else:
            url = reverse("orders:draft_new")
            case_id = (step_data.get("case", {}).get("case-case") or [None])[0]
        type_key = (step_data.get("order_type", {}).get("order_type-order_type") or [None])[0]
        order_type = order_type_or_none(type_key) if type_key else None
        case = None
        if case_id and str(case_id).isdigit():
            case = selectors.cases_for_user(request.user).filter(pk=case_id).first()
        if rest.startswith("_edit_"):
            continue  # edits of saved drafts are listed with the drafts themselves
        found.append(
            {
                "url": f"{url}?resume=1",
                "step": STEP_LABELS.get(step, step),
                "case": case,
                "order_type": order_type,
            }
        )
    return found
