"""A party's proposed order in Word taken in as a draft: upload it in a case (or anywhere, when
its caption names one of the user's cases), its body becomes a draft of the general order type,
and the original file is kept with its SHA-256 (served by ``views.order_original``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .docx import read_uploaded_docx
from .docx.package import MAX_FILE_BYTES, DocxRefused
from .http import AuthenticatedRequest
from .models import Case

TEMPLATE = "orders/proposed_order_upload.html"
MESSAGE_CREATED = "Draft created from the proposed order “%(name)s” (the file is kept with the order)."
ERROR_NO_NUMBER = "The proposed order's caption names no case number: upload it from its case's page."
ERROR_NO_CASE = (
    "The caption names case {named}, which is not one of the cases you draft in. Import its docket "
    "first, or upload the file from its case's page."
)


class ProposedOrderForm(forms.Form):
    file = forms.FileField(
        label="Proposed order (.docx)",
        help_text="The party's proposed order as lodged, in Word. At most 10 MB.",
    )
    caption_is_wrong = forms.BooleanField(
        required=False,
        label="Draft it in this case even if its caption names another case number",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")
        return upload


def _case_named(request: AuthenticatedRequest, caption_text: str) -> Case:
    """The one case of the user's, in which they may draft, whose number the caption names."""
    named = services.word.case_number_named(caption_text)
    if not named:
        raise ValidationError(ERROR_NO_NUMBER)
    visible = selectors.case_find_by_number(named, queryset=selectors.cases_for_user(request.user))
    draftable = [
        case
        for case in visible.select_related("assigned_judge", "referred_judge")
        if selectors.can_draft(request.user, selectors.drafting_judge(request.user, case))
    ]
    if len(draftable) != 1:
        raise ValidationError(ERROR_NO_CASE.format(named=named))
    return draftable[0]


@require_http_methods(["GET", "POST"])
def proposed_order_upload(request: AuthenticatedRequest, case_id: int | None = None) -> HttpResponse:
    """Upload a proposed order; in a case (``case_id``) or, without one, in the case its caption
    names. A file that cannot be read, or names another case, is a form error: nothing saved."""
    case = selectors.case_get_for_user(request.user, case_id) if case_id is not None else None
    if case is not None and not selectors.can_draft(
        request.user, selectors.drafting_judge(request.user, case)
    ):
        raise PermissionDenied
    form = ProposedOrderForm(request.POST or None, request.FILES or None)
    if case is None:
        del form.fields["caption_is_wrong"]
    context = {"case": case, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, TEMPLATE, context, status=400 if form.errors else 200)
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        read = read_uploaded_docx(data)
        order = services.proposed_order_draft_create(
            case=case or _case_named(request, read.case_number_text),
            user=request.user,
            body=read.body,
            title=read.title,
            caption_text=read.case_number_text,
            filename=upload.name,
            data=data,
            override_case=bool(form.cleaned_data.get("caption_is_wrong")),
        )
    except DocxRefused as refusal:
        form.add_error("file", str(refusal))
        return render(request, TEMPLATE, context, status=400)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return render(request, TEMPLATE, context, status=400)
    messages.success(request, MESSAGE_CREATED % {"name": upload.name})
    return redirect("orders:order_detail", order.pk)
