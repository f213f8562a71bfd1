"""PNRGOV validation rules: for every PNR-* rule, a push that breaks it (and only it) and
the clean push that does not; each finding's rule id, exact location and subject (the PNR,
and the traveller when one is concerned) are asserted.

The clean push is an invented PNRGOV 13.1 full push (flight XX0101 LHR 16:00 -> JFK 19:00
local on 17 March 2025, EQN 2). Segment indexes (UNH = 1): MSG 2, ORG 3, TVL 4, EQN 5;
PNR 1 (ABC123): SRC 6, RCI 7, DAT 8, ORG 9, TIF ROE/ANNA 10, SSR DOCS 11, TIF ROE/PETER 12,
SSR DOCS 13, Gr.5 TVL XX0101 14, RPI 15, APD 16, SSR SEAT 17, check-in DAT 18, ORG 19,
TRI 20, TIF 21, SSD 22, Gr.5 TVL XX0102 JFK -> LHR 23, RPI 24; PNR 2 (DEF456): SRC 25,
RCI 26, TIF DOE/JOHN 27, SSR DOCS 28, TVL 29, RPI 30; UNT 31. Validated on 1 March 2025.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import paxdata
from paxdata.cli import main
from paxdata.validation import RULES, Finding, load_profile, validate, validate_input
from paxdata.validation.rules.pnrgov import pnr_subject
from support import corpus_files, needs_shared

TODAY = date(2025, 3, 1)
UNH = "UNH+1+PNRGOV:13:1:IA+XX0101/170325/1600+01:F"
DOCS = "SSR+DOCS:HK:1:XX:::::/P/GBR/123456789/GBR/12APR85/F/01JAN30/ROE/ANNA"
SEAT = "SSR+SEAT:HK:2:XX:::LHR:JFK+23A::1+23B::2"
RETURN = "TVL+240325:1100:240325:2300+JFK+LHR+XX+0102:Y"
PNR_1 = [
    "SRC", "RCI+XX:ABC123::010225:1210", "DAT+700:150325:0815",
    "ORG+1A:MUC+91234567:LONXX2100+LON+XX+T+GB:GBP:EN+AB12CD",
    "TIF+ROE+ANNAMRS:A:1", DOCS,
    "TIF+ROE+PETERMR:A:2",
    "SSR+DOCS:HK:1:XX:::::/P/GBR/223456789/GBR/01JAN79/M/31DEC28/ROE/PETER",
    "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101:Y", "RPI+2+HK", "APD+789", SEAT,
    "DAT+2:170325:1310", "ORG+XX++++A", "TRI++LHR-042:::1", "TIF+ROE+ANNAMRS:A:1",
    "SSD+23A++++Y",
    RETURN, "RPI+2+HK",
]
PNR_2 = [
    "SRC", "RCI+XX:DEF456::020225:0900", "TIF+DOE+JOHNMR:A:1",
    "SSR+DOCS:HK:1:XX:::::/P/DEU/C4FG15LP2/DEU/23AUG77/M/13FEB31/DOE/JOHN",
    "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101:Y", "RPI+1+HK",
]
HEADER = ["MSG+:22", "ORG+XX:LHR", "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101"]
BODY = [*HEADER, "EQN+2", *PNR_1, *PNR_2]


def sub(body: list[str], old: str, new: str | list[str] | None, last: bool = False
        ) -> list[str]:
    """``body`` with segment ``old`` (its first or ``last`` occurrence) replaced by ``new``
    (a list inserts several; None removes it)."""
    assert old in body, old
    at = len(body) - 1 - body[::-1].index(old) if last else body.index(old)
    replacement = [] if new is None else [new] if isinstance(new, str) else new
    return body[:at] + replacement + body[at + 1:]


def message(body: list[str] | None = None, unh: str = UNH, ref: str = "1") -> list[str]:
    segments = [unh.replace("UNH+1+", f"UNH+{ref}+"), *(BODY if body is None else body)]
    return [*segments, f"UNT+{len(segments) + 1}+{ref}"]


def push(*messages: list[str]) -> bytes:
    """An interchange (IATA syntax, UNA given) holding ``messages`` (default: the clean
    push)."""
    msgs = list(messages) or [message()]
    segments = ["UNB+IATA:1+XX+GOVPIU+250310:0930+IC0001",
                *(s for m in msgs for s in m), f"UNZ+{len(msgs)}+IC0001"]
    return ("UNA:+.?*'" + "".join(s + "'" for s in segments)).encode("ascii")


def part(number: int, last: bool, body: list[str], ref: str) -> list[str]:
    """Part ``number`` of a multi-part push (UNH S010 ``NN:C`` or ``NN:F``)."""
    unh = f"UNH+1+PNRGOV:13:1:IA+XX0101/170325/1600+{number:02d}:{'F' if last else 'C'}"
    return message(body, unh, ref)


def where(findings: list[Finding], rule: str) -> list[str]:
    return [f.where() for f in findings if f.rule == rule]


def docs(old: str, new: str) -> list[str]:
    """The clean body with the first traveller's DOCS text changed."""
    assert old in DOCS
    return sub(BODY, DOCS, DOCS.replace(old, new))


