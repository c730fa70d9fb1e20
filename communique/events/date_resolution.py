"""What a date expression means, resolved against the publication date P.

Each rule of `date_expressions.build_patterns` has a resolver in `RESOLVERS`, called with the rule's match,
P (or None) and whether the clause speaks of the future; it returns a `Resolved` value and precision, or None
when the expression names no real date ("31 February", "over the month").

Resolution rules, relative to the publication date P:
- A weekday is the most recent such day on or before P ("Friday" in a Friday article is P); "last Friday"
  is strictly before P, "next Friday" strictly after; a weekday whose verb is future ("will meet on Friday",
  "is expected to arrive on Friday") is the next such day on or after P.
- A month or a day-and-month without a year ("in March", "April 2") is the most recent one not after P,
  or, with a future verb, the next one not before P. "last March" / "next March" shift strictly.
- Weeks have no ISO precision of their own: "this week" is P itself, "last week" P - 7 days, "next week"
  P + 7 days, "N weeks ago" P - 7N days, "earlier this week" the Monday of P's week, all precision "day".
  The weekend is the Saturday on or before P (next Saturday when future).
- "this/last/next month" and "N months ago" give months; "this/last/next year", "N years ago" give years;
  "earlier this month/year" give P's month/year and are marked `past` (the text places them before the news).
- Without P, absolute dates still resolve and relative ones keep `value=None`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .date_expressions import load_date_words


@dataclass(frozen=True)
class Resolved:
    """What a matched expression means: its ISO value (None if unresolvable) and precision."""

    value: str | None
    precision: str
    relative: bool
    past: bool = False


def _iso_month(year: int, month: int) -> str:
    """ISO form of a month: "2023-03"."""
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _recent_or_next(candidates: Iterable[date], pub_date: date, future: bool) -> date:
    """The latest candidate not after pub_date, or (future) the earliest not before it."""
    ordered = sorted(candidates)
    if future:
        return next((d for d in ordered if d >= pub_date), ordered[-1])
    return next((d for d in reversed(ordered) if d <= pub_date), ordered[0])


def _resolve_weekday(match: re.Match[str], pub: date | None, future: bool) -> Resolved:
    target = load_date_words().weekdays[match.group("weekday")]
    if pub is None:
        return Resolved(None, "day", True)
    modifier = re.sub(r"\s+", " ", (match.group("wmod") or "").lower())
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if modifier == "next":
        return Resolved((pub + timedelta(days=ahead or 7)).isoformat(), "day", True)
    if modifier in ("last", "this past"):
        return Resolved((pub - timedelta(days=back or 7)).isoformat(), "day", True, past=True)
    if future or modifier in ("this coming", "coming"):
        return Resolved((pub + timedelta(days=ahead)).isoformat(), "day", True)
    return Resolved((pub - timedelta(days=back)).isoformat(), "day", True)


def _resolve_day_word(match: re.Match[str], pub: date | None, future: bool) -> Resolved:
    offset = load_date_words().day_words[re.sub(r"\s+", " ", match.group(0).lower())]
    value = (pub + timedelta(days=offset)).isoformat() if pub else None
    return Resolved(value, "day", True, past=offset < 0)


def _resolve_period(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    unit = match.group("unit").lower()
    modifier = re.sub(r"\s+", " ", match.group("pmod").lower())
    edge = (match.group("edge") or "").lower()
    if modifier in ("the", "over the") and unit != "weekend":
        return None  # "the year", "over the month": a duration, not a date
    shift = {"last": -1, "next": 1, "coming": 1}.get(modifier, 0)
    past = shift < 0 or edge == "earlier"
    precision = "year" if unit == "year" else "month" if unit == "month" else "day"
    if pub is None:
        return Resolved(None, precision, True, past)
    if unit == "year":
        return Resolved(str(pub.year + shift), "year", True, past)
    if unit == "month":
        return Resolved(_iso_month(*_shift_month(pub.year, pub.month, shift)), "month", True, past)
    if unit == "weekend":
        return Resolved(_weekend(pub, shift, future).isoformat(), "day", True, past)
    if edge == "earlier" and shift == 0:
        return Resolved((pub - timedelta(days=pub.weekday())).isoformat(), "day", True, True)
    return Resolved((pub + timedelta(days=7 * shift)).isoformat(), "day", True, past)


def _weekend(pub: date, shift: int, future: bool) -> date:
    """The Saturday of the weekend meant: on or before pub_date, moved by `shift` weeks, or the next one."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    if shift > 0 or (future and shift == 0 and saturday < pub):
        return saturday + timedelta(days=7)
    return saturday + timedelta(days=7 * shift)


