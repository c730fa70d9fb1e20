"""Typed records passed between the stages, and their JSON form (the output contract).

A `Document` comes out of ingest; the language, actor and event stages turn it into `Event` and `Quote`
records. `to_dict()` gives the contract form validated by `communique/schema/*.schema.json`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from typing import Any


@dataclass
class Document:
    """One article as read from its source.

    doc_id (str): the record's id (for a file, its name without extension).
    text (str): the article text exactly as given; all offsets point into it.
    date (Date | None): the publication date, used to resolve relative dates.
    """

    doc_id: str
    text: str
    title: str | None = None
    date: Date | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: a path, "path:line", a URL
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Entity:
    """An actor as resolved in the text.

    start/end are character offsets into the document text: text[start:end] == entity_text.
    entry names the knowledge-base entry or rule that produced the code ("kb:country:CHN", "coref:pronoun").
    code is None for an unidentified participant ("gunmen", "a car bomb"): the event stage keeps such events
    with entry "unidentified" and, where the words say it, a sector.
    phrase_start/phrase_end, on event participants, delimit the whole argument phrase the entity fills
    ("Russia's position" for the entity "Russia"; "the police in the Gaza Strip" for "the police"), the span
    that source/target annotation (ConfliBERT, ACE) marks.
    """

    entity_text: str
    code: str | None
    sector: str | None
    name: str | None
    start: int
    end: int
    entry: str | None = None
    kind: str | None = None  # country | person | organisation | group | role | region | pronoun
    regional: bool = False
    phrase_start: int | None = None
    phrase_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TextInfo:
    """Where a statement sits in the document: sentence index and character offsets."""

    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Place:
    """The event's location from the gazetteer."""

    text: str
    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    start: int | None = None
    end: int | None = None
    feature: str | None = None  # city | country | region

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One coded event, PLOVER-style, with provenance to its sentence and rule."""

    doc_id: str
    event: str
    cameo: str
    actor: list[Entity]
    recipient: list[Entity]
    text: str
    text_info: TextInfo
    mode: str | None = None
    context: str | None = None
    quad_code: int | None = None
    goldstein: float | None = None
    plover_score: float | None = None
    date: str | None = None
    date_source: str = "publication"  # text | publication | none
    date_precision: str | None = None  # day | month | year
    historical: bool = False
    reported: bool = False  # a claim reported in someone's speech
    reporter: Entity | None = None
    confidence: float = 0.5
    rule: str = ""
    event_loc: Place | None = None
    mentions: list[TextInfo] = field(default_factory=list)
    id: str = ""
    type: str = "event"

    def triple_key(self) -> tuple:
        """What makes two reports the same event within a document."""
        return (
            tuple(sorted(a.code or "" for a in self.actor)),
            self.event or self.cameo,  # a statement has no PLOVER type: its CAMEO code says what kind it is
            tuple(sorted(r.code or "" for r in self.recipient)),
        )

    def assign_id(self) -> str:
        """A stable id: the same document, rule, sentence offsets and codes give the same id."""
        basis = json.dumps(
            [self.doc_id, self.text_info.start, self.text_info.end, self.cameo, self.triple_key()],
            ensure_ascii=True,
        )
        self.id = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
        return self.id

    def to_dict(self) -> dict[str, Any]:
        if not self.id:
            self.assign_id()
        out = asdict(self)
        out["reporter"] = self.reporter.to_dict() if self.reporter else None
        out["event_loc"] = self.event_loc.to_dict() if self.event_loc else None
        if not out["mentions"]:
            out["mentions"] = [self.text_info.to_dict()]
        # Put the contract's identifying fields first: easier to read in JSONL.
        head = ["type", "id", "doc_id", "date", "date_source", "event", "mode", "cameo"]
        return {k: out[k] for k in head} | {k: v for k, v in out.items() if k not in head}

    def to_row(self) -> dict[str, Any]:
        """A flat form for CSV and tables: compound actors joined with ';'."""

        def join(entities: list[Entity], attr: str) -> str:
            return ";".join(str(getattr(e, attr) or "") for e in entities)

        if not self.id:
            self.assign_id()
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date,
            "date_source": self.date_source,
            "historical": self.historical,
            "actor_code": join(self.actor, "code"),
            "actor_sector": join(self.actor, "sector"),
            "actor_text": join(self.actor, "entity_text"),
            "event": self.event,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "recipient_code": join(self.recipient, "code"),
            "recipient_sector": join(self.recipient, "sector"),
            "recipient_text": join(self.recipient, "entity_text"),
            "quad_code": self.quad_code,
            "goldstein": self.goldstein,
            "plover_score": self.plover_score,
            "confidence": round(self.confidence, 4),
            "rule": self.rule,
            "sentence": self.text_info.sentence,
            "start": self.text_info.start,
            "end": self.text_info.end,
            "text": self.text,
        }


@dataclass
class Quote:
    """A direct or indirect quotation, with its speaker resolved where possible."""

    doc_id: str
    speaker: Entity | None
    quote: str
    start: int
    end: int
    sentence: int
    direct: bool = True
    rule: str = ""
    type: str = "quote"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["speaker"] = self.speaker.to_dict() if self.speaker else None
        return out


@dataclass
class CodedDocument:
    """What the pipeline gives back for one document."""

    document: Document
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    statements: list[Event] = field(default_factory=list)  # CAMEO 01 comments: type "statement", no PLOVER type
    n_sentences: int = 0
    error: str | None = None
