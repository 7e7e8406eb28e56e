"""An uploaded Word file opened safely: the checks that come before any XML is parsed.

A DOCX is a ZIP archive of XML parts. Before reading a part, the archive is checked against
what an order from Word never needs and an attacker relies on: a file that is not a ZIP (an old
``.doc``, a PDF, a password-protected document, which Word saves as an encrypted OLE file), a
macro-enabled document (``.docm``: ``vbaProject.bin`` or the macro-enabled content type), an
archive that inflates past a limit (a zip bomb: the sizes are checked from the directory and
again while inflating), too many parts, links to outside files (relationships with
``TargetMode="External"``: images, templates or frames fetched when the file is opened) and
embedded objects (OLE objects, ActiveX controls). The XML is parsed without entities, DTDs or
network access.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_INFLATED_BYTES = 40 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_PARTS = 400
MAX_RATIO = 200  # inflated / compressed, per part past 1 MB

MAIN_PART = "word/document.xml"
DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ERROR_TOO_LARGE = "The file is larger than {limit} MB; a Word order is far smaller."
ERROR_EMPTY = "The file is empty."
ERROR_ENCRYPTED = (
    "The file is password-protected (or a Word 97–2003 .doc): save it in Word as an unprotected "
    ".docx and upload that."
)
ERROR_NOT_DOCX = "The file is not a Word document (.docx)."
ERROR_MACROS = (
    "The file is a macro-enabled Word document (.docm); macros are never accepted. Save it as .docx."
)
ERROR_BOMB = "The file inflates to more than {limit} MB when unpacked; it is refused as unsafe."
ERROR_TOO_MANY_PARTS = "The file has more than {limit} parts; it is refused as unsafe."
ERROR_EXTERNAL = "The file links to outside content ({target}); remove the link in Word and upload it again."
ERROR_EMBEDDED = "The file holds an embedded object ({name}); remove it in Word and upload it again."
ERROR_BAD_XML = "The Word file is damaged (its {part} cannot be read)."

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, dtd_validation=False, load_dtd=False, huge_tree=False
)


class DocxRefused(ValueError):
    """The upload is not a Word document this app will read; the message says why."""


@dataclass
class Package:
    """The XML parts of a checked DOCX, parsed on demand."""

    archive: zipfile.ZipFile

    def xml(self, name: str) -> etree._Element | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        data = _read(self.archive, info)
        if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data:
            raise DocxRefused(ERROR_BAD_XML.format(part=name))
        try:
            return etree.fromstring(data, parser=_PARSER)
        except etree.XMLSyntaxError as error:
            raise DocxRefused(ERROR_BAD_XML.format(part=name)) from error


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part inflated in chunks, stopped as soon as it passes its limit (the directory's sizes
    can lie)."""
    out = io.BytesIO()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(65536):
                out.write(chunk)
                if out.tell() > MAX_PART_BYTES:
                    raise DocxRefused(ERROR_BOMB.format(limit=MAX_PART_BYTES // 2**20))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
        # A damaged archive: a part's header, its compressed data or its checksum (found by the fuzz).
        if isinstance(error, DocxRefused):
            raise
        raise DocxRefused(ERROR_BAD_XML.format(part=info.filename)) from error
    return out.getvalue()


def open_package(data: bytes) -> Package:
    """Check an upload and open it, or raise ``DocxRefused`` saying what is wrong."""
    if not data:
        raise DocxRefused(ERROR_EMPTY)
    if len(data) > MAX_FILE_BYTES:
        raise DocxRefused(ERROR_TOO_LARGE.format(limit=MAX_FILE_BYTES // 2**20))
    if data.startswith(OLE_MAGIC):
        raise DocxRefused(ERROR_ENCRYPTED)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise DocxRefused(ERROR_NOT_DOCX) from error
    if len(infos) > MAX_PARTS:
        raise DocxRefused(ERROR_TOO_MANY_PARTS.format(limit=MAX_PARTS))
    total = 0
    for info in infos:
        total += info.file_size
        too_dense = info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if total > MAX_INFLATED_BYTES or too_dense:
            raise DocxRefused(ERROR_BOMB.format(limit=MAX_INFLATED_BYTES // 2**20))
    names = {info.filename for info in infos}
    package = Package(archive)
    _check_content_types(package, names)
    _check_relationships(package, names)
    return package


def _check_content_types(package: Package, names: set[str]) -> None:
    if "[Content_Types].xml" not in names or MAIN_PART not in names:
        raise DocxRefused(ERROR_NOT_DOCX)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise DocxRefused(ERROR_MACROS)
    types = package.xml("[Content_Types].xml")
    assert types is not None
    declared = {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in types.iter(f"{{{CONTENT_TYPES}}}Override")
    }
    main = declared.get(MAIN_PART, "")
    if main == MACRO_MAIN_TYPE or "macroEnabled" in main:
        raise DocxRefused(ERROR_MACROS)
    if main != DOCX_MAIN_TYPE:
        raise DocxRefused(ERROR_NOT_DOCX)
    for name, kind in declared.items():
        if "oleObject" in kind or "activeX" in kind or name.startswith("word/embeddings/"):
            raise DocxRefused(ERROR_EMBEDDED.format(name=name))
    for name in names:
        if name.startswith(("word/embeddings/", "word/activeX/")):
            raise DocxRefused(ERROR_EMBEDDED.format(name=name))


def _check_relationships(package: Package, names: set[str]) -> None:
    for name in sorted(n for n in names if n.endswith(".rels")):
        rels = package.xml(name)
        if rels is None:
            continue
        for rel in rels.iter(f"{{{RELS}}}Relationship"):
            kind = rel.get("Type", "")
            if rel.get("TargetMode") == "External" and not kind.endswith("/hyperlink"):
                raise DocxRefused(ERROR_EXTERNAL.format(target=rel.get("Target", "")[:80]))
            if kind.endswith(("/oleObject", "/control", "/package")):
                raise DocxRefused(ERROR_EMBEDDED.format(name=rel.get("Target", "")[:80]))
    document = package.xml(MAIN_PART)
    if document is not None and next(
        (True for tag in ("object", "control") for _ in document.iter(f"{{{W}}}{tag}")), False
    ):
        raise DocxRefused(ERROR_EMBEDDED.format(name="an OLE object in the text"))
