from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from communique.pipeline import Coder, CoderOptions, code_documents
from communique.records import Document
from communique.settings import Settings

pytestmark = pytest.mark.slow

TEXTS = [
    "Chinese President Xi Jinping held a phone call with Ukrainian President Volodymyr Zelensky on Wednesday.",
    "Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing three civilians.",
    "The European Union imposed new sanctions on Iran on Tuesday over its nuclear programme.",
    "Japan's prime minister praised South Korea for its efforts to improve relations.",
]


def _documents() -> list[Document]:
    return [Document(doc_id=f"d{i}", text=t, date=date(2023, 4, 28)) for i, t in enumerate(TEXTS)]


def _triples(results):
    return [
        [(tuple(a.code for a in e.actor), e.event, tuple(r.code for r in e.recipient)) for e in r.events]
        for r in results
    ]


def test_pipeline_results_come_in_input_order(coder):
    results = list(coder.code(_documents()))
    assert [r.document.doc_id for r in results] == ["d0", "d1", "d2", "d3"]
    assert all(r.error is None for r in results)
    assert all(r.n_sentences >= 1 for r in results)


def test_pipeline_events_sorted_by_confidence_with_stable_ids(coder):
    first = list(coder.code(_documents()))
    again = list(coder.code(_documents()))
    for a, b in zip(first, again):
        assert [e.id for e in a.events] == [e.id for e in b.events]
        confidences = [e.confidence for e in a.events]
        assert confidences == sorted(confidences, reverse=True)


def test_pipeline_bad_document_does_not_stop_batch(coder):
    settings = dataclasses.replace(coder.options.settings, max_chars=200)
    small = Coder(dataclasses.replace(coder.options, settings=settings), nlp=coder.nlp)
    documents = _documents()
    documents.insert(1, Document(doc_id="huge", text="Word " * 100))
    results = list(small.code(documents))
    assert [r.document.doc_id for r in results] == ["d0", "huge", "d1", "d2", "d3"]
    assert "huge" in results[1].error and "limit" in results[1].error
    assert all(r.error is None for r in results if r.document.doc_id != "huge")


def test_pipeline_two_workers_give_the_same_events(coder):
    options = CoderOptions(settings=Settings(chunk_size=1))
    one = list(code_documents(_documents(), coder=coder))
    two = list(code_documents(_documents(), options=options, workers=2))
    assert _triples(one) == _triples(two)
    assert [r.document.doc_id for r in two] == ["d0", "d1", "d2", "d3"]
