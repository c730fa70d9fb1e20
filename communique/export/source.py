"""What every exporter reads: the stored events with their first report (the contract record) and article."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from ..store.queries import event_filters
from ..store.schema import documents, events, mentions, reports


@dataclass
class ExportEvent:
    """One `events` row, its first report's record (`Event.to_dict()`), and that report's article."""

    row: dict[str, Any]
    record: dict[str, Any]
    article: dict[str, Any]

    def actor(self, role: str) -> dict[str, Any]:
        """The entity of the record matching this row's actor or recipient code (role: actor | recipient)."""
        code, sector = self.row[f"{role}_code"], self.row[f"{role}_sector"]
        entities = self.record.get(role) or []
        for entity in entities:
            if entity.get("code") == code and entity.get("sector") == sector:
                return entity
        return entities[0] if entities else {}

    @property
    def when(self) -> date | None:
        """The event's day, else the article's publication date."""
        return self.row["day"] or self.article.get("pub_date")


def load_events(db, **filters: Any) -> list[ExportEvent]:
    """All events matching the filters, oldest first."""
    query = (
        sa.select(events, reports.c.record, documents.c.url, documents.c.source, documents.c.pub_date,
                  documents.c.title, documents.c.language, documents.c.coder_version, documents.c.coded_at)
        .outerjoin(reports, sa.and_(reports.c.doc_id == events.c.first_doc_id, reports.c.seq == events.c.first_seq))
        .outerjoin(documents, documents.c.doc_id == events.c.first_doc_id)
        .where(*event_filters(**filters))
        .order_by(events.c.day.nulls_last(), events.c.added_at, events.c.event_key)
    )  # fmt: skip
    article_fields = ("url", "source", "pub_date", "title", "language", "coder_version", "coded_at")

    def fetch(conn: sa.Connection) -> list[ExportEvent]:
        out = []
        for row in conn.execute(query).mappings():
            data = dict(row)
            record = json.loads(data.pop("record") or "{}")
            article = {name: data.pop(name) for name in article_fields}
            article["doc_id"] = data["first_doc_id"]
            out.append(ExportEvent(data, record, article))
        return out

    return db._read(fetch)


def load_mentions(db, keys: list[str]) -> list[dict[str, Any]]:
    """Mentions of these events with their article and the report's record."""
    query = (
        sa.select(mentions, reports.c.record, documents.c.url, documents.c.source, documents.c.pub_date,
                  documents.c.ingested_at, sa.func.length(documents.c.text).label("doc_length"))
        .join(documents, documents.c.doc_id == mentions.c.doc_id)
        .join(reports, sa.and_(reports.c.doc_id == mentions.c.doc_id, reports.c.seq == mentions.c.seq))
        .order_by(mentions.c.event_key, mentions.c.doc_id, mentions.c.start)
    )  # fmt: skip
    wanted = set(keys)

    def fetch(conn: sa.Connection) -> list[dict[str, Any]]:
        return [dict(row) for row in conn.execute(query).mappings() if row["event_key"] in wanted]

    return db._read(fetch)


def compact_timestamp(value: datetime | date | None) -> str:
    """YYYYMMDDHHMMSS, GDELT's timestamp form."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value.strftime("%Y%m%d%H%M%S")
