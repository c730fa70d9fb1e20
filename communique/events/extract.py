"""Predicates and their roles: lexicon matching (verbs, particles, light verbs), actors and recipients.

`match_light` / `match_verb` find the lexicon senses of a verb; `actor_entities`, `verb_recipients`,
`light_recipients` and friends find who acts and at whom, from the parse and the actor mentions.
`communique.events.candidates` puts them together with modality into `Candidate` events.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Iterable

from spacy.tokens import Token

from ..records import Entity
from . import structure as st
from .lexicon import Entry, Lexicon
from .modality import Modality

LOGGER = logging.getLogger(__name__)

_VERB_POS = {"VERB", "AUX"}
_NOUN_POS = {"NOUN", "PROPN"}
_HOSTILE_ROOTS = {"17", "18", "19", "20"}
_OWNED_THINGS_DEPS = {"dobj", "nsubjpass"}
_LIGHT_PREPS = ("to", "on", "in")  # "agreed to a ceasefire", "went on strike"
_FALLBACK = 0.8  # the confidence factor of recipients found only somewhere inside the object phrase
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"}
_MATERIAL_CONFLICT_ROOTS = {"14", "15", "17", "18", "19", "20"}
_CONFLICT_ROOTS = {"09", "10", "11", "12", "13", "16"} | _MATERIAL_CONFLICT_ROOTS


@dataclass
class Candidate:
    """One coded act before it becomes an Event."""

    predicate: Token
    cameo: str
    rule: str
    actors: list[Entity]
    recipients: list[Entity]
    modality: Modality
    confidence: float
    kind: str  # verb | light | noun | model
    reported: bool = False
    reporter: Entity | None = None
    ambiguous: tuple[Entry, ...] = ()
    object_noun: Token | None = None


@dataclass
class DocMemory:
    """What earlier sentences of the document established, for later references.

    owners: a thing (plan, proposal) -> who put it forward; aggressors: a target's code -> who attacked it.
    """

    owners: dict[str, list[Entity]] = field(default_factory=dict)
    aggressors: dict[str, list[Entity]] = field(default_factory=dict)


@dataclass
class ExtractContext:
    """Everything extraction needs besides the sentence."""

    lexicon: Lexicon
    quotes: list = field(default_factory=list)
    memory: DocMemory = field(default_factory=DocMemory)
    control_lemmas: frozenset[str] = frozenset()
    # tokens the lexicon knows, coded or not (negated, ...), with the entries they matched (empty for a known
    # verb in a sense the lexicon leaves uncoded): read again when the classifier is consulted
    matched: dict[int, tuple[Entry, ...]] = field(default_factory=dict)

    @classmethod
    def for_lexicon(cls, lexicon: Lexicon, quotes: Iterable = ()) -> "ExtractContext":
        control = frozenset(
            e.lemma for entries in lexicon.verbs.values() for e in entries if e.frame == "control"
        )
        return cls(lexicon=lexicon, quotes=list(quotes), control_lemmas=control)


# --- matching predicates -------------------------------------------------------------------------------


_CURRENCY_NOUNS = {"dollar", "euro", "pound", "yuan", "yen", "rupee", "franc", "ruble", "rouble", "riyal", "dirham"}


_MORE_NOUNS = {"increase", "boost", "hike", "rise"}  # "an increase in funding" is more funding


def noun_keys(noun: Token) -> set[str]:
    """Ways a noun phrase may be written in the lexicon: "call", "phone call", "peace talks"."""
    head = {noun.lemma_.lower(), noun.lower_}
    keys = set(head)
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    for size in (1, 2):
        words = [m.lower_ for m in modifiers[-size:]]
        if len(words) == size:
            keys |= {" ".join(words + [h]) for h in head}
            # as written, hyphens kept: "cease-fire" (the tokenizer splits it into cease - fire)
            written = noun.doc[modifiers[-size].i:noun.i].text.lower()
            keys |= {f"{written}{h}" if written.endswith("-") else f"{written} {h}" for h in head}
    for prep in noun.children:  # "state of emergency", "team of doctors"
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == noun.i + 1:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                keys |= {f"{h} of {w}" for h in head for w in (obj.lower_, obj.lemma_.lower())}
    more = noun.lemma_.lower() in _MORE_NOUNS  # "announced a sixfold increase in funding"
    if noun.ent_type_ == "MONEY" or noun.lemma_.lower() in _CURRENCY_NOUNS or more:  # "provided $33 million in aid"
        if not more:
            keys.add("money")
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    keys |= noun_keys(obj)
    return keys


_ADVERB_PARTICLES = {"forth", "forward", "out", "off", "down", "back", "up", "over", "away"}


def _particle(verb: Token) -> str | None:
    parts = [c.lower_ for c in verb.children
             if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES and c.i == verb.i + 1)]
    return " ".join(parts) or None


def lemma_keys(token: Token) -> list[str]:
    """The lemma, then spellings that repair the small model's lemmatizer ("staged" -> "stag")."""
    word = token.lower_
    keys = [token.lemma_.lower(), word]
    if token.tag_ in ("VBD", "VBN") and word.endswith("ed"):
        keys += [word[:-1], word[:-2]]
    elif token.tag_ == "VBZ" and word.endswith("s"):
        keys.append(word[:-1])
    return keys


