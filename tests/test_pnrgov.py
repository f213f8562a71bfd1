"""PNRGOV typed records: real values from the synthetic samples, per group and SSR format."""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

import paxdata
from paxdata import STRICT, Defect, DefectError, Location
from paxdata.paxlst import FlightLeg, TravelDocument
from paxdata.pnrgov import (
    Address,
    Amount,
    BagTag,
    Contact,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    FrequentFlyer,
    InfantDetails,
    Originator,
    Pnr,
    PnrgovMessage,
    PushType,
    RecordLocator,
    SeatDetails,
    Tax,
    TicketCoupon,
    _reader,
    decode_email,
    split_title,
)
from paxdata.pnrgov._fast import fast_constructor
from paxdata.pnrgov._records import CheckIn, ItinerarySegment, Ssr, Traveller
from paxdata.pnrgov._ssr import decode_ssr
from support import sample

REFERENCE = date(2025, 3, 15)


def only_message(data: bytes | str, **kw: object) -> PnrgovMessage:
    result = paxdata.parse(data, **kw)  # type: ignore[arg-type]
    (message,) = result.messages
    assert isinstance(message, PnrgovMessage)
    return message


def wrap(*segments: str, version: str = "13:1", msg: str = "MSG+:22", eqn: str = "EQN+1",
         unh_tail: str = "") -> str:
    """A push around PNR segments (UNB dated 2025-03-15, pushed flight XX0101 LHR-JFK)."""
    body = [msg, "ORG+XX:LHR", "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101", eqn,
            *segments]
    count = len(body) + 2
    return ("UNB+IATA:1+XX+GOV+250315:0930+1'UNH+1+PNRGOV:" + version + ":IA+X" + unh_tail
            + "'" + "".join(s + "'" for s in body) + f"UNT+{count}+1'UNZ+1+1'")


def codes(record: object) -> list[str]:
    return [w.code for w in record.warnings]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def full() -> PnrgovMessage:
    return only_message(sample("pnrgov_full_push.edi"), name="pnrgov_full_push.edi")


@pytest.fixture(scope="module")
def first(full: PnrgovMessage) -> Pnr:
    return full.pnrs[0]


class TestLevelZero:
    def test_header(self, full: PnrgovMessage) -> None:
        assert full.message_type == "PNRGOV"
        assert full.message_reference == "1"
        assert full.version == "13:1"
        assert full.controlling_agency == "IA"
        assert full.push_type is PushType.FULL
        assert full.message_function == "22"
        assert full.declared_pnr_count == 3
        assert full.common_access_reference == "XX0101/170325/1600"
        assert (full.part_number, full.is_first_part, full.is_last_part) == (1, True, True)
        assert full.message_date == date(2025, 3, 15)
        assert full.warnings == ()
        assert full.unreadable_pnrs == ()

    def test_sender_and_flight(self, full: PnrgovMessage) -> None:
        assert full.sender == Originator(system="XX", location="LHR")
        assert full.flight == FlightLeg(
            carrier="XX", flight_number="0101", flight_designator="XX0101",
            departure_airport="LHR", arrival_airport="JFK",
            scheduled_departure=datetime(2025, 3, 17, 16, 0),
            scheduled_arrival=datetime(2025, 3, 17, 19, 0), segment_index=4)

    def test_envelope(self, full: PnrgovMessage) -> None:
        assert full.envelope.input_name == "pnrgov_full_push.edi"
        assert full.envelope.sender == "XX"
        assert full.envelope.recipient == "GOVPIU"
        assert full.envelope.group_reference == "G4711"
        assert full.envelope.prepared_at == datetime(2025, 3, 15, 9, 30)

    def test_counts(self, full: PnrgovMessage) -> None:
        assert [p.record_locator for p in full.pnrs] == ["ABC123", "RTY789", "UIO321"]
        assert len(full.travellers) == 5


