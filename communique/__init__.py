"""Communique: news text in, coded political events out (PLOVER and CAMEO), each traced to its sentence.

Python API (the CLI and the REST API call the same functions):

    >>> import communique
    >>> result = communique.code_text("China condemned Japan on Monday.", date="2023-04-28")
    >>> [(e.actor[0].code, e.event, e.recipient[0].code) for e in result.events]
    [('CHN', 'ACCUSE', 'JPN')]
"""
from __future__ import annotations

__version__ = "0.1.0"

from .records import CodedDocument, Document, Entity, Event, Quote  # noqa: E402

__all__ = ["__version__", "Document", "Entity", "Event", "Quote", "CodedDocument", "code", "code_text", "open"]


def code(documents, *, workers: int | None = None, options=None):
    """Code an iterable of `Document` records; yields a `CodedDocument` per input, in order."""
    from .pipeline import code_documents

    return code_documents(documents, workers=workers, options=options)


def code_text(text: str, *, doc_id: str = "text", date=None, coder=None) -> CodedDocument:
    """Code one text. `date` (a `datetime.date` or ISO string) is its publication date."""
    from .ingest.dates import parse_date
    from .pipeline import Coder

    return (coder or Coder()).code_text(text, doc_id=doc_id, date=parse_date(date) if date else None)


def open(db=None, **options):  # noqa: A001  (mirrors sqlite_utils.Database / datasette naming)
    """Open the event database: `db` is a SQLite path or a SQLAlchemy URL; None opens the default file."""
    from .store import open_database

    return open_database(db, **options)
