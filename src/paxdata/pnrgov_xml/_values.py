"""PNRGOV XML values: ISO 8601 dates and times, DDMMMYY document dates, booleans, numbers.

Sources: W3C XML Schema Part 2 (xs:date, xs:dateTime, xs:time, xs:boolean, xs:decimal);
IATA PNRGOV XML schema 2021.2 (DOCS/DOCO dates ``AlphaNumericStringLength1to7`` in
DDMMMYY, card expiry ``MMYYDate``). Date-times keep the offset they were sent with
(timezone-aware); without one they are naive, as sent.

Each reader returns ``(value, lenient)``: ``value`` is ``None`` when the text cannot be
read, ``lenient`` is true when it was read although not in its schema form (a space
instead of ``T``, no seconds, ``+0000``, an ISO date where DDMMMYY is required), so the
caller reports it. Results are cached: pushes repeat the same values a lot.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache

from paxdata.pnrgov._dates import ddmmmyy

__all__ = ["boolean", "doc_date", "integer", "moment", "offset_text", "write_moment"]

_MOMENT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?")
_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?")
_ZONES: dict[str, timezone] = {}


def _zone(text: str) -> tuple[timezone, bool]:
    """The fixed offset ``Z``, ``+01:00`` (``+0100`` is read, leniently)."""
    found = _ZONES.get(text)
    lenient = text != "Z" and ":" not in text
    if found is None:
        if text == "Z":
            found = UTC
        else:
            digits = text[1:].replace(":", "")
            delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            found = timezone(-delta if text[0] == "-" else delta)
        _ZONES[text] = found
    return found, lenient


@lru_cache(maxsize=8192)
def moment(text: str) -> tuple[datetime | date | time | None, bool]:
    """An xs:dateTime (``2025-03-17T16:00:00``, ``...Z``, ``...+01:00``), xs:date
    (``2025-03-17``) or xs:time (``16:00:00``): a :class:`datetime` (aware when an offset
    is given), a :class:`date` or a :class:`time`. Lenient forms: space for ``T``,
    missing seconds, an offset without colon."""
    value = text.strip()
    found = _MOMENT.fullmatch(value)
    if found is None:
        return _time(value)
    year, month, day, sep, hour, minute, second, fraction, zone = found.groups()
    lenient = value != text
    try:
        if sep is None:
            if zone is not None:
                lenient = lenient or _zone(zone)[1]
            return date(int(year), int(month), int(day)), lenient
        tz = None
        if zone is not None:
            tz, odd = _zone(zone)
            lenient = lenient or odd
        lenient = lenient or sep == " " or second is None
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        return datetime(int(year), int(month), int(day), int(hour), int(minute),
                        int(second or 0), micro, tzinfo=tz), lenient
    except ValueError:
        return None, False


def _time(value: str) -> tuple[time | None, bool]:
    found = _TIME.fullmatch(value)
    if found is None:
        return None, False
    hour, minute, second, fraction, zone = found.groups()
    tz = None
    lenient = second is None
    if zone is not None:
        tz, odd = _zone(zone)
        lenient = lenient or odd
    try:
        return time(int(hour), int(minute), int(second or 0),
                    int((fraction or "0")[:6].ljust(6, "0")), tzinfo=tz), lenient
    except ValueError:
        return None, False


@lru_cache(maxsize=8192)
def doc_date(text: str, reference: date, past: bool) -> tuple[date | None, bool]:
    """A DOCS/DOCO date: DDMMMYY (``12APR85``, the schema's form; two-digit years as in
    PNRGOV EDIFACT: dates of birth (``past``) the latest century not after ``reference``,
    others the nearest) or DDMMMCCYY; an ISO date is read leniently."""
    value = text.strip()
    found = ddmmmyy(value, reference, past)
    if found is not None:
        return found, False
    iso, _ = moment(value)
    if isinstance(iso, datetime):
        return iso.date(), True
    if isinstance(iso, date):
        return iso, True
    return None, False


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def boolean(text: str) -> tuple[bool | None, bool]:
    """An xs:boolean (``true``, ``false``, ``1``, ``0``); other cases read leniently."""
    value = text.strip()
    found = _BOOLEANS.get(value)
    if found is not None:
        return found, value != text
    found = _BOOLEANS.get(value.lower())
    return found, found is not None


def integer(text: str) -> int | None:
    """A non-negative xs:integer of at most 9 digits, else ``None``."""
    value = text.strip()
    if value.startswith("+"):
        value = value[1:]
    if value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return None


def offset_text(value: datetime) -> str:
    """The offset of an aware datetime in xs:dateTime form (``Z``, ``+05:30``)."""
    delta = value.utcoffset()
    if delta is None:
        return ""
    if not delta:
        return "Z"
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def write_moment(value: datetime | date) -> str:
    """xs:dateTime (offset kept when aware; seconds always written) or xs:date."""
    if isinstance(value, datetime):
        text = (f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:"
                f"{value.minute:02d}:{value.second:02d}")
        if value.microsecond:
            text += f".{value.microsecond:06d}".rstrip("0")
        return text + offset_text(value)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
