"""Hypothesis strategies for passenger data: travellers, flight legs, passenger and crew
lists, service characters, envelopes, and valid PAXLST interchanges as bytes; PNR records,
PNRGOV pushes and valid PNRGOV interchanges as bytes.

Shipped with paxdata so that carriers and PIUs can fuzz their own systems with messages
that follow the guidelines (needs ``hypothesis``: ``pip install hypothesis``)::

    from hypothesis import given
    from paxdata.testing import paxlst_messages

    @given(paxlst_messages())
    def test_our_api_gateway_accepts_every_valid_list(data: bytes) -> None:
        assert gateway.receive(data).accepted

Values stay within the WCO/IATA/ICAO PAXLST Implementation Guide's usage: level A
characters (upper-case letters, digits, space and ``. , - ( ) / = ' + : ?``; service
characters in data are released by the writer), lengths within the segment tables (names
an..35, document numbers, references an..35), real ISO 3166 alpha-3 country codes
(pycountry) and IATA airport codes (airportsdata), code values from
``specs/paxlst/codes.toml``. Records come in the shape :func:`paxdata.parse` returns them
for a message written by :func:`paxdata.writers.write_paxlst` once :func:`comparable` has
cleared what a written message cannot carry, so ``comparable(parse(write(x))) == x``.

PNRGOV (IATA PADIS PNRGOV Implementation Guide; AIRIMP SSR free text): :func:`pnrs`
(PNR records with travellers, DOCS/DOCO/DOCA/FQTV/contacts, tickets and payments, an
itinerary with codeshares, check-in with seats and bags, split PNRs, non-air segments and
history), :func:`pnrgov_pushes` (one push of them), :func:`pnrgov_envelope_settings`,
:func:`written_pnrgov_pushes` (records with their bytes) and :func:`pnrgov_messages`
(bytes). Generated PNRs are in the shape the PNRGOV reader builds, derived fields
included, so ``comparable(parse(write_pnrgov(push, envelope))) == push`` for an envelope
prepared within :data:`PNRGOV_MESSAGE_DATES`::

    from hypothesis import given
    from paxdata.testing import comparable, pnrgov_pushes

    @given(pnrgov_pushes())
    def test_our_xml_round_trip(push) -> None:
        assert comparable(from_xml(to_xml(push))) == push
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, TypeVar, overload

import airportsdata
import attrs
import pycountry

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - hypothesis is a test dependency
    raise ImportError("paxdata.testing needs hypothesis: pip install hypothesis") from exc

from paxdata._parse import parse
from paxdata.edifact import Segment, ServiceCharacters, parse_una, read, serialize_document
from paxdata.errors import PaxdataError
from paxdata.paxlst import (
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
    expand_bag_tags,
)
from paxdata.paxlst._codes import CODES
from paxdata.pnrgov import Address as PnrAddress
from paxdata.pnrgov import (
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
    PushType,
    RecordLocator,
    Remark,
    Seat,
    SplitPnr,
    Ssr,
    Tax,
    Ticket,
    TicketCoupon,
    split_title,
)
from paxdata.pnrgov import Traveller as PnrTraveller
from paxdata.pnrgov._codes import CODES as PNR_CODES
from paxdata.writers import (
    PNRGOV_CHARACTERS,
    EnvelopeSettings,
    write_paxlst,
    write_pnrgov,
)

__all__ = [
    "NO_ENVELOPE",
    "PNRGOV_MESSAGE_DATES",
    "as_rewritten",
    "assert_round_trip",
    "carried",
    "comparable",
    "crew_lists",
    "envelope_settings",
    "flight_legs",
    "line_breaks",
    "originators",
    "passenger_lists",
    "paxlst_messages",
    "pnr_flights",
    "pnrgov_envelope_settings",
    "pnrgov_messages",
    "pnrgov_pushes",
    "pnrs",
    "service_characters",
    "travel_documents",
    "travellers",
    "written_passenger_lists",
    "written_pnrgov_pushes",
]

#: Level A letters and digits (ISO 9735 UNOA).
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
#: Level A characters other than letters and digits, service characters included.
LEVEL_A_SYMBOLS = ".,-()/=' +:?"
#: The placeholder envelope of generated records (a written message's envelope is the
#: writer's, not the record's: :func:`comparable` puts this one back).
NO_ENVELOPE = Envelope(None, None, None, None, None, None, None, None, False, None, None)

_MIN_DATE = date(1920, 1, 1)
_T = TypeVar("_T")


@cache
def _countries() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_3 for c in pycountry.countries))


@cache
def _airports() -> tuple[str, ...]:
    return tuple(sorted(code for code in airportsdata.load("IATA") if len(code) == 3))


@cache
def countries() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-3 country codes (NAT, LOC 174, LOC 91)."""
    return st.sampled_from(_countries())


@cache
def airports() -> st.SearchStrategy[str]:
    """IATA airport codes (LOC 125/87/92, 22/178/179)."""
    return st.sampled_from(_airports())


@cache
def _word(alphabet: str = LETTERS, min_size: int = 1, max_size: int = 12
          ) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


@cache
def words(max_size: int = 35, alphabet: str = LETTERS, joiners: str = " ",
          max_words: int = 4) -> st.SearchStrategy[str]:
    """Words of ``alphabet`` joined by single characters of ``joiners``, no leading or
    trailing joiner, at most ``max_size`` characters."""
    @st.composite
    def build(draw: st.DrawFn) -> str:
        parts = draw(st.lists(_word(alphabet), min_size=1, max_size=max_words))
        out = parts[0]
        for part in parts[1:]:
            out += draw(st.sampled_from(joiners)) + part
        return out[:max_size].rstrip(joiners) or parts[0][:max_size]

    return build()


@cache
def surnames() -> st.SearchStrategy[str]:
    """Surnames: letters with spaces, hyphens and apostrophes inside (``O'BRIEN``,
    ``SILVA-COSTA``), an..35 (PAXLST IG 4.11 NAD C080; DIGEST 5.10 name characters)."""
    return words(35, LETTERS, " -'", 3)


@cache
def given_names() -> st.SearchStrategy[tuple[str, ...]]:
    """One to three given names, each a component of NAD C080 (``ANA LUCIA`` is one)."""
    return st.lists(words(35, LETTERS, " -", 2), min_size=0, max_size=3).map(tuple)


