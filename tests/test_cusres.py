"""CUSRES: reading iAPI answers, code tables, matching answers to PAXLST travellers, and
writing the answer a PIU sends."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import attrs
import pytest

import paxdata
from paxdata import STRICT, DefectError, Policy
from paxdata.cusres import (
    BoardingDirective,
    CustomsResponse,
    MessageStatus,
    ResponseKind,
    code_table,
    code_tables,
    load_code_table,
    match_response,
    register_code_table,
    with_code_table,
)
from paxdata.defects import Defect, Location, Severity
from paxdata.paxlst import PassengerList
from paxdata.serializers.json import dumps, result_to_json
from paxdata.writers import Answer, EnvelopeSettings, WriteError, write_cusres
from support import CORPUS, corpus_files, needs_shared, sample

B = BoardingDirective


def response_of(data: bytes) -> CustomsResponse:
    result = paxdata.parse(data)
    assert result.errors == ()
    (message,) = result.messages
    assert isinstance(message, CustomsResponse)
    return message


def request_of(name: str) -> PassengerList:
    (plist,) = paxdata.parse(sample(name)).passenger_lists
    return plist


@pytest.fixture(scope="module")
def answer() -> CustomsResponse:
    return response_of(sample("cusres_iapi_response.edi"))


@pytest.fixture(scope="module")
def request_list() -> PassengerList:
    return request_of("paxlst_iapi_request.edi")


class TestReader:
    def test_header(self, answer: CustomsResponse) -> None:
        assert answer.message_type == "CUSRES"
        assert (answer.message_reference, answer.version) == ("IA0301", "D:05B")
        assert (answer.response_kind, answer.document_name_code) == (ResponseKind.RESPONSE, "962")
        assert answer.transaction_reference == "XX0881250612001"
        assert answer.common_access_reference == "XX0881/250612/1040"
        assert (answer.part_number, answer.is_first_part, answer.is_last_part) == (1, True, True)
        assert answer.code_table == "CN"  # the interchange sender is NIAC
        assert answer.envelope.sender == "NIAC" and answer.envelope.recipient == "XX"
        assert answer.message_status is None and answer.message_texts == ()
        assert answer.warnings == ()

    def test_flight(self, answer: CustomsResponse) -> None:
        (flight,) = answer.flights
        assert (flight.flight_designator, flight.carrier, flight.flight_number) == ("XX881", "XX", "881")
        assert (flight.departure_airport, flight.arrival_airport) == ("LHR", "PEK")
        assert flight.scheduled_departure == datetime(2025, 6, 12, 10, 40)
        assert flight.scheduled_arrival == datetime(2025, 6, 13, 5, 30)
        assert (flight.departure_location_function, flight.arrival_location_function) == ("125", "87")

    def test_travellers(self, answer: CustomsResponse) -> None:
        assert [(t.reservation_number, t.unique_passenger_reference, t.directive, t.free_texts)
                for t in answer.travellers] == [
            ("QX7K2M", "XX0881P0001", B.BOARD, ("OK TO BOARD",)),
            ("QX7K2M", "XX0881P0002", B.NO_BOARD, ("NO BOARD",)),
            ("RB4T9W", "XX0881P0003", B.BOARD, ("OK TO BOARD",))]
        first = answer.travellers[0]
        assert first.error_point_level == "2"
        assert (first.segment_index, first.codes[0].segment_index) == (9, 12)
        assert first.codes[0].code == "0Z" and first.codes[0].text == "OK TO BOARD"
        assert answer.directive_for("XX0881P0002") is B.NO_BOARD
        assert answer.directive_for("NOBODY") is None

    def test_status_change(self) -> None:
        change = response_of(sample("cusres_status_change.edi"))
        assert change.response_kind is ResponseKind.STATUS_CHANGE
        assert change.common_access_reference is None  # a new transmission, not an echo
        assert change.transaction_reference == "NIAC2506120952017"
        (t,) = change.travellers
        assert (t.unique_passenger_reference, t.directive, t.free_texts) == ("XX0881P0002", B.BOARD, ())

    def test_message_level_status_and_unknown_codes(self) -> None:
        reply = response_of(sample("cusres_exceptions.edi"))
        assert reply.code_table == "default"  # GOVAPI is in no State's table
        assert reply.message_status is MessageStatus.EXCEPTION
        assert [c.code for c in reply.message_codes] == ["1"]
        assert reply.message_texts == ("LIST ACCEPTED WITH EXCEPTIONS: SEE TRAVELLERS",)
        assert [t.directive for t in reply.travellers] == [B.BOARD, B.UNKNOWN, B.INSUFFICIENT_DATA]
        unknown = reply.travellers[1]
        (warning,) = unknown.warnings
        assert warning.code == "CUS-CODE-UNKNOWN"
        assert (warning.location.segment_index, warning.location.tag) == (20, "ERC")
        assert unknown.free_texts == ("REFER TO DUTY OFFICER",)
        assert len(reply.flights) == 1  # RFF AF after the message-level ERP group

    def test_segments_out_of_place_are_kept(self) -> None:
        text = ("UNB+UNOA:4+GOV+XX+250310:1405+1'UNH+1+CUSRES:D:05B:UN:IATA'BGM+999'"
                "ERC+0Z'RFF+AF:XX1'LOC+5+LHR'ERP+2'RFF+ABO:P1'RFF+ZZZ:Q'ERC+0Z'QTY+1:1'"
                "DTM+189:$(yymmdd)1410:201'UNT+12+1'UNZ+1+1'")
        reply = response_of(text.encode())
        assert reply.response_kind is ResponseKind.OTHER
        assert [s.tag for s in reply.unrecognised_segments] == ["ERC", "LOC"]
        (t,) = reply.travellers
        assert [s.tag for s in t.unrecognised_segments] == ["QTY", "DTM"]
        assert [(r.qualifier, r.value) for r in t.references] == [("ABO", "P1"), ("ZZZ", "Q")]
        assert [w.code for w in reply.warnings] == [
            "CUS-QUALIFIER-UNKNOWN", "CUS-SEGMENT-UNEXPECTED", "CUS-QUALIFIER-UNKNOWN"]
        assert [w.code for w in t.warnings] == [
            "CUS-QUALIFIER-UNKNOWN", "CUS-SEGMENT-UNEXPECTED", "CUS-SEGMENT-UNEXPECTED"]

    def test_no_bgm(self) -> None:
        reply = response_of(b"UNB+UNOA:4+GOV+XX+250310:1405+1'UNH+1+CUSRES:D:05B:UN:IATA'ERP+2'"
                            b"RFF+ABO:P1'UNT+4+1'UNZ+1+1'")
        assert [w.code for w in reply.warnings] == ["CUS-SEGMENT-MISSING"]
        assert reply.travellers[0].directive is B.UNKNOWN  # no ERC: not cleared

    def test_json(self, answer: CustomsResponse) -> None:
        out = json.loads(dumps(result_to_json(paxdata.parse(sample("cusres_iapi_response.edi")))))
        (message,) = out["messages"]
        assert message["message_type"] == "CUSRES"
        assert message["response_kind"] == "response"
        assert message["flights"][0]["scheduled_departure"] == "2025-06-12T10:40"
        assert message["travellers"][1]["directive"] == "no_board"
        assert message["travellers"][1]["codes"] == [
            {"code": "1Z", "directive": "no_board", "status": None, "text": "NO BOARD",
             "segment_index": 17}]


class TestCodeTables:
    def test_shipped_tables(self) -> None:
        assert {"default", "CN"} <= set(code_tables())
        cn = code_table("CN")
        assert cn.senders == ("NIAC",)
        assert cn.traveller_codes["1Z"].directive is B.NO_BOARD
        assert cn.message_codes["0"].status is MessageStatus.ACCEPTED
        assert all(entry.source for entry in cn.traveller_codes.values())
        with pytest.raises(KeyError, match="shipped: CN, default"):
            code_table("ZZ")

    def test_a_states_own_table(self, tmp_path: Path, answer: CustomsResponse) -> None:
        path = tmp_path / "erc_zz.toml"
        path.write_text('[table]\nname = "ZZ"\nsenders = ["ZZGOV"]\nsource = "test"\n'
                        '[traveller_codes.0Z]\ndirective = "advisory"\ntext = "SEE OFFICER"\n'
                        '[traveller_codes.1Z]\ndirective = "board"\n')
        table = load_code_table(path)
        again = with_code_table(answer, table)
        assert again.code_table == "ZZ"
        assert [t.directive for t in again.travellers] == [B.ADVISORY, B.BOARD, B.ADVISORY]
        assert answer.travellers[0].directive is B.BOARD  # records are immutable
        register_code_table(attrs.evolve(table, senders=("NIAC",), name="ZZTEST"))
        try:
            reread = response_of(sample("cusres_iapi_response.edi"))
            assert reread.code_table in ("CN", "ZZTEST")  # first table listing NIAC
        finally:
            del code_tables()["ZZTEST"]

    def test_unknown_codes_after_reinterpretation(self, answer: CustomsResponse) -> None:
        empty = attrs.evolve(code_table("default"), name="EMPTY", traveller_codes={})
        again = with_code_table(answer, empty)
        assert {t.directive for t in again.travellers} == {B.UNKNOWN}
        assert [w.code for t in again.travellers for w in t.warnings] == ["CUS-CODE-UNKNOWN"] * 3


class TestMatching:
    def test_answers_to_travellers(self, answer: CustomsResponse, request_list: PassengerList) -> None:
        matched = match_response(answer, request_list)
        assert matched.requests == (request_list,)
        assert [(d.traveller.surname if d.traveller else None, d.directive, d.matched_by, d.cleared)
                for d in matched.decisions] == [
            ("WREN", B.BOARD, "ABO", True),
            ("FENWICK", B.NO_BOARD, "ABO", False),  # same PNR as WREN: ABO tells them apart
            ("D'ARCY-LUND", B.BOARD, "ABO", True)]
        assert matched.unanswered == () and matched.warnings == ()
        assert {d.request_reference for d in matched.decisions} == {"IA0301"}

    def test_status_change_matched_by_flight(self, request_list: PassengerList) -> None:
        change = response_of(sample("cusres_status_change.edi"))
        other = request_of("paxlst_passenger_list.edi")
        matched = match_response(change, [other, request_list])
        assert matched.requests == (request_list,)
        assert matched.warnings == ()  # a status change has its own transaction reference
        (decision,) = matched.decisions
        assert decision.traveller is not None and decision.traveller.surname == "FENWICK"
        assert decision.cleared

    def test_unmatched_unanswered_and_strict(self) -> None:
        reply = response_of(sample("cusres_exceptions.edi"))
        request = request_of("paxlst_passenger_list.edi")
        matched = match_response(reply, request)
        assert [d.traveller.surname if d.traveller else None for d in matched.decisions] == [
            "DOE", "O'BRIEN", None]
        assert [d.cleared for d in matched.decisions] == [True, False, False]
        assert [t.surname for t in matched.unanswered] == ["SILVA"]
        assert [(w.code, w.location.segment_index) for w in matched.warnings] == [
            ("CUS-TRAVELLER-UNMATCHED", 22), ("CUS-TRAVELLER-UNANSWERED", None)]
        assert "XX0101999" not in matched.warnings[0].message  # values only when asked
        shown = match_response(reply, request, policy=Policy(show_values=True))
        assert "XX0101999" in shown.warnings[0].message
        with pytest.raises(DefectError) as caught:
            match_response(reply, request, policy=STRICT)
        assert caught.value.code == "CUS-TRAVELLER-UNMATCHED"

    def test_ambiguous_pnr_without_unique_reference(self, request_list: PassengerList) -> None:
        anonymous = tuple(attrs.evolve(t, unique_passenger_reference=None)
                          for t in request_list.travellers)
        data = write_cusres(attrs.evolve(request_list, travellers=anonymous),
                            [Answer(t, B.BOARD) for t in anonymous]).data
        matched = match_response(response_of(data), request_list)
        assert [d.matched_by for d in matched.decisions] == [None, None, "AVF"]
        assert [w.code for w in matched.warnings] == [
            "CUS-TRAVELLER-AMBIGUOUS", "CUS-TRAVELLER-AMBIGUOUS", "CUS-TRAVELLER-UNANSWERED",
            "CUS-TRAVELLER-UNANSWERED"]

    def test_request_not_found(self, answer: CustomsResponse) -> None:
        matched = match_response(answer, request_of("paxlst_crew_list.edi"))
        assert matched.requests == () and matched.decisions[0].traveller is None
        assert [w.code for w in matched.warnings] == ["CUS-REQUEST-NOT-FOUND"]


class TestWriter:
    def test_answer_is_the_nia_shape(self, request_list: PassengerList) -> None:
        answers = [Answer(t, d) for t, d in zip(request_list.travellers,
                                                [B.BOARD, B.NO_BOARD, B.BOARD], strict=True)]
        result = write_cusres(request_list, answers, table=code_table("CN"), una=False,
                              prepared_at=datetime(2025, 6, 12, 8, 17), line_break="\n")
        # byte for byte the hand-written sample, itself in the shape of the NIA answers in
        # the corpus (cusres/astra__iapi_china_*): references echoed, parties swapped
        assert result.data == sample("cusres_iapi_response.edi")
        (message,) = result.messages
        assert (message.message_reference, message.traveller_count, message.segment_count) == (
            "IA0301", 3, 24)

    def test_message_level_status_codes_and_texts(self) -> None:
        request = request_of("paxlst_passenger_list.edi")
        answers = [Answer(request.travellers[0], B.BOARD),
                   Answer(request.travellers[1], code="7Z", text="REFER TO DUTY OFFICER"),
                   Answer(request.travellers[2], B.INSUFFICIENT_DATA, text="")]
        result = write_cusres(request, answers, message_status=MessageStatus.EXCEPTION,
                              message_text="SEE TRAVELLERS: 2", line_break="\n",
                              envelope=EnvelopeSettings("GOVAPI", "XXAIRLINE",
                                                        prepared_at=datetime(2025, 3, 10, 14, 9)))
        text = result.text
        assert "RFF+TN:XX0101250310001'\nERP+1'\nERC+1'\nFTX+AAP+++SEE TRAVELLERS?: 2'\nRFF+AF:XX101'" in text
        assert "ERC+4Z'\nUNT" in text  # no FTX when text is ""
        reply = response_of(result.data)
        assert reply.message_status is MessageStatus.EXCEPTION
        assert reply.message_texts == ("SEE TRAVELLERS: 2",)
        assert [t.directive for t in reply.travellers] == [B.BOARD, B.UNKNOWN, B.INSUFFICIENT_DATA]

    def test_validation_step(self, request_list: PassengerList) -> None:
        def no_board_needs_text(data: bytes) -> list[Defect]:
            """A PIU's own check: a no-board answer must say why."""
            return [Defect("CUS-VALUE-INVALID", Severity.ERROR, "no-board answer without text",
                           Location(segment_index=t.segment_index, tag="ERP"))
                    for t in response_of(data).travellers
                    if t.directive is B.NO_BOARD and not t.free_texts]

        silent = [Answer(request_list.travellers[0], B.NO_BOARD, text="")]
        with pytest.raises(WriteError) as caught:
            write_cusres(request_list, silent, validate=no_board_needs_text)
        assert caught.value.code == "WRITE-REJECTED"
        assert caught.value.location.segment_index == 9
        told = [Answer(request_list.travellers[0], B.NO_BOARD)]  # the table's text
        assert write_cusres(request_list, told, validate=no_board_needs_text).findings == ()

    def test_unwritable_answers(self, request_list: PassengerList) -> None:
        nameless = attrs.evolve(request_list.travellers[0], reservation_number=None,
                                unique_passenger_reference=None)
        with pytest.raises(WriteError) as caught:
            write_cusres(request_list, [Answer(nameless, B.BOARD)])
        assert caught.value.code == "WRITE-RECORD-INCONSISTENT"
        with pytest.raises(WriteError):
            write_cusres(request_list, [Answer(request_list.travellers[0])])
        no_advice = attrs.evolve(code_table("CN"), traveller_codes={})
        with pytest.raises(WriteError):
            write_cusres(request_list, [Answer(request_list.travellers[0], B.BOARD)],
                         table=no_advice)


