"""Date expressions in news text, resolved against the publication date, and attached to event predicates.

`find_dates(doc, pub_date)` finds every date expression ("on Wednesday", "in March", "February 2022",
"earlier this year", "two weeks ago", "4 January 2019") with its own regular expressions, built from the
vocabulary in `data/dates/date_words.json`; spaCy's DATE entities confirm the ambiguous ones (a bare month
name or a bare year with no temporal preposition before it). Each expression becomes a `DateMention` with an
ISO value ("2023-04-27", "2023-03", "2023") and its precision ("day", "month", "year").

Resolution rules, relative to the publication date P:
- A weekday is the most recent such day on or before P ("Friday" in a Friday article is P); "last Friday"
  is strictly before P, "next Friday" strictly after; a weekday whose verb is future ("will meet on Friday",
  "is expected to arrive on Friday") is the next such day on or after P.
- A month or a day-and-month without a year ("in March", "April 2") is the most recent one not after P,
  or, with a future verb, the next one not before P. "last March" / "next March" shift strictly.
- Weeks have no ISO precision of their own: "this week" is P itself, "last week" P - 7 days, "next week"
  P + 7 days, "N weeks ago" P - 7N days, "earlier this week" the Monday of P's week, all precision "day".
  The weekend is the Saturday on or before P (next Saturday when future).
- "this/last/next month" and "N months ago" give months; "this/last/next year", "N years ago" give years;
  "earlier this month/year" give P's month/year and are marked `past` (the text places them before the news).
- Without P, absolute dates still resolve and relative ones keep `value=None`.

`date_for_event` picks the expression that attaches to an event's predicate; `is_historical` says whether a
date lies clearly before the news of the day.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError, Errors

LOGGER = logging.getLogger(__name__)

DATA_FILE = "date_words.json"
# A day-precision date more than this many days before publication is background, not news of the day.
HISTORICAL_DAYS = 7
# Rules whose date lies ahead in a present-tense clause ("the law takes effect in July", "talks open May 3").
PRESENT_MEANS_FUTURE = frozenset({"month", "day-month", "month-day", "season"})
# Dependency labels of pre-nominal modifiers: "Russia's 2022 invasion", "the February 2022 offensive".
PRENOMINAL_DEPS = frozenset({"compound", "nummod", "amod", "nmod", "poss"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Dependencies of a verb's own nominal arguments, whose prepositional phrases may carry the verb's date.
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "npadvmod", "oprd", "dative"})
# Clause boundaries a date does not cross to reach a predicate outside that clause.
CLAUSE_BOUNDARY_DEPS = frozenset({"relcl", "advcl", "acl", "csubj", "csubjpass"})
# Prepositions that make a phrase a time adjunct ("during a Thursday video conference").
TEMPORAL_PREPOSITIONS = frozenset(
    {
        "during",
        "at",
        "on",
        "in",
        "after",
        "before",
        "since",
        "following",
        "until",
        "by",
        "amid",
        "over",
        "within",
    }
)


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


@dataclass(frozen=True)
class Resolved:
    """What a matched expression means: its ISO value (None if unresolvable) and precision."""

    value: str | None
    precision: str
    relative: bool
    past: bool = False


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


def _iso_month(year: int, month: int) -> str:
    """ISO form of a month: "2023-03"."""
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


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


def _recent_or_next(candidates: Iterable[date], pub_date: date, future: bool) -> date:
    """The latest candidate not after pub_date, or (future) the earliest not before it."""
    ordered = sorted(candidates)
    if future:
        return next((d for d in ordered if d >= pub_date), ordered[-1])
    return next((d for d in reversed(ordered) if d <= pub_date), ordered[0])


def _resolve_weekday(match: re.Match[str], pub: date | None, future: bool) -> Resolved:
    target = load_date_words().weekdays[match.group("weekday")]
    if pub is None:
        return Resolved(None, "day", True)
    modifier = re.sub(r"\s+", " ", (match.group("wmod") or "").lower())
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if modifier == "next":
        return Resolved((pub + timedelta(days=ahead or 7)).isoformat(), "day", True)
    if modifier in ("last", "this past"):
        return Resolved((pub - timedelta(days=back or 7)).isoformat(), "day", True, past=True)
    if future or modifier in ("this coming", "coming"):
        return Resolved((pub + timedelta(days=ahead)).isoformat(), "day", True)
    return Resolved((pub - timedelta(days=back)).isoformat(), "day", True)


def _resolve_day_word(match: re.Match[str], pub: date | None, future: bool) -> Resolved:
    offset = load_date_words().day_words[re.sub(r"\s+", " ", match.group(0).lower())]
    value = (pub + timedelta(days=offset)).isoformat() if pub else None
    return Resolved(value, "day", True, past=offset < 0)


def _resolve_period(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    unit = match.group("unit").lower()
    modifier = re.sub(r"\s+", " ", match.group("pmod").lower())
    edge = (match.group("edge") or "").lower()
    if modifier in ("the", "over the") and unit != "weekend":
        return None  # "the year", "over the month": a duration, not a date
    shift = {"last": -1, "next": 1, "coming": 1}.get(modifier, 0)
    past = shift < 0 or edge == "earlier"
    precision = "year" if unit == "year" else "month" if unit == "month" else "day"
    if pub is None:
        return Resolved(None, precision, True, past)
    if unit == "year":
        return Resolved(str(pub.year + shift), "year", True, past)
    if unit == "month":
        return Resolved(_iso_month(*_shift_month(pub.year, pub.month, shift)), "month", True, past)
    if unit == "weekend":
        return Resolved(_weekend(pub, shift, future).isoformat(), "day", True, past)
    if edge == "earlier" and shift == 0:
        return Resolved((pub - timedelta(days=pub.weekday())).isoformat(), "day", True, True)
    return Resolved((pub + timedelta(days=7 * shift)).isoformat(), "day", True, past)


def _weekend(pub: date, shift: int, future: bool) -> date:
    """The Saturday of the weekend meant: on or before pub_date, moved by `shift` weeks, or the next one."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    if shift > 0 or (future and shift == 0 and saturday < pub):
        return saturday + timedelta(days=7)
    return saturday + timedelta(days=7 * shift)


