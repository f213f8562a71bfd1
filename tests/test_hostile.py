"""Hostile input: any bytes parse or raise a located paxdata error, memory stays bounded,
lenient mode loses nothing, and messages keep personal values out unless asked.

The parse entry points exercised are those listed in ENTRY_POINTS; generated messages
with one mutation also go through validation and the writers' round trip.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paxdata
from paxdata import STRICT, PaxdataError, Policy
from paxdata.cli import main
from paxdata.edifact import read, scan
from paxdata.pnrgov import PnrgovMessage, PushedPnr
from paxdata.testing import assert_round_trip, paxlst_messages, pnrgov_messages
from paxdata.validation import validate_input
from support import SAMPLES, corpus_files, sample

SAMPLE_FILES = sorted(SAMPLES.glob("*.edi"))
SMALL_FILES = [p for p in SAMPLE_FILES + corpus_files("paxlst") + corpus_files("pnrgov_edi")
               + corpus_files("cusres") if p.stat().st_size <= 1500]


def _parse(data: bytes, policy: Policy) -> object:
    return paxdata.parse(data, policy=policy)


def _iter(data: bytes, policy: Policy) -> object:
    return list(paxdata.iter_messages(io.BytesIO(data), policy=policy))


def _iter_pnrs(data: bytes, policy: Policy) -> object:
    return list(paxdata.iter_pnrs(io.BytesIO(data), policy=policy))


def _read(data: bytes, policy: Policy) -> object:
    return read(data, policy=policy)


def _scan(data: bytes, policy: Policy) -> object:
    return sum(1 for _ in scan(data, policy=policy))


ENTRY_POINTS: dict[str, Callable[[bytes, Policy], object]] = {
    "parse": _parse, "iter_messages": _iter, "iter_pnrs": _iter_pnrs, "edifact.read": _read,
    "edifact.scan": _scan,
}


def check(data: bytes) -> None:
    """Guarantee 1: lenient reading never raises; strict raises only located errors."""
    for name, entry in ENTRY_POINTS.items():
        entry(data, paxdata.LENIENT)
        raised: PaxdataError | None = None
        try:
            entry(data, STRICT)
        except PaxdataError as error:
            raised = error
        if raised is not None:
            assert raised.location is not None, name
            assert raised.code, name


# ---------------------------------------------------------------- random and mutated input

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="UNABGHTZEDOCSRFL+:'?*$ \n\r\x00\x01\x02\x03\u2019ÉABC0129",
               max_size=300))
def test_edifact_shaped_text(text: str) -> None:
    check(text.encode("utf-8"))


def _segments(raw: bytes) -> tuple[list[bytes], bytes]:
    """The segments of ``raw`` (each with its terminator) and the terminator (UNA's, or
    the ISO default)."""
    end = raw[8:9] if raw.startswith(b"UNA") and len(raw) > 8 else b"'"
    return [s + end for s in raw.split(end) if s], end


MUTATIONS = ("flip", "truncate", "duplicate", "remove", "reorder", "una", "linebreaks",
             "controls")


def mutate(raw: bytes, mutation: str, rnd: random.Random) -> bytes:
    """``raw`` with one mutation of kind ``mutation`` (one of MUTATIONS)."""
    if not raw:
        return raw
    if mutation == "flip":
        data = bytearray(raw)
        for _ in range(rnd.randint(1, 8)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        return bytes(data)
    if mutation == "truncate":
        return raw[:rnd.randrange(len(raw))]
    segments, _ = _segments(raw)
    if mutation == "duplicate" and segments:
        at = rnd.randrange(len(segments))
        segments.insert(at, segments[at])
    elif mutation == "remove" and segments:
        del segments[rnd.randrange(len(segments))]
    elif mutation == "reorder":
        rnd.shuffle(segments)
    elif mutation == "una":
        symbols = list(b":+.? '*$!#%&/-=<>\n")
        rnd.shuffle(symbols)
        segments.insert(0, b"UNA" + bytes(symbols[:6]))
    elif mutation == "linebreaks":
        segments = [s[:k] + rnd.choice([b"\n", b"\r\n", b"\r"]) + s[k:]
                    for s in segments for k in [rnd.randrange(len(s) + 1)]]
    else:  # controls
        segments = [s[:k] + bytes([rnd.randrange(32)]) + s[k:]
                    for s in segments for k in [rnd.randrange(len(s) + 1)]]
    return b"".join(segments)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLE_FILES + corpus_files("paxlst")[:30]
                       + corpus_files("pnrgov_edi")[:20] + corpus_files("cusres")),
       st.sampled_from(MUTATIONS), st.randoms(use_true_random=False))
def test_mutated_messages(path: Path, mutation: str, rnd: random.Random) -> None:
    check(mutate(path.read_bytes(), mutation, rnd))


def _check_all_layers(data: bytes) -> None:
    """check(), then validation and the writers' round trip over the same bytes."""
    check(data)
    validate_input(data)
    validate_input(data, "pnrgov")
    assert_round_trip(data)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(paxlst_messages(max_travellers=3), st.sampled_from(MUTATIONS),
       st.randoms(use_true_random=False))
