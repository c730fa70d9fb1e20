"""Bad input and bad databases: locked, read-only, server down, bad CSV, a feed that is not XML, near copies."""
from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from communique.errors import StoreError
from communique.store import open_database
from communique.store.engine import default_db, normalize_url
from communique.store.ingest import utcnow
from communique.store.rows import document_row
from communique.store.schema import documents

from .conftest import make_doc

TEXT = "China condemned Japan on Monday. India met France."


def test_engine_default_database_path_and_wal(tmp_path, monkeypatch, rule_coder):
    monkeypatch.delenv("COMMUNIQUE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "communique" / "communique.db"
    assert default_db() == str(expected)
    with open_database() as db:
        db.ingest([make_doc("a", TEXT)], coder=rule_coder)
    assert expected.is_file()
    with sqlite3.connect(expected) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "elsewhere.db"))
    assert normalize_url(None).database == str(tmp_path / "elsewhere.db")


def test_engine_postgres_urls_use_psycopg3():
    assert normalize_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"


def test_store_locked_sqlite_database_is_a_coded_error(tmp_path, rule_coder):
    path = tmp_path / "events.db"
    open_database(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with open_database(path, lock_timeout=0.2) as db:
            with pytest.raises(StoreError, match=r"\[E402\].*locked"):
                db.ingest([make_doc("a", TEXT)], coder=rule_coder)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_database(path) as db:  # nothing partial was written, and it works once the lock is gone
        assert db.summary()["documents"] == 0
        assert db.ingest([make_doc("a", TEXT)], coder=rule_coder).coded == 1


def test_store_read_only_sqlite_database_is_a_coded_error(tmp_path, rule_coder):
    path = tmp_path / "events.db"
    with open_database(path) as db:
        db.ingest([make_doc("a", TEXT)], coder=rule_coder)
    with open_database(f"sqlite:///file:{path}?mode=ro&uri=true") as db:
        assert db.summary()["documents"] == 1  # reading works
        with pytest.raises(StoreError, match=r"\[E402\].*readonly"):
            db.ingest([make_doc("b", "Brazil praised India.")], coder=rule_coder)


def test_store_unopenable_path_is_a_coded_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"\[E401\]"):
        open_database(blocker / "sub" / "events.db")


def test_store_postgres_server_down_is_a_clear_error():
    with pytest.raises(StoreError, match=r"\[E401\] postgresql\+psycopg://u:\*\*\*@127\.0\.0\.1:1/db: cannot open"):
        open_database("postgresql://u:secret@127.0.0.1:1/db")


@pytest.mark.postgres
def test_store_postgres_going_down_leaves_no_partial_document(pg_url, rule_coder):
    """A failure inside a document's transaction rolls the whole document back."""
    with open_database(pg_url) as db:
        db.ingest([make_doc("a", TEXT)], coder=rule_coder)
        admin = sa.create_engine(sa.engine.make_url(pg_url), isolation_level="AUTOCOMMIT")

        def write_then_lose_connection(conn: sa.Connection) -> None:
            conn.execute(documents.insert(), [document_row(make_doc("partial", TEXT), now=utcnow())])
            with admin.connect() as other:  # the server ends this session, as a crash or restart would
                other.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            conn.execute(sa.text("SELECT 1"))

        with pytest.raises(StoreError, match=r"\[E401\]"):
            db._write(write_then_lose_connection)
        admin.dispose()
        assert list(db.documents().doc_id) == ["a"]


def test_store_csv_with_missing_columns_and_non_xml_feed_are_reported(db, rule_coder, tmp_path):
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("uid,body\n1,China condemned Japan.\n", encoding="utf-8")
    not_xml = tmp_path / "feed.rss"
    not_xml.write_text("this is not XML at all { }", encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "China condemned Japan on Monday in a long statement.", '
                    '"date": "2023-04-28"}\n', encoding="utf-8")  # fmt: skip
    seen: list[str] = []
    report = db.ingest([str(bad_csv), str(not_xml), str(good)], coder=rule_coder, on_problem=seen.append,
                       allow_non_english=True)  # fmt: skip
    assert report.coded == 1 and list(db.documents().doc_id) == ["g1"]
    assert any("[E013]" in message and "bad.csv" in message for message in seen), seen
    assert any("feed.rss" in message for message in seen), seen
    assert report.problems == seen


def test_store_near_duplicate_is_linked(db, rule_coder):
    base = ("China condemned Japan on Monday after a long dispute over fishing rights in the East China Sea, "
            "officials in Beijing said, adding that talks would resume next month in Tokyo if both sides agree. ")
    text = base * 3
    db.ingest([make_doc("first", text, source="wire")], coder=rule_coder)
    near = text.replace("next month", "next week", 1)
    report = db.ingest([make_doc("second", near, source="mirror")], coder=rule_coder)
    assert report.near_duplicates == 1
    row = db.documents().set_index("doc_id").loc["second"]
    assert (row.status, row.duplicate_of, row.duplicate_kind) == ("duplicate", "first", "near")
    assert 0.8 <= row.similarity < 1.0
    assert db.events(actor="CHN").iloc[0].num_articles == 2
    # Without dedup the copy is coded on its own.
    report = db.ingest([make_doc("third", near.replace("Tokyo", "Osaka"))], coder=rule_coder, dedup=False)
    assert report.coded == 1
