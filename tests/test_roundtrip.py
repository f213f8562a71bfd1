"""Round trips, proved by property tests.

What is compared: the records :func:`paxdata.parse` reads back from what
:func:`paxdata.writers.write_paxlst` wrote, after :func:`paxdata.testing.comparable`
cleared what a written message cannot carry: the envelope (input name and offsets; the
UNB/UNG values are the writer's settings, not the record's), ``message_date`` (derived
from the UNB date), positions (``segment_index``, ``offset``) and the reader's
``warnings``. Every other field of the list, its flight legs, travellers and documents is
compared, and must be equal. Generated records are within what the guides allow and in
the shape the reader builds (see :mod:`paxdata.testing`).

Raw mode: every corpus file and every sample is read, written back segment for segment,
and read again to the same segments and service characters.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import paxdata
from paxdata import edifact
from paxdata.cusres import BoardingDirective, code_table, match_response
from paxdata.edifact import DEFAULT
from paxdata.paxlst import PassengerList, reassemble
from paxdata.testing import (
    as_rewritten,
    carried,
    comparable,
    crew_lists,
    envelope_settings,
    line_breaks,
    passenger_lists,
    paxlst_messages,
    service_characters,
)
from paxdata.writers import Answer, EnvelopeSettings, write_cusres, write_paxlst, write_raw
from support import CORPUS, SAMPLES, corpus_files, needs_shared, sample

PROPERTY = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def read_back(data: bytes) -> PassengerList:
    result = paxdata.parse(data)
    assert result.errors == () and result.warnings == ()
    (plist,) = result.passenger_lists
    assert plist.warnings == ()
    assert all(t.warnings == () for t in plist.travellers)
    return plist


@PROPERTY
@given(passenger_lists(), envelope_settings(), service_characters(), line_breaks())
def test_passenger_lists_read_back_as_written(plist: PassengerList, envelope: EnvelopeSettings,
                                              chars: edifact.ServiceCharacters,
                                              line_break: str) -> None:
    data = write_paxlst(plist, envelope, characters=chars, line_break=line_break).data
    assert comparable(read_back(data)) == plist


@PROPERTY
@given(crew_lists(), envelope_settings(), service_characters(), line_breaks())
def test_crew_lists_read_back_as_written(plist: PassengerList, envelope: EnvelopeSettings,
                                         chars: edifact.ServiceCharacters,
                                         line_break: str) -> None:
    data = write_paxlst(plist, envelope, characters=chars, line_break=line_break).data
    assert comparable(read_back(data)) == plist


@PROPERTY
@given(passenger_lists() | crew_lists(), envelope_settings(), service_characters(),
       line_breaks(), service_characters(), line_breaks())
def test_service_characters_and_line_breaks_do_not_change_the_records(
        plist: PassengerList, envelope: EnvelopeSettings, first: edifact.ServiceCharacters,
        first_break: str, second: edifact.ServiceCharacters, second_break: str) -> None:
    a = write_paxlst(plist, envelope, characters=first, line_break=first_break).data
    b = write_paxlst(plist, envelope, characters=second, line_break=second_break).data
    plain = write_paxlst(plist, envelope, characters=DEFAULT).data
    assert comparable(read_back(a)) == comparable(read_back(b)) == comparable(read_back(plain))


@PROPERTY
@given(passenger_lists(max_travellers=9), envelope_settings(), st.integers(1, 4),
       st.booleans())
def test_split_lists_reassemble_to_the_list(plist: PassengerList, envelope: EnvelopeSettings,
                                            size: int, separate: bool) -> None:
    assume(plist.travellers)
    result = write_paxlst(plist, envelope, max_travellers=size, separate_interchanges=separate)
    parts = paxdata.parse(result.data).passenger_lists
    assert len(parts) == math.ceil(len(plist.travellers) / size)
    assert {p.common_access_reference for p in parts} == {plist.common_access_reference}
    assert {p.declared_total for p in parts} == {plist.declared_total}
    assert all(len(p.travellers) <= size for p in parts)
    (whole,) = reassemble(parts)
    assert whole.complete and whole.missing_parts == ()
    assert comparable(attrs.evolve(whole.passenger_list, warnings=())).travellers == \
        plist.travellers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paxlst_messages())
def test_generated_messages_are_valid(data: bytes) -> None:
    result = paxdata.parse(data)
    assert result.ok and result.warnings == ()
    assert all(m.warnings == () for m in result.passenger_lists)


@PROPERTY
@given(passenger_lists(), st.lists(st.sampled_from(list(BoardingDirective)[:4]), min_size=9,
                                   max_size=9), st.sampled_from(["default", "CN"]),
       service_characters(), line_breaks())
def test_cusres_answers_read_back_and_match(plist: PassengerList,
                                            directives: list[BoardingDirective], table: str,
                                            chars: edifact.ServiceCharacters,
                                            line_break: str) -> None:
    travellers = tuple(attrs.evolve(t, unique_passenger_reference=f"P{i:04d}")
                       for i, t in enumerate(plist.travellers))
    request = attrs.evolve(plist, travellers=travellers)
    answers = [Answer(t, d) for t, d in zip(travellers, directives, strict=False)]
    data = write_cusres(request, answers, table=code_table(table), characters=chars,
                        line_break=line_break,
                        envelope=EnvelopeSettings("GOV", "XX",
                                                  prepared_at=datetime(2030, 1, 1))).data
    result = paxdata.parse(data)
    assert result.ok and result.warnings == ()
    (response,) = result.messages
    assert response.warnings == ()
    assert response.transaction_reference == request.transaction_reference
    assert [f.flight_designator for f in response.flights] == [
        leg.flight_designator for leg in request.flight_legs]
    assert [f.scheduled_departure for f in response.flights] == [
        leg.scheduled_departure for leg in request.flight_legs]
    matched = match_response(response, request)
    assert matched.warnings == () and matched.unanswered == ()
    assert [(d.traveller, d.directive) for d in matched.decisions] == [
        (a.traveller, a.directive) for a in answers]


# ------------------------------------------------------------------------- raw mode
def _segments(doc: edifact.EdifactDocument) -> list[list[tuple[object, ...]]]:
    return [[(s.tag, s.elements, dict(s.repetitions or {})) for s in ic.all_segments()]
            for ic in doc.interchanges]


def assert_raw_round_trip(raw: bytes) -> None:
    original = edifact.read(raw)
    for line_break in ("", "\n"):
        again = edifact.read(write_raw(original, line_break=line_break))
        assert _segments(again) == _segments(original)
        assert [[m.segments for m in ic.messages] for ic in again.interchanges] == [
            [m.segments for m in ic.messages] for ic in original.interchanges]
        assert [(ic.service_characters, ic.una_present) for ic in again.interchanges] == [
            (ic.service_characters, ic.una_present) for ic in original.interchanges]


ALL_EDIFACT = [p for folder in ("paxlst", "pnrgov_edi", "cusres", "other", "fragments")
               for p in corpus_files(folder)]


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", ALL_EDIFACT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_raw_write_of_every_corpus_file_reads_back(path: Path) -> None:
    assert_raw_round_trip(path.read_bytes())


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.edi")))
def test_raw_write_of_every_sample_reads_back(name: str) -> None:
    assert_raw_round_trip(sample(name))


# ------------------------------------------------------------- typed corpus rewrite
@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", corpus_files("paxlst"), ids=lambda p: p.name)
def test_every_corpus_list_rewritten_reads_back_the_same(path: Path) -> None:
    lists = paxdata.parse(path.read_bytes()).passenger_lists
    for plist in lists:
        envelope = EnvelopeSettings.from_envelope(plist.envelope, syntax_identifier="UNOW")
        if not (envelope.sender and envelope.recipient) or len(envelope.control_reference) > 14:
            # no UNB, or a template placeholder ($(get ediref_paxlst)0001) as reference
            envelope = attrs.evolve(envelope, sender="S", recipient="R", control_reference="1")
        again = paxdata.parse(write_paxlst(plist, envelope).data).passenger_lists
        assert len(again) == 1
        written = again[0]
        assert carried(written) == carried(as_rewritten(plist, written))


def test_corpus_is_used_when_present() -> None:
    if CORPUS.is_dir():
        assert len(ALL_EDIFACT) >= 150