@cache
def _code(alphabet: str, min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


@cache
def _moment(start: datetime, end: datetime) -> st.SearchStrategy[datetime]:
    return st.datetimes(start, end).map(lambda d: d.replace(second=0, microsecond=0))


@cache
def flight_legs() -> st.SearchStrategy[FlightLeg]:
    """A flight leg: carrier (2 characters, at least one letter), number of 1-4 digits
    with an optional suffix, airports, location functions the guide uses (departure 125
    or 92; arrival 87, 92 or 130), scheduled local times with the arrival after the
    departure, optional final destination (PAXLST IG 4.8-4.10, example 5.3)."""
    carriers = st.builds(lambda a, b: a + b, st.sampled_from(LETTERS),
                         st.sampled_from(LETTERS + DIGITS))
    numbers = st.builds(lambda n, s: n + s, _code(DIGITS, 1, 4),
                        st.sampled_from(["", "", "", "A", "D"]))
    departures = st.none() | _moment(datetime(2000, 1, 1), datetime(2059, 12, 31))
    durations = st.none() | st.integers(30, 20 * 60)

    @st.composite
    def build(draw: st.DrawFn) -> FlightLeg:
        carrier, number = draw(carriers), draw(numbers)
        departure = draw(departures)
        minutes = draw(durations) if departure is not None else None
        return FlightLeg(
            carrier=carrier, flight_number=number, flight_designator=carrier + number,
            departure_airport=draw(airports()), arrival_airport=draw(airports()),
            scheduled_departure=departure,
            scheduled_arrival=departure + timedelta(minutes=minutes)
            if departure is not None and minutes is not None else None,
            departure_location_function=draw(_DEPARTURE_FUNCTIONS),
            arrival_location_function=draw(_ARRIVAL_FUNCTIONS),
            final_destination=draw(st.none() | airports()),
            transport_stage=draw(_STAGES))

    return build()


_DEPARTURE_FUNCTIONS = st.sampled_from(["125", "92"])
_ARRIVAL_FUNCTIONS = st.sampled_from(["87", "92", "130"])
_STAGES = st.sampled_from(["20", "20", "34"])


@cache
def travel_documents() -> st.SearchStrategy[TravelDocument]:
    """A travel document: a PAXLST IG 4.21 type, number of 5-15 letters and digits,
    issuing State (and sometimes a place name), expiry and issue dates (4.22-4.23)."""
    return st.builds(
        TravelDocument,
        type=st.sampled_from(sorted(CODES.document_types)),
        number=_code(LETTERS + DIGITS, 5, 15),
        issuing_country=st.none() | countries(),
        issuing_place=st.none() | words(35),
        expiry_date=st.none() | st.dates(date(1990, 1, 1), date(2060, 12, 31)),
        issue_date=st.none() | st.dates(date(1980, 1, 1), date(2050, 12, 31)))


@cache
def _communications() -> st.SearchStrategy[tuple[Communication, ...]]:
    phone = st.builds(Communication, words(25, DIGITS, " "),
                      st.sampled_from(["TE", "FX"]) | st.none())
    mail = st.builds(Communication, words(35, LETTERS + DIGITS, ".").map(
        lambda w: f"{w}.AT.EXAMPLE.COM"[:35]), st.just("EM"))
    return st.lists(phone | mail, max_size=4).map(tuple)


@cache
def _address() -> st.SearchStrategy[Address | None]:
    address = st.builds(
        Address,
        street=st.none() | words(70, LETTERS + DIGITS + ".,/-", " ", 6),
        city=st.none() | words(35),
        country_subentity=st.none() | _code(LETTERS, 2, 3) | words(35),
        postal_code=st.none() | words(9, LETTERS + DIGITS, " ", 2),
        country=st.none() | countries())
    return st.none() | address.filter(
        lambda a: any((a.street, a.city, a.country_subentity, a.postal_code, a.country)))


@cache
def _bag_tags() -> st.SearchStrategy[tuple[str, ...]]:
    run = st.builds(lambda prefix, serial, count: tuple(expand_bag_tags(
        f"{prefix}{serial:06d}", count)), _code(LETTERS, 2, 2), st.integers(0, 999_000),
        st.integers(1, 4))
    return st.lists(run, max_size=2).map(lambda runs: tuple(t for r in runs for t in r))


_PASSENGER_ROLES = ((TravellerRole.PASSENGER, "FL"), (TravellerRole.IN_TRANSIT_PASSENGER, "DDU"))
_CREW_ROLES = ((TravellerRole.CREW, "FM"), (TravellerRole.IN_TRANSIT_CREW, "DDT"))
_REFERENCE_QUALIFIERS = {field: code for code, field in CODES.reference_fields.items()
                         if field not in ("transaction_reference", "other")}


@cache
def travellers(crew: bool = False) -> st.SearchStrategy[Traveller]:
    """A passenger (``FL``/``DDU``) or, with ``crew``, a crew member (``FM``/``DDT``
    with a crew category), with the data elements of PAXLST IG 4.11-4.23: name, gender,
    date of birth, bags and tags, verification, locations, contacts, nationalities,
    references (the named ones also in ``references``, as the reader keeps them) and up
    to two documents."""
    roles = st.sampled_from(_CREW_ROLES if crew else _PASSENGER_ROLES)
    named_values = {
        "reservation_number": st.none() | _code(LETTERS + DIGITS, 6, 6),
        "unique_passenger_reference": st.none() | _code(LETTERS + DIGITS, 6, 25),
        "seat": st.none() | st.builds(lambda r, s: f"{r}{s}", st.integers(1, 60),
                                      st.sampled_from("ABCDEFGHJK")),
        "frequent_flyer_number": st.none() | _code(LETTERS + DIGITS, 6, 16),
        "government_reference": st.none() | _code(LETTERS + DIGITS, 6, 20),
        "ticket_number": st.none() | st.builds(lambda n, c: f"{n}C{c}", _code(DIGITS, 13, 13),
                                               st.integers(1, 4)),
    }
    extra_references = st.lists(st.builds(Reference, st.sampled_from(["ABQ", "AGK", "AVF"]),
                                           _code(LETTERS + DIGITS, 1, 20)), max_size=2)
    country = st.none() | countries()
    airport = st.none() | airports()
    weights = st.none() | st.integers(0, 3000).map(lambda w: w / 10)
    places = st.none() | st.builds(Place, country, st.none() | words(35)).filter(
        lambda p: p.code is not None or p.name is not None)
    others = st.lists(countries(), max_size=1)
    genders = st.none() | st.sampled_from(sorted(CODES.genders))
    births = st.none() | st.dates(_MIN_DATE, date(2059, 12, 31))
    categories = st.sampled_from(sorted(CODES.crew_categories))
    counts = st.none() | st.integers(0, 20)
    units = st.none() | st.sampled_from(["KGM", "LBR"])
    verified = st.none() | st.booleans()
    documents = st.lists(travel_documents(), max_size=2)

    @st.composite
    def build(draw: st.DrawFn) -> Traveller:
        role, function = draw(roles)
        named = {field: draw(values) for field, values in named_values.items()}
        references = [Reference(_REFERENCE_QUALIFIERS[f], v) for f, v in named.items() if v]
        references = draw(st.permutations(references)) if references else []
        references += draw(extra_references)
        for field in named:  # the first RFF of each kind is the named field
            qualifier = _REFERENCE_QUALIFIERS[field]
            named[field] = next((r.value for r in references if r.qualifier == qualifier),
                                None)
        nationality = draw(country)
        weight = draw(weights)
        return Traveller(
            role=role, party_function=function, surname=draw(surnames()),
            given_names=draw(given_names()), gender=draw(genders),
            date_of_birth=draw(births), place_of_birth=draw(places), nationality=nationality,
            other_nationalities=tuple(draw(others)) if nationality else (),
            country_of_residence=draw(country), address=draw(_address()),
            port_of_embarkation=draw(airport), port_of_disembarkation=draw(airport),
            clearance_airport=draw(airport), communications=draw(_communications()),
            crew_category=draw(categories) if crew else None,
            references=tuple(references), checked_bag_count=draw(counts),
            checked_bag_weight=weight,
            bag_weight_unit=draw(units) if weight is not None else None,
            bag_tags=draw(_bag_tags()), data_verified=draw(verified),
            documents=tuple(draw(documents)),
            reservation_number=named["reservation_number"],
            unique_passenger_reference=named["unique_passenger_reference"],
            seat=named["seat"], frequent_flyer_number=named["frequent_flyer_number"],
            government_reference=named["government_reference"],
            ticket_number=named["ticket_number"])

    return build()


@cache
def _lists(list_type: ListType, max_travellers: int) -> st.SearchStrategy[PassengerList]:
    crew = list_type is ListType.CREW
    people = st.lists(travellers(crew), max_size=max_travellers)
    extra = st.integers(0, 300)
    subcodes = st.none() | st.sampled_from(["C", "CC", "B"] if crew else ["CP", "XR", "RP"])
    parties = st.none() | st.builds(
        ReportingParty, st.none() | _code(LETTERS + DIGITS, 4, 12),
        st.none() | words(70, LETTERS + DIGITS, " ", 6), st.none() | words(35),
        _communications())
    transactions = st.none() | _code(LETTERS + DIGITS, 1, 35)
    revisions = st.none() | _code(DIGITS, 1, 3)
    references = _code(LETTERS + DIGITS, 1, 14)
    versions = st.sampled_from(["D:02B", "D:05B"])
    functions = st.none() | st.just("9")
    access = words(35, LETTERS + DIGITS, "/", 3)
    legs = st.lists(flight_legs(), min_size=1, max_size=3)

    @st.composite
    def build(draw: st.DrawFn) -> PassengerList:
        members = draw(people)
        total = len(members) + draw(extra)
        transaction = draw(transactions)
        return PassengerList(
            message_reference=draw(references), version=draw(versions),
            list_type=list_type, document_name_code="250" if crew else "745",
            document_identifier=draw(subcodes), message_function=draw(functions),
            transaction_reference=transaction,
            transaction_revision=draw(revisions) if transaction else None,
            reporting_party=draw(parties), common_access_reference=draw(access),
            part_number=1, is_first_part=True, is_last_part=True,
            flight_legs=tuple(draw(legs)), travellers=tuple(members),
            declared_total=total,
            control_totals=(ControlTotal("41" if crew else "42", total, str(total)),),
            message_date=None, envelope=NO_ENVELOPE,
            controlling_agency="UN", association_code="IATA")

    return build()


def passenger_lists(max_travellers: int = 5) -> st.SearchStrategy[PassengerList]:
    """Passenger lists (BGM 745, travellers FL/DDU, CNT 42 the flight total) with one
    to three flight legs and up to ``max_travellers`` travellers, D02B or D05B."""
    return _lists(ListType.PASSENGER, max_travellers)


def crew_lists(max_travellers: int = 5) -> st.SearchStrategy[PassengerList]:
    """Crew lists (BGM 250, travellers FM/DDT with EMP crew categories, CNT 41)."""
    return _lists(ListType.CREW, max_travellers)


_SYMBOLS = tuple(c for c in map(chr, range(33, 127)) if not c.isalnum())


@cache
def service_characters(line_break_terminator: bool = True
                       ) -> st.SearchStrategy[ServiceCharacters]:
    """Any service characters a UNA can declare (:func:`paxdata.edifact.parse_una`):
    distinct printable non-alphanumeric ASCII separators, release character and segment
    terminator (a line break too, unless ``line_break_terminator`` is false), decimal
    mark ``.`` or ``,``, with or without a repetition separator (ISO 9735-1 section 5)."""
    terminators = st.sampled_from(_SYMBOLS)
    if line_break_terminator:
        terminators = terminators | st.sampled_from(["\n", "\r"])

    @st.composite
    def build(draw: st.DrawFn) -> ServiceCharacters:
        comp, elem, release = draw(st.lists(st.sampled_from(_SYMBOLS), min_size=3,
                                            max_size=3, unique=True))
        term = draw(terminators.filter(lambda c: c not in (comp, elem, release)))
        repetition = draw(st.none() | st.sampled_from(_SYMBOLS).filter(
            lambda c: c not in (comp, elem, release, term)))
        decimal = draw(st.sampled_from(".,").filter(lambda d: d not in (comp, elem, term)))
        return ServiceCharacters(comp, elem, decimal, release, repetition, term)

    return build().filter(lambda c: parse_una(c.una[3:])[0] == c)


@cache
def line_breaks() -> st.SearchStrategy[str]:
    """What may follow each segment terminator: nothing, LF or CR LF."""
    return st.sampled_from(["", "\n", "\r\n"])


@cache
def envelope_settings() -> st.SearchStrategy[EnvelopeSettings]:
    """UNB/UNG values: sender and recipient ids, preparation date/time (1990-2060), a
    numeric control reference, syntax UNOA/UNOB/UNOC/UNOW version 3 or 4, with or
    without a functional group and four-digit years."""
    return st.builds(
        EnvelopeSettings,
        sender=_code(LETTERS + DIGITS, 1, 35), recipient=_code(LETTERS + DIGITS, 1, 35),
        sender_qualifier=st.none() | st.just("ZZ"),
        prepared_at=_moment(datetime(1990, 1, 1), datetime(2060, 12, 31)),
        control_reference=_code(DIGITS, 1, 14),
        application_reference=st.none() | st.just("APIS"),
        syntax_identifier=st.sampled_from(["UNOA", "UNOB", "UNOC", "UNOW"]),
        syntax_version=st.sampled_from(["3", "4"]),
        test_indicator=st.booleans(), functional_group=st.booleans(),
        four_digit_year=st.booleans())


def written_passenger_lists(max_travellers: int = 5
                            ) -> st.SearchStrategy[tuple[PassengerList, bytes]]:
    """(list, interchange bytes) pairs: a passenger or crew list written by
    :func:`paxdata.writers.write_paxlst` with generated envelope, service characters and
    line breaks."""
    return st.builds(
        lambda plist, envelope, chars, line_break: (plist, write_paxlst(
            plist, envelope, characters=chars, line_break=line_break).data),
        passenger_lists(max_travellers) | crew_lists(max_travellers), envelope_settings(),
        service_characters(), line_breaks())


def paxlst_messages(max_travellers: int = 5) -> st.SearchStrategy[bytes]:
    """Valid PAXLST interchanges as bytes (passenger and crew lists, any service
    characters, with and without line breaks, UNA/UNB/UNG/UNH envelope with correct
    control counts)."""
    return written_passenger_lists(max_travellers).map(lambda pair: pair[1])


@overload
def comparable(plist: PassengerList) -> PassengerList: ...


@overload
def comparable(plist: PnrgovMessage) -> PnrgovMessage: ...


@overload
def comparable(plist: Pnr) -> Pnr: ...


def comparable(plist: PassengerList | PnrgovMessage | Pnr
               ) -> PassengerList | PnrgovMessage | Pnr:
    """A record without what a written message cannot carry, so that records read back
    from a writer's output compare equal to the records written (a PAXLST
    :class:`~paxdata.paxlst.PassengerList`, a PNRGOV :class:`~paxdata.pnrgov.PnrgovMessage`
    or one :class:`~paxdata.pnrgov.Pnr`):

    * ``envelope`` (input name, offsets; the UNB/UNG values are the writer's settings,
      not the record's) becomes :data:`NO_ENVELOPE`, and ``message_date`` (derived from
      the UNB date) ``None``;
    * positions (``segment_index``, ``offset``, at every level) become ``None``: they are
      where the reader found a segment, not data;
    * ``warnings`` (at every level) become ``()``: they are the reader's findings, not
      data.
    """
    if isinstance(plist, PnrgovMessage):
        return attrs.evolve(_unplaced(plist), envelope=NO_ENVELOPE, message_date=None)
    if isinstance(plist, Pnr):
        return _unplaced(plist)
    return _comparable_list(plist)


_POSITIONS = frozenset({"segment_index", "offset"})


def _unplaced(value: _T) -> _T:
    """``value`` (a record, or a tuple of them) with every position ``None`` and every
    ``warnings`` empty, at every level."""
    if isinstance(value, tuple):
        items = tuple(_unplaced(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) \
            else items  # type: ignore[return-value]
    if not attrs.has(type(value)):
        return value
    changes: dict[str, object] = {}
    for field in attrs.fields(type(value)):  # type: ignore[arg-type]
        name = field.name
        item = getattr(value, name)
        if name in _POSITIONS:
            if item is not None:
                changes[name] = None
        elif name == "warnings":
            if item:
                changes[name] = ()
        elif isinstance(item, tuple) or attrs.has(type(item)):
            new = _unplaced(item)
            if new is not item:
                changes[name] = new
    return attrs.evolve(value, **changes) if changes else value  # type: ignore[misc]


def _comparable_list(plist: PassengerList) -> PassengerList:
    def document(d: TravelDocument) -> TravelDocument:
        return attrs.evolve(d, segment_index=None)

    def traveller(t: Traveller) -> Traveller:
        return attrs.evolve(t, segment_index=None, offset=None, warnings=(),
                            documents=tuple(document(d) for d in t.documents))

    party = plist.reporting_party
    return attrs.evolve(
        plist, envelope=NO_ENVELOPE, message_date=None, warnings=(),
        reporting_party=attrs.evolve(party, segment_index=None) if party else None,
        flight_legs=tuple(attrs.evolve(leg, segment_index=None) for leg in plist.flight_legs),
        travellers=tuple(traveller(t) for t in plist.travellers))


def _sorted_raw(segments: tuple[Segment, ...]) -> tuple[Any, ...]:
    return tuple(sorted((s.tag, s.elements) for s in segments))


def carried(plist: PassengerList) -> PassengerList:
    """What rewriting a read list carries: :func:`comparable`, with raw (unrecognised)
    segments compared as a multiset (the writer puts message-level ones back where the
    reader keeps them, which can reorder them)."""
    plist = comparable(plist)
    travellers = tuple(attrs.evolve(
        t, unrecognised_segments=_sorted_raw(t.unrecognised_segments),
        documents=tuple(attrs.evolve(d, unrecognised_segments=_sorted_raw(
            d.unrecognised_segments)) for d in t.documents))
        for t in plist.travellers)
    return attrs.evolve(plist, travellers=travellers,
                        unrecognised_segments=_sorted_raw(plist.unrecognised_segments))


def as_rewritten(original: PassengerList, written: PassengerList) -> PassengerList:
    """``original`` with what the PAXLST writer adds to a message that lacked it
    (docs/writing.md): S010 ``01:F``, a common access reference, UNH 0051/0057 ``UN`` /
    ``IATA``, a CNT with the flight total (taken from ``written``, the list read back
    from the writer's output), transport stage ``20`` on a TDT sent without one, and given
    names beyond the fourth joined into the fourth (NAD C080 has five components).
    ``carried(written) == carried(as_rewritten(original, written))`` is the round-trip
    property for lists paxdata read from elsewhere."""
    return attrs.evolve(
        original, part_number=1, is_first_part=True, is_last_part=True,
        common_access_reference=original.common_access_reference
        if original.common_access_reference is not None
        else written.common_access_reference,
        controlling_agency=original.controlling_agency or "UN",
        association_code=original.association_code or "IATA",
        control_totals=original.control_totals or written.control_totals,
        declared_total=original.declared_total if original.control_totals
        else written.declared_total,
        flight_legs=tuple(attrs.evolve(leg, transport_stage=leg.transport_stage or "20")
                          for leg in original.flight_legs),
        travellers=tuple(
            attrs.evolve(t, given_names=(*t.given_names[:3], " ".join(t.given_names[3:])))
            if len(t.given_names) > 4 else t for t in original.travellers))


def assert_round_trip(data: bytes) -> None:
    """The writers' round-trip property for any input: whatever paxdata reads from
    ``data`` is written back raw (segment for segment, any message type) and reads back to
    the same segments; every passenger or crew list read from it is rewritten by the
    PAXLST writer and reads back to the same records (:func:`carried`,
    :func:`as_rewritten`), unless the writer refuses it with a located
    :class:`~paxdata.errors.PaxdataError`; every PNRGOV push read from it is rewritten by
    the PNRGOV writer, whose read-back check (``verify``) either passes or refuses with a
    located error. Raises ``AssertionError`` otherwise."""
    document = read(data)
    try:
        written_raw: str | None = serialize_document(document)
    except PaxdataError:
        written_raw = None  # a located refusal: data its service characters cannot carry
    if written_raw is not None and [m.segments for m in document.messages] != [
            m.segments for m in read(written_raw).messages]:
        raise AssertionError("the raw write does not read back to the same segments")
    result = parse(data)
    for plist in result.passenger_lists:
        try:
            written = write_paxlst(plist, EnvelopeSettings("SENDER", "RECIPIENT")).data
        except PaxdataError:
            continue  # a located refusal: a value the message cannot carry exactly
        (back,) = parse(written).passenger_lists
        if carried(back) != carried(as_rewritten(plist, back)):
            raise AssertionError("a written list does not read back to its records")
    for push in result.pnrgov_messages:
        # The PNRGOV writer's own read-back check (verify) compares every carried field;
        # what it cannot carry exactly is a located WRITE-* refusal, never another error.
        envelope = EnvelopeSettings.from_envelope(push.envelope, syntax_identifier="UNOW",
                                                  syntax_version="4")
        try:
            write_pnrgov(push, envelope)
        except PaxdataError as error:
            if error.location is None or not error.code:
                raise AssertionError("a PNRGOV write refusal without a location") from error


# =========================================================================== PNRGOV
# Strategies for PNR records and PNRGOV pushes. Records come in the shape the PNRGOV
# reader builds (paxdata.pnrgov), derived fields included (a traveller's documents,
# gender and date of birth from its SSR DOCS, contacts from SSR CTCx / OSI / ADD, seats
# from seat SSRs and check-in SSD, bags from check-in TBD...), so that
# ``comparable(parse(write_pnrgov(push, envelope))) == push`` for an envelope prepared
# within PNRGOV_MESSAGE_DATES. Sources: IATA PADIS PNRGOV Implementation Guide (segment
# layouts and examples; DIGEST section 3), IATA AIRIMP (SSR free text, names and titles).

#: The dates an envelope may carry for generated PNR records to read back the same: SSR
#: DOCS/DOCO dates are sent with two-digit years (DDMMMYY, IATA AIRIMP), which the reader
#: places against the message date (the UNB date); the generated dates read back the same
#: for any message date in this window (dates of birth 1931-2019, expiry 1982-2068).
PNRGOV_MESSAGE_DATES = (date(2020, 1, 1), date(2030, 12, 31))
_PNR_DAY = st.dates(date(2020, 1, 1), date(2030, 12, 31))
#: Level A free text (IFT lines, SSR text, LTS): letters, digits and the level A symbols,
#: the service characters included (the writer releases them).
_TEXT_SYMBOLS = ".,-()/='+:?"
_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                "DEC")


def _ddmmmyy(value: date) -> str:
    return f"{value.day:02d}{_MONTH_NAMES[value.month - 1]}{value.year % 100:02d}"


@cache
def _free_text(max_size: int = 70) -> st.SearchStrategy[str]:
    """Level A free text without contact keywords (an OSI beginning ``CTC`` is read as a
    contact)."""
    return words(max_size, LETTERS + DIGITS + _TEXT_SYMBOLS, " ", 6).filter(
        lambda t: "CTC" not in t)


@cache
def _carriers() -> st.SearchStrategy[str]:
    """Two-character airline designators with at least one letter first (``XX``,
    ``U2``)."""
    return st.builds(lambda a, b: a + b, st.sampled_from(LETTERS),
                     st.sampled_from(LETTERS + DIGITS))


@cache
def _alpha2() -> st.SearchStrategy[str]:
    return st.sampled_from(tuple(sorted(c.alpha_2 for c in pycountry.countries)))


@cache
def _currencies() -> st.SearchStrategy[str]:
    return st.sampled_from(["GBP", "EUR", "USD", "JPY", "CHF", "SGD"])


@cache
def _amounts() -> st.SearchStrategy[str]:
    return st.builds(lambda units, cents: f"{units}.{cents:02d}", st.integers(0, 99999),
                     st.integers(0, 99))


@cache
def _local_times() -> st.SearchStrategy[datetime]:
    """Local (naive) times to the minute, as TVL and PTK send them."""
    return _moment(datetime(2020, 1, 1), datetime(2030, 12, 31))


@cache
def _utc_times(seconds: bool = False) -> st.SearchStrategy[datetime]:
    """UTC times (DAT, RCI), to the minute or, with ``seconds``, the second (RCI
    HHMMSS)."""
    moments = st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31))
    return moments.map(lambda d: d.replace(second=d.second if seconds else 0, microsecond=0,
                                           tzinfo=UTC))


