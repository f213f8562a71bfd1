"""Typed PAXLST records: passenger and crew lists, flight legs, travellers, documents.

Plain frozen attrs classes with slots. They know nothing of EDIFACT text or JSON: the
reader (:mod:`paxdata.paxlst._reader`) builds them, serializers (:mod:`paxdata.json`)
turn them into JSON. Field meanings follow the WCO/IATA/ICAO API Guidelines, Appendix IIA
(PAXLST Message Implementation Guide), whose section is cited per field.

Dates: ``date_of_birth``, ``expiry_date`` and ``issue_date`` are calendar dates
(:class:`datetime.date`). ``scheduled_departure``/``scheduled_arrival`` are **local times
at the airport** as the message sends them (naive :class:`datetime.datetime`, no time zone:
PAXLST DTM 189/232 format 201 carries none).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import attrs

from paxdata.defects import Defect
from paxdata.edifact import Segment

__all__ = [
    "Address",
    "Communication",
    "ControlTotal",
    "Envelope",
    "FlightLeg",
    "ListType",
    "PassengerList",
    "Place",
    "Reference",
    "ReportingParty",
    "TravelDocument",
    "Traveller",
    "TravellerRole",
]


class TravellerRole(StrEnum):
    """A traveller's role, from NAD 3035 (PAXLST IG 4.11): FL, FM, DDU, DDT."""

    PASSENGER = "passenger"
    CREW = "crew"
    IN_TRANSIT_PASSENGER = "in_transit_passenger"
    IN_TRANSIT_CREW = "in_transit_crew"


class ListType(StrEnum):
    """What the list is, from BGM 1001 (PAXLST IG 4.5): 745 passenger list, 250 crew list;
    ``other`` for the US codes 266 (flight status/close), 336 (master crew list), 655 (gate
    pass) and anything else, whose code stays in ``document_name_code``."""

    PASSENGER = "passenger"
    CREW = "crew"
    OTHER = "other"


@attrs.frozen(slots=True)
class Communication:
    """A telephone number, fax number or e-mail address (COM C076: 3148 and 3155 channel
    ``TE``/``FX``/``EM``; PAXLST IG 4.7, 4.18). Kept as sent: UNOA senders write ``@`` as
    ``.AT.``."""

    number: str
    channel: str | None = None


@attrs.frozen(slots=True)
class Address:
    """A traveller's address (NAD e5-e9; PAXLST IG 4.11): street, city, country
    sub-entity (code or name), postal code, country (ISO 3166 alpha-3 in the guide)."""

    street: str | None = None
    city: str | None = None
    country_subentity: str | None = None
    postal_code: str | None = None
    country: str | None = None


@attrs.frozen(slots=True)
class Place:
    """A place given as a code (LOC C517 3225, e.g. an airport or country code) and/or a
    name (C517 3224, e.g. ``AMBER HILL GBR`` for a place of birth)."""

    code: str | None = None
    name: str | None = None


@attrs.frozen(slots=True)
class Reference:
    """A reference (RFF C506): qualifier (1153, e.g. ``AVF``) and value (1154)."""

    qualifier: str
    value: str