def _lookup(index: dict, token: Token) -> list:
    for key in lemma_keys(token):
        if key in index:
            return index[key]
    return []


def _verb_preps(verb: Token) -> set[str]:
    """The verb's prepositions, not those of a date or time ("called on Friday for ..." is no call on someone),
    and "for" opening a clause with its own subject ("called for Israel to halt ...")."""
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "dative", "agent") and not _says_when(c)}
    if st.for_clause(verb) is not None:
        preps.add("for")
    particle = _particle(verb)
    return preps | ({particle} if particle else set())


def _says_when(prep: Token) -> bool:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _infinitive_subjects(verb: Token) -> list[Token]:
    """Objects the parser made subjects of a following infinitive: "declared [a state of siege] to begin at
    midnight", "announced [a ceasefire] to take effect on Monday"."""
    return [c for clause in verb.children if clause.dep_ in ("ccomp", "xcomp")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
            for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i and c.pos_ in ("NOUN", "PROPN")]


def _small_clause_nouns(verb: Token) -> list[Token]:
    """A second object the parser made a verbless clause ("allowed [UN agencies] [access] to Idlib": "access" a
    complement clause with "agencies" its subject): the noun is the light verb's object, its subject the indirect
    object."""
    return [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "NOUN" and c.i > verb.i
            and any(g.dep_ == "nsubj" and g.i < c.i for g in c.children)]


def match_light(verb: Token, lexicon: Lexicon) -> list[tuple[Entry, Token]]:
    """Light verb + noun entries whose noun is one of the verb's objects ("held a phone call")."""
    entries = _lookup(lexicon.light, verb)
    if not entries:
        return []
    particle = _particle(verb)
    found: list[tuple[Entry, Token]] = []
    # an adjective complement is a copula's "noun": "said it is skeptical of the plan"
    complements = [c for c in verb.children if c.dep_ == "acomp"]
    for obj in (st.object_tokens(verb) + st.prep_targets(verb, _LIGHT_PREPS) + _infinitive_subjects(verb)
                + _small_clause_nouns(verb) + complements):
        if obj.lower_ == "one":  # "is one of the largest donors": the donors
            obj = next(iter(st.prep_targets(obj, ("of",))), obj)
        for noun in st.coordinated(obj):
            keys = noun_keys(noun)
            matching = [e for e in entries if (e.particle == particle or e.particle is None) and keys & set(e.nouns)]
            if matching and not _natural_hazard(noun, lexicon):  # "issued a flash flood warning": no threat
                found.append((_best_sense(matching, keys, verb, noun, obj), noun))
    return found


def _best_sense(entries: list[Entry], keys: set[str], verb: Token, noun: Token, first: Token) -> Entry:
    """Of the senses whose noun matches, the one matched by more words ("launched air strikes": an attack, not a
    labour strike), then one whose preposition the sentence uses ("strikes on ISIS positions"; on the noun, the
    first conjunct it is coordinated with, or the verb), then the first."""
    used = {c.lower_ for head in (verb, noun, first) for c in head.children if c.dep_ == "prep"}

    def rank(entry: Entry) -> tuple[int, bool]:
        return max(len(k.split()) for k in keys & set(entry.nouns)), bool(used & set(entry.preps))

    return max(entries, key=rank)  # max keeps the first of equals: the lexicon's order


