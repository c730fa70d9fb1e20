"""Candidate events of a sentence: matched predicates, their roles and their modality, put together.

`extract_sentence(sentence, context)` returns the `Candidate` events of one sentence: for every verb (plain,
with particle or preposition, or light verb + noun) and every nominal event the lexicon knows, it finds the
actor and recipient entities, decides the modality (asserted, intended, negated, hypothetical, requested) and
the CAMEO code that follows from it. The component turns candidates into `records.Event`s.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import Entity
from . import structure as st
from .extract import (
    _CLAUSE_DEPS, _FALLBACK, _HOSTILE_ROOTS, _MATERIAL_CONFLICT_ROOTS, _NOUN_POS,
    _OWNED_THINGS_DEPS, _VERB_POS, Candidate, DocMemory, ExtractContext, _complement, _nominal_entry,
    UNKNOWN_NAME, _lookup, _quote_speaker, _without_actor, _same, actor_entities, light_recipients, unidentified_actors,
    match_light, match_verb,
    noun_keys, speaker_entities, verb_recipients,
)  # fmt: skip
from .lexicon import Entry
from .modality import FACT, INTENT, NEGATED, Modality, modality_of





def _cooperation(cameo: str, context: ExtractContext) -> bool:
    """Whether a code is cooperation that an unidentified actor does not get (frames.yaml
    `unidentified_excluded_codes`)."""
    return context.lexicon.frames.lists_code("unidentified_excluded_codes", cameo)


def _mutual(cameo: str, frame: str | None, context: ExtractContext) -> bool:
    """Acts that coordinated actors do with each other ("X and Y met / signed / agreed to cooperate"), not those
    each may do to a third ("China, Iran and Russia pledged funds": `mutual_codes` in frames.yaml)."""
    return frame == "reciprocal" or context.lexicon.frames.lists_code("mutual_codes", cameo)


def _reciprocal(actors: list[Entity]) -> list[tuple[list[Entity], list[Entity]]]:
    """"X and Y met": X with Y and Y with X."""
    return [([a], [b]) for a in actors for b in actors if not _same(a, b)]


def _coded_cameo(cameo: str, modality: Modality, context: ExtractContext) -> str | None:
    """The CAMEO code an act carries under its modality; None when it is not coded."""
    if modality.status == FACT:
        return cameo
    if modality.status == INTENT:
        if cameo[:2] in ("03", "02", "10", "13"):
            return cameo
        frames = context.lexicon.frames
        offered = any(reason.split(":", 1)[-1] in frames.lists.get("offer_verbs", ()) for reason in modality.reasons
                      if reason.startswith("intent:"))
        return frames.offered_intent_code(cameo) if offered else frames.intent_code(cameo)
    return None




def clause_depth(token: Token) -> int:
    """How many clause boundaries lie between a predicate and its sentence's root."""
    depth, node = 0, token
    while node.head.i != node.i:
        depth += node.dep_ in _CLAUSE_DEPS or node.dep_ in ("pobj", "dobj") and node.pos_ in _NOUN_POS
        node = node.head
    return depth


def _unnamed_target(predicate: Token, cameo: str, object_noun: Token | None, context: ExtractContext) -> bool:
    """An act on an unnamed target is still an event when the target is a group of people ("killed 500
    civilians", "criticized some leaders") or the act is violent ("attacked an army camp")."""
    obj = st.direct_recipient(predicate) if object_noun is None else None
    if obj is None:
        return False
    obj = _counted(obj)  # "released dozens of activists"
    if context.lexicon.frames.has("non_human_objects", obj.lemma_.lower()):
        return False  # "killing animals", "culled 300,000 pigs": no political target
    # "condemned the attack on the embassy": the object is itself an event, its author unnamed
    event_noun = obj.pos_ in _NOUN_POS and (
        obj.lemma_.lower() in context.lexicon.nouns or context.lexicon.frames.has("proposal_nouns", obj.lemma_.lower())
    )
    mention = st.mention_of(obj)
    entity = getattr(mention, "entity", None)
    # an actor-like phrase ("some leaders", "protesters") or people by name or group ("Razan Ghazzawi", "19
    # Christians")
    people = (entity is not None and bool(entity.sector)) or obj.ent_type_ in ("PERSON", "NORP")
    return people or cameo[:2] in _MATERIAL_CONFLICT_ROOTS or event_noun


_VIOLENT_ROOTS = ("18", "19", "20")


def _violent_target(predicate: Token, cameo: str, context: ExtractContext) -> bool:
    """Whether an act of violence has a direct object naming what it hit (a building, a base, a city), not an
    event ("stepped up the attacks")."""
    obj = st.direct_recipient(predicate)
    return (cameo[:2] in _VIOLENT_ROOTS and obj is not None and obj.pos_ in _NOUN_POS
            and obj.lemma_.lower() not in context.lexicon.nouns)


def _counted(obj: Token) -> Token:
    """What a quantity noun counts ("dozens of activists": activists), else the noun itself."""
    if obj.lemma_.lower() in st.QUANTITY_NOUNS:
        return next(iter(st.prep_targets(obj, ("of",))), obj)
    return obj


def _named_people(predicate: Token) -> bool:
    """Whether the verb's direct object names people by name or group ("freed Razan Ghazzawi", "19 Christians")."""
    obj = st.direct_recipient(predicate)
    return obj is not None and _counted(obj).ent_type_ in ("PERSON", "NORP")


