"""EDIFACT syntax layer: service characters, release characters, line breaks, positions."""

from __future__ import annotations

import pytest

from paxdata import STRICT, DefectError
from paxdata.edifact import (
    DEFAULT,
    Segment,
    ServiceCharacters,
    parse_una,
    read,
    serialize_segments,
)


def body(text: str | bytes, **kw: object) -> list[Segment]:
    """Body segments of the only message of ``text``."""
    doc = read(text, **kw)  # type: ignore[arg-type]
    assert len(doc.messages) == 1, doc
    return list(doc.messages[0].body)


def codes(doc: object) -> list[str]:
    return [d.code for d in doc.all_warnings()]  # type: ignore[attr-defined]


WRAP = "UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'{}UNT+{}+1'UNZ+1+1'"


def msg(*segments: str) -> str:
    return WRAP.format("".join(s + "'" for s in segments), len(segments) + 2)


class TestServiceStringAdvice:
    def test_defaults_without_una(self) -> None:
        doc = read(msg("NAD+FL+++SMITH:JOHN"))
        ic = doc.interchanges[0]
        assert ic.service_characters == DEFAULT
        assert ic.una_present is False
        assert doc.messages[0].body[0].elements == (("FL",), ("",), ("",), ("SMITH", "JOHN"))

    def test_custom_characters_star_and_dollar(self) -> None:
        text = ("UNA:*.? $UNB*UNOA:4*S*R*250310:1405*1$UNH*1*PAXLST:D:02B:UN:IATA$"
                "NAD*FL***BETTON:DAVID$UNT*3*1$UNZ*1*1$")
        doc = read(text)
        assert doc.interchanges[0].service_characters == ServiceCharacters(
            element_separator="*", segment_terminator="$", repetition_separator=None)
        assert doc.messages[0].body[0].get(4, 1) == "BETTON"
        assert codes(doc) == []

    def test_line_break_as_segment_terminator(self) -> None:
        text = "UNA:+,? \nUNB+UNOA:4+S+R+250310:1405+1\nUNH+1+X:D:05B:UN\nFTX+A'B\nUNT+3+1\nUNZ+1+1\n"
        doc = read(text)
        assert doc.interchanges[0].service_characters.segment_terminator == "\n"
        assert doc.interchanges[0].service_characters.decimal_mark == ","
        assert doc.messages[0].body[0].get(1) == "A'B"
        assert codes(doc) == []

    @pytest.mark.parametrize("advice", ["UNA:+\\*'", "UNA::.? '", "UNA:+.?*A"])
    def test_malformed_una_falls_back_to_defaults(self, advice: str) -> None:
        doc = read(advice + "UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'UNT+2+1'UNZ+1+1'")
        assert "EDI-UNA-MALFORMED" in codes(doc)
        assert doc.interchanges[0].service_characters == DEFAULT
        assert doc.interchanges[0].header is not None
        assert doc.interchanges[0].header.control_reference == "1"

    def test_malformed_una_is_an_error_when_strict(self) -> None:
        with pytest.raises(DefectError) as caught:
            read("UNA:+\\*'UNB+UNOA:4+S+R+250310:1405+1'UNZ+0+1'", policy=STRICT)
        assert caught.value.code == "EDI-UNA-MALFORMED"
        assert caught.value.location.offset == 0

    def test_parse_una_rejects_duplicates(self) -> None:
        chars, reason = parse_una("::.? '")
        assert chars is None
        assert reason is not None and "distinct" in reason

    def test_unb_with_other_separators_and_no_una_is_inferred(self) -> None:
        text = 'UNB+SIRE:4+CA+NIAC+250101:1200+1"UNH+1+PAXLST:D:05B:UN:IATA"BGM+745"UNT+3+1"UNZ+1+1"'
        doc = read(text)
        assert doc.interchanges[0].service_characters.segment_terminator == '"'
        assert doc.messages[0].body[0].tag == "BGM"
        assert "EDI-SERVICE-CHARS-INFERRED" in codes(doc)