def _natural_hazard(noun: Token, lexicon: Lexicon) -> bool:
    """Whether a modifier of the noun names a natural hazard ("flood warning", "storm emergency")."""
    hazards = lexicon.frames.lists.get("natural_hazards", frozenset())
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in hazards for c in noun.lefts)


def match_verb(verb: Token, lexicon: Lexicon) -> list[Entry]:
    """The most specific verb entries matching the verb, its particle and prepositions (several: ambiguous)."""
    entries = _lookup(lexicon.verbs, verb)
    if not entries:
        return []
    particle = _particle(verb)
    preps = _verb_preps(verb)
    matched = [
        e for e in entries
        if (e.particle == particle or (e.particle is None and particle in _ADVERB_PARTICLES - {"out", "off", "down", "back"}))
        and (not e.preps or preps & set(e.preps))
    ]  # fmt: skip
    # "is considering sending aid": the sense needs an act as its object (not "they are considered terrorists")
    matched = [e for e in matched if e.object != "act" or _takes_act(verb)]
    # "hoped that the envoy would ...", "agreed with the Senate that ...": the sense needs a that-clause
    matched = [e for e in matched if e.object != "clause" or any(c.dep_ == "ccomp" for c in verb.children)]
    # "declined to comment": the sense needs a verb of comment as its complement, and then it is the only one
    comment_senses = [e for e in matched if e.object == "comment"]
    if comment_senses and _takes_comment(verb, lexicon):
        return comment_senses
    matched = [e for e in matched if e.object != "comment"]
    direct = st.direct_recipient(verb)
    if direct is None:
        matched = [e for e in matched if not e.transitive]
    else:
        kind = "actor" if _heads_an_actor(direct) else "thing"
        matched = [e for e in matched if e.object in (None, kind, "act", "clause")]
        if direct.dep_ != "oprd" and any(c.dep_ == "oprd" for c in verb.children):  # "called him a liar": naming
            matched = [e for e in matched if e.object != "actor"]
    if not matched:
        return []
    best = max(e.specificity for e in matched)
    return _by_transitivity(verb, [e for e in matched if e.specificity == best], lexicon)


def _takes_act(verb: Token) -> bool:
    """Whether the verb's complement is an act it names with a verb ("considering sending aid", "weighing
    whether to send troops")."""
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)


