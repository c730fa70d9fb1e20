"""The `communique_actors` spaCy component: finds, resolves and links every actor mention of a Doc.

Add it after the model's `ner`:

    nlp.add_pipe("communique_actors", config={"user_files": ["my_actors.jsonl"]})

It sets `doc._.cq_mentions` (list of Mention, ordered by start) and `token._.cq_mention` (the innermost
mention covering the token). Resolution uses the document's date, `doc._.cq_pub_date` (today when unset).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers the cq_ attributes)
from .coref import resolve_coreference
from .extract import find_mentions, mention_tokens
from .knowledge import KnowledgeBase, load_knowledge_base

LOGGER = logging.getLogger(__name__)


class ActorResolver:
    """Finds actor mentions, resolves them against the knowledge base and links coreferent ones."""

    def __init__(self, nlp: Language, name: str = "communique_actors", *, user_files: Iterable[str] = ()) -> None:
        self.name = name
        self.user_files = tuple(str(p) for p in user_files)
        self.kb: KnowledgeBase = load_knowledge_base(self.user_files)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, kb=self.kb, date=doc._.cq_pub_date)
        doc._.cq_mentions = mentions
        for index, mention in mention_tokens(mentions):
            doc[index]._.cq_mention = mention
        resolve_coreference(doc, mentions, given_names=self.kb.given_names, words=self.kb.words)
        return doc


@Language.factory(
    "communique_actors",
    default_config={"user_files": []},
    assigns=["doc._.cq_mentions", "token._.cq_mention"],
    requires=["doc.ents", "token.dep"],
)
def make_actor_resolver(nlp: Language, name: str, user_files: list[str]) -> ActorResolver:
    """Build the actors component (spaCy factory "communique_actors")."""
    return ActorResolver(nlp, name, user_files=user_files)