class TestGroup1:
    def test_record_locators(self, first: Pnr) -> None:
        assert (first.booking_system, first.record_locator) == ("1X", "ABC123")
        assert first.key == ("1X", "ABC123")
        assert first.record_locators == (
            RecordLocator("1X", "ABC123", None, datetime(2025, 2, 1, 12, 10, tzinfo=UTC), 7),
            RecordLocator("XX", "QWE456", None, None, 7))
        assert first.created_at == datetime(2025, 2, 1, 12, 10, tzinfo=UTC)

    def test_dates_are_utc(self, first: Pnr) -> None:
        assert first.last_modified_at == datetime(2025, 3, 15, 8, 15, tzinfo=UTC)
        assert first.ticket_issued_at == datetime(2025, 2, 2, 10, 10, tzinfo=UTC)
        assert [d.qualifier for d in first.dates] == ["700", "710"]

    def test_originator(self, first: Pnr) -> None:
        assert first.originator == Originator(
            system="1X", location="MUC", agency_number="91234567", agent_office="LONXX2100",
            agent_location="LON", company="XX", originator_type="T", country="GB",
            currency="GBP", language="EN", agent_id="AB12CD")
        assert not first.cancelled

    def test_contacts_and_address(self, first: Pnr) -> None:
        assert first.contacts == (
            Contact("email", "BOOKINGS_DESK@EXAMPLE.COM", "CTCE BOOKINGS..DESK//EXAMPLE.COM",
                    "IFT CTCE", None, None, 10),
            Contact("phone", "447700900123", "447700900123", "ADD", None, None, 12))
        assert first.addresses == (Address("700", "1 MAIN STREET", "LONDON", None, None,
                                           "GB", "SW1A1AA", "447700900123", 12),)
        assert first.remarks[0].type == "28"

    def test_excess_baggage(self, first: Pnr) -> None:
        (ebd,) = first.excess_baggage
        assert (ebd.currency, ebd.rate, ebd.count, ebd.piece_or_weight, ebd.unit) == (
            "GBP", "50.00", 1, None, "N")

    def test_pnr_ssr_with_reference_goes_to_its_traveller(self, first: Pnr) -> None:
        amelia = first.travellers[0]
        assert amelia.ssrs[0].code == "CTCM"
        assert Contact("mobile", "447700900123", "447700900123/EN", "SSR CTCM", "EN", "1",
                       8) in amelia.contacts
        assert first.ssrs == ()

    def test_no_warnings(self, full: PnrgovMessage) -> None:
        assert [codes(p) for p in full.pnrs] == [[], [], []]


