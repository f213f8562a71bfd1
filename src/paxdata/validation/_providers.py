"""Reference data providers: country codes and airports, replaceable.

* :class:`CountryCodes`: ISO 3166-1 alpha-3 codes from pycountry (the Debian iso-codes
  database) plus the ICAO Doc 9303 codes in ``specs/validation/doc9303_codes.toml``.
* :class:`Airports`: IATA location codes with their IANA time zones from airportsdata
  (IATA codes are licensed data; airportsdata is an open compilation).

Both are plain classes with two or three methods; pass another object with the same
methods to :func:`paxdata.validation.validate` (``countries=``, ``airports=``) to use
another source.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import airportsdata
import pycountry

from paxdata._specs import load_spec

__all__ = ["AirportLookup", "Airports", "CountryCodes", "CountryLookup", "to_utc"]


class CountryLookup(Protocol):
    """What the country rules ask: ``kind(code)`` is ``"iso"``, ``"doc9303"``,
    ``"specimen"`` or ``None`` (unknown)."""

    def kind(self, code: str) -> str | None: ...


class AirportLookup(Protocol):
    """What the airport rules ask: ``known(code)`` and ``timezone(code)`` (an IANA name,
    or ``None`` when unknown)."""

    def known(self, code: str) -> bool: ...

    def timezone(self, code: str) -> str | None: ...


class CountryCodes:
    """ISO 3166-1 alpha-3 (pycountry) and ICAO Doc 9303 codes (specs data)."""

    def __init__(self) -> None:
        self._iso = frozenset(c.alpha_3 for c in pycountry.countries)
        spec = load_spec("validation/doc9303_codes.toml")
        self._doc9303 = frozenset(spec["codes"])
        self._specimen = frozenset(spec["specimen"])

    def kind(self, code: str) -> str | None:
        """``"iso"``, ``"doc9303"``, ``"specimen"`` or ``None``."""
        if code in self._iso:
            return "iso"
        if code in self._doc9303:
            return "doc9303"
        if code in self._specimen:
            return "specimen"
        return None


class Airports:
    """IATA airport codes and time zones from airportsdata (loaded once, ~0.1 s)."""

    def __init__(self) -> None:
        self._zones = {code: entry.get("tz") or None
                       for code, entry in airportsdata.load("IATA").items()}

    def known(self, code: str) -> bool:
        """True for a code airportsdata lists."""
        return code in self._zones

    def timezone(self, code: str) -> str | None:
        """The airport's IANA time zone name, or ``None``."""
        return self._zones.get(code)


@cache
def default_countries() -> CountryCodes:
    """The default country provider (built once)."""
    return CountryCodes()


@cache
def default_airports() -> Airports:
    """The default airport provider (built once)."""
    return Airports()


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_utc(local: datetime, zone: str | None) -> datetime | None:
    """A naive local time at an airport as an aware UTC datetime; ``None`` when the zone
    is unknown. Ambiguous local times (the hour a clock goes back) take the first
    occurrence (``fold=0``)."""
    if zone is None:
        return None
    info = _zone(zone)
    if info is None:
        return None
    return local.replace(tzinfo=info).astimezone(UTC)