# ----------------------------------------------------------------------------- corpus
CUSRES = corpus_files("cusres")


def _line(path: Path) -> int:
    found = re.search(r"_L(\d+)_", path.name)
    assert found is not None
    return int(found.group(1))


def _provenance_codes() -> dict[str, list[str]]:
    codes = {}
    for row in (CORPUS / "PROVENANCE.tsv").read_text().splitlines():
        found = re.search(r"ERC codes ([0-9A-Z,]+);", row)
        if row.startswith("cusres/") and found:
            codes[row.split("\t")[0].split("/")[1]] = found.group(1).split(",")
    return codes


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", CUSRES, ids=lambda p: p.name)
def test_every_corpus_answer_reads_with_its_placeholders(path: Path) -> None:
    raw = path.read_bytes()
    result = paxdata.parse(raw, name=path.name)
    assert result.errors == ()
    (reply,) = result.messages
    assert isinstance(reply, CustomsResponse)
    # ERC codes as PROVENANCE.tsv lists them, one answer per ERP+2 (counted by regex)
    assert [c.code for t in reply.travellers for c in t.codes] == _provenance_codes()[path.name]
    assert len(reply.travellers) == len(re.findall(rb"ERP\+2\"", raw))
    # $(yymmdd) placeholders: reported, never raised; nothing else is wrong
    assert {w.code for w in reply.warnings} <= {"CUS-DATE-INVALID"}
    assert all(t.warnings == () for t in reply.travellers)
    assert reply.flights and all(f.flight_designator for f in reply.flights)
    assert all(t.directive in (B.BOARD, B.NO_BOARD) for t in reply.travellers)


