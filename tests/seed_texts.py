"""The three seed orders (tests/data/seeds) as clean text, for word-for-word comparisons.

The seeds are plain-text extractions of the PDFs: line numbers of the pleading paper
("1 becoming …", or a column of "1".."28"), Markdown emphasis (``**``, ``*``), links
(``[14-cv-05578-MEJ](#)``) and underlining (``<u>10</u>``) are artefacts, not content.
"""

from __future__ import annotations

import re
from pathlib import Path

from .paths import SEEDS_DIR

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
