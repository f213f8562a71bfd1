"""Streaming inputs: files and binary streams are read in chunks, never held whole.

Every result read through a stream that returns a few bytes at a time must equal the
result of reading the same bytes in memory (line numbers aside: a streamed input forgets
the text it has passed, so locations far behind the window carry no line).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paxdata
from paxdata.edifact import read
from paxdata.serializers.json import dumps, result_to_json
from support import SAMPLES, corpus_files, needs_shared


class Trickle(io.RawIOBase):
    """A binary stream that returns at most ``step`` bytes per read."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data = data
        self.step = step
        self.pos = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        piece = self.data[self.pos:self.pos + min(self.step, size if size > 0 else self.step)]
        self.pos += len(piece)
        return piece


def without_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in ("line", "input")}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


def as_json(data: bytes | Trickle) -> Any:
    return without_lines(json.loads(dumps(result_to_json(paxdata.parse(data, name="x")))))


SAMPLE_FILES = sorted(SAMPLES.glob("*.edi"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("step", [1, 7, 64, 4096])
def test_trickled_sample_equals_in_memory(path: Path, step: int) -> None:
    data = path.read_bytes()
    assert as_json(Trickle(data, step)) == as_json(data)


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", corpus_files("paxlst") + corpus_files("pnrgov_edi")[:20],
                         ids=lambda p: p.name)
def test_trickled_corpus_file_equals_in_memory(path: Path) -> None:
    data = path.read_bytes()
    assert as_json(Trickle(data, 97)) == as_json(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLE_FILES), st.integers(1, 300), st.data())
def test_trickled_mutations_equal_in_memory(path: Path, step: int, data: st.DataObject) -> None:
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.sampled_from(b"'+:?\n\r *ANU\x00\xff"))
    assert as_json(Trickle(bytes(raw), step)) == as_json(bytes(raw))


def test_a_path_is_streamed(tmp_path: Path) -> None:
    one = (SAMPLES / "paxlst_crew_list.edi").read_bytes()
    path = tmp_path / "many.edi"
    path.write_bytes(one * 50)
    found = list(paxdata.iter_messages(path))
    assert len(found) == 50
    assert {m.message_reference for m in found} == {"C0001"}


def test_skipped_text_is_bounded_but_measured() -> None:
    junk = b"X" * 100_000 + b"\n"
    doc = read(Trickle(junk + (SAMPLES / "paxlst_crew_list.edi").read_bytes(), 4096))
    assert sum(s.length for s in doc.skipped) == len(junk)
    assert all(len(s.text) <= 4096 for s in doc.skipped)
    assert len(doc.messages) == 1


@pytest.mark.parametrize("step", [1 << 20, 1000])
def test_a_segment_longer_than_the_limit_is_not_held(step: int) -> None:
    policy = paxdata.Policy(max_segment_length=10_000)
    text = ("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
            + "FTX+AAA+++" + "A" * 200_000 + "'NAT+2+GBR'UNT+5+1'UNZ+1+1'").encode()
    doc = read(Trickle(text, step), policy=policy)
    ftx = doc.messages[0].body[1]
    assert ftx.tag == "FTX"
    assert len(ftx.get(1)) <= 1024
    assert doc.messages[0].body[2].get(2) == "GBR"
    too_long = [d for d in doc.all_warnings() if d.code == "EDI-SEGMENT-TOO-LONG"]
    assert len(too_long) == 1
    assert "segment of 200010 characters" in too_long[0].message
