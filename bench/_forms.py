"""The fields of a page's wizard form, read from its HTML and filled in as a browser posts them.

Used by the benchmarks that walk the drafting wizard (``load_wizard.py`` over HTTP,
``wizard_steps.py`` with Django's test client); they import nothing from ``tests/``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from html.parser import HTMLParser


class FormParser(HTMLParser):
    """The fields of the page's wizard form, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[dict] = []
        self._select: dict | None = None
        self._textarea: dict | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "input" and a.get("name"):
            self.fields.append({"tag": "input", **a})
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "value": "", **a}
            self.fields.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "options": [], "value": None, **a}
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value", ""), "selected": "selected" in a}
            self._select["options"].append(self._option)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data


def filler(f: dict) -> str:
    kind = f.get("type", "text")
    if kind == "date":
        return (datetime.date.today() + datetime.timedelta(days=45)).isoformat()  # noqa: DTZ011 - a form's local date
    if kind == "number":
        return str(max(30, int(float(f.get("min") or 0))))
    return "the Court's load-test answer"


def form_data(html: str) -> tuple[dict[str, list[str]], list[str]]:
    """(what to post, the radio choices offered for the order type)."""
    parser = FormParser()
    parser.feed(html)
    data: dict[str, list[str]] = defaultdict(list)
    type_choices = []
    for f in parser.fields:
        name = f["name"]
        if name in ("wizard_goto_step", "preview", "csrfmiddlewaretoken_unused"):
            continue
        if f["tag"] == "select":
            chosen = [o["value"] for o in f["options"] if o["selected"]]
            if not chosen and "required" in f:
                chosen = [next((o["value"] for o in f["options"] if o["value"]), "")]
            data[name].extend(chosen)
        elif f["tag"] == "textarea":
            data[name].append(f["value"].strip("\n") or (filler(f) if "required" in f else ""))
        elif f.get("type") in ("checkbox", "radio"):
            if name.endswith("order_type"):
                type_choices.append(f.get("value", ""))
            if "checked" in f:
                data[name].append(f.get("value", "on"))
        elif f.get("type") in ("submit", "button"):
            continue
        else:
            value = f.get("value", "")
            if not value and "required" in f:
                value = filler(f)
            data[name].append(value)
    return dict(data), type_choices
