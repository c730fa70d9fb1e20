"""Who acts and who is acted upon: actors and recipients from the dependency parse and the actor mentions.

The actor stage (`communique_actors`) marks every actor mention and resolves it (`token._.cq_mention`, with
`mention.entity` a `records.Entity` or None). These functions find, for a predicate, the tokens that fill its
actor and recipient roles (subjects, passive agents, objects, prepositional objects, possessors), and turn
them into resolved entities, expanding coordinations and appositions ("Saudi Arabia and Iran").
Pure functions over spaCy tokens.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from spacy.tokens import Token

from ..records import Entity

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
QUANTITY_NOUNS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
                  "scores", "score", "tens", "group", "groups", "crowd", "crowds", "number", "handful"}
GENERIC_TARGET_PREPS = ("with", "to", "against", "on", "toward", "towards", "at", "between", "into", "upon")
_MAX_CLIMB = 6


# --- entities from tokens -------------------------------------------------------------------------------


def mention_of(token: Token):
    """The actor mention containing `token`, or None (the actor stage may not have run)."""
    try:
        return token._.cq_mention
    except AttributeError:
        return None


def resolved_entity(token: Token) -> Entity | None:
    """The resolved entity of the mention containing `token` (a copy), or None."""
    mention = mention_of(token)
    entity = getattr(mention, "entity", None) if mention is not None else None
    if entity is None or not entity.code:
        return None
    return replace(entity)


def _mention_head(token: Token) -> Token:
    mention = mention_of(token)
    if mention is None:
        return token
    head = getattr(mention, "head", None)
    return token.doc[head] if isinstance(head, int) else token


def coordinated(token: Token) -> Iterator[Token]:
    """The token and the heads of phrases coordinated with it ("Saudi Arabia and Iran")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from coordinated(child)


def phrase_entities(token: Token, *, appositions: bool = True) -> list[Entity]:
    """Resolved entities of the phrase headed by `token`, its conjuncts and (when unresolved) appositions."""
    found: list[Entity] = []
    if token.lemma_.lower() in QUANTITY_NOUNS:  # "thousands of Georgians"
        of = prep_targets(token, ("of",))
        if of:
            token = of[0]
    for head in coordinated(token):
        entity = resolved_entity(head)
        if entity is not None and "coref" in (entity.entry or "") and entity.kind != "pronoun":
            # "the Chinese and Ukrainian leaders": the nationalities it names beat a coreference guess
            named = modifier_entities(head, possessors=False)
            if named:
                found.extend(named)
                continue
        if entity is not None and not (entity.regional and appositions and _specific_appositions(head)):
            found.append(entity)
            continue
        if appositions:
            for child in head.children:
                if child.dep_ == "appos":
                    found.extend(phrase_entities(child, appositions=False))
    # "rival Middle Eastern countries, Saudi Arabia and Iran": the parser often hangs the names as conj
    specific = [e for e in found if not e.regional]
    return _unique(specific if specific and len(specific) < len(found) else found)


def _specific_appositions(token: Token) -> bool:
    """"rival Middle Eastern countries, Saudi Arabia and Iran": the names say more than the region."""
    return any(c.dep_ == "appos" and phrase_entities(c, appositions=False) for c in token.children)


def modifier_entities(token: Token, *, possessors: bool = True) -> list[Entity]:
    """Entities standing for the owner of a thing: "Ukraine's position", "the Chinese approach"."""
    found: list[Entity] = []
    for child in token.children:
        if (possessors and child.dep_ == "poss") or (child.dep_ in ("amod", "compound", "nmod") and child.i < token.i):
            entity = resolved_entity(child)
            if entity is not None:
                found.append(entity)
                found.extend(e for c in child.children if c.dep_ == "conj" for e in phrase_entities(c))
    return _unique(found)


def author_entities(noun: Token) -> list[Entity]:
    """Who made a thing: "a resolution drafted by the United States" -> the United States."""
    for child in noun.children:
        if child.dep_ == "acl":
            agent = agent_token(child)
            if agent is not None:
                return phrase_entities(agent)
    return []


def _unique(entities: Iterable[Entity]) -> list[Entity]:
    seen: set[tuple] = set()
    out: list[Entity] = []
    for entity in entities:
        key = (entity.code, entity.start, entity.end)
        if key not in seen:
            seen.add(key)
            out.append(entity)
    return out


# --- the actor role ---------------------------------------------------------------------------------------


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _prep_object(token: Token, preps: Iterable[str]) -> Token | None:
    wanted = set(preps)
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            obj = _child(child, "pobj", "pcomp")
            if obj is not None:
                return obj
    return None


