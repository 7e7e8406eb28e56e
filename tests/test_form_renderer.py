"""The fast widget renderer prints exactly what Django's widget templates print."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from orders.form_renderer import FastWidgetRenderer

FAST = FastWidgetRenderer()
DJANGO = DjangoTemplates()

CHOICES = [("", "---------"), ("a", "A & “b”"), ("x<y", 'Quote " here'), (3, gettext_lazy("Lazy"))]
GROUPED = [("Group <1>", [("g1", "One"), ("g2", "Two")]), ("plain", "Plain")]

WIDGETS = [
    (forms.TextInput(), "name", "value"),
    (forms.TextInput(), "name", None),
    (forms.TextInput(), "name", ""),
    (forms.TextInput(attrs={"class": "form-control", "placeholder": 'say "hi" & <go>'}), "q", "a&b"),
    (forms.TextInput(attrs={"required": True, "disabled": False, "maxlength": 200}), "t", "x"),
    (forms.TextInput(attrs={"data-x": mark_safe("<b>")}), "t", mark_safe("<i>safe</i>")),
    (forms.NumberInput(attrs={"min": 0, "step": "1"}), "n", 42),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "d", datetime.date(2024, 2, 29)),
    (forms.DateInput(), "d", None),
    (forms.HiddenInput(), "details-__basis", "12:type"),
    (forms.EmailInput(), "e", "a@b.c"),
    (forms.PasswordInput(), "p", "secret"),
    (forms.CheckboxInput(), "c", True),
    (forms.CheckboxInput(), "c", False),
    (forms.CheckboxInput(attrs={"class": "form-check-input"}), "c", "on"),
    (forms.Select(choices=CHOICES), "s", "a"),
    (forms.Select(choices=CHOICES), "s", None),
    (forms.Select(choices=CHOICES, attrs={"class": "form-select"}), "s", 3),
    (forms.Select(choices=GROUPED), "g", "g2"),
    (forms.SelectMultiple(choices=CHOICES), "m", ["a", "x<y"]),
    (forms.Select(choices=[(1, 1), (2, 2.5)]), "numbers", 1),
    (forms.Textarea(), "t", "line 1\n\nline <2> & “3”"),
    (forms.Textarea(attrs={"rows": 2, "class": "paragraph-input", "spellcheck": "true"}), "t", ""),
    (forms.Textarea(), "t", None),
    (forms.RadioSelect(choices=CHOICES), "r", "a"),
    (forms.CheckboxSelectMultiple(choices=CHOICES), "cm", ["a"]),
]


@pytest.mark.parametrize(("widget", "name", "value"), WIDGETS, ids=lambda item: repr(item)[:40])
def test_fast_renderer_prints_what_the_templates_print(widget, name, value):
    attrs = {"id": f"id_{name}"}
    assert widget.render(name, value, attrs=attrs, renderer=FAST) == widget.render(
        name, value, attrs=attrs, renderer=DJANGO
    )


def test_forms_use_the_fast_renderer(settings):
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FastWidgetRenderer)


@pytest.mark.parametrize(
    ("widget", "name", "value"),
    [item for item in WIDGETS if not isinstance(item[0], forms.RadioSelect | forms.CheckboxSelectMultiple)][
        :20
    ],
    ids=lambda item: repr(item)[:40],
)
def test_the_common_widgets_need_no_template(widget, name, value, monkeypatch):
    def no_template(*args, **kwargs):
        raise AssertionError("rendered with a template")

    monkeypatch.setattr(DjangoTemplates, "render", no_template)
    assert widget.render(name, value, renderer=FAST).startswith("<")
