"""The actors stage: knowledge base, mention finding and resolution, coreference within a document.

Importing this package registers the spaCy factory "communique_actors".
"""
from __future__ import annotations

from . import component  # noqa: F401  (registers the factory)
from .component import ActorResolver
from .extract import argument_span
from .knowledge import KnowledgeBase, load_knowledge_base
from .mentions import Mention
from .resolve import Resolution, resolve_phrase, resolve_words

__all__ = [
    "ActorResolver",
    "KnowledgeBase",
    "Mention",
    "Resolution",
    "argument_span",
    "load_knowledge_base",
    "resolve_phrase",
    "resolve_words",
]
