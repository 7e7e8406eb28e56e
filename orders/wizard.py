"""The drafting wizard: case → order type → docket entries → details → review → saved draft.

A django-formtools ``SessionWizardView``. Each step is a form of ``orders.forms`` (the details
step is the order type's own ``Form``), rendered with crispy-forms into a template of its own.
The finish step calls one service (``order_draft_create``, or ``order_update`` when editing a
saved draft) and redirects to the order page.

The wizard never loses typed text:

- going back (``wizard_goto_step``) first stores what is on the current step, valid or not;
- answers that no longer fit (another case or order type chosen since) are set aside, and an
  edited text whose answers changed is kept, with a warning and a button to regenerate it;
- every page carries a signed snapshot of the wizard state, so a session that expired mid-wizard
  is restored from the page that was posted; without one, the typed text is shown back;
- a stale or tampered post (another step than the one the wizard is at, a choice the page did
  not offer) is refused with 400 and changes nothing.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import logging
import uuid
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.views.generic import TemplateView
from formtools.wizard.forms import ManagementForm
from formtools.wizard.storage import get_storage
from formtools.wizard.views import SessionWizardView, StepsHelper

from . import selectors, services
from .diffs import version_diff
from .forms import (
    ORDER_DATE_FIELD,
    TAMPER_CODES,
    CaseStepForm,
    EntriesStepForm,
    OrderTypeStepForm,
    ReviewStepForm,
    add_order_date_field,
    body_digest,
    body_of_paragraphs,
    form_data_from_form,
    paragraphs_of,
    posted_date,
    step_helper,
)
from .http import client_ip
from .models import Case, DocketEntry, Order
from .order_types import registry
from .pdf import (
    PREVIEW_SCALE,
    FontMissingError,
    RenderRefused,
    document_for_draft,
    page_count,
    render_page_png,
    render_pdf,
)

STEP_LABELS = {
    "case": "Case",
    "order_type": "Order type",
    "entries": "Docket entries",
    "details": "Details",
    "review": "Review",
}

MESSAGE_RESTORED = (
    "Your session had expired, so the wizard picked up your answers from the page you sent. "
    "Nothing you typed was lost; check the step below and continue."
)
MESSAGE_EXPIRED = (
    "This draft was interrupted: your session expired or the wizard was started again in another "
    "tab. Start again below — the text you had typed is shown so you can copy it."
)
MESSAGE_PAGE_RESTORED = "The draft was taken up again from the page you sent, with what you had typed on it."
MESSAGE_STALE = (
    "This page is out of date: the draft is at another step (perhaps it was continued in another "
    "tab or with the browser's back button). Nothing was changed."
)
MESSAGE_TAMPERED = "The page sent a choice it did not offer. Nothing was changed."
MESSAGE_ALREADY_SAVED = "This draft was already saved; here it is."
MESSAGE_NOT_EDITABLE = "Only a draft can be edited; this order is “%s”."
MESSAGE_READ_ONLY = (
    "Your role in this chambers is read-only: you can read and download orders, not draft or edit."
)
MESSAGE_SAVED = "Draft saved: %s."
MESSAGE_UPDATED = "Draft updated: %s."

logger = logging.getLogger(__name__)

MANAGEMENT_PREFIX = "order_wizard"
SNAPSHOT_FIELD = "wizard_snapshot"
RESTORE_FIELD = "restore"
BASIS_FIELD = "__basis"
DONE_SESSION_KEY = "order_wizard_done"


def _need_case_step(wizard: DraftWizard) -> bool:
    return wizard.fixed_case is None


def _need_entries_step(wizard: DraftWizard) -> bool:
    case, order_type = wizard.current_case(), wizard.current_order_type()
    if case is None or order_type is None:
        return True
    return order_type.needs_entries or registry.has_fitting_entries(order_type, case)


class DetailsPlaceholderForm(forms.Form):
    """Stands for the order type's own form until the type is known."""


