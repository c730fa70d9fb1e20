"""Date expressions in news text: their vocabulary, the patterns that find them, and their clause's tense.

The vocabulary (month and weekday names, number and day words, temporal prepositions, future auxiliaries and
verbs of plans, seasons) is read from `data/dates/date_words.json`. `scan_date_expressions` finds every
expression with the regular expressions of `build_patterns`; a bare month name or a bare year counts only
after a temporal preposition, with a modifier, or inside a spaCy DATE entity. `clause_tense` says whether the
clause of an expression speaks of the future, which decides how `date_resolution` resolves it.
`communique.events.dates.find_dates` puts these together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..errors import ConfigError, Errors

DATA_FILE = "date_words.json"


@dataclass
class DateMention:
    """One date expression in a document.

    text (str): the expression as written ("Thursday", "earlier this year"), without a leading preposition.
    start_char, end_char (int): character offsets into the document text.
    value (str | None): ISO "2023-04-27", "2023-03" or "2023"; None if relative and no publication date.
    precision (str | None): "day", "month" or "year".
    relative (bool): whether the value depends on the publication date.
    start, end (int): token indices of the expression.
    past (bool): the expression itself places the date before the news ("earlier this year", "ago", "last").
    rule (str): which pattern found it ("date:weekday", "date:month-year", ...).
    """

    text: str
    start_char: int
    end_char: int
    value: str | None
    precision: str | None
    relative: bool
    start: int
    end: int
    past: bool = False
    rule: str = ""


@dataclass(frozen=True)
class DateWords:
    """The vocabulary of date expressions, read from `data/dates/date_words.json`."""

    months: dict[str, int]
    weekdays: dict[str, int]
    number_words: dict[str, int]
    day_words: dict[str, int]
    prepositions: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    seasons: dict[str, int]


@lru_cache(maxsize=1)
def load_date_words() -> DateWords:
    """The shipped date vocabulary (read once per process)."""
    path = resources.files("communique") / "data" / "dates" / DATA_FILE
    raw = read_json_data(path.read_text(encoding="utf-8"), DATA_FILE, DATE_WORD_KEYS)
    return DateWords(
        months=dict(raw["months"]),
        weekdays=dict(raw["weekdays"]),
        number_words=dict(raw["number_words"]),
        day_words=dict(raw["day_words"]),
        prepositions=frozenset(raw["temporal_prepositions"]),
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        future_verbs=frozenset(raw["future_verbs"]),
        seasons=dict(raw["seasons"]),
    )


DATE_WORD_KEYS = (
    "months", "weekdays", "number_words", "day_words", "temporal_prepositions", "future_auxiliaries",
    "future_verbs", "seasons",
)  # fmt: skip


def read_json_data(text: str, name: str, keys: Iterable[str]) -> dict:
    """A JSON data file's object, with the keys the code needs; ConfigError (E101) naming the file if not."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(Errors.E101.format(path=name, line=err.lineno, detail=err.msg)) from None
    missing = [key for key in keys if not isinstance(raw, dict) or key not in raw]
    if missing:
        detail = f"missing key(s): {', '.join(missing)}"
        raise ConfigError(Errors.E101.format(path=name, line=1, detail=detail))
    return raw