class TestReleaseCharacter:
    def test_released_apostrophe(self) -> None:
        assert body(msg("NAD+FL+++O?'BRIEN:PATRICK"))[0].get(4, 1) == "O'BRIEN"

    def test_released_separators_and_release(self) -> None:
        seg = body(msg("FTX+AAA+++A?+B?:C??D"))[0]
        assert seg.elements[3] == ("A+B:C?D",)

    def test_even_release_run_before_terminator_ends_the_segment(self) -> None:
        segs = body(msg("FTX+AAA+++END??", "NAT+2+GBR"))
        assert segs[0].get(4) == "END?"
        assert segs[1].tag == "NAT"

    def test_odd_release_run_before_terminator_releases_it(self) -> None:
        segs = body(msg("FTX+AAA+++A???'B"))
        assert segs[0].get(4) == "A?'B"

    def test_released_una_text_in_data_is_data(self) -> None:
        # pydifact takes a released ?'UNA in data for a service string advice.
        segs = body(msg("FTX+AAA+++X?'UNA?:?+.?? ?'Y", "NAT+2+GBR"))
        assert segs[0].get(4) == "X'UNA:+.? 'Y"
        assert segs[1].tag == "NAT"

    def test_dangling_release_is_reported(self) -> None:
        doc = read(msg("NAD+FL+++A?"))
        # the released terminator swallows the next segment: UNT is data, the count is off
        assert "EDI-UNT-MISSING" in codes(doc) or "EDI-RELEASE-DANGLING" in codes(doc)

    def test_no_release_character_declared(self) -> None:
        text = "UNA:+.  'UNB+UNOA:3+S+R+250310:1405+1'UNH+1+X:D:05B:UN'FTX+A?B'UNT+3+1'UNZ+1+1'"
        doc = read(text)
        assert doc.interchanges[0].service_characters.release_character is None
        assert doc.messages[0].body[0].get(1) == "A?B"


class TestRepetitionSeparator:
    def test_star_is_data_without_una(self) -> None:
        doc = read("UNB+UNOA:4+APIS*ABE+USADHS+250310:1405+1'UNZ+0+1'")
        header = doc.interchanges[0].header
        assert header is not None and header.sender is not None
        assert header.sender.identification == "APIS*ABE"

    def test_star_is_data_in_syntax_version_1(self) -> None:
        text = "UNA:+.?*'UNB+IATA:1+S+R+250310:1405+1'UNH+1+PNRGOV:13:1:IA'IFT+3+A*B'UNT+3+1'UNZ+1+1'"
        assert body(text)[0].get(2) == "A*B"

    def test_repetitions_in_syntax_version_4(self) -> None:
        text = ("UNA:+.?*'UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'"
                "COM+111:TE*222:FX+333:EM'UNT+3+1'UNZ+1+1'")
        seg = body(text)[0]
        assert seg.elements == (("111", "TE"), ("333", "EM"))
        assert seg.occurrences(1) == (("111", "TE"), ("222", "FX"))
        assert seg.occurrences(2) == (("333", "EM"),)

    def test_released_star_is_data(self) -> None:
        text = ("UNA:+.?*'UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'"
                "FTX+A?*B'UNT+3+1'UNZ+1+1'")
        seg = body(text)[0]
        assert seg.get(1) == "A*B"
        assert seg.repetitions is None


class TestLineBreaksAndWhitespace:
    def test_crlf_after_segments(self) -> None:
        doc = read(msg("NAD+FL+++SMITH").replace("'", "'\r\n"))
        assert doc.messages[0].body[0].get(4) == "SMITH"
        assert codes(doc) == []

    def test_line_break_inside_a_value_is_removed(self) -> None:
        doc = read(msg("NAD+FL+++VANDENBE\r\nRG:JAN"))
        assert doc.messages[0].body[0].get(4) == "VANDENBERG"
        assert "EDI-LINE-BREAK-IN-SEGMENT" in codes(doc)

    def test_line_break_inside_a_tag_is_removed(self) -> None:
        doc = read(msg("NA\nD+FL+++SMITH"))
        assert doc.messages[0].body[0].tag == "NAD"

    def test_leading_spaces_per_line_are_tolerated(self) -> None:
        text = "\n".join("   " + line for line in msg("NAT+2+GBR").split("'") if line)
        doc = read(text.replace("\n", "'\n") + "'")
        assert doc.messages[0].body[0].get(2) == "GBR"
        assert "EDI-WHITESPACE" in codes(doc)
        assert not [c for c in codes(doc) if c != "EDI-WHITESPACE"]

    def test_space_between_tag_and_separator(self) -> None:
        text = ("UNB+UNOA:4+S+R+250310:1405+1'UNG +PAXLST+S+R+250310:1405+9+UN+D:02B'"
                "UNH+1+PAXLST:D:02B:UN:IATA'UNT+2+1'UNE+1+9'UNZ+1+1'")
        doc = read(text)
        assert doc.interchanges[0].groups[0].header.message_group == "PAXLST"
        assert "EDI-SEGMENT-TAG-INVALID" in codes(doc)

    def test_bom_is_skipped(self) -> None:
        doc = read(b"\xef\xbb\xbf" + msg("NAT+2+GBR").encode())
        assert doc.skipped[0].kind == "bom"
        assert doc.messages[0].body[0].get(2) == "GBR"
        assert "EDI-BOM" in codes(doc)

    def test_typographic_apostrophe_terminator(self) -> None:
        text = msg("NAD+FL+++SMITH", "NAT+2+GBR").replace("SMITH'", "SMITH\u2019\n")
        doc = read(text.encode("utf-8"))
        assert [s.tag for s in doc.messages[0].body] == ["NAD", "NAT"]
        assert "EDI-TYPOGRAPHIC-TERMINATOR" in codes(doc)


