#!/usr/bin/env python
"""Inspect the named-people knowledge base (communique/data/actors/people_*.jsonl).

    python scripts/check_people.py                      # counts per file
    python scripts/check_people.py --who USA 2010-06-01 # who held a USA role on that day
    python scripts/check_people.py --name Zelensky      # the entries a name or alias points to

The data itself is checked by tests/actors/test_people_data.py.
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "communique" / "data" / "actors"


def load():
    for f in sorted(DATA.glob("people_*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield f.name, json.loads(line)


def bounds(s: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    d = dt.date(*parts)
    return d, d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--who", nargs=2, metavar=("CODE", "DATE"), help="roles with this code held on this date")
    ap.add_argument("--name", help="entries whose name or alias is this (case-insensitive)")
    args = ap.parse_args(argv)
    people = list(load())
    if args.who:
        code, day = args.who[0].upper(), dt.date.fromisoformat(args.who[1])
        for _, p in people:
            for r in p["roles"]:
                end = bounds(r["end"])[1] if r["end"] else dt.date.max
                if r["code"] == code and bounds(r["start"])[0] <= day <= end:
                    org = f" [{r['org']}]" if r.get("org") else ""
                    print(f"{p['name']:<35} {r['sector']} {r['office']}{org}  ({r['start']} - {r['end'] or 'now'})")
        return 0
    if args.name:
        key = args.name.casefold()
        for fname, p in people:
            if key in {p["name"].casefold(), *(a.casefold() for a in p["aliases"])}:
                print(fname, json.dumps(p, ensure_ascii=False, indent=1))
        return 0
    files: dict[str, list[int]] = {}
    for fname, p in people:
        c = files.setdefault(fname, [0, 0])
        c[0] += 1
        c[1] += len(p["roles"])
    for fname, (n, r) in files.items():
        print(f"{fname:<32} {n:>5} people {r:>5} roles")
    print(f"{'total':<32} {sum(v[0] for v in files.values()):>5} people {sum(v[1] for v in files.values()):>5} roles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