def test_generated_passenger_lists_with_one_mutation(data: bytes, mutation: str,
                                                     rnd: random.Random) -> None:
    _check_all_layers(mutate(data, mutation, rnd))


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pnrgov_messages(max_pnrs=2), st.sampled_from(MUTATIONS),
       st.randoms(use_true_random=False))
def test_generated_pnrgov_pushes_with_one_mutation(data: bytes, mutation: str,
                                                   rnd: random.Random) -> None:
    _check_all_layers(mutate(data, mutation, rnd))


def test_a_mutation_changes_the_message() -> None:
    raw = sample("paxlst_passenger_list.edi")
    rnd = random.Random(7)
    for mutation in MUTATIONS:
        assert mutate(raw, mutation, rnd) != raw, mutation
    segments, end = _segments(raw)
    assert end == b"'"
    assert b"".join(segments).rstrip(b"\n'") == raw.rstrip(b"\n'")


@pytest.mark.parametrize("path", SMALL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_truncation_at_every_position(path: Path) -> None:
    raw = path.read_bytes()
    for end in range(len(raw) + 1):
        paxdata.parse(raw[:end])
        read(raw[:end])


# ---------------------------------------------------------------- the listed hostile cases

WRAP = b"UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'%bUNT+9+1'UNZ+1+1'"


class Generated(io.RawIOBase):
    """A stream made on the fly, never held in memory: head, ``count`` times ``unit``,
    tail."""

    def __init__(self, head: bytes, unit: bytes, count: int, tail: bytes) -> None:
        self.parts: Iterator[bytes] = self._parts(head, unit, count, tail)
        self.buffer = b""

    @staticmethod
    def _parts(head: bytes, unit: bytes, count: int, tail: bytes) -> Iterator[bytes]:
        yield head
        block = unit * max(1, (1 << 16) // len(unit))
        per_block = len(block) // len(unit)
        full, rest = divmod(count, per_block)
        for _ in range(full):
            yield block
        yield unit * rest
        yield tail

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while len(self.buffer) < size:
            try:
                self.buffer += next(self.parts)
            except StopIteration:
                break
        piece, self.buffer = self.buffer[:size], self.buffer[size:]
        return piece


def test_a_100_mb_segment_is_read_past_in_bounded_memory() -> None:
    head = b"UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'FTX+AAA+++"
    stream = Generated(head, b"A", 100 * 1024 * 1024, b"'NAT+2+GBR'UNT+5+1'UNZ+1+1'")
    doc = read(stream)
    body = doc.messages[0].body
    assert [s.tag for s in body] == ["BGM", "FTX", "NAT"]
    assert len(body[1].get(1)) <= 1024
    assert [d.code for d in doc.all_warnings()] == ["EDI-SEGMENT-TOO-LONG"]


def test_two_million_empty_segments() -> None:
    doc = read(WRAP % (b"'" * 2_000_000))
    (empty,) = [d for d in doc.all_warnings() if d.code == "EDI-EMPTY-SEGMENT"]
    assert "and 1999999 more" in empty.message


def test_many_junk_segments_list_a_bounded_number_of_defects() -> None:
    doc = read(WRAP % (b"%%%+1'" * 50_000))
    invalid = [d for d in doc.all_warnings() if d.code == "EDI-SEGMENT-TAG-INVALID"]
    assert len(invalid) == 101  # 100 listed and one summary
    (summary,) = [d for d in invalid if "more defects of this kind" in d.message]
    assert summary.message.startswith("49900 more defects of this kind in this interchange")
    assert len(doc.messages[0].body) == 50_001  # nothing dropped: every junk segment is kept


def test_deeply_repeated_headers_without_trailers() -> None:
    doc = read(b"UNB+UNOA:4+S+R+250310:1405+1'" + b"UNG+PAXLST+S+R+250310:1405+1+UN+D:05B'"
               * 20_000 + b"UNH+1+X:D:05B:UN'" * 20_000)
    assert len(doc.messages) == 20_000
    assert len(doc.interchanges[0].groups) == 20_000


def test_nul_bytes_and_invalid_utf8_in_unow() -> None:
    raw = b"UNB+UNOW:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'FTX+A\x00B+\xff\xfe'UNT+3+1'UNZ+1+1'"
    doc = read(raw)
    assert {d.code for d in doc.all_warnings()} == {"EDI-CONTROL-CHARACTER", "EDI-UNDECODABLE"}
    assert doc.messages[0].body[0].get(1) == "A\x00B"


def test_una_declaring_the_same_character_twice() -> None:
    doc = read(b"UNA++.? 'UNB+UNOA:4+S+R+250310:1405+1'UNZ+0+1'")
    assert "EDI-UNA-MALFORMED" in {d.code for d in doc.all_warnings()}
    assert doc.interchanges[0].header is not None


def test_una_in_the_middle_of_a_file() -> None:
    one = b"UNB+UNOA:4+S+R+250310:1405+1'UNH+1+X:D:05B:UN'UNT+2+1'"
    doc = read(one + b"UNA:*.? $UNB*UNOA:4*S*R*250310:1405*2$UNZ*0*2$")
    assert [ic.header.control_reference for ic in doc.interchanges if ic.header] == ["1", "2"]
    assert "EDI-UNZ-MISSING" in {d.code for d in doc.all_warnings()}


def test_an_interchange_that_never_ends_is_streamed_message_by_message() -> None:
    message = b"UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++DOE:JANE'UNT+4+1'"
    stream = Generated(b"UNB+UNOA:4+S+R+250310:1405+1'", message, 10**9, b"")
    found = paxdata.iter_messages(stream)
    first = [next(found) for _ in range(1000)]  # a billion messages: only what is asked is read
    assert all(m.travellers[0].surname == "DOE" for m in first)


class Counted(Generated):
    """A generated stream that counts the bytes handed out."""

    def __init__(self, head: bytes, unit: bytes, count: int, tail: bytes) -> None:
        super().__init__(head, unit, count, tail)
        self.delivered = 0

    def read(self, size: int = -1) -> bytes:
        piece = super().read(size)
        self.delivered += len(piece)
        return piece


def test_a_pnrgov_push_is_streamed_pnr_by_pnr() -> None:
    raw = sample("pnrgov_full_push.edi")
    head, rest = raw.split(b"SRC'", 1)            # level 0: UNA..EQN (EQN+3)
    body, tail = rest.rsplit(b"UNT+", 1)          # the three PNRs; UNT..UNZ
    unit = b"SRC'" + body
    units = 2_000                                 # 6,000 PNRs, about 6 MB, one push
    stream = Counted(head, unit, units, b"UNT+" + tail)
    items = paxdata.iter_pnrs(stream, name="push.edi")
    first = next(items)
    assert isinstance(first, PushedPnr)
    assert stream.delivered < 3 * (1 << 20) < units * len(unit)  # long before the push ends
    assert (first.position, first.pnr.record_locator, first.message_reference,
            first.flight.flight_designator if first.flight else None,
            first.input_name) == (1, "ABC123", "1", "XX0101", "push.edi")
    rest_items = list(items)
    pnrs = [first, *(i for i in rest_items if isinstance(i, PushedPnr))]
    assert [p.position for p in pnrs] == list(range(1, 3 * units + 1))
    assert [p.pnr.record_locator for p in pnrs[:3]] == [
        p.record_locator for p in paxdata.parse(raw).pnrgov_messages[0].pnrs]
    (push,) = [i for i in rest_items if isinstance(i, PnrgovMessage)]
    assert push.pnrs == () and push.declared_pnr_count == 3
    (mismatch,) = [w for w in push.warnings if w.code == "PNR-COUNT-MISMATCH"]
    assert "6000 received" in mismatch.message


def test_a_pnrgov_xml_push_is_streamed_pnr_by_pnr() -> None:
    raw = sample("pnrgov_xml_full_push.xml")
    start = raw.index(b"<PNR ")
    end = raw.index(b"</PNRs>")
    head, unit, tail = raw[:start], raw[start:end], raw[end:]  # NumberOfPnrs="3"
    units = 1_000                                 # 3,000 PNRs, about 22 MB, one message
    stream = Counted(head, unit, units, tail)
    items = paxdata.iter_pnrs(stream, name="push.xml")
    first = next(items)
    assert isinstance(first, PushedPnr)
    assert stream.delivered < 3 * (1 << 20) < units * len(unit)  # long before the push ends
    assert (first.position, first.pnr.record_locator, first.push_type.value,
            first.sender.system if first.sender else None,
            first.flight.flight_designator if first.flight else None,
            first.input_name) == (1, "ABC123", "full", "XX", "XX0101", "push.xml")
    rest_items = list(items)
    pnrs = [first, *(i for i in rest_items if isinstance(i, PushedPnr))]
    assert [p.position for p in pnrs] == list(range(1, 3 * units + 1))
    whole = paxdata.parse(raw).pnrgov_messages[0]
    assert [p.pnr for p in pnrs[:3]] == list(whole.pnrs)
    (push,) = [i for i in rest_items if isinstance(i, PnrgovMessage)]
    assert push.pnrs == () and push.declared_pnr_count == 3
    assert push.message_reference == first.message_reference == whole.message_reference
    (mismatch,) = [w for w in push.warnings if w.code == "PNR-COUNT-MISMATCH"]
    assert "3000 received" in mismatch.message


def test_travellers_beyond_the_limit_are_counted_and_reported() -> None:
    body = b"".join(b"NAD+FL+++T%d'" % i for i in range(30))
    result = paxdata.parse(WRAP % body, policy=Policy(max_travellers_per_message=10))
    plist = result.passenger_lists[0]
    assert len(plist.travellers) == 10
    (limit,) = [w for w in plist.warnings if w.code == "MSG-LIMIT"]
    assert "20 travellers" in limit.message
    assert limit.location.tag == "NAD"
    assert limit.location.segment_index == 13  # UNH, BGM, ten NADs, then the 11th


# ---------------------------------------------------------------- lenient mode loses nothing

def test_a_corrupt_traveller_keeps_its_raw_segments_and_the_others_are_returned() -> None:
    body = (b"NAD+FL+++ONE:A'DTM+329:$(bad)'ATT+9++X'%%%+junk'DOC+P+1'"
            b"NAD+FL+++TWO:B'DTM+329:800101'")
    plist = paxdata.parse(WRAP % body).passenger_lists[0]
    one, two = plist.travellers
    assert two.surname == "TWO"
    assert two.warnings == ()
    assert [s.tag for s in one.unrecognised_segments] == ["ATT", "%%%"]
    assert [d.number for d in one.documents] == ["1"]
    assert {w.code for w in one.warnings} >= {"PAX-DATE-INVALID", "PAX-QUALIFIER-UNKNOWN"}


# ---------------------------------------------------------------- personal values in messages

PERSONAL = (b"UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
            b"NAD+FL+++SECRETNAME:JANE'DTM+329:SECRETDOB'ATT+2++SECRETSEX'"
            b"SECRETTAGSEGMENT+1'UNT+9+1'UNZ+1+1'SECRETTRAILING")


def _all_messages(result: paxdata.ParseResult) -> str:
    texts: list[str] = [str(w) for w in result.warnings]
    for message in result.passenger_lists:
        texts += [str(w) for w in message.warnings]
        texts += [str(w) for t in message.travellers for w in t.warnings]
    return "\n".join(texts)


def test_messages_do_not_quote_personal_values_unless_asked() -> None:
    hidden = _all_messages(paxdata.parse(PERSONAL))
    assert "SECRET" not in hidden
    assert "value not shown" in hidden
    shown = _all_messages(paxdata.parse(PERSONAL, policy=Policy(show_values=True)))
    assert "SECRETDOB" in shown
    assert "SECRETSEX" in shown


def test_cli_errors_do_not_quote_personal_values(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "personal.edi"
    path.write_bytes(PERSONAL)
    main(["parse", "--strict", str(path)])
    err = capsys.readouterr().err
    assert err
    assert not re.search("SECRET", err)


PERSONAL_PNR = (b"UNA:+.?*'UNB+IATA:1+XX+GOV+250310:1405+1'UNH+1+PNRGOV:13:1:IA+X'MSG+:22'"
                b"ORG+XX:LHR'TVL+170325:1600:170325:1900+LHR+JFK+XX+0101'EQN+1'SRC'"
                b"RCI+XX:ABC123::010225:1210'TIF+SECRETSURNAME+SECRETGIVEN:A:1'"
                b"SSR+DOCS:HK:1:XX:::::/P/GBR/SECRETDOC/GBR/99ZZZ85/Q/SECRETEXP/SECRETSURNAME/X'"
                b"ZZZSECRETJUNK'UNT+9+1'UNZ+1+1'")


def test_pnrgov_messages_do_not_quote_personal_values_unless_asked() -> None:
    result = paxdata.parse(PERSONAL_PNR)
    (push,) = result.pnrgov_messages
    texts = [str(w) for w in (*result.warnings, *push.warnings)]
    for pnr in push.pnrs:
        texts += [str(w) for w in pnr.warnings]  # a PNR's travellers' defects are the PNR's
    assert texts
    assert not [t for t in texts if "SECRET" in t]
