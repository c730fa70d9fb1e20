"""Events whose actor or recipient has no code ("gunmen", "a car bomb"): stored with NULL codes, listed and
filtered by `events`, skipped by the dyad aggregates and `actors top` (SQLite and PostgreSQL)."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from communique.cli import main
from communique.store import open_database
from communique.store.schema import events, reports

from .conftest import UNIDENTIFIED_TEXT, UnidentifiedCoder, make_doc


@pytest.fixture()
def filled_url(db_url) -> str:
    with open_database(db_url) as db:
        db.ingest([make_doc("u1", UNIDENTIFIED_TEXT, "2023-04-03", "wire"),
                   make_doc("u2", "Reprinted. " + UNIDENTIFIED_TEXT, "2023-04-03", "paper")],
                  coder=UnidentifiedCoder(), dedup=False)  # fmt: skip
    return db_url


def pairs(frame: pd.DataFrame) -> set[tuple]:
    return {(None if pd.isna(a) else a, e, None if pd.isna(r) else r)
            for a, e, r in zip(frame.actor_code, frame.event, frame.recipient_code)}  # fmt: skip


def test_unidentified_actors_are_stored_with_null_codes(filled_url):
    with open_database(filled_url) as db:
        rows = db._read(lambda c: [dict(r) for r in c.execute(sa.select(events)).mappings()])
        report_codes = db._read(lambda c: c.execute(
            sa.select(reports.c.actor_code, reports.c.recipient_code).where(reports.c.doc_id == "u1")
            .order_by(reports.c.seq)).all())  # fmt: skip
    assert len(rows) == 4  # the second article reports the same four events
    by_type = {(r["cameo"]): r for r in rows}
    gunmen, bomb, accuse = by_type["180"], by_type["183"], by_type["112"]
    assert (gunmen["actor_code"], gunmen["actor_sector"], gunmen["actor_name"]) == (None, "UAF", "Gunmen")
    assert (gunmen["recipient_code"], gunmen["recipient_sector"]) == ("PAK", "COP")
    assert (bomb["actor_code"], bomb["actor_sector"], bomb["recipient_code"], bomb["recipient_sector"]) == (
        None, None, None, "MIL")
    assert (accuse["recipient_code"], accuse["recipient_sector"]) == (None, "UAF")  # "" is stored as NULL
    assert all(r["num_articles"] == 2 and r["num_sources"] == 2 for r in rows)  # merged across articles
    assert [tuple(r) for r in report_codes] == [(None, "PAK"), ("CHN", "JPN"), (None, None), ("PAK", None)]


def test_unidentified_actors_ingest_is_idempotent(filled_url):
    with open_database(filled_url) as db:
        before = db.events()
        report = db.ingest([make_doc("u1", UNIDENTIFIED_TEXT, "2023-04-03", "wire")], coder=UnidentifiedCoder())
        assert (report.unchanged, report.coded) == (1, 0)
        assert db.events().equals(before)


def test_unidentified_actors_events_filters(filled_url):
    with open_database(filled_url) as db:
        assert pairs(db.events()) == {
            (None, "ASSAULT", "PAK"), ("CHN", "ACCUSE", "JPN"), (None, "ASSAULT", None), ("PAK", "ACCUSE", None)}
        assert pairs(db.events(actor="PAK")) == {("PAK", "ACCUSE", None)}
        assert pairs(db.events(recipient="pak")) == {(None, "ASSAULT", "PAK")}
        assert pairs(db.events(actor="CHN")) == {("CHN", "ACCUSE", "JPN")}
        assert pairs(db.events(type="ASSAULT")) == {(None, "ASSAULT", "PAK"), (None, "ASSAULT", None)}


def test_unidentified_actors_are_skipped_by_aggregates(filled_url):
    with open_database(filled_url) as db:
        for by in ("day", "week", "month"):
            dyads = db.dyads(by=by)
            assert list(zip(dyads.actor_code, dyads.recipient_code)) == [("CHN", "JPN")]
            assert dyads.ASSAULT.sum() == 0 and dyads.events.sum() == 1
        assert db.dyads(recipient="PAK").empty and db.dyads(actor="PAK").empty
        top = db.top_actors()
        assert list(top.code) == ["CHN", "JPN"] and top.code.notna().all()
        summary = db.summary()
        assert summary["events"] == 4 and summary["events_by_type"] == {"ACCUSE": 2, "ASSAULT": 2}
        assert summary["top_dyads"] == [{"actor": "CHN", "recipient": "JPN", "events": 1}]


def test_unidentified_actors_cli(filled_url):
    runner = CliRunner()

    def run(*args) -> str:
        result = runner.invoke(main, [*args, "--db", filled_url], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = [json.loads(line) for line in run("dyads", "--by", "week", "--format", "jsonl").splitlines()]
    assert [(r["actor_code"], r["recipient_code"]) for r in rows] == [("CHN", "JPN")]
    top = pd.read_csv(io.StringIO(run("actors", "top", "--format", "csv")))
    assert list(top.code) == ["CHN", "JPN"]
    listed = [json.loads(line) for line in run("events", "--actor", "PAK", "--format", "jsonl").splitlines()]
    assert [(r["actor_code"], r["event"], r["recipient_code"], r["recipient_sector"]) for r in listed] == [
        ("PAK", "ACCUSE", None, "UAF")]
    table = run("events", "--type", "ASSAULT")
    assert "ASSAULT" in table and "None" not in table and "nan" not in table.lower()
    assert "(no rows)" in run("dyads", "--recipient", "PAK")
