"""The reference corpus in ../shared: every PNRGOV file parses, every PNR and traveller
is found (counted independently of paxdata), and the IATA guide examples give exact
records."""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import paxdata
from paxdata.paxlst import FlightLeg, TravelDocument
from paxdata.pnrgov import BagTag, Originator, PnrgovMessage, PushType, RecordLocator
from support import CORPUS, corpus_files, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]

PNRGOV = corpus_files("pnrgov_edi")


def _separators(text: str) -> tuple[str, str]:
    """(element separator, segment terminator) from the UNA, else the defaults."""
    una = re.search(r"UNA(.)(.)(.)(.)(.)(.)", text)
    if una is None or text[:una.start()].strip():
        return "+", "'"
    return una.group(2), una.group(6)


def segment_tags(raw: bytes) -> list[str]:
    """The tags of the segments in ``raw``, found with regular expressions, not paxdata:
    a tag is three capitals at the start of the text, after a segment terminator (the
    UNA's, ``'`` or a typographic ``’``) or at the start of a line, followed by an element
    separator or a terminator. A ``TIF`` glued to a digit (a terminator lost in the guide
    example on page 75: ``...+9TIF+KIM...``) counts as a tag too."""
    text = raw.decode("latin-1")
    element, terminator = _separators(text)
    ends = re.escape(terminator + "'’")
    follow = re.escape(element + terminator + "'’")
    pattern = (rf"(?:^|(?<=[{ends}\n]))[ \t]*([A-Z]{{3}})(?=[{follow}]|\r?$)"
               rf"|(?<=[0-9])(TIF)(?={re.escape(element)})")
    return [m.group(1) or m.group(2) for m in re.finditer(pattern, text, re.MULTILINE)]


def independent_counts(raw: bytes) -> tuple[int, int]:
    """(PNRs, Gr.2 travellers): SRC segments, and TIF segments that are not the Gr.7
    TIF after a TRI or the Gr.11 TIF after a SAC."""
    tags = segment_tags(raw)
    pnrs = tags.count("SRC")
    travellers = sum(1 for i, tag in enumerate(tags)
                     if tag == "TIF" and (i == 0 or tags[i - 1] not in ("TRI", "SAC")))
    return pnrs, travellers


@functools.cache
def messages_of(path: Path) -> tuple[paxdata.ParseResult, list[PnrgovMessage]]:
    result = paxdata.parse(path.read_bytes(), name=path.name)
    return result, [m for m in result.messages if isinstance(m, PnrgovMessage)]


def test_corpus_is_there() -> None:
    assert len(PNRGOV) >= 84
    assert sum(1 for p in PNRGOV if "SyntheticPNR" in p.name) == 40


@pytest.mark.parametrize("path", PNRGOV, ids=lambda p: p.name)
def test_every_pnr_and_traveller_is_read(path: Path) -> None:
    raw = path.read_bytes()
    result, messages = messages_of(path)
    assert result.errors == ()
    assert len(messages) == len(result.messages) == 1
    all_warnings = [w for m in messages for w in m.warnings] + \
        [w for m in messages for p in m.pnrs for w in p.warnings]
    assert "MSG-INTERNAL" not in {w.code for w in all_warnings}
    pnrs = sum(len(m.pnrs) + len(m.unreadable_pnrs) for m in messages)
    travellers = sum(len(m.travellers) for m in messages)
    assert (pnrs, travellers) == independent_counts(raw)
    assert all(not m.unreadable_pnrs for m in messages)


def test_corpus_totals() -> None:
    pnrs = travellers = expected_pnrs = expected_travellers = 0
    for path in PNRGOV:
        _, messages = messages_of(path)
        pnrs += sum(len(m.pnrs) for m in messages)
        travellers += sum(len(m.travellers) for m in messages)
        counted = independent_counts(path.read_bytes())
        expected_pnrs += counted[0]
        expected_travellers += counted[1]
    assert (pnrs, travellers) == (expected_pnrs, expected_travellers)
    assert pnrs > 11000 and travellers > 12000  # the 40 full-flight pushes are all there