class TestPositions:
    def test_segment_index_counts_from_unh(self) -> None:
        doc = read(msg("BGM+745", "NAD+FL+++A", "NAT+2+GBR"))
        message = doc.messages[0]
        assert [s.index for s in message.segments] == [1, 2, 3, 4, 5]
        assert [s.tag for s in message.segments] == ["UNH", "BGM", "NAD", "NAT", "UNT"]

    def test_byte_offsets_and_lines(self) -> None:
        text = "UNB+UNOA:4+S+R+250310:1405+1'\nUNH+1+X:D:05B:UN'\nNAD+FL+++A'\nUNT+3+1'\nUNZ+1+1'\n"
        doc = read(text.encode())
        nad = doc.messages[0].body[0]
        assert nad.offset == text.index("NAD")
        assert text[nad.offset:nad.offset + 3] == "NAD"

    def test_offsets_are_bytes_for_bytes_input(self) -> None:
        text = "UNB+UNOW:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'FTX+É'NAT+2+X'UNT+4+1'UNZ+1+1'"
        doc = read(text.encode("utf-8"))
        nat = doc.messages[0].body[1]
        assert nat.offset == text.encode("utf-8").index(b"NAT")
        assert doc.messages[0].body[0].get(1) == "É"

    def test_defect_location_names_line_tag_and_element(self) -> None:
        text = "UNB+UNOA:4+S+R+250310:1405+1'\nUNH+1+X:D:05B:UN'\nUNT+9+1'\nUNZ+1+1'\n"
        doc = read(text)
        defect = next(d for d in doc.all_warnings() if d.code == "EDI-UNT-COUNT")
        assert defect.location.tag == "UNT"
        assert defect.location.line == 3
        assert defect.location.element == 1
        assert defect.location.segment_index == 2
        assert "UNT declares 9 segments, 2 received" in defect.message


class TestCharacterRepertoires:
    def test_unoc_is_latin1(self) -> None:
        raw = "UNB+UNOC:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++MÜLLER'UNT+3+1'UNZ+1+1'"
        doc = read(raw.encode("latin-1"))
        assert doc.messages[0].body[0].get(4) == "MÜLLER"
        assert codes(doc) == []

    def test_unow_is_utf8(self) -> None:
        raw = "UNB+UNOW:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++ŁUKASZ'UNT+3+1'UNZ+1+1'"
        doc = read(raw.encode("utf-8"))
        assert doc.messages[0].body[0].get(4) == "ŁUKASZ"
        assert codes(doc) == []

    def test_invalid_utf8_in_unow_is_reported_with_its_offset(self) -> None:
        raw = b"UNB+UNOW:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++AB\xffCD'UNT+3+1'UNZ+1+1'"
        doc = read(raw)
        defect = next(d for d in doc.all_warnings() if d.code == "EDI-UNDECODABLE")
        assert defect.location.offset == raw.index(b"\xff")
        assert "0xFF" in defect.message
        assert doc.messages[0].body[0].get(4) == "AB\ufffdCD"

    def test_invalid_utf8_is_an_error_when_strict(self) -> None:
        raw = b"UNB+UNOW:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++AB\xffCD'UNT+3+1'UNZ+1+1'"
        with pytest.raises(DefectError) as caught:
            read(raw, policy=STRICT)
        assert caught.value.location.offset == raw.index(b"\xff")

    def test_utf8_in_unoa_is_read_as_utf8_with_a_warning(self) -> None:
        raw = "UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++YYÉ'UNT+3+1'UNZ+1+1'"
        doc = read(raw.encode("utf-8"))
        assert doc.messages[0].body[0].get(4) == "YYÉ"
        assert codes(doc) == ["EDI-OUTSIDE-REPERTOIRE"]

    def test_windows_1252_in_unoa(self) -> None:
        raw = b"UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++KULI\x8a'UNT+3+1'UNZ+1+1'"
        assert read(raw).messages[0].body[0].get(4) == "KULIŠ"

    def test_str_input_is_not_transcoded(self) -> None:
        raw = "UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'NAD+FL+++ÅSA'UNT+3+1'UNZ+1+1'"
        doc = read(raw)
        assert doc.messages[0].body[0].get(4) == "ÅSA"
        assert codes(doc) == []


def test_released_space_before_terminator_is_data() -> None:
    assert body(msg("FTX+AAA+++A? ", "NAT+2+GBR"))[0].get(4) == "A "


def test_trailing_spaces_are_written_released_and_read_back() -> None:
    segment = Segment("FTX", (("AAA",), ("",), ("",), ("A  ",)))
    text = serialize_segments([segment])
    assert text == "FTX+AAA+++A ? '"
    assert body(msg(text[:-1]))[0].get(4) == "A  "
