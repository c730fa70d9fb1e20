"""Streaming a large input line by line in bounded memory, with byte offsets for error messages."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .decode import SNIFF_BYTES, detect_bom


@dataclass
class RawLine:
    """One physical line: its 1-based number, the byte offset where it starts, and its bytes.

    data is None when the line is longer than the limit (its bytes are skipped, never held in memory).
    """

    number: int
    offset: int
    data: bytes | None
    size: int


class PrefixedReader(io.RawIOBase):
    """A raw binary stream that gives `head` first and then the rest of `stream` (for sniffed stdin)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def reopen_with_head(head: bytes, stream: BinaryIO) -> io.BufferedReader:
    """A buffered stream that replays `head` (already read off `stream`) before the rest."""
    return io.BufferedReader(PrefixedReader(head, stream), buffer_size=SNIFF_BYTES)


def iter_lines(stream: io.BufferedIOBase, limit: int) -> Iterator[RawLine]:
    """Yield the lines of a binary stream; lines longer than `limit` bytes come with data None.

    A UTF-16 or UTF-32 stream (by its BOM) is re-encoded to UTF-8 line by line; a UTF-8 BOM is dropped.
    """
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    encoding = detect_bom(head)
    if encoding in ("utf-16", "utf-32"):
        yield from _iter_wide_lines(stream, encoding, limit)
        return
    if encoding == "utf-8-sig":
        stream.read(3)
    yield from _iter_utf8_lines(stream, limit, start=3 if encoding else 0)


def _iter_utf8_lines(stream: io.BufferedIOBase, limit: int, *, start: int) -> Iterator[RawLine]:
    number, offset = 0, start
    while True:
        data = stream.readline(limit + 1)
        if not data:
            return
        number += 1
        size = len(data)
        if size > limit and not data.endswith(b"\n"):
            size += _skip_rest_of_line(stream)
            yield RawLine(number, offset, None, size)
        else:
            yield RawLine(number, offset, data, size)
        offset += size


def _skip_rest_of_line(stream: io.BufferedIOBase) -> int:
    """Read and drop bytes up to the end of the current line; return how many."""
    skipped = 0
    while True:
        chunk = stream.readline(SNIFF_BYTES)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _iter_wide_lines(stream: io.BufferedIOBase, encoding: str, limit: int) -> Iterator[RawLine]:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
    offset = 0
    for number, line in enumerate(text, 1):
        data = line.encode("utf-8")
        yield RawLine(number, offset, data if len(data) <= limit else None, len(data))
        offset += len(data)
