"""Reading one local file by its suffix, and walking directories."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..records import Document
from .decode import SNIFF_BYTES, check_not_binary, decode_text
from .fields import check_language
from .html import read_html
from .jsonl import read_jsonl
from .options import ReadOptions
from .problems import InputProblem

LOGGER = logging.getLogger(__name__)

Item = Document | InputProblem
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
TABLE_SUFFIXES = (".csv", ".tsv")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


def read_path(
    path: Path, name: str, options: ReadOptions, *, seen: set[Path] | None = None
) -> Iterator[Item]:
    """Documents from a file or a directory (recursed in sorted order, hidden entries skipped)."""
    try:
        if path.is_dir():
            yield from read_directory(path, name, options, seen=set() if seen is None else seen)
        elif not path.exists():
            yield InputProblem(name, Errors.E007.format(name=name))
        else:
            yield from read_file(path, name, options)
    except OSError as err:  # an unreadable directory or file; the other inputs go on
        yield InputProblem(name, describe_os_error(name, err))


def read_directory(folder: Path, name: str, options: ReadOptions, *, seen: set[Path]) -> Iterator[Item]:
    """Every non-hidden file under `folder`, depth first in sorted order; a symlink loop is reported once."""
    real = folder.resolve()
    if real in seen:
        yield InputProblem(name, Errors.E020.format(name=name))
        return
    seen.add(real)
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.startswith("."):
            yield from read_path(entry, str(entry), options, seen=seen)


def read_file(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    """Dispatch a file to its reader by suffix; whole-file problems come back as one `InputProblem`."""
    suffix = path.suffix.lower()
    reader = pick_reader(suffix)
    if reader is None:
        yield InputProblem(name, Errors.E008.format(name=name, suffix=suffix or path.name))
        return
    try:
        yield from reader(path, name, options)
    except InputError as err:
        yield InputProblem(name, str(err))


def describe_os_error(name: str, err: OSError) -> str:
    """The coded message for a file system error: E007 for a missing path, else E019 with the reason."""
    if isinstance(err, FileNotFoundError):
        return Errors.E007.format(name=name)
    return Errors.E019.format(name=name, detail=err.strerror or str(err))


def pick_reader(suffix: str) -> Callable[[Path, str, ReadOptions], Iterator[Item]] | None:
    """The reader for a file suffix, or None when the suffix is not supported."""
    from .feeds import read_feed_file
    from .tables import read_table_file

    table = {
        **dict.fromkeys(TEXT_SUFFIXES, read_text_file),
        **dict.fromkeys(HTML_SUFFIXES, read_html_file),
        **dict.fromkeys(JSONL_SUFFIXES, read_jsonl_file),
        **dict.fromkeys(TABLE_SUFFIXES, read_table_file),
        **dict.fromkeys(FEED_SUFFIXES, read_feed_file),
    }
    return table.get(suffix)


def read_whole(path: Path, name: str, options: ReadOptions) -> bytes:
    """A file's bytes, refusing (E011) a file larger than `settings.max_bytes`."""
    size = path.stat().st_size
    limit = options.settings.max_bytes
    if size > limit:
        raise InputError(Errors.E011.format(name=name, size=size, limit=limit))
    return path.read_bytes()


def read_text_file(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    """A plain-text file as one article; doc_id is the file name without extension."""
    yield text_document(read_whole(path, name, options), name=name, doc_id=path.stem, options=options)


def text_document(
    data: bytes,
    *,
    name: str,
    doc_id: str,
    options: ReadOptions,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """Plain-text bytes as one `Document` (E001/E002/E003/E012 raised as `InputError`)."""
    text = decode_text(data, name, threshold=options.settings.binary_threshold, declared=charset)
    check_language(text, name=name, options=options)
    return Document(doc_id=doc_id, text=text, date=options.default_date, url=url, origin=url or name)


def read_html_file(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    """An HTML file as one article (trafilatura extraction); doc_id is the file stem."""
    yield read_html(read_whole(path, name, options), name=name, doc_id=path.stem, options=options)


def read_jsonl_file(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    """A JSONL corpus, streamed line by line."""
    with path.open("rb") as stream:
        check_not_binary(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES], name, options.settings.binary_threshold)
        yield from read_jsonl(stream, name, options)
