"""Fixtures for the events tests; `coder` (the full pipeline, loaded once) comes from tests/conftest.py."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp(coder):
    """The loaded pipeline's spaCy Language (blocks, parser, NER, actors, events)."""
    return coder.nlp


@pytest.fixture(scope="session")
def classifier():
    """The packaged event classifier (communique.events.classifier.load_classifier)."""
    from communique.events.classifier import load_classifier

    return load_classifier()
