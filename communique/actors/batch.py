"""Batch resolution: JSONL records `{id, text, context?, date?}` in, `{id, code, sector, name, entry}` out.

The Python face of `communique actors resolve --input CASES.jsonl --format jsonl`. A record without a date
resolves as of today; a malformed record raises InputError naming the file and line.
"""
from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import Errors, InputError
from .knowledge import KnowledgeBase, load_knowledge_base
from .resolve import resolve_phrase


def parse_iso_date(value: str, *, name: str = "date") -> datetime.date:
    """A YYYY-MM-DD date, or InputError [E010]."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(Errors.E010.format(name=name, value=value)) from None


def read_cases(handle: IO[str], *, name: str = "<stdin>") -> Iterator[dict]:
    """Parse resolution requests, one JSON object a line; raises InputError naming the line."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(Errors.E004.format(name=name, line=number, detail=err.msg)) from None
        if not isinstance(record, dict):
            raise InputError(Errors.E009.format(name=name, line=number, field="record", expected="a JSON object"))
        for field in ("id", "text"):
            if field not in record:
                raise InputError(Errors.E005.format(name=name, line=number, field=field))
        if not isinstance(record["text"], str):
            raise InputError(Errors.E009.format(name=name, line=number, field="text", expected="a string"))
        if record.get("date"):
            record["date"] = parse_iso_date(record["date"], name=f"{name}: line {number}")
        yield record


def resolve_cases(records: Iterable[dict], *, kb: KnowledgeBase | None = None) -> Iterator[dict]:
    """One output record `{id, code, sector, name, entry}` per request, in order."""
    kb = kb or load_knowledge_base()
    for record in records:
        result = resolve_phrase(record["text"], context=record.get("context"), date=record.get("date"), kb=kb)
        yield {"id": record["id"], "code": result.code, "sector": result.sector if result.code else None,
               "name": result.name, "entry": result.entry}  # fmt: skip


def resolve_file(path: str | Path, *, kb: KnowledgeBase | None = None) -> list[dict]:
    """Resolve every request of a JSONL file (see `read_cases`)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Errors.E007.format(name=path))
    with path.open(encoding="utf-8") as handle:
        return list(resolve_cases(read_cases(handle, name=str(path)), kb=kb))
