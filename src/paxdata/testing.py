"""Hypothesis strategies for passenger data: travellers, flight legs, passenger and crew
lists, service characters, envelopes, and valid PAXLST interchanges as bytes.

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
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

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
from paxdata.writers import EnvelopeSettings, write_paxlst

__all__ = [
    "NO_ENVELOPE",
    "as_rewritten",
    "assert_round_trip",
    "carried",
    "comparable",
    "crew_lists",
    "envelope_settings",
    "flight_legs",
    "line_breaks",
    "passenger_lists",
    "paxlst_messages",
    "service_characters",
    "travel_documents",
    "travellers",
    "written_passenger_lists",
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


def comparable(plist: PassengerList) -> PassengerList:
    """``plist`` without what a written message cannot carry, so that lists read back
    from the writer's output compare equal to the records written:

    * ``envelope`` (input name, offsets; the UNB/UNG values are the writer's settings,
      not the record's) becomes :data:`NO_ENVELOPE`, and ``message_date`` (derived from
      the UNB date) ``None``;
    * positions (``segment_index``, ``offset``) become ``None``: they are where the
      reader found a segment, not data;
    * ``warnings`` become ``()``: they are the reader's findings, not data.
    """
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
    :class:`~paxdata.errors.PaxdataError`. Raises ``AssertionError`` otherwise."""
    document = read(data)
    try:
        written_raw: str | None = serialize_document(document)
    except PaxdataError:
        written_raw = None  # a located refusal: data its service characters cannot carry
    if written_raw is not None and [m.segments for m in document.messages] != [
            m.segments for m in read(written_raw).messages]:
        raise AssertionError("the raw write does not read back to the same segments")
    for plist in parse(data).passenger_lists:
        try:
            written = write_paxlst(plist, EnvelopeSettings("SENDER", "RECIPIENT")).data
        except PaxdataError:
            continue  # a located refusal: a value the message cannot carry exactly
        (back,) = parse(written).passenger_lists
        if carried(back) != carried(as_rewritten(plist, back)):
            raise AssertionError("a written list does not read back to its records")
