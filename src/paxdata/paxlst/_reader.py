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
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from paxdata import _dates
from paxdata.defects import Defect
from paxdata.edifact import Elements, MessageHeader, Segment
from paxdata.edifact._source import Reporter
from paxdata.errors import PaxdataError
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
    optional suffix). Letters are read upper case (a suffix sent ``98x`` reads ``98X``)."""
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


def _get(els: Elements, element: int, component: int = 1) -> str:
    """Value at data element ``element``, component ``component`` (1-based); ``""`` when
    the sender omitted it."""
    try:
        return els[element - 1][component - 1]
    except IndexError:
        return ""


def _element(els: Elements, element: int) -> tuple[str, ...]:
    return els[element - 1] if element <= len(els) else ()


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
            number = designator[len(explicit):].upper() or None
        self.carrier = explicit or derived_carrier
        self.number = number
        self.points: list[_Point] = []


class _Document:
    """The document being read. Class attributes are the defaults, so a new document sets
    only what its DOC segment says."""

    issuing_country: str | None = None
    issuing_place: str | None = None
    expiry: date | None = None
    issue: date | None = None
    unrecognised: tuple[Segment, ...] = ()

    def __init__(self, els: Elements, index: int) -> None:
        self.index = index
        self.type = _get(els, 1).strip() or None
        self.number = _get(els, 2).strip() or None

    def build(self) -> TravelDocument:
        return TravelDocument(self.type, self.number, self.issuing_country, self.issuing_place,
                              self.expiry, self.issue, self.unrecognised, self.index)


class _Traveller:
    """The traveller being read; frozen into a Traveller at the end. Class attributes are
    the defaults (collections are tuples, grown with ``+=``), so a new traveller sets only
    what its NAD says: most travellers use a handful of the 35 fields."""

    gender: str | None = None
    dob: date | None = None
    place_of_birth: Place | None = None
    nationalities: tuple[str, ...] = ()
    residence: str | None = None
    embarkation: str | None = None
    disembarkation: str | None = None
    clearance: str | None = None
    communications: tuple[Communication, ...] = ()
    crew_category: str | None = None
    references: tuple[Reference, ...] = ()
    reservation_number: str | None = None
    unique_passenger_reference: str | None = None
    seat: str | None = None
    frequent_flyer_number: str | None = None
    government_reference: str | None = None
    ticket_number: str | None = None
    bag_count: int | None = None
    bag_weight: float | None = None
    bag_unit: str | None = None
    bag_tags: tuple[str, ...] = ()
    verified: bool | None = None
    free_texts: tuple[str, ...] = ()
    documents: tuple[_Document, ...] = ()
    unrecognised: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()

    def __init__(self, role: TravellerRole, party_function: str, els: Elements, index: int,
                 offset: int) -> None:
        self.role = role
        self.party_function = party_function
        self.index = index
        self.offset = offset
        name = _element(els, 4)
        self.surname = (name[0].strip() or None) if name else None
        self.given = tuple([g.strip() for g in name[1:] if g.strip()])
        self.address = _address(els) if len(els) > 4 else None

    def build(self) -> Traveller:
        # Positional, in the record's field order (checked by _TRAVELLER_FIELDS below):
        # a frozen record with 35 fields is built 10,000 times per large list.
        nationalities = self.nationalities
        return Traveller(
            self.role, self.party_function, self.surname, self.given, self.gender, self.dob,
            self.place_of_birth, nationalities[0] if nationalities else None,
            nationalities[1:], self.residence, self.address, self.embarkation,
            self.disembarkation, self.clearance, self.communications, self.crew_category,
            self.reservation_number, self.unique_passenger_reference, self.seat,
            self.frequent_flyer_number, self.government_reference, self.ticket_number,
            self.references, self.bag_count, self.bag_weight, self.bag_unit, self.bag_tags,
            self.verified, self.free_texts, tuple([d.build() for d in self.documents]),
            self.unrecognised, self.warnings, self.index,
            self.offset if self.offset >= 0 else None)


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

#: Reference qualifiers' fields that are Traveller fields (the first RFF of each kind).
_TRAVELLER_REFERENCES = frozenset(_TRAVELLER_FIELDS) & set(CODES.reference_fields.values())


def _address(nad: Elements) -> Address | None:
    street = " ".join(p.strip() for p in _element(nad, 5) if p.strip()) or None
    city = _get(nad, 6).strip() or None
    subentity = next((p.strip() for p in _element(nad, 7) if p.strip()), None)
    postal = _get(nad, 8).strip() or None
    country = _get(nad, 9).strip() or None
    if street or city or subentity or postal or country:
        return Address(street, city, subentity, postal, country)
    return None


def _communications(els: Elements, repetitions: Mapping[int, Elements] | None
                    ) -> list[Communication]:
    found = []
    for position, element in enumerate(els):
        occurrences = repetitions.get(position, (element,)) if repetitions else (element,)
        for occurrence in occurrences:
            number = occurrence[0].strip() if occurrence else ""
            channel = occurrence[1].strip() if len(occurrence) > 1 else ""
            if number or channel:
                found.append(Communication(number, channel or None))
    return found


class PaxlstBuilder:
    """Reads the segments of one PAXLST message, in order, into a :class:`PassengerList`.

    Call :meth:`add` (or :meth:`feed`, with the segment's parts) for each body segment
    between UNH and UNT, :meth:`add_defect` for syntax defects found inside the message,
    then :meth:`finish`.
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
        self._raw: tuple[str, Elements, int, int, Mapping[int, Elements] | None] = (
            "", (), 0, -1, None)
        self._counts: dict[str, int] = {}
        self._suppressed: dict[str, Defect] = {}
        self._limit_handlers = {"NAD": self._count_traveller, "CNT": self._cnt}
        self._skipped_from: tuple[int, int] | None = None
        self._skipped_travellers = 0
        self._skipped_segments = 0

    # ------------------------------------------------------------------ plumbing
    def feed(self, tag: str, els: Elements, index: int, offset: int,
             repetitions: Mapping[int, Elements] | None = None) -> None:
        """Read one body segment given as its parts (the scanner's segment sink: no
        :class:`Segment` object is built unless the segment is kept raw)."""
        self._raw = (tag, els, index, offset, repetitions)
        try:
            self._active.get(tag, self._other)(els)
        except PaxdataError:
            raise
        except Exception as exc:
            self.unrecognised.append(self._segment())
            self._defect("MSG-INTERNAL", f"paxdata failed to read this segment "
                         f"({type(exc).__name__}: {self.report.shown(str(exc))}); segment "
                         "kept as received")

    def add(self, segment: Segment) -> None:
        """Read one body segment."""
        self.feed(segment.tag, segment.elements, segment.index, segment.offset,
                  segment.repetitions)

    def _segment(self) -> Segment:
        """The segment being read, as a :class:`Segment` (to keep it raw)."""
        return Segment(*self._raw)

    def _unknown_tag(self, els: Elements) -> None:
        tag = self._raw[0]
        shown = tag if len(tag) == 3 else self.report.shown(repr(tag))
        self._unrecognised(f"segment {shown} is not interpreted in PAXLST")

    def _keep_raw(self, els: Elements) -> None:
        self.unrecognised.append(self._segment())

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
        """Attach a defect to the traveller or message being read. A traveller keeps all
        of its own; the message lists ``Policy.max_defects_per_kind`` of each kind and
        counts the rest (summarised by :meth:`finish`)."""
        if (self.traveller is not None and self.section in (_TRAVELLER, _DOCUMENT)
                and defect.location.tag != "UNT"  # the trailer's defects are the message's
                and defect.code != "EDI-UNT-MISSING"):
            self.traveller.warnings += (defect,)
            return
        count = self._counts.get(defect.code, 0) + 1
        self._counts[defect.code] = count
        if count <= self.policy.max_defects_per_kind:
            self.warnings.append(defect)
        elif defect.code not in self._suppressed:
            self._suppressed[defect.code] = defect

    def _report_at(self, code: str, message: str, tag: str, index: int, offset: int,
                   element: int | None, component: int | None) -> None:
        self.add_defect(self.report.defect(
            code, message, offset=offset if offset >= 0 else None, segment_index=index,
            tag=tag[:3], element=element, component=component,
            message_reference=self.header.reference))

    def _defect(self, code: str, message: str, element: int | None = None,
                component: int | None = None) -> None:
        """Report a defect in the segment being read."""
        tag, _, index, offset, _ = self._raw
        self._report_at(code, message, tag, index, offset, element, component)

    def _defect_at(self, segment: Segment, code: str, message: str,
                   element: int | None = None, component: int | None = None) -> None:
        """Report a defect in a segment read earlier."""
        self._report_at(code, message, segment.tag, segment.index, segment.offset, element,
                        component)

    def _unrecognised(self, why: str, code: str = "PAX-SEGMENT-UNEXPECTED",
                      element: int | None = None) -> None:
        """Keep the segment being read raw on the record it belongs to, with a warning."""
        segment = self._segment()
        if self.section == _DOCUMENT and self.document is not None:
            self.document.unrecognised += (segment,)
        elif self.section in (_TRAVELLER, _DOCUMENT) and self.traveller is not None:
            self.traveller.unrecognised += (segment,)
        else:
            self.unrecognised.append(segment)
        self._defect(code, f"{why}; kept as received", element, 1 if element else None)

    def _close_traveller(self) -> None:
        if self.traveller is not None:
            self.travellers.append(self.traveller.build())
            self.traveller = None
            self.document = None

    def _date(self, value: str, past: bool) -> date | None:
        reference = self.message_date or self.reference_date
        found = (_dates.past_date(value, reference) if past
                 else _dates.nearest_date(value, reference))
        if found is None:
            self._defect("PAX-DATE-INVALID",
                         f"{self.report.shown(repr(value))} is not a date (expected YYMMDD or "
                         "CCYYMMDD); not read",
                         1, 2)
        return found

    # ------------------------------------------------------------------ header
    def _bgm(self, els: Elements) -> None:
        if self.saw_bgm:
            self._unrecognised("a second BGM")
            return
        self.saw_bgm = True
        code = _get(els, 1).strip() or None
        self.document_name_code = code
        self.document_identifier = _get(els, 2).strip() or None
        self.message_function = _get(els, 3).strip() or None
        found = CODES.list_types.get(code or "")
        if found is None:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"document name code {code!r} is not a PAXLST list type (745 "
                         "passenger list, 250 crew list); read as 'other'", 1, 1)
        else:
            self.list_type = found

    def _rff(self, els: Elements) -> None:
        try:
            composite = els[0]
            qualifier, value = composite[0].strip(), composite[1].strip()
        except IndexError:
            qualifier, value = _get(els, 1).strip(), _get(els, 1, 2).strip()
        traveller = self.traveller
        if traveller is not None and self.section in (_TRAVELLER, _DOCUMENT):
            field = CODES.reference_fields.get(qualifier)
            if field is None:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"reference qualifier {qualifier!r} is not in the PAXLST list; "
                             "kept in references", 1, 1)
            elif field in _TRAVELLER_REFERENCES and getattr(traveller, field) is None:
                setattr(traveller, field, value)  # the first one of each kind
            traveller.references += (Reference(qualifier, value),)
            return
        if qualifier == "TN" and self.section == _HEADER and self.transaction_reference is None:
            self.transaction_reference = value or None
            self.transaction_revision = _get(els, 1, 5).strip() or None
            return
        self._unrecognised(f"reference {qualifier!r} outside a traveller", element=1)

    def _nad(self, els: Elements) -> None:
        function = _get(els, 1).strip()
        role = CODES.roles.get(function)
        if role is not None:
            self._close_traveller()
            self._finish_leg_section()
            if len(self.travellers) >= self.policy.max_travellers_per_message:
                self._over_limit()
                return
            self._set_section(_TRAVELLER)
            self.traveller = _Traveller(role, function, els, self._raw[2], self._raw[3])
            if self.traveller.surname is None:
                self._defect("PAX-VALUE-INVALID", "traveller without a surname (NAD e4 c1)",
                             4, 1)
            return
        if function == "MS" and self.section in (_HEADER, _REPORTING) and self.reporting is None:
            self.section = _REPORTING
            name = " ".join(p.strip() for p in _element(els, 4) if p.strip()) or None
            self.reporting = {"party_id": _get(els, 2).strip() or None, "name": name,
                              "contact": None, "communications": [], "index": self._raw[2]}
            return
        self._close_traveller()
        self._finish_leg_section()
        self._set_section(_UNKNOWN_PARTY)
        self.unrecognised.append(self._segment())
        self._defect("PAX-QUALIFIER-UNKNOWN",
                     f"party function {function!r} is not a traveller (FL, FM, DDU, DDT) or "
                     "the reporting party (MS); the party and its segments are kept as "
                     "received", 1)

    def _over_limit(self) -> None:
        """One traveller more than the policy allows: from here on the message's segments
        are counted, not read (reported once, by :meth:`finish`)."""
        if self._skipped_from is None:
            self._skipped_from = (self._raw[2], self._raw[3])
        self._skipped_travellers += 1
        self._active, self._other = self._limit_handlers, self._count_only

    def _count_only(self, els: Elements) -> None:
        self._skipped_segments += 1

    def _count_traveller(self, els: Elements) -> None:
        if CODES.roles.get(_get(els, 1).strip()) is not None:
            self._skipped_travellers += 1
        self._skipped_segments += 1

    def _cta(self, els: Elements) -> None:
        if self.section == _REPORTING and self.reporting is not None:
            contact = " ".join(p.strip() for p in _element(els, 2) if p.strip())
            self.reporting["contact"] = contact or None
            return
        self._unrecognised("CTA outside the reporting party group")

    def _com(self, els: Elements) -> None:
        found = _communications(els, self._raw[4])
        for item in found:
            if item.channel is not None and item.channel not in CODES.channels:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"communication channel {item.channel!r} is not TE, FX or EM")
        if self.section == _REPORTING and self.reporting is not None:
            self.reporting["communications"].extend(found)
        elif self.section in (_TRAVELLER, _DOCUMENT) and self.traveller is not None:
            self.traveller.communications += tuple(found)
        else:
            self._unrecognised("COM outside the reporting party and travellers")

    # ------------------------------------------------------------------ flight legs
    def _tdt(self, els: Elements) -> None:
        if self.section in (_HEADER, _REPORTING, _FLIGHT):
            self.section = _FLIGHT
            leg = _Leg(self._segment())
            if leg.stage is not None and leg.stage not in CODES.transport_stages:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"transport stage {leg.stage!r} is not 20 or 34", 1)
            self.legs.append(leg)
            return
        self._unrecognised("TDT after the travellers began (onward transport, "
                           "UN SG7) is not interpreted")

    def _loc(self, els: Elements) -> None:
        try:
            function = els[0][0].strip()
            place = els[1]
            code = self._code(place[0].strip())
        except IndexError:
            function = _get(els, 1).strip()
            place = ("",)
            code = ""
        section = self.section
        if section == _FLIGHT and self.legs:
            if function not in CODES.itinerary_sides:
                self._defect("PAX-QUALIFIER-UNKNOWN",
                             f"location function {function!r} is not an itinerary point "
                             "(125, 87, 92, 130); placed by its date/time", 1)
            self.legs[-1].points.append(_Point(function, code, self._segment()))
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
                self._unrecognised(f"location function {function!r} is not a "
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
        self._unrecognised("LOC outside a flight leg or traveller")

    def _dtm(self, els: Elements) -> None:
        try:
            composite = els[0]
            qualifier = composite[0].strip()
            value = composite[1]
        except IndexError:
            qualifier, value = _get(els, 1).strip(), _get(els, 1, 2)
        section = self.section
        traveller = self.traveller
        if section in (_TRAVELLER, _DOCUMENT) and traveller is not None:
            if qualifier == "329":
                traveller.dob = self._date(value, past=True)
                return
            if section == _DOCUMENT and self.document is not None \
                    and qualifier in ("36", "182"):
                found = self._date(value, past=False)
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
                                 f"spaces around the date/time {value!r} ignored", 1, 2)
                moment = _dates.nearest_datetime(value, _get(els, 1, 3).strip(),
                                                 self.reference_date)
                if moment is None:
                    self._defect("PAX-DATE-INVALID",
                                 f"{value!r} is not a date/time in format "
                                 f"{_get(els, 1, 3) or '201'} (YYMMDDHHMM); not read",
                                 1, 2)
                elif qualifier == "189":
                    points[-1].departure = moment
                else:
                    points[-1].arrival = moment
                return
            self._unrecognised(f"date/time {qualifier!r} in a flight leg",
                               "PAX-QUALIFIER-UNKNOWN", 1)
            return
        self._unrecognised(f"date/time qualifier {qualifier!r} is not interpreted "
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
                        self._defect_at(point.segment, "PAX-LEG-INCOMPLETE",
                                        f"arrival at {point.code!r} without a departure place",
                                        2)
                        emit(None, point)
                        made += 1
                if departs:
                    if pending is not None:
                        self._defect_at(
                            pending.segment, "PAX-LEG-INCOMPLETE",
                            f"departure from {pending.code!r} without an arrival place", 2)
                        emit(pending, None)
                        made += 1
                    pending = point
                if not arrives and not departs:
                    self.unrecognised.append(point.segment)
                    self._defect_at(point.segment, "PAX-QUALIFIER-UNKNOWN",
                                    f"location {point.function!r} ({point.code}) is neither a "
                                    "departure nor an arrival; kept as received", 1)
            if pending is not None:
                self._defect_at(pending.segment, "PAX-LEG-INCOMPLETE",
                                f"departure from {pending.code!r} without an arrival place", 2)
                emit(pending, None)
                made += 1
            if not made:
                self._defect_at(leg.segment, "PAX-LEG-INCOMPLETE",
                                f"flight {leg.designator or ''} without departure and arrival "
                                "places (Gr.3 LOC)", 2)
                emit(None, None)
        return legs

    # ------------------------------------------------------------------ travellers
    def _traveller_or_unrecognised(self) -> _Traveller | None:
        if self.section in (_TRAVELLER, _DOCUMENT) and self.traveller is not None:
            return self.traveller
        self._unrecognised(f"{self._raw[0]} outside a traveller")
        return None

    def _att(self, els: Elements) -> None:
        traveller = self._traveller_or_unrecognised()
        if traveller is None:
            return
        if _get(els, 1).strip() != "2":
            self._unrecognised(f"attribute function {_get(els, 1)!r} is not 2 "
                               "(gender)", "PAX-QUALIFIER-UNKNOWN", 1)
            return
        gender = _get(els, 3).strip().upper()
        if gender not in CODES.genders:
            self._defect("PAX-VALUE-INVALID",
                         f"gender {self.report.shown(repr(gender))} is not M, F, U or X; kept as "
                         "sent", 3, 1)
        traveller.gender = gender or None

    def _mea(self, els: Elements) -> None:
        traveller = self._traveller_or_unrecognised()
        if traveller is None:
            return
        purpose = _get(els, 1).strip()
        unit = _get(els, 3, 1).strip()
        value = _get(els, 3, 2).strip()
        if purpose == "CT":
            raw = value or unit  # MEA+CT++:2 (guide) and MEA+CT++2 (seen in traffic)
            if raw.isascii() and raw.isdigit():
                traveller.bag_count = int(raw)
            else:
                self._defect("PAX-VALUE-INVALID",
                             f"bag count {self.report.shown(repr(raw))} is not a number", 3, 2)
            return
        if purpose == "WT":
            number = value.replace(",", ".")
            try:
                weight = float(number)
            except ValueError:
                weight = None
            if weight is None or not math.isfinite(weight):
                self._defect("PAX-VALUE-INVALID",
                             f"bag weight {self.report.shown(repr(value))} is not a number",
                             3, 2)
                return
            traveller.bag_weight = weight
            traveller.bag_unit = unit or None
            if unit and unit not in CODES.weight_units:
                self._defect("PAX-QUALIFIER-UNKNOWN", f"weight unit {unit!r} is not KGM or LBR",
                             3, 1)
            return
        self._unrecognised(f"measurement {purpose!r} is not CT or WT",
                           "PAX-QUALIFIER-UNKNOWN", 1)

    def _gei(self, els: Elements) -> None:
        traveller = self._traveller_or_unrecognised()
        if traveller is None:
            return
        indicator = _get(els, 2).strip()
        verified = CODES.verification.get(indicator)
        if _get(els, 1).strip() != "4" or verified is None:
            self._unrecognised(f"processing indicator {indicator!r} is not 173 or 174",
                               "PAX-QUALIFIER-UNKNOWN", 2)
            return
        traveller.verified = verified

    def _ftx(self, els: Elements) -> None:
        traveller = self._traveller_or_unrecognised()
        if traveller is None:
            return
        subject = _get(els, 1).strip()
        if subject != "BAG":
            text = " ".join(p.strip() for p in _element(els, 4) if p.strip())
            if text:
                traveller.free_texts += (text,)
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"free text subject {subject!r} is not BAG; text kept in free_texts",
                         1)
            return
        first = _get(els, 4, 1).strip()
        count_text = _get(els, 4, 2).strip()
        if not first:
            self._defect("PAX-VALUE-INVALID", "FTX BAG without a bag tag number", 4, 1)
            return
        count = 1
        if count_text:
            if count_text.isascii() and count_text.isdigit():
                count = int(count_text)
            else:
                self._defect("PAX-VALUE-INVALID",
                             f"bag tag count {self.report.shown(repr(count_text))} is not a "
                             "number; one tag read",
                             4, 2)
        if count > self.policy.max_bag_tag_run:
            self._defect("PAX-BAG-TAGS-LIMIT",
                         f"run of {count} bag tags exceeds the limit of "
                         f"{self.policy.max_bag_tag_run}; only the first tag is listed",
                         4, 2)
            count = 1
        traveller.bag_tags += tuple(expand_bag_tags(first, count))

    def _emp(self, els: Elements) -> None:
        traveller = self._traveller_or_unrecognised()
        if traveller is None:
            return
        category = _get(els, 2, 1).strip()
        if category not in CODES.crew_categories:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"crew category {category!r} is not CR1..CR5; kept as sent", 2, 1)
        traveller.crew_category = category or None

    def _nat(self, els: Elements) -> None:
        traveller = self._traveller_or_unrecognised()
        if traveller is None:
            return
        code = _get(els, 2, 1).strip()
        if code:
            traveller.nationalities += (self._code(code),)
        else:
            self._defect("PAX-VALUE-INVALID", "NAT without a nationality code", 2, 1)

    def _doc(self, els: Elements) -> None:
        if self.section not in (_TRAVELLER, _DOCUMENT) or self.traveller is None:
            self._unrecognised("DOC outside a traveller")
            return
        self.section = _DOCUMENT
        document = _Document(els, self._raw[2])
        if document.type is not None and document.type not in CODES.document_types:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"document type {document.type!r} is not in the PAXLST list; kept as "
                         "sent", 1, 1)
        if document.number is None:
            self._defect("PAX-VALUE-INVALID", "travel document without a number (DOC e2)",
                         2, 1)
        self.document = document
        self.traveller.documents += (document,)

    # ------------------------------------------------------------------ trailer
    def _cnt(self, els: Elements) -> None:
        self._close_traveller()
        self._finish_leg_section()
        self._set_section(_TRAILER)
        qualifier = _get(els, 1).strip()
        raw = _get(els, 1, 2).strip()
        value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None
        if value is None:
            self._defect("PAX-VALUE-INVALID", f"control total {raw!r} is not a number",
                         1, 2)
        if qualifier not in CODES.control_totals:
            self._defect("PAX-QUALIFIER-UNKNOWN",
                         f"control total qualifier {qualifier!r} is not 41 (crew) or 42 "
                         "(passengers)", 1, 1)
        self.control_totals.append(ControlTotal(qualifier, value, raw))

    # ------------------------------------------------------------------ result
    def finish(self, input_offset: int | None) -> PassengerList:
        """Build the :class:`PassengerList` from everything read."""
        self._close_traveller()
        self._finish_leg_section()
        header = self.header
        if self._skipped_from is not None:
            index, offset = self._skipped_from
            self.warnings.append(self.report.defect(
                "MSG-LIMIT",
                f"more than {self.policy.max_travellers_per_message} travellers: "
                f"{self._skipped_travellers} travellers ({self._skipped_segments} further "
                "segments) from here on were not read (Policy.max_travellers_per_message)",
                offset=offset if offset >= 0 else None, segment_index=index, tag="NAD",
                message_reference=header.reference))
        limit = self.policy.max_defects_per_kind
        for code, first in self._suppressed.items():
            self.warnings.append(Defect(
                code, first.severity,
                f"{self._counts[code] - limit} more defects of this kind in this message are "
                f"not listed (the first {limit} are); the first unlisted: {first.message}",
                first.location))
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
                                       tuple(r["communications"]), r["index"])
        declared = self._declared_total()
        envelope = envelope_of(header, self.input_name)
        sequence = header.sequence_number
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
            is_first_part=header.is_first_part,
            is_last_part=header.is_last_part,
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


def envelope_of(header: MessageHeader, input_name: str | None) -> Envelope:
    """Where a message came from (:class:`Envelope`): the input name and the interchange
    (UNB) and group (UNG) details its header carries."""
    interchange = header.interchange
    group = header.group
    sender = interchange.sender if interchange else None
    recipient = interchange.recipient if interchange else None
    return Envelope(
        input_name=input_name,
        interchange_reference=interchange.control_reference if interchange else None,
        sender=sender.identification if sender else None,
        recipient=recipient.identification if recipient else None,
        prepared_at=interchange.prepared_at if interchange else None,
        syntax_identifier=interchange.syntax_identifier if interchange else None,
        syntax_version=interchange.syntax_version if interchange else None,
        application_reference=interchange.application_reference if interchange else None,
        test_indicator=bool(interchange and interchange.test_indicator),
        group_reference=group.reference if group else None,
        message_offset=header.segment.offset if header.segment.offset >= 0 else None)


def _with_final_destination(leg: FlightLeg, code: str) -> FlightLeg:
    return attrs.evolve(leg, final_destination=code or None)