def jsonable(value: Any) -> Any:
    """The answers of a details form as JSON: dates as ISO strings, records as their id."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    if hasattr(value, "all") and callable(value.all):  # a queryset from a model multiple choice
        return [item.pk for item in value.all()]
    return value


def order_date(details: Mapping[str, Any]) -> datetime.date | None:
    value = details.get(ORDER_DATE_FIELD)
    return value if isinstance(value, datetime.date) else None


def type_data(details: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to the order type's own fields (the details step also asks the order's date)."""
    return {name: value for name, value in details.items() if name != ORDER_DATE_FIELD}


class DraftWizard(SessionWizardView):
    form_list = [
        ("case", CaseStepForm),
        ("order_type", OrderTypeStepForm),
        ("entries", EntriesStepForm),
        ("details", DetailsPlaceholderForm),
        ("review", ReviewStepForm),
    ]
    condition_dict = {"case": _need_case_step, "entries": _need_entries_step}
    STEPS = [name for name, _ in form_list]

    # -- set-up ---------------------------------------------------------------------------------

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.order: Order | None = None
        self.fixed_case: Case | None = None
        if "order_id" in kwargs:
            self.order = selectors.order_get_for_user(request.user, kwargs["order_id"])
            if self.order.status != Order.Status.DRAFT:
                messages.error(request, MESSAGE_NOT_EDITABLE % self.order.get_status_display())
                return redirect("orders:order_detail", self.order.pk)
            if not selectors.can_edit(request.user, self.order):
                messages.error(request, MESSAGE_READ_ONLY)
                return redirect("orders:order_detail", self.order.pk)
            self.fixed_case = selectors.case_get_for_user(request.user, self.order.case_id)
            self.storage_key = f"{MANAGEMENT_PREFIX}_edit_{self.order.pk}"
        elif "case_id" in kwargs:
            self.fixed_case = selectors.case_get_for_user(request.user, kwargs["case_id"])
            self.storage_key = f"{MANAGEMENT_PREFIX}_case_{self.fixed_case.pk}"
        else:
            self.storage_key = MANAGEMENT_PREFIX
        # formtools names the storage and the management form alike; the storage gets one key per
        # wizard (new draft, draft in a case, edit of an order) so two tabs do not mix answers,
        # while the management form keeps one prefix the templates and tests can rely on.
        self.prefix = MANAGEMENT_PREFIX
        self.storage = get_storage(self.storage_name, self.storage_key, request, None)
        self.steps = StepsHelper(self)
        response = TemplateView.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def get_template_names(self) -> list[str]:
        return [f"orders/wizard/{self.steps.current}.html"]

    def url(self) -> str:
        if self.order is not None:
            return reverse("orders:order_edit", args=[self.order.pk])
        if self.fixed_case is not None:
            return reverse("orders:draft_for_case", args=[self.fixed_case.pk])
        return reverse("orders:draft_new")

    # -- the answers so far ---------------------------------------------------------------------

    # Per-request memoisation (a view instance lives for one request). Each step's form depends
    # on the answers of the steps before it, so when a step's stored answers change,
    # ``clear_caches(step)`` forgets what was worked out from that step and the ones after it.

    def validated_form(self, step: str) -> forms.Form:
        """The form of ``step`` bound to its stored answers and validated, once per request."""
        cache = self.__dict__.setdefault("_validated_forms", {})
        if step not in cache:
            form = self.get_form(
                step=step, data=self.storage.get_step_data(step), files=self.storage.get_step_files(step)
            )
            form.is_valid()
            cache[step] = form
        return cache[step]

    def get_cleaned_data_for_step(self, step: str) -> dict[str, Any] | None:
        """formtools' answer (the stored answers re-validated, None when invalid), remembered for
        the request even when it is None or empty (formtools re-validates those every call)."""
        if step not in self.form_list:
            return None
        form = self.validated_form(step)
        return form.cleaned_data if form.is_valid() else None

    def render_done(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        """formtools' ``render_done``: every step re-validated from storage before ``done``; a
        step already validated in this request (after the last change) is not built again."""
        final_forms = {}
        for form_key in self.get_form_list():
            form_obj = self.validated_form(form_key)
            if not form_obj.is_valid():
                return self.render_revalidation_failure(form_key, form_obj, **kwargs)
            final_forms[form_key] = form_obj
        done_response = self.done(list(final_forms.values()), form_dict=final_forms, **kwargs)
        self.storage.reset()
        return done_response

    def store_step(self, step: str, data: dict[str, Any], *, form: forms.Form | None = None) -> None:
        """Store a step's answers and forget what was worked out from them. ``form``, when given,
        is the valid form those answers were taken from: it stands for the stored answers."""
        self.storage.set_step_data(step, data)
        self.clear_caches(step)
        if form is not None and form.is_valid():
            self.__dict__.setdefault("_validated_forms", {})[step] = form

    def current_case(self) -> Case | None:
        if self.fixed_case is not None:
            return self.fixed_case
        if not hasattr(self, "_case"):
            data = self.get_cleaned_data_for_step("case")
            case = data["case"] if data else None
            self._case = selectors.case_get_for_user(self.request.user, case.pk) if case else None
        return self._case

    def current_order_type(self) -> Any:
        data = self.get_cleaned_data_for_step("order_type")
        return registry.get(data["order_type"]) if data else None

    def current_entries(self) -> list[DocketEntry]:
        if "entries" not in self.get_form_list():
            return []
        data = self.get_cleaned_data_for_step("entries")
        return sorted(data["entries"], key=lambda e: e.number) if data else []

    def current_details(self) -> dict[str, Any] | None:
        return self.get_cleaned_data_for_step("details")

    def generated(self) -> tuple[str, str]:
        """The title and body the order type writes for the answers so far."""
        if "_generated" in self.__dict__:
            return self._generated
        case, order_type = self.current_case(), self.current_order_type()
        details = self.current_details()
        if case is None or order_type is None or details is None:
            self._generated = ("", "")
            return self._generated
        entries = self.current_entries()
        judge = selectors.drafting_judge(self.request.user, case)
        data = type_data(details)
        title = order_type.title_for(case=case, entries=entries, data=data)
        body = order_type.render_body(case=case, entries=entries, data=data, judge=judge)
        self._generated = (title, body)
        return self._generated

    def basis(self, step: str) -> str:
        """What a step's answers depend on; stored answers made on another basis are set aside."""
        case = self.current_case() if step != "case" else None
        parts = [str(case.pk) if case else ""]
        if step in ("entries", "details", "review"):
            order_type = self.current_order_type()
            parts.append(order_type.key if order_type else "")
        return ":".join(parts)

    # -- forms ----------------------------------------------------------------------------------

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        if step == "case":
            return {"user": self.request.user}
        if step == "order_type":
            return {"case": self.current_case()}
        if step == "entries":
            return {"case": self.current_case(), "order_type": self.current_order_type()}
        return {}

    def get_form_initial(self, step: str) -> dict[str, Any]:
        if step == "details":
            if "_details_initial" not in self.__dict__:
                case, order_type = self.current_case(), self.current_order_type()
                initial = {ORDER_DATE_FIELD: timezone.localdate()}
                if case is not None and order_type is not None:
                    initial.update(order_type.initial(case=case, entries=self.current_entries()))
                self._details_initial = initial
            return dict(self._details_initial)
        return {}

    def get_form(self, step: str | None = None, data: Any = None, files: Any = None) -> forms.Form:
        step = step or self.steps.current
        if step == "details":
            order_type = self.current_order_type()
            if data is not None:
                # A bound form shows and validates the answers posted; the prefill (a few queries
                # into the case and the judge's earlier orders) is for the page before any post.
                initial = {ORDER_DATE_FIELD: timezone.localdate()}
                date = posted_date(data.get(f"details-{ORDER_DATE_FIELD}"))
            else:
                initial = self.get_form_initial("details")
                date = initial.get(ORDER_DATE_FIELD)
            if order_type is not None:
                form = order_type.get_form(
                    case=self.current_case(), data=data, initial=initial, order_date=date, prefix="details"
                )
            else:
                form = DetailsPlaceholderForm(data=data, prefix="details", initial=initial)
            add_order_date_field(form)
            form.helper = step_helper(form)
            return form
        if step == "review":
            title, body = self.generated()
            form = ReviewStepForm(
                data=data,
                prefix="review",
                initial={"title": title, "generated_digest": body_digest(title, body)},
                paragraphs=paragraphs_of(body),
            )
            return form
        return super().get_form(step=step, data=data, files=files)

    def stored_form(self, step: str) -> forms.Form:
        """The form of ``step`` with the answers stored for it, when they still apply."""
        data = self.storage.get_step_data(step)
        self.review_outdated = False
        stored_basis = data.get(f"{step}-{BASIS_FIELD}") if data is not None else None
        if stored_basis is not None and stored_basis != self.basis(step):
            data = None
        if data is not None and step == "review":
            title, body = self.generated()
            digest = body_digest(title, body)
            stored_digest = data.get("review-generated_digest")
            if stored_digest != digest:
                paragraphs = [value for key, value in data.items() if key.startswith("review-paragraph_")]
                edited = body_digest(data.get("review-title", ""), body_of_paragraphs(paragraphs))
                if edited == stored_digest:
                    data = None  # not edited: show the text the new answers give
                else:
                    self.review_outdated = True
        return self.get_form(step, data=data)

    def get_form_step_data(self, form: forms.Form) -> dict[str, list[str]]:
        """Store only the step's own fields (not the CSRF token or the snapshot)."""
        prefix = f"{form.prefix}-"
        data = form.data
        lists = data.lists() if isinstance(data, MultiValueDict) else ((k, [v]) for k, v in data.items())
        return {key: values for key, values in lists if key.startswith(prefix)}

    # -- rendering ------------------------------------------------------------------------------

    def get_context_data(self, form: forms.Form, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        steps_shown = self.get_form_list()
        progress = []
        current_index = list(self.form_list).index(step)
        for index, (name, label) in enumerate(STEP_LABELS.items()):
            if name == "case" and self.fixed_case is not None:
                state = "done"
            elif name not in steps_shown:
                state = "skipped"
            elif name == step:
                state = "current"
            elif index < current_index:
                state = "done"
            else:
                state = "todo"
            progress.append({"name": name, "label": label, "state": state})
        case = self.current_case() if step != "case" else None
        order_type = self.current_order_type() if step not in ("case", "order_type") else None
        context.update(
            {
                "progress": progress,
                "step_label": STEP_LABELS[step],
                "basis_name": f"{step}-{BASIS_FIELD}",
                "basis_value": self.basis(step),
                "snapshot_name": SNAPSHOT_FIELD,
                "snapshot": self.snapshot(),
                "wizard_url": self.url(),
                "editing": self.order,
                "draft_case": case,
                "draft_order_type": order_type,
                "draft_entries": self.current_entries() if step in ("details", "review") else [],
                "review_outdated": getattr(self, "review_outdated", False),
            }
        )
        if step == "review" and case is not None:
            context["judge"] = selectors.drafting_judge(self.request.user, case)
        return context

    def snapshot(self) -> str:
        """The wizard state, signed for this user and wizard, carried by every page."""
        return signing.dumps(
            {"key": self.storage_key, "data": self.storage.data},
            salt=f"orders.wizard:{self.request.user.pk}",
            compress=True,
        )

    def snapshot_payload(self) -> dict | None:
        """The wizard state carried by the posted page, if it is this user's and this wizard's."""
        token = self.request.POST.get(SNAPSHOT_FIELD, "")
        try:
            payload = signing.loads(
                token, salt=f"orders.wizard:{self.request.user.pk}", max_age=60 * 60 * 24 * 7
            )
        except signing.BadSignature:
            return None
        if payload.get("key") != self.storage_key or not isinstance(payload.get("data"), dict):
            return None
        return payload

    def restore_snapshot(self) -> bool:
        payload = self.snapshot_payload()
        if payload is None:
            return False
        self.storage.data = payload["data"]
        self.clear_caches()
        return self.storage.current_step is not None

    def refuse(self, message: str, *, restorable: bool = False) -> HttpResponse:
        """400 with the typed text shown back; the stored answers are left as they were.

        A stale page that carries a valid snapshot can be taken up again: the refusal page
        offers to post it once more with ``restore=1``, which replaces the wizard's state by the
        page's own (the user's explicit choice) and then handles the post as usual."""
        post = self.request.POST
        context = {"message": message, "typed": typed_text(post), "wizard_url": self.url()}
        if restorable and self.snapshot_payload() is not None:
            context["repost"] = [
                (key, value)
                for key, values in post.lists()
                for value in values
                if key not in ("csrfmiddlewaretoken", RESTORE_FIELD, "wizard_goto_step", "preview")
            ]
            context["restore_field"] = RESTORE_FIELD
        return TemplateResponse(self.request, "orders/wizard/refused.html", context, status=400)

    # -- requests -------------------------------------------------------------------------------

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("resume") and self.storage.current_step in self.get_form_list():
            return self.render(self.stored_form(self.steps.current))
        self.storage.reset()
        self.clear_caches()
        self.storage.extra_data = {"nonce": uuid.uuid4().hex}
        if self.order is not None:
            self.prefill_from_order(self.order)
            self.storage.current_step = "review"
            return self.render(self.stored_form("review"))
        self.storage.current_step = self.steps.first
        return self.render(self.get_form())

    def prefill_from_order(self, order: Order) -> None:
        """Store answers for every step from a saved draft, as if the user had posted them."""
        # The version the user edits from: saving is refused if someone saved a newer one since.
        self.storage.extra_data = {**self.storage.extra_data, "version": order.version}
        store = self.store_step  # each store forgets what depended on the step
        store(
            "order_type",
            {
                "order_type-order_type": [order.order_type],
                f"order_type-{BASIS_FIELD}": [self.basis("order_type")],
            },
        )
        order_type = self.current_order_type()
        if order_type is None:
            return
        entry_ids = [str(entry.pk) for entry in order.docket_entries.all()]
        store("entries", {"entries-entries": entry_ids, f"entries-{BASIS_FIELD}": [self.basis("entries")]})
        values = {**(order.details or {}), ORDER_DATE_FIELD: order.date}
        form = add_order_date_field(
            order_type.get_form(case=order.case, initial=values, order_date=order.date, prefix="details")
        )
        details = form_data_from_form(form, values)
        details[f"details-{BASIS_FIELD}"] = [self.basis("details")]
        store("details", details)
        title, body = self.generated()
        review = {
            "review-title": [order.title],
            "review-generated_digest": [body_digest(title, body)],
            f"review-{BASIS_FIELD}": [self.basis("review")],
        }
        for index, paragraph in enumerate(paragraphs_of(order.body)):
            review[f"review-paragraph_{index}"] = [paragraph]
        store("review", review)

    def clear_caches(self, step: str | None = None) -> None:
        """Forget what was worked out from the stored answers: all of it, or (``step``) what
        depends on that step's answers: its own form and those of the steps after it."""
        changed = self.STEPS if step is None else self.STEPS[self.STEPS.index(step) :]
        validated = self.__dict__.get("_validated_forms", {})
        for name in changed:
            validated.pop(name, None)
            self.__dict__.pop(f"_cleaned_data_cache_{name}", None)
        # Which steps are shown depends on the case and the order type (``condition_dict``).
        for name in ("_resolved_form_list", "_cache_signature"):
            self.__dict__.pop(name, None)
        if "case" in changed:
            self.__dict__.pop("_case", None)
        if "entries" in changed:  # case, order type or entries: the details' prefill
            self.__dict__.pop("_details_initial", None)
        if "details" in changed:  # any step before review: the generated text
            self.__dict__.pop("_generated", None)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        request = self.request
        if request.POST.get("preview") and self.storage.current_step is None and not self.restore_snapshot():
            return JsonResponse({"error": "Your session expired: save or reload the page."}, status=409)
        restoring = request.POST.get(RESTORE_FIELD) and self.snapshot_payload() is not None
        if self.storage.current_step is None or restoring:
            if not self.restore_snapshot():
                self.storage.reset()
                self.clear_caches()
                self.storage.extra_data = {"nonce": uuid.uuid4().hex}
                self.storage.current_step = self.steps.first
                if self.order is not None:
                    self.prefill_from_order(self.order)
                    self.storage.current_step = "review"
                messages.warning(request, MESSAGE_EXPIRED)
                form = self.stored_form(self.steps.current) if self.order else self.get_form()
                return self.render(form, typed=typed_text(request.POST))
            done = request.session.get(DONE_SESSION_KEY, {})
            nonce = self.storage.extra_data.get("nonce")
            if nonce and nonce in done:
                messages.info(request, MESSAGE_ALREADY_SAVED)
                self.storage.reset()
                return redirect("orders:order_detail", done[nonce])
            messages.info(request, MESSAGE_PAGE_RESTORED if restoring else MESSAGE_RESTORED)

        management_form = ManagementForm(request.POST, prefix=self.prefix)
        if not management_form.is_valid():
            return self.refuse(MESSAGE_STALE)
        posted_step = management_form.cleaned_data["current_step"]
        form_list = list(self.get_form_list())
        if posted_step != self.storage.current_step or posted_step not in form_list:
            return self.refuse(MESSAGE_STALE, restorable=True)

        if request.POST.get("preview"):
            return self.preview()

        goto = request.POST.get("wizard_goto_step")
        if goto:
            if goto not in form_list or form_list.index(goto) >= form_list.index(posted_step):
                return self.refuse(MESSAGE_STALE)
            form = self.get_form(data=request.POST)
            self.store_step(posted_step, self.get_form_step_data(form))
            self.storage.current_step = goto
            return self.render(self.stored_form(goto))

        if posted_step == "case" and request.POST.get("search"):
            query = request.POST.get("case-query", "")
            return self.render(CaseStepForm(prefix="case", user=request.user, initial={"query": query}))
        if posted_step == "review" and request.POST.get("regenerate"):
            self.store_step("review", {})
            return self.render(self.get_form("review"))

        form = self.get_form(data=request.POST, files=request.FILES)
        if form.is_valid():
            self.store_step(posted_step, self.get_form_step_data(form), form=form)
            if posted_step == form_list[-1]:
                return self.render_done(form, **kwargs)
            next_step = self.get_next_step(posted_step)
            self.storage.current_step = next_step
            return self.render(self.stored_form(next_step))
        if is_tampered(form):
            return self.refuse(MESSAGE_TAMPERED)
        if posted_step == "review":
            self.review_outdated = False
        return self.render(form)

    def render_goto_step(self, goto_step: str, **kwargs: Any) -> HttpResponse:
        self.storage.current_step = goto_step
        return self.render(self.stored_form(goto_step), **kwargs)

    def preview(self) -> HttpResponse:
        """Pages of the order as it stands on the review step, as PNG data URLs (JSON)."""
        case, order_type = self.current_case(), self.current_order_type()
        details = self.current_details()
        if case is None or order_type is None or details is None:
            return JsonResponse({"error": "The earlier steps are incomplete."}, status=409)
        form = self.get_form("review", data=self.request.POST)
        if not form.is_valid():
            return JsonResponse(
                {"error": " ".join(form.errors.get("__all__", [])) or "Fix the text first."}, status=422
            )
        document = document_for_draft(
            case=case,
            title=form.cleaned_data["title"],
            entries=self.current_entries(),
            body=form.cleaned_data["body"],
            date=order_date(details),
            judge=selectors.drafting_judge(self.request.user, case),
        )
        try:
            pdf = render_pdf(document)
        except FontMissingError:
            logger.exception("Preview of a draft failed: the pleading-paper font is missing")
            return JsonResponse({"error": "The preview is unavailable: the PDF font is missing."}, status=503)
        except RenderRefused as refused:  # a character no font has, a footnote without text, …
            return JsonResponse({"error": str(refused)}, status=422)
        pngs = [render_page_png(pdf, index, scale=PREVIEW_SCALE) for index in range(page_count(pdf))]
        pages = ["data:image/png;base64," + base64.b64encode(png).decode() for png in pngs]
        return JsonResponse({"pages": pages})

    def done(self, form_list: Any, form_dict: dict[str, forms.Form], **kwargs: Any) -> HttpResponse:
        case, order_type = self.current_case(), self.current_order_type()
        details = form_dict["details"].cleaned_data
        review = form_dict["review"].cleaned_data
        entries = self.current_entries()
        if self.order is None and not selectors.can_draft(
            self.request.user, selectors.drafting_judge(self.request.user, case)
        ):
            raise PermissionDenied(MESSAGE_READ_ONLY)  # logged by the refusal middleware
        data = jsonable(type_data(details))
        try:
            if self.order is not None:
                order = services.order_update(
                    order=self.order,
                    user=self.request.user,
                    expected_version=self.storage.extra_data.get("version", self.order.version),
                    ip=client_ip(self.request),
                    order_type_key=order_type.key,
                    entries=entries,
                    data=data,
                    title=review["title"],
                    body=review["body"],
                    date=order_date(details),
                )
                messages.success(self.request, MESSAGE_UPDATED % order.title)
            else:
                order = services.order_draft_create(
                    case=case,
                    order_type_key=order_type.key,
                    entries=entries,
                    data=data,
                    created_by=self.request.user,
                    body=review["body"],
                    title=review["title"],
                    date=order_date(details),
                    judge=selectors.drafting_judge(self.request.user, case),
                )
                messages.success(self.request, MESSAGE_SAVED % order.title)
        except PermissionDenied:
            self.request.refusal_logged = True  # the service logged the refusal
            raise
        except ValidationError as error:
            form = form_dict["review"]
            for message in error.messages:
                form.add_error(None, message)
            self.storage.current_step = "review"
            if isinstance(error, services.OrderVersionConflict):
                # Show what the other person changed and how this text differs from theirs; the
                # next save builds on their version, so nothing is silently overwritten.
                mine = SimpleNamespace(title=review["title"], body=review["body"], date=order_date(details))
                self.storage.extra_data = {**self.storage.extra_data, "version": error.current.version}
                return self.render(
                    form,
                    conflict_theirs=error.their_changes(),
                    conflict_yours=version_diff(error.current, mine),
                )
            return self.render(form)
        done = self.request.session.get(DONE_SESSION_KEY, {})
        done[self.storage.extra_data.get("nonce", "")] = order.pk
        self.request.session[DONE_SESSION_KEY] = dict(list(done.items())[-20:])
        return redirect("orders:order_detail", order.pk)


def is_tampered(form: forms.Form) -> bool:
    return any(error.code in TAMPER_CODES for errors in form.errors.as_data().values() for error in errors)


def typed_text(post: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What the user typed on the page posted, to show it back when it cannot be used."""
    typed = []
    for key in post:
        if not key.startswith(("review-", "details-", "case-query")) or BASIS_FIELD in key:
            continue
        if key.endswith("generated_digest"):
            continue
        value = post.get(key, "")
        if isinstance(value, str) and len(value.strip()) > 1:
            name = key.split("-", 1)[1]
            if name.startswith("paragraph_") and name[10:].isdigit():
                label = f"Paragraph {int(name[10:]) + 1}"
            else:
                label = name.replace("_", " ").capitalize()
            typed.append((label, value))
    return typed


def order_type_or_none(key: str) -> Any:
    try:
        return registry.get(key)
    except KeyError:
        return None


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
