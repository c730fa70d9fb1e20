"""The event database's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The tables follow the data: a `documents` row per article; a `reports` row per event record a document gave
(the full output contract, `Event.to_dict()`, kept as JSON beside flat columns); one `events` row per
actor-recipient pair, event type, CAMEO code and date, however many documents report it (GDELT's unit, with
its NumMentions, NumSources and NumArticles counts); `report_events` links the two; `mentions` holds every
sentence and offsets that report an event; `entities` and `quotes` keep what the coder resolved.

Migrations (`communique/store/migrations/`) create these tables; `tests/store/test_schema.py` checks that
the migrated database and this module agree.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

SCHEMA_REVISION = "0004"

#: Columns a dyad series reads: with the period after the pair, each period's index answers dyad queries from
#: the index alone, already in group order (revision 0002).
DYAD_INDEX_COLUMNS = ("event", "quad_code", "num_mentions", "goldstein", "plover_score", "day")

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_id", sa.String(512), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.String(255), index=True),
    sa.Column("origin", sa.Text),
    sa.Column("pub_date", sa.Date, index=True),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # coded | duplicate
    sa.Column("duplicate_of", sa.String(512), index=True),
    sa.Column("duplicate_kind", sa.String(16)),  # exact | near
    sa.Column("similarity", sa.Float),
    sa.Column("signature", sa.Text),  # near-duplicate signature (JSON), for documents later ingested
    sa.Column("coder_version", sa.String(255)),
    sa.Column("n_sentences", sa.Integer),
    sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
    sa.Column("meta", sa.Text),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Column("coded_at", sa.DateTime),
)

reports = sa.Table(
    "reports",
    metadata,
    sa.Column("doc_id", sa.String(512), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(32), nullable=False, index=True),
    sa.Column("date", sa.String(10)),
    sa.Column("date_source", sa.String(16)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("event", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("context", sa.String(64)),
    sa.Column("cameo", sa.String(4), nullable=False),
    sa.Column("quad_code", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("plover_score", sa.Float),
    sa.Column("actor_code", sa.String(255)),
    sa.Column("recipient_code", sa.String(255)),
    sa.Column("historical", sa.Boolean, nullable=False),
    sa.Column("reported", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("rule", sa.String(255)),
    sa.Column("sentence", sa.Integer),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("text", sa.Text),
    sa.Column("record", sa.Text, nullable=False),  # Event.to_dict() as JSON: the full contract
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_key", sa.String(32), primary_key=True),
    sa.Column("date", sa.String(10)),
    sa.Column("day", sa.Date),
    sa.Column("week", sa.Date),
    sa.Column("month", sa.Date),
    sa.Column("event", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("context", sa.String(64)),
    sa.Column("cameo", sa.String(4), nullable=False),
    sa.Column("root_code", sa.String(2)),
    sa.Column("quad_code", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("plover_score", sa.Float),
    sa.Column("actor_code", sa.String(16)),
    sa.Column("actor_sector", sa.String(16)),
    sa.Column("actor_name", sa.Text),
    sa.Column("recipient_code", sa.String(16)),
    sa.Column("recipient_sector", sa.String(16)),
    sa.Column("recipient_name", sa.Text),
    sa.Column("historical", sa.Boolean, nullable=False),
    sa.Column("num_mentions", sa.Integer, nullable=False),
    sa.Column("num_sources", sa.Integer, nullable=False),
    sa.Column("num_articles", sa.Integer, nullable=False),
    sa.Column("first_doc_id", sa.String(512), nullable=False),
    sa.Column("first_seq", sa.Integer, nullable=False),
    sa.Column("added_at", sa.DateTime, nullable=False),
    *(sa.Index(f"ix_events_dyad_{period}", "actor_code", "recipient_code", period,
               *(c for c in DYAD_INDEX_COLUMNS if c != period)) for period in ("day", "week", "month")),
    sa.Index("ix_events_recipient", "recipient_code", "day"),
    sa.Index("ix_events_day", "day"),
    sa.Index("ix_events_event", "event", "day"),
)

report_events = sa.Table(
    "report_events",
    metadata,
    sa.Column("event_key", sa.String(32), sa.ForeignKey("events.event_key"), primary_key=True),
    sa.Column("doc_id", sa.String(512), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.ForeignKeyConstraint(["doc_id", "seq"], ["reports.doc_id", "reports.seq"]),
    sa.Index("ix_report_events_doc", "doc_id", "seq"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("event_key", sa.String(32), sa.ForeignKey("events.event_key"), primary_key=True),
    sa.Column("doc_id", sa.String(512), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("end", sa.Integer, primary_key=True),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # the report that gave it
    sa.Column("confidence", sa.Float),
    sa.Index("ix_mentions_doc", "doc_id"),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("doc_id", sa.String(512), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),  # actor | recipient | reporter | speaker
    sa.Column("seq", sa.Integer, nullable=False),  # the report (or quote, for speakers) it belongs to
    sa.Column("entity_text", sa.Text),
    sa.Column("code", sa.String(16), index=True),
    sa.Column("sector", sa.String(16)),
    sa.Column("name", sa.Text),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("entry", sa.String(255)),
    sa.Column("kind", sa.String(32)),
    # Offsets of the whole argument phrase the entity fills (Entity.phrase_start/phrase_end: "Russia's Supreme
    # Court" for Russia); null when unknown, and in rows stored before revision 0003.
    sa.Column("phrase_start", sa.Integer),
    sa.Column("phrase_end", sa.Integer),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("doc_id", sa.String(512), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("speaker_text", sa.Text),
    sa.Column("speaker_code", sa.String(16)),
    sa.Column("speaker_sector", sa.String(16)),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Integer),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("rule", sa.String(255)),
    sa.Column("record", sa.Text, nullable=False),
)

# CAMEO 01 comments ("expressed condolences to Turkey": 018), which PLOVER gives no event type: kept beside the
# events, never counted in them. Compound participants are joined with ';' as in CSV exports.
statements = sa.Table(
    "statements",
    metadata,
    sa.Column("doc_id", sa.String(512), sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("cameo", sa.String(8), nullable=False),
    sa.Column("actor_code", sa.String(64)),
    sa.Column("actor_sector", sa.String(64)),
    sa.Column("recipient_code", sa.String(64)),
    sa.Column("recipient_sector", sa.String(64)),
    sa.Column("sentence", sa.Integer),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float),
    sa.Column("rule", sa.String(255)),
    sa.Column("record", sa.Text, nullable=False),
)

# Tables that hold one document's coding, in the order rows must be deleted.
CODED_TABLES = (mentions, report_events, entities, quotes, statements, reports)
