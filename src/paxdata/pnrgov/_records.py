"""Typed PNRGOV records: pushes, PNRs, travellers, itinerary segments, check-in data.

Plain frozen attrs classes with slots. They know nothing of EDIFACT text or JSON: the
reader (:mod:`paxdata.pnrgov._reader`) builds them, serializers turn them into JSON.
Field meanings follow the IATA PADIS EDIFACT Implementation Guide, PNRGOV message
(versions 10.1 to 21.1); the group (Gr.) and segment are cited per class.

Dates and times, as the guide defines them:

* PNRGOV dates are sent **DDMMYY** (the reverse of PAXLST's YYMMDD); two-digit years take
  the century nearest the message date, dates of birth the latest century not after it.
* **TVL times are local** at the airport they concern: ``scheduled_departure`` and
  ``scheduled_arrival`` are naive :class:`datetime.datetime` values, as sent.
* **DAT times are UTC** unless the sender and the State agreed otherwise (PNRGOV IG, DAT:
  "unless specifically stated otherwise in bilateral agreement, the time is in UTC"):
  ``last_modified_at``, ``ticket_issued_at``, check-in and history times are
  timezone-aware datetimes in UTC.
* **RCI creation date/time** (``created_at``) is taken as UTC too: the guide's example
  reads ``RCI+DL:ABC456789::240210:2230`` as "created on 24 February 2010 at 2230 GMT".
* When a sender gives a date without its time, the field holds the :class:`datetime.date`
  alone (no invented midnight): fields typed ``datetime | date | None``.
* PTK ticketing date/time carries no time zone in the guide: naive, as sent.

Amounts (MON, TXD, FOP, EBD) are kept as the decimal strings sent (``"2888.00"``); card
numbers are kept as sent (usually masked).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import attrs

from paxdata.defects import Defect
from paxdata.edifact import Segment
from paxdata.paxlst import Envelope, FlightLeg, TravelDocument

__all__ = [
    "Address",
    "Amount",
    "BagGroup",
    "BagTag",
    "CheckIn",
    "Contact",
    "DateEntry",
    "DocaDetails",
    "DocoDetails",
    "DocsDetails",
    "ExcessBaggage",
    "Fare",
    "FrequentFlyer",
    "HistoryAction",
    "HistoryCredit",
    "HistoryTraveller",
    "InfantDetails",
    "ItinerarySegment",
    "NonAirProduct",
    "NonAirSegment",
    "Originator",
    "Payment",
    "Pnr",
    "PnrgovMessage",
    "PushType",
    "PushedPnr",
    "RecordLocator",
    "Remark",
    "Seat",
    "SeatDetails",
    "SplitPnr",
    "Ssr",
    "SsrDetails",
    "Tax",
    "Ticket",
    "TicketCoupon",
    "Traveller",
    "UnreadablePnr",
]


class PushType(StrEnum):
    """What a push is, from the level-0 MSG C302 1225 (PNRGOV IG, MSG): ``full`` (22, all
    PNRs of the flight), ``update`` (141, PNRs changed since the previous push), ``other``
    (anything else; the code stays in ``message_function``)."""

    FULL = "full"
    UPDATE = "update"
    OTHER = "other"


@attrs.frozen(slots=True)
class RecordLocator:
    """One reservation control reference (RCI C330; PNRGOV IG, RCI in Gr.1, Gr.5, Gr.8).

    ``booking_system`` is c1, the airline or reservation system (``1A``, ``KE``);
    ``locator`` c2, the record locator; ``control_type`` c3 (``C`` = DCS reference, sent
    when no reservation PNR was received); ``created_at`` c4 DDMMYY + c5 HHMM(SS), the
    PNR creation date/time in UTC (a :class:`date` when no time is sent).
    """

    booking_system: str | None
    locator: str | None
    control_type: str | None = None
    created_at: datetime | date | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Originator:
    """Who sent the push, booked the PNR or checked the traveller in (ORG; PNRGOV IG, ORG
    at level 0, Gr.1 and Gr.6).

    ``system`` e1 c1 (airline or reservation system, ``1A``), ``location`` e1 c2
    (``MUC``); ``agency_number`` e2 c1 (IATA travel agency number), ``agent_office`` e2 c2
    (``HDQKE2400``); ``agent_location`` e3 (city); ``company`` e4 c1 and
    ``company_location`` e4 c2 (the booking office, ``KE:NBE``); ``originator_type`` e5
    (``A`` airline agent, ``T`` travel agent); ``country``, ``currency``, ``language``
    e6 c1-c3; ``agent_id`` e7 (agent sine). ``additional_elements`` keeps e8 and later as
    sent (components joined by ``:``). ``empty`` is true for an ORG without data, which
    in an update push means the PNR was cancelled. (A value: equal ORGs are one object.)
    """

    system: str | None = None
    location: str | None = None
    agency_number: str | None = None
    agent_office: str | None = None
    agent_location: str | None = None
    company: str | None = None
    company_location: str | None = None
    originator_type: str | None = None
    country: str | None = None
    currency: str | None = None
    language: str | None = None
    agent_id: str | None = None
    additional_elements: tuple[str, ...] = ()
    empty: bool = False


@attrs.frozen(slots=True)
class Address:
    """An address (ADD C031 in Gr.1, Gr.2, Gr.4; or SSR DOCA).

    ``purpose`` c1 (``700`` contact, ``702``..., or ``E``/``M``/``H`` when the sender puts
    an e-mail or phone in c8); ``street`` c2, ``city`` c3, ``country_subentity`` c4
    (code), ``country_subentity_name`` c5, ``country`` c6 (ISO alpha-2 in practice),
    ``postal_code`` c7, ``free_text`` c8 (phone numbers or other text, as sent).
    From DOCA: ``purpose`` is ``residence`` or ``destination``.
    """

    purpose: str | None = None
    street: str | None = None
    city: str | None = None
    country_subentity: str | None = None
    country_subentity_name: str | None = None
    country: str | None = None
    postal_code: str | None = None
    free_text: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Contact:
    """A phone number or e-mail address found in the PNR.

    ``channel``: ``email``, ``phone``, ``mobile``, ``home_phone``, ``business_phone``,
    ``agency_phone``, ``fax``, ``address`` or ``refused``. ``value`` is decoded (in
    e-mail addresses ``//`` becomes ``@`` and ``..`` becomes ``_``, AIRIMP CTCE);
    ``text`` is what was sent. ``source`` says where it came from: ``SSR CTCE``,
    ``IFT CTCM`` (an OSI), ``ADD``. ``language`` is the language code some senders append
    (``/EN``). ``traveller_reference`` is the 9944 reference the SSR named, if any.
    """

    channel: str
    value: str
    text: str
    source: str
    language: str | None = None
    traveller_reference: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Remark:
    """Free text (IFT C346 and its text elements; PNRGOV IG, IFT).

    ``subject`` c1 (4451, ``4``), ``type`` c2 (4441: ``28`` OSI, ``43`` sponsor, ``15``
    fare calculation, ``19`` history text...), ``pricing_indicator`` c3, ``carrier`` c4,
    ``language`` c5; ``lines`` the text elements e2.. as sent.
    """

    subject: str | None
    type: str | None
    lines: tuple[str, ...]
    carrier: str | None = None
    pricing_indicator: str | None = None
    language: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class DateEntry:
    """One DAT C688 occurrence as sent (PNRGOV IG, DAT): qualifier 2005, the date/time
    (UTC; a :class:`date` without time) and, for qualifier ``3``, the free text."""

    qualifier: str | None
    at: datetime | date | None
    text: str | None = None


@attrs.frozen(slots=True)
class ExcessBaggage:
    """Excess baggage (EBD; PNRGOV IG, EBD in Gr.1 and Gr.2): ``currency`` and ``rate``
    (e1 c1-c2), ``count`` (e2 c1, number in excess), ``piece_or_weight`` (e2 c2, ``N``
    pieces / ``W`` weight), ``unit`` (e2 c3)."""

    currency: str | None = None
    rate: str | None = None
    count: int | None = None
    piece_or_weight: str | None = None
    unit: str | None = None


@attrs.frozen(slots=True)
class Fare:
    """Fare information (FAR; PNRGOV IG, FAR in Gr.2): ``indicator`` e1 (passenger type
    indicator, ``A``/``N``/``IN``...), ``age`` e2; ``details`` e3 and later as sent
    (fare basis and ticket designator positions are not verified in the guide)."""

    indicator: str | None
    age: str | None = None
    details: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class FrequentFlyer:
    """A frequent flyer account (FTI in Gr.2, or SSR FQTV/FQTS/FQTR/FQTU).

    ``carrier`` the programme's airline, ``number`` the account number, ``tier`` the
    status (``ELITE``, ``G``) when sent, ``source`` ``FTI`` or ``SSR FQTV``.
    """

    carrier: str | None
    number: str | None
    tier: str | None = None
    source: str = "FTI"
    traveller_reference: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class DocsDetails:
    """SSR DOCS free text decoded (AIRIMP ``/type/issuing state/number/nationality/
    DDMMMYY birth/gender/DDMMMYY expiry/surname/given/given/H``).

    Every field is optional (senders leave fields empty). ``gender`` as sent (``M``,
    ``F``, ``U``, ``X``, ``MI``/``FI`` for infants); ``infant`` says it is an infant's
    document. ``primary_holder`` is the ``H`` flag (primary holder of a multi-passenger
    passport). ``name_association`` is a trailing ``-1SURNAME/GIVEN`` element.
    ``shifted`` is true when a misplaced slash was corrected (see warnings).
    """

    document_type: str | None = None
    issuing_country: str | None = None
    number: str | None = None
    nationality: str | None = None
    date_of_birth: date | None = None
    gender: str | None = None
    expiry_date: date | None = None
    surname: str | None = None
    given_names: tuple[str, ...] = ()
    primary_holder: bool = False
    infant: bool = False
    name_association: str | None = None
    shifted: bool = False


@attrs.frozen(slots=True)
class DocoDetails:
    """SSR DOCO decoded (AIRIMP ``/place of birth/type/number/place of issue/DDMMMYY
    issue/applicable country/I``): ``document_type`` ``V`` visa, ``K`` redress number,
    ``R`` known traveller number; ``infant`` the ``I`` flag."""

    place_of_birth: str | None = None
    document_type: str | None = None
    number: str | None = None
    place_of_issue: str | None = None
    issue_date: date | None = None
    applicable_country: str | None = None
    infant: bool = False


@attrs.frozen(slots=True)
class DocaDetails:
    """SSR DOCA decoded (AIRIMP ``/R|D/country/street/city/state/postal code/I``)."""

    address_type: str | None = None
    country: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    infant: bool = False


@attrs.frozen(slots=True)
class TicketCoupon:
    """SSR TKNE/TKNM decoded: ticket ``number``, ``coupon`` number, ``infant`` (``INF``
    prefix: the infant's ticket)."""

    number: str
    coupon: int | None = None
    infant: bool = False


@attrs.frozen(slots=True)
class SeatDetails:
    """Seats named in an SSR's free text (``.03BN03AN``: seats 03B and 03A, ``N``
    non-smoking), when no per-traveller element gives them."""

    seats: tuple[str, ...]


@attrs.frozen(slots=True)
class InfantDetails:
    """SSR INFT decoded (``SURNAME/GIVEN DDMMMYY``): the infant travelling on the lap of
    the traveller the SSR names."""

    surname: str | None = None
    given_names: tuple[str, ...] = ()
    date_of_birth: date | None = None


#: Decoded SSR free text, by SSR code (``Ssr.details``); ``None`` when not decoded.
SsrDetails = (DocsDetails | DocoDetails | DocaDetails | FrequentFlyer | Contact | TicketCoupon
              | SeatDetails | InfantDetails)


@attrs.frozen(slots=True)
class Ssr:
    """A special service request (SSR C334 + one C332; PNRGOV IG, SSR in Gr.1, Gr.2, Gr.5,
    Gr.11).

    ``code`` c1 (4 letters, ``DOCS``), ``status`` c2 (``HK``, ``NN``...), ``quantity`` c3,
    ``carrier`` c4, ``board_point``/``off_point`` c7/c8, ``text`` c9 and later (AIRIMP free
    text, as sent). An SSR naming several travellers (``SSR+SEAT:...+15A::1+15B::2``) is
    one record per traveller: ``traveller_reference`` (C332 c3, 9944), ``requirement``
    (C332 c1, e.g. the seat), ``unit`` (c2), ``characteristics`` (c4). ``details`` is the
    decoded free text for the codes in ``specs/pnrgov/ssr_codes.toml``. ``flight`` is the
    designator of the itinerary segment a Gr.5 SSR belongs to.
    """

    code: str | None
    status: str | None = None
    quantity: str | None = None
    carrier: str | None = None
    board_point: str | None = None
    off_point: str | None = None
    text: str | None = None
    traveller_reference: str | None = None
    requirement: str | None = None
    unit: str | None = None
    characteristics: str | None = None
    details: SsrDetails | None = None
    flight: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Amount:
    """A monetary amount (MON C663): ``type`` (``B`` base fare, ``T`` total), ``amount``
    as sent, ``currency``."""

    type: str | None
    amount: str | None
    currency: str | None = None


@attrs.frozen(slots=True)
class Tax:
    """A tax, fee or charge (TXD C668): ``amount`` c1, ``currency`` c3, ``code`` c4 (tax
    code or country, ``YQ``, ``GB``), ``category`` e1 as sent."""

    amount: str | None
    currency: str | None = None
    code: str | None = None
    category: str | None = None


@attrs.frozen(slots=True)
class Payment:
    """A form of payment (Gr.4 FOP C641 with IFT and ADD; PNRGOV IG, FOP).

    ``type`` c1 (``CC`` card, ``CA`` cash, ``CK`` cheque, ``MS``, ``GR``), ``old_indicator``
    c2 (``2`` = old form of payment), ``amount`` c3, ``vendor`` c4 (``VI``, ``AX``),
    ``account_number`` c5 **as sent** (usually masked), ``expiry`` c6 (MMYY as sent).
    ``sponsor`` are the lines of the following IFT 4:43 (card holder or sponsor: name,
    address, phone); ``billing_address`` the Gr.4 ADD. ``ticket_number`` names the ticket
    (Gr.3) the payment belongs to.
    """

    type: str | None
    amount: str | None = None
    vendor: str | None = None
    account_number: str | None = None
    expiry: str | None = None
    old_indicator: str | None = None
    sponsor: tuple[str, ...] = ()
    billing_address: Address | None = None
    ticket_number: str | None = None
    remarks: tuple[Remark, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Ticket:
    """A ticket (Gr.3 TKT with MON, PTK, TXD, DAT; PNRGOV IG, TKT).

    ``number`` TKT c1, ``document_type`` c2 (``T`` ticket, ``1`` ticketless), ``booklets``
    c3 (conjunctive tickets), ``ticketless``. ``amounts`` (MON), ``taxes`` (TXD).
    PTK: ``pricing_indicator`` e1 (``NR`` non-refundable), ``ticketing_at`` e3
    (DDMMYY:HHMM, naive as sent), ``validating_carrier`` e4, ``airline_code`` e5,
    ``sales_city`` e6. ``issued_at`` DAT 710 (UTC). ``remarks`` IFT sent in the ticket
    group (fare calculation).
    """

    number: str | None
    document_type: str | None = None
    booklets: int | None = None
    ticketless: bool = False
    amounts: tuple[Amount, ...] = ()
    taxes: tuple[Tax, ...] = ()
    pricing_indicator: str | None = None
    ticketing_at: datetime | date | None = None
    validating_carrier: str | None = None
    airline_code: str | None = None
    sales_city: str | None = None
    issued_at: datetime | date | None = None
    remarks: tuple[Remark, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class BagTag:
    """A bag tag run (TBD C359 e5..: ``carrier`` c1 (2-character or 3-digit code),
    ``number`` c2 (first tag), ``count`` c3 (consecutive tags), ``destination`` c4).
    ``numbers`` are the tags of the run, expanded (limited by
    :attr:`~paxdata.policy.Policy.max_bag_tag_run`); ``additional`` keeps c5 and later."""

    carrier: str | None
    number: str | None
    count: int | None = None
    destination: str | None = None
    numbers: tuple[str, ...] = ()
    additional: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class BagGroup:
    """Checked baggage of one traveller on one flight (Gr.7 TBD; PNRGOV IG, TBD).

    ``count`` e2 c1, ``weight`` e2 c2 (as a number), ``weight_unit`` (``KGM`` for 700,
    ``LBR`` for 701, ``None`` for 702), ``unit_qualifier`` e2 c3 as sent; ``pool`` e4 c1
    (``HP`` head of pool, ``MP`` member), ``pool_reference`` e4 c2; ``tags``.
    ``flight`` is the designator of the itinerary segment (``None`` in history).
    """

    count: int | None = None
    weight: float | None = None
    weight_unit: str | None = None
    unit_qualifier: str | None = None
    status: str | None = None
    pool: str | None = None
    pool_reference: str | None = None
    tags: tuple[BagTag, ...] = ()
    flight: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Seat:
    """A seat of a traveller on a flight: from check-in (Gr.7 SSD, ``source`` ``SSD``,
    with ``cabin``) or from a seat SSR (``SSR SEAT``, ``SSR NSST``... with ``status``).
    ``number`` as sent (``039G``); ``flight`` the itinerary segment's designator;
    ``board_point``/``off_point`` from the SSR."""

    number: str
    source: str
    flight: str | None = None
    cabin: str | None = None
    status: str | None = None
    characteristics: str | None = None
    board_point: str | None = None
    off_point: str | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class CheckIn:
    """Check-in (DCS) data of one traveller on one flight (Gr.6 DAT/ORG + Gr.7 TRI with
    TIF, SSD, TBD; PNRGOV IG).

    ``flight`` the itinerary segment's designator and ``departure_airport``;
    ``checked_in_at`` DAT 2 (UTC), ``checked_in_text`` DAT 3 free text; ``agent`` the
    Gr.6 ORG. ``boarding_number`` TRI e2 c1 (``ICN-188``), ``traveller_reference`` TRI e2
    c4 (9944). ``name`` and ``name_reference`` are the Gr.7 TIF as sent
    (``SURNAME/GIVEN``). ``seat`` and ``cabin`` SSD e1/e5; ``bags`` the TBD.
    """

    flight: str | None = None
    departure_airport: str | None = None
    checked_in_at: datetime | date | None = None
    checked_in_text: str | None = None
    agent: Originator | None = None
    boarding_number: str | None = None
    traveller_reference: str | None = None
    name: str | None = None
    name_reference: str | None = None
    seat: str | None = None
    cabin: str | None = None
    bags: BagGroup | None = None
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Traveller:
    """A traveller of a PNR (Gr.2 TIF and its group; PNRGOV IG, TIF). Every Gr.2 TIF is
    a traveller, with or without SSR DOCS.

    Name: ``surname`` TIF e1 c1 (``name_qualifier`` e1 c2); ``given_names`` and ``title``
    from e2 c1, where AIRIMP appends the title (``JOHNMR``, ``KONG CHUN MRS``; see
    ``given_name_as_sent``). ``passenger_type`` e2 c2 (``A``, ``C``, ``IN``, ``G``),
    ``traveller_reference`` e2 c3 (9944, unique in the PNR; SSR, TRI and FTI name it),
    ``accompanied_by_infant`` e2 c4.

    From SSR DOCS (the traveller's own, first): ``gender`` (as sent, ``MI``/``FI`` for
    infants), ``date_of_birth``, ``nationality``; ``documents`` are DOCS documents and
    DOCO visas as PAXLST travel documents (same JSON shape), one per document number.
    ``place_of_birth`` from DOCO. ``frequent_flyer`` FTI and SSR FQTV;
    ``unique_passenger_reference`` REF e1 c2; ``fare`` FAR; ``excess_baggage`` EBD;
    ``tickets`` Gr.3 and ``payments`` Gr.4; ``ssrs`` every SSR naming this traveller
    (Gr.2, and Gr.1/Gr.5 by 9944); ``remarks`` Gr.2 IFT; ``contacts`` from SSR CTCx and
    OSI CTC; ``addresses`` Gr.2 ADD and SSR DOCA; ``seats`` from seat SSRs and check-in
    SSD; ``bags`` and ``check_in`` from Gr.6/7, per flight.
    """

    surname: str | None
    given_names: tuple[str, ...] = ()
    title: str | None = None
    given_name_as_sent: str | None = None
    name_qualifier: str | None = None
    passenger_type: str | None = None
    traveller_reference: str | None = None
    accompanied_by_infant: bool = False
    gender: str | None = None
    date_of_birth: date | None = None
    nationality: str | None = None
    place_of_birth: str | None = None
    documents: tuple[TravelDocument, ...] = ()
    frequent_flyer: tuple[FrequentFlyer, ...] = ()
    unique_passenger_reference: str | None = None
    fare: Fare | None = None
    excess_baggage: tuple[ExcessBaggage, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    payments: tuple[Payment, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    remarks: tuple[Remark, ...] = ()
    contacts: tuple[Contact, ...] = ()
    addresses: tuple[Address, ...] = ()
    seats: tuple[Seat, ...] = ()
    bags: tuple[BagGroup, ...] = ()
    check_in: tuple[CheckIn, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    segment_index: int | None = None
    offset: int | None = None


@attrs.frozen(slots=True)
class ItinerarySegment:
    """One flight segment of the PNR's itinerary (Gr.5 TVL with TRA, RPI, APD, SSR, RCI,
    IFT; PNRGOV IG, TVL).

    Marketing flight: ``carrier`` TVL e4 c1, ``flight_number`` e5 c1 (as sent),
    ``booking_class`` e5 c2, ``flight_suffix`` e5 c3. Operating flight: ``operating_carrier``
    from TVL e4 c2 or TRA e1 (14.1 and later), ``operating_flight_number`` and
    ``operating_booking_class`` from the codeshare's second TVL (``TVL+++++972:M``, 13.1
    and before) or TRA e2. ``departure_airport``/``arrival_airport`` e2/e3;
    ``scheduled_departure``/``scheduled_arrival`` e1 c1+c2 / c3+c4, **local times** at
    those airports (naive; the arrival takes the departure date when c3 is omitted, as
    the guide allows; a :class:`date` when no time is sent). ``status`` RPI e2
    (``HK``), ``party_size`` RPI e1, ``aircraft_type`` APD e1. ``record_locators`` the
    segment's RCI, ``ssrs`` segment SSRs naming no traveller, ``remarks`` IFT.
    ``unassigned_check_ins`` are Gr.7 check-ins whose traveller could not be found.
    """

    carrier: str | None
    flight_number: str | None
    departure_airport: str | None = None
    arrival_airport: str | None = None
    scheduled_departure: datetime | date | None = None
    scheduled_arrival: datetime | date | None = None
    booking_class: str | None = None
    flight_suffix: str | None = None
    operating_carrier: str | None = None
    operating_flight_number: str | None = None
    operating_booking_class: str | None = None
    status: str | None = None
    party_size: int | None = None
    aircraft_type: str | None = None
    record_locators: tuple[RecordLocator, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    remarks: tuple[Remark, ...] = ()
    unassigned_check_ins: tuple[CheckIn, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class SplitPnr:
    """Split (divided) PNR information (Gr.8 EQN + RCI; PNRGOV IG): ``count`` EQN e1 c1,
    ``record_locators`` the PNRs split from (or into) this one."""

    count: int | None
    record_locators: tuple[RecordLocator, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class NonAirProduct:
    """A non-air product (Gr.9 TVL: hotel, car...). Positions as in the flight TVL:
    ``start``/``end`` e1 (local, as sent), ``locations`` e2/e3, ``provider`` e4 c1,
    ``product`` e5 c1; ``segment`` keeps the TVL as sent (the guide leaves the layout to
    the product)."""

    start: datetime | date | None = None
    end: datetime | date | None = None
    locations: tuple[str, ...] = ()
    provider: str | None = None
    product: str | None = None
    segment: Segment | None = None


@attrs.frozen(slots=True)
class NonAirSegment:
    """A non-air segment (Gr.9 MSG + TVL; PNRGOV IG, MSG 4025 business function, ``8``
    hotel): ``business_function`` code and ``products``."""

    business_function: str | None
    products: tuple[NonAirProduct, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class HistoryTraveller:
    """A traveller named in a history action (Gr.11 TIF): name and 9944 reference as sent."""

    surname: str | None
    given_name: str | None = None
    passenger_type: str | None = None
    traveller_reference: str | None = None


@attrs.frozen(slots=True)
class HistoryAction:
    """One change in the PNR history (Gr.11 SAC and the changed items; PNRGOV IG, SAC):
    ``action`` e3 (``A`` added, ``X`` cancelled, ``C`` changed), and what changed:
    ``travellers`` (TIF), ``ssrs``, ``remarks`` (IFT, e.g. type 19 history text),
    ``bags`` (TBD), ``itinerary`` (Gr.12 TVL with RPI)."""

    action: str | None
    travellers: tuple[HistoryTraveller, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    remarks: tuple[Remark, ...] = ()
    bags: tuple[BagGroup, ...] = ()
    itinerary: tuple[ItinerarySegment, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class HistoryCredit:
    """A history credit (Gr.10 ABI + DAT and its Gr.11 actions; PNRGOV IG, ABI): who made
    the change and when. ``originator_type`` ABI e1, ``agent_id`` e2 c1, ``duty_code``
    e2 c2, ``location`` e3, ``company`` e5; ``changed_at`` DAT (UTC), ``date_qualifier``
    its 2005 (``T``, ``ZT``)."""

    originator_type: str | None = None
    agent_id: str | None = None
    duty_code: str | None = None
    location: str | None = None
    company: str | None = None
    changed_at: datetime | date | None = None
    date_qualifier: str | None = None
    actions: tuple[HistoryAction, ...] = ()
    segment_index: int | None = None


@attrs.frozen(slots=True)
class Pnr:
    """One passenger name record of a push (Gr.1 SRC and everything to the next SRC).

    Key: ``booking_system`` and ``record_locator`` are the first RCI C330 (c1, c2);
    ``record_locators`` every Gr.1 RCI composite (several systems). ``created_at`` the RCI
    creation date/time (UTC). ``last_modified_at`` DAT 700 and ``ticket_issued_at`` DAT
    710 (UTC); ``dates`` every Gr.1 DAT occurrence. ``cancelled``: the PNR was sent with
    an empty ORG (update push: the PNR, or the pushed flight in it, was cancelled).
    ``originator`` Gr.1 ORG (booking office). ``contacts`` from ADD, OSI CTC and SSR CTCx
    naming no traveller; ``addresses`` Gr.1 ADD; ``remarks`` Gr.1 IFT; ``ssrs`` Gr.1 SSRs
    naming no traveller (or an unknown one); ``excess_baggage`` Gr.1 EBD.
    ``travellers`` Gr.2, ``itinerary`` Gr.5, ``split_pnrs`` Gr.8, ``non_air_segments``
    Gr.9, ``history`` Gr.10-12, ``history_lines`` LTS text as sent.
    ``warnings`` are the located defects found in this PNR's segments.
    """

    record_locator: str | None
    booking_system: str | None
    record_locators: tuple[RecordLocator, ...] = ()
    created_at: datetime | date | None = None
    last_modified_at: datetime | date | None = None
    ticket_issued_at: datetime | date | None = None
    dates: tuple[DateEntry, ...] = ()
    cancelled: bool = False
    originator: Originator | None = None
    contacts: tuple[Contact, ...] = ()
    addresses: tuple[Address, ...] = ()
    remarks: tuple[Remark, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    excess_baggage: tuple[ExcessBaggage, ...] = ()
    travellers: tuple[Traveller, ...] = ()
    itinerary: tuple[ItinerarySegment, ...] = ()
    split_pnrs: tuple[SplitPnr, ...] = ()
    non_air_segments: tuple[NonAirSegment, ...] = ()
    history: tuple[HistoryCredit, ...] = ()
    history_lines: tuple[str, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()
    segment_index: int | None = None
    offset: int | None = None

    @property
    def key(self) -> tuple[str | None, str | None]:
        """(booking system, record locator): how the same PNR is recognised across pushes."""
        return (self.booking_system, self.record_locator)


@attrs.frozen(slots=True)
class UnreadablePnr:
    """A PNR that could not be read (error PNR-UNREADABLE): its segments as received,
    where it starts, and what went wrong. The other PNRs of the push are unaffected."""

    record_locator: str | None
    reason: str
    segments: tuple[Segment, ...]
    segment_index: int | None = None
    offset: int | None = None


@attrs.frozen(slots=True)
class PnrgovMessage:
    """One PNRGOV message: a push of PNRs for one flight (or one part of a push).

    ``message_reference`` UNH 0062; ``version`` ``"13:1"`` (UNH S009 0052:0054; read by
    structure for any version), ``controlling_agency`` ``IA`` or ``XS`` (SITA).
    ``push_type`` from MSG 1225 (``message_function`` keeps the code: 22 full, 141
    update). ``sender`` level-0 ORG. ``flight`` the pushed flight (level-0 TVL) as a flight
    leg: local times, ``flight_designator`` carrier + number;
    ``flight_operating_carrier`` TVL e4 c2 when sent. ``declared_pnr_count`` EQN: the PNRs
    in the whole push, over all its parts. ``pnrs`` in message order;
    ``unreadable_pnrs`` those that could not be read. ``common_access_reference`` UNH 0068,
    ``part_number``/``is_first_part``/``is_last_part`` S010 (see
    :func:`paxdata.pnrgov.reassemble`). ``message_date`` is the date used for century
    decisions (UNB date, else the pushed flight's date). ``envelope`` as in PAXLST.
    """

    message_reference: str
    version: str
    controlling_agency: str | None
    push_type: PushType
    message_function: str | None
    sender: Originator | None
    flight: FlightLeg | None
    declared_pnr_count: int | None
    pnrs: tuple[Pnr, ...]
    common_access_reference: str | None
    part_number: int | None
    is_first_part: bool
    is_last_part: bool
    message_date: date | None
    envelope: Envelope
    flight_operating_carrier: str | None = None
    unreadable_pnrs: tuple[UnreadablePnr, ...] = ()
    unrecognised_segments: tuple[Segment, ...] = ()
    warnings: tuple[Defect, ...] = ()
    message_type: str = "PNRGOV"

    @property
    def travellers(self) -> tuple[Traveller, ...]:
        """Every traveller of every PNR, in message order."""
        return tuple(t for pnr in self.pnrs for t in pnr.travellers)


@attrs.frozen(slots=True)
class PushedPnr:
    """One PNR as :func:`paxdata.iter_pnrs` streams it, with what identifies the push it
    came in (PNRGOV level 0).

    ``pnr`` the record; ``position`` its place among the push's readable PNRs (1-based,
    SRC order); ``message_reference`` UNH 0062; ``push_type`` MSG 1225; ``sender`` ORG;
    ``flight`` the pushed flight (TVL, local times); ``common_access_reference`` and
    ``part_number`` UNH 0068 and S010 0070 (a push sent in parts); ``input_name`` where it
    was read. Source: IATA PADIS PNRGOV Implementation Guide (message structure, level 0
    and Gr.1).
    """

    pnr: Pnr
    position: int
    message_reference: str
    push_type: PushType
    sender: Originator | None
    flight: FlightLeg | None
    common_access_reference: str | None
    part_number: int | None
    input_name: str | None
