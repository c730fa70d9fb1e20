"""Getting predictions to score: coding documents with the pipeline, or reading saved contract JSONL."""
from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError
from ..records import CodedDocument, Document

LOGGER = logging.getLogger(__name__)

Predictions = dict[str, list[dict[str, Any]]]


def read_documents(sources: Iterable[str], *, default_date: date | None = None) -> list[Document]:
    """The documents of DOCS (files, directories, JSONL corpora); unreadable inputs are logged and skipped."""
    from ..ingest import read_sources

    documents = []
    for item in read_sources(list(sources), default_date=default_date):
        if isinstance(item, Document):
            documents.append(item)
        else:
            LOGGER.warning("skipped input: %s", item.message)
    return documents


def code_predictions(
    documents: Iterable[Document], *, coder=None, workers: int | None = None
) -> tuple[Predictions, list[CodedDocument]]:
    """Code documents and return their event records by doc_id, and the failed documents.

    Args:
        documents (Iterable[Document]): what to code.
        coder (Coder): an already loaded pipeline (used when workers is 1 or None).
        workers (int): worker processes; with more than one, each builds its own pipeline.
    """
    from ..pipeline import code_documents

    predictions: Predictions = {}
    failed = []
    use_coder = coder if (workers or 1) <= 1 else None
    for result in code_documents(documents, workers=workers or 1, coder=use_coder):
        if result.error:
            LOGGER.warning("could not code %s: %s", result.document.doc_id, result.error)
            failed.append(result)
        predictions[result.document.doc_id] = [record.to_dict() for record in (*result.events, *result.statements)]
    return predictions, failed


def read_predictions(path: str | Path) -> Predictions:
    """Event records of a saved JSON Lines output file (`communique code --format jsonl`), by doc_id."""
    path = Path(path)
    predictions: Predictions = defaultdict(list)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise InputError(Errors.E007.format(name=path)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(Errors.E004.format(name=path, line=number, detail=err.msg)) from None
        if not isinstance(record, dict) or "doc_id" not in record:
            raise InputError(Errors.E005.format(name=path, line=number, field="doc_id"))
        kind = record.get("type", "event")
        if kind in ("event", "statement"):  # statements (--statements) stand in where a sentence has no event
            check_prediction(record, path, number, statement=kind == "statement")
            predictions[str(record["doc_id"])].append(record)
    return dict(predictions)


def _is_entities(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, dict) and "code" in e for e in value)


def check_prediction(record: dict[str, Any], path: Path, line: int, *, statement: bool = False) -> None:
    """The least a predicted event needs to be scored: a type (none for a statement) and actor/recipient lists
    of coded entities."""
    if not statement and not isinstance(record.get("event"), str):
        raise InputError(Errors.E009.format(name=path, line=line, field="event", expected="a PLOVER event type"))
    for role in ("actor", "recipient"):
        if not _is_entities(record.get(role, [])):
            expected = "a list of entities with a 'code'"
            raise InputError(Errors.E009.format(name=path, line=line, field=role, expected=expected))
