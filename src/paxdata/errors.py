"""Exceptions raised by paxdata. Every one carries a :class:`~paxdata.defects.Location`.

Nothing else escapes a paxdata parse entry point: no ``IndexError``, ``KeyError`` or
``UnicodeDecodeError`` from malformed input.
"""

from __future__ import annotations

from paxdata.defects import KINDS, Defect, Location, Severity

__all__ = [
    "DefectError",
    "EdifactSyntaxError",
    "InputError",
    "PaxdataError",
    "UnsupportedMessageError",
    "defect_at",
]


class PaxdataError(Exception):
    """Base class of every paxdata exception.

    ``location`` says where (input name, segment index, tag, element, offset, line);
    ``code`` is a stable code from :data:`paxdata.defects.KINDS`.
    """

    code: str = "PAXDATA-ERROR"

    def __init__(self, message: str, location: Location | None = None, *,
                 code: str | None = None) -> None:
        self.message = message
        self.location = location if location is not None else Location()
        if code is not None:
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        parts = [self.location.input_name, self.location.describe(), self.message]
        return ": ".join(p for p in parts if p)


class InputError(PaxdataError):
    """The input could not be read at all (no file, not bytes/str, nothing EDIFACT in it)."""

    code = "EDI-NO-INTERCHANGE"


class EdifactSyntaxError(PaxdataError):
    """The EDIFACT syntax is broken beyond what the policy tolerates."""

    code = "EDI-SYNTAX"


class UnsupportedMessageError(PaxdataError):
    """A message paxdata recognises but cannot read (e.g. legacy US ``PAXLST:001:000``)."""

    code = "MSG-UNSUPPORTED"


class DefectError(PaxdataError):
    """A defect raised by a strict policy. ``defect`` is the :class:`Defect` itself."""

    def __init__(self, defect: Defect) -> None:
        super().__init__(defect.message, defect.location, code=defect.code)
        self.defect = defect


def defect_at(code: str, message: str, location: Location, *, strict: bool) -> Defect:
    """The defect ``code`` (with its severity from :data:`~paxdata.defects.KINDS`) at
    ``location``, for the caller to record; when ``strict`` and the defect is an error,
    raises it as :class:`DefectError` instead. Raises ``KeyError`` for an unregistered
    code (a paxdata bug, never input)."""
    kind = KINDS[code]
    found = Defect(code, kind.severity, message, location)
    if strict and kind.severity is Severity.ERROR:
        raise DefectError(found)
    return found
