"""Which typed reader reads which message: the registry :func:`paxdata.parse` consults.

A typed reader is built for each message (UNH) it accepts and receives the message's body
segments as parts through the scanner's segment sink (no :class:`Segment` object unless
it keeps one raw). Protocol:

* ``feed(tag, elements, index, offset, repetitions)``: one body segment;
* ``add_defect(defect)``: a syntax defect found inside the message;
* ``finish(input_offset) -> record``: the typed record of the whole message;
* optionally ``errors``: :class:`~paxdata.errors.PaxdataError` values for parts of the
  message that could not be read (e.g. one PNR of a push), available after ``finish``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from paxdata.cusres import CusresBuilder
from paxdata.defects import Defect, Location
from paxdata.edifact import Elements, MessageHeader, Segment
from paxdata.edifact._source import Reporter
from paxdata.errors import UnsupportedMessageError
from paxdata.paxlst import PaxlstBuilder
from paxdata.pnrgov import PnrgovBuilder, reads_pnrgov
from paxdata.policy import Policy

__all__ = ["READERS", "MessageReader", "ReaderFactory", "reader_for", "unsupported_paxlst"]


class MessageReader(Protocol):
    """What a typed message reader provides (see the module docstring)."""

    def feed(self, tag: str, els: Elements, index: int, offset: int,
             repetitions: Mapping[int, Elements] | None = None) -> None: ...

    def add_defect(self, defect: Defect) -> None: ...

    def finish(self, input_offset: int | None) -> Any: ...


#: Builds a reader for one message: (header, reporter, policy, input name) -> reader.
ReaderFactory = Callable[[MessageHeader, Reporter, Policy, "str | None"], MessageReader]


def _paxlst(header: MessageHeader) -> bool:
    # UN directories D02B..D15B; the legacy US format PAXLST:001:000 is not read.
    return header.version.upper().startswith("D")


#: (message type, accepts(header), factory), consulted in order.
READERS: list[tuple[str, Callable[[MessageHeader], bool], ReaderFactory]] = [
    ("PAXLST", _paxlst, PaxlstBuilder),
    ("PNRGOV", reads_pnrgov, PnrgovBuilder),
    ("CUSRES", lambda header: header.version.upper().startswith("D"), CusresBuilder),
]


def reader_for(header: MessageHeader) -> ReaderFactory | None:
    """The reader factory for a message, or ``None`` when none accepts it."""
    for message_type, accepts, factory in READERS:
        if header.message_type == message_type and accepts(header):
            return factory
    return None


def unsupported_paxlst(header: MessageHeader, segments: Sequence[Segment], reporter: Reporter,
                       outcome: str) -> UnsupportedMessageError:
    """The located error (MSG-UNSUPPORTED, at UNH e2) for a PAXLST no reader accepts: the
    legacy US Customs format (``PAXLST:001:000``, PDT/UNS segments) or an unknown
    version. ``outcome`` ends the message: what becomes of the message instead."""
    legacy = header.version in ("001", "1") or any(s.tag in ("PDT", "UNS") for s in segments)
    what = ("the legacy US Customs PAXLST format (PAXLST:001:000, PDT/UNS segments)"
            if legacy else f"PAXLST version {header.version_release!r}")
    offset = header.segment.offset
    return UnsupportedMessageError(
        f"message {header.reference!r} is {what}, which paxdata does not read; {outcome}",
        Location(input_name=reporter.source.name, offset=offset,
                 line=reporter.source.line_of(offset), segment_index=1, tag="UNH",
                 element=2, message_reference=header.reference))
