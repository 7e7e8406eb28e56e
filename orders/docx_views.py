"""Word documents of an order: the download, and an edited DOCX taken back in as the next
version (upload → the difference shown → save)."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .diffs import version_diff
from .docx import DOCX_CONTENT_TYPE, docx_filename, read_uploaded_docx, render_order_docx
from .docx.package import MAX_FILE_BYTES, DocxRefused
from .http import AuthenticatedRequest, client_ip
from .models import AuditAction, Order

TOKEN_SALT = "orders.docx-upload"  # noqa: S105 - a signing salt, not a password
TOKEN_MAX_AGE = 60 * 60 * 8  # an upload's difference page stays valid for a working day
MESSAGE_SAVED = "Version %(version)s saved from the Word file."
ERROR_TOKEN = "This upload has expired or was changed; upload the Word file again."  # noqa: S105


class WordUploadForm(forms.Form):
    file = forms.FileField(label="Edited Word file (.docx)", help_text="At most 10 MB.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")
        return upload


@require_GET
def order_docx(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """The order as a Word document (watermarked until signed). Every download is audited;
    another chambers' order is a 404."""
    order = selectors.order_get_for_user(request.user, order_id)
    data = render_order_docx(order)
    services.audit_record(
        user=request.user,
        action=AuditAction.DOWNLOADED,
        order=order,
        ip=client_ip(request),
        detail=f"{'final' if order.is_signed else 'draft'} DOCX, version {order.version}",
    )
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=docx_filename(order)
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def _checked(request: AuthenticatedRequest, order: Order) -> None:
    try:
        services.order_check_word_upload(order=order, user=request.user)
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        raise _Back() from error


class _Back(Exception):
    """Go back to the order page (the message says why)."""


@require_http_methods(["GET", "POST"])
def order_docx_upload(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """Upload the order's DOCX edited in Word: the body is read back and shown as a difference
    against the current version; nothing is saved until the user confirms."""
    order = selectors.order_get_for_user(request.user, order_id)
    try:
        _checked(request, order)
    except _Back:
        return redirect("orders:order_detail", order.pk)
    form = WordUploadForm(request.POST or None, request.FILES or None)
    context = {"order": order, "case": order.case, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            read = read_uploaded_docx(data)
        except DocxRefused as refusal:
            form.add_error("file", str(refusal))
            return render(request, "orders/docx_upload.html", context, status=400)
        token = signing.dumps(
            {
                "order": order.pk,
                "user": request.user.pk,
                "version": order.version,
                "body": read.body,
                "filename": form.cleaned_data["file"].name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "changes": _changes_note(read),
            },
            salt=TOKEN_SALT,
            compress=True,
        )
        proposed = SimpleNamespace(title=order.title, date=order.date, status=order.status, body=read.body)
        context.update(
            read=read,
            token=token,
            diff=version_diff(order, proposed, fields=("body",)),
            changes=_changes_note(read),
        )
        return render(request, "orders/docx_difference.html", context)
    return render(request, "orders/docx_upload.html", context, status=400 if form.errors else 200)


def _changes_note(read) -> str:
    if not (read.insertions or read.deletions):
        return ""
    return (
        f"tracked changes accepted: {read.insertions} insertion(s) taken in, "
        f"{read.deletions} deletion(s) taken out"
    )


@require_POST
def order_docx_save(request: AuthenticatedRequest, order_id: int) -> HttpResponse:
    """Save the text of an upload shown on the difference page as the next version."""
    order = selectors.order_get_for_user(request.user, order_id)
    try:
        upload = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return HttpResponseBadRequest(ERROR_TOKEN)
    if upload.get("order") != order.pk or upload.get("user") != request.user.pk:
        return HttpResponseBadRequest(ERROR_TOKEN)
    try:
        order = services.order_update_from_word(
            order=order,
            user=request.user,
            body=upload["body"],
            expected_version=upload["version"],
            filename=upload["filename"],
            sha256=upload["sha256"],
            accepted_changes=upload["changes"],
            ip=client_ip(request),
        )
    except services.OrderVersionConflict as conflict:
        current = Order.objects.get(pk=order.pk)
        proposed = SimpleNamespace(
            title=current.title, date=current.date, status=current.status, body=upload["body"]
        )
        context = {
            "order": current,
            "case": current.case,
            "conflict": conflict,
            "their_changes": conflict.their_changes(),
            "diff": version_diff(current, proposed, fields=("body",)),
        }
        return render(request, "orders/docx_conflict.html", context, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orders:order_detail", order.pk)
    messages.success(request, MESSAGE_SAVED % {"version": order.version})
    return redirect("orders:order_detail", order.pk)
