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

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from paxdata.cusres import CusresBuilder
from paxdata.defects import Defect
from paxdata.edifact import Elements, MessageHeader
from paxdata.edifact._source import Reporter
from paxdata.paxlst import PaxlstBuilder
from paxdata.pnrgov import PnrgovBuilder, reads_pnrgov
from paxdata.policy import Policy

__all__ = ["READERS", "MessageReader", "ReaderFactory", "reader_for"]


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
