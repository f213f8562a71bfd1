"""Located defects: what a parser noticed, where, and how serious it is.

A :class:`Defect` is a typed value recorded on the result it concerns (the document, an
interchange, a message, a traveller) while lenient parsing goes on; a strict
:class:`~paxdata.policy.Policy` raises it instead, as :class:`~paxdata.errors.DefectError`.
This follows the standard library's ``email`` package (defects recorded on the parsed
object, ``raise_on_defect`` in the policy).

Every kind of defect has a stable code (``EDI-UNT-COUNT``), a default severity and the
source that makes it a defect. The catalogue is :data:`KINDS`; ``docs/defects.md`` lists it.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

__all__ = [
    "KINDS",
    "Defect",
    "DefectKind",
    "Location",
    "Severity",
    "kind",
    "register",
]


class Severity(StrEnum):
    """How serious a defect is.

    ``error``: the input breaks the standard; a strict policy raises.
    ``warning``: the input deviates from the standard in a way paxdata tolerates and
    interprets (the interpretation is stated in the message).
    ``info``: worth knowing, nothing wrong with the data (a transport envelope was removed).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(slots=True)
class DefectKind:
    """A kind of defect: stable code, default severity, one-line summary and source."""

    code: str
    severity: Severity
    summary: str
    source: str


@attrs.frozen(slots=True)
class Location:
    """Where a defect was found. Every field is optional; the more is known, the more is set.

    ``offset`` is a byte offset into the input when the input was bytes (or a file), a
    character offset when the input was a ``str``; ``line`` is 1-based. ``segment_index`` is
    the 1-based position of the segment in its message counted from UNH = 1 (as UNT counts
    and as CONTRL UCS 0096 reports it); for service segments outside a message (UNB, UNG,
    UNE, UNZ) it is the position in the interchange. ``element`` and ``component`` are
    1-based positions after the tag, as the directories number them (e1, c1).
    """

    input_name: str | None = None
    offset: int | None = None
    line: int | None = None
    segment_index: int | None = None
    tag: str | None = None
    element: int | None = None
    component: int | None = None
    message_reference: str | None = None

    def describe(self) -> str:
        """Render the location as ``segment 12 (NAD) element 4 component 2, line 13``."""
        parts: list[str] = []
        if self.segment_index is not None:
            parts.append(f"segment {self.segment_index}")
        if self.tag:
            parts.append(f"({self.tag})" if parts else f"segment {self.tag}")
        if self.element is not None:
            parts.append(f"element {self.element}")
            if self.component is not None:
                parts.append(f"component {self.component}")
        where = " ".join(parts)
        extra: list[str] = []
        if self.line is not None:
            extra.append(f"line {self.line}")
        if self.offset is not None:
            extra.append(f"offset {self.offset}")
        if extra:
            where = f"{where}, {', '.join(extra)}" if where else ", ".join(extra)
        return where


@attrs.frozen(slots=True)
class Defect:
    """One located defect.

    ``code`` is the kind's stable code (see :data:`KINDS`), ``message`` says what was found
    and what was expected, and how paxdata interpreted it.
    """

    code: str
    severity: Severity
    message: str
    location: Location = Location()

    def __str__(self) -> str:
        where = self.location.describe()
        return f"{where}: {self.message} [{self.code}]" if where else \
            f"{self.message} [{self.code}]"


def kind(code: str, severity: str, summary: str, source: str) -> DefectKind:
    """A defect kind; ``severity`` is ``"error"``, ``"warning"`` or ``"info"``."""
    return DefectKind(code, Severity(severity), summary, source)


_kind = kind


_ISO = "ISO 9735-1 (EDIFACT syntax)"

