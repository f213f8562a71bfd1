"""Every PNRGOV XML file of the reference corpus (../shared/corpus/pnrgov_xml*) goes
through ``paxdata parse`` without a crash, with the values those files hold."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import paxdata
from paxdata.cli import main
from paxdata.pnrgov import PnrgovMessage
from support import CORPUS, corpus_files, needs_shared

pytestmark = [pytest.mark.shared, needs_shared]

FILES = corpus_files("pnrgov_xml") + corpus_files("pnrgov_xml_synth")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_corpus_file_goes_through_paxdata_parse(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["parse", "--compact", str(path)])
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert "Traceback" not in err and "internal error" not in err
    if path.name == "SaberLS__test_pnr_3.xml":  # malformed on purpose (PROVENANCE.tsv)
        assert status == 1 and document["messages"] == []
        assert [e["code"] for e in document["errors"]] == ["XML-MALFORMED"]
        assert document["errors"][0]["line"] == 11
        return
    assert status == 0, err
    (message,) = document["messages"]
    assert message["message_type"] == "PNRGOV" and message["pnrs"]


def test_fragment_values() -> None:
    (message,) = paxdata.parse(CORPUS / "pnrgov_xml" / "SaberLS__test_pnr.xml").messages
    assert isinstance(message, PnrgovMessage)
    (pnr,) = message.pnrs
    assert (pnr.booking_system, pnr.record_locator) == ("ENT", "00A234B")
    assert pnr.created_at == datetime(2024, 1, 1, 4, 40)  # sent without an offset: naive
    anna, adam, jan = pnr.travellers
    assert (anna.surname, anna.given_names, anna.traveller_reference) == \
        ("KOWALSKA", ("ANNA",), "20000000")
    # the Flight's SSR DOCS text, naming the traveller by RPH, gives the documents
    assert [(d.number, d.expiry_date) for d in anna.documents] == \
        [("BA5345321", date(2027, 8, 30))]
    assert (anna.gender, anna.date_of_birth, anna.nationality) == ("F", date(2002, 12, 30), "POL")
    assert [s.code for s in adam.ssrs].count("CHLD") == 1
    (seat,) = [s for s in jan.ssrs if s.code == "SEAT"]
    assert (seat.board_point, seat.off_point, seat.flight) == ("LHR", "WAW", "ENT1234")


def test_check_in_values() -> None:
    (message,) = paxdata.parse(CORPUS / "pnrgov_xml" / "SaberLS__test_pnr_2.xml").messages
    assert isinstance(message, PnrgovMessage)
    (pnr,) = message.pnrs
    assert [(r.booking_system, r.locator, r.control_type) for r in pnr.record_locators] == \
        [("1A", "Q3BQ9I", None), ("F1", "RQAX6T", "O")]
    tomasz, pawel = pnr.travellers
    (checkin,) = tomasz.check_in
    assert (checkin.flight, checkin.boarding_number, checkin.seat, checkin.cabin) == \
        ("LH1374", "FRA-032", "006F", "M")
    assert pawel.check_in[0].seat == "006D"
    assert [c.channel for c in tomasz.contacts] == ["email"]
    assert pnr.itinerary[1].aircraft_type == "CR9"


def test_synthetic_push_values() -> None:
    path = CORPUS / "pnrgov_xml_synth" / "pnrgov_synth_05_LH28JC_FRA-LJU_1pax.xml"
    (message,) = paxdata.parse(path).messages
    assert isinstance(message, PnrgovMessage)
    assert message.flight is not None
    assert message.flight.flight_designator == "LH28JC"
    assert message.flight.scheduled_departure == datetime(2019, 4, 1, 16, 26, tzinfo=UTC)
    (pnr,) = message.pnrs
    (victor,) = pnr.travellers
    assert (victor.surname, victor.date_of_birth, victor.nationality) == \
        ("Evans", date(1995, 8, 15), "GIB")
    assert [s.code for s in victor.ssrs] == ["OTHS", "DOCA", "DOCO", "DOCS"]
    assert [(i.operating_carrier, i.operating_flight_number) for i in pnr.itinerary] == \
        [("AF", "1533"), ("LH", "28JC")]
    codes = {d.code for d in pnr.warnings}
    assert {"XML-VALUE-FORMAT", "XML-UNKNOWN", "XML-NOT-MAPPED"} <= codes
    # nothing dropped: what is not mapped is on the records, raw
    raw = " ".join(s.elements[0][0] for t in pnr.travellers for s in t.unrecognised_segments)
    assert 'DiscountrPercent="5"' in raw and 'BoardingStatus="63"' in raw