def _alternation(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regex alternation of literal words, longest first; case-insensitive inside if asked."""
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


@lru_cache(maxsize=1)
def build_patterns() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(rule name, compiled pattern, needs context) for every kind of date expression, tried in this order.

    Month and weekday names are matched capitalised only; the relative words are case-insensitive.
    "Needs context" marks patterns (a bare month, a bare year) accepted only after a temporal preposition,
    with a modifier, or inside a spaCy DATE entity.
    """
    words = load_date_words()
    month = f"(?P<month>{_alternation(words.months)})(?![A-Za-z])"
    weekday = f"(?P<weekday>{_alternation(words.weekdays)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)(?![\d%])"
    edge = r"(?:(?i:early|late|mid)[\s-]+)?"
    relyear = r"(?P<relyear>(?i:last|this|next))\s+(?i:year)\b"
    number = f"(?P<number>\\d+|{_alternation(words.number_words, ignore_case=True)})"
    day_words = _alternation(words.day_words, ignore_case=True)
    season_words = "|".join(words.seasons)
    specs = [
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b", False),
        ("day-month-year", rf"\b(?:the\s+)?{day}(?:\s+of)?\s+{month}\.?,?\s+{year}", False),
        ("month-day-year", rf"\b{month}\.?\s+{day}(?:\s*[-–]\s*\d{{1,2}})?,?\s+{year}", False),
        ("month-year", rf"\b{edge}{month}\.?,?\s+(?:of\s+)?{year}", False),
        ("day-month-relyear", rf"\b(?:the\s+)?{day}(?:\s+of)?\s+{month}\.?,?\s+{relyear}", False),
        ("month-day-relyear", rf"\b{month}\.?\s+{day},?\s+{relyear}", False),
        ("month-relyear", rf"\b{edge}{month}\.?,?\s+(?:of\s+)?{relyear}", False),
        ("day-month", rf"\b(?:the\s+)?{day}(?:\s+of)?\s+{month}", False),
        ("month-day", rf"\b{month}\.?\s+{day}\b(?!\s*[:.]\d)", False),
        (
            "weekday",
            rf"\b(?:(?P<wmod>(?i:this\s+past|this\s+coming|last|next|this|coming))\s+)?{weekday}"
            r"(?:\s+(?i:morning|afternoon|evening|night))?\b",
            False,
        ),
        ("day-word", rf"\b{day_words}\b", False),
        (
            "period",
            r"(?<!\bthe\s)(?<!\bThe\s)\b(?:(?P<edge>(?i:earlier|later|early|late))\s+)?"
            r"(?P<pmod>(?i:this|last|next|coming|over\s+the|the))\s+(?P<unit>(?i:week|month|year|weekend))\b",
            False,
        ),
        ("ago", rf"\b{number}\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b", False),
        (
            "season",
            rf"\b(?:(?P<mmod>(?i:last|this|next|early|late))\s+)?(?P<season>(?i:{season_words}))"
            rf"(?:\s+(?:of\s+)?{year})?\b",
            True,
        ),
        ("month", rf"\b(?:(?P<mmod>(?i:last|next|this|early|late|mid))[\s-]+)?{month}", True),
        ("year", rf"(?<![$€£\d.,-])\b{edge}{year}\b(?!s\b|-\d{{2}}-)", True),
    ]
    return tuple((name, re.compile(rx), needs) for name, rx, needs in specs)


def clause_tense(doc: Doc, start_char: int, end_char: int) -> str:
    """The tense of the clause a date expression belongs to: "future", "past", "present" or "unknown".

    Future: a future auxiliary ("will meet on Friday") or a verb of plans above the verb ("is expected to
    arrive on Friday", "scheduled for May 3"). Past: "since" before the date, a past-tense verb or auxiliary,
    or a perfect. Present: a present-tense verb ("the law takes effect in July").
    """
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return "unknown"
    words = load_date_words()
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        return "past"
    verb = _governing_verb(span.root)
    if _speaks_of_future(verb, words):
        return "future"
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if "VBD" in tags or perfect:
        return "past"
    if tags & {"VBZ", "VBP"} or (verb.tag_ == "VB" and not tags & {"MD", "TO"}):
        return "present"
    return "unknown"


def _speaks_of_future(verb: Token, words: DateWords) -> bool:
    """Whether a verb or the verb above it is future ("will", "would", "going to", "expected to")."""
    for candidate in (verb, verb.head):
        if any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in words.future_auxiliaries for c in candidate.children
        ):
            return True
        plans = candidate.lemma_.lower() in words.future_verbs or candidate.lower_ in words.future_verbs
        if plans and candidate != verb:
            return True
    return verb.lemma_.lower() in words.future_verbs and any(c.dep_ == "auxpass" for c in verb.children)


def _governing_verb(token: Token) -> Token:
    """The nearest verb above a token (the token's sentence root when there is none)."""
    current = token
    while current.head != current:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return current


def _has_context(text: str, match: re.Match[str], date_spans: list[tuple[int, int]]) -> bool:
    """Whether a bare month or year is a date: modified, after a preposition, or inside a DATE entity."""
    if match.groupdict().get("mmod"):
        return True
    if any(s <= match.start() and match.end() <= e for s, e in date_spans):
        return True
    before = re.search(r"([A-Za-z]+)[\s-]*(?:the\s+)?$", text[max(0, match.start() - 24) : match.start()])
    return bool(before) and before.group(1).lower() in load_date_words().prepositions


def scan_date_expressions(text: str, date_spans: list[tuple[int, int]]) -> list[tuple[str, re.Match[str]]]:
    """Every date expression in a text as (rule, match), longest first where they overlap, in text order."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for order, (name, pattern, needs_context) in enumerate(build_patterns()):
        for match in pattern.finditer(text):
            if needs_context and not _has_context(text, match, date_spans):
                continue
            found.append((match.end() - match.start(), -order, name, match))
    kept: list[tuple[str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for _, _, name, match in sorted(found, key=lambda f: (f[0], f[1]), reverse=True):
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        taken.append((match.start(), match.end()))
        kept.append((name, match))
    return sorted(kept, key=lambda item: item[1].start())
