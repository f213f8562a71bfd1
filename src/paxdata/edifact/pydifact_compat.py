"""Interoperability with pydifact: convert segments and interchanges both ways.

For users who already hold pydifact ``Segment``/``Interchange`` objects. pydifact returns a
one-component data element as ``str`` and a composite as ``list[str]``; paxdata always uses
tuples of components, so conversions are exact both ways except that pydifact drops
trailing empty components when it serializes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydifact.segmentcollection import Interchange as PydifactInterchange
from pydifact.segments import Segment as PydifactSegment

from paxdata.defects import Location
from paxdata.edifact._model import EdifactDocument, Interchange, build_document
from paxdata.edifact._scanner import scan_source
from paxdata.edifact._segment import Segment
from paxdata.edifact._service import DEFAULT, ServiceCharacters
from paxdata.edifact._source import source_from
from paxdata.edifact._writer import serialize_segments
from paxdata.errors import EdifactSyntaxError
from paxdata.policy import LENIENT, Policy

__all__ = [
    "from_pydifact_interchange",
    "from_pydifact_segment",
    "to_pydifact_interchange",
    "to_pydifact_segment",
]


def to_pydifact_segment(segment: Segment) -> PydifactSegment:
    """A paxdata :class:`Segment` as a pydifact ``Segment`` (``str`` for one component,
    ``list[str]`` for a composite). Repetitions are not representable in pydifact; the
    first occurrence is used."""
    elements: list[Any] = [e[0] if len(e) == 1 else list(e) for e in segment.elements]
    return PydifactSegment(segment.tag, *elements)


def from_pydifact_segment(segment: PydifactSegment) -> Segment:
    """A pydifact ``Segment`` as a paxdata :class:`Segment` (no position)."""
    elements = tuple((e,) if isinstance(e, str) else tuple(e) for e in segment.elements)
    return Segment(segment.tag, elements)


def to_pydifact_interchange(interchange: Interchange) -> PydifactInterchange:
    """A parsed :class:`Interchange` as a pydifact ``Interchange`` (built with pydifact's
    ``Interchange.from_segments``, which validates the UNB). Raises
    :class:`~paxdata.errors.EdifactSyntaxError` when pydifact refuses it."""
    segments = [to_pydifact_segment(s) for s in interchange.all_segments()]
    try:
        return PydifactInterchange.from_segments(segments)
    except Exception as exc:  # pydifact raises several unrelated exception types
        raise EdifactSyntaxError(
            f"pydifact cannot represent this interchange: {exc}",
            Location(offset=interchange.offset if interchange.offset >= 0 else None,
                     tag="UNB")) from exc


def from_pydifact_interchange(interchange: PydifactInterchange | Iterable[PydifactSegment],
                              *, characters: ServiceCharacters = DEFAULT,
                              policy: Policy = LENIENT) -> EdifactDocument:
    """A pydifact ``Interchange`` (or any iterable of its segments) read into an
    :class:`EdifactDocument`, with groups, messages, control checks and positions."""
    if isinstance(interchange, PydifactInterchange):
        segments = [interchange.get_header_segment(), *interchange.segments]
        footer = interchange.get_footer_segment()
        if footer is not None:
            segments.append(footer)
    else:
        segments = list(interchange)
    ours = [from_pydifact_segment(s) for s in segments if s.tag != "UNA"]
    text = serialize_segments(ours, characters, una=characters != DEFAULT)
    source = source_from(text, "<pydifact>")
    return build_document(scan_source(source, policy), source.name)
