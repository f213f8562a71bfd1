"""Lossless raw mode: a parsed interchange written back segment for segment.

The text comes from :mod:`paxdata.edifact._writer` (same tags, elements, components and
repetitions, same service characters, UNA when the input had one; release characters
where data holds a service character). This module only turns it into bytes: each
interchange in the repertoire its UNB declares, or UTF-8 when the values hold characters
outside it (the reader decodes such bytes of a 7-bit repertoire as UTF-8 when they form
it, so the values read back the same). Source: ISO 9735-1 sections 5-10.
"""

from __future__ import annotations

from paxdata.edifact import (
    EdifactDocument,
    Interchange,
    ServiceCharacters,
    serialize_document,
    serialize_interchange,
)
from paxdata.edifact._charsets import repertoire_for

__all__ = ["encode_interchange", "write_raw", "write_raw_text"]


def write_raw_text(document: EdifactDocument | Interchange, *, line_break: str = "") -> str:
    """Every interchange of ``document`` (or one interchange) as EDIFACT text, segment
    for segment as it was read; ``line_break`` follows each terminator. Transport
    envelopes and text skipped around interchanges are not written (they are not part of
    the interchange). Raises :class:`~paxdata.errors.EdifactSyntaxError`
    (``EDI-UNWRITABLE``) only for an interchange whose service characters declare no
    release character while its data holds one of them."""
    if isinstance(document, Interchange):
        return serialize_interchange(document, line_break=line_break)
    return serialize_document(document, line_break=line_break)


def write_raw(document: EdifactDocument | Interchange, *, line_break: str = "") -> bytes:
    """As :func:`write_raw_text`, encoded per interchange in its declared repertoire
    (UNB S001 0001), falling back to UTF-8 for an interchange whose values the repertoire
    cannot encode (they were read leniently from bytes outside it)."""
    interchanges = ([document] if isinstance(document, Interchange)
                    else list(document.interchanges))
    out = []
    after: ServiceCharacters | None = None
    for ic in interchanges:
        text = serialize_interchange(ic, line_break=line_break, after=after)
        after = ic.service_characters
        out.append(encode_interchange(text, ic))
    return b"".join(out)


def encode_interchange(text: str, interchange: Interchange) -> bytes:
    """``text`` (``interchange`` as written) in the repertoire its UNB S001 0001 declares
    (UNOA without a UNB), or UTF-8 when its values fall outside that repertoire."""
    header = interchange.header
    identifier = header.syntax_identifier if header is not None else "UNOA"
    try:
        return text.encode(repertoire_for(identifier).codec)
    except UnicodeEncodeError:
        return text.encode("utf-8")
