"""PAXLST message reader: the segments of one message in, a :class:`PassengerList` out.

Reads by structure, for any directory (D02B, D05B, D12B, D15B...): the header (BGM, RFF TN,
Gr.1 NAD MS/CTA/COM), flight legs (Gr.2 TDT with Gr.3 LOC/DTM), travellers (Gr.4 NAD
FL/FM/DDU/DDT and their ATT, DTM, MEA, GEI, FTX, LOC, COM, EMP, NAT, RFF), their documents
(Gr.5 DOC, DTM, LOC) and the control total (CNT). Source: WCO/IATA/ICAO API Guidelines,
Appendix IIA, PAXLST Message Implementation Guide, sections 4.5-4.24 and worked examples
5.1-5.3; UN/EDIFACT PAXLST message structure (D02B-D15B).

Anything not interpreted is kept, as the raw segment, on the record it belongs to
(traveller, document or message), with a located warning.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

import attrs

from paxdata import _dates
from paxdata.defects import Defect
from paxdata.edifact import MessageHeader, Segment
from paxdata.edifact._source import Reporter
from paxdata.paxlst._codes import CODES
from paxdata.paxlst._records import (
    Address,
    Communication,
    ControlTotal,
    Envelope,
    FlightLeg,
    ListType,
    PassengerList,
    Place,
    Reference,
    ReportingParty,
    TravelDocument,
    Traveller,
    TravellerRole,
)
from paxdata.policy import Policy

__all__ = ["PaxlstBuilder", "expand_bag_tags", "split_flight_designator"]

# Sections of the message, in transmission order.
_HEADER, _REPORTING, _FLIGHT, _TRAVELLER, _DOCUMENT, _UNKNOWN_PARTY, _TRAILER = range(7)

_DESIGNATOR = re.compile(r"^(?:([A-Z]{3})|([A-Z0-9]{2}))(\d{1,5}[A-Z]?)$")


def split_flight_designator(designator: str) -> tuple[str | None, str | None]:
    """Split a flight designator into (carrier, number): ``ZZ123`` -> (``ZZ``, ``123``),
    ``U21234`` -> (``U2``, ``1234``), ``BAW9`` -> (``BAW``, ``9``). The number is kept as
    sent (leading zeros stay). A designator that does not have that shape gives
    ``(None, designator)``. Source: IATA Resolution 762 / SSIM chapter 2 (airline
    designator of 2 characters or ICAO 3 letters, flight number of up to 4 digits with an
    optional suffix)."""
    designator = designator.strip().upper()
    match = _DESIGNATOR.match(designator)
    if match is None:
        return None, designator or None
    carrier = match.group(1) or match.group(2)
    if carrier.isdigit():
        return None, designator
    return carrier, match.group(3)


def expand_bag_tags(first: str, count: int) -> list[str]:
    """Expand a run of consecutive bag tags: (``ZZ012345``, 3) -> ZZ012345, ZZ012346,
    ZZ012347; the numeric tail is incremented keeping its width (PAXLST IG 4.16 FTX BAG:
    first tag number and count of consecutive tags). A tag without a numeric tail cannot
    form a run: it is returned alone."""
    digits = len(first) - len(first.rstrip("0123456789"))
    if count <= 1 or digits == 0:
        return [first]
    prefix, number = first[:-digits], int(first[-digits:])
    return [prefix + str(number + k).zfill(digits) for k in range(count)]


class _Point:
    __slots__ = ("arrival", "code", "departure", "function", "segment")

    def __init__(self, function: str, code: str, segment: Segment) -> None:
        self.function = function
        self.code = code
        self.departure: Any = None
        self.arrival: Any = None
        self.segment = segment


class _Leg:
    __slots__ = ("carrier", "designator", "number", "points", "segment", "stage")

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self.stage = segment.get(1) or None
        designator = segment.get(2).strip()
        self.designator = designator or None
        explicit = segment.get(5).strip().upper() or None
        derived_carrier, number = split_flight_designator(designator)
        if explicit and designator.upper().startswith(explicit):
            number = designator[len(explicit):] or None
        self.carrier = explicit or derived_carrier
        self.number = number
        self.points: list[_Point] = []


class _Document:
    __slots__ = ("expiry", "issue", "issuing_country", "issuing_place", "number", "segment",
                 "type", "unrecognised")

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self.type = segment.get(1).strip() or None
        self.number = segment.get(2).strip() or None
        self.issuing_country: str | None = None
        self.issuing_place: str | None = None
        self.expiry: date | None = None
        self.issue: date | None = None
        self.unrecognised: list[Segment] = []

    def build(self) -> TravelDocument:
        return TravelDocument(self.type, self.number, self.issuing_country, self.issuing_place,
                              self.expiry, self.issue, tuple(self.unrecognised),
                              self.segment.index)


class _Traveller:
    """Mutable fields of the traveller being read; frozen into a Traveller at the end."""

    __slots__ = (
        "address",
        "bag_count",
        "bag_tags",
        "bag_unit",
        "bag_weight",
        "clearance",
        "communications",
        "crew_category",
        "disembarkation",
        "dob",
        "documents",
        "embarkation",
        "free_texts",
        "gender",
        "given",
        "nationalities",
        "party_function",
        "place_of_birth",
        "references",
        "refs",
        "residence",
        "role",
        "segment",
        "surname",
        "unrecognised",
        "verified",
        "warnings",
    )

    def __init__(self, role: TravellerRole, party_function: str, segment: Segment) -> None:
        self.role = role
        self.party_function = party_function
        self.segment = segment
        name = segment.element(4)
        self.surname = (name[0].strip() or None) if name else None
        self.given = tuple([g.strip() for g in name[1:] if g.strip()])
        self.address = _address(segment)
        self.gender: str | None = None
        self.dob: date | None = None
        self.place_of_birth: Place | None = None
        self.nationalities: list[str] = []
        self.residence: str | None = None
        self.embarkation: str | None = None
        self.disembarkation: str | None = None
        self.clearance: str | None = None
        self.communications: list[Communication] = []
        self.crew_category: str | None = None
        self.references: list[Reference] = []
        self.refs: dict[str, str] = {}
        self.bag_count: int | None = None
        self.bag_weight: float | None = None
        self.bag_unit: str | None = None
        self.bag_tags: list[str] = []
        self.verified: bool | None = None
        self.free_texts: list[str] = []
        self.documents: list[_Document] = []
        self.unrecognised: list[Segment] = []
        self.warnings: list[Defect] = []

    def build(self) -> Traveller:
        # Positional, in the record's field order (checked by _TRAVELLER_FIELDS below):
        # a frozen record with 35 fields is built 10,000 times per large list.
        refs = self.refs
        nationalities = self.nationalities
        segment = self.segment
        return Traveller(
            self.role, self.party_function, self.surname, self.given, self.gender, self.dob,
            self.place_of_birth, nationalities[0] if nationalities else None,
            tuple(nationalities[1:]) if len(nationalities) > 1 else (), self.residence,
            self.address, self.embarkation, self.disembarkation, self.clearance,
            tuple(self.communications) if self.communications else (), self.crew_category,
            refs.get("reservation_number"), refs.get("unique_passenger_reference"),
            refs.get("seat"), refs.get("frequent_flyer_number"),
            refs.get("government_reference"), refs.get("ticket_number"),
            tuple(self.references) if self.references else (), self.bag_count,
            self.bag_weight, self.bag_unit, tuple(self.bag_tags) if self.bag_tags else (),
            self.verified, tuple(self.free_texts) if self.free_texts else (),
            tuple([d.build() for d in self.documents]),
            tuple(self.unrecognised) if self.unrecognised else (),
            tuple(self.warnings) if self.warnings else (), segment.index,
            segment.offset if segment.offset >= 0 else None)


_TRAVELLER_FIELDS = (
    "role", "party_function", "surname", "given_names", "gender", "date_of_birth",
    "place_of_birth", "nationality", "other_nationalities", "country_of_residence", "address",
    "port_of_embarkation", "port_of_disembarkation", "clearance_airport", "communications",
    "crew_category", "reservation_number", "unique_passenger_reference", "seat",
    "frequent_flyer_number", "government_reference", "ticket_number", "references",
    "checked_bag_count", "checked_bag_weight", "bag_weight_unit", "bag_tags",
    "data_verified", "free_texts", "documents", "unrecognised_segments", "warnings",
    "segment_index", "offset")
if tuple(a.name for a in attrs.fields(Traveller)) != _TRAVELLER_FIELDS:  # pragma: no cover
    raise ImportError("Traveller fields changed: update _Traveller.build to match")


def _address(nad: Segment) -> Address | None:
    if len(nad.elements) <= 4:
        return None
    street = " ".join(p.strip() for p in nad.element(5) if p.strip()) or None
    city = nad.get(6).strip() or None
    subentity = next((p.strip() for p in nad.element(7) if p.strip()), None)
    postal = nad.get(8).strip() or None
    country = nad.get(9).strip() or None
    if street or city or subentity or postal or country:
        return Address(street, city, subentity, postal, country)
    return None


def _communications(segment: Segment) -> list[Communication]:
    found = []
    for position in range(1, len(segment.elements) + 1):
        for occurrence in segment.occurrences(position):
            number = occurrence[0].strip() if occurrence else ""
            channel = occurrence[1].strip() if len(occurrence) > 1 else ""
            if number or channel:
                found.append(Communication(number, channel or None))
    return found


class PaxlstBuilder:
    """Reads the segments of one PAXLST message, in order, into a :class:`PassengerList`.

    Call :meth:`add` for each body segment (between UNH and UNT), :meth:`add_defect` for
    syntax defects found inside the message, then :meth:`finish`.
    """

    def __init__(self, header: MessageHeader, reporter: Reporter, policy: Policy,
                 input_name: str | None) -> None:
        self.header = header
        self.report = reporter
        self.policy = policy
        self.input_name = input_name
        interchange = header.interchange
        prepared = interchange.prepared_at.date() if interchange and interchange.prepared_at \
            else None
        self.prepared = prepared
        self.reference_date: date = prepared or date.today()
        self.message_date: date | None = prepared
        self.section = _HEADER
        self.document_name_code: str | None = None
        self.document_identifier: str | None = None
        self.message_function: str | None = None
        self.list_type = ListType.OTHER
        self.transaction_reference: str | None = None
        self.transaction_revision: str | None = None
        self.reporting: dict[str, Any] | None = None
        self.legs: list[_Leg] = []
        self.travellers: list[Traveller] = []
        self.traveller: _Traveller | None = None
        self.document: _Document | None = None
        self.control_totals: list[ControlTotal] = []
        self.unrecognised: list[Segment] = []
        self.warnings: list[Defect] = []
        self.saw_bgm = False
        self._handlers = {
            "BGM": self._bgm, "RFF": self._rff, "NAD": self._nad, "CTA": self._cta,
            "COM": self._com, "TDT": self._tdt, "LOC": self._loc, "DTM": self._dtm,
            "ATT": self._att, "MEA": self._mea, "GEI": self._gei, "FTX": self._ftx,
            "EMP": self._emp, "NAT": self._nat, "DOC": self._doc, "CNT": self._cnt,
        }

        # While an unknown party's group is read, its segments are kept raw (reported once,
        # at the party's NAD) until the next NAD or CNT.
        self._party_handlers = {"NAD": self._nad, "CNT": self._cnt}
        self._active = self._handlers
        self._other = self._unknown_tag
        self._codes: dict[str, str] = {}

    # ------------------------------------------------------------------ plumbing
    def add(self, segment: Segment) -> None:
        """Read one body segment."""
        self._active.get(segment.tag, self._other)(segment)

    def _unknown_tag(self, segment: Segment) -> None:
        self._unrecognised(segment, f"segment {segment.tag} is not interpreted in PAXLST")

    def _keep_raw(self, segment: Segment) -> None:
        self.unrecognised.append(segment)

    def _set_section(self, section: int) -> None:
        self.section = section
        if section == _UNKNOWN_PARTY:
            self._active, self._other = self._party_handlers, self._keep_raw
        else:
            self._active, self._other = self._handlers, self._unknown_tag

    def _code(self, value: str) -> str:
        """One shared string per distinct code (airports, countries): 10,000 travellers
        from GBR hold one 'GBR', not 10,000 copies."""
        return self._codes.setdefault(value, value)

    def add_defect(self, defect: Defect) -> None:
        """Attach a syntax-level defect to the traveller or message being read."""
        if self.traveller is not None and self.section in (_TRAVELLER, _DOCUMENT):
            self.traveller.warnings.append(defect)
        else:
            self.warnings.append(defect)

    def _defect(self, code: str, message: str, segment: Segment, element: int | None = None,
                component: int | None = None) -> None:
        self.add_defect(self.report.defect(
            code, message, offset=segment.offset if segment.offset >= 0 else None,
            segment_index=segment.index, tag=segment.tag, element=element,
            component=component, message_reference=self.header.reference))

    def _unrecognised(self, segment: Segment, why: str,
                      code: str = "PAX-SEGMENT-UNEXPECTED", element: int | None = None) -> None:
        """Keep ``segment`` raw on the record it belongs to, with a warning."""
        if self.section == _DOCUMENT and self.document is not None:
            self.document.unrecognised.append(segment)
        elif self.section in (_TRAVELLER, _DOCUMENT) and self.traveller is not None:
            self.traveller.unrecognised.append(segment)
        else:
            self.unrecognised.append(segment)
        self._defect(code, f"{why}; kept as received", segment, element,
                     1 if element else None)

    def _close_traveller(self) -> None:
        if self.traveller is not None:
            self.travellers.append(self.traveller.build())
            self.traveller = None
            self.document = None

    def _date(self, segment: Segment, value: str, past: bool) -> date | None:
        reference = self.message_date or self.reference_date
        found = (_dates.past_date(value, reference) if past
                 else _dates.nearest_date(value, reference))
        if found is None:
            self._defect("PAX-DATE-INVALID",
                         f"{value!r} is not a date (expected YYMMDD or CCYYMMDD); not read",
                         segment, 1, 2)
        return found

    # ------------------------------------------------------------------ header
    def _bgm(self, segment: Segment) -> None:
        if self.saw_bgm:
            self._unrecognised(segment, "a second BGM")
            return
        self.saw_bgm = True
        code = segment.get(1).strip() or None
        self.document_name_code = code
        self.document_identifier = segment.get(2).strip() or None
        self.message_function = segment.get(3).strip() or None
        found = CODES.list_types.get(code or "")
        if found is None:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"document name code {code!r} is not a PAXLST list type (745 "
                         "passenger list, 250 crew list); read as 'other'", segment, 1, 1)
        else:
            self.list_type = found

    def _rff(self, segment: Segment) -> None:
        try:
            composite = segment.elements[0]
            qualifier, value = composite[0].strip(), composite[1].strip()
        except IndexError:
            qualifier, value = segment.get(1).strip(), segment.get(1, 2).strip()
        traveller = self.traveller
        if traveller is not None and self.section in (_TRAVELLER, _DOCUMENT):
            field = CODES.reference_fields.get(qualifier)
            if field is None:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"reference qualifier {qualifier!r} is not in the PAXLST list; "
                             "kept in references", segment, 1, 1)
            elif field not in traveller.refs:
                traveller.refs[field] = value
            traveller.references.append(Reference(qualifier, value))
            return
        if qualifier == "TN" and self.section == _HEADER and self.transaction_reference is None:
            self.transaction_reference = value or None
            self.transaction_revision = segment.get(1, 5).strip() or None
            return
        self._unrecognised(segment, f"reference {qualifier!r} outside a traveller", element=1)

    def _nad(self, segment: Segment) -> None:
        function = segment.get(1).strip()
        role = CODES.roles.get(function)
        if role is not None:
            self._close_traveller()
            self._finish_leg_section()
            self._set_section(_TRAVELLER)
            self.traveller = _Traveller(role, function, segment)
            if self.traveller.surname is None:
                self._defect("PAX-VALUE-INVALID", "traveller without a surname (NAD e4 c1)",
                             segment, 4, 1)
            return
        if function == "MS" and self.section in (_HEADER, _REPORTING) and self.reporting is None:
            self.section = _REPORTING
            name = " ".join(p.strip() for p in segment.element(4) if p.strip()) or None
            self.reporting = {"party_id": segment.get(2).strip() or None, "name": name,
                              "contact": None, "communications": [], "segment": segment}
            return
        self._close_traveller()
        self._finish_leg_section()
        self._set_section(_UNKNOWN_PARTY)
        self.unrecognised.append(segment)
        self._defect("PAX-QUALIFIER-UNKNOWN",
                     f"party function {function!r} is not a traveller (FL, FM, DDU, DDT) or "
                     "the reporting party (MS); the party and its segments are kept as "
                     "received", segment, 1)

    def _cta(self, segment: Segment) -> None:
        if self.section == _REPORTING and self.reporting is not None:
            contact = " ".join(p.strip() for p in segment.element(2) if p.strip())
            self.reporting["contact"] = contact or None
            return
        self._unrecognised(segment, "CTA outside the reporting party group")

    def _com(self, segment: Segment) -> None:
        found = _communications(segment)
        for item in found:
            if item.channel is not None and item.channel not in CODES.channels:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"communication channel {item.channel!r} is not TE, FX or EM",
                             segment)
        if self.section == _REPORTING and self.reporting is not None:
            self.reporting["communications"].extend(found)
        elif self.section in (_TRAVELLER, _DOCUMENT) and self.traveller is not None:
            self.traveller.communications.extend(found)
        else:
            self._unrecognised(segment, "COM outside the reporting party and travellers")

    # ------------------------------------------------------------------ flight legs
    def _tdt(self, segment: Segment) -> None:
        if self.section in (_HEADER, _REPORTING, _FLIGHT):
            self.section = _FLIGHT
            leg = _Leg(segment)
            if leg.stage is not None and leg.stage not in CODES.transport_stages:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"transport stage {leg.stage!r} is not 20 or 34", segment, 1)
            self.legs.append(leg)
            return
        self._unrecognised(segment, "TDT after the travellers began (onward transport, "
                           "UN SG7) is not interpreted")

    def _loc(self, segment: Segment) -> None:
        els = segment.elements
        try:
            function = els[0][0].strip()
            place = els[1]
            code = self._code(place[0].strip())
        except IndexError:
            function = segment.get(1).strip()
            place = ("",)
            code = ""
        section = self.section
        if section == _FLIGHT and self.legs:
            if function not in CODES.itinerary_sides:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"location function {function!r} is not an itinerary point "
                             "(125, 87, 92, 130); placed by its date/time", segment, 1)
            self.legs[-1].points.append(_Point(function, code, segment))
            return
        traveller = self.traveller
        if section in (_TRAVELLER, _DOCUMENT) and traveller is not None:
            name = place[3].strip() or None if len(place) > 3 else None
            if section == _DOCUMENT and self.document is not None \
                    and function in CODES.document_locations:
                self.document.issuing_country = code or None
                self.document.issuing_place = name
                return
            field = CODES.traveller_locations.get(function)
            if field is None:
                self._unrecognised(segment, f"location function {function!r} is not a "
                                   "traveller location", "PAX-QUALIFIER-UNKNOWN", 1)
            elif field == "place_of_birth":
                traveller.place_of_birth = Place(code or None, name)
            else:
                value = code or name
                if field == "country_of_residence":
                    traveller.residence = value
                elif field == "port_of_embarkation":
                    traveller.embarkation = value
                elif field == "port_of_disembarkation":
                    traveller.disembarkation = value
                else:
                    traveller.clearance = value
            return
        self._unrecognised(segment, "LOC outside a flight leg or traveller")

    def _dtm(self, segment: Segment) -> None:
        try:
            composite = segment.elements[0]
            qualifier = composite[0].strip()
            value = composite[1]
        except IndexError:
            qualifier, value = segment.get(1).strip(), segment.get(1, 2)
        section = self.section
        traveller = self.traveller
        if section in (_TRAVELLER, _DOCUMENT) and traveller is not None:
            if qualifier == "329":
                traveller.dob = self._date(segment, value, past=True)
                return
            if section == _DOCUMENT and self.document is not None \
                    and qualifier in ("36", "182"):
                found = self._date(segment, value, past=False)
                if qualifier == "36":
                    self.document.expiry = found
                else:
                    self.document.issue = found
                return
        elif section == _FLIGHT and self.legs:
            points = self.legs[-1].points
            if qualifier in ("189", "232") and points:
                if value != value.strip():
                    self._defect("PAX-VALUE-INVALID",
                                 f"spaces around the date/time {value!r} ignored", segment, 1, 2)
                moment = _dates.nearest_datetime(value, segment.get(1, 3).strip(),
                                                 self.reference_date)
                if moment is None:
                    self._defect("PAX-DATE-INVALID",
                                 f"{value!r} is not a date/time in format "
                                 f"{segment.get(1, 3) or '201'} (YYMMDDHHMM); not read",
                                 segment, 1, 2)
                elif qualifier == "189":
                    points[-1].departure = moment
                else:
                    points[-1].arrival = moment
                return
            self._unrecognised(segment, f"date/time {qualifier!r} in a flight leg",
                               "PAX-QUALIFIER-UNKNOWN", 1)
            return
        self._unrecognised(segment, f"date/time qualifier {qualifier!r} is not interpreted "
                           "here", "PAX-QUALIFIER-UNKNOWN", 1)

    def _finish_leg_section(self) -> None:
        """Before the first traveller: the message date falls back to the first departure."""
        if self.message_date is None:
            for leg in self.legs:
                for point in leg.points:
                    if point.departure is not None:
                        self.message_date = point.departure.date()
                        return

    def _build_legs(self) -> list[FlightLeg]:
        legs: list[FlightLeg] = []
        for leg in self.legs:
            pending: _Point | None = None
            made = 0

            def emit(dep: _Point | None, arr: _Point | None, leg: _Leg = leg) -> None:
                legs.append(FlightLeg(
                    carrier=leg.carrier, flight_number=leg.number,
                    flight_designator=leg.designator,
                    departure_airport=dep.code or None if dep else None,
                    arrival_airport=arr.code or None if arr else None,
                    scheduled_departure=dep.departure if dep else None,
                    scheduled_arrival=arr.arrival if arr else None,
                    departure_location_function=dep.function if dep else None,
                    arrival_location_function=arr.function if arr else None,
                    transport_stage=leg.stage, segment_index=leg.segment.index))

            for point in leg.points:
                side = CODES.itinerary_sides.get(point.function)
                arrives = point.arrival is not None or (
                    point.departure is None and (side == "arrival"
                                                 or (side == "either" and pending is not None)))
                departs = point.departure is not None or (
                    point.arrival is None and (point.function == "125"
                                               or (side == "either" and pending is None)))
                if arrives:
                    if pending is not None:
                        emit(pending, point)
                        made += 1
                        pending = None
                    elif point.function == "130" and made and point.departure is None:
                        legs[-1] = _with_final_destination(legs[-1], point.code)
                    else:
                        self._defect("PAX-LEG-INCOMPLETE",
                                     f"arrival at {point.code!r} without a departure place",
                                     point.segment, 2)
                        emit(None, point)
                        made += 1
                if departs:
                    if pending is not None:
                        self._defect("PAX-LEG-INCOMPLETE",
                                     f"departure from {pending.code!r} without an arrival place",
                                     pending.segment, 2)
                        emit(pending, None)
                        made += 1
                    pending = point
                if not arrives and not departs:
                    self.unrecognised.append(point.segment)
                    self._defect("PAX-QUALIFIER-UNKNOWN",
                                 f"location {point.function!r} ({point.code}) is neither a "
                                 "departure nor an arrival; kept as received", point.segment, 1)
            if pending is not None:
                self._defect("PAX-LEG-INCOMPLETE",
                             f"departure from {pending.code!r} without an arrival place",
                             pending.segment, 2)
                emit(pending, None)
                made += 1
            if not made:
                self._defect("PAX-LEG-INCOMPLETE",
                             f"flight {leg.designator!r} without departure and arrival places "
                             "(Gr.3 LOC)", leg.segment, 2)
                emit(None, None)
        return legs

    # ------------------------------------------------------------------ travellers
    def _traveller_or_unrecognised(self, segment: Segment) -> _Traveller | None:
        if self.section in (_TRAVELLER, _DOCUMENT) and self.traveller is not None:
            return self.traveller
        self._unrecognised(segment, f"{segment.tag} outside a traveller")
        return None

    def _att(self, segment: Segment) -> None:
        traveller = self._traveller_or_unrecognised(segment)
        if traveller is None:
            return
        if segment.get(1).strip() != "2":
            self._unrecognised(segment, f"attribute function {segment.get(1)!r} is not 2 "
                               "(gender)", "PAX-QUALIFIER-UNKNOWN", 1)
            return
        gender = segment.get(3).strip().upper()
        if gender not in CODES.genders:
            self._defect("PAX-VALUE-INVALID",
                         f"gender {gender!r} is not M, F, U or X; kept as sent", segment, 3, 1)
        traveller.gender = gender or None

    def _mea(self, segment: Segment) -> None:
        traveller = self._traveller_or_unrecognised(segment)
        if traveller is None:
            return
        purpose = segment.get(1).strip()
        unit = segment.get(3, 1).strip()
        value = segment.get(3, 2).strip()
        if purpose == "CT":
            raw = value or unit  # MEA+CT++:2 (guide) and MEA+CT++2 (seen in traffic)
            if raw.isascii() and raw.isdigit():
                traveller.bag_count = int(raw)
            else:
                self._defect("PAX-VALUE-INVALID", f"bag count {raw!r} is not a number",
                             segment, 3, 2)
            return
        if purpose == "WT":
            number = value.replace(",", ".")
            try:
                weight = float(number)
            except ValueError:
                weight = None
            if weight is None or not math.isfinite(weight):
                self._defect("PAX-VALUE-INVALID", f"bag weight {value!r} is not a number",
                             segment, 3, 2)
                return
            traveller.bag_weight = weight
            traveller.bag_unit = unit or None
            if unit and unit not in CODES.weight_units:
                self._defect("PAX-QUALIFIER-UNKNOWN", f"weight unit {unit!r} is not KGM or LBR",
                             segment, 3, 1)
            return
        self._unrecognised(segment, f"measurement {purpose!r} is not CT or WT",
                           "PAX-QUALIFIER-UNKNOWN", 1)

    def _gei(self, segment: Segment) -> None:
        traveller = self._traveller_or_unrecognised(segment)
        if traveller is None:
            return
        indicator = segment.get(2).strip()
        verified = CODES.verification.get(indicator)
        if segment.get(1).strip() != "4" or verified is None:
            self._unrecognised(segment, f"processing indicator {indicator!r} is not 173 or 174",
                               "PAX-QUALIFIER-UNKNOWN", 2)
            return
        traveller.verified = verified

    def _ftx(self, segment: Segment) -> None:
        traveller = self._traveller_or_unrecognised(segment)
        if traveller is None:
            return
        subject = segment.get(1).strip()
        if subject != "BAG":
            text = " ".join(p.strip() for p in segment.element(4) if p.strip())
            if text:
                traveller.free_texts.append(text)
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"free text subject {subject!r} is not BAG; text kept in free_texts",
                         segment, 1)
            return
        first = segment.get(4, 1).strip()
        count_text = segment.get(4, 2).strip()
        if not first:
            self._defect("PAX-VALUE-INVALID", "FTX BAG without a bag tag number", segment, 4, 1)
            return
        count = 1
        if count_text:
            if count_text.isascii() and count_text.isdigit():
                count = int(count_text)
            else:
                self._defect("PAX-VALUE-INVALID",
                             f"bag tag count {count_text!r} is not a number; one tag read",
                             segment, 4, 2)
        if count > self.policy.max_bag_tag_run:
            self._defect("PAX-BAG-TAGS-LIMIT",
                         f"run of {count} bag tags exceeds the limit of "
                         f"{self.policy.max_bag_tag_run}; only the first tag is listed",
                         segment, 4, 2)
            count = 1
        traveller.bag_tags.extend(expand_bag_tags(first, count))

    def _emp(self, segment: Segment) -> None:
        traveller = self._traveller_or_unrecognised(segment)
        if traveller is None:
            return
        category = segment.get(2, 1).strip()
        if category not in CODES.crew_categories:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"crew category {category!r} is not CR1..CR5; kept as sent", segment, 2, 1)
        traveller.crew_category = category or None

    def _nat(self, segment: Segment) -> None:
        traveller = self._traveller_or_unrecognised(segment)
        if traveller is None:
            return
        code = segment.get(2, 1).strip()
        if code:
            traveller.nationalities.append(self._code(code))
        else:
            self._defect("PAX-VALUE-INVALID", "NAT without a nationality code", segment, 2, 1)

    def _doc(self, segment: Segment) -> None:
        if self.section not in (_TRAVELLER, _DOCUMENT) or self.traveller is None:
            self._unrecognised(segment, "DOC outside a traveller")
            return
        self.section = _DOCUMENT
        document = _Document(segment)
        if document.type is not None and document.type not in CODES.document_types:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"document type {document.type!r} is not in the PAXLST list; kept as "
                         "sent", segment, 1, 1)
        if document.number is None:
            self._defect("PAX-VALUE-INVALID", "travel document without a number (DOC e2)",
                         segment, 2, 1)
        self.document = document
        self.traveller.documents.append(document)

    # ------------------------------------------------------------------ trailer
    def _cnt(self, segment: Segment) -> None:
        self._close_traveller()
        self._finish_leg_section()
        self._set_section(_TRAILER)
        qualifier = segment.get(1).strip()
        raw = segment.get(1, 2).strip()
        value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None
        if value is None:
            self._defect("PAX-VALUE-INVALID", f"control total {raw!r} is not a number",
                         segment, 1, 2)
        if qualifier not in CODES.control_totals:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"control total qualifier {qualifier!r} is not 41 (crew) or 42 "
                         "(passengers)", segment, 1, 1)
        self.control_totals.append(ControlTotal(qualifier, value, raw))

    # ------------------------------------------------------------------ result
    def finish(self, input_offset: int | None) -> PassengerList:
        """Build the :class:`PassengerList` from everything read."""
        self._close_traveller()
        self._finish_leg_section()
        header = self.header
        if not self.saw_bgm:
            self.warnings.append(self.report.defect(
                "PAX-SEGMENT-MISSING", "no BGM segment: the list type is unknown",
                offset=input_offset, segment_index=2, tag="BGM",
                message_reference=header.reference))
        legs = self._build_legs()
        if not legs:
            self.warnings.append(self.report.defect(
                "PAX-SEGMENT-MISSING", "no flight (TDT) in the list", offset=input_offset,
                tag="TDT", message_reference=header.reference))
        reporting = None
        if self.reporting is not None:
            r = self.reporting
            reporting = ReportingParty(r["party_id"], r["name"], r["contact"],
                                       tuple(r["communications"]), r["segment"].index)
        declared = self._declared_total()
        interchange = header.interchange
        group = header.group
        envelope = Envelope(
            input_name=self.input_name,
            interchange_reference=interchange.control_reference if interchange else None,
            sender=interchange.sender.identification if interchange and interchange.sender
            else None,
            recipient=interchange.recipient.identification
            if interchange and interchange.recipient else None,
            prepared_at=interchange.prepared_at if interchange else None,
            syntax_identifier=interchange.syntax_identifier if interchange else None,
            syntax_version=interchange.syntax_version if interchange else None,
            application_reference=interchange.application_reference if interchange else None,
            test_indicator=bool(interchange and interchange.test_indicator),
            group_reference=group.reference if group else None,
            message_offset=header.segment.offset if header.segment.offset >= 0 else None,
        )
        sequence = header.sequence_number
        first_last = header.first_last
        return PassengerList(
            message_reference=header.reference,
            version=header.version_release,
            list_type=self.list_type,
            document_name_code=self.document_name_code,
            document_identifier=self.document_identifier,
            message_function=self.message_function,
            transaction_reference=self.transaction_reference,
            transaction_revision=self.transaction_revision,
            reporting_party=reporting,
            common_access_reference=header.common_access_reference,
            part_number=sequence,
            is_first_part=first_last == "C" or (first_last is None and sequence in (None, 1))
            or (first_last == "F" and sequence in (None, 1)),
            is_last_part=first_last == "F" or (first_last is None and sequence in (None, 1)),
            flight_legs=tuple(legs),
            travellers=tuple(self.travellers),
            declared_total=declared,
            control_totals=tuple(self.control_totals),
            message_date=self.message_date,
            envelope=envelope,
            controlling_agency=header.controlling_agency or None,
            association_code=header.association_code,
            unrecognised_segments=tuple(self.unrecognised),
            warnings=tuple(self.warnings),
        )

    def _declared_total(self) -> int | None:
        wanted = {ListType.PASSENGER: "passengers", ListType.CREW: "crew"}.get(self.list_type)
        for total in self.control_totals:
            if CODES.control_totals.get(total.qualifier) == wanted and total.value is not None:
                return total.value
        for total in self.control_totals:
            if total.value is not None:
                return total.value
        return None


def _with_final_destination(leg: FlightLeg, code: str) -> FlightLeg:
    return attrs.evolve(leg, final_destination=code or None)
