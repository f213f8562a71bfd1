"""PNRGOV writer: pushes of PNR records (:mod:`paxdata.pnrgov`) as PNRGOV EDIFACT.

Segments in the order of the IATA PADIS EDIFACT Implementation Guide, PNRGOV message
(message structure, levels 0-5, Gr.1-Gr.12; ``../shared/reference/DIGEST.md`` section 3.3):
UNH, level 0 MSG (push type), ORG (sender), TVL (the pushed flight), EQN (the PNRs of the
whole push); per PNR Gr.1 SRC, RCI, SSR, DAT, IFT, ORG, ADD, EBD; Gr.2 per traveller TIF,
FTI, IFT, REF, EBD, FAR, SSR, ADD with Gr.3 tickets (TKT, MON, PTK, TXD, DAT, IFT) and
Gr.4 payments (FOP, IFT, ADD); Gr.5 per itinerary segment TVL, the codeshare's operating
flight, RPI, APD, SSR, RCI, IFT, with Gr.6 check-in (DAT, ORG) and Gr.7 per checked-in
traveller (TRI, TIF, SSD, TBD); Gr.8 split PNRs (EQN, RCI); Gr.9 non-air segments (MSG,
TVL); Gr.10-12 history (ABI, DAT; SAC with TIF, SSR, IFT, TBD; TVL, RPI); LTS; UNT.

Version: 13.1 by default (:func:`pnrgov_push`), any ``NN:N`` on request. The codeshare's
operating flight is a second TVL (``TVL+++++972:M``) up to 13.1 and TRA (``TRA+KL+8734:B``)
from 14.1 on (PNRGOV IG 14.1; DIGEST section 3.4). Dates are DDMMYY, TVL times local at
the airport, DAT and RCI times UTC (PNRGOV IG, DAT: "unless specifically stated otherwise
in bilateral agreement, the time is in UTC"); SSR dates DDMMMYY (IATA AIRIMP).

A push longer than ``max_pnrs`` is split into parts that repeat the level-0 segments and
number themselves in UNH S010 (``01:C`` .. ``NN:F``) under one common access reference;
EQN counts the PNRs of the whole push in every part (PNRGOV IG, EQN at level 0).

Many record fields are derived by the reader from what the message carries (a traveller's
``documents`` and ``gender`` from SSR DOCS, ``contacts`` from SSR CTCx, OSI and ADD,
``seats`` from seat SSRs and check-in SSD...). The writer writes what carries them, and by
default reads every written message back and compares it with the records given
(``verify``): a field the message does not carry exactly raises a located
:class:`~paxdata.writers.WriteError` ``WRITE-RECORD-INCONSISTENT``. ``docs/writing.md``
gives the mapping field by field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, NoReturn

import attrs

from paxdata._gc import paused_gc
from paxdata._parse import parse
from paxdata.defects import Location
from paxdata.edifact import Elements, Segment, ServiceCharacters, parse_envelope_datetime
from paxdata.paxlst import Envelope, FlightLeg
from paxdata.pnrgov import (
    Address,
    BagGroup,
    CheckIn,
    Contact,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    FrequentFlyer,
    HistoryAction,
    HistoryCredit,
    InfantDetails,
    ItinerarySegment,
    NonAirSegment,
    Originator,
    Payment,
    Pnr,
    PnrgovMessage,
    PushType,
    RecordLocator,
    Remark,
    SeatDetails,
    SplitPnr,
    Ssr,
    Tax,
    Ticket,
    TicketCoupon,
    Traveller,
)
from paxdata.pnrgov._codes import CODES
from paxdata.pnrgov._dates import ddmmmyy, ddmmyy
from paxdata.writers._envelope import (
    DEFAULT_CHARACTERS,
    EnvelopeSettings,
    MessageSegments,
    WriteError,
    WrittenMessage,
    check_characters,
    envelope_date,
    interchanges,
    message_parts,
    numbered,
    trimmed,
)
from paxdata.writers._paxlst import WriteResult
from paxdata.writers._validate import OnFindings, Validator, run_validation

__all__ = [
    "PNRGOV_CHARACTERS",
    "pnrgov_envelope",
    "pnrgov_message_segments",
    "pnrgov_push",
    "ssr_free_text",
    "write_pnrgov",
]

#: The service characters PNRGOV senders declare (``UNA:+.?*'``: repetition separator
#: ``*``; PNRGOV IG envelope examples, DIGEST sections 1.3 and 3.1).
PNRGOV_CHARACTERS = ServiceCharacters(":", "+", ".", "?", "*", "'")
#: The default version written by :func:`pnrgov_push`.
DEFAULT_VERSION = "13:1"
#: The first version whose codeshare segment is TRA instead of a second TVL.
TRA_FROM_VERSION = 14

_NO_ENVELOPE = Envelope(None, None, None, None, None, None, None, None, False, None, None)
_PUSH_CODES = {PushType(kind): code for code, kind in CODES.push_types.items()}
_BAG_UNIT_CODES = {unit: code for code, unit in CODES.bag_units.items() if unit}
_DOCA_CODES = {name: code for code, name in CODES.doca_types.items()}
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
           "DEC")
_VERSION = re.compile(r"^\s*(\d{1,3})\s*[:.]\s*(\d{1,3})\s*$")


# --------------------------------------------------------------------------- helpers
def pnrgov_envelope(sender: str, recipient: str, **changes: Any) -> EnvelopeSettings:
    """Envelope settings as PNRGOV senders write them: syntax ``IATA:1`` (PADIS level A;
    DIGEST section 3.1, ``UNB+IATA:1+...``) and a functional group, with ``changes``
    applied (``prepared_at``, ``control_reference``, ``application_reference``...)."""
    settings = EnvelopeSettings(sender, recipient, syntax_identifier="IATA",
                                syntax_version="1")
    return attrs.evolve(settings, **changes)


def pnrgov_push(pnrs: Iterable[Pnr], flight: FlightLeg, *, sender: Originator | None = None,
                push_type: PushType = PushType.FULL, version: str = DEFAULT_VERSION,
                message_reference: str = "1", controlling_agency: str = "IA",
                common_access_reference: str | None = None,
                flight_operating_carrier: str | None = None,
                declared_pnr_count: int | None = None,
                message_function: str | None = None) -> PnrgovMessage:
    """A push of ``pnrs`` for ``flight`` (the level-0 TVL: carrier, flight number,
    airports, local departure and arrival times), ready for :func:`write_pnrgov`.

    ``push_type``: ``full`` (MSG 22, every PNR of the flight) or ``update`` (MSG 141, the
    PNRs changed since the previous push); ``other`` needs ``message_function`` (the MSG
    1225 code). ``version``: ``"13:1"`` by default (``"15:1"``... for later releases;
    ``"13.1"`` is accepted). ``sender``: the level-0 ORG (the airline or its system).
    ``declared_pnr_count``: EQN; ``None`` writes the number of PNRs pushed. The common
    access reference (UNH 0068) defaults to ``<designator>/<DDMMYY>/<HHMM>`` of the
    departure, as in the guide's examples. Source: PNRGOV IG, UNH, MSG, ORG, TVL, EQN.
    """
    function = message_function or _PUSH_CODES.get(push_type)
    return PnrgovMessage(
        message_reference=message_reference, version=_version(version, "version"),
        controlling_agency=controlling_agency, push_type=push_type,
        message_function=function, sender=sender, flight=flight,
        declared_pnr_count=declared_pnr_count, pnrs=tuple(pnrs),
        common_access_reference=common_access_reference, part_number=None,
        is_first_part=True, is_last_part=True, message_date=None, envelope=_NO_ENVELOPE,
        flight_operating_carrier=flight_operating_carrier)


def _version(value: str, what: str) -> str:
    """``13:1`` (or ``13.1``) as UNH S009 writes it (0052:0054)."""
    match = _VERSION.match(value or "")
    if match is None:
        raise WriteError("WRITE-OPTION-INVALID",
                         f"{what} {value!r} is not a PNRGOV version such as 13:1 or 15:1")
    return f"{int(match.group(1))}:{int(match.group(2))}"


def _opt(value: object) -> str:
    return "" if value is None else str(value)


def _compact(*elements: tuple[str, ...]) -> Elements:
    """``trimmed`` elements; no element at all when every position is empty."""
    out = trimmed(*elements)
    return () if out == (("",),) else out


def _short_year(value: date) -> str:
    return f"{value.day:02d}{value.month:02d}{value.year % 100:02d}"


def _ddmmmyy(value: date, reference: date, past: bool) -> str:
    """DDMMMYY (IATA AIRIMP, SSR DOCS/DOCO/INFT), or DDMMMCCYY when the two-digit year
    would read back in another century (past rule for dates of birth and issue dates,
    nearest rule for expiry dates: :func:`paxdata.pnrgov._dates.ddmmmyy`)."""
    head = f"{value.day:02d}{_MONTHS[value.month - 1]}"
    short = f"{head}{value.year % 100:02d}"
    if ddmmmyy(short, reference, past) == value:
        return short
    return f"{head}{value.year:04d}"


def ssr_free_text(details: object, reference: date) -> str:
    """The AIRIMP free text (SSR C334 c9) that the reader decodes into ``details``:
    DOCS ``/P/GBR/123456789/GBR/12APR85/F/01JAN30/DOE/JANE``, DOCO, DOCA, FQTx
    ``XX123456 GOLD``, CTCx (``//`` for ``@``, ``..`` for ``_``, ``/EN`` language), TKNx
    ``1252100000001C1``, seats ``.23A23B``, INFT ``DOE/BABY 05MAR24``. ``reference`` is the
    message date (two-digit years are read against it). Source: IATA AIRIMP SSR layouts
    as in the PNRGOV IG SSR examples (DIGEST section 3.5). Raises ``TypeError`` for
    ``details`` of another type.
    """
    if isinstance(details, DocsDetails):
        given = list(details.given_names[:2])
        fields = ["", details.document_type, details.issuing_country, details.number,
                  details.nationality,
                  _ddmmmyy(details.date_of_birth, reference, True)
                  if details.date_of_birth else None, details.gender,
                  _ddmmmyy(details.expiry_date, reference, False)
                  if details.expiry_date else None, details.surname,
                  given[0] if given else None, given[1] if len(given) > 1 else None,
                  "H" if details.primary_holder else None]
        text = "/".join(_opt(f) for f in fields).rstrip("/")
        return f"{text}-{details.name_association}" if details.name_association else text
    if isinstance(details, DocoDetails):
        fields = ["", details.place_of_birth, details.document_type, details.number,
                  details.place_of_issue,
                  _ddmmmyy(details.issue_date, reference, True) if details.issue_date
                  else None, details.applicable_country, "I" if details.infant else None]
        return "/".join(_opt(f) for f in fields).rstrip("/")
    if isinstance(details, DocaDetails):
        kind = _DOCA_CODES.get(details.address_type or "", details.address_type)
        fields = ["", kind, details.country, details.street, details.city, details.state,
                  details.postal_code, "I" if details.infant else None]
        return "/".join(_opt(f) for f in fields).rstrip("/")
    if isinstance(details, FrequentFlyer):
        account = f"{_opt(details.carrier)}{_opt(details.number)}"
        return f"{account} {details.tier}" if details.tier else account
    if isinstance(details, Contact):
        value = details.value
        if details.channel == "email":
            value = value.replace("_", "..").replace("@", "//")
        return f"{value}/{details.language}" if details.language else value
    if isinstance(details, TicketCoupon):
        coupon = f"C{details.coupon}" if details.coupon is not None else ""
        return f"{'INF' if details.infant else ''}{details.number}{coupon}"
    if isinstance(details, SeatDetails):
        return "." + "".join(details.seats)
    if isinstance(details, InfantDetails):
        name = "/".join((_opt(details.surname), *details.given_names))
        born = _ddmmmyy(details.date_of_birth, reference, True) if details.date_of_birth \
            else ""
        return f"{name} {born}".strip()
    raise TypeError(f"no AIRIMP free text for {type(details).__name__}")


# --------------------------------------------------------------------------- segments
class _Builder:
    """Builds the segments of one PNRGOV message. ``reference`` is the date the reader
    takes two-digit years against (the UNB date as it reads back); ``tra``: write the
    codeshare's operating flight as TRA (14.1 and later) instead of a second TVL."""

    def __init__(self, reference: date, decimal_mark: str, tra: bool,
                 message_reference: str) -> None:
        self.reference = reference
        self.decimal_mark = decimal_mark
        self.tra = tra
        self.message_reference = message_reference
        self.out: list[Segment] = []

    def add(self, tag: str, elements: Elements) -> None:
        self.out.append(Segment(tag, elements))

    def fail(self, code: str, message: str, tag: str, element: int | None = None
             ) -> NoReturn:
        """Raise a :class:`WriteError` located at the segment being written."""
        raise WriteError(code, message, Location(
            segment_index=len(self.out) + 1, tag=tag, element=element,
            message_reference=self.message_reference))

    # ---------------------------------------------------------------- values
    def day(self, value: date, tag: str, element: int) -> str:
        """DDMMYY, or DDMMCCYY when two digits would read back in another century."""
        short = _short_year(value)
        if ddmmyy(short, self.reference) == value:
            return short
        return f"{value.day:02d}{value.month:02d}{value.year:04d}"

    def local(self, value: datetime | date | None, what: str, tag: str, element: int
              ) -> tuple[str, str]:
        """A local date/time (TVL, PTK): (DDMMYY, HHMM); naive, minutes."""
        if value is None:
            return "", ""
        if not isinstance(value, datetime):
            return self.day(value, tag, element), ""
        if value.tzinfo is not None:
            self.fail("WRITE-VALUE-UNWRITABLE",
                      f"{what} is timezone-aware; PNRGOV sends it as local time (a naive "
                      "datetime, as the reader returns it)", tag, element)
        if value.second or value.microsecond:
            self.fail("WRITE-VALUE-UNWRITABLE", f"{what} has seconds; HHMM carries minutes",
                      tag, element)
        return self.day(value.date(), tag, element), f"{value.hour:02d}{value.minute:02d}"

    def utc(self, value: datetime | date | None, what: str, tag: str, element: int,
            seconds: bool = False) -> tuple[str, str]:
        """A UTC date/time (DAT, RCI): (DDMMYY, HHMM or HHMMSS); aware datetimes are
        converted to UTC."""
        if value is None:
            return "", ""
        if not isinstance(value, datetime):
            return self.day(value, tag, element), ""
        if value.tzinfo is None:
            self.fail("WRITE-VALUE-UNWRITABLE",
                      f"{what} is a naive datetime; PNRGOV DAT and RCI times are UTC (give "
                      "a timezone-aware datetime)", tag, element)
        value = value.astimezone(UTC)
        if value.microsecond or (value.second and not seconds):
            self.fail("WRITE-VALUE-UNWRITABLE",
                      f"{what} has {'fractions of seconds' if seconds else 'seconds'}; "
                      f"{'HHMMSS' if seconds else 'HHMM'} cannot carry them", tag, element)
        clock = f"{value.hour:02d}{value.minute:02d}"
        if value.second:
            clock += f"{value.second:02d}"
        return self.day(value.date(), tag, element), clock

    def count(self, value: int | None, what: str, tag: str, element: int) -> str:
        if value is None:
            return ""
        if value < 0:
            self.fail("WRITE-VALUE-UNWRITABLE", f"{what} is negative", tag, element)
        return str(value)

    def weight(self, value: float | None, tag: str, element: int) -> str:
        if value is None:
            return ""
        if not math.isfinite(value) or value < 0:
            self.fail("WRITE-VALUE-UNWRITABLE", "bag weight is not a positive number",
                      tag, element)
        if float(value).is_integer() and value < 1e15:
            return str(int(value))
        text = repr(float(value))
        if "e" in text:
            text = format(value, ".15f").rstrip("0")
        return text.replace(".", self.decimal_mark)

    # ---------------------------------------------------------------- level 0
    def header(self, push: PnrgovMessage, count: int) -> None:
        function = push.message_function or _PUSH_CODES.get(push.push_type)
        if function is None:
            self.fail("WRITE-RECORD-INCONSISTENT",
                      "a push of type 'other' needs its message_function (MSG C302 1225)",
                      "MSG", 1)
        known = CODES.push_types.get(function)
        if known is not None and PushType(known) is not push.push_type:
            self.fail("WRITE-RECORD-INCONSISTENT",
                      f"message function {function!r} is a {known} push but push_type is "
                      f"{push.push_type.value!r}", "MSG", 1)
        self.add("MSG", (("", function),))
        if push.sender is not None:
            self.add("ORG", self.originator(push.sender))
        flight = push.flight
        if flight is None:
            self.fail("WRITE-RECORD-INCONSISTENT",
                      "a push needs its flight (the level-0 TVL is mandatory)", "TVL")
        designator = flight.flight_designator
        if designator is not None and designator != _designator(flight.carrier,
                                                                flight.flight_number):
            self.fail("WRITE-RECORD-INCONSISTENT",
                      f"flight designator {designator!r} is not the carrier and flight "
                      "number (TVL e4, e5)", "TVL", 4)
        others = [name for name in ("departure_location_function", "arrival_location_function",
                                    "final_destination", "transport_stage")
                  if getattr(flight, name) is not None]
        if others:
            self.fail("WRITE-RECORD-INCONSISTENT",
                      f"the pushed flight's {', '.join(others)} has no place in the PNRGOV "
                      "TVL (a PAXLST field)", "TVL")
        self.add("TVL", trimmed(
            (*self.local(flight.scheduled_departure, "pushed flight departure", "TVL", 1),
             *self.local(flight.scheduled_arrival, "pushed flight arrival", "TVL", 1)),
            (_opt(flight.departure_airport),), (_opt(flight.arrival_airport),),
            (_opt(flight.carrier), _opt(push.flight_operating_carrier)),
            (_opt(flight.flight_number),)))
        self.add("EQN", ((str(count),),))
        self.out.extend(push.unrecognised_segments)

    def originator(self, o: Originator) -> Elements:
        """ORG elements (PNRGOV IG, ORG): e1 system:location, e2 agency:office, e3 agent
        location, e4 company:location, e5 originator type, e6 country:currency:language,
        e7 agent id, e8 and later as kept in ``additional_elements``."""
        head = (
            (_opt(o.system), _opt(o.location)), (_opt(o.agency_number), _opt(o.agent_office)),
            (_opt(o.agent_location),), (_opt(o.company), _opt(o.company_location)),
            (_opt(o.originator_type),), (_opt(o.country), _opt(o.currency), _opt(o.language)),
            (_opt(o.agent_id),))
        if not o.additional_elements:
            return _compact(*head)
        extra = tuple(tuple(e.split(":")) for e in o.additional_elements)
        return tuple(trimmed(e)[0] for e in head) + extra

    def tvl(self, segment: ItinerarySegment, what: str, follows: bool) -> None:
        """A flight segment (Gr.5 or Gr.12 TVL) and its codeshare operating flight."""
        times = (*self.local(segment.scheduled_departure, f"{what} departure", "TVL", 1),
                 *self.local(segment.scheduled_arrival, f"{what} arrival", "TVL", 1))
        if follows and not (times[0] or segment.departure_airport or segment.arrival_airport
                            or "".join(times)) and segment.flight_number:
            self.fail("WRITE-VALUE-UNWRITABLE",
                      f"{what} has neither dates nor airports: its TVL would read as the "
                      "codeshare operating flight of the segment before it (TVL+++++n)",
                      "TVL", 1)
        operating = "" if self.tra else _opt(segment.operating_carrier)
        self.add("TVL", trimmed(
            times, (_opt(segment.departure_airport),), (_opt(segment.arrival_airport),),
            (_opt(segment.carrier), operating),
            (_opt(segment.flight_number), _opt(segment.booking_class),
             _opt(segment.flight_suffix))))
        number, rbd = segment.operating_flight_number, segment.operating_booking_class
        if self.tra:
            if segment.operating_carrier or number or rbd:
                self.add("TRA", _compact((_opt(segment.operating_carrier),),
                                         (_opt(number), _opt(rbd))))
        elif number or rbd:
            if not number:
                self.fail("WRITE-VALUE-UNWRITABLE",
                          f"{what}: an operating booking class without the operating flight "
                          "number cannot be written in the codeshare TVL of 13.1 and "
                          "before (write version 14:1 or later for TRA)", "TVL", 5)
            self.add("TVL", trimmed(("",), ("",), ("",), ("",), (number, _opt(rbd))))
        if segment.party_size is not None or segment.status:
            self.add("RPI", _compact((self.count(segment.party_size, "number in party", "RPI",
                                                 1),), (_opt(segment.status),)))
        if segment.aircraft_type:
            self.add("APD", ((segment.aircraft_type,),))

    # ---------------------------------------------------------------- Gr.1
    def pnr(self, pnr: Pnr) -> None:
        add = self.add
        add("SRC", ())
        locators = pnr.record_locators
        if not locators and (pnr.record_locator or pnr.booking_system):
            locators = (RecordLocator(pnr.booking_system, pnr.record_locator,
                                      created_at=pnr.created_at),)
        if locators:
            self.rci(locators)
        for ssr in pnr.ssrs:
            self.ssr(ssr)
        self.pnr_dates(pnr)
        for remark in pnr.remarks:
            self.ift(remark)
        if pnr.originator is not None:
            add("ORG", self.originator(pnr.originator))
        elif pnr.cancelled:
            add("ORG", ())  # an empty ORG: the PNR was cancelled (PNRGOV IG, ORG in Gr.1)
        for address in pnr.addresses:
            self.address(address)
        for baggage in pnr.excess_baggage:
            add("EBD", _compact((_opt(baggage.currency), _opt(baggage.rate)),
                                (self.count(baggage.count, "excess baggage count", "EBD", 2),
                                 _opt(baggage.piece_or_weight), _opt(baggage.unit))))
        self.out.extend(pnr.unrecognised_segments)
        placed = _Placement(pnr, self)
        for position, traveller in enumerate(pnr.travellers):
            self.traveller(traveller, placed.gr2_ssrs[position])
        for position, segment in enumerate(pnr.itinerary):
            self.itinerary_segment(segment, position, placed)
        for split in pnr.split_pnrs:
            self.split(split)
        for nonair in pnr.non_air_segments:
            self.nonair(nonair)
        for credit in pnr.history:
            self.history(credit)
        for line in pnr.history_lines:
            add("LTS", ((line,),))

    def rci(self, locators: Sequence[RecordLocator]) -> None:
        composites: list[tuple[str, ...]] = []
        for locator in locators:
            day, clock = self.utc(locator.created_at, "record locator creation date", "RCI",
                                  len(composites) + 1, seconds=True)
            composites.append(trimmed((_opt(locator.booking_system), _opt(locator.locator),
                                       _opt(locator.control_type), day, clock))[0])
        self.add("RCI", tuple(composites))

    def pnr_dates(self, pnr: Pnr) -> None:
        entries = [(d.qualifier, d.at) for d in pnr.dates]
        if not entries:
            if pnr.last_modified_at is not None:
                entries.append(("700", pnr.last_modified_at))
            if pnr.ticket_issued_at is not None:
                entries.append(("710", pnr.ticket_issued_at))
        if not entries:
            return
        composites = []
        for position, (qualifier, at) in enumerate(entries, 1):
            day, clock = self.utc(at, f"PNR date {qualifier}", "DAT", position)
            composites.append(trimmed((_opt(qualifier), day, clock))[0])
        self.add("DAT", tuple(composites))

    def ift(self, remark: Remark) -> None:
        head = trimmed((_opt(remark.subject), _opt(remark.type), _opt(remark.pricing_indicator),
                        _opt(remark.carrier), _opt(remark.language)))[0]
        self.add("IFT", (head, *((line,) for line in remark.lines)))

    def address(self, address: Address) -> None:
        self.add("ADD", trimmed(("",), (
            _opt(address.purpose), _opt(address.street), _opt(address.city),
            _opt(address.country_subentity), _opt(address.country_subentity_name),
            _opt(address.country), _opt(address.postal_code), _opt(address.free_text))))

    def ssr(self, ssr: Ssr) -> None:
        """One SSR (C334 with at most one C332, the traveller it names)."""
        text = ssr.text
        if text is None and ssr.details is not None:
            try:
                text = ssr_free_text(ssr.details, self.reference)
            except TypeError:
                self.fail("WRITE-VALUE-UNWRITABLE",
                          f"SSR {ssr.code}: details of type {type(ssr.details).__name__} "
                          "have no AIRIMP free text; give the text", "SSR", 1)
        head = trimmed((_opt(ssr.code), _opt(ssr.status), _opt(ssr.quantity),
                        _opt(ssr.carrier), "", "", _opt(ssr.board_point),
                        _opt(ssr.off_point), _opt(text)))[0]
        person = trimmed((_opt(ssr.requirement), _opt(ssr.unit), _opt(ssr.traveller_reference),
                          _opt(ssr.characteristics)))[0]
        self.add("SSR", (head, person) if person != ("",) else (head,))

    # ---------------------------------------------------------------- Gr.2-4
    def traveller(self, t: Traveller, ssrs: Sequence[Ssr]) -> None:
        add = self.add
        raw_tif = next((s for s in t.unrecognised_segments if s.tag == "TIF"), None)
        if raw_tif is not None:  # a TIF with several given names, kept as received
            self.out.append(raw_tif)
        else:
            add("TIF", self.tif(t))
        ffs = [f for f in t.frequent_flyer if f.source == "FTI"]
        if ffs:
            # c1 airline, c2 number, c3 traveller reference, c5 tier (FTI+DL:1234567890:::ELITE)
            add("FTI", tuple(trimmed((_opt(f.carrier), _opt(f.number),
                                      _opt(f.traveller_reference), "", _opt(f.tier)))[0]
                             for f in ffs))
        for remark in t.remarks:
            self.ift(remark)
        if t.unique_passenger_reference:
            add("REF", (("", t.unique_passenger_reference),))
        for baggage in t.excess_baggage:
            add("EBD", _compact((_opt(baggage.currency), _opt(baggage.rate)),
                                (self.count(baggage.count, "excess baggage count", "EBD", 2),
                                 _opt(baggage.piece_or_weight), _opt(baggage.unit))))
        if t.fare is not None:
            fare = t.fare
            if fare.details:
                add("FAR", ((_opt(fare.indicator),), (_opt(fare.age),),
                            *(tuple(d.split(":")) for d in fare.details)))
            else:
                add("FAR", trimmed((_opt(fare.indicator),), (_opt(fare.age),)))
        for ssr in ssrs:
            self.ssr(ssr)
        for address in _written_addresses(t):
            self.address(address)
        self.out.extend(s for s in t.unrecognised_segments if s is not raw_tif)
        self.payments_and_tickets(t)

    def tif(self, t: Traveller) -> Elements:
        given = t.given_name_as_sent
        if given is None:
            given = " ".join((*t.given_names, *((t.title,) if t.title else ())))
        person = trimmed((given, _opt(t.passenger_type), _opt(t.traveller_reference),
                          "1" if t.accompanied_by_infant else ""))[0]
        name = trimmed((_opt(t.surname), _opt(t.name_qualifier)))[0]
        if person == ("",):
            # TIF+NAME:G without a traveller composite reads as a group booking (G)
            return (name, ("",)) if t.name_qualifier == "G" and t.passenger_type is None \
                else (name,)
        return (name, person)

    def payments_and_tickets(self, t: Traveller) -> None:
        """Tickets (Gr.3) with the payments (Gr.4) that name them; payments naming no
        ticket before the first ticket (one FOP: the reader takes a second FOP there for
        a ticketless ticket's). The records' order is kept: payments are placed after the
        first ticket at or after the previous one that has their number."""
        tickets = t.tickets
        after: list[list[Payment]] = [[] for _ in tickets]
        before: list[Payment] = []
        current = -1
        for payment in t.payments:
            if payment.ticket_number is None and current < 0 and (
                    not before or _payment_key(before[-1]) == _payment_key(payment)):
                before.append(payment)
                continue
            start = max(current, 0)
            found = next((i for i in range(start, len(tickets))
                          if tickets[i].number == payment.ticket_number), None)
            if found is None:
                self.fail("WRITE-RECORD-INCONSISTENT",
                          f"traveller {t.traveller_reference or '(no reference)'}: a payment "
                          "names a ticket the traveller does not have (in that order): "
                          "payments follow the ticket they pay (Gr.4 in Gr.3)", "FOP")
            after[found].append(payment)
            current = found
        self.payments(before)
        for ticket, payments in zip(tickets, after, strict=True):
            self.ticket(ticket)
            self.payments(payments)

    def ticket(self, ticket: Ticket) -> None:
        add = self.add
        add("TKT", trimmed((_opt(ticket.number), _opt(ticket.document_type),
                            self.count(ticket.booklets, "number of booklets", "TKT", 1))))
        if ticket.amounts:
            add("MON", tuple(trimmed((_opt(a.type), _opt(a.amount), _opt(a.currency)))[0]
                             for a in ticket.amounts))
        if (ticket.pricing_indicator or ticket.ticketing_at or ticket.validating_carrier
                or ticket.airline_code or ticket.sales_city):
            add("PTK", _compact((_opt(ticket.pricing_indicator),), ("",),
                                self.local(ticket.ticketing_at, "ticketing date", "PTK", 3),
                                (_opt(ticket.validating_carrier),), (_opt(ticket.airline_code),),
                                (_opt(ticket.sales_city),)))
        for category, taxes in _tax_runs(ticket.taxes):
            add("TXD", ((category,), *(trimmed((_opt(x.amount), "", _opt(x.currency),
                                                _opt(x.code)))[0] for x in taxes)))
        if ticket.issued_at is not None:
            day, clock = self.utc(ticket.issued_at, "ticket issue date", "DAT", 1)
            add("DAT", (trimmed(("710", day, clock))[0],))
        for remark in ticket.remarks:
            self.ift(remark)

    def payments(self, payments: Sequence[Payment]) -> None:
        """Gr.4: consecutive payments with the same sponsor, billing address and remarks
        share one FOP (one C641 each), as the reader gives every payment of a FOP the IFT
        and ADD that follow it; the others get a FOP each."""
        groups: list[list[Payment]] = []
        previous: tuple[object, ...] | None = None
        for payment in payments:
            key = _payment_key(payment)
            if groups and key == previous:
                groups[-1].append(payment)
            else:
                groups.append([payment])
            previous = key
        for group in groups:
            self.payment_group(group)

    def payment_group(self, group: Sequence[Payment]) -> None:
        self.add("FOP", tuple(trimmed((_opt(p.type), _opt(p.old_indicator), _opt(p.amount),
                                       _opt(p.vendor), _opt(p.account_number),
                                       _opt(p.expiry)))[0] for p in group))
        payment = group[0]
        if payment.sponsor:
            self.add("IFT", (("4", "43"), *((line,) for line in payment.sponsor)))
        for remark in payment.remarks:
            self.ift(remark)
        if payment.billing_address is not None:
            self.address(payment.billing_address)

    # ---------------------------------------------------------------- Gr.5-7
    def itinerary_segment(self, segment: ItinerarySegment, position: int,
                          placed: _Placement) -> None:
        add = self.add
        self.tvl(segment, f"itinerary segment {position + 1}", position > 0)
        for ssr in (*segment.ssrs, *placed.gr5_ssrs[position]):
            self.ssr(ssr)
        if segment.record_locators:
            self.rci(segment.record_locators)
        for remark in segment.remarks:
            self.ift(remark)
        self.out.extend(segment.unrecognised_segments)
        previous: tuple[object, ...] | None = None
        unassigned = [(c, None) for c in segment.unassigned_check_ins]
        for checkin, passenger_type in (*placed.check_ins[position], *unassigned):
            key = (checkin.checked_in_at, checkin.checked_in_text, checkin.agent)
            if key != previous:
                self.check_in_transaction(checkin)
                previous = key
            add("TRI", _compact(("",), (_opt(checkin.boarding_number), "", "",
                                        _opt(checkin.traveller_reference))))
            if checkin.name or checkin.name_reference:
                surname, _, given = (checkin.name or "").partition("/")
                add("TIF", trimmed((surname,), (given, _opt(passenger_type),
                                                _opt(checkin.name_reference))))
            if checkin.seat or checkin.cabin:
                add("SSD", trimmed((_opt(checkin.seat),), ("",), ("",), ("",),
                                   (_opt(checkin.cabin),)))
            if checkin.bags is not None:
                add("TBD", self.bags(checkin.bags))

    def check_in_transaction(self, checkin: CheckIn) -> None:
        """Gr.6: DAT 2 (check-in date/time, UTC) or DAT 3 (as free text), and ORG."""
        if checkin.checked_in_text is not None:
            self.add("DAT", (("3", checkin.checked_in_text),))
        elif checkin.checked_in_at is not None:
            day, clock = self.utc(checkin.checked_in_at, "check-in date", "DAT", 1)
            self.add("DAT", (trimmed(("2", day, clock))[0],))
        else:
            self.add("DAT", ())  # the empty Gr.6 trigger of the guide's examples
        if checkin.agent is not None:
            self.add("ORG", self.originator(checkin.agent))

    def bags(self, bags: BagGroup) -> Elements:
        """TBD (PNRGOV IG, TBD): e1 status, e2 count:weight:unit, e4 pool:reference, e5..
        bag tag runs carrier:number:count:destination."""
        unit = bags.unit_qualifier or _BAG_UNIT_CODES.get(bags.weight_unit or "", "")
        tags = tuple((_opt(tag.carrier), _opt(tag.number),
                      self.count(tag.count, "consecutive bag tag count", "TBD", 5),
                      _opt(tag.destination), *tag.additional) for tag in bags.tags)
        return _compact((_opt(bags.status),),
                        (self.count(bags.count, "number of bags", "TBD", 2),
                         self.weight(bags.weight, "TBD", 2), unit),
                        ("",), (_opt(bags.pool), _opt(bags.pool_reference)),
                        *(trimmed(tag)[0] for tag in tags))

    # ---------------------------------------------------------------- Gr.8-12
    def split(self, split: SplitPnr) -> None:
        self.add("EQN", _compact((self.count(split.count, "split PNR count", "EQN", 1),)))
        if split.record_locators:
            self.rci(split.record_locators)

    def nonair(self, nonair: NonAirSegment) -> None:
        self.add("MSG", _compact((_opt(nonair.business_function),)))
        for product in nonair.products:
            if product.segment is not None:
                if product.segment.tag != "TVL":
                    self.fail("WRITE-RECORD-INCONSISTENT",
                              f"a non-air product's segment is a {product.segment.tag}, not "
                              "a TVL", product.segment.tag)
                self.out.append(product.segment)  # as sent (the layout is the product's)
                continue
            locations = product.locations
            if len(locations) > 2:
                self.fail("WRITE-VALUE-UNWRITABLE",
                          "a non-air product has more than two locations (TVL e2, e3)", "TVL",
                          2)
            self.add("TVL", trimmed(
                (*self.local(product.start, "non-air product start", "TVL", 1),
                 *self.local(product.end, "non-air product end", "TVL", 1)),
                (locations[0] if locations else "",),
                (locations[1] if len(locations) > 1 else "",),
                (_opt(product.provider),), (_opt(product.product),)))

    def history(self, credit: HistoryCredit) -> None:
        add = self.add
        add("ABI", _compact((_opt(credit.originator_type),),
                            (_opt(credit.agent_id), _opt(credit.duty_code)),
                            (_opt(credit.location),), ("",), (_opt(credit.company),)))
        if credit.changed_at is not None or credit.date_qualifier:
            day, clock = self.utc(credit.changed_at, "history date", "DAT", 1)
            add("DAT", (trimmed((_opt(credit.date_qualifier), day, clock))[0],))
        for action in credit.actions:
            self.action(action)

    def action(self, action: HistoryAction) -> None:
        add = self.add
        add("SAC", _compact(("",), ("",), (_opt(action.action),)))
        for person in action.travellers:
            add("TIF", trimmed((_opt(person.surname),),
                               (_opt(person.given_name), _opt(person.passenger_type),
                                _opt(person.traveller_reference))))
        for ssr in action.ssrs:
            self.ssr(ssr)
        for remark in action.remarks:
            self.ift(remark)
        for bags in action.bags:
            add("TBD", self.bags(bags))
        self.out.extend(action.unrecognised_segments)
        for position, segment in enumerate(action.itinerary):
            self.tvl(segment, f"history segment {position + 1}", position > 0)


def _designator(carrier: str | None, number: str | None) -> str | None:
    """The reader's flight designator: carrier + number (PNRGOV TVL e4 c1 + e5 c1)."""
    if carrier and number:
        return carrier + number
    return number or carrier or None


def _unplaced(record: Any) -> Any:
    """``record`` without its position (``segment_index``), for comparing content."""
    if record is None or getattr(record, "segment_index", None) is None:
        return record
    return attrs.evolve(record, segment_index=None)


def _payment_key(payment: Payment) -> tuple[object, ...]:
    """What the IFT and ADD after a FOP give every payment of that FOP."""
    return (payment.sponsor, _unplaced(payment.billing_address),
            tuple(_unplaced(r) for r in payment.remarks))


def _tax_runs(taxes: Sequence[Tax]) -> list[tuple[str, list[Tax]]]:
    """Consecutive taxes of one category (TXD e1) as one TXD each."""
    runs: list[tuple[str, list[Tax]]] = []
    for tax in taxes:
        category = tax.category or ""
        if runs and runs[-1][0] == category:
            runs[-1][1].append(tax)
        else:
            runs.append((category, [tax]))
    return runs


def _doca_address(details: DocaDetails) -> Address:
    return Address(details.address_type, details.street, details.city, details.state, None,
                   details.country, details.postal_code, None)


def _written_addresses(t: Traveller) -> tuple[Address, ...]:
    """The traveller's ADD addresses: without the trailing ones the reader derives from its
    SSR DOCA (PNRGOV IG Gr.2 ADD; AIRIMP DOCA), which the SSRs carry."""
    derived = [_doca_address(s.details) for s in t.ssrs if isinstance(s.details, DocaDetails)]
    addresses = t.addresses
    if not derived or len(derived) > len(addresses):
        return addresses
    tail = addresses[len(addresses) - len(derived):]
    if all(attrs.evolve(a, segment_index=None) == d for a, d in zip(tail, derived,
                                                                     strict=True)):
        return addresses[:len(addresses) - len(derived)]
    return addresses


class _Placement:
    """Where each traveller's SSRs and check-ins are written: SSRs of an itinerary
    segment (``flight`` set) and check-ins in the Gr.5 group of their segment, the
    others in the traveller's Gr.2. Each traveller's order is kept: an item goes to the
    first segment at or after the previous item's that has its flight."""

    def __init__(self, pnr: Pnr, builder: _Builder) -> None:
        itinerary = pnr.itinerary
        designators = [_designator(s.carrier, s.flight_number) for s in itinerary]
        self.gr2_ssrs: list[list[Ssr]] = [[] for _ in pnr.travellers]
        self.gr5_ssrs: list[list[Ssr]] = [[] for _ in itinerary]
        #: per segment: (check-in, the passenger type of its traveller for the Gr.7 TIF)
        self.check_ins: list[list[tuple[CheckIn, str | None]]] = [[] for _ in itinerary]
        for position, traveller in enumerate(pnr.travellers):
            current = 0
            for ssr in traveller.ssrs:
                if ssr.flight is None:
                    self.gr2_ssrs[position].append(ssr)
                    continue
                found = next((i for i in range(current, len(itinerary))
                              if designators[i] == ssr.flight), None)
                if found is None:
                    builder.fail("WRITE-RECORD-INCONSISTENT",
                                 f"an SSR {ssr.code} of traveller "
                                 f"{traveller.traveller_reference or position + 1} names "
                                 f"flight {ssr.flight}, which is not (or not in that order) "
                                 "in the PNR's itinerary", "SSR")
                self.gr5_ssrs[found].append(ssr)
                current = found
            current = 0
            for checkin in traveller.check_in:
                found = next((i for i in range(current, len(itinerary))
                              if designators[i] == checkin.flight
                              and itinerary[i].departure_airport == checkin.departure_airport),
                             None)
                if found is None:
                    builder.fail("WRITE-RECORD-INCONSISTENT",
                                 f"a check-in of traveller "
                                 f"{traveller.traveller_reference or position + 1} names "
                                 f"flight {checkin.flight} from "
                                 f"{checkin.departure_airport}, which is not (or not in that "
                                 "order) in the PNR's itinerary", "TRI")
                self.check_ins[found].append((checkin, traveller.passenger_type))
                current = found


# --------------------------------------------------------------------------- messages
def _common_access_reference(push: PnrgovMessage) -> str | None:
    """The record's 0068, else ``<designator>/<DDMMYY>/<HHMM>`` of the departure
    (PNRGOV IG UNH examples, ``XX0101/170325/1600``)."""
    if push.common_access_reference:
        return push.common_access_reference
    flight = push.flight
    if flight is None:
        return None
    designator = flight.flight_designator or _designator(flight.carrier, flight.flight_number)
    when = flight.scheduled_departure
    if designator and when is not None:
        return f"{designator}/{_short_year(when)}/{when.hour:02d}{when.minute:02d}"[:35]
    return None


def pnrgov_message_segments(push: PnrgovMessage, pnrs: Sequence[Pnr], *, reference: str,
                            version: str, common_access_reference: str | None,
                            part: tuple[int, str] | None, pnr_count: int,
                            message_date: date, decimal_mark: str = ".",
                            first: bool = True) -> MessageSegments:
    """The UNH..UNT segments of one PNRGOV message carrying ``pnrs`` (all of ``push``'s,
    or one part's) with ``push``'s level-0 segments; EQN is ``pnr_count`` (the PNRs of
    the whole push). ``part``: (sequence number, ``"C"``/``""``/``"F"``) for S010, ``None``
    for a complete push (written ``01:F``). ``message_date``: the date the reader takes
    two-digit years against. ``first``: the first part (message-level unrecognised
    segments and unreadable PNRs are written there)."""
    number, _, release = version.partition(":")
    tra = number.isdigit() and int(number) >= TRA_FROM_VERSION
    agency = push.controlling_agency or "IA"
    sequence, first_last = part if part is not None else (1, "F")
    builder = _Builder(message_date, decimal_mark, tra, reference)
    builder.add("UNH", trimmed((reference,), ("PNRGOV", number, release, agency),
                               (common_access_reference or "",),
                               (f"{sequence:02d}", first_last)))
    header = push if first else attrs.evolve(push, unrecognised_segments=())
    builder.header(header, pnr_count)
    travellers = 0
    for pnr in pnrs:
        builder.pnr(pnr)
        travellers += len(pnr.travellers)
    if first:
        for unreadable in push.unreadable_pnrs:  # kept as received: written back as such
            builder.out.extend(unreadable.segments)
    count = len(builder.out) + 1
    builder.add("UNT", ((str(count),), (reference,)))
    written = WrittenMessage(reference, common_access_reference, sequence, first_last == "F",
                             travellers, count)
    return MessageSegments(builder.out, "PNRGOV", number, release, agency, written)


def write_pnrgov(pushes: PnrgovMessage | Iterable[PnrgovMessage], envelope: EnvelopeSettings,
                 *, version: str | None = None,
                 characters: ServiceCharacters = PNRGOV_CHARACTERS, una: bool = True,
                 line_break: str = "", max_pnrs: int | None = None,
                 separate_interchanges: bool = False, verify: bool = True,
                 validate: Validator | None = None, on_findings: OnFindings = "raise",
                 ) -> WriteResult:
    """Write PNR pushes as PNRGOV interchanges.

    ``pushes``: one :class:`~paxdata.pnrgov.PnrgovMessage` (e.g. from :func:`pnrgov_push`,
    or as :func:`paxdata.parse` read it) or several, each written with its push type,
    sender, flight and PNRs. ``envelope``: UNB/UNG values (:func:`pnrgov_envelope` gives
    ``IATA:1`` as PNRGOV senders write it). ``version``: the PNRGOV version written
    (``"13:1"``, ``"15:1"``...; default each push's ``version``): from 14.1 the codeshare
    operating flight is a TRA, before a second TVL. ``characters``: the service
    characters (default ``UNA:+.?*'``); data holding one gets the release character.
    ``una``: write the service string advice (forced when the characters are not the ISO
    defaults). ``line_break``: after every segment terminator (``"\\n"``, ``"\\r\\n"``).
    ``max_pnrs``: split each push into parts of at most this many PNRs (S010 ``01:C`` ..
    ``NN:F``, one common access reference, EQN the PNRs of the whole push in every part;
    at most 99 parts). ``separate_interchanges``: each part in its own interchange.

    ``verify`` (default on): read every written interchange back and compare it with the
    records given; a field the message does not carry exactly (a ``gender`` without the
    SSR DOCS that carries it, a payment naming a ticket the traveller lacks...) raises
    :class:`~paxdata.writers.WriteError` ``WRITE-RECORD-INCONSISTENT`` naming the field
    and the written segment. Fields left empty (``None``, ``()``) may be filled by the
    reader from what the message carries (``documents`` from SSR DOCS). Positions,
    envelopes and warnings are not compared.

    ``validate``/``on_findings``: a validation step on each interchange's bytes, as for
    :func:`~paxdata.writers.write_paxlst`.

    Raises :class:`~paxdata.writers.WriteError` (``WRITE-*`` codes, located) for a record
    or option that cannot be written exactly. Mapping: ``docs/writing.md``, section PNRGOV.
    Source: IATA PADIS EDIFACT Implementation Guide, PNRGOV message.
    """
    items = [pushes] if isinstance(pushes, PnrgovMessage) else list(pushes)
    check_characters(characters)
    if max_pnrs is not None and max_pnrs < 1:
        raise WriteError("WRITE-OPTION-INVALID", f"max_pnrs must be at least 1, got {max_pnrs}")
    if line_break.strip("\r\n"):
        raise WriteError("WRITE-OPTION-INVALID",
                         f"line_break must be made of CR and LF, got {line_break!r}")
    forced = _version(version, "version") if version is not None else None
    if characters != DEFAULT_CHARACTERS:
        una = True
    moment = envelope.moment()
    date_text, time_text = envelope_date(moment, envelope.four_digit_year)
    written = parse_envelope_datetime(date_text, time_text)
    message_date = written.date() if written is not None else moment.date()
    with paused_gc():
        result, expected = _write(items, envelope, characters, una, line_break, max_pnrs,
                                  separate_interchanges, message_date, forced)
    if verify:
        _verify(result, expected)
    if validate is not None:
        result = attrs.evolve(result, findings=run_validation(result.interchanges, validate,
                                                              on_findings))
    return result


def _write(items: list[PnrgovMessage], envelope: EnvelopeSettings,
           characters: ServiceCharacters, una: bool, line_break: str, max_pnrs: int | None,
           separate_interchanges: bool, message_date: date, forced: str | None
           ) -> tuple[WriteResult, list[list[tuple[MessageSegments, PnrgovMessage]]]]:
    batches: list[list[tuple[MessageSegments, PnrgovMessage]]] = []
    current: list[tuple[MessageSegments, PnrgovMessage]] = []
    for push in items:
        version = forced or _version(push.version, "the push's version")
        pnrs = push.pnrs
        total = push.declared_pnr_count
        if total is None:
            total = len(pnrs) + len(push.unreadable_pnrs)
        access = _common_access_reference(push)
        base = push.message_reference or "1"
        for start, end, part in message_parts(len(pnrs), max_pnrs, "PNRs"):
            reference = base if part is None else numbered(base, part[0])
            message = pnrgov_message_segments(
                push, pnrs[start:end], reference=reference, version=version,
                common_access_reference=access, part=part, pnr_count=total,
                message_date=message_date, decimal_mark=characters.decimal_mark,
                first=start == 0)
            expected = attrs.evolve(
                push, version=version, pnrs=pnrs[start:end], common_access_reference=access,
                declared_pnr_count=total, part_number=part[0] if part else 1,
                is_first_part=start == 0, is_last_part=part is None or part[1] == "F",
                message_function=push.message_function or _PUSH_CODES.get(push.push_type),
                controlling_agency=push.controlling_agency or "IA",
                unrecognised_segments=push.unrecognised_segments if start == 0 else (),
                unreadable_pnrs=())
            current.append((message, expected))
            if separate_interchanges:
                batches.append(current)
                current = []
    if current or not batches:
        batches.append(current)

    message_batches = [[message for message, _ in batch] for batch in batches]
    written = interchanges(message_batches, envelope, characters, una=una,
                           line_break=line_break)
    for batch, messages in zip(batches, message_batches, strict=True):  # renumbered
        for position, (message, (_, expected)) in enumerate(zip(messages, batch,
                                                                 strict=True)):
            batch[position] = (message, attrs.evolve(
                expected, message_reference=message.written.message_reference))
    return WriteResult(written), batches


# --------------------------------------------------------------------------- verify
#: Fields that are not data: where the reader found a segment, its findings, and the
#: envelope (the writer's settings, not the record's).
_NOT_COMPARED = frozenset({"segment_index", "offset", "warnings", "envelope", "message_date"})
#: What carries a derived field, for the error message.
_CARRIERS = {
    "documents": "SSR DOCS (documents) and DOCO (visas) in ssrs",
    "gender": "SSR DOCS in ssrs", "date_of_birth": "SSR DOCS in ssrs",
    "nationality": "SSR DOCS in ssrs", "place_of_birth": "SSR DOCO in ssrs",
    "contacts": "SSR CTCx in ssrs, OSI contacts (IFT 4:28 'CTCM ...') or ADD free text",
    "frequent_flyer": "FTI (source 'FTI') or SSR FQTV/FQTS/FQTR/FQTU in ssrs",
    "seats": "seat SSRs (SEAT, NSST...) with the seat as requirement, or check-in SSD",
    "bags": "check_in bags (Gr.7 TBD)", "addresses": "ADD or SSR DOCA in ssrs",
    "details": "the SSR text (AIRIMP free text)", "ticketless": "the ticket document type",
    "cancelled": "an empty ORG (originator.empty)",
    "record_locator": "record_locators (RCI)", "booking_system": "record_locators (RCI)",
    "created_at": "record_locators (RCI creation date)",
    "last_modified_at": "dates (DAT 700)", "ticket_issued_at": "dates (DAT 710)",
    "weight_unit": "the bag unit qualifier (700 KGM, 701 LBR)",
    "numbers": "the bag tag number and count", "flight": "the itinerary segment",
    "title": "the given name as sent (AIRIMP title)",
    "given_names": "the given name as sent (TIF e2 c1)",
}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
#: Values compared with ``==`` directly (no walk).
_SCALARS = frozenset({str, int, float, bool, date, datetime, type(None), PushType})


def _compared_fields(cls: type) -> tuple[str, ...] | None:
    """The compared fields of an attrs class (``None`` for other types), cached."""
    names = _FIELD_NAMES.get(cls)
    if names is None and attrs.has(cls):
        names = _FIELD_NAMES[cls] = tuple(
            f.name for f in attrs.fields(cls) if f.name not in _NOT_COMPARED)
    return names


def _difference(given: object, read: object, where: int | None
                ) -> tuple[list[str], int | None] | None:
    """The first place where ``read`` does not carry ``given``: (path parts, innermost
    first; the segment index of the nearest read record that has one). Empty given
    values (``None``, ``()``, ``""``) accept anything (the reader may fill them); tuples
    of records accept extra read items around the given ones (derived entries, in
    order); everything else, booleans included, must be equal."""
    if given is read:
        return None
    cls = type(given)
    if cls in _SCALARS:
        if given == read or given is None or given == "":
            return None
        return [], where
    names = _compared_fields(cls)
    if names is not None:
        if type(read) is not cls:
            return [], where
        index = getattr(read, "segment_index", None)
        if isinstance(index, int):
            where = index
        for name in names:
            g = getattr(given, name)
            r = getattr(read, name)
            if g is r or (type(g) in _SCALARS and g == r):
                continue
            found = _difference(g, r, where)
            if found is not None:
                found[0].append(f".{name}")
                return found
        return None
    if isinstance(given, tuple):
        if not given or given == read:
            return None
        if not isinstance(read, tuple) or _compared_fields(type(given[0])) is None:
            return [], where
        if len(given) == len(read):
            for position, (g, r) in enumerate(zip(given, read, strict=True)):
                found = _difference(g, r, where)
                if found is not None:
                    found[0].append(f"[{position}]")
                    return found
            return None
        cursor = 0
        for position, g in enumerate(given):
            while cursor < len(read) and _difference(g, read[cursor], None) is not None:
                cursor += 1
            if cursor == len(read):
                return [f"[{position}]"], where
            cursor += 1
        return None
    if given == read or given is None:
        return None
    return [], where


def _verify(result: WriteResult,
            expected: list[list[tuple[MessageSegments, PnrgovMessage]]]) -> None:
    """Read each written interchange back; raise WRITE-RECORD-INCONSISTENT, located, at
    the first field of the records it does not carry."""
    for interchange, batch in zip(result.interchanges, expected, strict=True):
        messages = [m for m in parse(interchange.data).messages
                    if isinstance(m, PnrgovMessage)]
        if len(messages) != len(batch):  # pragma: no cover - a paxdata bug
            raise WriteError("WRITE-RECORD-INCONSISTENT",
                             f"{len(batch)} messages written, {len(messages)} read back")
        for (segments, push), read in zip(batch, messages, strict=True):
            found = _difference(push, read, None)
            if found is None:
                continue
            parts, index = found
            path = "push" + "".join(reversed(parts))
            field = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
            carrier = _CARRIERS.get(field)
            hint = f"; PNRGOV carries it in {carrier}" if carrier else ""
            tag = segments.segments[index - 1].tag \
                if index is not None and 0 < index <= len(segments.segments) else None
            raise WriteError(
                "WRITE-RECORD-INCONSISTENT",
                f"{path} is not carried exactly by the written message: it reads back "
                f"differently{hint}",
                Location(segment_index=index, tag=tag,
                         message_reference=push.message_reference))