def _target_entity(predicate: Token, object_noun: Token | None) -> Entity | None:
    """The unidentified participant a verb's direct object names ("five soldiers", "a police headquarters");
    None when a light verb's noun is the object."""
    return st.unidentified_entity(st.direct_recipient(predicate)) if object_noun is None else None


def _acts_on_something(predicate: Token, object_noun: Token | None, context: ExtractContext) -> bool:
    """Whether an act with no recipient still has what it is about: an object or a complement act. "The party
    has declined" and "declined to comment" (CAMEO 011, a statement) are not rejections."""
    if object_noun is not None or st.object_tokens(predicate):
        return True
    complement = _complement(predicate)
    return complement is not None and not context.lexicon.frames.has("comment_verbs", complement.lemma_.lower())


UNIDENTIFIED_PENALTY = 0.2  # default of frames.yaml model.unidentified_penalty


def _confidence(base: float, actors: list[Entity], factor: float, modality: Modality, reported: bool,
                predicate: Token | None = None, *, unidentified_penalty: float = UNIDENTIFIED_PENALTY) -> float:
    value = base * factor
    if predicate is not None:
        value -= 0.04 * min(3, clause_depth(predicate))
    if any(a.kind == "pronoun" or (a.entry or "").startswith("coref") for a in actors):
        value -= 0.05
    if any(a.code is None for a in actors):
        value -= unidentified_penalty  # an event whose actor has no code ranks below attributed ones
    if modality.status == INTENT:
        value -= 0.05
    if reported:
        value -= 0.1
    return round(min(0.99, max(0.05, value)), 3)


def _speaker_for(predicate: Token, modality: Modality, context: ExtractContext) -> list[Entity]:
    if modality.reported_by is not None:
        found = speaker_entities(modality.reported_by, context)
        if found:
            return found
    speaker = _quote_speaker(predicate, context)
    return [speaker] if speaker is not None else []


