"""The accuracy gate (STYLE.md rule 13): the seed article must score at or above the pinned floors."""
from __future__ import annotations

import eval_gate
import pytest

BASE = {"floors": {"precision": 0.7, "recall": 0.8}, "ceilings": {"negatives_produced": 0}, "tolerance": 0.0005}


@pytest.mark.parametrize(
    "measured,failing",
    [
        ({"precision": 0.75, "recall": 0.85, "negatives_produced": 0}, []),
        ({"precision": 0.6996, "recall": 0.8, "negatives_produced": 0}, []),  # within the tolerance
        ({"precision": 0.69, "recall": 0.85, "negatives_produced": 0}, ["precision"]),
        ({"precision": 0.75, "recall": None, "negatives_produced": 0}, ["recall"]),
        ({"precision": 0.75, "recall": 0.85, "negatives_produced": 1}, ["negatives_produced"]),
    ],
)
def test_eval_gate_check(measured, failing):
    failures = eval_gate.check(measured, BASE)
    assert [f.split()[0] for f in failures] == failing


def test_eval_gate_baseline_is_pinned_to_the_corpus(shared_dir):
    baseline = eval_gate.load_baseline()
    assert set(eval_gate.GATED) <= set(baseline["floors"])
    assert all(name in eval_gate.GATED or name.startswith("f1:") for name in baseline["floors"])
    assert baseline["corpus"] == eval_gate.corpus_hashes(shared_dir), (
        "the seed gold changed: re-measure with `python tests/eval/eval_gate.py --update`"
    )


def test_eval_gate_refuses_to_lower_floors_silently():
    old = eval_gate.load_baseline()
    worse = {**old["measured"], **{name: old["floors"][name] - 0.2 for name in old["floors"]}}
    with pytest.raises(SystemExit, match="--allow-regression"):
        eval_gate.updated_baseline(worse, old, margin=0.0, allow_regression=False)
    lowered = eval_gate.updated_baseline(worse, old, margin=0.0, allow_regression=True)
    assert lowered["floors"]["precision"] < old["floors"]["precision"]


@pytest.mark.slow
def test_eval_gate_seed_meets_floors(coder, shared_dir):
    measured = eval_gate.measure(coder, shared_dir)
    failures = eval_gate.check(measured, eval_gate.load_baseline())
    assert not failures, f"accuracy regression on the seed article: {failures}; measured {measured}"
