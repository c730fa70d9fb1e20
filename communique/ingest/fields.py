"""Turning one JSONL record or CSV row into a `Document`, or an `InputProblem` naming its line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Errors, InputError
from ..records import Document
from .dates import parse_date
from .english import guess_non_english
from .options import ReadOptions
from .problems import InputProblem


def build_document(
    record: Mapping[str, Any], *, name: str, line: int, fallback_id: str, options: ReadOptions
) -> Document | InputProblem:
    """A `Document` from a record's fields (names from `options.columns`), or the problem with it.

    Args:
        record (Mapping[str, Any]): a parsed JSON object or a CSV row.
        name (str): the input's name, for messages.
        line (int): the record's line number, for messages and the document's origin.
        fallback_id (str): the id used when `options.columns.id` is None.
        options (ReadOptions): field names, default date, language check.
    """
    try:
        return _build(record, name=name, line=line, fallback_id=fallback_id, options=options)
    except InputError as err:
        return InputProblem(name=name, message=str(err))


def _build(
    record: Mapping[str, Any], *, name: str, line: int, fallback_id: str, options: ReadOptions
) -> Document:
    columns = options.columns
    doc_id = fallback_id if columns.id is None else read_id(record, columns.id, name=name, line=line)
    text = read_string(record, columns.text, name=name, line=line, required=True)
    if not text or not text.strip():
        raise InputError(Errors.E001.format(name=f"{name}: line {line}"))
    check_language(text, name=f"{name}: line {line}", options=options)
    used = {columns.id, columns.text, columns.title, columns.date, columns.url, columns.source}
    return Document(
        doc_id=doc_id,
        text=text,
        title=read_string(record, columns.title, name=name, line=line),
        date=read_date(record, columns.date, name=name, line=line) or options.default_date,
        url=read_string(record, columns.url, name=name, line=line),
        source=read_string(record, columns.source, name=name, line=line),
        origin=f"{name}:{line}",
        meta={key: value for key, value in record.items() if key not in used and key is not None},
    )


def read_id(record: Mapping[str, Any], field: str, *, name: str, line: int) -> str:
    """The record's id as a string; a number is accepted and written in decimal."""
    value = record.get(field)
    if value is None or value == "":
        raise InputError(Errors.E005.format(name=name, line=line, field=field))
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(
            Errors.E009.format(name=name, line=line, field=field, expected="a string or an integer")
        )
    return str(value)


def read_string(
    record: Mapping[str, Any], field: str, *, name: str, line: int, required: bool = False
) -> str | None:
    """A string field; missing or empty gives None unless `required` (then E005)."""
    value = record.get(field)
    if value is None or value == "":
        if required and value is None:
            raise InputError(Errors.E005.format(name=name, line=line, field=field))
        return None
    if not isinstance(value, str):
        raise InputError(Errors.E009.format(name=name, line=line, field=field, expected="a string"))
    return value


def read_date(record: Mapping[str, Any], field: str, *, name: str, line: int):
    """The record's date (ISO string, timestamp accepted), or None when absent."""
    value = read_string(record, field, name=name, line=line)
    return parse_date(value, name=f"{name}: line {line}") if value else None


def check_language(text: str, *, name: str, options: ReadOptions) -> None:
    """Raise E012 when the text does not look English, unless the user allowed other languages."""
    if options.allow_non_english:
        return
    guess = guess_non_english(text, options.language)
    if guess is not None:
        raise InputError(Errors.E012.format(name=name, lang=guess))