@cache
def originators() -> st.SearchStrategy[Originator]:
    """A non-empty ORG (PNRGOV IG, ORG): system and location, optionally agency number,
    agent office and location, company, originator type (A/T), country, currency,
    language and agent id."""
    opt = st.none
    return st.builds(
        Originator, system=_carriers(), location=opt() | airports(),
        agency_number=opt() | _code(DIGITS, 8, 8), agent_office=opt() | _code(
            LETTERS + DIGITS, 4, 9), agent_location=opt() | airports(),
        company=opt() | _carriers(), company_location=opt() | airports(),
        originator_type=opt() | st.sampled_from(["A", "T"]), country=opt() | _alpha2(),
        currency=opt() | _currencies(), language=opt() | st.sampled_from(["EN", "FR", "DE"]),
        agent_id=opt() | _code(LETTERS + DIGITS, 4, 8))


@cache
def _record_locators(created: bool = True) -> st.SearchStrategy[RecordLocator]:
    when: st.SearchStrategy[datetime | date | None] = st.none()
    if created:
        when = when | _utc_times(seconds=True) | _PNR_DAY
    return st.builds(RecordLocator, _carriers(), _code(LETTERS + DIGITS, 6, 6),
                     st.none() | st.just("C") if created else st.none(), when)


@cache
def _remarks(types: tuple[str, ...] = ("3", "63")) -> st.SearchStrategy[Remark]:
    """IFT free text (PNRGOV IG, IFT) of the given 4441 types, 1-3 lines."""
    return st.builds(Remark, st.just("4"), st.sampled_from(types),
                     st.lists(_free_text(), min_size=1, max_size=3).map(tuple),
                     st.none() | _carriers(), st.none(), st.none() | st.just("EN"))


