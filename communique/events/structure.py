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
        if child.dep_ == "conj" or (child.dep_ == "appos" and _listed_as_apposition(token, child)):
            yield from coordinated(child)


_LISTED_NAMES = {"GPE", "NORP", "ORG"}


def _listed_as_apposition(token: Token, appos: Token) -> bool:
    """"The United States, India, Israel and Pakistan": the parser hangs the second name of a list as an
    apposition of the first and the rest as its conjuncts; a real apposition names the same thing differently."""
    return (appos.ent_type_ in _LISTED_NAMES and appos.ent_type_ == token.ent_type_
            and any(c.dep_ == "conj" for c in appos.children))


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
            found.extend(_shared_owners(head, entity))
            continue
        if entity is None:
            # "North Korean and South Korean troops": a group of two nationalities resolves as a whole to none
            named = [e for e in modifier_entities(head, possessors=False) if e.sector]
            if len(named) > 1:
                found.extend(named)
                continue
        if appositions:
            for child in head.children:
                if child.dep_ == "appos":
                    found.extend(phrase_entities(child, appositions=False))
    # "rival Middle Eastern countries, Saudi Arabia and Iran": the parser often hangs the names as conj
    specific = [e for e in found if not e.regional]
    return _unique(specific if specific and len(specific) < len(found) else found)


def _shared_owners(head: Token, entity: Entity) -> list[Entity]:
    """"The foreign ministers of France and Germany", "the armies of Brazil and Argentina": a plural group noun
    owned by coordinated countries stands for each of them, with its own sector."""
    if head.tag_ not in ("NNS", "NNPS") or not entity.sector:
        return []
    found = []
    for owner in _of_owners(head):
        for conjunct in list(coordinated(owner))[1:]:
            other = resolved_entity(conjunct)
            if other is not None and other.code and other.code != entity.code and other.kind == "country":
                found.append(replace(other, sector=entity.sector))
    return found


def _of_owners(group: Token) -> list[Token]:
    """The nouns of a group noun's "of" phrases ("the armies of Brazil ...": Brazil)."""
    return [t for prep in group.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for t in prep.children if t.dep_ == "pobj"]


def _specific_appositions(token: Token) -> bool:
    """"rival Middle Eastern countries, Saudi Arabia and Iran": the names say more than the region."""
    return any(c.dep_ == "appos" and phrase_entities(c, appositions=False) for c in token.children)


def modifier_entities(token: Token, *, possessors: bool = True, places: bool = True) -> list[Entity]:
    """Entities standing for the owner of a thing: "Ukraine's position", "the Chinese approach". `places`: a city
    or capital modifier counts ("the Kabul airport" is Afghanistan's); not for who acts ("a Kabul car bombing")."""
    found: list[Entity] = []
    for child in token.children:
        if (possessors and child.dep_ == "poss") or (child.dep_ in ("amod", "compound", "nmod") and child.i < token.i):
            entity = resolved_entity(child)
            if entity is None and child.dep_ == "compound":
                # a compound chain: "the last ISIS group bastion" (ISIS modifies "group", which modifies "bastion")
                entity = next((e for c in child.children if c.dep_ == "compound" and c.i < child.i
                               for e in [resolved_entity(c)] if e is not None), None)
            if entity is not None and not (not places and child.dep_ != "poss" and _names_a_place(entity)):
                found.append(entity)
                found.extend(e for c in child.children if c.dep_ == "conj" for e in phrase_entities(c))
    return _unique(found)


def _names_a_place(entity: Entity) -> bool:
    """A city or capital as a noun modifier says where, not whose: "a Kabul car bombing", "the Moscow summit"."""
    return entity.kind in ("place", "city") or (entity.entry or "").endswith(":capital")


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


def _known_actor(token: Token | None) -> bool:
    entity = getattr(mention_of(token), "entity", None) if token is not None else None
    return entity is not None and bool(entity.code or entity.sector)