def _takes_comment(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the verb's complement is a verb of comment ("declined to comment", "refused to elaborate")."""
    return any(c.dep_ == "xcomp" and lexicon.frames.has("comment_verbs", c.lemma_.lower()) for c in verb.children)


def _heads_an_actor(noun: Token) -> bool:
    """Whether an object phrase's head names an actor ("the Chinese president"), not a thing owned by one ("the
    Chinese peace initiative")."""
    mention = st.mention_of(noun)
    return mention is not None and getattr(mention, "entity", None) is not None and st._mention_head(noun).i == noun.i


def _by_transitivity(verb: Token, entries: list[Entry], lexicon: Lexicon) -> list[Entry]:
    """Among senses of different roots, a verb with an object takes the transitive sense first
    ("struck a refinery" attacks; "workers struck" strike); a weapon as subject takes the violent sense
    ("rockets struck near the base")."""
    if len({e.cameo[:2] for e in entries}) < 2:
        return entries
    subject = st.subject_token(verb)
    if subject is not None and lexicon.frames.has("instrument_nouns", subject.lemma_.lower()):
        violent = [e for e in entries if e.cameo[:2] in _MATERIAL_CONFLICT_ROOTS - {"14"}]
        if violent:
            return violent
    transitive = st.direct_recipient(verb) is not None
    ranked = sorted(entries, key=lambda e: e.needs_recipient != transitive)
    return [e for e in ranked if e.needs_recipient == ranked[0].needs_recipient]


# --- entities for the roles ----------------------------------------------------------------------------


def actor_entities(predicate: Token, context: ExtractContext) -> list[Entity]:
    """Who acts: the subject (climbing control, raising, coordination), or the agent of a passive."""
    subject = st.subject_token(predicate, control_lemmas=context.control_lemmas)
    if subject is None and st.is_passive(predicate) and context.lexicon.frames.has("expeller_verbs", predicate.lemma_.lower()):
        # "inspectors have been expelled from North Korea": who expels is the country they leave
        return [e for obj in st.prep_targets(predicate, ("from",)) for e in st.phrase_entities(obj) if e.code]
    if subject is None and st.is_passive(predicate) and context.lexicon.frames.has("deployed_verbs", predicate.lemma_.lower()):
        # "US troops were deployed to Poland": troops sent by no one named are sent by their own side
        sent = st.direct_recipient(predicate)
        return [e for e in (st.phrase_entities(sent) if sent is not None else []) if e.code and e.sector == "MIL"]
    if subject is None:
        return []
    if st.first_person_speaker(subject):
        speaker = _quote_speaker(subject, context)
        if speaker is not None:
            return [replace(speaker, entity_text=subject.text, start=subject.idx, end=subject.idx + len(subject))]
    if st.mention_of(subject) is None and subject.lemma_.lower() in st.QUANTITY_NOUNS:
        return st.phrase_entities(subject)  # "thousands of Georgians"
    agents = [e for obj in st.prep_targets(subject, ("by",)) for e in st.phrase_entities(obj)]
    if agents and not st.phrase_entities(subject):
        return agents  # "a car bombing by the Islamic State killed ...": the instrument's author acts
    claimant = _claimant(subject, context)
    if claimant and not st.phrase_entities(subject):
        return claimant  # "IS claimed responsibility for the bombings that killed 300 people": IS killed them
    if st.mention_of(subject) is None:  # "Chinese coast guard ships": the nationality names the actor
        # ... or the author of a thing that acts: "the aid package proposed by the European Commission allocates"
        return st.modifier_entities(subject, possessors=False, places=False) or st.author_entities(subject)
    found = st.phrase_entities(subject)
    if found:  # "KRG President Masoud Barzani and top Kurdish officials": a conjunct no one can place acts too
        found += _unplaced_conjuncts(subject, found)
    return found


def _claimant(instrument: Token, context: ExtractContext) -> list[Entity]:
    """Who claimed an attack or is held responsible for it: the subject of "claimed responsibility for" or "is
    responsible for" the instrument noun ("the bombings", "the attack"); empty for anything else."""
    frames = context.lexicon.frames
    first = instrument
    while first.dep_ == "conj":  # "both the Farah and the Ghazni attacks"
        first = first.head
    if not frames.has("instrument_nouns", instrument.lemma_.lower()) or first.dep_ != "pobj":
        return []
    holder = first.head.head
    if first.head.lower_ != "for":
        return []
    if holder.dep_ == "dobj" and holder.lemma_.lower() in ("responsibility", "credit"):
        verb = holder.head
        if not frames.has("responsibility_claim_verbs", verb.lemma_.lower()):
            return []  # "denied responsibility for the attack"
    elif holder.pos_ == "ADJ" and frames.has("responsibility_adjectives", holder.lemma_.lower()):
        verb = holder.head
    else:
        return []
    return actor_entities(verb, context)


def _unplaced_conjuncts(head: Token, placed: list[Entity], *, people: bool = False) -> list[Entity]:
    """The conjuncts of a phrase that resolve to no actor but name people by role (a sector), or, with `people`,
    by name or group: unidentified participants (code None)."""
    out = []
    for conjunct in list(st.coordinated(head))[1:]:
        if st.resolved_entity(conjunct) is not None or any(e.start <= conjunct.idx < e.end for e in placed):
            continue
        entity = st.unidentified_entity(conjunct)
        if entity is not None and (entity.sector or (people and conjunct.ent_type_ in ("PERSON", "NORP"))):
            out.append(entity)
    return out


def unidentified_actors(predicate: Token, context: ExtractContext) -> list[Entity]:
    """Who acts when the actor stage could not place them ("gunmen opened fire", "a car bomb struck a bus"):
    the subject's phrase with code None (and its sector, where the words give one). Empty for pronouns."""
    subject = st.subject_token(predicate, control_lemmas=context.control_lemmas)
    if subject is None or st.first_person_speaker(subject) or subject.dep_ not in ("nsubj", "pobj"):
        return []  # only a true subject or passive agent: "leaders who ... accused them" is too often misparsed
    mention = st.mention_of(subject)
    named = getattr(mention, "entity", None)
    if mention is not None and mention.kind == "pronoun" and named is not None and named.sector:
        return [named]  # "union workers said they will not end the strike": the group the pronoun stands for
    if mention is not None and mention.kind == "pronoun":
        speaker = _pronoun_speaker(subject, context)  # "the Farm Bureau said it is skeptical"
        if speaker is None:
            return []
        known = st.resolved_entity(speaker)
        if known is not None:
            return [known]
        subject = speaker
    entity = st.unidentified_entity(subject)
    if entity is None:
        return []
    # people by role ("gunmen", "protesters") or an instrument standing for its users ("a car bomb"); an unknown
    # name acts only in statements and in acts aimed at a known actor (see candidates._unknown_name_may_act)
    if entity.sector or context.lexicon.frames.has("instrument_nouns", subject.lemma_.lower()):
        return [entity]
    if subject.ent_type_ in ("PERSON", "ORG") and subject.pos_ == "PROPN":
        return [replace(entity, entry=UNKNOWN_NAME)]
    return []


UNKNOWN_NAME = "unidentified:name"  # the entry of an actor named by a name the knowledge base does not know


_PERSONAL = {"he", "she"}
_IMPERSONAL = {"it", "they"}


def _pronoun_speaker(pronoun: Token, context: ExtractContext) -> Token | None:
    """The subject of the verb of saying whose reported clause an unresolved pronoun is the subject of, when it
    can be what the pronoun stands for: "The California Farm Bureau Federation said it is skeptical" (a name
    the knowledge base does not know, which coreference will not guess), "UNICEF reported they had delivered"
    (an organisation as "they"). A person is "he" or "she"; an organisation "it" or "they"."""
    clause = pronoun.head
    if clause.dep_ != "ccomp" or not context.lexicon.frames.has("speech", clause.head.lemma_.lower()):
        return None
    speaker = st.subject_token(clause.head)
    if speaker is None or speaker.i > pronoun.i:
        return None
    known = st.resolved_entity(speaker)
    person = (known.kind == "person") if known is not None else speaker.ent_type_ == "PERSON"
    if known is None and speaker.ent_type_ not in ("PERSON", "ORG"):
        return None
    if pronoun.lower_ == "it" and speaker.tag_ in ("NNS", "NNPS"):
        return None  # "Officials said it killed nine people": "it" is something else (the storm)
    return speaker if pronoun.lower_ in (_PERSONAL if person else _IMPERSONAL) else None


def _quote_speaker(token: Token, context: ExtractContext) -> Entity | None:
    quote = _quote_at(token.idx, context)
    speaker = getattr(quote, "speaker", None) if quote is not None else None
    return speaker if speaker is not None and speaker.code else None


def _quote_at(char: int, context: ExtractContext):
    if not context.quotes:
        return None
    from .quotes import quote_containing

    return quote_containing(context.quotes, char)


def speaker_entities(speech_verb: Token, context: ExtractContext) -> list[Entity]:
    """Who says: the subject, the passive agent, or "in a statement issued by X" / "according to X"."""
    found = actor_entities(speech_verb, context)
    if found:
        return found
    for child in speech_verb.children:
        if child.dep_ != "prep":
            continue
        for obj in st.prep_targets(speech_verb, (child.lower_,)):
            if child.lower_ == "according":
                continue
            found = st.modifier_entities(obj) or _issuer(obj)
            if found:
                return found
        if child.lower_ == "according":
            for obj in st.prep_targets(child, ("to",)):
                found = st.phrase_entities(obj)
                if found:
                    return found
    return []


def _issuer(noun: Token) -> list[Entity]:
    """"a statement issued by the foreign ministry" -> the ministry."""
    for child in noun.children:
        if child.dep_ == "acl":
            agent = st.agent_token(child)
            if agent is not None:
                return st.phrase_entities(agent)
    return []


def _phrase_entity(token: Token, code_from: list[Entity], entry: str) -> list[Entity]:
    """Entities with the codes of `code_from` standing for the phrase of `token` ("this plan" -> CHN)."""
    left = min(t.idx for t in token.subtree if t.i <= token.i and t.dep_ in ("det", "poss", "amod", "compound") or t.i == token.i)
    right = token.idx + len(token)
    text = st.char_text(token.doc, left, right)
    return [replace(e, entity_text=text, start=left, end=right, entry=entry, kind="description") for e in code_from]


def recipient_from_object(obj: Token, actors: list[Entity], context: ExtractContext, *,
                          hostile: bool = False) -> tuple[list[Entity], float]:
    """The recipient an object phrase stands for, with a confidence factor for indirect readings."""
    nominal = _nominal_entry(obj, context.lexicon) if obj.pos_ in _NOUN_POS else None
    if nominal is not None and nominal.cameo[:2] in _HOSTILE_ROOTS | {"12"}:
        return _aggressor_of(obj, nominal, context)
    entities = st.target_entities(obj)
    if entities:  # "sanctions on Mike Pompeo, Alex Azar and Steve Bannon": the unplaced conjuncts are targets too
        return entities + _unplaced_conjuncts(obj, entities, people=True), 1.0
    lemma = obj.lemma_.lower()
    if lemma in context.memory.owners and any(c.dep_ == "det" for c in obj.children):
        return _phrase_entity(obj, context.memory.owners[lemma], "coref:owner"), 0.85
    actor_codes = {a.code for a in actors}
    inside = st.subtree_entities(obj, exclude=actor_codes, locatives=hostile)
    return inside, _FALLBACK


def _aggressor_of(obj: Token, nominal: Entry, context: ExtractContext) -> tuple[list[Entity], float]:
    """Condemning an attack or a violation targets its author, never its victim.

    "condemned Russia's invasion" -> Russia; "condemned the violation of Ukraine's territorial integrity"
    -> whoever the document says attacked Ukraine.
    """
    agents = st.modifier_entities(obj) or [e for p in st.prep_targets(obj, ("by",)) for e in st.phrase_entities(p)]
    if agents:
        return agents, 1.0
    victims = [e for p in st.prep_targets(obj, nominal.preps or ("of",)) for e in st.target_entities(p)]
    for victim in victims:
        known = context.memory.aggressors.get(victim.code)
        if known:
            return _phrase_entity(obj, known, "coref:aggressor"), 0.8
    return [], 1.0


def _nominal_entry(noun: Token, lexicon: Lexicon) -> Entry | None:
    entries = lexicon.nouns.get(noun.lemma_.lower()) or lexicon.nouns.get(noun.lower_)
    if not entries:
        return None
    keys = noun_keys(noun)
    for entry in entries:
        if keys & set(entry.nouns):
            return entry
    return entries[0]


def _same(a: Entity, b: Entity) -> bool:
    """The same actor: same code and sector (a country's army acting on its rebels is two actors)."""
    return a.code == b.code and (a.sector == b.sector or not a.sector or not b.sector)


def _without_actor(recipients: list[Entity], actors: list[Entity]) -> list[Entity]:
    return [r for r in recipients if not any(_same(r, a) for a in actors)]


def verb_recipients(verb: Token, entry: Entry, actors: list[Entity], context: ExtractContext) -> tuple[list[Entity], float]:
    """Recipients of a plain verb: its entry's preposition, its object, then the usual target prepositions."""
    unplaced = None  # people the entry's own preposition names, whom the actor stage could not place
    if entry.preps:
        for obj in st.prep_targets(verb, entry.preps):
            found, factor = recipient_from_object(obj, actors, context)
            if _without_actor(found, actors):
                return found, factor
            unplaced = unplaced or _unplaced_person(obj)
        clause = st.for_clause(verb) if "for" in entry.preps else None
        if clause is not None:  # "called for Israel to halt construction": Israel is asked
            subject = next(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
            found = st.phrase_entities(subject)
            if _without_actor(found, actors):
                return found, 1.0
    if entry.frame == "control":
        asked = _asked_subject(verb)
        if asked is not None:
            found = st.phrase_entities(asked)
            if _without_actor(found, actors):
                return found, 1.0
    direct = st.direct_recipient(verb)
    if direct is not None:
        found, factor = recipient_from_object(direct, actors, context, hostile=entry.cameo[:2] in _CONFLICT_ROOTS)
        if _without_actor(found, actors) or (found and entry.own_side and direct.pos_ != "PRON"):
            return found, factor  # own side: "Putin defended Russia's involvement" (not "defended himself")
    for obj in st.prep_targets(verb, st.GENERIC_TARGET_PREPS):
        found = st.target_entities(obj)
        if _without_actor(found, actors):
            return found, 0.9
    found = complement_recipients(verb, actors, context)
    if found:
        return found, 0.9
    if entry.cameo[:2] in _MATERIAL_CONFLICT_ROOTS:
        found = _without_actor(place_targets(verb, direct), actors)
        if found:
            return found, _FALLBACK
    found, factor = reaction_target(verb, actors)
    if not found and unplaced is not None:  # "surrendered to the authorities": someone, code unknown
        return [unplaced], 0.85
    return found, factor


def place_targets(verb: Token, direct: Token | None) -> list[Entity]:
    """Where violence is done names its target: "shelled Kharkiv", "stormed the hospital in Gaza".

    Not when the object names people ("arrested dozens of protesters in Moscow": the protesters are).
    """
    people = direct is not None and (
        direct.lemma_.lower() in st.QUANTITY_NOUNS
        or any(getattr(st.mention_of(t), "plural", False) for t in (direct, *direct.children))
    )
    if people:
        return []
    found = [e for obj in st.prep_targets(verb, ("in", "at", "near")) for e in st.phrase_entities(obj)]
    if found:
        return found
    if direct is not None:
        place = place_at(direct)
        if place is not None and place.country_code:
            return [Entity(entity_text=place.text, code=place.country_code, sector=None, name=place.name,
                           start=place.start, end=place.end, entry=f"place:{place.name}", kind="place")]
    return []


def place_at(token: Token):
    """The gazetteer place (communique.events.places) whose span holds `token`, if any."""
    for place in token.doc._.cq_places or ():
        if place.start is not None and place.start <= token.idx < place.end:
            return place
    return None


def _asked_subject(verb: Token) -> Token | None:
    """"demanded that the United States release ...": who is asked is the subject of the complement."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def complement_recipients(verb: Token, actors: list[Entity], context: ExtractContext) -> list[Entity]:
    """"threatened to cut supplies to Moldova", "promised to help Ukraine": the complement's target."""
    complement = _complement(verb)
    if complement is None:
        return []
    subject = next((c for c in complement.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.i > verb.i and not any(c.dep_ == "mark" for c in complement.children):
        found = _without_actor(st.phrase_entities(subject), actors)  # "help Ukraine rebuild": who is helped
        if found:
            return found
    direct = st.direct_recipient(complement)
    found = st.target_entities(direct) if direct is not None else []
    if not _without_actor(found, actors):
        found = [e for obj in st.prep_targets(complement, st.GENERIC_TARGET_PREPS) for e in st.target_entities(obj)]
    if not _without_actor(found, actors) and direct is not None:
        found = st.subtree_entities(direct, exclude={a.code for a in actors})
    return _without_actor(found, actors)


def reaction_target(verb: Token, actors: list[Entity]) -> tuple[list[Entity], float]:
    """"expressed concern after the Chinese ambassador stated ...": a reaction is aimed at who prompted it."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "when") for c in child.children):
            subject = st.subject_token(child)
            found = _without_actor(st.phrase_entities(subject), actors) if subject is not None else []
            if found:
                return found, 0.8
    return [], 1.0


def _for_clause_subjects(noun: Token) -> list[Token]:
    """The subjects of "for X to VERB" clauses the parser hung on a noun (the mark "for", X the clause subject;
    or X the object of the mark: "a deadline for the UN health agency to make reforms")."""
    return [subject for clause in noun.children if clause.dep_ in ("advcl", "acl", "relcl") and st.marked_for(clause)
            for subject in [*clause.children, *(o for m in clause.children if m.dep_ == "mark" for o in m.children)]
            if subject.dep_ in ("nsubj", "pobj")]


def light_recipients(verb: Token, entry: Entry, noun: Token, actors: list[Entity], context: ExtractContext) -> tuple[list[Entity], float]:
    """Recipients of a light verb + noun: the entry's preposition on the verb or the noun, else the noun's phrase."""
    preps = tuple(entry.preps or st.GENERIC_TARGET_PREPS) + ("of", "for", "between")
    unplaced = None  # people the entry's own preposition names, whom the actor stage could not place
    first = st.first_conjunct(noun)  # "launched air and artillery strikes on X": the parser hangs "on" on "air"
    for prep in preps:
        heads = [noun, verb] + ([first] if first.i != noun.i else [])
        if prep == "against" and prep in entry.preps:
            # "filed a complaint with the Council against Israel": the parser hangs it anywhere (only where the entry
            # names "against": "summoned the ambassador ..., saying sanctions against EU lawmakers" is another act)
            heads += [t for t in verb.subtree if t.i > noun.i and t.i not in (noun.i, verb.i)]
        for head in heads:
            for obj in st.prep_targets(head, (prep,)):
                found = st.target_entities(obj)
                if _without_actor(found, actors):
                    return found + _unplaced_conjuncts(obj, found, people=True), 1.0
                if unplaced is None and entry.preps and prep in entry.preps:
                    unplaced = _unplaced_person(obj)
    asked = _for_clause_subjects(noun)  # "a deadline for the WHO to make reforms"
    if context.lexicon.frames.has("request_nouns", noun.lemma_.lower()):
        asked += _for_clause_subjects(verb)  # "renewed its call for Russia to leave" (the clause hung on the verb)
    for obj in asked:
        found = st.target_entities(obj)
        if _without_actor(found, actors):
            return found, 1.0
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i != noun.i), None)
    datives = [c for c in verb.children if c.dep_ == "dative" and c.i != noun.i]  # "gave Putin a warning"
    if noun.head.dep_ == "prep" and noun.head.head.i == verb.i:  # "held 20,000 civilians as human shields"
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            found = st.target_entities(obj) or [e for e in [_unplaced_person(obj)] if e is not None]
            if _without_actor(found, actors):
                return found, 1.0
    if noun.dep_ == "ccomp" and noun.head.i == verb.i:  # "allowed UN agencies access" (see _small_clause_nouns)
        datives += [c for c in noun.children if c.dep_ == "nsubj"]
    for obj in datives:
        found = st.target_entities(obj)
        if _without_actor(found, actors):
            return found, 1.0
    for obj in st.prep_targets(verb, st.GENERIC_TARGET_PREPS):
        found = st.target_entities(obj)
        if _without_actor(found, actors):
            return found, 0.9
    if entry.cameo.startswith(("07", "033")):  # "sending aid to help North Korea cope": whom the aid helps
        for obj in _helped(verb):
            found = st.target_entities(obj)
            if _without_actor(found, actors):
                return found, 0.9
    if passive_subject is None:
        hostile = entry.cameo[:2] in _MATERIAL_CONFLICT_ROOTS
        inside = st.subtree_entities(noun, exclude={a.code for a in actors}, locatives=hostile)
        if inside:
            return inside, _FALLBACK
    found, factor = reaction_target(verb, actors)
    if not found and unplaced is not None:
        # "launched an investigation into 70 employees of Wargaming": someone the act names, code unknown
        return [unplaced], 0.85
    if not found and context.lexicon.frames.lists_code("people_object_codes", entry.cameo):
        released = _unplaced_person(noun)
        if released is not None and released.sector:
            return [released], 0.9  # "freed 37 prisoners": the prisoners are whom the act is for
    return found, factor


_HELP_VERBS = {"help", "assist", "support", "aid"}


def _helped(verb: Token) -> list[Token]:
    """The objects of a purpose clause of helping hung on the verb ("sent aid to help Nepal recover")."""
    found = []
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and clause.lemma_.lower() in _HELP_VERBS:
            found += [c for c in clause.children if c.dep_ == "dobj"]
            # "to help Nepal recover": the parser makes the helped the subject of what they are helped to do
            found += [s for c in clause.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
    return found


def _unplaced_person(token: Token) -> Entity | None:
    """An unidentified participant for people or an organisation the text names by role or name (not a thing)."""
    entity = st.unidentified_entity(token)
    if entity is None:
        return None
    named = token.ent_type_ in ("PERSON", "ORG", "NORP")
    return entity if entity.sector or named else None


def _complement(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in _VERB_POS), None)