def _resolve_ago(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    raw = match.group("number").lower()
    count = int(raw) if raw.isdigit() else load_date_words().number_words.get(raw)
    unit = match.group("unit").lower()
    precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    if count is None:
        return None
    if pub is None:
        return Resolved(None, precision, True, True)
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return Resolved((pub - timedelta(days=days)).isoformat(), "day", True, True)
    if unit == "month":
        return Resolved(_iso_month(*_shift_month(pub.year, pub.month, -count)), "month", True, True)
    return Resolved(str(pub.year - count), "year", True, True)


def _resolve_month(match: re.Match[str], pub: date | None, future: bool) -> Resolved:
    month = load_date_words().months[match.group("month")]
    modifier = (match.group("mmod") or "").lower()
    if pub is None:
        return Resolved(None, "month", True)
    if modifier == "this":
        return Resolved(_iso_month(pub.year, month), "month", True)
    starts = [date(pub.year + k, month, 1) for k in (-1, 0, 1)]
    this_month = date(pub.year, pub.month, 1)
    if modifier == "last":
        chosen = max(d for d in starts if d < this_month)
    elif modifier == "next":
        chosen = min(d for d in starts if d > this_month)
    else:
        chosen = _recent_or_next(starts, this_month, future)
    return Resolved(_iso_month(chosen.year, chosen.month), "month", True, past=modifier == "last")


def _resolve_day_month(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    month = load_date_words().months[match.group("month")]
    day = int(match.group("day"))
    if pub is None:
        return Resolved(None, "day", True) if 1 <= day <= 31 else None
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return Resolved(_recent_or_next(candidates, pub, future).isoformat(), "day", True)


def _resolve_absolute(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("day") is None and groups.get("month") is None and groups.get("mnum") is None:
        return Resolved(str(year), "year", False)
    month = int(groups["mnum"]) if groups.get("mnum") else load_date_words().months[groups["month"]]
    if groups.get("day") is None:
        return Resolved(_iso_month(year, month), "month", False)
    try:
        return Resolved(date(year, month, int(groups["day"])).isoformat(), "day", False)
    except ValueError:
        return None


def _resolve_season(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    """A season as the year it starts in: "last summer" in April 2023 is 2022, "the summer of 2019" 2019."""
    if match.group("year"):
        return Resolved(match.group("year"), "year", False)
    if pub is None:
        return Resolved(None, "year", True)
    first_month = load_date_words().seasons[match.group("season").lower()]
    starts = [date(pub.year + k, first_month, 1) for k in (-2, -1, 0, 1)]
    ended = [s for s in starts if _shift_month(s.year, s.month, 3) <= (pub.year, pub.month)]
    modifier = (match.group("mmod") or "").lower()
    if modifier == "this":
        return Resolved(str(pub.year), "year", True)
    if modifier == "last":
        chosen = max(ended)
    elif modifier == "next" or (future and modifier != "last"):
        chosen = (
            min(s for s in starts if s > pub)
            if modifier == "next"
            else min(s for s in starts if s not in ended)
        )
    else:
        chosen = max(s for s in starts if s <= pub)
    return Resolved(str(chosen.year), "year", True, past=modifier == "last")


def _resolve_relative_year(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    """A month or day "last/this/next year": "24 February last year" in 2023 is 2022-02-24."""
    groups = match.groupdict()
    precision = "day" if groups.get("day") else "month"
    shift = {"last": -1, "this": 0, "next": 1}[groups["relyear"].lower()]
    if pub is None:
        return Resolved(None, precision, True, past=shift < 0)
    month = load_date_words().months[groups["month"]]
    if precision == "month":
        return Resolved(_iso_month(pub.year + shift, month), "month", True, past=shift < 0)
    try:
        value = date(pub.year + shift, month, int(groups["day"])).isoformat()
    except ValueError:
        return None
    return Resolved(value, "day", True, past=shift < 0)


RESOLVERS: dict[str, Callable[[re.Match[str], date | None, bool], Resolved | None]] = {
    "iso": _resolve_absolute,
    "day-month-year": _resolve_absolute,
    "month-day-year": _resolve_absolute,
    "month-year": _resolve_absolute,
    "day-month-relyear": _resolve_relative_year,
    "month-day-relyear": _resolve_relative_year,
    "month-relyear": _resolve_relative_year,
    "day-month": _resolve_day_month,
    "month-day": _resolve_day_month,
    "weekday": _resolve_weekday,
    "day-word": _resolve_day_word,
    "period": _resolve_period,
    "ago": _resolve_ago,
    "month": _resolve_month,
    "season": _resolve_season,
    "year": _resolve_absolute,
}


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


def find_dates(doc: Doc, pub_date: date | None) -> list[DateMention]:
    """Every date expression in a parsed document, resolved against the publication date.

    doc (Doc): a parsed document (the parse decides tense; NER confirms bare months and years).
    pub_date (date | None): the publication date; without it relative expressions get value None.
    RETURNS (list[DateMention]): in text order.
    """
    date_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    mentions = []
    for name, match in scan_date_expressions(doc.text, date_spans):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        tense = clause_tense(doc, match.start(), match.end())
        future = tense == "future" or (tense == "present" and name in PRESENT_MEANS_FUTURE)
        resolved = RESOLVERS[name](match, pub_date, future)
        if resolved is None:
            LOGGER.debug("unresolvable date expression %r", match.group(0))
            continue
        mentions.append(
            DateMention(
                text=match.group(0),
                start_char=match.start(),
                end_char=match.end(),
                value=resolved.value,
                precision=resolved.precision,
                relative=resolved.relative,
                start=span.start,
                end=span.end,
                past=resolved.past,
                rule=f"date:{name}",
            )
        )
    return mentions


def _modifies_other_nominal(root: Token, predicate: Token) -> bool:
    """Whether a date pre-modifies a noun that is not the event ("condemned Russia's 2022 invasion").

    Allowed: the noun is the predicate itself, the subject of the predicate ("the 2019 accord was signed"), or
    sits in a time adjunct ("during a Thursday video conference").
    """
    noun = root.head
    if root.dep_ not in PRENOMINAL_DEPS or noun == root or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun == predicate:
        return False
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head == predicate:
        return False
    if noun.dep_ == "npadvmod":
        return False
    return not (noun.dep_ == "pobj" and noun.head.lower_ in TEMPORAL_PREPOSITIONS)


def _governor(root: Token, predicate: Token) -> Token:
    """The predicate if the date hangs from it (via nouns, prepositions), else the nearest verb above it."""
    current = root
    while current.head != current:
        current = current.head
        if current == predicate or current.pos_ in ("VERB", "AUX"):
            return current
    return current


def _boundaries(token: Token) -> set[int]:
    """Indices of the clause-boundary tokens (relative, adverbial clauses...) at or above a token."""
    chain = [token, *token.ancestors]
    return {t.i for t in chain if t.dep_ in CLAUSE_BOUNDARY_DEPS}


def _inside_nested_nominal(span: Span, governor: Token, predicate: Token) -> bool:
    """Whether a date reaches its verb only through a noun other than the verb's argument or time adjunct.

    "supported resolutions, including a text from October" -> the date is the text's, not the supporting's;
    "launched its invasion in February 2022" (the object's phrase) and "during his visit in March" (a time
    adjunct) reach the verb.
    """
    current = span.root.head
    while current != governor and current != predicate and current.head != current:
        if current.pos_ in NOMINAL_POS and not (span.start <= current.i < span.end):
            own_argument = current.head == governor and current.dep_ in ARGUMENT_DEPS
            adjunct = current.dep_ == "pobj" and current.head.lower_ in TEMPORAL_PREPOSITIONS
            if not (own_argument or (adjunct and current.head.head == governor)):
                return True
        current = current.head
    return False


def _is_planned_act(verb: Token) -> bool:
    """An infinitive or future verb below the predicate: its date is the planned act's, not the event's
    ("planned to announce his choice around August 1", "agreed to send an envoy next month")."""
    words = load_date_words()
    return any(
        c.dep_ == "aux" and (c.tag_ == "TO" or c.lower_ in words.future_auxiliaries) for c in verb.children
    )


def _attachment_tier(span: Span, predicate: Token) -> int | None:
    """How closely a date attaches to a predicate: 0 best .. 3 weakest; None when it must not attach."""
    root = span.root
    if span.start <= predicate.i < span.end:
        return 0
    if _modifies_other_nominal(root, predicate):
        return None
    if not _boundaries(root) <= _boundaries(predicate) | {predicate.i}:
        return None
    governor = _governor(root, predicate)
    if _inside_nested_nominal(span, governor, predicate):
        return None
    if governor == predicate:
        return 0
    if governor in predicate.ancestors:
        return None if _is_planned_act(predicate) else 1
    if predicate in governor.ancestors:
        below = [governor, *governor.ancestors]
        path = below[: below.index(predicate)]
        return None if _is_planned_act(governor) or any(t.dep_ == "conj" for t in path) else 2
    return 3


def mention_for_event(sentence: Span, predicate: Token, dates: Iterable[DateMention]) -> DateMention | None:
    """The date expression of `sentence` that attaches to `predicate`, or None.

    Preference: a date hanging from the predicate (directly, through its prepositional phrases or a time
    adjunct), then one of a clause above it ("On Wednesday, Lula retracted ... and condemned ..."), then one
    of a clause below it, then any other in the sentence; ties go to the nearest. Never one inside a
    relative or adverbial clause that does not contain the predicate, a pre-nominal date of another noun
    ("Russia's 2022 invasion"), a date of a nested nominal ("a text from October"), one of a later
    conjunct ("joined the party and ran for Congress in 2018" does not date "joined"), nor one across a
    planned act ("agreed to send an envoy next month" does not date "agreed"; "On Monday, China said it
    would send an envoy" does not date "send").
    """
    doc = sentence.doc
    ranked = []
    for mention in dates:
        if not (sentence.start <= mention.start and mention.end <= sentence.end):
            continue
        tier = _attachment_tier(doc[mention.start : mention.end], predicate)
        if tier is not None:
            ranked.append(
                (tier, abs(doc[mention.start : mention.end].root.i - predicate.i), mention.start, mention)
            )
    return min(ranked, key=lambda r: r[:3])[3] if ranked else None


def date_for_event(
    sentence: Span, predicate: Token, dates: Iterable[DateMention], pub_date: date | None
) -> tuple[str | None, str, str | None]:
    """(value, date_source, precision) of an event whose predicate is `predicate`.

    RETURNS: the attached expression's value with source "text"; else the publication date with source
    "publication" and precision "day"; else (None, "none", None).
    """
    mention = mention_for_event(sentence, predicate, dates)
    if mention is not None and mention.value is not None:
        return mention.value, "text", mention.precision
    if pub_date is not None:
        return pub_date.isoformat(), "publication", "day"
    return None, "none", None


def is_historical(value: str | DateMention | None, pub_date: date | None, *, past: bool = False) -> bool:
    """Whether a date lies clearly before the news of the day.

    A year or month before the publication's year or month is historical; so is a day more than
    HISTORICAL_DAYS before publication. A date in the publication's own year or month is historical when
    the text places it in the past (`past`, or a DateMention's own `past`: "earlier this year").
    """
    if isinstance(value, DateMention):
        past = past or value.past
        value = value.value
    if value is None or pub_date is None:
        return False
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return (pub_date - date(*parts)).days > HISTORICAL_DAYS
    reference = [pub_date.year, pub_date.month][: len(parts)]
    return parts < reference or (parts == reference and past)
