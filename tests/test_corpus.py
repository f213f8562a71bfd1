"""The reference corpus in ../shared: every PAXLST file parses, travellers are all found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import paxdata
from paxdata import edifact
from support import CORPUS, corpus_files, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]

PAXLST = corpus_files("paxlst")
ALL_EDIFACT = [p for folder in ("paxlst", "pnrgov_edi", "cusres", "other", "fragments")
               for p in corpus_files(folder)]
LEGACY_US = {p.name for p in PAXLST if "PaxlstParserUSedifactTest" in p.name}


def independent_traveller_count(raw: bytes) -> int:
    """NAD FL/FM/DDU/DDT segments counted with a regular expression, not with paxdata.

    The element separator is read from a UNA when there is one; the segment can follow
    any terminator, whitespace, or start the input.
    """
    text = raw.decode("latin-1")
    una = re.search(r"UNA(.)(.)", text)
    sep = re.escape(una.group(2)) if una else r"\+"
    return len(re.findall(r"(?:^|[^A-Za-z0-9])NAD" + sep + r"(?:FL|FM|DDU|DDT)" + sep, text))


@pytest.mark.parametrize("path", PAXLST, ids=lambda p: p.name)
def test_every_paxlst_file_parses_and_keeps_every_traveller(path: Path) -> None:
    raw = path.read_bytes()
    result = paxdata.parse(raw, name=path.name)
    travellers = sum(len(m.travellers) for m in result.passenger_lists)
    assert travellers == independent_traveller_count(raw)
    if path.name in LEGACY_US:
        assert [e.code for e in result.errors] == ["MSG-UNSUPPORTED"]
    else:
        assert result.errors == ()
        assert result.passenger_lists


@pytest.mark.parametrize("path", ALL_EDIFACT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_edifact_file_reads_without_exception(path: Path) -> None:
    edifact.read(path.read_bytes(), name=path.name)


def test_corpus_is_there() -> None:
    assert len(PAXLST) >= 60
    assert (CORPUS / "PROVENANCE.tsv").is_file()


def test_guide_example_5_1_values() -> None:
    plist = paxdata.parse(CORPUS / "paxlst" / "jetway__paxlst_test_example51.edi").passenger_lists[0]
    (leg,) = plist.flight_legs
    assert (leg.carrier, leg.flight_number, leg.departure_airport, leg.arrival_airport) == (
        "ZZ", "123", "SYD", "HNL")
    assert leg.scheduled_arrival is not None and leg.scheduled_arrival.isoformat() == "2013-06-21T22:00:00"
    (traveller,) = plist.travellers
    assert (traveller.surname, traveller.given_names) == ("WILLIAMS", ("JOHN", "DONALD"))
    assert traveller.bag_tags == ("ZZ012345", "ZZ012346", "ZZ012347")
    assert traveller.data_verified is False
    assert plist.declared_total == 160


def test_guide_example_5_3_progressive_flight() -> None:
    plist = paxdata.parse(CORPUS / "paxlst" / "jetway__paxlst_test_example53.edi").passenger_lists[0]
    assert [(leg.flight_designator, leg.departure_airport, leg.arrival_airport)
            for leg in plist.flight_legs] == [("XZ877", "BCN", "IAD"), ("ZX877", "IAD", "SFO")]


def test_china_iapi_with_double_quote_terminators_and_placeholders() -> None:
    result = paxdata.parse(CORPUS / "paxlst" / "astra__iapi_china_L419_PAXLST.edi")
    plist = result.passenger_lists[0]
    assert [t.ticket_number for t in plist.travellers] == ["7842836432717C2", "7842836432722C2"]
    codes = {w.code for w in plist.warnings}
    assert "PAX-DATE-INVALID" in codes  # $(yymmdd) placeholders do not crash the reader


def test_type_b_wrapped_corpus_file() -> None:
    result = paxdata.parse(CORPUS / "paxlst" / "unknown_sita_MQPUT__typeB_KLMUS_BCSAPIS.edi")
    assert result.skipped[0].kind == "envelope"
    plist = result.passenger_lists[0]
    assert plist.part_number == 2 and plist.is_last_part
    assert plist.travellers[0].surname == "JONES"
