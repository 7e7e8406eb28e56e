"""The wizard's finish: the draft saved as an order (a new draft order, or the edited order's
next version) through ``services.wizard_draft_finish``, or the review step again with why not."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from .. import selectors, services
from ..diffs import version_diff
from ..http import client_ip
from ..models import Case, Order, WizardDraft
from .answers import WizardAnswers
from .texts import MESSAGE_ALREADY_SAVED, MESSAGE_READ_ONLY, MESSAGE_SAVED, MESSAGE_UPDATED
from .values import jsonable, order_date, type_data


class WizardFinish(WizardAnswers):
    """``done`` and what it needs; ``DraftWizard`` sets the draft and saves it."""

    draft: WizardDraft
    order: Order | None

    def save_draft(self, *, answers_changed: bool = True) -> None:
        raise NotImplementedError  # DraftWizard's

    def done(self, form_list: Any, form_dict: dict[str, forms.Form], **kwargs: Any) -> HttpResponse:
        case, order_type = self.current_case(), self.current_order_type()
        assert case is not None and order_type is not None  # done() follows every valid step
        user = self.request.user
        judge = selectors.drafting_judge(user, case)
        if self.order is None and not selectors.can_draft(user, judge):
            raise PermissionDenied(MESSAGE_READ_ONLY)  # logged by the refusal middleware
        details, review = form_dict["details"].cleaned_data, form_dict["review"].cleaned_data
        answers = {
            "order_type_key": order_type.key,
            "entries": self.current_entries(),
            "data": jsonable(type_data(details)),
            "title": review["title"],
            "body": review["body"],
            "date": order_date(details),
        }
        try:
            order, saved_now = services.wizard_draft_finish(
                draft=self.draft, user=user, save_order=lambda: self.save_order(case, judge, answers)
            )
        except PermissionDenied:
            self.request.refusal_logged = True  # the service logged it
            raise
        except ValidationError as error:
            return self.refused_save(form_dict["review"], error, review, details)
        if saved_now:
            message = MESSAGE_UPDATED if self.order is not None else MESSAGE_SAVED
            messages.success(self.request, message % order.title)
        else:
            messages.info(self.request, MESSAGE_ALREADY_SAVED)
        return redirect("orders:order_detail", order.pk)

    def save_order(self, case: Case, judge: Any, answers: dict[str, Any]) -> Order:
        """The order the draft becomes: a new draft order, or the edited one's next version."""
        if self.order is not None:
            return services.order_update(
                order=self.order,
                user=self.request.user,
                expected_version=self.storage.extra_data.get("version") or self.order.version,
                ip=client_ip(self.request),
                **answers,
            )
        return services.order_draft_create(case=case, created_by=self.request.user, judge=judge, **answers)

    def refused_save(
        self, form: forms.Form, error: ValidationError, review: dict[str, Any], details: dict[str, Any]
    ) -> HttpResponse:
        """The review step again with why the order was not saved; the typed text is kept in the
        draft. After a version conflict, what the other person changed and how this text
        differs from theirs; the next save builds on their version."""
        for message in error.messages:
            form.add_error(None, message)
        self.storage.current_step = "review"
        context: dict[str, Any] = {}
        if isinstance(error, services.OrderVersionConflict):
            mine = SimpleNamespace(title=review["title"], body=review["body"], date=order_date(details))
            self.storage.extra_data = {**self.storage.extra_data, "version": error.current.version}
            context = {
                "conflict_theirs": error.their_changes(),
                "conflict_yours": version_diff(error.current, mine),
            }
        self.save_draft()
        return self.render(form, **context)
