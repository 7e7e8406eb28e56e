"""The query as the user typed it, cleaned and understood, and the filters asked for.

The web-search syntax (``"a phrase"``, ``word or word``, ``-word``) is parsed here for every
backend: the full-text backend hands the cleaned text to ``websearch_to_tsquery`` and reads the
words for its highlights; the simple backend matches the parsed terms as substrings. A case number
in the query, however written ("3:14-cv-5578", "C 13-4426 EDL (PR)"), becomes a filter on the
case's canonical number (``case_number_key``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..case_numbers import case_number_key
from ..models import Judge

MAX_QUERY_LENGTH = 300
MAX_TERMS = 20

MESSAGE_TRUNCATED = "Your search was too long; only its first {n} characters were used."
MESSAGE_ONLY_STOP_WORDS = (
    "Your search has only very common words (such as “the”, “and”, “of”), which are not indexed. "
    "Add a more specific word, or put a phrase in quotes with other words."
)
MESSAGE_NO_WORDS = "Your search has no words to look for."
MESSAGE_TOO_MANY_TERMS = "Your search has too many words; only the first {n} were used."

SORT_RELEVANCE, SORT_DATE = "relevance", "date"

# Control characters (NUL included: PostgreSQL refuses it in a string), zero-width and
# private-use characters: replaced by a space before anything else sees the query.
_UNWANTED = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\ue000-\uf8ff]")

# PostgreSQL's English stop words (tsearch_data/english.stop): never indexed.
_STOP_WORDS_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# A case number inside a longer query: CM/ECF ("3:14-cv-05578-MEJ", "14-cv-5578") or the legacy
# N.D. Cal. form ("C 13-4426 EDL (PR)"; initials only in capitals so "C 13-4426 order" keeps "order").
CASE_NUMBER_IN_TEXT = re.compile(
    r"""(?<![\w-])(?:\d{1,2}:)?(?:\d{2}|\d{4})-(?i:[a-z]{2})-\d{1,5}(?:-[A-Za-z]{1,5}){0,2}(?![\w-])
    |(?<![\w-])(?i:cv|cr|c)[\s.-]?(?:\d{2}|\d{4})-\d{1,5}(?:\s+[A-Z]{1,5}\b)?(?:\s*\((?i:[a-z]{1,4})\))?""",
    re.VERBOSE,
)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}<>«»“”‘’*&|!"


def clean_text(value: str) -> str:
    """Drop control, zero-width and private-use characters; collapse whitespace."""
    return " ".join(_UNWANTED.sub(" ", value or "").split())


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    phrase: bool = False

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in re.findall(r"\w+", self.text)]


@dataclass
class ParsedQuery:
    """The user's query as cleaned and understood: the text for the full-text engine, a case
    number found in it, and (for the simple matching) OR-groups of AND-ed terms."""

    text: str = ""
    case_key: str | None = None
    case_number: str = ""
    groups: list[list[Term]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[Term]:
        return [t for group in self.groups for t in group if not t.negated]

    @property
    def has_terms(self) -> bool:
        return any(self.groups)

    @property
    def only_stop_words(self) -> bool:
        """Every word to look for is a stop word (nothing a full-text index can find)."""
        words = [w for t in self.positive_terms for w in t.words]
        return bool(words) and all(w in STOP_WORDS for w in words)


def parse_query(raw: str) -> ParsedQuery:
    parsed = ParsedQuery()
    text = clean_text(raw)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        parsed.messages.append(MESSAGE_TRUNCATED.format(n=MAX_QUERY_LENGTH))
    if key := case_number_key(text):
        parsed.case_key, parsed.case_number = key, text
        return parsed
    if (match := CASE_NUMBER_IN_TEXT.search(text)) and (key := case_number_key(match.group(0))):
        parsed.case_key, parsed.case_number = key, match.group(0)
        text = clean_text(text[: match.start()] + " " + text[match.end() :])
    parsed.text = text

    groups: list[list[Term]] = [[]]
    count = 0
    for token in _TOKEN.finditer(text):
        minus, phrase, word = token.groups()
        if word is not None and word.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        if word is not None:
            negated = word.startswith("-") and len(word) > 1
            value = word.lstrip("-").strip(_EDGE_PUNCTUATION) if negated else word.strip(_EDGE_PUNCTUATION)
            term = Term(value, negated=negated)
        else:
            term = Term(" ".join(phrase.split()), negated=bool(minus), phrase=True)
        if not term.words:
            continue
        count += 1
        if count > MAX_TERMS:
            parsed.messages.append(MESSAGE_TOO_MANY_TERMS.format(n=MAX_TERMS))
            break
        groups[-1].append(term)
    parsed.groups = [g for g in groups if g]
    return parsed


@dataclass(frozen=True)
class SearchParams:
    """What the user asked for: the query and the filters (validated by the search form)."""

    q: str = ""
    judge: Judge | None = None
    order_type: str = ""
    status: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    case_number: str = ""
    party: str = ""
    pro_se: bool = False
    prisoner: bool = False
    sort: str = ""  # SORT_RELEVANCE or SORT_DATE; empty: relevance when there are words, else newest
