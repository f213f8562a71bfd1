"""Validation rules: for every rule, a message that breaks it (and only it) and the clean
message that does not; each finding's rule id and exact location are asserted.

The clean message is a D05B passenger list (dated 2025-03-10, LHR 16:00 -> JFK 19:00 local)
that satisfies every built-in profile. Segment indexes in the clean message (UNH = 1):
BGM 2, NAD MS 3, COM 4, TDT 5, LOC 125 6, DTM 189 7, LOC 87 8, DTM 232 9, NAD FL 10,
ATT 11, DTM 329 12, MEA 13, LOC 174 14, LOC 178 15, LOC 179 16, NAT 17, RFF AVF 18,
RFF SEA 19, DOC 20, DTM 36 21, LOC 91 22, CNT 23, UNT 24.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

import paxdata
from paxdata.defects import Defect, Location, Severity
from paxdata.paxlst._reader import PaxlstBuilder
from paxdata.validation import (
    RULES,
    Finding,
    check_digit,
    find_mrz,
    load_profile,
    validate,
    verify_mrz,
)
from paxdata.validation._input import read_input

TODAY = date(2025, 3, 1)

BODY = [
    "BGM+745", "NAD+MS+++API DESK:XX AIRLINES", "COM+44 20 7946 0000:TE",
    "TDT+20+XX101+++XX", "LOC+125+LHR", "DTM+189:2503101600:201", "LOC+87+JFK",
    "DTM+232:2503101900:201",
    "NAD+FL+++DOE:JANE", "ATT+2++F", "DTM+329:850412", "MEA+CT++:1", "LOC+174+GBR",
    "LOC+178+LHR", "LOC+179+JFK", "NAT+2+GBR", "RFF+AVF:ABC123", "RFF+SEA:23A",
    "DOC+P+123456789", "DTM+36:300101", "LOC+91+GBR",
    "CNT+42:1",
]
UNB = "UNB+UNOA:4+XXAIR+GOVAPI+250310:1405+IC0001++APIS"
CAR = "XX0101/250310/1600"


def sub(body: list[str], old: str, new: str | list[str] | None) -> list[str]:
    """``body`` with segment ``old`` replaced by ``new`` (a list inserts several; None
    removes it)."""
    assert body.count(old) == 1, old
    at = body.index(old)
    replacement = [] if new is None else [new] if isinstance(new, str) else new
    return body[:at] + replacement + body[at + 1:]


def message(body: list[str] | None = None, ref: str = "M1", kind: str = "PAXLST:D:05B:UN:IATA",
            tail: str = f"+{CAR}+01:F", count: int | None = None, trailer_ref: str | None = None,
            trailer: bool = True) -> list[str]:
    segments = [f"UNH+{ref}+{kind}{tail}", *(BODY if body is None else body)]
    if trailer:
        segments.append(f"UNT+{count if count is not None else len(segments) + 1}+"
                        f"{trailer_ref if trailer_ref is not None else ref}")
    return segments


def interchange(*messages: list[str], una: str | None = "UNA:+.? '", unb: str | None = UNB,
                group: bool = True, une: str | None = None, unz: str | None = None,
                before: str = "", after: str = "", extra: list[str] | None = None,
                encoding: str = "latin-1") -> bytes:
    msgs = list(messages) or [message()]
    segments: list[str] = []
    if unb is not None:
        segments.append(unb)
    if group:
        segments.append("UNG+PAXLST+XXAIR+GOVAPI+250310:1405+G1+UN+D:05B")
    for m in msgs:
        segments.extend(m)
    if group and une != "":
        segments.append(une or f"UNE+{len(msgs)}+G1")
    segments.extend(extra or [])
    if unb is not None and unz != "":
        segments.append(unz or f"UNZ+{1 if group else len(msgs)}+IC0001")
    text = before + (una or "") + "".join(s + "'" for s in segments) + after
    return text.encode(encoding, "surrogateescape")


def where(findings: list[Finding], rule: str) -> list[str]:
    return [f.where() for f in findings if f.rule == rule]


BASE_LENGTH = len(interchange())
UNZ_LENGTH = len("UNZ+1+IC0001'")
TYPOGRAPHIC = interchange().replace(b"BGM+745'", "BGM+745\u2019\n".encode())
OTHER = ["NAD+FL+++ROE:RICHARD", "ATT+2++M", "DTM+329:800101", "MEA+CT++:1", "LOC+174+GBR",
         "LOC+178+LHR", "LOC+179+JFK", "NAT+2+GBR", "RFF+AVF:DEF456", "RFF+SEA:23B",
         "DOC+P+987654321", "DTM+36:300101", "LOC+91+GBR"]
PART_TWO = sub(BODY, "CNT+42:1", "CNT+42:2")[:8] + OTHER + ["CNT+42:2"]

# ---------------------------------------------------------------------------- the cases
# (rule, input, expected locations of that rule's findings, other rules the input breaks
#  by necessity, profile, today)
M = message
CASES: list[tuple[str, bytes, list[str], set[str], str, date]] = [
    # --- envelope: parser defects mapped to rules
    ("ENV-NO-INTERCHANGE", b"NOTHING HERE", ["offset 0"], {"ENV-TEXT-OUTSIDE-INTERCHANGE"},
     "wco", TODAY),
    ("ENV-BOM", b"\xef\xbb\xbf" + interchange(), ["offset 0"], set(), "wco", TODAY),
    ("ENV-TRANSPORT-ENVELOPE",
     interchange(before="\x01QU GOVAPXH\r\n.XXAPIXX 120800\r\n\x02", after="\x03"),
     ["offset 0", f"offset {31 + BASE_LENGTH}"], set(), "wco", TODAY),
    ("ENV-TEXT-OUTSIDE-INTERCHANGE", interchange(before="PLEASE FIND THE LIST BELOW\n"),
     ["offset 0"], set(), "wco", TODAY),
    ("ENV-AFTER-UNZ", interchange(after="NAD+FL+++LATE:ARRIVAL'"), [f"offset {BASE_LENGTH}"],
     set(), "wco", TODAY),
    ("ENV-TYPOGRAPHIC-TERMINATOR", TYPOGRAPHIC, [f"offset {TYPOGRAPHIC.index(b'BGM') + 7}"],
     set(), "wco", TODAY),
    ("ENV-UNA-MALFORMED", interchange(una="UNA::.? '"), ["line 1 (UNA)"], set(), "wco", TODAY),
    ("ENV-UNA-MISSING", interchange(una=None).replace(b"+", b"*").replace(b"?*", b"?+"),
     ["segment 1 (UNB)"], set(), "wco", TODAY),
    ("ENV-SYNTAX-ID-UNKNOWN", interchange(unb=UNB.replace("UNOA", "ZZZZ")),
     ["segment 1 (UNB e1c1)"], set(), "wco", TODAY),
    ("ENV-SYNTAX-VERSION", interchange(unb=UNB.replace("UNOA:4", "UNOA:7")),
     ["segment 1 (UNB e1c2)"], set(), "wco", TODAY),
    ("ENV-UNDECODABLE",
     interchange(M(sub(BODY, "NAD+MS+++API DESK:XX AIRLINES", "NAD+MS+++API DESK:XX AIR\udcffLINES")),
                 unb=UNB.replace("UNOA", "UNOY")),
     ["segment 3 (NAD)"], set(), "wco", TODAY),
    ("ENV-REPERTOIRE", interchange(M(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++Doe:JANE"))),
     ["segment 10 (NAD e4c1)"], set(), "wco", TODAY),
    ("ENV-CONTROL-CHARACTER",
     interchange(M(sub(BODY, "COM+44 20 7946 0000:TE", "COM+44 20 7946\x07 0000:TE"))),
     ["segment 4 (COM)"], set(), "wco", TODAY),
    ("ENV-LINE-BREAK-IN-SEGMENT",
     interchange(M(sub(BODY, "NAD+MS+++API DESK:XX AIRLINES", "NAD+MS+++API DESK:XX AIR\r\nLINES"))),
     ["segment 3 (NAD)"], set(), "wco", TODAY),
    ("ENV-WHITESPACE", interchange(M(sub(BODY, "BGM+745", "BGM+745 "))), ["segment 2 (BGM)"],
     set(), "wco", TODAY),
    ("ENV-SEGMENT-TAG", interchange(M(sub(BODY, "NAT+2+GBR", "nat+2+GBR"))),
     ["segment 17 (NAT)"], set(), "wco", TODAY),
    ("ENV-EMPTY-SEGMENT", interchange(M(sub(BODY, "BGM+745", "BGM+745'"))),
     [f"offset {interchange().index(b'BGM') + 8}"],
     set(), "wco", TODAY),
    ("ENV-RELEASE-DANGLING", interchange()[:-1] + b"?", ["segment 4 (UNZ)"],
     {"ENV-TERMINATOR-MISSING"}, "wco", TODAY),
    ("ENV-TERMINATOR-MISSING", interchange()[:-1], ["segment 4 (UNZ)"], set(), "wco", TODAY),
    ("ENV-LIMIT", interchange(M(sub(BODY, "RFF+SEA:23A", ["RFF+SEA:23A", "FTX+AAI+++" + "A" * 1_000_001]))),
     ["segment 20 (FTX)"], {"PAX-CODE-UNKNOWN", "PAX-SEGMENT-UNEXPECTED"}, "wco", TODAY),
    ("ENV-UNB-MISSING", interchange(unb=None, group=False), ["segment 1 (UNH)"], set(), "wco",
     TODAY),
    ("ENV-UNZ-MISSING", interchange(unz=""), [f"offset {BASE_LENGTH - UNZ_LENGTH}"], set(),
     "wco", TODAY),
    ("ENV-UNT-MISSING", interchange(M(trailer=False)), ["segment 24"], set(), "wco", TODAY),
    ("ENV-UNE-MISSING", interchange(une=""), [f"offset {BASE_LENGTH - UNZ_LENGTH - 9}"], set(),
     "wco", TODAY),
    ("ENV-TRAILER-UNEXPECTED", interchange(extra=["UNE+1+G1"]), ["segment 4 (UNE)"], set(),
     "wco", TODAY),
    ("ENV-OUTSIDE-MESSAGE", interchange(extra=["RFF+TN:LOST"]), ["segment 4 (RFF)"], set(),
     "wco", TODAY),
    ("ENV-GROUPS-MIXED",
     interchange(extra=M(ref="M2", tail="+XX0202/250310/1600+01:F")), ["segment 1 (UNH)"],
     set(), "wco", TODAY),
    ("ENV-UNT-COUNT", interchange(M(count=99)), ["segment 24 (UNT e1)"], set(), "wco", TODAY),
    ("ENV-UNT-REFERENCE", interchange(M(trailer_ref="M9")), ["segment 24 (UNT e2)"], set(),
     "wco", TODAY),
    ("ENV-UNE-COUNT", interchange(une="UNE+2+G1"), ["segment 3 (UNE e1)"], set(), "wco", TODAY),
    ("ENV-UNE-REFERENCE", interchange(une="UNE+1+G9"), ["segment 3 (UNE e2)"], set(), "wco",
     TODAY),
    ("ENV-UNZ-COUNT", interchange(unz="UNZ+3+IC0001"), ["segment 4 (UNZ e1)"], set(), "wco",
     TODAY),
    ("ENV-UNZ-REFERENCE", interchange(unz="UNZ+1+IC9999"), ["segment 4 (UNZ e2)"], set(),
     "wco", TODAY),
    ("ENV-COUNT-NOT-NUMERIC", interchange(M(count="AB")), ["segment 24 (UNT e1)"],  # type: ignore[arg-type]
     set(), "wco", TODAY),
    # --- envelope: validator checks
    ("ENV-UNB-DATETIME", interchange(unb=UNB.replace("250310:1405", "251310:1405")),
     ["segment 1 (UNB e4c1)"], set(), "wco", TODAY),
    ("ENV-UNH-REFERENCE-DUPLICATE",
     interchange(M(), M(tail="+XX0202/250310/1600+01:F")), ["segment 1 (UNH e1)"], set(), "wco",
     TODAY),
    ("ENV-MESSAGE-TYPE",
     interchange(M(["BGM+1"], ref="Q1", kind="FOOBAR:D:05B:UN", tail=""), group=False),
     ["segment 1 (UNH e2c1)"], {"ENV-MESSAGE-NOT-TYPED"}, "wco", TODAY),
    ("ENV-MESSAGE-UNSUPPORTED",
     interchange(M(["BGM+745", "UNS+D"], ref="L1", kind="PAXLST:001:000:NZ", tail=""),
                 group=False), ["segment 1 (UNH e2)"], set(), "wco", TODAY),
    ("ENV-MESSAGE-NOT-TYPED",
     interchange(M(["UCI+IC0001+XXAIR+GOVAPI+7"], ref="C1", kind="CONTRL:D:3:UN", tail=""),
                 group=False), ["segment 1 (UNH e2)"], set(), "wco", TODAY),
    ("ENV-ELEMENT-LENGTH",
     interchange(M(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++" + "D" * 36 + ":JANE"))),
     ["segment 10 (NAD e4c1)"], set(), "wco", TODAY),
    # --- PAXLST: parser defects mapped to rules
    ("PAX-SEGMENT-UNEXPECTED", interchange(M(sub(BODY, "RFF+SEA:23A", ["RFF+SEA:23A", "CPI+X"]))),
     ["segment 20 (CPI)"], set(), "wco", TODAY),
    ("PAX-SEGMENT-MISSING", interchange(M(sub(BODY, "BGM+745", None))), ["segment 2 (BGM)"],
     set(), "wco", TODAY),
    ("PAX-NAD-QUALIFIER", interchange(M(sub(BODY, "CNT+42:1", ["NAD+ZZ+++OTHER", "CNT+42:1"]))),
     ["segment 23 (NAD e1)"], set(), "wco", TODAY),
    ("PAX-LOC-QUALIFIER", interchange(M(sub(BODY, "LOC+174+GBR", "LOC+999+GBR"))),
     ["segment 14 (LOC e1c1)"], set(), "wco", TODAY),
    ("PAX-DTM-QUALIFIER", interchange(M(sub(BODY, "MEA+CT++:1", ["MEA+CT++:1", "DTM+999:250101"]))),
     ["segment 14 (DTM e1c1)"], set(), "wco", TODAY),
    ("PAX-RFF-QUALIFIER", interchange(M(sub(BODY, "RFF+SEA:23A", "RFF+ZZZ:1"))),
     ["segment 19 (RFF e1c1)"], set(), "wco", TODAY),
    ("PAX-EMP-CATEGORY", interchange(M(sub(BODY, "NAT+2+GBR", ["EMP+1+CR9:110:111", "NAT+2+GBR"]))),
     ["segment 17 (EMP e2c1)"], set(), "wco", TODAY),
    ("PAX-CODE-UNKNOWN", interchange(M(sub(BODY, "COM+44 20 7946 0000:TE", "COM+44 20 7946 0000:ZZ"))),
     ["segment 4 (COM)"], set(), "wco", TODAY),
    ("PAX-VALUE-INVALID", interchange(M(sub(BODY, "MEA+CT++:1", "MEA+CT++:X"))),
     ["segment 13 (MEA e3c2)"], set(), "wco", TODAY),
    ("PAX-DATE-INVALID", interchange(M(sub(BODY, "DTM+329:850412", "DTM+329:851332"))),
     ["segment 12 (DTM e1c2)"], set(), "wco", TODAY),
    ("PAX-BAG-TAGS-LIMIT", interchange(M(sub(BODY, "MEA+CT++:1", ["MEA+CT++:1", "FTX+BAG+++XX000001:500"]))),
     ["segment 14 (FTX e4c2)"], set(), "wco", TODAY),
    ("PAX-PART-MISSING",
     interchange(M(sub(BODY, "CNT+42:1", "CNT+42:2"), tail=f"+{CAR}+01:C"),
                 M(PART_TWO, ref="M3", tail=f"+{CAR}+03:F")), ["segment 1 (UNH e4)"], set(),
     "wco", TODAY),
    ("PAX-PART-DUPLICATE",
     interchange(M(tail=f"+{CAR}+01:C"), M(ref="M2", tail=f"+{CAR}+01:C"),
                 M(ref="M3", tail=f"+{CAR}+02:F")), ["segment 1 (UNH e4)"],
     {"PAX-DUPLICATE-TRAVELLER", "PAX-CNT-TOO-SMALL"}, "wco", TODAY),
    ("PAX-PART-INCONSISTENT",
     interchange(M(sub(BODY, "CNT+42:1", "CNT+42:3"), tail=f"+{CAR}+01:C"),
                 M(PART_TWO, ref="M2", tail=f"+{CAR}+02:F")),
     ["segment 1 (UNH e4)"], set(), "wco", TODAY),
    ("PAX-PART-SINGLE", interchange(M(tail=f"+{CAR}+02")), ["segment 1 (UNH e4)"], set(),
     "wco", TODAY),
    # --- PAXLST: validator checks
    ("PAX-BGM-CODE", interchange(M(sub(BODY, "BGM+745", "BGM+999"))), ["segment 2 (BGM e1c1)"],
     set(), "wco", TODAY),
    ("PAX-BGM-SUBCODE", interchange(M(sub(BODY, "BGM+745", "BGM+745+CLOB"))),
     ["segment 2 (BGM e2c1)"], set(), "us-apis", TODAY),
    ("PAX-NAD-ROLE", interchange(M(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FM+++DOE:JANE"))),
     ["segment 10 (NAD e1)"], set(), "wco", TODAY),
    ("PAX-COUNTRY-CODE", interchange(M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ"))),
     ["segment 17 (NAT e2c1)"], set(), "wco", TODAY),
    ("PAX-SPECIMEN-CODE", interchange(M(sub(BODY, "LOC+91+GBR", "LOC+91+UTO"))),
     ["segment 22 (LOC e2c1)"], set(), "wco", TODAY),
    ("PAX-AIRPORT-CODE", interchange(M(sub(BODY, "LOC+178+LHR", "LOC+178+QQQ"))),
     ["segment 15 (LOC e2c1)"], set(), "wco", TODAY),
    ("PAX-DOC-TYPE", interchange(M(sub(BODY, "DOC+P+123456789", "DOC+Z+123456789"))),
     ["segment 20 (DOC e1c1)"], set(), "wco", TODAY),
    ("PAX-GENDER", interchange(M(sub(BODY, "ATT+2++F", "ATT+2++Q"))), ["segment 11 (ATT e3c1)"],
     set(), "wco", TODAY),
    ("PAX-DOB-FUTURE", interchange(M(sub(BODY, "DTM+329:850412", "DTM+329:20990101:102"))),
     ["segment 12 (DTM e1c2)"], set(), "wco", TODAY),
    ("PAX-DOB-AFTER-DEPARTURE", interchange(M(sub(BODY, "DTM+329:850412", "DTM+329:20250312:102"))),
     ["segment 12 (DTM e1c2)"], set(), "wco", date(2025, 3, 20)),
    ("PAX-AGE-IMPLAUSIBLE", interchange(M(sub(BODY, "DTM+329:850412", "DTM+329:18800101:102"))),
     ["segment 12 (DTM e1c2)"], set(), "wco", TODAY),
    ("PAX-DOC-EXPIRED", interchange(M(sub(BODY, "DTM+36:300101", "DTM+36:250309"))),
     ["segment 21 (DTM e1c2)"], set(), "wco", TODAY),
    ("PAX-DOC-DATES", interchange(M(sub(BODY, "DTM+36:300101", ["DTM+36:300101", "DTM+182:350101"]))),
     ["segment 22 (DTM e1c2)"], set(), "wco", TODAY),
    ("PAX-ARRIVAL-BEFORE-DEPARTURE",
     interchange(M(sub(BODY, "DTM+232:2503101900:201", "DTM+232:2503101000:201"))),
     ["segment 9 (DTM e1c2)"], set(), "wco", TODAY),
    ("PAX-LEG-CHAIN",
     interchange(M(sub(BODY, "DTM+232:2503101900:201",
                       ["DTM+232:2503101900:201", "TDT+20+XX102+++XX", "LOC+92+BOS",
                        "DTM+189:2503102100:201", "LOC+92+SFO", "DTM+232:2503110100:201"]))),
     ["segment 11 (LOC e2c1)"], set(), "wco", TODAY),
    ("PAX-DUPLICATE-TRAVELLER",
     interchange(M(sub(BODY, "CNT+42:1", [*BODY[8:21], "CNT+42:2"]))), ["segment 23 (NAD e4)"],
     set(), "wco", TODAY),
    ("PAX-DOC-NUMBER-CHARS", interchange(M(sub(BODY, "DOC+P+123456789", "DOC+P+1234-5678"))),
     ["segment 20 (DOC e2c1)"], set(), "wco", TODAY),
    ("PAX-NAME-CHARS", interchange(M(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++DOE2:JANE"))),
     ["segment 10 (NAD e4c1)"], set(), "wco", TODAY),
    ("PAX-CNT-MISSING", interchange(M(sub(BODY, "CNT+42:1", None))), ["segment CNT"], set(),
     "wco", TODAY),
    ("PAX-CNT-QUALIFIER", interchange(M(sub(BODY, "CNT+42:1", "CNT+41:1"))),
     ["segment 23 (CNT e1c1)"], set(), "wco", TODAY),
    ("PAX-CNT-TOO-SMALL", interchange(M(sub(BODY, "CNT+42:1", "CNT+42:0"))),
     ["segment 23 (CNT e1c2)"], set(), "wco", TODAY),
    ("PAX-MRZ-CHECK-DIGIT",
     interchange(M(sub(BODY, "RFF+SEA:23A", ["RFF+SEA:23A", "FTX+AAI+++P<UTOERIKSSON<<ANNA<MARIA"
                                             "<<<<<<<<<<<<<<<<<<<:L898902C36UTO7408122F1204159"
                                             "ZE184226B<<<<<18"]))),
     ["segment 20 (FTX e4)"], {"PAX-CODE-UNKNOWN"}, "wco", TODAY),
    # --- PAXLST: required elements
    ("PAX-MISSING-FLIGHT-ID", interchange(M(sub(BODY, "TDT+20+XX101+++XX", "TDT+20"))),
     ["segment 5 (TDT)"], set(), "wco", TODAY),
    ("PAX-MISSING-DEPARTURE-AIRPORT", interchange(M(sub(BODY, "LOC+125+LHR", "LOC+125+"))),
     ["segment 5 (TDT)"], set(), "wco", TODAY),
    ("PAX-MISSING-ARRIVAL-AIRPORT", interchange(M(sub(BODY, "LOC+87+JFK", "LOC+87+"))),
     ["segment 5 (TDT)"], set(), "wco", TODAY),
    ("PAX-MISSING-DEPARTURE-TIME", interchange(M(sub(BODY, "DTM+189:2503101600:201", None))),
     ["segment 5 (TDT)"], set(), "wco", TODAY),
    ("PAX-MISSING-ARRIVAL-TIME", interchange(M(sub(BODY, "DTM+232:2503101900:201", None))),
     ["segment 5 (TDT)"], set(), "wco", TODAY),
    ("PAX-MISSING-CARRIER-CONTACT", interchange(M(sub(BODY, "COM+44 20 7946 0000:TE", None))),
     ["segment 3 (NAD)"], set(), "eu-api-2025", TODAY),
    ("PAX-MISSING-SURNAME", interchange(M(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++:JANE"))),
     ["segment 10 (NAD)"], set(), "wco", TODAY),
    ("PAX-MISSING-GIVEN-NAMES", interchange(M(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++DOE"))),
     ["segment 10 (NAD)"], set(), "wco", TODAY),
    ("PAX-MISSING-GENDER", interchange(M(sub(BODY, "ATT+2++F", None))), ["segment 10 (NAD)"],
     set(), "wco", TODAY),
    ("PAX-MISSING-DATE-OF-BIRTH", interchange(M(sub(BODY, "DTM+329:850412", None))),
     ["segment 10 (NAD)"], set(), "wco", TODAY),
    ("PAX-MISSING-NATIONALITY", interchange(M(sub(BODY, "NAT+2+GBR", None))),
     ["segment 10 (NAD)"], set(), "wco", TODAY),
    ("PAX-MISSING-RESIDENCE", interchange(M(sub(BODY, "LOC+174+GBR", None))),
     ["segment 10 (NAD)"], set(), "us-apis", TODAY),
    ("PAX-MISSING-EMBARKATION", interchange(M(sub(BODY, "LOC+178+LHR", None))),
     ["segment 10 (NAD)"], set(), "eu-api-2025", TODAY),
    ("PAX-MISSING-RESERVATION", interchange(M(sub(BODY, "RFF+AVF:ABC123", None))),
     ["segment 10 (NAD)"], set(), "eu-api-2025", TODAY),
    ("PAX-MISSING-SEAT", interchange(M(sub(BODY, "RFF+SEA:23A", None))), ["segment 10 (NAD)"],
     set(), "eu-api-2025", TODAY),
    ("PAX-MISSING-CHECKED-BAGS", interchange(M(sub(BODY, "MEA+CT++:1", None))),
     ["segment 10 (NAD)"], set(), "eu-api-2025", TODAY),
    ("PAX-MISSING-TRAVEL-DOCUMENT", interchange(M(sub(BODY, "DOC+P+123456789", "DOC+V+123456789"))),
     ["segment 10 (NAD)"], set(), "wco", TODAY),
    ("PAX-MISSING-DOCUMENT-TYPE", interchange(M(sub(BODY, "DOC+P+123456789", "DOC++123456789"))),
     ["segment 20 (DOC)"], set(), "wco", TODAY),
    ("PAX-MISSING-DOCUMENT-NUMBER", interchange(M(sub(BODY, "DOC+P+123456789", "DOC+P"))),
     ["segment 20 (DOC)"], set(), "wco", TODAY),
    ("PAX-MISSING-DOCUMENT-ISSUER", interchange(M(sub(BODY, "LOC+91+GBR", None))),
     ["segment 20 (DOC)"], set(), "wco", TODAY),
    ("PAX-MISSING-DOCUMENT-EXPIRY", interchange(M(sub(BODY, "DTM+36:300101", None))),
     ["segment 20 (DOC)"], set(), "wco", TODAY),
]


@pytest.mark.parametrize("profile", ["wco", "eu-api-2025", "us-apis"])
def test_the_clean_message_breaks_no_rule(profile: str) -> None:
    assert validate(interchange(), profile, today=TODAY) == []


@pytest.mark.parametrize(("rule", "data", "expected", "also", "profile", "today"), CASES,
                         ids=[c[0] for c in CASES])
def test_rule_is_broken_exactly_where(rule: str, data: bytes, expected: list[str], also: set[str],
                                      profile: str, today: date) -> None:
    assert rule in RULES
    findings = validate(data, profile, today=today, name="case.edi")
    assert where(findings, rule) == expected
    assert {f.rule for f in findings} - also == {rule}
    found = next(f for f in findings if f.rule == rule)
    assert found.severity is load_profile(profile).rules[rule]
    assert found.input_name == "case.edi"


def test_every_rule_of_the_catalogue_has_a_case_or_a_test() -> None:
    covered = {c[0] for c in CASES} | {
        "VAL-INPUT-UNREADABLE",   # test_validation_cli: missing file
        "VAL-INTERNAL",           # test_a_reader_failure_is_a_finding
        "VAL-DEFECT",             # test_an_unmapped_defect_keeps_its_code
        "PAX-MISSING-DISEMBARKATION",  # test_validation_profiles: user profile
        "ENV-SYNTAX", "ENV-UNA-MISPLACED",  # test_reserved_defect_codes_map_to_their_rules
    }
    covered |= {r.id for r in RULES.values() if r.family == "pnrgov"}  # test_validation_pnrgov
    assert set(RULES) - covered == set()


def test_findings_name_the_traveller_and_the_message() -> None:
    data = interchange(M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ")))
    (finding,) = validate(data, today=TODAY)
    assert finding.message_reference == "M1"
    assert finding.subject is not None
    assert (finding.subject.index, finding.subject.name) == (1, "DOE, JANE")
    assert (finding.segment_index, finding.tag, finding.element, finding.component) == (
        17, "NAT", 2, 1)
    assert finding.value == "XYZ"
    assert finding.line == 1
    assert finding.offset == data.index(b"NAT+2+XYZ")
    assert str(finding.segment) == "NAT+2+XYZ'"


def test_doc9303_codes_and_germany_d_are_nationalities() -> None:
    for code in ("D", "XXA", "UNO", "EUE", "GBD"):
        data = interchange(M(sub(BODY, "NAT+2+GBR", f"NAT+2+{code}")))
        assert validate(data, today=TODAY) == [], code


def test_arrival_compares_in_utc_across_time_zones() -> None:
    # Tokyo 10:00 (01:00Z) to Honolulu 22:00 the day before (08:00Z): arrives after it departs.
    body = sub(sub(sub(sub(BODY, "LOC+125+LHR", "LOC+125+NRT"), "DTM+189:2503101600:201",
                           "DTM+189:2503101000:201"), "LOC+87+JFK", "LOC+87+HNL"),
               "DTM+232:2503101900:201", "DTM+232:2503092200:201")
    body = sub(sub(body, "LOC+178+LHR", "LOC+178+NRT"), "LOC+179+JFK", "LOC+179+HNL")
    assert validate(interchange(M(body)), today=TODAY) == []


def test_guide_example_progressive_flight_legs_chain() -> None:
    legs = ["TDT+20+XZ877+++XZ", "LOC+92+BCN", "DTM+189:2503100900:201", "LOC+92+IAD",
            "DTM+232:2503101200:201", "TDT+20+XZ877+++XZ", "LOC+92+IAD",
            "DTM+189:2503101400:201", "LOC+92+SFO", "DTM+232:2503101730:201"]
    body = BODY[:3] + legs + BODY[8:]
    body = sub(sub(body, "LOC+178+LHR", "LOC+178+BCN"), "LOC+179+JFK", "LOC+179+SFO")
    assert validate(interchange(M(body)), today=TODAY) == []
    late = sub(body, "DTM+189:2503101400:201", "DTM+189:2503101100:201")
    findings = validate(interchange(M(late)), today=TODAY)
    assert [(f.rule, f.where()) for f in findings] == [("PAX-LEG-CHAIN", "segment 12 (DTM e1c2)")]


def test_document_validity_margin_is_a_profile_parameter(tmp_path: Path) -> None:
    data = interchange(M(sub(BODY, "DTM+36:300101", "DTM+36:250601")))
    assert validate(data, today=TODAY) == []
    profile = tmp_path / "six_months.toml"
    profile.write_text('[profile]\nextends = "wco"\n[parameters]\ndocument_validity_days = 180\n')
    assert where(validate(data, profile, today=TODAY), "PAX-DOC-EXPIRED") == [
        "segment 21 (DTM e1c2)"]


def test_a_reader_failure_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, els: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(PaxlstBuilder, "_att", broken)
    findings = validate(interchange(), today=TODAY)
    assert [(f.rule, f.where()) for f in findings] == [("PAX-MISSING-GENDER", "segment 10 (NAD)"),
                                                       ("VAL-INTERNAL", "segment 11 (ATT)")]


def test_an_unmapped_defect_keeps_its_code_and_severity() -> None:
    plist = paxdata.parse(interchange()).passenger_lists[0]
    odd = Defect("ZZZ-NEW-CHECK", Severity.INFO, "something new",
                 Location(segment_index=5, tag="TDT"))
    findings = validate(attrs.evolve(plist, warnings=(odd,)), today=TODAY)
    assert [(f.rule, f.severity, f.message, f.where()) for f in findings] == [
        ("VAL-DEFECT", Severity.INFO, "something new [ZZZ-NEW-CHECK]", "segment 5 (TDT)")]


@pytest.mark.parametrize(("code", "rule"), [("EDI-UNA-MISPLACED", "ENV-UNA-MISPLACED"),
                                            ("EDI-SYNTAX", "ENV-SYNTAX")])
def test_reserved_defect_codes_map_to_their_rules(code: str, rule: str) -> None:
    # codes the syntax layer defines for pydifact interop and strictness, not raised by
    # the scanner today; a result that carries them gets the mapped rule
    result = paxdata.parse(interchange())
    defect = Defect(code, Severity.ERROR, "reported", Location(offset=0, tag="UNA"))
    findings = validate(attrs.evolve(result, warnings=(defect,)), today=TODAY)
    assert [(f.rule, f.where()) for f in findings] == [(rule, "segment UNA")]


def test_parsed_input_is_checked_on_its_records() -> None:
    data = interchange(M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ"), count=99))
    result = paxdata.parse(data)
    from_result = validate(result, today=TODAY)
    assert {f.rule for f in from_result} == {"PAX-COUNTRY-CODE", "ENV-UNT-COUNT"}
    from_list = validate(result.passenger_lists[0], today=TODAY)
    assert {f.rule for f in from_list} == {"PAX-COUNTRY-CODE", "ENV-UNT-COUNT"}
    country = next(f for f in from_list if f.rule == "PAX-COUNTRY-CODE")
    assert (country.tag, country.element, country.subject.index if country.subject else None) \
        == ("NAT", 2, 1)


def test_records_read_for_validation_equal_parse() -> None:
    for data in (interchange(), interchange(M(sub(BODY, "DTM+329:850412", "DTM+329:851332")),
                                            M(ref="M2", count=5))):
        view = read_input(data)
        parsed = paxdata.parse(data, policy=paxdata.Policy(show_values=True))
        assert view.result.messages == parsed.messages
        assert sorted(map(str, view.result.warnings)) == sorted(map(str, parsed.warnings))


# ---------------------------------------------------------------------------- check digits
def test_icao_specimen_check_digits() -> None:
    assert check_digit("L898902C3") == 6
    assert check_digit("740812") == 2
    assert check_digit("120415") == 9
    assert check_digit("ZE184226B<<<<<") == 1
    assert check_digit("l898902c3") is None


def test_icao_specimen_passport_mrz_verifies() -> None:
    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
             "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    kind, checks = verify_mrz(lines) or ("", [])
    assert kind == "TD3"
    assert [(c.field, c.expected, c.ok) for c in checks] == [
        ("document_number", 6, True), ("date_of_birth", 2, True), ("expiry_date", 9, True),
        ("optional_data", 1, True), ("composite", 0, True)]
    kind, checks = verify_mrz([lines[0], lines[1][:-1] + "8"]) or ("", [])
    assert [(c.field, c.position, c.found, c.expected) for c in checks if not c.ok] == [
        ("composite", 44, "8", 0)]


def test_icao_specimen_td1_card_mrz_verifies() -> None:
    lines = ["I<UTOD231458907<<<<<<<<<<<<<<<",
             "7408122F1204159UTO<<<<<<<<<<<6",
             "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    kind, checks = verify_mrz(lines) or ("", [])
    assert kind == "TD1"
    assert [(c.field, c.expected, c.ok) for c in checks] == [
        ("document_number", 7, True), ("date_of_birth", 2, True), ("expiry_date", 9, True),
        ("composite", 6, True)]


def test_find_mrz_in_free_text() -> None:
    line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert find_mrz(f"{line1} {line2}") == [line1, line2]
    assert find_mrz(line1 + line2) == [line1, line2]
    assert find_mrz("NO MACHINE READABLE ZONE HERE") is None
