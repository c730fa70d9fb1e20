"""Modality of a predicate: is the act asserted, intended, negated, requested or only hypothetical?

A careful coder codes asserted acts, codes intentions as PLOVER AGREE (CAMEO 03x), and leaves out negated
acts ("declining to join sanctions", "reluctance to condemn", "did not happen"), hypotheticals, speculation,
questions, conditionals and acts that someone only asks for ("urged X to back Y": the backing is asked for).

`modality_of(predicate, frames)` walks from the predicate up through the clauses that govern it and reads
the cues listed in `frames.yaml` (negators, hedges, intent words, future auxiliaries, conditional marks).
Pure functions over spaCy tokens.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Frames
from .structure import marked_for

FACT = "fact"
INTENT = "intent"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
REQUESTED = "requested"

# Relations through which a governing clause's modality reaches its complement.
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "acl", "pcomp", "pobj", "dobj", "advcl", "conj", "relcl", "prep", "attr",
                    "nsubj", "nsubjpass", "appos", "acomp", "oprd"}  # fmt: skip
_CLAUSE_STOP = {"relcl", "advcl"}  # a separate clause: its governor's negation does not reach it
_MAX_DEPTH = 8


@dataclass
class Modality:
    """What the walk found: the status, why, and clause facts the extractor needs."""

    status: str = FACT
    reasons: list[str] = field(default_factory=list)
    refused_by: Token | None = None  # "refused to X": the refusing verb
    requested_by: Token | None = None  # "urged Y to X": the appeal verb
    reported_by: Token | None = None  # the nearest verb of saying above the predicate
    past_perfect: bool = False

    @property
    def coded(self) -> bool:
        """Whether the act itself is coded (as asserted or as an intention)."""
        return self.status in (FACT, INTENT)

    def set(self, status: str, reason: str) -> None:
        # Negation and hypotheticals override intent; the first blocking reason is kept.
        if self.status in (NEGATED, HYPOTHETICAL, REQUESTED):
            return
        self.status = status
        self.reasons.append(reason)


def _has_negation(token: Token, frames: Frames) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.dep_ == "prep" and child.lower_ == "without":
            return False
    return False


def _aux_status(token: Token, frames: Frames, reported: bool, conditional: bool) -> tuple[str, str] | None:
    for child in token.children:
        if child.dep_ not in ("aux", "auxpass"):
            continue
        word = child.lower_
        if word in frames.lists.get("future_aux", ()) or child.lemma_ == "will":
            return INTENT, f"future:{word}"
        if word == "would":
            if not conditional and _wish(token, frames):
                return INTENT, "intent:would-like"  # "China would like to mediate": a wish, not a condition
            if reported and not conditional:
                return INTENT, "future-in-past:would"
            return HYPOTHETICAL, "conditional:would"
        if word in frames.lists.get("hedge_aux", ()):
            return HYPOTHETICAL, f"hedge:{word}"
        if word in ("going",) or (child.lemma_ == "go" and child.tag_ == "VBG"):
            return INTENT, "future:going-to"
    return None


def _wish(verb: Token, frames: Frames) -> bool:
    """Whether the verb says what someone would like to do ("would like to mediate", "'d love to host"): a
    verb of taste with "would" and an infinitive complement."""
    return (frames.has("disposition_verbs", verb.lemma_.lower())
            and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children)
            and any(c.dep_ == "xcomp" for c in verb.children))


def _has_conditional_mark(token: Token, frames: Frames) -> bool:
    marks = frames.lists.get("conditional_marks", ())
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in token.children)


def _asked_of(clause: Token, verb: Token, frames: Frames) -> bool:
    """"for X to VERB" hung on a verb whose object asks for something ("renewed its call for Russia to
    withdraw", "set a deadline for Britain to present"): the clause is what is asked, not an act."""
    if clause.dep_ != "advcl" or verb.pos_ not in ("VERB", "AUX") or not marked_for(clause):
        return False
    return any(c.dep_ == "dobj" and frames.has("request_nouns", c.lemma_.lower()) for c in verb.children)


def _governor_cue(head: Token, child_dep: str, frames: Frames) -> tuple[str, str] | None:
    """The status a governing word imposes on its complement, if any."""
    lemma = head.lemma_.lower()
    complement = child_dep in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "advcl", "prep", "dobj", "relcl")
    if not complement:
        return None
    if head.pos_ in ("VERB", "AUX"):
        if lemma == "go" and head.tag_ == "VBG" and child_dep == "xcomp":
            return INTENT, "future:going-to"
        if lemma == "be" and child_dep == "xcomp":
            return INTENT, "future:be-to"  # "the president is to visit Russia next week": planned, not done
        if lemma in frames.lists.get("negators_verbs", ()) and child_dep in ("xcomp", "ccomp", "dobj"):
            return NEGATED, f"negator:{lemma}"
        if lemma == "have" and child_dep == "xcomp" and any(c.lower_ == "yet" for c in head.children):
            return NEGATED, "negator:yet-to"  # "Trump has yet to concede": not (yet) done
        if lemma in frames.lists.get("disposition_verbs", ()) and child_dep in ("xcomp", "ccomp", "dobj"):
            if child_dep == "xcomp" and _wish(head, frames):
                return INTENT, f"intent:would-{lemma}"  # "China would like to mediate": a wish, as "wants to"
            return HYPOTHETICAL, f"disposition:{lemma}"  # "likes dropping bombs on people": a taste, no act
        if lemma in frames.lists.get("hedge_verbs", ()) and child_dep in ("xcomp", "ccomp"):
            return HYPOTHETICAL, f"hedge:{lemma}"
        if lemma in frames.lists.get("intent_verbs", ()) and child_dep == "xcomp":
            return INTENT, f"intent:{lemma}"
    elif head.pos_ in ("NOUN", "PROPN"):
        if lemma in frames.lists.get("request_nouns", ()) and child_dep in ("acl", "xcomp", "advcl"):
            return REQUESTED, f"requested:{lemma}"
        if lemma in frames.lists.get("negators_nouns", ()):
            return NEGATED, f"negator:{lemma}"
        if lemma in frames.lists.get("hedge_nouns", ()):
            return HYPOTHETICAL, f"hedge:{lemma}"
        if lemma in frames.lists.get("intent_nouns", ()) and child_dep in ("acl", "xcomp", "prep", "pcomp"):
            if head.dep_ in ("dobj", "nsubjpass") and frames.has("rejection_verbs", head.head.lemma_.lower()):
                return NEGATED, f"rejected:{lemma}"  # "rejected an offer to extend the ceasefire": not extended
            return INTENT, f"intent:{lemma}"
    elif head.pos_ == "ADJ":
        if lemma in frames.lists.get("negators_adjectives", ()):
            return NEGATED, f"negator:{lemma}"
        if lemma in frames.lists.get("hedge_adjectives", ()):
            return HYPOTHETICAL, f"hedge:{lemma}"
        if lemma in frames.lists.get("intent_adjectives", ()) and child_dep in ("xcomp", "prep", "acl"):
            return INTENT, f"intent:{lemma}"
    return None