def _guide(name: str) -> PnrgovMessage:
    _, (message,) = messages_of(CORPUS / "pnrgov_edi" / f"GTAS__pnr-messages__{name}.txt")
    return message


def test_guide_example_page_75() -> None:
    message = _guide("pnrMessagePg75")
    assert (message.version, message.push_type, message.declared_pnr_count,
            message.common_access_reference) == ("11:1", PushType.FULL, 2,
                                                 "270513/0754/SQ/609")
    assert message.sender == Originator(system="1A", location="MUC")
    assert message.flight == FlightLeg(
        "SQ", "609", "SQ609", "ICN", "SIN", datetime(2013, 5, 27, 16, 40),
        datetime(2013, 5, 27, 22, 0), segment_index=4)
    first, second = message.pnrs
    assert (first.booking_system, first.record_locator) == ("1A", "2LS6KP")
    assert first.record_locators == (
        RecordLocator("1A", "2LS6KP", None, datetime(2013, 5, 20, 4, 39, tzinfo=UTC), 7),
        RecordLocator("KE", "EDP2RW", None, None, 7))
    assert first.last_modified_at == datetime(2013, 5, 27, 7, 18, tzinfo=UTC)
    assert first.originator == Originator(
        system="1A", location="MUC", agent_office="HDQKE2400", agent_location="NBE",
        company="KE", company_location="NBE", originator_type="A", country="KR",
        agent_id="GNPD", additional_elements=("003956", "94"))
    (park,) = first.travellers
    assert (park.surname, park.name_qualifier, park.given_names, park.title,
            park.traveller_reference, park.gender, park.date_of_birth, park.nationality) == (
        "PARK", "I", ("SEJOON",), "MR", "1", "M", date(1972, 9, 10), "KR")
    assert park.documents == (TravelDocument("P", "JR3364288", "KR", None, date(2016, 7, 5),
                                             None, (), 14),)
    assert [(f.carrier, f.number, f.tier) for f in park.frequent_flyer] == [
        ("SQ", "314655277", "G")]
    assert park.unique_passenger_reference == "001435199A918A76"
    assert [(s.code, s.flight) for s in park.ssrs] == [
        ("DOCS", None), ("NSSA", "KE609"), ("CKIN", "KE609"), ("DOCS", "KE609")]
    (segment,) = first.itinerary
    assert (segment.carrier, segment.flight_number, segment.booking_class,
            segment.operating_carrier, segment.operating_flight_number,
            segment.operating_booking_class, segment.status, segment.party_size,
            segment.aircraft_type) == ("KE", "609", "B", "SQ", "303", "Y", "HK", 1, "333")
    (check_in,) = park.check_in
    assert (check_in.boarding_number, check_in.seat, check_in.cabin,
            check_in.checked_in_at, check_in.agent) == (
        "ICN-188", "039G", "Y", None, Originator(system="SQ", originator_type="A"))
    assert check_in.bags is not None
    assert (check_in.bags.count, check_in.bags.weight, check_in.bags.weight_unit,
            check_in.bags.pool) == (2, 34.0, "KGM", "MP")
    assert check_in.bags.tags == (
        BagTag("618", "1026000001", 2, "MPM", ("1026000001", "1026000002")),
        BagTag("618", "1026000002", 3, "MPM", ("1026000002", "1026000003", "1026000004")))
    assert len(first.history_lines) == 5
    assert first.history_lines[0] == "0/O/NM/PARK/SEJOONMR"
    assert [w.code for w in first.warnings] == ["PNR-SSR-FORMAT"]  # alpha-2 KR in DOCS
    # PNR 2: its ORG lost its terminator before the TIF (+9TIF+): split and read
    assert (second.booking_system, second.record_locator) == ("1A", "X49V9U")
    assert second.originator is not None
    assert second.originator.additional_elements == ("CFDEA9", "9")
    (kim,) = second.travellers
    assert (kim.surname, kim.given_names, kim.title, kim.passenger_type,
            kim.traveller_reference, kim.date_of_birth, kim.nationality) == (
        "KIM", ("KONG CHUN",), "MRS", "A", "3", date(1957, 2, 15), "KOR")
    assert [(s.number, s.source, s.cabin) for s in kim.seats] == [
        ("14A", "SSR RQST", None), ("014A", "SSD", "J")]
    assert (second.itinerary[0].operating_flight_number, kim.check_in[0].boarding_number) == (
        "752", "ICN-229")
    assert [t.number for t in kim.bags[0].tags] == ["0000290138", "0000290139"]
    assert [w.code for w in second.warnings] == ["PNR-SEGMENT-RUN-ON"]
    assert [w.code for w in message.warnings] == ["EDI-UNT-COUNT"]


