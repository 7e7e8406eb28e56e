"""The form renderer (``FORM_RENDERER``): Django's, with the commonest widgets written in Python.

A details step of the wizard draws some twenty widgets, and each goes through Django's template
engine (``input.html`` including ``attrs.html``, a ``select.html`` including one
``select_option.html`` per option): about half the time of the page. ``FastWidgetRenderer``
builds the HTML of those few templates directly, character for character what the templates
give (``tests/test_form_renderer.py`` compares the two), and leaves every other template, and
any value it does not know how to print exactly as the template would (a number label to
localise, say), to Django's renderer.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

_W = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    _W + name
    for name in (
        "input.html",
        "text.html",
        "number.html",
        "email.html",
        "url.html",
        "password.html",
        "hidden.html",
        "date.html",
        "datetime.html",
        "time.html",
        "search.html",
        "tel.html",
        "color.html",
        "checkbox.html",
    )
)
SELECT_TEMPLATE = _W + "select.html"
OPTION_TEMPLATE = _W + "select_option.html"
TEXTAREA_TEMPLATE = _W + "textarea.html"


class Fallback(Exception):
    """A value the fast path does not print: the template renders the widget instead."""


def _text(value: Any) -> str:
    """``{{ value }}`` for a text value (anything else: ``Fallback``)."""
    if isinstance(value, str | Promise):
        return conditional_escape(str(value))  # what conditional_escape does with a lazy string
    raise Fallback


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe string safe."""
    if isinstance(value, bool) or not isinstance(value, str | int | Promise):
        raise Fallback
    text = "%s" % value  # noqa: UP031 - the filter's own formatting
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """``attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    html = f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
    if value is not None:
        html += f' value="{_formatted(value)}"'
    return f"{html}{_attrs(widget['attrs'])}>"


def _option(option: dict[str, Any]) -> str:
    if option.get("template_name") != OPTION_TEMPLATE:
        raise Fallback
    value, attrs, label = _formatted(option["value"]), _attrs(option["attrs"]), _text(option["label"])
    return f'<option value="{value}"{attrs}>{label}</option>'


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    text = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


class FastWidgetRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget") if len(context) == 1 else None
        if isinstance(widget, dict):
            try:
                if template_name in INPUT_TEMPLATES:
                    return _input(widget)
                if template_name == SELECT_TEMPLATE:
                    return _select(widget)
                if template_name == TEXTAREA_TEMPLATE:
                    return _textarea(widget)
            except (Fallback, KeyError):
                pass
        return super().render(template_name, context, request=request)