PART_1 = [*HEADER, "EQN+2", *PNR_1]
PART_2 = [*HEADER, "EQN+2", *PNR_2]
ANNA = "ABC123 / ROE, ANNA"
PETER = "ABC123 / ROE, PETER"

# ---------------------------------------------------------------------------- the cases
# (rule, input, expected locations, the subject's name of the first finding, other rules
#  the input breaks by necessity, today)
CASES: list[tuple[str, bytes, list[str], str | None, set[str], date]] = [
    # --- the reader's defects, mapped to rules
    ("PNR-SEGMENT-UNEXPECTED",
     push(message(sub(BODY, "DAT+700:150325:0815", ["DAT+700:150325:0815", "NAD+FL+++ROE"]))),
     ["segment 9 (NAD)"], "ABC123", set(), TODAY),
    ("PNR-SEGMENT-ORDER",
     push(message(sub(BODY, "RCI+XX:ABC123::010225:1210",
                      ["RCI+XX:ABC123::010225:1210", "RCI+1A:XYZ789"]))),
     ["segment 8 (RCI)"], "ABC123", set(), TODAY),
    ("PNR-SEGMENT-MISSING", push(message(sub(BODY, "EQN+2", None))), ["segment 1 (EQN)"],
     None, set(), TODAY),
    ("PNR-GROUP-TRIGGER-MISSING",
     push(message(sub(sub(BODY, "DAT+2:170325:1310", None), "ORG+XX++++A", None))),
     ["segment 18 (TRI)"], ANNA, set(), TODAY),
    ("PNR-RECORD-LOCATOR-MISSING", push(message(sub(BODY, "RCI+XX:DEF456::020225:0900", None))),
     ["segment 25 (SRC)"], None, set(), TODAY),
    ("PNR-SEGMENT-RUN-ON",
     push(message(sub(sub(BODY, "RPI+2+HK", "RPI+2+HKAPD+789"), "APD+789", None))),
     ["segment 15 (RPI e2)"], "ABC123", set(), TODAY),
    ("PNR-TAG-RECOVERED", push(message(sub(BODY, "SRC", "XXSRC", last=True))),
     ["segment 25 (SRC)"], "DEF456", {"ENV-SEGMENT-TAG"}, TODAY),
    ("PNR-CODE-UNKNOWN", push(message(sub(BODY, "TIF+ROE+PETERMR:A:2", "TIF+ROE+PETERMR:Q:2"))),
     ["segment 12 (TIF e2c2)"], PETER, set(), TODAY),
    ("PNR-VALUE-INVALID", push(message(sub(BODY, "RPI+2+HK", "RPI+X+HK"))),
     ["segment 15 (RPI e1)"], "ABC123", set(), TODAY),
    ("PNR-DATE-INVALID", push(message(sub(BODY, "DAT+700:150325:0815", "DAT+700:320325:0815"))),
     ["segment 8 (DAT e1)"], "ABC123", set(), TODAY),
    ("PNR-SSR-FORMAT",
     push(message(sub(BODY, "TIF+ROE+PETERMR:A:2",
                      ["TIF+ROE+PETERMR:A:2", "SSR+TKNE:HK:1:XX:::::NOTICKET"]))),
     ["segment 13 (SSR e1c9)"], PETER, set(), TODAY),
    ("PNR-SSR-REFERENCE", push(message(sub(BODY, SEAT, SEAT.replace("23B::2", "23B::9")))),
     ["segment 17 (SSR e2)"], "ABC123", set(), TODAY),
    ("PNR-TRI-REFERENCE", push(message(sub(BODY, "TRI++LHR-042:::1", "TRI++LHR-042:::9"))),
     ["segment 20 (TRI e2)"], ANNA, set(), TODAY),
    ("PNR-REFERENCE-DUPLICATE",
     push(message(sub(sub(BODY, "TIF+ROE+PETERMR:A:2", "TIF+ROE+PETERMR:A:1"), SEAT,
                      "SSR+SEAT:HK:1:XX:::LHR:JFK+23A::1"))),
     ["segment 12 (TIF e2)"], PETER, set(), TODAY),
    ("PNR-CANCELLED",
     push(message(sub(BODY, "RCI+XX:DEF456::020225:0900", ["RCI+XX:DEF456::020225:0900", "ORG"]))),
     ["segment 27 (ORG)"], "DEF456", set(), TODAY),
    ("PNR-VERSION-UNKNOWN", push(message(unh=UNH.replace("13:1", "99:1"))),
     ["segment 1 (UNH e2)"], None, set(), TODAY),
    ("PNR-PART-MISSING", push(part(1, False, PART_1, "1"), part(3, True, PART_2, "3")),
     ["segment 1 (UNH e4)"], None, set(), TODAY),
    ("PNR-PART-DUPLICATE",
     push(part(1, False, PART_1, "1"), part(1, False, PART_1, "2"), part(2, True, PART_2, "3")),
     ["segment 1 (UNH e4)"], None, set(), TODAY),
    ("PNR-PART-INCONSISTENT",
     push(part(1, False, PART_1, "1"), part(2, True, sub(PART_2, "EQN+2", "EQN+3"), "2")),
     ["segment 1 (UNH e4)"], None, set(), TODAY),
    # --- checked by the validator
    ("PNR-PART-SINGLE", push(part(1, False, PART_1, "1")), ["segment 1 (UNH e4)"], None, set(),
     TODAY),
    ("PNR-EQN-COUNT", push(message(sub(BODY, "EQN+2", "EQN+3"))), ["segment 5 (EQN e1c1)"],
     None, set(), TODAY),
    ("PNR-LOCATOR-DUPLICATE",
     push(message(sub(BODY, "RCI+XX:DEF456::020225:0900", "RCI+XX:ABC123::020225:0900"))),
     ["segment 26 (RCI e1c2)"], "ABC123", set(), TODAY),
    ("PNR-DOCS-DOB-FUTURE", push(message(docs("12APR85", "12APR2026"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), TODAY),
    ("PNR-DOCS-DOB-AFTER-DEPARTURE", push(message(docs("12APR85", "20MAR2025"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), date(2025, 4, 1)),
    ("PNR-DOCS-EXPIRED", push(message(docs("01JAN30", "16MAR25"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), TODAY),
    ("PNR-DOCS-COUNTRY", push(message(docs("123456789/GBR", "123456789/XYZ"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), TODAY),
    ("PNR-DOCS-COUNTRY-ALPHA2", push(message(docs("/P/GBR/", "/P/GB/"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), TODAY),
    ("PNR-DOCS-SPECIMEN-CODE", push(message(docs("/P/GBR/", "/P/UTO/"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), TODAY),
    ("PNR-DOCS-GENDER", push(message(docs("/F/", "/Q/"))), ["segment 11 (SSR e1c9)"], ANNA,
     set(), TODAY),
    ("PNR-DOCS-NUMBER-CHARS", push(message(docs("123456789", "12345-678"))),
     ["segment 11 (SSR e1c9)"], ANNA, set(), TODAY),
    ("PNR-NAME-CHARS", push(message(sub(BODY, "TIF+ROE+PETERMR:A:2", "TIF+ROE1+PETERMR:A:2"))),
     ["segment 12 (TIF e1c1)"], "ABC123 / ROE1, PETER", set(), TODAY),
    ("PNR-ARRIVAL-BEFORE-DEPARTURE",
     push(message(sub(BODY, RETURN, "TVL+240325:1100::0900+JFK+LHR+XX+0102:Y"))),
     ["segment 23 (TVL e1c3)"], "ABC123", set(), TODAY),
    ("PNR-ITINERARY-ORDER",
     push(message(sub(BODY, RETURN, "TVL+170325:1830:180325:0630+JFK+LHR+XX+0102:Y"))),
     ["segment 23 (TVL e1c1)"], "ABC123", set(), TODAY),
    ("PNR-ELEMENT-LENGTH",
     push(message(sub(BODY, "RCI+XX:DEF456::020225:0900",
                      "RCI+XX:ABCDEFGHIJKLMNOPQRSTU::020225:0900"))),
     ["segment 26 (RCI e1c2)"], "ABCDEFGHIJKLMNOPQRSTU", set(), TODAY),
]


def test_the_clean_push_breaks_no_rule() -> None:
    assert validate(push(), "pnrgov", today=TODAY) == []
    parsed = paxdata.parse(push())
    assert validate(parsed, "pnrgov", today=TODAY) == []


@pytest.mark.parametrize(("rule", "data", "expected", "subject", "also", "today"), CASES,
                         ids=[c[0] for c in CASES])
def test_rule_is_broken_exactly_where(rule: str, data: bytes, expected: list[str],
                                      subject: str | None, also: set[str], today: date) -> None:
    assert rule in RULES
    findings = validate(data, "pnrgov", today=today, name="push.edi")
    assert where(findings, rule) == expected
    assert {f.rule for f in findings} - also == {rule}
    found = next(f for f in findings if f.rule == rule)
    assert found.severity is load_profile("pnrgov").rules[rule]
    assert found.input_name == "push.edi"
    if subject is None:
        assert found.subject is None or found.subject.name is None
    else:
        assert found.subject is not None
        assert (found.subject.kind, found.subject.name) == ("pnr", subject)


def test_every_pnrgov_rule_has_a_case() -> None:
    covered = {c[0] for c in CASES}
    assert {r.id for r in RULES.values() if r.family == "pnrgov"} - covered == set()


def test_the_pnrgov_profile_selects_the_pnrgov_rules() -> None:
    pnrgov = {r.id for r in RULES.values() if r.family == "pnrgov"}
    assert pnrgov <= set(load_profile("pnrgov").rules)
    for name in ("wco", "eu-api-2025", "us-apis"):
        assert not pnrgov & set(load_profile(name).rules), name
    broken = push(message(sub(BODY, "EQN+2", "EQN+3")))
    assert [f.rule for f in validate(broken, "wco", today=TODAY)] == []


def test_a_user_profile_tunes_pnrgov_rules(tmp_path: Path) -> None:
    profile = tmp_path / "state.toml"
    profile.write_text('[profile]\nextends = "pnrgov"\n[severity]\n"PNR-DOCS-EXPIRED" = '
                       '"warning"\n[codes]\ndocs_genders = ["M", "F"]\n[parameters]\n'
                       'document_validity_days = 180\n')
    assert validate(push(), profile, today=TODAY) == []
    data = push(message(docs("01JAN30", "01JUL25")))
    (expired,) = validate(data, profile, today=TODAY)
    assert (expired.rule, expired.severity.value, expired.where()) == (
        "PNR-DOCS-EXPIRED", "warning", "segment 11 (SSR e1c9)")
    assert "plus 180 days" in expired.message
    (gender,) = validate(push(message(docs("/F/", "/X/"))), profile, today=TODAY)
    assert (gender.rule, gender.value) == ("PNR-DOCS-GENDER", "X")
    assert validate(push(message(docs("/F/", "/X/"))), "pnrgov", today=TODAY) == []
    # a margin beyond the calendar: every document is expired, nothing crashes
    huge = tmp_path / "huge.toml"
    huge.write_text('[profile]\nextends = "pnrgov"\n[parameters]\n'
                    'document_validity_days = 1000000000000\n')
    assert where(validate(push(), huge, today=TODAY), "PNR-DOCS-EXPIRED") == [
        "segment 11 (SSR e1c9)", "segment 13 (SSR e1c9)", "segment 28 (SSR e1c9)"]


# ---------------------------------------------------------------------------- details
def test_docs_finding_names_the_pnr_and_the_traveller() -> None:
    data = push(message(docs("123456789/GBR", "123456789/XYZ")))
    (finding,) = validate(data, "pnrgov", today=TODAY)
    assert finding.subject is not None
    assert (finding.subject.index, finding.subject.name, finding.subject.kind) == (
        1, ANNA, "pnr")
    assert (finding.message_reference, finding.value, finding.personal) == ("1", "XYZ", False)
    assert finding.offset == data.index(b"SSR+DOCS:HK:1:XX:::::/P/GBR/123456789/XYZ")
    assert str(finding.segment).startswith("SSR+DOCS:HK:1:XX:::::/P/GBR/123456789/XYZ/")
    assert finding.message == ("SSR DOCS nationality 'XYZ': not an ISO 3166-1 alpha-3 or ICAO "
                               "Doc 9303 code")


def test_docs_of_the_second_pnr_is_numbered_two() -> None:
    john = "SSR+DOCS:HK:1:XX:::::/P/DEU/C4FG15LP2/DEU/23AUG77/M/13FEB31/DOE/JOHN"
    data = push(message(sub(BODY, john, john.replace("13FEB31", "13FEB25"))))
    (finding,) = validate(data, "pnrgov", today=TODAY)
    assert finding.subject is not None
    assert (finding.rule, finding.where(), finding.subject.index, finding.subject.name) == (
        "PNR-DOCS-EXPIRED", "segment 28 (SSR e1c9)", 2, "DEF456 / DOE, JOHN")
    assert finding.value == "2025-02-13"


def test_alpha2_countries_are_reported_once_with_their_alpha3() -> None:
    data = push(message(docs("/P/GBR/123456789/GBR/", "/P/GB/123456789/GB/")))
    findings = validate(data, "pnrgov", today=TODAY)
    assert [(f.rule, f.severity.value, f.value) for f in findings] == [
        ("PNR-DOCS-COUNTRY-ALPHA2", "warning", "GB")]
    assert findings[0].message == ("SSR DOCS issuing State 'GB' and nationality 'GB': ISO "
                                   "3166-1 alpha-2, where AIRIMP uses alpha-3 (GB is GBR)")
    # the reader still records its own warning; the validator reports it once
    pnr = paxdata.parse(data).messages[0].pnrs[0]
    assert [w.code for w in pnr.warnings] == ["PNR-SSR-FORMAT"]


def test_an_unknown_country_and_an_alpha2_are_two_findings() -> None:
    data = push(message(docs("/P/GBR/123456789/GBR/", "/P/0/123456789/KR/")))
    findings = validate(data, "pnrgov", today=TODAY)
    assert sorted((f.rule, f.value) for f in findings) == [
        ("PNR-DOCS-COUNTRY", "0"), ("PNR-DOCS-COUNTRY-ALPHA2", "KR")]


def test_doc9303_codes_and_germany_d_are_accepted() -> None:
    for code in ("D", "XXA", "UNO", "GBD"):
        data = push(message(docs("123456789/GBR", f"123456789/{code}")))
        assert validate(data, "pnrgov", today=TODAY) == [], code


def test_infant_genders_are_accepted() -> None:
    for gender in ("MI", "FI", "U", "X", "M"):
        assert validate(push(message(docs("/F/", f"/{gender}/"))), "pnrgov",
                        today=TODAY) == [], gender


def test_pushed_flight_arriving_before_it_departs() -> None:
    body = sub(BODY, "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101",
               "TVL+170325:1600::1100+LHR+JFK+XX+0101")
    (finding,) = validate(push(message(body)), "pnrgov", today=TODAY)
    assert (finding.rule, finding.where(), finding.subject) == (
        "PNR-ARRIVAL-BEFORE-DEPARTURE", "segment 4 (TVL e1c3)", None)
    assert finding.message == (
        "the pushed flight arrives 2025-03-17 15:00Z but departs 2025-03-17 16:00Z (UTC; "
        "local 2025-03-17 11:00 at JFK, 2025-03-17 16:00 at LHR); no arrival date was sent, "
        "so the arrival is read on the departure date (PNRGOV IG, TVL)")


def test_itinerary_times_compare_in_utc_across_time_zones() -> None:
    # Tokyo 10:00 (01:00Z) to Honolulu 22:00 the day before (08:00Z), then Honolulu 23:30
    # (09:30Z) onwards: in order, although the local clocks go backwards.
    body = sub(BODY, RETURN, ["TVL+180325:1000:170325:2200+NRT+HNL+XX+0103:Y", "RPI+2+HK",
                              "TVL+170325:2330:180325:0700+HNL+LAX+XX+0104:Y"])
    assert validate(push(message(body)), "pnrgov", today=TODAY) == []
    early = sub(body, "TVL+170325:2330:180325:0700+HNL+LAX+XX+0104:Y",
                "TVL+170325:2130:180325:0500+HNL+LAX+XX+0104:Y")
    (finding,) = validate(push(message(early)), "pnrgov", today=TODAY)
    assert (finding.rule, finding.where()) == ("PNR-ITINERARY-ORDER", "segment 25 (TVL e1c1)")
    assert finding.message == ("flight segment 3 (XX0104 HNL-LAX) departs 2025-03-18 07:30Z, "
                               "before flight segment 2 ends (2025-03-18 08:00Z, UTC)")


def test_itinerary_with_unknown_airports_or_dates_only_is_not_guessed() -> None:
    # an airport without a time zone: no UTC comparison
    body = sub(BODY, RETURN, "TVL+170325:1800:180325:0600+QQQ+LHR+XX+0102:Y")
    assert validate(push(message(body)), "pnrgov", today=TODAY) == []
    # dates only: compared by local date, with a day's tolerance for time zones
    body = sub(BODY, RETURN, "TVL+160325+JFK+LHR+XX+0102:Y")
    assert validate(push(message(body)), "pnrgov", today=TODAY) == []
    body = sub(BODY, RETURN, "TVL+150325+JFK+LHR+XX+0102:Y")
    (finding,) = validate(push(message(body)), "pnrgov", today=TODAY)
    assert (finding.rule, finding.where()) == ("PNR-ITINERARY-ORDER", "segment 23 (TVL e1c1)")
    assert "local dates" in finding.message


def test_eqn_counts_the_pnrs_of_all_parts_given_together() -> None:
    data = push(part(1, False, PART_1, "1"), part(2, True, PART_2, "2"))
    assert validate(data, "pnrgov", today=TODAY) == []
    three = push(part(1, False, sub(PART_1, "EQN+2", "EQN+3"), "1"),
                 part(2, True, sub(PART_2, "EQN+2", "EQN+3"), "2"))
    (finding,) = validate(three, "pnrgov", today=TODAY)
    assert (finding.rule, finding.where(), finding.message_reference, finding.value) == (
        "PNR-EQN-COUNT", "segment 5 (EQN e1c1)", "1", "3")
    assert finding.message == "EQN declares 3 PNRs; 2 received over 2 parts (SRC groups)"
    # each part alone: its count is not checked, and it says why
    for number, body, ref in ((1, PART_1, "1"), (2, PART_2, "2")):
        findings = validate(push(part(number, number == 2, body, ref)), "pnrgov", today=TODAY)
        assert [(f.rule, f.severity.value) for f in findings] == [("PNR-PART-SINGLE", "info")]


def test_duplicate_locators_across_the_parts_of_a_push() -> None:
    second = sub(PART_2, "RCI+XX:DEF456::020225:0900", "RCI+XX:ABC123::020225:0900")
    (finding,) = validate(push(part(1, False, PART_1, "1"), part(2, True, second, "2")),
                          "pnrgov", today=TODAY)
    assert (finding.rule, finding.where(), finding.message_reference) == (
        "PNR-LOCATOR-DUPLICATE", "segment 7 (RCI e1c2)", "2")
    assert finding.message == "record locator (XX) already sent in PNR 1 of message 1 of this push"
    assert (finding.value, finding.personal) == ("ABC123", True)
    # two pushes of the same flight in one input: the same PNR in each is no duplicate
    again = push(message(ref="1"), message(ref="2", unh=UNH.replace("XX0101/", "XX0101A/")))
    assert validate(again, "pnrgov", today=TODAY) == []


def test_parsed_input_is_checked_on_its_records() -> None:
    data = push(message(sub(docs("12APR85", "12APR2026"), "EQN+2", "EQN+3")))
    result = paxdata.parse(data)
    findings = validate(result, "pnrgov", today=TODAY)
    assert sorted((f.rule, f.where()) for f in findings) == [
        ("PNR-DOCS-DOB-FUTURE", "segment 11 (SSR e1c9)"),
        ("PNR-EQN-COUNT", "segment EQN e1c1")]
    alone = validate(result.messages[0], "pnrgov", today=TODAY)
    assert {f.rule for f in alone} == {"PNR-DOCS-DOB-FUTURE", "PNR-EQN-COUNT"}


def _without_positions(value: Any) -> Any:
    """A record with every segment index and offset removed, as PNRGOV XML records come."""
    if isinstance(value, tuple):
        return tuple(_without_positions(v) for v in value)
    if not attrs.has(type(value)):
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.name in ("segment_index", "offset", "message_offset"):
            changes[field.name] = None
        elif isinstance(item, tuple) or attrs.has(type(item)):
            changes[field.name] = _without_positions(item)
    return attrs.evolve(value, **changes)


def test_records_without_segment_positions_get_no_edifact_positions() -> None:
    # PNRGOV XML records carry no segment index: findings are placed by message and PNR
    data = push(message(sub(docs("12APR85", "12APR2026"), "EQN+2", "EQN+3")))
    bare = _without_positions(paxdata.parse(data).messages[0])
    findings = validate(bare, "pnrgov", today=TODAY)
    assert sorted((f.rule, f.where(), f.subject.name if f.subject else None)
                  for f in findings) == [("PNR-DOCS-DOB-FUTURE", "", ANNA),
                                         ("PNR-EQN-COUNT", "", None)]
    single = _without_positions(paxdata.parse(push(part(1, False, PART_1, "1"))).messages[0])
    assert [(f.rule, f.where()) for f in validate(single, "pnrgov", today=TODAY)] == [
        ("PNR-PART-SINGLE", "")]


def test_masked_findings_keep_their_place_and_hide_personal_values() -> None:
    data = push(message(docs("123456789", "12345-678")))
    (finding,) = validate(data, "pnrgov", today=TODAY, mask=True)
    assert (finding.rule, finding.where(), finding.value) == (
        "PNR-DOCS-NUMBER-CHARS", "segment 11 (SSR e1c9)", "***")
    assert finding.subject is not None
    assert (finding.subject.index, finding.subject.name) == (1, None)
    assert str(finding.segment) == "SSR+DOCS:HK:1:XX:::::***'"
    names = validate(push(message(sub(BODY, "TIF+ROE+PETERMR:A:2", "TIF+ROE1+PETERMR:A:2"))),
                     "pnrgov", today=TODAY, mask=True)
    assert [(f.value, str(f.segment)) for f in names] == [("***", "TIF+***+***:A:2'")]
    duplicate = push(message(sub(BODY, "RCI+XX:DEF456::020225:0900",
                                 "RCI+XX:ABC123::020225:0900")))
    (locator,) = validate(duplicate, "pnrgov", today=TODAY, mask=True)
    assert (locator.value, str(locator.segment)) == ("***", "RCI+XX:***::020225:0900'")
    # codes, flights and counts stay visible
    (eqn,) = validate(push(message(sub(BODY, "EQN+2", "EQN+3"))), "pnrgov", today=TODAY,
                      mask=True)
    assert (eqn.value, str(eqn.segment)) == ("3", "EQN+3'")


def test_reader_messages_quoting_values_are_scrubbed_when_masking() -> None:
    data = push(message(sub(BODY, "DAT+700:150325:0815",
                            ["DAT+700:150325:0815", "SSR+DOCS:HK:1:XX:::::/P/GBR/555666777/GBR/"
                             "32APR85/F/01JAN30/ROE/ANNA+::7"])))
    findings = validate(data, "pnrgov", today=TODAY, mask=True)
    text = " ".join(f"{f.message} {f.value} {f.segment}" for f in findings)
    assert [f.rule for f in findings] == ["PNR-SSR-FORMAT", "PNR-SSR-REFERENCE"]
    for value in ("555666777", "32APR85", "ANNA", "ROE", "ABC123"):
        assert value not in text, value


def test_pnr_subject() -> None:
    pnr = paxdata.parse(push()).messages[0].pnrs[0]
    assert pnr_subject(pnr, 1).name == "ABC123"
    assert pnr_subject(pnr, 1, pnr.travellers[1]).name == PETER


# ---------------------------------------------------------------------------- corpus
PNRGOV = corpus_files("pnrgov_edi")


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", PNRGOV, ids=lambda p: p.name)
def test_every_corpus_push_validates_without_crash(path: Path) -> None:
    report = validate_input(path, "pnrgov", mask=True)
    assert report.messages >= 1
    assert all(f.rule in RULES for f in report.findings)
    assert "VAL-INTERNAL" not in {f.rule for f in report.findings}
    for finding in report.findings:
        if finding.subject is not None and finding.subject.kind == "pnr":
            assert finding.subject.name is None   # masked
        if finding.personal:
            assert finding.value == "***"


@needs_shared
@pytest.mark.shared
def test_corpus_findings_of_known_pushes() -> None:
    folder = PNRGOV[0].parent
    pnr3 = validate(folder / "GTAS__pnr-messages__pnr3.txt", "pnrgov", today=TODAY)
    (eqn,) = [f for f in pnr3 if f.rule == "PNR-EQN-COUNT"]
    assert (eqn.where(), eqn.message) == (
        "segment 5 (EQN e1c1)", "EQN declares 4 PNRs; 1 received in this message (SRC groups)")
    edifabric = validate(folder / "EdiFabric__PassengerData.txt", "pnrgov", today=TODAY)
    assert [(f.rule, f.where(), f.value) for f in edifabric
            if f.rule.startswith("PNR-DOCS")] == [
        ("PNR-DOCS-COUNTRY-ALPHA2", "segment 20 (SSR e1c9)", "CO")]


@needs_shared
@pytest.mark.shared
def test_cli_reports_the_corpus_under_the_pnrgov_profile(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    paths = [str(p) for p in PNRGOV if p.stat().st_size < 20_000]
    out = tmp_path / "report.html"
    assert main(["validate", "--profile", "pnrgov", "--format", "html", "--mask", "-o", str(out),
                          *paths]) == 1
    page = out.read_text()
    assert "PNR-EQN-COUNT" in page and "Traceback" not in page
    assert re.search(r"pnr \d+", page)
    capsys.readouterr()