def test_guide_example_page_76() -> None:
    message = _guide("pnrMessagePg76")
    assert message.common_access_reference == "AUTZ000623052013221001SIN20130528"
    assert message.sender == Originator(system="TZ", location="MSP", company="TZ",
                                        company_location="SYS", agent_id="HOLMESS")
    assert message.flight is not None
    assert (message.flight.flight_designator, message.flight.scheduled_departure,
            message.flight.scheduled_arrival) == (
        "TZ0006", datetime(2013, 5, 28, 22, 25), datetime(2013, 5, 29, 7, 50))
    (pnr,) = message.pnrs
    assert (pnr.record_locator, pnr.created_at, pnr.last_modified_at) == (
        "35K2IO", datetime(2013, 2, 15, 1, 49, tzinfo=UTC),
        datetime(2013, 5, 27, 13, 54, tzinfo=UTC))
    doron, lendrot = pnr.travellers
    assert (doron.surname, doron.given_names, doron.title, doron.traveller_reference,
            doron.gender, doron.date_of_birth, doron.nationality, doron.documents) == (
        "DORON", ("NINA",), "MS", "2", "F", date(1953, 2, 5), None, ())
    (ticket,) = doron.tickets
    assert (ticket.number, ticket.document_type, ticket.booklets, ticket.issued_at) == (
        "3204694511", "T", 4, date(2013, 2, 14))  # DAT 710 without a time: the date alone
    assert (lendrot.traveller_reference, lendrot.date_of_birth,
            lendrot.tickets[0].issued_at) == ("1", date(1952, 2, 14), date(2013, 2, 17))
    (segment,) = pnr.itinerary
    assert (segment.carrier, segment.flight_number, segment.booking_class,
            segment.departure_airport, segment.arrival_airport, segment.scheduled_departure,
            segment.status, segment.party_size) == (
        "LH", "474", "W", "MUC", "YUL", datetime(2013, 5, 27, 15, 50), "HK", 2)
    assert pnr.warnings == ()


def test_guide_example_page_77() -> None:
    message = _guide("pnrMessagePg77")
    (pnr,) = message.pnrs
    assert (pnr.record_locator, pnr.created_at) == (
        "W9TEND", datetime(2013, 5, 23, 18, 13, 48, tzinfo=UTC))  # RCI time HHMMSS
    assert (pnr.last_modified_at, pnr.ticket_issued_at) == (
        datetime(2013, 5, 23, 21, 25, tzinfo=UTC), datetime(2013, 5, 23, 21, 24, tzinfo=UTC))
    assert pnr.originator == Originator(system="TZ", location="SYS", currency="SGD")
    assert (pnr.addresses[0].street, pnr.addresses[0].city, pnr.addresses[0].country,
            pnr.addresses[0].postal_code) == ("123 ANY STREET", "LAKE TOWN", "US", "55123")
    (kevin,) = pnr.travellers
    assert (kevin.surname, kevin.given_names, kevin.title, kevin.traveller_reference,
            kevin.unique_passenger_reference) == (
        "VANDENBERG", ("KEVINMICHAEL",), "MR", "43576", "43576")
    assert kevin.documents[0].number == "548721687"
    assert (kevin.date_of_birth, kevin.nationality) == (date(1980, 7, 4), "USA")
    (ticket,) = kevin.tickets
    assert [(a.type, a.amount, a.currency) for a in ticket.amounts] == [
        ("B", "999.00", "SGD"), ("T", "1999.99", "SGD")]
    assert [t.code for t in ticket.taxes] == ["BK", "OO", "SG", "WY", "OP", "AU", "WG", "WY"]
    assert (kevin.payments[0].type, kevin.payments[0].amount) == ("CA", "1999.99")
    assert [(s.flight_number, s.departure_airport) for s in pnr.itinerary] == [
        ("0006", "SIN"), ("0005", "OOL")]
    assert [(h.changed_at, [a.action for a in h.actions]) for h in pnr.history] == [
        (datetime(2013, 5, 23, 18, 13, tzinfo=UTC), ["X"]),
        (datetime(2013, 5, 23, 18, 29, tzinfo=UTC), ["X", "X"]),
        (datetime(2013, 5, 23, 21, 24, tzinfo=UTC), ["A", "A", "A"])]
    last = pnr.history[-1].actions[-1]
    assert last.itinerary[0].scheduled_departure == date(2013, 5, 31)  # no time: date
    # RPI+1+HKIFT+4:19+... lost a terminator: the IFT is read as the action's remark
    assert last.remarks[-1].lines == ("GN FROM NONE TO ACME TEAM PARTY",)
    assert [w.code for w in pnr.warnings] == ["PNR-QUALIFIER-UNKNOWN", "PNR-SEGMENT-RUN-ON"]