class TestGroup2Travellers:
    def test_names_titles_types(self, first: Pnr) -> None:
        found = [(t.surname, t.given_names, t.title, t.passenger_type, t.traveller_reference)
                 for t in first.travellers]
        assert found == [("QUILLFEATHER", ("AMELIA",), "MRS", "A", "1"),
                         ("QUILLFEATHER", ("OSCAR",), None, "IN", "2"),
                         ("BRAMBLEWICK", ("THEODORE",), "MR", "A", "3")]
        assert first.travellers[0].accompanied_by_infant
        assert first.travellers[0].given_name_as_sent == "AMELIAMRS"

    def test_docs_fill_the_traveller(self, first: Pnr) -> None:
        amelia = first.travellers[0]
        assert (amelia.gender, amelia.date_of_birth, amelia.nationality) == (
            "F", date(1985, 4, 12), "GBR")
        assert amelia.documents == (
            TravelDocument("P", "123456789", "GBR", None, date(2030, 1, 1), None, (), 19),
            TravelDocument("V", "V9876543", None, "LONDON", None, date(2024, 1, 10), (), 21))
        assert amelia.place_of_birth == "LONDON GBR"

    def test_infant_document_goes_to_the_infant(self, first: Pnr) -> None:
        oscar = first.travellers[1]
        assert (oscar.gender, oscar.date_of_birth) == ("MI", date(2024, 3, 5))
        assert [d.number for d in oscar.documents] == ["555666777"]
        assert "555666777" not in [d.number for d in first.travellers[0].documents]

    def test_traveller_without_docs_is_kept(self, full: PnrgovMessage) -> None:
        pippa = full.pnrs[2].travellers[0]
        assert (pippa.surname, pippa.given_names, pippa.title, pippa.passenger_type) == (
            "ORCHARDSON", ("PIPPA",), "MISS", "C")
        assert pippa.documents == ()
        assert pippa.frequent_flyer == (FrequentFlyer("XX", "987654321", None, "FTI", None,
                                                      93),)

    def test_frequent_flyer_ref_fare_addresses(self, first: Pnr) -> None:
        amelia = first.travellers[0]
        assert amelia.frequent_flyer == (
            FrequentFlyer("XX", "123456789", "GOLD", "FTI", None, 15),)
        assert amelia.unique_passenger_reference == "0012AB34CD56EF78"
        assert (amelia.fare.indicator, amelia.fare.age) == ("A", "40")  # type: ignore[union-attr]
        assert amelia.addresses == (Address("destination", "350 FIFTH AVENUE", "NEW YORK",
                                            "NY", None, "USA", "10118", None, 20),)
        assert [c.value for c in amelia.contacts] == [
            "447700900124", "447700900123", "AMELIA_Q@EXAMPLE.COM"]


class TestGroups3And4Tickets:
    def test_ticket(self, first: Pnr) -> None:
        (ticket,) = first.travellers[0].tickets
        assert (ticket.number, ticket.document_type, ticket.booklets, ticket.ticketless) == (
            "1252100000001", "T", 1, False)
        assert ticket.amounts == (Amount("B", "500.00", "GBP"), Amount("T", "612.30", "GBP"))
        assert ticket.taxes == (Tax("78.00", None, "GB"), Tax("34.30", None, "UB"))
        assert (ticket.pricing_indicator, ticket.validating_carrier, ticket.airline_code,
                ticket.sales_city) == ("NR", "XX", "125", "LON")
        assert ticket.ticketing_at == datetime(2025, 2, 2, 10, 10)  # PTK: as sent, naive
        assert ticket.issued_at == datetime(2025, 2, 2, 10, 10, tzinfo=UTC)

    def test_payment_with_sponsor_and_billing_address(self, first: Pnr) -> None:
        (payment,) = first.travellers[0].payments
        assert (payment.type, payment.amount, payment.vendor, payment.account_number,
                payment.expiry, payment.ticket_number) == (
            "CC", "612.30", "VI", "XXXXXXXXXXXX1234", "0827", "1252100000001")
        assert payment.sponsor == ("AMELIA QUILLFEATHER", "1 MAIN STREET LONDON",
                                   "447700900123")
        assert payment.billing_address is not None
        assert payment.billing_address.purpose == "702"
        (cash,) = first.travellers[2].payments
        assert (cash.type, cash.amount, cash.vendor) == ("CA", "612.30", None)

    def test_ticketless(self, full: PnrgovMessage) -> None:
        (ticket,) = full.pnrs[1].travellers[0].tickets
        assert (ticket.number, ticket.document_type, ticket.ticketless) == (None, "1", True)


