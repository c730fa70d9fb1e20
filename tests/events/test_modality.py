"""Modality of predicates on real parses: asserted, intended, negated, hypothetical, requested."""
from __future__ import annotations

import pytest

from communique.events.lexicon import load_lexicon
from communique.events.modality import FACT, HYPOTHETICAL, INTENT, NEGATED, REQUESTED, modality_of

CONTROL = frozenset({"urge", "call", "ask", "demand", "order", "press"})


@pytest.fixture(scope="module")
def frames():
    return load_lexicon(include_user_dir=False).frames


def _predicate(nlp, text: str, lemma: str):
    doc = nlp(text)
    return next(t for t in doc if t.lemma_.lower() == lemma)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,lemma,status",
    [
        ("France condemned the attack.", "condemn", FACT),
        ("France did not condemn the attack.", "condemn", NEGATED),
        ("China never criticized Moscow.", "criticize", NEGATED),
        ("India declined to join the sanctions.", "join", NEGATED),
        ("Beijing's reluctance to condemn the invasion is clear.", "condemn", NEGATED),
        ("Brazil was unwilling to sanction Russia.", "sanction", NEGATED),
        ("A meeting could follow next month.", "follow", HYPOTHETICAL),
        ("Russia might attack Moldova.", "attack", HYPOTHETICAL),
        ("If Iran attacks Israel, the war will widen.", "attack", HYPOTHETICAL),
        ("Will China invade Taiwan?", "invade", HYPOTHETICAL),
        ("Putin seemed to blame Kyiv.", "blame", HYPOTHETICAL),
        ("Japan will send aid to Turkey.", "send", INTENT),
        ("Japan is going to send aid to Turkey.", "send", INTENT),
        ("Turkey offered to mediate between the two.", "mediate", INTENT),
        ("Qatar expressed its willingness to mediate.", "mediate", INTENT),
        ("The minister said an envoy would be sent to Kyiv.", "send", INTENT),
        ("Ukraine urged Germany to send missiles.", "send", REQUESTED),
        ("Iran demanded that the United States release the assets.", "release", REQUESTED),
        ("This did not happen; instead, Xi signed an agreement.", "sign", FACT),
    ],
)
def test_modality_status(nlp, frames, text, lemma, status):
    assert modality_of(_predicate(nlp, text, lemma), frames, control_lemmas=CONTROL).status == status


@pytest.mark.slow
def test_modality_refusal_names_the_refusing_verb(nlp, frames):
    result = modality_of(_predicate(nlp, "Mexico declined to join sanctions against Russia.", "join"), frames)
    assert result.status == NEGATED and result.refused_by.lemma_ == "decline"


@pytest.mark.slow
def test_modality_reported_clause_names_the_saying_verb(nlp, frames):
    result = modality_of(_predicate(nlp, "Zelensky said Russia rejected the plan.", "reject"), frames)
    assert result.reported_by is not None and result.reported_by.lemma_ == "say"
    assert result.status == FACT


@pytest.mark.slow
def test_modality_past_perfect_is_noted(nlp, frames):
    result = modality_of(_predicate(nlp, "Israel had struck Iranian targets before.", "strike"), frames)
    assert result.past_perfect
