"""Migrations: a new database is migrated to the head revision and matches `schema.py` exactly."""
from __future__ import annotations

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
