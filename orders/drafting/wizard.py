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

import uuid
from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from formtools.wizard.forms import ManagementForm

from .. import selectors, services
from ..diffs import version_diff
from ..http import client_ip
from ..models import Case, Order
from ..pdf import document_for_draft
from .answers import WizardAnswers
from .forms import CaseStepForm
from .preview import (
    ERROR_PREVIEW_BUSY,
    ERROR_READ_ONLY_PREVIEW,
    first_page_asked,
    preview_pages,
    preview_slot,
)
from .texts import (
    BASIS_FIELD,
    DONE_SESSION_KEY,
    MANAGEMENT_PREFIX,
    MESSAGE_ALREADY_SAVED,
    MESSAGE_EXPIRED,
    MESSAGE_NOT_EDITABLE,
    MESSAGE_PAGE_RESTORED,
    MESSAGE_READ_ONLY,
    MESSAGE_RESTORED,
    MESSAGE_SAVED,
    MESSAGE_STALE,
    MESSAGE_TAMPERED,
    MESSAGE_UPDATED,
    RESTORE_FIELD,
    SNAPSHOT_FIELD,
    STEP_LABELS,
)
from .values import is_tampered, jsonable, order_date, type_data, typed_text


class DraftWizard(WizardAnswers):
    # -- set-up ---------------------------------------------------------------------------------

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
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
        elif "case_id" in kwargs:
            self.fixed_case = selectors.case_get_for_user(request.user, kwargs["case_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        """formtools' storage prefix: one per wizard (new draft, draft in a case, edit of an order),
        so two such wizards do not mix answers. The management form keeps one prefix
        (``MANAGEMENT_PREFIX``) the templates and tests rely on (``get_context_data``)."""
        if self.order is not None:
            return f"{MANAGEMENT_PREFIX}_edit_{self.order.pk}"
        if self.fixed_case is not None:
            return f"{MANAGEMENT_PREFIX}_case_{self.fixed_case.pk}"
        return MANAGEMENT_PREFIX

    def get_template_names(self) -> list[str]:
        return [f"orders/wizard/{self.steps.current}.html"]

    def url(self) -> str:
        if self.order is not None:
            return reverse("orders:order_edit", args=[self.order.pk])
        if self.fixed_case is not None:
            return reverse("orders:draft_for_case", args=[self.fixed_case.pk])
        return reverse("orders:draft_new")

    # -- rendering ------------------------------------------------------------------------------

    def get_context_data(self, form: forms.Form, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context["wizard"]["management_form"] = ManagementForm(
            prefix=MANAGEMENT_PREFIX, initial={"current_step": step}
        )
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
            {"key": self.prefix, "data": self.storage.data},
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
        if payload.get("key") != self.prefix or not isinstance(payload.get("data"), dict):
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
                if key
                not in ("csrfmiddlewaretoken", RESTORE_FIELD, "wizard_goto_step", "preview", "preview_first")
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

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        request = self.request
        if request.POST.get("preview") and self.storage.current_step is None and not self.restore_snapshot():
            return JsonResponse({"error": "Your session expired: save or reload the page."}, status=409)
        restoring = request.POST.get(RESTORE_FIELD) and self.snapshot_payload() is not None
        if self.storage.current_step is None or restoring:
            response = self.restore_or_restart(bool(restoring))
            if response is not None:
                return response

        management_form = ManagementForm(request.POST, prefix=MANAGEMENT_PREFIX)
        if not management_form.is_valid():
            return self.refuse(MESSAGE_STALE)
        posted_step = management_form.cleaned_data["current_step"]
        form_list = list(self.get_form_list())
        if posted_step != self.storage.current_step or posted_step not in form_list:
            return self.refuse(MESSAGE_STALE, restorable=True)

        if request.POST.get("preview"):
            return self.preview()

        response = self.navigate(posted_step, form_list)
        if response is not None:
            return response

        return self.submit(posted_step, form_list, **kwargs)

    def submit(self, posted_step: str, form_list: list[str], **kwargs: Any) -> HttpResponse:
        """The posted step's answers: stored and the next step shown (or the order saved after
        the last), else the step again with its errors."""
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
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

    def restore_or_restart(self, restoring: bool) -> HttpResponse | None:
        """A post without wizard state (a session that expired) or with a page's snapshot to
        restore: the state restored from the page (None: go on), or the restarted wizard."""
        request = self.request
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
        return None

    def navigate(self, posted_step: str, form_list: list[str]) -> HttpResponse | None:
        """Back to an earlier step, a case search or regenerating the text; None for a plain post."""
        request = self.request
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
        return None

    def render_goto_step(self, goto_step: str, **kwargs: Any) -> HttpResponse:
        self.storage.current_step = goto_step
        return self.render(self.stored_form(goto_step), **kwargs)

    def preview(self) -> HttpResponse:
        """Pages of the order as it stands on the review step, as PNG data URLs (JSON): a few
        pages at a time, one preview at a time per user, none for a read-only member."""
        case, order_type = self.current_case(), self.current_order_type()
        details = self.current_details()
        if case is None or order_type is None or details is None:
            return JsonResponse({"error": "The earlier steps are incomplete."}, status=409)
        judge = selectors.drafting_judge(self.request.user, case)
        if self.order is None and not selectors.can_draft(self.request.user, judge):
            return JsonResponse({"error": ERROR_READ_ONLY_PREVIEW}, status=403)
        form = self.get_form("review", data=self.request.POST)
        if not form.is_valid():
            message = " ".join(str(error) for error in form.errors.get("__all__", []))
            return JsonResponse({"error": message or "Fix the text first."}, status=422)
        document = document_for_draft(
            case=case,
            title=form.cleaned_data["title"],
            entries=self.current_entries(),
            body=form.cleaned_data["body"],
            date=order_date(details),
            judge=judge,
        )
        with preview_slot(self.request.user.pk) as granted:
            if not granted:
                return JsonResponse({"error": ERROR_PREVIEW_BUSY}, status=429)
            return preview_pages(document, first=first_page_asked(self.request.POST.get("preview_first")))

    def done(self, form_list: Any, form_dict: dict[str, forms.Form], **kwargs: Any) -> HttpResponse:
        case, order_type = self.current_case(), self.current_order_type()
        details = form_dict["details"].cleaned_data
        review = form_dict["review"].cleaned_data
        entries = self.current_entries()
        assert case is not None and order_type is not None  # done() follows every valid step
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