class TestGroup5Itinerary:
    def test_segment(self, first: Pnr) -> None:
        segment = first.itinerary[0]
        assert (segment.carrier, segment.flight_number, segment.booking_class,
                segment.departure_airport, segment.arrival_airport) == (
            "XX", "0101", "Y", "LHR", "JFK")
        assert segment.scheduled_departure == datetime(2025, 3, 17, 16, 0)  # local, naive
        assert (segment.status, segment.party_size, segment.aircraft_type) == ("HK", 3, "789")
        assert segment.record_locators == (RecordLocator("XX", "QWE456", None, None, 47),)
        assert [r.lines for r in segment.remarks] == [("WCHR AT GATE FOR 1A",)]

    def test_codeshare_second_tvl(self, first: Pnr) -> None:
        segment = first.itinerary[1]
        assert (segment.carrier, segment.flight_number, segment.operating_carrier,
                segment.operating_flight_number, segment.operating_booking_class) == (
            "YY", "4410", "XX", "0102", "Y")
        assert segment.scheduled_arrival == datetime(2025, 3, 21, 8, 15)

    def test_codeshare_tra(self) -> None:
        message = only_message(sample("pnrgov_multipart_01.edi"))
        segment = message.pnrs[0].itinerary[0]
        assert (segment.carrier, segment.flight_number, segment.operating_carrier,
                segment.operating_flight_number, segment.operating_booking_class) == (
            "YY", "7702", "XX", "0202", "K")

    def test_segment_ssrs(self, first: Pnr) -> None:
        theo = first.travellers[2]
        assert [(s.code, s.flight, s.traveller_reference) for s in theo.ssrs] == [
            ("DOCS", None, None), ("TKNE", None, None), ("SEAT", "XX0101", "3"),
            ("VGML", "XX0101", "3")]
        assert theo.ssrs[1].details == TicketCoupon("1252100000002", 1, False)


class TestGroups6And7CheckIn:
    def test_check_in(self, first: Pnr) -> None:
        (check_in,) = first.travellers[0].check_in
        assert check_in == CheckIn(
            flight="XX0101", departure_airport="LHR",
            checked_in_at=datetime(2025, 3, 17, 13, 10, tzinfo=UTC),
            agent=Originator(system="XX", location="LHR", originator_type="A"),
            boarding_number="LHR-042", traveller_reference="1",
            name="QUILLFEATHER/AMELIAMRS", name_reference="1", seat="23A", cabin="Y",
            bags=check_in.bags, segment_index=51)

    def test_bags(self, first: Pnr) -> None:
        (bags,) = first.travellers[0].bags
        assert (bags.count, bags.weight, bags.weight_unit, bags.unit_qualifier, bags.pool,
                bags.flight) == (2, 32.0, "KGM", "700", "HP", "XX0101")
        assert bags.tags == (BagTag("XX", "0125123456", 2, "JFK",
                                    ("0125123456", "0125123457")),)
        (member,) = first.travellers[2].bags
        assert (member.pool, member.pool_reference) == ("MP", "0125123456")
        assert member.tags[0].carrier == "125"

    def test_seats_from_ssr_and_ssd(self, first: Pnr) -> None:
        seats = [(s.number, s.source, s.cabin, s.characteristics)
                 for s in first.travellers[0].seats]
        assert seats == [("23A", "SSR SEAT", None, "W"), ("23A", "SSD", "Y", None)]


class TestGroups8To12:
    def test_split_pnr(self, full: PnrgovMessage) -> None:
        (split,) = full.pnrs[1].split_pnrs
        assert split.count == 1
        assert [r.locator for r in split.record_locators] == ["RTZ790"]

    def test_non_air(self, full: PnrgovMessage) -> None:
        (hotel,) = full.pnrs[1].non_air_segments
        (product,) = hotel.products
        assert hotel.business_function == "8"
        assert (product.start, product.end, product.locations, product.provider,
                product.product) == (datetime(2025, 3, 17, 15, 0), datetime(2025, 3, 20, 11, 0),
                                     ("JFK",), "ZH", "GRAND AVENUE HOTEL")

    def test_history(self, first: Pnr) -> None:
        (credit,) = first.history
        assert (credit.originator_type, credit.duty_code, credit.location, credit.company,
                credit.date_qualifier) == ("1", "LONXX2100", "LON", "XX", "ZT")
        assert credit.changed_at == datetime(2025, 2, 1, 12, 10, tzinfo=UTC)
        assert [a.action for a in credit.actions] == ["A", "A", "X"]
        added, ticket, cancelled = credit.actions
        assert added.travellers[0].surname == "BRAMBLEWICK"
        assert ticket.ssrs[0].details == TicketCoupon("1252100000002", 1, False)
        assert cancelled.remarks[0].lines == ("ITINERARY 16MAR CANCELLED",)
        (old,) = cancelled.itinerary
        assert (old.scheduled_departure, old.status) == (datetime(2025, 3, 16, 16, 0), "XX")

    def test_history_lines(self, first: Pnr) -> None:
        assert first.history_lines == ("0/O/SS/XX 0101 Y 17MAR 3 LHRJFK HK3 1600 1900",
                                       "0/O/NM/QUILLFEATHER/AMELIA MRS")


