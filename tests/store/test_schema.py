"""Migrations: a new database is migrated to the head revision and matches `schema.py` exactly."""
from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from communique.errors import StoreError
from communique.store import open_database
from communique.store.migrate import current_revision, head_revision
from communique.store.schema import SCHEMA_REVISION, metadata


def test_schema_migrated_database_matches_metadata(db):
    with db.engine.connect() as conn:
        assert current_revision(conn) == head_revision() == SCHEMA_REVISION
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_schema_open_twice_does_not_migrate_again(db_url):
    from communique.store import migrate

    with open_database(db_url) as first:
        assert migrate.upgrade(first.engine) is False


def test_schema_newer_database_is_refused(db_url):
    with open_database(db_url) as db, db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"\[E406\].*revision 9999"):
        open_database(db_url)


def test_schema_upgrade_from_first_revision_keeps_data(db_url, rule_coder):
    from alembic import command

    from communique.store.engine import create_engine, normalize_url
    from communique.store.migrate import alembic_config

    from .conftest import make_doc

    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    with engine.connect() as conn:
        assert current_revision(conn) == "0001"
        assert "ix_events_dyad" in {index["name"] for index in sa.inspect(conn).get_indexes("events")}
    engine.dispose()
    with open_database(db_url) as db:  # opening migrates to the head
        db.ingest([make_doc("a", "China condemned Japan.")], coder=rule_coder)
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            names = {index["name"] for index in sa.inspect(conn).get_indexes("events")}
        assert {"ix_events_dyad_day", "ix_events_dyad_week", "ix_events_dyad_month"} <= names
        assert "ix_events_dyad" not in names
        assert len(db.dyads(by="week")) == 1


def test_schema_upgrade_from_0002_keeps_entities_with_null_phrase_offsets(db_url, rule_coder):
    """A database at 0002 with stored rows is upgraded in place: rows kept, new phrase columns NULL."""
    from alembic import command

    from communique.store.engine import create_engine, normalize_url
    from communique.store.migrate import alembic_config
    from communique.store.rows import coded_rows

    from .conftest import make_doc

    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
    # Rows as a 0002 Communique wrote them: the coder's rows, with only the columns the 0002 tables have.
    text = "China condemned Japan. Russia attacked Ukraine and Germany."
    result = next(rule_coder.code([make_doc("a", text)]))
    rows = coded_rows(result, version=rule_coder.version, now=datetime(2026, 11, 1))
    old = sa.MetaData()
    old.reflect(engine)
    assert {"phrase_start", "phrase_end"}.isdisjoint(old.tables["entities"].c.keys())
    with engine.begin() as conn:
        for name, values in (("documents", [rows.document]), ("reports", rows.reports),
                             ("events", list(rows.events.values())), ("report_events", rows.report_events),
                             ("mentions", rows.mentions), ("entities", rows.entities)):  # fmt: skip
            table = old.tables[name]
            conn.execute(table.insert(), [{k: v for k, v in row.items() if k in table.c} for row in values])
    with engine.connect() as conn:
        assert current_revision(conn) == "0002"
        before = {name: sorted(tuple(row) for row in conn.execute(sa.select(table)))
                  for name, table in old.tables.items() if name != "alembic_version"}  # fmt: skip
    assert len(before["entities"]) == 5 and len(before["events"]) == 3
    engine.dispose()

    with open_database(db_url) as db:  # opening migrates to the head
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision() == SCHEMA_REVISION
            for name, rows_before in before.items():
                columns = list(old.tables[name].c.keys())
                after = sorted(tuple(row) for row in conn.execute(sa.select(*(metadata.tables[name].c[c]
                                                                             for c in columns))))  # fmt: skip
                assert after == rows_before, name
            phrases = conn.execute(sa.select(metadata.tables["entities"].c.phrase_start,
                                             metadata.tables["entities"].c.phrase_end)).all()  # fmt: skip
            assert phrases == [(None, None)] * 5
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
        assert differences == []
        # The old rows read back as before, and new ones are written with the new columns.
        assert [e["entity_text"] for r in db.reports("a") for e in r["actor"] + r["recipient"]] == \
            ["China", "Japan", "Russia", "Ukraine", "Germany"]
        db.ingest([make_doc("b", "India met France.")], coder=rule_coder)
        assert db.summary()["events"] == 4


def test_schema_downgrade_to_0002_drops_phrase_columns_and_keeps_rows(db_url, rule_coder):
    from alembic import command

    from communique.store.migrate import alembic_config

    from .conftest import make_doc

    with open_database(db_url) as db:
        db.ingest([make_doc("a", "China condemned Japan. India met France.")], coder=rule_coder)
        with db.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0002")
        with db.engine.connect() as conn:
            assert current_revision(conn) == "0002"
            columns = {column["name"] for column in sa.inspect(conn).get_columns("entities")}
            assert {"phrase_start", "phrase_end"}.isdisjoint(columns) and {"start", "end", "kind"} <= columns
            assert conn.scalar(sa.text("SELECT count(*) FROM entities")) == 4
            assert conn.scalar(sa.text("SELECT count(*) FROM events")) == 2