def _build(predicate: Token, cameo: str, rule: str, base: float, kind: str, actors: list[Entity],
           recipients: list[Entity], factor: float, modality: Modality, context: ExtractContext,
           *, needs_recipient: bool, frame: str | None = None, ambiguous: tuple[Entry, ...] = (),
           object_noun: Token | None = None, committed: bool = False, own_side: bool = False) -> list[Candidate]:
    """Candidates for one matched predicate once its roles are known (empty when not codable). `committed`: an
    intention its actor bound itself to ("agreed to resign"), coded with or without a recipient."""
    frames = context.lexicon.frames
    if cameo.startswith("15") and _for_peacekeeping(predicate, frames):
        cameo, rule = "074", f"{rule}+frames.yaml:peacekeeping_words"
    speakers = _speaker_for(predicate, modality, context)
    if not actors and modality.status == INTENT and st.is_passive(predicate):
        actors = speakers  # "it was announced that an envoy would be sent": the announcer intends it
    if not actors:
        return []
    if all(a.code is None and not frames.has("political_sectors", (a.sector or "").lower())
           for a in actors) and _cooperation(cameo, context):
        return []  # "people living in or visiting Hong Kong", "the teachers cooperate": private life
    recipients = recipients if own_side else _without_actor(recipients, actors)
    pairs = [(actors, recipients)]
    if len(actors) > 1 and (not recipients or factor <= _FALLBACK) and _mutual(cameo, frame, context):
        mutual = _reciprocal(actors)
        if mutual:  # "the Taliban and the Afghan Taliban": one actor twice is not a pair
            pairs, factor = mutual, 1.0
    recipientless = frames.model.get("recipientless_factor", 0.0)
    # an act with no recipient is still an event ("the Taliban agreed to a ceasefire", recipient may be empty),
    # but only when its actor is named: it ranks below acts aimed at someone
    named_act = (recipientless > 0 and all(a.code is not None for a in actors)
                 and any(frames.has("recipientless_roots", cameo[:n]) for n in (2, 3))
                 and _acts_on_something(predicate, object_noun, context))
    # "Germany agreed to share intelligence": an act a named actor committed itself to needs no recipient
    committed = committed or (all(a.code is not None for a in actors) and any(
        r.startswith("intent:") and frames.has("commitment_words", r[7:]) for r in modality.reasons))
    if modality.status == INTENT and not pairs[0][1]:
        # "threatened to attack Kurdish fighters": towards people the text names (a plain future, "those women will
        # attack ...", is too often a generalisation to code)
        violent = [e.cameo for e in context.matched.get(predicate.i, ()) if e.cameo[:2] in _VIOLENT_ROOTS]
        target = (_target_entity(predicate, object_noun) if len(pairs) == 1 and any(
            r.startswith("intent:") for r in modality.reasons) and (
                _unnamed_target(predicate, cameo, object_noun, context)
                or (violent and _violent_target(predicate, violent[0], context)))
            else None)
        direct = st.direct_recipient(predicate)
        concrete = direct is not None and not frames.has("abstract_objects", _counted(direct).lemma_.lower())
        if target is not None and (target.sector or (violent and concrete)):
            # "threatened to shell the border town": what the violence would hit, as for violence done
            pairs, factor = [(actors, [target])], factor * 0.85
        elif not (named_act or committed):
            return []  # an intention is towards someone
        else:
            factor *= recipientless
    elif needs_recipient and not pairs[0][1]:
        if _unnamed_target(predicate, cameo, object_noun, context):
            factor *= 0.85
            target = _target_entity(predicate, object_noun)
            # people ("killed five soldiers"), or what violence was aimed at ("stormed a police headquarters")
            if target is not None and len(pairs) == 1 and (target.sector or _violent_target(predicate, cameo, context)
                                                           or _named_people(predicate)):
                pairs = [(actors, [target])]
        elif named_act:
            factor *= recipientless
        else:
            return []
    if cameo.startswith("01") and len(pairs) == 1 and not pairs[0][1]:
        weighed = _complement(predicate) if predicate.pos_ in _VERB_POS else None
        aimed = _clause_recipients(weighed, actors, context) if weighed is not None else []
        if aimed:  # "is considering sending aid to North Korea": the weighed act's recipient
            pairs = [(actors, aimed)]
    if cameo.startswith("01") and len(pairs) == 1 and not pairs[0][1]:
        topic = _statement_topic(predicate, object_noun, frames)
        if topic is not None:  # "expressed optimism at a bipartisan deal": what the comment is about
            pairs = [(actors, [topic])]
    if frames.lists_code("host_place_codes", cameo) and len(pairs) == 1:
        hosts = _aided_places(predicate, actors)
        if hosts:  # "sent troops to the UN peacekeeping mission in Mali": Mali is protected, not the UN
            pairs = [(actors, hosts)]
    if frames.lists_code("place_target_codes", cameo) and len(pairs) == 1 and not any(r.code for r in pairs[0][1]):
        home = frames.lists_code("home_place_target_codes", cameo)
        place = _aided_place(predicate, actors, own_country=home)
        if place is not None:  # "USAID deployed rescue teams ... in Haiti": the aid goes to Haiti
            pairs = [(actors, [place])]
    elif frames.lists_code("place_population_codes", cameo) and len(pairs) == 1 and not pairs[0][1]:
        place = _aided_place(predicate, actors, own_country=True)
        if place is not None:  # "imposed a curfew in parts of Kashmir": on the people living there
            pairs = [(actors, [replace(place, sector="CVL")])]
    speaker = speakers[0] if speakers else None
    reported = speaker is not None and speaker.code not in {a.code for a in actors}
    penalty = frames.model.get("unidentified_penalty", UNIDENTIFIED_PENALTY)
    placed_only = frames.lists_code("placed_codes", cameo)
    out = []
    for who, whom in pairs:
        if any(e.entry == UNKNOWN_NAME for e in who) and not _unknown_name_may_act(cameo, whom, frames):
            continue
        if placed_only and whom and all(e.code is None for e in who + whom):
            continue  # "the neighbours had gone to the police": cooperation or words with no country on either side
        out.append(Candidate(
            predicate=predicate, cameo=cameo, rule=rule, actors=who, recipients=whom, modality=modality,
            confidence=_confidence(base, who, factor, modality, reported, predicate, unidentified_penalty=penalty),
            kind=kind, reported=reported,
            reporter=speaker if reported else None, ambiguous=ambiguous, object_noun=object_noun,
        ))  # fmt: skip
    return out



def _unknown_name_may_act(cameo: str, recipients: list[Entity], frames) -> bool:
    """A name no one can place may comment (a statement), and act on a known actor ("Callamard encouraged the
    CIA to release the files"), but not with violence, nor on no one or a mere place: in general news such names
    are mostly private people ("Peter Hollowell attacked the embassy", "Hunter retreated to New Mexico")."""
    if cameo.startswith("01"):
        return True
    return (bool(recipients) and all(e.code and e.kind != "place" for e in recipients)
            and not frames.lists_code("unknown_name_excluded_codes", cameo))


def _statement_topic(predicate: Token, object_noun: Token | None, frames) -> Entity | None:
    """What a statement with no actor as recipient is about, from the noun's or the verb's preposition
    ("condolences over the earthquake", "responsibility for the attack"): an unidentified participant."""
    for head in (object_noun, predicate):
        if head is None:
            continue
        for prep in head.children:
            if prep.dep_ == "prep" and frames.has("statement_topic_prepositions", prep.lower_):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                topic = st.unidentified_entity(obj) if obj is not None and obj.pos_ in _NOUN_POS else None
                if topic is not None:
                    return topic
    return None


def _aided_place(predicate: Token, actors: list[Entity], *, own_country: bool = False) -> Entity | None:
    """The first country or place named "in X" inside an act of aid (or a ceasefire) that names no recipient:
    where the aid goes, where the fighting stops (not the actor's own country, unless `own_country`)."""
    places = _aided_places(predicate, actors, own_country=own_country)
    return places[0] if places else None


