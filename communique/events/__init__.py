"""The events stage: predicates -> PLOVER / CAMEO events, with modality, quotes, dates and places.

Importing this package registers the spaCy factory "communique_events".
"""
from __future__ import annotations

from . import component  # noqa: F401  (registers the factory)
from .component import EventCoder
from .lexicon import Lexicon, load_lexicon

__all__ = ["EventCoder", "Lexicon", "load_lexicon"]