def subject_token(verb: Token, *, control_lemmas: frozenset[str] = frozenset()) -> Token | None:
    """The token naming who acts, climbing through control, raising, coordination and participles.

    Passive verbs give their agent. Relative pronouns give the noun the clause modifies.
    """
    node = verb
    for _ in range(_MAX_CLIMB):
        if is_passive(node):
            return agent_token(node)
        subject = _child(node, "nsubj", "csubj", "expl") or _fronted_name(node) or _subject_of_aux(node)
        if subject is not None and subject.dep_ != "expl":
            if subject.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in control_lemmas:
            return _child(node.head, "dobj", "dative")
        reported = _reported_clause(node)
        if reported is not None:  # "X struck Y, officials said, killing Z": X killed, not the officials
            node = reported
            continue
        if node.dep_ == "advcl" and node.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in node.children):
            return None  # "When asked to clarify ..., De La Fuente said": the main subject was asked, not asking
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") and node.head.i != node.i:
            node = node.head if node.dep_ != "pcomp" else node.head.head
            continue
        if node.dep_ == "acl" and node.tag_ == "VBN" and _known_actor(agent := agent_token(node)):
            # "Palestinians detained by Israeli forces": a reduced passive's agent, when the actor stage knows it
            # ("the vote required by the Constitution" is no act of the Constitution's)
            return agent
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
            return _owner_of_noun(node.head)
        if node.dep_ == "relcl":
            return node.head
        return None
    return None


def _reported_clause(participle: Token) -> Token | None:
    """The clause a participle continues when the parser hung it on a parenthetical verb of saying: "Israeli
    jets struck a building, the army said, killing three" (said: parataxis of struck) or "Taliban fighters
    overran a base, officials said, killing 17" (overran: the complement before said)."""
    if participle.dep_ != "advcl" or participle.tag_ != "VBG" or participle.head.i > participle.i:
        return None
    if any(c.dep_ == "mark" for c in participle.children):
        return None  # "after killing", "while saying": the clause's own link, not a continuation
    reporter = participle.head
    if reporter.dep_ == "parataxis" and reporter.head.i < reporter.i:
        return reporter.head
    before = [c for c in reporter.children if c.dep_ == "ccomp" and c.i < reporter.i]
    return before[-1] if before else None


