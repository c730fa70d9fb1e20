"""Where the lexicon is silent: events from the trained sentence classifier, and its vote on what matters most.

The classifier (`communique.events.classifier`) reads a sentence and says which PLOVER type (and penta class)
it reports. The extractor uses it in three ways, each recorded in the event's `rule`:

- a sentence with no lexicon event, whose main verb has a resolved actor, gets the classifier's event
  (`rule: "model:<name>"`) when the classifier is sure enough (`frames.yaml` `model.min_probability`) and,
  per `model.needs_recipient`, names a recipient. Not for an unidentified actor: the classifier is trained on
  political news only (ConfliBERT, NGEC) and reads an event into almost any sentence of general news ("He died
  today", "Toronto played host to ..."); a named political actor and a recipient keep it to what it knows;
- an event whose type the classifier also reads in its sentence, or in the whole story, ranks higher;
- the first sentence of the body (a news lead) ranks higher.

Pure functions over candidates and predictions; the component loads the classifier once.
"""
from __future__ import annotations

from typing import Any, Sequence

from spacy.tokens import Span, Token

from ..ontology import load_ontology
from .extract import (
    Candidate, ExtractContext, actor_entities, reaction_target, recipient_from_object,
)
from .candidates import clause_depth
from .modality import FACT, INTENT, modality_of
from . import structure as st

_VERB_POS = {"VERB", "AUX"}