def _aided_places(predicate: Token, actors: list[Entity], *, own_country: bool = False) -> list[Entity]:
    """The first place named "in X" inside the act (see `_aided_place`), with the places coordinated with it
    ("peacekeeping operations in Afghanistan and Iraq")."""
    own = set() if own_country else {a.code for a in actors}

    def place_entity(token: Token) -> Entity | None:
        # "in parts of Kashmir", "in the Ladakh region" (a place noun named by its modifier)
        named = [c for c in token.children if c.dep_ in ("compound", "amod")] if token.lower_ in st.PLACE_NOUNS else []
        for place in [token, *st.prep_targets(token, ("of",)), *named]:
            mention = st.mention_of(place)
            entity = getattr(mention, "entity", None)
            if entity is not None and entity.code and entity.code not in own and entity.kind in ("country", "place"):
                # the place phrase is the participant ("parts of Kashmir"), not the phrase it sits in ("the
                # earthquake in Haiti")
                start, end = st.argument_phrase(token)
                return replace(entity, phrase_start=start, phrase_end=end)
        return None

    for token in predicate.subtree:
        if token.dep_ != "pobj" or token.head.lower_ != "in" or token.i < predicate.i:
            continue
        first = place_entity(token)
        if first is not None:
            return [first] + [e for c in list(st.coordinated(token))[1:] if (e := place_entity(c)) is not None]
    return []


def _light_candidates(verb: Token, matches: list[tuple[Entry, Token]], context: ExtractContext) -> list[Candidate]:
    out: list[Candidate] = []
    for entry, noun in matches:
        if entry.intent and _has_complement_event(noun):
            continue  # "expressed its desire to send an envoy": the complement carries the event
        modality = modality_of(verb, context.lexicon.frames, control_lemmas=context.control_lemmas)
        cameo = _coded_cameo(entry.cameo, modality, context)
        if cameo is None:
            continue
        actors = actor_entities(verb, context) or unidentified_actors(verb, context)
        recipients, factor = light_recipients(verb, entry, noun, actors, context)
        rule = f"{entry.rule.rsplit('+', 1)[0]}+{_matched_noun(noun, entry)}"
        out.extend(_build(verb, cameo, rule, entry.confidence, "light", actors, recipients, factor, modality,
                          context, needs_recipient=entry.needs_recipient, object_noun=noun))
    codes = [c.cameo for c in out]
    return [c for c in out if not context.lexicon.frames.yields(c.cameo, codes)]


def _matched_noun(noun: Token, entry: Entry) -> str:
    """The lexicon's spelling of the noun that matched (the longest)."""
    keys = noun_keys(noun) & set(entry.nouns)
    return max(keys, key=len) if keys else entry.nouns[0]


def _has_complement_event(noun: Token) -> bool:
    return any(c.dep_ in ("acl", "xcomp", "relcl") and c.pos_ in _VERB_POS for c in noun.children)


def _wanted_cameo(verb: Token, context: ExtractContext) -> str | None:
    """What someone is asked to do ("urged X to back Y" -> back -> 051), from the complement's entry."""
    complement = _complement(verb)
    return _clause_cameo(complement, context) if complement is not None else None


def _asked_for_act(verb: Token, entry: Entry, context: ExtractContext) -> str | None:
    """The act an appeal asks for when a noun names it ("called for sanctions against China": 163)."""
    for noun in st.prep_targets(verb, entry.preps):
        found = _nominal_entry(noun, context.lexicon)
        if found is not None:
            return found.cameo
    clause = st.for_clause(verb) if "for" in entry.preps else None
    return _clause_cameo(clause, context) if clause is not None else None  # "called for Israel to halt ..."


def _is_event(verb: Token, context: ExtractContext) -> bool:
    return bool(match_light(verb, context.lexicon) or match_verb(verb, context.lexicon))


def _verb_candidates(verb: Token, entries: list[Entry], context: ExtractContext) -> list[Candidate]:
    entry = entries[0]
    frames = context.lexicon.frames
    complement = _complement(verb)
    if verb.lemma_.lower() in frames.lists.get("raising", ()) and complement is not None and _is_event(complement, context):
        return []  # "helped reconcile X and Y": the complement is the event
    direct = st.direct_recipient(verb)
    if entry.transitive and direct is not None and frames.has("publication_nouns", direct.lemma_.lower()):
        return []  # "released a statement": a publication, not the act
    if (entry.cameo[:2] in ("17", "18", "19", "20") and direct is not None
            and frames.has("non_human_objects", _counted(direct).lemma_.lower())):
        return []  # "captured pictures of the clashes in Hong Kong": what is seized or hit is no one's
    if entry.cameo.startswith("12") and any(frames.has("denial_nouns", o.lemma_.lower()) for o in st.object_tokens(verb)):
        return []  # "rejected accusations of racism": a denial (CAMEO 016), a statement, not a rejection
    if entry.cameo.startswith("02") and _asks_a_question(verb):
        return []  # "analysts asked whether Russia sent troops": a question, no appeal to Russia
    modality = modality_of(verb, frames, control_lemmas=context.control_lemmas)
    if modality.status == NEGATED and modality.refused_by is not None:
        return _refusal_candidates(verb, entry, modality, context)
    if modality.status == NEGATED and declares_refusal(verb, modality, context):
        return _stated_refusal_candidates(verb, entry, modality, context)
    cameo = _coded_cameo(entry.cameo, modality, context)
    if cameo is None:
        return []
    if entry.frame == "control":
        wanted = _wanted_cameo(verb, context)
        cameo = frames.request_code(cameo, wanted) if wanted else cameo
    elif cameo.startswith("02") and entry.preps:
        wanted = _asked_for_act(verb, entry, context)
        cameo = frames.called_for_code(cameo, wanted) if wanted else cameo
    rule = entry.rule
    if cameo[:2] in _VIOLENT_ROOTS and _verbal_attack(verb, frames):
        cameo, rule = "111", f"{entry.rule}+frames.yaml:verbal_attack"
    actors = actor_entities(verb, context) or unidentified_actors(verb, context)
    recipients, factor = verb_recipients(verb, entry, actors, context)
    if cameo.startswith("042") and _peacekeepers_arrive(verb, actors, frames):
        cameo, rule = "074", f"{entry.rule}+frames.yaml:peacekeeping_words"
    ambiguous = tuple(entries) if len({e.cameo[:2] for e in entries}) > 1 else ()
    return _build(verb, cameo, rule, entry.confidence, "verb", actors, recipients, factor, modality, context,
                  needs_recipient=entry.needs_recipient, frame=entry.frame, ambiguous=ambiguous,
                  own_side=entry.own_side)


