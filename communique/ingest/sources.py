"""`read_sources`: documents from paths, directories, URLs and standard input, lazily and in order."""

from __future__ import annotations

import io
import logging
import sys
from os import PathLike
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import Errors, InputError
from ..records import Document
from ..settings import Settings, load_settings
from .decode import SNIFF_BYTES, check_text_bytes
from .fetch import is_url
from .files import read_path, text_document
from .jsonl import looks_like_jsonl, read_jsonl
from .lines import reopen_with_head
from .options import Columns, FetchOptions, LanguageCheck, ReadOptions
from .problems import InputProblem
from .web import read_url

LOGGER = logging.getLogger(__name__)

STDIN_NAME = "stdin"
#: How much of standard input is looked at to decide between one plain-text article and JSON Lines.
STDIN_SNIFF_BYTES = 8 * SNIFF_BYTES


def read_sources(
    sources: Iterable[str],
    *,
    default_date: date | None = None,
    columns: Columns | None = None,
    fetch: FetchOptions | None = None,
    stdin: TextIO | BinaryIO | None = None,
    settings: Settings | None = None,
    allow_non_english: bool = False,
    language: LanguageCheck | None = None,
) -> Iterator[Document | InputProblem]:
    """Documents from each source in turn, with an `InputProblem` for whatever cannot be read.

    Nothing is read before it is needed, and JSONL and CSV corpora are streamed, so a corpus of millions
    of lines runs in bounded memory: `settings.max_bytes` limits a whole file (text, HTML, feed, standard
    input as text) but only each line of a JSONL or CSV corpus. A bad input never stops the batch.

    Args:
        sources (Iterable[str]): paths (files or directories, recursed in sorted order, hidden entries
            skipped), "-" for standard input, and http(s) URLs (article pages or RSS/Atom feeds).
        default_date (date | None): the publication date of inputs that carry none.
        columns (Columns | None): CSV column (and JSONL field) names.
        fetch (FetchOptions | None): timeout, size and redirect limits for URLs; `follow_links` for feeds.
        stdin (TextIO | BinaryIO | None): what "-" reads; defaults to `sys.stdin`.
        settings (Settings | None): `max_bytes` and `binary_threshold`; defaults to the user's settings.
        allow_non_english (bool): code texts that do not look English instead of reporting E012.
        language (LanguageCheck | None): thresholds of the English check.

    Yields:
        Document | InputProblem: in input order.

    Example:
        >>> for item in read_sources(["corpus.jsonl", "articles/"], default_date=date(2023, 4, 28)):
        ...     print(item.message if isinstance(item, InputProblem) else item.doc_id)
    """
    options = ReadOptions(
        settings=settings or load_settings(),
        default_date=default_date,
        columns=columns or Columns(),
        fetch=fetch or FetchOptions(),
        language=language or LanguageCheck(),
        allow_non_english=allow_non_english,
    )
    if isinstance(sources, (str, PathLike)):
        sources = [sources]  # one path given bare, not an iterable of paths
    for source in sources:
        yield from read_source(str(source), options, stdin=stdin)


def read_source(
    source: str, options: ReadOptions, *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Document | InputProblem]:
    """Documents from one source; an unexpected failure becomes a problem naming the source."""
    try:
        if source == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, options)
        elif is_url(source):
            yield from read_url(source, options)
        else:
            yield from read_path(Path(source), source, options)
    except Exception as err:  # a reader bug must not stop the batch: report it against its input
        LOGGER.exception("unexpected failure reading %s", source)
        yield InputProblem(source, Errors.E019.format(name=source, detail=f"{type(err).__name__}: {err}"))


def read_stdin(stdin: TextIO | BinaryIO, options: ReadOptions) -> Iterator[Document | InputProblem]:
    """Standard input: JSON Lines when every line of its start is a JSON object, else one article."""
    stream = binary_stream(stdin)
    head = read_head(stream, STDIN_SNIFF_BYTES, options.settings.max_bytes)
    try:
        check_text_bytes(head, STDIN_NAME, options.settings.binary_threshold)
        if looks_like_jsonl(head):
            yield from read_jsonl(reopen_with_head(head, stream), STDIN_NAME, options)
            return
        limit = options.settings.max_bytes
        data = head + read_up_to(stream, limit + 1 - len(head))
        if len(data) > limit:
            raise InputError(Errors.E011.format(name=STDIN_NAME, size=f"more than {limit}", limit=limit))
        yield text_document(data, name=STDIN_NAME, doc_id=STDIN_NAME, options=options)
    except InputError as err:
        yield InputProblem(STDIN_NAME, str(err))


def binary_stream(stdin: TextIO | BinaryIO) -> BinaryIO:
    """The byte stream under a text stream (or the stream itself when it gives bytes)."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stdin.read(0), bytes):
        return stdin  # type: ignore[return-value]
    return io.BufferedReader(EncodedText(stdin))  # type: ignore[arg-type]


class EncodedText(io.RawIOBase):
    """A binary view of a text stream that has no buffer (e.g. `io.StringIO`), encoded as UTF-8."""

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = self._text.read(SNIFF_BYTES)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def read_head(stream: BinaryIO, size: int, limit: int) -> bytes:
    """At least `size` bytes (unless the stream ends) and at least one whole line, up to `limit` bytes."""
    chunks = [read_up_to(stream, size)]
    total = len(chunks[0])
    while len(chunks[-1]) == size and b"\n" not in chunks[-1] and total <= limit:
        chunks.append(read_up_to(stream, size))
        total += len(chunks[-1])
    return b"".join(chunks)


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Read until `size` bytes or the end of the stream (pipes return short reads)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
