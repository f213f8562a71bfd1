"""CUSRES message reader: the segments of one answer in, a :class:`CustomsResponse` out.

Reads by structure: the header (BGM, RFF TN, FTX), flights (RFF AF opening a group of DTM
189/232 and LOC 125/87/92/130), a message-level ERP (level 1) with its ERC/FTX (before or
after the flights), and one group per traveller (ERP level 2 with RFF AVF/ABO, ERC, FTX).
Sources: WCO/IATA/ICAO API Guidelines, Appendix IIB (CUSRES for interactive API);
UN/EDIFACT CUSRES (ERP, ERC); the China NIA iAPI exchanges reproduced in
``../shared/corpus/cusres`` (D05B).

ERC codes are read through an ERC code table: the one given, else the table listing the
interchange sender or recipient (``NIAC`` -> ``CN``), else ``default``. Anything not
interpreted stays raw on the record it belongs to, with a located warning; template
placeholders such as ``$(yymmdd)`` in dates are reported (``CUS-DATE-INVALID``), never
raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from paxdata import _dates
from paxdata.cusres._codes import CODES, CodeTable, strictest, table_for_parties
from paxdata.cusres._records import (
    CustomsResponse,
    ResponseCode,
    ResponseFlight,
    ResponseKind,
    TravellerResponse,
)
from paxdata.defects import Defect
from paxdata.edifact import Elements, MessageHeader, Segment
from paxdata.edifact._source import Reporter
from paxdata.errors import PaxdataError
from paxdata.paxlst import Reference, envelope_of, split_flight_designator
from paxdata.policy import Policy

__all__ = ["CusresBuilder"]

_HEADER, _FLIGHT, _MESSAGE_ERP, _TRAVELLER = range(4)


def _get(els: Elements, element: int, component: int = 1) -> str:
    try:
        return els[element - 1][component - 1]
    except IndexError:
        return ""


class _Flight:
    __slots__ = ("arrival", "arrival_function", "departure", "departure_function",
                 "designator", "index", "scheduled_arrival", "scheduled_departure")

    def __init__(self, designator: str, index: int) -> None:
        self.designator = designator
        self.index = index
        self.departure: str | None = None
        self.arrival: str | None = None
        self.departure_function: str | None = None
        self.arrival_function: str | None = None
        self.scheduled_departure: datetime | None = None
        self.scheduled_arrival: datetime | None = None

    def build(self) -> ResponseFlight:
        carrier, number = split_flight_designator(self.designator) if self.designator \
            else (None, None)
        return ResponseFlight(self.designator or None, carrier, number, self.departure,
                              self.arrival, self.scheduled_departure, self.scheduled_arrival,
                              self.departure_function, self.arrival_function, self.index)


class _Answer:
    """The traveller answer being read; class attributes are the defaults."""

    reservation_number: str | None = None
    unique_passenger_reference: str | None = None
    references: tuple[Reference, ...] = ()
    codes: tuple[ResponseCode, ...] = ()
    free_texts: tuple[str, ...] = ()
    unrecognised: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()

    def __init__(self, level: str, index: int, offset: int) -> None:
        self.level = level
        self.index = index
        self.offset = offset

    def build(self) -> TravellerResponse:
        return TravellerResponse(
            self.level, self.reservation_number, self.unique_passenger_reference,
            strictest(self.codes), self.references, self.codes, self.free_texts,
            self.unrecognised, self.warnings, self.index,
            self.offset if self.offset >= 0 else None)


class CusresBuilder:
    """Reads the segments of one CUSRES message, in order, into a
    :class:`~paxdata.cusres.CustomsResponse` (the :mod:`paxdata._readers` protocol:
    :meth:`feed`, :meth:`add_defect`, :meth:`finish`).

    ``code_table``: the ERC table to read codes with; ``None`` picks the table listing
    the interchange sender or recipient (:func:`paxdata.cusres.table_for_parties`).
    """

    def __init__(self, header: MessageHeader, reporter: Reporter, policy: Policy,
                 input_name: str | None, code_table: CodeTable | None = None) -> None:
        self.header = header
        self.report = reporter
        self.policy = policy
        self.input_name = input_name
        interchange = header.interchange
        sender = interchange.sender.identification if interchange and interchange.sender \
            else None
        recipient = interchange.recipient.identification \
            if interchange and interchange.recipient else None
        self.table = code_table if code_table is not None \
            else table_for_parties(sender, recipient)
        prepared = interchange.prepared_at.date() if interchange and interchange.prepared_at \
            else None
        self.message_date: date | None = prepared
        self.reference_date: date = prepared or date.today()
        self.section = _HEADER
        self.document_name_code: str | None = None
        self.kind = ResponseKind.OTHER
        self.transaction_reference: str | None = None
        self.flights: list[_Flight] = []
        self.answers: list[TravellerResponse] = []
        self.answer: _Answer | None = None
        self.message_codes: list[ResponseCode] = []
        self.message_texts: list[str] = []
        self.unrecognised: list[Segment] = []
        self.warnings: list[Defect] = []
        self.saw_bgm = False
        self._raw: tuple[str, Elements, int, int, Mapping[int, Elements] | None] = (
            "", (), 0, -1, None)
        self._handlers = {"BGM": self._bgm, "RFF": self._rff, "DTM": self._dtm,
                          "LOC": self._loc, "ERP": self._erp, "ERC": self._erc,
                          "FTX": self._ftx}

    # ------------------------------------------------------------------ plumbing
    def feed(self, tag: str, els: Elements, index: int, offset: int,
             repetitions: Mapping[int, Elements] | None = None) -> None:
        """Read one body segment given as its parts (the scanner's segment sink)."""
        self._raw = (tag, els, index, offset, repetitions)
        handler = self._handlers.get(tag)
        try:
            if handler is None:
                self._unrecognised(f"segment {tag} is not interpreted in CUSRES")
            else:
                handler(els)
        except PaxdataError:
            raise
        except Exception as exc:
            self.unrecognised.append(Segment(*self._raw))
            self._defect("MSG-INTERNAL", f"paxdata failed to read this segment "
                         f"({type(exc).__name__}: {exc}); segment kept as received")

    def add(self, segment: Segment) -> None:
        """Read one body segment."""
        self.feed(segment.tag, segment.elements, segment.index, segment.offset,
                  segment.repetitions)

    def add_defect(self, defect: Defect) -> None:
        """Attach a syntax-level defect to the traveller answer or message being read."""
        if self.answer is not None:
            self.answer.warnings += (defect,)
        else:
            self.warnings.append(defect)

    def _defect(self, code: str, message: str, element: int | None = None,
                component: int | None = None) -> None:
        tag, _, index, offset, _ = self._raw
        self.add_defect(self.report.defect(
            code, message, offset=offset if offset >= 0 else None, segment_index=index,
            tag=tag, element=element, component=component,
            message_reference=self.header.reference))

    def _unrecognised(self, why: str, code: str = "CUS-SEGMENT-UNEXPECTED",
                      element: int | None = None) -> None:
        segment = Segment(*self._raw)
        if self.answer is not None:
            self.answer.unrecognised += (segment,)
        else:
            self.unrecognised.append(segment)
        self._defect(code, f"{why}; kept as received", element, 1 if element else None)

    def _close_answer(self) -> None:
        if self.answer is not None:
            self.answers.append(self.answer.build())
            self.answer = None

    # ------------------------------------------------------------------ handlers
    def _bgm(self, els: Elements) -> None:
        if self.saw_bgm:
            self._unrecognised("a second BGM")
            return
        self.saw_bgm = True
        code = _get(els, 1).strip() or None
        self.document_name_code = code
        kind = CODES.kinds.get(code or "")
        if kind is None:
            self._defect("CUS-QUALIFIER-UNKNOWN",
                         f"document name code {code!r} is not a CUSRES answer (962), status "
                         "change (132) or acknowledgement (312); read as 'other'", 1, 1)
        else:
            self.kind = kind

    def _rff(self, els: Elements) -> None:
        qualifier, value = _get(els, 1).strip(), _get(els, 1, 2).strip()
        field = CODES.reference_fields.get(qualifier)
        if self.section == _TRAVELLER and self.answer is not None:
            answer = self.answer
            if field == "reservation_number" and answer.reservation_number is None:
                answer.reservation_number = value or None
            elif field == "unique_passenger_reference" \
                    and answer.unique_passenger_reference is None:
                answer.unique_passenger_reference = value or None
            elif field is None:
                self._defect("CUS-QUALIFIER-UNKNOWN",
                             f"reference qualifier {qualifier!r} is not AVF or ABO; kept in "
                             "references", 1, 1)
            answer.references += (Reference(qualifier, value),)
            return
        if field == "flight" and self.section in (_HEADER, _FLIGHT, _MESSAGE_ERP):
            self.section = _FLIGHT
            self.flights.append(_Flight(value, self._raw[2]))
            if not value:
                self._defect("CUS-VALUE-INVALID", "RFF AF without a flight", 1, 2)
            return
        if field == "transaction_reference" and self.section == _HEADER \
                and self.transaction_reference is None:
            self.transaction_reference = value or None
            return
        self._unrecognised(f"reference {qualifier!r} outside a traveller answer",
                           element=1)

    def _date(self, els: Elements) -> datetime | None:
        value = _get(els, 1, 2)
        fmt = _get(els, 1, 3).strip()
        found = _dates.nearest_datetime(value, fmt, self.reference_date)
        if found is None:
            self._defect("CUS-DATE-INVALID",
                         f"{value!r} is not a date/time in format {fmt or '201'} "
                         "(YYMMDDHHMM); not read", 1, 2)
        return found

    def _dtm(self, els: Elements) -> None:
        qualifier = _get(els, 1).strip()
        field = CODES.flight_dates.get(qualifier)
        if self.section == _FLIGHT and self.flights and field is not None:
            moment = self._date(els)
            if field == "scheduled_departure":
                self.flights[-1].scheduled_departure = moment
                if moment is not None and self.message_date is None:
                    self.message_date = moment.date()
            else:
                self.flights[-1].scheduled_arrival = moment
            return
        self._unrecognised(f"date/time {qualifier!r} outside a flight", "CUS-QUALIFIER-UNKNOWN"
                           if field is None else "CUS-SEGMENT-UNEXPECTED", 1)

    def _loc(self, els: Elements) -> None:
        function = _get(els, 1).strip()
        code = _get(els, 2).strip() or None
        side = CODES.flight_locations.get(function)
        if self.section != _FLIGHT or not self.flights or side is None:
            self._unrecognised(f"location {function!r} outside a flight or not an itinerary "
                               "point (125, 87, 92, 130)", "CUS-QUALIFIER-UNKNOWN", 1)
            return
        flight = self.flights[-1]
        if side == "departure" or (side == "either" and flight.departure_function is None):
            if flight.departure_function is None:
                flight.departure, flight.departure_function = code, function
                return
        elif flight.arrival_function is None:
            flight.arrival, flight.arrival_function = code, function
            return
        self._unrecognised(f"a further location {function!r} in flight {flight.designator!r}")

    def _erp(self, els: Elements) -> None:
        self._close_answer()
        level = _get(els, 1).strip()
        kind = CODES.levels.get(level)
        if kind == "message":
            self.section = _MESSAGE_ERP
            return
        if kind is None:
            self._defect("CUS-QUALIFIER-UNKNOWN",
                         f"error point level {level!r} is not 1 (message) or 2 (traveller); "
                         "read as a traveller answer", 1, 1)
        self.section = _TRAVELLER
        self.answer = _Answer(level, self._raw[2], self._raw[3])

    def _erc(self, els: Elements) -> None:
        code = _get(els, 1).strip()
        index = self._raw[2]
        if self.section == _TRAVELLER and self.answer is not None:
            found = self.table.traveller_code(code, index)
            self.answer.codes += (found,)
            if code not in self.table.traveller_codes:
                self._defect("CUS-CODE-UNKNOWN",
                             f"ERC code {code!r} is not in the {self.table.name} code table; "
                             "directive 'unknown' (not cleared)", 1, 1)
            return
        if self.section == _MESSAGE_ERP:
            self.message_codes.append(self.table.message_code(code, index))
            if code not in self.table.message_codes:
                self._defect("CUS-CODE-UNKNOWN",
                             f"message-level ERC code {code!r} is not in the "
                             f"{self.table.name} code table", 1, 1)
            return
        self._unrecognised("ERC outside an error point (ERP) group")

    def _ftx(self, els: Elements) -> None:
        subject = _get(els, 1).strip()
        parts = els[3] if len(els) > 3 else ()
        text = " ".join(p.strip() for p in parts if p.strip())
        if subject not in CODES.text_subjects:
            self._defect("CUS-QUALIFIER-UNKNOWN",
                         f"text subject {subject!r} is not AAP; text kept", 1, 1)
        if not text:
            self._defect("CUS-VALUE-INVALID", "FTX without text", 4, 1)
            return
        if self.section == _TRAVELLER and self.answer is not None:
            self.answer.free_texts += (text,)
        else:
            self.message_texts.append(text)

    # ------------------------------------------------------------------ result
    def finish(self, input_offset: int | None) -> CustomsResponse:
        """Build the :class:`~paxdata.cusres.CustomsResponse` from everything read."""
        self._close_answer()
        header = self.header
        if not self.saw_bgm:
            self.warnings.append(self.report.defect(
                "CUS-SEGMENT-MISSING", "no BGM segment: the kind of answer is unknown",
                offset=input_offset, segment_index=2, tag="BGM",
                message_reference=header.reference))
        envelope = envelope_of(header, self.input_name)
        status = None
        for code in self.message_codes:
            status = code.status
        return CustomsResponse(
            message_reference=header.reference,
            version=header.version_release,
            response_kind=self.kind,
            document_name_code=self.document_name_code,
            transaction_reference=self.transaction_reference,
            common_access_reference=header.common_access_reference,
            part_number=header.sequence_number,
            is_first_part=header.is_first_part,
            is_last_part=header.is_last_part,
            message_status=status,
            message_codes=tuple(self.message_codes),
            message_texts=tuple(self.message_texts),
            flights=tuple(f.build() for f in self.flights),
            travellers=tuple(self.answers),
            code_table=self.table.name,
            message_date=self.message_date,
            envelope=envelope,
            controlling_agency=header.controlling_agency or None,
            association_code=header.association_code,
            unrecognised_segments=tuple(self.unrecognised),
            warnings=tuple(self.warnings),
        )