def _peacekeepers_arrive(verb: Token, actors: list[Entity], frames) -> bool:
    """"Chinese peacekeepers arrived in South Sudan", "British troops arrived in Mali to join the UN peacekeeping
    mission": soldiers arriving for peacekeeping provide it (CAMEO 074), they do not visit."""
    if not actors or any(a.sector != "MIL" for a in actors):
        return False
    words = frames.lists.get("peacekeeping_words", frozenset())
    return any(t.lower_ in words for t in verb.sent)


def _for_peacekeeping(predicate: Token, frames) -> bool:
    """"sent 230 troops to Liberia as part of a peacekeeping mission": a deployment for peacekeeping provides it
    (CAMEO 074), it is no force posture against the host (15x). Only the act's own words count, not a clause
    of its own inside it ("... where UN peacekeepers patrol")."""
    words = frames.lists.get("peacekeeping_words", frozenset())
    own_clauses = {"relcl", "ccomp", "advcl", "conj", "parataxis"}
    stack = [predicate]
    while stack:
        token = stack.pop()
        if token.lower_ in words:
            return True
        stack.extend(c for c in token.children if c.dep_ not in own_clauses)
    return False


_QUESTION_WORDS = {"whether", "if", "why", "how", "what", "when", "where", "who", "which"}


def _asks_a_question(verb: Token) -> bool:
    """Whether the verb's complement is an indirect question ("asked whether ...", "asked why ..."), not an act
    it asks for ("asked Russia to withdraw")."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i > verb.i:
            first = clause.doc[clause.left_edge.i]
            if first.lower_ in _QUESTION_WORDS:
                return True
    return False


def _verbal_attack(verb: Token, frames) -> bool:
    """"attacked the proclamation", "attacked Biden for accumulating wealth": words, not violence (CAMEO 111):
    the object is a statement or decision (`criticism_objects`), a person attacked for or over something, or a
    known person attacked by another."""
    if not frames.has("verbal_attack_verbs", verb.lemma_.lower()):
        return False
    obj = st.direct_recipient(verb)
    if obj is None:
        return False
    if frames.has("criticism_objects", obj.lemma_.lower()):
        return True
    reason = any(c.dep_ == "prep" and c.lower_ in ("for", "on", "over") for c in verb.children)
    if reason and obj.ent_type_ == "PERSON":
        return True
    # one known politician attacking another: "Biden attacked Trump during the debate" (a knife names violence,
    # and an unnamed attacker is no politician: "a man attacked the senator" stays an assault)
    return _known_person(obj) and _known_person(st.subject_token(verb)) and not any(
        frames.has("instrument_nouns", t.lemma_.lower()) for t in verb.subtree if t.i != verb.i)


def _known_person(token: Token | None) -> bool:
    entity = st.resolved_entity(token) if token is not None else None
    return entity is not None and (entity.entry or "").startswith("kb:person")


def _refusal_candidates(verb: Token, entry: Entry, modality: Modality, context: ExtractContext) -> list[Candidate]:
    """"declining to join sanctions against Russia": not the sanction, but a rejection (CAMEO 12x)."""
    refuser = modality.refused_by
    if refuser is None:
        return []
    code = context.lexicon.frames.unrealised_code(refuser.lemma_.lower(), entry.cameo)
    if code is None:
        return []
    outer = modality_of(refuser, context.lexicon.frames, control_lemmas=context.control_lemmas)
    if outer.status != FACT:
        return []
    actors = actor_entities(refuser, context)
    recipients, factor = verb_recipients(verb, entry, actors, context)
    return _build(refuser, code, f"pattern:{_unrealised(refuser, context)}:{refuser.lemma_.lower()}+{entry.lemma}", entry.confidence * 0.9,
                  "verb", actors, recipients, factor, outer, context, needs_recipient=True,
                  frame=_failure_frame(refuser, context))


def _unrealised(refuser: Token, context: ExtractContext) -> str:
    return "failure" if context.lexicon.frames.has("failure_verbs", refuser.lemma_.lower()) else "refusal"


def _failure_frame(refuser: Token, context: ExtractContext) -> str | None:
    """"Britain and the EU failed to reach a deal": a failed negotiation is the parties' with each other."""
    return "reciprocal" if context.lexicon.frames.has("failure_verbs", refuser.lemma_.lower()) else None


