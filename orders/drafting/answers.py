"""The answers so far: each step's form, bound to what the storage holds, and what follows
from them (the case, the order type, the entries, the generated text).

Per-request memoisation (a view instance lives for one request). Each step's form depends on the
answers of the steps before it, so when a step's stored answers change, ``clear_caches(step)``
forgets what was worked out from that step and the ones after it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from formtools.wizard.views import SessionWizardView

from .. import selectors
from ..models import Case, DocketEntry, Order
from ..order_types import registry
from .forms import (
    ORDER_DATE_FIELD,
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
from .texts import BASIS_FIELD
from .values import type_data


def _need_case_step(wizard: WizardAnswers) -> bool:
    return wizard.fixed_case is None


def _need_entries_step(wizard: WizardAnswers) -> bool:
    case, order_type = wizard.current_case(), wizard.current_order_type()
    if case is None or order_type is None:
        return True
    return order_type.needs_entries or registry.has_fitting_entries(order_type, case)


class DetailsPlaceholderForm(forms.Form):
    """Stands for the order type's own form until the type is known."""


class WizardAnswers(SessionWizardView):
    """The step forms and the answers so far; ``DraftWizard`` adds the HTTP flow."""

    form_list = [
        ("case", CaseStepForm),
        ("order_type", OrderTypeStepForm),
        ("entries", EntriesStepForm),
        ("details", DetailsPlaceholderForm),
        ("review", ReviewStepForm),
    ]
    condition_dict = {"case": _need_case_step, "entries": _need_entries_step}
    STEPS = [name for name, _ in form_list]
    _generated: tuple[str, str]  # generated()'s answer, kept for the request

    # -- the answers so far ---------------------------------------------------------------------

    def get_form_list(self) -> OrderedDict[str, type[forms.Form]]:
        """The steps shown (``condition_dict`` applied), worked out once until the answers change:
        formtools' own, with a memo of ours that ``clear_caches`` forgets."""
        if "_steps_shown" not in self.__dict__:
            shown = OrderedDict(self.form_list)  # a condition asking for the list meanwhile sees this
            self.__dict__["_steps_shown"] = shown
            for name in list(shown):
                condition = self.condition_dict.get(name, True)
                if not (condition(self) if callable(condition) else condition):
                    shown.pop(name)
        return OrderedDict(self.__dict__["_steps_shown"])

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
        # The draft is marked finished by ``done``; the state is not reset, so a page ``done``
        # shows again (a refused save) still knows its step.
        return self.done(list(final_forms.values()), form_dict=final_forms, **kwargs)

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
            return {
                "case": self.current_case(),
                "order_type": self.current_order_type(),
                "user": self.request.user,
                "editing": getattr(self, "order", None),
            }
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
        # Which steps are shown depends on the case and the order type (``condition_dict``).
        self.__dict__.pop("_steps_shown", None)
        if "case" in changed:
            self.__dict__.pop("_case", None)
        if "entries" in changed:  # case, order type or entries: the details' prefill
            self.__dict__.pop("_details_initial", None)
        if "details" in changed:  # any step before review: the generated text
            self.__dict__.pop("_generated", None)