@needs_shared
@pytest.mark.shared
def test_every_corpus_response_matches_the_paxlst_it_answers() -> None:
    requests = {_line(p): paxdata.parse(p.read_bytes()).passenger_lists[0]
                for p in corpus_files("paxlst") if p.name.startswith("astra__iapi_china_L")}
    answers = [p for p in CUSRES if "stage4" not in p.name]
    assert len(answers) == 22
    for path in answers:
        reply = response_of(path.read_bytes())
        # the request: the nearest PAXLST before the answer in the test script with the
        # same transaction reference (or the nearest one, for a status change)
        before = [n for n in requests if n < _line(path)]
        same = [n for n in before if requests[n].transaction_reference == reply.transaction_reference]
        request = requests[max(same or before)]
        matched = match_response(reply, request)
        assert [d.matched_by for d in matched.decisions] == ["ABO"] * len(reply.travellers), path.name
        assert matched.unanswered == (), path.name
        assert [w.code for w in matched.warnings] in ([], ["CUS-REQUEST-BY-FLIGHT"]), path.name


@needs_shared
@pytest.mark.shared
def test_corpus_no_board_answer() -> None:
    reply = response_of((CORPUS / "cusres" / "astra__iapi_china_L1563_CUSRES.edi").read_bytes())
    assert reply.code_table == "CN"
    assert reply.travellers[1].free_texts == (
        "NO BOARD, if there is a question, please contact with NIA of China, tel861056095288.",)
    assert reply.travellers[1].directive is B.NO_BOARD
    assert reply.flights[0].scheduled_departure is None  # $(yymmdd)1620
    assert [w.code for w in reply.warnings] == ["CUS-DATE-INVALID", "CUS-DATE-INVALID"]
    assert reply.warnings[0].location.segment_index == 5
