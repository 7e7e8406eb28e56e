"""What a PDF prints: ``OrderDocument``, built from a stored order or from unsaved wizard data."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.utils.text import slugify

from ..body import parse_body
from ..models import Caption, Case, DocketEntry, Judge, Order

# CM/ECF numbers ("14-cv-05578-MEJ") are labelled "Case No."; the older form ("C 13-4426 EDL (PR)") "No.".
_CMECF_FORM = re.compile(r"\d{2}\s*-\s*[a-z]{2}\s*-\s*\d", re.IGNORECASE)
_BLOCK_NAMES = {
    "paragraph": "Paragraph",
    "heading": "Heading",
    "quote": "Quotation",
    "list_item": "List item",
    "footnote": "Footnote",
}


@dataclass(frozen=True)
class OrderDocument:
    """Everything printed on an order, and nothing else: the renderer reads only this."""

    heading_lines: list[str]
    caption: Caption
    case_number: str
    case_number_label: str
    title: str
    re_line: str
    body: str
    date: datetime.date | None
    judge_name: str
    judge_title: str
    # The judge's name as written after "/s/" on a conformed signature ("Maria-Elena James");
    # empty means the printed name in title case.
    judge_signature_name: str = ""

    @property
    def signature_name(self) -> str:
        return self.judge_signature_name or self.judge_name.title()

    def printed_texts(self) -> list[tuple[str, str]]:
        """(where, text) of everything printed, for the glyph check's error messages."""
        texts = [("The court's name", line) for line in self.heading_lines]
        for side, name in ((self.caption.first, "first"), (self.caption.second, "second")):
            texts += [(f"The caption ({name} side)", side.names), (f"The caption ({name} side)", side.label)]
        texts += [
            ("The case number", f"{self.case_number_label} {self.case_number}"),
            ("The title", self.title),
            ("The “Re:” line", self.re_line),
            ("The judge's name", f"{self.judge_name} {self.signature_name}"),
            ("The judge's title", self.judge_title),
        ]
        for number, block in enumerate(parse_body(self.body), start=1):
            texts.append((f"{_BLOCK_NAMES[block.kind]} {number} of the order's text", block.plain))
        return texts

    def fingerprint(self) -> str:
        """A SHA-256 of every printed value: two documents print the same iff this is equal."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def case_number_label(number: str) -> str:
    """“Case No.” for a CM/ECF number, “No.” for the legacy form (as the seeds print them)."""
    return "Case No." if _CMECF_FORM.search(number or "") else "No."


def re_line_for(numbers: Iterable[int]) -> str:
    """“Re: Dkt. No. 53” / “Re: Dkt. Nos. 52, 53” / “” (the same rule as ``Order.re_line``)."""
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    label = "No." if len(numbers) == 1 else "Nos."
    return f"Re: Dkt. {label} {', '.join(str(n) for n in numbers)}"


def _document(
    *, case: Case, title: str, re_line: str, body: str, date: datetime.date | None, judge: Judge
) -> OrderDocument:
    return OrderDocument(
        heading_lines=list(case.court.heading_lines),
        caption=case.caption(),
        case_number=case.number,
        case_number_label=case_number_label(case.number),
        title=title,
        re_line=re_line,
        body=body,
        date=date,
        judge_name=judge.signature_name,
        judge_title=judge.signature_title,
        judge_signature_name=judge.full_name,
    )


def document_for_order(order: Order) -> OrderDocument:
    """The printed content of a stored order."""
    return _document(
        case=order.case,
        title=order.title,
        re_line=order.re_line,
        body=order.body,
        date=order.date,
        judge=order.judge,
    )


def document_for_draft(
    *,
    case: Case,
    title: str,
    entries: Iterable[DocketEntry],
    body: str,
    date: datetime.date | None,
    judge: Judge,
) -> OrderDocument:
    """The printed content of an order not saved yet (the wizard's review step)."""
    return _document(
        case=case,
        title=title,
        re_line=re_line_for(entry.number for entry in entries),
        body=body,
        date=date,
        judge=judge,
    )


def pdf_filename(order: Order, *, final: bool) -> str:
    """“14-cv-05578-MEJ-order-denying-request-for-extension-of-time.pdf” (“-draft” unless final)."""
    stem = slugify(f"{order.case.number} {order.title}")[:120].strip("-") or "order"
    return f"{stem}.pdf" if final else f"{stem}-draft.pdf"
