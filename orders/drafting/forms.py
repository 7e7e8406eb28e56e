"""The drafting wizard's step forms (case, order type, docket entries, review) and their helpers.

Each wizard step is a plain Django form with a crispy-forms helper (``form_tag = False``: the
step template draws the ``<form>`` around the management form and the buttons). The forms only
validate input; reading what a user may see goes through ``orders.selectors`` and every write
goes through ``orders.services``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, cast

from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from .. import selectors
from ..body import Block, join_body, parse_body
from ..formats import long_date
from ..models import Case, DocketEntry
from ..models.orders import BODY_MAX_LENGTH
from ..motions.asks import classify_entry
from ..motions.matching import specific_types_resolve
from ..order_types import registry

ERROR_CHOOSE_CASE = "Choose the case the order is in."
ERROR_CHOOSE_TYPE = "Choose the kind of order to draft."
ERROR_TYPE_NEEDS_ENTRIES = (
    "“%(title)s” rules on a pending %(kinds)s, and this case has none. Choose an order type that "
    "needs no docket entry."
)
ERROR_CHOOSE_ENTRIES = "Choose at least one docket entry this order rules on."
ERROR_SECOND_ORDER = (
    "{entries} already {verb} an order in progress ({orders}). Open it instead, or tick “Draft "
    "another order anyway” to draft a second one."
)
ERROR_EMPTY_BODY = "The order has no text. Write at least one paragraph."
ERROR_EMPTY_TITLE = "The order needs a title."

MAX_PARAGRAPHS = 200
ERROR_BODY_TOO_LONG = "The text is longer than %(limit)s characters, the most an order holds: shorten it."
"""More paragraph fields than this in one post is not a real order: the form refuses it."""

TAMPER_CODES = ("invalid_choice", "invalid_pk_value", "too_many_paragraphs")
"""Error codes no honest use of a step can produce (the choices are the ones the page offered):
the wizard answers them with 400 instead of a form error."""


def step_helper(form: forms.Form) -> FormHelper:
    """The crispy helper every wizard step uses: no form tag, no CSRF (the template has both)."""
    helper = FormHelper(form)
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def entry_label(entry: DocketEntry) -> str:
    return f"Dkt. No. {entry.number} · filed {long_date(entry.date_filed)}"


class CaseStepForm(forms.Form):
    """Step 1: find the case by any written form of its number or by a party's name."""

    query = forms.CharField(
        label="Case number or party name",
        required=False,
        max_length=200,
        help_text="Any written form works: “14-cv-05578-MEJ”, “3:14-cv-5578”, “C 13-4426 EDL (PR)”, "
        "“Luckert”.",
    )
    case = forms.ModelChoiceField(
        queryset=Case.objects.none(),
        widget=forms.RadioSelect,
        label="Case",
        error_messages={"required": ERROR_CHOOSE_CASE},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        cast(forms.ModelChoiceField, self.fields["case"]).queryset = selectors.cases_for_user(user)
        query = self.data.get(self.add_prefix("query")) if self.is_bound else self.initial.get("query")
        self.query_text = (query or "").strip()
        self.results = self._results()
        self.fields["case"].widget.choices = [(case.pk, case.short_caption) for case in self.results]
        self.helper = step_helper(self)
        self.helper.layout = Layout(
            FieldWithButtons(
                Field("query", placeholder="e.g. 14-cv-05578 or Crawford", autofocus=not self.results),
                StrictButton(
                    "Search",
                    type="submit",
                    name="search",
                    value="1",
                    formnovalidate="formnovalidate",
                    css_class="btn-outline-primary",
                ),
            ),
            Field("case", template="orders/wizard/_case_choices.html"),
        )

    @property
    def selected(self) -> str:
        value = self["case"].value()
        return str(getattr(value, "pk", value) or "")

    def _results(self) -> list[Case]:
        cases = selectors.cases_for_user(self.user)
        if self.query_text:
            results = list(selectors.cases_search_for_user(self.user, self.query_text))
            self.heading = f"Cases matching “{self.query_text}”"
        else:
            results = list(
                cases.annotate(pending=Count("docket_entries", filter=Q(docket_entries__pending=True)))
                .filter(pending__gt=0)
                .order_by("-date_filed")[:20]
            )
            self.heading = "Cases with pending motions and requests"
        chosen = self.data.get(self.add_prefix("case")) if self.is_bound else self.initial.get("case")
        chosen_pk = getattr(chosen, "pk", chosen)
        if chosen_pk and str(chosen_pk).isdigit() and all(str(c.pk) != str(chosen_pk) for c in results):
            results = list(cases.filter(pk=chosen_pk)) + results
        pending = dict(
            DocketEntry.objects.filter(case__in=[c.pk for c in results], pending=True)
            .values_list("case")
            .annotate(n=Count("id"))
        )
        for case in results:
            case.pending_count = pending.get(case.pk, 0)  # type: ignore[attr-defined]  # for the page
        return results


class OrderTypeStepForm(forms.Form):
    """Step 2: the kind of order; the types that fit the case's pending entries come first."""

    order_type = forms.ChoiceField(
        widget=forms.RadioSelect, label="Order type", error_messages={"required": ERROR_CHOOSE_TYPE}
    )

    def __init__(self, *args: Any, case: Case | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fitting, self.others = registry.for_case(case) if case is not None else ([], registry.all())
        self.has_pending = bool(case is not None and any(e.pending for e in case.docket_entries.all()))
        if not self.fitting:
            self.offered = [t for t in self.others if not t.needs_entries]
        else:
            self.offered = self.others
        # Each type offered below the fitting ones, with why it does not fit what is pending
        # ("It rules on a motion for default judgment; Dkt. No. 19 asks for discovery.").
        self.offered_reasons = [
            (t, registry.why_not(t, case) if case is not None else "") for t in self.offered
        ]
        # Every registered type validates (the choice list is the registry); the page offers those
        # that make sense, and ``clean_order_type`` explains why a type without entries cannot fit.
        cast(forms.ChoiceField, self.fields["order_type"]).choices = [
            (t.key, t.title) for t in registry.all()
        ]
        self.helper = step_helper(self)
        self.helper.layout = Layout(Field("order_type", template="orders/wizard/_type_choices.html"))

    @property
    def selected(self) -> str:
        return str(self["order_type"].value() or "")

    def clean_order_type(self) -> str:
        key = self.cleaned_data["order_type"]
        order_type = registry.get(key)
        if (
            self.case is not None
            and order_type.needs_entries
            and not registry.has_fitting_entries(order_type, self.case)
        ):
            kinds = " or ".join(order_type.resolves_kinds) or "docket entry"
            raise ValidationError(
                ERROR_TYPE_NEEDS_ENTRIES,
                code="no_fitting_entry",
                params={"title": order_type.title.title(), "kinds": kinds},
            )
        return key


def preselects(order_type: Any, ask: str, kind: str) -> bool:
    """Whether the entries step checks an entry asking ``ask`` for ``order_type``."""
    if order_type is None or not order_type.resolves(ask, kind=kind):
        return False
    return not order_type.general or not specific_types_resolve(ask, kind=kind)


class EntriesStepForm(forms.Form):
    """Step 3: the pending entries of the kinds the order rules on; those asking what the type
    resolves are preselected (for the general ORDER, those asking what no other type resolves)."""

    entries = forms.ModelMultipleChoiceField(
        queryset=DocketEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Docket entries this order rules on",
        error_messages={"required": ERROR_CHOOSE_ENTRIES},
    )

    second_order = forms.BooleanField(
        required=False,
        label="Draft another order anyway",
        help_text="A chosen entry already has a draft or an order awaiting signature (shown above).",
    )

    def __init__(
        self,
        *args: Any,
        case: Case | None,
        order_type: Any,
        user: Any = None,
        editing: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.order_type = order_type
        if case is not None and order_type is not None:
            queryset = registry.fitting_entries(order_type, case).select_related("filing_party")
            self.fitting = registry.fitting_entries_list(order_type, case)
        else:
            queryset = DocketEntry.objects.none()
            self.fitting = []
        field = cast(forms.ModelMultipleChoiceField, self.fields["entries"])
        field.queryset = queryset
        field.required = bool(order_type is not None and order_type.needs_entries)
        field.widget.choices = [(entry.pk, entry_label(entry)) for entry in self.fitting]
        # What each entry asks (orders.motions); those the type resolves are checked, the others
        # shown unchecked (the clerk may still choose one the classifier read otherwise).
        self.asks = {entry.pk: classify_entry(entry) for entry in self.fitting}
        for entry in self.fitting:
            entry.ask_label = self.asks[entry.pk].label  # type: ignore[attr-defined]  # for the page
        if not self.is_bound and "entries" not in self.initial:
            self.initial["entries"] = [
                entry.pk for entry in self.fitting if preselects(order_type, self.asks[entry.pk], entry.kind)
            ]
        self.in_progress = self._orders_in_progress(user, editing)
        self.helper = step_helper(self)
        layout = [Field("entries", template="orders/wizard/_entry_choices.html")]
        if self.in_progress:
            layout.append(Field("second_order"))
        self.helper.layout = Layout(*layout)

    def _orders_in_progress(self, user: Any, editing: Any) -> dict[int, list]:
        """The drafts and orders awaiting signature of each fitting entry (not the one edited)."""
        if user is None or not self.fitting:
            return {}
        found = selectors.orders_in_progress(user, self.fitting)
        busy = {}
        for entry in self.fitting:
            orders = [o for o in found.get(entry.pk, []) if o != editing]
            entry.orders_in_progress = orders  # type: ignore[attr-defined]  # for the step's template
            if orders:
                busy[entry.pk] = orders
        return busy

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        busy = [entry for entry in cleaned.get("entries") or [] if entry.pk in self.in_progress]
        if busy and not cleaned.get("second_order"):
            orders = [order for entry in busy for order in self.in_progress[entry.pk]]
            described = "; ".join(
                f"“{o.title}”, {o.get_status_display().lower()}" for o in dict.fromkeys(orders)
            )
            raise ValidationError(
                ERROR_SECOND_ORDER.format(
                    entries=", ".join(f"Dkt. No. {entry.number}" for entry in busy),
                    verb="has" if len(busy) == 1 else "have",
                    orders=described,
                ),
                code="second_order",
            )
        return cleaned

    @property
    def selected(self) -> set[str]:
        value = self["entries"].value() or []
        if not isinstance(value, list | tuple):
            value = [value]
        return {str(getattr(item, "pk", item)) for item in value}


class ReviewStepForm(forms.Form):
    """Step 5: the full text, every paragraph in its own box, and the title.

    The paragraphs are those of ``parse_body(body)``; a paragraph emptied is dropped and a blank
    line typed inside one splits it in two. ``generated_digest`` remembers which generated text the
    edits were made on, so the wizard can tell when the answers changed underneath them.
    """

    title = forms.CharField(
        max_length=300,
        label="Title",
        error_messages={"required": ERROR_EMPTY_TITLE},
        help_text="Printed in bold capitals under the case number.",
    )
    generated_digest = forms.CharField(widget=forms.HiddenInput, required=False)

    paragraph_name = re.compile(r"^paragraph_(\d+)$")

    def __init__(self, *args: Any, paragraphs: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            pattern = re.compile(rf"^{re.escape(self.add_prefix('paragraph_'))}(\d+)$")
            indexes = sorted({int(m.group(1)) for key in self.data if (m := pattern.match(key))})
            self.too_many = len(indexes) > MAX_PARAGRAPHS
            indexes = indexes[:MAX_PARAGRAPHS]
        else:
            paragraphs = paragraphs if paragraphs is not None else self.initial.get("paragraphs", [])
            indexes = list(range(len(paragraphs)))
            self.too_many = False
            for index, text in enumerate(paragraphs):
                self.initial[f"paragraph_{index}"] = text
        self.paragraph_fields = []
        for position, index in enumerate(indexes, start=1):
            name = f"paragraph_{index}"
            self.fields[name] = forms.CharField(
                required=False,
                label=f"Paragraph {position}",
                strip=True,
                widget=forms.Textarea(attrs={"rows": 2, "class": "paragraph-input", "spellcheck": "true"}),
            )
            self.paragraph_fields.append(name)
        self.helper = step_helper(self)
        self.helper.form_show_labels = True
        self.helper.layout = Layout(
            Field("title", css_class="fw-bold text-uppercase-input"),
            "generated_digest",
            *[Field(name, template="orders/wizard/_paragraph_field.html") for name in self.paragraph_fields],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data  # Form.clean() returns cleaned_data
        if self.too_many:
            raise ValidationError("Too many paragraphs.", code="too_many_paragraphs")
        if sum(len(cleaned.get(name, "")) for name in self.paragraph_fields) > 2 * BODY_MAX_LENGTH:
            raise ValidationError(  # far too long: refused before the text is parsed
                ERROR_BODY_TOO_LONG, code="body_too_long", params={"limit": f"{BODY_MAX_LENGTH:,}"}
            )
        body = join_body(parse_body("\n\n".join(cleaned.get(name, "") for name in self.paragraph_fields)))
        if not body:
            raise ValidationError(ERROR_EMPTY_BODY, code="empty_body")
        if len(body) > BODY_MAX_LENGTH:  # the stored order's limit, for the preview too
            raise ValidationError(
                ERROR_BODY_TOO_LONG, code="body_too_long", params={"limit": f"{BODY_MAX_LENGTH:,}"}
            )
        cleaned["body"] = body
        return cleaned


def paragraphs_of(body: str) -> list[str]:
    """The editable paragraphs of a stored body (headings keep their “# ” marker)."""
    return [block.to_text() for block in parse_body(body)]


def body_digest(title: str, body: str) -> str:
    """A short fingerprint of a generated title and body, to notice when they change."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()[:20]


def body_of_paragraphs(paragraphs: list[str]) -> str:
    return join_body(parse_body("\n\n".join(paragraphs)))


ORDER_DATE_FIELD = "order_date"


def add_order_date_field(form: forms.Form) -> forms.Form:
    """Put the order's date (printed after “Dated:”) first among a details form's fields."""
    date_field = forms.DateField(
        label="Date of the order",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Printed after “Dated:”. Leave it empty to print a blank date line for the judge.",
    )
    form.fields = {ORDER_DATE_FIELD: date_field, **form.fields}
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and type(field.widget) is forms.DateInput:
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return form


def posted_date(value: Any) -> Any:
    """A posted date string as a date, or None when it is empty or not a date."""
    try:
        return forms.DateField().clean(value) if value else None
    except ValidationError:
        return None


def form_data_from_form(form: forms.Form, names: Any) -> dict[str, list[str]]:
    """Posted-form data (lists of strings) reproducing the initial values of ``form``'s fields
    named in ``names``: how a saved draft's answers are put back into the wizard."""
    data: dict[str, list[str]] = {}
    for name in form.fields:
        if name not in names:
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[form.add_prefix(name)] = [str(getattr(value, "pk", value))]
    return data


__all__ = [
    "Block",
    "CaseStepForm",
    "EntriesStepForm",
    "OrderTypeStepForm",
    "ReviewStepForm",
    "body_digest",
    "body_of_paragraphs",
    "paragraphs_of",
    "step_helper",
]
