"""The base of every order type: its form, its defaults and how its body is rendered.

An order type is one module in this package (a subclass of ``OrderType`` decorated with
``@registry.register``) plus one plain-text template ``templates/order_types/<key>.txt``.
"""

from __future__ import annotations

import datetime
import json
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.template import Context
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import get_template
from django.utils import timezone

from ..body import join_body, parse_body
from ..deadlines import Deadline, due_date
from ..models import Case, DocketEntry, Judge, Order
from ..motions.asks import Ask
from . import text

STYLE_FIELDS = ("court_style", "quotes", "docket_style", "emphasis")
COMMON_FIELDS = (*STYLE_FIELDS, "terminate_line")

ERROR_NOT_AFTER_ORDER_DATE = "The date must be after the order's date (%(date)s)."
ERROR_AFTER_ORDER_DATE = "The date cannot be after the order's date (%(date)s)."

FROM_ORDER_DATE = "order_date"
"""In ``OrderTypeForm.deadline_fields``: a period counted from the order's own date."""


class OrderTypeForm(forms.Form):
    """The fields every order type has: the chambers' house style and the closing line.

    Takes two optional keyword arguments: ``case`` (for choices drawn from the case, such as
    its defendants) and ``order_date`` (deadlines must fall after it; defaults to today).
    """

    court_style = forms.ChoiceField(
        label="Capitalisation",
        choices=text.COURT_STYLES,
        required=False,
        initial=text.COURT_CAPITALISED,
    )
    quotes = forms.ChoiceField(
        label="Quotation marks", choices=text.QUOTE_STYLES, required=False, initial=text.QUOTES_CURLY
    )
    docket_style = forms.ChoiceField(
        label="Docket citations", choices=text.DOCKET_STYLES, required=False, initial=text.DOCKET_NO
    )
    emphasis = forms.ChoiceField(
        label="Signals and Latin phrases",
        choices=text.EMPHASIS_STYLES,
        required=False,
        initial=text.EMPHASIS_ROMAN,
    )
    terminate_line = forms.BooleanField(
        label="End with “This order terminates Docket No. …” for the entries resolved",
        required=False,
        initial=True,
    )

    # The type's “within N days” fields, each with what its period counts from: FROM_ORDER_DATE,
    # a date field's name, or an earlier day-count field's name (the period starts on its due day).
    # Each shows its calendar date under Fed. R. Civ. P. 6(a) (``orders.deadlines``).
    deadline_fields: ClassVar[dict[str, str]] = {}

    def __init__(self, *args, case: Case | None = None, order_date: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.order_date_given = order_date is not None
        self.order_date = order_date or timezone.localdate()
        # The type's own fields first, the house style last.
        self.order_fields([name for name in self.fields if name not in COMMON_FIELDS])
        self._show_deadlines()

    def computed_deadlines(self) -> dict[str, Deadline]:
        """The date each day-count field gives, from the answers so far (or the prefill)."""
        court = self.case.court if self.case is not None else None
        found: dict[str, Deadline] = {}
        for name, start in self.deadline_fields.items():
            days = self._answer(name)
            if start == FROM_ORDER_DATE:
                trigger = self.order_date
            else:
                trigger = found[start].due if start in found else self._answer(start)
            if isinstance(days, int) and days >= 0 and isinstance(trigger, datetime.date):
                found[name] = due_date(trigger, days, court=court)
        return found

    def _answer(self, name: str) -> Any:
        field = self.fields.get(name)
        if field is None:
            return None
        if self.is_bound:  # not through self[name]: a bound field copies the help text when made
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        else:
            raw = self.get_initial_for_field(field, name)
        try:
            return field.to_python(raw)
        except ValidationError:
            return None

    def _show_deadlines(self) -> None:
        for name, deadline in self.computed_deadlines().items():
            start = self.deadline_fields[name]
            basis = ""
            if start == FROM_ORDER_DATE:
                basis = " (the order's date)" if self.order_date_given else " (if the order is dated today)"
            self.fields[name].help_text = deadline.explanation(basis)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data  # Form.clean() returns cleaned_data
        for name, field in self.fields.items():
            if _defaults_when_blank(field) and not cleaned.get(name):
                cleaned[name] = field.initial
        return cleaned

    # Helpers for the types' clean_<field>() methods.
    def require_after_order_date(self, name: str) -> datetime.date | None:
        value = self.cleaned_data.get(name)
        if value and value <= self.order_date:
            raise ValidationError(
                ERROR_NOT_AFTER_ORDER_DATE % {"date": text.long_date(self.order_date)}, code="not_future"
            )
        return value

    def require_not_after_order_date(self, name: str) -> datetime.date | None:
        value = self.cleaned_data.get(name)
        if value and value > self.order_date:
            raise ValidationError(
                ERROR_AFTER_ORDER_DATE % {"date": text.long_date(self.order_date)}, code="future"
            )
        return value


def _defaults_when_blank(field: forms.Field) -> bool:
    """An optional single choice left blank takes its initial value (the style and citation fields)."""
    return (
        isinstance(field, forms.ChoiceField)
        and not isinstance(field, forms.MultipleChoiceField)
        and not field.required
        and bool(field.initial)
    )


class BackgroundForm(OrderTypeForm):
    """Fields of the opening “Plaintiff, a California state prisoner … filed this civil rights
    action …” sentence (``order_types/_background.txt``)."""

    prisoner_description = forms.CharField(
        label="Plaintiff is a …",
        required=False,
        max_length=100,
        help_text="E.g. “California state prisoner”; used only when the plaintiff is a prisoner.",
    )
    prior_institution = forms.CharField(
        label="Violations complained of at (if not the current institution)",
        required=False,
        max_length=200,
        help_text="E.g. “Pelican Bay State Prison”.",
    )
    prior_institution_short = forms.CharField(
        label="Short name of that institution", required=False, max_length=20, help_text="E.g. “PBSP”."
    )


def background_initial(case: Case) -> dict[str, Any]:
    t = text.CaseText(case)
    return {"prisoner_description": text.default_prisoner_description(t.plaintiff.first, case.court.code)}


class OrderType:
    """One kind of order. Subclasses set the class attributes and usually override ``initial``
    (prefill from the case), ``context`` (extra template variables) and the ``Form``."""

    key: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    resolves_kinds: ClassVar[tuple[str, ...]] = ()
    # What the motions it rules on ask for (``orders.motions.asks``), the one it is for first.
    # ``Ask.OTHER`` is declared only by types ruling on an entry that is no motion (a complaint
    # to screen), and counts only for entries of the ``resolves_kinds``.
    resolves_asks: ClassVar[tuple[Ask, ...]] = ()
    # The general ORDER: resolves every ask, offered after the types written for the ask.
    general: ClassVar[bool] = False
    needs_entries: ClassVar[bool] = False
    template_name: ClassVar[str]
    Form: ClassVar[type[OrderTypeForm]] = OrderTypeForm
    # Fields (besides the house style) prefilled from the judge's latest order of this type.
    sticky_fields: ClassVar[tuple[str, ...]] = ()
    # Words in a pending entry's description that make this type the likely one (ranking only).
    keywords: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "key" in cls.__dict__ and "template_name" not in cls.__dict__:
            cls.template_name = f"order_types/{cls.key}.txt"

    def __repr__(self) -> str:
        return f"<OrderType {self.key}>"

    def resolves(self, ask: str, *, kind: str = "") -> bool:
        """Whether the type rules on an entry asking ``ask`` (of ``kind``, when known: a type that
        rules on entries rules only on those of its ``resolves_kinds``; ``Ask.OTHER`` counts only
        for them)."""
        if ask not in self.resolves_asks:
            return False
        if kind and self.resolves_kinds:
            return kind in self.resolves_kinds
        return ask != Ask.OTHER

    # --- the form -------------------------------------------------------------------------
    def get_form(
        self,
        *,
        case: Case,
        data: dict | None = None,
        initial: dict | None = None,
        order_date: datetime.date | None = None,
        **kwargs,
    ) -> forms.Form:
        return self.Form(data=data, initial=initial, case=case, order_date=order_date, **kwargs)

    def initial(self, *, case: Case, entries: list[DocketEntry]) -> dict[str, Any]:
        """The type's only prefill, shown by the wizard's details step and applied by
        ``services.order_draft_create`` under the answers it is given: the house style of the
        judge's latest order, and what the type reads from the case (its dates, parties, docket
        entries and earlier orders). A fact the case does not hold is never prefilled: its field is
        required, empty, with a hint (subclasses extend this with ``super().initial(...)``)."""
        return style_initial(case, order_type=self.key, sticky_fields=self.sticky_fields)

    def clean_data(
        self,
        *,
        case: Case,
        entries: list[DocketEntry],
        data: dict,
        order_date: datetime.date | None = None,
    ) -> dict[str, Any]:
        """The data validated through the type's form; raises ``ValidationError`` keyed by field.
        A field missing from ``data`` takes its initial value (a checkbox too, unlike a browser)."""
        form = self.get_form(case=case, order_date=order_date)
        defaults = {
            name: field.initial() if callable(field.initial) else field.initial
            for name, field in form.fields.items()
            if name not in data and field.initial is not None
        }
        form = self.get_form(case=case, data={**defaults, **data}, order_date=order_date)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        return form.cleaned_data

    def details_for(self, data: dict) -> dict[str, Any]:
        """``data`` as JSON (dates as ISO strings, decimals as strings) for ``Order.details``."""
        return json.loads(json.dumps(data, cls=DjangoJSONEncoder))

    def coerce(self, *, case: Case, data: dict) -> dict[str, Any]:
        """Data (cleaned, or read back from ``Order.details``) as Python values, field by field,
        without the checks that depend on the order date; missing fields take their initial value."""
        form = self.get_form(case=case)
        values: dict[str, Any] = {}
        for name, field in form.fields.items():
            if name not in data:
                initial = field.initial() if callable(field.initial) else field.initial
                values[name] = initial
                continue
            try:
                values[name] = field.to_python(data[name])
            except ValidationError:
                values[name] = data[name]
            if _defaults_when_blank(field) and not values[name]:
                values[name] = field.initial
        return {**data, **values}

    # --- the text -------------------------------------------------------------------------
    def title_for(self, *, case: Case, entries: list[DocketEntry], data: dict) -> str:
        return self.title

    def context(
        self, *, case: Case, entries: list[DocketEntry], data: dict, judge: Judge, t: text.CaseText
    ) -> dict[str, Any]:
        """Extra template variables; ``t`` is the case's wording in the order's style."""
        return {}

    def render_body(self, *, case: Case, entries: list[DocketEntry], data: dict, judge: Judge) -> str:
        """The stored body (``orders.body`` format), everything before “IT IS SO ORDERED.”."""
        data = self.coerce(case=case, data=data)
        entries = sorted(entries, key=lambda entry: entry.number)
        t = text.CaseText(case, court_style=data["court_style"], docket_style=data["docket_style"])
        context = {
            **data,
            "t": t,
            "case": case,
            "entries": entries,
            "judge": judge,
            "appositive": text.appositive(
                t.plaintiff, prisoner_description=data.get("prisoner_description", "")
            ),
        }
        context.update(self.context(case=case, entries=entries, data=data, judge=judge, t=t))
        template = cast(DjangoTemplate, get_template(self.template_name))  # the DjangoTemplates backend's
        rendered = template.template.render(Context(context, autoescape=False))
        blocks = parse_body(rendered)
        body = join_body(blocks)
        if data.get("terminate_line") and entries and self.resolves_kinds:
            body = join_body([*blocks, *parse_body(text.terminates_sentence(entries, t.docket_style))])
        if data["quotes"] == text.QUOTES_CURLY:
            body = text.smart_quotes(body)
        if data.get("emphasis") == text.EMPHASIS_ITALIC:
            body = text.italicise(body)
        return body


def style_initial(case: Case, *, order_type: str = "", sticky_fields: tuple[str, ...] = ()) -> dict[str, Any]:
    """The house style of the latest order drafted for the case's judge, and the ``sticky_fields``
    of its latest order of ``order_type`` (e.g. how those chambers cite Local Rule 37)."""
    orders = Order.objects.filter(judge_id=case.assigned_judge_id).order_by("-created_at", "-pk")
    initial: dict[str, Any] = {}
    latest = orders.values_list("details", flat=True).first()
    if isinstance(latest, dict):
        initial.update({name: latest[name] for name in STYLE_FIELDS if latest.get(name)})
    if sticky_fields and order_type:
        same = orders.filter(order_type=order_type).values_list("details", flat=True).first()
        if isinstance(same, dict):
            initial.update({name: same[name] for name in sticky_fields if name in same})
    return initial
