"""``paxdata convert``: every format, a per-file error table instead of stopping,
depersonalisation options and their usage errors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

import paxdata
from paxdata import edifact
from paxdata._convert import UsageError, add_depersonalise_arguments, prepare_results
from paxdata.cli import main
from paxdata.serializers.arrow import TABLES
from support import SAMPLES, sample

KEY = "convert-test-key-0123456789"
PASSENGERS = SAMPLES / "paxlst_passenger_list.edi"
CREW = SAMPLES / "paxlst_crew_list.edi"


def test_jsonl_of_several_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["convert", str(PASSENGERS), str(CREW), "--to", "jsonl", "--out",
                   str(tmp_path), "--no-progress"])
    assert status == 0
    lines = [json.loads(x) for x in (tmp_path / "paxdata.jsonl").read_text().splitlines()]
    assert [x["record"] for x in lines].count("traveller") == 6
    assert lines[1]["traveller"]["surname"] == "DOE"
    assert "2 input(s), 2 ok, 0 with errors, 0 failed; 6 traveller(s)" in capsys.readouterr().err


def test_bad_files_are_listed_and_the_rest_converted(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    garbage = tmp_path / "garbage.edi"
    garbage.write_bytes(b"this is not edifact at all")
    legacy = tmp_path / "legacy.edi"
    legacy.write_bytes(b"UNB+UNOA:1+AA+USCS+020131:2300+1'UNH+1+PAXLST:001:000:NZ'UNS+D'"
                       b"UNT+3+1'UNZ+1+1'")
    out = tmp_path / "out"
    status = main(["convert", str(garbage), str(tmp_path / "missing.edi"), str(legacy),
                   str(PASSENGERS), "--to", "json", "--out", str(out)])
    assert status == 1
    err = capsys.readouterr().err
    table = err.splitlines()[1:]
    assert table[0].split()[:5] == ["FILE", "STATUS", "MESSAGES", "TRAVELLERS", "ERRORS"]
    rows = {line.split()[0]: line.split()[1] for line in table[1:]}
    assert rows == {str(garbage): "errors", str(tmp_path / "missing.edi"): "failed",
                    str(legacy): "errors"}
    assert "legacy US Customs PAXLST" in err
    assert "cannot read or write: No such file" in err
    document = json.loads((out / "paxdata.json").read_text())
    assert document["inputs"] == [str(garbage), str(legacy), str(PASSENGERS)]
    assert len(document["messages"][-1]["travellers"]) == 3


def test_outputs_are_not_overwritten_without_force(tmp_path: Path) -> None:
    args = ["convert", str(PASSENGERS), "--to", "jsonl", "--out", str(tmp_path)]
    assert main(args) == 0
    assert main(args) == 2
    assert main([*args, "--force"]) == 0


def test_depersonalise_needs_a_long_enough_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    base = ["convert", str(PASSENGERS), "--to", "jsonl", "--out", str(tmp_path / "o")]
    assert main([*base, "--depersonalise"]) == 2
    assert main([*base, "--depersonalise", "--key", "short"]) == 2
    assert main([*base, "--key", KEY]) == 2  # a key without --depersonalise
    assert "at least 16 bytes" in capsys.readouterr().err
    monkeypatch.setenv("PAXDATA_TEST_KEY", KEY)
    assert main([*base, "--depersonalise", "--key-env", "PAXDATA_TEST_KEY"]) == 0
    via_env = (tmp_path / "o" / "paxdata.jsonl").read_bytes()
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n")
    assert main([*base, "--force", "--depersonalise", "--key-file", str(key_file)]) == 0
    assert (tmp_path / "o" / "paxdata.jsonl").read_bytes() == via_env  # same key, same data
    assert b"DOE" not in via_env and b"123456789" not in via_env


def test_edifact_raw_is_the_writers_lossless_form(tmp_path: Path) -> None:
    assert main(["convert", str(SAMPLES), "--to", "edifact", "--out", str(tmp_path),
                 "--line-break", "lf"]) == 0
    written = tmp_path / PASSENGERS.name
    again = paxdata.parse(written.read_bytes())
    assert [t.surname for t in again.passenger_lists[0].travellers] == [
        "DOE", "O'BRIEN", "SILVA"]
    before = edifact.read(sample(PASSENGERS.name)).interchanges[0].all_segments()
    after = edifact.read(written.read_bytes()).interchanges[0].all_segments()
    assert after == before


def test_edifact_depersonalised(tmp_path: Path) -> None:
    assert main(["convert", str(PASSENGERS), "--to", "edifact", "--out", str(tmp_path),
                 "--depersonalise", "--key", KEY, "--birth-year"]) == 0
    text = (tmp_path / PASSENGERS.name).read_text()
    assert "DOE" not in text and "DTM+329:850101'" in text and "NAT+2+GBR'" in text
    assert [t.nationality for t in paxdata.parse(text).passenger_lists[0].travellers] == [
        "GBR", "IRL", "BRA"]


def test_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    assert main(["convert", *(str(p) for p in sorted(SAMPLES.glob("paxlst_*.edi"))),
                 "--to", "parquet", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "travellers.parquet").stat().st_size > 0
    assert len(list(tmp_path.glob("*.parquet"))) == len(TABLES)


def test_progress_bar_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(PASSENGERS), str(CREW), "--to", "jsonl", "--out",
                 str(tmp_path), "--progress"]) == 0
    assert "100%" in capsys.readouterr().err


def test_depersonalise_options_for_parse() -> None:
    parser = argparse.ArgumentParser()
    add_depersonalise_arguments(parser)
    results = [paxdata.parse(sample(PASSENGERS.name))]
    out = list(prepare_results(parser.parse_args(["--depersonalise", "--key", KEY]), results))
    assert out[0].passenger_lists[0].travellers[0].surname is None
    kept = list(prepare_results(parser.parse_args([]), results))
    assert kept[0] is results[0]
    with pytest.raises(UsageError):
        list(prepare_results(parser.parse_args(["--birth-year"]), results))
