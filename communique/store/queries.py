"""Read queries over the event database, returning pandas DataFrames (the same on SQLite and PostgreSQL).

Unidentified actors: an event whose actor or recipient has no code (NULL: "gunmen", "a car bomb", or no
recipient at all) is listed by `select_events` (an `--actor X` filter simply does not match its empty side),
but the aggregates count only complete pairs: `select_dyads`, `select_top_actors` and the summary's top dyads
skip every event where either code is null, so a null never shows up as an actor or as half of a dyad.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..errors import Errors, InputError
from ..ingest.dates import parse_date
from ..ontology import PLOVER_TYPES
from .schema import documents, events, mentions, quotes, reports, statements

PERIODS = ("day", "week", "month")
QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}

EVENT_COLUMNS = (
    "event_key", "date", "day", "event", "mode", "context", "cameo", "root_code", "quad_code", "goldstein",
    "plover_score", "actor_code", "actor_sector", "actor_name", "recipient_code", "recipient_sector",
    "recipient_name", "historical", "num_mentions", "num_sources", "num_articles", "first_doc_id",
)  # fmt: skip


def _values(value: Any) -> list[Any]:
    if value is None or value == "" or value == ():
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v for v in value if v not in (None, "")]
    return [value]


def _as_date(value: Any, name: str) -> date | None:
    return parse_date(value, name=name) if value not in (None, "") else None


def event_filters(*, actor=None, recipient=None, type=None, since=None, until=None, source=None,
                  **unknown: Any) -> list[sa.ColumnElement]:  # fmt: skip
    """WHERE clauses over `events` for the shared filters."""
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    clauses: list[sa.ColumnElement] = []
    if actors := _values(actor):
        clauses.append(events.c.actor_code.in_([a.upper() for a in actors]))
    if recipients := _values(recipient):
        clauses.append(events.c.recipient_code.in_([r.upper() for r in recipients]))
    if types := _values(type):
        named = [t.upper() for t in types if not str(t).isdigit()]
        cameo = [str(t) for t in types if str(t).isdigit()]
        alternatives = [events.c.event.in_(named)] if named else []
        alternatives += [events.c.cameo.startswith(code) for code in cameo]
        clauses.append(sa.or_(*alternatives))
    if (start := _as_date(since, "--since")) is not None:
        clauses.append(events.c.day >= start)
    if (end := _as_date(until, "--until")) is not None:
        clauses.append(events.c.day <= end)
    if sources := _values(source):
        reporting = (
            sa.select(mentions.c.event_key)
            .join(documents, documents.c.doc_id == mentions.c.doc_id)
            .where(documents.c.source.in_(sources))
        )
        clauses.append(events.c.event_key.in_(reporting))
    return clauses


def _frame(conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
    result = conn.execute(query)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def select_events(conn: sa.Connection, *, limit: int | None = None, **filters: Any) -> pd.DataFrame:
    """Events matching the filters, newest first, with the first report's sentence and article URL."""
    first = reports.alias("first_report")
    query = (
        sa.select(*(events.c[name] for name in EVENT_COLUMNS), first.c.text.label("text"), documents.c.url)
        .outerjoin(first, sa.and_(first.c.doc_id == events.c.first_doc_id, first.c.seq == events.c.first_seq))
        .outerjoin(documents, documents.c.doc_id == events.c.first_doc_id)
        .where(*event_filters(**filters))
        .order_by(events.c.day.desc().nulls_last(), events.c.event_key)
    )
    if limit:
        query = query.limit(limit)
    return _frame(conn, query)


def _period_column(by: str) -> sa.Column:
    if by not in PERIODS:
        raise InputError(Errors.E404.format(value=by, choices=", ".join(PERIODS)))
    return events.c[by]


