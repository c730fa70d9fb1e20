"""`Database`: the event database behind `communique ingest`, `events`, `dyads`, `export` and `communique.open`.

Every CLI command is a thin adapter over one method here (sqlite-utils style): `communique events --actor CHN`
is `Database.events(actor="CHN")`, `communique dyads --by week` is `Database.dyads(by="week")`.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..errors import Errors, StoreError
from . import migrate, queries
from .engine import DEFAULT_LOCK_TIMEOUT, create_engine, display_url, normalize_url, translate_errors
from .ingest import IngestReport, Source, iter_documents, run_ingest, utcnow
from .schema import documents

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import Coder, CoderOptions
    from ..records import CodedDocument, Document


class Database:
    """An event database (SQLite file or PostgreSQL), created and migrated on open.

    Args:
        db (str | Path | None): a path, `sqlite:///path`, or `postgresql://user:pass@host/db`; None opens the
            default file (see `communique.store.engine.default_db`).
        lock_timeout (float): seconds a SQLite writer waits for another writer before failing with E402.

    Example:
        >>> db = Database("events.db")
        >>> db.ingest(["articles.jsonl"]).coded
        >>> db.events(actor="CHN", type="ACCUSE")
    """

    def __init__(self, db: str | os.PathLike | None = None, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.url = normalize_url(db)
        self.display_url = display_url(self.url)
        with translate_errors(self.url, opening=True):
            self.engine = create_engine(self.url, lock_timeout=lock_timeout)
            migrate.upgrade(self.engine)

    def __repr__(self) -> str:
        return f"<Database {self.display_url}>"

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- low-level access ---------------------------------------------------------------------------
    def _read(self, function: Callable[[sa.Connection], Any]) -> Any:
        with translate_errors(self.url), self.engine.connect() as conn:
            return function(conn)

    def _write(self, function: Callable[[sa.Connection], Any]) -> Any:
        """Run `function` in one write transaction: all of it is committed, or none of it."""
        with translate_errors(self.url), self.engine.connect() as conn:
            conn.execution_options(cq_write=True)
            with conn.begin():
                return function(conn)

    def _stored_hash(self, doc_id: str) -> str | None:
        return self._read(
            lambda conn: conn.scalar(sa.select(documents.c.content_hash).where(documents.c.doc_id == doc_id))
        )

    def _duplicate_index(self, near_threshold: float | None):
        from .dedup import StoredDuplicates

        return StoredDuplicates(self, near_threshold=near_threshold)

    # --- ingest and recode --------------------------------------------------------------------------
    def ingest(
        self,
        sources: Iterable[Source] | Source,
        *,
        coder: Coder | None = None,
        options: CoderOptions | None = None,
        workers: int | None = None,
        dedup: bool = True,
        near_threshold: float | None = None,
        on_problem: Callable[[str], None] | None = None,
        **read_options: Any,
    ) -> IngestReport:
        """Read, code and store documents; safe to run again (stored documents are skipped).

        Args:
            sources: paths, folders, JSONL/CSV files, feed or article URLs (read with
                `communique.ingest.read_sources`), or `Document` records.
            coder (Coder): an already loaded coder; else one is built from `options` when first needed.
            options (CoderOptions): model, user files and settings for the coder.
            workers (int): coding processes (1: in this process).
            dedup (bool): link exact and near duplicates to their first copy instead of coding them.
            near_threshold (float): near-duplicate similarity threshold (default: the ingest package's).
            on_problem (callable): called with each one-line problem message as it happens.
            **read_options: passed to `read_sources` (default_date, columns, fetch, ...).
        RETURNS (IngestReport): counts of what was coded, skipped, linked and failed.
        """
        coding = _CodingSession(coder, options, workers)
        return run_ingest(
            self, iter_documents(sources, read_options), code=coding.code, version=coding.version,
            dedup=dedup, near_threshold=near_threshold, on_problem=on_problem,
        )  # fmt: skip

    def recode(
        self,
        *,
        coder: Coder | None = None,
        options: CoderOptions | None = None,
        workers: int | None = None,
        all: bool = False,
        on_problem: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Code stored documents again (after an upgrade), replacing each one's events atomically.

        Args:
            all (bool): recode every coded document; by default only those coded by another coder version.
        RETURNS (IngestReport): `updated` counts the documents recoded.
        """
        from .recode import run_recode

        return run_recode(self, _CodingSession(coder, options, workers), all=all, on_problem=on_problem)

    # --- queries ------------------------------------------------------------------------------------
    def events(self, **filters: Any) -> pd.DataFrame:
        """Events (one row per actor-recipient pair, type, CAMEO code and date) with their counts.

        Filters: actor, recipient (codes), type (PLOVER type or CAMEO code prefix), since, until (dates),
        source (publisher of a reporting article), limit. Each may be a value or a list of values.
        """
        return self._read(lambda conn: queries.select_events(conn, **filters))

    def dyads(self, by: str = "month", **filters: Any) -> pd.DataFrame:
        """Per actor-recipient pair and period (day, week or month): counts per PLOVER type and quad class,
        events, mentions, summed Goldstein and PLOVER scores. Takes the filters of `events`. Events whose actor
        or recipient code is null (an unidentified actor, or no recipient) are not in any dyad."""
        return self._read(lambda conn: queries.select_dyads(conn, by=by, **filters))

    def top_actors(self, limit: int = 20, **filters: Any) -> pd.DataFrame:
        """Actor codes by number of events as actor or recipient (and mentions). Takes the filters of `events`.
        Counted over complete dyads: events with a null actor or recipient code are skipped, as in `dyads`."""
        return self._read(lambda conn: queries.select_top_actors(conn, limit=limit, **filters))

    def documents(self, limit: int | None = None) -> pd.DataFrame:
        """Stored documents (no text): id, title, url, source, date, status, duplicate links, counts."""
        return self._read(lambda conn: queries.select_documents(conn, limit=limit))

    def mentions(self, **filters: Any) -> pd.DataFrame:
        """Every sentence that reports an event: event key, document, sentence index and offsets."""
        return self._read(lambda conn: queries.select_mentions(conn, **filters))

    def reports(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Stored event records (the full contract, `Event.to_dict()`), of one document or all."""
        return self._read(lambda conn: queries.select_reports(conn, doc_id=doc_id))

    def document(self, doc_id: str) -> queries.DocumentView:
        """One stored article with its events, quotes and statements (`DocumentView.marked_text()` marks the
        events and quotes)."""
        view = self._read(lambda conn: queries.select_document(conn, doc_id))
        if view is None:
            raise StoreError(Errors.E403.format(doc_id=doc_id, url=self.display_url))
        return view

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Counts of documents and events, events by type, and the top dyads."""
        return self._read(lambda conn: queries.summarize(conn, top=top))

    def export(self, format: str, path: str | Path | None = None, **options: Any) -> dict[str, Any]:
        """Write the events in a format (plover, gdelt, icews, csv, parquet, jsonl); see `communique.export`."""
        from ..export import export_events

        return export_events(self, format, path, **options)


class _CodingSession:
    """Loads the coder only when a document needs coding, and names the coder version."""

    def __init__(self, coder: Coder | None, options: CoderOptions | None, workers: int | None) -> None:
        self.coder = coder
        self.options = options or (coder.options if coder else None)
        self.workers = workers
        self._version: str | None = coder.version if coder else None

    def _loaded(self) -> Coder:
        if self.coder is None:
            from ..pipeline import Coder

            self.coder = Coder(self.options)
            self.options = self.coder.options
        return self.coder

    def version(self) -> str:
        if self._version is None:
            self._version = self._loaded().version
        return self._version

    def code(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        from ..pipeline import code_documents

        if self.workers and self.workers > 1:
            yield from code_documents(documents, options=self._loaded().options, workers=self.workers)
        else:
            iterator = iter(documents)
            first = next(iterator, None)  # load the model only when something needs coding
            if first is None:
                return
            import itertools

            yield from self._loaded().code(itertools.chain([first], iterator))


def open_database(db: str | os.PathLike | None = None, **options: Any) -> Database:
    """Open (creating and migrating as needed) an event database; `communique.open` is this function.

    Args:
        db: a path, `sqlite:///path` or `postgresql://...` URL; None: `$COMMUNIQUE_DB` or the default file.
    RETURNS (Database): queries give pandas DataFrames.
    """
    return Database(db, **options)


__all__ = ["Database", "IngestReport", "open_database", "utcnow"]
