"""``orders.compat``: the one place for each library's private API, checked against the version it
was tested with."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pydyf
import pytest
from weasyprint import HTML

from orders import compat
from orders.compat import IncompatibleVersion, require_version
from orders.compat.django import prefetched
from orders.compat.pydyf import page_objects, resolve
from orders.compat.weasyprint import LineBox, page_boxes
from orders.models import Case

from .factories import CaseFactory, DocketEntryFactory

LIBRARIES = ["django", "weasyprint", "pydyf", "juriscraper"]  # module = distribution name
REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"


def pins() -> dict[str, str]:
    text = REQUIREMENTS.read_text(encoding="utf-8")
    return {name.lower(): version for name, version in re.findall(r"^([\w.-]+)==(\S+)", text, re.MULTILINE)}


def load_fresh(module: str):
    """Run ``orders.compat.<module>`` again as a new module (``sys.modules`` is left alone)."""
    spec = importlib.util.find_spec(f"orders.compat.{module}")
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    return fresh


@pytest.mark.parametrize("module", LIBRARIES)
def test_each_compat_module_is_tested_with_the_pinned_version(module):
    fresh = load_fresh(module)
    assert pins()[module] == fresh.TESTED_VERSION
    assert fresh.VERSION == fresh.TESTED_VERSION  # what is installed


@pytest.mark.parametrize("module", LIBRARIES)
def test_another_installed_version_fails_at_import_naming_the_pinned_one(module, monkeypatch):
    monkeypatch.setattr(compat.metadata, "version", lambda distribution: "99.1")
    with pytest.raises(IncompatibleVersion) as raised:
        load_fresh(module)
    message = str(raised.value)
    assert f"{module}=={pins()[module]}" in message
    assert f"{module} 99.1 is installed" in message
    assert f"orders.compat.{module}" in message


def test_a_missing_distribution_fails_too():
    with pytest.raises(IncompatibleVersion, match=r"no-such-library==1\.0 .* no-such-library \(none\)"):
        require_version("no-such-library", "1.0", module="orders.compat.x")


def test_page_boxes_walk_the_laid_out_page():
    layout = HTML(string="<p>One line.</p>").render()
    boxes = list(page_boxes(layout.pages[0]))
    assert type(boxes[0]).__name__ == "PageBox"
    assert any(isinstance(box, LineBox) for box in boxes)


def test_page_objects_and_resolve_read_pydyfs_layout():
    pdf = pydyf.PDF()
    resources = pydyf.Dictionary({"Font": pydyf.Dictionary()})
    pdf.add_object(resources)
    for _ in range(3):
        page = pydyf.Dictionary(
            {"Type": "/Page", "Parent": pdf.pages.reference, "Resources": resources.reference}
        )
        pdf.add_page(page)
    assert [p["Type"] for p in page_objects(pdf)] == ["/Page"] * 3
    assert all(resolve(pdf, p["Resources"]) is resources for p in page_objects(pdf))
    assert resolve(pdf, resources) is resources  # not a reference: as it is


@pytest.mark.django_db
def test_prefetched_is_what_prefetch_related_loaded_and_none_without_it():
    case = CaseFactory()
    entry = DocketEntryFactory(case=case)
    assert prefetched(Case.objects.get(pk=case.pk), "docket_entries") is None
    loaded = Case.objects.prefetch_related("docket_entries").get(pk=case.pk)
    assert prefetched(loaded, "docket_entries") == [entry]
