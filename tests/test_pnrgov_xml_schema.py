"""XSD validation of PNRGOV XML against the IATA schemas (release 2021.2, in ../shared):
the misspelt type handled without editing the IATA files, each schema error a located
finding (line and column), the writer's output schema-valid, and ``paxdata validate``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import paxdata
from paxdata import Policy
from paxdata.cli import main
from paxdata.pnrgov_xml import SchemaError, load_schema, validate_xml, write_xml
from paxdata.pnrgov_xml._input import etree
from paxdata.pnrgov_xml._schema import _aliases, start_tags
from support import CORPUS, SAMPLES, corpus_files, needs_shared, sample

IATA = CORPUS / "schemas" / "iata"
XML_SAMPLES = sorted(SAMPLES.glob("pnrgov_*.xml"))
EDIFACT_SAMPLES = sorted(SAMPLES.glob("pnrgov_*.edi"))

pytestmark = [pytest.mark.shared, needs_shared]


def test_the_published_set_does_not_compile_as_it_stands() -> None:
    with pytest.raises(etree.XMLSchemaParseError) as raised:
        etree.XMLSchema(etree.parse(str(IATA / "IATA_PNRGOV_NotifRQ.xsd")))
    assert "StringLength1to35" in str(raised.value)


def test_the_misspelt_type_gets_an_alias_and_the_files_stay_untouched() -> None:
    before = {p.name: p.read_bytes() for p in IATA.glob("*.xsd")}
    assert _aliases(IATA) == {"StringLength1to35": "StringLenght1to35"}
    schema = load_schema(IATA)
    assert schema.validate(etree.parse(str(SAMPLES / "pnrgov_xml_full_push.xml")))
    assert {p.name: p.read_bytes() for p in IATA.glob("*.xsd")} == before


def test_a_corrected_set_needs_no_alias(tmp_path: Path) -> None:
    for path in IATA.glob("*.xsd"):
        text = path.read_text()
        if path.name == "IATA_SimpleTypes.xsd":
            text = text.replace("StringLenght1to35", "StringLength1to35")
        (tmp_path / path.name).write_text(text)
    assert _aliases(tmp_path) == {}
    assert validate_xml(sample("pnrgov_xml_update_push.xml"), tmp_path) == []


def test_an_include_outside_the_folder_is_refused(tmp_path: Path) -> None:
    for path in IATA.glob("*.xsd"):
        shutil.copy(path, tmp_path / path.name)
    main_schema = tmp_path / "IATA_PNRGOV_NotifRQ.xsd"
    main_schema.write_text(main_schema.read_text().replace(
        'schemaLocation="IATA_SimpleTypes.xsd"',
        'schemaLocation="http://127.0.0.1:1/IATA_SimpleTypes.xsd"'))
    with pytest.raises(SchemaError) as raised:
        load_schema(tmp_path)
    assert "http://127.0.0.1:1/IATA_SimpleTypes.xsd" in raised.value.message
    with pytest.raises(SchemaError):
        load_schema(tmp_path / "missing")


@pytest.mark.parametrize("path", XML_SAMPLES, ids=lambda p: p.name)
def test_the_samples_are_schema_valid(path: Path) -> None:
    assert validate_xml(path.read_bytes(), IATA) == []


def test_errors_are_located_at_the_element_and_attribute() -> None:
    text = sample("pnrgov_xml_update_push.xml").decode()
    text = text.replace('<Passenger RPH="1">', '<Passenger RPH="1" Mood="calm">')
    text = text.replace('FlightNumber="0101">\n        <DepartureAirport',
                        'FlightNumber="01A1">\n        <DepartureAirport')
    data = text.encode()
    errors = validate_xml(data, IATA)
    assert [e.code for e in errors] == ["XML-XSD-INVALID"] * 2
    lines = text.split("\n")
    for error in errors:
        location = error.location
        assert location.offset is not None and location.line is not None
        line_text = lines[location.line - 1]
        column = int(error.message.split("column ")[1].split(":")[0])
        assert data[location.offset:].startswith(line_text[column - 1:].encode()[:10])
    mood, number = errors
    assert mood.location.tag == "Passenger"
    assert text[mood.location.offset:].startswith("Mood=")  # type: ignore[index]
    assert mood.message.startswith("line 19, column 26: Element 'Passenger', attribute "
                                   "'Mood': The attribute 'Mood' is not allowed.")
    assert number.location.tag == "Flight" and number.location.line == 31
    assert "(value not shown)" in number.message and "01A1" not in number.message
    shown = validate_xml(data, IATA, policy=Policy(show_values=True))
    assert "'01A1'" in shown[1].message


def test_start_tags_skip_comments_cdata_and_instructions() -> None:
    text = b'<?xml version="1.0"?><!-- <no> --><a><![CDATA[<no/>]]><?pi <no>?><b x="1>"/></a>'
    assert [text[i:i + 2] for i in start_tags(text)] == [b"<a", b"<b"]


@pytest.mark.parametrize("path", corpus_files("pnrgov_xml_synth"), ids=lambda p: p.name)
def test_synthetic_corpus_errors_are_located(path: Path) -> None:
    data = path.read_bytes()
    errors = validate_xml(data, IATA, policy=Policy(max_defects_per_kind=10_000))
    assert errors[0].message.startswith("line 1, column 1: Element 'IATA_PNRGOV_NotifRQ': No "
                                        "matching global declaration")
    assert all(e.location.line is not None for e in errors)


def test_malformed_and_dtd_documents_are_not_validated() -> None:
    (error,) = validate_xml(b"<IATA_PNRGOV_NotifRQ><PNRs>", IATA)
    assert error.code == "XML-MALFORMED"
    (error,) = validate_xml(b'<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>', IATA)
    assert error.code == "XML-DTD-REFUSED"


# ------------------------------------------------------------------ the writer's output
@pytest.mark.parametrize("path", XML_SAMPLES, ids=lambda p: p.name)
def test_written_xml_from_xml_is_valid(path: Path) -> None:
    for message in paxdata.parse(path).pnrgov_messages:
        written = write_xml(message)
        assert validate_xml(written.data, IATA) == []


@pytest.mark.parametrize("path", EDIFACT_SAMPLES, ids=lambda p: p.name)
def test_written_xml_from_edifact_is_valid_or_says_why(path: Path) -> None:
    for message in paxdata.parse(path).pnrgov_messages:
        written = write_xml(message)
        errors = validate_xml(written.data, IATA, policy=Policy(show_values=True))
        announced = " ".join(w.message for w in written.warnings)
        for error in errors:  # every schema error was announced by a writer warning
            attribute = error.message.split("attribute '")[1].split("'")[0] \
                if "attribute '" in error.message else "text"
            assert f"{error.location.tag}@{attribute}" in announced or \
                f"{error.location.tag} text" in announced, error.message


def test_full_push_from_edifact_is_valid_but_for_its_boarding_numbers() -> None:
    (message,) = paxdata.parse(SAMPLES / "pnrgov_full_push.edi").pnrgov_messages
    written = write_xml(message)
    errors = validate_xml(written.data, IATA)
    assert [e.location.tag for e in errors] == ["BoardingNumber", "BoardingNumber"]


# ------------------------------------------------------------------ paxdata validate
def test_validate_command_with_xsd_dir(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(sample("pnrgov_xml_update_push.xml").replace(
        b'<Passenger RPH="1">', b'<Passenger RPH="1" Mood="calm">'))
    status = main(["validate", "--profile", "pnrgov", "--xsd-dir", str(IATA), "--format",
                   "json", str(broken), str(SAMPLES / "pnrgov_xml_full_push.xml")])
    out = json.loads(capsys.readouterr().out)
    assert status == 1
    first, second = out["inputs"]
    xsd = [f for f in first["findings"] if "XML-XSD-INVALID" in f["message"]]
    assert len(xsd) == 1
    assert (xsd[0]["severity"], xsd[0]["line"], xsd[0]["tag"]) == ("error", 19, "Passenger")
    assert "column 26" in xsd[0]["message"]
    assert not [f for f in second["findings"] if f["severity"] == "error"]


def test_validate_reads_the_schema_folder_from_the_environment(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "pnrgov_xml_synth" / "pnrgov_synth_05_LH28JC_FRA-LJU_1pax.xml"
    monkeypatch.setenv("PAXDATA_PNRGOV_XSD_DIR", str(IATA))
    status = main(["validate", "--profile", "pnrgov", str(path)])
    out = capsys.readouterr().out
    assert status == 1
    assert ":line 1 (IATA_PNRGOV_NotifRQ): ERROR VAL-DEFECT line 1, column 1: Element " \
        "'IATA_PNRGOV_NotifRQ': No matching global declaration" in out
    monkeypatch.delenv("PAXDATA_PNRGOV_XSD_DIR")
    main(["validate", "--profile", "pnrgov", str(SAMPLES / "pnrgov_xml_update_push.xml")])
    assert "XML-XSD-SKIPPED" in capsys.readouterr().out


def test_validate_refuses_an_unusable_schema_folder(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", "--xsd-dir", str(tmp_path), str(SAMPLES /
                                                              "pnrgov_xml_full_push.xml")])
    assert status == 2
    assert "IATA_PNRGOV_NotifRQ.xsd is not in the schema folder" in capsys.readouterr().err


def test_reader_findings_carry_their_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "pnrgov_xml_synth" / "pnrgov_synth_04_FR841_SNN-STN_3seg.xml"
    main(["validate", "--profile", "pnrgov", "--xsd-dir", str(IATA), "--format", "json",
          str(path)])
    findings = json.loads(capsys.readouterr().out)["inputs"][0]["findings"]
    formats = [f for f in findings if "XML-VALUE-FORMAT" in f["message"]]
    assert formats and all(f["line"] is not None for f in formats)
