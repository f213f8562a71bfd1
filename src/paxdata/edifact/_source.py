"""The decoded input and its geometry (offsets to lines), and turning user input into text."""

from __future__ import annotations

import os
from typing import BinaryIO, Union

from paxdata.defects import KINDS, Defect, Location
from paxdata.errors import DefectError, InputError
from paxdata.policy import Policy

__all__ = ["InputLike", "Reporter", "Source", "source_from"]

#: What the read/parse entry points accept: bytes, a ``str`` of EDIFACT text (never a
#: file name), a path (``pathlib.Path`` or any ``os.PathLike``), or a binary file object.
InputLike = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", BinaryIO]


class Source:
    """The text being parsed, with its name.

    Bytes are decoded as Latin-1 (one character per byte, never failing) so that every
    offset is a byte offset into the original input; values are then transcoded segment by
    segment to the repertoire the interchange declares. A ``str`` input is parsed as given
    and its offsets are character offsets (``unit`` says which).
    """

    __slots__ = ("_last", "name", "text", "unit")

    def __init__(self, text: str, name: str | None = None, *, unit: str = "byte") -> None:
        self.text = text
        self.name = name
        self.unit = unit
        self._last = (0, 1)

    @property
    def from_bytes(self) -> bool:
        """True when the input was bytes (values need transcoding, offsets are bytes)."""
        return self.unit == "byte"

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset`` (lines end with LF)."""
        offset = max(0, min(offset, len(self.text)))
        last_offset, last_line = self._last
        if offset >= last_offset:
            line = last_line + self.text.count("\n", last_offset, offset)
        else:
            line = 1 + self.text.count("\n", 0, offset)
        self._last = (offset, line)
        return line


def source_from(data: InputLike, name: str | None = None) -> Source:
    """Turn user input into a :class:`Source`.

    Raises :class:`~paxdata.errors.InputError` for a missing file or an unsupported type.
    """
    if isinstance(data, str):
        return Source(data, name, unit="char")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return Source(bytes(data).decode("latin-1"), name, unit="byte")
    if isinstance(data, os.PathLike):
        path = os.fspath(data)
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}",
                             Location(input_name=name or path)) from None
        return Source(raw.decode("latin-1"), name or path, unit="byte")
    read = getattr(data, "read", None)
    if callable(read):
        raw = read()
        if isinstance(raw, str):
            return Source(raw, name or _file_name(data), unit="char")
        if isinstance(raw, (bytes, bytearray, memoryview)):
            return Source(bytes(raw).decode("latin-1"), name or _file_name(data), unit="byte")
    raise InputError(
        f"expected bytes, str, a path or a binary file, got {type(data).__name__}",
        Location(input_name=name))


def _file_name(handle: object) -> str | None:
    value = getattr(handle, "name", None)
    return value if isinstance(value, str) else None


class Reporter:
    """Creates located defects for one source, and raises them under a strict policy."""

    __slots__ = ("policy", "source")

    def __init__(self, source: Source, policy: Policy) -> None:
        self.source = source
        self.policy = policy

    def defect(self, code: str, message: str, *, offset: int | None = None,
               segment_index: int | None = None, tag: str | None = None,
               element: int | None = None, component: int | None = None,
               message_reference: str | None = None) -> Defect:
        """Build the defect ``code`` at the given place; raise it if the policy is strict."""
        kind = KINDS[code]
        location = Location(
            input_name=self.source.name,
            offset=offset,
            line=self.source.line_of(offset) if offset is not None else None,
            segment_index=segment_index,
            tag=tag,
            element=element,
            component=component,
            message_reference=message_reference,
        )
        found = Defect(code, kind.severity, message, location)
        if self.policy.strict and kind.severity.value == "error":
            raise DefectError(found)
        return found
