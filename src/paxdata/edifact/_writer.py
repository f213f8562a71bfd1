"""Writing segments back to EDIFACT text: release characters inserted where data holds a
service character (ISO 9735-1 section 6), separators and terminator as chosen."""

from __future__ import annotations

from collections.abc import Iterable

from paxdata.edifact._model import EdifactDocument, Interchange
from paxdata.edifact._segment import Segment
from paxdata.edifact._service import DEFAULT, ServiceCharacters

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
                raise ValueError(
                    f"value {text!r} contains the service character {special!r} and the "
                    "service characters declare no release character")
        return text


def _segment_text(segment: Segment, esc: _Escaper) -> str:
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
    return chars.element_separator.join(parts) + chars.segment_terminator


def serialize_segments(segments: Iterable[Segment], chars: ServiceCharacters = DEFAULT, *,
                       una: bool = False, line_break: str = "") -> str:
    """Write segments as EDIFACT text.

    ``chars`` are the service characters to use; ``una`` puts a service string advice in
    front; ``line_break`` (e.g. ``"\\n"``) follows every terminator. Data holding a service
    character gets the release character in front of it. Raises ``ValueError`` when data
    holds a service character and ``chars`` declares no release character.
    """
    esc = _Escaper(chars)
    out = [chars.una + line_break] if una else []
    out.extend(_segment_text(segment, esc) + line_break for segment in segments)
    return "".join(out)


def serialize_interchange(interchange: Interchange, *, line_break: str = "") -> str:
    """Write a parsed interchange back with its own service characters, segment for
    segment, in input order (UNA if it had one, UNB ... UNZ, stray segments included)."""
    return serialize_segments(interchange.all_segments(), interchange.service_characters,
                              una=interchange.una_present, line_break=line_break)


def serialize_document(document: EdifactDocument, *, line_break: str = "") -> str:
    """Write every interchange of a document back (raw mode), one after the other."""
    return "".join(serialize_interchange(ic, line_break=line_break)
                   for ic in document.interchanges)
