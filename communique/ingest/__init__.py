"""Ingest: reading articles from files, directories, standard input, URLs and feeds into `Document`s.

`read_sources(...)` yields a `Document` or an `InputProblem` per article, lazily and in input order;
`DuplicateIndex` finds exact and near duplicates among documents.
"""

from __future__ import annotations

from .dedup import DedupOptions, Duplicate, DuplicateIndex
from .options import Columns, FetchOptions, LanguageCheck, ReadOptions
from .problems import InputProblem
from .sources import read_sources

__all__ = [
    "Columns",
    "DedupOptions",
    "Duplicate",
    "DuplicateIndex",
    "FetchOptions",
    "InputProblem",
    "LanguageCheck",
    "ReadOptions",
    "read_sources",
]