def select_dyads(conn: sa.Connection, *, by: str = "month", **filters: Any) -> pd.DataFrame:
    """One row per actor, recipient and period: events, mentions, counts per type and quad class, scores.

    Events with a null actor or recipient code, or no date, are skipped.

    One pass over the period's covering index (`ix_events_dyad_<period>`), already in group order.
    """
    period = _period_column(by)
    counts = [sa.func.sum(sa.case((events.c.event == name, 1), else_=0)).label(name) for name in PLOVER_TYPES]
    quads = [
        sa.func.sum(sa.case((events.c.quad_code == code, 1), else_=0)).label(name) for code, name in QUAD_NAMES.items()
    ]
    query = (
        sa.select(
            events.c.actor_code, events.c.recipient_code, period.label("period"),
            sa.func.count().label("events"), sa.func.sum(events.c.num_mentions).label("mentions"),
            *counts, *quads,
            sa.func.coalesce(sa.func.sum(events.c.goldstein), 0.0).label("goldstein"),
            sa.func.coalesce(sa.func.sum(events.c.plover_score), 0.0).label("plover_score"),
        )
        .where(events.c.actor_code.is_not(None), events.c.recipient_code.is_not(None), period.is_not(None))
        .where(*event_filters(**filters))
        .group_by(events.c.actor_code, events.c.recipient_code, period)
        .order_by(events.c.actor_code, events.c.recipient_code, period)
    )  # fmt: skip
    frame = _frame(conn, query)
    for name in ("events", "mentions", *PLOVER_TYPES, *QUAD_NAMES.values()):
        frame[name] = frame[name].astype("int64")
    for name in ("goldstein", "plover_score"):
        frame[name] = frame[name].astype("float64").round(4)
    return frame


def select_top_actors(conn: sa.Connection, *, limit: int = 20, **filters: Any) -> pd.DataFrame:
    """Codes ranked by events they take part in (as actor or recipient), with mentions.

    Counted over complete dyads only, like `select_dyads`: an event whose actor or recipient code is null is
    skipped for both sides.
    """
    where = [events.c.actor_code.is_not(None), events.c.recipient_code.is_not(None), *event_filters(**filters)]
    frames = []
    for role, column in (("as_actor", events.c.actor_code), ("as_recipient", events.c.recipient_code)):
        query = (
            sa.select(column.label("code"), sa.func.count().label(role),
                      sa.func.sum(events.c.num_mentions).label(f"{role}_mentions"))
            .where(*where)
            .group_by(column)
        )  # fmt: skip
        frames.append(_frame(conn, query).set_index("code"))
    table = frames[0].join(frames[1], how="outer").fillna(0).astype("int64")
    table["events"] = table["as_actor"] + table["as_recipient"]
    table["mentions"] = table["as_actor_mentions"] + table["as_recipient_mentions"]
    table = table.reset_index().sort_values(["events", "mentions", "code"], ascending=[False, False, True])
    return table[["code", "events", "as_actor", "as_recipient", "mentions"]].head(limit).reset_index(drop=True)


def select_documents(conn: sa.Connection, *, limit: int | None = None) -> pd.DataFrame:
    columns = [c for c in documents.c if c.name not in ("text", "signature", "meta")]
    query = sa.select(*columns).order_by(documents.c.ingested_at, documents.c.doc_id)
    return _frame(conn, query.limit(limit) if limit else query)


def select_mentions(conn: sa.Connection, **filters: Any) -> pd.DataFrame:
    """Mentions of the events matching the filters, with their article's URL, source and date."""
    query = (
        sa.select(mentions, documents.c.url, documents.c.source, documents.c.pub_date, documents.c.title,
                  sa.func.length(documents.c.text).label("doc_length"))
        .join(documents, documents.c.doc_id == mentions.c.doc_id)
        .order_by(mentions.c.event_key, mentions.c.doc_id, mentions.c.start)
    )  # fmt: skip
    where = event_filters(**filters)
    if where:
        query = query.where(mentions.c.event_key.in_(sa.select(events.c.event_key).where(*where)))
    return _frame(conn, query)


def select_reports(conn: sa.Connection, *, doc_id: str | None = None) -> list[dict[str, Any]]:
    query = sa.select(reports.c.record).order_by(reports.c.doc_id, reports.c.seq)
    if doc_id is not None:
        query = query.where(reports.c.doc_id == doc_id)
    return [json.loads(record) for record in conn.scalars(query)]


