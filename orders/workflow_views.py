"""Pages of the review-and-signing workflow: the order's review page (status, actions, the
signed PDF's hash, comments, version history with diffs), the status actions, the PDF download,
and the audit log. Thin: reads through selectors, writes through services; every read of an
order is audited."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import permissions, selectors, services
from .diffs import version_diff
from .http import AuthenticatedRequest, client_ip
from .models import AuditAction, Judge, Order
from .pdf import pdf_filename
from .pdf.render import Signature

ERROR_BAD_VERSION = "The form was incomplete (no version number); reload the page and try again."
ERROR_BAD_DOCKET_NUMBER = "The docket number must be a whole number, e.g. 61."


def _version(request: AuthenticatedRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _act(request: AuthenticatedRequest, order: Order, action, success: str) -> HttpResponse:
    """Run a workflow service for a posted form; refusals come back as a message on the page."""
    version = _version(request)
    if version is None:
        services.order_refuse(
            order=order,
            user=request.user,
            attempted="workflow action",
            reason="no version",
            ip=client_ip(request),
        )
        return HttpResponseBadRequest(ERROR_BAD_VERSION)
    try:
        action(version)
    except PermissionDenied:
        request.refusal_logged = True  # the service logged it; the 403 need not be logged twice
        raise
    except services.OrderVersionConflict as conflict:
        messages.error(request, conflict.messages[0])
        request.session["conflict"] = {"order": order.pk, "yours": conflict.yours}
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
        back = request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)  # signed from the home page or the queue: back there
    return redirect("orders:order_review", order.pk)


def _call(request: AuthenticatedRequest, order: Order, service):
    """(the service's result, None), or (None, a redirect to the review page showing why it
    refused); a PermissionDenied goes on to the 403 page (the service logged it)."""
    try:
        return service(), None
    except PermissionDenied:
        request.refusal_logged = True
        raise
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None, redirect("orders:order_review", order.pk)


@require_GET
def order_review(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    services.audit_record(user=request.user, action=AuditAction.VIEWED, order=order, ip=client_ip(request))
    versions = list(order.history.select_related("history_user").order_by("-history_id"))
    by_id = {str(v.history_id): v for v in versions}
    newer = by_id.get(request.GET.get("to", "")) or (versions[0] if versions else None)
    older = by_id.get(request.GET.get("from", "")) or (versions[1] if len(versions) > 1 else None)
    conflict = request.session.pop("conflict", None)
    their_changes = []
    if conflict and conflict.get("order") == order.pk:
        base = order.history.filter(version=conflict["yours"]).order_by("-history_id").first()
        their_changes = version_diff(base, order) if base else []
    can = permissions.order_permissions(request.user, order)
    context = {
        "order": order,
        "case": order.case,
        "can": can,
        "signed_pdf": getattr(order, "signed_pdf", None) if order.is_signed else None,
        "comments": order.comments.select_related("author"),
        "send_back_comment": selectors.send_back_comment(order),
        "versions": versions,
        "older": older,
        "newer": newer,
        "diff": version_diff(older, newer) if older and newer else [],
        "their_changes": their_changes,
        "amendments": order.amendments.all(),
        "printed": services.order_printed_token(order) if can["sign"] else "",
    }
    return render(request, "orders/order_review.html", context)


@require_POST
def order_send(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    return _act(
        request,
        order,
        lambda version: services.order_send_for_signature(
            order=order, user=request.user, expected_version=version, ip=client_ip(request)
        ),
        "Sent to the judge for signature.",
    )


@require_POST
def order_send_back(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    return _act(
        request,
        order,
        lambda version: services.order_send_back(
            order=order,
            user=request.user,
            comment=request.POST.get("comment", "")[:5000],
            expected_version=version,
            ip=client_ip(request),
        ),
        "Sent back to draft with your comment.",
    )


@require_POST
def order_recall(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    return _act(
        request,
        order,
        lambda version: services.order_recall(
            order=order, user=request.user, expected_version=version, ip=client_ip(request)
        ),
        "Recalled to draft: edit it, then send it for signature again.",
    )


@require_POST
def order_sign(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    return _act(
        request,
        order,
        lambda version: services.order_sign(
            order=order,
            user=request.user,
            signature=cast(Signature, request.POST.get("signature", "")),  # the service refuses others
            expected_version=version,
            printed=request.POST.get("printed", ""),  # what the page showed: "" is refused
            ip=client_ip(request),
        ),
        "Signed. The PDF is frozen: every download returns exactly these bytes.",
    )


ERROR_NO_UPLOAD = "Choose the signed PDF to upload."


@require_GET
def order_signing_copy(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """The final PDF with an empty signature field, for the judge to sign in a PDF reader."""
    order = selectors.order_get_for_user(request.user, order_id)
    pdf, refused = _call(
        request,
        order,
        lambda: services.order_signing_copy(order=order, user=request.user, ip=client_ip(request)),
    )
    if refused:
        return refused
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=pdf_filename(order, final=True).replace(".pdf", "-to-sign.pdf")
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def order_sign_upload(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """The signing copy signed in a PDF reader, uploaded: verified, then frozen."""
    order = selectors.order_get_for_user(request.user, order_id)
    upload = request.FILES.get("signed_pdf")
    if upload is None:
        messages.error(request, ERROR_NO_UPLOAD)
        return redirect("orders:order_review", order.pk)
    data = upload.read(settings.FILING_PDF_MAX_BYTES + 1)
    return _act(
        request,
        order,
        lambda version: services.order_sign_uploaded(
            order=order, user=request.user, pdf=data, expected_version=version, ip=client_ip(request)
        ),
        "Signed: the digital signature was verified and the signed PDF is frozen.",
    )


@require_POST
def order_file(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    raw = request.POST.get("docket_number", "").strip()
    if raw and not (raw.isdigit() and len(raw) < 9):
        messages.error(request, ERROR_BAD_DOCKET_NUMBER)
        return redirect("orders:order_review", order.pk)
    return _act(
        request,
        order,
        lambda version: services.order_mark_filed(
            order=order, user=request.user, docket_number=int(raw) if raw else None, ip=client_ip(request)
        ),
        "Marked filed.",
    )


@require_POST
def order_amend(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    amended, refused = _call(
        request, order, lambda: services.order_amend(order=order, user=request.user, ip=client_ip(request))
    )
    if refused:
        return refused
    messages.success(
        request, "An amended order was drafted from the signed one; edit it and send it for signature."
    )
    return redirect("orders:order_review", amended.pk)


@require_GET
def order_audit(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, order_id)
    if not permissions.can_read_audit(request.user, order.judge_id):
        services.order_refuse(
            order=order,
            user=request.user,
            attempted="read audit log",
            reason="not the judge",
            ip=client_ip(request),
        )
        request.refusal_logged = True
        permissions.require_read_audit(request.user, order.judge_id)
    events = selectors.audit_events_for_order(request.user, order)
    return render(request, "orders/audit_log.html", {"order": order, "events": events, "judge": order.judge})


@require_GET
def chambers_audit(request: AuthenticatedRequest, judge_id: int) -> HttpResponse:
    judge = get_object_or_404(Judge, pk=judge_id)
    # A member who may not read it: 403; anyone else is not told the chambers exists: 404.
    permissions.require_read_audit(
        request.user, judge, hidden=permissions.membership_for(request.user, judge) is None
    )
    events = selectors.audit_events_for_judge(request.user, judge)
    return render(request, "orders/audit_log.html", {"order": None, "events": events, "judge": judge})
