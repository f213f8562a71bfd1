"""Writing segments back to EDIFACT text: release characters inserted where data holds a
service character (ISO 9735-1 section 6), separators and terminator as chosen."""

from __future__ import annotations

from collections.abc import Iterable

from paxdata.defects import Location
from paxdata.edifact._model import EdifactDocument, Interchange
from paxdata.edifact._segment import Segment
from paxdata.edifact._service import DEFAULT, ServiceCharacters, infer_from_unb
from paxdata.errors import EdifactSyntaxError

__all__ = ["serialize_document", "serialize_interchange", "serialize_segments"]


class _Escaper:
    __slots__ = ("chars", "specials", "table")

    def __init__(self, chars: ServiceCharacters) -> None:
        self.chars = chars
        release = chars.release_character
        self.specials = chars.specials()
        self.table = ({ord(c): release + c for c in self.specials} if release else {})

    def value(self, text: str) -> str:
        if self.table:
            return text.translate(self.table)
        for special in self.specials:
            if special in text:
                raise _Unwritable(f"a value contains the service character {special!r} and "
                                  "the service characters declare no release character")
        return text


class _Unwritable(Exception):
    """A segment that the chosen service characters cannot carry (see _segment_text)."""


def _segment_text(segment: Segment, esc: _Escaper) -> str:
    try:
        return _text(segment, esc)
    except _Unwritable as exc:
        raise EdifactSyntaxError(
            f"segment {segment.tag[:3]} cannot be written: {exc}",
            Location(offset=segment.offset if segment.offset >= 0 else None,
                     segment_index=segment.index or None, tag=segment.tag[:3]),
            code="EDI-UNWRITABLE") from None


def _text(segment: Segment, esc: _Escaper) -> str:
    chars = esc.chars
    C = chars.component_separator
    parts = [esc.value(segment.tag)]
    reps = segment.repetitions
    for position, element in enumerate(segment.elements):
        if reps and position in reps and chars.repetition_separator:
            parts.append(chars.repetition_separator.join(
                C.join(esc.value(c) for c in occurrence) for occurrence in reps[position]))
        else:
            parts.append(C.join(esc.value(c) for c in element))
    text = chars.element_separator.join(parts)
    if text[-1:].isspace():
        # Spaces before a terminator are layout to a reader: release the last one so that
        # a value ending in spaces reads back whole (ISO 9735 release of any character).
        if not chars.release_character:
            raise _Unwritable("it ends with a space and the service characters declare no "
                              "release character to keep it")
        text = text[:-1] + chars.release_character + text[-1]
    return text + chars.segment_terminator


def serialize_segments(segments: Iterable[Segment], chars: ServiceCharacters = DEFAULT, *,
                       una: bool = False, line_break: str = "") -> str:
    """Write segments as EDIFACT text.

    ``chars`` are the service characters to use; ``una`` puts a service string advice in
    front; ``line_break`` (e.g. ``"\\n"``) follows every terminator. Data holding a service
    character gets the release character in front of it, and so does a space ending a
    segment (readers take trailing spaces for layout). Raises
    :class:`~paxdata.errors.EdifactSyntaxError` (``EDI-UNWRITABLE``, located at the
    segment) when data holds a service character or ends with a space and ``chars``
    declares no release character.
    """
    esc = _Escaper(chars)
    out = [chars.una + line_break] if una else []
    out.extend(_segment_text(segment, esc) + line_break for segment in segments)
    return "".join(out)


def serialize_interchange(interchange: Interchange, *, line_break: str = "",
                          after: ServiceCharacters | None = None) -> str:
    """Write a parsed interchange back with its own service characters, segment for
    segment, in input order (UNA if it had one, UNB ... UNZ, stray segments included).

    An interchange read without a UNA gets one when a reader would otherwise take other
    service characters for the text written, so that what is written always reads back to
    the same segments: a reader takes those of the interchange written just before it
    (``after``), or, first in an input, the defaults or those it infers from the UNB."""
    chars = interchange.service_characters
    segments = interchange.all_segments()
    text = serialize_segments(segments, chars, una=interchange.una_present,
                              line_break=line_break)
    if not interchange.una_present:
        assumed = after or (infer_from_unb(text, 0) if text.startswith("UNB") else None) \
            or DEFAULT
        if assumed != chars:
            text = chars.una + line_break + text
    return text


def serialize_document(document: EdifactDocument, *, line_break: str = "") -> str:
    """Write every interchange of a document back (raw mode), one after the other."""
    out: list[str] = []
    after: ServiceCharacters | None = None
    for interchange in document.interchanges:
        out.append(serialize_interchange(interchange, line_break=line_break, after=after))
        after = interchange.service_characters
    return "".join(out)
