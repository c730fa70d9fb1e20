"""Date expressions in news text, resolved against the publication date, and attached to event predicates.

`find_dates(doc, pub_date)` finds every date expression ("on Wednesday", "in March", "February 2022",
"earlier this year", "two weeks ago", "4 January 2019") with its own regular expressions, built from the
vocabulary in `data/dates/date_words.json`; spaCy's DATE entities confirm the ambiguous ones (a bare month
name or a bare year with no temporal preposition before it). Each expression becomes a `DateMention` with an
ISO value ("2023-04-27", "2023-03", "2023") and its precision ("day", "month", "year"); the resolution
rules relative to the publication date are listed in `date_resolution`.

`date_for_event` picks the expression that attaches to an event's predicate; `is_historical` says whether a
date lies clearly before the news of the day.

Layout: `date_expressions` holds the vocabulary, the patterns and the clause tense; `date_resolution` what
each kind of expression means against the publication date; this module finds a document's dates and
attaches them to events, and is the one other modules import from.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Span, Token

from .date_expressions import (
    DATE_WORD_KEYS,
    DateMention,
    clause_tense,
    load_date_words,
    read_json_data,
    scan_date_expressions,
)
from .date_resolution import RESOLVERS

__all__ = [
    "DATE_WORD_KEYS",
    "DateMention",
    "date_for_event",
    "find_dates",
    "is_historical",
    "mention_for_event",
    "read_json_data",
    "scan_date_expressions",
]

LOGGER = logging.getLogger(__name__)

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
