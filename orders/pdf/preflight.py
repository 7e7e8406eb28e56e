"""The filing copy's preflight: what a court's CM/ECF accepts, checked before the PDF is frozen.

``preflight(pdf, max_bytes=…)`` returns the problems found (empty: the PDF may be filed): every
font embedded, a text layer on every page, no JavaScript, actions, attachments, encryption or
form fields, and a size under the court's limit (the ``FILING_PDF_MAX_BYTES`` setting: set it to
the limit of the court's CM/ECF).
"""

from __future__ import annotations

import io

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


def _font_problems(document: pikepdf.Pdf) -> list[str]:
    problems = []
    for number, page in enumerate(document.pages, start=1):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for _, font in fonts.items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            if str(descendant.get("/Subtype")) == "/Type3":
                continue  # drawn by the PDF itself
            descriptor = descendant.get("/FontDescriptor", {})
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(ERROR_FONT_NOT_EMBEDDED.format(font=str(font.get("/BaseFont")), page=number))
    return problems


def _active_content(document: pikepdf.Pdf) -> list[str]:
    problems = []
    root = document.Root
    names = root.get("/Names", {})
    if "/JavaScript" in names:
        problems.append(ERROR_JAVASCRIPT)
    if "/EmbeddedFiles" in names:
        problems.append(ERROR_ATTACHMENTS)
    where = [name for name in ("/OpenAction", "/AA") if name in root]
    for number, page in enumerate(document.pages, start=1):
        if "/AA" in page.obj:
            where.append(f"page {number}")
        for annotation in page.obj.get("/Annots", []):
            subtype = str(annotation.get("/Subtype"))
            if subtype == "/FileAttachment":
                problems.append(ERROR_ATTACHMENTS)
            if subtype == "/Widget" or "/FT" in annotation:
                problems.append(ERROR_FORM_FIELDS)
            if "/A" in annotation or "/AA" in annotation:
                action = annotation.get("/A", {})
                if str(action.get("/S")) == "/JavaScript":
                    problems.append(ERROR_JAVASCRIPT)
                elif str(action.get("/S")) not in ("/URI", "/GoTo"):
                    where.append(f"an annotation on page {number}")
    if where:
        problems.append(ERROR_ACTIONS.format(where=", ".join(where)))
    acroform = root.get("/AcroForm")
    if acroform is not None and len(acroform.get("/Fields", [])):
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