@cache
def _addresses() -> st.SearchStrategy[PnrAddress]:
    """ADD C031 (PNRGOV IG, ADD): purpose, street, city, sub-entity, country (alpha-2 as
    the guide's examples), postal code; no free text (phones are generated apart)."""
    opt = st.none
    return st.builds(
        PnrAddress, purpose=st.sampled_from(["700", "701", "702"]),
        street=opt() | words(35, LETTERS + DIGITS + ".,-/", " ", 5),
        city=opt() | words(35), country_subentity=opt() | _code(LETTERS, 2, 2),
        country_subentity_name=opt() | words(35), country=opt() | _alpha2(),
        postal_code=opt() | words(9, LETTERS + DIGITS, " ", 2))


@cache
def _emails() -> st.SearchStrategy[tuple[str, str]]:
    """(address, AIRIMP text): ``JANE_DOE@EXAMPLE.COM`` is sent ``JANE..DOE//EXAMPLE.COM``."""
    local = words(20, LETTERS + DIGITS, "._", 3)
    domain = words(20, LETTERS + DIGITS, ".", 2)
    return st.builds(lambda a, b: (f"{a}@{b}.COM",
                                   f"{a}@{b}.COM".replace("_", "..").replace("@", "//")),
                     local, domain)


@cache
def _phones() -> st.SearchStrategy[str]:
    return _code(DIGITS, 6, 15)