class TestSsrFreeText:
    def test_docs_full(self) -> None:
        details, problems = decode_ssr(
            "DOCS", "/P/GBR/123456789/GBR/12APR85/F/01JAN30/DOE/JANE/MARIE/H", "", REFERENCE,
            None)
        assert details == DocsDetails("P", "GBR", "123456789", "GBR", date(1985, 4, 12), "F",
                                      date(2030, 1, 1), "DOE", ("JANE", "MARIE"), True)
        assert problems == ()

    def test_docs_empty_fields(self) -> None:
        details, _ = decode_ssr("DOCS", "/////05FEB53/F//WINTERBOURNE/NINA", "", REFERENCE,
                                None)
        assert details == DocsDetails(date_of_birth=date(1953, 2, 5), gender="F",
                                      surname="WINTERBOURNE", given_names=("NINA",))

    def test_docs_shifted_by_one_slash(self) -> None:
        details, problems = decode_ssr(
            "DOCS", "//P/DEU/C4FG15LP2/DEU/23AUG77/M/13FEB30/GRUENWALD/MATTIS", "", REFERENCE,
            None)
        assert isinstance(details, DocsDetails)
        assert (details.document_type, details.number, details.date_of_birth,
                details.gender, details.shifted) == ("P", "C4FG15LP2", date(1977, 8, 23), "M",
                                                     True)
        assert "shifted" in problems[0]

    def test_docs_alpha2_and_infant(self) -> None:
        details, problems = decode_ssr(
            "DOCS", "/P/GB/509229987/GB/20SEP12/FI/25OCT17/BELT/SOPHY OLIVIA/", "",
            date(2013, 5, 27), None)
        assert isinstance(details, DocsDetails)
        assert (details.issuing_country, details.gender, details.infant,
                details.given_names) == ("GB", "FI", True, ("SOPHY OLIVIA",))
        assert "alpha-2" in problems[0]

    def test_docs_bad_date_reported(self) -> None:
        details, problems = decode_ssr("DOCS", "/P/GBR/1/GBR/31FEB85/F/01JAN30/DOE/JANE", "",
                                       REFERENCE, None)
        assert isinstance(details, DocsDetails) and details.date_of_birth is None
        assert problems == ("DOCS date of birth is not DDMMMYY",)

    def test_doco_doca(self) -> None:
        assert decode_ssr("DOCO", " HERE VA/V/8675309/OTHER PLACE/22DEC06/LI", "", REFERENCE,
                          None)[0] == DocoDetails("HERE VA", "V", "8675309", "OTHER PLACE",
                                                  date(2006, 12, 22), "LI")
        assert decode_ssr("DOCA", "/R/AUS/13 SHORE AVENUE/BROADBEACH/QLD/4215/I", "",
                          REFERENCE, None)[0] == DocaDetails(
            "residence", "AUS", "13 SHORE AVENUE", "BROADBEACH", "QLD", "4215", True)

    def test_contacts(self) -> None:
        assert decode_email("MOLLY..LOUUNT+50BB//GMAIL.COM") == (
            "MOLLY_LOUUNT+50BB@GMAIL.COM", None)
        assert decode_email("JANE.DOE//EXAMPLE.COM/EN") == ("JANE.DOE@EXAMPLE.COM", "EN")
        details, _ = decode_ssr("CTCM", "/447700900123", "", REFERENCE, "2")
        assert details == Contact("mobile", "447700900123", "/447700900123", "SSR CTCM", None,
                                  "2")

    def test_fqtv_tkne_inft_seat(self) -> None:
        assert decode_ssr("FQTV", "SQ8794285757", "", REFERENCE, None)[0] == FrequentFlyer(
            "SQ", "8794285757", None, "SSR FQTV")
        assert decode_ssr("TKNE", "INF1392178947000C2", "", REFERENCE, None)[0] == \
            TicketCoupon("1392178947000", 2, True)
        assert decode_ssr("TKNE", ".1393534576000C1", "", REFERENCE, None)[0] == \
            TicketCoupon("1393534576000", 1, False)
        assert decode_ssr("INFT", "TESTSURNAMETWO/TESTNAMETWO/10AUG11", "", REFERENCE,
                          None)[0] == InfantDetails("TESTSURNAMETWO", ("TESTNAMETWO",),
                                                    date(2011, 8, 10))
        assert decode_ssr("SEAT", ".03BN03AN", "", REFERENCE, None)[0] == SeatDetails(
            ("03B", "03A"))

    def test_unknown_ssr_kept(self) -> None:
        message = only_message(wrap("SRC", "RCI+XX:AAA111", "TIF+DOE+JANE MRS:A:1",
                                    "SSR+WXYZ:NN:1:XX:::::SOMETHING ODD+::1"))
        (ssr,) = message.pnrs[0].travellers[0].ssrs
        assert (ssr.code, ssr.status, ssr.text, ssr.details) == (
            "WXYZ", "NN", "SOMETHING ODD", None)


