"""Exports of the event database: PLOVER JSON Lines, GDELT 2.0 events (+ mentions), ICEWS, CSV, Parquet.

    >>> import communique
    >>> communique.open().export("gdelt", "events.tsv")   # also writes events.mentions.tsv

`communique export --format gdelt -o events.tsv` is the same call. Exports take the filters of
`Database.events` (actor, recipient, type, since, until, source).
"""
from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import Errors, InputError

FORMATS = ("plover", "gdelt", "icews", "csv", "parquet", "jsonl")


@contextlib.contextmanager
def _text_output(path: str | Path | None) -> Iterator[TextIO]:
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def mentions_path_for(path: str | Path) -> Path:
    """events.tsv -> events.mentions.tsv"""
    path = Path(path)
    return path.with_name(f"{path.stem}.mentions{path.suffix or '.tsv'}")


def export_events(db, format: str, path: str | Path | None = None, *, mentions_path: str | Path | None = None,
                  header: bool = True, **filters: Any) -> dict[str, Any]:  # fmt: skip
    """Write the events of `db` (filtered) in `format` to `path` (None or '-': standard output).

    Args:
        format (str): plover | gdelt | icews | csv | parquet | jsonl.
        mentions_path: for gdelt, where the mentions table goes (default: beside `path`; none on stdout).
        header (bool): write a header row in the tab-separated formats (GDELT's own files have none).
    RETURNS (dict): what was written: counts and paths.
    """
    if format not in FORMATS:
        raise InputError(Errors.E405.format(value=format, choices=", ".join(FORMATS)))
    if format in ("csv", "parquet", "jsonl"):
        return _export_table(db, format, path, **filters)
    from .source import load_events

    loaded = load_events(db, **filters)
    written: dict[str, Any] = {"format": format, "events": len(loaded), "path": str(path) if path else None}
    if format == "plover":
        from .plover import plover_record

        with _text_output(path) as stream:
            for event in loaded:
                stream.write(json.dumps(plover_record(event), ensure_ascii=False, default=str) + "\n")
    elif format == "icews":
        from . import icews
        from .gdelt import write_tsv

        with _text_output(path) as stream:
            write_tsv(stream, icews.COLUMNS if header else None, (icews.event_line(e) for e in loaded))
    else:
        written.update(_export_gdelt(db, loaded, path, mentions_path, header))
    return written


def _export_gdelt(db, loaded, path, mentions_path, header: bool) -> dict[str, Any]:
    from . import gdelt
    from .source import load_mentions

    with _text_output(path) as stream:
        gdelt.write_tsv(stream, gdelt.EVENT_COLUMNS if header else None, (gdelt.event_line(e) for e in loaded))
    if mentions_path is None and path not in (None, "-"):
        mentions_path = mentions_path_for(path)
    if mentions_path is None:
        return {}
    added = {event.row["event_key"]: event.row["added_at"] for event in loaded}
    found = load_mentions(db, list(added))
    with _text_output(mentions_path) as stream:
        n = gdelt.write_tsv(stream, gdelt.MENTION_COLUMNS if header else None,
                            (gdelt.mention_line(m, added) for m in found))  # fmt: skip
    return {"mentions": n, "mentions_path": str(mentions_path)}


def _export_table(db, format: str, path, **filters: Any) -> dict[str, Any]:
    frame = db.events(**filters)
    if format == "parquet":
        if path in (None, "-"):
            raise InputError(Errors.E407.format(format=format))
        frame.to_parquet(path, index=False)
    elif format == "csv":
        with _text_output(path) as stream:
            frame.to_csv(stream, index=False, lineterminator="\n")
    else:
        with _text_output(path) as stream:
            for record in frame.to_dict(orient="records"):
                stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return {"format": format, "events": len(frame), "path": str(path) if path else None}
