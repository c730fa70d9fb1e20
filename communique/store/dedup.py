"""Duplicate detection against what is stored: exact copies and near copies (MinHash over word shingles).

The work is done by `communique.ingest.dedup.DuplicateIndex`: exact copies have the same text once case and
whitespace are normalised; near copies share at least `threshold` (default 0.7, from communique.ingest.dedup) of their word 5-shingles,
estimated from 128 MinHash values with LSH. The signature of each document coded with dedup on is stored in
`documents.signature` (base64), so a later run rebuilds the index and finds copies of earlier documents too.
A byte-identical copy of a stored document that has no signature is still found by its content hash.
"""
from __future__ import annotations

import base64
import dataclasses
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from ..ingest.dedup import SIGNATURE_VERSION, DedupOptions, DuplicateIndex
from ..records import Document
from .schema import documents

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    """The first copy a document duplicates."""

    original: str
    kind: str  # exact | near
    similarity: float


def encode_signature(signature: bytes) -> str:
    return base64.b64encode(signature).decode("ascii")


class StoredDuplicates:
    """Finds the first copy of a document among stored documents and those seen in this run."""

    def __init__(self, db, *, near_threshold: float | None = None) -> None:
        self.db = db
        options = DedupOptions()
        if near_threshold is not None:
            options = dataclasses.replace(options, threshold=near_threshold)
        self.index = DuplicateIndex(options)
        self.signatures: dict[str, bytes] = {}  # doc_id -> signature, for documents added in this run
        self._pending: tuple[str, bytes] | None = None  # the last matched document's signature
        self._load()

    def _load(self) -> None:
        """Index the stored signatures; one the index cannot read (an older signature version) is left out,
        and that document is then found only as a byte-identical copy, by its content hash."""
        query = sa.select(documents.c.doc_id, documents.c.signature).where(
            documents.c.status == "coded", documents.c.signature.is_not(None)
        )
        readable = []
        for doc_id, encoded in self.db._read(lambda conn: conn.execute(query).all()):
            signature = base64.b64decode(encoded)
            if len(signature) != 33 + 4 * self.index.options.num_perm or signature[0] != SIGNATURE_VERSION:
                LOGGER.warning("%s: stored near-duplicate signature is of another version; skipped", doc_id)
                continue
            readable.append((doc_id, signature))
        self.index.add_signatures(readable)

    def match(self, document: Document) -> Match | None:
        """The earlier document this one copies, or None (a document never copies its own older version).

        The document's signature is computed once here and reused by `add`.
        """
        signature = self.index.signature(document)
        self._pending = (document.doc_id, signature)
        found = self.index.check_signature(signature)
        if found is not None and found.of_doc_id != document.doc_id:
            return Match(found.of_doc_id, found.kind, float(found.similarity))
        original = self._stored_copy(document.content_hash, document.doc_id)
        return Match(original, "exact", 1.0) if original else None

    def add(self, document: Document) -> None:
        if self._pending and self._pending[0] == document.doc_id:
            signature = self._pending[1]
        else:
            signature = self.index.signature(document)
        self.index.add_signature(document.doc_id, signature)
        self.signatures[document.doc_id] = signature

    def signature_of(self, doc_id: str) -> str | None:
        """The signature of a document added in this run, encoded for `documents.signature`."""
        signature = self.signatures.get(doc_id)
        return encode_signature(signature) if signature is not None else None

    def _stored_copy(self, content_hash: str, doc_id: str) -> str | None:
        query = (
            sa.select(documents.c.doc_id)
            .where(documents.c.content_hash == content_hash, documents.c.status == "coded",
                   documents.c.doc_id != doc_id)
            .order_by(documents.c.ingested_at, documents.c.doc_id)
            .limit(1)
        )  # fmt: skip
        return self.db._read(lambda conn: conn.scalar(query))