def _contact_ssr(draw: st.DrawFn, code: str, reference: str | None, carrier: str
                 ) -> Ssr:
    """SSR CTCE/CTCM (AIRIMP contacts) with its decoded :class:`Contact`."""
    language = draw(st.none() | st.sampled_from(["EN", "FR"]))
    if code == "CTCE":
        value, text = draw(_emails())
    else:
        value = text = draw(_phones())
    if language:
        text += f"/{language}"
    channel = "email" if code == "CTCE" else "mobile"
    contact = Contact(channel, value, text, f"SSR {code}", language, reference)
    return Ssr(code, "HK", "1", carrier, text=text, traveller_reference=reference,
               details=contact)


@cache
def _bag_groups() -> st.SearchStrategy[tuple[int | None, float | None, str | None,
                                             str | None, str | None,
                                             tuple[BagTag, ...]]]:
    """TBD content (PNRGOV IG, TBD): count, weight, unit qualifier (700 kg, 701 lb),
    pool indicator and reference, bag tag runs (carrier, 10-digit number, count,
    destination)."""
    tag = st.builds(
        lambda carrier, number, count, destination: BagTag(
            carrier, number, count, destination,
            tuple(expand_bag_tags(number, count or 1))),
        st.sampled_from(["XX", "YY", "125", "618"]), _code(DIGITS, 10, 10),
        st.none() | st.integers(1, 3), st.none() | airports())
    return st.tuples(st.none() | st.integers(0, 9),
                     st.none() | st.integers(0, 700).map(lambda w: w / 2),
                     st.none() | st.sampled_from(["700", "701"]),
                     st.none() | st.sampled_from(["HP", "MP"]),
                     st.none() | _code(DIGITS, 13, 13),
                     st.lists(tag, max_size=2).map(tuple))


def _bags(draw: st.DrawFn, flight: str | None) -> BagGroup:
    count, weight, unit, pool, pool_reference, tags = draw(_bag_groups())
    return BagGroup(count, weight, _PNR_CODES.bag_units.get(unit) if unit else None, unit,
                    None, pool, pool_reference if pool else None, tags, flight)


def _ssr_flight(ssr: Ssr, flight: str | None) -> Ssr:
    return attrs.evolve(ssr, flight=flight)


class _PnrTraveller:
    """A traveller being generated: what its segments carry, and what the reader derives
    from them (in the reader's order)."""

    def __init__(self, t: PnrTraveller) -> None:
        self.t = t
        self.ssrs: list[Ssr] = []
        #: (check-in, arrival airport of its flight segment)
        self.check_ins: list[tuple[CheckIn, str | None]] = []

    def build(self) -> PnrTraveller:
        t = self.t
        documents: dict[tuple[str | None, str | None], TravelDocument] = {}
        gender = dob = nationality = place = None
        frequent = list(t.frequent_flyer)
        contacts = list(t.contacts)
        addresses = list(t.addresses)
        seats: list[Seat] = []
        for ssr in self.ssrs:
            details = ssr.details
            if isinstance(details, DocsDetails):
                documents.setdefault((details.document_type, details.number), TravelDocument(
                    details.document_type, details.number, details.issuing_country, None,
                    details.expiry_date))
                gender = gender or details.gender
                dob = dob or details.date_of_birth
                nationality = nationality or details.nationality
            elif isinstance(details, DocoDetails):
                place = place or details.place_of_birth
                documents.setdefault(("V", details.number), TravelDocument(
                    "V", details.number, None, details.place_of_issue, None,
                    details.issue_date))
            elif isinstance(details, DocaDetails):
                addresses.append(PnrAddress(
                    details.address_type, details.street, details.city, details.state, None,
                    details.country, details.postal_code))
            elif isinstance(details, FrequentFlyer):
                if not any(f.carrier == details.carrier and f.number == details.number
                           for f in frequent):
                    frequent.append(details)
            elif isinstance(details, Contact):
                contacts.append(details)
            elif ssr.requirement and ssr.code in _SEAT_CODES:
                seats.append(Seat(ssr.requirement, f"SSR {ssr.code}", ssr.flight, None,
                                  ssr.status, ssr.characteristics, ssr.board_point,
                                  ssr.off_point))
        for checkin, arrival in self.check_ins:
            if checkin.seat:
                seats.append(Seat(checkin.seat, "SSD", checkin.flight, checkin.cabin, None,
                                  None, checkin.departure_airport, arrival))
        return attrs.evolve(
            t, gender=gender, date_of_birth=dob, nationality=nationality,
            place_of_birth=place, documents=tuple(documents.values()),
            frequent_flyer=tuple(frequent), ssrs=tuple(self.ssrs), contacts=tuple(contacts),
            addresses=tuple(addresses), seats=tuple(seats),
            bags=tuple(c.bags for c, _ in self.check_ins if c.bags is not None),
            check_in=tuple(c for c, _ in self.check_ins))


_PNR_CODES = PNR_CODES
_SEAT_CODES = frozenset(c for c, k in PNR_CODES.ssr_decoders.items() if k == "seat")


def _docs(draw: st.DrawFn, t: PnrTraveller, carrier: str, infant: bool) -> Ssr:
    """SSR DOCS (AIRIMP ``/P/GBR/123456789/GBR/12APR85/F/01JAN30/DOE/JANE/MARIE/H``)."""
    kind = draw(st.sampled_from(["P", "I", "IP", "A", "C", "F"]))
    issuing, nationality = draw(countries()), draw(countries())
    number = draw(st.sampled_from(LETTERS)) + draw(_code(LETTERS + DIGITS, 4, 14))
    born = draw(st.dates(date(1931, 1, 1), date(2019, 12, 31)))
    gender = draw(st.sampled_from(["MI", "FI"] if infant else ["M", "F", "U", "X"]))
    expiry = draw(st.dates(date(1982, 1, 1), date(2068, 12, 31)))
    surname = t.surname or draw(surnames())
    given = tuple(draw(st.lists(words(20, LETTERS, " ", 2), max_size=2)))
    holder = draw(st.booleans())
    fields = ["", kind, issuing, number, nationality, _ddmmmyy(born), gender,
              _ddmmmyy(expiry), surname, *given]
    if holder:
        fields += [""] * (11 - len(fields)) + ["H"]
    text = "/".join(fields)
    details = DocsDetails(kind, issuing, number, nationality, born, gender, expiry, surname,
                          given, holder, infant)
    return Ssr("DOCS", "HK", "1", carrier, text=text,
               traveller_reference=draw(st.sampled_from([t.traveller_reference, None])),
               details=details)


def _doco(draw: st.DrawFn, t: PnrTraveller, carrier: str) -> Ssr:
    """SSR DOCO visa (AIRIMP ``/place of birth/V/number/place of issue/DDMMMYY/country``)."""
    place, issued_at = draw(words(25)), draw(words(25))
    number = draw(st.sampled_from(LETTERS)) + draw(_code(LETTERS + DIGITS, 4, 12))
    issued = draw(st.dates(date(2000, 1, 1), date(2019, 12, 31)))
    country = draw(countries())
    text = f"/{place}/V/{number}/{issued_at}/{_ddmmmyy(issued)}/{country}"
    return Ssr("DOCO", "HK", "1", carrier, text=text,
               traveller_reference=t.traveller_reference,
               details=DocoDetails(place, "V", number, issued_at, issued, country))


