"""PNRGOV round trips, proved by property tests: parse(write_pnrgov(push)) == push.

What is compared: the :class:`~paxdata.pnrgov.PnrgovMessage` that :func:`paxdata.parse`
reads back from what :func:`paxdata.writers.write_pnrgov` wrote, after
:func:`paxdata.testing.comparable` cleared, on both sides, what a written push cannot
carry:

* the envelope (input name, offsets; the UNB/UNG values are the writer's
  ``EnvelopeSettings``, not the record's) and ``message_date`` (the UNB date);
* positions (``segment_index``, ``offset``) at every level: where the reader found a
  segment;
* ``warnings`` at every level: the reader's findings, not data.

Every other field is compared and must be equal: the push (reference, version, agency,
push type and MSG code, sender, flight, operating carrier, EQN, common access reference,
S010), every PNR (locators, dates, originator, contacts, addresses, remarks, SSRs with
their decoded details, excess baggage), traveller (names and titles, documents, frequent
flyer, fare, tickets, payments, contacts, addresses, seats, bags, check-in), itinerary
segment (codeshare included), split PNR, non-air segment (its TVL as sent), history credit
and action, and LTS line. Generated records (``paxdata.testing.pnrgov_pushes``) are in the
shape the reader builds, derived fields included.

What a written push cannot carry, beyond the above (``docs/writing.md``, section PNRGOV):
the segment each item was read from (a Gr.1 SSR naming a traveller is written in its
Gr.2; an SSR naming several travellers once per traveller; these read back as the same
records), values the reader could not read (an invalid date is not in the records), and
the form of a deviation the reader corrected (a lost terminator, a shifted field). The
writer adds what every push it writes has: S010 (``01:F``), a common access reference,
MSG (22/141), EQN; a push whose MSG was missing must be given its message function.
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
from paxdata.pnrgov import PnrgovMessage, PushType, reassemble
from paxdata.testing import (
    comparable,
    line_breaks,
    pnrgov_envelope_settings,
    pnrgov_messages,
    pnrgov_pushes,
    pnrs,
    service_characters,
    written_pnrgov_pushes,
)
from paxdata.writers import (
    PNRGOV_CHARACTERS,
    EnvelopeSettings,
    WriteError,
    pnrgov_envelope,
    pnrgov_push,
    write_pnrgov,
)
from support import CORPUS, corpus_files, needs_shared

PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])


def read_back(data: bytes) -> PnrgovMessage:
    result = paxdata.parse(data)
    assert result.errors == () and result.warnings == ()
    (message,) = result.messages
    assert isinstance(message, PnrgovMessage)
    return message


@PROPERTY
@given(pnrgov_pushes(), pnrgov_envelope_settings(), service_characters(), line_breaks())
def test_pushes_read_back_as_written(push: PnrgovMessage, envelope: EnvelopeSettings,
                                     chars: edifact.ServiceCharacters, line_break: str) -> None:
    data = write_pnrgov(push, envelope, characters=chars, line_break=line_break,
                        verify=False).data
    assert comparable(read_back(data)) == push


@settings(PROPERTY, max_examples=40)
@given(pnrgov_pushes(max_pnrs=2), pnrgov_envelope_settings())
def test_the_read_back_check_accepts_every_generated_push(push: PnrgovMessage,
                                                          envelope: EnvelopeSettings) -> None:
    write_pnrgov(push, envelope, verify=True)


@PROPERTY
@given(pnrgov_pushes(), pnrgov_envelope_settings(), service_characters(), line_breaks(),
       service_characters(), line_breaks())
def test_service_characters_and_line_breaks_do_not_change_the_records(
        push: PnrgovMessage, envelope: EnvelopeSettings, first: edifact.ServiceCharacters,
        first_break: str, second: edifact.ServiceCharacters, second_break: str) -> None:
    a = write_pnrgov(push, envelope, characters=first, line_break=first_break, verify=False)
    b = write_pnrgov(push, envelope, characters=second, line_break=second_break,
                     verify=False)
    plain = write_pnrgov(push, envelope, characters=PNRGOV_CHARACTERS, verify=False)
    assert comparable(read_back(a.data)) == comparable(read_back(b.data)) == \
        comparable(read_back(plain.data))
    # the same segments, whatever the characters: the writer only escapes and separates
    # (and writes bag weights with the declared decimal mark)
    if first.decimal_mark == PNRGOV_CHARACTERS.decimal_mark:
        assert a.interchanges[0].segments == plain.interchanges[0].segments


@settings(PROPERTY, max_examples=40)
@given(pnrgov_pushes(max_pnrs=7), pnrgov_envelope_settings(), st.integers(1, 3),
       st.booleans())
def test_split_pushes_reassemble_to_the_push(push: PnrgovMessage, envelope: EnvelopeSettings,
                                             size: int, separate: bool) -> None:
    assume(push.pnrs)
    result = write_pnrgov(push, envelope, max_pnrs=size, separate_interchanges=separate,
                          verify=False)
    parts = [m for m in paxdata.parse(result.data).messages if isinstance(m, PnrgovMessage)]
    assert len(parts) == math.ceil(len(push.pnrs) / size)
    assert {p.common_access_reference for p in parts} == {push.common_access_reference}
    assert {p.declared_pnr_count for p in parts} == {len(push.pnrs)}  # EQN: the whole push
    assert all(len(p.pnrs) <= size for p in parts)
    if len(parts) > 1:
        assert [(p.part_number, p.is_first_part, p.is_last_part) for p in parts] == [
            (n, n == 1, n == len(parts)) for n in range(1, len(parts) + 1)]
    (whole,) = reassemble(parts)
    assert whole.complete and whole.missing_parts == () and whole.warnings == ()
    assert comparable(whole.message).pnrs == push.pnrs


@settings(PROPERTY, max_examples=40)
@given(st.lists(pnrs(), max_size=3), st.sampled_from(["13:1", "15:1"]))
def test_pnrs_alone_make_a_push(records: list[paxdata.pnrgov.Pnr], version: str) -> None:
    flight = paxdata.paxlst.FlightLeg("XX", "1", "XX1", "LHR", "JFK", None, None)
    built = pnrgov_push(records, flight, push_type=PushType.UPDATE)
    envelope = pnrgov_envelope("XX", "GOV", prepared_at=datetime(2025, 3, 15, 9, 30))
    data = write_pnrgov(built, envelope, version=version).data
    again = read_back(data)
    assert again.version == version and again.declared_pnr_count == len(records)
    assert comparable(again).pnrs == tuple(records)


@settings(PROPERTY, max_examples=30)
@given(pnrgov_messages())
def test_generated_messages_are_valid(data: bytes) -> None:
    result = paxdata.parse(data)
    assert result.ok and result.warnings == ()
    (message,) = result.messages
    assert isinstance(message, PnrgovMessage)
    # only what the generated data says: SSRs naming no traveller of their PNR and
    # cancelled PNRs (both as the guide allows)
    assert {w.code for w in message.warnings} == set()
    assert {w.code for p in message.pnrs for w in p.warnings} <= {
        "PNR-REFERENCE-UNRESOLVED", "PNR-CANCELLED"}


@settings(PROPERTY, max_examples=20)
@given(written_pnrgov_pushes())
def test_written_pushes_come_with_their_records(pair: tuple[PnrgovMessage, bytes]) -> None:
    push, data = pair
    assert comparable(read_back(data)) == push


# ------------------------------------------------------------- typed corpus rewrite
@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("path", corpus_files("pnrgov_edi"), ids=lambda p: p.name)
def test_every_corpus_push_rewritten_reads_back_the_same(path: Path) -> None:
    pushes = [m for m in paxdata.parse(path.read_bytes()).messages
              if isinstance(m, PnrgovMessage)]
    assert pushes
    for original in pushes:
        push = original
        # UNOW: a few synthetic pushes carry names outside ASCII (IATA level A)
        envelope = EnvelopeSettings.from_envelope(push.envelope, syntax_identifier="UNOW",
                                                  syntax_version="4")
        if push.message_function is None:
            # No MSG in the input (GTAS pnrNoOrgMsg): a push needs one; written as a full
            # push, which is the only thing that differs.
            with pytest.raises(WriteError) as caught:
                write_pnrgov(push, envelope)
            assert caught.value.code == "WRITE-RECORD-INCONSISTENT"
            push = attrs.evolve(push, message_function="22", push_type=PushType.FULL)
        written = write_pnrgov(push, envelope)  # with the read-back check
        again = read_back(written.data)
        # What the writer adds to a push that lacked it: S010 01:F, a common access
        # reference, EQN (the PNRs pushed).
        expected = attrs.evolve(
            push, part_number=1, is_first_part=True, is_last_part=True,
            common_access_reference=push.common_access_reference
            or again.common_access_reference,
            declared_pnr_count=push.declared_pnr_count
            if push.declared_pnr_count is not None else len(push.pnrs))
        assert comparable(again) == comparable(expected)
        # and nothing of the syntax-level deviations of the input survives
        assert all(not w.code.startswith("EDI-") for w in again.warnings)


def test_corpus_is_used_when_present() -> None:
    if CORPUS.is_dir():
        assert len(corpus_files("pnrgov_edi")) >= 80
