"""Sentence-level cases in news phrasing (tests/events/cases.jsonl), run through the whole pipeline.

Each case lists triples (actor code, PLOVER type, recipient code or null) that must be produced (`expect`),
triples that must not be (`absent`), or that nothing at all may be coded (`none`). Tags say which CAMEO root,
modality rule or structure rule a case exercises; `test_cases_cover_*` check that every one is covered.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

CASES_PATH = Path(__file__).with_name("cases.jsonl")
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
KNOWN_FAILURES = {
    line.split()[0]
    for line in CASES_PATH.with_name("known_failures.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
PUB_DATE = date(2024, 3, 15)
ROOTS = [f"{n:02d}" for n in range(2, 21)]
MODALITY_RULES = ["negation", "refusal", "hypothetical", "speculation", "conditional", "question", "intent",
                  "future", "requested"]
STRUCTURE_RULES = ["passive", "control", "raising", "reported", "coordination", "reciprocal", "pronoun",
                   "possessive", "aggressor", "light-verb", "particle", "nominal"]


def triples(result) -> set[tuple]:
    out = set()
    for event in result.events:
        for actor in event.actor:
            for recipient in event.recipient or [None]:
                out.add((actor.code, event.event, recipient.code if recipient else None))
    return out


def test_cases_count():
    assert len(CASES) >= 300
    assert len({c["sentence"] for c in CASES}) == len(CASES), "duplicate sentences"


def test_cases_cover_every_cameo_root():
    tags = Counter(t for c in CASES for t in c["tags"])
    missing = [root for root in ROOTS if not tags[f"root:{root}"]]
    assert not missing, f"no case for CAMEO roots {missing}"


def test_cases_cover_every_modality_and_structure_rule():
    tags = {t for c in CASES for t in c["tags"]}
    missing = [r for r in MODALITY_RULES if f"modality:{r}" not in tags]
    missing += [r for r in STRUCTURE_RULES if f"structure:{r}" not in tags]
    assert not missing, f"rules without cases: {missing}"


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="known failure")) if c["id"] in KNOWN_FAILURES
        else c
        for c in CASES
    ],
    ids=[c["id"] for c in CASES],
)
def test_cases_sentence(coder, case):
    result = coder.code_text(case["sentence"], doc_id=case["id"], date=PUB_DATE)
    got = triples(result)
    detail = f"{case['sentence']!r} -> {sorted(got, key=str)}"
    if case["none"]:
        assert not got, f"expected no event: {detail}"
    for actor, event, recipient in case["expect"]:
        assert (actor, event, recipient) in got, f"missing {(actor, event, recipient)}: {detail}"
    for actor, event, recipient in case["absent"]:
        wanted = (actor, event, recipient)
        assert wanted not in got, f"unexpected {wanted}: {detail}"
