"""The DOCX export read back with python-docx: named styles, the paper in the header, the
watermark on drafts only, case text kept literal, and the download page."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.shared import Pt

from orders.docx import DOCX_CONTENT_TYPE, build_docx
from orders.docx.styles import BODY, BODY_STYLES, HEADING, QUOTE
from orders.models import AuditEvent

from ..factories import MembershipFactory, OrderFactory
from ..pdf_helpers import body_of, crawford


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_body_blocks_use_the_named_styles_a_clerk_keeps_in_word():
    body = "# BACKGROUND\n\n" + body_of(1) + "\n\n> A quoted passage.\n\n" + body_of(1, start=5)
    document = opened(build_docx(crawford(body=body), draft=True))
    styled = [(p.style.name, p.text[:20]) for p in document.paragraphs if p.style.name in BODY_STYLES]
    assert styled == [
        (HEADING, "BACKGROUND"),
        (BODY, "The plain sentence n"),
        (QUOTE, "A quoted passage."),
        (BODY, "The plain sentence n"),
    ]
    body_style = document.styles[BODY].paragraph_format
    assert body_style.line_spacing == Pt(24)  # exact, not "double"
    assert str(body_style.line_spacing_rule).startswith("EXACTLY")
    assert document.styles[QUOTE].paragraph_format.line_spacing == Pt(12)


def test_the_header_holds_28_numbers_and_the_rules_and_the_page_is_letter_with_the_pdfs_margins():
    data = build_docx(crawford(), draft=False)
    section = opened(data).sections[0]
    assert (section.page_width.pt, section.page_height.pt) == (612, 792)
    assert (section.top_margin.pt, section.left_margin.pt, section.right_margin.pt) == (72, 90, 54)
    header = part(data, "word/header1.xml")
    numbers = [n for n in range(1, 40) if f"<w:t>{n}</w:t>" in header]
    assert numbers == list(range(1, 29))
    assert header.count("<v:line ") == 3  # the double rule and the right rule
    assert 'relativeFrom="page"' in header


def test_drafts_carry_the_watermark_and_the_final_a_conformed_signature():
    draft = build_docx(crawford(), draft=True)
    final = build_docx(crawford(), draft=False, conformed=True)
    assert 'string="DRAFT"' in part(draft, "word/header1.xml")
    assert "DRAFT" not in part(final, "word/header1.xml")
    assert "/s/ Maria-Elena James" in part(final, "word/document.xml")
    assert "/s/" not in part(draft, "word/document.xml")


@pytest.mark.parametrize(
    "hostile",
    [
        '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '{ INCLUDETEXT "http://example.com/x" }',
        "<script>alert(1)</script> & ]]>",
    ],
)
def test_case_text_is_run_text_never_markup_or_a_field(hostile):
    data = build_docx(crawford(body=f"Plaintiff says {hostile} here.", title=f"ORDER {hostile}"), draft=True)
    document = opened(data)
    assert any(f"Plaintiff says {hostile} here." == p.text for p in document.paragraphs)
    xml = part(data, "word/document.xml")
    assert "<w:fldChar" not in xml and "<w:instrText" not in xml and "<script>" not in xml
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".rels"))
    assert 'TargetMode="External"' not in rels


@pytest.mark.django_db
def test_the_download_is_a_docx_and_is_audited(client):
    member = MembershipFactory()
    order = OrderFactory(case__assigned_judge=member.judge, body="The motion is DENIED.")
    client.force_login(member.user)
    response = client.get(f"/orders/{order.pk}/docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].endswith('-draft.docx"')
    assert "The motion is DENIED." in [p.text for p in opened(response.content).paragraphs]
    event = AuditEvent.objects.get(order_ref=order.pk, action=AuditEvent.Action.DOWNLOADED)
    assert event.user == member.user and "DOCX" in event.detail
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'href="/orders/{order.pk}/docx"' in page


@pytest.mark.django_db
def test_another_chambers_order_is_a_404_and_a_visitor_must_log_in(client):
    order = OrderFactory()
    client.force_login(MembershipFactory().user)
    assert client.get(f"/orders/{order.pk}/docx").status_code == 404
    client.logout()
    response = client.get(f"/orders/{order.pk}/docx")
    assert response.status_code == 302 and "/login" in response["Location"]
