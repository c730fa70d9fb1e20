"""The event database on a SQLite file and on PostgreSQL: storing, idempotency, duplicates, counts, recode."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from communique.store import open_database
from communique.store.schema import documents, entities, events, mentions, quotes, report_events, reports

from .conftest import RuleCoder, make_doc

TEXT_A = 'China condemned Japan on Monday. India met France. "We will not accept this," the ministry said.'
TEXT_B = "Officials said that China condemned Japan after the vote. Russia attacked Ukraine and Germany."


def table_counts(db) -> dict[str, int]:
    tables = (documents, reports, events, report_events, mentions, entities, quotes)
    return db._read(lambda c: {t.name: c.scalar(sa.select(sa.func.count()).select_from(t)) for t in tables})


def snapshot(db) -> dict:
    """Everything stored except ingestion times: equal snapshots mean nothing changed."""
    def take(conn):
        out = {}
        for table in (documents, reports, events, report_events, mentions, entities, quotes):
            columns = [c for c in table.c if c.name not in ("ingested_at", "coded_at", "added_at")]
            rows = conn.execute(sa.select(*columns)).all()
            out[table.name] = sorted(tuple(str(v) for v in row) for row in rows)
        return out

    return db._read(take)


def test_database_stores_documents_events_mentions_and_quotes(db, rule_coder):
    report = db.ingest([make_doc("a", TEXT_A, url="https://news.example/a", title="A")], coder=rule_coder, dedup=False)
    assert (report.read, report.coded, report.reports) == (1, 1, 2)
    counts = table_counts(db)
    assert counts == {"documents": 1, "reports": 2, "events": 2, "report_events": 2, "mentions": 2,
                      "entities": 4, "quotes": 1}  # fmt: skip
    doc = db.documents().iloc[0]
    assert doc["doc_id"] == "a" and doc["url"] == "https://news.example/a" and doc["source"] == "wire"
    assert doc["coder_version"] == "rules-1" and doc["language"] == "en" and len(doc["content_hash"]) == 64
    # The full contract round-trips: what the coder gave is what is stored.
    expected = [e.to_dict() for e in next(RuleCoder().code([make_doc("a", TEXT_A)])).events]
    assert db.reports("a") == expected
    frame = db.events()
    row = frame[frame.event == "ACCUSE"].iloc[0]
    assert (row.actor_code, row.recipient_code, row.cameo, row.quad_code) == ("CHN", "JPN", "111", 3)
    assert (row.num_mentions, row.num_sources, row.num_articles) == (1, 1, 1)
    assert row.text == "China condemned Japan on Monday."


def test_database_ingest_is_idempotent(db, rule_coder):
    docs = [make_doc("a", TEXT_A), make_doc("b", TEXT_B, source="other")]
    db.ingest(docs, coder=rule_coder)
    before = snapshot(db)
    calls = rule_coder.calls
    again = db.ingest(docs, coder=rule_coder)
    assert (again.unchanged, again.coded, again.reports) == (2, 0, 0)
    assert rule_coder.calls == calls  # nothing was coded twice
    assert snapshot(db) == before


def test_database_same_event_in_two_articles_is_one_event_with_counts(db, rule_coder):
    db.ingest([make_doc("a", TEXT_A, source="wire"), make_doc("b", TEXT_B, source="paper")], coder=rule_coder)
    frame = db.events(actor="CHN", recipient="JPN")
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row.num_mentions, row.num_sources, row.num_articles) == (2, 2, 2)
    linked = db.mentions(actor="CHN", recipient="JPN")
    assert sorted(linked.doc_id) == ["a", "b"]
    assert sorted(linked.sentence) == [0, 0]
    # A compound recipient gives one event per pair.
    assert set(db.events(actor="RUS").recipient_code) == {"UKR", "DEU"}


def test_database_exact_duplicate_is_linked_not_coded(db, rule_coder):
    db.ingest([make_doc("a", TEXT_A, source="wire")], coder=rule_coder)
    calls = rule_coder.calls
    report = db.ingest([make_doc("a-copy", TEXT_A, source="mirror")], coder=rule_coder)
    assert (report.duplicates, report.coded) == (1, 0)
    assert rule_coder.calls == calls
    stored = db.documents().set_index("doc_id")
    assert stored.loc["a-copy", "status"] == "duplicate"
    assert stored.loc["a-copy", "duplicate_of"] == "a"
    assert stored.loc["a-copy", "duplicate_kind"] == "exact"
    row = db.events(actor="CHN").iloc[0]
    assert (row.num_mentions, row.num_sources, row.num_articles) == (1, 2, 2)
    assert table_counts(db)["reports"] == 2  # the copy adds no reports


def test_database_duplicate_within_one_run_waits_for_its_first_copy(db, rule_coder):
    report = db.ingest([make_doc("a", TEXT_A), make_doc("a2", TEXT_A, source="x")], coder=rule_coder)
    assert (report.coded, report.duplicates) == (1, 1)
    assert db.events(actor="CHN").iloc[0].num_articles == 2


def test_database_changed_document_is_recoded_and_replaced(db, rule_coder):
    db.ingest([make_doc("a", TEXT_A)], coder=rule_coder)
    report = db.ingest([make_doc("a", "Brazil praised India.")], coder=rule_coder)
    assert report.updated == 1
    assert set(db.events().event) == {"SUPPORT"}
    assert table_counts(db)["events"] == 1  # the old events, reported by nothing now, are gone


def test_database_recode_replaces_events_and_records_version(db):
    db.ingest([make_doc("a", TEXT_A), make_doc("b", TEXT_B)], coder=RuleCoder("rules-1"))
    upgraded = RuleCoder("rules-2", sector="MIL")
    report = db.recode(coder=upgraded)
    assert report.updated == 2
    assert set(db.documents().coder_version) == {"rules-2"}
    assert set(db.events().actor_sector) == {"MIL"}
    counts = table_counts(db)
    assert counts["events"] == db._read(lambda c: c.scalar(sa.select(sa.func.count(sa.distinct(mentions.c.event_key)))))
    # Nothing left to do for the same version.
    assert db.recode(coder=upgraded).updated == 0


def test_database_failed_document_is_not_stored_and_is_retried(db, rule_coder):
    report = db.ingest([make_doc("bad", "FAIL China condemned Japan."), make_doc("a", TEXT_A)], coder=rule_coder)
    assert (report.failed, report.coded) == (1, 1)
    assert "bad" not in set(db.documents().doc_id)
    assert any("could not be coded" in p for p in report.problems)


def test_database_counts_match_a_recount_from_scratch(db, rule_coder):
    docs = [make_doc(f"d{i}", f"China condemned Japan. Russia attacked Ukraine. Brazil praised India number {i}.",
                     source=f"s{i % 3}") for i in range(12)]  # fmt: skip
    db.ingest(docs, coder=rule_coder, dedup=False)
    frame = db.events().set_index("event_key")
    mention_rows = db.mentions()
    for key, group in mention_rows.groupby("event_key"):
        assert frame.loc[key, "num_mentions"] == len(group)
        assert frame.loc[key, "num_articles"] == group.doc_id.nunique()
        assert frame.loc[key, "num_sources"] == group.source.nunique()
    assert frame.loc[frame.event == "ACCUSE", "num_articles"].item() == 12
    assert frame.loc[frame.event == "ACCUSE", "num_sources"].item() == 3


def test_database_document_view_marks_events_and_quotes(db, rule_coder):
    db.ingest([make_doc("a", TEXT_A)], coder=rule_coder)
    view = db.document("a")
    marked = view.marked_text()
    assert marked.startswith("[[China condemned Japan on Monday.]]{E1: CHN ACCUSE JPN}")
    assert "<<We will not accept this,>>{Q1: ?}" in marked
    assert [e["event"] for e in view.events] == ["ACCUSE", "CONSULT"]


def test_database_reports_keep_the_contract_json(db, rule_coder):
    db.ingest([make_doc("a", TEXT_A)], coder=rule_coder)
    raw = db._read(lambda c: c.scalar(sa.select(reports.c.record).where(reports.c.seq == 0)))
    record = json.loads(raw)
    assert record["type"] == "event" and record["doc_id"] == "a" and record["text_info"]["sentence"] == 0


def test_database_reopen_keeps_data(db_url, rule_coder):
    with open_database(db_url) as first:
        first.ingest([make_doc("a", TEXT_A)], coder=rule_coder)
    with open_database(db_url) as second:
        assert second.summary()["events"] == 2


@pytest.mark.parametrize("doc_id", ["missing"])
def test_database_unknown_document_is_a_coded_error(db, doc_id):
    from communique.errors import StoreError

    with pytest.raises(StoreError, match=r"\[E403\] no document with id 'missing'"):
        db.document(doc_id)
