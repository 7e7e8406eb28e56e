"""The drafting wizard: case → order type → docket entries → details → review → saved draft.

A django-formtools ``WizardView`` whose storage is a ``WizardDraft`` row (``storage.py``) named
by the id in the URL (``/drafts/w/<id>/``): two tabs are two drafts, a third tab opening the
same URL sees the same state, and a session that expired loses nothing — log in again and the
same URL continues where it was. Each step is a form of ``forms.py`` (the details step is the
order type's own ``Form``), rendered with crispy-forms into a template of its own. The finish
step calls one service (``wizard_draft_finish``, which saves the order with
``order_draft_create`` or ``order_update``) and redirects to the order page.

The wizard never loses typed text:

- every Continue and Back saves the step to the draft (valid or not), then the page is shown by
  a GET of the draft's URL (so the browser's Back, Forward and Reload only ever show a page);
- the review step's paragraphs are saved as they are typed (``autosave=1``, from the page's
  script), with "Saved hh:mm" shown;
- answers that no longer fit (another case or order type chosen since) are set aside, and an
  edited text whose answers changed is kept, with a warning and a button to regenerate it;
- every page carries the draft's revision: a page made before the draft last changed (another
  tab, the browser's Back) is not used — the draft's current step is shown with a one-line
  explanation and the text typed on that page; a Save draft from such a page is refused with the
  difference between its text and the draft's;
- a post after the session expired keeps what it carried for after the login (``relogin.py``).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from formtools.wizard.forms import ManagementForm

from .. import selectors, services
from ..diffs import version_diff
from ..models import Case, Order
from ..pdf import document_for_draft
from .finish import WizardFinish
from .forms import MAX_PARAGRAPHS, CaseStepForm
from .preview import (
    ERROR_PREVIEW_BUSY,
    ERROR_READ_ONLY_PREVIEW,
    first_page_asked,
    preview_pages,
    preview_slot,
)
from .relogin import login_again, take_typed
from .storage import WizardDraftStorage
from .texts import (
    AUTOSAVE_FIELD,
    BASIS_FIELD,
    MANAGEMENT_PREFIX,
    MESSAGE_ALREADY_SAVED,
    MESSAGE_AUTOSAVE_STALE,
    MESSAGE_RELOGGED,
    MESSAGE_RELOGGED_STALE,
    MESSAGE_SAVED_ORDER_GONE,
    MESSAGE_STALE,
    MESSAGE_STALE_SAVE,
    MESSAGE_TAMPERED,
    REVISION_FIELD,
    STEP_LABELS,
)
from .values import error_summary, is_tampered, order_date, typed_text
from .views import edit_refusal


class DraftWizard(WizardFinish):
    storage_name = "orders.drafting.storage.WizardDraftStorage"
    storage: WizardDraftStorage

    # -- set-up ---------------------------------------------------------------------------------

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:  # the session expired: keep the post for after login
            return login_again(request, str(kwargs["draft_id"]))
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        """formtools' prefix, of the management form (the storage is the URL's draft)."""
        return MANAGEMENT_PREFIX

    def set_up(self) -> HttpResponse | None:
        """The draft, the order it edits and its fixed case; a redirect when it cannot go on."""
        request, draft = self.request, self.storage.draft
        self.draft = draft
        self.order: Order | None = None
        self.fixed_case: Case | None = None
        if draft.finished:
            if draft.saved_order_id is None:
                messages.info(request, MESSAGE_SAVED_ORDER_GONE)
                return redirect("orders:draft_list")
            messages.info(request, MESSAGE_ALREADY_SAVED)
            return redirect("orders:order_detail", draft.saved_order_id)
        if draft.order_id is not None:
            self.order = selectors.order_get_for_user(request.user, draft.order_id)
            refusal = edit_refusal(request, self.order)
            if refusal is not None:
                return refusal
        if draft.case_fixed and draft.case_id is not None:
            self.fixed_case = selectors.case_get_for_user(request.user, draft.case_id)
        return None

    def get_template_names(self) -> list[str]:
        return [f"orders/wizard/{self.steps.current}.html"]

    def url(self) -> str:
        return reverse("orders:wizard", args=[self.draft.pk])

    def redirect_to_current(self) -> HttpResponse:
        """After a post that changed the draft, the page is a GET of its URL (303)."""
        response = HttpResponseRedirect(self.url())
        response.status_code = 303
        return response

    def save_draft(self, *, answers_changed: bool = True) -> None:
        """Write the state to the draft (``WizardDraftStale`` if it changed since the page)."""
        draft = self.draft
        case_id, judge_id, type_key = draft.case_id, draft.judge_id, draft.order_type
        if answers_changed:
            case, order_type = self.current_case(), self.current_order_type()
            case_id = case.pk if case is not None else None
            judge_id = selectors.drafting_judge(self.request.user, case).pk if case is not None else None
            type_key = order_type.key if order_type is not None else ""
        self.storage.save(
            case_id=case_id, judge_id=judge_id, order_type=type_key, expected_revision=draft.revision
        )

    # -- rendering ------------------------------------------------------------------------------

    def get_context_data(self, form: forms.Form, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        case = self.current_case() if step != "case" else None
        order_type = self.current_order_type() if step not in ("case", "order_type") else None
        context.update(
            {
                "progress": self.progress(step),
                "step_label": STEP_LABELS[step],
                "basis_name": f"{step}-{BASIS_FIELD}",
                "basis_value": self.basis(step),
                "revision_name": REVISION_FIELD,
                "revision": self.draft.revision,
                "autosave_field": AUTOSAVE_FIELD,
                "saved_at": timezone.localtime(self.draft.updated_at),
                "wizard_url": self.url(),
                "editing": self.order,
                "draft_case": case,
                "draft_order_type": order_type,
                "draft_entries": self.current_entries() if step in ("details", "review") else [],
                "review_outdated": getattr(self, "review_outdated", False),
                "error_summary": error_summary(form),
            }
        )
        if step == "review" and case is not None:
            context["judge"] = selectors.drafting_judge(self.request.user, case)
        return context

    def progress(self, step: str) -> list[dict[str, str]]:
        steps_shown = self.get_form_list()
        current_index = self.STEPS.index(step)
        progress = []
        for index, (name, label) in enumerate(STEP_LABELS.items()):
            if name == "case" and self.fixed_case is not None:
                state = "done"
            elif name not in steps_shown:
                state = "skipped"
            elif name == step:
                state = "current"
            else:
                state = "done" if index < current_index else "todo"
            progress.append({"name": name, "label": label, "state": state})
        return progress

    def show_current(self, notice: str, *, status: int = 200, typed: Any = None) -> HttpResponse:
        """The draft's current step as stored, with a one-line notice and the text typed on the
        page that could not be used (nothing stored is changed)."""
        if typed is None:
            posted_step = self.request.POST.get(f"{MANAGEMENT_PREFIX}-current_step", "")
            stored = self.storage.get_step_data(posted_step) if posted_step in self.form_list else None
            typed = typed_text(self.request.POST, stored=stored or {})
        response = self.render(self.stored_form(self.steps.current), notice=notice, typed=typed)
        response.status_code = status
        return response

    # -- requests -------------------------------------------------------------------------------

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = self.set_up()
        if refusal is not None:
            return refusal
        if self.storage.current_step is None:  # a new draft: its first step
            if self.order is not None:
                self.prefill_from_order(self.order)
                self.storage.current_step = "review"
            else:
                self.storage.current_step = self.steps.first
            self.save_draft()
        elif self.storage.current_step not in self.get_form_list():
            self.storage.current_step = self.steps.first  # the steps changed under it (a new type)
        typed = take_typed(request, self.draft)
        if typed is not None:
            return self.restore_typed(typed)
        return self.render(self.stored_form(self.steps.current))

    def restore_typed(self, typed: dict[str, Any]) -> HttpResponse:
        """A page posted while logged out: its text put back if the draft is still at that page."""
        if typed.get("step") == self.steps.current and typed.get("revision") == self.draft.revision:
            self.store_step(self.steps.current, typed.get("data") or {})
            self.save_draft()
            return self.render(self.stored_form(self.steps.current), notice=MESSAGE_RELOGGED)
        return self.show_current(MESSAGE_RELOGGED_STALE, typed=typed_text(typed.get("data") or {}))

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = self.set_up()
        if refusal is not None:
            return refusal
        post = self.request.POST
        management_form = ManagementForm(post, prefix=MANAGEMENT_PREFIX)
        posted_step = management_form.cleaned_data["current_step"] if management_form.is_valid() else None
        form_list = list(self.get_form_list())
        at_current = posted_step == self.storage.current_step and posted_step in form_list
        fresh = at_current and post.get(REVISION_FIELD) == str(self.draft.revision)
        if post.get("preview"):
            if not at_current or posted_step != "review":
                return JsonResponse({"error": MESSAGE_STALE}, status=409)
            return self.preview()
        if post.get(AUTOSAVE_FIELD):
            return self.autosave(fresh and posted_step == "review")
        if posted_step is None or posted_step not in self.form_list:
            return self.show_current(MESSAGE_TAMPERED, status=400)
        try:
            if not fresh:
                return self.refuse_stale(posted_step, at_current)
            response = self.navigate(posted_step, form_list)
            return response if response is not None else self.submit(posted_step, form_list, **kwargs)
        except services.WizardDraftStale:  # another tab saved in the same instant
            messages.warning(self.request, MESSAGE_STALE)
            return HttpResponseRedirect(self.url())

    def refuse_stale(self, posted_step: str, at_current: bool) -> HttpResponse:
        """A page older than the draft: Save draft from it shows the difference; anything else
        shows where the draft is now."""
        post = self.request.POST
        if posted_step == "review" and at_current and not post.get("wizard_goto_step"):
            form = self.get_form("review", data=post)
            if form.is_valid():
                stored = self.stored_form("review")
                theirs = SimpleNamespace(
                    title=stored["title"].value(),
                    body=stored.cleaned_data.get("body", "") if stored.is_valid() else "",
                )
                mine = SimpleNamespace(title=form.cleaned_data["title"], body=form.cleaned_data["body"])
                form.add_error(None, MESSAGE_STALE_SAVE)
                return self.render(
                    form, conflict_yours=version_diff(theirs, mine, fields=("title", "body")), stale_save=True
                )
        return self.show_current(MESSAGE_STALE)

    def submit(self, posted_step: str, form_list: list[str], **kwargs: Any) -> HttpResponse:
        """The posted step's answers: stored and the next step shown (or the order saved after
        the last), else stored as typed and the step shown again with its errors."""
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
        if form.is_valid():
            self.store_step(posted_step, self.get_form_step_data(form), form=form)
            if posted_step == form_list[-1]:
                return self.render_done(form, **kwargs)
            self.storage.current_step = self.get_next_step(posted_step)
            self.save_draft()
            return self.redirect_to_current()
        if is_tampered(form):
            return self.show_current(MESSAGE_TAMPERED, status=400)
        self.store_step(posted_step, self.get_form_step_data(form))
        self.save_draft()
        if posted_step == "review":
            self.review_outdated = False
        return self.render(form)

    def navigate(self, posted_step: str, form_list: list[str]) -> HttpResponse | None:
        """Back to an earlier step, a case search or regenerating the text; None for a plain post."""
        post = self.request.POST
        goto = post.get("wizard_goto_step")
        if goto:
            if goto not in form_list or form_list.index(goto) >= form_list.index(posted_step):
                return self.show_current(MESSAGE_TAMPERED, status=400)
            form = self.get_form(data=post)
            self.store_step(posted_step, self.get_form_step_data(form))
            return self.render_goto_step(goto)
        if posted_step == "case" and post.get("search"):
            query = post.get("case-query", "")
            return self.render(CaseStepForm(prefix="case", user=self.request.user, initial={"query": query}))
        if posted_step == "review" and post.get("regenerate"):
            self.store_step("review", {})
            self.save_draft()
            return self.redirect_to_current()
        return None

    def render_goto_step(self, goto_step: str, **kwargs: Any) -> HttpResponse:
        """formtools' hook for Back: the draft is moved to ``goto_step`` and saved, and the step
        is shown by a GET of the draft's URL."""
        self.storage.current_step = goto_step
        self.save_draft()
        return self.redirect_to_current()

    def render_revalidation_failure(self, step: str, form: forms.Form, **kwargs: Any) -> HttpResponse:
        """formtools' hook when a stored step no longer validates at the finish: the draft goes
        back to that step."""
        self.storage.current_step = step
        self.save_draft()
        return self.render(form, **kwargs)

    def autosave(self, fresh: bool) -> HttpResponse:
        """The review step as typed, saved without validation (JSON: the new revision, "hh:mm")."""
        if not fresh:
            return JsonResponse({"error": MESSAGE_AUTOSAVE_STALE}, status=409)
        data = self.get_form_step_data(forms.Form(data=self.request.POST, prefix="review"))
        if sum(key.startswith("review-paragraph_") for key in data) > MAX_PARAGRAPHS:
            return JsonResponse({"error": "Too many paragraphs."}, status=400)
        self.store_step("review", data)
        try:
            self.save_draft(answers_changed=False)
        except services.WizardDraftStale:
            return JsonResponse({"error": MESSAGE_AUTOSAVE_STALE}, status=409)
        saved_at = timezone.localtime(self.draft.updated_at).strftime("%H:%M")
        return JsonResponse({"revision": self.draft.revision, "saved_at": saved_at})

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
