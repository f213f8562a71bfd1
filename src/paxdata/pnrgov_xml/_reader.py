"""PNRGOV XML reader: ``IATA_PNRGOV_NotifRQ`` in, the same PNR records as PNRGOV EDIFACT out.

The document is read with lxml's pull parser in chunks (:mod:`paxdata.pnrgov_xml._input`:
no DTD, no entity resolution, no network), one ``PNR`` element at a time: each PNR is
mapped to a :class:`~paxdata.pnrgov.Pnr` when its end tag arrives and its elements are
then freed, so memory holds one PNR's tree plus the records made so far, as for EDIFACT.

Structure (IATA PADIS XML schema ``IATA_PNRGOV_NotifRQ.xsd``, release 2021.2, and its
``IATA_PNRGOV_CommonTypes.xsd``; ``../shared/reference/DIGEST.md`` section 4): the root's
``Originator``, ``FlightLeg`` and ``PNRs``; per ``PNR``: ``BookingRefID``, ``SSR``,
``OSI``, ``POS``, ``ContactInfo``, ``PrepaidBag``, ``Passenger`` (names, ``CustLoyalty``,
``OSI``, ``ExcessBaggage``, ``FareInfo``, ``SSR``, ``ContactInfo``, ``TicketDocument``
with fares, taxes and ``PaymentInfo``, ``DOC_SSR`` with ``DOCS``/``DOCA``/``DOCO``),
``DOC_SSR``, ``Flight`` (marketing and operating airline, equipment, ``SSR``,
``BookingRefID``, ``OSI``, ``CheckInInfo`` with boarding numbers, seats and bags),
``SplitPNR``, ``OtherTravelSegment``, ``StructuredPNR_History``,
``UnstructuredPNR_History``. ``docs/pnrgov_xml.md`` gives the field for each.

Real messages deviate: no namespace, names in other cases or with underscores
(``SSR_Code``, ``TEXT``), dates as ``2019-04-01 16:26:00+00:00``, fragments under another
root, messages inside a SOAP envelope. They are read where they can be, with a located
warning (line; the element in ``tag``). Whatever is not mapped to a record field stays on
the nearest record that keeps raw data (``unrecognised_segments`` of the message, PNR,
traveller, flight segment or history action) as a :class:`~paxdata.edifact.Segment`
with tag ``XML``: element 1 the XML text, element 2 where it was
(``PNR[2]/Passenger[1]/FareInfo``). Nothing is dropped.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any
from xml.sax.saxutils import quoteattr

from paxdata.defects import Defect, Location
from paxdata.edifact import Segment
from paxdata.errors import PaxdataError, defect_at
from paxdata.paxlst import Envelope, FlightLeg, TravelDocument, expand_bag_tags
from paxdata.pnrgov import (
    Address,
    Amount,
    BagGroup,
    BagTag,
    CheckIn,
    Contact,
    DateEntry,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    ExcessBaggage,
    Fare,
    FrequentFlyer,
    HistoryAction,
    HistoryCredit,
    HistoryTraveller,
    ItinerarySegment,
    NonAirProduct,
    NonAirSegment,
    Originator,
    Payment,
    Pnr,
    PnrgovMessage,
    PushedPnr,
    PushType,
    RecordLocator,
    Remark,
    Seat,
    SplitPnr,
    Ssr,
    Tax,
    Ticket,
    Traveller,
    UnreadablePnr,
    split_title,
)
from paxdata.pnrgov._codes import CODES
from paxdata.pnrgov._ssr import decode_contact, decode_ssr
from paxdata.pnrgov_xml import _values
from paxdata.pnrgov_xml._input import chunks, etree, input_name, prolog, pull_parser
from paxdata.policy import Policy

__all__ = ["IATA_NAMESPACE", "MAX_PNR_BYTES", "ROOT", "read_xml"]

#: The namespace of IATA PADIS XML messages (the schema's targetNamespace).
IATA_NAMESPACE = "http://www.iata.org/IATA/2007/00"
#: The root element of a PNRGOV XML push.
ROOT = "IATA_PNRGOV_NotifRQ"
#: Input bytes one PNR (or the XML between two PNRs) may take; beyond, reading stops
#: with an XML-LIMIT error (the tree of a PNR is held until its end tag).
MAX_PNR_BYTES = 16 << 20

_NS = "{" + IATA_NAMESPACE + "}"
_NS_LEN = len(_NS)
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_SEAT_CODES = frozenset(c for c, k in CODES.ssr_decoders.items() if k == "seat")
_UNDECODED: tuple[None, tuple[str, ...]] = (None, ())
_UPDATE_STATUS = {"Start": (True, False), "End": (False, True), "InSeries": (False, False),
                  "Continuation": (False, False), "Subsequent": (False, False)}
_DOCA_TYPES = CODES.doca_types

Item = PnrgovMessage | PushedPnr | PaxdataError | Defect
# The elements the stream reports: the message, its header and PNRs (any namespace).
_EVENT_TAGS = tuple("{*}" + name for name in (ROOT, "Originator", "FlightLeg", "PNRs", "PNR"))
_EXPECTED = {"dateTime": "xs:dateTime", "date": "xs:date",
             "both": "xs:date or xs:dateTime"}
_INDEX = re.compile(r"\[\d+\]")


def _fold(name: str) -> str:
    return name.replace("_", "").lower()


class _Spec:
    """What the reader knows of one element kind: the attributes and child elements it
    maps to record fields, and those the schema defines that no field carries."""

    __slots__ = ("attrs", "children", "fold", "other_attrs", "other_children")

    def __init__(self, attrs: str = "", other_attrs: str = "", children: str = "",
                 other_children: str = "") -> None:
        self.attrs = frozenset(attrs.split())
        self.other_attrs = frozenset(other_attrs.split())
        self.children = frozenset(children.split())
        self.other_children = frozenset(other_children.split())
        self.fold = {_fold(n): n for n in (*self.attrs, *self.other_attrs)}


# The element kinds, from the schema (IATA_PNRGOV_NotifRQ.xsd and the common types).
_COMPANY = _Spec("Code", "CompanyShortName TravelSector CodeContext")
_UNIQUE_ID = _Spec("ID Type", "URL Instance ID_Context", "CompanyName")
_LOCATION = _Spec("LocationCode", "CodeContext")
_SPECS: dict[str, _Spec] = {
    "root": _Spec("EchoToken TimeStamp Target Version TransactionIdentifier SequenceNmbr "
                  "TransactionStatusCode Function",
                  "PrimaryLangID AltLangID RetransmissionIndicator CorrelationID "
                  "AsynchronousAllowedInd", "Originator FlightLeg PNRs"),
    "Originator": _Spec("AirlineCode", "SystemCode AirlineContactInfo"),
    "FlightLeg": _Spec("CarrierCode FlightNumber DepartureDateTime ArrivalDateTime "
                       "DateChangeNbr", "OperationalSuffix CodeContext",
                       "DepartureAirport ArrivalAirport"),
    "PNRs": _Spec("NumberOfPnrs", "", "PNR"),
    "PNR": _Spec("NumberOfPassengers PNR_TransDate PNR_CreationDate LastTktDate", "",
                 "BookingRefID SSR OSI POS ContactInfo PrepaidBag Passenger DOC_SSR Flight "
                 "SplitPNR OtherTravelSegment StructuredPNR_History UnstructuredPNR_History"),
    "BookingRefID": _UNIQUE_ID,
    "CompanyName": _COMPANY,
    "SSR": _Spec("SSRCode ServiceQuantity Status BoardPoint OffPoint RPH", "SurnameRefNumber",
                 "Airline Text"),
    "OSI": _Spec("", "Code", "Airline Text", "TravelerRefNumber"),
    "POS": _Spec("", "", "Source"),
    "Source": _Spec("AgentSine PseudoCityCode ISOCountry ISOCurrency AirlineVendorID "
                    "AirportCode", "AgentDutyCode FirstDepartPoint ERSP_UserID TerminalID",
                    "RequestorID", "Position BookingChannel"),
    "RequestorID": _Spec("ID Type", "URL Instance ID_Context MessagePassword", "CompanyName"),
    "ContactInfo": _Spec("Type PhoneNumber EmailAddress",
                         "PhoneType FormattedInd DefaultInd UseType RPH",
                         "AddressLine CityName PostalCode StateProv CountryName",
                         "StreetNmbr BldgRoom County"),
    "StateProv": _Spec("StateCode"),
    "CountryName": _Spec("Code"),
    "PrepaidBag": _Spec("UnitOfMeasureQuantity UnitOfMeasure UnitOfMeasureCode Amount "
                        "CurrencyCode",
                        "IssuerCode SerialNumber SequenceCount BaggagePool DecimalPlaces "
                        "BagDestination"),
    "Passenger": _Spec("RPH AccompaniedByInfantInd PaxID", "SurnameRefNumber BoardingStatus",
                       "GivenName MiddleName SurnamePrefix Surname NameTitle CustLoyalty OSI "
                       "ExcessBaggage FareInfo SSR ContactInfo TicketDocument DOC_SSR"),
    "CustLoyalty": _Spec("ProgramID MembershipID LoyalLevel", "VendorCode"),
    "ExcessBaggage": _Spec("UnitOfMeasureQuantity UnitOfMeasure UnitOfMeasureCode",
                           "IssuerCode SerialNumber SequenceCount BaggagePool"),
    "FareInfo": _Spec("PTC_Code", "DiscountedFareType DiscountPercent CountryCode "
                      "DiscFareClassType FareBasis InHouseFareType", "",
                      "UnstructuredFareCalc"),
    "TicketDocument": _Spec("TicketDocumentNbr Type DateOfIssue TicketLocation",
                            "PrimaryDocInd ExchangeTktNbrInd Code SubCode Description",
                            "TotalFare PricingInfo Taxes PaymentInfo"),
    "TotalFare": _Spec("Amount CurrencyCode", "DecimalPlaces"),
    "PricingInfo": _Spec("Date Time NonRefundableInd",
                         "ISOCountryCode LocationCode NetReportingCode NonEndorsableInd "
                         "PenaltyRestrictionInd"),
    "Taxes": _Spec("", "", "Tax"),
    "Tax": _Spec("Qualifier ISOCountry Amount CurrencyCode TaxType",
                 "DecimalPlaces FiledAmount FiledCurrencyCode FiledTaxType ConversionRate "
                 "Usage AddlTaxType AddlFiledTaxType"),
    "PaymentInfo": _Spec("PaymentType PaymentUse PaymentAmount VendorCode AccountNbr "
                         "ExpiryDate CardHolderName", "", "Sponsor"),
    "DOC_SSR": _Spec("SSRCode ServiceQuantity Status RPH", "SurnameRefNumber",
                     "FlightInfo DOCS DOCA DOCO", "PaxInfo"),
    "FlightInfo": _Spec("Code BoardingPoint DePlaningPoint",
                        "CompanyShortName TravelSector CodeContext FlightNumber ClassOfSvc "
                        "Date"),
    "DOCS": _Spec("TravelDocType TravelDocNbr IssuingLoc PaxNationality DateOfBirth Gender "
                  "ExpiryDate Surname FirstGivenName SecondGivenName PrimaryPassportHolder"),
    "DOCA": _Spec("AddressType Address CityName PostalCode StateProvCounty Country "
                  "InfantIndicator"),
    "DOCO": _Spec("BirthLocation TravelDocType TravelDocNbr PlaceOfIssue DateOfIssue "
                  "CountryState InfantIndicator"),
    "Flight": _Spec("DepartureDateTime ArrivalDateTime ResBookDesigCode NumberInParty Status "
                    "FlightNumber DateChangeNbr", "",
                    "DepartureAirport ArrivalAirport OperatingAirline Equipment "
                    "MarketingAirline SSR BookingRefID OSI CheckInInfo"),
    "OperatingAirline": _Spec("Code FlightNumber ResBookDesigCode",
                              "CompanyShortName TravelSector CodeContext"),
    "Equipment": _Spec("AirEquipType", "ChangeofGauge"),
    "CheckInInfo": _Spec("Time AgentID", "", "BoardingNumber"),
    "BoardingNumber": _Spec("Number RPH", "Type SurnameRefNumber",
                            "Passenger SeatNumber CheckedBag"),
    "CheckInPassenger": _Spec("", "", "GivenName Surname", "MiddleName SurnamePrefix NameTitle"),
    "SeatNumber": _Spec("CabinClass"),
    "CheckedBag": _Spec("IssuerCode SerialNumber SequenceCount BaggagePool "
                        "UnitOfMeasureQuantity UnitOfMeasureCode BagDestination",
                        "UnitOfMeasure"),
    "SplitPNR": _Spec("NbrOfPassengers VendorCode PNR_ID"),
    "StructuredPNR_History": _Spec("", "", "Credit Item"),
    "Credit": _Spec("ID Type TimeStamp", "URL Instance ID_Context", "CompanyName"),
    "Item": _Spec("Action", "", "Flight Passenger SSR OSI Bag DOC_SSR",
                  "Seat OtherTravelSegment"),
    "HistoryFlight": _Spec("DepartureDateTime ArrivalDateTime ResBookDesigCode NumberInParty "
                           "Status FlightNumber DateChangeNbr", "",
                           "DepartureAirport ArrivalAirport OperatingAirline Equipment "
                           "MarketingAirline"),
    "HistoryPassenger": _Spec("", "", "GivenName Surname",
                              "MiddleName SurnamePrefix NameTitle"),
    "Bag": _Spec("IssuerCode SerialNumber SequenceCount BaggagePool UnitOfMeasureQuantity "
                 "UnitOfMeasureCode FlightNumber CarrierCode",
                 "UnitOfMeasure DepartureDate BoardPoint OffPoint"),
    "Airline": _COMPANY,
    "MarketingAirline": _COMPANY,
    "DepartureAirport": _LOCATION,
    "ArrivalAirport": _LOCATION,
    "text": _Spec(),
}
_CHILD_FOLD = {name: {_fold(c): c for c in (*spec.children, *spec.other_children)}
               for name, spec in _SPECS.items()}


class _Owner:
    """Something raw XML can be kept on."""

    __slots__ = ("raw",)

    def __init__(self) -> None:
        self.raw: list[Segment] = []


class _Traveller(_Owner):
    __slots__ = ("accompanied", "addresses", "bags", "check_in", "contacts", "dob",
                 "documents", "ebd", "fare", "ff", "gender", "given", "given_raw", "infant_docs",
                 "nationality", "payments", "pob", "ptype", "ref", "remarks", "seats", "ssrs",
                 "surname", "tickets", "title", "upi", "where")

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.surname: str | None = None
        self.given: tuple[str, ...] = ()
        self.title: str | None = None
        self.given_raw: str | None = None
        self.ref: str | None = None
        self.accompanied = False
        self.gender: str | None = None
        self.dob: date | None = None
        self.nationality: str | None = None
        self.pob: str | None = None
        self.documents: dict[tuple[str | None, str | None], TravelDocument] = {}
        self.ff: list[FrequentFlyer] = []
        self.upi: str | None = None
        self.fare: Fare | None = None
        self.ebd: list[ExcessBaggage] = []
        self.tickets: list[Ticket] = []
        self.payments: list[Payment] = []
        self.ssrs: list[Ssr] = []
        self.remarks: list[Remark] = []
        self.contacts: list[Contact] = []
        self.addresses: list[Address] = []
        self.seats: list[Seat] = []
        self.bags: list[BagGroup] = []
        self.check_in: list[CheckIn] = []
        self.infant_docs = False
        self.ptype: str | None = None

    @property
    def infant(self) -> bool:
        return self.ptype in ("IN", "INF")

    def build(self) -> Traveller:
        return Traveller(
            surname=self.surname, given_names=self.given, title=self.title,
            given_name_as_sent=self.given_raw, name_qualifier=None, passenger_type=self.ptype,
            traveller_reference=self.ref, accompanied_by_infant=self.accompanied,
            gender=self.gender, date_of_birth=self.dob, nationality=self.nationality,
            place_of_birth=self.pob, documents=tuple(self.documents.values()),
            frequent_flyer=tuple(self.ff), unique_passenger_reference=self.upi,
            fare=self.fare, excess_baggage=tuple(self.ebd), tickets=tuple(self.tickets),
            payments=tuple(self.payments), ssrs=tuple(self.ssrs), remarks=tuple(self.remarks),
            contacts=tuple(self.contacts), addresses=tuple(self.addresses),
            seats=tuple(self.seats), bags=tuple(self.bags), check_in=tuple(self.check_in),
            unrecognised_segments=tuple(self.raw))


class _CheckIn:
    __slots__ = ("agent", "at", "bags", "boarding", "cabin", "line", "name", "ref", "seat")

    def __init__(self, line: int | None) -> None:
        self.line = line
        self.at: datetime | date | None = None
        self.agent: Originator | None = None
        self.boarding: str | None = None
        self.ref: str | None = None
        self.name: str | None = None
        self.seat: str | None = None
        self.cabin: str | None = None
        self.bags: BagGroup | None = None


class _Segment(_Owner):
    __slots__ = ("aircraft", "arr", "arr_at", "carrier", "checkins", "dep", "dep_at",
                 "designator", "locators", "number", "op_carrier", "op_number", "op_rbd",
                 "party", "rbd", "remarks", "ssrs", "status", "unassigned")

    def __init__(self) -> None:
        super().__init__()
        self.carrier: str | None = None
        self.number: str | None = None
        self.designator: str | None = None
        self.dep: str | None = None
        self.arr: str | None = None
        self.dep_at: datetime | date | None = None
        self.arr_at: datetime | date | None = None
        self.rbd: str | None = None
        self.op_carrier: str | None = None
        self.op_number: str | None = None
        self.op_rbd: str | None = None
        self.status: str | None = None
        self.party: int | None = None
        self.aircraft: str | None = None
        self.locators: list[RecordLocator] = []
        self.ssrs: list[Ssr] = []
        self.remarks: list[Remark] = []
        self.checkins: list[_CheckIn] = []
        self.unassigned: list[CheckIn] = []

    def build(self) -> ItinerarySegment:
        return ItinerarySegment(
            carrier=self.carrier, flight_number=self.number, departure_airport=self.dep,
            arrival_airport=self.arr, scheduled_departure=self.dep_at,
            scheduled_arrival=self.arr_at, booking_class=self.rbd, flight_suffix=None,
            operating_carrier=self.op_carrier, operating_flight_number=self.op_number,
            operating_booking_class=self.op_rbd, status=self.status, party_size=self.party,
            aircraft_type=self.aircraft, record_locators=tuple(self.locators),
            ssrs=tuple(self.ssrs), remarks=tuple(self.remarks),
            unassigned_check_ins=tuple(self.unassigned), unrecognised_segments=tuple(self.raw))


# An SSR waiting for its traveller: (ssr, owner kind, owner, line).
_OWNER_PNR, _OWNER_TRAVELLER, _OWNER_SEGMENT = range(3)
_Pending = tuple[Ssr, int, Any, "int | None"]


class _Pnr(_Owner):
    __slots__ = (
        "addresses",
        "cancelled",
        "contacts",
        "created",
        "credits",
        "dates",
        "ebd",
        "itinerary",
        "last_modified",
        "line",
        "lines",
        "locators",
        "nonair",
        "originator",
        "pending",
        "remarks",
        "splits",
        "ssrs",
        "ticket_issued",
        "travellers",
        "where",
    )

    def __init__(self, where: str, line: int | None) -> None:
        super().__init__()
        self.where = where
        self.line = line
        self.locators: list[RecordLocator] = []
        self.created: datetime | date | None = None
        self.last_modified: datetime | date | None = None
        self.ticket_issued: datetime | date | None = None
        self.dates: list[DateEntry] = []
        self.cancelled = False
        self.originator: Originator | None = None
        self.contacts: list[Contact] = []
        self.addresses: list[Address] = []
        self.remarks: list[Remark] = []
        self.ssrs: list[Ssr] = []
        self.ebd: list[ExcessBaggage] = []
        self.travellers: list[_Traveller] = []
        self.itinerary: list[_Segment] = []
        self.splits: list[SplitPnr] = []
        self.nonair: list[NonAirSegment] = []
        self.credits: list[HistoryCredit] = []
        self.lines: tuple[str, ...] = ()
        self.pending: list[_Pending] = []

    @property
    def locator(self) -> str | None:
        return self.locators[0].locator if self.locators else None


class _Message(_Owner):
    """One message being read (an ``IATA_PNRGOV_NotifRQ``, or PNR fragments)."""

    __slots__ = ("counts", "declared", "element", "first", "flight", "function", "last",
                 "message_date", "notes", "part", "pnr_count", "pnrs", "prepared",
                 "reference", "saw", "sender", "streamed", "suppressed", "test",
                 "transaction", "travellers", "unreadable", "version")

    def __init__(self, element: Any, reference: str) -> None:
        super().__init__()
        self.element = element
        self.reference = reference
        self.version = ""
        self.function: str | None = None
        self.prepared: datetime | None = None
        self.test = False
        self.transaction: str | None = None
        self.part: int | None = None
        self.first = True
        self.last = True
        self.sender: Originator | None = None
        self.flight: FlightLeg | None = None
        self.declared: int | None = None
        self.message_date: date | None = None
        self.pnrs: list[Pnr] = []
        self.streamed = 0
        self.unreadable: list[UnreadablePnr] = []
        self.pnr_count = 0
        self.travellers = 0
        self.saw: set[str] = set()
        self.notes: dict[tuple[str, str], list[Any]] = {}
        self.counts: dict[str, int] = {}
        self.suppressed: dict[str, Defect] = {}


def read_xml(data: Any, policy: Policy, name: str | None = None, *,
             max_pnr_bytes: int = MAX_PNR_BYTES, stream_pnrs: bool = False
             ) -> Iterator[Item]:
    """Read a PNRGOV XML input (bytes, ``str``, a path or a binary file, already known to
    be XML: :func:`paxdata.pnrgov_xml.sniff`).

    Yields a :class:`~paxdata.pnrgov.PnrgovMessage` for each ``IATA_PNRGOV_NotifRQ``
    (also inside a wrapper such as a SOAP envelope) or for the ``PNR`` elements of a
    fragment, as each one ends; a :class:`~paxdata.errors.PaxdataError` for what could
    not be read (XML-MALFORMED, XML-DTD-REFUSED, XML-LIMIT, XML-NOT-PNRGOV,
    PNR-UNREADABLE, PNR-COUNT-MISMATCH...), after the message it concerns; and
    :class:`~paxdata.defects.Defect` values found outside any message. A strict policy
    raises :class:`~paxdata.errors.DefectError` at the first error instead. Raises
    :class:`~paxdata.errors.InputError` when the input cannot be opened.

    ``stream_pnrs`` (what :func:`paxdata.iter_pnrs` asks): each PNR is yielded as a
    :class:`~paxdata.pnrgov.PushedPnr` once its ``PNR`` element has ended and the input
    chunk holding it (64 KB) has been fed, and its message follows its PNRs with
    ``pnrs=()``; the element tree of each PNR is freed once read, so memory is bounded by
    the largest PNR, not by the message. The push's Originator and FlightLeg are those
    read before the PNR (the schema puts them first).
    """
    reader = _Reader(policy, input_name(data, name), max_pnr_bytes)
    reader.stream = stream_pnrs
    yield from reader.run(chunks(data, reader.name))


def _push_type(function: str | None) -> PushType:
    """The push type of the root's Function (22 full push, 141 update...)."""
    push = CODES.push_types.get(function or "")
    return PushType(push) if push else PushType.OTHER


