"""Events of the streaming syntax layer (:func:`paxdata.edifact.scan`).

The scanner turns input text into a flat stream: envelope boundaries, body segments and
defects, in input order. Consumers (the materialising reader, the typed message readers)
build what they need from it without holding every segment of a large message at once.
"""

from __future__ import annotations

import attrs

from paxdata.edifact._headers import GroupHeader, InterchangeHeader, MessageHeader
from paxdata.edifact._segment import Segment
from paxdata.edifact._service import ServiceCharacters

__all__ = [
    "BlockEnd",
    "GroupEnd",
    "GroupStart",
    "InterchangeEnd",
    "InterchangeStart",
    "MessageEnd",
    "MessageStart",
    "Skipped",
]


@attrs.frozen(slots=True)
class InterchangeStart:
    """An interchange begins. ``header`` is ``None`` when messages arrive without UNB."""

    header: InterchangeHeader | None
    service_characters: ServiceCharacters
    una_present: bool
    offset: int


@attrs.frozen(slots=True)
class InterchangeEnd:
    """An interchange ends; ``trailer`` is the UNZ segment, ``None`` if it never came."""

    trailer: Segment | None


@attrs.frozen(slots=True)
class GroupStart:
    """A functional group (UNG) begins."""

    header: GroupHeader


@attrs.frozen(slots=True)
class GroupEnd:
    """A functional group ends; ``trailer`` is the UNE segment, ``None`` if it never came."""

    trailer: Segment | None


@attrs.frozen(slots=True)
class MessageStart:
    """A message (UNH) begins; its body segments follow as :class:`Segment` events."""

    header: MessageHeader


@attrs.frozen(slots=True)
class MessageEnd:
    """A message ends. ``trailer`` is the UNT segment (``None`` if it never came);
    ``segment_count`` is the number of segments received from UNH to UNT inclusive."""

    trailer: Segment | None
    segment_count: int


@attrs.frozen(slots=True)
class Skipped:
    """Input that is not part of any interchange and was skipped.

    ``kind``: ``"bom"``, ``"envelope"`` (IATA Type B heading, address and origin lines,
    SOH/STX/ETX) or ``"text"`` (anything else). ``offset`` is where it starts and
    ``length`` how long it is; ``text`` holds it, or its first 4,096 characters when it is
    longer (the input itself keeps the rest).
    """

    offset: int
    text: str
    kind: str
    length: int


@attrs.frozen(slots=True)
class BlockEnd:
    """The scanner has handed a block of a message's body (up to 64 Ki characters) to the
    segment sink and reached ``offset``. Yielded only when a consumer sets
    ``Scanner.block_events`` (and a sink is set): it lets a streaming reader hand over what
    it has built so far (the PNRs of a long PNRGOV push) before the message ends."""

    offset: int
