"""Tests of the classifier's story head (`predict_story`, `predict_document`) on the shipped model.

The stories are written for these tests (not taken from the development sets).
"""
from __future__ import annotations

import json
import shutil

import pytest

from communique.events.classifier import (
    DOCUMENT_LEAD,
    MODEL_NAME,
    lead_sentences,
    models_dir,
    read_classifier,
)
from communique.ontology import load_ontology

pytestmark = pytest.mark.slow

STORIES = {
    "ASSAULT": "Gunmen opened fire on a crowded market in the northern town on Tuesday, killing at least nine people "
    "and wounding dozens, local officials said. The attackers fled on motorbikes after the shooting. No group has "
    "claimed responsibility.",
    "PROTEST": "Thousands of nurses marched through the capital on Monday to demand higher wages, blocking traffic "
    "outside the health ministry for several hours. Union leaders said the strike would continue until the "
    "government met their demands. Police watched the demonstration but made no arrests.",
    "COERCE": "Police in the port city arrested fourteen opposition activists overnight and charged them with "
    "inciting unrest, their lawyers said on Friday. Authorities also imposed a curfew on two districts. The "
    "detainees are being held without access to their families.",
    "SANCTION": "The European Union imposed new sanctions on the country's defence ministry on Thursday, freezing the "
    "assets of eleven senior officials and banning them from travel within the bloc. The measures follow months of "
    "reports of abuses. Officials said further penalties were being prepared.",
    "CONSULT": "The foreign ministers of the two neighbours met in Geneva on Wednesday for talks on their disputed "
    "border, the first such meeting in three years. The ministers discussed trade and water rights during the "
    "three-hour session. Both sides described the talks as constructive.",
    "THREATEN": "The president threatened on Saturday to expel foreign journalists who report on the unrest, warning "
    "that they would face serious consequences. He said his government would not tolerate what he called lies. "
    "Press groups criticised the warning.",
}


@pytest.fixture(scope="module")
def nlp(nlp_blocks):
    """The bare spaCy model (as the classifier sees documents in training), not the full pipeline."""
    return nlp_blocks


def lead_span(doc):
    lead = lead_sentences(doc[:])
    return doc[lead[0].start : lead[-1].end]


def test_classifier_default_model_has_a_story_head(classifier):
    assert classifier.model == MODEL_NAME
    assert classifier.story_head is not None and classifier.idf is not None


@pytest.mark.parametrize("event", sorted(STORIES))
def test_classifier_story_type(nlp, classifier, event):
    doc = nlp(STORIES[event])
    prediction = classifier.predict_story(lead_span(doc))
    assert prediction is not None and prediction.event == event
    assert prediction.penta == load_ontology().type_quad[event]
    assert prediction.cameo == load_ontology().default_cameo(event)
    assert 0.0 < prediction.probability <= 1.0 and prediction.model == MODEL_NAME


def test_classifier_document_and_story_agree(nlp, classifier):
    """predict_document (a list of sentences) and predict_story (one span, as the extractor passes the lead)
    read the same first sentences."""
    doc = nlp(STORIES["COERCE"] + " A court will hear the case next month. Their families protested outside.")
    assert len(list(doc.sents)) > DOCUMENT_LEAD
    by_sentences = classifier.predict_document(list(doc.sents))
    by_span = classifier.predict_story(doc[:])
    assert by_sentences == by_span
    assert classifier.predict_story(lead_span(doc)) == by_span


def test_classifier_story_reads_only_the_lead(nlp, classifier):
    doc = nlp(STORIES["ASSAULT"] + " " + STORIES["CONSULT"])
    assert classifier.predict_story(doc[:]).event == "ASSAULT"


def test_classifier_story_without_words(nlp, classifier):
    doc = nlp("... !")
    assert classifier.predict_story(doc[:]) is None
    assert classifier.predict_document(list(doc.sents)) is None


def test_classifier_story_metadata_records_heldout_scores():
    meta = json.loads((models_dir() / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    assert meta["hyperparameters"]["story_C"] > 0
    assert "story" in meta["training_data"]
    assert 0.0 < meta["heldout_scores"]["plover_macro_f1"] <= 1.0


def test_classifier_weights_without_story_head_fall_back(nlp, tmp_path):
    """v1 weights (no story head) still load; the story type is then the sentence head's mean over the lead."""
    for suffix in (".npz", ".json"):
        shutil.copy(models_dir() / f"penta-plover-lr.v1{suffix}", tmp_path / f"old{suffix}")
    old = read_classifier(tmp_path / "old.npz")
    assert old.story_head is None
    doc = nlp(STORIES["PROTEST"])
    prediction = old.predict_story(doc[:])
    assert prediction is not None and prediction.event in load_ontology().type_quad
    assert prediction == old.predict_document(list(doc.sents))