class TestTitles:
    @pytest.mark.parametrize(("given", "expected"), [
        ("JOHNMR", (("JOHN",), "MR")),
        ("KONG CHUN MRS", (("KONG CHUN",), "MRS")),
        ("MOANMISS", (("MOAN",), "MISS")),
        ("NINA MS", (("NINA",), "MS")),
        ("MATTIS DR", (("MATTIS",), "DR")),
        ("ALEXANDR", (("ALEXANDR",), None)),
        ("WILLIAMS", (("WILLIAMS",), None)),
        ("SOPHY", (("SOPHY",), None)),
        ("", ((), None)),
    ])
    def test_split_title(self, given: str, expected: object) -> None:
        assert split_title(given) == expected


@pytest.fixture(scope="module")
def quirks() -> PnrgovMessage:
    return only_message(sample("pnrgov_quirks.edi"))


class TestDeviations:
    def test_header_of_a_later_version_and_agency(self, quirks: PnrgovMessage) -> None:
        assert (quirks.version, quirks.controlling_agency) == ("21:1", "XS")
        assert quirks.envelope.syntax_identifier == "IATB"
        assert quirks.flight is not None
        assert quirks.flight.scheduled_arrival == datetime(2025, 3, 18, 15, 5)
        assert codes(quirks) == ["PNR-VALUE-INVALID", "PNR-COUNT-MISMATCH"]

    def test_each_deviation_is_read_and_located(self, quirks: PnrgovMessage) -> None:
        pnr = quirks.pnrs[0]
        assert codes(pnr) == [
            "PNR-VALUE-INVALID", "PNR-SSR-FORMAT", "PNR-SSR-FORMAT", "PNR-SEGMENT-RUN-ON",
            "PNR-SEGMENT-MISSING", "PNR-REFERENCE-UNRESOLVED", "PNR-REFERENCE-UNRESOLVED"]
        assert pnr.created_at == datetime(2025, 2, 23, 12, 20, tzinfo=UTC)
        mattis, nina = pnr.travellers
        assert (mattis.title, mattis.nationality, mattis.date_of_birth) == (
            "DR", "DEU", date(1977, 8, 23))
        assert [d.issuing_country for d in mattis.documents] == ["DEU"]
        assert (nina.date_of_birth, nina.gender, nina.documents) == (date(1953, 2, 5), "F", ())
        segment = pnr.itinerary[0]
        assert segment.status == "HK"
        assert segment.remarks[0].lines == ("LATE CHECK-IN REQUESTED",)
        assert segment.scheduled_arrival == datetime(2025, 3, 18, 15, 5)

    def test_unresolved_references_are_kept(self, quirks: PnrgovMessage) -> None:
        pnr = quirks.pnrs[0]
        (unknown,) = pnr.itinerary[0].ssrs
        assert (unknown.code, unknown.requirement, unknown.traveller_reference) == (
            "SEAT", "12B", "7")
        warning = pnr.warnings[-2]
        assert (warning.location.segment_index, warning.location.tag,
                warning.location.element) == (17, "SSR", 2)
        (check_in,) = pnr.travellers[0].check_in  # TRI 188 unknown, found by its TIF
        assert (check_in.traveller_reference, check_in.seat) == ("188", "12A")

    def test_stray_text_before_src(self, quirks: PnrgovMessage) -> None:
        second = quirks.pnrs[1]
        assert second.record_locator == "8D890B"
        assert codes(second) == ["EDI-SEGMENT-TAG-INVALID", "PNR-TAG-RECOVERED"]
        assert second.travellers[0].contacts[0].value == "ASTRID_L@EXAMPLE.ORG"

    def test_strict_raises_at_the_first_error(self) -> None:
        with pytest.raises(DefectError) as caught:
            paxdata.parse(sample("pnrgov_quirks.edi"), policy=STRICT)
        assert caught.value.code == "EDI-SEGMENT-TAG-INVALID"  # the stray text, first
        with pytest.raises(DefectError) as caught:
            paxdata.parse(wrap("SRC", "RCI+XX:AAA111", eqn="EQN+2"), policy=STRICT)
        assert caught.value.code == "PNR-COUNT-MISMATCH"
        assert (caught.value.location.tag, caught.value.location.element) == ("EQN", 1)

    def test_cancelled_pnr_in_update_push(self) -> None:
        update = only_message(sample("pnrgov_update_push.edi"))
        assert update.push_type is PushType.UPDATE
        cancelled = update.pnrs[1]
        assert cancelled.cancelled and cancelled.originator is not None
        assert cancelled.originator.empty
        assert codes(cancelled) == ["PNR-CANCELLED"]
        assert not update.pnrs[0].cancelled

    def test_missing_level0_and_rci(self) -> None:
        text = ("UNB+IATA:1+XX+GOV+250315:0930+1'UNH+1+PNRGOV:13:1:IA+X'SRC'"
                "TIF+DOE+JANE:A:1'UNT+4+1'UNZ+1+1'")
        message = only_message(text)
        assert codes(message) == ["PNR-SEGMENT-MISSING"] * 3
        (pnr,) = message.pnrs
        assert pnr.record_locator is None
        assert codes(pnr) == ["PNR-SEGMENT-MISSING"]
        assert pnr.travellers[0].surname == "DOE"

    def test_unexpected_segment_kept_raw(self) -> None:
        message = only_message(wrap("SRC", "RCI+XX:AAA111", "TIF+DOE+JANE:A:1", "NAD+FL+++X",
                                    "TKT+123:T"))
        traveller = message.pnrs[0].travellers[0]
        assert [s.tag for s in traveller.unrecognised_segments] == ["NAD"]
        assert codes(message.pnrs[0]) == ["PNR-SEGMENT-UNEXPECTED"]
        assert traveller.tickets[0].number == "123"

    def test_duplicate_traveller_reference(self) -> None:
        message = only_message(wrap("SRC", "RCI+XX:AAA111", "TIF+DOE+JANE:A:1",
                                    "TIF+DOE+JOHN:A:1"))
        assert codes(message.pnrs[0]) == ["PNR-REFERENCE-DUPLICATE"]
        assert len(message.pnrs[0].travellers) == 2

    def test_traveller_after_the_itinerary_is_still_a_traveller(self) -> None:
        message = only_message(wrap("SRC", "RCI+XX:AAA111", "TIF+DOE+JANE:A:1",
                                    "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101:Y",
                                    "TIF+DOE+JOHN:A:2", "SSR+DOCS:HK:1:XX:::::/P/GBR/9/GBR/"
                                    "01JAN80/M/01JAN30/DOE/JOHN"))
        pnr = message.pnrs[0]
        assert [t.given_names for t in pnr.travellers] == [("JANE",), ("JOHN",)]
        assert pnr.travellers[1].date_of_birth == date(1980, 1, 1)
        assert codes(pnr) == ["PNR-SEGMENT-ORDER"]
        assert (pnr.warnings[0].location.tag, pnr.warnings[0].location.segment_index) == (
            "TIF", 10)

    def test_group_booking_without_names(self) -> None:
        message = only_message(wrap("SRC", "RCI+XX:AAA111", "TIF+SEETHE WORLD:G"))
        (group,) = message.pnrs[0].travellers
        assert (group.surname, group.passenger_type, group.given_names) == (
            "SEETHE WORLD", "G", ())

    def test_version_not_seen_is_read(self) -> None:
        message = only_message(wrap("SRC", "RCI+XX:AAA111", version="99:1"))
        assert codes(message) == ["PNR-VERSION-UNKNOWN"]
        assert message.pnrs[0].record_locator == "AAA111"