@dataclass
class DocumentView:
    """A stored article with its event records, quotes and statements (CAMEO 01 comments)."""

    document: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    coded_text: str | None = None  # for a duplicate: its first copy's text, which the offsets point into

    def marked_text(self) -> str:
        """The text with each event's sentence wrapped as `[[...]]` followed by `{E1: CHN ACCUSE JPN}` and each
        quote as `<<...>>` followed by `{Q1: speaker}`; markers are numbered in the order of the lists."""
        text = self.coded_text if self.coded_text is not None else self.document["text"]
        inserts: list[tuple[int, int, str]] = []  # (offset, order, string): closers before openers
        spans: dict[tuple[int, int], list[str]] = {}
        for n, event in enumerate(self.events, 1):
            info = event["text_info"]
            spans.setdefault((info["start"], info["end"]), []).append(f"E{n}: {event_label(event)}")
        for (start, end), labels in spans.items():
            inserts += [(start, 1, "[["), (end, 0, "]]{" + "; ".join(labels) + "}")]
        for n, quote in enumerate(self.quotes, 1):
            speaker = quote.get("speaker") or {}
            who = speaker.get("code") or speaker.get("entity_text") or "?"
            inserts += [(quote["start"], 2, "<<"), (quote["end"], -1, f">>{{Q{n}: {who}}}")]
        out, last = [], 0
        for offset, _, string in sorted(inserts, key=lambda item: (item[0], item[1])):
            out.append(text[last:offset])
            out.append(string)
            last = offset
        out.append(text[last:])
        return "".join(out)


def event_label(event: dict[str, Any]) -> str:
    """'CHN ACCUSE JPN' (compound actors joined with '+')."""
    actors = "+".join(a.get("code") or "?" for a in event.get("actor") or []) or "-"
    recipients = "+".join(r.get("code") or "?" for r in event.get("recipient") or []) or "-"
    return f"{actors} {event['event']} {recipients}"


def select_document(conn: sa.Connection, doc_id: str) -> DocumentView | None:
    row = conn.execute(sa.select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
    if row is None:
        return None
    document = dict(row)
    source_id = document["duplicate_of"] or doc_id
    quote_records = conn.scalars(sa.select(quotes.c.record).where(quotes.c.doc_id == source_id).order_by(quotes.c.seq))
    statement_records = conn.scalars(
        sa.select(statements.c.record).where(statements.c.doc_id == source_id).order_by(statements.c.seq))
    coded_text = None
    if source_id != doc_id:
        coded_text = conn.scalar(sa.select(documents.c.text).where(documents.c.doc_id == source_id))
    return DocumentView(
        document=document,
        events=select_reports(conn, doc_id=source_id),
        quotes=[json.loads(record) for record in quote_records],
        statements=[json.loads(record) for record in statement_records],
        coded_text=coded_text,
    )


def summarize(conn: sa.Connection, *, top: int = 5) -> dict[str, Any]:
    """Documents by status, event and report counts, events by type, and the top dyads by events."""
    by_status = dict(conn.execute(sa.select(documents.c.status, sa.func.count()).group_by(documents.c.status)).all())
    by_type = conn.execute(
        sa.select(events.c.event, sa.func.count().label("n")).group_by(events.c.event).order_by(sa.desc("n"), events.c.event)
    ).all()
    dyads = conn.execute(
        sa.select(events.c.actor_code, events.c.recipient_code, sa.func.count().label("n"))
        .where(events.c.actor_code.is_not(None), events.c.recipient_code.is_not(None))
        .group_by(events.c.actor_code, events.c.recipient_code)
        .order_by(sa.desc("n"), events.c.actor_code, events.c.recipient_code)
        .limit(top)
    ).all()
    return {
        "documents": sum(by_status.values()),
        "coded": by_status.get("coded", 0),
        "duplicates": by_status.get("duplicate", 0),
        "reports": conn.scalar(sa.select(sa.func.count()).select_from(reports)),
        "events": sum(n for _, n in by_type),
        "mentions": conn.scalar(sa.select(sa.func.count()).select_from(mentions)),
        "events_by_type": {name: n for name, n in by_type},
        "top_dyads": [{"actor": a, "recipient": r, "events": n} for a, r, n in dyads],
    }
