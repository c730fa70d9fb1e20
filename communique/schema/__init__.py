"""The JSON Schema of the output contract, and a validator for single records.

`event.schema.json`, `quote.schema.json` and `statement.schema.json` (JSON Schema draft 2020-12) describe one
line of Communique's JSON Lines output: `communique.records.Event.to_dict()` (type "event", or "statement" for a
CAMEO 01 comment) and `Quote.to_dict()`. `validate_record()` checks a record
against its schema and, when the document text is given, checks that every offset points at the words quoted.

Example:
    >>> from communique.schema import validate_record
    >>> validate_record(event.to_dict(), text=document.text)  # raises RecordError when broken
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ..errors import CommuniqueError, Errors

SCHEMA_FILES = {"event": "event.schema.json", "quote": "quote.schema.json", "statement": "statement.schema.json"}

__all__ = ["SCHEMA_FILES", "RecordError", "load_schema", "validate_record"]


class RecordError(CommuniqueError, ValueError):
    """A record does not follow the output contract."""


def load_schema(record_type: str) -> dict[str, Any]:
    """The parsed JSON Schema for 'event', 'quote' or 'statement' records."""
    path = resources.files(__name__) / SCHEMA_FILES[record_type]
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _validator(record_type: str) -> Draft202012Validator:
    schemas = {name: load_schema(name) for name in SCHEMA_FILES}
    # Quote and statement records refer to the definitions of the event schema by its file name.
    resources_ = [(SCHEMA_FILES[name], Resource.from_contents(schema)) for name, schema in schemas.items()]
    resources_ += [(schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()]
    registry = Registry().with_resources(resources_)
    schema = schemas[record_type]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def _where(path) -> str:
    return "/".join(str(part) for part in path) or "(record)"


def _check_schema(record: dict[str, Any], record_type: str, name: str) -> None:
    errors = sorted(_validator(record_type).iter_errors(record), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        detail = first.message if len(first.message) < 300 else first.message[:300] + "..."
        raise RecordError(Errors.E305.format(name=name, where=_where(first.absolute_path), detail=detail))


def _entities(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for role in ("actor", "recipient"):
        for i, entity in enumerate(record.get(role) or []):
            yield f"{role}/{i}", entity
    for role in ("reporter", "speaker"):
        if record.get(role):
            yield role, record[role]


def _check_span(text: str, name: str, where: str, start: int, end: int, expected: str) -> None:
    found = text[start:end] if 0 <= start <= end <= len(text) else None
    if found != expected:
        raise RecordError(
            Errors.E306.format(name=name, where=where, start=start, end=end, found=found, expected=expected)
        )


def _check_order(name: str, where: str, start: int, end: int) -> None:
    if start > end:
        raise RecordError(Errors.E305.format(name=name, where=where, detail=f"start {start} is after end {end}"))


def _check_offsets(record: dict[str, Any], text: str | None, name: str) -> None:
    for where, entity in _entities(record):
        _check_order(name, where, entity["start"], entity["end"])
        if text is not None:
            _check_span(text, name, where, entity["start"], entity["end"], entity["entity_text"])
    if record["type"] in ("event", "statement"):
        info = record["text_info"]
        _check_order(name, "text_info", info["start"], info["end"])
        for i, mention in enumerate(record["mentions"]):
            _check_order(name, f"mentions/{i}", mention["start"], mention["end"])
        if text is not None:
            _check_span(text, name, "text_info", info["start"], info["end"], record["text"])
    else:
        _check_order(name, "(quote)", record["start"], record["end"])
        if text is not None:
            _check_span(text, name, "quote", record["start"], record["end"], record["quote"])


def validate_record(record: dict[str, Any], *, text: str | None = None) -> None:
    """Check one output record against the contract; raise `RecordError` saying what is wrong and where.

    Args:
        record (dict): an event, quote or statement record, as written to JSON Lines.
        text (str): the document text; when given, every entity, sentence and quote offset must point at the
            words the record quotes (text[start:end] == entity_text).
    RAISES:
        RecordError: the record's type is unknown, a field breaks the schema, or an offset is wrong.
    """
    name = f"record {record.get('id') or record.get('doc_id') or '?'}" if isinstance(record, dict) else "record"
    if not isinstance(record, dict) or record.get("type") not in SCHEMA_FILES:
        value = record.get("type") if isinstance(record, dict) else type(record).__name__
        raise RecordError(Errors.E307.format(name=name, value=value))
    _check_schema(record, record["type"], name)
    _check_offsets(record, text, name)
