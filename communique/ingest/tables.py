"""CSV and TSV corpora: a header row naming the columns, then one article per row, streamed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..records import Document
from .decode import SNIFF_BYTES, check_not_binary
from .fields import build_document
from .lines import iter_lines
from .options import Columns, ReadOptions
from .problems import InputProblem

Item = Document | InputProblem


class DecodedLines:
    """The lines of a binary stream as text for `csv.reader`, remembering the first bad line of each row.

    An undecodable or over-long line is passed on with replacement characters (so the CSV parser keeps
    its place) and its problem is kept in `problem` until the row that holds it is reported.
    """

    def __init__(self, stream: io.BufferedIOBase, name: str, limit: int) -> None:
        self._lines = iter_lines(stream, limit)
        self._name = name
        self._limit = limit
        self.problem: str | None = None

    def __iter__(self) -> DecodedLines:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        where = f"{self._name}: line {raw.number}"
        if raw.data is None:
            self._note(Errors.E011.format(name=where, size=raw.size, limit=self._limit))
            return "\n"
        try:
            return raw.data.decode("utf-8")
        except UnicodeDecodeError as err:
            self._note(Errors.E003.format(name=where, position=raw.offset + err.start))
            return raw.data.decode("utf-8", errors="replace")

    def _note(self, message: str) -> None:
        self.problem = self.problem or message

    def take_problem(self) -> str | None:
        """The pending problem, cleared."""
        problem, self.problem = self.problem, None
        return problem


def read_table_file(path: Path, name: str, options: ReadOptions) -> Iterator[Item]:
    """A .csv (comma) or .tsv (tab) file, streamed row by row."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("rb") as stream:
        check_not_binary(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES], name, options.settings.binary_threshold)
        yield from read_table(stream, name, options, delimiter=delimiter)


def read_table(
    stream: io.BufferedIOBase, name: str, options: ReadOptions, *, delimiter: str = ","
) -> Iterator[Item]:
    """Yield a document or a problem per data row; a bad row never stops the rest of the file.

    Raises:
        InputError: E001 for a file without a header, E013 when a required column is missing.
    """
    # The csv module refuses fields over 128 KB by default; an article may be longer. The limit is
    # process-wide, so it is only ever raised, never lowered.
    csv.field_size_limit(max(csv.field_size_limit(), options.settings.max_bytes))
    lines = DecodedLines(stream, name, options.settings.max_bytes)
    reader = csv.reader(lines, delimiter=delimiter)
    header = read_header(reader, lines, name, options.columns)
    end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            lines.take_problem()
            yield InputProblem(name, Errors.E018.format(name=name, line=reader.line_num, detail=err))
            end = reader.line_num
            continue
        start, end = end + 1, reader.line_num
        yield from row_items(row, header, lines.take_problem(), name=name, line=start, options=options)


def read_header(reader, lines: DecodedLines, name: str, columns: Columns) -> list[str]:
    """The header row, checked for the required columns (text, and id unless ids are generated)."""
    try:
        header = [field.strip() for field in next(reader)]
    except StopIteration:
        raise InputError(Errors.E001.format(name=name)) from None
    except csv.Error as err:
        raise InputError(Errors.E018.format(name=name, line=1, detail=err)) from None
    problem = lines.take_problem()
    if problem:
        raise InputError(problem)
    for column in (columns.id, columns.text):
        if column is not None and column not in header:
            raise InputError(Errors.E013.format(name=name, column=column, columns=", ".join(header)))
    return header


def row_items(
    row: list[str], header: list[str], problem: str | None, *, name: str, line: int, options: ReadOptions
) -> Iterator[Item]:
    """Nothing for a blank row, else one document or one problem."""
    if problem:
        yield InputProblem(name, problem)
    elif not any(field.strip() for field in row):
        return
    elif len(row) != len(header):
        yield InputProblem(
            name, Errors.E017.format(name=name, line=line, found=len(row), expected=len(header))
        )
    else:
        record = dict(zip(header, row, strict=True))
        yield build_document(
            record, name=name, line=line, fallback_id=f"{Path(name).stem}-{line}", options=options
        )