_REFUSING_AUX = {"will", "wo", "shall", "'ll"}


def declares_refusal(verb: Token, modality: Modality, context: ExtractContext) -> bool:
    """"Israel will not release the prisoners", "said it would not lift the embargo": an actor announcing that
    it will not act refuses to (CAMEO 12x). A past negation ("did not attack") stays a non-event."""
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    allowed = _REFUSING_AUX | ({"would"} if modality.reported_by is not None else set())
    return any(c.dep_ == "aux" and c.lower_ in allowed for c in verb.children) and not any(
        c.dep_ == "mark" and context.lexicon.frames.has("conditional_marks", c.lower_) for c in verb.children
    )


def _stated_refusal_candidates(verb: Token, entry: Entry, modality: Modality, context: ExtractContext) -> list[Candidate]:
    code = context.lexicon.frames.refusal_code(entry.cameo)
    if code is None:
        return []
    actors = actor_entities(verb, context) or unidentified_actors(verb, context)
    recipients, factor = verb_recipients(verb, entry, actors, context)
    stated = Modality(reported_by=modality.reported_by)
    return _build(verb, code, f"pattern:refusal:will-not+{entry.lemma}", entry.confidence * 0.85, "verb", actors,
                  recipients, factor, stated, context, needs_recipient=entry.needs_recipient)


def _light_refusals(verb: Token, matches: list[tuple[Entry, Token]], context: ExtractContext) -> list[Candidate]:
    out: list[Candidate] = []
    for entry, noun in matches:
        modality = modality_of(verb, context.lexicon.frames, control_lemmas=context.control_lemmas)
        if modality.status != NEGATED:
            continue
        code = context.lexicon.frames.refusal_code(entry.cameo)
        if modality.refused_by is None and declares_refusal(verb, modality, context) and code is not None:
            actors = actor_entities(verb, context) or unidentified_actors(verb, context)
            recipients, factor = light_recipients(verb, entry, noun, actors, context)
            out.extend(_build(verb, code, f"pattern:refusal:will-not+{entry.lemma}+{entry.nouns[0]}",
                              entry.confidence * 0.85, "light", actors, recipients, factor,
                              Modality(reported_by=modality.reported_by), context, needs_recipient=False))
            continue
        refuser = modality.refused_by
        if refuser is None:
            continue
        code = context.lexicon.frames.unrealised_code(refuser.lemma_.lower(), entry.cameo)
        if code is None or modality_of(refuser, context.lexicon.frames).status != FACT:
            continue
        actors = actor_entities(refuser, context)
        recipients, factor = light_recipients(verb, entry, noun, actors, context)
        out.extend(_build(refuser, code, f"pattern:{_unrealised(refuser, context)}:{refuser.lemma_.lower()}+{entry.lemma}+{entry.nouns[0]}",
                          entry.confidence * 0.9, "light", actors, recipients, factor, Modality(), context,
                          needs_recipient=True, frame=_failure_frame(refuser, context)))
    return out


def _nominal_candidates(noun: Token, context: ExtractContext) -> list[Candidate]:
    """"Putin's invasion of Ukraine": a nominal event stated as fact, with agent and target in the phrase."""
    entry = _nominal_entry(noun, context.lexicon)
    if entry is None or entry.aggression_target or not _nominal_is_fact(noun, context):
        return []
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in context.lexicon.frames.lists.get("support", ()):
        return []  # "launched an invasion": coded from the support verb
    agents = st.modifier_entities(noun, places=False)
    for obj in st.prep_targets(noun, ("by",)):
        agents = agents or st.phrase_entities(obj)
    targets = _without_actor(_nominal_targets(noun, entry.preps or ("of", "on", "against")), agents)
    if not agents or not targets:
        return []
    return [Candidate(
        predicate=noun, cameo=entry.cameo, rule=f"lexicon:{entry.source}:{entry.nouns[0]}", actors=agents,
        recipients=targets, modality=Modality(), confidence=round(entry.confidence, 3), kind="noun",
    )]  # fmt: skip


def _nominal_targets(head: Token, preps: tuple[str, ...]) -> list[Entity]:
    """The targets of a nominal event in the `preps` phrases of `head` (the event noun, or the support verb the
    parser hung them on); where "of" names only what is moved ("the deployment of 230 troops to Liberia", "the
    withdrawal of its troops from Syria"), the phrases the parser hung on that object count too."""
    objects = list(st.prep_targets(head, preps))
    if not objects and "of" not in preps:
        objects = [p for theme in st.prep_targets(head, ("of",)) for p in st.prep_targets(theme, preps)]
    # each target is the phrase of its own preposition ("Syria", not "the withdrawal of its troops from Syria")
    return [e if e.phrase_start is not None else replace(e, phrase_start=start, phrase_end=end)
            for obj in objects for start, end in [st.argument_phrase(obj)] for e in st.target_entities(obj)]


def _nominal_is_fact(noun: Token, context: ExtractContext) -> bool:
    frames = context.lexicon.frames
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return False
        if child.dep_ in ("amod", "compound") and child.lemma_.lower() in frames.lists.get("hedge_adjectives", ()):
            return False
    head = noun.head
    if noun.dep_ == "pobj" and head.head.lemma_.lower() in frames.lists.get("hedge_nouns", ()):
        return False
    if noun.dep_ in ("dobj", "nsubjpass") and any(
        frames.has(name, head.lemma_.lower()) for name in ("hedge_verbs", "intent_verbs", "negators_verbs")
    ):
        return False  # "considering a visit", "plans a visit", "refused a visit"
    return True


