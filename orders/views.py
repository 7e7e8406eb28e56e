"""Pages. Views stay thin: they read through selectors and write through services."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from . import permissions, selectors, services
from .body import parse_body
from .drafting.listing import unfinished_drafts
from .drafting.values import order_type_or_none
from .forms import DuplicateForm
from .http import AuthenticatedRequest, client_ip
from .importing import ImportFileError
from .models import AuditAction, Order, SignedPdf
from .past_order_forms import ImportOrdersForm, request_too_large
from .pdf import PREVIEW_SCALE, RenderRefused, page_count, pdf_filename, render_order_pdf, render_page_png
from .pdf.render import Signature
from .search import search_orders
from .search.forms import SearchForm, cleaned_query_data


@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The user's chambers at a glance: cases, pending motions, recent orders."""
    context = {
        "judges": selectors.judges_for_user(request.user),
        "cases": selectors.cases_for_user(request.user).order_by("-date_filed")[:50],
        "pending_entries": selectors.with_orders_in_progress(
            request.user, selectors.pending_entries_for_user(request.user)
        ),
        "recent_orders": selectors.recent_orders_for_user(request.user),
        "awaiting_signature": selectors.awaiting_signature_for_user(request.user),
        "sent_back": selectors.sent_back_for_user(request.user),
    }
    return render(request, "orders/home.html", context)


