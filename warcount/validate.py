"""Values given at the edges (command line, API, forms): checked once, the same way everywhere.

A bad value is a one-line error (exit 2 on the CLI, 422 from the API), never
an empty answer or a traceback further in.
"""
from __future__ import annotations

from .model import KINDS, STATUSES

SCOPES = ("incident", "cumulative")

#: the years a date given on the command line or the API may name (date arithmetic near year 1 overflows)
MIN_YEAR, MAX_YEAR = 1800, 2200
#: the same as a pattern, for the API's schema (a day past the month's end is clamped there)
DATE_PATTERN = r"^\s*(18\d\d|19\d\d|20\d\d|21\d\d|2200)(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\d|3[01]))?)?\s*$"


def parse_date(value: str, *, end: bool = False, clamp: bool = False) -> str:
    """An ISO date (``2016-05-01``; ``2016-5-1`` is read the same), a month (``2016-05``) or a year,
    normalised to ISO; ``ValueError`` with the reason otherwise. With ``end`` (an "until" bound) a
    month or year becomes its last day, so that it includes the dates inside it. With ``clamp``
    (API filters) a day past the end of its month is read as the month's last day."""
    import re
    from datetime import date

    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", value or "")
    if not m:
        raise ValueError(f"{value[:100]!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{value!r}: the year must be between {MIN_YEAR} and {MAX_YEAR}")
    if clamp and day and month and 1 <= int(month) <= 12:
        import calendar

        day = str(min(int(day), calendar.monthrange(year, int(month))[1]))
    try:
        d = date(year, int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date ({exc})") from None
    if day:
        return d.isoformat()
    if end:
        import calendar

        last_month = int(month) if month else 12
        return date(year, last_month, calendar.monthrange(year, last_month)[1]).isoformat()
    return d.isoformat()[:7] if month else str(year)


def check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """``value`` when it is one of ``choices`` (or None); ``ValueError`` naming the choices otherwise."""
    if value is None or value == "":
        return None
    if value not in choices:
        raise ValueError(f"{name} {value[:100]!r} is not one of {', '.join(choices)}")
    return value


def check_kind(value: str | None) -> str | None:
    return check_choice("kind", value, KINDS)


def check_status(value: str | None) -> str | None:
    return check_choice("status", value, STATUSES)


def check_scope(value: str | None) -> str | None:
    return check_choice("scope", value, SCOPES)