def _support_candidates(verb: Token, context: ExtractContext) -> list[Candidate]:
    """A support verb lending its subject to a nominal event object ("launched its invasion of Ukraine")."""
    out: list[Candidate] = []
    responsible = _responsible_for(verb, context.lexicon.frames)
    for obj in st.object_tokens(verb) + responsible:
        entry = _nominal_entry(obj, context.lexicon)
        if entry is None or entry.aggression_target:
            continue
        modality = modality_of(verb, context.lexicon.frames, control_lemmas=context.control_lemmas)
        cameo = _coded_cameo(entry.cameo, modality, context)
        if cameo is None:
            continue
        actors = actor_entities(verb, context) or unidentified_actors(verb, context)
        targets = _nominal_targets(obj, entry.preps or ("of", "on"))
        if not targets and entry.preps and "of" not in entry.preps:  # "announced the deployment of troops to Liberia"
            targets = _nominal_targets(verb, entry.preps)
        support = f"{verb.lemma_.lower()} {obj.head.head.lemma_.lower()}" if obj in responsible else verb.lemma_.lower()
        rule = f"pattern:support:{support}+{entry.nouns[0]}"
        out.extend(_build(verb, cameo, rule, entry.confidence, "light", actors, targets, 1.0, modality, context,
                          needs_recipient=True, object_noun=obj))
    return out


def _responsible_for(verb: Token, frames) -> list[Token]:
    """The acts a copula's subject is said to be responsible for ("Los Zetas has been responsible for mass killings
    in northern Mexico"): nominal events of their own, with the subject as their agent."""
    return [obj for adjective in verb.children
            if adjective.dep_ == "acomp" and frames.has("responsibility_adjectives", adjective.lemma_.lower())
            for obj in st.prep_targets(adjective, ("for",))]


def _obligation_modal(verb: Token, frames) -> tuple[str, str] | None:
    """The request code and modal of a clause that lays an obligation on its subject ("Israel must end ...")."""
    for child in verb.children:
        if child.dep_ == "aux":
            word = child.lower_
            if frames.has("demand_modals", word):
                return "100", word
            if frames.has("appeal_modals", word):
                return "020", word
    return None


def _obligation_candidates(verb: Token, context: ExtractContext) -> list[Candidate]:
    """A speaker saying that someone else must or should act is demanding or appealing: "Russia says Israel
    must end attacks on Syria" is RUS DEMAND ISR (CAMEO 10), "should" an appeal (02). The obligated clause itself
    is not coded (its modal makes it a hedge); "we must ..." lays nothing on anyone else."""
    frames = context.lexicon.frames
    modality = modality_of(verb, frames, control_lemmas=context.control_lemmas)
    if modality.status != FACT:
        return []
    speakers = actor_entities(verb, context)
    if not speakers:
        return []
    out: list[Candidate] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in _VERB_POS or st.is_passive(clause):
            continue
        found = _obligation_modal(clause, frames)
        if found is None or any(c.dep_ == "neg" for c in clause.children):
            continue
        request, modal = found
        obligated = [e for e in actor_entities(clause, context) if e.code is not None]
        if not obligated:
            continue
        wanted = _clause_cameo(clause, context)
        cameo = frames.request_code(request, wanted) if wanted else request
        out.extend(_build(verb, cameo, f"frames.yaml:obligation:{modal}", 0.6, "verb", speakers, obligated, 1.0,
                          modality, context, needs_recipient=True))
    return out


def _clause_entry(verb: Token, context: ExtractContext) -> tuple[Entry, Token | None] | None:
    """The lexicon's entry for what a clause's verb does, with the light verb's noun (None when it is silent)."""
    light = match_light(verb, context.lexicon)
    if light:
        return light[0]
    entries = match_verb(verb, context.lexicon)
    return (entries[0], None) if entries else None


def _clause_cameo(verb: Token, context: ExtractContext) -> str | None:
    """The CAMEO code of what a clause's verb does, from the lexicon (None when it is silent)."""
    found = _clause_entry(verb, context)
    return found[0].cameo if found else None


def _clause_recipients(verb: Token, actors: list[Entity], context: ExtractContext) -> list[Entity]:
    """Whom a clause's act is aimed at, by the lexicon's entry for its verb (empty when it is silent)."""
    found = _clause_entry(verb, context)
    if found is None:
        return []
    entry, noun = found
    if noun is not None:
        return light_recipients(verb, entry, noun, actors, context)[0]
    return verb_recipients(verb, entry, actors, context)[0]


_NOT_PREDICATE_DEPS = {"amod", "nsubj", "nsubjpass", "dobj", "pobj", "compound"}