def marked_for(clause: Token) -> bool:
    """Whether a clause is introduced by "for" ("a deadline for Britain to present", "its call for Russia to
    withdraw"): its subject is whom something is asked of."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def _subject_of_aux(verb: Token) -> Token | None:
    """A subject the parser hung on a verb it took for an auxiliary ("Qatar helped reconcile ...": "helped"
    as aux of "reconcile", "Qatar" as its subject)."""
    for child in verb.children:
        if child.dep_ == "aux" and child.i < verb.i:
            subject = _child(child, "nsubj")
            if subject is not None:
                return subject
    return None


def _fronted_name(verb: Token) -> Token | None:
    """A resolved name the parser hung before the verb as a modifier ("Azerbaijan massed troops", "USAID
    provided ...", an acronym tagged as an adverb)."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("npadvmod", "dep", "advmod") and resolved_entity(child) is not None:
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
    if not any(t.dep_ == "dobj" for t in found):
        found.extend(_participle_subjects(verb))
    return found


def _participle_subjects(verb: Token) -> list[Token]:
    """"accept any refugees fleeing violence": the parser makes the object the subject of a participle clause
    that follows the verb; it is still the verb's object."""
    out = []
    for child in verb.children:
        if child.dep_ == "ccomp" and child.tag_ == "VBG" and child.i > verb.i:
            subject = _child(child, "nsubj")
            if subject is not None and subject.left_edge.i == verb.i + 1 and subject.pos_ in ("NOUN", "PROPN"):
                out.append(subject)
    return out


def prep_targets(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions attached to `token`, in the order the prepositions are given."""
    order = {p: rank for rank, p in reversed(list(enumerate(preps)))}
    found: list[tuple[int, int, Token]] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in order:
            found.extend((order[child.lower_], c.i, c) for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return [t for _, _, t in sorted(found, key=lambda f: f[:2])]


def for_clause(verb: Token) -> Token | None:
    """The verb of a for-clause with its own subject ("called for Israel to halt construction": halt), which the
    parser hangs on the verb as a clause, not as a preposition."""
    for clause in verb.children:
        if (clause.dep_ in ("advcl", "ccomp", "xcomp") and clause.i > verb.i and marked_for(clause)
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)):  # fmt: skip
            return clause
    return None


def direct_recipient(verb: Token) -> Token | None:
    """What a plain transitive verb acts upon: the object, or the subject when passive (the noun a passive
    relative clause modifies: "civilians who were shot by troops", "civilians shot by troops")."""
    if is_passive(verb):
        patient = _child(verb, "nsubjpass")
        if patient is not None and patient.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return patient
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in _NOMINAL and agent_token(verb) is not None:
        return verb.head
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) > 1:  # "meet his counterpart Italian President Sergio Mattarella", split by the parser
        return next((c for c in objects if c.pos_ == "PROPN"), objects[0])
    found = _child(verb, "dobj", "dative")
    if found is None:  # "Tillerson called Sergey Lavrov on Monday": the parser reads a named object as a predicate
        found = next((c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN"), None)
    return found


def target_entities(token: Token, *, depth: int = 0) -> list[Entity]:
    """Entities an object phrase stands for: itself, else its owner, else the object of its "of" phrase."""
    entities = phrase_entities(token)
    if entities:
        return entities
    entities = author_entities(token) or modifier_entities(token)
    if entities or depth >= 2:
        return entities
    # the author first: "attacked the proclamation of the Golan Heights as Israeli by Trump" is aimed at Trump;
    # then what the thing is of or between, and where it comes from ("an offer from the government")
    for prep in ("by", "of", "between", "with", "toward", "towards", "from"):
        for obj in prep_targets(token, (prep,)):
            entities = target_entities(obj, depth=depth + 1)
            if entities:
                return entities
    return []


# Nouns that name where something is ("in the north", "in the region", "in refugee camps").
PLACE_NOUNS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "centre",
               "center", "region", "regions", "area", "areas", "province", "provinces", "district", "districts",
               "city", "cities", "town", "towns", "village", "villages", "country", "countries", "capital", "state",
               "states", "territory", "territories", "zone", "zones", "camp", "camps", "border", "prison", "jail",
               "custody", "captivity", "exile", "neighbourhood", "neighborhood", "part", "parts", "street", "streets"}

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


def _names_where_or_who(prep: Token) -> bool:
    """Whether a preposition's object is a place, an actor or a named thing ("in Gaza", "in the north", "in
    the army", "in the Hama province"), not a manner or a medium ("in reaction", "in messages")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return True  # nothing to judge by: keep the parser's phrase
    return (obj.pos_ == "PROPN" or bool(obj.ent_type_) or mention_of(obj) is not None
            or obj.lemma_.lower() in PLACE_NOUNS or any(c.ent_type_ or c.pos_ == "PROPN" for c in obj.subtree))


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


# --- argument phrases and unidentified participants -------------------------------------------------------

# Inside an argument phrase: what describes the participant ("the police in the Gaza Strip", "an arms depot
# of the Syrian army", "missiles fired by the Israeli military"); left out: other participants (conj), clauses
# with their own content (relcl, advcl, infinitives: "a call to release ..."), and the act's own circumstances.
_PHRASE_PREPS = {"of", "in", "from", "near", "by", "inside", "outside"}
# titles whose "to" phrase is the post, part of who ("the US ambassador to Beijing")
_ACCREDITED = {"ambassador", "envoy", "emissary", "representative", "delegate", "delegation", "consul", "mission"}
_PHRASE_SKIP = {"conj", "cc", "preconj", "relcl", "advcl", "parataxis", "dep", "meta", "mark"}
_VERBAL = {"VERB", "AUX"}
_PLACE_PREPS = {"in", "near", "inside", "outside"}


def _phrase_children(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ in ("conj", "cc") and (_conjuncts_name_no_actor(token) or _in_one_name(token, child)):
            yield from _phrase_children(child)
            continue
        if child.dep_ in _PHRASE_SKIP or (child.dep_ == "appos" and _listed_as_apposition(token, child)):
            continue
        if child.dep_ == "appos" and _says(child):
            continue  # "withdrawing troops from Syria, Defence Minister Sergei Shoigu said": the speaker
        if child.dep_ == "npadvmod" and child.ent_type_ in _WHEN and child.i > token.i:
            continue  # a time phrase the parser hung on the noun: "U.S. airstrikes this month", "a camp in Calais Sunday"
        if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and token.pos_ == "PROPN" and token.ent_type_ != "GPE":
            continue  # "Saad Hariri in Washington": a name needs no place to say who; "the police in Gaza" does
        if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and _placed_without(token, child):
            continue  # "Russian authorities in Moscow", "ICE in Miami": the actor is placed without the city
        if child.dep_ == "prep" and child.lower_ == "in" and not _names_where_or_who(child):
            continue  # "the Taliban gunmen in reaction", "the attacks in messages": how, not who or where
        if child.dep_ == "prep" and child.lower_ not in _PHRASE_PREPS and token.pos_ != "ADJ" and not (
            child.lower_ == "for" and mention_of(token) is not None  # "Minister for Foreign Affairs"
        ) and not (child.lower_ == "to" and token.lemma_.lower() in _ACCREDITED):
            continue  # ("rebels loyal to X": an adjective keeps its complement)
        if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            continue
        if (child.dep_ == "acl" and child.lemma_.lower() in _NAMING and child.tag_ == "VBN"
                and any(c.dep_ == "prep" and c.lower_ == "as" for c in child.children)):
            yield from child.subtree  # "the Syrian humanitarian group known as the White Helmets": its name
            continue
        if child.dep_ == "prep" and child.lower_ == "of" and _charged_with(token, child):
            continue  # "accused the Nigerian army of torture": the charge, which the parser hung on the accused
        yield from _phrase_children(child)


_NAMING = {"know", "describe", "refer", "style", "brand", "dub"}  # "known as", "referred to as"
_SAYING = {"say", "tell", "add", "state", "announce", "report", "confirm", "note", "claim", "write", "insist"}


def _says(appos: Token) -> bool:
    """Whether an apposition is the speaker of a verb of saying right after it, which the parser left without a
    subject ("..., Defence Minister Sergei Shoigu said on Monday")."""
    after = appos.doc[appos.right_edge.i + 1] if appos.right_edge.i + 1 < len(appos.doc) else None
    return (after is not None and after.lemma_.lower() in _SAYING and after.pos_ == "VERB"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children))


def _conjuncts_name_no_actor(token: Token) -> bool:
    """Whether the words coordinated with `token` name no actor of their own ("a Cuban physician and nurse",
    "air strikes and artillery fire"): then they are one participant. (Conjuncts that are actors no one can place,
    "top Kurdish officials", take part on their own: `extract._unplaced_conjuncts`.)"""
    conjuncts = [c for c in token.children if c.dep_ == "conj"]
    return bool(conjuncts) and not any(
        mention_of(c) is not None or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or any(resolved_entity(t) is not None for t in c.subtree if t.pos_ != "PRON")
        for c in conjuncts)


CHARGE_VERBS = {"accuse", "suspect", "convict", "acquit", "absolve", "clear", "exonerate"}


def _charged_with(token: Token, of: Token) -> bool:
    """Whether `of` opens the charge against `token`, the object of a verb of accusing ("accused the army of
    torture", "convicted him of treason"), not a part of who is accused ("the leader of the opposition")."""
    if token.dep_ not in ("dobj", "nsubjpass") or token.head.lemma_.lower() not in CHARGE_VERBS:
        return False
    charge = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None)
    return charge is not None and (charge.pos_ in ("VERB", "AUX") or mention_of(charge) is None)


def _in_one_name(token: Token, other: Token) -> bool:
    """Whether two tokens lie inside one named entity ("the Office of Science and Technology Policy"): words
    coordinated inside a name are part of it, not participants of their own."""
    if not token.ent_type_ or token.ent_type_ != other.ent_type_:
        return False
    later = max(token.i, other.i)
    return all(token.doc[i].ent_iob_ == "I" for i in range(min(token.i, other.i) + 1, later + 1))


def _placed_without(token: Token, prep: Token) -> bool:
    """Whether the actor mention headed by `token` has its country without the place phrase `prep` opens."""
    mention = mention_of(token)
    entity = getattr(mention, "entity", None)
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    # people and groups only: an institution's seat is part of its name ("the Iraqi embassy in Kabul"), and
    # only a place: "Republicans in Congress" are not placed by it
    return (entity is not None and entity.code is not None and mention.head == token.i
            and mention.refers in ("person", "group") and entity.kind != "organisation"
            and place is not None and place.ent_type_ == "GPE"
            and not mention.start <= prep.i < mention.end)


def argument_phrase(token: Token) -> tuple[int, int]:
    """Character offsets of the noun phrase headed by `token`, as participant annotation marks it."""
    wanted = {t.i for t in _phrase_children(token)}
    doc = token.doc

    def inside(i: int, step: int) -> bool:
        # a punctuation mark between two words of the phrase belongs to it ("ISIS-held", "Minister, Ms X")
        return i in wanted or (0 <= i < len(doc) and doc[i].is_punct and i + step in wanted)

    # keep the contiguous run around the head: a skipped child in the middle ends the phrase there
    start = end = token.i
    while inside(start - 1, -1):
        start -= 1
    while inside(end + 1, 1):
        end += 1
    while start < token.i and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].ent_type_ in _WHEN):
        start += 1  # "On 17 July 2017 Russia's Supreme Court": the date is not the actor
    while end > token.i and (doc[end].is_punct or doc[end].dep_ == "cc") and not _closes(doc, start, end):
        end -= 1
    if end + 1 < len(doc) and _closes(doc, start, end + 1) and not _closes(doc, start, end):
        end += 1  # "the Central African Republic (CAR)": the parser hung the closing bracket elsewhere
    return doc[start].idx, doc[end].idx + len(doc[end])


