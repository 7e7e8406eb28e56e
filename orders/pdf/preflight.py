"""The filing copy's preflight: what a court's CM/ECF accepts, checked before the PDF is frozen.

``preflight(pdf, max_bytes=…)`` returns the problems found (empty: the PDF may be filed): every
font embedded, a text layer on every page, no JavaScript, actions, attachments, encryption or
form fields, and a size under the court's limit (the ``FILING_PDF_MAX_BYTES`` setting: set it to
the limit of the court's CM/ECF).
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
import pypdfium2 as pdfium

ERROR_TOO_LARGE = "The PDF is {size:,} bytes; the court's limit is {limit:,} bytes."
ERROR_NOT_A_PDF = "The file is not a readable PDF."
ERROR_ENCRYPTED = "The PDF is encrypted."
ERROR_FORM_FIELDS = "The PDF has form fields (a signature field counts): CM/ECF refuses fillable PDFs."
ERROR_JAVASCRIPT = "The PDF contains JavaScript."
ERROR_ACTIONS = "The PDF has actions that run when it is opened or used ({where})."
ERROR_ATTACHMENTS = "The PDF has attached files."
ERROR_FONT_NOT_EMBEDDED = "The font {font} on page {page} is not embedded."
ERROR_NO_TEXT = "Page {page} has no text layer (a scanned image?)."
_NAME_TREES = {"/JavaScript": ERROR_JAVASCRIPT, "/EmbeddedFiles": ERROR_ATTACHMENTS}


def _font_problems(document: pikepdf.Pdf) -> list[str]:
    problems = []
    for number, page in enumerate(document.pages, start=1):
        resources: Any = page.obj.get("/Resources", pikepdf.Dictionary())
        fonts: Any = resources.get("/Font", pikepdf.Dictionary())
        for _, font in fonts.items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            if str(descendant.get("/Subtype")) == "/Type3":
                continue  # drawn by the PDF itself
            descriptor: Any = descendant.get("/FontDescriptor", pikepdf.Dictionary())
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(ERROR_FONT_NOT_EMBEDDED.format(font=str(font.get("/BaseFont")), page=number))
    return problems


def _annotation_problems(annotation: Any, number: int, where: list[str]) -> list[str]:
    """Attachments, form fields and JavaScript of one annotation; other actions go to ``where``."""
    problems = []
    subtype = str(annotation.get("/Subtype"))
    if subtype == "/FileAttachment":
        problems.append(ERROR_ATTACHMENTS)
    if subtype == "/Widget" or "/FT" in annotation:
        problems.append(ERROR_FORM_FIELDS)
    action: Any = annotation.get("/A", pikepdf.Dictionary())
    if str(action.get("/S")) == "/JavaScript":
        problems.append(ERROR_JAVASCRIPT)
    elif "/AA" in annotation or ("/A" in annotation and str(action.get("/S")) not in ("/URI", "/GoTo")):
        where.append(f"an annotation on page {number}")
    return problems


def _active_content(document: pikepdf.Pdf) -> list[str]:
    root: Any = document.Root
    names: Any = root.get("/Names", pikepdf.Dictionary())
    problems = [error for key, error in _NAME_TREES.items() if key in names]
    where = [name for name in ("/OpenAction", "/AA") if name in root]
    for number, page in enumerate(document.pages, start=1):
        if "/AA" in page.obj:
            where.append(f"page {number}")
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            problems += _annotation_problems(annotation, number, where)
    if where:
        problems.append(ERROR_ACTIONS.format(where=", ".join(where)))
    acroform: Any = root.get("/AcroForm")
    if acroform is not None and len(acroform.get("/Fields", pikepdf.Array())):
        problems.append(ERROR_FORM_FIELDS)
    return problems


def _text_problems(pdf: bytes) -> list[str]:
    problems = []
    document = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, start=1):
            textpage = page.get_textpage()
            if not textpage.get_text_range().strip():
                problems.append(ERROR_NO_TEXT.format(page=number))
            textpage.close()
            page.close()
    finally:
        document.close()
    return problems


def preflight(pdf: bytes, *, max_bytes: int) -> list[str]:
    """What keeps ``pdf`` from being filed (an empty list: nothing), each problem once."""
    problems = []
    if len(pdf) > max_bytes:
        problems.append(ERROR_TOO_LARGE.format(size=len(pdf), limit=max_bytes))
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError:
        return [*problems, ERROR_ENCRYPTED]
    except pikepdf.PdfError:
        return [*problems, ERROR_NOT_A_PDF]
    with document:
        if document.is_encrypted:
            problems.append(ERROR_ENCRYPTED)
        problems += _font_problems(document) + _active_content(document)
    problems += _text_problems(pdf)
    return list(dict.fromkeys(problems))