def _is_question(predicate: Token) -> bool:
    sent = predicate.sent
    text = sent.text.rstrip().rstrip("”\"’')")
    return text.endswith("?")


def find_speech_governor(predicate: Token, frames: Frames) -> Token | None:
    """The nearest verb of saying whose reported clause contains the predicate."""
    node, depth = predicate, 0
    while node.head.i != node.i and depth < _MAX_DEPTH:
        head = node.head
        if node.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.lemma_.lower() in frames.lists.get("speech", ()):
            if node.dep_ != "conj":
                return head
        if node.dep_ == "parataxis" or (node.dep_ == "ROOT"):
            break
        node, depth = head, depth + 1
    # "..., Xi said." with the quote as the root: the saying verb is the root's parataxis / ccomp child
    return None


def modality_of(predicate: Token, frames: Frames, *, control_lemmas: frozenset[str] = frozenset()) -> Modality:
    """Walk up from `predicate` and decide its modality.

    Args:
        predicate (Token): the event's verb or noun.
        frames (Frames): the cue lists.
        control_lemmas (frozenset[str]): verbs of asking ("urge", "call"): their complement is only requested.
    RETURNS (Modality): status and reasons.
    """
    result = Modality()
    result.reported_by = find_speech_governor(predicate, frames)
    reported = result.reported_by is not None
    conditional = _has_conditional_mark(predicate, frames)
    node, depth, negation_reaches = predicate, 0, True
    while depth < _MAX_DEPTH:
        _read_node(node, frames, result, reported, conditional, negation_reaches, depth == 0)
        if node.head.i == node.i or node.dep_ not in _COMPLEMENT_DEPS:
            break
        head = node.head
        cue = _governor_cue(head, _governed_as(node), frames) or _preposition_cue(node, head, frames)
        if cue and not (node.dep_ in _CLAUSE_STOP and cue[0] == NEGATED and head.pos_ == "VERB"):
            result.set(*cue)
            if cue[0] == NEGATED and (frames.has("refusal_verbs", head.lemma_.lower())
                                      or frames.has("failure_verbs", head.lemma_.lower())):
                result.refused_by = head
        if head.lemma_.lower() in control_lemmas and (node.dep_ in ("xcomp", "ccomp") or _infinitive_advcl(node)):
            result.set(REQUESTED, f"requested:{head.lemma_.lower()}")
            result.requested_by = head
        elif _asked_of(node, head, frames):  # "renewed its call for Russia to withdraw": what is asked for
            result.set(REQUESTED, "requested:for-clause")
            result.requested_by = head
        if node.dep_ in _CLAUSE_STOP or (node.dep_ == "ccomp" and head.lemma_.lower() in frames.lists.get("speech", ())):
            negation_reaches = False
        if node.dep_ == "conj":
            negation_reaches = False
        node, depth = head, depth + 1
    if _is_question(predicate) and not reported:
        result.set(HYPOTHETICAL, "question")
    return result


