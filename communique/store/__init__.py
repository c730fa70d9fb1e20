"""The event database: ingest corpora and feeds into SQLite (default) or PostgreSQL, query, aggregate, export.

    >>> import communique
    >>> db = communique.open()                       # the default SQLite file, created on first use
    >>> db.ingest(["articles.jsonl", "https://example.org/feed.xml"])
    >>> db.events(actor="CHN", type="ACCUSE", since="2023-01-01")   # a pandas DataFrame
    >>> db.dyads(by="week")
    >>> db.export("gdelt", "events.tsv")

The default database is `$COMMUNIQUE_DB`, else `~/.local/share/communique/communique.db` (`$XDG_DATA_HOME`
is honoured). The CLI commands `communique ingest|recode|events|dyads|doc|export|actors top` call the same
methods.
"""
from __future__ import annotations

from .database import Database, open_database
from .engine import default_db
from .ingest import IngestReport

__all__ = ["Database", "IngestReport", "default_db", "open_database"]
