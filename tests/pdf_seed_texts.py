"""The bodies of the three seed orders (tests/data/seeds) by paragraph and by sentence, for the
PDF tests (tests/seed_texts.py, from the order types, gives them word for word).

The seeds are text extracted from the filed PDFs: line numbers ("1 becoming an…"), Markdown
emphasis (``**``, ``*``), links (``[14-cv-05578-MEJ](#)``) and ``<u>…</u>``. ``seed_body`` returns
the body (what precedes "IT IS SO ORDERED.") in the stored body format; ``seed_sentences`` its
sentences, which a rendered order must contain.
"""

from __future__ import annotations

import re

from .paths import SEEDS_DIR

#: The first words of each seed's body, by file name.
SEED_STARTS = {
    "000_c1ee9db6c1f96a53.txt": "Plaintiff, a California state prisoner",
    "001_9c96773eac860348.txt": "Plaintiff proceeds with a pro se",
    "002_07d43436c61bb95b.txt": "Plaintiff's motion for discovery is DENIED",
}
SEED_END = "IT IS SO ORDERED"

_LINE_NUMBER = re.compile(r"^[ \t]*\d{1,2}(?:[ \t]+(?=\S)|[ \t]*$)", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
_EMPHASIS = re.compile(r"\*\*|\*|</?u>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_CONTINUES = re.compile(r"[.!?:)\"”]$")


def seed_names() -> list[str]:
    return sorted(SEED_STARTS)


def clean(text: str) -> str:
    text = text.replace("\xa0", " ")
    text = _LINE_NUMBER.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub("", text)


def seed_paragraphs(name: str) -> list[str]:
    """The body paragraphs of a seed, each on one line; headings as ``# CONCLUSION``."""
    raw = (SEEDS_DIR / name).read_text(encoding="utf-8")
    start = raw.index(SEED_STARTS[name])
    end = raw.index(SEED_END, start)
    text = clean(raw[start:end])
    paragraphs: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        line = " ".join(chunk.split())
        if not line:
            continue
        if line.isupper() and len(line) < 60:
            paragraphs.append(f"# {line}")
        elif paragraphs and not paragraphs[-1].startswith("# ") and not _CONTINUES.search(paragraphs[-1]):
            paragraphs[-1] += " " + line  # a paragraph running on over a page break
        else:
            paragraphs.append(line)
    return paragraphs


def seed_body(name: str) -> str:
    return "\n\n".join(seed_paragraphs(name))


def seed_sentences(name: str) -> list[str]:
    sentences = []
    for paragraph in seed_paragraphs(name):
        sentences.extend(s for s in _SENTENCE_END.split(paragraph.removeprefix("# ")) if s.strip())
    return sentences
