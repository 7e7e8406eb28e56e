"""Renders are kept by content where every worker process finds them (orders/pdf/cache.py):
the PDF downloaded after the wizard's preview, or asked for by another worker, is not rendered
again; a broken shared cache costs a render, never the page."""

import io
import logging

import pytest
from django.core.cache import caches
from PIL import Image

from orders.pdf import PREVIEW_SCALE, render_page_png, render_pdf
from orders.pdf import preview as preview_module
from orders.pdf import render as render_module

from .pdf_helpers import crawford


def _refuse(*args, **kwargs):
    raise AssertionError("rendered again")


def test_another_process_finds_the_pdf_in_the_shared_cache(monkeypatch):
    document = crawford(body="The motion to compel is denied without prejudice.")
    pdf = render_pdf(document)
    render_module.cache_clear()  # a worker process that has not rendered it
    monkeypatch.setattr(render_module, "_render_uncached", _refuse)
    assert render_pdf(document) == pdf
    with pytest.raises(AssertionError, match="rendered again"):  # other content: a render
        render_pdf(crawford(body="The motion to compel is granted."))


def test_a_broken_shared_cache_renders_and_says_so(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(caches["renders"], "get", broken)
    monkeypatch.setattr(caches["renders"], "set", broken)
    render_module.cache_clear()
    with caplog.at_level(logging.WARNING, logger="orders.pdf.cache"):
        pdf = render_pdf(crawford(body="A text no other test renders: the stay is lifted."))
    assert pdf.startswith(b"%PDF")
    assert "Shared render cache unreadable" in caplog.text
    assert "Shared render cache unwritable" in caplog.text


def test_page_previews_are_grayscale_and_rendered_once(monkeypatch):
    pdf = render_pdf(crawford())
    png = render_page_png(pdf, 0, scale=PREVIEW_SCALE)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "L"
    assert image.size == (918, 1188)  # US Letter at 108 dpi
    preview_module._cache.clear()
    monkeypatch.setattr(preview_module, "_render_png", _refuse)
    assert render_page_png(pdf, 0, scale=PREVIEW_SCALE) == png
