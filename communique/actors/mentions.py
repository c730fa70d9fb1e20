"""The `Mention` record: one actor mention in a parsed document, resolved or not."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Entity

MENTION_KINDS = ("name", "pronoun", "description", "metonym", "demonym", "role", "region")


@dataclass
class Mention:
    """An actor mention: doc[start:end], its head token, its kind and the entity it resolves to.

    start/end (int): token indices. start_char/end_char (int): character offsets into doc.text.
    head (int): token index of the syntactic head. kind (str): one of MENTION_KINDS.
    entity (Entity | None): the resolved actor (None when unresolved).
    antecedent (int | None): index in doc._.cq_mentions of the mention a pronoun or description stands for.
    refers (str | None): what the head stands for (person, group, institution, country), for coreference.
    gender (str | None): 'f', 'm', 'n' (it) or None, for coreference.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    head: int
    text: str
    kind: str
    plural: bool = False
    entity: Entity | None = None
    antecedent: int | None = None
    refers: str | None = None
    gender: str | None = None
    label: str | None = field(default=None, repr=False)  # the NER label behind it, if any
    role_term: str | None = field(default=None, repr=False)
    role_id: str | None = field(default=None, repr=False)  # the roles.jsonl entry of its title or group noun
    office: str | None = field(default=None, repr=False)  # a known person's office at the document's date

    @property
    def resolved(self) -> bool:
        return self.entity is not None and self.entity.code is not None

    def to_dict(self) -> dict:
        return {
            "start": self.start, "end": self.end, "start_char": self.start_char, "end_char": self.end_char,
            "head": self.head, "text": self.text, "kind": self.kind, "plural": self.plural,
            "entity": self.entity.to_dict() if self.entity else None, "antecedent": self.antecedent,
        }  # fmt: skip