def test_guide_appendix_b_example_infant() -> None:
    _, (message,) = messages_of(CORPUS / "pnrgov_edi"
                                / "jetway__pnrgov_test_guideExample1_with_UNT_UNZ.edi")
    (pnr,) = message.pnrs
    isabelle, sophy = pnr.travellers
    assert (isabelle.accompanied_by_infant, sophy.passenger_type) == (True, "IN")
    assert [d.number for d in isabelle.documents] == ["509229987"]
    assert [d.number for d in sophy.documents] == ["512731999"]
    assert (sophy.gender, sophy.date_of_birth) == ("FI", date(2012, 9, 20))
    assert [c.boarding_number for c in sophy.check_in] == ["SIN-169"]
    # TBD ...+618:0123456787:722356:ICN: a run of 722,356 tags is not expanded
    assert [w.code for w in pnr.warnings] == ["PNR-VALUE-INVALID"]
    assert isabelle.bags[0].tags[-1].numbers == ("0123456787",)


def test_split_pnr_and_codeshare_corpus() -> None:
    _, (split,) = messages_of(CORPUS / "pnrgov_edi" / "GTAS__pnr-messages__pnr_split.edi")
    assert [r.locator for s in split.pnrs[1].split_pnrs for r in s.record_locators] == [
        "ZLMXXX"]
    assert [t.traveller_reference for t in split.pnrs[0].travellers] == ["1.1", "2.1"]
    _, (codeshare,) = messages_of(
        CORPUS / "pnrgov_edi" / "GTAS__pnr-messages__modifyPnr77ForCodeShare.txt")
    segments = codeshare.pnrs[0].itinerary
    assert [(s.carrier, s.flight_number, s.operating_carrier, s.operating_flight_number)
            for s in segments[:2]] == [("SQ", "5678", "SK", "1524"), ("DL", "8976", "KL", "972")]


def test_cancelled_pnrs_in_the_corpus_are_flagged() -> None:
    found = 0
    for path in PNRGOV:
        raw = path.read_bytes().decode("latin-1")
        empty_orgs = len(re.findall(r"(?:^|['\n])\s*ORG[+:]*'", raw, re.MULTILINE))
        _, messages = messages_of(path)
        assert sum(p.cancelled for m in messages for p in m.pnrs) == empty_orgs
        found += empty_orgs
    assert found == 46  # all in bigbigPnr.txt, as ORG+:+:++++:+ (no data)


def test_stray_text_before_src_in_a_synthetic_push() -> None:
    path = next(p for p in PNRGOV if p.name.startswith("GTAS__SyntheticPNR__33_"))
    _, (message,) = messages_of(path)
    assert len(message.pnrs) == 263
    codes = [w.code for w in message.warnings]
    assert "PNR-COUNT-MISMATCH" in codes  # EQN says 264
    recovered = [p for p in message.pnrs if "PNR-TAG-RECOVERED" in
                 [w.code for w in p.warnings]]
    assert [p.record_locator for p in recovered] == ["K2TFB"]
