"""JSON Lines corpora: one {id, text, title?, date?, url?, source?} object per line, streamed."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from ..errors import Errors
from ..records import Document
from .fields import build_document
from .lines import RawLine, iter_lines
from .options import ReadOptions
from .problems import InputProblem


def read_jsonl(
    stream: io.BufferedIOBase, name: str, options: ReadOptions
) -> Iterator[Document | InputProblem]:
    """Yield a document or a problem per non-empty line; a bad line never stops the rest of the file.

    Args:
        stream (io.BufferedIOBase): the binary input, read line by line (never whole).
        name (str): the input's name for messages.
        options (ReadOptions): field names, limits, default date.
    """
    limit = options.settings.max_bytes
    seen = False
    for raw in iter_lines(stream, limit):
        if raw.data is not None and not raw.data.strip():
            continue
        seen = True
        yield read_jsonl_line(raw, name, options)
    if not seen:
        yield InputProblem(name=name, message=Errors.E001.format(name=name))


def read_jsonl_line(raw: RawLine, name: str, options: ReadOptions) -> Document | InputProblem:
    """One line of a JSONL file as a document, or the problem with it (E003, E004, E011, E016, ...)."""
    where = f"{name}: line {raw.number}"
    if raw.data is None:
        limit = options.settings.max_bytes
        return InputProblem(name, Errors.E011.format(name=where, size=raw.size, limit=limit))
    try:
        line = raw.data.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputProblem(name, Errors.E003.format(name=where, position=raw.offset + err.start))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return InputProblem(name, Errors.E004.format(name=name, line=raw.number, detail=err.msg))
    if not isinstance(record, dict):
        found = type(record).__name__ if record is not None else "null"
        return InputProblem(name, Errors.E016.format(name=name, line=raw.number, found=found))
    fallback = f"{_stem(name)}-{raw.number}"
    return build_document(record, name=name, line=raw.number, fallback_id=fallback, options=options)


def looks_like_jsonl(head: bytes) -> bool:
    """Whether every complete non-empty line of `head` is a JSON object (used to sniff standard input)."""
    lines = head.split(b"\n")
    if len(lines) > 1 and not head.endswith(b"\n"):
        lines = lines[:-1]  # the last line may be cut short by the sniff
    found = False
    for line in lines:
        if not line.strip():
            continue
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except (ValueError, UnicodeDecodeError):
            return False
        found = True
    return found


def _stem(name: str) -> str:
    """A file name without folders and extension, for generated ids."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base