def agent_token(verb: Token) -> Token | None:
    """The passive agent ("criticized by Western nations" -> nations)."""
    for child in verb.children:
        if child.dep_ == "agent":
            return _child(child, "pobj")
    return None


def subject_token(verb: Token, *, control_lemmas: frozenset[str] = frozenset()) -> Token | None:
    """The token naming who acts, climbing through control, raising, coordination and participles.

    Passive verbs give their agent. Relative pronouns give the noun the clause modifies.
    """
    node = verb
    for _ in range(_MAX_CLIMB):
        if is_passive(node):
            return agent_token(node)
        subject = _child(node, "nsubj", "csubj", "expl") or _fronted_name(node)
        if subject is not None and subject.dep_ != "expl":
            if subject.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in control_lemmas:
            return _child(node.head, "dobj", "dative")
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") and node.head.i != node.i:
            node = node.head if node.dep_ != "pcomp" else node.head.head
            continue
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
            return _owner_of_noun(node.head)
        if node.dep_ == "relcl":
            return node.head
        return None
    return None


def _fronted_name(verb: Token) -> Token | None:
    """A resolved name the parser hung before the verb as a modifier ("Azerbaijan massed troops")."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("npadvmod", "dep") and resolved_entity(child) is not None:
            return child
    return None


def _owner_of_noun(noun: Token) -> Token | None:
    """Who holds a desire, plan or offer: its possessor, else the subject of the verb it is the object of."""
    poss = _child(noun, "poss")
    if poss is not None:
        return poss
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return subject_token(noun.head)
    return None


def first_person_speaker(token: Token) -> bool:
    return token.lower_ in FIRST_PERSON


# --- the recipient role -----------------------------------------------------------------------------------


def object_tokens(verb: Token) -> list[Token]:
    """Direct objects of an active verb, the subject of a passive one, and "as"-objects ("sent as an envoy")."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "dative"):
            found.append(child)
        elif child.dep_ == "nsubjpass":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "as":
            obj = _child(child, "pobj")
            if obj is not None:
                found.append(obj)
    return found


def prep_targets(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions attached to `token`, in the order the prepositions are given."""
    order = {p: rank for rank, p in reversed(list(enumerate(preps)))}
    found: list[tuple[int, int, Token]] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in order:
            found.extend((order[child.lower_], c.i, c) for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return [t for _, _, t in sorted(found, key=lambda f: f[:2])]


def direct_recipient(verb: Token) -> Token | None:
    """What a plain transitive verb acts upon: the object, or the subject when passive."""
    if is_passive(verb):
        return _child(verb, "nsubjpass")
    return _child(verb, "dobj", "dative")


def target_entities(token: Token, *, depth: int = 0) -> list[Entity]:
    """Entities an object phrase stands for: itself, else its owner, else the object of its "of" phrase."""
    entities = phrase_entities(token)
    if entities:
        return entities
    entities = author_entities(token) or modifier_entities(token)
    if entities or depth >= 2:
        return entities
    for prep in ("of", "between", "with", "toward", "towards"):
        for obj in prep_targets(token, (prep,)):
            entities = target_entities(obj, depth=depth + 1)
            if entities:
                return entities
    return []


LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "along"}


def _phrase_tokens(token: Token, *, locatives: bool) -> Iterator[Token]:
    """The phrase of `token` without the clauses inside it that have their own subject ("leaders who ..."),
    and without its place phrases ("talks in Washington") unless `locatives`."""
    yield token
    for child in token.children:
        if child.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            continue
        if not locatives and child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS and _names_place(child):
            continue
        yield from _phrase_tokens(child, locatives=locatives)


def _names_place(prep: Token) -> bool:
    """"in Washington", "at the border with X": a place phrase, not "in military aid"."""
    return any(resolved_entity(c) is not None or c.ent_type_ in ("GPE", "LOC", "FAC")
               for c in prep.children if c.dep_ == "pobj")


def subtree_entities(token: Token, *, exclude: set[str], locatives: bool = False) -> list[Entity]:
    """Resolved entities anywhere inside the phrase of `token`, except the codes in `exclude`.

    A place named in the phrase counts only with `locatives` ("stormed the hospital in Gaza").
    """
    found: list[Entity] = []
    seen_mentions: set[int] = set()
    for t in _phrase_tokens(token, locatives=locatives):
        mention = mention_of(t)
        if mention is None or id(mention) in seen_mentions:
            continue
        seen_mentions.add(id(mention))
        entity = resolved_entity(t)
        if entity is not None and entity.code not in exclude:
            found.append(entity)
    return _unique(found)
