"""The segment: a tag, its data elements as tuples of components, and where it was found."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

__all__ = ["Elements", "Segment"]

#: Data elements after the tag: each a tuple of its component strings (a simple data
#: element is a 1-tuple). Unescaped values; empty positions are empty strings.
Elements = tuple[tuple[str, ...], ...]


class Segment:
    """One EDIFACT segment, immutable.

    ``tag``: the segment tag (``"NAD"``).
    ``elements``: the data elements after the tag, each a tuple of components, values
    unescaped (release characters removed). ``NAD+FL+++SMITH:JOHN`` has
    ``elements == (("FL",), ("",), ("",), ("SMITH", "JOHN"))``. Trailing empty elements and
    components are kept as sent.
    ``index``: 1-based position of the segment in its message, counted from UNH = 1 (as
    UNT counts segments); for service segments outside a message (UNB, UNG, UNE, UNZ), the
    position in the interchange. 0 for segments built in code.
    ``offset``: where the segment's tag starts in the input: a byte offset for bytes
    input, a character offset for ``str`` input; -1 for segments built in code.
    ``repetitions``: ``None`` unless the interchange declares a repetition separator (UNA
    position 8 with syntax version 4 or later) and a data element was repeated; then a
    mapping from the 0-based element index to all occurrences of that element (the element
    itself holds the first occurrence).

    Equality and hashing consider the tag, elements and repetitions, not the position.
    Elements are numbered from 1 in :meth:`get`, as the directories number them
    (ISO 9735; WCO PAXLST Implementation Guide segment tables).
    """

    __slots__ = ("elements", "index", "offset", "repetitions", "tag")

    tag: str
    elements: Elements
    index: int
    offset: int
    repetitions: Mapping[int, Elements] | None

    def __init__(self, tag: str, elements: Elements = (), index: int = 0, offset: int = -1,
                 repetitions: Mapping[int, Elements] | None = None) -> None:
        _set_tag(self, tag)
        _set_elements(self, elements)
        _set_index(self, index)
        _set_offset(self, offset)
        _set_repetitions(self, repetitions)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Segment is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Segment is immutable (cannot delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Segment, (self.tag, self.elements, self.index, self.offset, self.repetitions))

    def get(self, element: int, component: int = 1, default: str = "") -> str:
        """Value of data element ``element`` (1-based), component ``component`` (1-based).

        Returns ``default`` when the position is absent (senders omit trailing positions).
        """
        elements = self.elements
        if 0 < element <= len(elements):
            composite = elements[element - 1]
            if 0 < component <= len(composite):
                return composite[component - 1]
        return default

    def element(self, element: int) -> tuple[str, ...]:
        """The components of data element ``element`` (1-based); ``()`` when absent."""
        if 0 < element <= len(self.elements):
            return self.elements[element - 1]
        return ()

    def occurrences(self, element: int) -> Elements:
        """Every occurrence of a (possibly repeated) data element, 1-based; ``()`` if absent."""
        if self.repetitions is not None and (element - 1) in self.repetitions:
            return self.repetitions[element - 1]
        if 0 < element <= len(self.elements):
            return (self.elements[element - 1],)
        return ()

    def with_position(self, index: int, offset: int) -> Segment:
        """A copy of this segment at another position."""
        return Segment(self.tag, self.elements, index, offset, self.repetitions)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Segment):
            return NotImplemented
        return (self.tag == other.tag and self.elements == other.elements
                and _reps(self) == _reps(other))

    def __hash__(self) -> int:
        return hash((self.tag, self.elements))

    def __repr__(self) -> str:
        return f"Segment({self.tag!r}, {self.elements!r}, index={self.index}, offset={self.offset})"

    def __str__(self) -> str:
        """The segment in default EDIFACT notation, unescaped, for messages and logs."""
        return self.tag + "".join("+" + ":".join(e) for e in self.elements) + "'"


def _reps(segment: Segment) -> dict[int, Elements]:
    return dict(segment.repetitions) if segment.repetitions else {}


def _setter(name: str) -> Callable[[Segment, Any], None]:
    # The slot descriptors' own __set__, which bypasses Segment.__setattr__: immutable to
    # users, and construction stays as cheap as a plain slotted class (the tokenizer builds
    # one Segment per segment of input).
    return cast(Callable[[Segment, Any], None], getattr(Segment, name).__set__)


_set_tag = _setter("tag")
_set_elements = _setter("elements")
_set_index = _setter("index")
_set_offset = _setter("offset")
_set_repetitions = _setter("repetitions")
