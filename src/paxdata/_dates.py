"""Dates and times as EDIFACT passenger messages send them, with documented century rules.

UN/EDIFACT 2379 formats: ``101`` YYMMDD, ``102`` CCYYMMDD, ``201`` YYMMDDHHMM,
``203`` CCYYMMDDHHMM. Two-digit years need a century, decided against a reference date
(the message date):

* :func:`past_date` (dates of birth): the latest century that does not put the date after
  the reference date. In a message of 2025-03-10, ``250101`` is 2025-01-01 and ``300101``
  is 1930-01-01.
* :func:`nearest_date` (expiry and issue dates, scheduled times): the century that puts
  the date nearest the reference date.

Every function returns ``None`` for a value it cannot read; callers report that.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

__all__ = ["in_century", "nearest_date", "nearest_datetime", "parse_ddmmyy", "past_date"]


def _digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _parts(value: str) -> tuple[int, int, int, bool] | None:
    """(year, month, day, two-digit year?) of YYMMDD or CCYYMMDD; ``None`` otherwise."""
    value = value.strip()
    if not _digits(value) or len(value) not in (6, 8):
        return None
    if len(value) == 8:
        return int(value[:4]), int(value[4:6]), int(value[6:]), False
    return int(value[:2]), int(value[2:4]), int(value[4:]), True


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def past_date(value: str, reference: date) -> date | None:
    """YYMMDD or CCYYMMDD; a two-digit year takes the latest century that keeps the date
    on or before ``reference`` (29 February skips centuries without one)."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day, two_digit = parts
    return in_century(year, month, day, reference, past=True) if two_digit else \
        _date(year, month, day)


@lru_cache(maxsize=4096)
def nearest_date(value: str, reference: date) -> date | None:
    """YYMMDD or CCYYMMDD; a two-digit year takes the century nearest ``reference``."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day, two_digit = parts
    return in_century(year, month, day, reference, past=False) if two_digit else \
        _date(year, month, day)


def in_century(yy: int, month: int, day: int, reference: date, *, past: bool
               ) -> date | None:
    """The date of two-digit year ``yy`` with the century decided against ``reference``:
    when ``past``, the latest century that keeps it on or before ``reference`` (29
    February skips centuries without one); otherwise the century that puts it nearest
    ``reference``. ``None`` when no century gives a calendar date."""
    century = reference.year // 100 * 100
    if past:
        for year in (century + yy, century - 100 + yy, century - 200 + yy):
            found = _date(year, month, day)
            if found is not None and found <= reference:
                return found
        return None
    best: date | None = None
    for year in (century - 100 + yy, century + yy, century + 100 + yy):
        candidate = _date(year, month, day)
        if candidate is not None and (best is None
                                      or abs(candidate - reference) < abs(best - reference)):
            best = candidate
    return best


def nearest_datetime(value: str, fmt: str, reference: date) -> datetime | None:
    """A date/time in format ``201`` (YYMMDDHHMM), ``203`` (CCYYMMDDHHMM), ``101``
    (YYMMDD) or ``102`` (CCYYMMDD) as a naive datetime (no time zone is sent); two-digit
    years take the century nearest ``reference``. An empty ``fmt`` is guessed from the
    length (10 digits: 201, 12: 203, 6: 101, 8: 102)."""
    value = value.strip()
    if not _digits(value):
        return None
    if not fmt:
        fmt = {10: "201", 12: "203", 6: "101", 8: "102"}.get(len(value), "")
    try:
        if fmt == "201" and len(value) == 10:
            day = in_century(int(value[:2]), int(value[2:4]), int(value[4:6]), reference,
                             past=False)
            if day is None:
                return None
            return datetime(day.year, day.month, day.day, int(value[6:8]), int(value[8:]))
        if fmt == "203" and len(value) == 12:
            return datetime(int(value[:4]), int(value[4:6]), int(value[6:8]),
                            int(value[8:10]), int(value[10:]))
        if fmt in ("101", "102"):
            found = nearest_date(value, reference)
            return datetime(found.year, found.month, found.day) if found else None
    except ValueError:
        return None
    return None


def parse_ddmmyy(value: str, reference: date) -> date | None:
    """DDMMYY (PNRGOV order, the reverse of PAXLST's YYMMDD), century nearest
    ``reference``."""
    value = value.strip()
    if len(value) != 6 or not _digits(value):
        return None
    return nearest_date(value[4:] + value[2:4] + value[:2], reference)
