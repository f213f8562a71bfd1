"""The PNRGOV writer (paxdata.writers.write_pnrgov): segments, envelope, versions, parts,
service characters, errors and the read-back check, on a push built as a carrier would
and on the project's samples (IATA PADIS PNRGOV Implementation Guide; DIGEST section 3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest

import paxdata
from paxdata.defects import Defect, Location, Severity
from paxdata.edifact import ServiceCharacters
from paxdata.paxlst import FlightLeg
from paxdata.pnrgov import (
    BagGroup,
    BagTag,
    CheckIn,
    Contact,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    FrequentFlyer,
    InfantDetails,
    ItinerarySegment,
    Originator,
    Payment,
    Pnr,
    PnrgovMessage,
    PushType,
    RecordLocator,
    SeatDetails,
    Ssr,
    Ticket,
    TicketCoupon,
    Traveller,
    reassemble,
)
from paxdata.pnrgov._ssr import decode_ssr
from paxdata.testing import comparable
from paxdata.validation import validate
from paxdata.writers import (
    PNRGOV_CHARACTERS,
    EnvelopeSettings,
    WriteError,
    pnrgov_envelope,
    pnrgov_push,
    ssr_free_text,
    write_pnrgov,
)
from support import ROOT, sample

ENVELOPE = pnrgov_envelope("XX", "GOVPIU", prepared_at=datetime(2025, 3, 15, 9, 30),
                           control_reference="0000004711")
FLIGHT = FlightLeg("XX", "0101", None, "LHR", "JFK", datetime(2025, 3, 17, 16, 0),
                   datetime(2025, 3, 17, 19, 0))
DOCS = DocsDetails("P", "GBR", "123456789", "GBR", date(1985, 4, 12), "F", date(2030, 1, 1),
                   "O'NEIL", ("JANE",))
SEGMENT = ItinerarySegment("XX", "0101", "LHR", "JFK", datetime(2025, 3, 17, 16, 0),
                           datetime(2025, 3, 17, 19, 0), booking_class="Y",
                           operating_carrier="YY", operating_flight_number="4410",
                           operating_booking_class="Y", status="HK", party_size=1)


def traveller(**changes: object) -> Traveller:
    base = Traveller("O'NEIL", ("JANE",), "MRS", passenger_type="A", traveller_reference="1",
                     ssrs=(Ssr("DOCS", "HK", "1", "XX", details=DOCS),
                           Ssr("CTCE", "HK", "1", "XX", details=Contact(
                               "email", "JANE_O@EXAMPLE.COM", "", "SSR CTCE"))))
    return attrs.evolve(base, **changes)


def pnr(**changes: object) -> Pnr:
    base = Pnr("ABC123", "XX", record_locators=(RecordLocator(
        "XX", "ABC123", created_at=datetime(2025, 2, 1, 12, 10, tzinfo=UTC)),),
        last_modified_at=datetime(2025, 3, 15, 8, 15, tzinfo=UTC),
        travellers=(traveller(),), itinerary=(SEGMENT,))
    return attrs.evolve(base, **changes)


def push(*pnrs: Pnr, **options: object) -> PnrgovMessage:
    return pnrgov_push(pnrs or (pnr(),), FLIGHT, sender=Originator("XX", "LHR"),
                       **options)  # type: ignore[arg-type]


def read(data: bytes) -> PnrgovMessage:
    result = paxdata.parse(data)
    assert result.errors == ()
    (message,) = result.messages
    assert isinstance(message, PnrgovMessage)
    return message


def lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").strip("\n").split("\n")


# ------------------------------------------------------------------- a carrier's push
def test_a_push_built_from_records_is_written_as_the_guide_shows() -> None:
    result = write_pnrgov(push(), ENVELOPE, line_break="\n")
    assert lines(result.text) == [
        "UNA:+.?*'",
        "UNB+IATA:1+XX+GOVPIU+250315:0930+0000004711'",
        "UNG+PNRGOV+XX+GOVPIU+250315:0930+0000004711+IA+13:1'",
        "UNH+1+PNRGOV:13:1:IA+XX0101/170325/1600+01:F'",
        "MSG+:22'",
        "ORG+XX:LHR'",
        "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101'",
        "EQN+1'",
        "SRC'",
        "RCI+XX:ABC123::010225:1210'",
        "DAT+700:150325:0815'",
        "TIF+O?'NEIL+JANE MRS:A:1'",
        "SSR+DOCS:HK:1:XX:::::/P/GBR/123456789/GBR/12APR85/F/01JAN30/O?'NEIL/JANE'",
        "SSR+CTCE:HK:1:XX:::::JANE..O//EXAMPLE.COM'",
        "TVL+170325:1600:170325:1900+LHR+JFK+XX:YY+0101:Y'",
        "TVL+++++4410:Y'",
        "RPI+1+HK'",
        "UNT+15+1'",
        "UNE+1+0000004711'",
        "UNZ+1+0000004711'",
    ]
    (message,) = result.messages
    assert (message.message_reference, message.common_access_reference, message.part_number,
            message.is_last_part, message.traveller_count, message.segment_count) == (
        "1", "XX0101/170325/1600", 1, True, 1, 15)


def test_what_the_reader_derives_comes_back_from_what_was_written() -> None:
    again = read(write_pnrgov(push(), ENVELOPE).data)
    assert (again.version, again.controlling_agency, again.push_type, again.message_function,
            again.declared_pnr_count) == ("13:1", "IA", PushType.FULL, "22", 1)
    assert again.flight is not None and again.flight.flight_designator == "XX0101"
    (record,) = again.pnrs
    assert (record.booking_system, record.record_locator) == ("XX", "ABC123")
    assert record.created_at == datetime(2025, 2, 1, 12, 10, tzinfo=UTC)
    assert record.last_modified_at == datetime(2025, 3, 15, 8, 15, tzinfo=UTC)
    (person,) = record.travellers
    assert (person.surname, person.given_names, person.title, person.given_name_as_sent) == (
        "O'NEIL", ("JANE",), "MRS", "JANE MRS")
    assert (person.gender, person.date_of_birth, person.nationality) == (
        "F", date(1985, 4, 12), "GBR")
    assert [(d.type, d.number, d.issuing_country, d.expiry_date) for d in person.documents] == [
        ("P", "123456789", "GBR", date(2030, 1, 1))]
    assert [(c.channel, c.value, c.text) for c in person.contacts] == [
        ("email", "JANE_O@EXAMPLE.COM", "JANE..O//EXAMPLE.COM")]
    (segment,) = record.itinerary
    assert (segment.operating_carrier, segment.operating_flight_number,
            segment.operating_booking_class) == ("YY", "4410", "Y")


def test_version_15_writes_the_codeshare_as_tra() -> None:
    result = write_pnrgov(push(), ENVELOPE, version="15.1", line_break="\n")
    text = lines(result.text)
    assert "UNG+PNRGOV+XX+GOVPIU+250315:0930+0000004711+IA+15:1'" in text
    assert "UNH+1+PNRGOV:15:1:IA+XX0101/170325/1600+01:F'" in text
    assert text[text.index("TVL+170325:1600:170325:1900+LHR+JFK+XX+0101:Y'") + 1] == \
        "TRA+YY+4410:Y'"
    assert not any(line.startswith("TVL+++++") for line in text)
    again = read(result.data)
    assert again.version == "15:1"
    assert again.pnrs[0].itinerary[0].operating_flight_number == "4410"


def test_a_16_1_push_with_tra_is_written_as_13_1_with_a_second_tvl() -> None:
    original = read(sample("pnrgov_multipart_01.edi"))
    assert original.version == "16:1"
    result = write_pnrgov(original, EnvelopeSettings.from_envelope(original.envelope),
                          version="13:1", line_break="\n")
    text = lines(result.text)
    assert "TVL+180325:0900:180325:0920+CDG+LHR+YY:XX+7702:K'" in text
    assert "TVL+++++0202:K'" in text
    assert not any(line.startswith("TRA+") for line in text)
    assert comparable(read(result.data)).pnrs == comparable(original).pnrs


def test_records_without_text_are_written_as_airimp_text() -> None:
    reference = date(2025, 3, 15)
    for code, details in [
            ("DOCS", DOCS),
            ("DOCS", DocsDetails("P", "FRA", "17FX45678", "FRA", date(1915, 6, 1), "M",
                                 date(2031, 11, 29), "MARCHBANK", ("ELOISE", "ANNE"), True)),
            ("DOCO", DocoDetails("LONDON GBR", "V", "V9876543", "LONDON", date(2024, 1, 10),
                                 "USA")),
            ("DOCA", DocaDetails("destination", "USA", "350 FIFTH AVENUE", "NEW YORK", "NY",
                                 "10118")),
            ("FQTV", FrequentFlyer("XX", "123456789", "GOLD", "SSR FQTV")),
            ("CTCM", Contact("mobile", "447700900123", "", "SSR CTCM", "EN")),
            ("TKNE", TicketCoupon("1252100000002", 1)),
            ("SEAT", SeatDetails(("03B", "03A"))),
            ("INFT", InfantDetails("QUILLFEATHER", ("OSCAR",), date(2024, 3, 5)))]:
        text = ssr_free_text(details, reference)
        decoded, problems = decode_ssr(code, text, "", reference, None)
        assert problems == ()
        expected = attrs.evolve(details, text=text) if isinstance(details, Contact) \
            else details
        assert decoded == expected, text
    assert ssr_free_text(DocsDetails(date_of_birth=date(1915, 6, 1)), reference) == \
        "/////01JUN1915"  # 01JUN15 would read as 2015 in a 2025 message
    with pytest.raises(TypeError):
        ssr_free_text(object(), reference)


def test_dates_far_from_the_message_date_keep_their_century() -> None:
    old = FlightLeg("XX", "1", None, "LHR", "JFK", datetime(1960, 1, 1, 10, 0), None)
    result = write_pnrgov(pnrgov_push([pnr()], old), ENVELOPE, line_break="\n")
    assert "TVL+01011960:1000+LHR+JFK+XX+1'" in lines(result.text)
    assert read(result.data).flight == attrs.evolve(old, flight_designator="XX1",
                                                    segment_index=3)  # UNH MSG TVL


def test_utc_times_are_converted_and_rci_keeps_seconds() -> None:
    paris = timezone(timedelta(hours=1))
    record = pnr(record_locators=(RecordLocator("XX", "ABC123", created_at=datetime(
        2025, 2, 1, 12, 10, 5, tzinfo=UTC)),),
        last_modified_at=datetime(2025, 3, 15, 9, 15, tzinfo=paris))
    text = lines(write_pnrgov(push(record), ENVELOPE, line_break="\n").text)
    assert "RCI+XX:ABC123::010225:121005'" in text
    assert "DAT+700:150325:0815'" in text


def test_a_cancelled_pnr_gets_an_empty_org() -> None:
    record = pnr(cancelled=True, travellers=(), itinerary=())
    result = write_pnrgov(push(record, push_type=PushType.UPDATE), ENVELOPE, line_break="\n")
    text = lines(result.text)
    assert "MSG+:141'" in text
    assert text[text.index("DAT+700:150325:0815'") + 1] == "ORG'"
    again = read(result.data)
    assert again.pnrs[0].cancelled and again.pnrs[0].originator == Originator(empty=True)


def test_check_in_bags_and_payments() -> None:
    bags = BagGroup(2, 32.5, "KGM", "700", pool="HP", tags=(BagTag(
        "XX", "0125123456", 2, "JFK", ("0125123456", "0125123457")),), flight="XX0101")
    checkin = CheckIn("XX0101", "LHR", datetime(2025, 3, 17, 13, 10, tzinfo=UTC),
                      agent=Originator("XX", "LHR", originator_type="A"),
                      boarding_number="LHR-042", traveller_reference="1",
                      name="O'NEIL/JANE MRS", name_reference="1", seat="23A", cabin="Y",
                      bags=bags)
    ticket = Ticket("1252100000001", "T", 1)
    payments = (Payment("CC", "612.30", "VI", "XXXXXXXXXXXX1234", "0827",
                        ticket_number="1252100000001"),
                Payment("CA", "10.00", ticket_number="1252100000001"))
    record = pnr(travellers=(traveller(check_in=(checkin,), tickets=(ticket,),
                                       payments=payments),))
    result = write_pnrgov(push(record), ENVELOPE, characters=attrs.evolve(
        PNRGOV_CHARACTERS, decimal_mark=","), line_break="\n")
    text = lines(result.text)
    assert text[text.index("TKT+1252100000001:T:1'") + 1] == \
        "FOP+CC::612.30:VI:XXXXXXXXXXXX1234:0827+CA::10.00'"
    assert text[text.index("RPI+1+HK'") + 1:text.index("UNT+23+1'")] == [
        "DAT+2:170325:1310'", "ORG+XX:LHR++++A'", "TRI++LHR-042:::1'",
        "TIF+O?'NEIL+JANE MRS:A:1'", "SSD+23A++++Y'",
        "TBD++2:32,5:700++HP+XX:0125123456:2:JFK'"]
    (person,) = read(result.data).pnrs[0].travellers
    assert [(s.number, s.source, s.flight, s.cabin) for s in person.seats] == [
        ("23A", "SSD", "XX0101", "Y")]
    assert person.bags[0].weight == 32.5 and person.bags[0].tags[0].numbers == (
        "0125123456", "0125123457")
    assert [(p.type, p.ticket_number) for p in person.payments] == [
        ("CC", "1252100000001"), ("CA", "1252100000001")]


# ------------------------------------------------------------------- samples
@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "samples").glob("pnrgov_*.edi")))
def test_every_sample_push_rewritten_reads_back_the_same(name: str) -> None:
    for original in paxdata.parse(sample(name)).messages:
        assert isinstance(original, PnrgovMessage)
        written = write_pnrgov(original, EnvelopeSettings.from_envelope(original.envelope))
        again = read(written.data)
        expected = attrs.evolve(original, part_number=again.part_number,
                                is_first_part=True, is_last_part=True)
        if original.part_number is None:
            assert again.part_number == 1
        assert comparable(again) == comparable(expected)


def test_the_full_push_sample_is_written_segment_for_segment() -> None:
    original = read(sample("pnrgov_full_push.edi"))
    written = write_pnrgov(original, EnvelopeSettings.from_envelope(original.envelope),
                           line_break="\n")
    source = lines(sample("pnrgov_full_push.edi").decode("ascii"))
    out = lines(written.text)
    # The same segments, except: a Gr.1 SSR naming a traveller is written in its Gr.2, an
    # SSR naming two travellers is written once per traveller, and the codeshare TVL
    # follows its marketing TVL; so UNT counts one segment more.
    assert sorted(set(source) - set(out)) == [
        "SSR+SEAT:HK:2:XX:::LHR:JFK+23A::1:W+23B::3'", "UNT+96+1'"]
    assert sorted(set(out) - set(source)) == [
        "SSR+SEAT:HK:2:XX:::LHR:JFK+23A::1:W'", "SSR+SEAT:HK:2:XX:::LHR:JFK+23B::3'",
        "UNT+97+1'"]
    assert out.index("TVL+++++0102:Y'") == out.index(
        "TVL+200325:2030:210325:0815+JFK+LHR+YY:XX+4410:Y'") + 1
    assert validate(written.data, "pnrgov") == []


# ------------------------------------------------------------------- parts
def test_a_long_push_is_split_into_parts_that_reassemble() -> None:
    original = read(sample("pnrgov_full_push.edi"))
    result = write_pnrgov(original, EnvelopeSettings.from_envelope(original.envelope),
                          max_pnrs=1, line_break="\n")
    heads = [line for line in lines(result.text) if line.startswith(("UNH", "EQN+"))]
    assert heads == [
        "UNH+101+PNRGOV:13:1:IA+XX0101/170325/1600+01:C'", "EQN+3'",
        "UNH+102+PNRGOV:13:1:IA+XX0101/170325/1600+02'", "EQN+3'",
        "EQN+1'",  # the Gr.8 split PNR of the second PNR
        "UNH+103+PNRGOV:13:1:IA+XX0101/170325/1600+03:F'", "EQN+3'"]
    parts = [m for m in paxdata.parse(result.data).messages if isinstance(m, PnrgovMessage)]
    assert [(p.part_number, p.is_first_part, p.is_last_part, len(p.pnrs)) for p in parts] == [
        (1, True, False, 1), (2, False, False, 1), (3, False, True, 1)]
    (whole,) = reassemble(parts)
    assert whole.complete and whole.warnings == ()
    assert comparable(whole.message).pnrs == comparable(original).pnrs


def test_parts_in_separate_interchanges_count_their_control_references() -> None:
    other = pnr(record_locator="QWE456", record_locators=(RecordLocator("XX", "QWE456"),))
    result = write_pnrgov(push(pnr(), other, pnr()), ENVELOPE, max_pnrs=2,
                          separate_interchanges=True)
    assert [i.control_reference for i in result.interchanges] == ["0000004711", "0000004712"]
    assert [m.part_number for m in result.messages] == [1, 2]
    assert [len(read(i.data).pnrs) for i in result.interchanges] == [2, 1]


# ------------------------------------------------------------------- service characters
def test_any_service_characters_and_line_breaks_read_back_the_same() -> None:
    expected = comparable(read(write_pnrgov(push(), ENVELOPE).data))
    odd = ServiceCharacters("'", "?", ",", "+", "*", "\n")
    for chars, line_break in [(PNRGOV_CHARACTERS, "\r\n"), (odd, ""),
                              (ServiceCharacters(":", "+", ".", "?", None, "'"), "\n")]:
        data = write_pnrgov(push(), ENVELOPE, characters=chars, line_break=line_break).data
        assert data.startswith(chars.una.encode())
        assert comparable(read(data)) == expected
    text = write_pnrgov(push(), ENVELOPE, characters=odd).text
    assert "TIF?O+'NEIL?JANE MRS'A'1\n" in text  # the release character is now '+'


def test_the_repetition_separator_is_released_in_data() -> None:
    record = pnr(history_lines=("X*Y 1+1:2'3?",))
    result = write_pnrgov(push(record), ENVELOPE, line_break="\n")
    assert "LTS+X?*Y 1?+1?:2?'3??'" in lines(result.text)
    assert read(result.data).pnrs[0].history_lines == ("X*Y 1+1:2'3?",)


# ------------------------------------------------------------------- errors
def error(push_: PnrgovMessage, **options: object) -> WriteError:
    with pytest.raises(WriteError) as caught:
        write_pnrgov(push_, ENVELOPE, **options)  # type: ignore[arg-type]
    return caught.value


def test_a_field_the_message_does_not_carry_is_a_located_error() -> None:
    # gender without the SSR DOCS that carries it
    found = error(push(pnr(travellers=(traveller(ssrs=(), gender="F"),))))
    assert found.code == "WRITE-RECORD-INCONSISTENT"
    assert "push.pnrs[0].travellers[0].gender" in str(found) and "SSR DOCS" in str(found)
    assert (found.location.segment_index, found.location.tag,
            found.location.message_reference) == (9, "TIF", "1")
    # without the check, the message is written and the field is lost
    data = write_pnrgov(push(pnr(travellers=(traveller(ssrs=(), gender="F"),))), ENVELOPE,
                        verify=False).data
    assert read(data).pnrs[0].travellers[0].gender is None
    # a contact no SSR, OSI or ADD carries
    extra = Contact("phone", "12345", "12345", "ADD")
    found = error(push(pnr(travellers=(traveller(contacts=(extra,)),))))
    assert "travellers[0].contacts[0]" in str(found)
    # booleans must agree with what carries them: an ORG without data is a cancellation
    found = error(push(pnr(originator=Originator())))
    assert "push.pnrs[0].cancelled" in str(found) and "empty ORG" in str(found)
    found = error(push(pnr(travellers=(traveller(tickets=(Ticket(None, "1"),)),))))
    assert "tickets[0].ticketless" in str(found)
    assert read(write_pnrgov(push(pnr(travellers=(traveller(tickets=(
        Ticket(None, "1", ticketless=True),)),))), ENVELOPE).data).pnrs[0].travellers[
        0].tickets[0].ticketless


def test_values_the_segments_cannot_carry_are_located_errors() -> None:
    naive = pnr(last_modified_at=datetime(2025, 3, 15, 8, 15))
    found = error(push(naive))
    assert found.code == "WRITE-VALUE-UNWRITABLE" and "UTC" in str(found)
    assert (found.location.segment_index, found.location.tag, found.location.element) == (
        8, "DAT", 1)
    aware = attrs.evolve(SEGMENT, scheduled_departure=datetime(2025, 3, 17, 16, 0, tzinfo=UTC))
    found = error(push(pnr(itinerary=(aware,))))
    assert found.code == "WRITE-VALUE-UNWRITABLE" and "local time" in str(found)
    assert found.location.tag == "TVL"
    seconds = attrs.evolve(SEGMENT, scheduled_departure=datetime(2025, 3, 17, 16, 0, 30))
    assert error(push(pnr(itinerary=(seconds,)))).code == "WRITE-VALUE-UNWRITABLE"
    no_number = attrs.evolve(SEGMENT, operating_flight_number=None)
    found = error(push(pnr(itinerary=(no_number,))))
    assert found.code == "WRITE-VALUE-UNWRITABLE" and "14:1" in str(found)
    write_pnrgov(push(pnr(itinerary=(no_number,))), ENVELOPE, version="14:1")  # TRA+YY+:Y
    weight = BagGroup(1, -3.0)
    checkin = CheckIn("XX0101", "LHR", traveller_reference="1", bags=weight)
    assert error(push(pnr(travellers=(traveller(check_in=(checkin,)),)))).code == \
        "WRITE-VALUE-UNWRITABLE"


def test_records_that_disagree_are_errors() -> None:
    found = error(push(push_type=PushType.OTHER))
    assert found.code == "WRITE-RECORD-INCONSISTENT" and found.location.tag == "MSG"
    found = error(push(push_type=PushType.FULL, message_function="141"))
    assert "141" in str(found)
    assert error(attrs.evolve(push(), flight=None)).location.tag == "TVL"
    found = error(attrs.evolve(push(), flight=attrs.evolve(FLIGHT, flight_designator="YY1")))
    assert found.location.tag == "TVL"
    found = error(attrs.evolve(push(), flight=attrs.evolve(FLIGHT, transport_stage="20")))
    assert "transport_stage" in str(found)
    orphan = Payment("CA", "1.00", ticket_number="999")
    found = error(push(pnr(travellers=(traveller(payments=(orphan,)),))))
    assert found.code == "WRITE-RECORD-INCONSISTENT" and found.location.tag == "FOP"
    seat = Ssr("SEAT", "HK", "1", "XX", traveller_reference="1", requirement="1A",
               flight="ZZ9")
    found = error(push(pnr(travellers=(traveller(ssrs=(seat,)),))))
    assert "ZZ9" in str(found) and found.location.tag == "SSR"
    lost = CheckIn("ZZ9", "LHR", traveller_reference="1")
    assert error(push(pnr(travellers=(traveller(check_in=(lost,)),)))).location.tag == "TRI"
    bare = ItinerarySegment("XX", "0102")
    found = error(push(pnr(itinerary=(SEGMENT, bare))))
    assert "operating flight" in str(found)


def test_options_and_characters_outside_what_the_envelope_expresses() -> None:
    assert error(push(), max_pnrs=0).code == "WRITE-OPTION-INVALID"
    assert error(push(*[pnr()] * 100), max_pnrs=1).code == "WRITE-OPTION-INVALID"
    assert error(push(), version="13").code == "WRITE-OPTION-INVALID"
    assert error(push(), line_break=" ").code == "WRITE-OPTION-INVALID"
    assert error(push(), characters=ServiceCharacters(":", ":", ".", "?", None, "'")).code \
        == "WRITE-SERVICE-CHARACTERS"
    found = error(push(), characters=ServiceCharacters(":", "+", ".", None, None, "'"))
    assert found.code == "WRITE-UNRELEASABLE"
    assert (found.location.segment_index, found.location.tag) == (9, "TIF")
    accented = pnr(travellers=(traveller(surname="NÚÑEZ"),))
    found = error(push(accented))
    assert found.code == "WRITE-REPERTOIRE" and found.location.tag == "TIF"
    utf8 = attrs.evolve(ENVELOPE, syntax_identifier="UNOW", syntax_version="4")
    data = write_pnrgov(push(accented), utf8).data
    assert read(data).pnrs[0].travellers[0].surname == "NÚÑEZ"


def test_the_validation_step_sees_the_bytes_and_can_reject() -> None:
    seen: list[bytes] = []

    def reject(data: bytes) -> list[Defect]:
        seen.append(data)
        return [Defect("X-TEST", Severity.ERROR, "rejected", Location(segment_index=9,
                                                                      tag="TIF"))]

    with pytest.raises(WriteError) as caught:
        write_pnrgov(push(), ENVELOPE, validate=reject)
    assert caught.value.code == "WRITE-REJECTED" and caught.value.location.tag == "TIF"
    result = write_pnrgov(push(), ENVELOPE, validate=reject, on_findings="return")
    assert seen[-1] == result.data and [f.message for f in result.findings] == ["rejected"]
    clean = write_pnrgov(push(), ENVELOPE, validate=lambda data: validate(data, "pnrgov"))
    assert clean.findings == ()


def test_pnrgov_envelope_and_push_defaults() -> None:
    settings = pnrgov_envelope("A", "B")
    assert (settings.syntax_identifier, settings.syntax_version, settings.functional_group) \
        == ("IATA", "1", True)
    built = pnrgov_push([], FLIGHT, push_type=PushType.UPDATE, version="15.1")
    assert (built.version, built.message_function, built.controlling_agency,
            built.is_first_part, built.is_last_part) == ("15:1", "141", "IA", True, True)
    data = write_pnrgov(built, ENVELOPE).data
    assert b"EQN+0'" in data and read(data).pnrs == ()


def test_the_samples_folder_is_where_the_tests_read() -> None:
    assert Path(ROOT / "samples" / "pnrgov_full_push.edi").is_file()
