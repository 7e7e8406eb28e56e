"""Hostile files for ``bench_hostile.py``, made at run time: the adversarial review's bombs.

The one copy of these generators: the suite's ``tests/security/hostile_files.py`` re-exports
them (the benchmarks import nothing from ``tests/``; the tests may use the bench's).

- ``pdf_bomb``: a small PDF whose one compressed content stream inflates to megabytes of text
  operators (each ``Tj`` a character object for a text extractor);
- ``simple_pdf``: a well-formed PDF with the given lines of text in Helvetica, for comparison;
- ``nested_html_docket``: a docket report whose body nests 100,000 elements;
- ``docket_with_entries``: a docket report with thousands of docket entries;
- ``docx_bomb`` / ``docx_deep_nesting``: a DOCX whose part inflates past the limit, one whose
  body nests elements far deeper than any document.
"""

from __future__ import annotations

import io
import zipfile
import zlib


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given numbered objects (1 the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes, *, compress: bool) -> bytes:
    if compress:
        data = zlib.compress(content, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _pages_pdf(contents: list[bytes], *, compress: bool = True) -> bytes:
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(_stream(content, compress=compress))
    return _pdf(objects)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def simple_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with each page's lines of text, 12-point Helvetica, one line every 14 points."""
    contents = []
    for lines in pages:
        ops = [b"BT /F1 12 Tf 14 TL 72 740 Td"]
        ops += [b"(%s) Tj T*" % _escape(line) for line in lines]
        ops.append(b"ET")
        contents.append(b"\n".join(ops))
    return _pages_pdf(contents)


def pdf_bomb(megabytes: int = 12) -> bytes:
    """A PDF of about 10-30 KB whose content stream inflates to ``megabytes`` MB of ``Tj``
    operators: an extractor that reads it makes millions of character objects."""
    unit = b"(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n"
    content = b"BT /F1 1 Tf 0 0 Td\n" + unit * (megabytes * 1024 * 1024 // len(unit)) + b"ET"
    return _pages_pdf([content])


def _docket(body: str) -> str:
    return (
        "<html><head><title>CAND-ECF</title></head><body>"
        "<h3>U.S. District Court<br>California Northern District (San Francisco)<br>"
        "CIVIL DOCKET FOR CASE #: 3:20-cv-01234-WHA</h3>"
        "<table><tr><td>Smith v. Jones<br>Assigned to: Judge William Alsup<br>"
        "Cause: 42:1983 Civil Rights Act</td><td>Date Filed: 01/02/2020<br>"
        "Nature of Suit: 550 Prisoner: Civil Rights<br>Jurisdiction: Federal Question</td></tr></table>"
        f"{body}</body></html>"
    )


def nested_html_docket(depth: int = 100_000) -> bytes:
    """A docket report whose page nests ``depth`` ``<div>`` elements."""
    return _docket("<div>" * depth + "x" + "</div>" * depth).encode()


def docket_with_entries(count: int = 20_000) -> bytes:
    """A docket report with ``count`` numbered docket entries."""
    rows = "".join(
        f'<tr><td>01/02/2020</td><td><a href="x">{n}</a></td><td>MOTION for Extension of Time {n}</td></tr>'
        for n in range(1, count + 1)
    )
    table = '<table border="1"><tr><th>Date Filed</th><th>#</th><th>Docket Text</th></tr>' + rows + "</table>"
    return _docket(table).encode()


def _docx(document_xml: bytes, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_paragraphs(paragraphs: list[str]) -> bytes:
    """A minimal DOCX whose body is the given paragraphs."""
    body = b"".join(
        b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % p.replace("&", "&amp;").replace("<", "&lt;").encode()
        for p in paragraphs
    )
    return _docx(b'<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (_W, body))


def docx_bomb(megabytes: int = 60) -> bytes:
    """A DOCX whose document part inflates to ``megabytes`` MB (a zip bomb)."""
    filler = b"<w:p><w:r><w:t>" + b"A" * (megabytes * 1024 * 1024) + b"</w:t></w:r></w:p>"
    return _docx(b'<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (_W, filler))


def docx_deep_nesting(depth: int = 100_000) -> bytes:
    """A DOCX whose body nests ``depth`` elements (tables in tables)."""
    inner = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
    return _docx(b'<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (_W, inner))
