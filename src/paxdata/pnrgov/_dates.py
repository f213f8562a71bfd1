"""PNRGOV dates and times: DDMMYY, HHMM(SS), DDMMMYY, with stated time zones.

Sources: IATA PADIS PNRGOV Implementation Guide, DAT/TVL/RCI/PTK (dates DDMMYY, times
HHMM, RCI times HHMM or HHMMSS; DAT times UTC unless agreed otherwise, TVL times local);
IATA AIRIMP (SSR DOCS/DOCO/INFT dates DDMMMYY). Two-digit years use the century rules of
:mod:`paxdata._dates`: nearest the message date, or for dates of birth the latest
century not after it.

Every function returns ``None`` for a value it cannot read; callers report that.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache

from paxdata import _dates

__all__ = ["UTC", "ddmmmyy", "ddmmyy", "looks_ddmmmyy", "moment"]

_MONTHS = {name: number for number, name in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}


def _digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


@lru_cache(maxsize=8192)
def ddmmyy(value: str, reference: date) -> date | None:
    """DDMMYY (``270513`` is 27 May 2013), century nearest ``reference``; also the
    CCYY form DDMMCCYY."""
    value = value.strip()
    if not _digits(value):
        return None
    if len(value) == 6:
        return _dates.parse_ddmmyy(value, reference)
    if len(value) == 8:
        try:
            return date(int(value[4:]), int(value[2:4]), int(value[:2]))
        except ValueError:
            return None
    return None


def _clock(value: str) -> tuple[int, int, int] | None:
    """HHMM or HHMMSS as (hour, minute, second)."""
    if not _digits(value) or len(value) not in (4, 6):
        return None
    hour, minute = int(value[:2]), int(value[2:4])
    second = int(value[4:]) if len(value) == 6 else 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


@lru_cache(maxsize=8192)
def moment(day: str, clock: str, reference: date, utc: bool
           ) -> datetime | date | None:
    """A DDMMYY date and an optional HHMM(SS) time.

    ``utc``: the result is timezone-aware in UTC (DAT, RCI); otherwise naive (TVL local
    times, PTK). Without a time the result is the :class:`date` alone. ``None`` when the
    date or the time cannot be read.
    """
    found = ddmmyy(day, reference)
    if found is None:
        return None
    clock = clock.strip()
    if not clock:
        return found
    parts = _clock(clock)
    if parts is None:
        return None
    return datetime(found.year, found.month, found.day, *parts, tzinfo=UTC if utc else None)


def looks_ddmmmyy(value: str) -> bool:
    """Whether ``value`` has the DDMMMYY shape (``10SEP72``; also DDMMMCCYY), without
    checking the calendar."""
    return (len(value) in (7, 9) and value[:2].isdigit() and value[5:].isdigit()
            and value[:2].isascii() and value[5:].isascii()
            and value[2:5].upper() in _MONTHS)


@lru_cache(maxsize=8192)
def ddmmmyy(value: str, reference: date, past: bool) -> date | None:
    """DDMMMYY (``10SEP72``) or DDMMMCCYY; two-digit years take the latest century not
    after ``reference`` when ``past`` (dates of birth), else the nearest century."""
    value = value.strip().upper()
    if not looks_ddmmmyy(value):
        return None
    month = _MONTHS[value[2:5]]
    day = int(value[:2])
    if len(value) == 9:
        try:
            return date(int(value[5:]), month, day)
        except ValueError:
            return None
    return _dates.in_century(int(value[5:]), month, day, reference, past=past)