#: The catalogue of defect kinds raised by the parsers, by code.
KINDS: dict[str, DefectKind] = {
    k.code: k
    for k in (
        # --- input and envelopes -------------------------------------------------------
        _kind("EDI-NO-INTERCHANGE", "error", "no UNA, UNB or UNH segment was found",
              f"{_ISO} section 7 (interchange structure)"),
        _kind("EDI-SYNTAX", "error",
              "EDIFACT that cannot be read or represented (e.g. refused by pydifact)",
              f"{_ISO}"),
        _kind("EDI-UNWRITABLE", "error",
              "a segment the chosen service characters cannot carry (a service character "
              "or a final space in data, and no release character)",
              f"{_ISO} section 6 (release character)"),
        _kind("EDI-BOM", "info", "a byte order mark before the interchange was skipped",
              "Unicode BOM; EDIFACT has none"),
        _kind("EDI-ENVELOPE-SKIPPED", "info",
              "a transport envelope (IATA Type B lines, SOH/STX/ETX) was skipped",
              "IATA Type B message format (heading, address and origin lines)"),
        _kind("EDI-TEXT-SKIPPED", "warning", "text outside any interchange was skipped",
              f"{_ISO}: nothing but UNA may precede UNB; CONTRL 0085 code 33"),
        _kind("EDI-UNA-MALFORMED", "error",
              "the service string advice (UNA) is malformed; defaults were used",
              f"{_ISO} section 5 and UNA: six distinct service characters"),
        _kind("EDI-UNA-MISPLACED", "error", "a UNA segment inside an interchange",
              f"{_ISO}: UNA immediately precedes UNB"),
        _kind("EDI-SERVICE-CHARS-INFERRED", "warning",
              "no UNA, and the UNB segment uses non-default service characters",
              f"{_ISO} section 5: UNA is required when the defaults are not used"),
        _kind("EDI-TYPOGRAPHIC-TERMINATOR", "warning",
              "a typographic apostrophe (U+2019) was read as the segment terminator",
              "messages copied from word processors (DIGEST quirk 5)"),
        # --- characters ----------------------------------------------------------------
        _kind("EDI-SYNTAX-ID-UNKNOWN", "warning",
              "the syntax identifier in UNB is not a known repertoire", f"{_ISO} UNB 0001"),
        _kind("EDI-UNDECODABLE", "error",
              "bytes that the declared character repertoire cannot decode",
              f"{_ISO} UNB 0001 (character repertoire)"),
        _kind("EDI-OUTSIDE-REPERTOIRE", "warning",
              "bytes outside the declared repertoire; read as UTF-8 or Latin-1",
              f"{_ISO} UNB 0001; level A/B are 7-bit"),
        _kind("EDI-CONTROL-CHARACTER", "warning", "a control character inside a segment",
              f"{_ISO} character repertoires (no C0 controls)"),
        # --- segments ------------------------------------------------------------------
        _kind("EDI-LINE-BREAK-IN-SEGMENT", "warning",
              "line breaks inside a segment were removed (transport wrapping)",
              "IATA Type B 69-character lines (DIGEST quirk 1)"),
        _kind("EDI-WHITESPACE", "warning",
              "spaces around segment terminators or at line starts were ignored",
              f"{_ISO}: a segment starts with its tag"),
        _kind("EDI-SEGMENT-TAG-INVALID", "error", "a segment tag is not three letters or digits",
              f"{_ISO} section 8 (segment tag an3)"),
        _kind("EDI-EMPTY-SEGMENT", "warning", "empty segments (two terminators in a row)",
              f"{_ISO} section 8"),
        _kind("EDI-RELEASE-DANGLING", "error",
              "a release character with nothing to release was dropped",
              f"{_ISO} section 6 (release character)"),
        _kind("EDI-TERMINATOR-MISSING", "error", "the input ends inside a segment",
              f"{_ISO} section 8 (segment terminator)"),
        _kind("EDI-SEGMENT-TOO-LONG", "error", "a segment longer than the policy allows",
              "paxdata Policy.max_segment_length"),
        _kind("EDI-TOO-MANY-ELEMENTS", "error", "a segment with more elements than allowed",
              "paxdata Policy.max_elements"),
        # --- envelope structure and control counts --------------------------------------
        _kind("EDI-UNB-MISSING", "error", "a message without an interchange header (UNB)",
              f"{_ISO} UNB is mandatory"),
        _kind("EDI-UNZ-MISSING", "error", "an interchange without its trailer (UNZ)",
              f"{_ISO} UNZ is mandatory"),
        _kind("EDI-UNT-MISSING", "error", "a message without its trailer (UNT)",
              f"{_ISO} UNT is mandatory"),
        _kind("EDI-UNE-MISSING", "error", "a functional group without its trailer (UNE)",
              f"{_ISO} UNE is mandatory after UNG"),
        _kind("EDI-UNE-UNEXPECTED", "error", "a UNE without a functional group",
              f"{_ISO} UNG/UNE pairs"),
        _kind("EDI-UNT-UNEXPECTED", "error", "a UNT outside a message", f"{_ISO} UNH/UNT pairs"),
        _kind("EDI-UNZ-UNEXPECTED", "error", "a UNZ outside an interchange",
              f"{_ISO} UNB/UNZ pairs"),
        _kind("EDI-SEGMENT-OUTSIDE-MESSAGE", "error",
              "a segment outside any message; kept on the interchange",
              f"{_ISO}; CONTRL 0085 code 33"),
        _kind("EDI-GROUPS-MIXED", "error",
              "functional groups and messages outside groups in one interchange",
              f"{_ISO}; CONTRL 0085 code 30"),
        _kind("EDI-UNT-COUNT", "error",
              "UNT segment count differs from the segments received",
              f"{_ISO} UNT 0074; CONTRL 0085 code 29"),
        _kind("EDI-UNT-REFERENCE", "error", "UNT reference differs from UNH message reference",
              f"{_ISO} UNT 0062; CONTRL 0085 code 28"),
        _kind("EDI-UNE-COUNT", "error", "UNE message count differs from the messages received",
              f"{_ISO} UNE 0060; CONTRL 0085 code 29"),
        _kind("EDI-UNE-REFERENCE", "error", "UNE reference differs from UNG group reference",
              f"{_ISO} UNE 0048; CONTRL 0085 code 28"),
        _kind("EDI-UNZ-COUNT", "error",
              "UNZ control count differs from the groups (or messages) received",
              f"{_ISO} UNZ 0036; CONTRL 0085 code 29"),
        _kind("EDI-UNZ-REFERENCE", "error",
              "UNZ reference differs from UNB interchange control reference",
              f"{_ISO} UNZ 0020; CONTRL 0085 code 28"),
        _kind("EDI-COUNT-NOT-NUMERIC", "error", "a control count that is not a number",
              f"{_ISO} n..6 control counts"),
        # --- messages ------------------------------------------------------------------
        _kind("MSG-UNSUPPORTED", "error", "a message type or version paxdata cannot read",
              "paxdata scope"),
        _kind("MSG-NOT-TYPED", "info",
              "a message type without a typed reader yet; returned at the syntax level",
              "paxdata scope"),
        _kind("MSG-INTERNAL", "error",
              "paxdata failed unexpectedly on a segment; the segment is kept raw",
              "paxdata (a bug: please report it with the input)"),
        _kind("MSG-LIMIT", "error", "a message larger than the policy allows",
              "paxdata Policy limits"),
        _kind("PAX-SEGMENT-UNEXPECTED", "warning",
              "a segment paxdata does not interpret at this place; kept raw on the record",
              "WCO/IATA/ICAO API Guidelines, PAXLST Implementation Guide (segment table)"),
        _kind("PAX-QUALIFIER-UNKNOWN", "warning",
              "a qualifier or code not in the PAXLST code lists; kept raw on the record",
              "WCO/IATA/ICAO API Guidelines, PAXLST Implementation Guide; UN/EDIFACT code lists"),
        _kind("PAX-VALUE-INVALID", "warning",
              "a value that cannot be read as its data element requires; kept as sent",
              "WCO/IATA/ICAO API Guidelines, PAXLST Implementation Guide"),
        _kind("PAX-DATE-INVALID", "warning", "a date or date/time that cannot be read",
              "UN/EDIFACT 2379 date/time formats 101/102/201/203"),
        _kind("PAX-SEGMENT-MISSING", "warning", "a segment the message needs is absent",
              "WCO/IATA/ICAO API Guidelines, PAXLST Implementation Guide (segment table)"),
        _kind("PAX-LEG-INCOMPLETE", "warning",
              "a flight leg without a departure or an arrival place",
              "PAXLST Implementation Guide, Gr.3 LOC/DTM (departure and arrival per TDT)"),
        _kind("PAX-BAG-TAGS-LIMIT", "warning",
              "a bag tag run longer than the policy allows was not expanded",
              "paxdata Policy.max_bag_tag_run"),
        # --- multi-part lists ------------------------------------------------------------
        _kind("PAX-PART-MISSING", "error", "a part of a multi-part list is missing",
              f"{_ISO} UNH S010 0070/0073 (sequence of transfers, first/last)"),
        _kind("PAX-PART-DUPLICATE", "warning", "the same part arrived more than once",
              f"{_ISO} UNH S010; CONTRL 0085 code 26"),
        _kind("PAX-PART-INCONSISTENT", "warning",
              "the parts of one list disagree (flights, list type or totals)",
              "WCO/IATA/ICAO API Guidelines, PAXLST multi-part transmission"),
    )
}


def register(*kinds: DefectKind) -> None:
    """Add defect kinds to :data:`KINDS` (each message family registers its own when its
    package is imported). Registering the same kind twice is harmless; two different
    kinds under one code raise ``ValueError``."""
    for item in kinds:
        existing = KINDS.get(item.code)
        if existing is not None and existing != item:
            raise ValueError(f"defect code {item.code} is already registered differently")
        KINDS[item.code] = item