def _resolve_ago(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    raw = match.group("number").lower()
    count = int(raw) if raw.isdigit() else load_date_words().number_words.get(raw)
    unit = match.group("unit").lower()
    precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    if count is None:
        return None
    if pub is None:
        return Resolved(None, precision, True, True)
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return Resolved((pub - timedelta(days=days)).isoformat(), "day", True, True)
    if unit == "month":
        return Resolved(_iso_month(*_shift_month(pub.year, pub.month, -count)), "month", True, True)
    return Resolved(str(pub.year - count), "year", True, True)


def _resolve_month(match: re.Match[str], pub: date | None, future: bool) -> Resolved:
    month = load_date_words().months[match.group("month")]
    modifier = (match.group("mmod") or "").lower()
    if pub is None:
        return Resolved(None, "month", True)
    if modifier == "this":
        return Resolved(_iso_month(pub.year, month), "month", True)
    starts = [date(pub.year + k, month, 1) for k in (-1, 0, 1)]
    this_month = date(pub.year, pub.month, 1)
    if modifier == "last":
        chosen = max(d for d in starts if d < this_month)
    elif modifier == "next":
        chosen = min(d for d in starts if d > this_month)
    else:
        chosen = _recent_or_next(starts, this_month, future)
    return Resolved(_iso_month(chosen.year, chosen.month), "month", True, past=modifier == "last")


def _resolve_day_month(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    month = load_date_words().months[match.group("month")]
    day = int(match.group("day"))
    if pub is None:
        return Resolved(None, "day", True) if 1 <= day <= 31 else None
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return Resolved(_recent_or_next(candidates, pub, future).isoformat(), "day", True)


def _resolve_absolute(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("day") is None and groups.get("month") is None and groups.get("mnum") is None:
        return Resolved(str(year), "year", False)
    month = int(groups["mnum"]) if groups.get("mnum") else load_date_words().months[groups["month"]]
    if groups.get("day") is None:
        return Resolved(_iso_month(year, month), "month", False)
    try:
        return Resolved(date(year, month, int(groups["day"])).isoformat(), "day", False)
    except ValueError:
        return None


def _resolve_season(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    """A season as the year it starts in: "last summer" in April 2023 is 2022, "the summer of 2019" 2019."""
    if match.group("year"):
        return Resolved(match.group("year"), "year", False)
    if pub is None:
        return Resolved(None, "year", True)
    first_month = load_date_words().seasons[match.group("season").lower()]
    starts = [date(pub.year + k, first_month, 1) for k in (-2, -1, 0, 1)]
    ended = [s for s in starts if _shift_month(s.year, s.month, 3) <= (pub.year, pub.month)]
    modifier = (match.group("mmod") or "").lower()
    if modifier == "this":
        return Resolved(str(pub.year), "year", True)
    if modifier == "last":
        chosen = max(ended)
    elif modifier == "next" or (future and modifier != "last"):
        chosen = (
            min(s for s in starts if s > pub)
            if modifier == "next"
            else min(s for s in starts if s not in ended)
        )
    else:
        chosen = max(s for s in starts if s <= pub)
    return Resolved(str(chosen.year), "year", True, past=modifier == "last")


def _resolve_relative_year(match: re.Match[str], pub: date | None, future: bool) -> Resolved | None:
    """A month or day "last/this/next year": "24 February last year" in 2023 is 2022-02-24."""
    groups = match.groupdict()
    precision = "day" if groups.get("day") else "month"
    shift = {"last": -1, "this": 0, "next": 1}[groups["relyear"].lower()]
    if pub is None:
        return Resolved(None, precision, True, past=shift < 0)
    month = load_date_words().months[groups["month"]]
    if precision == "month":
        return Resolved(_iso_month(pub.year + shift, month), "month", True, past=shift < 0)
    try:
        value = date(pub.year + shift, month, int(groups["day"])).isoformat()
    except ValueError:
        return None
    return Resolved(value, "day", True, past=shift < 0)


RESOLVERS: dict[str, Callable[[re.Match[str], date | None, bool], Resolved | None]] = {
    "iso": _resolve_absolute,
    "day-month-year": _resolve_absolute,
    "month-day-year": _resolve_absolute,
    "month-year": _resolve_absolute,
    "day-month-relyear": _resolve_relative_year,
    "month-day-relyear": _resolve_relative_year,
    "month-relyear": _resolve_relative_year,
    "day-month": _resolve_day_month,
    "month-day": _resolve_day_month,
    "weekday": _resolve_weekday,
    "day-word": _resolve_day_word,
    "period": _resolve_period,
    "ago": _resolve_ago,
    "month": _resolve_month,
    "season": _resolve_season,
    "year": _resolve_absolute,
}
