"""Defect kinds of the writers: what makes a record or an option impossible to write.

Registered with :func:`paxdata.defects.register` when :mod:`paxdata.writers` is imported.
A writer never sends what it cannot represent exactly: it raises
:class:`~paxdata.writers.WriteError` with one of these codes and the place (message
reference, segment position, tag, element) instead.
"""

from __future__ import annotations

from paxdata.defects import kind, register

__all__ = ["WRITER_KINDS"]

_ISO = "ISO 9735-1 (EDIFACT syntax)"

WRITER_KINDS = (
    kind("WRITE-SERVICE-CHARACTERS", "error",
         "the service characters chosen for writing are not a valid UNA set",
         f"{_ISO} section 5 and UNA: six distinct, non-alphanumeric service characters"),
    kind("WRITE-UNRELEASABLE", "error",
         "a value holds a service character and no release character is declared",
         f"{_ISO} section 6 (release character)"),
    kind("WRITE-REPERTOIRE", "error",
         "a value holds characters the declared character repertoire cannot encode",
         f"{_ISO} UNB S001 0001 (syntax identifier: character repertoire)"),
    kind("WRITE-RECORD-INCONSISTENT", "error",
         "fields of a record disagree, so no single message can carry them",
         "paxdata writer (records as the readers build them)"),
    kind("WRITE-VALUE-UNWRITABLE", "error",
         "a value that its data element cannot carry (negative count, not a number...)",
         "WCO/IATA/ICAO API Guidelines, PAXLST Implementation Guide (segment tables)"),
    kind("WRITE-REJECTED", "error",
         "the validation step plugged into the writer reported an error in what was written",
         "the caller's validation step (e.g. paxdata's validation layer and its profile)"),
    kind("WRITE-OPTION-INVALID", "error",
         "a writer option outside what the envelope can express (e.g. more than 99 parts)",
         f"{_ISO} UNH S010 0070 n..2, UNB/UNH references an..14"),
)

register(*WRITER_KINDS)
