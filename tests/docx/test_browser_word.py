"""End to end in headless Chromium: a clerk downloads a draft as Word, the judge's tracked change
is made in the file and LibreOffice Writer saves it (as a chambers editing in LibreOffice does),
the clerk uploads it on the order page, sees the difference and the tracked change accepted,
saves it as the next version, and the PDF of that version says the new text.

Runs once per ``scripts/test``, on the SQLite pass, with Debian's Chromium (Playwright's
``executable_path``) and LibreOffice, as the other browser and LibreOffice tests."""

from __future__ import annotations

from pathlib import Path

from orders.demo import DEMO_PASSWORD, DEMO_USERNAME
from orders.models import Order

from ..browser_support import (
    BROWSER_MARKS,
    chromium,  # noqa: F401 - a fixture
    log_in,
    new_page,
    playwright,  # noqa: F401 - a fixture
    served_app,  # noqa: F401 - a fixture
)
from ..office import convert
from ..pdf_helpers import body_text
from .test_reading import rewrite

# The app served with the demo data in a transaction rolled back after the module (not the
# ``live_server`` fixture's flush, which would delete what the migrations loaded: the courts).
pytestmark = BROWSER_MARKS

ADDED = "Defendants shall respond within 21 days of service of this order."


def judge_adds_a_paragraph(xml: str) -> str:
    """The judge's tracked insertion: a new body paragraph just above “IT IS SO ORDERED.”."""
    ending = xml.index("IT IS SO ORDERED.")
    start = max(xml.rfind("<w:p>", 0, ending), xml.rfind("<w:p ", 0, ending))
    insertion = (
        '<w:p><w:pPr><w:pStyle w:val="OrderBody"/><w:rPr><w:ins w:id="900" w:author="Judge" '
        'w:date="2026-12-01T10:00:00Z"/></w:rPr></w:pPr>'
        '<w:ins w:id="901" w:author="Judge" w:date="2026-12-01T10:00:00Z">'
        f"<w:r><w:t>{ADDED}</w:t></w:r></w:ins></w:p>"
    )
    return xml[:start] + insertion + xml[start:]


def test_a_draft_edited_in_libreoffice_with_a_tracked_change_comes_back_as_the_next_version(
    chromium,  # noqa: F811
    served_app,  # noqa: F811
    tmp_path,
):
    order = Order.objects.filter(status=Order.Status.DRAFT, created_by__username=DEMO_USERNAME).first()
    assert order is not None, "the demo data has a draft of the demo clerk's"
    base = served_app.url
    page = new_page(chromium, width=1280)
    log_in(page, served_app, DEMO_USERNAME, DEMO_PASSWORD)

    page.goto(f"{base}/orders/{order.pk}/")
    with page.expect_download() as download:
        page.locator("#download-docx").click()
    exported = Path(download.value.path()).read_bytes()
    edited = rewrite(exported, "word/document.xml", judge_adds_a_paragraph)
    saved_by_libreoffice = convert({"edited": edited}, to="docx")["edited"]
    upload = tmp_path / "edited-in-libreoffice.docx"
    upload.write_bytes(saved_by_libreoffice)

    page.locator("#upload-docx").click()
    page.locator('input[type="file"]').set_input_files(str(upload))
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_load_state("domcontentloaded")
    assert "insertion(s) taken in" in page.locator("#tracked-changes").inner_text()
    assert ADDED in page.content()
    page.locator("#save-from-word").click()
    page.wait_for_url(f"{base}/orders/{order.pk}/")
    assert f"Version {order.version + 1} saved from the Word file." in page.content()

    order.refresh_from_db()
    assert order.body.rstrip().endswith(ADDED)
    assert order.body.count(ADDED) == 1
    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    printed = " ".join(body_text(Path(download.value.path()).read_bytes()).split())
    assert ADDED in printed