def token_candidates(token: Token, context: ExtractContext) -> list[Candidate]:
    """Every candidate event whose predicate is `token`."""
    lexicon = context.lexicon
    # a verb the parser made a modifier or a noun argument is not a predicate: "the internationally recognised
    # government", "Libya's Tripoli-based, internationally recognised Government ... announced" (recognised: nsubj)
    if token.pos_ in _VERB_POS and token.dep_ not in _NOT_PREDICATE_DEPS:
        light = match_light(token, lexicon)
        if light:
            context.matched[token.i] = tuple(entry for entry, _ in light)
            return _light_candidates(token, light, context) or _light_refusals(token, light, context)
        entries = match_verb(token, lexicon)
        if entries or _lookup(lexicon.verbs, token):  # a known verb in a sense the lexicon leaves uncoded
            context.matched[token.i] = tuple(entries)
        if entries:
            return _verb_candidates(token, entries, context)
        if token.lemma_.lower() in lexicon.frames.lists.get("support", ()) or _responsible_for(token, lexicon.frames):
            return _support_candidates(token, context)
        if lexicon.frames.has("speech", token.lemma_.lower()):
            return _obligation_candidates(token, context)
        return []
    if token.pos_ in _NOUN_POS and token.lemma_.lower() in lexicon.nouns:
        context.matched[token.i] = tuple(lexicon.nouns[token.lemma_.lower()])
        return _nominal_candidates(token, context)
    return []


def remember(candidate: Candidate, memory: DocMemory) -> None:
    """Record what later sentences may refer back to: owned things and aggressors."""
    if any(a.code is None for a in candidate.actors):
        return  # "this plan" must not point back to an actor nobody could name
    noun = candidate.object_noun
    if noun is not None and candidate.modality.status in (FACT, INTENT) and noun.dep_ in _OWNED_THINGS_DEPS:
        memory.owners.setdefault(noun.lemma_.lower(), candidate.actors)
    if candidate.cameo[:2] in _HOSTILE_ROOTS:
        for recipient in candidate.recipients:
            if recipient.code is not None:
                memory.aggressors.setdefault(recipient.code, candidate.actors)


def _committed_act(token: Token, context: ExtractContext) -> Token | None:
    """The act a commitment word binds its subject to: "agreed to resign", "is willing to withdraw", "committed
    to opening up the economy"."""
    if not context.lexicon.frames.has("commitment_words", token.lemma_.lower()):
        return None
    for child in token.children:
        if child.dep_ == "xcomp" and child.pos_ in _VERB_POS:
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            act = next((c for c in child.children if c.dep_ == "pcomp" and c.pos_ in _VERB_POS), None)
            if act is not None:
                return act
    return None


def _names_event(noun: Token, context: ExtractContext) -> bool:
    """Whether a noun names an act the lexicon knows, as a nominal event or as a light verb's object."""
    lexicon = context.lexicon
    if noun.lemma_.lower() in lexicon.nouns:
        return True
    keys = noun_keys(noun)
    return any(keys & set(entry.nouns) for entries in lexicon.light.values() for entry in entries)


def _commitment_candidates(token: Token, context: ExtractContext) -> list[Candidate]:
    """A named actor committing itself to an act the lexicon does not code ("Germany agreed to accept 1,500
    refugees", "Sudan is willing to withdraw its troops"): an intention, PLOVER AGREE (CAMEO 030, or the intent
    code of the act where the lexicon knows it), towards whoever the act names, else towards no one."""
    act = _committed_act(token, context)
    if act is None or any(c.dep_ == "neg" for c in act.children):
        return []  # "agreed not to sign the treaty" is no cooperation
    frames = context.lexicon.frames
    if frames.has("raising", act.lemma_.lower()):  # "vowed to keep fighting": the act is the fighting
        act = next((c for c in act.children if c.dep_ == "xcomp" and c.pos_ in _VERB_POS), act)
    modality = modality_of(token, frames, control_lemmas=context.control_lemmas)
    if modality.status not in (FACT, INTENT):
        return []
    predicate = token.head if token.pos_ == "ADJ" and token.dep_ == "acomp" else token  # "is willing to"
    actors = [a for a in actor_entities(predicate, context) if a.code is not None]
    if not actors:
        return []
    wanted = _clause_cameo(act, context)
    if wanted is None and (_lookup(context.lexicon.verbs, act) or any(_names_event(o, context) for o in st.object_tokens(act))):
        # a verb the lexicon knows but does not code in this sense ("vowed to keep fighting the good fight"), or an
        # uncoded act on an event ("vowed to end the protests": ending them may be easing or repressing them)
        return []
    cameo = frames.intent_code(wanted) if wanted else "030"
    if cameo[:2] not in ("03",):
        return []  # intending a threat or an attack is coded from the act itself, not as cooperation
    recipients = [e for obj in st.object_tokens(act) for e in st.phrase_entities(obj) if e.code is not None]
    rule = f"frames.yaml:commitment:{token.lemma_.lower()}"
    return _build(predicate, cameo, rule, 0.55, "verb", actors, recipients, 1.0, replace(modality, status=INTENT),
                  context, needs_recipient=False, committed=True)


def extract_sentence(sentence: Span, context: ExtractContext) -> list[Candidate]:
    """The candidate events of one sentence, in token order; updates the document memory."""
    found: list[Candidate] = []
    for token in sentence:
        for candidate in token_candidates(token, context):
            found.append(candidate)
    if not found:  # a commitment to an act the lexicon leaves uncoded
        for token in sentence:
            found.extend(_commitment_candidates(token, context))
            if found:
                break
    for candidate in found:
        remember(candidate, context.memory)
    return found
