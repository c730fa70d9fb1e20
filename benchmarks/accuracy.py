"""Accuracy of the extractor on the four development evaluations, as a Markdown table for BENCHMARKS.md.

1. seed: the seed article against its CODING.md gold (document-level triples: precision, recall, F1).
2. penta: ConfliBERT penta-class sentences (macro-F1 of the top event's penta class).
3. spans: ConfliBERT source/target tokens (exact span F1; token-overlap F1 beside it).
4. plover: NGEC synthetic stories (macro-F1 of the top event's PLOVER type).

The sentence sets are scored on their held-out split (`communique.splits`) unless --split says otherwise.

Usage:
    .venv/bin/python benchmarks/accuracy.py [--split heldout] [--limit N] [--workers 1]
"""
from __future__ import annotations

import argparse
import logging
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
LOGGER = logging.getLogger("benchmarks.accuracy")

SETS = {
    "penta": SHARED / "data" / "conflibert" / "cameo_class_train.tsv",
    "spans": SHARED / "data" / "conflibert" / "cameo_ner_train.txt",
    "plover": SHARED / "data" / "ngec-synthetic" / "stories.jsonl",
}


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def run_seed(coder, workers: int, **_: Any) -> dict[str, Any]:
    """The seed article against its gold."""
    from communique.evaluate import evaluate_events

    scores = evaluate_events(SHARED / "seed" / "gold.jsonl", docs=[str(SHARED / "seed" / "seed.txt")],
                             default_date=date(2023, 4, 28), coder=coder, workers=workers)  # fmt: skip
    o = scores.overall
    return {
        "items": f"1 doc, {o.expected} required slots", "failed": scores.failed, "headline": "F1", "value": o.f1,
        "other": f"P {fmt(o.precision)}, R {fmt(o.recall)}, negatives {scores.negatives}/{scores.negatives_listed}",
    }  # fmt: skip


def run_set(task: str) -> Callable[..., dict[str, Any]]:
    """A runner for one sentence-label set."""

    def run(coder, workers: int, split: str, limit: int | None) -> dict[str, Any]:
        from communique.evaluate import evaluate_sentences

        scores = evaluate_sentences(SETS[task], task=task, split=split, limit=limit, coder=coder, workers=workers)
        other = ", ".join(f"{k} {fmt(v)}" for k, v in scores.metrics.items() if k != scores.headline)
        return {"items": f"{scores.items} ({split})", "failed": scores.failed, "headline": scores.headline,
                "value": scores.metrics[scores.headline], "other": other}  # fmt: skip

    return run


RUNNERS = {"seed": run_seed, "penta": run_set("penta"), "spans": run_set("spans"), "plover": run_set("plover")}


def versions() -> str:
    import spacy

    from communique import __version__

    return f"Python {platform.python_version()}, spaCy {spacy.__version__}, communique {__version__}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["heldout", "train", "all"], default="heldout")
    parser.add_argument("--limit", type=int, help="score only the first N items of each sentence set")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", nargs="+", choices=list(RUNNERS), default=list(RUNNERS))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    from communique.pipeline import Coder

    coder = Coder() if args.workers == 1 else None
    rows = []
    for name in args.only:
        start = time.perf_counter()
        row = RUNNERS[name](coder, args.workers, split=args.split, limit=args.limit)
        rows.append({"task": name, **row, "seconds": time.perf_counter() - start})
        LOGGER.info("%s: %s %s", name, row["headline"], fmt(row["value"]))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        f"Accuracy, {stamp}, {versions()}{', model ' + coder.version if coder else ''}",
        "",
        "| evaluation | items | failed | headline | value | other | seconds |",
        "|---|---|---|---|---|---|---|",
        *(f"| {r['task']} | {r['items']} | {r['failed']} | {r['headline']} | {fmt(r['value'])} | {r['other']} "
          f"| {r['seconds']:.0f} |"
          for r in rows),
    ]  # fmt: skip
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
