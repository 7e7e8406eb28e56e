"""The chambers' queue: its pending motions, oldest first, with their age, what each asks, the
order in progress for it and the Civil Justice Reform Act six-month flag (``orders.cjra``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .http import AuthenticatedRequest


@require_GET
def chambers_queue(request: AuthenticatedRequest, judge_id: int) -> HttpResponse:
    """``/chambers/<judge id>/queue/``: members of that chambers only (any other user: 404)."""
    judge = selectors.chambers_judge_for_user(request.user, judge_id)
    membership = selectors.membership_for(request.user, judge)
    context = {
        "queue": selectors.chambers_queue(request.user, judge),
        "is_judge": membership is not None and membership.role == selectors.Role.JUDGE,
        "awaiting": selectors.awaiting_signature_for_user(request.user).filter(judge=judge),
    }
    return render(request, "orders/chambers_queue.html", context)
