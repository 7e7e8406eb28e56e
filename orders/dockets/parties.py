"""Parties as the docket lists them: role, pro se status, prisoner number and institution.

Role: the docket's party type (“Plaintiff”, “Petitioner”, “Defendant”, “Respondent”,
“Intervenor”, “Interested Party”, “Movant”, “Claimant”, “Garnishee”) maps to the same
``PartyRole``. Other types map by meaning: “Applicant” → petitioner; “Lead Plaintiff”,
“Consolidated Plaintiff” → plaintiff; “Consolidated Defendant” → defendant; “Intervenor
Plaintiff/Defendant” → intervenor; counter-, cross- and third-party roles, “Amicus”, “Surety”,
“Notice Party”, “Miscellaneous”, “Unknown” and anything else → interested party (they are not
named in the caption). The caption's first side is the plaintiffs or petitioners, the United
States first among them (``order_for_caption``); movants lead it only when there are none.

Names: “USA” (how CM/ECF lists the government in criminal cases) is “United States of America”;
doubled and trailing punctuation is dropped (“Northeast Adjusters, Inc,” → “…, Inc”).

Prisoner: for a pro se party the contact text is the party's own address, CM/ECF writes the
prisoner number on its first line (“#P-65407/ E-1-143-Low”, “F-23331”, “CDCR# T-12345”,
“12345-678” (BOP)) and the institution on a following line that names a prison, jail,
correctional or detention facility (“SALINAS VALLEY STATE PRISON (1050)” → “Salinas Valley
State Prison”).
"""

from __future__ import annotations

import re
import unicodedata

from ..models import PartyRole

_ROLES = {
    "plaintiff": PartyRole.PLAINTIFF,
    "plaintiffs": PartyRole.PLAINTIFF,
    "lead plaintiff": PartyRole.PLAINTIFF,
    "lead plaintiffs": PartyRole.PLAINTIFF,
    "consolidated plaintiff": PartyRole.PLAINTIFF,
    "petitioner": PartyRole.PETITIONER,
    "petitioners": PartyRole.PETITIONER,
    "movant": PartyRole.MOVANT,
    "claimant": PartyRole.CLAIMANT,
    "claimants": PartyRole.CLAIMANT,
    "garnishee": PartyRole.GARNISHEE,
    "applicant": PartyRole.PETITIONER,
    "defendant": PartyRole.DEFENDANT,
    "defendants": PartyRole.DEFENDANT,
    "consolidated defendant": PartyRole.DEFENDANT,
    "respondent": PartyRole.RESPONDENT,
    "intervenor": PartyRole.INTERVENOR,
    "intervenor plaintiff": PartyRole.INTERVENOR,
    "intervenor defendant": PartyRole.INTERVENOR,
    "plaintiff intervenor": PartyRole.INTERVENOR,
    "defendant intervenor": PartyRole.INTERVENOR,
    "intervener": PartyRole.INTERVENOR,
    "interested party": PartyRole.INTERESTED_PARTY,
}


def party_role(docket_role: str) -> str:
    """The ``PartyRole`` for a docket's party type (see the module docstring)."""
    key = " ".join(re.sub(r"[^a-z ]", " ", (docket_role or "").lower()).split())
    return _ROLES.get(key, PartyRole.INTERESTED_PARTY)


_GOVERNMENT = {"usa", "u.s.a.", "u.s.a", "us", "u.s."}


def clean_name(name: str) -> str:
    """A party's name as stored: spaces collapsed, stray leading dashes dropped (“- Palmer”),
    doubled and trailing commas dropped (“INC,,”), “USA” written out."""
    text = " ".join(name.split()).lstrip("-–— ").strip()
    text = re.sub(r"\s*([,;])(?:\s*[,;])+", r"\1", text)  # "Inc,," → "Inc,"
    text = re.sub(r"\s+([,;])", r"\1", text).rstrip(",; ").strip()
    if text.lower() in _GOVERNMENT:
        return "United States of America"
    return text


def caption_side(role: str) -> int:
    """1 for the first side of the caption (plaintiffs, petitioners, movants), 2 for the second,
    3 for parties named in their roles only (``Party.side``)."""
    if role in (PartyRole.PLAINTIFF, PartyRole.PETITIONER, PartyRole.MOVANT):
        return 1
    return 2 if role in (PartyRole.DEFENDANT, PartyRole.RESPONDENT) else 3


def is_united_states(name: str) -> bool:
    return name_key(name) in {"united states of america", "united states", "usa"}