class TestErrorIsolation:
    def test_a_failing_pnr_is_isolated(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original = _reader.PnrgovBuilder._ref

        def failing(self: _reader.PnrgovBuilder, els: object) -> None:
            if self._raw[1] == (("", "BOOM"),):
                raise RuntimeError("simulated reader bug")
            original(self, els)  # type: ignore[arg-type]

        monkeypatch.setattr(_reader.PnrgovBuilder, "_ref", failing)
        text = wrap("SRC", "RCI+XX:AAA111", "TIF+ONE+ANN:A:1", "REF+:OK1",
                    "SRC", "RCI+XX:BBB222", "TIF+TWO+BEN:A:1", "REF+:BOOM", "FAR+A",
                    "SRC", "RCI+XX:CCC333", "TIF+THREE+CAL:A:1", eqn="EQN+3")
        result = paxdata.parse(text, name="iso.edi")
        (message,) = result.messages
        assert isinstance(message, PnrgovMessage)
        assert [p.record_locator for p in message.pnrs] == ["AAA111", "CCC333"]
        (bad,) = message.unreadable_pnrs
        assert bad.record_locator == "BBB222"
        assert [s.tag for s in bad.segments] == ["SRC", "RCI", "TIF", "REF", "FAR"]
        (error,) = result.errors
        assert error.code == "PNR-UNREADABLE"
        assert (error.location.tag, error.location.segment_index) == ("REF", 13)
        assert "BBB222" in error.message and "simulated reader bug" in error.message
        assert codes(message) == []  # EQN 3 = 2 read + 1 unreadable
        with pytest.raises(DefectError):
            paxdata.parse(text, policy=STRICT)


def test_fast_constructor_builds_what_the_class_builds() -> None:
    for cls in (Traveller, Ssr, ItinerarySegment, CheckIn, Pnr, TravelDocument, Defect,
                Location):
        fields = attrs.fields(cls)
        values = [f"v{i}" for i in range(len(fields))]
        made = fast_constructor(cls)(*values)
        assert made == cls(*values)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.segment_index = 1  # type: ignore[misc]