_WHEN = {"DATE", "TIME"}


def _closes(doc, start: int, end: int) -> bool:
    """Whether doc[end] closes a bracket opened inside the phrase ("Nigerian Air Force (NAF)")."""
    pairs = {")": "(", "]": "["}
    opener = pairs.get(doc[end].text)
    return opener is not None and any(doc[i].text == opener for i in range(start, end))


def argument_head(token: Token, event_nouns: frozenset[str] = frozenset()) -> Token:
    """The head of the argument phrase that holds `token`: climb through modifiers and "of"/"in" phrases up to
    the word a verb (or a verb's preposition) governs; a conjunct is an argument of its own, and so is the
    participant of an act named by a noun ("its blockade of Yemen", "accusations by the US": Yemen, the US)."""
    node = token
    for _ in range(_MAX_CLIMB + 2):
        head = node.head
        if head.i == node.i or node.dep_ == "conj" or (node.dep_ == "appos" and _listed_as_apposition(head, node)):
            return node
        if head.dep_ in ("prep", "agent") and head.lower_ in ("of", "by") and head.head.lemma_.lower() in event_nouns:
            return node
        if head.dep_ == "prep" and head.lower_ == "of" and head.head.ent_type_ == "MONEY":
            return node  # "tariffs on $120 billion of China's exports": the exports, not the sum
        if head.pos_ in _VERBAL:
            return node
        if head.dep_ in ("prep", "agent", "dative") and head.head.pos_ in _VERBAL:
            return node
        if head.dep_ == "prep" and head.lower_ not in _PHRASE_PREPS:
            return node
        if head.dep_ == "mark":  # "a deadline for the UN health agency to make reforms": the agency, not "for"
            return node
        node = head
    return node


