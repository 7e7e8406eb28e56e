"""Pages. Views stay thin: they read through selectors and write through services."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The user's chambers at a glance: cases, pending motions, recent orders."""
    context = {
        "judges": selectors.judges_for_user(request.user),
        "cases": selectors.cases_for_user(request.user).order_by("-date_filed")[:50],
        "pending_entries": selectors.pending_entries_for_user(request.user),
        "recent_orders": selectors.recent_orders_for_user(request.user),
    }
    return render(request, "orders/home.html", context)


@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, case_id)
    context = {
        "case": case,
        "caption": case.caption(),
        "orders": selectors.orders_for_user(request.user).filter(case=case),
    }
    return render(request, "orders/case_detail.html", context)
