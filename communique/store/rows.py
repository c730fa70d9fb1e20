"""Turning a coded document into table rows, and the identity of an event across documents.

An event's identity (`event_key`) is its date (as coded: a day, or a month or year when that is all the text
gives), the actor's code and sector, the PLOVER type, the CAMEO code, and the recipient's code and sector. A
compound event (two recipients) gives one identity per actor-recipient pair, as GDELT's rows do. Every
document that reports the same identity adds to one `events` row.

An unidentified actor or recipient ("gunmen", "a car bomb": an entity whose `code` is null, perhaps with a
sector) is stored with a NULL code (an empty code counts as null); its sector and text are kept. Such events are
listed by `events` and exported, but dyad aggregates skip them (see `queries`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..records import CodedDocument, Document, Entity, Event

KEY_FIELDS = ("date", "actor_code", "actor_sector", "event", "cameo", "recipient_code", "recipient_sector")


@dataclass
class DocumentRows:
    """Everything one coded document writes, ready for `insert()`."""

    document: dict[str, Any]
    reports: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # event_key -> candidate events row
    report_events: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)


def event_key(pair: dict[str, Any]) -> str:
    """The stable id of an event across documents (16 hex digits)."""
    basis = json.dumps([pair.get(name) or "" for name in KEY_FIELDS], ensure_ascii=True)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def parse_event_day(value: str | None) -> date | None:
    """The day an event date stands for: '2023-04' and '2023' give their first day; None stays None."""
    if not value:
        return None
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts[:3]] + [1] * (3 - min(len(parts), 3))
        return date(*numbers)
    except ValueError:
        return None


def period_starts(day: date | None) -> tuple[date | None, date | None]:
    """The Monday of the day's ISO week and the first of its month."""
    if day is None:
        return None, None
    return day - timedelta(days=day.weekday()), day.replace(day=1)


def document_source(document: Document) -> str | None:
    """The publisher: the record's `source`, else the URL's host."""
    if document.source:
        return document.source[:255]
    if document.url:
        host = urlsplit(document.url).hostname
        return host.removeprefix("www.") if host else None
    return None


def document_row(document: Document, *, now: datetime, status: str = "coded", **extra: Any) -> dict[str, Any]:
    """The `documents` row of a document (no coding fields)."""
    meta = {k: v for k, v in document.meta.items() if k != "language"}
    row = {
        "doc_id": document.doc_id,
        "content_hash": document.content_hash,
        "title": document.title,
        "url": document.url,
        "source": document_source(document),
        "origin": document.origin,
        "pub_date": document.date,
        "language": document.meta.get("language") or "en",
        "text": document.text,
        "status": status,
        "duplicate_of": None,
        "duplicate_kind": None,
        "similarity": None,
        "signature": None,
        "coder_version": None,
        "n_sentences": None,
        "n_events": 0,
        "meta": json.dumps(meta, ensure_ascii=False, default=str) if meta else None,
        "ingested_at": now,
        "coded_at": None,
    }
    row.update(extra)
    return row


def _join(entities: list[Entity]) -> str | None:
    """Codes joined with ';' (a null code leaves its place empty); None when no entity has a code."""
    if not any(e.code for e in entities):
        return None
    return ";".join(e.code or "" for e in entities)


def report_row(event: Event, seq: int) -> dict[str, Any]:
    """The `reports` row of one event record; `record` is the full contract as JSON."""
    record = event.to_dict()
    return {
        "doc_id": event.doc_id,
        "seq": seq,
        "id": record["id"],
        "date": event.date,
        "date_source": event.date_source,
        "date_precision": event.date_precision,
        "event": event.event,
        "mode": event.mode,
        "context": event.context,
        "cameo": event.cameo,
        "quad_code": event.quad_code,
        "goldstein": event.goldstein,
        "plover_score": event.plover_score,
        "actor_code": _join(event.actor),
        "recipient_code": _join(event.recipient),
        "historical": bool(event.historical),
        "reported": bool(event.reported),
        "confidence": float(event.confidence),
        "rule": event.rule,
        "sentence": event.text_info.sentence,
        "start": event.text_info.start,
        "end": event.text_info.end,
        "text": event.text,
        "record": json.dumps(record, ensure_ascii=False),
    }


