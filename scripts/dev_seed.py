"""Run the pipeline on the seed article and print predicted triples against the gold ones (a dev loop).

Usage: .venv/bin/python scripts/dev_seed.py [--events]
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


def gold_slots(path: Path) -> tuple[list, set]:
    slots, accepted = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        events = [g["event"]] + g.get("also_accept_event", [])
        recips = [r["code"] for r in g["recipient"]] or [None]
        for actor in g["actor"]:
            for r in recips:
                options = {(actor["code"], e, rc) for e in events for rc in [r] + g.get("also_accept_recipient", [])}
                slots.append((g["required"], options, g["evidence"][:60]))
                accepted |= options
    return slots, accepted


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    from communique.pipeline import Coder
    from communique.records import Document

    text = (SHARED / "seed.txt").read_text(encoding="utf-8")
    result = next(Coder().code([Document("seed", text, date=date(2023, 4, 28))]))
    slots, accepted = gold_slots(SHARED / "gold.jsonl")
    negatives = {(n["actor"], n["event"], n["recipient"]) for n in map(json.loads, (SHARED / "negatives.jsonl").open())}
    predicted = set()
    for e in result.events:
        for a in e.actor:
            for r in e.recipient or [None]:
                triple = (a.code, e.event, r.code if r else None)
                predicted.add(triple)
                mark = "ok " if triple in accepted else ("NEG" if triple in negatives else "XX ")
                if "--events" in sys.argv or mark != "ok ":
                    print(mark, triple, e.cameo, e.rule, e.date, e.historical, "|", e.text[:90])
    required = [s for s in slots if s[0]]
    hit = [s for s in required if s[1] & predicted]
    for s in required:
        if not s[1] & predicted:
            print("MISS", sorted(s[1])[0], "|", s[2])
    correct = sum(1 for t in predicted if t in accepted)
    print(f"recall {len(hit)}/{len(required)} = {len(hit)/len(required):.2f}; precision {correct}/{len(predicted)} = "
          f"{correct/max(1,len(predicted)):.2f}; negatives {len(predicted & negatives)}")


if __name__ == "__main__":
    main()