def _argument_token(entity: Entity, doc, event_nouns: frozenset[str] = frozenset()) -> Token | None:
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    return argument_head(span.root, event_nouns) if span is not None and len(span) else None


def named_in_sentence(entity: Entity, doc) -> Entity:
    """A pronoun's antecedent when the same sentence names it before the pronoun ("The Nigerian Air Force says it
    has killed ...": the participant is the Air Force, named there), else the entity unchanged. The event then
    points at the words that name its participant, as a reader (and source/target annotation) would."""
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None or not len(span):
        return entity
    mention = mention_of(span.root)
    mentions = doc._.cq_mentions or []
    if mention is None or mention.kind != "pronoun" or mention.antecedent is None:
        return entity
    if not 0 <= mention.antecedent < len(mentions):
        return entity
    antecedent = mentions[mention.antecedent]
    head = doc[antecedent.head]
    if antecedent.entity is None or antecedent.entity.code != entity.code or head.sent.start != span.root.sent.start:
        return entity
    if head.i >= span.root.i or antecedent.kind == "pronoun":
        return entity
    return replace(antecedent.entity, entity_text=antecedent.text, start=antecedent.start_char,
                   end=antecedent.end_char, phrase_start=None, phrase_end=None)


def with_phrase(entity: Entity, doc, *, mutual: bool = False, event_nouns: frozenset[str] = frozenset()) -> Entity:
    """The entity with the offsets of the argument phrase it fills (unchanged when it already has them).
    `mutual`: the event is reciprocal ("Britain and Germany agreed"), so the whole coordination is the phrase
    of both participants, as source/target annotation marks a reciprocal pair; otherwise each conjunct is
    an argument of its own. `event_nouns`: nouns that name acts, whose participants are arguments of their own."""
    if entity.phrase_start is not None:
        return entity
    head = _argument_token(entity, doc, event_nouns)
    if head is None:
        return entity
    start, end = coordination_phrase(head) if mutual else argument_phrase(head)
    start, end = min(start, entity.start), max(end, entity.end)
    return replace(entity, phrase_start=start, phrase_end=end)


