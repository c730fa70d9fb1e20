"""Writing one document's rows, replacing a document's coding, and keeping event counts right.

Each function runs inside the caller's transaction: a document, its reports, events, mentions, entities and
quotes are committed together or not at all. Counts follow GDELT: `num_mentions` is the number of sentences
(offsets) that report the event; `num_articles` the number of articles that report it, exact and near
duplicates of a reporting article included (they carry the same report); `num_sources` the number of distinct
publishers among those articles (articles with no known publisher count as one).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from .rows import DocumentRows
from .schema import CODED_TABLES, documents, entities, events, mentions, quotes, report_events, reports, statements

CHUNK = 500  # keys per IN (...) list


def _chunks(values: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def existing_keys(conn: sa.Connection, keys: Iterable[str]) -> set[str]:
    """Which of these event keys already have an `events` row."""
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(conn.scalars(sa.select(events.c.event_key).where(events.c.event_key.in_(chunk))))
    return found


def _insert_new_events(conn: sa.Connection, candidates: dict[str, dict[str, Any]]) -> None:
    """Insert the events rows whose key is not stored yet: one INSERT ... ON CONFLICT DO NOTHING on SQLite and
    PostgreSQL (no look-up round trip first); a look-up, then an insert, elsewhere."""
    if not candidates:
        return
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        conn.execute(insert(events).on_conflict_do_nothing(index_elements=["event_key"]), list(candidates.values()))
        return
    present = existing_keys(conn, candidates)
    _insert(conn, events, [row for key, row in candidates.items() if key not in present])


def insert_coding(conn: sa.Connection, rows: DocumentRows) -> None:
    """Insert a document's reports, new events, links, mentions, entities, quotes and statements (not the
    document row)."""
    _insert_new_events(conn, rows.events)
    for table, values in ((reports, rows.reports), (report_events, rows.report_events), (mentions, rows.mentions),
                          (entities, rows.entities), (quotes, rows.quotes), (statements, rows.statements)):
        _insert(conn, table, values)


def insert_coded(conn: sa.Connection, rows: DocumentRows) -> set[str]:
    """Insert a coded document and its coding; returns the event keys it reports (counts updated)."""
    conn.execute(documents.insert(), [rows.document])
    insert_coding(conn, rows)
    keys = set(rows.events)
    recount(conn, keys, refresh_first=False)  # nothing was deleted: every first report is still there
    return keys


def delete_coding(conn: sa.Connection, doc_id: str) -> set[str]:
    """Remove a document's reports, mentions, entities, quotes and statements; returns the event keys it
    reported."""
    keys = set(conn.scalars(sa.select(report_events.c.event_key).where(report_events.c.doc_id == doc_id)))
    keys |= set(conn.scalars(sa.select(mentions.c.event_key).where(mentions.c.doc_id == doc_id)))
    for table in CODED_TABLES:
        conn.execute(table.delete().where(table.c.doc_id == doc_id))
    return keys


def replace_coded(conn: sa.Connection, rows: DocumentRows) -> set[str]:
    """Swap a stored document's coding (and text) for new rows; event counts of old and new keys follow."""
    doc_id = rows.document["doc_id"]
    old_keys = delete_coding(conn, doc_id)
    values = {k: v for k, v in rows.document.items() if k not in ("doc_id", "ingested_at")}
    conn.execute(documents.update().where(documents.c.doc_id == doc_id).values(**values))
    insert_coding(conn, rows)
    recount(conn, old_keys | set(rows.events))
    return set(rows.events)


def insert_duplicate(conn: sa.Connection, row: dict[str, Any]) -> set[str]:
    """Insert a duplicate document row; the events of the copy it duplicates gain an article."""
    conn.execute(documents.insert(), [row])
    original = row["duplicate_of"]
    keys = set(conn.scalars(sa.select(mentions.c.event_key).where(mentions.c.doc_id == original).distinct()))
    recount(conn, keys, refresh_first=False)
    return keys


def _articles(conn: sa.Connection, chunk: list[str]) -> dict[str, dict[str, str | None]]:
    """event_key -> {doc_id: source} of every article reporting it, duplicates included."""
    reporting = (
        sa.select(mentions.c.event_key, mentions.c.doc_id).where(mentions.c.event_key.in_(chunk)).distinct()
    ).subquery()
    direct = sa.select(reporting.c.event_key, documents.c.doc_id, documents.c.source).join(
        documents, documents.c.doc_id == reporting.c.doc_id
    )
    copies = sa.select(reporting.c.event_key, documents.c.doc_id, documents.c.source).join(
        documents, documents.c.duplicate_of == reporting.c.doc_id
    )
    found: dict[str, dict[str, str | None]] = defaultdict(dict)
    for key, doc_id, source in conn.execute(sa.union(direct, copies)):
        found[key][doc_id] = source
    return found


def recount(conn: sa.Connection, keys: Iterable[str], *, refresh_first: bool = True) -> None:
    """Recompute mention, article and source counts of these events; drop events nothing reports any more.

    refresh_first: repoint events whose first report is gone; only deleting reports can make one go, so callers
    that only insert pass False and save the query.
    """
    for chunk in _chunks(sorted(set(keys))):
        n_mentions = dict(
            conn.execute(
                sa.select(mentions.c.event_key, sa.func.count())
                .where(mentions.c.event_key.in_(chunk))
                .group_by(mentions.c.event_key)
            ).all()
        )
        articles = _articles(conn, chunk)
        updates = []
        for key in chunk:
            if key not in n_mentions:
                continue
            docs = articles.get(key, {})
            sources = {source or "" for source in docs.values()}
            updates.append({"k": key, "m": n_mentions[key], "a": len(docs), "s": len(sources)})
        if updates:
            conn.execute(
                events.update()
                .where(events.c.event_key == sa.bindparam("k"))
                .values(num_mentions=sa.bindparam("m"), num_articles=sa.bindparam("a"),
                        num_sources=sa.bindparam("s")),
                updates,
            )  # fmt: skip
        gone = [key for key in chunk if key not in n_mentions]
        if gone:
            conn.execute(report_events.delete().where(report_events.c.event_key.in_(gone)))
            conn.execute(events.delete().where(events.c.event_key.in_(gone)))
        if refresh_first:
            _refresh_first_report(conn, [key for key in chunk if key in n_mentions])


def _refresh_first_report(conn: sa.Connection, keys: list[str]) -> None:
    """Point events whose first report was replaced at the earliest report still stored."""
    if not keys:
        return
    link = report_events.alias("link")
    stale = conn.execute(
        sa.select(events.c.event_key).where(
            events.c.event_key.in_(keys),
            ~sa.exists().where(
                link.c.event_key == events.c.event_key,
                link.c.doc_id == events.c.first_doc_id,
                link.c.seq == events.c.first_seq,
            ),
        )
    ).scalars()
    for key in list(stale):
        first = conn.execute(
            sa.select(report_events.c.doc_id, report_events.c.seq)
            .where(report_events.c.event_key == key)
            .order_by(report_events.c.doc_id, report_events.c.seq)
            .limit(1)
        ).first()
        if first:
            conn.execute(
                events.update().where(events.c.event_key == key).values(first_doc_id=first[0], first_seq=first[1])
            )
