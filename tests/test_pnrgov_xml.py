"""PNRGOV XML read into the PNR records: real values from the synthetic samples, the
auto-detection of XML beside EDIFACT, and the deviations real senders make."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest

import paxdata
from paxdata import STRICT, DefectError, Policy
from paxdata.paxlst import TravelDocument
from paxdata.pnrgov import (
    Address,
    Amount,
    BagTag,
    Contact,
    DocaDetails,
    DocoDetails,
    FrequentFlyer,
    Originator,
    PnrgovMessage,
    PushType,
    RecordLocator,
    Tax,
    TicketCoupon,
    latest_pnrs,
    reassemble,
)
from paxdata.pnrgov_xml import _reader, looks_like_xml, read_xml, sniff, write_xml
from support import SAMPLES, sample

NS = 'xmlns="http://www.iata.org/IATA/2007/00"'


def only_message(data: bytes | str | Path, **kw: object) -> PnrgovMessage:
    result = paxdata.parse(data, **kw)  # type: ignore[arg-type]
    (message,) = result.messages
    assert isinstance(message, PnrgovMessage)
    return message


def push(*pnrs: str, root: str = f"<IATA_PNRGOV_NotifRQ {NS} Version=\"13.1\" Function=\"22\">",
         count: int | None = None) -> str:
    """A push around PNR elements (flight XX0101 LHR-JFK on 17 March 2025)."""
    return (root + '<Originator AirlineCode="XX"/><FlightLeg CarrierCode="XX" FlightNumber='
            '"0101" DepartureDateTime="2025-03-17T16:00:00"><DepartureAirport LocationCode='
            '"LHR"/><ArrivalAirport LocationCode="JFK"/></FlightLeg>'
            f'<PNRs NumberOfPnrs="{len(pnrs) if count is None else count}">'
            + "".join(pnrs) + "</PNRs></IATA_PNRGOV_NotifRQ>")


def pnr(body: str, attributes: str = "") -> str:
    return (f"<PNR {attributes}><BookingRefID ID=\"ABC123\"><CompanyName Code=\"XX\"/>"
            f"</BookingRefID><POS><Source AirlineVendorID=\"XX\"/></POS>{body}</PNR>")


def codes(record: object) -> list[str]:
    return [d.code for d in record.warnings]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ the full push sample
@pytest.fixture(scope="module")
def full() -> PnrgovMessage:
    return only_message(SAMPLES / "pnrgov_xml_full_push.xml")


def test_message_level(full: PnrgovMessage) -> None:
    assert (full.message_reference, full.version, full.controlling_agency) == \
        ("XML0001", "13:1", None)
    assert full.push_type is PushType.FULL and full.message_function == "22"
    assert full.sender == Originator(system="XX")
    leg = full.flight
    assert leg is not None
    assert (leg.flight_designator, leg.departure_airport, leg.arrival_airport) == \
        ("XX0101", "LHR", "JFK")
    assert leg.scheduled_departure == datetime(2025, 3, 17, 16, 0)  # local: no offset sent
    assert full.declared_pnr_count == 3 and len(full.pnrs) == 3
    assert full.common_access_reference == "XX0101/170325/1600"
    assert (full.is_first_part, full.is_last_part, full.part_number) == (True, True, None)
    assert full.envelope.prepared_at == datetime(2025, 3, 15, 9, 30, tzinfo=UTC)
    assert full.message_date == date(2025, 3, 15)
    assert [d.code for d in full.warnings] == ["XML-NOT-MAPPED", "XML-NOT-MAPPED"]
    kept = {s.elements[0][0] for s in full.unrecognised_segments}
    assert kept == {'<Originator SystemCode="1X" AirlineContactInfo="PNRGOV DESK 4420 7946 '
                    '0000"/>'}


def test_pnr_key_dates_and_originator(full: PnrgovMessage) -> None:
    first = full.pnrs[0]
    assert first.key == ("1X", "ABC123")
    assert first.record_locators == (
        RecordLocator("1X", "ABC123", None, datetime(2025, 2, 1, 12, 10, tzinfo=UTC)),
        RecordLocator("XX", "QWE456"))
    assert first.last_modified_at == datetime(2025, 3, 15, 8, 15, tzinfo=UTC)
    assert first.ticket_issued_at == datetime(2025, 2, 2, 10, 10, tzinfo=UTC)
    assert [d.qualifier for d in first.dates] == ["700", "710"]
    assert first.originator == Originator(
        system="1X", location="MUC", agency_number="91234567", agent_office="LONXX2100",
        company="XX", originator_type="T", country="GB", currency="GBP", agent_id="AB12CD")
    # the offset sent is kept: 09:30 at +01:00
    second = full.pnrs[1]
    assert second.created_at == datetime(2025, 2, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert second.created_at.utcoffset() == timedelta(hours=1)  # type: ignore[union-attr]
    # a date without its time stays a date
    assert full.pnrs[2].created_at == date(2025, 1, 20)
    assert full.pnrs[2].record_locators[0].control_type == "C"


def test_pnr_contacts_remarks_and_prepaid_bags(full: PnrgovMessage) -> None:
    first = full.pnrs[0]
    assert first.addresses == (Address("700", "1 MAIN STREET", "LONDON", None, None, "GB",
                                       "SW1A1AA", "447700900123"),)
    assert [(r.type, r.lines, r.carrier) for r in first.remarks] == \
        [("28", ("CTCE BOOKINGS..DESK//EXAMPLE.COM",), "XX")]
    channels = {(c.channel, c.value, c.source) for c in first.contacts}
    assert ("phone", "447700900123", "ContactInfo") in channels
    assert ("email", "BOOKINGS_DESK@EXAMPLE.COM", "OSI CTCE") in channels
    assert [(e.currency, e.rate, e.count, e.piece_or_weight) for e in first.excess_baggage] \
        == [("GBP", "50.00", 1, "N")]
    assert first.history_lines == ("0/O/SS/XX 0101 Y 17MAR 3 LHRJFK HK3 1600 1900",
                                   "0/O/NM/QUILLFEATHER/AMELIA MRS")


def test_traveller_names_documents_and_ssrs(full: PnrgovMessage) -> None:
    amelia, oscar, theodore = full.pnrs[0].travellers
    assert (amelia.surname, amelia.given_names, amelia.title, amelia.given_name_as_sent) == \
        ("QUILLFEATHER", ("AMELIA", "ROSE"), "MRS", "AMELIA")
    assert (theodore.given_names, theodore.title) == (("THEODORE",), "MR")
    assert (amelia.traveller_reference, amelia.passenger_type, amelia.accompanied_by_infant,
            amelia.unique_passenger_reference) == ("1", "A", True, "0012AB34CD56EF78")
    assert (amelia.gender, amelia.date_of_birth, amelia.nationality, amelia.place_of_birth) == \
        ("F", date(1985, 4, 12), "GBR", "LONDON GBR")
    assert amelia.documents == (
        TravelDocument("P", "123456789", "GBR", None, date(2030, 1, 1), None),
        TravelDocument("V", "V9876543", None, "LONDON", None, date(2024, 1, 10)))
    # the infant's DOCS sent in the adult's Passenger goes to the infant (FareInfo IN)
    assert oscar.passenger_type == "IN"
    assert (oscar.gender, oscar.date_of_birth) == ("MI", date(2024, 3, 5))
    assert [d.number for d in oscar.documents] == ["555666777"]
    docs = {s.code: s for s in amelia.ssrs}
    assert isinstance(docs["DOCA"].details, DocaDetails)
    assert docs["DOCA"].details.address_type == "destination"
    assert isinstance(docs["DOCO"].details, DocoDetails)
    assert docs["DOCS"].carrier == "XX" and docs["DOCS"].text is None
    assert Address("destination", "350 FIFTH AVENUE", "NEW YORK", "NY", None, "USA",
                   "10118") in amelia.addresses
    # CustLoyalty, and SSR FQTV naming the same account (not repeated)
    assert amelia.frequent_flyer == (FrequentFlyer("XX", "123456789", "GOLD", "CustLoyalty"),)
    assert ("email", "AMELIA_Q@EXAMPLE.COM") in {(c.channel, c.value) for c in amelia.contacts}
    assert Contact("mobile", "447700900123", "447700900123/EN", "SSR CTCM", "EN", "1") in \
        amelia.contacts  # a PNR-level SSR naming the traveller by RPH
    tkne = next(s for s in theodore.ssrs if s.code == "TKNE")
    assert tkne.details == TicketCoupon("1252100000002", 1)
    # a PNR-level DOC_SSR naming the traveller by RPH: its DOCA address
    assert Address("residence", "12 HARBOUR ROAD", "DUBLIN", None, None, "IRL", "D02XY45") \
        in theodore.addresses


def test_tickets_taxes_and_payments(full: PnrgovMessage) -> None:
    amelia = full.pnrs[0].travellers[0]
    (ticket,) = amelia.tickets
    assert (ticket.number, ticket.document_type, ticket.ticketless) == \
        ("1252100000001", "T", False)
    assert ticket.amounts == (Amount("T", "612.30", "GBP"),)
    assert ticket.taxes == (Tax("78.00", "GBP", "GB"), Tax("34.30", "GBP", "UB"))
    assert (ticket.pricing_indicator, ticket.ticketing_at, ticket.issued_at,
            ticket.sales_city) == ("NR", datetime(2025, 2, 2, 10, 10), date(2025, 2, 2), "LON")
    (payment,) = amelia.payments
    assert (payment.type, payment.amount, payment.vendor, payment.account_number,
            payment.expiry, payment.ticket_number) == \
        ("CC", "612.30", "VI", "XXXXXXXXXXXX1234", "0827", "1252100000001")
    assert payment.sponsor == ("AMELIA QUILLFEATHER", "1 MAIN STREET LONDON")


def test_itinerary_codeshare_and_check_in(full: PnrgovMessage) -> None:
    outbound, inbound = full.pnrs[0].itinerary
    assert (outbound.carrier, outbound.flight_number, outbound.booking_class, outbound.status,
            outbound.party_size, outbound.aircraft_type) == ("XX", "0101", "Y", "HK", 3, "789")
    assert outbound.record_locators == (RecordLocator("XX", "QWE456"),)
    assert [r.lines for r in outbound.remarks] == [("WCHR AT GATE FOR 1A",)]
    assert (inbound.carrier, inbound.operating_carrier, inbound.operating_flight_number,
            inbound.operating_booking_class) == ("YY", "XX", "0102", "Y")
    assert inbound.scheduled_arrival == datetime(2025, 3, 21, 8, 15)
    amelia, _, theodore = full.pnrs[0].travellers
    (checkin,) = amelia.check_in
    assert (checkin.flight, checkin.departure_airport, checkin.checked_in_at,
            checkin.boarding_number, checkin.seat, checkin.cabin) == \
        ("XX0101", "LHR", datetime(2025, 3, 17, 13, 10, tzinfo=UTC), "LHR042", "23A", "Y")
    assert checkin.agent == Originator(agent_id="LHR0042")
    bags = checkin.bags
    assert bags is not None
    assert (bags.count, bags.weight, bags.weight_unit, bags.pool) == (2, 32.0, "KGM", "HP")
    assert bags.tags == (BagTag("XX", "0125123456", 2, "JFK", ("0125123456", "0125123457")),)
    assert [(s.number, s.source) for s in amelia.seats] == \
        [("23A", "SSR SEAT"), ("23A", "CheckInInfo")]
    assert {s.code for s in theodore.ssrs} >= {"SEAT", "VGML", "TKNE", "DOCS", "DOCA"}
    assert [s.flight for s in theodore.ssrs if s.code == "VGML"] == ["XX0101"]


def test_check_in_found_by_name_and_docs_by_name(full: PnrgovMessage) -> None:
    lucien, marguerite = full.pnrs[2].travellers
    assert [c.seat for c in lucien.check_in] == ["31C"]  # no RPH: found by the name
    assert marguerite.check_in == ()
    assert [d.number for d in marguerite.documents] == ["17FV33442"]  # PNR DOCS by name
    assert lucien.documents == ()


def test_split_non_air_and_history(full: PnrgovMessage) -> None:
    second = full.pnrs[1]
    assert [(s.count, s.record_locators) for s in second.split_pnrs] == \
        [(1, (RecordLocator("XX", "RTY790"),))]
    (nonair,) = second.non_air_segments
    (product,) = nonair.products
    assert (product.start, product.end, product.locations, product.provider) == \
        (date(2025, 3, 17), date(2025, 3, 20), ("JFK",), "ZH")
    assert product.segment is not None and 'HotelName="GRAND AVENUE HOTEL"' in \
        product.segment.elements[0][0]
    (credit,) = full.pnrs[0].history
    assert (credit.originator_type, credit.agent_id, credit.company, credit.changed_at) == \
        ("1", "LONXX2100", "XX", datetime(2025, 2, 1, 12, 10, tzinfo=UTC))
    assert [a.action for a in credit.actions] == ["A", "A", "X", "A"]
    assert credit.actions[0].travellers[0].surname == "BRAMBLEWICK"
    assert credit.actions[2].itinerary[0].status == "XX"
    bag = credit.actions[3].bags[0]
    assert (bag.flight, bag.tags[0].numbers) == ("XX0101", ("0125123456", "0125123457"))


def test_update_push_cancelled_pnr_and_offsets() -> None:
    message = only_message(SAMPLES / "pnrgov_xml_update_push.xml")
    assert message.push_type is PushType.UPDATE
    assert message.envelope.test_indicator is True
    assert message.envelope.prepared_at == datetime(2025, 3, 17, 11, 0,
                                                    tzinfo=timezone(timedelta(hours=1)))
    changed, cancelled = message.pnrs
    assert not changed.cancelled and cancelled.cancelled
    assert cancelled.originator == Originator(empty=True)
    assert codes(cancelled) == ["PNR-CANCELLED"]
    assert cancelled.warnings[0].location.line == 42  # the empty <Source/>
    latest = latest_pnrs([only_message(SAMPLES / "pnrgov_xml_full_push.xml"), message])
    assert [v.pnr.record_locator for v in latest.cancelled] == ["ZZT555"]


def test_multipart_push_reassembles() -> None:
    parts = [only_message(SAMPLES / f"pnrgov_xml_multipart_0{n}.xml") for n in (1, 2)]
    assert [(p.part_number, p.is_first_part, p.is_last_part) for p in parts] == \
        [(1, True, False), (2, False, True)]
    (assembled,) = reassemble(parts)
    assert assembled.complete
    assert [p.record_locator for p in assembled.message.pnrs] == ["MPA111", "MPB222"]
    assert assembled.message.declared_pnr_count == 2


# ------------------------------------------------------------------ auto-detection
def test_recognised_from_content_whatever_the_input_kind(tmp_path: Path) -> None:
    data = sample("pnrgov_xml_update_push.xml")
    misnamed = tmp_path / "push.edi"
    misnamed.write_bytes(data)
    bare = data[data.index(b"<IATA"):]  # no XML declaration: white space may lead
    for given in (data, data.decode("utf-8"), misnamed, io.BytesIO(data),
                  b"\xef\xbb\xbf" + data, b" \r\n\t" + bare, bare.decode().encode("utf-16")):
        message = only_message(given)
        assert [p.record_locator for p in message.pnrs] == ["RTY789", "ZZT555"]
    assert only_message(misnamed).envelope.input_name == str(misnamed)
    # EDIFACT goes to the EDIFACT reader, whatever the file is called
    edifact = tmp_path / "push.xml"
    edifact.write_bytes(sample("pnrgov_update_push.edi"))
    assert only_message(edifact).controlling_agency == "IA"


def test_iter_messages_streams_xml() -> None:
    items = list(paxdata.iter_messages(io.BytesIO(sample("pnrgov_xml_full_push.xml"))))
    assert [type(i).__name__ for i in items] == ["PnrgovMessage"]


def test_sniff_keeps_the_stream_whole() -> None:
    xml, wrapped = sniff(io.BytesIO(b"  \n<a/>"))
    assert xml and wrapped.read() == b"  \n<a/>"
    assert not sniff(io.BytesIO(b"UNA:+.? 'UNB+"))[0]
    assert looks_like_xml("\ufeff<x/>") and not looks_like_xml(b"UNB+IATA:1")


# ------------------------------------------------------------------ deviations
def test_no_namespace_variant_names_and_lenient_dates() -> None:
    text = ('<IATA_PNRGOV_NotifRQ Version="13.1" Function="22"><PNRs NumberOfPnrs="1">'
            '<PNR PNR_TransDate="2019-03-22 00:00:00+00:00"><BookingRefID ID="SYN001"/>'
            '<POS><Source ISOCOuntry="FR"/></POS><Passenger RPH="1"><Surname>DOE</Surname>'
            '<SSR SSR_Code="OTHS" Status="HN"><TEXT>CALL BEFORE DEPARTURE</TEXT></SSR>'
            '<DOC_SSR SSRCode="DOCS"><DOCS DateOfBirth="1985-04-12" Gender="M"/></DOC_SSR>'
            '</Passenger></PNR></PNRs></IATA_PNRGOV_NotifRQ>')
    message = only_message(text, policy=Policy(show_values=True))
    (record,) = message.pnrs
    assert record.last_modified_at == datetime(2019, 3, 22, tzinfo=UTC)
    assert record.originator is not None and record.originator.country == "FR"
    (traveller,) = record.travellers
    first = traveller.ssrs[0]
    assert (first.code, first.status, first.text) == ("OTHS", "HN", "CALL BEFORE DEPARTURE")
    assert traveller.date_of_birth == date(1985, 4, 12)
    messages = [d.message for d in record.warnings]
    assert "PNR[1]: PNR_TransDate of PNR '2019-03-22 00:00:00+00:00' is not an xs:date or " \
        "xs:dateTime; read as 2019-03-22T00:00:00+00:00" in messages
    assert "PNR[1]/Passenger[1]/SSR: attribute SSR_Code of SSR is not in the schema; read as " \
        "SSRCode" in messages
    assert any("DateOfBirth of DOCS '1985-04-12' is not DDMMMYY" in m for m in messages)
    assert "XML-NAMESPACE" in codes(message) and "XML-MISSING" in codes(message)


def test_values_are_not_shown_unless_asked() -> None:
    text = push(pnr('<Passenger><Surname>DOE</Surname><DOC_SSR><DOCS DateOfBirth="BADDATE" '
                    'Gender="F"/></DOC_SSR></Passenger>'))
    hidden = only_message(text).pnrs[0]
    assert not any("BADDATE" in d.message for d in hidden.warnings)
    assert any("(value not shown)" in d.message for d in hidden.warnings)
    shown = only_message(text, policy=Policy(show_values=True)).pnrs[0]
    assert any("'BADDATE'" in d.message for d in shown.warnings)
    # the unreadable value is kept raw on the traveller
    assert shown.travellers[0].unrecognised_segments[0].elements == \
        (('<DOCS DateOfBirth="BADDATE"/>',), ("PNR[1]/Passenger[1]/DOC_SSR/DOCS",))


def test_unknown_elements_and_attributes_are_kept_raw() -> None:
    text = push(pnr('<Passenger Mood="calm"><Surname>DOE</Surname><Hobby>CHESS <b>2</b>'
                    '</Hobby></Passenger><Flight FlightNumber="12"><Gate>B7</Gate></Flight>'),
                count=1).replace("<PNRs ", '<Extra>hello</Extra><PNRs ')
    message = only_message(text)
    traveller = message.pnrs[0].travellers[0]
    assert [s.elements for s in traveller.unrecognised_segments] == [
        (('<Passenger Mood="calm"/>',), ("PNR[1]/Passenger[1]",)),
        (('<Hobby xmlns="http://www.iata.org/IATA/2007/00">CHESS <b>2</b></Hobby>',),
         ("PNR[1]/Passenger[1]/Hobby",))]
    segment = message.pnrs[0].itinerary[0]
    assert segment.unrecognised_segments[0].elements[0][0].startswith("<Gate")
    assert [s.elements[1] for s in message.unrecognised_segments] == [("Extra",)]
    found = {(d.code, d.location.tag, d.location.line) for d in message.pnrs[0].warnings}
    assert ("XML-UNKNOWN", "Hobby", 1) in found and ("XML-UNKNOWN", "Passenger", 1) in found
    assert "XML-UNKNOWN" in codes(message)


def test_fragments_and_a_soap_envelope() -> None:
    fragment = ("<Batch><PNR><BookingRefID ID=\"FRG001\"/><POS><Source/></POS></PNR>"
                "<PNR><BookingRefID ID=\"FRG002\"/><POS><Source AirlineVendorID=\"XX\"/>"
                "</POS></PNR></Batch>")
    message = only_message(fragment)
    assert [p.record_locator for p in message.pnrs] == ["FRG001", "FRG002"]
    assert message.flight is None and "XML-ROOT-UNEXPECTED" in codes(message)
    soap = ('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>'
            "<Token>abc</Token></s:Header><s:Body>" + push(pnr("")) + "</s:Body></s:Envelope>")
    result = paxdata.parse(soap)
    (inner,) = result.pnrgov_messages
    assert [p.record_locator for p in inner.pnrs] == ["ABC123"]
    assert [d.code for d in result.warnings] == ["XML-ROOT-UNEXPECTED"]


def test_count_mismatch_and_references() -> None:
    text = push(pnr('<Passenger RPH="1"><Surname>DOE</Surname></Passenger>'
                    '<Passenger RPH="1"><Surname>ROE</Surname></Passenger>'
                    '<Flight FlightNumber="1"><MarketingAirline Code="XX"/>'
                    '<SSR SSRCode="WCHR" RPH="9"/><CheckInInfo><BoardingNumber Number="7" '
                    'RPH="8"/></CheckInInfo></Flight>', 'NumberOfPassengers="3"'), count=4)
    message = only_message(text)
    assert "PNR-COUNT-MISMATCH" in codes(message)
    record = message.pnrs[0]
    assert {"PNR-REFERENCE-DUPLICATE", "PNR-REFERENCE-UNRESOLVED", "XML-VALUE-INVALID"} <= \
        set(codes(record))
    assert [s.code for s in record.itinerary[0].ssrs] == ["WCHR"]
    assert [c.boarding_number for c in record.itinerary[0].unassigned_check_ins] == ["7"]
    with pytest.raises(DefectError) as raised:
        paxdata.parse(text, policy=STRICT)
    assert raised.value.code == "PNR-COUNT-MISMATCH"


def test_malformed_xml_keeps_the_pnrs_read_before() -> None:
    text = push(pnr(""), pnr("<Passenger><Surname>X</Surname></Passenger>"))
    cut = text[:text.rindex("<PNR ") + 40]
    result = paxdata.parse(cut.encode())
    (message,) = result.pnrgov_messages
    assert [p.record_locator for p in message.pnrs] == ["ABC123"]
    (error,) = result.errors
    assert error.code == "XML-MALFORMED" and error.location.line == 1
    assert "column" in error.message
    with pytest.raises(DefectError):
        paxdata.parse(cut.encode(), policy=STRICT)


def test_not_pnrgov_xml() -> None:
    result = paxdata.parse(b"<html><body>hello</body></html>")
    assert result.messages == ()
    assert [e.code for e in result.errors] == ["XML-NOT-PNRGOV"]


def test_reader_bug_isolated_to_its_pnr(monkeypatch: pytest.MonkeyPatch) -> None:
    original = _reader._Reader._passenger

    def broken(self: object, record: object, element: object, where: str) -> None:
        if element.findtext("{*}Surname") == "BOOM":  # type: ignore[attr-defined]
            raise RuntimeError("simulated")
        original(self, record, element, where)  # type: ignore[arg-type]

    monkeypatch.setattr(_reader._Reader, "_passenger", broken)
    text = push(pnr("<Passenger><Surname>BOOM</Surname></Passenger>"),
                pnr("<Passenger><Surname>FINE</Surname></Passenger>"))
    result = paxdata.parse(text)
    (message,) = result.pnrgov_messages
    assert [p.travellers[0].surname for p in message.pnrs] == ["FINE"]
    (unreadable,) = message.unreadable_pnrs
    assert unreadable.record_locator == "ABC123"
    assert "BOOM" in unreadable.segments[0].elements[0][0]
    assert [e.code for e in result.errors] == ["PNR-UNREADABLE"]


def test_read_xml_directly_yields_items_in_order() -> None:
    items = list(read_xml(sample("pnrgov_xml_update_push.xml"), Policy(), "u.xml"))
    assert [type(i).__name__ for i in items] == ["PnrgovMessage"]
    assert items[0].envelope.input_name == "u.xml"  # type: ignore[union-attr]


# ------------------------------------------------------------------ the writer
def test_writer_keeps_values_and_replaces_what_xml_cannot_hold() -> None:
    message = only_message(SAMPLES / "pnrgov_xml_update_push.xml")
    first = message.pnrs[0]
    odd = attrs.evolve(first.travellers[0], surname="WINTER\x01BOURNE")
    changed = attrs.evolve(message, pnrs=(attrs.evolve(first, travellers=(odd,)),
                                          *message.pnrs[1:]))
    written = write_xml(changed)
    back = only_message(written.data)
    assert back.pnrs[0].travellers[0].surname == "WINTER\ufffdBOURNE"
    assert [w.code for w in written.warnings] == ["XML-WRITE-LOSSY"]
    assert "U+FFFD" in written.warnings[0].message
    assert "WINTER" not in written.warnings[0].message  # names the rule, not the value


def test_writer_warns_for_values_outside_the_schema_types_without_quoting_them() -> None:
    (message,) = paxdata.parse(SAMPLES / "pnrgov_full_push.edi").pnrgov_messages
    written = write_xml(message)
    (boarding,) = [w for w in written.warnings if "BoardingNumber" in w.message]
    assert boarding.message == ("BoardingNumber@Number: a value outside the schema's type "
                                "([0-9a-zA-Z]{1,30}) written as it is (2 times in message 1)")
    assert b'Number="LHR-042"' in written.data  # written as it is, never altered
    assert written.data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n"
                                   b'<IATA_PNRGOV_NotifRQ xmlns="http://www.iata.org/IATA/2007/00"')
