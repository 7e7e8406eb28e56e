"""The three seed orders (../shared/seeds) as clean text, for word-for-word comparisons.

The seeds are plain-text extractions of the PDFs: line numbers of the pleading paper
("1 becoming …", or a column of "1".."28"), Markdown emphasis (``**``, ``*``), links
(``[14-cv-05578-MEJ](#)``) and underlining (``<u>10</u>``) are artefacts, not content.
"""

from __future__ import annotations

import re
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
SEEDS_DIR = SEEDS_DIR if SEEDS_DIR.is_dir() else Path("/work/shared/seeds")

SEED_FILES = {
    "crawford": "000_c1ee9db6c1f96a53.txt",
    "luckert": "001_9c96773eac860348.txt",
    "harrison": "002_07d43436c61bb95b.txt",
}

_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
_UNDERLINE = re.compile(r"</?u>")
_LINE_NUMBER = re.compile(r"^\d{1,2}(?: |$)")
_CAPTION_END = re.compile(r"^(Defendants?\.|Respondents?\.|Re: Dkt\..*)$")
_END = "IT IS SO ORDERED."


def seed_path(name: str) -> Path:
    return SEEDS_DIR / SEED_FILES.get(name, name)


def seed_clean_lines(name: str) -> list[str]:
    """The seed's lines without extraction artefacts (blank lines kept as "")."""
    lines = []
    for line in seed_path(name).read_text(encoding="utf-8").splitlines():
        line = _UNDERLINE.sub("", _LINK.sub(r"\1", line)).replace("**", "").replace("*", "")
        line = _LINE_NUMBER.sub("", line.strip()).strip()
        lines.append(line)
    return lines


def seed_body_text(name: str) -> str:
    """The body of a seed order: after the caption (and its “Re:” line), up to but not including
    “IT IS SO ORDERED.”. Paragraph breaks are not reliable (page breaks look the same)."""
    lines = seed_clean_lines(name)
    start = max(i for i, line in enumerate(lines) if _CAPTION_END.match(line)) + 1
    end = next(i for i, line in enumerate(lines) if line == _END)
    return "\n".join(lines[start:end]).strip()


def words(text: str) -> list[str]:
    return text.split()


# -- Sentences and paragraphs (from the `pdf` branch) --------------------------------------

#: The first words of each seed's body, by file name.
SEED_STARTS = {
    "000_c1ee9db6c1f96a53.txt": "Plaintiff, a California state prisoner",
    "001_9c96773eac860348.txt": "Plaintiff proceeds with a pro se",
    "002_07d43436c61bb95b.txt": "Plaintiff's motion for discovery is DENIED",
}
SEED_END = "IT IS SO ORDERED"

_LINE_NUMBERS = re.compile(r"^[ \t]*\d{1,2}(?:[ \t]+(?=\S)|[ \t]*$)", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|\*|</?u>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_CONTINUES = re.compile(r"[.!?:)\"”]$")


def seed_names() -> list[str]:
    return sorted(SEED_STARTS)


def clean(text: str) -> str:
    text = text.replace("\xa0", " ")
    text = _LINE_NUMBERS.sub("", text)
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
