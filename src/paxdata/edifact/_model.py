"""The materialised syntax tree: document -> interchanges -> groups -> messages -> segments."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from paxdata.defects import Defect
from paxdata.edifact._events import (
    GroupEnd,
    GroupStart,
    InterchangeEnd,
    InterchangeStart,
    MessageEnd,
    MessageStart,
    Skipped,
)
from paxdata.edifact._headers import GroupHeader, InterchangeHeader, MessageHeader
from paxdata.edifact._segment import Segment
from paxdata.edifact._service import ServiceCharacters

__all__ = ["EdifactDocument", "FunctionalGroup", "Interchange", "Message", "build_document"]


@attrs.frozen(slots=True)
class Message:
    """One message, UNH to UNT.

    ``segments`` holds every segment from UNH to UNT inclusive, in order (UNT is absent
    when it never arrived); ``segment.index`` counts from UNH = 1. ``warnings`` are the
    defects found inside the message (control count and reference checks included).
    """

    header: MessageHeader
    segments: tuple[Segment, ...]
    trailer: Segment | None
    warnings: tuple[Defect, ...] = ()

    @property
    def reference(self) -> str:
        """Message reference number (UNH 0062)."""
        return self.header.reference

    @property
    def message_type(self) -> str:
        """Message type (UNH S009 0065), e.g. ``"PAXLST"``."""
        return self.header.message_type

    @property
    def body(self) -> tuple[Segment, ...]:
        """The segments between UNH and UNT."""
        end = -1 if self.trailer is not None else len(self.segments)
        return self.segments[1:end]


@attrs.frozen(slots=True)
class FunctionalGroup:
    """A functional group (UNG to UNE) and its messages."""

    header: GroupHeader
    messages: tuple[Message, ...]
    trailer: Segment | None
    warnings: tuple[Defect, ...] = ()


@attrs.frozen(slots=True)
class Interchange:
    """One interchange (UNA/UNB to UNZ).

    ``header`` is ``None`` for messages that arrived without UNB. ``messages`` lists every
    message of the interchange in order, whether inside a functional group or not;
    ``groups`` lists the functional groups. ``stray_segments`` are segments found outside
    any message, kept so that nothing read is lost. ``offset`` is where the interchange (its
    UNB, or first UNH) starts in the input.
    """

    header: InterchangeHeader | None
    service_characters: ServiceCharacters
    una_present: bool
    offset: int
    groups: tuple[FunctionalGroup, ...]
    messages: tuple[Message, ...]
    trailer: Segment | None
    stray_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()

    def all_segments(self) -> list[Segment]:
        """Every segment from UNB to UNZ: in input order when the interchange was parsed,
        else header, groups (UNG, messages, UNE), ungrouped messages, stray segments, UNZ."""
        found: list[Segment] = []
        if self.header is not None:
            found.append(self.header.segment)
        grouped: set[int] = set()
        for group in self.groups:
            found.append(group.header.segment)
            for message in group.messages:
                grouped.add(id(message))
                found.extend(message.segments)
            if group.trailer is not None:
                found.append(group.trailer)
        for message in self.messages:
            if id(message) not in grouped:
                found.extend(message.segments)
        found.extend(self.stray_segments)
        if self.trailer is not None:
            found.append(self.trailer)
        if all(segment.offset >= 0 for segment in found):
            found.sort(key=lambda segment: segment.offset)
        return found


@attrs.frozen(slots=True)
class EdifactDocument:
    """Everything read from one input: its interchanges, what was skipped around them
    (``skipped``: transport envelopes, BOM, stray text) and document-level defects."""

    name: str | None
    interchanges: tuple[Interchange, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[Defect, ...] = ()

    @property
    def messages(self) -> tuple[Message, ...]:
        """Every message of every interchange, in input order."""
        return tuple(m for ic in self.interchanges for m in ic.messages)

    def all_warnings(self) -> Iterator[Defect]:
        """Every defect recorded anywhere in the document, outermost first."""
        yield from self.warnings
        for interchange in self.interchanges:
            yield from interchange.warnings
            for group in interchange.groups:
                yield from group.warnings
            for message in interchange.messages:
                yield from message.warnings


class _Open:
    """Accumulators for one interchange while its events arrive."""

    __slots__ = ("group", "group_messages", "group_warnings", "groups", "message",
                 "message_segments", "message_warnings", "messages", "start", "stray",
                 "warnings")

    def __init__(self, start: InterchangeStart) -> None:
        self.start = start
        self.groups: list[FunctionalGroup] = []
        self.messages: list[Message] = []
        self.stray: list[Segment] = []
        self.warnings: list[Defect] = []
        self.group: GroupHeader | None = None
        self.group_messages: list[Message] = []
        self.group_warnings: list[Defect] = []
        self.message: MessageHeader | None = None
        self.message_segments: list[Segment] = []
        self.message_warnings: list[Defect] = []


def build_document(events: Iterable[object], name: str | None) -> EdifactDocument:
    """Materialise a scanner event stream into an :class:`EdifactDocument`."""
    interchanges: list[Interchange] = []
    skipped: list[Skipped] = []
    warnings: list[Defect] = []
    current: _Open | None = None
    for event in events:
        cls = event.__class__
        if cls is Segment:
            assert isinstance(event, Segment)
            if current is not None and current.message is not None:
                current.message_segments.append(event)
            elif current is not None:
                current.stray.append(event)
            continue
        if cls is Defect:
            assert isinstance(event, Defect)
            if current is None:
                warnings.append(event)
            elif current.message is not None:
                current.message_warnings.append(event)
            elif current.group is not None:
                current.group_warnings.append(event)
            else:
                current.warnings.append(event)
        elif isinstance(event, MessageStart):
            assert current is not None
            current.message = event.header
            current.message_segments = [event.header.segment]
            current.message_warnings = []
        elif isinstance(event, MessageEnd):
            assert current is not None
            assert current.message is not None
            if event.trailer is not None:
                current.message_segments.append(event.trailer)
            message = Message(current.message, tuple(current.message_segments), event.trailer,
                              tuple(current.message_warnings))
            current.messages.append(message)
            if current.group is not None:
                current.group_messages.append(message)
            current.message = None
            current.message_segments = []
        elif isinstance(event, GroupStart):
            assert current is not None
            current.group = event.header
            current.group_messages = []
            current.group_warnings = []
        elif isinstance(event, GroupEnd):
            assert current is not None
            assert current.group is not None
            current.groups.append(FunctionalGroup(current.group, tuple(current.group_messages),
                                                  event.trailer, tuple(current.group_warnings)))
            current.group = None
        elif isinstance(event, InterchangeStart):
            current = _Open(event)
        elif isinstance(event, InterchangeEnd):
            assert current is not None
            start = current.start
            interchanges.append(Interchange(
                header=start.header, service_characters=start.service_characters,
                una_present=start.una_present, offset=start.offset,
                groups=tuple(current.groups), messages=tuple(current.messages),
                trailer=event.trailer, stray_segments=tuple(current.stray),
                warnings=tuple(current.warnings)))
            current = None
        elif isinstance(event, Skipped):
            skipped.append(event)
    return EdifactDocument(name, tuple(interchanges), tuple(skipped), tuple(warnings))