class _Reader:
    """The streaming reader of one input (see :func:`read_xml`)."""

    def __init__(self, policy: Policy, name: str | None, max_pnr_bytes: int) -> None:
        self.policy = policy
        self.name = name
        self.limit = max_pnr_bytes
        self.root: Any = None
        self.message: _Message | None = None
        self.fragment: _Message | None = None
        self.messages = 0
        self.outside: str | None = None
        self.out: list[Item] = []
        self.pnr: _Pnr | None = None
        self.stream = False
        self.reference = date.today()
        self.notes: dict[tuple[str, str], list[Any]] | None = None
        self.shown: Callable[[str], str] = (lambda v: v) if policy.show_values else \
            (lambda v: "(value not shown)")
        self.codes: dict[str, str] = {}
        self.names: dict[Any, str] = {}
        self._pnr_children: dict[str, Callable[[_Pnr, Any, str], None]] = {
            "BookingRefID": self._booking_ref, "SSR": self._pnr_ssr, "OSI": self._pnr_osi,
            "POS": self._pos, "ContactInfo": self._pnr_contact, "PrepaidBag": self._prepaid,
            "Passenger": self._passenger, "DOC_SSR": self._pnr_doc_ssr, "Flight": self._flight,
            "SplitPNR": self._split, "OtherTravelSegment": self._other_segment,
            "StructuredPNR_History": self._history, "UnstructuredPNR_History": self._lts,
        }
        self._passenger_children: dict[str, Callable[[_Traveller, Any, str], None]] = {
            "GivenName": self._given, "MiddleName": self._middle,
            "SurnamePrefix": self._surname_prefix, "Surname": self._surname,
            "NameTitle": self._name_title, "CustLoyalty": self._loyalty,
            "OSI": self._traveller_osi, "ExcessBaggage": self._excess,
            "FareInfo": self._fare, "SSR": self._traveller_ssr,
            "ContactInfo": self._traveller_contact, "TicketDocument": self._ticket,
            "DOC_SSR": self._traveller_doc_ssr,
        }

    # ------------------------------------------------------------------ defects
    def _defect(self, code: str, message: str, line: int | None, tag: str | None) -> Defect:
        return defect_at(code, message, Location(
            input_name=self.name, line=line, tag=tag,
            message_reference=self.message.reference if self.message is not None else
            (self.fragment.reference if self.fragment is not None else None)),
            strict=self.policy.strict)

    def note(self, code: str, message: str, element: Any = None, tag: str | None = None,
             line: int | None = None) -> None:
        """A located defect on the PNR being read (or the message); repeated ones are
        counted on the first (``(and N more in this PNR)``)."""
        if element is not None:
            line = element.sourceline
            if tag is None:
                tag = self._name(element.tag)
        notes = self.notes
        owner = self.message or self.fragment
        if notes is None:
            if owner is None:
                self.out.append(self._defect(code, message, line, tag))
                return
            notes = owner.notes
        key = (code, _INDEX.sub("", message))
        entry = notes.get(key)
        if entry is not None:
            entry[1] += 1
            return
        found = self._defect(code, message, line, tag)
        if owner is not None and notes is owner.notes:
            count = owner.counts.get(code, 0) + 1
            owner.counts[code] = count
            if count > self.policy.max_defects_per_kind:
                owner.suppressed.setdefault(code, found)
                return
        notes[key] = [found, 1]

    @staticmethod
    def _flush(notes: dict[tuple[str, str], list[Any]], where: str) -> list[Defect]:
        found = []
        for first, count in notes.values():
            found.append(first if count == 1 else Defect(
                first.code, first.severity,
                f"{first.message} (and {count - 1} more in this {where})", first.location))
        notes.clear()
        return found

    def _error(self, code: str, message: str, line: int | None = None,
               tag: str | None = None) -> PaxdataError:
        found = self._defect(code, message, line, tag)
        return PaxdataError(found.message, found.location, code=found.code)

    # ------------------------------------------------------------------ names and raw
    def _name(self, tag: Any) -> str:
        """The local name of an IATA (or namespace-less) element; a foreign element keeps
        its namespace (and so matches nothing)."""
        found = self.names.get(tag)
        if found is not None:
            return found
        if not isinstance(tag, str):
            return ""
        if tag.startswith(_NS):
            found = tag[_NS_LEN:]
        else:
            if tag[:1] != "{" and self.outside is None:
                self.outside = tag
            found = tag
        if len(self.names) < 4096:
            self.names[tag] = found
        return found

    def keep(self, owner: _Owner, element: Any, where: str, *, unknown: bool,
             why: str | None = None) -> None:
        """Keep a whole element raw on ``owner``, with a warning (unknown) or a note."""
        name = self._name(element.tag)
        owner.raw.append(Segment("XML", ((etree.tostring(element, encoding="unicode",
                                                         with_tail=False),), (where,))))
        if why is not None:
            self.note("XML-VALUE-INVALID", f"{where}: {why}; kept raw", element, name)
        elif unknown:
            self.note("XML-UNKNOWN", f"{where}: element {name} is not defined here by the "
                      "schema; kept raw", element, name)
        else:
            self.note("XML-NOT-MAPPED", f"{where}: element {name} is not carried by the "
                      "PNR records; kept raw", element, name)

    def keep_attrs(self, owner: _Owner, element: Any, name: str, where: str,
                   values: list[tuple[str, str]]) -> None:
        """Keep attributes raw on ``owner`` as an element holding only them."""
        text = "<" + name + "".join(f" {_attr_name(k)}={quoteattr(v)}" for k, v in values) \
            + "/>"
        owner.raw.append(Segment("XML", ((text,), (where,))))

    def take(self, element: Any, spec: _Spec, owner: _Owner, where: str) -> dict[str, str]:
        """The element's attributes; those the records do not carry are kept raw on
        ``owner`` (an XML-NOT-MAPPED note for schema attributes, an XML-UNKNOWN warning
        for others); names differing from the schema's only in case or underscores
        (``SSR_Code``) are read as the schema's, with an XML-UNKNOWN warning."""
        values = dict(element.items())
        if values and not spec.attrs.issuperset(values):
            mapped = spec.attrs
            self._leftovers(element, spec, owner, where, values,
                            [k for k in values if k not in mapped])
        return values

    def _leftovers(self, element: Any, spec: _Spec, owner: _Owner, where: str,
                   values: dict[str, str], extra: list[str]) -> None:
        name = self._name(element.tag)
        kept: list[tuple[str, str]] = []
        for key in extra:
            if key.startswith(_XSI):  # schema location hints: never followed, not data
                del values[key]
                continue
            if key in spec.other_attrs:
                kept.append((key, values.pop(key)))
                self.note("XML-NOT-MAPPED", f"{where}: attribute {key} of {name} is not "
                          "carried by the PNR records; kept raw", element, name)
                continue
            canonical = spec.fold.get(_fold(key)) if key[:1] != "{" else None
            if canonical is not None and canonical not in values:
                value = values.pop(key)
                self.note("XML-UNKNOWN", f"{where}: attribute {key} of {name} is not in the "
                          f"schema; read as {canonical}", element, name)
                if canonical in spec.attrs:
                    values[canonical] = value
                else:
                    kept.append((key, value))
                continue
            kept.append((key, values.pop(key)))
            self.note("XML-UNKNOWN", f"{where}: attribute {_attr_name(key)} of {name} is not "
                      "defined by the schema; kept raw", element, name)
        if kept:
            self.keep_attrs(owner, element, name, where, kept)

    def invalid(self, owner: _Owner, element: Any, where: str, attribute: str, value: str,
                why: str) -> None:
        """An attribute value that cannot be read: kept raw, with a warning."""
        name = self._name(element.tag)
        self.keep_attrs(owner, element, name, where, [(attribute, value)])
        self.note("XML-VALUE-INVALID", f"{where}: {attribute} of {name} {self.shown(repr(value))}"
                  f" {why}; kept raw", element, name)

    def children(self, element: Any, kind: str, owner: _Owner, where: str
                 ) -> Iterator[tuple[str, Any]]:
        """The child elements with their (schema) local names. Unknown children, schema
        children no field carries, and stray text are kept raw on ``owner``."""
        spec = _SPECS[kind]
        known = spec.children
        text = element.text
        if text is not None and not text.isspace():
            self._stray_text(owner, element, where, text)
        names = self.names
        for child in element:
            name = names.get(child.tag) or self._name(child.tag)
            if name in known:
                yield name, child
            elif name in spec.other_children:
                self.keep(owner, child, f"{where}/{name}", unknown=False)
            else:
                canonical = _CHILD_FOLD[kind].get(_fold(name)) if name[:1] != "{" else None
                if canonical is not None and canonical in known:
                    self.note("XML-UNKNOWN", f"{where}: element {name} is not in the schema; "
                              f"read as {canonical}", child, name)
                    yield canonical, child
                else:
                    self.keep(owner, child, f"{where}/{name}", unknown=True)
            tail = child.tail
            if tail is not None and not tail.isspace():
                self._stray_text(owner, element, where, tail)

    def _stray_text(self, owner: _Owner, element: Any, where: str, text: str) -> None:
        owner.raw.append(Segment("XML", ((text,), (f"{where}/text()",))))
        self.note("XML-UNKNOWN", f"{where}: text inside {self._name(element.tag)}, which holds "
                  "only elements; kept raw", element)

    def text(self, element: Any, owner: _Owner, where: str) -> str | None:
        """An element's text (stripped; ``None`` when empty). Child elements of a text-only
        element are kept raw."""
        if len(element):
            for child in element:
                self.keep(owner, child, f"{where}/{self._name(child.tag)}", unknown=True)
        value = element.text
        if value is None:
            return None
        value = value.strip()
        return value or None

    def code(self, value: str | None) -> str | None:
        """One shared string per distinct code; ``None`` for empty values."""
        if not value:
            return None
        value = value.strip()
        return self.codes.setdefault(value, value) or None

    # ------------------------------------------------------------------ values
    def when(self, owner: _Owner, element: Any, where: str, values: dict[str, str],
             attribute: str, allowed: str = "dateTime") -> datetime | date | None:
        """An ISO 8601 attribute value (``allowed``: ``dateTime``, ``date``, ``both``)."""
        text = values.get(attribute)
        if text is None or not text.strip():
            return None
        found, lenient = _values.moment(text)
        if found is None or isinstance(found, time):
            self.invalid(owner, element, where, attribute, text,
                         "is not an ISO 8601 date or date-time" if found is None else
                         "is a time without a date")
            return None
        assert isinstance(found, date)
        wrong = (allowed == "dateTime" and not isinstance(found, datetime)) or \
            (allowed == "date" and isinstance(found, datetime))
        if lenient or wrong:
            self.note("XML-VALUE-FORMAT", f"{where}: {attribute} of {self._name(element.tag)} "
                      f"{self.shown(repr(text))} is not an "
                      f"{_EXPECTED[allowed]}; read as "
                      f"{self.shown(found.isoformat())}", element)
        return found

    def number(self, owner: _Owner, element: Any, where: str, values: dict[str, str],
               attribute: str) -> int | None:
        text = values.get(attribute)
        if text is None or not text.strip():
            return None
        found = _values.integer(text)
        if found is None:
            try:
                decimal = float(text)
            except ValueError:
                decimal = -1.0
            if decimal >= 0 and decimal.is_integer() and decimal < 1e9:
                return int(decimal)
            self.invalid(owner, element, where, attribute, text, "is not a whole number")
        return found

    def flag(self, owner: _Owner, element: Any, where: str, values: dict[str, str],
             attribute: str) -> bool | None:
        text = values.get(attribute)
        if text is None:
            return None
        found, lenient = _values.boolean(text)
        if found is None:
            self.invalid(owner, element, where, attribute, text, "is not true or false")
        elif lenient:
            self.note("XML-VALUE-FORMAT", f"{where}: {attribute} of {self._name(element.tag)} "
                      "is not an xs:boolean (true, false, 1, 0); read as "
                      f"{str(found).lower()}", element)
        return found

    def doc_date(self, owner: _Owner, element: Any, where: str, values: dict[str, str],
                 attribute: str, past: bool) -> date | None:
        text = values.get(attribute)
        if text is None or not text.strip():
            return None
        found, lenient = _values.doc_date(text, self.reference, past)
        if found is None:
            self.invalid(owner, element, where, attribute, text, "is not a DDMMMYY date")
        elif lenient:
            self.note("XML-VALUE-FORMAT", f"{where}: {attribute} of {self._name(element.tag)} "
                      f"{self.shown(repr(text))} is not DDMMMYY; read as an ISO 8601 date",
                      element)
        return found

    # ------------------------------------------------------------------ the stream
    def run(self, pieces: Iterator[Any]) -> Iterator[Item]:
        consumed, dtd, too_long = prolog(pieces)
        if dtd is not None:
            yield self._error("XML-DTD-REFUSED", f"a document type declaration (DTD) at line "
                              f"{dtd[0]}, column {dtd[1]}: refused (PNRGOV XML has none; a DTD "
                              "can declare entities that expand or reach outside); nothing "
                              "was read", dtd[0], "DOCTYPE")
            return
        if too_long:
            yield self._error("XML-LIMIT", "the XML prolog (before the root element) is "
                              "longer than 1 MB; nothing was read")
            return
        parser = pull_parser(_EVENT_TAGS)
        since = 0
        failure: PaxdataError | None = None
        try:
            step = max(1024, self.limit // 4)
            for chunk in _chain(consumed, pieces):
                for start in range(0, len(chunk), step):
                    piece = chunk[start:start + step] if len(chunk) > step else chunk
                    parser.feed(piece)
                    since = self._events(parser, since + len(piece))
                    if since > self.limit:
                        failure = self._error(
                            "XML-LIMIT", f"more than {self.limit} bytes without the end of a "
                            "PNR or message; reading stopped (max_pnr_bytes)")
                        break
                yield from self._drain()
                if failure is not None:
                    break
            if failure is None:
                root = parser.close()
                if self.root is None:
                    self.root = root
                self._events(parser, since)
        except etree.XMLSyntaxError as exc:
            failure = self._malformed(exc)
            with contextlib.suppress(etree.XMLSyntaxError, _Refused):
                self._events(parser, 0)  # what was reported before the error
        except _Refused as exc:
            failure = exc.error
        yield from self._drain()
        yield from self._finish_all(failure)

    def _drain(self) -> Iterator[Item]:
        if self.out:
            out, self.out = self.out, []
            yield from out

    def _malformed(self, exc: etree.XMLSyntaxError) -> PaxdataError:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        what = str(exc.msg or exc).split(", line ")[0]
        return self._error("XML-MALFORMED", f"not well-formed XML at line {line}, column "
                           f"{column}: {what}; reading stopped (PNRs read before are kept)",
                           line, None)

    def _events(self, parser: Any, since: int) -> int:
        for event, element in parser.read_events():
            if self.root is None:
                self.root = element.getroottree().getroot()
                self._check_dtd(element)
            if event == "start":
                name = self._name(element.tag)
                if name == ROOT and self.message is None:
                    self._start_message(element)
                elif name == "PNRs" and self.message is not None \
                        and element.getparent() is self.message.element:
                    self._pnrs(element)
                continue
            name = self._name(element.tag)
            if name == "PNR":
                self._pnr_end(element)
                since = 0
                continue
            message = self.message
            if message is None:
                continue
            if element is message.element:
                self._end_message(message)
                since = 0
            elif element.getparent() is message.element:
                self._header(message, element, name)
        return since

    def _check_dtd(self, element: Any) -> None:
        info = element.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:  # the prolog scan missed it
            raise _Refused(self._error("XML-DTD-REFUSED", "a document type declaration "
                                       "(DTD): refused; nothing was read", 1, "DOCTYPE"))

    # ------------------------------------------------------------------ messages
    def _new_reference(self) -> str:
        self.messages += 1
        return str(self.messages)

    def _start_message(self, element: Any) -> None:
        message = _Message(element, self._new_reference())
        self.message = message
        self.outside = None
        self.names.clear()  # so the namespace check runs for each message
        values = self.take(element, _SPECS["root"], message, ROOT)
        if "EchoToken" in values and values["EchoToken"].strip():
            message.reference = values["EchoToken"].strip()
        version = values.get("Version", "").strip()
        if not version:
            self.note("XML-MISSING", f"{ROOT} without its Version (required)", element)
        whole, dot, release = version.partition(".")
        message.version = f"{whole}:{release}" if dot and whole.isdigit() and \
            release.isdigit() else version
        function = values.get("Function", "").strip()
        message.function = function or None
        if not function:
            self.note("XML-MISSING", f"{ROOT} without Function: the push type (22 full "
                      "push, 141 update) is unknown", element)
        stamp = self.when(message, element, ROOT, values, "TimeStamp")
        if isinstance(stamp, datetime):
            message.prepared = stamp
            message.message_date = stamp.date()
        target = values.get("Target", "").strip()
        message.test = target == "Test"
        if target not in ("", "Test", "Production"):
            self.invalid(message, element, ROOT, "Target", target, "is not Test or Production")
        message.transaction = values.get("TransactionIdentifier", "").strip() or None
        message.part = self.number(message, element, ROOT, values, "SequenceNmbr")
        status = values.get("TransactionStatusCode", "").strip()
        if status:
            parts = _UPDATE_STATUS.get(status)
            if parts is None:
                self.invalid(message, element, ROOT, "TransactionStatusCode", status,
                             "is not Start, End, InSeries, Continuation or Subsequent")
            else:
                message.first, message.last = parts
        elif message.part not in (None, 1):
            message.first = False
        if message.message_date is not None:
            self.reference = message.message_date

    def _pnrs(self, element: Any) -> None:
        message = self.message
        assert message is not None
        message.saw.add("PNRs")
        values = self.take(element, _SPECS["PNRs"], message, "PNRs")
        if "NumberOfPnrs" not in values:
            self.note("XML-MISSING", "PNRs without NumberOfPnrs (required)", element)
        message.declared = self.number(message, element, "PNRs", values, "NumberOfPnrs")

    def _header(self, message: _Message, element: Any, name: str) -> None:
        """A child of the root has ended: Originator, FlightLeg, PNRs or something else."""
        if name in message.saw and name != "PNRs":
            self.keep(message, element, name, unknown=True)
            element.clear()
            return
        if name == "Originator":
            message.saw.add(name)
            values = self.take(element, _SPECS["Originator"], message, name)
            system = self.code(values.get("AirlineCode"))
            message.sender = Originator(system=system, empty=system is None)
            self._no_children(element, message, name)
        elif name == "FlightLeg":
            message.saw.add(name)
            self._flight_leg(message, element)
        elif name == "PNRs":
            for child in element:  # what is left after the last PNR
                child_name = self._name(child.tag)
                if child_name != "PNR":
                    self.keep(message, child, f"PNRs/{child_name}", unknown=True)
            text = element.text
            if text is not None and not text.isspace():
                self._stray_text(message, element, "PNRs", text)
        else:
            self.keep(message, element, name, unknown=True)
        element.clear()

    def _no_children(self, element: Any, owner: _Owner, where: str) -> None:
        if not len(element):
            return
        for child in element:
            self.keep(owner, child, f"{where}/{self._name(child.tag)}", unknown=True)

    def _flight_leg(self, message: _Message, element: Any) -> None:
        where = "FlightLeg"
        values = self.take(element, _SPECS["FlightLeg"], message, where)
        carrier = self.code(values.get("CarrierCode"))
        number = (values.get("FlightNumber") or "").strip() or None
        departure = self.when(message, element, where, values, "DepartureDateTime")
        arrival = self.when(message, element, where, values, "ArrivalDateTime")
        airports: dict[str, str | None] = {"DepartureAirport": None, "ArrivalAirport": None}
        for name, child in self.children(element, "FlightLeg", message, where):
            if airports[name] is not None:
                self.keep(message, child, f"{where}/{name}", unknown=True)
                continue
            airports[name] = self._location(message, child, f"{where}/{name}")
        for attribute, found in (("CarrierCode", carrier), ("FlightNumber", number),
                                 ("DepartureDateTime", departure)):
            if found is None and attribute not in values:
                self.note("XML-MISSING", f"FlightLeg without {attribute} (required)", element)
        if isinstance(departure, datetime):
            if message.message_date is None:
                message.message_date = departure.date()
                self.reference = message.message_date
        elif departure is not None:
            self.invalid(message, element, where, "DepartureDateTime",
                         values["DepartureDateTime"], "has no time")
            if message.message_date is None:
                message.message_date = departure
                self.reference = departure
            departure = None
        if arrival is not None and not isinstance(arrival, datetime):
            self.invalid(message, element, where, "ArrivalDateTime", values["ArrivalDateTime"],
                         "has no time")
            arrival = None
        self._date_change(message, element, where, values, departure, arrival)
        message.flight = FlightLeg(
            carrier=carrier, flight_number=number,
            flight_designator=carrier + number if carrier and number else (number or carrier),
            departure_airport=airports["DepartureAirport"],
            arrival_airport=airports["ArrivalAirport"], scheduled_departure=departure,
            scheduled_arrival=arrival)
        if airports["DepartureAirport"] is None or airports["ArrivalAirport"] is None:
            self.note("XML-MISSING", "FlightLeg without its DepartureAirport or ArrivalAirport "
                      "(required)", element)

    def _date_change(self, owner: _Owner, element: Any, where: str, values: dict[str, str],
                     departure: datetime | date | None, arrival: datetime | date | None
                     ) -> None:
        """DateChangeNbr (days between departure and arrival dates) is carried by the two
        dates; kept raw when they cannot tell it or disagree with it."""
        text = values.get("DateChangeNbr")
        if text is None:
            return
        if departure is None or arrival is None:
            self.keep_attrs(owner, element, self._name(element.tag), where,
                            [("DateChangeNbr", text)])
            return
        days = (_day(arrival) - _day(departure)).days
        try:
            sent = int(text.strip() or "0")
        except ValueError:
            sent = None
        if sent != days:
            self.invalid(owner, element, where, "DateChangeNbr", text,
                         f"disagrees with the dates ({days:+d} days)")

    def _location(self, owner: _Owner, element: Any, where: str) -> str | None:
        values = self.take(element, _LOCATION, owner, where)
        self._no_children(element, owner, where)
        code = self.code(values.get("LocationCode"))
        if code is None:
            self.note("XML-MISSING", f"{where} without LocationCode (required)", element)
        return code

    def _end_message(self, message: _Message) -> None:
        element = message.element
        for child in element:  # children the stream did not report: not in the schema
            name = self._name(child.tag)
            if name not in ("Originator", "FlightLeg", "PNRs"):
                self.keep(message, child, name, unknown=True)
        text = element.text
        if text is not None and not text.isspace():
            self._stray_text(message, element, ROOT, text)
        self.message = None
        for missing in ("Originator", "FlightLeg", "PNRs"):
            if missing not in message.saw:
                self.note_on(message, "XML-MISSING", f"{ROOT} without {missing} (required)",
                             element)
        self.out.extend(self._build_message(message))
        element.clear()
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]

    def note_on(self, message: _Message, code: str, text: str, element: Any) -> None:
        saved, self.message = self.message, message
        try:
            self.note(code, text, element)
        finally:
            self.message = saved

    def _build_message(self, message: _Message) -> list[Item]:
        items: list[Item] = []
        received = len(message.pnrs) + message.streamed + len(message.unreadable)
        if message.first and message.last and message.declared is not None \
                and message.declared != received:
            found = self._defect_for(message, "PNR-COUNT-MISMATCH",
                                     f"NumberOfPnrs declares {message.declared} PNRs, "
                                     f"{received} received (PNR elements)", "PNRs")
            message.notes[("PNR-COUNT-MISMATCH", found.message)] = [found, 1]
        if self.outside is not None:
            self.note_on(message, "XML-NAMESPACE",
                         f"elements without a namespace (the first: {self.outside}), where "
                         f"the schema has {IATA_NAMESPACE}; read by their local names",
                         message.element)
            self.outside = None
        warnings = self._flush(message.notes, "message")
        limit = self.policy.max_defects_per_kind
        for code, first in message.suppressed.items():
            warnings.append(Defect(code, first.severity,
                                   f"{message.counts[code] - limit} more defects of this kind "
                                   f"in this message are not listed (the first {limit} "
                                   f"are); the first unlisted: {first.message}",
                                   first.location))
        envelope = Envelope(
            input_name=self.name, interchange_reference=None, sender=None, recipient=None,
            prepared_at=message.prepared, syntax_identifier=None, syntax_version=None,
            application_reference=None, test_indicator=message.test, group_reference=None,
            message_offset=None)
        function = message.function
        items.append(PnrgovMessage(
            message_reference=message.reference, version=message.version,
            controlling_agency=None, push_type=_push_type(function),
            message_function=function, sender=message.sender, flight=message.flight,
            declared_pnr_count=message.declared, pnrs=tuple(message.pnrs),
            common_access_reference=message.transaction, part_number=message.part,
            is_first_part=message.first, is_last_part=message.last,
            message_date=message.message_date, envelope=envelope,
            unreadable_pnrs=tuple(message.unreadable),
            unrecognised_segments=tuple(message.raw), warnings=tuple(warnings)))
        return items

    def _defect_for(self, message: _Message, code: str, text: str, tag: str) -> Defect:
        return defect_at(code, text, Location(
            input_name=self.name, tag=tag, line=message.element.sourceline
            if message.element is not None else None,
            message_reference=message.reference), strict=self.policy.strict)

    def _finish_all(self, failure: PaxdataError | None) -> Iterator[Item]:
        root = self._name(self.root.tag) if self.root is not None else None
        if self.fragment is not None and root != ROOT:
            self.note_on(self.fragment, "XML-ROOT-UNEXPECTED",
                         f"the root element is {root}, not {ROOT}: PNR elements without "
                         f"the message's Originator, FlightLeg and PNRs were read", self.root)
        had_fragment = self.fragment is not None
        open_messages = [m for m in (self.message, self.fragment) if m is not None]
        self.message = self.fragment = None
        for message in open_messages:
            if message.element is not None and failure is None:
                self.note_on(message, "XML-MISSING", f"{ROOT} without its end tag",
                             message.element)
            yield from self._build_message(message)
        if self.messages == 0:
            if failure is None:
                yield self._error("XML-NOT-PNRGOV", f"the XML root element is {root}: "
                                  f"neither {ROOT} nor PNR elements were found; nothing was "
                                  "read" if root else "no XML element found; nothing was read",
                                  1 if root else None, root)
        elif root not in (ROOT, None) and not had_fragment:
            yield self._defect("XML-ROOT-UNEXPECTED", f"the root element is {root}, not "
                               f"{ROOT}: the {ROOT} elements inside were read, its other "
                               "content was not", self.root.sourceline, root)
        if failure is not None:
            yield failure

    # ------------------------------------------------------------------ one PNR
    def _pnr_end(self, element: Any) -> None:
        message = self.message
        if message is None:
            if self.fragment is None:
                self.fragment = _Message(None, self._new_reference())
            message = self.fragment
        message.pnr_count += 1
        where = f"PNR[{message.pnr_count}]"
        saved_reference = self.reference
        if message.message_date is not None:
            self.reference = message.message_date
        self.notes = {}
        pnr = _Pnr(where, element.sourceline)
        self.pnr = pnr
        try:
            record = self._read_pnr(pnr, element, message)
            if self.stream:
                message.streamed += 1
                self.out.append(PushedPnr(
                    record, message.streamed, message.reference,
                    _push_type(message.function), message.sender, message.flight,
                    message.transaction, message.part, self.name))
            else:
                message.pnrs.append(record)
        except PaxdataError:
            raise
        except Exception as exc:  # a reader bug on input nobody foresaw: isolate the PNR
            found = self._defect(
                "PNR-UNREADABLE", f"{where} ({self.shown(repr(pnr.locator))}) could not be "
                f"read: paxdata failed ({type(exc).__name__}: {exc}); kept raw, the other "
                "PNRs of the push are returned", element.sourceline, "PNR")
            message.unreadable.append(UnreadablePnr(
                pnr.locator, found.message, (Segment("XML", (
                    (etree.tostring(element, encoding="unicode", with_tail=False),),
                    (where,))),)))
            self.out.append(PaxdataError(found.message, found.location, code=found.code))
        finally:
            self.notes = None
            self.pnr = None
            self.reference = saved_reference
        parent = element.getparent()
        element.clear(keep_tail=True)
        if parent is not None:
            while True:
                previous = element.getprevious()
                if previous is None:
                    break
                name = self._name(previous.tag)
                if name not in ("PNR", "Originator", "FlightLeg"):
                    self.keep(message, previous, self._name(parent.tag) + "/" + name,
                              unknown=True)
                del parent[0]

    def _read_pnr(self, pnr: _Pnr, element: Any, message: _Message) -> Pnr:
        where = pnr.where
        values = self.take(element, _SPECS["PNR"], pnr, where)
        pnr.last_modified = self.when(pnr, element, where, values, "PNR_TransDate", "both")
        pnr.created = self.when(pnr, element, where, values, "PNR_CreationDate", "both")
        pnr.ticket_issued = self.when(pnr, element, where, values, "LastTktDate", "both")
        if pnr.last_modified is not None:
            pnr.dates.append(DateEntry("700", pnr.last_modified))
        if pnr.ticket_issued is not None:
            pnr.dates.append(DateEntry("710", pnr.ticket_issued))
        declared = self.number(pnr, element, where, values, "NumberOfPassengers")
        saw_pos = False
        handlers = self._pnr_children
        for name, child in self.children(element, "PNR", pnr, where):
            if name == "POS":
                if saw_pos:
                    self.keep(pnr, child, f"{where}/POS", unknown=True)
                    continue
                saw_pos = True
            handlers[name](pnr, child, where)
        if not pnr.locators:
            self.note("XML-MISSING", f"{where} without BookingRefID (required): the PNR cannot "
                      "be matched across pushes", element)
        if not saw_pos:
            self.note("XML-MISSING", f"{where} without POS (required)", element)
        if declared is not None and declared != len(pnr.travellers):
            self.note("XML-VALUE-INVALID", f"{where}: NumberOfPassengers is {declared}, "
                      f"{len(pnr.travellers)} Passenger elements were sent", element)
        limit = self.policy.max_travellers_per_message
        count = message.travellers + len(pnr.travellers)
        if count > limit:
            keep = max(0, len(pnr.travellers) - (count - limit))
            self.note("MSG-LIMIT", f"more than {limit} travellers in the message "
                      "(Policy.max_travellers_per_message): the travellers of this PNR from "
                      f"number {keep + 1} on were not read", element)
            pnr.travellers = pnr.travellers[:keep]
        message.travellers += len(pnr.travellers)
        return self._build_pnr(pnr, message)

    # --- Gr.1-like elements
    def _booking_ref(self, pnr: _Pnr, element: Any, where: str) -> None:
        pnr.locators.append(self._locator(pnr, element, f"{where}/BookingRefID"))

    def _locator(self, owner: _Owner, element: Any, where: str) -> RecordLocator:
        values = self.take(element, _UNIQUE_ID, owner, where)
        system = None
        for _, child in self.children(element, "BookingRefID", owner, where):
            if system is not None:
                self.keep(owner, child, f"{where}/CompanyName", unknown=True)
                continue
            system = self._company(owner, child, f"{where}/CompanyName") or ""
        locator = (values.get("ID") or "").strip() or None
        if locator is None:
            self.note("XML-MISSING", f"{where} without ID (the record locator)", element)
        return RecordLocator(self.code(system), locator,
                             (values.get("Type") or "").strip() or None)

    def _company(self, owner: _Owner, element: Any, where: str) -> str | None:
        """A CompanyNameType element: its Code (the text, a company name, is kept raw)."""
        values = self.take(element, _COMPANY, owner, where)
        text = element.text
        if text is not None and text.strip():
            self.keep_attrs(owner, element, self._name(element.tag), where,
                            [("text()", text.strip())])
            self.note("XML-NOT-MAPPED", f"{where}: the company name text is not carried by "
                      "the PNR records; kept raw", element)
        self._no_children(element, owner, where)
        return self.code(values.get("Code"))

    def _pnr_ssr(self, pnr: _Pnr, element: Any, where: str) -> None:
        ssr = self._ssr(pnr, element, f"{where}/SSR", None)
        if ssr is not None:
            pnr.pending.append((ssr, _OWNER_PNR, pnr, element.sourceline))

    def _pnr_doc_ssr(self, pnr: _Pnr, element: Any, where: str) -> None:
        ssr = self._doc_ssr(pnr, element, f"{where}/DOC_SSR")
        if ssr is not None:
            pnr.pending.append((ssr, _OWNER_PNR, pnr, element.sourceline))

    def _pnr_osi(self, pnr: _Pnr, element: Any, where: str) -> None:
        remark = self._osi(pnr, element, f"{where}/OSI")
        pnr.remarks.append(remark)
        pnr.contacts.extend(_osi_contacts(remark, None))

    def _pos(self, pnr: _Pnr, element: Any, where: str) -> None:
        where = f"{where}/POS"
        sources = []
        for _, child in self.children(element, "POS", pnr, where):
            sources.append(child)
        if not sources:
            self.note("XML-MISSING", f"{where} without Source (required)", element)
            return
        for extra in sources[1:]:
            self.keep(pnr, extra, f"{where}/Source", unknown=False)
        source = sources[0]
        where = f"{where}/Source"
        values = self.take(source, _SPECS["Source"], pnr, where)
        agency = company = kind = None
        for _, child in self.children(source, "Source", pnr, where):
            if kind is not None or agency is not None or company is not None:
                self.keep(pnr, child, f"{where}/RequestorID", unknown=True)
                continue
            inner = f"{where}/RequestorID"
            requestor = self.take(child, _SPECS["RequestorID"], pnr, inner)
            kind = (requestor.get("Type") or "").strip() or None
            agency = (requestor.get("ID") or "").strip() or None
            for _, name in self.children(child, "RequestorID", pnr, inner):
                if company is None:
                    company = self._company(pnr, name, f"{inner}/CompanyName") or ""
                else:
                    self.keep(pnr, name, f"{inner}/CompanyName", unknown=True)
        originator = Originator(
            system=self.code(values.get("AirlineVendorID")),
            location=self.code(values.get("AirportCode")), agency_number=agency,
            agent_office=(values.get("PseudoCityCode") or "").strip() or None,
            company=self.code(company), originator_type=kind,
            country=self.code(values.get("ISOCountry")),
            currency=self.code(values.get("ISOCurrency")),
            agent_id=(values.get("AgentSine") or "").strip() or None)
        empty = not source.attrib and not len(source)
        if empty:
            originator = Originator(empty=True)
            pnr.cancelled = True
            self.note("PNR-CANCELLED", f"{pnr.where} sent with an empty POS/Source: the PNR, "
                      "or the pushed flight in it, was cancelled", source)
        pnr.originator = originator

    def _address(self, owner: _Owner, element: Any, where: str, reference: str | None
                 ) -> tuple[Address, list[Contact]]:
        values = self.take(element, _SPECS["ContactInfo"], owner, where)
        lines: list[str] = []
        found: dict[str, str | None] = {}
        subentity = country = None
        for name, child in self.children(element, "ContactInfo", owner, where):
            inner = f"{where}/{name}"
            if name == "AddressLine":
                line = self.text(child, owner, inner)
                if line:
                    lines.append(line)
                continue
            if name in found:
                self.keep(owner, child, inner, unknown=True)
                continue
            if name == "StateProv":
                subentity = self.code(self.take(child, _SPECS["StateProv"], owner,
                                                inner).get("StateCode"))
            elif name == "CountryName":
                country = self.code(self.take(child, _SPECS["CountryName"], owner,
                                              inner).get("Code"))
            found[name] = self.text(child, owner, inner)
        phone = (values.get("PhoneNumber") or "").strip() or None
        email = (values.get("EmailAddress") or "").strip() or None
        purpose = (values.get("Type") or "").strip() or None
        address = Address(
            purpose=purpose, street="\n".join(lines) or None, city=found.get("CityName"),
            country_subentity=subentity, country_subentity_name=found.get("StateProv"),
            country=country or found.get("CountryName"), postal_code=found.get("PostalCode"),
            free_text=phone or email)
        contacts = []
        if phone or email:
            contacts.append(_text_contact(purpose, phone or email or "", reference))
        if phone and email:
            contacts.append(decode_contact("email", email, "ContactInfo", reference, None,
                                           email))
        return address, contacts

    def _pnr_contact(self, pnr: _Pnr, element: Any, where: str) -> None:
        address, contacts = self._address(pnr, element, f"{where}/ContactInfo", None)
        pnr.addresses.append(address)
        pnr.contacts.extend(contacts)

    def _prepaid(self, pnr: _Pnr, element: Any, where: str) -> None:
        where = f"{where}/PrepaidBag"
        values = self.take(element, _SPECS["PrepaidBag"], pnr, where)
        self._no_children(element, pnr, where)
        pnr.ebd.append(ExcessBaggage(
            self.code(values.get("CurrencyCode")), (values.get("Amount") or "").strip() or None,
            self.number(pnr, element, where, values, "UnitOfMeasureQuantity"),
            (values.get("UnitOfMeasure") or "").strip() or None,
            (values.get("UnitOfMeasureCode") or "").strip() or None))

    def _split(self, pnr: _Pnr, element: Any, where: str) -> None:
        where = f"{where}/SplitPNR"
        values = self.take(element, _SPECS["SplitPNR"], pnr, where)
        self._no_children(element, pnr, where)
        locator = (values.get("PNR_ID") or "").strip() or None
        system = self.code(values.get("VendorCode"))
        pnr.splits.append(SplitPnr(
            self.number(pnr, element, where, values, "NbrOfPassengers"),
            (RecordLocator(system, locator),) if locator or system else ()))

    def _other_segment(self, pnr: _Pnr, element: Any, where: str) -> None:
        """A non-air segment: dates, places and supplier read; the whole element is kept
        as the product's raw ``segment`` (hotel and car details, service id)."""
        where = f"{where}/OtherTravelSegment[{len(pnr.nonair) + 1}]"
        values = dict(element.attrib)
        scratch = _Owner()
        start = self.when(scratch, element, where, values, "StartDate", "both")
        end = self.when(scratch, element, where, values, "EndDate", "both")
        locations = []
        provider = None
        for child in element:
            name = self._name(child.tag)
            if name in ("StartLocation", "EndLocation"):
                code = self.code(child.get("LocationCode"))
                if code:
                    locations.append(code)
            elif name == "Supplier":
                provider = self.code(child.get("Code"))
        raw = Segment("XML", ((etree.tostring(element, encoding="unicode", with_tail=False),),
                              (where,)))
        pnr.nonair.append(NonAirSegment(None, (NonAirProduct(
            start, end, tuple(locations), provider, None, raw),)))

    def _lts(self, pnr: _Pnr, element: Any, where: str) -> None:
        text = element.text
        for child in element:
            self.keep(pnr, child, f"{where}/UnstructuredPNR_History/{self._name(child.tag)}",
                      unknown=True)
        if text:
            pnr.lines += tuple(text.splitlines())

    # --- SSR, OSI
    def _ssr(self, owner: _Owner, element: Any, where: str, flight: str | None) -> Ssr | None:
        values = self.take(element, _SPECS["SSR"], owner, where)
        carrier = text = None
        for name, child in self.children(element, "SSR", owner, where):
            if name == "Airline":
                carrier = self._company(owner, child, f"{where}/Airline")
            else:
                text = self.text(child, owner, f"{where}/Text")
        code = (values.get("SSRCode") or "").strip().upper()
        if not code:
            self.note("XML-MISSING", f"{where} without SSRCode (required)", element)
        reference = (values.get("RPH") or "").strip() or None
        requirement = None
        kind = CODES.ssr_decoders.get(code)
        if code in _SEAT_CODES and text is not None and _is_seat(text):
            requirement, text = text, None
        details, problems = decode_ssr(code, text or "", requirement or "", self.reference,
                                       reference) \
            if kind is not None and (text or kind != "seat") else _UNDECODED
        for problem in problems:
            self.note("PNR-SSR-FORMAT", f"{where}: SSR {code}: {problem}", element)
        return Ssr(code or None, (values.get("Status") or "").strip() or None,
                   (values.get("ServiceQuantity") or "").strip() or None, carrier,
                   self.code(values.get("BoardPoint")), self.code(values.get("OffPoint")),
                   text, reference, requirement, None, None, details, flight)

    def _doc_ssr(self, owner: _Owner, element: Any, where: str) -> Ssr | None:
        values = self.take(element, _SPECS["DOC_SSR"], owner, where)
        carrier = board = off = None
        details: DocsDetails | DocoDetails | DocaDetails | None = None
        which = None
        for name, child in self.children(element, "DOC_SSR", owner, where):
            inner = f"{where}/{name}"
            if name == "FlightInfo":
                info = self.take(child, _SPECS["FlightInfo"], owner, inner)
                self._no_children(child, owner, inner)
                carrier = self.code(info.get("Code"))
                board = self.code(info.get("BoardingPoint"))
                off = self.code(info.get("DePlaningPoint"))
                continue
            if which is not None:
                self.keep(owner, child, inner, unknown=True)
                continue
            which = name
            self._no_children(child, owner, inner)
            details = self._doc_details(owner, child, inner, name)
        code = (values.get("SSRCode") or "").strip().upper()
        if which is None:
            self.note("XML-MISSING", f"{where} without DOCS, DOCA or DOCO", element)
        elif code and code != which:
            self.invalid(owner, element, where, "SSRCode", code, f"differs from its {which} "
                         f"element; read as {which}")
        return Ssr(which or code or None, (values.get("Status") or "").strip() or None,
                   (values.get("ServiceQuantity") or "").strip() or None, carrier, board, off,
                   None, (values.get("RPH") or "").strip() or None, None, None, None, details)

    def _doc_details(self, owner: _Owner, element: Any, where: str, kind: str
                     ) -> DocsDetails | DocoDetails | DocaDetails:
        values = self.take(element, _SPECS[kind], owner, where)

        def get(name: str) -> str | None:
            return (values.get(name) or "").strip() or None

        if kind == "DOCS":
            gender = (get("Gender") or "").upper() or None
            givens = tuple(g for g in (get("FirstGivenName"), get("SecondGivenName")) if g)
            return DocsDetails(
                document_type=get("TravelDocType"), issuing_country=self.code(
                    get("IssuingLoc")), number=get("TravelDocNbr"),
                nationality=self.code(get("PaxNationality")),
                date_of_birth=self.doc_date(owner, element, where, values, "DateOfBirth", True),
                gender=gender, expiry_date=self.doc_date(owner, element, where, values,
                                                         "ExpiryDate", False),
                surname=get("Surname"), given_names=givens,
                primary_holder=(get("PrimaryPassportHolder") or "").upper() == "H",
                infant=bool(CODES.docs_genders.get(gender or "")))
        if kind == "DOCO":
            return DocoDetails(
                place_of_birth=get("BirthLocation"), document_type=get("TravelDocType"),
                number=get("TravelDocNbr"), place_of_issue=get("PlaceOfIssue"),
                issue_date=self.doc_date(owner, element, where, values, "DateOfIssue", True),
                applicable_country=self.code(get("CountryState")),
                infant=(get("InfantIndicator") or "").upper() == "I")
        address_type = (get("AddressType") or "").upper()
        return DocaDetails(
            address_type=_DOCA_TYPES.get(address_type, address_type or None),
            country=self.code(get("Country")), street=get("Address"), city=get("CityName"),
            state=get("StateProvCounty"), postal_code=get("PostalCode"),
            infant=(get("InfantIndicator") or "").upper() == "I")

    def _osi(self, owner: _Owner, element: Any, where: str) -> Remark:
        self.take(element, _SPECS["OSI"], owner, where)
        carrier = text = None
        for name, child in self.children(element, "OSI", owner, where):
            if name == "Airline":
                carrier = self._company(owner, child, f"{where}/Airline")
            else:
                text = self.text(child, owner, f"{where}/Text")
        return Remark("4", "28", (text,) if text else (), carrier)

    # --- Passenger (EDIFACT Gr.2-4)
    def _passenger(self, pnr: _Pnr, element: Any, where: str) -> None:
        traveller = _Traveller(f"{where}/Passenger[{len(pnr.travellers) + 1}]")
        where = traveller.where
        values = self.take(element, _SPECS["Passenger"], traveller, where)
        traveller.ref = (values.get("RPH") or "").strip() or None
        traveller.upi = (values.get("PaxID") or "").strip() or None
        traveller.accompanied = bool(self.flag(traveller, element, where, values,
                                               "AccompaniedByInfantInd"))
        handlers = self._passenger_children
        for name, child in self.children(element, "Passenger", traveller, where):
            handlers[name](traveller, child, where)
        if traveller.surname is None:
            self.note("XML-MISSING", f"{where} without Surname (required)", element)
        pnr.travellers.append(traveller)

    def _given(self, traveller: _Traveller, element: Any, where: str) -> None:
        if traveller.given_raw is not None:
            self.keep(traveller, element, f"{where}/GivenName", unknown=True)
            return
        value = element.text.strip() if element.text else ""
        self._no_children(element, traveller, f"{where}/GivenName")
        traveller.given_raw = value or None
        split, title = split_title(value)
        traveller.given = split + traveller.given
        if title is not None:
            traveller.title = title

    def _middle(self, traveller: _Traveller, element: Any, where: str) -> None:
        value = self.text(element, traveller, f"{where}/MiddleName")
        if value:
            traveller.given += (value,)

    def _surname_prefix(self, traveller: _Traveller, element: Any, where: str) -> None:
        value = self.text(element, traveller, f"{where}/SurnamePrefix")
        if value:
            traveller.surname = f"{value} {traveller.surname}" if traveller.surname else value

    def _surname(self, traveller: _Traveller, element: Any, where: str) -> None:
        value = self.text(element, traveller, f"{where}/Surname")
        if value:
            traveller.surname = f"{traveller.surname} {value}" if traveller.surname else value

    def _name_title(self, traveller: _Traveller, element: Any, where: str) -> None:
        if traveller.title is not None:
            self.keep(traveller, element, f"{where}/NameTitle", unknown=False)
            return
        traveller.title = self.text(element, traveller, f"{where}/NameTitle")

    def _loyalty(self, traveller: _Traveller, element: Any, where: str) -> None:
        where = f"{where}/CustLoyalty"
        values = self.take(element, _SPECS["CustLoyalty"], traveller, where)
        self._no_children(element, traveller, where)
        traveller.ff.append(FrequentFlyer(
            self.code(values.get("ProgramID")), (values.get("MembershipID") or "").strip()
            or None, (values.get("LoyalLevel") or "").strip() or None, "CustLoyalty"))

    def _traveller_osi(self, traveller: _Traveller, element: Any, where: str) -> None:
        remark = self._osi(traveller, element, f"{where}/OSI")
        traveller.remarks.append(remark)
        traveller.contacts.extend(_osi_contacts(remark, traveller.ref))

    def _excess(self, traveller: _Traveller, element: Any, where: str) -> None:
        where = f"{where}/ExcessBaggage"
        values = self.take(element, _SPECS["ExcessBaggage"], traveller, where)
        self._no_children(element, traveller, where)
        traveller.ebd.append(ExcessBaggage(
            None, None, self.number(traveller, element, where, values, "UnitOfMeasureQuantity"),
            (values.get("UnitOfMeasure") or "").strip() or None,
            (values.get("UnitOfMeasureCode") or "").strip() or None))

    def _fare(self, traveller: _Traveller, element: Any, where: str) -> None:
        where = f"{where}/FareInfo"
        if traveller.fare is not None:
            self.keep(traveller, element, where, unknown=False)
            return
        values = self.take(element, _SPECS["FareInfo"], traveller, where)
        for _ in self.children(element, "FareInfo", traveller, where):
            pass
        code = (values.get("PTC_Code") or "").strip() or None
        traveller.fare = Fare(code)
        traveller.ptype = code  # PADIS 6353, the code list of EDIFACT's TIF passenger type

    def _traveller_ssr(self, traveller: _Traveller, element: Any, where: str) -> None:
        assert self.pnr is not None
        ssr = self._ssr(traveller, element, f"{where}/SSR", None)
        if ssr is not None:
            self.pnr.pending.append((ssr, _OWNER_TRAVELLER, traveller, element.sourceline))

    def _traveller_doc_ssr(self, traveller: _Traveller, element: Any, where: str) -> None:
        assert self.pnr is not None
        ssr = self._doc_ssr(traveller, element, f"{where}/DOC_SSR")
        if ssr is not None:
            self.pnr.pending.append((ssr, _OWNER_TRAVELLER, traveller, element.sourceline))

    def _traveller_contact(self, traveller: _Traveller, element: Any, where: str) -> None:
        address, contacts = self._address(traveller, element, f"{where}/ContactInfo",
                                          traveller.ref)
        traveller.addresses.append(address)
        traveller.contacts.extend(contacts)

    def _ticket(self, traveller: _Traveller, element: Any, where: str) -> None:
        where = f"{where}/TicketDocument[{len(traveller.tickets) + 1}]"
        values = self.take(element, _SPECS["TicketDocument"], traveller, where)
        number = (values.get("TicketDocumentNbr") or "").strip() or None
        doc_type = (values.get("Type") or "").strip() or None
        amounts: list[Amount] = []
        taxes: list[Tax] = []
        payments: list[Payment] = []
        pricing = None
        ticketing: datetime | date | None = None
        for name, child in self.children(element, "TicketDocument", traveller, where):
            inner = f"{where}/{name}"
            if name == "TotalFare":
                fare = self.take(child, _SPECS["TotalFare"], traveller, inner)
                self._no_children(child, traveller, inner)
                amounts.append(Amount("T", (fare.get("Amount") or "").strip() or None,
                                      self.code(fare.get("CurrencyCode"))))
            elif name == "PricingInfo":
                info = self.take(child, _SPECS["PricingInfo"], traveller, inner)
                self._no_children(child, traveller, inner)
                if self.flag(traveller, child, inner, info, "NonRefundableInd"):
                    pricing = "NR"
                ticketing = self._ticketing(traveller, child, inner, info)
            elif name == "Taxes":
                for _, tax in self.children(child, "Taxes", traveller, inner):
                    taxes.append(self._tax(traveller, tax, f"{inner}/Tax"))
            else:
                payments.append(self._payment(traveller, child, inner, number))
        issued = self.when(traveller, element, where, values, "DateOfIssue", "date")
        ticket = Ticket(number, doc_type, None, bool(CODES.ticket_types.get(doc_type or "")),
                        tuple(amounts), tuple(taxes), pricing, ticketing, None, None,
                        self.code(values.get("TicketLocation")), issued)
        traveller.tickets.append(ticket)
        traveller.payments.extend(payments)

    def _ticketing(self, owner: _Owner, element: Any, where: str, values: dict[str, str]
                   ) -> datetime | date | None:
        day = self.when(owner, element, where, values, "Date", "date")
        text = values.get("Time")
        if text is None or not text.strip():
            return day
        found, lenient = _values.moment(text)
        if isinstance(found, time):
            if isinstance(day, date) and not isinstance(day, datetime):
                return datetime.combine(day, found)
            self.invalid(owner, element, where, "Time", text, "is a time without its Date")
            return day
        if isinstance(found, date):
            if lenient:
                self.note("XML-VALUE-FORMAT", f"{where}: Time of PricingInfo "
                          f"{self.shown(repr(text))} is not an ISO 8601 time; read as "
                          f"{self.shown(found.isoformat())}", element)
            return found
        self.invalid(owner, element, where, "Time", text, "is not an ISO 8601 time")
        return day

    def _tax(self, owner: _Owner, element: Any, where: str) -> Tax:
        values = self.take(element, _SPECS["Tax"], owner, where)
        self._no_children(element, owner, where)
        code = self.code(values.get("TaxType"))
        country = values.get("ISOCountry")
        if code is None:
            code = self.code(country)
        elif country is not None:
            self.keep_attrs(owner, element, "Tax", where, [("ISOCountry", country)])
            self.note("XML-NOT-MAPPED", f"{where}: ISOCountry of Tax is not carried by the PNR "
                      "records when TaxType is sent; kept raw", element)
        return Tax((values.get("Amount") or "").strip() or None,
                   self.code(values.get("CurrencyCode")), code,
                   (values.get("Qualifier") or "").strip() or None)

    def _payment(self, owner: _Owner, element: Any, where: str, ticket: str | None) -> Payment:
        values = self.take(element, _SPECS["PaymentInfo"], owner, where)
        sponsor = []
        holder = (values.get("CardHolderName") or "").strip()
        if holder:
            sponsor.append(holder)
        for _, child in self.children(element, "PaymentInfo", owner, where):
            line = self.text(child, owner, f"{where}/Sponsor")
            if line:
                sponsor.append(line)

        def get(name: str) -> str | None:
            return (values.get(name) or "").strip() or None

        return Payment(get("PaymentType"), get("PaymentAmount"), get("VendorCode"),
                       get("AccountNbr"), get("ExpiryDate"), get("PaymentUse"),
                       tuple(sponsor), None, ticket)

    # --- Flight (EDIFACT Gr.5-7)
    def _flight(self, pnr: _Pnr, element: Any, where: str) -> None:
        where = f"{where}/Flight[{len(pnr.itinerary) + 1}]"
        segment = _Segment()
        later = self._segment(segment, element, where, "Flight")
        pnr.itinerary.append(segment)
        for name, child in later:
            inner = f"{where}/{name}"
            if name == "SSR":
                ssr = self._ssr(segment, child, inner, segment.designator)
                if ssr is not None:
                    pnr.pending.append((ssr, _OWNER_SEGMENT, segment, child.sourceline))
            elif name == "BookingRefID":
                segment.locators.append(self._locator(segment, child, inner))
            elif name == "OSI":
                segment.remarks.append(self._osi(segment, child, inner))
            else:
                self._check_in(segment, child, inner)

    def _segment(self, segment: _Segment, element: Any, where: str, kind: str
                 ) -> list[tuple[str, Any]]:
        """A BookFlightSegmentType element; returns the children read after the flight's
        own data (SSR, BookingRefID, OSI, CheckInInfo), which need its designator."""
        spec = _SPECS[kind]
        values = self.take(element, spec, segment, where)
        segment.number = (values.get("FlightNumber") or "").strip() or None
        segment.rbd = (values.get("ResBookDesigCode") or "").strip() or None
        segment.status = self.code(values.get("Status"))
        segment.party = self.number(segment, element, where, values, "NumberInParty")
        segment.dep_at = self.when(segment, element, where, values, "DepartureDateTime", "both")
        segment.arr_at = self.when(segment, element, where, values, "ArrivalDateTime", "both")
        later = []
        seen: set[str] = set()
        for name, child in self.children(element, kind, segment, where):
            inner = f"{where}/{name}"
            if name in ("SSR", "BookingRefID", "OSI", "CheckInInfo"):
                later.append((name, child))
                continue
            if name in seen:
                self.keep(segment, child, inner, unknown=name != "Equipment")
                continue
            seen.add(name)
            if name == "DepartureAirport":
                segment.dep = self._location(segment, child, inner)
            elif name == "ArrivalAirport":
                segment.arr = self._location(segment, child, inner)
            elif name == "MarketingAirline":
                segment.carrier = self._company(segment, child, inner)
            elif name == "OperatingAirline":
                operating = self.take(child, _SPECS["OperatingAirline"], segment, inner)
                text = child.text
                if text is not None and text.strip():
                    self.keep_attrs(segment, child, name, inner, [("text()", text.strip())])
                self._no_children(child, segment, inner)
                segment.op_carrier = self.code(operating.get("Code"))
                segment.op_number = (operating.get("FlightNumber") or "").strip() or None
                segment.op_rbd = (operating.get("ResBookDesigCode") or "").strip() or None
            else:
                equipment = self.take(child, _SPECS["Equipment"], segment, inner)
                text = child.text
                if text is not None and text.strip():
                    self.keep_attrs(segment, child, name, inner, [("text()", text.strip())])
                segment.aircraft = self.code(equipment.get("AirEquipType"))
        carrier, number = segment.carrier, segment.number
        segment.designator = carrier + number if carrier and number else (number or carrier)
        self._date_change(segment, element, where, values, segment.dep_at, segment.arr_at)
        return later

    def _check_in(self, segment: _Segment, element: Any, where: str) -> None:
        values = self.take(element, _SPECS["CheckInInfo"], segment, where)
        at = self.when(segment, element, where, values, "Time", "both")
        agent_id = (values.get("AgentID") or "").strip() or None
        agent = Originator(agent_id=agent_id) if agent_id else None
        numbers = 0
        for _, child in self.children(element, "CheckInInfo", segment, where):
            numbers += 1
            checkin = _CheckIn(child.sourceline)
            checkin.at, checkin.agent = at, agent
            inner = f"{where}/BoardingNumber[{numbers}]"
            board = self.take(child, _SPECS["BoardingNumber"], segment, inner)
            checkin.boarding = (board.get("Number") or "").strip() or None
            checkin.ref = (board.get("RPH") or "").strip() or None
            bags = []
            for name, part in self.children(child, "BoardingNumber", segment, inner):
                place = f"{inner}/{name}"
                if name == "Passenger":
                    surname = given = None
                    for kind, piece in self.children(part, "CheckInPassenger", segment, place):
                        value = self.text(piece, segment, f"{place}/{kind}")
                        if kind == "Surname":
                            surname = value
                        else:
                            given = value
                    checkin.name = f"{surname or ''}/{given}" if given else surname
                elif name == "SeatNumber":
                    seat = self.take(part, _SPECS["SeatNumber"], segment, place)
                    checkin.seat = self.text(part, segment, place)
                    checkin.cabin = (seat.get("CabinClass") or "").strip() or None
                else:
                    bags.append((part, place))
            if bags:
                checkin.bags = self._bags(segment, bags, segment.designator)
            segment.checkins.append(checkin)
        if not numbers:
            self.note("XML-MISSING", f"{where} without BoardingNumber (required)", element)

    def _bags(self, owner: _Owner, elements: list[tuple[Any, str]], flight: str | None
              ) -> BagGroup:
        tags = []
        weight: float | None = None
        unit = pool = None
        limit = self.policy.max_bag_tag_run
        for element, where in elements:
            values = self.take(element, _SPECS["CheckedBag"] if self._name(element.tag) !=
                               "Bag" else _SPECS["Bag"], owner, where)
            self._no_children(element, owner, where)
            quantity = values.get("UnitOfMeasureQuantity")
            if quantity is not None and quantity.strip():
                try:
                    weight = (weight or 0.0) + float(quantity)
                except ValueError:
                    self.invalid(owner, element, where, "UnitOfMeasureQuantity", quantity,
                                 "is not a number")
            unit = unit or (values.get("UnitOfMeasureCode") or "").strip() or None
            pool = pool or (values.get("BaggagePool") or "").strip() or None
            number = (values.get("SerialNumber") or "").strip() or None
            carrier = self.code(values.get("IssuerCode"))
            if number is None and carrier is None:
                continue
            run = self.number(owner, element, where, values, "SequenceCount")
            numbers: tuple[str, ...] = ()
            if number:
                if run is not None and run > limit:
                    self.note("XML-VALUE-INVALID", f"{where}: a run of {run} bag tags exceeds "
                              f"the limit of {limit}; only the first tag is listed", element)
                    numbers = (number,)
                else:
                    numbers = tuple(expand_bag_tags(number, run or 1))
            tags.append(BagTag(carrier, number, run, self.code(values.get("BagDestination")),
                               numbers))
        count = sum(t.count or 1 for t in tags) if tags else None
        return BagGroup(count, weight, CODES.bag_units.get(unit or ""), unit, None, pool, None,
                        tuple(tags), flight)

    # --- history (EDIFACT Gr.10-12)
    def _history(self, pnr: _Pnr, element: Any, where: str) -> None:
        where = f"{where}/StructuredPNR_History[{len(pnr.credits) + 1}]"
        credit: dict[str, Any] = {}
        actions: list[HistoryAction] = []
        for name, child in self.children(element, "StructuredPNR_History", pnr, where):
            inner = f"{where}/{name}"
            if name == "Credit":
                if credit:
                    self.keep(pnr, child, inner, unknown=True)
                    continue
                values = self.take(child, _SPECS["Credit"], pnr, inner)
                company = None
                for _, part in self.children(child, "Credit", pnr, inner):
                    company = self._company(pnr, part, f"{inner}/CompanyName")
                credit = {"type": (values.get("Type") or "").strip() or None,
                          "agent": (values.get("ID") or "").strip() or None,
                          "company": company,
                          "at": self.when(pnr, child, inner, values, "TimeStamp", "both")}
            else:
                actions.append(self._item(child, f"{inner}[{len(actions) + 1}]"))
        if not credit:
            self.note("XML-MISSING", f"{where} without Credit (required)", element)
        pnr.credits.append(HistoryCredit(
            credit.get("type"), credit.get("agent"), None, None, credit.get("company"),
            credit.get("at"), None, tuple(actions)))

    def _item(self, element: Any, where: str) -> HistoryAction:
        owner = _Owner()
        values = self.take(element, _SPECS["Item"], owner, where)
        action = (values.get("Action") or "").strip() or None
        if action is None:
            self.note("XML-MISSING", f"{where} without Action (required)", element)
        travellers: list[HistoryTraveller] = []
        ssrs: list[Ssr] = []
        remarks: list[Remark] = []
        bags: list[tuple[Any, str]] = []
        itinerary: list[ItinerarySegment] = []
        for name, child in self.children(element, "Item", owner, where):
            inner = f"{where}/{name}"
            if name == "Flight":
                segment = _Segment()
                self._segment(segment, child, inner, "HistoryFlight")
                owner.raw.extend(segment.raw)
                segment.raw = []
                itinerary.append(segment.build())
            elif name == "Passenger":
                surname = given = None
                for kind, piece in self.children(child, "HistoryPassenger", owner, inner):
                    value = self.text(piece, owner, f"{inner}/{kind}")
                    if kind == "Surname":
                        surname = value
                    else:
                        given = value
                travellers.append(HistoryTraveller(surname, given))
            elif name == "SSR":
                found = self._ssr(owner, child, inner, None)
                if found is not None:
                    ssrs.append(found)
            elif name == "DOC_SSR":
                found = self._doc_ssr(owner, child, inner)
                if found is not None:
                    ssrs.append(found)
            elif name == "OSI":
                remarks.append(self._osi(owner, child, inner))
            else:
                bags.append((child, inner))
        groups: tuple[BagGroup, ...] = ()
        if bags:
            first = bags[0][0]
            carrier = self.code(first.get("CarrierCode"))
            number = (first.get("FlightNumber") or "").strip() or None
            flight = carrier + number if carrier and number else (number or carrier)
            groups = (self._bags(owner, bags, flight),)
        return HistoryAction(action, tuple(travellers), tuple(ssrs), tuple(remarks), groups,
                             tuple(itinerary), tuple(owner.raw))

    # ------------------------------------------------------------------ building the PNR
    def _build_pnr(self, pnr: _Pnr, message: _Message) -> Pnr:
        by_ref: dict[str, _Traveller] = {}
        for traveller in pnr.travellers:
            ref = traveller.ref
            if ref is None:
                continue
            if ref in by_ref:
                self.note("PNR-REFERENCE-DUPLICATE", f"{traveller.where}: traveller reference "
                          f"(RPH) {ref!r} is already used by another Passenger; SSRs and "
                          "check-ins naming it go to the first", tag="Passenger",
                          line=pnr.line)
                continue
            by_ref[ref] = traveller
        for ssr, owner_kind, owner, line in pnr.pending:
            self._place_ssr(pnr, by_ref, ssr, owner_kind, owner, line)
        for segment in pnr.itinerary:
            if segment.checkins:
                self._place_check_ins(pnr, by_ref, segment)
        locators = pnr.locators
        if locators and pnr.created is not None:
            first = locators[0]
            locators[0] = RecordLocator(first.booking_system, first.locator,
                                        first.control_type, pnr.created)
        first_locator = locators[0] if locators else None
        assert self.notes is not None
        warnings = self._flush(self.notes, "PNR")
        return Pnr(
            record_locator=first_locator.locator if first_locator else None,
            booking_system=first_locator.booking_system if first_locator else None,
            record_locators=tuple(locators), created_at=pnr.created,
            last_modified_at=pnr.last_modified, ticket_issued_at=pnr.ticket_issued,
            dates=tuple(pnr.dates), cancelled=pnr.cancelled, originator=pnr.originator,
            contacts=tuple(pnr.contacts), addresses=tuple(pnr.addresses),
            remarks=tuple(pnr.remarks), ssrs=tuple(pnr.ssrs), excess_baggage=tuple(pnr.ebd),
            travellers=tuple(t.build() for t in pnr.travellers),
            itinerary=tuple(s.build() for s in pnr.itinerary), split_pnrs=tuple(pnr.splits),
            non_air_segments=tuple(pnr.nonair), history=tuple(pnr.credits),
            history_lines=pnr.lines, unrecognised_segments=tuple(pnr.raw),
            warnings=tuple(warnings))

    def _place_ssr(self, pnr: _Pnr, by_ref: dict[str, _Traveller], ssr: Ssr, owner_kind: int,
                   owner: Any, line: int | None) -> None:
        """Where an SSR goes: the traveller its RPH names (as EDIFACT's 9944), its own
        Passenger, the only traveller, or the traveller its DOCS names; else it stays on
        the PNR or flight segment (PNRGOV IG SSR scope rules)."""
        ref = ssr.traveller_reference
        target: _Traveller | None = None
        if ref is not None:
            target = by_ref.get(ref)
            if target is None:
                where = {_OWNER_PNR: "the PNR", _OWNER_TRAVELLER: "its Passenger",
                         _OWNER_SEGMENT: "its Flight"}[owner_kind]
                self.note("PNR-REFERENCE-UNRESOLVED", f"{pnr.where}: SSR {ssr.code} names "
                          f"traveller reference (RPH) {ref!r}, which no Passenger of the PNR "
                          f"has; kept on {where}", tag="SSR", line=line)
        if target is None:
            if owner_kind == _OWNER_TRAVELLER:
                target = owner
            elif ref is None and len(pnr.travellers) == 1:
                target = pnr.travellers[0]
            elif ref is None and isinstance(ssr.details, DocsDetails):
                target = _by_name(pnr.travellers, ssr.details)
        if target is None:
            if owner_kind == _OWNER_SEGMENT:
                owner.ssrs.append(ssr)
            else:
                pnr.ssrs.append(ssr)
                if isinstance(ssr.details, Contact):
                    pnr.contacts.append(ssr.details)
            return
        target.ssrs.append(ssr)
        _apply_ssr(pnr, target, ssr)

    def _place_check_ins(self, pnr: _Pnr, by_ref: dict[str, _Traveller],
                         segment: _Segment) -> None:
        for checkin in segment.checkins:
            target = by_ref.get(checkin.ref) if checkin.ref else None
            if target is None and checkin.ref:
                self.note("PNR-REFERENCE-UNRESOLVED", f"{pnr.where}: check-in (BoardingNumber) "
                          f"names traveller reference (RPH) {checkin.ref!r}, which no Passenger "
                          "of the PNR has", tag="BoardingNumber", line=checkin.line)
            if target is None and checkin.name:
                target = next((t for t in pnr.travellers if checkin.name ==
                               f"{t.surname}/{t.given_raw}"), None)
            record = CheckIn(segment.designator, segment.dep, checkin.at, None, checkin.agent,
                             checkin.boarding, checkin.ref, checkin.name, None, checkin.seat,
                             checkin.cabin, checkin.bags)
            if target is None:
                segment.unassigned.append(record)
                if not checkin.ref:
                    self.note("PNR-REFERENCE-UNRESOLVED", f"{pnr.where}: check-in "
                              "(BoardingNumber) whose traveller could not be found; kept on "
                              "the flight segment", tag="BoardingNumber", line=checkin.line)
                continue
            target.check_in.append(record)
            if checkin.seat:
                target.seats.append(Seat(checkin.seat, "CheckInInfo", segment.designator,
                                         checkin.cabin, None, None, segment.dep, segment.arr))
            if checkin.bags is not None:
                target.bags.append(checkin.bags)


