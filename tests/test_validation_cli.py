"""``paxdata validate``: exit codes, the text/JSON/HTML reports, masking, and the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from paxdata.cli import main
from paxdata.validation import validate
from support import SAMPLES, corpus_files, needs_shared
from test_validation import BODY, OTHER, TODAY, M, interchange, sub

#: A list with personal values in findings: a bad name, a bad document number and a date
#: of birth in the future (traveller 1), an unreadable date of birth (traveller 2).
PERSONAL = interchange(M(sub(sub(sub(sub(
    BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++ZED4NER:QUINTINA"),
    "DTM+329:850412", "DTM+329:20990101:102"),
    "DOC+P+123456789", "DOC+P+AB-998877"),
    "CNT+42:1", [*sub(OTHER, "DTM+329:800101", "DTM+329:851332"), "CNT+42:2"])))
SECRETS = ["ZED4NER", "QUINTINA", "AB-998877", "998877", "20990101", "2099-01-01", "851332",
           "ROE", "RICHARD"]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_clean_input_exits_0_and_prints_nothing(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", write(tmp_path, "ok.edi", interchange())]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 error(s), 0 warning(s), 0 info" in err


def test_text_lines_exit_codes_and_fail_level(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.edi", interchange(M(sub(sub(
        BODY, "NAT+2+GBR", "NAT+2+XYZ"), "CNT+42:1", "CNT+41:1"))))
    assert main(["validate", path]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:segment 17 (NAT e2c1): ERROR PAX-COUNTRY-CODE nationality 'XYZ' is not an "
        "ISO 3166-1 alpha-3 or ICAO Doc 9303 code",
        f"{path}:segment 23 (CNT e1c1): WARNING PAX-CNT-QUALIFIER control total 41 in a "
        "passenger list (expected 42)",
    ]
    warning_only = write(tmp_path, "warn.edi", interchange(M(sub(BODY, "CNT+42:1", "CNT+41:1"))))
    assert main(["validate", warning_only]) == 0
    assert main(["validate", "--fail-on", "warning", warning_only]) == 1


def test_several_messages_name_the_message(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "two.edi", interchange(
        M(), M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ"), ref="M2", tail="+XX0202/250310/1600+01:F")))
    assert main(["validate", path]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}:segment 17 (NAT e2c1) message M2: ERROR PAX-COUNTRY-CODE")


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    assert main(["validate", "--profile", "atlantis", "x.edi"]) == 2
    assert "unknown profile 'atlantis'" in capsys.readouterr().err
    assert main(["validate", "--format", "pdf", "x.edi"]) == 2


def test_unreadable_input_is_an_error_finding(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.edi")
    assert main(["validate", missing]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{missing}: ERROR VAL-INPUT-UNREADABLE cannot read")


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.edi", interchange(M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ"))))
    assert main(["validate", "--format", "json", "--profile", "eu-api-2025", path]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["profile"] == "eu-api-2025"
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 0, "info": 0}
    assert report["summary"]["by_rule"]["PAX-COUNTRY-CODE"]["count"] == 1
    assert (report["summary"]["messages"], report["summary"]["travellers"]) == (1, 1)
    (finding,) = report["inputs"][0]["findings"]
    assert finding == {
        "rule": "PAX-COUNTRY-CODE", "severity": "error",
        "message": "nationality 'XYZ' is not an ISO 3166-1 alpha-3 or ICAO Doc 9303 code",
        "input": path, "message_reference": "M1",
        "traveller": {"index": 1, "name": "DOE, JANE", "kind": "traveller"},
        "segment_index": 17, "tag": "NAT", "element": 2, "component": 1, "value": "XYZ",
        "offset": interchange(M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ"))).index(b"NAT+2+XYZ"),
        "line": 1, "segment": "NAT+2+XYZ'"}


def test_html_report_is_self_contained_escaped_and_grouped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = interchange(M(sub(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++DOE<B>:JANE"),
                             "NAT+2+GBR", "NAT+2+XYZ"), count=99))
    path = write(tmp_path, "bad&<x>.edi", data)
    out = tmp_path / "report.html"
    assert main(["validate", "--format", "html", "-o", str(out), path]) == 1
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)   # nothing external
    assert "<B>" not in page and "DOE&lt;B&gt;" in page
    assert "bad&amp;&lt;x&gt;.edi" in page
    assert "<h3>envelope and message (message M1)</h3>" in page
    assert "<h3>traveller 1: DOE&lt;B&gt;, JANE (message M1)</h3>" in page
    assert page.index("ENV-UNT-COUNT</td>") < page.index("traveller 1:")
    assert "<pre>NAT+2+XYZ&#x27;</pre>" in page
    summary = page[page.index("<h2>Summary</h2>"):page.index("</table>", page.index("<th>rule"))]
    for rule in ("PAX-COUNTRY-CODE", "PAX-NAME-CHARS", "ENV-UNT-COUNT"):
        assert f"<td>{rule}</td>" in summary


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_mask_hides_personal_values_in_every_format(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "personal.edi", PERSONAL)
    unmasked = tmp_path / f"plain.{fmt}"
    masked = tmp_path / f"masked.{fmt}"
    assert main(["validate", "--format", fmt, "-o", str(unmasked), path]) == 1
    assert main(["validate", "--format", fmt, "--mask", "-o", str(masked), path]) == 1
    plain, hidden = unmasked.read_text(), masked.read_text()
    # the unmasked report shows them (so the test would catch a leak)
    assert "851332" in plain
    if fmt != "text":
        assert "ZED4NER" in plain and "AB-998877" in plain
    for secret in SECRETS:
        assert secret not in hidden, secret
    for rule in ("PAX-NAME-CHARS", "PAX-DOB-FUTURE", "PAX-DOC-NUMBER-CHARS", "PAX-DATE-INVALID"):
        assert rule in hidden


def test_masked_findings_keep_their_place() -> None:
    findings = validate(PERSONAL, mask=True, today=TODAY)
    name = next(f for f in findings if f.rule == "PAX-NAME-CHARS")
    assert (name.value, name.where(), name.subject.index if name.subject else 0) == (
        "***", "segment 10 (NAD e4c1)", 1)
    assert name.subject is not None and name.subject.name is None
    assert str(name.segment) == "NAD+FL+++***:***'"


# ---------------------------------------------------------------------------- corpus
EDIFACT = [p for folder in ("paxlst", "pnrgov_edi", "cusres", "other", "fragments")
           for p in corpus_files(folder)]


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", EDIFACT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_validate_never_crashes_on_the_corpus(path: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    for fmt in ("text", "json", "html"):
        assert main(["validate", "--format", fmt, "--mask", str(path)]) in (0, 1)
    out = capsys.readouterr().out
    assert "Traceback" not in out and "VAL-INTERNAL" not in out


def test_without_a_profile_pnr_pushes_get_pnrgov_and_api_gets_wco(
        capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [str(SAMPLES / name) for name in ("paxlst_passenger_list.edi",
                                               "pnrgov_quirks.edi",
                                               "pnrgov_xml_full_push.xml")]
    assert main(["validate", "--format", "json", *inputs]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["profile"] == "pnrgov, wco"
    assert [i["profile"] for i in report["inputs"]] == ["wco", "pnrgov", "pnrgov"]
    quirks = {f["rule"] for f in report["inputs"][1]["findings"]}
    assert {"PNR-EQN-COUNT", "PNR-SSR-REFERENCE", "PNR-DOCS-COUNTRY-ALPHA2"} <= quirks
    # named, the profile applies to every input: wco has no PNR rules
    assert main(["validate", "--format", "json", "--profile", "wco", inputs[1]]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["inputs"][0]["profile"] == "wco"
    assert not [f for f in report["inputs"][0]["findings"] if f["rule"].startswith("PNR-")]
