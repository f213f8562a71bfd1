"""Masking personal values in findings (``--mask``), for reports that leave the carrier or
the PIU.

Two layers:

* structurally, the personal positions of each message family (``[masking]`` in
  ``specs/validation/rules/<family>.toml``: names, addresses, contacts, date of birth,
  document numbers, references) are replaced by ``***`` in the offending segment shown;
  segments of tags no family describes have every element after the first masked;
  service segments (UNA..UNZ) are shown as sent;
* every word of every personal value found in the input (at those positions, and on the
  typed records) is replaced by ``***`` wherever it appears in a message or value text,
  so a reader's message quoting a value (``'851332' is not a date``) leaks nothing.

A finding's ``value`` is ``***`` when the rule marked it personal; the traveller's name
is removed (the traveller's number stays).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import attrs

from paxdata.edifact import Segment
from paxdata.validation._catalogue import catalogue
from paxdata.validation._findings import Finding

__all__ = ["MASK", "Masker"]

MASK = "***"
_WORD = re.compile(r"[\w<][\w<.\-/@]*[\w<]|[\w<]")
_SERVICE = frozenset({"UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})


@cache
def _positions() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for table in catalogue().tables.values():
        for entry in table.get("masking", {}).get("positions", []):
            found.setdefault(entry["tag"], []).append(entry)
    return found


def _masked_positions(segment: Segment) -> set[tuple[int, int | None]] | None:
    """(element, component or None for all) positions to mask; ``None``: mask all but the
    first element."""
    entries = _positions().get(segment.tag)
    if entries is None:
        return None
    qualifier = segment.get(1).strip()
    found: set[tuple[int, int | None]] = set()
    for entry in entries:
        when = entry.get("when")
        if when is not None and qualifier not in when:
            continue
        components = entry.get("components")
        for element in entry["elements"]:
            if components is None:
                found.add((element, None))
            else:
                found.update((element, c) for c in components)
    return found


def _personal(position: tuple[int, int], masked: set[tuple[int, int | None]] | None) -> bool:
    element, component = position
    if masked is None:
        return element > 1
    return (element, None) in masked or (element, component) in masked


def personal_segment_values(segment: Segment) -> Iterable[str]:
    """The values at the personal positions of ``segment``."""
    if segment.tag in _SERVICE:
        return
    masked = _masked_positions(segment)
    for e, composite in enumerate(segment.elements, start=1):
        for c, value in enumerate(composite, start=1):
            if value and _personal((e, c), masked):
                yield value


class Masker:
    """Masks findings: built from the personal values of one input."""

    def __init__(self, values: Iterable[str]) -> None:
        words: set[str] = set()
        for value in values:
            for word in _WORD.findall(value):
                if len(word) >= 3 or (len(word) == 2 and not word.isdigit()):
                    words.add(word)
        self.words = frozenset(words)

    def text(self, text: str | None) -> str | None:
        """``text`` with every personal word replaced by ``***``."""
        if not text or not self.words:
            return text
        words = self.words
        return _WORD.sub(lambda m: MASK if m.group() in words else m.group(), text)

    def segment(self, segment: Segment | None) -> Segment | None:
        """The segment with its personal positions masked."""
        if segment is None or segment.tag in _SERVICE:
            return segment
        masked = _masked_positions(segment)
        elements = tuple(
            tuple(MASK if value and _personal((e, c), masked) else (self.text(value) or "")
                  for c, value in enumerate(composite, start=1))
            for e, composite in enumerate(segment.elements, start=1))
        return Segment(segment.tag, elements, segment.index, segment.offset)

    def finding(self, finding: Finding) -> Finding:
        """The finding with personal values masked."""
        value = finding.value
        if value is not None:
            value = MASK if finding.personal else self.text(value)
        subject = finding.subject
        if subject is not None and subject.name is not None:
            subject = attrs.evolve(subject, name=None)
        return attrs.evolve(finding, message=self.text(finding.message) or "", value=value,
                            subject=subject, segment=self.segment(finding.segment))
