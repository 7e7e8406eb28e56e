"""From uploaded bytes to text a parser can read, refusing what is not a docket report.

Encoding rule: a saved CM/ECF page is UTF-8 (modern browsers save it so). A file that is not valid
UTF-8 is read as Windows-1252 only when it is clearly a docket report anyway (its ASCII
“DOCKET FOR CASE #” heading is there and it has no NUL bytes); anything else — a PDF, an image,
a garbled or binary file — is refused with a message.
"""

from __future__ import annotations

import re

from .parsed import ERROR_BINARY, ERROR_EMPTY_FILE, ERROR_NOT_UTF8, ERROR_TOO_LARGE, DocketError

MAX_DOCKET_BYTES = 10 * 1024 * 1024
NOTE_CP1252 = "The file was not UTF-8; it was read as Windows-1252 text."

_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "an Office document"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
]
_DOCKET_MARK = re.compile(rb"DOCKET\s+FOR\s+CASE\s*#", re.IGNORECASE)


def check_size(size: int | None) -> None:
    """Refuse before reading: a docket report saved as HTML is far below 10 MB."""
    if size is not None and size > MAX_DOCKET_BYTES:
        raise DocketError(ERROR_TOO_LARGE % {"limit": MAX_DOCKET_BYTES // (1024 * 1024)})


def decode_docket(data: bytes) -> tuple[str, list[str]]:
    """The text of an uploaded file and notes for the user, or ``DocketError``."""
    check_size(len(data))
    if not data.strip():
        raise DocketError(ERROR_EMPTY_FILE)
    head = data[:16].lstrip()
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise DocketError(ERROR_BINARY % {"what": what})
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise DocketError(ERROR_BINARY % {"what": "a WebP image"})
    if b"\x00" in data:
        raise DocketError(ERROR_BINARY % {"what": "a binary file"})
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if not _DOCKET_MARK.search(data):
        raise DocketError(ERROR_NOT_UTF8)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        text = data.decode("latin-1")
    return text, [NOTE_CP1252]