class _Refused(Exception):
    def __init__(self, error: PaxdataError) -> None:
        super().__init__(error.message)
        self.error = error


def _chain(first: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from first
    yield from rest


def _attr_name(key: str) -> str:
    return key.rpartition("}")[2] if key[:1] == "{" else key


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _is_seat(text: str) -> bool:
    """A bare seat number (``23A``, ``039G``): the per-traveller seat of a seat SSR."""
    return 2 <= len(text) <= 4 and text[:-1].isdigit() and text[-1].isalpha() \
        and text.isascii()


def _text_contact(purpose: str | None, text: str, reference: str | None) -> Contact:
    """The phone number or e-mail address of a ContactInfo, decoded as EDIFACT's ADD free
    text is (an e-mail when it has ``@``, ``//`` or CTCE, or purpose E)."""
    channel = "email" if (purpose == "E" or "@" in text or "//" in text or "CTCE" in text) \
        else "phone"
    value = text
    for marker in ("CTCE", "CTCM", "CTC"):
        if marker in value:
            value = value.split(marker, 1)[1].lstrip(" M").strip() if marker == "CTC" else \
                value.split(marker, 1)[1].strip()
            break
    return decode_contact(channel, value, "ContactInfo", reference, None, text)


def _osi_contacts(remark: Remark, reference: str | None) -> list[Contact]:
    """Contacts in an OSI text (``CTCE ...``, ``YY CTCM ...``), as for EDIFACT IFT 4:28."""
    found = []
    for line in remark.lines:
        if "CTC" not in line:
            continue
        words = line.split()
        channel = None
        position = 0
        for position, word in enumerate(words[:2]):  # noqa: B007 (used after the loop)
            channel = CODES.osi_contacts.get(word)
            if channel is not None:
                break
        if channel is None:
            continue
        parts = line.split(None, position + 1)
        text = parts[position + 1] if len(parts) > position + 1 else ""
        if text:
            found.append(decode_contact(channel, text, f"OSI {words[position]}", reference,
                                        None, line))
    return found


def _apply_ssr(pnr: _Pnr, traveller: _Traveller, ssr: Ssr) -> None:
    """What an SSR tells of its traveller (documents, DOCA addresses, frequent flyer,
    contacts, seats), exactly as the EDIFACT reader applies it."""
    details = ssr.details
    if isinstance(details, DocsDetails):
        if details.infant and not traveller.infant:
            infant = _infant_of(pnr.travellers, details)
            if infant is None:
                traveller.infant_docs = True
                return  # the infant's document stays in the adult's SSRs
            traveller = infant
        if details.number or details.document_type:
            key = (details.document_type, details.number)
            if key not in traveller.documents:
                traveller.documents[key] = TravelDocument(
                    details.document_type, details.number, details.issuing_country, None,
                    details.expiry_date, None, ())
        if traveller.gender is None:
            traveller.gender = details.gender
        if traveller.dob is None:
            traveller.dob = details.date_of_birth
        if traveller.nationality is None:
            traveller.nationality = details.nationality
        return
    if isinstance(details, DocoDetails):
        if traveller.pob is None:
            traveller.pob = details.place_of_birth
        if details.document_type == "V" and details.number:
            key = ("V", details.number)
            if key not in traveller.documents:
                traveller.documents[key] = TravelDocument(
                    "V", details.number, None, details.place_of_issue, None,
                    details.issue_date, ())
        return
    if isinstance(details, DocaDetails):
        traveller.addresses.append(Address(
            details.address_type, details.street, details.city, details.state, None,
            details.country, details.postal_code, None))
        return
    if isinstance(details, FrequentFlyer):
        if not any(f.carrier == details.carrier and f.number == details.number
                   for f in traveller.ff):
            traveller.ff.append(FrequentFlyer(details.carrier, details.number, details.tier,
                                              details.source, details.traveller_reference))
        return
    if isinstance(details, Contact):
        traveller.contacts.append(Contact(details.channel, details.value, details.text,
                                          details.source, details.language,
                                          details.traveller_reference))
        return
    if ssr.requirement and ssr.code in _SEAT_CODES:
        traveller.seats.append(Seat(ssr.requirement, f"SSR {ssr.code}", ssr.flight, None,
                                    ssr.status, ssr.characteristics, ssr.board_point,
                                    ssr.off_point))


def _name_key(value: str | None) -> str:
    return "".join((value or "").split()).upper()


def _by_name(travellers: list[_Traveller], docs: DocsDetails) -> _Traveller | None:
    """The one traveller whose name matches a DOCS name (surname, first given name)."""
    surname = _name_key(docs.surname)
    if not surname:
        return None
    given = _name_key(docs.given_names[0]) if docs.given_names else ""
    found = [t for t in travellers if _name_key(t.surname) == surname
             and (not given or _name_key(t.given[0] if t.given else t.given_raw)
                  .startswith(given))
             and t.infant == docs.infant]
    return found[0] if len(found) == 1 else None


def _infant_of(travellers: list[_Traveller], docs: DocsDetails) -> _Traveller | None:
    """The infant Passenger (FareInfo PTC_Code IN or INF) an infant DOCS (MI/FI) sent in an
    adult's name describes, as EDIFACT's reader finds it."""
    infants = [t for t in travellers if t.infant]
    if len(infants) == 1:
        return infants[0]
    surname = _name_key(docs.surname)
    given = _name_key(docs.given_names[0]) if docs.given_names else ""
    found = [t for t in infants if _name_key(t.surname) == surname
             and (not given or _name_key(t.given_raw).startswith(given))]
    return found[0] if len(found) == 1 else None