def _doca(draw: st.DrawFn, t: PnrTraveller, carrier: str) -> Ssr:
    """SSR DOCA (AIRIMP ``/R|D/country/street/city/state/postal code``)."""
    kind = draw(st.sampled_from(["R", "D"]))
    country = draw(countries())
    street = draw(st.none() | words(35, LETTERS + DIGITS + ".,-", " ", 5))
    city = draw(st.none() | words(35))
    state = draw(st.none() | _code(LETTERS, 2, 2))
    postal = draw(st.none() | _code(LETTERS + DIGITS, 3, 9))
    text = "/".join(["", kind, country, street or "", city or "", state or "",
                     postal or ""]).rstrip("/")
    details = DocaDetails(_PNR_CODES.doca_types[kind], country, street, city, state, postal)
    return Ssr("DOCA", "HK", "1", carrier, text=text,
               traveller_reference=t.traveller_reference, details=details)


def _fqtv(draw: st.DrawFn, t: PnrTraveller) -> Ssr:
    """SSR FQTV (``XX123456789 GOLD``): frequent flyer programme airline, number, tier."""
    airline = draw(st.builds(lambda a, b: a + b, st.sampled_from(LETTERS),
                             st.sampled_from(LETTERS)))
    number = draw(_code(DIGITS, 6, 12))
    tier = draw(st.none() | st.sampled_from(["GOLD", "SILVER", "ELITE"]))
    text = f"{airline}{number}" + (f" {tier}" if tier else "")
    reference = t.traveller_reference
    return Ssr("FQTV", "HK", "1", airline, text=text, traveller_reference=reference,
               details=FrequentFlyer(airline, number, tier, "SSR FQTV", reference))


def _tkne(draw: st.DrawFn, t: PnrTraveller, carrier: str) -> Ssr:
    number, coupon = draw(_code(DIGITS, 13, 13)), draw(st.integers(1, 4))
    return Ssr("TKNE", "HK", "1", carrier, text=f"{number}C{coupon}",
               traveller_reference=t.traveller_reference,
               details=TicketCoupon(number, coupon))


_TRAVELLER_SSRS = ("DOCS", "DOCO", "DOCA", "FQTV", "CTCE", "CTCM", "TKNE", "WCHR")


def _traveller_ssr(draw: st.DrawFn, kind: str, t: PnrTraveller, carrier: str, infant: bool
                   ) -> Ssr:
    """One Gr.2 SSR of ``kind`` for traveller ``t``, with its decoded details."""
    if kind == "DOCS":
        return _docs(draw, t, carrier, infant)
    if kind == "DOCO":
        return _doco(draw, t, carrier)
    if kind == "DOCA":
        return _doca(draw, t, carrier)
    if kind == "FQTV":
        return _fqtv(draw, t)
    if kind in ("CTCE", "CTCM"):
        return _contact_ssr(draw, kind, t.traveller_reference, carrier)
    if kind == "TKNE":
        return _tkne(draw, t, carrier)
    return Ssr(kind, "HK", "1", carrier, traveller_reference=t.traveller_reference)


def _tickets(draw: st.DrawFn, carrier: str) -> tuple[tuple[Ticket, ...], tuple[Payment, ...]]:
    """Gr.3 tickets (TKT, MON, PTK, TXD, DAT 710, fare calculation IFT) and Gr.4 payments
    (FOP with sponsor IFT 4:43 and billing ADD), before the first ticket or after the
    ticket they pay."""
    tickets: list[Ticket] = []
    payments: list[Payment] = []

    def payment_group(ticket_number: str | None) -> list[Payment]:
        sponsor = tuple(draw(st.lists(_free_text(35), max_size=2)))
        billing = draw(st.none() | _addresses())
        group = []
        for _ in range(draw(st.integers(1, 2))):
            kind = draw(st.sampled_from(["CC", "CA", "CK", "MS"]))
            card = kind == "CC"
            group.append(Payment(
                kind, draw(st.none() | _amounts()),
                draw(st.sampled_from(["VI", "AX", "CA"])) if card else None,
                ("X" * 12 + draw(_code(DIGITS, 4, 4))) if card else None,
                draw(_code(DIGITS, 4, 4)) if card else None, None, sponsor, billing,
                ticket_number))
        return group

    if draw(st.booleans()):
        payments += payment_group(None)
    for _ in range(draw(st.integers(0, 2))):
        ticketless = draw(st.integers(0, 5)) == 0
        number = None if ticketless else draw(_code(DIGITS, 13, 13))
        kind = "1" if ticketless else draw(st.sampled_from(["T", None]))
        currency = draw(_currencies())
        taxes = tuple(Tax(draw(_amounts()), currency, draw(_code(LETTERS + DIGITS, 2, 2)))
                      for _ in range(draw(st.integers(0, 3))))
        tickets.append(Ticket(
            number, kind, draw(st.none() | st.integers(1, 3)), ticketless,
            tuple(Amount(a, draw(_amounts()), currency)
                  for a in draw(st.sampled_from([(), ("B",), ("B", "T")]))), taxes,
            draw(st.none() | st.sampled_from(["NR", "RF"])),
            draw(st.none() | _local_times() | _PNR_DAY), draw(st.none() | st.just(carrier)),
            draw(st.none() | _code(DIGITS, 3, 3)), draw(st.none() | airports()),
            draw(st.none() | _utc_times() | _PNR_DAY),
            tuple(draw(st.lists(_remarks(("15",)), max_size=1)))))
        if draw(st.booleans()):
            payments += payment_group(number)
    return tuple(tickets), tuple(payments)


def _itinerary_segment(draw: st.DrawFn, history: bool = False) -> ItinerarySegment:
    """A flight segment (Gr.5 TVL; Gr.12 in the history): marketing flight with booking
    class, airports, local times (the arrival after the departure), codeshare operating
    flight (carrier alone, or with flight number and class: both forms, 13.1's second
    TVL and 14.1's TRA, carry it), RPI status and party size, APD aircraft type."""
    carrier = draw(_carriers())
    number = draw(_code(DIGITS, 1, 4))
    moment = draw(st.none() | _local_times())
    arrival = moment + timedelta(minutes=draw(st.integers(30, 1200))) \
        if moment is not None and draw(st.booleans()) else None
    departure: datetime | date | None = moment
    if moment is not None and arrival is None and draw(st.booleans()):
        departure = moment.date()  # a date without its time
    codeshare = draw(st.sampled_from(["none", "carrier", "flight"]))
    operating = draw(_carriers()) if codeshare != "none" else None
    op_number = draw(_code(DIGITS, 1, 4)) if codeshare == "flight" else None
    op_class = draw(st.none() | st.sampled_from(LETTERS)) if op_number else None
    return ItinerarySegment(
        carrier, number, draw(airports()), draw(airports()), departure, arrival,
        draw(st.none() | st.sampled_from(LETTERS)), None, operating, op_number, op_class,
        draw(st.none() | st.sampled_from(["HK", "XX", "KL"])),
        draw(st.none() | st.integers(1, 9)),
        None if history else draw(st.none() | st.sampled_from(["320", "789", "77W"])))


def _check_in(draw: st.DrawFn, t: PnrTraveller, segment: ItinerarySegment, flight: str | None
              ) -> CheckIn:
    """Gr.6/7 check-in of a traveller on a flight: DAT 2 time (UTC) or DAT 3 text, ORG
    agent, TRI boarding number and reference, TIF name, SSD seat and cabin, TBD bags."""
    text = draw(st.none() | _free_text(35)) if draw(st.integers(0, 4)) == 0 else None
    at = None if text is not None else draw(st.none() | _utc_times())
    agent = draw(st.none() | st.builds(Originator, system=_carriers(),
                                       location=st.none() | airports(),
                                       originator_type=st.just("A")))
    seat = draw(st.none() | st.builds(lambda r, s: f"{r:02d}{s}", st.integers(1, 60),
                                      st.sampled_from("ABCDEFGHJK")))
    name = None
    if draw(st.booleans()):
        name = f"{t.surname}/{t.given_name_as_sent}" if t.given_name_as_sent else t.surname
    return CheckIn(
        flight, segment.departure_airport, at, text, agent,
        draw(st.none() | st.builds(lambda a, n: f"{a}-{n:03d}", airports(),
                                   st.integers(1, 400))),
        t.traveller_reference, name, t.traveller_reference if name else None, seat,
        draw(st.none() | st.sampled_from(["Y", "C", "F"])) if seat else None,
        _bags(draw, flight) if draw(st.booleans()) else None)


def _designator(carrier: str | None, number: str | None) -> str | None:
    if carrier and number:
        return carrier + number
    return number or carrier or None


