"""Typed CUSRES records: an authority's answer to a PAXLST (interactive API).

Plain frozen attrs classes with slots, like the PAXLST records. Structure: WCO/IATA/ICAO
API Guidelines, Appendix IIB (CUSRES for interactive API) as implemented by the China NIA
(D05B): BGM, RFF TN, per flight RFF AF with DTM 189/232 and LOC, per traveller ERP (level
2) with RFF AVF/ABO, ERC and FTX AAP; a message-level ERP (level 1) may carry an overall
status. ERC codes are kept as sent and read through a per-State code table
(``specs/cusres/erc_*.toml``).

Scheduled times are local at the airport, as PAXLST sends them (naive datetimes).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import attrs

from paxdata.defects import Defect
from paxdata.edifact import Segment
from paxdata.paxlst import Envelope, Reference

__all__ = [
    "BoardingDirective",
    "CustomsResponse",
    "MessageStatus",
    "ResponseCode",
    "ResponseFlight",
    "ResponseKind",
    "TravellerResponse",
]


class BoardingDirective(StrEnum):
    """What an authority tells the carrier to do with one traveller (ERC at ERP level 2,
    read through the State's code table). ``unknown``: no code, or a code the table does
    not list; a departure control system must not treat it as cleared."""

    BOARD = "board"
    NO_BOARD = "no_board"
    ADVISORY = "advisory"
    INSUFFICIENT_DATA = "insufficient_data"
    UNKNOWN = "unknown"


#: From the most to the least restrictive: a traveller with several codes gets the first.
DIRECTIVE_ORDER = (BoardingDirective.NO_BOARD, BoardingDirective.INSUFFICIENT_DATA,
                   BoardingDirective.UNKNOWN, BoardingDirective.ADVISORY,
                   BoardingDirective.BOARD)


class MessageStatus(StrEnum):
    """A message-level status (ERC at ERP level 1): ``accepted`` or ``exception``;
    ``unknown`` for a code the table does not list."""

    ACCEPTED = "accepted"
    EXCEPTION = "exception"
    UNKNOWN = "unknown"


class ResponseKind(StrEnum):
    """What the CUSRES is, from BGM 1001: ``response`` (962, the answer to a PAXLST),
    ``status_change`` (132, an unsolicited change of a traveller's status, China NIA),
    ``acknowledgement`` (312, the carrier acknowledging a status change), ``other``."""

    RESPONSE = "response"
    STATUS_CHANGE = "status_change"
    ACKNOWLEDGEMENT = "acknowledgement"
    OTHER = "other"


@attrs.frozen(slots=True)
class ResponseCode:
    """One ERC (C901 9321 application error code) as sent, with its meaning in the code
    table: ``directive`` for a traveller-level code, ``status`` for a message-level one
    (the other is ``None``); ``text`` is the table's short text; ``segment_index`` where
    the ERC was."""

    code: str
    directive: BoardingDirective | None = None
    status: MessageStatus | None = None
    text: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class ResponseFlight:
    """A flight the answer is about (Gr.3: RFF AF with DTM 189/232 and LOC).

    ``flight_designator`` is RFF AF 1154 (``CA339``), split into ``carrier`` and
    ``flight_number`` as in PAXLST. Airports from LOC 125/87/92/130 (the first is the
    departure, the next the arrival); times from DTM 189/232, local at the airport."""

    flight_designator: str | None
    carrier: str | None
    flight_number: str | None
    departure_airport: str | None = None
    arrival_airport: str | None = None
    scheduled_departure: datetime | None = None
    scheduled_arrival: datetime | None = None
    departure_location_function: str | None = None
    arrival_location_function: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class TravellerResponse:
    """The answer about one traveller (ERP level 2 and its RFF, ERC, FTX).

    ``reservation_number`` (RFF AVF) and ``unique_passenger_reference`` (RFF ABO) are
    what match it to the PAXLST traveller (:func:`paxdata.cusres.match_response`);
    ``references`` keeps every RFF as sent. ``codes`` are the ERC codes with their
    meaning; ``directive`` is the most restrictive of them (``no_board`` over
    ``insufficient_data`` over ``unknown`` over ``advisory`` over ``board``; ``unknown``
    when no ERC was sent). ``free_texts`` are the FTX texts (``OK TO BOARD``).
    ``error_point_level`` is ERP C701 1049 as sent (``2``).
    """

    error_point_level: str
    reservation_number: str | None
    unique_passenger_reference: str | None
    directive: BoardingDirective
    references: tuple[Reference, ...] = ()
    codes: tuple[ResponseCode, ...] = ()
    free_texts: tuple[str, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()
    segment_index: int | None = None
    offset: int | None = None


@attrs.frozen(slots=True)
class CustomsResponse:
    """One CUSRES message: an authority's answer about the travellers of a PAXLST.

    ``message_reference`` UNH 0062 (the China NIA repeats the PAXLST's); ``version``
    ``"D:05B"``. ``response_kind``/``document_name_code`` from BGM 1001.
    ``transaction_reference`` RFF TN: the PAXLST's transaction reference for a response.
    ``common_access_reference`` UNH 0068 (the PAXLST's 0068 echoed), ``part_number``,
    ``is_first_part``, ``is_last_part`` from S010. ``message_status`` and
    ``message_codes``/``message_texts`` come from a message-level ERP (level 1) and its
    ERC/FTX (texts outside any ERP are message texts too). ``flights`` are the Gr.3
    flights, ``travellers`` the per-traveller answers in message order. ``code_table`` names
    the ERC table the codes were read with (``"CN"``, ``"default"``). ``message_date`` is
    the date two-digit years were read against (UNB date, else the first departure).
    """

    message_reference: str
    version: str
    response_kind: ResponseKind
    document_name_code: str | None
    transaction_reference: str | None
    common_access_reference: str | None
    part_number: int | None
    is_first_part: bool
    is_last_part: bool
    message_status: MessageStatus | None
    message_codes: tuple[ResponseCode, ...]
    message_texts: tuple[str, ...]
    flights: tuple[ResponseFlight, ...]
    travellers: tuple[TravellerResponse, ...]
    code_table: str
    message_date: date | None
    envelope: Envelope
    controlling_agency: str | None = None
    association_code: str | None = None
    unrecognised_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()
    message_type: str = "CUSRES"

    def directive_for(self, unique_passenger_reference: str) -> BoardingDirective | None:
        """The directive for the traveller with this RFF ABO, ``None`` when absent."""
        for traveller in self.travellers:
            if traveller.unique_passenger_reference == unique_passenger_reference:
                return traveller.directive
        return None