_SMALL = {"of", "and", "the", "for", "in", "on", "at", "a", "an", "by", "to", "de", "la", "del"}
_KEEP_UPPER = {"LLC", "LLP", "LP", "USA", "NA", "FBI", "CIA", "DEA", "ICE", "IRS", "II", "III", "IV", "PLC"}


def tidy_caption(text: str) -> str:
    """A caption the docket writes in capitals, as an order writes it: “UNITED STATES OF AMERICA v.
    GOOGLE LLC” → “United States of America v. Google LLC”; a caption in mixed case is kept."""
    words = text.split()
    if not any(w.isalpha() and w.isupper() and len(w) > 1 for w in words):
        return text
    if any(any(c.islower() for c in w) for w in words if w.lower() not in ("v.", "vs.", "re:", "in")):
        return text
    out = []
    for i, word in enumerate(words):
        bare = word.strip(",.:;()")
        if word.lower() in ("v.", "vs.", "v"):
            out.append("v.")
        elif bare.upper() in _KEEP_UPPER:
            out.append(word.upper())
        elif i and bare.lower() in _SMALL:
            out.append(word.lower())
        elif word.lower() == "re:" and i == 1 and out and out[0] == "In":
            out.append("re:")
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def name_key(name: str) -> str:
    """How names are compared when a docket is imported again: case, accents, periods, commas
    and spacing do not matter (“Warden  Ken Clark” = “WARDEN KEN CLARK”, “Inc.” = “Inc”);
    hyphens and other letters do (“Al-Haramain” and “Al Haramain” are two parties on one docket)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[.,;:\"'()]+", " ", text.lower()).split())


_PRO_SE = re.compile(r"\bPRO\s+SE\b", re.IGNORECASE)
_FACILITY = re.compile(
    r"\b(?:prison|penitentiary|correctional|corrections|jail|detention|facility|institution|"
    r"reformatory|custody|conservation\s+camp|hospital|FCI|USP|FMC|MDC|MCC|CSP|SATF)\b",
    re.IGNORECASE,
)
_PRISONER_NUMBER = [
    # "#P-65407/ E-1-143-Low", "CDCR# T-12345", "Inmate No. 123456", "ID: AB1234"
    re.compile(
        r"(?:#|\bNo\.?|\bID\b:?|\bNumber\b:?)\s*(?P<number>[A-Z]{0,3}-?\d[\dA-Z]*(?:-\d+)?)", re.IGNORECASE
    ),
    # a first line that is the number itself: "F-23331", "12345-678", "V24931"
    re.compile(r"^\s*(?P<number>[A-Z]{0,3}-?\d{4,9}(?:-\d{2,4})?)\s*(?:/|$)"),
]
_ACRONYMS = {"FCI", "USP", "FMC", "MDC", "MCC", "CSP", "SATF", "CDCR", "II", "III", "IV", "LLC"}
_SMALL_WORDS = {"of", "and", "the", "at", "for", "in", "on"}


def _tidy_institution(line: str) -> str:
    text = re.sub(r"\(\s*[\dA-Z-]*\d[\dA-Z-]*\s*\)", "", line)  # "(1050)"
    text = " ".join(text.split()).strip(" ,;")
    if text != text.upper():
        return text
    words = []
    for position, word in enumerate(text.split()):
        if word in _ACRONYMS:
            words.append(word)
        elif position and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(word.capitalize() if word.isalpha() else word.title())
    return " ".join(words)


def prisoner_details(contact: str) -> tuple[str, str]:
    """(prisoner number, institution) read from a pro se party's contact text, "" when absent."""
    lines = [line.strip() for line in contact.splitlines() if line.strip()]
    institution_index = next((i for i, line in enumerate(lines) if _FACILITY.search(line)), None)
    institution = _tidy_institution(lines[institution_index]) if institution_index is not None else ""
    number = ""
    # The number is on a line before the institution (or the first line when none is named).
    candidates = lines[: institution_index if institution_index else 1]
    for line in candidates:
        for pattern in _PRISONER_NUMBER:
            if match := pattern.search(line):
                number = match["number"].upper()
                break
        if number:
            break
    return number, institution


def is_pro_se(party_name: str, attorneys: list[tuple[str, str, list[str]]]) -> tuple[bool, str]:
    """(pro se?, the party's own contact text). ``attorneys`` is (name, contact, roles)."""
    for attorney_name, contact, roles in attorneys:
        if _PRO_SE.search(contact) or any(_PRO_SE.search(role) for role in roles):
            return True, contact
        if name_key(attorney_name) == name_key(party_name) and attorney_name:
            return True, contact
    return False, ""