def pair_rows(event: Event, seq: int, *, now: datetime) -> list[dict[str, Any]]:
    """One candidate `events` row per actor-recipient pair of an event record."""
    day = parse_event_day(event.date)
    week, month = period_starts(day)
    rows = []
    for actor in event.actor or [None]:
        for recipient in event.recipient or [None]:
            row = {
                "date": event.date, "day": day, "week": week, "month": month,
                "event": event.event, "mode": event.mode, "context": event.context, "cameo": event.cameo,
                "root_code": event.cameo[:2] if event.cameo else None,
                "quad_code": event.quad_code, "goldstein": event.goldstein, "plover_score": event.plover_score,
                "actor_code": (actor.code or None) if actor else None,
                "actor_sector": (actor.sector or None) if actor else None,
                "actor_name": (actor.name or actor.entity_text) if actor else None,
                "recipient_code": (recipient.code or None) if recipient else None,
                "recipient_sector": (recipient.sector or None) if recipient else None,
                "recipient_name": (recipient.name or recipient.entity_text) if recipient else None,
                "historical": bool(event.historical),
                "num_mentions": 0, "num_sources": 0, "num_articles": 0,
                "first_doc_id": event.doc_id, "first_seq": seq, "added_at": now,
            }  # fmt: skip
            row["event_key"] = event_key(row)
            rows.append(row)
    return rows


def entity_row(entity: Entity, *, doc_id: str, n: int, role: str, seq: int) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "n": n, "role": role, "seq": seq, "entity_text": entity.entity_text,
        "code": entity.code, "sector": entity.sector, "name": entity.name, "start": entity.start,
        "end": entity.end, "entry": entity.entry, "kind": entity.kind,
        "phrase_start": entity.phrase_start, "phrase_end": entity.phrase_end,
    }  # fmt: skip


def coded_rows(result: CodedDocument, *, version: str, now: datetime) -> DocumentRows:
    """All rows of one coded document; mentions are deduplicated per event and offsets."""
    doc_id = result.document.doc_id
    rows = DocumentRows(
        document=document_row(
            result.document, now=now, coder_version=version, n_sentences=result.n_sentences,
            n_events=len(result.events), coded_at=now,
        )
    )  # fmt: skip
    seen_mentions: set[tuple] = set()
    links: set[tuple[str, int]] = set()
    for seq, event in enumerate(result.events):
        event.doc_id = doc_id
        rows.reports.append(report_row(event, seq))
        roles = [("actor", e) for e in event.actor] + [("recipient", e) for e in event.recipient]
        if event.reporter:
            roles.append(("reporter", event.reporter))
        for role, entity in roles:
            rows.entities.append(entity_row(entity, doc_id=doc_id, n=len(rows.entities), role=role, seq=seq))
        for pair in pair_rows(event, seq, now=now):
            key = pair["event_key"]
            if (key, seq) not in links:
                links.add((key, seq))
                rows.report_events.append({"event_key": key, "doc_id": doc_id, "seq": seq})
            rows.events.setdefault(key, pair)
            for info in event.mentions or [event.text_info]:
                if (key, info.start, info.end) in seen_mentions:
                    continue
                seen_mentions.add((key, info.start, info.end))
                rows.mentions.append({
                    "event_key": key, "doc_id": doc_id, "start": info.start, "end": info.end,
                    "sentence": info.sentence, "seq": seq, "confidence": float(event.confidence),
                })  # fmt: skip
    for seq, quote in enumerate(result.quotes):
        speaker = quote.speaker
        if speaker:
            rows.entities.append(entity_row(speaker, doc_id=doc_id, n=len(rows.entities), role="speaker", seq=seq))
        rows.quotes.append({
            "doc_id": doc_id, "seq": seq, "speaker_text": speaker.entity_text if speaker else None,
            "speaker_code": speaker.code if speaker else None, "speaker_sector": speaker.sector if speaker else None,
            "quote": quote.quote, "start": quote.start, "end": quote.end, "sentence": quote.sentence,
            "direct": bool(quote.direct), "rule": quote.rule,
            "record": json.dumps(quote.to_dict(), ensure_ascii=False),
        })  # fmt: skip
    for seq, statement in enumerate(result.statements):
        row = statement.to_row()
        rows.statements.append({
            "doc_id": doc_id, "seq": seq, "cameo": statement.cameo,
            **{name: row[name] or None for name in ("actor_code", "actor_sector", "recipient_code", "recipient_sector")},
            "sentence": statement.text_info.sentence, "start": statement.text_info.start,
            "end": statement.text_info.end, "confidence": float(statement.confidence), "rule": statement.rule,
            "record": json.dumps(statement.to_dict(), ensure_ascii=False),
        })  # fmt: skip
    return rows
