"""Character repertoires by syntax identifier (UNB S001 0001), read from ``specs/``."""

from __future__ import annotations

from functools import cache

import attrs

from paxdata._specs import load_spec

__all__ = ["Repertoire", "repertoire_for"]


@attrs.frozen(slots=True)
class Repertoire:
    """How to decode an interchange's bytes.

    ``codec``: Python codec name of the declared repertoire. ``strict``: bytes the codec
    cannot decode are an error (UTF-8 repertoires); otherwise the repertoire is 7-bit by
    definition and other bytes are tolerated (read as UTF-8 if they form it, else Latin-1)
    with a warning. ``known``: the identifier is in the code list.
    """

    identifier: str
    codec: str
    seven_bit: bool
    strict: bool
    known: bool


@cache
def _table() -> dict[str, Repertoire]:
    spec = load_spec("edifact/syntax_identifiers.toml")
    table: dict[str, Repertoire] = {}
    for ident, entry in spec["identifiers"].items():
        table[ident] = Repertoire(ident, entry["codec"], bool(entry.get("seven_bit", False)),
                                  bool(entry.get("strict", False)), True)
    return table


def repertoire_for(identifier: str) -> Repertoire:
    """The repertoire of a syntax identifier; unknown identifiers are read leniently."""
    found = _table().get(identifier.upper())
    if found is not None:
        return found
    return Repertoire(identifier, "ascii", True, False, False)
