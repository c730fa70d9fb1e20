"""Parsing publication dates given by users and found in inputs."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from ..errors import Errors, InputError

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: str | date | datetime | None, *, name: str = "--date") -> date | None:
    """A `date` from an ISO string (a timestamp's date part is kept), a date or a datetime.

    Raises InputError naming `name` when the value is not a valid date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _ISO_PREFIX.match(str(value))
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise InputError(Errors.E010.format(name=name, value=value))


def parse_feed_date(value: str | None, *, name: str) -> date | None:
    """A date from a feed timestamp: RFC 822 (RSS `pubDate`) or ISO 8601 (Atom `updated`, `dc:date`).

    Raises InputError (E010) naming `name` when the value is neither.
    """
    if value is None or not value.strip():
        return None
    if _ISO_PREFIX.match(value):
        return parse_date(value, name=name)
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        raise InputError(Errors.E010.format(name=name, value=value)) from None
