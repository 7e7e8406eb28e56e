"""Reading past orders from their files: text out of a PDF or a text file, and what the text
says (court, case number, parties, title, date, judge, body).

Nothing here writes: ``services.order_import`` links or creates the records in one transaction.
The reading is deliberately forgiving: orders come from several decades of word processors and
PDF converters (pleading-paper line numbers, bold markers, an OCR'd "v." that is an Arabic
digit seven). Whatever cannot be read is left empty and the order is flagged for review.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field

from .body import Block, join_body
from .case_numbers import case_number_key
from .sandbox import Limits, SandboxRefused, run_limited
from .search.query import CASE_NUMBER_IN_TEXT

ERROR_NO_TEXT_LAYER = "no text layer (scanned?)"
ERROR_UNREADABLE_PDF = "not a readable PDF (damaged or encrypted?)"
ERROR_NOT_TEXT = "not a PDF or a text file"
ERROR_EMPTY = "the file has no text"
ERROR_TOO_MUCH_TEXT = "too much text for one order (more than {limit:,} characters)"
ERROR_TOO_MANY_PAGES = "too many pages for one order (more than {limit:,})"
ERROR_PAGE_TOO_COMPLEX = "too complex to read (page {page} draws more than {limit} MB of text and graphics)"

# The text kept of one order (``Order.source_text``): a long order is 100,000 characters.
MAX_SOURCE_CHARS = 1_000_000
MAX_PDF_PAGES = 500
# A page of an order draws 5-50 KB (its content stream, inflated); a scanned page's image is not in it.
MAX_PAGE_CONTENT_BYTES = 2 * 1024 * 1024
# A past order's PDF is read in a child process with these limits (``orders.sandbox``):
# the app's own 20-page orders take 0.3 s and 60 MB.
PDF_LIMITS = Limits(memory_bytes=384 * 1024 * 1024, cpu_seconds=3, wall_seconds=6.0)


class ImportFileError(ValueError):
    """The file cannot be imported; the message says why, for the report."""


def is_pdf(name: str, data: bytes) -> bool:
    return data[:5] == b"%PDF-" or name.lower().endswith(".pdf")


def read_order_file(name: str, data: bytes) -> str:
    """The text of a PDF (its text layer, read in a limited child process) or of a text file."""
    if is_pdf(name, data):
        import pdfplumber  # noqa: F401 - imported once in the worker, not in every child

        try:
            return run_limited(_read_pdf, data, limits=PDF_LIMITS, passthrough=(ImportFileError,))
        except SandboxRefused as refusal:
            raise ImportFileError(str(refusal)) from refusal
    if b"\x00" in data[:4096]:
        raise ImportFileError(ERROR_NOT_TEXT)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise ImportFileError(ERROR_NOT_TEXT)
    if not text.strip():
        raise ImportFileError(ERROR_EMPTY)
    if len(text) > MAX_SOURCE_CHARS:
        raise ImportFileError(ERROR_TOO_MUCH_TEXT.format(limit=MAX_SOURCE_CHARS))
    return text


def _read_pdf(data: bytes) -> str:
    """The PDF's text layer, page by page, refused past ``MAX_PDF_PAGES`` pages or
    ``MAX_SOURCE_CHARS`` characters (runs in the sandbox's child process)."""
    import pdfplumber

    pages: list[str] = []
    size = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ImportFileError(ERROR_TOO_MANY_PAGES.format(limit=MAX_PDF_PAGES))
            for number, page in enumerate(pdf.pages, start=1):
                _check_page_content(page.page_obj, number)
                pages.append(page.extract_text() or "")
                size += len(pages[-1])
                if size > MAX_SOURCE_CHARS:
                    raise ImportFileError(ERROR_TOO_MUCH_TEXT.format(limit=MAX_SOURCE_CHARS))
                page.close()
    except (ImportFileError, MemoryError, RecursionError):
        raise
    except Exception as error:  # pdfminer raises many kinds (PSEOF, PDFPasswordIncorrect, …)
        raise ImportFileError(ERROR_UNREADABLE_PDF) from error
    if not any(page.strip() for page in pages):
        raise ImportFileError(ERROR_NO_TEXT_LAYER)
    return "\n".join(_paragraphs_from_pdf_lines(page) for page in pages)


def _check_page_content(page, number: int) -> None:
    """Refuse a page whose content streams inflate past ``MAX_PAGE_CONTENT_BYTES`` before the
    extractor turns each of their operators into objects (a 10 KB PDF can hold megabytes)."""
    from pdfminer.pdftypes import resolve1

    size = 0
    for stream in page.contents:
        data = resolve1(stream).get_data()
        size += len(data) if data else 0
    if size > MAX_PAGE_CONTENT_BYTES:
        raise ImportFileError(
            ERROR_PAGE_TOO_COMPLEX.format(page=number, limit=MAX_PAGE_CONTENT_BYTES // (1024 * 1024))
        )


def _paragraphs_from_pdf_lines(text: str) -> str:
    """A PDF's text layer has lines but no blank lines between paragraphs: a short line that
    ends a sentence ends a paragraph."""
    lines = [line.rstrip() for line in text.splitlines()]
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return ""
    typical = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]
    out = []
    for line in lines:
        out.append(line)
        if line.rstrip().endswith((".", ":", ";", "?", "!", "”", '"', ")")) and len(line) < 0.85 * typical:
            out.append("")
    return "\n".join(out)


def content_sha256(text: str) -> str:
    """The hash that makes an import idempotent: the words of the text, whitespace ignored."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class ParsedParty:
    name: str
    role: str  # a PartyRole value


@dataclass
class ParsedOrder:
    """What the text of a past order says; empty where it did not say."""

    text: str
    court_heading: str = ""
    case_number: str = ""
    parties: list[ParsedParty] = field(default_factory=list)
    title: str = ""
    docket_numbers: list[int] = field(default_factory=list)
    date: datetime.date | None = None
    judge_name: str = ""
    judge_title: str = ""
    body: str = ""
    pro_se: bool = False
    prisoner: bool = False
    institution: str = ""

    @property
    def short_caption(self) -> str:
        first = [p for p in self.parties if p.role in ("plaintiff", "petitioner")]
        second = [p for p in self.parties if p.role in ("defendant", "respondent")]
        if not first or not second:
            return ""
        return f"{_surname(first[0].name)} v. {_surname(second[0].name)}"


_MARKUP = [
    (re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # [text](link)
    (re.compile(r"\*\*|__"), ""),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *italic*
    (re.compile(r"</?(?:u|b|i|em|strong|span|sup|sub)\b[^>\n]*>", re.IGNORECASE), ""),
    (re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\ufeff\ue000-\uf8ff]"), ""),
]
_V_LINE = re.compile(r"^(?:v|vs|V|VS|٧)\.?$")
_ROLE_LABEL = re.compile(
    r"^(Plaintiffs?|Petitioners?|Defendants?|Respondents?)(?:\s+and\s+\w+)?\s*[,.;]?$", re.IGNORECASE
)
_ROLES = {
    "plaintiff": "plaintiff",
    "petitioner": "petitioner",
    "defendant": "defendant",
    "respondent": "respondent",
}
_COURT = re.compile(
    r"((?:(?:NORTHERN|SOUTHERN|EASTERN|WESTERN|CENTRAL|MIDDLE)\s+)?DISTRICT\s+OF\s+[A-Z][A-Z .]*[A-Z])"
)
_NUMBER_LINE = re.compile(
    r"^(?:(?:Case|Civil\s+Action|Civil\s+Case|Civil|Civ\.|Criminal\s+Action|Criminal\s+Case|Criminal|Crim\.|"
    r"Cr\.|Misc\.|Miscellaneous(?:\s+(?:Action|Case))?|MDL)\s+)?No\.?\s*:?\s*(.+)$",
    re.IGNORECASE,
)
# Where the right column of a two-column caption starts on a line the PDF's text layer merged with
# the left one (“JAMES DARREN CRAWFORD, Case No. 14-cv-05578-MEJ”, “v. EXTENSION OF TIME”).
_RIGHT_COLUMN = re.compile(
    r"(?:(?:Case|Civil\s+Action|Criminal(?:\s+Action)?|Civ\.|Crim\.|Misc\.)\s+No\.|(?<![\w.])No\.\s*(?=[A-Z0-9])|"
    r"\bRe:\s|\bORDER\b)"
)
_LEFT_ONLY = re.compile(r"^(?:v|vs|V|VS)\.?\s+(?P<rest>\S.*)$")
_RE_LINE = re.compile(r"^Re:\s*(?:Dkt|Docket)\.?\s*(?:Nos?\.?|#)?\s*([\d,\s&and]+)", re.IGNORECASE)
_SO_ORDERED = re.compile(r"^(?:IT\s+IS\s+)?SO\s+ORDERED", re.IGNORECASE)
_DATED = re.compile(r"Dated:?\s*([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})")
_JUDGE_TITLE = re.compile(
    r"^((?:Chief\s+|Senior\s+)?(?:United\s+States\s+[A-Za-z ]*|District\s+|Magistrate\s+)Judge)$",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"(?:incarcerated|housed|confined|detained|held)\s+at\s+((?:[A-Z][\w.'-]*\s+){0,5}"
    r"(?:Prison|Facility|Jail|Center|Institution|Penitentiary))"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def clean_order_text(text: str) -> str:
    """The text without markup, pleading-paper line numbers or stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(_strip_line_numbers(lines)).strip()


def _strip_line_numbers(lines: list[str]) -> list[str]:
    """Drop lines that are only a pleading-paper line number and the numbers that start lines,
    when they run in sequence (so "28 U.S.C. § 1915" in a sentence survives)."""
    bare = [i for i, line in enumerate(lines) if re.fullmatch(r"\d{1,2}", line)]
    drop = set(bare) if len(bare) >= 5 else set()
    # Bare numbers count as neighbours: “22” alone, then “23 MARIA-ELENA JAMES”.
    numbered = [
        (i, int(m.group(1))) for i, line in enumerate(lines) if (m := re.match(r"(\d{1,2})(?:\s+\S|$)", line))
    ]
    strip = set()
    for k, (index, number) in enumerate(numbered):
        before = k > 0 and numbered[k - 1][1] == number - 1
        after = k + 1 < len(numbered) and numbered[k + 1][1] == number + 1
        if before or after:
            strip.add(index)
    return [
        re.sub(r"^\d{1,2}\s+", "", line) if i in strip else line
        for i, line in enumerate(lines)
        if i not in drop
    ]


def _is_body_line(line: str) -> bool:
    return len(line) > 60 and sum(c.islower() for c in line) > len(line) / 3


_ROLE_THEN_TEXT = re.compile(r"^((?:Plaintiffs?|Defendants?|Petitioners?|Respondents?)[,.])\s+(\S.*)$")
_NAME_THEN_CAPS = re.compile(r"^(.*[a-z.],)\s+([A-Z][A-Z0-9'’ ,.-]*)$")  # "BEARD, et al., SANCTIONS"


def _split_caption_line(line: str, in_title: bool) -> tuple[str, str]:
    """(left column, right column) of one caption line of a merged two-column caption."""
    match = _RIGHT_COLUMN.search(line)
    if match and match.start() > 0 and line[: match.start()].strip():
        return line[: match.start()].strip(), line[match.start() :].strip()
    if match:
        return "", line
    if in_title:
        for pattern in (_LEFT_ONLY, _ROLE_THEN_TEXT, _NAME_THEN_CAPS):
            if (found := pattern.match(line)) and not re.search(r"[a-z]", found.groups()[-1]):
                left = line[: found.start(found.lastindex or 1)].strip()
                return left, found.groups()[-1]
        if line and not re.search(r"[a-z]", line) and not line.endswith((",", ";")):
            return "", line  # the title's next line, alone
    return line, ""


def _unmerge_caption(lines: list[str]) -> list[str]:
    """The caption of a pleading-paper order is two columns (parties | number, title, docket
    entries) that a PDF's text layer reads across, line by line: the lines before the body with
    their right-column parts moved after the left column, in order."""
    start = next((i for i, line in enumerate(lines) if _is_body_line(line)), len(lines))
    left: list[str] = []
    right: list[str] = []
    in_title = False
    for line in lines[:start]:
        left_part, right_part = _split_caption_line(line, in_title)
        if right_part:
            right.append(right_part)
            if _RIGHT_COLUMN.match(right_part):
                in_title = right_part.startswith("ORDER")
        if left_part or not right_part:
            left.append(left_part)
    if not right:
        return lines
    return [*left, "", *right, "", *lines[start:]]


def parse_order_text(raw: str) -> ParsedOrder:
    """What a past order's text says: the caption (court, case number, parties, title, the
    docket entries of its “Re:” line) before “IT IS SO ORDERED.”, the date and judge after it,
    and the body between the caption and that line."""
    text = clean_order_text(raw)
    parsed = ParsedOrder(text=text)
    lines = _unmerge_caption(text.split("\n"))
    nonblank = [(i, line) for i, line in enumerate(lines) if line]
    end = next((i for i, line in nonblank if _SO_ORDERED.match(line)), len(lines))
    caption = [(i, line) for i, line in nonblank if i < end]

    if match := _COURT.search("\n".join(lines[:15])):
        parsed.court_heading = " ".join(match.group(1).split())
    parsed.case_number, number_end = _case_number(caption)
    parsed.parties, parties_end = _parties(caption)
    parsed.title, title_end = _title(nonblank, end)
    parsed.docket_numbers, re_end = _docket_numbers(caption)
    header_end = max(number_end, parties_end, title_end, re_end)
    parsed.date = _date("\n".join(lines[end:]) or text)
    parsed.judge_title, parsed.judge_name = _judge([line for line in lines[end:] if line])

    body_lines = lines[header_end + 1 : end] if header_end < end else lines[:end]
    parsed.body = _body(body_lines) or _body(lines)
    parsed.pro_se = bool(re.search(r"\bpro\s+se\b", text, re.IGNORECASE))
    parsed.prisoner = bool(re.search(r"\bprisoner\b", text, re.IGNORECASE)) or bool(
        re.search(r"\(\s*pr\s*\)", parsed.case_number, re.IGNORECASE)
    )
    if match := _INSTITUTION.search(text):
        parsed.institution = " ".join(match.group(1).split())
    return parsed


def _case_number(caption: list[tuple[int, str]]) -> tuple[str, int]:
    """The first “Case No.” line's number that parses, and its line (-1: none)."""
    for i, line in caption:
        if match := _NUMBER_LINE.match(line):
            candidate = match.group(1).strip()
            found = CASE_NUMBER_IN_TEXT.search(candidate)
            for value in (candidate, found.group(0) if found else ""):
                if value and case_number_key(value):
                    return value, i
    return "", -1


def _parties(caption: list[tuple[int, str]]) -> tuple[list[ParsedParty], int]:
    """The parties named above each role label (“Plaintiff,”), and the last label's line."""
    parties: list[ParsedParty] = []
    last = -1
    for position, (i, line) in enumerate(caption):
        if role := _ROLE_LABEL.match(line):
            name = _party_name_before(caption[:position])
            if name:
                parties.append(ParsedParty(name=name, role=_ROLES[role.group(1).lower().rstrip("s")]))
            last = i
    return parties, last


def _ends_title(line: str, title: list[str]) -> bool:
    return bool(
        re.search(r"[a-z]", line)
        or _V_LINE.match(line)
        or line.endswith((",", ";"))
        or _ROLE_LABEL.match(line)
        or _NUMBER_LINE.match(line)
        or len(title) >= 6
    )


def _title(nonblank: list[tuple[int, str]], end: int) -> tuple[str, int]:
    """The upper-case “ORDER …” title (up to four lines) before ``end``, and its last line."""
    for position, (i, line) in enumerate(nonblank):
        if i >= end:
            break
        if re.match(r"^ORDER\b", line) and not re.search(r"[a-z]", line):
            title, last = [line], i
            for j, following in nonblank[position + 1 :]:
                if _ends_title(following, title):
                    break
                title.append(following)
                last = j
            return " ".join(" ".join(title).split())[:300], last
    return "", -1


def _docket_numbers(caption: list[tuple[int, str]]) -> tuple[list[int], int]:
    """The docket numbers of the first “Re: Dkt. No.” line, and its line."""
    for i, line in caption:
        if match := _RE_LINE.match(line):
            return sorted({int(n) for n in re.findall(r"\d+", match.group(1))}), i
    return [], -1


def _date(text: str) -> datetime.date | None:
    """The “Dated:” date (None if there is none or it is not a date)."""
    match = _DATED.search(text)
    if not match:
        return None
    month = _MONTHS.get(match.group(1).lower())
    try:
        return datetime.date(int(match.group(3)), month, int(match.group(2))) if month else None
    except ValueError:
        return None


def _judge(tail: list[str]) -> tuple[str, str]:
    """(title, name) of the signature block: a judge's title and the line above it."""
    for k, line in enumerate(tail):
        if _JUDGE_TITLE.match(line) and k > 0:
            return " ".join(line.split()), " ".join(tail[k - 1].split()).rstrip(",")
    return "", ""


def _party_name_before(previous: list[tuple[int, str]]) -> str:
    """The party named above a "Plaintiff," / "Defendants." label: the nearest line ending in a
    comma that is not the case number or the "v."."""
    for _, line in reversed(previous[-4:]):
        if _V_LINE.match(line) or _NUMBER_LINE.match(line) or _ROLE_LABEL.match(line):
            continue
        if line.endswith((",", ";")) and re.search(r"[A-Za-z]", line):
            name = re.sub(r"[,;]?\s*et\s+al\.?,?$", "", line.rstrip(",;").strip(), flags=re.IGNORECASE)
            return name.rstrip(",;. ").strip()[:300]
    return ""


def _body(lines: list[str]) -> str:
    """Paragraphs of the body in the stored body format (``orders.body``)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(" ".join(current).split()))
            current = []
    merged: list[str] = []
    for paragraph in paragraphs:
        if (
            merged
            and not merged[-1].endswith((".", ":", ";", "?", "!", "”", '"', ")"))
            and paragraph[:1].islower()
        ):
            merged[-1] = f"{merged[-1]} {paragraph}"
        else:
            merged.append(paragraph)
    blocks = [
        Block("heading", p)
        if len(p) <= 60 and not re.search(r"[a-z]", p) and re.search(r"[A-Z]{3}", p)
        else Block("paragraph", p)
        for p in merged
    ]
    return join_body(blocks)


def _surname(name: str) -> str:
    words = [w for w in re.split(r"\s+", name) if re.search(r"[A-Za-z]{2}", w)]
    word = words[-1] if words else name
    return word.strip(".,;").capitalize() if word.isupper() else word.strip(".,;")


def display_name(name: str) -> str:
    """A name written in capitals in a caption or signature block, in the usual case."""
    if name.isupper():
        return " ".join(
            "-".join(part.capitalize() for part in word.split("-"))
            if len(word) > 2 or "." not in word
            else word
            for word in name.split()
        )
    return name
