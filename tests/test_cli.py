"""The paxdata command line: output, exit codes, error lines on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paxdata.cli import main
from support import SAMPLES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith("{") else {}, err


def test_parse_sample_to_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", str(SAMPLES / "paxlst_passenger_list.edi"))
    assert code == 0 and err == ""
    (message,) = out["messages"]
    assert message["message_type"] == "PAXLST"
    assert message["version"] == "D:05B"
    assert message["list_type"] == "passenger"
    assert message["flight_legs"][0]["scheduled_departure"] == "2025-03-10T16:00"
    obrien = message["travellers"][1]
    assert obrien["surname"] == "O'BRIEN"
    assert obrien["documents"][0] == {
        "type": "P", "number": "PA1234567", "issuing_country": "IRL", "issuing_place": None,
        "expiry_date": "2028-12-31", "issue_date": None, "unrecognised_segments": [],
        "segment_index": 42}


def test_jsonl_one_message_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["parse", "--format", "jsonl", str(SAMPLES / "paxlst_type_b_envelopes.edi"),
                 str(SAMPLES / "paxlst_crew_list.edi")])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [json.loads(line)["message_reference"] for line in out] == ["TB1", "TB2", "C0001"]


def test_errors_go_to_stderr_with_place_and_exit_1(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "legacy.edi"
    legacy = ("UNB+UNOA:1+AA+USCS+020131:2300+1'UNH+1+PAXLST:001:000:NZ'UNS+D'UNT+3+1'"
              "UNZ+1+1'")
    bad.write_text(legacy)
    code, out, err = run(capsys, "parse", str(bad), str(SAMPLES / "paxlst_crew_list.edi"),
                         str(tmp_path / "missing.edi"))
    assert code == 1
    lines = err.splitlines()
    offset = legacy.index("UNH")
    assert lines[0].startswith(
        f"{bad}: segment 1 (UNH) element 2, line 1, offset {offset}: message '1' is the legacy")
    assert lines[1].startswith(f"{tmp_path / 'missing.edi'}: cannot read")
    assert len(out["messages"]) == 2  # the crew list and the legacy message (syntax level)
    assert out["errors"][0]["code"] == "MSG-UNSUPPORTED"


def test_strict_stops_at_the_first_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "count.edi"
    text = ("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+9+1'"
            "UNZ+1+1'")
    path.write_text(text)
    assert run(capsys, "parse", str(path))[0] == 0
    code, _, err = run(capsys, "parse", "--strict", str(path))
    assert code == 1
    assert err.strip() == (f"{path}: segment 3 (UNT) element 1, line 1, offset "
                           f"{text.index('UNT')}: UNT declares 9 segments, 3 received (UNH to UNT)")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["parse"]) == 2
    assert main(["parse", "--format", "xml", "x"]) == 2
    assert "usage" in capsys.readouterr().err


def test_stdin_and_console_script() -> None:
    data = (SAMPLES / "paxlst_progressive_flight.edi").read_bytes()
    done = subprocess.run([sys.executable, "-m", "paxdata", "parse", "--compact", "-"],
                          input=data, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["inputs"] == ["<stdin>"]
    assert [leg["arrival_airport"] for leg in out["messages"][0]["flight_legs"]] == ["IAD", "SFO"]


def test_garbage_input_is_an_error_not_a_traceback(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(range(256)) * 4)
    code, _, err = run(capsys, "parse", str(path))
    assert code == 1
    assert "Traceback" not in err
    assert "no EDIFACT interchange found" in err
