"""Judges as the docket names them: “Assigned to: Magistrate Judge Sandra M. Snyder”.

The title and the name come from the docket's own text, not from juriscraper's normalised name
(which writes “Viktor v. Pohorelsky” for “Viktor V. Pohorelsky” and “Dubose” for “DuBose”):
the words before the name are the title (“Magistrate Judge”, “Senior Judge”, “Chief Judge”,
“District Judge”, “Hon.”, “Honorable”); a name the docket writes in capitals (“JUDGE DAVID ALAN
EZRA”) is put in title case keeping initials, suffixes and particles (“II”, “Jr.”, “McDonald”).
Only judges are judges: “Pro Se Law Clerk MP”, “Not Assigned”, a staff attorney or a mediator is
not a judge of the case.
"""

from __future__ import annotations

import re

_TITLE = re.compile(
    r"^(?:(?:the|honorable|hon\.?|u\.?\s?s\.?|united\s+states|chief|senior|district|magistrate|mag\.?|"
    r"bankruptcy|circuit|judge|justice)\b\.?\s*,?\s*)+",
    re.IGNORECASE,
)
_NOT_A_JUDGE = re.compile(
    r"\b(?:clerk|staff\s+attorney|not\s+assigned|unassigned|pro\s+se|mediator|special\s+master|"
    r"settlement|attorney|none)\b",
    re.IGNORECASE,
)
_UPPER_KEEP = {"II", "III", "IV", "V", "VI"}
_LOWER_PARTICLES = {"de", "la", "van", "von", "der", "del", "du", "da", "di"}


def _title_case_word(word: str, first: bool) -> str:
    if word.upper().rstrip(".,") in _UPPER_KEEP:
        return word.upper()
    if len(word.rstrip(".,")) == 1:  # an initial: "A." → "A."
        return word.upper()
    if not first and word.lower() in _LOWER_PARTICLES:
        return word.lower()
    parts = []
    for part in re.split(r"([-'’])", word):
        if part in ("-", "'", "’"):
            parts.append(part)
            continue
        text = part[:1].upper() + part[1:].lower()
        if text.startswith("Mc") and len(text) > 2:
            text = "Mc" + text[2:3].upper() + text[3:]
        parts.append(text)
    return "".join(parts)


def tidy_name(name: str) -> str:
    """A name as a person writes it: capitals put in title case (“DAVID ALAN EZRA” → “David Alan
    Ezra”), anything already in mixed case kept as written (“DuBose”, “Viktor V. Pohorelsky”); a
    bare initial or suffix gets its period (“Steven P Logan” → “Steven P. Logan”, “Jr” → “Jr.”)."""
    name = " ".join(name.split()).strip(" ,;")
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        name = " ".join(_title_case_word(w, i == 0) for i, w in enumerate(name.split()))
    words = name.split()
    for i, word in enumerate(words):
        if (len(word) == 1 and word.isalpha() and word.isupper() and i < len(words) - 1) or word in (
            "Jr",
            "Sr",
        ):
            words[i] = word + "."
    return " ".join(words)


def split_title(raw: str) -> tuple[str, str] | None:
    """(title words, name) of an “Assigned to:” / “Referred to:” value, or None when it names no
    judge (“Pro Se Law Clerk MP”, “Not Assigned”)."""
    text = " ".join((raw or "").split()).strip(" ,;")
    if not text or _NOT_A_JUDGE.search(text):
        return None
    match = _TITLE.match(text)
    title = match.group(0).strip(" ,") if match else ""
    name = tidy_name(text[match.end() :] if match else text)
    if not re.search(r"[A-Za-z]{2}", name):
        return None
    return title, name


def title_text_of(title: str) -> str:
    """The title as the docket writes it, in title case (“JUDGE” → “Judge”, “Mag Judge” kept)."""
    return " ".join(w if not w.isupper() or len(w) <= 2 else w.capitalize() for w in title.split())
