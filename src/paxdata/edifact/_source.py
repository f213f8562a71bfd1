"""The input as text: a window over it, its geometry (offsets to lines), and reporting.

Bytes are decoded as Latin-1 (one character per byte, never failing) so that every offset
is a byte offset into the original input; values are transcoded segment by segment to the
repertoire the interchange declares. A ``str`` input is parsed as given and its offsets are
character offsets (``unit`` says which).

Inputs in memory are one window. Files and binary streams are read in chunks: the scanner
asks :meth:`Source.fill` for more text and tells it how much it no longer needs, so memory
stays bounded by the chunk size and the longest segment, whatever the input's size.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import BinaryIO, Union

from paxdata.defects import Defect, Location
from paxdata.errors import InputError, defect_at
from paxdata.policy import Policy

__all__ = ["CHUNK_SIZE", "InputLike", "Reporter", "Source", "source_from"]

#: What the read/parse entry points accept: bytes, a ``str`` of EDIFACT text (never a
#: file name), a path (``pathlib.Path`` or any ``os.PathLike``), or a binary file object.
InputLike = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", BinaryIO]

#: Bytes read from a file or stream at a time.
CHUNK_SIZE = 1 << 20

# A typographic apostrophe (U+2019) where a segment terminator belongs: at a line end, at
# the end of the input, or before a service segment tag. Messages copied from word
# processors have them (DIGEST quirk 5).
_TYPOGRAPHIC = {
    "byte": (re.compile("\xe2\x80\x99(?=[ \\t]*(?:\\r?\\n|$|UN[ABGH]))"), "\xe2\x80\x99", "'\r\r"),
    "char": (re.compile("\u2019(?=[ \\t]*(?:\\r?\\n|$|UN[ABGH]))"), "\u2019", "'"),
}
_TYPOGRAPHIC_LOOKAHEAD = 8


class Source:
    """A window over the text being parsed, with its name.

    ``text`` is the window; ``base`` the absolute offset of ``text[0]`` in the input;
    ``eof`` is true once the whole input is in (or has passed through) the window.
    Absolute offsets are bytes for bytes input, characters for ``str`` input (``unit``).
    """

    __slots__ = ("_last", "_lines_base", "_read", "_typo_done", "base", "eof", "name",
                 "text", "typographic", "unit")

    def __init__(self, text: str, name: str | None = None, *, unit: str = "byte",
                 read: Callable[[], str] | None = None) -> None:
        self.text = text
        self.name = name
        self.unit = unit
        self.base = 0
        self._read = read
        self.eof = read is None
        self._lines_base = 1
        self._last = (0, 1)
        self._typo_done = 0
        #: (count, first absolute offset) of typographic apostrophes read as terminators.
        self.typographic: list[int] = [0, -1]
        self._normalise()

    @property
    def from_bytes(self) -> bool:
        """True when the input was bytes (values need transcoding, offsets are bytes)."""
        return self.unit == "byte"

    @property
    def end(self) -> int:
        """Absolute offset just after the window."""
        return self.base + len(self.text)

    def fill(self, keep: int, want: int) -> int:
        """Make ``want`` characters available from local index ``keep`` (or as many as the
        input has), forgetting the text before ``keep``. Returns ``keep``'s new local
        index (0 when the window moved). Reads nothing for an input held in memory."""
        if self.eof or len(self.text) - keep >= want:
            return keep
        if keep > 0:
            self._lines_base += self.text.count("\n", 0, keep)
            self.text = self.text[keep:]
            self.base += keep
            self._typo_done = max(0, self._typo_done - keep)
            keep = 0
        pieces = [self.text]
        have = len(self.text)
        while have < want:
            piece = self._read() if self._read is not None else ""
            if not piece:
                self.eof = True
                break
            pieces.append(piece)
            have += len(piece)
        self.text = "".join(pieces)
        self._normalise()
        return keep

    def _normalise(self) -> None:
        pattern, marker, replacement = _TYPOGRAPHIC[self.unit]
        start = self._typo_done
        stop = len(self.text) if self.eof else max(start, len(self.text) - _TYPOGRAPHIC_LOOKAHEAD)
        if marker in self.text[start:]:
            region = self.text[start:stop]
            found = pattern.search(region)
            if found is not None:
                if self.typographic[1] < 0:
                    self.typographic[1] = self.base + start + found.start()
                region, count = pattern.subn(replacement, region)
                self.typographic[0] += count
                self.text = self.text[:start] + region + self.text[stop:]
        self._typo_done = stop

    def line_of(self, offset: int) -> int | None:
        """1-based line number of absolute ``offset`` (lines end with LF); ``None`` when
        the offset is before the window (a streamed input has forgotten it)."""
        local = offset - self.base
        if local < 0:
            return None
        local = min(local, len(self.text))
        last_offset, last_line = self._last
        if last_offset >= self.base and offset >= last_offset:
            line = last_line + self.text.count("\n", last_offset - self.base, local)
        else:
            line = self._lines_base + self.text.count("\n", 0, local)
        self._last = (self.base + local, line)
        return line


def source_from(data: InputLike, name: str | None = None, *,
                chunk_size: int = CHUNK_SIZE) -> Source:
    """Turn user input into a :class:`Source`. Paths and binary files are read in chunks
    of ``chunk_size`` bytes as the scanner needs them; bytes and ``str`` are one window.

    Raises :class:`~paxdata.errors.InputError` for a missing file or an unsupported type.
    """
    if isinstance(data, str):
        return Source(data, name, unit="char")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return Source(bytes(data).decode("latin-1"), name, unit="byte")
    if isinstance(data, os.PathLike):
        path = os.fspath(data)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed when the input is exhausted
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}",
                             Location(input_name=name or path)) from None
        return _streaming(handle, name or path, chunk_size, close=True)
    read = getattr(data, "read", None)
    if callable(read):
        return _streaming(data, name or _file_name(data), chunk_size, close=False)
    raise InputError(
        f"expected bytes, str, a path or a binary file, got {type(data).__name__}",
        Location(input_name=name))


def _streaming(handle: BinaryIO, name: str | None, chunk_size: int, *, close: bool) -> Source:
    first = handle.read(chunk_size)
    unit = "char" if isinstance(first, str) else "byte"

    def read() -> str:
        try:
            piece = handle.read(chunk_size)
        except OSError as exc:
            raise InputError(f"cannot read {name or 'input'}: {exc}",
                             Location(input_name=name)) from None
        if not piece and close:
            handle.close()
        if isinstance(piece, str):
            return piece
        return bytes(piece).decode("latin-1")

    text = first if isinstance(first, str) else bytes(first).decode("latin-1")
    if not first and close:
        handle.close()
    return Source(text, name, unit=unit, read=read if first else None)


def _file_name(handle: object) -> str | None:
    value = getattr(handle, "name", None)
    return value if isinstance(value, str) else None


class Reporter:
    """Creates located defects for one source, and raises them under a strict policy."""

    __slots__ = ("policy", "source")

    def __init__(self, source: Source, policy: Policy) -> None:
        self.source = source
        self.policy = policy

    def shown(self, value: str) -> str:
        """``value`` (already quoted) for a message, or a placeholder unless the policy
        allows data values in messages (:attr:`Policy.show_values`)."""
        return value if self.policy.show_values else "(value not shown)"

    def defect(self, code: str, message: str, *, offset: int | None = None,
               segment_index: int | None = None, tag: str | None = None,
               element: int | None = None, component: int | None = None,
               message_reference: str | None = None) -> Defect:
        """Build the defect ``code`` at the given place; raise it if the policy is strict."""
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
        return defect_at(code, message, location, strict=self.policy.strict)
