"""Crash safety, for real: SIGKILL `communique ingest` in the middle of 1,000 documents, then run it again.

Nothing committed before the kill is lost or changed, and the second run finishes with every document stored
once, no event record twice, and event counts equal to a recount from the stored mentions.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.store import open_database

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
N_DOCS = 1000


def write_corpus(shared_dir: Path, path: Path) -> int:
    """283 Wikinews articles and synthetic stories up to 1,000 documents, as JSON Lines."""
    lines = []
    for name in ("wikinews/articles.jsonl", "ngec-synthetic/stories.jsonl"):
        with (shared_dir / "data" / name).open(encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                lines.append(json.dumps({"id": record["id"], "text": record["text"], "title": record.get("title"),
                                         "date": (record.get("date") or "2020-01-01")[:10],
                                         "url": record.get("url")}))  # fmt: skip
                if len(lines) == N_DOCS:
                    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                    return N_DOCS
    raise AssertionError("not enough documents in ../shared/data")


def ingest_process(corpus: Path, db_path: Path) -> subprocess.Popen:
    code = "from communique.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "ingest", str(corpus), "--db", str(db_path), "--quiet"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def committed(db_path: Path) -> dict[str, list[str]]:
    """doc_id -> its stored event record ids, read with a plain sqlite3 connection."""
    with sqlite3.connect(db_path, timeout=30) as conn:
        docs = {doc_id: [] for (doc_id,) in conn.execute("SELECT doc_id FROM documents")}
        for doc_id, report_id in conn.execute("SELECT doc_id, id FROM reports ORDER BY doc_id, seq"):
            docs[doc_id].append(report_id)
    return docs


def count_documents(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(db_path, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def test_crash_sigkill_mid_ingest_loses_nothing_and_rerun_has_no_duplicates(shared_dir, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(shared_dir, corpus)
    db_path = tmp_path / "crash.db"
    process = ingest_process(corpus, db_path)
    deadline = time.monotonic() + 900
    while count_documents(db_path) < 150:
        assert process.poll() is None, f"ingest ended before the kill: {process.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, "ingest too slow to reach 150 documents"
        time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    before = committed(db_path)
    assert 150 <= len(before) < N_DOCS

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rerun = ingest_process(corpus, db_path)
    _, errors = rerun.communicate(timeout=1800)
    assert rerun.returncode == 0, errors[-2000:]

    after = committed(db_path)
    for doc_id, report_ids in before.items():  # nothing committed was lost or changed
        assert after[doc_id] == report_ids
    with open_database(db_path) as db:
        stored = db.documents()
        problems = [line for line in errors.splitlines() if line.startswith("error:")]
        assert len(stored) + len(problems) == N_DOCS, problems[:5]
        assert stored.doc_id.is_unique
        reports = db.reports()
        assert len({(r["doc_id"], r["id"], r["text_info"]["start"], r["cameo"]) for r in reports}) == len(reports)
        events = db.events().set_index("event_key")
        mentions = db.mentions()
        assert set(mentions.event_key) == set(events.index)
        recount = mentions.groupby("event_key").size()
        assert (events.num_mentions == recount.reindex(events.index)).all()
        duplicates = stored[stored.status == "duplicate"]
        assert set(duplicates.duplicate_of) <= set(stored[stored.status == "coded"].doc_id)