def predicates(sentence: Span, speech: frozenset[str] = frozenset(), intent: frozenset[str] = frozenset()) -> list[Token]:
    """The verbs that may carry the sentence's event: its root, or what a root verb of saying reports
    ("Kyiv said Russian forces shelled the city"), never the saying itself. A copula ("Kenya is the largest economy") states, it does
    not act, and is never one of them."""
    root = sentence.root
    if root.pos_ == "AUX":  # "Italy is ready to contribute ...": the intended act
        return [v for a in root.children if a.dep_ == "acomp" and a.lemma_.lower() in intent for v in a.children
                if v.dep_ == "xcomp" and v.pos_ == "VERB"]
    if root.pos_ != "VERB":
        return []
    if root.lemma_.lower() in speech:  # saying is a statement (CAMEO 01), not an act: what is said may be one
        return [c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
    return [root]


def _recipients(predicate: Token, actors: list, context: ExtractContext) -> list:
    direct = st.direct_recipient(predicate)
    if direct is not None:
        found, _ = recipient_from_object(direct, actors, context)
        found = [e for e in found if e.code not in {a.code for a in actors}]
        if found:
            return found
    for obj in st.prep_targets(predicate, st.GENERIC_TARGET_PREPS):
        found = [e for e in st.target_entities(obj) if e.code not in {a.code for a in actors}]
        if found:
            return found
    return reaction_target(predicate, actors)[0]


def model_candidate(sentence: Span, prediction: Any, context: ExtractContext) -> Candidate | None:
    """The classifier's event for a sentence the lexicon left empty (None when it cannot be attributed)."""
    settings = context.lexicon.frames.model
    if prediction.event is None or prediction.probability < settings.get("min_probability", 0.5):
        return None
    lists = context.lexicon.frames.lists
    for predicate in predicates(sentence, lists.get("speech", frozenset()), lists.get("intent_adjectives", frozenset())):
        modality = modality_of(predicate, context.lexicon.frames, control_lemmas=context.control_lemmas)
        if modality.status not in (FACT, INTENT):
            continue
        actors = actor_entities(predicate, context)  # resolved only: see the module docstring
        if actors:
            break
    else:
        return None
    if context.lexicon.frames.has("relocation_verbs", predicate.lemma_.lower()) and all(
            a.kind == "person" or a.sector in ("CVL", "REF", "ELI") for a in actors):
        return None  # "Harris moved to Montreal with her mother": a person's move, no act towards the place
    ontology = load_ontology()
    cameo = prediction.cameo or ontology.default_cameo(prediction.event)
    if modality.status == INTENT or _states_intent(predicate, context):
        cameo = context.lexicon.frames.intent_code(cameo)
    recipients = _recipients(predicate, actors, context)
    confidence = round(prediction.probability * settings.get("confidence_weight", 0.7), 3)
    if not recipients:
        if _needs_recipient(prediction.event, cameo, context):
            return None
        if prediction.probability < settings.get("recipientless_min_probability", 0.0):
            return None
        confidence = round(confidence * settings.get("recipientless_factor", 1.0), 3)
    return Candidate(
        predicate=predicate, cameo=cameo, rule=f"model:{prediction.model}", actors=actors, recipients=recipients,
        modality=modality, confidence=confidence, kind="model",
    )  # fmt: skip


def _states_intent(predicate: Token, context: ExtractContext) -> bool:
    """"agreed to resign", "promised to open its borders": a verb of intent with an infinitive states an
    intention to do what follows (PLOVER AGREE), whatever the classifier read in the complement."""
    frames = context.lexicon.frames
    return frames.has("intent_verbs", predicate.lemma_.lower()) and any(
        c.dep_ == "xcomp" and c.pos_ in _VERB_POS for c in predicate.children
    )


def _needs_recipient(event: str, cameo: str, context: ExtractContext) -> bool:
    """Whether a model event of this type must name its recipient (frames.yaml model.needs_recipient:
    1 always, 0 never, 2 for verbal cooperation only: talk, praise and promises are aimed at someone,
    3 except for the CAMEO roots of `recipientless_roots`, as lexicon events)."""
    frames = context.lexicon.frames
    level = int(frames.model.get("needs_recipient", 0))
    if level == 2:
        return load_ontology().type_quad.get(event) == 1
    if level == 3:
        return not any(frames.has("recipientless_roots", cameo[:n]) for n in (2, 3))
    return bool(level)


def event_type(candidate: Candidate) -> str | None:
    info = load_ontology().get(candidate.cameo)
    return info.event if info else None


def rank_with_votes(candidates: Sequence[Candidate], sentence_vote: Any, story_vote: Any, *, lead: bool,
                    settings: dict[str, float]) -> None:
    """Raise the confidence of candidates the classifier agrees with, and of the lead sentence's."""
    bonus = settings.get("agreement_bonus", 0.0)
    for candidate in candidates:
        kind = event_type(candidate)
        votes = [v for v in (sentence_vote, story_vote) if v is not None and v.event is not None]
        gain = sum(bonus * v.probability for v in votes if v.event == kind)
        if lead:
            gain += settings.get("lead_bonus", 0.0)
        # a subordinate act keeps ranking below its main clause's even when both reach the ceiling
        # ("attacked a military base ..., killing 17 soldiers": the attack is the sentence's event)
        ceiling = 0.99 - 0.05 * min(3, clause_depth(candidate.predicate)) if candidate.predicate is not None else 0.99
        candidate.confidence = round(min(ceiling, candidate.confidence + gain), 3)
    _main_clause_first(candidates)


def _main_clause_first(candidates: Sequence[Candidate]) -> None:
    """A participial or subordinate act ranks below an act of its sentence's main clause ("attacked an army base
    ..., killing 17 soldiers": the attack is the sentence's event, whatever the words' confidences)."""
    depths = [clause_depth(c.predicate) if c.predicate is not None else 0 for c in candidates]
    if not depths:
        return
    shallow = min(depths)
    main = max((c.confidence for c, d in zip(candidates, depths) if d == shallow), default=None)
    if main is None:
        return
    main_triples = {_triple(c) for c, d in zip(candidates, depths) if d == shallow}
    for candidate, depth in zip(candidates, depths):
        if depth > shallow and candidate.confidence >= main:
            candidate.confidence = round(max(0.05, main - 0.01), 3)
    if isinstance(candidates, list):
        # the same triple again in a subordinate clause adds nothing to the main clause's report of it
        candidates[:] = [c for c, d in zip(candidates, depths) if d == shallow or _triple(c) not in main_triples]


def _triple(candidate: Candidate) -> tuple:
    return (tuple(sorted(str(a.code) for a in candidate.actors)), event_type(candidate),
            tuple(sorted(str(r.code) for r in candidate.recipients)))
