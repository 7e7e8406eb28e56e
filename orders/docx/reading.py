"""A Word file read back into the body format (``orders/body.py``).

The document's paragraphs are read in order with their style, their inline italics and
underline, and their footnote references. Tracked changes are accepted as Word's “Accept All”
would: insertions and moves in, deletions and moved-away text out (counted, so the page can say
so). Comments are listed, never imported.

Which paragraphs are the body:

- an order exported by this app: the paragraphs in the body styles (“Order Body”, “Order
  Heading”, “Block Quote”, “Order List”) and any other paragraph typed between the caption and
  “IT IS SO ORDERED.” (a clerk's new paragraph in Word's Normal style is body text); the court's
  heading, the caption table, the signature block and the footer are recognised by their styles
  and place and never copied into the body;
- any other Word order (a party's proposed order): the text after the caption and the title
  (the first paragraph that reads “[PROPOSED] ORDER …” or “ORDER …”) up to “IT IS SO ORDERED”,
  “Dated”, a signature line or the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..body import Block, escape_inline, join_body, parse_body
from . import styles
from .package import MAIN_PART, DocxRefused, Package, W, open_package

ERROR_NO_BODY = "The Word file has no body text to read (nothing between the caption and the signature)."

_ENDING = re.compile(r"^\s*(IT IS SO ORDERED|SO ORDERED|DATED|Dated|Date:|_{5,}|/s/)", re.IGNORECASE)
_TITLE = re.compile(r"^\s*(\[\s*PROPOSED\s*\]\s*)?(AMENDED\s+)?(STIPULATED\s+)?ORDER\b", re.IGNORECASE)
#: The styles of the heading and the caption: in a table on pleading paper, centred paragraphs
#: in the plain format; never body text.
_CAPTION_STYLES = (styles.COURT, styles.CAPTION, styles.TITLE)
_STYLE_IDS = {name.replace(" ", ""): name for name in (*styles.BODY_STYLES, styles.ENDING, *_CAPTION_STYLES)}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Run:
    text: str
    italic: bool = False
    underline: bool = False
    footnote: str = ""  # a footnote reference: the footnote's id in footnotes.xml


@dataclass
class Paragraph:
    style: str  # the style's name when it is one of ours, else its id ("Normal", "")
    runs: list[Run]
    in_table: bool = False
    merged_into_next: bool = False  # its paragraph mark was deleted (a tracked change)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class ReadBack:
    """What an uploaded Word file says: the body (stored format), its title and case number if
    it names them, and what was done to read it."""

    body: str
    title: str = ""
    case_number_text: str = ""
    insertions: int = 0
    deletions: int = 0
    comments: list[str] = field(default_factory=list)
    ours: bool = False  # exported by this app (its styles are there)


class _Changes:
    def __init__(self) -> None:
        self.insertions = 0
        self.deletions = 0


def _flag(properties: etree._Element | None, tag: str) -> bool:
    if properties is None:
        return False
    element = properties.find(w(tag))
    if element is None:
        return False
    value = element.get(w("val"), "true")
    return value not in ("0", "false", "none", "off")


def _runs(paragraph: etree._Element, changes: _Changes) -> list[Run]:
    runs: list[Run] = []
    for run in paragraph.iter(w("r")):
        ancestors = {a.tag for a in run.iterancestors()}
        if w("del") in ancestors or w("moveFrom") in ancestors:
            changes.deletions += 1
            continue
        if w("ins") in ancestors or w("moveTo") in ancestors:
            changes.insertions += 1
        properties = run.find(w("rPr"))
        italic, underline = _flag(properties, "i"), _flag(properties, "u")
        for child in run:
            if child.tag == w("t"):
                runs.append(Run(child.text or "", italic, underline))
            elif child.tag == w("tab") or child.tag in (w("br"), w("cr")):
                runs.append(Run(" "))
            elif child.tag == w("noBreakHyphen"):
                runs.append(Run("-"))
            elif child.tag == w("footnoteReference"):
                runs.append(Run("", footnote=child.get(w("id"), "")))
    return runs


def _paragraphs(container: etree._Element, changes: _Changes, *, in_table: bool = False) -> list[Paragraph]:
    out: list[Paragraph] = []
    for child in container:
        if child.tag == w("p"):
            properties = child.find(w("pPr"))
            style_element = properties.find(w("pStyle")) if properties is not None else None
            style_id = style_element.get(w("val"), "") if style_element is not None else ""
            mark = properties.find(w("rPr")) if properties is not None else None
            merged = mark is not None and mark.find(w("del")) is not None
            out.append(
                Paragraph(
                    style=_STYLE_IDS.get(style_id, style_id),
                    runs=_runs(child, changes),
                    in_table=in_table,
                    merged_into_next=merged,
                )
            )
        elif child.tag == w("tbl"):
            for cell in child.iter(w("tc")):
                out += _paragraphs(cell, changes, in_table=True)
        elif child.tag in (w("sdt"), w("customXml"), w("ins"), w("sdtContent"), w("smartTag")):
            out += _paragraphs(child, changes, in_table=in_table)
    return _merge_deleted_marks(out)


def _merge_deleted_marks(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A deleted paragraph mark joins the paragraph to the next (as accepting the deletion does)."""
    out: list[Paragraph] = []
    carry: Paragraph | None = None
    for paragraph in paragraphs:
        if carry is not None:
            paragraph = Paragraph(paragraph.style, carry.runs + paragraph.runs, paragraph.in_table)
            carry = None
        if paragraph.merged_into_next:
            carry = paragraph
            continue
        out.append(paragraph)
    if carry is not None:
        out.append(carry)
    return out


