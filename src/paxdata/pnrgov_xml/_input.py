"""PNRGOV XML input: recognising XML by its first bytes, reading it in chunks, and the
safe parser settings.

Recognition (:func:`sniff`): after an optional byte order mark and white space, XML starts
with ``<``; EDIFACT never does (UNA, UNB, UNH, or an IATA Type B envelope). Only the first
bytes are looked at, so EDIFACT input pays one comparison.

Safety (:func:`pull_parser`, :func:`prolog`): the document type declaration is refused
before the parser sees it (so no entity is ever declared: no XXE, no billion laughs, no
quadratic blow-up), external entities are never resolved, the network is never used, and
libxml2's default limits stay on (``huge_tree`` off: depth, text node and name sizes
bounded). Files and streams are read in chunks of :data:`CHUNK_SIZE` bytes.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from paxdata.defects import Location
from paxdata.errors import InputError

__all__ = ["CHUNK_SIZE", "PROLOG_LIMIT", "Chunks", "looks_like_xml", "prolog", "pull_parser",
           "sniff"]

#: Bytes read from a file or stream at a time (and fed to the parser at a time).
CHUNK_SIZE = 1 << 16

#: The prolog (XML declaration, comments, processing instructions before the root
#: element) may not be longer than this; a longer one is refused.
PROLOG_LIMIT = 1 << 20

#: lxml's etree, typed loosely (lxml ships no type information).
etree: Any = importlib.import_module("lxml.etree")

_SNIFF = 4096
_WHITE = b" \t\r\n"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

Chunks = Iterator[Any]


def looks_like_xml(head: bytes | str) -> bool:
    """True when ``head`` (the first bytes or characters of an input) starts, after an
    optional byte order mark and white space, with ``<`` (UTF-8, 8-bit or UTF-16)."""
    if isinstance(head, str):
        return head.lstrip("\ufeff \t\r\n").startswith("<")
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:2] in (b"<\x00", b"\x00<"):
        return True
    stripped = head.lstrip(_WHITE)
    if not stripped:
        return False
    if stripped[:1] == b"<":
        return True
    # UTF-16 white space before the '<'
    wide = head.replace(b"\x00", b"").lstrip(_WHITE)
    return wide[:1] == b"<" and head.count(b"\x00") >= len(head) // 3


class _Prefixed:
    """A binary (or text) stream whose first bytes were read to recognise it."""

    def __init__(self, head: Any, handle: Any) -> None:
        self._head = head
        self._handle = handle
        self.name = getattr(handle, "name", None)

    def read(self, size: int = -1) -> Any:
        head = self._head
        if head:
            if size < 0 or size >= len(head):
                self._head = head[:0]
                rest = self._handle.read(size - len(head)) if size >= 0 else \
                    self._handle.read()
                return head + rest if rest else head
            self._head = head[size:]
            return head[:size]
        return self._handle.read(size)

    def close(self) -> None:
        self._handle.close()


def sniff(data: Any) -> tuple[bool, Any]:
    """Whether ``data`` (bytes, ``str``, a path or a binary file) is XML, and the input to
    read from now on: ``data`` itself, except for a stream, whose first bytes were read
    (a wrapper that returns them first). Paths are opened and their first bytes read once;
    a missing file is left for the EDIFACT path to report."""
    if isinstance(data, (bytes, bytearray)):
        return looks_like_xml(bytes(data[:_SNIFF])), data
    if isinstance(data, memoryview):
        return looks_like_xml(data[:_SNIFF].tobytes()), data
    if isinstance(data, str):
        return looks_like_xml(data[:_SNIFF]), data
    if isinstance(data, os.PathLike):
        try:
            with open(os.fspath(data), "rb") as handle:
                head = handle.read(_SNIFF)
        except OSError:
            return False, data
        return looks_like_xml(head), data
    read = getattr(data, "read", None)
    if callable(read):
        head = read(_SNIFF)
        if not head:
            return False, _Prefixed(head, data)
        return looks_like_xml(head), _Prefixed(head, data)
    return False, data


def input_name(data: Any, name: str | None) -> str | None:
    """The name an input is reported under (as for EDIFACT: the path, or the stream's)."""
    if name is not None:
        return name
    if isinstance(data, os.PathLike):
        return str(os.fspath(data))
    found: object = getattr(data, "name", None)
    return found if isinstance(found, str) else None


def chunks(data: Any, name: str | None) -> Chunks:
    """The input in pieces of at most :data:`CHUNK_SIZE`: bytes (str for ``str`` input).
    Raises :class:`~paxdata.errors.InputError` for a file that cannot be read or an
    unsupported type."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        view = memoryview(data)
        return (view[i:i + CHUNK_SIZE].tobytes() for i in range(0, len(view), CHUNK_SIZE))
    if isinstance(data, str):
        return (data[i:i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE))
    if isinstance(data, os.PathLike):
        path = os.fspath(data)
        try:
            handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by _stream
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}",
                             Location(input_name=name or path)) from None
        return _stream(handle, name or path, close=True)
    if callable(getattr(data, "read", None)):
        return _stream(data, name, close=False)
    raise InputError(f"expected bytes, str, a path or a binary file, got {type(data).__name__}",
                     Location(input_name=name))


def _stream(handle: Any, name: str | None, *, close: bool) -> Chunks:
    try:
        while True:
            try:
                piece = handle.read(CHUNK_SIZE)
            except OSError as exc:
                raise InputError(f"cannot read {name or 'input'}: {exc}",
                                 Location(input_name=name)) from None
            if not piece:
                return
            yield piece
    finally:
        if close:
            handle.close()


def pull_parser(tags: tuple[str, ...] = ()) -> Any:
    """The streaming parser: no DTD loading, no entity resolution, no network, comments
    and processing instructions left out, libxml2's size limits on (no ``huge_tree``).
    ``tags``: report start and end events for these elements only (``{*}PNR``...)."""
    return etree.XMLPullParser(
        events=("start", "end"), tag=list(tags) or None, resolve_entities=False,
        no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
        remove_comments=True, remove_pis=True, collect_ids=False)


def safe_parser() -> Any:
    """The parser for whole documents (schema validation): same settings as
    :func:`pull_parser`, keeping line numbers."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, collect_ids=False)


def _encoding(head: bytes) -> str:
    if head.startswith(b"\xff\xfe") or head[:2] == b"<\x00":
        return "utf-16-le"
    if head.startswith(b"\xfe\xff") or head[:2] == b"\x00<":
        return "utf-16-be"
    return "latin-1"  # ASCII-compatible: enough to see the markup of the prolog


def prolog(pieces: Chunks) -> tuple[list[Any], tuple[int, int] | None, bool]:
    """Read the prolog (everything before the root element's start tag) from ``pieces``.

    Returns the pieces consumed (to be fed to the parser first), the (line, column) of a
    document type declaration if there is one, and whether the prolog exceeded
    :data:`PROLOG_LIMIT`. Comments and processing instructions are skipped; the scan
    stops at the first other markup."""
    consumed: list[Any] = []
    size = 0
    encoding: str | None = None
    text = ""
    for piece in pieces:
        consumed.append(piece)
        size += len(piece)
        if isinstance(piece, str):
            text += piece
        else:
            if encoding is None:
                encoding = _encoding(piece)
            joined = b"".join(consumed)
            if encoding.startswith("utf-16") and len(joined) % 2:
                joined = joined[:-1]
            text = joined.decode(encoding, errors="replace")
        found = _scan(text)
        if found is None:  # the prolog goes on beyond what was read
            if size > PROLOG_LIMIT:
                return consumed, None, True
            continue
        if found < 0:
            return consumed, None, False
        line = text.count("\n", 0, found) + 1
        return consumed, (line, found - (text.rfind("\n", 0, found) + 1) + 1), False
    return consumed, None, False


def _scan(text: str) -> int | None:
    """-1 when the prolog ends without a DTD, the DTD's offset, ``None`` to read more."""
    i = 1 if text.startswith("\ufeff") else 0
    end = len(text)
    while True:
        while i < end and text[i] in " \t\r\n":
            i += 1
        if i >= end:
            return None
        if text.startswith("<?", i):
            j = text.find("?>", i + 2)
            if j < 0:
                return None
            i = j + 2
            continue
        if text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            if j < 0:
                return None
            i = j + 3
            continue
        if end - i < 9 and "<!DOCTYPE".startswith(text[i:].upper()):
            return None
        if text[i:i + 9].upper() == "<!DOCTYPE":
            return i
        return -1