@st.composite
def _pnr(draw: st.DrawFn, max_travellers: int, max_segments: int) -> Pnr:
    carrier = draw(_carriers())
    locators = tuple(draw(st.lists(_record_locators(), min_size=1, max_size=2)))
    created = next((r.created_at for r in locators if r.created_at is not None), None)
    dates = tuple(DateEntry(q, draw(_utc_times() | _PNR_DAY))
                  for q in draw(st.sampled_from([(), ("700",), ("700", "710"), ("710",)])))
    last = {d.qualifier: d.at for d in dates}
    cancelled = draw(st.integers(0, 9)) == 0
    originator = Originator(empty=True) if cancelled else draw(st.none() | originators())
    itinerary = [_itinerary_segment(draw)
                 for _ in range(draw(st.integers(0, max_segments)))]
    designators = [_designator(s.carrier, s.flight_number) for s in itinerary]

    # Gr.2 travellers
    count = draw(st.integers(0, max_travellers))
    infant_at = draw(st.integers(0, count)) if count > 1 else -1
    people: list[_PnrTraveller] = []
    for position in range(count):
        infant = position == infant_at
        reference = str(position + 1) if count > 1 or draw(st.booleans()) else None
        given = draw(st.none() | st.builds(
            lambda g, t: f"{g}{t}", words(25, LETTERS, " ", 2),
            st.sampled_from(["", "", " MR", " MRS", "MS", " MISS", " DR"])))
        names, title = split_title(given) if given else ((), None)
        ptype = "IN" if infant else draw(st.none() | st.sampled_from(["A", "C"]))
        ff = tuple(draw(st.lists(st.builds(
            FrequentFlyer, _carriers(), _code(DIGITS, 6, 12),
            st.none() | st.sampled_from(["GOLD", "ELITE"]), st.just("FTI"),
            st.just(reference)), max_size=1)))
        remarks: list[Remark] = list(draw(st.lists(_remarks(), max_size=1)))
        contacts: list[Contact] = []
        if draw(st.booleans()):  # OSI contact (IFT 4:28 "CTCM 447700900124")
            phone = draw(_phones())
            line = f"CTCM {phone}"
            remarks.append(Remark("4", "28", (line,), carrier))
            contacts.append(Contact("mobile", phone, line, "IFT CTCM", None, reference))
        addresses: list[PnrAddress] = []
        if draw(st.booleans()):
            address = draw(_addresses())
            if draw(st.booleans()):
                phone = draw(_phones())
                address = attrs.evolve(address, free_text=phone)
                contacts.append(Contact("phone", phone, phone, "ADD", None, reference))
            addresses.append(address)
        tickets, payments = _tickets(draw, carrier)
        surname = draw(surnames())
        t = PnrTraveller(
            surname=surname, given_names=names, title=title, given_name_as_sent=given,
            passenger_type=ptype, traveller_reference=reference,
            accompanied_by_infant=infant_at >= 0 and position == 0,
            frequent_flyer=ff,
            unique_passenger_reference=draw(st.none() | _code(LETTERS + DIGITS, 8, 20)),
            fare=draw(st.none() | st.builds(Fare, st.sampled_from(["A", "N", "C"]),
                                            st.none() | _code(DIGITS, 1, 2))),
            excess_baggage=tuple(draw(st.lists(st.builds(
                ExcessBaggage, st.none() | _currencies(), st.none() | _amounts(),
                st.none() | st.integers(0, 5), st.none() | st.sampled_from(["N", "W"])),
                max_size=1))),
            tickets=tickets, payments=payments, remarks=tuple(remarks),
            contacts=tuple(contacts), addresses=tuple(addresses))
        person = _PnrTraveller(t)
        for kind in draw(st.lists(st.sampled_from(_TRAVELLER_SSRS), max_size=4)):
            person.ssrs.append(_traveller_ssr(draw, kind, t, carrier, infant))
        people.append(person)

    # Gr.5 itinerary with segment SSRs naming travellers, and check-in
    unresolved = None if count != 1 else "99"  # an SSR for all travellers needs them
    segments = []
    for segment, flight in zip(itinerary, designators, strict=True):
        own = tuple(_ssr_flight(s, flight) for s in draw(st.lists(st.builds(
            Ssr, st.sampled_from(["OTHS", "CKIN"]), st.just("HK"), st.none(),
            st.just(segment.carrier), st.none(), st.none(), _free_text(),
            st.just(unresolved)), max_size=1)))
        for person in people:
            reference = person.t.traveller_reference
            if reference is None:
                continue
            if draw(st.booleans()):
                code = draw(st.sampled_from(["SEAT", "NSST", "VGML"]))
                seat = draw(st.builds(lambda r, s: f"{r:02d}{s}", st.integers(1, 60),
                                      st.sampled_from("ABCDEFGHJK")))
                is_seat = code != "VGML"
                person.ssrs.append(Ssr(
                    code, "HK", "1", segment.carrier, segment.departure_airport,
                    segment.arrival_airport, None, reference, seat if is_seat else None,
                    None, draw(st.none() | st.sampled_from(["W", "A"])) if is_seat else None,
                    None, flight))
            if draw(st.integers(0, 2)) == 0:
                person.check_ins.append((_check_in(draw, person.t, segment, flight),
                                         segment.arrival_airport))
        segments.append(attrs.evolve(
            segment, ssrs=own,
            record_locators=tuple(draw(st.lists(_record_locators(False), max_size=1))),
            remarks=tuple(draw(st.lists(_remarks(), max_size=1)))))
    travellers = tuple(p.build() for p in people)

    # Gr.1 remarks, addresses, SSRs naming no traveller
    pnr_remarks: list[Remark] = list(draw(st.lists(_remarks(), max_size=1)))
    pnr_contacts: list[Contact] = []
    if draw(st.booleans()):  # OSI contact e-mail (IFT 4:28 "CTCE JANE..DOE//EXAMPLE.COM")
        value, text = draw(_emails())
        line = f"CTCE {text}"
        pnr_remarks.append(Remark("4", "28", (line,), carrier))
        pnr_contacts.append(Contact("email", value, line, "IFT CTCE"))
    pnr_addresses: list[PnrAddress] = list(draw(st.lists(_addresses(), max_size=1)))
    with_phone: bool = draw(st.booleans())
    if pnr_addresses and with_phone:
        phone = draw(_phones())
        pnr_addresses[0] = attrs.evolve(pnr_addresses[0], free_text=phone)
        pnr_contacts.append(Contact("phone", phone, phone, "ADD"))
    ssrs = list(draw(st.lists(st.builds(
        Ssr, st.sampled_from(["OTHS", "ADTK"]), st.just("HK"), st.none(), st.just(carrier),
        text=_free_text(), traveller_reference=st.just(unresolved)), max_size=1)))
    if count != 1 and draw(st.booleans()):
        ssr = _contact_ssr(draw, "CTCM", None, carrier)
        ssrs.append(ssr)
        assert isinstance(ssr.details, Contact)
        pnr_contacts.append(ssr.details)

    # Gr.8 split PNRs, Gr.9 non-air segments, Gr.10-12 history, LTS
    splits = tuple(draw(st.lists(st.builds(
        SplitPnr, st.none() | st.integers(1, 9),
        st.lists(_record_locators(False), max_size=2).map(tuple)), max_size=1)))
    nonair = tuple(_nonair(draw) for _ in range(draw(st.integers(0, 1))))
    history = tuple(_credit(draw) for _ in range(draw(st.integers(0, 2))))
    return Pnr(
        record_locator=locators[0].locator, booking_system=locators[0].booking_system,
        record_locators=locators, created_at=created, last_modified_at=last.get("700"),
        ticket_issued_at=last.get("710"), dates=dates, cancelled=cancelled,
        originator=originator, contacts=tuple(pnr_contacts),
        addresses=tuple(pnr_addresses), remarks=tuple(pnr_remarks), ssrs=tuple(ssrs),
        excess_baggage=tuple(draw(st.lists(st.builds(
            ExcessBaggage, st.none() | _currencies(), st.none() | _amounts(),
            st.none() | st.integers(0, 5), st.none() | st.sampled_from(["N", "W"]),
            st.none() | st.sampled_from(["K", "PC"])), max_size=1))),
        travellers=travellers, itinerary=tuple(segments), split_pnrs=splits,
        non_air_segments=nonair, history=history,
        history_lines=tuple(draw(st.lists(_free_text(60), max_size=2))))


