"""What a motion asks: the relief a docket entry requests, read from its CM/ECF text.

``classify_text(text, kind=...)`` and ``classify_entry(entry)`` answer an ``Ask``. Only a filing
that asks the court for something has an ask: a motion, a request or application, a stipulation
(the parties ask together) or a letter; every other kind of entry (an order, a notice, a brief, a
complaint, …) asks nothing and is ``Ask.OTHER``. The kind is the entry's own (``DocketEntry.kind``,
read by ``orders.dockets.entries.classify`` at import) or, for bare text, read the same way.

The ask is the phrase of the asking words found FIRST in the entry's head (its text up to “filed
by”, the attachments or the first referenced motion), so “MOTION for Extension of Time to File
Response to 12 MOTION to Dismiss” asks for time, and “MOTION for Reconsideration of Order denying
appointment of counsel” for reconsideration. The phrases are below, one list per ask; the labelled
set ``tests/data/motion_labels.csv`` measures them (``bench/motion_asks.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import models

from ..dockets.entries import classify as classify_kind
from ..models import EntryKind

if TYPE_CHECKING:
    from ..models import DocketEntry


class Ask(models.TextChoices):
    EXTENSION_OF_TIME = "extension_of_time", "Extension of time"
    APPOINTMENT_OF_COUNSEL = "appointment_of_counsel", "Appointment of counsel"
    DISCOVERY = "discovery", "Discovery"
    COMPEL = "compel", "Compel discovery"
    IFP = "ifp", "Leave to proceed in forma pauperis"
    DEFAULT_JUDGMENT = "default_judgment", "Default judgment"
    PRELIMINARY_INJUNCTION = "preliminary_injunction", "Preliminary injunction / TRO"
    RECONSIDERATION = "reconsideration", "Reconsideration"
    DISMISS = "dismiss", "Dismissal"
    SUMMARY_JUDGMENT = "summary_judgment", "Summary judgment"
    LEAVE_TO_AMEND = "leave_to_amend", "Leave to amend"
    STAY = "stay", "Stay"
    PRO_HAC_VICE = "pro_hac_vice", "Admission pro hac vice"
    SEAL = "seal", "Sealing"
    OTHER = "other", "Other"


# The kinds of filing that ask the court for something.
ASKING_KINDS = (EntryKind.MOTION, EntryKind.REQUEST, EntryKind.STIPULATION, EntryKind.LETTER)

_PHRASES: dict[str, list[str]] = {
    Ask.RECONSIDERATION: [r"reconsider\w*", r"rehearing", r"alter\s+or\s+amend\s+(?:the\s+)?judgment"],
    Ask.PRO_HAC_VICE: [r"pro\s+hac\s+vice"],
    Ask.SEAL: [
        r"under\s+seal",
        r"\bunseal\w*",
        r"\bsealing\b",
        r"\bto\s+seal\b",
        r"\bseal(?:ing)?\s+(?:of\s+)?(?:the\s+)?(?:document|record|exhibit)",
    ],
    Ask.IFP: [r"in\s+forma\s+pauperis", r"\bifp\b", r"without\s+(?:prepayment|prepaying)"],
    Ask.APPOINTMENT_OF_COUNSEL: [
        r"appoint\w*\s+(?:of\s+)?(?:new\s+|substitute\s+)?(?:counsel|an?\s+attorney|attorney)",
        r"(?:counsel|attorney)\s+(?:be\s+)?appointed",
    ],
    Ask.PRELIMINARY_INJUNCTION: [r"injunct\w*", r"restraining\s+order", r"\btro\b"],
    Ask.DEFAULT_JUDGMENT: [r"default\s+judgment", r"judgment\s+by\s+default", r"entry\s+of\s+default"],
    Ask.SUMMARY_JUDGMENT: [r"summary\s+(?:judgment|adjudication)"],
    Ask.COMPEL: [r"\bcompel\w*"],
    Ask.EXTENSION_OF_TIME: [
        r"extension\s+of\s+(?:time|the\s+deadline|deadline)",
        r"\bextend(?:ing)?\s+(?:the\s+)?(?:time|deadline)",
        r"enlarge\w*\s+(?:of\s+)?(?:the\s+)?time",
        r"(?:more|additional|further)\s+time",
        r"\bextension\b",
    ],
    Ask.LEAVE_TO_AMEND: [
        r"(?:leave|permission)\s+(?:to\s+)+(?:file\s+)?(?:an?\s+)?(?:first\s+|second\s+|third\s+)?amend\w*",
        r"\bto\s+amend\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:complaint|petition|pleading)",
    ],
    Ask.STAY: [r"\bstay\b"],
    Ask.DISMISS: [r"\bdismiss\w*", r"\bdiscontinu\w*"],
    Ask.DISCOVERY: [
        r"\bdiscovery\b",
        r"production\s+of\s+documents",
        r"\bsubpoena\w*",
        r"interrogator\w*",
        r"\binspect\w*",  # Fed. R. Civ. P. 34(a)(2), Fed. R. Crim. P. 16(a)(1)(E)
    ],
}
_PATTERNS = [(re.compile(p, re.IGNORECASE), Ask(ask)) for ask, ps in _PHRASES.items() for p in ps]

# Where the asking words end: who filed it, the attachments, the entry it refers to (“re 12”),
# the clerk's note of a later change (“Modified on 3/15/2004”, “Modified by unsealing …”).
_HEAD_END = re.compile(
    r"\b(?:filed|submitted)\s+by\b|\(Attachments?:|\b(?:re:?|regarding)\s+\[?\d|\bModified\s+(?:on|by)\b",
    re.IGNORECASE,
)
# Entries the clerk or the court writes, which ask nothing whatever motion they name: minutes,
# docket corrections, deadlines set or terminated, papers placed in the file, staff notes.
_CLERK_ENTRY = re.compile(
    r"^\W*(?:(?:EP|EO)\s*:\s*)?(?:minute\b|minutes\b|correction\s+of\s+docket|notice\s+of\s+correction|"
    r"set\s+deadlines|terminate\s+deadlines|set/reset|placed\s+in\s+file|modification\s+of\s+docket|"
    r"\W*staff\s+notes)",
    re.IGNORECASE,
)


def head(text: str) -> str:
    """The asking words of a docket text: up to “filed by”, its attachments or “re 12”."""
    text = " ".join(text.split())
    match = _HEAD_END.search(text)
    return text[: match.start()] if match else text


def classify_text(text: str, *, kind: str = "") -> Ask:
    """What a docket text asks for (see the module docstring); ``kind`` is the entry's kind when
    known (an ``EntryKind`` value), else read from the text."""
    kind = kind or classify_kind(text)
    if kind not in ASKING_KINDS or _CLERK_ENTRY.match(text):
        return Ask.OTHER
    words = head(text)
    best: tuple[int, int, Ask] | None = None
    for rank, (pattern, ask) in enumerate(_PATTERNS):
        match = pattern.search(words)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, ask)
    return best[2] if best else Ask.OTHER


def classify_entry(entry: DocketEntry) -> Ask:
    """What a docket entry asks for, from its text and its kind."""
    return classify_text(entry.description, kind=entry.kind)
