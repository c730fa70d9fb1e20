"""Tests of the shipped sentence event classifier (penta class + PLOVER type)."""
from __future__ import annotations

import json

import pytest

from communique.events.classifier import (
    MODEL_NAME,
    EventClassifier,
    Prediction,
    load_classifier,
    models_dir,
    read_classifier,
)
from communique.ontology import PLOVER_TYPES, load_ontology

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp(nlp_blocks):
    """The bare spaCy model (as the classifier sees documents in training), not the full pipeline."""
    return nlp_blocks


def predict_one(nlp, classifier: EventClassifier, text: str) -> Prediction:
    doc = nlp(text)
    [prediction] = classifier.predict([doc[:]])
    return prediction


@pytest.mark.parametrize(
    "text,event,penta",
    [
        ("A suicide bomber killed twelve soldiers in an attack on an army base in Kabul.", "ASSAULT", 4),
        ("Government troops shelled rebel positions and killed dozens of fighters.", "ASSAULT", 4),
    ],
)
def test_classifier_violence_is_assault(nlp, classifier, text, event, penta):
    prediction = predict_one(nlp, classifier, text)
    assert (prediction.event, prediction.penta) == (event, penta)


@pytest.mark.parametrize(
    "text,penta",
    [
        ("The French president praised Germany for its support and welcomed the new agreement.", 1),
        ("Police arrested 40 protesters outside the parliament in Minsk.", 4),
        ("The foreign ministry condemned the United States and accused it of interference.", 3),
    ],
)
def test_classifier_penta_class(nlp, classifier, text, penta):
    assert predict_one(nlp, classifier, text).penta == penta


def test_classifier_output_contract(nlp, classifier):
    doc = nlp("Rebels attacked a convoy near the border. The minister said the talks would resume on Monday.")
    predictions = classifier.predict(list(doc.sents))
    assert len(predictions) == 2
    ontology = load_ontology()
    for prediction in predictions:
        assert prediction.model == MODEL_NAME
        assert 0.0 <= prediction.probability <= 1.0
        assert prediction.penta in (0, 1, 2, 3, 4)
        if prediction.event is None:
            assert prediction.cameo is None and prediction.penta == 0
        else:
            assert prediction.event in PLOVER_TYPES
            assert prediction.cameo == ontology.default_cameo(prediction.event)
            assert ontology.type_quad[prediction.event] == prediction.penta
    assert classifier.predict([]) == []


def test_classifier_document_prediction(nlp, classifier):
    doc = nlp("Thousands of workers marched through the capital on Sunday, chanting slogans against the "
              "government. Protesters blocked roads and demanded the resignation of the prime minister.")  # fmt: skip
    prediction = classifier.predict_document(list(doc.sents))
    assert prediction is not None and prediction.event == "PROTEST"
    assert classifier.predict_document([]) is None


def test_classifier_is_cached():
    assert load_classifier() is load_classifier()


def test_classifier_metadata_records_heldout_scores():
    meta = json.loads((models_dir() / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    assert meta["name"] == MODEL_NAME
    scores = meta["heldout_scores"]
    assert 0.0 < scores["penta_macro_f1"] <= 1.0
    assert 0.0 < scores["plover_macro_f1"] <= 1.0
    assert scores["conflibert_heldout_sentences"] > 0 and scores["ngec_heldout_stories"] > 0
    assert (models_dir() / f"{MODEL_NAME}.npz").stat().st_size < 5_000_000


def test_classifier_bad_weights_raise_model_error(tmp_path):
    from communique.errors import ModelError

    path = tmp_path / "broken.npz"
    path.write_bytes(b"not an npz file")
    (tmp_path / "broken.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="E202"):
        read_classifier(path)
