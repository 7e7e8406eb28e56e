"""Pages. Views stay thin: they read through selectors and write through services."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from . import selectors
from .pdf import page_count, pdf_filename, render_order_pdf, render_page_png

PREVIEW_SCALE = 1.5  # 108 dpi: a US Letter page is 918 × 1188 pixels


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


ERROR_SIGNATURE_CHOICE = "signature must be “field” or “conformed”."


def _pdf_options(request: HttpRequest) -> dict | None:
    signature = request.GET.get("signature", "field")
    if signature not in ("field", "conformed"):
        return None
    return {"final": request.GET.get("final") == "1", "signature": signature}


@require_GET
def order_pdf(request: HttpRequest, order_id: int) -> HttpResponse:
    """The order's PDF as a download: a draft (watermarked), or ``?final=1`` signature-ready."""
    order = selectors.order_get_for_user(request.user, order_id)
    options = _pdf_options(request)
    if options is None:
        return HttpResponseBadRequest(ERROR_SIGNATURE_CHOICE)
    pdf = render_order_pdf(order, **options)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=pdf_filename(order, final=options["final"])
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def order_page_png(request: HttpRequest, order_id: int, page: int) -> HttpResponse:
    """A preview of one page (1-based) of the order's PDF."""
    order = selectors.order_get_for_user(request.user, order_id)
    options = _pdf_options(request)
    if options is None:
        return HttpResponseBadRequest(ERROR_SIGNATURE_CHOICE)
    pdf = render_order_pdf(order, **options)
    if not 1 <= page <= page_count(pdf):
        raise Http404("The order has no such page.")
    response = HttpResponse(render_page_png(pdf, page - 1, scale=PREVIEW_SCALE), content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response