def _nonair(draw: st.DrawFn) -> NonAirSegment:
    """Gr.9 MSG 8 (hotel) with its TVL (PNRGOV IG example
    ``TVL+170325:1500:200325:1100+JFK++ZH+GRAND AVENUE HOTEL``); the TVL is kept as
    sent on the product."""
    start = draw(_local_times())
    end = start + timedelta(days=draw(st.integers(1, 14)))
    city, provider, name = draw(airports()), draw(_carriers()), draw(_free_text(35))
    elements = ((start.strftime("%d%m%y"), start.strftime("%H%M"), end.strftime("%d%m%y"),
                 end.strftime("%H%M")), (city,), ("",), (provider,), (name,))
    return NonAirSegment("8", (NonAirProduct(start, end, (city,), provider, name,
                                             Segment("TVL", elements)),))


def _credit(draw: st.DrawFn) -> HistoryCredit:
    """Gr.10 ABI + DAT with Gr.11 SAC actions (TIF, SSR, IFT 19, TBD) and Gr.12 TVL + RPI
    (PNRGOV IG history examples)."""
    actions = []
    for _ in range(draw(st.integers(1, 2))):
        travellers = tuple(draw(st.lists(st.builds(
            HistoryTraveller, surnames(), st.none() | words(25),
            st.none() | st.sampled_from(["A", "C"]), st.none() | st.sampled_from("123")),
            max_size=1)))
        ssrs = tuple(draw(st.lists(st.builds(
            Ssr, st.sampled_from(["OTHS", "WCHR"]), st.just("HK"), st.just("1"), _carriers(),
            text=st.none() | _free_text(), traveller_reference=st.none() | st.just("1")),
            max_size=1)))
        actions.append(HistoryAction(
            draw(st.sampled_from(["A", "X", "C"])), travellers, ssrs,
            tuple(draw(st.lists(_remarks(("19",)), max_size=1))),
            tuple(_bags(draw, None) for _ in range(draw(st.integers(0, 1)))),
            tuple(_itinerary_segment(draw, history=True)
                  for _ in range(draw(st.integers(0, 1))))))
    return HistoryCredit(
        draw(st.sampled_from(["1", "4"])), draw(_code(LETTERS + DIGITS, 4, 8)),
        draw(st.none() | st.sampled_from(["GS", "SU"])), draw(airports()), draw(_carriers()),
        draw(st.none() | _utc_times()), draw(st.sampled_from(["ZT", "T"])), tuple(actions))


def pnrs(max_travellers: int = 3, max_segments: int = 3) -> st.SearchStrategy[Pnr]:
    """PNR records (one Gr.1 SRC group each) as the PNRGOV reader builds them: record
    locators (RCI), dates (DAT 700/710), booking originator (or an empty ORG: cancelled),
    OSI and ADD contacts, PNR-level SSRs; up to ``max_travellers`` travellers (TIF with
    AIRIMP titles, one infant, FTI, REF, FAR, EBD, OSI/ADD contacts, SSR DOCS/DOCO/DOCA/
    FQTV/CTCE/CTCM/TKNE, tickets with taxes and payments); up to ``max_segments``
    itinerary segments (codeshare, seat and meal SSRs naming travellers, check-in with
    seats and bags); split PNRs, a non-air segment, history and LTS lines. Derived fields
    (documents, gender, date of birth, contacts, seats, bags...) are filled as the reader
    fills them. Every PNR can be written in 13.1 and in later versions (an operating
    booking class always comes with its flight number, which 13.1's codeshare TVL
    needs). Dates read back the same in a push prepared within
    :data:`PNRGOV_MESSAGE_DATES`."""
    return _pnr(max_travellers, max_segments)


@cache
def pnr_flights() -> st.SearchStrategy[FlightLeg]:
    """The pushed flight (level-0 TVL): carrier, number, airports and local departure and
    arrival times, as the PNRGOV reader returns it."""
    @st.composite
    def build(draw: st.DrawFn) -> FlightLeg:
        carrier, number = draw(_carriers()), draw(_code(DIGITS, 1, 4))
        departure = draw(_local_times())
        arrival = draw(st.none() | st.integers(30, 1200).map(
            lambda m: departure + timedelta(minutes=m)))
        return FlightLeg(carrier, number, carrier + number, draw(airports()), draw(airports()),
                         departure, arrival)

    return build()


def pnrgov_pushes(max_pnrs: int = 3, versions: tuple[str, ...] = ("13:1", "15:1"),
                  max_travellers: int = 3) -> st.SearchStrategy[PnrgovMessage]:
    """PNRGOV pushes (one message: UNH, MSG 22 full or 141 update, sender ORG, pushed
    flight TVL, EQN the PNR count, up to ``max_pnrs`` :func:`pnrs`) in the shape the
    reader returns them after :func:`comparable` (no envelope, positions or warnings),
    with ``version`` one of ``versions``, agency ``IA``, S010 ``01:F``. Write them with
    an envelope prepared within :data:`PNRGOV_MESSAGE_DATES`
    (:func:`pnrgov_envelope_settings`)."""
    @st.composite
    def build(draw: st.DrawFn) -> PnrgovMessage:
        version = draw(st.sampled_from(versions))
        records = tuple(draw(st.lists(_pnr(max_travellers, 3), max_size=max_pnrs)))
        push_type = draw(st.sampled_from([PushType.FULL, PushType.UPDATE]))
        flight = draw(pnr_flights())
        when = flight.scheduled_departure
        assert when is not None
        access = draw(st.sampled_from([
            f"{flight.flight_designator}/{when:%d%m%y}/{when:%H%M}",
            f"{when:%d%m%y}/{when:%H%M}/{flight.carrier}/{flight.flight_number}"]))
        return PnrgovMessage(
            message_reference=draw(_code(LETTERS + DIGITS, 1, 12)), version=version,
            controlling_agency="IA", push_type=push_type,
            message_function="22" if push_type is PushType.FULL else "141",
            sender=draw(st.none() | originators()), flight=flight,
            declared_pnr_count=len(records), pnrs=records, common_access_reference=access,
            part_number=1, is_first_part=True, is_last_part=True, message_date=None,
            envelope=NO_ENVELOPE,
            flight_operating_carrier=draw(st.none() | _carriers()))

    return build()


@cache
def pnrgov_envelope_settings() -> st.SearchStrategy[EnvelopeSettings]:
    """UNB/UNG values for PNRGOV: syntax ``IATA:1`` (PADIS; DIGEST section 3.1) or
    ``UNOA``/``UNOC``/``UNOW`` version 4, prepared within :data:`PNRGOV_MESSAGE_DATES`,
    with or without a functional group, application reference ``PNRGOV`` or none."""
    first, last = PNRGOV_MESSAGE_DATES
    return st.builds(
        EnvelopeSettings,
        sender=_code(LETTERS + DIGITS, 1, 35), recipient=_code(LETTERS + DIGITS, 1, 35),
        prepared_at=_moment(datetime.combine(first, datetime.min.time()),
                            datetime.combine(last, datetime.min.time())),
        control_reference=_code(DIGITS, 1, 14),
        application_reference=st.none() | st.just("PNRGOV"),
        syntax_identifier=st.sampled_from(["IATA", "UNOA", "UNOC", "UNOW"]),
        syntax_version=st.sampled_from(["1", "4"]), test_indicator=st.booleans(),
        functional_group=st.booleans(), four_digit_year=st.booleans())


def written_pnrgov_pushes(max_pnrs: int = 3
                          ) -> st.SearchStrategy[tuple[PnrgovMessage, bytes]]:
    """(push, interchange bytes) pairs: a push written by
    :func:`paxdata.writers.write_pnrgov` with generated envelope, service characters and
    line breaks (``UNA:+.?*'`` half of the time, as PNRGOV senders write)."""
    chars = st.just(PNRGOV_CHARACTERS) | service_characters()
    return st.builds(
        lambda push, envelope, characters, line_break: (push, write_pnrgov(
            push, envelope, characters=characters, line_break=line_break,
            verify=False).data),
        pnrgov_pushes(max_pnrs), pnrgov_envelope_settings(), chars, line_breaks())


def pnrgov_messages(max_pnrs: int = 3) -> st.SearchStrategy[bytes]:
    """Valid PNRGOV interchanges as bytes (full and update pushes, 13.1 and 15.1, any
    service characters, with and without line breaks, UNA/UNB/UNG/UNH envelope with
    correct control counts)."""
    return written_pnrgov_pushes(max_pnrs).map(lambda pair: pair[1])
