"""Pages that import a case from a CM/ECF docket report: upload → preview → confirm.

The uploaded HTML is kept server-side (``DocketUpload``) with what was parsed of it at upload
(once, in a limited child process); the preview and the confirmation read that, and the browser
only sends back the upload's id and the preview's fingerprint.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .docket_forms import JUDGE_TITLES, AddJudgeForm, ConfirmForm, DocketUploadForm
from .dockets import MAX_DOCKET_BYTES
from .dockets.parsed import ERROR_TOO_LARGE
from .http import AuthenticatedRequest
from .models import DocketUpload

ERROR_NOT_ALLOWED = (
    "Only clerks and judges of a chambers can import dockets; read-only members cannot. "
    "Ask an administrator if you need to."
)
MESSAGE_IMPORTED = "Imported case %(number)s: %(summary)s."
MESSAGE_UNCHANGED = "Case %(number)s already had everything this docket shows; nothing changed."


class DocketSizeLimitHandler(FileUploadHandler):
    """Stops receiving an upload as soon as it passes the docket size limit, so a huge file is
    refused before it is read into memory or written to disk."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_DOCKET_BYTES:
            self.request.docket_upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _forbidden(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "orders/docket_import.html",
        {"form": DocketUploadForm(), "error": ERROR_NOT_ALLOWED},
        status=403,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def docket_import(request: AuthenticatedRequest) -> HttpResponse:
    # The size limit handler must be in place before anything reads request.POST — including
    # the CSRF check, hence csrf_exempt here and csrf_protect on the view proper (Django docs,
    # “Modifying upload handlers on the fly”).
    if request.method == "POST":
        request.upload_handlers.insert(0, DocketSizeLimitHandler(request))
    return _docket_import(request)


@csrf_protect
def _docket_import(request: AuthenticatedRequest) -> HttpResponse:
    if not selectors.user_can_import_dockets(request.user):
        return _forbidden(request)
    if request.method != "POST":
        return render(request, "orders/docket_import.html", {"form": DocketUploadForm()})
    files = request.FILES  # parses the upload (the size limit handler stops a large one)
    if getattr(request, "docket_upload_too_large", False):
        error = ERROR_TOO_LARGE % {"limit": MAX_DOCKET_BYTES // (1024 * 1024)}
        return render(
            request, "orders/docket_import.html", {"form": DocketUploadForm(), "error": error}, status=400
        )
    form = DocketUploadForm(request.POST, files)
    if not form.is_valid():
        return render(request, "orders/docket_import.html", {"form": form}, status=400)
    file = form.cleaned_data["file"]
    try:
        upload = services.docket_upload_create(uploaded_by=request.user, filename=file.name, data=file.read())
    except ValidationError as error:
        return render(
            request,
            "orders/docket_import.html",
            {"form": DocketUploadForm(), "error": error.messages[0]},
            status=400,
        )
    return redirect("orders:docket_preview", upload_id=upload.pk)


def _preview(
    request: AuthenticatedRequest, upload: DocketUpload, *, errors: list[str] | None = None, status: int = 200
):
    try:
        docket = services.docket_upload_parse(upload)
    except ValidationError as error:  # the parser changed since the upload was kept
        return render(
            request,
            "orders/docket_import.html",
            {"form": DocketUploadForm(), "error": error.messages[0]},
            status=400,
        )
    plan = services.docket_import_preview(docket=docket, user=request.user)
    # The drafts and orders awaiting signature of the case's entries (``entry.orders_in_progress``).
    selectors.with_orders_in_progress(request.user, [e.existing for e in plan.entries if e.existing])
    context = {
        "upload": upload,
        "docket": docket,
        "plan": plan,
        "errors": errors or [],
        "confirm_form": ConfirmForm(initial={"fingerprint": plan.fingerprint()}),
        "judge_forms": [
            (
                match,
                AddJudgeForm(
                    initial={"slot": match.slot, "signature_title": match.parsed.signature_title_guess}
                ),
            )
            for match in plan.unknown_judges
        ],
        "judge_titles": JUDGE_TITLES,
    }
    return render(request, "orders/docket_preview.html", context, status=status)


@require_http_methods(["GET"])
def docket_preview(request: AuthenticatedRequest, upload_id: int) -> HttpResponse:
    upload = selectors.docket_upload_get_for_user(request.user, upload_id)
    return _preview(request, upload)


@require_POST
def docket_confirm(request: AuthenticatedRequest, upload_id: int) -> HttpResponse:
    upload = selectors.docket_upload_get_for_user(request.user, upload_id)
    if not selectors.user_can_import_dockets(request.user):
        return _forbidden(request)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _preview(
            request, upload, errors=["The confirmation was incomplete; confirm again."], status=400
        )
    try:
        docket = services.docket_upload_parse(upload)
        result = services.docket_import_apply(
            docket=docket,
            user=request.user,
            upload=upload,
            expected_fingerprint=form.cleaned_data["fingerprint"],
        )
    except ValidationError as error:
        return _preview(request, upload, errors=error.messages, status=409)
    if result.changed:
        parts = [
            "case created" if result.created else f"{result.case_fields_changed} case field(s) updated",
            f"{result.parties_created} new part{'y' if result.parties_created == 1 else 'ies'}",
            f"{result.parties_updated} updated",
            f"{result.entries_created} new docket entr{'y' if result.entries_created == 1 else 'ies'}",
            f"{result.entries_updated} updated",
        ]
        messages.success(
            request, MESSAGE_IMPORTED % {"number": result.case.number, "summary": ", ".join(parts)}
        )
    else:
        messages.info(request, MESSAGE_UNCHANGED % {"number": result.case.number})
    if selectors.cases_for_user(request.user).filter(pk=result.case.pk).exists():
        return redirect("orders:case_detail", case_id=result.case.pk)
    return redirect("orders:home")


@require_POST
def docket_add_court(request: AuthenticatedRequest, upload_id: int) -> HttpResponse:
    """Add the court the uploaded docket is from (code and name read from the upload itself)."""
    upload = selectors.docket_upload_get_for_user(request.user, upload_id)
    if not selectors.user_can_import_dockets(request.user):
        return _forbidden(request)
    try:
        docket = services.docket_upload_parse(upload)
        court = services.court_create_for_docket(
            code=docket.court_code, name=docket.court_name or docket.court_code, user=request.user
        )
    except ValidationError as error:
        return _preview(request, upload, errors=error.messages, status=400)
    messages.success(request, f"Added the court {court.name} ({court.code}).")
    return redirect(reverse("orders:docket_preview", args=[upload.pk]))


@require_POST
def docket_add_judge(request: AuthenticatedRequest, upload_id: int) -> HttpResponse:
    """Add a judge the uploaded docket names: name and initials come from the docket, the title
    from the form."""
    upload = selectors.docket_upload_get_for_user(request.user, upload_id)
    if not selectors.user_can_import_dockets(request.user):
        return _forbidden(request)
    form = AddJudgeForm(request.POST)
    if not form.is_valid():
        return _preview(request, upload, errors=["Give the judge's title."], status=400)
    try:
        docket = services.docket_upload_parse(upload)
        plan = services.docket_import_preview(docket=docket, user=request.user)
        match = next((m for m in plan.unknown_judges if m.slot == form.cleaned_data["slot"]), None)
        if match is None or plan.court is None:
            return redirect(reverse("orders:docket_preview", args=[upload.pk]))
        judge = services.docket_judge_add(
            user=request.user,
            court=plan.court,
            full_name=match.parsed.name,
            initials=match.parsed.initials,
            signature_title=form.cleaned_data["signature_title"],
        )
    except ValidationError as error:
        return _preview(request, upload, errors=error.messages, status=400)
    messages.success(request, f"Added {judge.full_name} ({judge.initials}), {judge.signature_title}.")
    return redirect(reverse("orders:docket_preview", args=[upload.pk]))
