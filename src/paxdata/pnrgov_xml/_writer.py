"""PNR records to PNRGOV XML: one ``IATA_PNRGOV_NotifRQ`` document per
:class:`~paxdata.pnrgov.PnrgovMessage`, whichever form the records were read from.

The mapping is the reader's, reversed (``docs/pnrgov_xml.md``), and the elements follow
the schema's sequences (IATA PADIS XML schema ``IATA_PNRGOV_NotifRQ.xsd``, release
2021.2), so records whose values fit the schema's types give a schema-valid document.
What PNRGOV XML cannot carry (EDIFACT's passenger type, base fare, validating carrier,
check-in agent's office, segments kept raw...) is left out with an XML-WRITE-LOSSY
warning per kind of field and message (counted, never quoting personal values); values
that break a schema type are written as they are, with the same warning. Derived record
fields are not written twice: travel documents, DOCA addresses, contacts, seats, bags
and frequent flyer numbers that come from SSRs or check-in data are carried by those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import attrs

from paxdata.defects import KINDS, Defect, Location
from paxdata.pnrgov import (
    Address,
    BagGroup,
    CheckIn,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    HistoryAction,
    HistoryCredit,
    ItinerarySegment,
    NonAirSegment,
    Originator,
    Payment,
    Pnr,
    PnrgovMessage,
    Remark,
    Ssr,
    Ticket,
    Traveller,
    split_title,
)
from paxdata.pnrgov._codes import CODES
from paxdata.pnrgov_xml._input import etree, safe_parser
from paxdata.pnrgov_xml._reader import IATA_NAMESPACE, ROOT
from paxdata.pnrgov_xml._values import offset_text, write_moment

__all__ = ["XmlWriteResult", "write_xml"]

_NS = "{" + IATA_NAMESPACE + "}"
_NSMAP = {None: IATA_NAMESPACE}
_DOC_CODES = {"DOCS": DocsDetails, "DOCA": DocaDetails, "DOCO": DocoDetails}
_DOCA_CODES = {v: k for k, v in CODES.doca_types.items()}
_SEAT_CODES = frozenset(c for c, k in CODES.ssr_decoders.items() if k == "seat")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_STATUS = {(True, False): "Start", (False, True): "End", (False, False): "InSeries"}


# The schema's facets for the values the writer writes (IATA_SimpleTypes.xsd and the
# types of IATA_PNRGOV_NotifRQ.xsd); a value outside them is written as it is, with an
# XML-WRITE-LOSSY warning naming the element and attribute.
_AN = "[0-9a-zA-Z]"
_CODE = r"[0-9A-Z]{1,3}(\.[A-Z]{3}(\.X)?)?"
_AIRLINE = r"[A-Z]{2,3}|[0-9][A-Z]|[A-Z][0-9]"
_FLIGHT = r"[0-9]{1,4}|OPEN|ARNK"
_MONEY = r"[+-]?([0-9]+(\.[0-9]{0,3})?|\.[0-9]{1,3})"
_POINT = "[A-Z0-9]{3,5}"


def _length(low: int, high: int) -> str:
    return f"(?s).{{{low},{high}}}"


_FACETS: dict[tuple[str, str], str] = {
    (ROOT, "Version"): r"[+-]?[0-9]+(\.[0-9]+)?", (ROOT, "Function"): _CODE,
    (ROOT, "EchoToken"): _length(1, 128), (ROOT, "TransactionIdentifier"): _length(1, 32),
    ("Originator", "AirlineCode"): f"{_AN}{{2,3}}",
    ("FlightLeg", "CarrierCode"): _AIRLINE, ("FlightLeg", "FlightNumber"): _FLIGHT,
    ("DepartureAirport", "LocationCode"): _length(1, 16),
    ("ArrivalAirport", "LocationCode"): _length(1, 16),
    ("BookingRefID", "ID"): _length(1, 32), ("BookingRefID", "Type"): _CODE,
    ("CompanyName", "Code"): _length(1, 16), ("Airline", "Code"): _length(1, 16),
    ("MarketingAirline", "Code"): _length(1, 16), ("OperatingAirline", "Code"): _length(1, 16),
    ("OperatingAirline", "FlightNumber"): _FLIGHT,
    ("OperatingAirline", "ResBookDesigCode"): "[A-Z]{1,2}",
    ("SSR", "SSRCode"): "[a-zA-Z]{4}", ("SSR", "Status"): "[a-zA-Z]{2}",
    ("SSR", "ServiceQuantity"): "0*([1-9]|[1-9][0-9])", ("SSR", "BoardPoint"): _POINT,
    ("SSR", "OffPoint"): _POINT, ("OSI", "text()"): _length(1, 64),
    ("Text", "text()"): "(?s).*",
    ("Source", "AgentSine"): _length(1, 16), ("Source", "PseudoCityCode"): _length(1, 16),
    ("Source", "ISOCountry"): "[a-zA-Z]{2}", ("Source", "ISOCurrency"): "[a-zA-Z]{3}",
    ("Source", "AirlineVendorID"): "[A-Z0-9]{2,3}", ("Source", "AirportCode"): _POINT,
    ("RequestorID", "Type"): _CODE, ("RequestorID", "ID"): _length(1, 32),
    ("ContactInfo", "Type"): _CODE, ("ContactInfo", "PhoneNumber"): _length(1, 32),
    ("AddressLine", "text()"): _length(1, 255), ("CityName", "text()"): _length(1, 64),
    ("PostalCode", "text()"): _length(1, 16), ("StateProv", "StateCode"): _length(2, 8),
    ("StateProv", "text()"): _length(0, 64), ("CountryName", "Code"): "[a-zA-Z]{2}",
    ("CountryName", "text()"): _length(0, 64),
    ("PrepaidBag", "UnitOfMeasureCode"): _CODE, ("PrepaidBag", "Amount"): _MONEY,
    ("PrepaidBag", "CurrencyCode"): "[a-zA-Z]{3}", ("PrepaidBag", "UnitOfMeasure"): _length(1, 16),
    ("Passenger", "PaxID"): f"{_AN}{{1,35}}", ("GivenName", "text()"): _length(1, 64),
    ("MiddleName", "text()"): _length(1, 64), ("Surname", "text()"): _length(1, 64),
    ("NameTitle", "text()"): _length(1, 16),
    ("CustLoyalty", "ProgramID"): _length(1, 16), ("CustLoyalty", "MembershipID"): _length(1, 32),
    ("CustLoyalty", "LoyalLevel"): _length(1, 16),
    ("ExcessBaggage", "UnitOfMeasureCode"): _CODE,
    ("ExcessBaggage", "UnitOfMeasure"): _length(1, 16),
    ("FareInfo", "PTC_Code"): _length(1, 8),
    ("TicketDocument", "TicketDocumentNbr"): _length(1, 16), ("TicketDocument", "Type"): _CODE,
    ("TicketDocument", "TicketLocation"): f"{_AN}{{1,5}}",
    ("TotalFare", "Amount"): _MONEY, ("TotalFare", "CurrencyCode"): "[a-zA-Z]{3}",
    ("Tax", "Amount"): _MONEY, ("Tax", "CurrencyCode"): "[a-zA-Z]{3}",
    ("Tax", "TaxType"): f"{_AN}{{1,3}}", ("Tax", "Qualifier"): _CODE,
    ("PaymentInfo", "PaymentType"): _CODE, ("PaymentInfo", "PaymentUse"): _CODE,
    ("PaymentInfo", "PaymentAmount"): _MONEY, ("PaymentInfo", "VendorCode"): f"{_AN}{{1,3}}",
    ("PaymentInfo", "AccountNbr"): _length(0, 25),
    ("PaymentInfo", "ExpiryDate"): "(0[1-9]|1[0-2])[0-9][0-9]",
    ("DOC_SSR", "SSRCode"): "DOCS|DOCA|DOCO", ("DOC_SSR", "Status"): f"{_AN}{{1,2}}",
    ("DOC_SSR", "ServiceQuantity"): "0*([1-9]|[1-9][0-9])",
    ("FlightInfo", "Code"): _length(1, 16), ("FlightInfo", "BoardingPoint"): _POINT,
    ("FlightInfo", "DePlaningPoint"): _POINT,
    ("DOCS", "TravelDocType"): "[a-zA-Z]{1,2}", ("DOCS", "TravelDocNbr"): f"{_AN}{{1,15}}",
    ("DOCS", "IssuingLoc"): "[a-zA-Z]{1,3}", ("DOCS", "PaxNationality"): "[a-zA-Z]{1,3}",
    ("DOCS", "Gender"): "[a-zA-Z]{1,2}", ("DOCS", "Surname"): _length(1, 30),
    ("DOCS", "FirstGivenName"): _length(1, 30), ("DOCS", "SecondGivenName"): _length(1, 30),
    ("DOCO", "BirthLocation"): _length(1, 35), ("DOCO", "TravelDocType"): "[a-zA-Z]",
    ("DOCO", "TravelDocNbr"): f"{_AN}{{1,25}}", ("DOCO", "PlaceOfIssue"): _length(1, 35),
    ("DOCO", "CountryState"): f"{_AN}{{1,3}}",
    ("DOCA", "AddressType"): "D|R", ("DOCA", "Address"): _length(0, 35),
    ("DOCA", "CityName"): _length(1, 35), ("DOCA", "PostalCode"): f"{_AN}{{1,17}}",
    ("DOCA", "StateProvCounty"): _length(1, 35), ("DOCA", "Country"): f"{_AN}{{1,3}}",
    ("Flight", "ResBookDesigCode"): "[A-Z]{1,2}", ("Flight", "Status"): _CODE,
    ("Flight", "FlightNumber"): _FLIGHT, ("Equipment", "AirEquipType"): _length(3, 3),
    ("CheckInInfo", "AgentID"): _length(1, 32),
    ("BoardingNumber", "Number"): f"{_AN}{{1,30}}",
    ("SeatNumber", "text()"): f"{_AN}{{1,4}}", ("SeatNumber", "CabinClass"): "[a-zA-Z]",
    ("CheckedBag", "IssuerCode"): f"{_AN}{{1,3}}", ("CheckedBag", "SerialNumber"): "[0-9]{1,10}",
    ("CheckedBag", "BaggagePool"): _CODE, ("CheckedBag", "UnitOfMeasureCode"): _CODE,
    ("CheckedBag", "BagDestination"): "[a-zA-Z]{3}",
    ("Bag", "IssuerCode"): f"{_AN}{{1,3}}", ("Bag", "SerialNumber"): "[0-9]{1,10}",
    ("Bag", "BaggagePool"): _CODE, ("Bag", "UnitOfMeasureCode"): _CODE,
    ("Bag", "CarrierCode"): _AIRLINE, ("Bag", "FlightNumber"): _FLIGHT,
    ("SplitPNR", "VendorCode"): f"{_AN}{{2,3}}", ("SplitPNR", "PNR_ID"): _length(1, 32),
    ("Credit", "Type"): _CODE, ("Credit", "ID"): _length(1, 32), ("Item", "Action"): _CODE,
    ("StartLocation", "LocationCode"): _length(1, 16),
    ("EndLocation", "LocationCode"): _length(1, 16), ("Supplier", "Code"): _length(1, 16),
}
_PATTERNS = {key: re.compile(pattern) for key, pattern in _FACETS.items()}


@attrs.frozen(slots=True)
class XmlWriteResult:
    """A written document: ``data`` (UTF-8 XML with its declaration) and ``warnings``
    (XML-WRITE-LOSSY: what the records held that the document does not carry)."""

    data: bytes
    warnings: tuple[Defect, ...] = ()


def write_xml(message: PnrgovMessage, *, pretty: bool = True,
              name: str | None = None) -> XmlWriteResult:
    """Write ``message`` (read from EDIFACT or XML) as an ``IATA_PNRGOV_NotifRQ``
    document in the IATA namespace. ``pretty`` indents it; ``name`` is the output's name
    in the warnings' locations. Never raises for record content: values XML cannot hold
    (control characters) are replaced by U+FFFD, with a warning."""
    writer = _Writer(message, name)
    root = writer.message()
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty)
    return XmlWriteResult(data, writer.warnings())


def _decimal(value: float | int) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _ddmmmyy(value: date) -> str:
    return f"{value.day:02d}{_MONTHS[value.month - 1]}{value.year % 100:02d}"


class _Writer:
    def __init__(self, message: PnrgovMessage, name: str | None) -> None:
        self.record = message
        self.name = name
        self.lost: dict[str, int] = {}
        self.designators: dict[str | None, ItinerarySegment] = {}

    # ------------------------------------------------------------------ plumbing
    def lossy(self, what: str, count: int = 1) -> None:
        """Note a kind of value not written (counted per message)."""
        self.lost[what] = self.lost.get(what, 0) + count

    def warnings(self) -> tuple[Defect, ...]:
        kind = KINDS["XML-WRITE-LOSSY"]
        return tuple(Defect(
            "XML-WRITE-LOSSY", kind.severity,
            f"{what} ({count} time{'s' if count > 1 else ''} in message "
            f"{self.record.message_reference})",
            Location(input_name=self.name, message_reference=self.record.message_reference))
            for what, count in self.lost.items())

    def clean(self, value: str) -> str:
        if _NOT_XML.search(value) is None:
            return value
        self.lossy("characters XML 1.0 cannot hold (control characters) were replaced by "
                   "U+FFFD")
        return _NOT_XML.sub("\ufffd", value)

    def check(self, element: str, attribute: str, value: str) -> None:
        pattern = _PATTERNS.get((element, attribute))
        if pattern is not None and pattern.fullmatch(value) is None:
            what = f"{element} text" if attribute == "text()" else f"{element}@{attribute}"
            facet = _FACETS[(element, attribute)]
            self.lossy(f"{what}: a value outside the schema's type ({facet}) written as it is")

    def element(self, parent: Any, name: str,
                attributes: Iterable[tuple[str, object]] = (), text: str | None = None
                ) -> Any:
        """An element with the attributes whose values are not ``None``."""
        values = {}
        for key, value in attributes:
            if value is None or (value == "" and (name, key) != ("Item", "Action")):
                continue
            if isinstance(value, bool):
                values[key] = "true" if value else "false"
            elif isinstance(value, (datetime, date)):
                values[key] = write_moment(value)
            else:
                values[key] = self.clean(str(value))
                self.check(name, key, values[key])
        if text is not None:
            self.check(name, "text()", text)
        if parent is None:
            element = etree.Element(_NS + name, values, nsmap=_NSMAP)
        else:
            element = etree.SubElement(parent, _NS + name, values)
        if text is not None:
            element.text = self.clean(text)
        return element

    # ------------------------------------------------------------------ message
    def message(self) -> Any:
        record = self.record
        version = record.version
        whole, colon, release = version.partition(":")
        if colon and whole.isdigit() and release.isdigit():
            version = f"{whole}.{release}"
        elif not re.fullmatch(r"\d+(\.\d+)?", version or ""):
            self.lossy("the message version is not a PADIS release (NN:N); Version written "
                       "as 13.1")
            version = "13.1"
        envelope = record.envelope
        parts = (record.is_first_part, record.is_last_part)
        root = self.element(None, ROOT, (
            ("EchoToken", record.message_reference), ("TimeStamp", envelope.prepared_at),
            ("Target", "Test" if envelope.test_indicator else None), ("Version", version),
            ("TransactionIdentifier", record.common_access_reference),
            ("SequenceNmbr", record.part_number), ("TransactionStatusCode", _STATUS.get(parts)),
            ("Function", record.message_function)))
        if envelope.sender or envelope.recipient or envelope.interchange_reference:
            self.lossy("the interchange envelope (UNB sender, recipient, reference) is not "
                       "carried by PNRGOV XML")
        if record.flight_operating_carrier:
            self.lossy("the pushed flight's operating carrier (TVL e4 c2) is not carried")
        self.originator(root, record.sender)
        self.flight_leg(root, record)
        pnrs = self.element(root, "PNRs", (("NumberOfPnrs", record.declared_pnr_count
                                            if record.declared_pnr_count is not None
                                            else len(record.pnrs)),))
        for pnr in record.pnrs:
            self.pnr(pnrs, pnr)
        if record.unreadable_pnrs:
            self.lossy("PNRs that could not be read are not written",
                       len(record.unreadable_pnrs))
        if record.unrecognised_segments:
            self.lossy("message-level data kept raw is not written",
                       len(record.unrecognised_segments))
        return root

    def originator(self, root: Any, sender: Originator | None) -> None:
        self.element(root, "Originator", (("AirlineCode", sender.system if sender else None),))
        if sender is not None and any((sender.location, sender.agency_number,
                                       sender.agent_office, sender.agent_location,
                                       sender.company, sender.originator_type, sender.country,
                                       sender.currency, sender.language, sender.agent_id,
                                       sender.additional_elements)):
            self.lossy("the sender's details other than its airline (ORG) are not carried")

    def flight_leg(self, root: Any, record: PnrgovMessage) -> None:
        flight = record.flight
        if flight is None or flight.scheduled_departure is None or not flight.carrier \
                or not flight.flight_number:
            self.lossy("the pushed flight lacks its carrier, number or departure date-time "
                       "(FlightLeg requires them)")
        departure = flight.scheduled_departure if flight else None
        arrival = flight.scheduled_arrival if flight else None
        leg = self.element(root, "FlightLeg", (
            ("CarrierCode", flight.carrier if flight else None),
            ("FlightNumber", flight.flight_number if flight else None),
            ("DepartureDateTime", departure), ("ArrivalDateTime", arrival),
            ("DateChangeNbr", _date_change(departure, arrival))))
        self.element(leg, "DepartureAirport",
                     (("LocationCode", flight.departure_airport if flight else None),))
        self.element(leg, "ArrivalAirport",
                     (("LocationCode", flight.arrival_airport if flight else None),))

    # ------------------------------------------------------------------ PNR
    def pnr(self, parent: Any, pnr: Pnr) -> None:
        element = self.element(parent, "PNR", (
            ("NumberOfPassengers", len(pnr.travellers) or None),
            ("PNR_TransDate", pnr.last_modified_at), ("PNR_CreationDate", pnr.created_at),
            ("LastTktDate", pnr.ticket_issued_at)))
        if any(d.qualifier not in ("700", "710") for d in pnr.dates):
            self.lossy("PNR dates other than 700 and 710 (DAT) are not carried")
        locators = pnr.record_locators[:5] or ()
        if len(pnr.record_locators) > 5:
            self.lossy("record locators after the fifth (BookingRefID maxOccurs 5)")
        if not locators:
            self.lossy("a PNR without a record locator: BookingRefID written without ID")
            self.element(element, "BookingRefID")
        for locator in locators:
            self.booking_ref(element, locator.locator, locator.control_type,
                             locator.booking_system)
        if any(r.created_at is not None for r in pnr.record_locators[1:]):
            self.lossy("creation dates of record locators after the first are not carried")
        documents = [s for s in pnr.ssrs if _is_doc(s)]
        for ssr in pnr.ssrs:
            if not _is_doc(ssr):
                self.ssr(element, ssr, ssr.traveller_reference)
        self.remarks(element, pnr.remarks)
        self.pos(element, pnr)
        for address in pnr.addresses:
            self.address(element, address)
        for baggage in pnr.excess_baggage:
            self.element(element, "PrepaidBag", (
                ("UnitOfMeasureQuantity", baggage.count),
                ("UnitOfMeasure", baggage.piece_or_weight),
                ("UnitOfMeasureCode", baggage.unit), ("Amount", baggage.rate),
                ("CurrencyCode", baggage.currency)))
        self.designators = {}
        for segment in pnr.itinerary:
            self.designators.setdefault(_designator(segment), segment)
        placed: dict[int, list[tuple[Ssr, str | None]]] = {}
        for traveller in pnr.travellers:
            self.passenger(element, traveller, placed)
        for ssr in documents:
            self.doc_ssr(element, ssr, ssr.traveller_reference)
        for segment in pnr.itinerary:
            self.flight(element, segment, pnr, placed.get(id(segment), []))
        for split in pnr.split_pnrs:
            for split_locator in split.record_locators or (None,):
                self.element(element, "SplitPNR", (
                    ("NbrOfPassengers", split.count),
                    ("VendorCode", split_locator.booking_system if split_locator else None),
                    ("PNR_ID", split_locator.locator if split_locator else None)))
        for nonair in pnr.non_air_segments:
            self.non_air(element, nonair)
        for credit in pnr.history:
            self.history(element, credit)
        if pnr.history_lines:
            self.element(element, "UnstructuredPNR_History",
                         text="\n".join(pnr.history_lines))
        if pnr.unrecognised_segments:
            self.lossy("PNR data kept raw (unrecognised segments or XML) is not written",
                       len(pnr.unrecognised_segments))

    def booking_ref(self, parent: Any, locator: str | None, kind: str | None,
                    system: str | None) -> None:
        element = self.element(parent, "BookingRefID", (("Type", kind), ("ID", locator)))
        if system:
            self.element(element, "CompanyName", (("Code", system),))

    def remarks(self, parent: Any, remarks: Iterable[Remark]) -> None:
        for remark in remarks:
            if remark.type not in ("28", None):
                self.lossy(f"free text (IFT) of type {remark.type} is not carried (OSI is "
                           "type 28 only)")
                continue
            if len(remark.lines) > 1:
                self.lossy("a multi-line OSI is written as one OSI per line")
            for line in remark.lines or ("",):
                if len(line) > 64:
                    self.lossy("OSI text longer than 64 characters (schema limit) written "
                               "whole")
                element = self.element(parent, "OSI")
                self.element(element, "Airline", (("Code", remark.carrier),))
                self.element(element, "Text", text=line)

    def pos(self, parent: Any, pnr: Pnr) -> None:
        element = self.element(parent, "POS")
        origin = pnr.originator
        if pnr.cancelled or origin is None or origin.empty:
            if origin is None and not pnr.cancelled:
                self.lossy("a PNR without booking originator: POS/Source written empty, "
                           "which also marks a cancelled PNR")
            self.element(element, "Source")
            return
        source = self.element(element, "Source", (
            ("AgentSine", origin.agent_id), ("PseudoCityCode", origin.agent_office),
            ("ISOCountry", origin.country), ("ISOCurrency", origin.currency),
            ("AirlineVendorID", origin.system), ("AirportCode", origin.location)))
        if origin.originator_type or origin.agency_number or origin.company:
            requestor = self.element(source, "RequestorID", (
                ("Type", origin.originator_type), ("ID", origin.agency_number)))
            if origin.company:
                self.element(requestor, "CompanyName", (("Code", origin.company),))
        if origin.agent_location or origin.company_location or origin.language \
                or origin.additional_elements:
            self.lossy("booking originator's agent location, company location, language "
                       "(ORG e3, e4 c2, e6 c3) are not carried")

    def address(self, parent: Any, address: Address) -> None:
        text = address.free_text
        email = text is not None and (address.purpose == "E" or "@" in text or "//" in text
                                      or "CTCE" in text)
        element = self.element(parent, "ContactInfo", (
            ("Type", address.purpose), ("PhoneNumber", None if email else text),
            ("EmailAddress", text if email else None)))
        for line in (address.street or "").split("\n"):
            if line:
                self.element(element, "AddressLine", text=line)
        if address.city:
            self.element(element, "CityName", text=address.city)
        if address.postal_code:
            self.element(element, "PostalCode", text=address.postal_code)
        if address.country_subentity or address.country_subentity_name:
            self.element(element, "StateProv", (("StateCode", address.country_subentity),),
                         text=address.country_subentity_name)
        if address.country:
            two = len(address.country) == 2 and address.country.isalpha()
            self.element(element, "CountryName", (("Code", address.country if two else None),),
                         text=None if two else address.country)

    # ------------------------------------------------------------------ Passenger
    def passenger(self, parent: Any, traveller: Traveller,
                  placed: dict[int, list[tuple[Ssr, str | None]]]) -> None:
        element = self.element(parent, "Passenger", (
            ("RPH", traveller.traveller_reference),
            ("AccompaniedByInfantInd", True if traveller.accompanied_by_infant else None),
            ("PaxID", traveller.unique_passenger_reference)))
        if traveller.name_qualifier:
            self.lossy("the TIF name qualifier is not carried")
        self.names(element, traveller)
        for account in traveller.frequent_flyer:
            if account.source.startswith("SSR "):
                continue  # carried by its SSR FQTV
            if account.traveller_reference:
                self.lossy("the traveller reference of a frequent flyer account (FTI c3) "
                           "is not carried")
            self.element(element, "CustLoyalty", (
                ("ProgramID", account.carrier), ("MembershipID", account.number),
                ("LoyalLevel", account.tier)))
        self.remarks(element, traveller.remarks)
        for baggage in traveller.excess_baggage:
            if baggage.currency or baggage.rate:
                self.lossy("a traveller's excess baggage rate and currency (EBD e1) are not "
                           "carried")
            self.element(element, "ExcessBaggage", (
                ("UnitOfMeasureQuantity", baggage.count),
                ("UnitOfMeasure", baggage.piece_or_weight),
                ("UnitOfMeasureCode", baggage.unit)))
        fare = traveller.fare
        if fare is not None and (fare.age or fare.details):
            self.lossy("fare details other than the passenger type indicator (FAR e2..) are "
                       "not carried")
        code = fare.indicator if fare is not None and fare.indicator else \
            traveller.passenger_type
        if fare is not None and fare.indicator and traveller.passenger_type \
                and fare.indicator != traveller.passenger_type:
            self.lossy("a passenger type (TIF c2) other than the fare's (FAR e1): FareInfo "
                       "PTC_Code carries the fare's")
        if code or fare is not None:
            self.element(element, "FareInfo", (("PTC_Code", code),))
        documents: list[Ssr] = []
        for ssr in traveller.ssrs:
            if ssr.flight is not None:
                segment = self.designators.get(ssr.flight)
                if segment is not None:
                    placed.setdefault(id(segment), []).append((ssr, ssr.traveller_reference))
                    continue
                self.lossy("an SSR of a flight not in the itinerary is written without its "
                           "flight")
            if _is_doc(ssr):
                documents.append(ssr)
            else:
                self.ssr(element, ssr, ssr.traveller_reference)
        derived = {_doca_address(s) for s in traveller.ssrs if isinstance(s.details, DocaDetails)}
        for address in traveller.addresses:
            if attrs.evolve(address, segment_index=None) in derived:
                continue
            self.address(element, address)
        written = set()
        for ticket in traveller.tickets:
            written.update(self.ticket(element, ticket, traveller.payments))
        left = [p for p in traveller.payments if id(p) not in written]
        if left:
            self.lossy("a payment without its ticket (FOP in Gr.2) is not carried", len(left))
        for ssr in documents:
            self.doc_ssr(element, ssr, ssr.traveller_reference)

    def names(self, element: Any, traveller: Traveller) -> None:
        given = traveller.given_name_as_sent
        middle: tuple[str, ...] = ()
        title = traveller.title
        if given is None and traveller.given_names:
            given, middle = traveller.given_names[0], traveller.given_names[1:]
        elif given is not None:
            split, sent_title = split_title(given)
            middle = traveller.given_names[len(split):]
            if sent_title is not None:
                title = None
        if given:
            self.element(element, "GivenName", text=given)
        for name in middle[:3]:
            self.element(element, "MiddleName", text=name)
        if len(middle) > 3:
            self.lossy("given names after the fourth (MiddleName maxOccurs 3)")
        if not traveller.surname:
            self.lossy("a traveller without surname: Surname written empty")
        self.element(element, "Surname", text=traveller.surname or "")
        if title:
            self.element(element, "NameTitle", text=title)

    def ticket(self, parent: Any, ticket: Ticket, payments: Iterable[Payment]
               ) -> set[int]:
        issued = ticket.issued_at
        if isinstance(issued, datetime):
            if issued.time() != datetime.min.time():
                self.lossy("the ticket issue time (DateOfIssue is a date)")
            issued = issued.date()
        element = self.element(parent, "TicketDocument", (
            ("TicketDocumentNbr", ticket.number), ("Type", ticket.document_type),
            ("DateOfIssue", issued), ("TicketLocation", ticket.sales_city)))
        if ticket.booklets is not None:
            self.lossy("the number of booklets (TKT c3) is not carried")
        if ticket.validating_carrier or ticket.airline_code:
            self.lossy("the validating carrier and airline code (PTK e4, e5) are not carried")
        if ticket.remarks:
            self.lossy("free text of a ticket (Gr.3 IFT) is not carried")
        totals = [a for a in ticket.amounts if a.type == "T"]
        if len(totals) != len(ticket.amounts) or len(totals) > 1:
            self.lossy("amounts other than one total fare (MON T) are not carried")
        if totals:
            self.element(element, "TotalFare", (("Amount", totals[0].amount),
                                                ("CurrencyCode", totals[0].currency)))
        when = ticket.ticketing_at
        if when is not None or ticket.pricing_indicator:
            day = when.date() if isinstance(when, datetime) else when
            clock = None
            if isinstance(when, datetime):
                clock = f"{when.hour:02d}:{when.minute:02d}:{when.second:02d}{offset_text(when)}"
            if ticket.pricing_indicator not in (None, "NR"):
                self.lossy("pricing indicators other than NR (PTK e1) are not carried")
            self.element(element, "PricingInfo", (
                ("Date", day), ("Time", clock),
                ("NonRefundableInd", True if ticket.pricing_indicator == "NR" else None)))
        if ticket.taxes:
            taxes = self.element(element, "Taxes")
            for tax in ticket.taxes:
                self.element(taxes, "Tax", (("Qualifier", tax.category),
                                            ("Amount", tax.amount),
                                            ("CurrencyCode", tax.currency),
                                            ("TaxType", tax.code)))
        written = set()
        for payment in payments:
            if payment.ticket_number != ticket.number or payment.ticket_number is None:
                continue
            written.add(id(payment))
            info = self.element(element, "PaymentInfo", (
                ("PaymentType", payment.type), ("PaymentUse", payment.old_indicator),
                ("PaymentAmount", payment.amount), ("VendorCode", payment.vendor),
                ("AccountNbr", payment.account_number), ("ExpiryDate", payment.expiry)))
            for line in payment.sponsor[:5]:
                self.element(info, "Sponsor", text=line)
            if len(payment.sponsor) > 5:
                self.lossy("sponsor lines after the fifth (Sponsor maxOccurs 5)")
            if payment.billing_address is not None or payment.remarks:
                self.lossy("the billing address and free text of a payment (Gr.4 ADD, IFT) "
                           "are not carried")
        return written

    # ------------------------------------------------------------------ SSRs
    def ssr(self, parent: Any, ssr: Ssr, reference: str | None) -> None:
        text = ssr.text
        if ssr.requirement:
            if text is None and ssr.code in _SEAT_CODES:
                text = ssr.requirement
            else:
                self.lossy("SSR requirement data (C332 c1) beside free text is not carried")
        if ssr.unit or ssr.characteristics:
            self.lossy("SSR unit and seat characteristics (C332 c2, c4) are not carried")
        element = self.element(parent, "SSR", (
            ("SSRCode", ssr.code or ""), ("ServiceQuantity", ssr.quantity),
            ("Status", ssr.status), ("BoardPoint", ssr.board_point),
            ("OffPoint", ssr.off_point), ("RPH", reference)))
        if ssr.carrier:
            self.element(element, "Airline", (("Code", ssr.carrier),))
        if text is not None:
            self.element(element, "Text", text=text)

    def doc_ssr(self, parent: Any, ssr: Ssr, reference: str | None) -> None:
        details = ssr.details
        element = self.element(parent, "DOC_SSR", (
            ("SSRCode", ssr.code), ("ServiceQuantity", ssr.quantity), ("Status", ssr.status),
            ("RPH", reference)))
        if ssr.carrier or ssr.board_point or ssr.off_point:
            self.element(element, "FlightInfo", (
                ("Code", ssr.carrier), ("BoardingPoint", ssr.board_point),
                ("DePlaningPoint", ssr.off_point)))
        if isinstance(details, DocsDetails):
            if len(details.given_names) > 2 or details.name_association or details.shifted:
                self.lossy("DOCS given names after the second, name association or slash "
                           "correction are not carried by DOC_SSR/DOCS")
            self.element(element, "DOCS", (
                ("TravelDocType", details.document_type), ("TravelDocNbr", details.number),
                ("IssuingLoc", details.issuing_country),
                ("PaxNationality", details.nationality),
                ("DateOfBirth", _ddmmmyy(details.date_of_birth)
                 if details.date_of_birth else None),
                ("Gender", details.gender),
                ("ExpiryDate", _ddmmmyy(details.expiry_date) if details.expiry_date else None),
                ("Surname", details.surname),
                ("FirstGivenName", details.given_names[0] if details.given_names else None),
                ("SecondGivenName", details.given_names[1]
                 if len(details.given_names) > 1 else None),
                ("PrimaryPassportHolder", "H" if details.primary_holder else None)))
        elif isinstance(details, DocoDetails):
            self.element(element, "DOCO", (
                ("BirthLocation", details.place_of_birth),
                ("TravelDocType", details.document_type), ("TravelDocNbr", details.number),
                ("PlaceOfIssue", details.place_of_issue),
                ("DateOfIssue", _ddmmmyy(details.issue_date) if details.issue_date else None),
                ("CountryState", details.applicable_country),
                ("InfantIndicator", "I" if details.infant else None)))
        elif isinstance(details, DocaDetails):
            self.element(element, "DOCA", (
                ("AddressType", _DOCA_CODES.get(details.address_type or "",
                                                details.address_type)),
                ("Address", details.street), ("CityName", details.city),
                ("PostalCode", details.postal_code), ("StateProvCounty", details.state),
                ("Country", details.country),
                ("InfantIndicator", "I" if details.infant else None)))

    # ------------------------------------------------------------------ Flight
    def flight(self, parent: Any, segment: ItinerarySegment, pnr: Pnr,
               placed: list[tuple[Ssr, str | None]]) -> None:
        element = self.flight_segment(parent, "Flight", segment)
        for ssr in segment.ssrs:
            self.ssr(element, ssr, ssr.traveller_reference)
        for ssr, reference in placed:
            if _is_doc(ssr) and ssr.text is None:
                self.lossy("a document SSR of a flight without its free text is not carried "
                           "(DOC_SSR is not allowed in Flight)")
                continue
            self.ssr(element, ssr, reference)
        for locator in segment.record_locators[:5]:
            self.booking_ref(element, locator.locator, locator.control_type,
                             locator.booking_system)
        if len(segment.record_locators) > 5:
            self.lossy("flight record locators after the fifth (BookingRefID maxOccurs 5)")
        self.remarks(element, segment.remarks)
        designator = _designator(segment)
        check_ins: list[tuple[CheckIn, str | None]] = []
        if self.designators.get(designator) is segment:
            for traveller in pnr.travellers:
                for checkin in traveller.check_in:
                    if checkin.flight == designator and \
                            checkin.departure_airport == segment.departure_airport:
                        check_ins.append((checkin, checkin.traveller_reference))
        check_ins.extend((c, c.traveller_reference) for c in segment.unassigned_check_ins)
        for checkin, reference in check_ins:
            self.check_in(element, checkin, reference)
        if segment.unrecognised_segments:
            self.lossy("flight data kept raw (unrecognised segments or XML) is not written",
                       len(segment.unrecognised_segments))

    def flight_segment(self, parent: Any, name: str,
                       segment: ItinerarySegment) -> Any:
        if segment.flight_suffix:
            self.lossy("the operational suffix of a booked flight (TVL e5 c3) is not carried")
        departure, arrival = segment.scheduled_departure, segment.scheduled_arrival
        element = self.element(parent, name, (
            ("DepartureDateTime", departure), ("ArrivalDateTime", arrival),
            ("ResBookDesigCode", segment.booking_class),
            ("NumberInParty", segment.party_size or None), ("Status", segment.status),
            ("FlightNumber", segment.flight_number),
            ("DateChangeNbr", _date_change(departure, arrival))))
        if segment.departure_airport:
            self.element(element, "DepartureAirport",
                         (("LocationCode", segment.departure_airport),))
        if segment.arrival_airport:
            self.element(element, "ArrivalAirport", (("LocationCode", segment.arrival_airport),))
        if segment.operating_carrier or segment.operating_flight_number \
                or segment.operating_booking_class:
            self.element(element, "OperatingAirline", (
                ("Code", segment.operating_carrier),
                ("FlightNumber", segment.operating_flight_number),
                ("ResBookDesigCode", segment.operating_booking_class)))
        if segment.aircraft_type:
            self.element(element, "Equipment", (("AirEquipType", segment.aircraft_type),))
        if segment.carrier:
            self.element(element, "MarketingAirline", (("Code", segment.carrier),))
        return element

    def check_in(self, parent: Any, checkin: CheckIn, reference: str | None) -> None:
        agent = checkin.agent
        if agent is not None and attrs.evolve(agent, agent_id=None) != Originator():
            self.lossy("check-in agent details other than the agent id (Gr.6 ORG) are not "
                       "carried")
        if checkin.checked_in_text:
            self.lossy("a check-in time given as free text (DAT 3) is not carried")
        if checkin.name_reference:
            self.lossy("the traveller reference of the check-in name (Gr.7 TIF) is not "
                       "carried beside the boarding number's")
        info = self.element(parent, "CheckInInfo", (
            ("Time", checkin.checked_in_at), ("AgentID", agent.agent_id if agent else None)))
        board = self.element(info, "BoardingNumber", (("Number", checkin.boarding_number),
                                                      ("RPH", reference)))
        if checkin.name:
            surname, slash, given = checkin.name.partition("/")
            person = self.element(board, "Passenger")
            if slash and given:
                self.element(person, "GivenName", text=given)
            self.element(person, "Surname", text=surname)
        if checkin.seat:
            self.element(board, "SeatNumber", (("CabinClass", checkin.cabin),), text=checkin.seat)
        if checkin.bags is not None:
            self.bags(board, "CheckedBag", checkin.bags)

    def bags(self, parent: Any, name: str, bags: BagGroup,
             extra: Iterable[tuple[str, object]] = ()) -> None:
        if bags.pool_reference or bags.status:
            self.lossy("the bag status and pool reference (TBD e1, e4 c2) are not carried")
        expected = sum(t.count or 1 for t in bags.tags) if bags.tags else None
        if bags.count != expected:
            self.lossy("a number of bags other than the tags' (TBD e2 c1) is not carried")
        weight = _decimal(bags.weight) if bags.weight is not None else None
        tags = bags.tags or (None,)
        for position, tag in enumerate(tags):
            first = position == 0
            self.element(parent, name, (
                ("IssuerCode", tag.carrier if tag else None),
                ("SerialNumber", tag.number if tag else None),
                ("SequenceCount", tag.count if tag else None),
                ("BaggagePool", bags.pool if first else None),
                ("UnitOfMeasureQuantity", weight if first else None),
                ("UnitOfMeasureCode", bags.unit_qualifier if first else None),
                *(extra if name == "Bag" else ()),
                ("BagDestination", tag.destination if tag and name != "Bag" else None)))

    # ------------------------------------------------------------------ other parts
    def non_air(self, parent: Any, nonair: NonAirSegment) -> None:
        for product in nonair.products:
            raw = product.segment
            if raw is not None and raw.tag == "XML" and raw.elements:
                try:
                    parent.append(etree.fromstring(raw.elements[0][0].encode("utf-8"),
                                                   safe_parser()))
                    continue
                except etree.XMLSyntaxError:
                    pass
            if nonair.business_function or product.product:
                self.lossy("the business function and product of a non-air segment (Gr.9 "
                           "MSG 4025, TVL e5) are not carried")
            element = self.element(parent, "OtherTravelSegment", (
                ("StartDate", product.start), ("EndDate", product.end)))
            if product.locations:
                self.element(element, "StartLocation", (("LocationCode", product.locations[0]),))
            if len(product.locations) > 1:
                self.element(element, "EndLocation", (("LocationCode", product.locations[1]),))
            if product.provider:
                self.element(element, "Supplier", (("Code", product.provider),))

    def history(self, parent: Any, credit: HistoryCredit) -> None:
        element = self.element(parent, "StructuredPNR_History")
        head = self.element(element, "Credit", (("Type", credit.originator_type),
                                                ("ID", credit.agent_id),
                                                ("TimeStamp", credit.changed_at)))
        if credit.company:
            self.element(head, "CompanyName", (("Code", credit.company),))
        if credit.duty_code or credit.location or credit.date_qualifier:
            self.lossy("history duty code, location and date qualifier (ABI e2 c2, e3; DAT "
                       "2005) are not carried")
        for action in credit.actions:
            self.items(element, action)
        if not credit.actions:
            self.element(element, "Item", (("Action", ""),))
            self.lossy("a history credit without actions: an Item without Action written")

    def items(self, parent: Any, action: HistoryAction) -> None:
        count = (len(action.travellers) + len(action.ssrs) + len(action.remarks)
                 + len(action.bags) + len(action.itinerary))
        if count > 1:
            self.lossy("a history action with several items is written as one Item each")
        if action.unrecognised_segments:
            self.lossy("history data kept raw is not written", len(action.unrecognised_segments))

        def item() -> Any:
            return self.element(parent, "Item", (("Action", action.action or ""),))

        if not count:
            item()
        for segment in action.itinerary:
            self.flight_segment(item(), "Flight", segment)
        for person in action.travellers:
            element = self.element(item(), "Passenger")
            if person.given_name:
                self.element(element, "GivenName", text=person.given_name)
            self.element(element, "Surname", text=person.surname or "")
            if person.passenger_type or person.traveller_reference:
                self.lossy("passenger type and reference of a history traveller are not "
                           "carried")
        for ssr in action.ssrs:
            if _is_doc(ssr):
                self.doc_ssr(item(), ssr, ssr.traveller_reference)
            else:
                self.ssr(item(), ssr, ssr.traveller_reference)
        for remark in action.remarks:
            self.remarks(item(), (remark,))
        for bags in action.bags:
            carrier, number = _split_designator(bags.flight)
            self.bags(item(), "Bag", bags, (("CarrierCode", carrier),
                                            ("FlightNumber", number)))


def _is_doc(ssr: Ssr) -> bool:
    expected = _DOC_CODES.get(ssr.code or "")
    return expected is not None and isinstance(ssr.details, expected)


def _doca_address(ssr: Ssr) -> Address:
    details = ssr.details
    assert isinstance(details, DocaDetails)
    return Address(details.address_type, details.street, details.city, details.state, None,
                   details.country, details.postal_code, None)


def _designator(segment: ItinerarySegment) -> str | None:
    carrier, number = segment.carrier, segment.flight_number
    return carrier + number if carrier and number else (number or carrier)


def _split_designator(flight: str | None) -> tuple[str | None, str | None]:
    if not flight:
        return None, None
    match = re.fullmatch(r"([A-Z0-9]{2}[A-Z]?)(\d{1,4}[A-Z]?)", flight)
    if match is None:
        return None, None
    return match.group(1), match.group(2)


def _date_change(departure: datetime | date | None, arrival: datetime | date | None
                 ) -> str | None:
    if not isinstance(departure, datetime) or not isinstance(arrival, datetime):
        return None
    days = (arrival.date() - departure.date()).days
    return f"{days:+d}" if days else "0"
