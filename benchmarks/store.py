"""Event store figures: ingest throughput as a share of `code`'s, and dyad query latency over 100,000 events.

1. Ingest: the Wikinews articles (../shared/data/wikinews/articles.jsonl) repeated `--repeat` times under
   distinct ids are coded by `code_documents` (the `communique code` path, results consumed) and ingested
   into a fresh SQLite file and a fresh PostgreSQL database with the same loaded coder, in the same run.
   Ingest runs with dedup off, so every copy is coded and stored, as `code` codes it (with dedup on, copies are
   linked without coding: that figure is printed too). Ratio = ingest docs/s / code docs/s.
2. Queries: 100,000 events sampled from the real coded events (dates spread over two years, dyads drawn
   from the real actor-recipient pairs) are written to a SQLite file and to a fresh PostgreSQL database (the
   same rows; PostgreSQL is then vacuumed and analyzed, as autovacuum would leave it); `dyads()` and `events()`
   are timed on each (median of 7).

Usage: python benchmarks/store.py [--repeat 10] [--events 100000] [--pg URL]   (PostgreSQL: --pg, else
$COMMUNIQUE_TEST_PG_URL, else scripts/start_postgres.sh).
       python benchmarks/store.py --seed-db FILE   (queries only, over events synthesized from FILE's).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from communique.records import Document

ARTICLES = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"


def load_articles(repeat: int) -> list[Document]:
    base = [json.loads(line) for line in ARTICLES.open(encoding="utf-8")]
    docs = []
    for copy in range(repeat):
        for record in base:
            docs.append(Document(doc_id=f"{record['id']}-r{copy}", text=record["text"], title=record.get("title"),
                                 date=date.fromisoformat(record["date"][:10]), url=record.get("url"),
                                 source="wikinews"))  # fmt: skip
    return docs


def pg_server() -> str | None:
    url = os.environ.get("COMMUNIQUE_TEST_PG_URL")
    if url:
        return url
    done = subprocess.run(["bash", str(ROOT / "scripts" / "start_postgres.sh")], capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("export COMMUNIQUE_TEST_PG_URL=")]
    return lines[-1].split("=", 1)[1] if lines else None


def fresh_pg_database(server: str) -> str:
    import sqlalchemy as sa

    url = sa.engine.make_url(server)
    name = f"cq_bench_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def ingest_figures(args) -> str:
    """Code, SQLite ingest and PostgreSQL ingest over the same chunks, in rotating order (robust to load drift)."""
    from communique.pipeline import Coder, code_documents
    from communique.store import open_database

    docs = load_articles(args.repeat)
    coder = Coder()
    coder.code_text("Warm-up: China condemned Japan.")
    tmp = Path(tempfile.mkdtemp(prefix="cq-bench-"))
    server = args.pg or pg_server()
    databases = {"SQLite": open_database(str(tmp / "bench.db"))}
    if server:
        databases["PostgreSQL"] = open_database(fresh_pg_database(server))
    runners = {"code": lambda chunk: sum(1 for _ in code_documents(chunk, coder=coder, workers=1))}
    for name, db in databases.items():
        runners[name] = lambda chunk, db=db: db.ingest(chunk, coder=coder, dedup=False).coded
    spent = {name: 0.0 for name in runners}
    counts = {name: 0 for name in runners}
    chunks = [docs[i : i + args.chunk] for i in range(0, len(docs), args.chunk)]
    names = list(runners)
    for n, chunk in enumerate(chunks):
        for name in names[n % len(names):] + names[: n % len(names)]:
            started = time.perf_counter()
            counts[name] += runners[name](chunk)
            spent[name] += time.perf_counter() - started
    rate = {name: counts[name] / spent[name] for name in runners}
    lines = [f"documents: {len(docs)} ({args.repeat} x {len(docs) // args.repeat} Wikinews articles, distinct ids),"
             f" chunks of {args.chunk} run in rotating order"]  # fmt: skip
    lines.append(f"code: {rate['code']:.2f} docs/s ({spent['code']:.1f}s)")
    for name, db in databases.items():
        summary = db.summary()
        lines.append(f"ingest {name} (dedup off): {rate[name]:.2f} docs/s ({spent[name]:.1f}s), ratio to code "
                     f"{rate[name] / rate['code']:.3f}; stored {summary['coded']} documents, "
                     f"{summary['reports']} event records, {summary['events']} events")  # fmt: skip
        db.close()
    if not server:
        lines.append("ingest PostgreSQL: no server")
    if args.no_dedup_pass:
        args.seed_db = str(tmp / "bench.db")
        return "\n".join(lines)
    with open_database(str(tmp / "dedup.db")) as db:
        started = time.perf_counter()
        report = db.ingest(docs, coder=coder, dedup=True)
        seconds = time.perf_counter() - started
    lines.append(f"ingest SQLite (dedup on): {len(docs) / seconds:.2f} docs/s; coded {report.coded}, "
                 f"linked {report.duplicates} exact copies")  # fmt: skip
    args.seed_db = str(tmp / "bench.db")
    return "\n".join(lines)


def synthesize_events(seed_db: str, targets: list[str], n: int) -> int:
    """`n` events sampled from real ones: real types, CAMEO codes, scores and dyads; dates over two years.
    The same rows are written to every target database."""
    import sqlalchemy as sa

    from communique.store import open_database
    from communique.store.rows import event_key, period_starts
    from communique.store.schema import events

    with open_database(seed_db) as db:
        real = db._read(lambda c: [dict(r) for r in c.execute(sa.select(events)).mappings()])
    real = [r for r in real if r["actor_code"] and r["recipient_code"]]
    pairs = sorted({(r["actor_code"], r["actor_sector"], r["recipient_code"], r["recipient_sector"]) for r in real}, key=str)
    rng = random.Random(20230428)
    start = date(2022, 1, 1)
    rows = []
    for i in range(n):
        row = dict(rng.choice(real))
        row["actor_code"], row["actor_sector"], row["recipient_code"], row["recipient_sector"] = rng.choice(pairs)
        day = start + timedelta(days=rng.randrange(730))
        row.update(date=day.isoformat(), day=day, historical=False, num_mentions=rng.randint(1, 5))
        row["week"], row["month"] = period_starts(day)
        row["event_key"] = event_key(row | {"cameo": f"{row['cameo']}#{i}"})
        rows.append(row)
    for target in targets:
        with open_database(target) as db:
            db._write(lambda conn: conn.execute(events.insert(), rows))
            if db.engine.dialect.name == "postgresql":  # the state autovacuum leaves a loaded table in
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql("VACUUM ANALYZE events")
    return len(pairs)


def query_figures(args) -> str:
    """The same queries over the same synthesized events, on SQLite and (when a server is found) PostgreSQL."""
    from communique.store import open_database

    targets = {"SQLite": str(Path(tempfile.mkdtemp(prefix="cq-bench-q-")) / "events100k.db")}
    server = args.pg or pg_server()
    if server:
        targets["PostgreSQL"] = fresh_pg_database(server)
    n_pairs = synthesize_events(args.seed_db, list(targets.values()), args.events)
    lines = [(f"query database: {args.events} events, {n_pairs} real dyads, 2 years "
              f"({', '.join(targets)}; PostgreSQL after VACUUM ANALYZE)")]  # fmt: skip
    if not server:
        lines.append("queries PostgreSQL: no server")
    with open_database(targets["SQLite"]) as db:
        actor, recipient = db.dyads(by="month").groupby(["actor_code", "recipient_code"]).events.sum().idxmax()
    for name, target in targets.items():
        with open_database(target) as db:
            for label, call in (
                (f"dyad series {actor}-{recipient} by week",
                 lambda db=db: db.dyads(by="week", actor=actor, recipient=recipient)),
                ("all dyads by month", lambda db=db: db.dyads(by="month")),
                ("all dyads by week", lambda db=db: db.dyads(by="week")),
                ("events --actor (first 1000)", lambda db=db: db.events(actor=actor, limit=1000)),
            ):  # fmt: skip
                times = []
                for _ in range(7):
                    started = time.perf_counter()
                    frame = call()
                    times.append(time.perf_counter() - started)
                lines.append(f"{name} {label}: median {1000 * statistics.median(times):.1f} ms ({len(frame)} rows)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=10, help="documents per timed chunk")
    parser.add_argument("--pg", help="PostgreSQL server URL")
    parser.add_argument("--no-dedup-pass", action="store_true", help="skip the dedup-on ingest figure")
    parser.add_argument("--seed-db", help="skip the ingest benchmark; synthesize from this database's events")
    args = parser.parse_args()
    print(f"# benchmarks/store.py, {date.today().isoformat()}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if not args.seed_db:
        print(ingest_figures(args), flush=True)
    print(query_figures(args))


if __name__ == "__main__":
    main()