def inline_text(runs: list[Run], footnote_labels: dict[str, str]) -> str:
    """Runs in the body format: ``*italic*``, ``_underline_``, ``[^n]``, the rest escaped."""
    parts: list[str] = []
    merged: list[Run] = []
    for run in runs:
        if (
            merged
            and not run.footnote
            and not merged[-1].footnote
            and ((merged[-1].italic, merged[-1].underline) == (run.italic, run.underline))
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.italic, run.underline)
        else:
            merged.append(Run(run.text, run.italic, run.underline, run.footnote))
    for index, run in enumerate(merged):
        if run.footnote:
            label = footnote_labels.get(run.footnote)
            if label:
                parts.append(f"[^{label}]")
            continue
        text = escape_inline(run.text)
        core = text.strip()
        if not core:
            parts.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        before = merged[index - 1].text[-1:] if index and not text[:1].isspace() else ""
        after = merged[index + 1].text[:1] if index + 1 < len(merged) and not text[-1:].isspace() else ""
        inside_word = before.isalnum() or after.isalnum()
        for marker, on in (("_", run.underline), ("*", run.italic)):
            if on and not inside_word:
                core = f"{marker}{core}{marker}"
        parts.append(lead + core + trail)
    return " ".join("".join(parts).split())


def _footnotes(package: Package, changes: _Changes) -> dict[str, list[Run]]:
    root = package.xml("word/footnotes.xml")
    if root is None:
        return {}
    notes: dict[str, list[Run]] = {}
    for note in root.iter(w("footnote")):
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        runs = [run for p in _paragraphs(note, changes) for run in [*p.runs, Run(" ")]]
        notes[note.get(w("id"), "")] = [run for run in runs if run.text or run.footnote]
    return notes


def _comments(package: Package) -> list[str]:
    root = package.xml("word/comments.xml")
    if root is None:
        return []
    out = []
    for comment in root.iter(w("comment")):
        author = comment.get(w("author"), "")
        text = " ".join("".join(t.text or "" for t in comment.iter(w("t"))).split())
        out.append(f"{author}: {text}" if author else text)
    return out


def _body_region(paragraphs: list[Paragraph], ours: bool) -> tuple[list[Paragraph], str, str]:
    """(the body's paragraphs, the title, the text before the title) of the document."""
    if ours:
        start = next(
            (i for i, p in enumerate(paragraphs) if not p.in_table and p.style not in _CAPTION_STYLES),
            len(paragraphs),
        )
        before = " ".join(p.text for p in paragraphs[:start])
        titles = [
            p.text
            for p in paragraphs[:start]
            if (p.in_table or p.style == styles.TITLE) and _TITLE.match(p.text)
        ]
        body = paragraphs[start:]
        title = titles[0] if titles else ""
    else:
        index = next((i for i, p in enumerate(paragraphs) if _TITLE.match(p.text)), None)
        if index is None:
            title, before, body = "", "", paragraphs
        else:
            title = paragraphs[index].text
            before = " ".join(p.text for p in paragraphs[:index])
            body = paragraphs[index + 1 :]
    end = next(
        (i for i, p in enumerate(body) if p.style == styles.ENDING or _ENDING.match(p.text)), len(body)
    )
    return [p for p in body[:end] if not p.in_table], " ".join(title.split()), before


def _block(paragraph: Paragraph, text: str) -> Block:
    """The block a paragraph is: by its style, and a numbered paragraph (“1. …”, “(a) …”) in
    any other style is a list item, as it reads; text that only looks like another kind of
    block (“# …” typed in a paragraph) stays a paragraph."""
    if paragraph.style == styles.HEADING:
        return Block(kind="heading", text=text)
    if paragraph.style == styles.QUOTE:
        return Block(kind="quote", text=text)
    as_written = parse_body(text)
    if len(as_written) == 1 and as_written[0].kind == "list_item":
        return as_written[0]
    return Block(kind="paragraph", text=text)


def read_package(package: Package) -> ReadBack:
    changes = _Changes()
    document = package.xml(MAIN_PART)
    body_element = document.find(w("body")) if document is not None else None
    if body_element is None:
        raise DocxRefused(ERROR_NO_BODY)
    paragraphs = _paragraphs(body_element, changes)
    ours = any(p.style in styles.BODY_STYLES for p in paragraphs)
    body_paragraphs, title, before = _body_region(paragraphs, ours)
    notes = _footnotes(package, changes)
    labels: dict[str, str] = {}
    for paragraph in body_paragraphs:
        for run in paragraph.runs:
            if run.footnote in notes and run.footnote not in labels:
                labels[run.footnote] = str(len(labels) + 1)
    blocks = []
    for paragraph in body_paragraphs:
        text = inline_text(paragraph.runs, labels)
        if text:
            blocks.append(_block(paragraph, text))
    for note_id, label in labels.items():
        blocks.append(Block(kind="footnote", text=inline_text(notes[note_id], {}), label=label))
    body = join_body(blocks)
    if not body.strip():
        raise DocxRefused(ERROR_NO_BODY)
    return ReadBack(
        body=body,
        title=title,
        case_number_text=before,
        insertions=changes.insertions,
        deletions=changes.deletions,
        comments=_comments(package),
        ours=ours,
    )


def read_docx(data: bytes) -> ReadBack:
    """An uploaded DOCX's body and what it names, or ``DocxRefused`` saying why not."""
    return read_package(open_package(data))
