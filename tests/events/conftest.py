"""Shared fixtures for the events tests: one loaded pipeline per session (the spaCy model loads once)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def coder():
    """A Coder with the full pipeline (spaCy, actors, events)."""
    from communique.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp
