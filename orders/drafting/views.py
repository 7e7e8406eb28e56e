"""The pages around the wizard: starting a draft (new, in a case, editing a saved draft), which
creates its ``WizardDraft`` and redirects to the draft's own URL; discarding one; and the
friendly page of a post refused by the CSRF check (all cookies gone), which keeps the text."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..http import AuthenticatedRequest
from ..models import Order
from .texts import MESSAGE_DISCARDED, MESSAGE_NOT_EDITABLE, MESSAGE_READ_ONLY
from .values import typed_text


def edit_refusal(request: HttpRequest, order: Order) -> HttpResponse | None:
    """Back to the order page, saying why, when the user may not edit it in the wizard."""
    if order.status != Order.Status.DRAFT:
        messages.error(request, MESSAGE_NOT_EDITABLE % order.get_status_display())
        return redirect("orders:order_detail", order.pk)
    if not selectors.can_edit(request.user, order):
        messages.error(request, MESSAGE_READ_ONLY)
        return redirect("orders:order_detail", order.pk)
    return None


def _to_wizard(draft_id: object) -> HttpResponse:
    return redirect("orders:wizard", draft_id)


@require_GET
def draft_new(request: AuthenticatedRequest) -> HttpResponse:
    """A new wizard draft, from the case step."""
    return _to_wizard(services.wizard_draft_start(user=request.user).pk)


@require_GET
def draft_for_case(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """A new wizard draft in a case (from the case page): the case step is skipped."""
    case = get_object_or_404(selectors.cases_for_user(request.user), pk=case_id)  # else 404
    judge = selectors.drafting_judge(request.user, case)
    return _to_wizard(services.wizard_draft_start(user=request.user, case=case, judge=judge).pk)


def order_edit(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """A wizard draft editing a saved draft order, from its current version (GET; another
    chambers' order is a 404 whatever the method)."""
    order = selectors.order_get_for_user(request.user, order_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    refusal = edit_refusal(request, order)
    if refusal is not None:
        return refusal
    draft = services.wizard_draft_start(user=request.user, order=order, judge=order.judge)
    return _to_wizard(draft.pk)


@require_POST
def wizard_discard(request: AuthenticatedRequest, draft_id: str) -> HttpResponse:
    """Discard an unfinished wizard draft (its owner only; anyone else's is a 404)."""
    draft = selectors.wizard_draft_get_for_user(request.user, draft_id)
    try:
        services.wizard_draft_discard(draft=draft, user=request.user)
    except ValidationError as error:  # already saved as an order
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, MESSAGE_DISCARDED)
    return redirect("orders:draft_list")


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent without this browser's security token (all cookies
    cleared, the browser restarted). Nothing from it is used — it may come from another site —
    but the text it carried is shown back to copy, with a link to log in and go on where it was."""
    try:
        resolve(request.path)  # a page of the app (the path of this request, never a parameter)
        continue_url = request.path
    except Resolver404:
        continue_url = reverse("orders:home")
    context = {
        "typed": typed_text(request.POST) if request.method == "POST" else [],
        "continue_url": continue_url,
        "login_url": f"{reverse('login')}?{urlencode({'next': continue_url})}",
        "logged_in": request.user.is_authenticated,
    }
    return render(request, "403_csrf.html", context, status=403)
