"""EDIFACT envelopes: interchanges, groups, messages, control counts, transport wrappers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paxdata import STRICT, DefectError, PaxdataError
from paxdata.edifact import read, serialize_document
from support import sample

GROUPED = ("UNB+UNOA:4+S+R+250310:1405+REF1'"
           "UNG+PAXLST+S+R+250310:1405+G1+UN+D:05B'"
           "UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+M1'"
           "UNH+M2+PAXLST:D:05B:UN:IATA'BGM+250'UNT+3+M2'"
           "UNE+2+G1'UNZ+1+REF1'")


def codes(doc: object) -> list[str]:
    return [d.code for d in doc.all_warnings()]  # type: ignore[attr-defined]


def test_group_with_two_messages() -> None:
    doc = read(GROUPED)
    ic = doc.interchanges[0]
    assert ic.header is not None
    assert ic.header.control_reference == "REF1"
    assert ic.header.syntax_identifier == "UNOA"
    assert ic.header.syntax_version == "4"
    assert ic.header.prepared_at is not None and ic.header.prepared_at.isoformat() == "2025-03-10T14:05:00"
    assert [g.header.reference for g in ic.groups] == ["G1"]
    assert [m.reference for m in ic.groups[0].messages] == ["M1", "M2"]
    assert [m.header.message_type for m in ic.messages] == ["PAXLST", "PAXLST"]
    assert ic.messages[0].header.version_release == "D:05B"
    assert ic.messages[0].header.group is not None
    assert codes(doc) == []


def test_messages_without_group() -> None:
    text = ("UNB+IATA:1+S+R+130527:0649+7'UNH+1+PNRGOV:11:1:IA+270513/0649/SQ/602'MSG+:22'"
            "UNT+3+1'UNZ+1+7'")
    doc = read(text)
    message = doc.messages[0]
    assert message.header.version_release == "11:1"
    assert message.header.controlling_agency == "IA"
    assert message.header.common_access_reference == "270513/0649/SQ/602"
    assert message.header.group is None
    assert codes(doc) == []


def test_several_interchanges_in_one_input() -> None:
    one = "UNB+UNOA:4+S+R+250310:1405+A'UNH+1+X:D:05B:UN'UNT+2+1'UNZ+1+A'"
    two = "UNA:*.? $UNB*UNOA:4*S*R*250310:1406*B$UNH*1*X:D:05B:UN$UNT*2*1$UNZ*1*B$"
    doc = read(one + "\n" + two + "\r\n" + one.replace("+A'", "+C'"))
    assert [ic.header.control_reference for ic in doc.interchanges if ic.header] == ["A", "B", "C"]
    assert doc.interchanges[1].service_characters.element_separator == "*"
    assert doc.interchanges[2].service_characters.element_separator == "+"
    assert codes(doc) == []


def test_control_count_and_reference_mismatches_are_warnings() -> None:
    text = ("UNB+UNOA:4+S+R+250310:1405+REF1'UNG+PAXLST+S+R+250310:1405+G1+UN+D:05B'"
            "UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+0000152+M9'UNE+7+G2'UNZ+3+REF2'")
    doc = read(text)
    assert sorted(codes(doc)) == sorted([
        "EDI-UNT-COUNT", "EDI-UNT-REFERENCE", "EDI-UNE-COUNT", "EDI-UNE-REFERENCE",
        "EDI-UNZ-COUNT", "EDI-UNZ-REFERENCE"])
    unt = next(d for d in doc.all_warnings() if d.code == "EDI-UNT-COUNT")
    assert unt.message == "UNT declares 152 segments, 3 received (UNH to UNT)"
    assert unt.location.message_reference == "M1"


def test_leading_zeros_in_counts_compare_numerically() -> None:
    text = "UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'BGM+745'UNT+000003+1'UNZ+001+1'"
    assert codes(read(text)) == []


def test_control_count_mismatch_raises_when_strict() -> None:
    text = "UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'BGM+745'UNT+9+1'UNZ+1+1'"
    with pytest.raises(DefectError) as caught:
        read(text, policy=STRICT)
    assert caught.value.code == "EDI-UNT-COUNT"
    assert caught.value.location.tag == "UNT"
    assert caught.value.location.segment_index == 3


def test_unz_counts_groups_when_groups_are_used() -> None:
    assert codes(read(GROUPED.replace("UNZ+1+REF1", "UNZ+2+REF1"))) == ["EDI-UNZ-COUNT"]


def test_groups_and_bare_messages_mixed() -> None:
    text = GROUPED.replace("UNZ+1+REF1'", "UNH+M3+X:D:05B:UN'UNT+2+M3'UNZ+1+REF1'")
    assert "EDI-GROUPS-MIXED" in codes(read(text))


def test_missing_unt_unz_and_truncation() -> None:
    doc = read("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++SMI")
    assert [s.tag for s in doc.messages[0].body] == ["BGM", "NAD"]
    assert doc.messages[0].body[1].get(4) == "SMI"
    assert {"EDI-TERMINATOR-MISSING", "EDI-UNT-MISSING", "EDI-UNZ-MISSING"} <= set(codes(doc))


def test_new_unh_closes_an_unterminated_message() -> None:
    doc = read("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'BGM+1'"
               "UNH+2+X:D:05B:UN'BGM+2'UNT+3+2'UNZ+2+1'")
    assert [m.reference for m in doc.messages] == ["1", "2"]
    assert doc.messages[0].trailer is None
    assert codes(doc) == ["EDI-UNT-MISSING"]


def test_message_without_interchange_envelope() -> None:
    doc = read("UNH+1+PAXLST:D:02B:UN:IATA+OK688/071008/1310+01:F'BGM+745'UNT+3+1'")
    assert doc.interchanges[0].header is None
    assert doc.messages[0].header.common_access_reference == "OK688/071008/1310"
    assert doc.messages[0].header.sequence_number == 1
    assert doc.messages[0].header.first_last == "F"
    assert codes(doc) == ["EDI-UNB-MISSING"]


def test_segment_outside_a_message_is_kept() -> None:
    doc = read("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'UNT+2+1'FTX+LOST'UNZ+1+1'")
    assert [s.get(1) for s in doc.interchanges[0].stray_segments] == ["LOST"]
    assert "EDI-SEGMENT-OUTSIDE-MESSAGE" in codes(doc)


def test_type_b_envelopes_with_control_characters() -> None:
    doc = read(sample("paxlst_type_b_envelopes.edi"))
    assert len(doc.interchanges) == 2
    assert [s.kind for s in doc.skipped] == ["envelope", "envelope", "envelope"]
    assert doc.skipped[0].text.startswith("\x01QU GOVAPXH")
    # Type B wraps lines at 69 characters, inside values too; they are joined again.
    nad = next(s for s in doc.messages[0].body if s.tag == "NAD")
    assert nad.get(4, 1) == "OKAFOR"
    doc_numbers = [s.get(2) for m in doc.messages for s in m.body if s.tag == "DOC"]
    assert doc_numbers == ["NX0012345", "NX0022345"]
    assert "EDI-LINE-BREAK-IN-SEGMENT" in codes(doc)
    assert "EDI-UNT-COUNT" not in codes(doc)


def test_text_before_the_interchange_is_reported_and_kept() -> None:
    doc = read("Forwarded message follows:\nUNB+UNOA:4+S+R+250310:1405+1'UNZ+0+1'")
    assert doc.skipped[0].kind == "text"
    assert doc.skipped[0].text.startswith("Forwarded message")
    assert "EDI-TEXT-SKIPPED" in codes(doc)


def test_nothing_edifact_at_all() -> None:
    doc = read(b"\x00\x01 hello world \xff")
    assert doc.interchanges == ()
    assert "EDI-NO-INTERCHANGE" in codes(doc)


def test_raw_write_back_reproduces_the_segments() -> None:
    original = read(sample("paxlst_passenger_list.edi"))
    again = read(serialize_document(original, line_break="\n"))
    assert [m.segments for m in again.messages] == [m.segments for m in original.messages]
    assert again.interchanges[0].service_characters == original.interchanges[0].service_characters


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_escape_as_other_exceptions(data: bytes) -> None:
    try:
        doc = read(data)
    except PaxdataError:  # pragma: no cover - lenient reading does not raise
        raise
    assert isinstance(doc.interchanges, tuple)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet="UNABGHTZE+:'?* \n\r\x02\x03ABC123", max_size=200))
def test_edifact_like_text_never_escapes(text: str) -> None:
    for policy in (None, STRICT):
        try:
            read(text) if policy is None else read(text, policy=policy)
        except PaxdataError:
            assert policy is STRICT
