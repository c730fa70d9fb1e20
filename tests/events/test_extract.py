"""Matching predicates and finding their roles on real parses (communique.events.extract / candidates / model)."""
from __future__ import annotations

import pytest

from communique.events.classifier import Prediction
from communique.events.extract import ExtractContext, actor_entities, match_light, match_verb, verb_recipients
from communique.events.lexicon import load_lexicon
from communique.events.model import model_candidate


@pytest.fixture(scope="module")
def context():
    return ExtractContext.for_lexicon(load_lexicon(include_user_dir=False))


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.slow
def test_extract_light_verb_with_compound_noun(nlp, context):
    verb = _token(nlp, "Xi held a phone call with Zelensky on Wednesday.", "held")
    [(entry, noun)] = match_light(verb, context.lexicon)
    assert entry.cameo == "041" and noun.text == "call"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, word, cameo",
    [
        ("The US launched air strikes on ISIS positions.", "launched", "190"),  # not a labour strike (143)
        ("The US launched strikes on ISIS positions.", "launched", "190"),  # the attack sense takes "on"
        ("Dock workers launched strikes against the government.", "launched", "143"),
    ],
)
def test_extract_light_verb_sense_by_words_then_preposition(nlp, context, text, word, cameo):
    [(entry, _)] = match_light(_token(nlp, text, word), context.lexicon)
    assert entry.cameo == cameo


@pytest.mark.slow
def test_extract_ultimatum_to_people_nobody_can_place(coder):
    event = next(e for e in coder.code_text("The European Parliament issued an ultimatum to Brexit negotiators.").events)
    assert [r.entity_text for r in event.recipient] == ["Brexit negotiators"]


@pytest.mark.slow
def test_extract_particle_sense(nlp, context):
    verb = _token(nlp, "Israel turned down the Egyptian proposal.", "turned")
    assert [e.cameo for e in match_verb(verb, context.lexicon)] == ["120"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,word,cameo",
    [("Ukrainian drones struck a refinery in Russia.", "struck", "190"),
     ("Thousands of miners struck over unpaid wages.", "struck", "143")],
)
def test_extract_transitivity_picks_the_sense(nlp, context, text, word, cameo):
    entries = match_verb(_token(nlp, text, word), context.lexicon)
    assert entries[0].cameo == cameo


@pytest.mark.slow
def test_extract_repairs_the_lemmatizer(nlp, context):
    verb = _token(nlp, "Farmers in France staged protests against the European Union.", "staged")
    assert match_light(verb, context.lexicon)[0][0].cameo == "141"


@pytest.mark.slow
def test_extract_passive_agent_is_the_actor_and_subject_the_recipient(nlp, context):
    verb = _token(nlp, "The Ukrainian proposal was rejected by Moscow.", "rejected")
    actors = actor_entities(verb, context)
    recipients, _ = verb_recipients(verb, match_verb(verb, context.lexicon)[0], actors, context)
    assert [a.code for a in actors] == ["RUS"] and [r.code for r in recipients] == ["UKR"]


@pytest.mark.slow
def test_extract_control_object_is_the_recipient(nlp, context):
    verb = _token(nlp, "Zelensky urged Mexican legislators to back Ukraine.", "urged")
    actors = actor_entities(verb, context)
    recipients, _ = verb_recipients(verb, match_verb(verb, context.lexicon)[0], actors, context)
    assert [(r.code, r.sector) for r in recipients] == [("MEX", "LEG")]


@pytest.mark.slow
def test_model_candidate_needs_a_resolved_actor(nlp, context):
    vote = Prediction("ASSAULT", "190", 4, 0.9, "test-model.v1")
    resolved = nlp("Russian troops overran the Ukrainian village at dawn.")
    candidate = model_candidate(resolved[:], vote, context)
    assert candidate is not None and candidate.rule == "model:test-model.v1"
    assert [a.code for a in candidate.actors] == ["RUS"] and candidate.cameo == "190"
    assert [r.code for r in candidate.recipients] == ["UKR"]
    # the classifier alone never codes an act whose actor nobody can name (the lexicon may: test_structure.py)
    assert model_candidate(nlp("Gunmen overran the village at dawn.")[:], vote, context) is None
    assert model_candidate(nlp("It overran the village at dawn.")[:], vote, context) is None


@pytest.mark.slow
def test_model_candidate_respects_probability_and_modality(nlp, context):
    weak = Prediction("ASSAULT", "190", 4, 0.2, "test-model.v1")
    assert model_candidate(nlp("Russian troops overran the village.")[:], weak, context) is None
    sure = Prediction("ASSAULT", "190", 4, 0.9, "test-model.v1")
    assert model_candidate(nlp("Russian troops did not overrun the village.")[:], sure, context) is None


@pytest.mark.slow
def test_model_candidate_without_recipient_only_for_recipientless_acts_and_surer(nlp, context):
    sentence = nlp("Chilean riot police fired water cannon during the night.")[:]
    # a violent act needs no named recipient, but the classifier must be surer of it than of an aimed act
    assert model_candidate(sentence, Prediction("ASSAULT", "175", 4, 0.9, "m.v1"), context).recipients == []
    assert model_candidate(sentence, Prediction("ASSAULT", "175", 4, 0.45, "m.v1"), context) is None
    # praise is aimed at someone: never coded without a recipient
    assert model_candidate(sentence, Prediction("SUPPORT", "051", 1, 0.95, "m.v1"), context) is None
