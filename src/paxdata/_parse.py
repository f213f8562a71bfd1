"""Top-level parsing: any input in, typed messages out.

Each message is read by the typed reader registered for its type (PAXLST, PNRGOV, CUSRES:
see :mod:`paxdata._readers`); messages of other types (CONTRL, ...) are returned at the
syntax level as :class:`paxdata.edifact.Message`. Nothing read is dropped:
skipped envelopes, stray segments and every defect are on the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import attrs

from paxdata import pnrgov_xml
from paxdata._gc import paused_gc
from paxdata._readers import MessageReader, reader_for, unsupported_paxlst
from paxdata.cusres import CustomsResponse
from paxdata.defects import Defect
from paxdata.edifact import (
    BlockEnd,
    Message,
    MessageEnd,
    MessageHeader,
    MessageStart,
    Segment,
    Skipped,
)
from paxdata.edifact._scanner import Scanner
from paxdata.edifact._source import InputLike, Reporter, Source, source_from
from paxdata.errors import InputError, PaxdataError
from paxdata.paxlst import PassengerList
from paxdata.pnrgov import PnrgovMessage, PushedPnr
from paxdata.policy import LENIENT, Policy

__all__ = ["ParseResult", "ParsedMessage", "iter_messages", "iter_pnrs", "parse"]

#: A message as :func:`parse` returns it: typed when paxdata has a reader for its type.
ParsedMessage = PassengerList | PnrgovMessage | CustomsResponse | Message


@attrs.frozen(slots=True)
class ParseResult:
    """Everything read from one input.

    ``messages``: typed messages (:class:`~paxdata.paxlst.PassengerList` for PAXLST) and
    syntax-level :class:`~paxdata.edifact.Message` values for other types, in input order.
    ``errors``: what could not be read at all (e.g. the legacy US ``PAXLST:001:000``
    format), each a :class:`~paxdata.errors.PaxdataError` with its location; the raw
    message is still in ``messages``. ``warnings``: defects outside any message (envelope,
    control counts of groups and interchanges, skipped text). ``skipped``: input outside
    any interchange (transport envelopes, BOM). ``stray_segments``: segments found outside
    any message, kept as read.
    """

    input_name: str | None
    messages: tuple[ParsedMessage, ...]
    errors: tuple[PaxdataError, ...] = ()
    warnings: tuple[Defect, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    stray_segments: tuple[Segment, ...] = ()

    @property
    def passenger_lists(self) -> tuple[PassengerList, ...]:
        """The PAXLST messages."""
        return tuple(m for m in self.messages if isinstance(m, PassengerList))

    @property
    def pnrgov_messages(self) -> tuple[PnrgovMessage, ...]:
        """The PNRGOV messages (pushes)."""
        return tuple(m for m in self.messages if isinstance(m, PnrgovMessage))

    @property
    def customs_responses(self) -> tuple[CustomsResponse, ...]:
        """The CUSRES messages (interactive API answers)."""
        return tuple(m for m in self.messages if isinstance(m, CustomsResponse))

    @property
    def ok(self) -> bool:
        """True when every message could be read (warnings allowed)."""
        return not self.errors


def parse(data: InputLike, *, policy: Policy = LENIENT, name: str | None = None
          ) -> ParseResult:
    """Read every message in ``data`` into typed records.

    ``data``: bytes, a ``str`` of EDIFACT or XML text (never a file name), a path or a
    binary file; PNRGOV XML is recognised by its content (:mod:`paxdata.pnrgov_xml`).
    Lenient (default): defects are recorded on the message, traveller or result they
    concern and everything readable is returned; messages that cannot be read at all are
    in ``errors``. Strict: raises :class:`~paxdata.errors.DefectError` at the first
    error-severity defect and :class:`~paxdata.errors.UnsupportedMessageError` for an
    unsupported message. Raises :class:`~paxdata.errors.InputError` when ``data`` cannot
    be read (missing file, wrong type).
    """
    input_name, items = _items(data, policy, name)
    messages: list[ParsedMessage] = []
    errors: list[PaxdataError] = []
    warnings: list[Defect] = []
    skipped: list[Skipped] = []
    stray: list[Segment] = []
    with paused_gc():
        for item in items:
            if isinstance(item, PaxdataError):
                errors.append(item)
            elif isinstance(item, Defect):
                warnings.append(item)
            elif isinstance(item, Skipped):
                skipped.append(item)
            elif isinstance(item, Segment):
                stray.append(item)
            else:  # PushedPnr items come only with stream_pnrs (iter_pnrs)
                messages.append(cast(ParsedMessage, item))
    return ParseResult(input_name, tuple(messages), tuple(errors), tuple(warnings),
                       tuple(skipped), tuple(stray))


def iter_messages(data: InputLike, *, policy: Policy = LENIENT, name: str | None = None
                  ) -> Iterator[ParsedMessage | PaxdataError]:
    """Yield each message of ``data`` as soon as it is read (typed or syntax-level), and
    a :class:`~paxdata.errors.PaxdataError` for each message that cannot be read. Segments
    of a message are not all held in memory at once for typed messages."""
    for item in _items(data, policy, name)[1]:
        if not isinstance(item, (Defect, Skipped, Segment)):
            yield cast(ParsedMessage | PaxdataError, item)  # no PushedPnr without streaming


def iter_pnrs(data: InputLike, *, policy: Policy = LENIENT, name: str | None = None
              ) -> Iterator[PushedPnr | ParsedMessage | PaxdataError]:
    """Stream ``data`` PNR by PNR: as :func:`iter_messages`, but each PNR of a PNRGOV push
    is yielded as a :class:`~paxdata.pnrgov.PushedPnr` as soon as it has been read (its
    Gr.1 ended), and the push itself follows its PNRs with ``pnrs=()``: header, EQN,
    unreadable PNRs and warnings (PNR-COUNT-MISMATCH counts the streamed PNRs). A push of
    any size is thus read in memory bounded by its largest PNR, not by the push; other
    messages (PAXLST, CUSRES...) and errors come as :func:`iter_messages` yields them.

    PNRGOV XML pushes are streamed the same way, one ``PNR`` element at a time
    (:func:`paxdata.pnrgov_xml.read_xml`). Raises as :func:`parse`. Source: IATA PADIS
    PNRGOV Implementation Guide (one PNR per Gr.1, SRC; PNRGOV XML, PNRs/PNR).
    """
    for item in _items(data, policy, name, stream_pnrs=True)[1]:
        if not isinstance(item, (Defect, Skipped, Segment)):
            yield item


_Item = ParsedMessage | PaxdataError | Defect | Skipped | Segment | PushedPnr


def _items(data: InputLike, policy: Policy, name: str | None, *, stream_pnrs: bool = False
           ) -> tuple[str | None, Iterator[_Item]]:
    """The input's name and its items: PNRGOV XML (content starting with ``<``, see
    :func:`paxdata.pnrgov_xml.sniff`) goes to the XML reader, everything else to the
    EDIFACT scanner. ``stream_pnrs``: PNRGOV pushes hand out their PNRs as they are read
    (:func:`iter_pnrs`)."""
    xml, data = pnrgov_xml.sniff(data)
    if xml:
        input_name = pnrgov_xml.input_name(data, name)
        return input_name, pnrgov_xml.read_xml(data, policy, input_name,
                                                stream_pnrs=stream_pnrs)
    source = source_from(data, name)
    return source.name, _read(source, policy, stream_pnrs)


def _streamed(builder: Any, input_name: str | None) -> Iterator[PushedPnr]:
    """The PNRs a streaming reader (:class:`~paxdata.pnrgov.PnrgovBuilder` with
    ``streamed`` set) has read since the last call."""
    streamed: list[Any] | None = getattr(builder, "streamed", None)
    if not streamed:
        return
    header = builder.header
    first = builder.streamed_count - len(streamed) + 1
    for position, pnr in enumerate(streamed, first):
        yield PushedPnr(pnr, position, header.reference, builder.push_type, builder.sender,
                        builder.flight, header.common_access_reference,
                        header.sequence_number, input_name)
    streamed.clear()


def _read(source: Source, policy: Policy, stream_pnrs: bool = False) -> Iterator[_Item]:
    reporter = Reporter(source, policy)
    scanner = Scanner(source, policy)
    scanner.block_events = stream_pnrs
    builder: MessageReader | None = None
    raw: list[Segment] | None = None
    raw_warnings: list[Defect] = []
    header: MessageHeader | None = None
    for event in scanner.run():
        cls = event.__class__
        if cls is Segment:  # typed messages receive their segments through the sink
            if raw is not None:
                raw.append(event)
            else:
                yield event
            continue
        if cls is Defect:
            if builder is not None:
                builder.add_defect(event)
            elif raw is not None:
                raw_warnings.append(event)
            elif event.code == "EDI-NO-INTERCHANGE":
                yield InputError(event.message, event.location, code=event.code)
            else:
                yield event
        elif cls is MessageStart:
            header = event.header
            factory = reader_for(header)
            if factory is not None:
                builder = factory(header, reporter, policy, source.name)
                scanner.segment_sink = builder.feed
                if stream_pnrs and hasattr(builder, "streamed"):
                    setattr(builder, "streamed", [])  # noqa: B010 - not in the protocol
            else:
                raw = [header.segment]
                raw_warnings = []
        elif cls is MessageEnd:
            assert header is not None
            scanner.segment_sink = None
            if builder is not None:
                finished = builder.finish(header.segment.offset)
                if stream_pnrs:
                    yield from _streamed(builder, source.name)
                yield finished
                yield from getattr(builder, "errors", ())
                builder = None
            elif raw is not None:
                if event.trailer is not None:
                    raw.append(event.trailer)
                yield from _raw_message(header, raw, event.trailer, raw_warnings, reporter)
                raw = None
            header = None
        elif cls is Skipped:
            yield event
        elif cls is BlockEnd and builder is not None:
            yield from _streamed(builder, source.name)


def _raw_message(header: MessageHeader, segments: list[Segment], trailer: Segment | None,
                 warnings: list[Defect], reporter: Reporter) -> Iterator[_Item]:
    message_type = header.message_type
    if message_type == "PAXLST":
        error = unsupported_paxlst(header, segments, reporter,
                                   "the message is returned at the syntax level")
        if reporter.policy.strict:
            raise error
        yield error
    else:
        warnings.append(reporter.defect(
            "MSG-NOT-TYPED",
            f"{message_type or 'untyped'} message {header.reference!r} is returned at the "
            "syntax level (no typed reader for this message type yet)",
            offset=header.segment.offset, segment_index=1, tag="UNH", element=2,
            message_reference=header.reference))
    yield Message(header, tuple(segments), trailer, tuple(warnings))