def _read_node(node: Token, frames: Frames, result: Modality, reported: bool, conditional: bool,
               negation_reaches: bool, is_predicate: bool) -> None:
    """Apply the cues carried by one token on the walk (negation, auxiliaries, conditional marks)."""
    if negation_reaches and _has_negation(node, frames):
        result.set(NEGATED, f"negation:{node.lemma_.lower()}")
    if is_predicate or negation_reaches:
        aux = _aux_status(node, frames, reported, conditional or _has_conditional_mark(node, frames))
        if aux:
            result.set(*aux)
    if _has_conditional_mark(node, frames) and node.dep_ != "ROOT":
        # an if/whether clause holds all it embeds: "whether the AIP nominated the ticket to assist Trump"
        result.set(HYPOTHETICAL, "conditional")
    if is_predicate and node.tag_ == "VBN":
        result.past_perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in node.children)


def _preposition_cue(prep: Token, verb: Token, frames: Frames) -> tuple[str, str] | None:
    """What a verb's preposition makes of the act inside it: "prohibiting him from releasing them" (not done),
    "accusing the network of violating its franchise" (alleged, not established), "cited an audit as prohibiting
    him" (a description)."""
    if prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    if prep.lower_ == "from" and frames.has("prevention_verbs", lemma):
        return NEGATED, f"negator:{lemma}-from"
    if prep.lower_ in ("of", "for") and frames.has("accusation_verbs", lemma):
        return HYPOTHETICAL, f"alleged:{lemma}"
    if prep.lower_ == "for" and frames.has("reason_verbs", lemma):
        return HYPOTHETICAL, f"reason:{lemma}"  # "sanctioned Russia for invading Ukraine": Russia's act, not the US's
    if prep.lower_ == "as" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children):
        return HYPOTHETICAL, f"described-as:{lemma}"  # "cited an audit as prohibiting him": a description
    return None


def _governed_as(node: Token) -> str:
    """The relation under which a word's governor rules it; a gerund the parser coordinated with the governor's
    own gerund complement shares it ("likes dropping bombs on people, and killing them": killing, xcomp)."""
    if node.dep_ == "conj" and node.tag_ == "VBG" and any(
            c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i < node.i for c in node.head.children):
        return "xcomp"
    return node.dep_


def _infinitive_advcl(node: Token) -> bool:
    """"call on US to lift sanctions": the parser often hangs the asked-for act on the verb of asking as an
    adverbial clause; an infinitive there is still what is asked."""
    return node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