@attrs.frozen(slots=True)
class ReportingParty:
    """Who sent the list (Gr.1 NAD MS with CTA and COM; PAXLST IG 4.6-4.7).

    ``party_id`` is NAD C082 (an assigned id, ``NAD+MS+USD090746``); ``name`` is NAD C080
    with its components joined by spaces (``NAD+MS+++DAVIDSON:ROBERT`` gives
    ``"DAVIDSON ROBERT"``); ``contact`` is CTA's contact name when sent.
    """

    party_id: str | None = None
    name: str | None = None
    contact: str | None = None
    communications: tuple[Communication, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class FlightLeg:
    """One flight leg (Gr.2 TDT with its Gr.3 LOC/DTM points; PAXLST IG 4.8-4.10).

    ``carrier`` is TDT C040 3127, or derived from the flight designator when absent;
    ``flight_number`` is the designator without the carrier prefix, as sent (no padding
    added). ``departure_airport``/``arrival_airport`` are IATA codes from LOC 125/87/92/130;
    ``scheduled_departure``/``scheduled_arrival`` are local times at those airports (DTM
    189/232, naive). A progressive flight has several legs; each leg's location functions
    say which kind of point it is (``125`` last foreign departure, ``87`` first arrival,
    ``92`` routing point, ``130`` final destination).
    """

    carrier: str | None
    flight_number: str | None
    flight_designator: str | None
    departure_airport: str | None
    arrival_airport: str | None
    scheduled_departure: datetime | None
    scheduled_arrival: datetime | None
    departure_location_function: str | None = None
    arrival_location_function: str | None = None
    final_destination: str | None = None
    transport_stage: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class TravelDocument:
    """A travel document (Gr.5 DOC with DTM and LOC; PAXLST IG 4.21-4.23).

    ``type`` is DOC C002 1001 (``P`` passport, ``V`` visa, ``I``/``A``/``C`` identity
    cards, ...); ``number`` DOC C503 1004; ``issuing_country`` LOC 91 code (ISO 3166
    alpha-3 or a Doc 9303 code) and ``issuing_place`` its name when one is sent;
    ``expiry_date`` DTM 36 and ``issue_date`` DTM 182 (YYMMDD, century nearest the message
    date). ``unrecognised_segments`` are segments of the document group paxdata does not
    interpret, kept as received.
    """

    type: str | None
    number: str | None
    issuing_country: str | None = None
    issuing_place: str | None = None
    expiry_date: date | None = None
    issue_date: date | None = None
    unrecognised_segments: tuple[Segment, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Traveller:
    """A passenger or crew member (Gr.4 NAD and its segments; PAXLST IG 4.11-4.23).

    Names: ``surname`` and ``given_names`` from NAD C080 (release characters removed:
    ``O?'BRIEN`` is ``O'BRIEN``). ``gender`` ATT 9019 (``M``/``F``/``U``/``X``).
    ``date_of_birth`` DTM 329 (YYMMDD; the century is the latest that does not put the date
    after the message date). Locations from LOC 22/174/178/179/180. ``nationality`` NAT
    C042 (the first NAT; others in ``other_nationalities``). References from RFF:
    ``reservation_number`` (AVF, the PNR locator), ``unique_passenger_reference`` (ABO),
    ``seat`` (SEA), ``frequent_flyer_number`` (CR), ``government_reference`` (AEA),
    ``ticket_number`` (YZY, China iAPI); ``references`` keeps every RFF as sent.
    ``checked_bag_count``/``checked_bag_weight`` from MEA CT/WT (``bag_weight_unit``
    ``KGM`` or ``LBR``); ``bag_tags`` from FTX BAG, runs expanded (``ZZ012345:3`` gives
    ZZ012345, ZZ012346, ZZ012347). ``data_verified`` from GEI 173/174. ``crew_category``
    EMP ``CR1``..``CR5``. ``unrecognised_segments`` are the traveller's segments paxdata
    could not interpret, kept as received; ``warnings`` the defects found in them.
    """

    role: TravellerRole
    party_function: str
    surname: str | None
    given_names: tuple[str, ...]
    gender: str | None = None
    date_of_birth: date | None = None
    place_of_birth: Place | None = None
    nationality: str | None = None
    other_nationalities: tuple[str, ...] = ()
    country_of_residence: str | None = None
    address: Address | None = None
    port_of_embarkation: str | None = None
    port_of_disembarkation: str | None = None
    clearance_airport: str | None = None
    communications: tuple[Communication, ...] = ()
    crew_category: str | None = None
    reservation_number: str | None = None
    unique_passenger_reference: str | None = None
    seat: str | None = None
    frequent_flyer_number: str | None = None
    government_reference: str | None = None
    ticket_number: str | None = None
    references: tuple[Reference, ...] = ()
    checked_bag_count: int | None = None
    checked_bag_weight: float | None = None
    bag_weight_unit: str | None = None
    bag_tags: tuple[str, ...] = ()
    data_verified: bool | None = None
    free_texts: tuple[str, ...] = ()
    documents: tuple[TravelDocument, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()
    segment_index: int | None = None
    offset: int | None = None


@attrs.frozen(slots=True)
class ControlTotal:
    """CNT C270 (PAXLST IG 4.24): qualifier 6069 (``42`` passengers, ``41`` crew) and the
    value, which is the flight total, not the number of travellers in this message."""

    qualifier: str
    value: int | None
    raw_value: str


@attrs.frozen(slots=True)
class Envelope:
    """Where a message came from: input name, interchange (UNB) and group (UNG) details.

    ``prepared_at`` is UNB S004 as sent (no time zone). ``message_offset`` is where the
    UNH starts in the input (bytes, or characters for ``str`` input).
    """

    input_name: str | None
    interchange_reference: str | None
    sender: str | None
    recipient: str | None
    prepared_at: datetime | None
    syntax_identifier: str | None
    syntax_version: str | None
    application_reference: str | None
    test_indicator: bool
    group_reference: str | None
    message_offset: int | None


@attrs.frozen(slots=True)
class PassengerList:
    """One PAXLST message: a passenger or crew list (or one part of it).

    ``message_reference`` UNH 0062; ``version`` ``"D:05B"`` (UNH S009 0052:0054; parsed
    by structure for any directory). ``list_type`` from BGM 1001 (``document_name_code``
    keeps the code); ``document_identifier`` is BGM C106 1004, which US CBP uses as a
    sub-type (``CP``, ``CLOB``...). ``transaction_reference`` RFF TN (with
    ``transaction_revision``, its 1060). ``common_access_reference`` (UNH 0068),
    ``part_number`` (S010 0070), ``is_first_part``/``is_last_part`` (S010 0073 ``C``/``F``;
    a message without S010 is complete: first and last) link the parts of a list; see
    :func:`paxdata.paxlst.reassemble`. ``declared_total`` is the CNT value (41/42): the
    flight total. ``message_date`` is the date used for century decisions (UNB preparation
    date, else the first scheduled departure).
    """

    message_reference: str
    version: str
    list_type: ListType
    document_name_code: str | None
    document_identifier: str | None
    message_function: str | None
    transaction_reference: str | None
    transaction_revision: str | None
    reporting_party: ReportingParty | None
    common_access_reference: str | None
    part_number: int | None
    is_first_part: bool
    is_last_part: bool
    flight_legs: tuple[FlightLeg, ...]
    travellers: tuple[Traveller, ...]
    declared_total: int | None
    control_totals: tuple[ControlTotal, ...]
    message_date: date | None
    envelope: Envelope
    controlling_agency: str | None = None
    association_code: str | None = None
    unrecognised_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()
    message_type: str = "PAXLST"

    @property
    def passengers(self) -> tuple[Traveller, ...]:
        """Travellers whose role is passenger or in-transit passenger."""
        return tuple(t for t in self.travellers
                     if t.role in (TravellerRole.PASSENGER, TravellerRole.IN_TRANSIT_PASSENGER))

    @property
    def crew(self) -> tuple[Traveller, ...]:
        """Travellers whose role is crew or in-transit crew."""
        return tuple(t for t in self.travellers
                     if t.role in (TravellerRole.CREW, TravellerRole.IN_TRANSIT_CREW))
