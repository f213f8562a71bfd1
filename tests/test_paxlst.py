"""PAXLST typed records: real values from the synthetic samples and per-segment quirks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import paxdata
from paxdata import STRICT, DefectError
from paxdata.paxlst import (
    Address,
    Communication,
    ListType,
    PassengerList,
    Place,
    Reference,
    TravellerRole,
    expand_bag_tags,
    split_flight_designator,
)
from support import sample


def only_list(data: bytes | str, **kw: object) -> PassengerList:
    result = paxdata.parse(data, **kw)  # type: ignore[arg-type]
    assert len(result.passenger_lists) == 1
    return result.passenger_lists[0]


def wrap(*segments: str, bgm: str = "BGM+745", unh_tail: str = "") -> str:
    """A minimal valid interchange around body segments (UNB dated 2025-03-10)."""
    body = [bgm, "TDT+20+XX101+++XX", "LOC+125+LHR", "DTM+189:2503101600:201",
            "LOC+87+JFK", "DTM+232:2503101900:201", *segments]
    count = len(body) + 2
    return ("UNB+UNOA:4+XXAIR+GOV+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA" + unh_tail + "'"
            + "".join(s + "'" for s in body) + f"UNT+{count}+1'UNZ+1+1'")


def warning_codes(items: object) -> list[str]:
    return [w.code for w in items.warnings]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def plist() -> PassengerList:
    return only_list(sample("paxlst_passenger_list.edi"), name="paxlst_passenger_list.edi")


class TestPassengerListSample:
    def test_header(self, plist: PassengerList) -> None:
        assert plist.message_reference == "M0001"
        assert plist.version == "D:05B"
        assert plist.list_type is ListType.PASSENGER
        assert plist.document_name_code == "745"
        assert plist.transaction_reference == "XX0101250310001"
        assert plist.transaction_revision == "1"
        assert plist.common_access_reference == "XX0101/250310/1600"
        assert plist.part_number == 1
        assert plist.is_first_part and plist.is_last_part
        assert plist.declared_total == 187
        assert plist.message_date == date(2025, 3, 10)
        assert plist.warnings == ()

    def test_envelope(self, plist: PassengerList) -> None:
        env = plist.envelope
        assert env.input_name == "paxlst_passenger_list.edi"
        assert env.interchange_reference == "000000123"
        assert env.sender == "XXAIRLINE"
        assert env.recipient == "GOVAPI"
        assert env.prepared_at == datetime(2025, 3, 10, 14, 5)
        assert env.group_reference == "G000123"
        assert env.application_reference == "APIS"

    def test_reporting_party(self, plist: PassengerList) -> None:
        party = plist.reporting_party
        assert party is not None
        assert party.name == "API DESK XX AIRLINES"
        assert party.communications == (
            Communication("44 20 7946 0000", "TE"),
            Communication("API.DESK.AT.EXAMPLE.COM", "EM"))

    def test_flight_leg(self, plist: PassengerList) -> None:
        (leg,) = plist.flight_legs
        assert (leg.carrier, leg.flight_number, leg.flight_designator) == ("XX", "101", "XX101")
        assert (leg.departure_airport, leg.arrival_airport) == ("LHR", "JFK")
        assert leg.scheduled_departure == datetime(2025, 3, 10, 16, 0)
        assert leg.scheduled_arrival == datetime(2025, 3, 10, 19, 0)
        assert (leg.departure_location_function, leg.arrival_location_function) == ("125", "87")

    def test_first_passenger(self, plist: PassengerList) -> None:
        jane = plist.travellers[0]
        assert jane.role is TravellerRole.PASSENGER
        assert (jane.surname, jane.given_names) == ("DOE", ("JANE", "MARIE"))
        assert jane.gender == "F"
        assert jane.date_of_birth == date(1985, 4, 12)
        assert jane.address == Address("1 MAIN STREET", "LONDON", None, "SW1A 1AA", "GBR")
        assert jane.place_of_birth == Place(None, "LONDON GBR")
        assert (jane.clearance_airport, jane.country_of_residence) == ("JFK", "GBR")
        assert (jane.port_of_embarkation, jane.port_of_disembarkation) == ("LHR", "JFK")
        assert jane.nationality == "GBR"
        assert (jane.checked_bag_count, jane.checked_bag_weight, jane.bag_weight_unit) == (2, 37.0, "KGM")
        assert jane.bag_tags == ("XX123456", "XX123457")
        assert jane.data_verified is True
        assert jane.communications == (Communication("44 7700 900123", "TE"),)
        assert (jane.reservation_number, jane.unique_passenger_reference, jane.seat) == (
            "ABC123", "XX0101001", "23A")
        (passport,) = jane.documents
        assert (passport.type, passport.number, passport.issuing_country) == ("P", "123456789", "GBR")
        assert passport.expiry_date == date(2030, 1, 1)
        assert jane.warnings == ()
        assert jane.segment_index == 11  # UNH=1 BGM RFF NAD COM TDT LOC DTM LOC DTM NAD

    def test_release_character_in_surname(self, plist: PassengerList) -> None:
        assert plist.travellers[1].surname == "O'BRIEN"
        assert plist.travellers[1].given_names == ("PATRICK",)
        assert plist.travellers[1].date_of_birth == date(1979, 1, 1)

    def test_in_transit_passenger_with_passport_and_visa(self, plist: PassengerList) -> None:
        ana = plist.travellers[2]
        assert ana.role is TravellerRole.IN_TRANSIT_PASSENGER
        assert ana.party_function == "DDU"
        assert ana.given_names == ("ANA LUCIA",)
        assert ana.date_of_birth == date(2002, 6, 15)
        assert [(d.type, d.number, d.issuing_country) for d in ana.documents] == [
            ("P", "FX998877", "BRA"), ("V", "US1234567", "USA")]
        visa = ana.documents[1]
        assert (visa.expiry_date, visa.issue_date) == (date(2026, 1, 1), date(2016, 1, 2))


def test_crew_list_sample() -> None:
    crew = only_list(sample("paxlst_crew_list.edi"))
    assert crew.list_type is ListType.CREW
    assert crew.document_identifier == "C"
    assert crew.declared_total == 3
    assert [t.role for t in crew.travellers] == [
        TravellerRole.CREW, TravellerRole.CREW, TravellerRole.IN_TRANSIT_CREW]
    assert [t.crew_category for t in crew.travellers] == ["CR1", "CR2", "CR5"]
    pilot = crew.travellers[0]
    assert pilot.place_of_birth == Place(None, "KRAKOW POL")
    assert [d.type for d in pilot.documents] == ["P", "AC"]
    assert crew.crew == crew.travellers and crew.passengers == ()
    assert crew.warnings == ()


def test_progressive_flight_sample() -> None:
    plist = only_list(sample("paxlst_progressive_flight.edi"))
    assert plist.version == "D:12B"
    assert [(leg.departure_airport, leg.arrival_airport) for leg in plist.flight_legs] == [
        ("BCN", "IAD"), ("IAD", "SFO")]
    assert plist.flight_legs[1].scheduled_departure == datetime(2025, 4, 15, 16, 30)
    assert [d.type for t in plist.travellers for d in t.documents] == ["P", "I"]


def test_progressive_flight_in_one_tdt() -> None:
    plist = only_list(wrap().replace(
        "LOC+87+JFK'DTM+232:2503101900:201'",
        "LOC+92+JFK'DTM+232:2503101900:201'DTM+189:2503102030:201'LOC+87+YYZ'"
        "DTM+232:2503102200:201'").replace("UNT+8+1", "UNT+11+1"))
    assert [(leg.departure_airport, leg.arrival_airport) for leg in plist.flight_legs] == [
        ("LHR", "JFK"), ("JFK", "YYZ")]
    assert plist.flight_legs[1].scheduled_departure == datetime(2025, 3, 10, 20, 30)


def test_final_destination_after_first_arrival() -> None:
    plist = only_list(wrap("LOC+130+ORD", "NAD+FL+++A"))
    assert plist.flight_legs[0].final_destination == "ORD"


class TestSegmentQuirks:
    def test_carrier_derived_from_designator(self) -> None:
        plist = only_list(wrap().replace("TDT+20+XX101+++XX", "TDT+20+TN0506"))
        assert (plist.flight_legs[0].carrier, plist.flight_legs[0].flight_number) == ("TN", "0506")

    def test_split_flight_designator(self) -> None:
        assert split_flight_designator("ZZ123") == ("ZZ", "123")
        assert split_flight_designator("U21234") == ("U2", "1234")
        assert split_flight_designator("BAW9") == ("BAW", "9")
        assert split_flight_designator("ccxxMCL") == (None, "CCXXMCL")

    def test_bag_count_in_first_component(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "MEA+CT++4"))
        assert plist.travellers[0].checked_bag_count == 4

    def test_bag_tag_runs(self) -> None:
        assert expand_bag_tags("ZZ012345", 3) == ["ZZ012345", "ZZ012346", "ZZ012347"]
        assert expand_bag_tags("0125123456", 2) == ["0125123456", "0125123457"]
        assert expand_bag_tags("2660009", 2) == ["2660009", "2660010"]
        plist = only_list(wrap("NAD+FL+++A", "FTX+BAG+++2660009:2", "FTX+BAG+++2660011"))
        assert plist.travellers[0].bag_tags == ("2660009", "2660010", "2660011")

    def test_bag_tag_run_limit(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "FTX+BAG+++XX000001:999999999"))
        traveller = plist.travellers[0]
        assert traveller.bag_tags == ("XX000001",)
        assert warning_codes(traveller) == ["PAX-BAG-TAGS-LIMIT"]

    def test_date_of_birth_century_never_after_the_message_date(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "DTM+329:250310", "NAD+FL+++B", "DTM+329:250311"))
        assert [t.date_of_birth for t in plist.travellers] == [date(2025, 3, 10), date(1925, 3, 11)]

    def test_expiry_century_nearest_the_message_date(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "DOC+P+1", "DTM+36:750101", "DTM+182:760101"))
        document = plist.travellers[0].documents[0]
        assert document.expiry_date == date(2075, 1, 1)
        assert document.issue_date == date(1976, 1, 1)

    def test_invalid_date_is_kept_out_with_a_located_warning(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "DTM+329:$(yymmdd)"))
        traveller = plist.travellers[0]
        assert traveller.date_of_birth is None
        (warning,) = traveller.warnings
        assert warning.code == "PAX-DATE-INVALID"
        assert (warning.location.tag, warning.location.element, warning.location.component) == (
            "DTM", 1, 2)
        assert warning.location.segment_index == 9

    def test_empty_document_type(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "DOC++448763368"))
        assert plist.travellers[0].documents[0].type is None
        assert plist.travellers[0].documents[0].number == "448763368"

    def test_document_issued_by_a_named_place(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "DOC+P+1", "LOC+91+GBR:::LONDON"))
        document = plist.travellers[0].documents[0]
        assert (document.issuing_country, document.issuing_place) == ("GBR", "LONDON")

    def test_references_kept_including_national_ones(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "RFF+AVF:MWZRDQ", "RFF+YZY:7842836432717C2",
                               "RFF+CR:FF123", "RFF+AEA:REDRESS1", "RFF+ZZZ:X"))
        traveller = plist.travellers[0]
        assert traveller.ticket_number == "7842836432717C2"
        assert traveller.frequent_flyer_number == "FF123"
        assert traveller.government_reference == "REDRESS1"
        assert traveller.references[-1] == Reference("ZZZ", "X")
        assert warning_codes(traveller) == ["PAX-QUALIFIER-UNKNOWN"]

    def test_unknown_segment_stays_on_its_traveller(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "XYZ+1+2", "NAD+FL+++B"))
        first, second = plist.travellers
        assert [s.tag for s in first.unrecognised_segments] == ["XYZ"]
        assert first.unrecognised_segments[0].elements == (("1",), ("2",))
        assert warning_codes(first) == ["PAX-SEGMENT-UNEXPECTED"]
        assert second.unrecognised_segments == ()

    def test_unknown_segment_in_a_document_group_stays_on_the_document(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "DOC+P+1", "QTY+1:2"))
        document = plist.travellers[0].documents[0]
        assert [s.tag for s in document.unrecognised_segments] == ["QTY"]

    def test_unknown_party_is_kept_and_not_a_traveller(self) -> None:
        plist = only_list(wrap("NAD+VW+++DRIVER", "ATT+2++M", "NAD+FL+++A"))
        assert [t.surname for t in plist.travellers] == ["A"]
        assert [s.tag for s in plist.unrecognised_segments] == ["NAD", "ATT"]
        assert "PAX-QUALIFIER-UNKNOWN" in warning_codes(plist)

    def test_lowercase_and_odd_gender_are_kept_as_sent(self) -> None:
        plist = only_list(wrap("NAD+FL+++Steur:Andrea:Pat", "ATT+2++Q"))
        traveller = plist.travellers[0]
        assert (traveller.surname, traveller.given_names) == ("Steur", ("Andrea", "Pat"))
        assert traveller.gender == "Q"
        assert warning_codes(traveller) == ["PAX-VALUE-INVALID"]

    def test_other_list_types_keep_their_codes(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", bgm="BGM+266+CLOB"))
        assert plist.list_type is ListType.OTHER
        assert (plist.document_name_code, plist.document_identifier) == ("266", "CLOB")
        assert warning_codes(plist) == []

    def test_part_numbers(self) -> None:
        middle = only_list(wrap(unh_tail="+CAR1+02"))
        assert (middle.part_number, middle.is_first_part, middle.is_last_part) == (2, False, False)
        first = only_list(wrap(unh_tail="+CAR1+01:C"))
        assert (first.is_first_part, first.is_last_part) == (True, False)
        last = only_list(wrap(unh_tail="+CAR1+3:F"))
        assert (last.part_number, last.is_first_part, last.is_last_part) == (3, False, True)

    def test_control_total_is_the_flight_total(self) -> None:
        plist = only_list(wrap("NAD+FL+++A", "CNT+42:160"))
        assert plist.declared_total == 160
        assert len(plist.travellers) == 1

    def test_strict_policy_raises_on_syntax_errors_in_a_list(self) -> None:
        with pytest.raises(DefectError) as caught:
            paxdata.parse(wrap("NAD+FL+++A").replace("UNT+9+1", "UNT+8+1"), policy=STRICT)
        assert caught.value.code == "EDI-UNT-COUNT"


def test_legacy_us_paxlst_is_reported_unsupported() -> None:
    text = ("UNB+UNOA:1+AA+USCS+020131:2300+1'UNH+1+PAXLST:001:000:NZ+SA812'"
            "UNS+D'PDT+P/182345345:990909:US+MANGUS:SIMON:P:590429:M+PAX'UNT+4+1'UNZ+1+1'")
    result = paxdata.parse(text, name="legacy.edi")
    (error,) = result.errors
    assert isinstance(error, paxdata.UnsupportedMessageError)
    assert "legacy US Customs PAXLST format" in str(error)
    assert error.location.tag == "UNH"
    assert result.messages[0].message_type == "PAXLST"  # kept at the syntax level
    with pytest.raises(paxdata.UnsupportedMessageError):
        paxdata.parse(text, policy=STRICT)


def test_other_message_types_are_returned_at_syntax_level() -> None:
    text = "UNB+UNOA:4+S+R+130527:0649+3'UNH+1+IFTMIN:D:01B:UN+X'BGM+610'UNT+3+1'UNZ+1+3'"
    result = paxdata.parse(text)
    (message,) = result.messages
    assert not isinstance(message, PassengerList)
    assert [s.tag for s in message.segments] == ["UNH", "BGM", "UNT"]
    assert [w.code for w in message.warnings] == ["MSG-NOT-TYPED"]
    assert result.errors == ()


def test_iter_messages_streams() -> None:
    data = sample("paxlst_type_b_envelopes.edi")
    found = list(paxdata.iter_messages(data))
    assert [m.message_reference for m in found if isinstance(m, PassengerList)] == ["TB1", "TB2"]