def first_conjunct(token: Token) -> Token:
    """The first word of the coordination a noun is a conjunct of (the noun itself when it is none)."""
    while token.dep_ == "conj" and _nominal(token.head) and _nominal(token):
        token = token.head
    return token


def _nominal(token: Token) -> bool:
    """A noun, or a nationality adjective the parser made an argument ("Japanese and the Australian armies")."""
    return token.pos_ in _NOMINAL or (token.pos_ == "ADJ" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))


def are_coordinated(first: Entity, second: Entity, doc) -> bool:
    """Whether two participants are conjuncts of one coordination ("Britain and Germany")."""
    a, b = _argument_token(first, doc), _argument_token(second, doc)
    if a is None or b is None or a.i == b.i:
        return False
    return first_conjunct(a).i == first_conjunct(b).i or _owned_together(a, b) or _owned_together(b, a)


def _owned_together(group: Token, conjunct: Token) -> bool:
    """"the armies of Brazil and Argentina": Argentina is coordinated with the owner of the group noun."""
    owner = first_conjunct(conjunct)
    return owner.i != conjunct.i and any(o.i == owner.i for o in _of_owners(group))


_NOMINAL = {"NOUN", "PROPN"}


def coordination_phrase(head: Token) -> tuple[int, int]:
    """Character offsets of the whole coordination `head` is a conjunct of ("both Russia and the Syrian
    government"); the argument phrase of `head` when it is not coordinated."""
    first = first_conjunct(head)
    members = [first] + [c for c in first.conjuncts if c.pos_ in _NOMINAL and c.i > first.i]
    if len(members) == 1:
        return argument_phrase(head)
    spans = [argument_phrase(m) for m in members]
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    before = first.doc[first.left_edge.i] if first.left_edge.i < first.i else None
    if before is not None and before.dep_ == "preconj" and before.idx < start:
        start = before.idx  # "both Russia and ..."
    return start, end


_UNIDENTIFIABLE = {"it", "this", "that", "which", "what", "who", "there", "one", "some", "all", "both", "each",
                   "these", "those", "other", "others", "anyone", "someone", "everyone", "nobody", "none"}


def char_text(doc, start: int, end: int) -> str:
    """doc.text[start:end] for offsets on token boundaries, without `Doc.text`, which rebuilds the whole text
    from its tokens on every call (the events stage asks for many phrases of long documents)."""
    span = doc.char_span(start, end)
    return span.text if span is not None else doc.text[start:end]


def unidentified_entity(token: Token | None) -> Entity | None:
    """A participant the text names but the actor stage cannot place ("gunmen", "a car bomb", "protesters"):
    code None, the sector where the words give one, and the whole phrase as its text. None for pronouns and
    other words that name nobody."""
    if token is None:
        return None
    phrase_head = token
    if token.lemma_.lower() in QUANTITY_NOUNS:  # "dozens of protesters": the protesters say who
        token = next(iter(prep_targets(token, ("of",))), token)
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ in _UNIDENTIFIABLE:
        return None
    if token.like_num or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in (*token.children, *phrase_head.children)):
        return None  # "no country has recognized ...": nobody acted
    mention = mention_of(token)
    entity = getattr(mention, "entity", None) if mention is not None else None
    start, end = argument_phrase(phrase_head)
    text = char_text(token.doc, start, end)
    return Entity(entity_text=text, code=None, sector=getattr(entity, "sector", None), name=None, start=start,
                  end=end, entry="unidentified", kind="unidentified", phrase_start=start, phrase_end=end)
