"""Duplicate detection against what is stored: exact copies by content hash, near copies by MinHash.

Exact: a document whose text hash equals a stored (or earlier in this run) coded document's. Near: the ingest
package's `DuplicateIndex` (MinHash over word shingles, threshold documented in `communique.ingest.dedup`),
loaded with the signatures stored beside each coded document, so near copies are found across runs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from ..records import Document
from .schema import documents


@dataclass(frozen=True)
class Match:
    """The first copy a document duplicates."""

    original: str
    kind: str  # exact | near
    similarity: float


class StoredDuplicates:
    """Finds the first copy of a document among stored documents and those seen in this run."""

    def __init__(self, db, *, near_threshold: float | None = None) -> None:
        self.db = db
        self.hashes: dict[str, str] = {}  # content hash -> doc_id, this run
        self.near = _load_near_index(db, near_threshold)

    def match(self, document: Document) -> Match | None:
        content_hash = document.content_hash
        original = self.hashes.get(content_hash) or self._stored_copy(content_hash, document.doc_id)
        if original and original != document.doc_id:
            return Match(original, "exact", 1.0)
        if self.near is None:
            return None
        found = self.near.query(document)
        if found is not None and found.doc_id != document.doc_id:
            return Match(found.doc_id, "near", float(found.similarity))
        return None

    def add(self, document: Document) -> None:
        self.hashes.setdefault(document.content_hash, document.doc_id)
        if self.near is not None:
            self.near.add(document)

    def signature_of(self, doc_id: str) -> str | None:
        """The near-duplicate signature of a document added in this run, as JSON (stored with it)."""
        if self.near is None:
            return None
        signature = self.near.signature_of(doc_id)
        return json.dumps(list(signature)) if signature is not None else None

    def _stored_copy(self, content_hash: str, doc_id: str) -> str | None:
        query = (
            sa.select(documents.c.doc_id)
            .where(documents.c.content_hash == content_hash, documents.c.status == "coded",
                   documents.c.doc_id != doc_id)
            .order_by(documents.c.ingested_at, documents.c.doc_id)
            .limit(1)
        )  # fmt: skip
        return self.db._read(lambda conn: conn.scalar(query))


def _load_near_index(db, threshold: float | None):
    """The ingest package's near-duplicate index, filled with the stored signatures."""
    from ..ingest.dedup import DuplicateIndex

    index = DuplicateIndex() if threshold is None else DuplicateIndex(threshold=threshold)
    query = sa.select(documents.c.doc_id, documents.c.signature).where(
        documents.c.status == "coded", documents.c.signature.is_not(None)
    )
    for doc_id, signature in db._read(lambda conn: conn.execute(query).all()):
        index.add_signature(doc_id, json.loads(signature))
    return index
