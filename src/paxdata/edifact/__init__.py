"""The EDIFACT syntax layer: interchanges, functional groups, messages and segments.

It knows nothing of PAXLST or PNRGOV. Two ways in:

* :func:`read` materialises an :class:`EdifactDocument` (every segment in memory);
* :func:`scan` streams events (envelope boundaries, segments, defects) for consumers that
  build their own records without holding a whole message.

Both accept bytes, a ``str`` of EDIFACT text, a path or a binary file, and a
:class:`~paxdata.policy.Policy` (lenient by default). Source: ISO 9735-1 (syntax rules,
service segments UNA/UNB/UNG/UNH/UNT/UNE/UNZ).
"""

from __future__ import annotations

from collections.abc import Iterator

from paxdata._gc import paused_gc
from paxdata.defects import Defect
from paxdata.edifact._events import (
    BlockEnd,
    GroupEnd,
    GroupStart,
    InterchangeEnd,
    InterchangeStart,
    MessageEnd,
    MessageStart,
    Skipped,
)
from paxdata.edifact._headers import (
    GroupHeader,
    InterchangeHeader,
    MessageHeader,
    Party,
    parse_envelope_datetime,
)
from paxdata.edifact._model import (
    EdifactDocument,
    FunctionalGroup,
    Interchange,
    Message,
    build_document,
)
from paxdata.edifact._parts import (
    MAX_PARTS,
    PartSequence,
    awaited,
    sequence_parts,
    sequence_problems,
)
from paxdata.edifact._scanner import Event, scan_source
from paxdata.edifact._segment import Elements, Segment
from paxdata.edifact._service import DEFAULT, ServiceCharacters, parse_una
from paxdata.edifact._source import InputLike, Source, source_from
from paxdata.edifact._writer import serialize_document, serialize_interchange, serialize_segments
from paxdata.policy import LENIENT, Policy

__all__ = [
    "DEFAULT",
    "MAX_PARTS",
    "BlockEnd",
    "Defect",
    "EdifactDocument",
    "Elements",
    "Event",
    "FunctionalGroup",
    "GroupEnd",
    "GroupHeader",
    "GroupStart",
    "InputLike",
    "Interchange",
    "InterchangeEnd",
    "InterchangeHeader",
    "InterchangeStart",
    "Message",
    "MessageEnd",
    "MessageHeader",
    "MessageStart",
    "PartSequence",
    "Party",
    "Segment",
    "ServiceCharacters",
    "Skipped",
    "Source",
    "awaited",
    "parse_envelope_datetime",
    "parse_una",
    "read",
    "scan",
    "sequence_parts",
    "sequence_problems",
    "serialize_document",
    "serialize_interchange",
    "serialize_segments",
    "source_from",
]


def scan(data: InputLike, *, policy: Policy = LENIENT, name: str | None = None
         ) -> Iterator[Event]:
    """Stream the events of ``data``: :class:`InterchangeStart`, :class:`GroupStart`,
    :class:`MessageStart`, body :class:`Segment` values, :class:`MessageEnd`,
    :class:`GroupEnd`, :class:`InterchangeEnd`, :class:`Skipped` and
    :class:`~paxdata.defects.Defect`, in input order.

    Raises :class:`~paxdata.errors.InputError` when ``data`` cannot be read, and (strict
    policy) :class:`~paxdata.errors.DefectError` at the first error-severity defect.
    """
    return scan_source(source_from(data, name), policy)


def read(data: InputLike, *, policy: Policy = LENIENT, name: str | None = None
         ) -> EdifactDocument:
    """Read every interchange in ``data`` into an :class:`EdifactDocument`.

    ``data``: bytes, a ``str`` of EDIFACT text (never a file name), a path or a binary file.
    Bytes are decoded by the repertoire each UNB declares (Latin-1 for UNOC, UTF-8 for
    UNOW/UNOY, 7-bit for UNOA/UNOB/IATA with other bytes tolerated and reported); offsets
    in locations are byte offsets into the input (character offsets for ``str`` input).
    Lenient (default): defects are recorded on the document, interchange, group or message
    they concern and reading goes on. Strict: the first error-severity defect raises
    :class:`~paxdata.errors.DefectError`.
    """
    source = source_from(data, name)
    with paused_gc():
        return build_document(scan_source(source, policy), source.name)
