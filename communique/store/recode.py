"""`Database.recode`: code stored documents again after an upgrade, one atomic swap per document."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa

from ..records import Document
from .ingest import IngestReport, utcnow
from .rows import coded_rows
from .schema import documents
from .writer import replace_coded


def stored_document(row: Any) -> Document:
    """A `Document` rebuilt from its `documents` row."""
    meta = json.loads(row.meta) if row.meta else {}
    if row.language:
        meta["language"] = row.language
    return Document(doc_id=row.doc_id, text=row.text, title=row.title, date=row.pub_date, url=row.url,
                    source=row.source, origin=row.origin, meta=meta)  # fmt: skip


def _documents_to_recode(db, version: str, everything: bool) -> Iterator[Document]:
    query = sa.select(documents.c.doc_id).where(documents.c.status == "coded").order_by(documents.c.doc_id)
    if not everything:
        query = query.where(sa.or_(documents.c.coder_version.is_(None), documents.c.coder_version != version))
    ids = db._read(lambda conn: list(conn.scalars(query)))
    for doc_id in ids:
        query_one = sa.select(documents).where(documents.c.doc_id == doc_id)
        row = db._read(lambda conn, query_one=query_one: conn.execute(query_one).first())
        if row is not None:
            yield stored_document(row)


def run_recode(db, coding, *, all: bool = False, on_problem: Callable[[str], None] | None = None) -> IngestReport:
    """Recode stored documents (those coded by another version, or all); each swap is one transaction."""
    started = time.perf_counter()
    report = IngestReport()
    version = coding.version()
    for result in coding.code(_documents_to_recode(db, version, all)):
        report.read += 1
        if result.error:
            report.failed += 1
            report.problems.append(result.error)
            if on_problem:
                on_problem(result.error)
            continue  # the stored coding stays as it was
        rows = coded_rows(result, version=version, now=utcnow())
        rows.document.pop("signature", None)  # keep the stored near-duplicate signature
        db._write(lambda conn, rows=rows: replace_coded(conn, rows))
        report.updated += 1
        report.reports += len(rows.reports)
    report.seconds = time.perf_counter() - started
    return report