@require_GET
def case_detail(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_user(request.user, case_id)
    context = {
        "case": case,
        "caption": case.caption(),
        "orders": selectors.orders_for_user(request.user).filter(case=case),
        "entries": selectors.with_orders_in_progress(request.user, case.docket_entries.all()),
    }
    return render(request, "orders/case_detail.html", context)


# -- Order pages ------------------------------------------------------------------------------


def _order_pdf(order: Order, *, signature: Signature = "field") -> tuple[bytes, bool]:
    """The PDF shown and downloaded for an order, and whether it is final. A signed order: the
    bytes frozen at signing, always the same. Any other order: the draft, watermarked (asking
    for ``final`` does not make a draft final; only the judge's signature does)."""
    if order.is_signed:
        return bytes(order.signed_pdf.pdf), True
    return render_order_pdf(order, final=False, signature=signature), False


def _page_count(order: Order) -> int:
    """How many pages the order prints on (cached per version of the order); none for an
    imported order, whose page shows its text and whose PDF is the file it came from."""
    if order.source == Order.Source.IMPORTED:
        return 0
    key = f"order-pages:{order.pk}:{order.version}:{order.updated_at.timestamp()}"
    count = cache.get(key)
    if count is None:
        try:
            count = page_count(_order_pdf(order)[0])
        except RenderRefused:  # the download says why; the page shows no previews
            return 0
        cache.set(key, count, 60 * 60 * 24)
    return count


@require_GET
def order_detail(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    services.audit_record(user=request.user, action=AuditAction.VIEWED, order=order, ip=client_ip(request))
    context = {
        "can": permissions.order_permissions(request.user, order),
        "signed_pdf": getattr(order, "signed_pdf", None) if order.is_signed else None,
        "imported_file": selectors.imported_file_of(order),
        "order": order,
        "case": order.case,
        "caption": order.case.caption(),
        "blocks": parse_body(order.body),
        "entries": sorted(order.docket_entries.all(), key=lambda entry: entry.number),
        "pages": range(1, _page_count(order) + 1),
        "order_type": order_type_or_none(order.order_type),
        "send_back_comment": selectors.send_back_comment(order),
    }
    return render(request, "orders/order_detail.html", context)


@require_http_methods(["GET", "POST"])
def order_delete(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    if order.status != Order.Status.DRAFT:
        messages.error(request, services.ERROR_ORDER_NOT_DRAFT % {"status": order.get_status_display()})
        return redirect("orders:order_detail", order.pk)
    if request.method == "POST":
        case = order.case
        try:
            services.order_delete(order=order, user=request.user, ip=client_ip(request))
        except PermissionDenied:
            request.refusal_logged = True
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("orders:order_detail", order.pk)
        messages.success(request, f"The draft “{order.title}” in {case.short_caption} was deleted.")
        return redirect("orders:draft_list")
    return render(request, "orders/order_delete.html", {"order": order})


@require_http_methods(["GET", "POST"])
def order_duplicate(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """Draft the same kind of order in another case: the type writes its text for that case."""
    order = selectors.order_get_for_user(request.user, order_id)
    order_type = order_type_or_none(order.order_type)
    form = DuplicateForm(request.POST or None, user=request.user, exclude=order.case)
    if order_type is None:
        messages.error(
            request, f"The order type “{order.order_type}” no longer exists; it cannot be duplicated."
        )
        return redirect("orders:order_detail", order.pk)
    if request.method == "POST" and form.is_valid():
        case = selectors.case_get_for_user(request.user, form.cleaned_data["case"].pk)
        try:
            new_order = services.order_duplicate(
                order=order, case=case, created_by=request.user, ip=client_ip(request)
            )
        except PermissionDenied:
            request.refusal_logged = True  # the service logged it
            raise
        except ValidationError as error:
            for message in error.messages:
                form.add_error("case", message)
        else:
            messages.success(
                request, f"Drafted “{new_order.title}” in {case.short_caption}. Review the text."
            )
            return redirect("orders:order_detail", new_order.pk)
    return render(
        request, "orders/order_duplicate.html", {"order": order, "form": form, "order_type": order_type}
    )


@require_GET
def draft_list(request: AuthenticatedRequest) -> HttpResponse:
    drafts = list(selectors.drafts_for_user(request.user))
    mine = [order for order in drafts if order.created_by_id == request.user.pk]
    others = [order for order in drafts if order.created_by_id != request.user.pk]
    unfinished = unfinished_drafts(request)
    context = {
        "mine": mine,
        "others": others,
        "unfinished": unfinished["mine"],
        "unfinished_chambers": unfinished["chambers"],
    }
    return render(request, "orders/draft_list.html", context)


ERROR_SIGNATURE_CHOICE = "signature must be “field” or “conformed”."


def _pdf_options(request: AuthenticatedRequest) -> dict | None:
    signature = request.GET.get("signature", "field")
    if signature not in SignedPdf.Signature.values:
        return None
    return {"final": request.GET.get("final") == "1", "signature": signature}


@require_GET
def order_pdf(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """The order's PDF as a download: a signed order's frozen bytes, or the watermarked draft
    (``?final=1`` is ignored until the order is signed). Every download is audited."""
    order = selectors.order_get_for_user(request.user, order_id)
    if order.source == Order.Source.IMPORTED:
        return _imported_file(request, order)
    options = _pdf_options(request)
    if options is None:
        return HttpResponseBadRequest(ERROR_SIGNATURE_CHOICE)
    try:
        pdf, final = _order_pdf(order, signature=options["signature"])
    except RenderRefused as refused:
        return HttpResponse(str(refused), status=422, content_type="text/plain; charset=utf-8")
    detail = (
        f"signed PDF, SHA-256 {order.signed_pdf.sha256}" if final else f"draft PDF, version {order.version}"
    )
    services.audit_record(
        user=request.user, action=AuditAction.DOWNLOADED, order=order, ip=client_ip(request), detail=detail
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=pdf_filename(order, final=final)
    )
    response["Cache-Control"] = "private, no-cache"
    return response


ERROR_NO_ORIGINAL = "No original file was kept for this imported order (it was imported from its text)."


@require_GET
def order_original(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """The file an order was made from, as uploaded: an imported past order's PDF or text, a
    party's proposed order in Word (audited; 404 if none was kept or the order is not the
    user's to see)."""
    return _imported_file(request, selectors.order_get_for_user(request.user, order_id))


def _imported_file(request: AuthenticatedRequest, order: Order) -> HttpResponse:
    """An imported order's PDF: the file it was imported from, as uploaded (audited)."""
    kept = selectors.imported_file_of(order)
    if kept is None:
        raise Http404(ERROR_NO_ORIGINAL)
    services.audit_record(
        user=request.user,
        action=AuditAction.DOWNLOADED,
        order=order,
        ip=client_ip(request),
        detail=f"imported file “{kept.filename[:120]}”, SHA-256 {kept.sha256}",
    )
    response = HttpResponse(bytes(kept.data), content_type=kept.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=kept.filename)
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def order_page_png(request: AuthenticatedRequest, order_id: int, page: int) -> HttpResponse:
    """A preview of one page (1-based) of the order's PDF (none of an imported order: its page
    shows its text; its file is never rendered by the server)."""
    order = selectors.order_get_for_user(request.user, order_id)
    if order.source == Order.Source.IMPORTED:
        raise Http404("An imported order has no page previews; download its file.")
    options = _pdf_options(request)
    if options is None:
        return HttpResponseBadRequest(ERROR_SIGNATURE_CHOICE)
    try:
        pdf, _final = _order_pdf(order, signature=options["signature"])
    except RenderRefused as refused:
        return HttpResponse(str(refused), status=422, content_type="text/plain; charset=utf-8")
    if not 1 <= page <= page_count(pdf):
        raise Http404("The order has no such page.")
    image = render_page_png(pdf, page - 1, scale=PREVIEW_SCALE)
    services.audit_record(
        user=request.user,
        action=AuditAction.VIEWED,
        order=order,
        ip=client_ip(request),
        detail=f"page {page} image, {'signed PDF' if order.is_signed else f'draft version {order.version}'}",
    )
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def search(request: AuthenticatedRequest) -> HttpResponse:
    """Search past orders; the query and filters live in the URL so a search can be shared."""
    form = SearchForm(cleaned_query_data(request.GET), judges=selectors.judges_for_user(request.user))
    results = None
    if form.is_valid():
        results = search_orders(request.user, form.params(), page_number=request.GET.get("page"))
    return render(request, "orders/search.html", {"form": form, "results": results})


@dataclass(frozen=True)
class ImportReportRow:
    name: str
    status: str  # "imported", "unchanged" or "failed"
    message: str = ""
    order: Order | None = None


@csrf_exempt
@require_http_methods(["GET", "POST"])
def import_orders(request: AuthenticatedRequest) -> HttpResponse:
    """Upload past orders. A request declaring more bytes than the form takes is refused before
    its body is read (the CSRF check reads it, hence csrf_exempt here and csrf_protect on the
    view proper, as ``docket_views.docket_import``)."""
    if request.method == "POST" and (error := request_too_large(request.META.get("CONTENT_LENGTH"))):
        judges = list(selectors.judges_user_may_import_for(request.user))
        context = {"form": ImportOrdersForm(), "report": [], "judges": judges, "refusal": error}
        return render(request, "orders/import_orders.html", context, status=400)
    return _import_orders(request)


@csrf_protect
def _import_orders(request: AuthenticatedRequest) -> HttpResponse:
    """Only orders signed by a judge in whose chambers the user works (as clerk or judge) are
    imported; the page never creates a judge (the command does). Files are read one at a time."""
    judges = list(selectors.judges_user_may_import_for(request.user))
    courts = {judge.court_id: judge.court for judge in judges}
    court = next(iter(courts.values())) if len(courts) == 1 else None
    report: list[ImportReportRow] = []
    form = ImportOrdersForm()
    status = 200
    if request.method == "POST":
        form = ImportOrdersForm(request.POST, request.FILES)
        if not judges:
            status = 403
        elif form.is_valid():
            report = [_import_upload(request, upload, court, judges) for upload in form.cleaned_data["files"]]
            form = ImportOrdersForm()
        else:
            status = 400
    context = {"form": form, "report": report, "judges": judges}
    return render(request, "orders/import_orders.html", context, status=status)


def _import_upload(request: AuthenticatedRequest, upload, court, judges) -> ImportReportRow:
    name = upload.name[-255:]
    try:
        outcome = services.order_import_file(
            name=name, data=upload.read(), imported_by=request.user, court=court, allowed_judges=judges
        )
    except (ImportFileError, services.ImportRefused) as error:
        return ImportReportRow(name, "failed", str(error))
    except ValidationError as error:
        return ImportReportRow(name, "failed", "; ".join(error.messages))
    if not outcome.created:
        return ImportReportRow(name, "unchanged", "already imported", outcome.order)
    created = ", ".join(outcome.created_records)
    return ImportReportRow(
        name, "imported", f"created, to review: {created}" if created else "", outcome.order
    )
