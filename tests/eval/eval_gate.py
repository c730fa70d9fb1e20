"""The accuracy gate: the extractor must not score below the floors pinned in `eval_baseline.json`.

As trafilatura's `tests/eval_gate.py`: the gold corpus is pinned by SHA-256, the floors allow `tolerance`
for noise, and lowering a floor needs `--allow-regression`. `test_eval_gate.py` runs the check in CI.

Usage:
    .venv/bin/python tests/eval/eval_gate.py            # measure and check against the floors
    .venv/bin/python tests/eval/eval_gate.py --update   # pin floors = measured - margin (never lower them
                                                        # unless --allow-regression)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BASELINE = Path(__file__).with_name("eval_baseline.json")
SHARED = ROOT.parent / "shared"
SEED_FILES = ("seed/seed.txt", "seed/gold.jsonl", "seed/negatives.jsonl")
SEED_DATE = date(2023, 4, 28)  # the seed article's publication date (shared/README.md)
GATED = ("precision", "recall", "f1")
MIN_TYPE_SLOTS = 2  # event types with at least this many required slots get their own F1 floor

LOGGER = logging.getLogger("eval_gate")


def corpus_hashes(shared: Path = SHARED) -> dict[str, str]:
    """SHA-256 of each gold corpus file, to pin the floors to the corpus they were measured on."""
    return {name: hashlib.sha256((shared / name).read_bytes()).hexdigest() for name in SEED_FILES}


def measure(coder=None, shared: Path = SHARED) -> dict[str, Any]:
    """The seed article's scores: precision, recall, F1, negatives produced, and F1 by event type ("f1:TYPE")."""
    from communique.evaluate import evaluate_events

    scores = evaluate_events(
        shared / "seed" / "gold.jsonl", docs=[str(shared / "seed" / "seed.txt")], default_date=SEED_DATE, coder=coder
    )
    data = scores.to_dict()
    measured = {name: data[name] for name in (*GATED, "negatives_produced", "correct", "predicted", "found", "expected")}
    for event, counts in data["by_type"].items():
        if counts["expected"] >= MIN_TYPE_SLOTS:
            measured[f"f1:{event}"] = counts["f1"]
    return measured


def check(measured: Mapping[str, Any], baseline: Mapping[str, Any]) -> list[str]:
    """What falls below its floor (or above its ceiling), beyond the baseline's tolerance; empty when all pass."""
    tolerance = baseline.get("tolerance", 0.0005)
    failures = []
    for name, floor in baseline["floors"].items():
        value = measured.get(name)
        if value is None or value < floor - tolerance:
            failures.append(f"{name} {value if value is None else round(value, 4)} is below its floor {floor}")
    for name, ceiling in baseline.get("ceilings", {}).items():
        if measured.get(name, 0) > ceiling:
            failures.append(f"{name} {measured.get(name)} is above its ceiling {ceiling}")
    return failures


def updated_baseline(measured: Mapping[str, Any], old: Mapping[str, Any] | None, *, margin: float,
                     allow_regression: bool) -> dict[str, Any]:  # fmt: skip
    """New floors at measured - margin; refuses to lower an old floor unless allowed."""
    gated = [name for name in measured if name in GATED or name.startswith("f1:")]
    floors = {name: round(max((measured[name] or 0.0) - margin, 0.0), 3) for name in gated}
    if old and not allow_regression and old.get("corpus") == corpus_hashes():
        lowered = [n for n, floor in old["floors"].items() if floors.get(n, 0.0) < floor]
        if lowered:
            raise SystemExit(f"refusing to lower the floors of {', '.join(lowered)}: pass --allow-regression")
    return {
        "corpus": corpus_hashes(),
        "tolerance": 0.0005,
        "margin": margin,
        "floors": floors,
        "ceilings": {"negatives_produced": measured["negatives_produced"]},
        "measured": dict(measured),
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
    }


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="pin new floors from this measurement")
    parser.add_argument("--margin", type=float, default=0.03, help="floor = measured - margin")
    parser.add_argument("--allow-regression", action="store_true", help="allow --update to lower floors")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    measured = measure()
    LOGGER.info("measured: %s", json.dumps(measured))
    old = load_baseline() if BASELINE.exists() else None
    if args.update:
        baseline = updated_baseline(measured, old, margin=args.margin, allow_regression=args.allow_regression)
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        LOGGER.info("wrote %s", BASELINE)
        return 0
    failures = check(measured, old or {"floors": {}})
    for failure in failures:
        LOGGER.error("FAIL %s", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
