"""PAXLST writer and raw mode: envelopes, counts, splitting, service characters, dates,
what a record cannot carry, and the validation hook."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest

import paxdata
from paxdata import edifact
from paxdata.defects import KINDS, Defect, Location, Severity
from paxdata.edifact import ServiceCharacters
from paxdata.paxlst import (
    Address,
    ListType,
    PassengerList,
    Reference,
    TravelDocument,
    Traveller,
    TravellerRole,
    reassemble,
)
from paxdata.testing import NO_ENVELOPE, comparable
from paxdata.writers import (
    EnvelopeSettings,
    WriteError,
    write_paxlst,
    write_raw,
    write_raw_text,
)
from support import sample

ENVELOPE = EnvelopeSettings("XXAIRLINE", "GOVAPI", sender_qualifier="ZZ",
                            recipient_qualifier="ZZ", prepared_at=datetime(2025, 3, 10, 14, 5),
                            control_reference="000000123", application_reference="APIS",
                            group_reference="G000123")


def read_list(data: bytes | str) -> PassengerList:
    result = paxdata.parse(data)
    assert result.errors == () and result.warnings == ()
    (plist,) = result.passenger_lists
    return plist


@pytest.fixture(scope="module")
def plist() -> PassengerList:
    return read_list(sample("paxlst_passenger_list.edi"))


@pytest.fixture(scope="module")
def crew() -> PassengerList:
    return read_list(sample("paxlst_crew_list.edi"))


def segments_of(data: bytes | str) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    return [(s.tag, s.elements) for ic in edifact.read(data).interchanges
            for s in ic.all_segments()]


class TestGuideExample:
    """The DIGEST 2.9 / WCO example 5.1 shaped sample, written back from its records."""

    def test_same_segments_as_the_sample(self, plist: PassengerList) -> None:
        written = segments_of(write_paxlst(plist, ENVELOPE).data)
        original = segments_of(sample("paxlst_passenger_list.edi"))
        # The reader joins the reporting party's name components with spaces; the writer
        # sends the joined name as one component. Every other segment is as in the sample.
        (index,) = [i for i, s in enumerate(original) if s[0] == "NAD" and s[1][0] == ("MS",)]
        assert original[index][1][3] == ("API DESK", "XX AIRLINES")
        assert written[index][1][3] == ("API DESK XX AIRLINES",)
        assert written[:index] + written[index + 1:] == original[:index] + original[index + 1:]

    def test_crew_list_d02b_same_segments(self, crew: PassengerList) -> None:
        envelope = EnvelopeSettings("XXAIRLINE", "GOVAPI", prepared_at=datetime(2025, 3, 10, 14, 10),
                                    control_reference="000000124",
                                    application_reference="APIS", functional_group=False)
        written = segments_of(write_paxlst(crew, envelope).data)
        original = segments_of(sample("paxlst_crew_list.edi"))
        assert [s for s in written if s[0] != "NAD" or s[1][0] != ("MS",)] == [
            s for s in original if s[0] != "NAD" or s[1][0] != ("MS",)]
        assert ("UNH", (("C0001",), ("PAXLST", "D", "02B", "UN", "IATA"),
                        ("XX0101/250310/1600C",), ("01", "F"))) in written
        assert ("EMP", (("1",), ("CR5", "110", "111"))) in written
        assert ("CNT", (("41", "3"),)) in written

    def test_text_with_line_breaks(self, plist: PassengerList) -> None:
        text = write_paxlst(plist, ENVELOPE, line_break="\n").text
        lines = text.splitlines()
        assert lines[0] == "UNA:+.? '"
        assert lines[1] == "UNB+UNOA:4+XXAIRLINE:ZZ+GOVAPI:ZZ+250310:1405+000000123++APIS'"
        assert "NAD+FL+++O?'BRIEN:PATRICK'" in lines
        assert lines[-3:] == ["UNT+63+M0001'", "UNE+1+G000123'", "UNZ+1+000000123'"]
        assert text.endswith("'\n")


class TestEnvelope:
    def test_control_counts_and_references(self, plist: PassengerList, crew: PassengerList) -> None:
        result = write_paxlst([plist, crew], ENVELOPE)
        doc = edifact.read(result.data)
        assert list(doc.all_warnings()) == []
        (ic,) = doc.interchanges
        # two versions (D:05B, D:02B): one functional group each, UNZ counts the groups
        assert [g.header.message_version for g in ic.groups] == ["D:05B", "D:02B"]
        assert [g.header.reference for g in ic.groups] == ["G00012301", "G00012302"]
        assert ic.trailer is not None and ic.trailer.elements == (("2",), ("000000123",))
        for message in ic.messages:
            assert message.trailer is not None
            assert int(message.trailer.get(1)) == len(message.segments)
            assert message.trailer.get(2) == message.header.reference

    def test_without_group_unz_counts_messages(self, plist: PassengerList, crew: PassengerList) -> None:
        result = write_paxlst([plist, crew], attrs.evolve(ENVELOPE, functional_group=False))
        (ic,) = edifact.read(result.data).interchanges
        assert ic.groups == ()
        assert ic.trailer is not None and ic.trailer.get(1) == "2"

    def test_colliding_message_references_are_renumbered(self, plist: PassengerList) -> None:
        result = write_paxlst([plist, plist], ENVELOPE)
        assert [m.message_reference for m in result.messages] == ["1", "2"]
        parsed = paxdata.parse(result.data)
        assert parsed.warnings == () and len(parsed.passenger_lists) == 2

    def test_envelope_values(self, plist: PassengerList) -> None:
        settings = attrs.evolve(ENVELOPE, test_indicator=True, syntax_identifier="UNOC",
                                four_digit_year=True)
        env = read_list(write_paxlst(plist, settings).data).envelope
        assert (env.sender, env.recipient, env.interchange_reference) == (
            "XXAIRLINE", "GOVAPI", "000000123")
        assert env.prepared_at == datetime(2025, 3, 10, 14, 5)
        assert env.test_indicator and env.syntax_identifier == "UNOC"
        assert b"+20250310:1405+" in write_paxlst(plist, settings).data

    def test_date_outside_1970_2069_gets_four_digits(self, plist: PassengerList) -> None:
        settings = attrs.evolve(ENVELOPE, prepared_at=datetime(2071, 1, 2, 3, 4))
        data = write_paxlst(plist, settings).data
        assert b"+20710102:0304+" in data
        assert read_list(data).envelope.prepared_at == datetime(2071, 1, 2, 3, 4)

    def test_from_envelope_repeats_a_parsed_envelope(self, plist: PassengerList) -> None:
        settings = EnvelopeSettings.from_envelope(plist.envelope, control_reference="77")
        assert (settings.sender, settings.recipient, settings.group_reference) == (
            "XXAIRLINE", "GOVAPI", "G000123")
        assert settings.control_reference == "77"

    def test_control_reference_too_long(self, plist: PassengerList) -> None:
        with pytest.raises(WriteError) as caught:
            write_paxlst(plist, attrs.evolve(ENVELOPE, control_reference="123456789012345"))
        assert caught.value.code == "WRITE-OPTION-INVALID"


class TestSplitting:
    def test_parts_share_reference_and_carry_flight_total(self, plist: PassengerList) -> None:
        result = write_paxlst(plist, ENVELOPE, max_travellers=2)
        assert [(m.part_number, m.is_last_part, m.traveller_count) for m in result.messages] == [
            (1, False, 2), (2, True, 1)]
        parts = paxdata.parse(result.data).passenger_lists
        assert [p.message_reference for p in parts] == ["M000101", "M000102"]
        assert {p.common_access_reference for p in parts} == {"XX0101/250310/1600"}
        assert [(p.part_number, p.is_first_part, p.is_last_part) for p in parts] == [
            (1, True, False), (2, False, True)]
        assert [p.declared_total for p in parts] == [187, 187]
        (whole,) = reassemble(parts)
        assert whole.complete and whole.warnings == ()
        assert [t.surname for t in whole.passenger_list.travellers] == ["DOE", "O'BRIEN", "SILVA"]

    def test_s010_marks_first_middle_last(self, plist: PassengerList) -> None:
        text = write_paxlst(plist, ENVELOPE, max_travellers=1).text
        assert "+XX0101/250310/1600+01:C'" in text
        assert "+XX0101/250310/1600+02'" in text
        assert "+XX0101/250310/1600+03:F'" in text

    def test_computed_flight_total_and_common_access_reference(self, plist: PassengerList) -> None:
        bare = attrs.evolve(plist, control_totals=(), declared_total=None,
                            common_access_reference=None)
        parts = paxdata.parse(write_paxlst(bare, ENVELOPE, max_travellers=2).data).passenger_lists
        assert [p.declared_total for p in parts] == [3, 3]  # the flight total, not the part's
        # built as senders do: designator/YYMMDD/HHMM of the first departure
        assert {p.common_access_reference for p in parts} == {"XX101/250310/1600"}

    def test_separate_interchanges(self, plist: PassengerList) -> None:
        result = write_paxlst(plist, ENVELOPE, max_travellers=2, separate_interchanges=True)
        assert [i.control_reference for i in result.interchanges] == ["000000123", "000000124"]
        assert all(b"UNB+" in i.data for i in result.interchanges)
        (whole,) = reassemble(paxdata.parse(result.data).passenger_lists)
        assert whole.complete and len(whole.passenger_list.travellers) == 3

    def test_more_than_99_parts_is_refused(self, plist: PassengerList) -> None:
        many = attrs.evolve(plist, travellers=plist.travellers * 34)  # 102 travellers
        with pytest.raises(WriteError) as caught:
            write_paxlst(many, ENVELOPE, max_travellers=1)
        assert caught.value.code == "WRITE-OPTION-INVALID"
        assert len(write_paxlst(many, ENVELOPE, max_travellers=2).messages) == 51

    def test_max_travellers_below_one(self, plist: PassengerList) -> None:
        with pytest.raises(WriteError):
            write_paxlst(plist, ENVELOPE, max_travellers=0)


class TestServiceCharacters:
    def test_custom_characters_release_data(self, plist: PassengerList) -> None:
        chars = ServiceCharacters("'", "/", ",", "!", None, "+")
        text = write_paxlst(plist, ENVELOPE, characters=chars).text
        assert text.startswith("UNA'/,! +UNB/UNOA'4/")
        assert "NAD/FL///O!'BRIEN'PATRICK+" in text  # the apostrophe is data here
        again = read_list(text)
        assert comparable(again) == comparable(plist)

    def test_una_is_forced_for_non_default_characters(self, plist: PassengerList) -> None:
        chars = ServiceCharacters(":", "*", ".", "?", None, "~")
        assert write_paxlst(plist, ENVELOPE, characters=chars, una=False).text.startswith("UNA")
        assert write_paxlst(plist, ENVELOPE, una=False).text.startswith("UNB+")

    def test_invalid_characters(self, plist: PassengerList) -> None:
        with pytest.raises(WriteError) as caught:
            write_paxlst(plist, ENVELOPE, characters=ServiceCharacters(":", ":", ".", "?", None, "'"))
        assert caught.value.code == "WRITE-SERVICE-CHARACTERS"
        with pytest.raises(WriteError):
            write_paxlst(plist, ENVELOPE, characters=ServiceCharacters("A", "+", ".", "?", None, "'"))

    def test_no_release_character_and_data_holding_a_separator(self, plist: PassengerList) -> None:
        chars = ServiceCharacters(":", "+", ".", None, None, "'")
        with pytest.raises(WriteError) as caught:
            write_paxlst(plist, ENVELOPE, characters=chars)
        error = caught.value
        assert error.code == "WRITE-UNRELEASABLE"
        assert error.location == Location(segment_index=31, tag="NAD", element=4,
                                          message_reference="M0001")

    def test_line_break_terminator_and_line_breaks(self, plist: PassengerList) -> None:
        chars = ServiceCharacters(":", "+", ".", "?", None, "\n")
        text = write_paxlst(plist, ENVELOPE, characters=chars, line_break="\r\n").text
        assert "\r" not in text  # the terminator is a line break already
        assert comparable(read_list(text)) == comparable(plist)

    def test_line_break_must_be_cr_lf(self, plist: PassengerList) -> None:
        with pytest.raises(WriteError):
            write_paxlst(plist, ENVELOPE, line_break=" ")


class TestValues:
    def test_repertoire(self, plist: PassengerList) -> None:
        accented = attrs.evolve(plist, travellers=(
            attrs.evolve(plist.travellers[0], surname="DOÉ"), *plist.travellers[1:]))
        with pytest.raises(WriteError) as caught:
            write_paxlst(accented, ENVELOPE)
        assert caught.value.code == "WRITE-REPERTOIRE"
        assert caught.value.location.tag == "NAD" and caught.value.location.element == 4
        latin = attrs.evolve(ENVELOPE, syntax_identifier="UNOC")
        assert read_list(write_paxlst(accented, latin).data).travellers[0].surname == "DOÉ"

    def test_dates_need_the_century(self, plist: PassengerList) -> None:
        old = attrs.evolve(plist.travellers[0], date_of_birth=date(1915, 6, 1))
        doc = TravelDocument("P", "X1", expiry_date=date(2090, 1, 1))
        written = attrs.evolve(plist, travellers=(attrs.evolve(old, documents=(doc,)),))
        text = write_paxlst(written, ENVELOPE).text
        assert "DTM+329:19150601:102'" in text and "DTM+36:20900101:102'" in text
        again = read_list(text).travellers[0]
        assert again.date_of_birth == date(1915, 6, 1)
        assert again.documents[0].expiry_date == date(2090, 1, 1)
        assert "DTM+329:850412'" in write_paxlst(plist, ENVELOPE).text  # guide form when exact

    def test_scheduled_time_with_seconds_is_refused(self, plist: PassengerList) -> None:
        leg = attrs.evolve(plist.flight_legs[0], scheduled_departure=datetime(2025, 3, 10, 16, 0, 30))
        with pytest.raises(WriteError) as caught:
            write_paxlst(attrs.evolve(plist, flight_legs=(leg,)), ENVELOPE)
        assert caught.value.code == "WRITE-VALUE-UNWRITABLE"

    def test_named_references_without_references(self) -> None:
        traveller = Traveller(TravellerRole.PASSENGER, "", "LARK", ("EDA",),
                              reservation_number="ZQ9P1T", seat="12C",
                              address=Address(street="FLAT 3 14 VERY LONG ROAD NAME OF THE OLD HARBOUR DISTRICT",
                                              country_subentity="NORTH YORKSHIRE"),
                              checked_bag_weight=12.5, bag_weight_unit="KGM",
                              bag_tags=("XX000998", "XX000999", "XX001000", "YY000001"))
        built = PassengerList("1", "D:05B", ListType.PASSENGER, None, None, None, None, None,
                              None, None, None, True, True, (), (traveller,), None, (), None,
                              NO_ENVELOPE)
        text = write_paxlst(built, ENVELOPE, line_break="\n").text
        # an..35 components split at spaces (the reader joins them with spaces)
        assert "NAD+FL+++LARK:EDA+FLAT 3 14 VERY LONG ROAD NAME OF:THE OLD HARBOUR DISTRICT++:::NORTH YORKSHIRE'" in text
        assert "FTX+BAG+++XX000998:3'\nFTX+BAG+++YY000001'" in text
        assert "MEA+WT++KGM:12.5'" in text
        assert "RFF+AVF:ZQ9P1T'\nRFF+SEA:12C'" in text
        assert "CNT+42:1'" in text
        again = read_list(text).travellers[0]
        assert again.references == (Reference("AVF", "ZQ9P1T"), Reference("SEA", "12C"))
        assert again.address == traveller.address
        assert again.bag_tags == traveller.bag_tags
        assert again.checked_bag_weight == 12.5

    def test_decimal_comma(self, plist: PassengerList) -> None:
        heavy = attrs.evolve(plist.travellers[0], checked_bag_weight=23.5)
        chars = ServiceCharacters(":", "+", ",", "?", None, "'")
        text = write_paxlst(attrs.evolve(plist, travellers=(heavy,)), ENVELOPE, characters=chars).text
        assert "MEA+WT++KGM:23,5'" in text
        assert read_list(text).travellers[0].checked_bag_weight == 23.5

    def test_conflicting_reference_fields(self, plist: PassengerList) -> None:
        jane = attrs.evolve(plist.travellers[0], reservation_number="OTHER1")
        with pytest.raises(WriteError) as caught:
            write_paxlst(attrs.evolve(plist, travellers=(jane,)), ENVELOPE)
        assert caught.value.code == "WRITE-RECORD-INCONSISTENT"
        assert "ABC123" in caught.value.message

    def test_inconsistent_list_type_and_party_function(self, plist: PassengerList) -> None:
        with pytest.raises(WriteError):
            write_paxlst(attrs.evolve(plist, document_name_code="250"), ENVELOPE)
        with pytest.raises(WriteError):
            write_paxlst(attrs.evolve(plist, list_type=ListType.OTHER, document_name_code=None),
                         ENVELOPE)
        crewman = attrs.evolve(plist.travellers[0], party_function="FM")
        with pytest.raises(WriteError):
            write_paxlst(attrs.evolve(plist, travellers=(crewman,)), ENVELOPE)

    def test_negative_bag_count(self, plist: PassengerList) -> None:
        bad = attrs.evolve(plist.travellers[0], checked_bag_count=-1)
        with pytest.raises(WriteError) as caught:
            write_paxlst(attrs.evolve(plist, travellers=(bad,)), ENVELOPE)
        assert caught.value.code == "WRITE-VALUE-UNWRITABLE"

    def test_free_text_is_written_and_read_back_with_a_warning(self, plist: PassengerList) -> None:
        noted = attrs.evolve(plist.travellers[0], free_texts=("WHEELCHAIR AT GATE",))
        text = write_paxlst(attrs.evolve(plist, travellers=(noted,)), ENVELOPE).text
        assert "FTX+AAI+++WHEELCHAIR AT GATE'" in text
        again = paxdata.parse(text).passenger_lists[0].travellers[0]
        assert again.free_texts == ("WHEELCHAIR AT GATE",)
        assert [w.code for w in again.warnings] == ["PAX-QUALIFIER-UNKNOWN"]


def test_unrecognised_segments_go_back_where_the_reader_keeps_them() -> None:
    text = ("UNB+UNOA:4+XX+GOV+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'DTM+137:2503101400:201'"
            "TDT+20+XX101+++XX'LOC+125+LHR'DTM+189:2503101600:201'LOC+87+JFK'DTM+232:2503101900:201'"
            "NAD+FL+++ROOK:IVO'PDI+ZZ'DOC+P+1234567'QTY+1:2'NAD+ZZZ+++SOMEONE ELSE'FTX+AAA+++NOTE'"
            "CNT+42:1'UNT+17+1'UNZ+1+1'")
    original = paxdata.parse(text).passenger_lists[0]
    assert [s.tag for s in original.unrecognised_segments] == ["DTM", "NAD", "FTX"]
    assert [s.tag for s in original.travellers[0].unrecognised_segments] == ["PDI"]
    assert [s.tag for s in original.travellers[0].documents[0].unrecognised_segments] == ["QTY"]
    again = read_list_lenient(write_paxlst(original, ENVELOPE).data)
    # the writer adds what every message it writes has: S010 01:F and a common access
    # reference (designator/date/time of the first departure)
    assert (again.part_number, again.common_access_reference) == (1, "XX101/250310/1600")
    assert comparable(again) == attrs.evolve(comparable(original), part_number=1,
                                             common_access_reference="XX101/250310/1600")


def read_list_lenient(data: bytes) -> PassengerList:
    (plist,) = paxdata.parse(data).passenger_lists
    return plist


class TestValidationHook:
    @staticmethod
    def undocumented(data: bytes) -> list[Defect]:
        """A validation step: every traveller needs a travel document (a PIU rule)."""
        kind = KINDS["PAX-SEGMENT-MISSING"]
        return [Defect(kind.code, Severity.ERROR, f"{t.surname} has no travel document",
                       Location(segment_index=t.segment_index, tag="NAD",
                                message_reference=plist.message_reference))
                for plist in paxdata.parse(data).passenger_lists
                for t in plist.travellers if not t.documents]

    @attrs.frozen
    class Note:
        """A finding of another kind (only a severity and a message are needed)."""

        severity: Severity
        message: str
        segment_index: int | None = None
        tag: str | None = None

    def test_findings_returned(self, plist: PassengerList) -> None:
        nodoc = attrs.evolve(plist.travellers[1], documents=())
        listed = attrs.evolve(plist, travellers=(plist.travellers[0], nodoc))
        seen: list[bytes] = []

        def validate(data: bytes) -> list[Defect]:
            seen.append(data)
            return self.undocumented(data)

        result = write_paxlst(listed, ENVELOPE, validate=validate, on_findings="return",
                              max_travellers=1, separate_interchanges=True)
        assert seen == [i.data for i in result.interchanges]  # exactly what is sent
        (finding,) = result.findings
        assert finding.message == "O'BRIEN has no travel document"
        assert isinstance(finding, Defect) and finding.location.segment_index == 11

    def test_error_findings_stop_the_write(self, plist: PassengerList) -> None:
        nodoc = attrs.evolve(plist.travellers[1], documents=())
        with pytest.raises(WriteError) as caught:
            write_paxlst(attrs.evolve(plist, travellers=(nodoc,)), ENVELOPE,
                         validate=self.undocumented)
        error = caught.value
        assert error.code == "WRITE-REJECTED"
        assert "O'BRIEN has no travel document" in error.message
        assert (error.location.segment_index, error.location.tag) == (11, "NAD")
        assert len(error.findings) == 1
        assert write_paxlst(plist, ENVELOPE, validate=self.undocumented).findings == ()

    def test_any_finding_with_a_severity(self, plist: PassengerList) -> None:
        def notes(data: bytes) -> list[TestValidationHook.Note]:
            return [self.Note(Severity.WARNING, "list longer than 2"),
                    self.Note(Severity.ERROR, "no UNG allowed", 2, "UNG")] if b"UNG+" in data else []

        result = write_paxlst(plist, attrs.evolve(ENVELOPE, functional_group=False),
                              validate=notes)
        assert result.findings == ()
        with pytest.raises(WriteError) as caught:
            write_paxlst(plist, ENVELOPE, validate=notes)
        assert (caught.value.location.segment_index, caught.value.location.tag) == (2, "UNG")
        assert [n.message for n in caught.value.findings] == ["list longer than 2", "no UNG allowed"]
        warned = write_paxlst(plist, ENVELOPE, validate=notes, on_findings="return")
        assert [n.severity for n in warned.findings] == [Severity.WARNING, Severity.ERROR]


class TestRaw:
    def test_type_b_envelope_is_not_part_of_the_interchange(self) -> None:
        original = edifact.read(sample("paxlst_type_b_envelopes.edi"))
        assert original.skipped
        out = write_raw(original)
        assert out.startswith(b"UN")
        assert edifact.read(out).skipped == ()

    def test_utf8_fallback_for_values_outside_a_7_bit_repertoire(self) -> None:
        data = "UNB+UNOA:4+XX+GOV+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++MÜLLER'UNT+3+1'UNZ+1+1'".encode()
        out = write_raw(edifact.read(data))
        assert "MÜLLER".encode() in out
        assert edifact.read(out).messages[0].body[1].get(4) == "MÜLLER"

    def test_one_interchange(self) -> None:
        doc = edifact.read(sample("paxlst_multipart_01.edi") + sample("paxlst_multipart_02.edi"))
        assert len(doc.interchanges) == 2
        assert write_raw_text(doc.interchanges[1]).startswith("UNA:+.? 'UNB+UNOA:4+XXAIRLINE+GOVAPI+250311:0700+000000132'UNH+MP2+")
