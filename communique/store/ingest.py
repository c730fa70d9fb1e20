"""Ingesting documents into the event database: read, skip what is stored, link duplicates, code, commit.

One transaction per document (the document with its reports, events, mentions, entities and quotes), so a
killed process loses at most the documents it had not yet committed, and running it again picks up where it
stopped: a document whose id and text are stored is skipped before coding.

Duplicates are linked to the first copy instead of being coded again: exact copies by content hash, near
copies by the ingest package's `DuplicateIndex` (MinHash over word shingles; its threshold is documented
there). A stored document whose text changed (same id, new hash) is coded again and its coding replaced.
"""
from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from os import PathLike
from typing import Any

import sqlalchemy as sa

from ..records import CodedDocument, Document
from .rows import coded_rows, document_row
from .schema import documents
from .writer import insert_coded, insert_duplicate, replace_coded

LOGGER = logging.getLogger(__name__)

Source = str | PathLike | Document


@dataclass
class IngestReport:
    """What one `Database.ingest` call did.

    read: documents read; coded: coded and stored; updated: stored documents whose text changed, re-coded;
    unchanged: already stored with the same text (skipped); duplicates / near_duplicates: linked to a first
    copy; failed: could not be coded (not stored, so a later run retries them); problems: inputs that could
    not be read (one message each); reports: event records stored; seconds: wall time.
    """

    read: int = 0
    coded: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    reports: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "coded": self.coded, "updated": self.updated, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "near_duplicates": self.near_duplicates, "failed": self.failed,
            "reports": self.reports, "problems": len(self.problems), "seconds": round(self.seconds, 3),
        }  # fmt: skip


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def iter_documents(sources: Iterable[Source], read_kwargs: dict[str, Any]) -> Iterator[Any]:
    """Documents as given, and everything `read_sources` reads from paths, folders, feeds and URLs."""
    from ..ingest import read_sources

    if isinstance(sources, (str, PathLike, Document)):
        sources = [sources]
    for item in sources:
        if isinstance(item, Document):
            yield item
        else:
            yield from read_sources([str(item)], **read_kwargs)


@dataclass
class _Pending:
    """A duplicate waiting for its first copy (still being coded in this run) to be committed."""

    row: dict[str, Any]
    kind: str


class IngestRun:
    """One ingest pass over a stream of documents; see `Database.ingest`."""

    def __init__(self, db, *, dedup: bool, near_threshold: float | None,
                 on_problem: Callable[[str], None] | None) -> None:  # fmt: skip
        self.db = db
        self.report = IngestReport()
        self.on_problem = on_problem
        self.index = db._duplicate_index(near_threshold) if dedup else None
        self.stored: dict[str, str] = {}  # doc_id -> content hash, for documents read in this run
        self.waiting: dict[str, list[_Pending]] = defaultdict(list)
        self.changed: set[str] = set()

    def problem(self, message: str) -> None:
        self.report.problems.append(message)
        if self.on_problem:
            self.on_problem(message)
        else:
            LOGGER.warning("%s", message)

    def to_code(self, items: Iterable[Any]) -> Iterator[Document]:
        """The documents that need coding; the others are counted, linked or skipped on the way."""
        for item in items:
            if not isinstance(item, Document):
                self.problem(getattr(item, "message", str(item)))
                continue
            self.report.read += 1
            if self._settle(item):
                continue
            yield item

    def _settle(self, document: Document) -> bool:
        """True when the document needs no coding (unchanged, or a duplicate now linked or queued)."""
        content_hash = document.content_hash
        stored_hash = self.stored.get(document.doc_id) or self.db._stored_hash(document.doc_id)
        if stored_hash == content_hash:
            self.report.unchanged += 1
            return True
        if stored_hash is not None:
            self.changed.add(document.doc_id)
        self.stored[document.doc_id] = content_hash
        if self.index is None:
            return False
        match = self.index.match(document)
        if match is None:
            self.index.add(document)
            return False
        row = document_row(document, now=utcnow(), status="duplicate", duplicate_of=match.original,
                           duplicate_kind=match.kind, similarity=match.similarity)  # fmt: skip
        if match.original in self.waiting or self.db._stored_hash(match.original) is None:
            self.waiting[match.original].append(_Pending(row, match.kind))
        else:
            self._write_duplicate(row, match.kind)
        return True

    def _write_duplicate(self, row: dict[str, Any], kind: str) -> None:
        if row["doc_id"] in self.changed:  # a stored document whose new text copies another one
            self.db._write(lambda conn: (self._drop(conn, row["doc_id"]), insert_duplicate(conn, row)))
        else:
            self.db._write(lambda conn: insert_duplicate(conn, row))
        if kind == "exact":
            self.report.duplicates += 1
        else:
            self.report.near_duplicates += 1

    @staticmethod
    def _drop(conn: sa.Connection, doc_id: str) -> None:
        from .writer import delete_coding, recount

        keys = delete_coding(conn, doc_id)
        conn.execute(documents.delete().where(documents.c.doc_id == doc_id))
        recount(conn, keys)

    def _signature(self, document: Document) -> str | None:
        """The near-duplicate signature stored with a coded document; none when this run does not dedup
        (such a document is later found only as an exact copy, by its content hash)."""
        return self.index.signature_of(document.doc_id) if self.index is not None else None

    def store(self, result: CodedDocument, version: str) -> None:
        """Commit one coded document (and the duplicates that waited for it)."""
        doc_id = result.document.doc_id
        pending = self.waiting.pop(doc_id, [])
        if result.error:
            self.report.failed += 1 + len(pending)
            self.problem(result.error)
            for item in pending:
                self.problem(f"{item.row['doc_id']}: not stored: it copies {doc_id}, which could not be coded")
            return
        rows = coded_rows(result, version=version, now=utcnow())
        rows.document["signature"] = self._signature(result.document)
        if doc_id in self.changed:
            self.db._write(lambda conn: replace_coded(conn, rows))
            self.report.updated += 1
        else:
            self.db._write(lambda conn: insert_coded(conn, rows))
            self.report.coded += 1
        self.report.reports += len(rows.reports)
        for item in pending:
            self._write_duplicate(item.row, item.kind)


def run_ingest(db, items: Iterable[Any], *, code: Callable[[Iterable[Document]], Iterator[CodedDocument]],
               version: Callable[[], str], dedup: bool = True, near_threshold: float | None = None,
               on_problem: Callable[[str], None] | None = None) -> IngestReport:  # fmt: skip
    """Drive one ingest: settle what needs no coding, code the rest, commit each result."""
    started = time.perf_counter()
    run = IngestRun(db, dedup=dedup, near_threshold=near_threshold, on_problem=on_problem)
    for result in code(run.to_code(items)):
        run.store(result, version())
    for original, pending in run.waiting.items():  # first copies that never came back (should not happen)
        for item in pending:
            run.problem(f"{item.row['doc_id']}: not stored: its first copy {original} was not stored")
    run.report.seconds = time.perf_counter() - started
    return run.report
