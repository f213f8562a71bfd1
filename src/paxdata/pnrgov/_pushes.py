"""Pushes over time: multi-part reassembly, and the latest version of each PNR.

A carrier pushes the PNRs of a flight several times (for example at 72, 48 and 24 hours
and at departure: full pushes, MSG 22; in between, update pushes with the changed PNRs
only, MSG 141), so the same PNR arrives many times. A large push may be split into
several messages: all parts carry the same common access reference (UNH 0068) and number
themselves in UNH S010 (``01:C`` ... ``NN:F``); the level-0 EQN counts the PNRs of the
whole push, over all its parts. Sources: IATA PADIS PNRGOV Implementation Guide (UNH,
MSG, EQN, ORG in Gr.1: an empty ORG in an update push is a cancelled PNR); ISO 9735-1 UNH
S010.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

import attrs

from paxdata.defects import Defect, Location
from paxdata.edifact import awaited, sequence_parts, sequence_problems
from paxdata.errors import defect_at
from paxdata.pnrgov._records import Pnr, PnrgovMessage, PushType
from paxdata.policy import LENIENT, Policy

__all__ = ["AssembledPush", "LatestPnrs", "PnrVersion", "latest_pnrs", "reassemble"]

Key = tuple[str | None, str | None]


@attrs.frozen(slots=True)
class AssembledPush:
    """One push put together from its parts.

    ``message`` is the whole push: the first part's header, flight and counts, the PNRs
    of every part in part order, every part's unreadable PNRs, unrecognised segments and
    warnings, plus the reassembly warnings. ``parts`` are the parts used, in order.
    ``complete`` is true when parts 1..N all arrived and part N is marked last (``F``).
    ``missing_parts`` lists absent part numbers (and N+1 when no last part arrived);
    ``duplicate_parts`` the part numbers that arrived more than once (the first copy is
    used). ``key`` is (sender, common access reference).
    """

    key: tuple[str | None, str | None]
    message: PnrgovMessage
    parts: tuple[PnrgovMessage, ...]
    complete: bool
    missing_parts: tuple[int, ...]
    duplicate_parts: tuple[int, ...]
    warnings: tuple[Defect, ...]


def _defect(code: str, message: str, part: PnrgovMessage, policy: Policy,
            tag: str = "UNH", element: int = 4) -> Defect:
    return defect_at(code, message, Location(
        input_name=part.envelope.input_name, offset=part.envelope.message_offset,
        segment_index=1, tag=tag, element=element,
        message_reference=part.message_reference), strict=policy.strict)


_PART_CODES = {"duplicate": "PNR-PART-DUPLICATE", "missing": "PNR-PART-MISSING",
               "inconsistent": "PNR-PART-INCONSISTENT"}


def reassemble(messages: Iterable[PnrgovMessage], *, policy: Policy = LENIENT
               ) -> list[AssembledPush]:
    """Group the parts of multi-part pushes by sender and common access reference and join
    each group; a message complete by itself (no S010, or ``01:F``) is its own push.

    The PNR count (EQN) is checked against the PNRs received over all parts
    (PNR-COUNT-MISMATCH, an error). Missing parts are errors (PNR-PART-MISSING);
    duplicate parts and parts that disagree (flight, push type, EQN) are warnings. A
    strict ``policy`` raises :class:`~paxdata.errors.DefectError` at the first error.
    Results come in the order their first part arrived.
    """
    groups: dict[Key, list[PnrgovMessage]] = {}
    order: dict[Key, int] = {}
    out: list[tuple[int, AssembledPush]] = []
    for position, item in enumerate(messages):
        if item.is_first_part and item.is_last_part:
            out.append((position, AssembledPush((item.envelope.sender,
                                                 item.common_access_reference),
                                                item, (item,), True, (), (), ())))
            continue
        key: Key = (item.envelope.sender, item.common_access_reference)
        groups.setdefault(key, []).append(item)
        order.setdefault(key, position)
    for key, parts in groups.items():
        out.append((order[key], _join(key, parts, policy)))
    out.sort(key=lambda pair: pair[0])
    return [assembled for _, assembled in out]


def _join(key: Key, parts: list[PnrgovMessage], policy: Policy) -> AssembledPush:
    sequence = sequence_parts(parts, lambda p: p.part_number, lambda p: p.is_last_part)
    warnings = [_defect(_PART_CODES[kind], message, part, policy)
                for kind, message, part in sequence_problems(
                    sequence, lambda p: p.part_number, f"push {key[1]!r}")]
    ordered = list(sequence.ordered)
    missing = awaited(sequence)
    first = ordered[0]
    for part in ordered[1:]:
        if part.push_type != first.push_type:
            warnings.append(_defect(
                "PNR-PART-INCONSISTENT",
                f"part {part.part_number} is a {part.push_type.value} push, part "
                f"{first.part_number} a {first.push_type.value} push", part, policy))
        if part.flight is not None and first.flight is not None \
                and _flight_key(part) != _flight_key(first):
            warnings.append(_defect(
                "PNR-PART-INCONSISTENT",
                f"part {part.part_number} pushes another flight than part "
                f"{first.part_number}", part, policy))
        if part.declared_pnr_count is not None and first.declared_pnr_count is not None \
                and part.declared_pnr_count != first.declared_pnr_count:
            warnings.append(_defect(
                "PNR-PART-INCONSISTENT",
                f"part {part.part_number} declares {part.declared_pnr_count} PNRs, part "
                f"{first.part_number} {first.declared_pnr_count}", part, policy))
    complete = sequence.complete
    declared = next((p.declared_pnr_count for p in ordered
                     if p.declared_pnr_count is not None), None)
    pnrs = tuple(pnr for p in ordered for pnr in p.pnrs)
    unreadable = tuple(u for p in ordered for u in p.unreadable_pnrs)
    received = len(pnrs) + len(unreadable)
    if complete and declared is not None and declared != received:
        warnings.append(_defect(
            "PNR-COUNT-MISMATCH",
            f"push {key[1]!r}: EQN declares {declared} PNRs, {received} received over "
            f"{len(ordered)} parts", first, policy, tag="EQN", element=1))
    merged = attrs.evolve(
        first, pnrs=pnrs, unreadable_pnrs=unreadable, part_number=None,
        is_first_part=True, is_last_part=complete, declared_pnr_count=declared,
        unrecognised_segments=tuple(s for p in ordered for s in p.unrecognised_segments),
        warnings=tuple(w for p in ordered for w in p.warnings) + tuple(warnings))
    return AssembledPush(key, merged, tuple(ordered), complete, missing,
                         tuple(number for number, _ in sequence.duplicates), tuple(warnings))


def _flight_key(message: PnrgovMessage) -> tuple[object, ...]:
    flight = message.flight
    assert flight is not None
    departure = flight.scheduled_departure
    return (flight.carrier, flight.flight_number, flight.departure_airport,
            departure.date() if departure else None)


@attrs.frozen(slots=True)
class PnrVersion:
    """The version of a PNR kept by :func:`latest_pnrs`: ``key`` (booking system, record
    locator), the ``pnr``, the ``message`` (push) it came in, and how many ``versions`` of
    that PNR were seen in all."""

    key: Key
    pnr: Pnr
    message: PnrgovMessage
    versions: int


@attrs.frozen(slots=True)
class LatestPnrs:
    """The latest version of each PNR over several pushes of a flight.

    ``pnrs``: PNRs whose latest version is not cancelled, in the order they were first
    seen. ``cancelled``: PNRs whose latest version was sent with an empty ORG (cancelled,
    or the pushed flight cancelled in them). ``dropped``: PNRs absent from the latest full
    push (MSG 22) and not sent in any push after it: no longer on the flight.
    ``unkeyed``: PNRs without a record locator, which cannot be matched across pushes.
    """

    pnrs: tuple[PnrVersion, ...]
    cancelled: tuple[PnrVersion, ...]
    dropped: tuple[PnrVersion, ...]
    unkeyed: tuple[Pnr, ...]

    def get(self, booking_system: str | None, record_locator: str) -> PnrVersion | None:
        """The latest version of one PNR (cancelled or not), or ``None``."""
        for version in (*self.pnrs, *self.cancelled, *self.dropped):
            if version.key == (booking_system, record_locator):
                return version
        return None


def _instant(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _newer(a: tuple[datetime | None, datetime | None, int],
           b: tuple[datetime | None, datetime | None, int]) -> bool:
    """Is version ``a`` newer than ``b``? DAT 700 first, then push time, then arrival."""
    if a[0] is not None and b[0] is not None and a[0] != b[0]:
        return a[0] > b[0]
    if a[1] is not None and b[1] is not None and a[1] != b[1]:
        return a[1] > b[1]
    return a[2] > b[2]


def latest_pnrs(pushes: Iterable[PnrgovMessage | AssembledPush]) -> LatestPnrs:
    """The latest version of each PNR (keyed by booking system and record locator) over
    several pushes of one flight, and which PNRs were cancelled or dropped.

    Versions are ordered by the PNR's last transaction (DAT 700, UTC); when two versions
    have the same or no DAT 700, by push time (UNB date/time of the interchange), then by
    the order given. Pass the pushes in arrival order; multi-part pushes either as their
    parts or as :class:`AssembledPush` values.
    """
    best: dict[Key, tuple[tuple[datetime | None, datetime | None, int], Pnr,
                          PnrgovMessage]] = {}
    counts: dict[Key, int] = {}
    first_seen: dict[Key, int] = {}
    unkeyed: list[Pnr] = []
    full_pushes: list[tuple[datetime | None, int, PnrgovMessage]] = []
    position = 0
    for item in pushes:
        message = item.message if isinstance(item, AssembledPush) else item
        pushed = _instant(message.envelope.prepared_at)
        position += 1
        if message.push_type is PushType.FULL:
            full_pushes.append((pushed, position, message))
        for pnr in message.pnrs:
            if pnr.record_locator is None:
                unkeyed.append(pnr)
                continue
            key = pnr.key
            rank = (_instant(pnr.last_modified_at), pushed, position)
            counts[key] = counts.get(key, 0) + 1
            first_seen.setdefault(key, len(first_seen))
            current = best.get(key)
            if current is None or _newer(rank, current[0]):
                best[key] = (rank, pnr, message)
    latest_full = None
    for pushed, where, message in full_pushes:
        if latest_full is None or _newer((None, pushed, where), (None, latest_full[0],
                                                                 latest_full[1])):
            latest_full = (pushed, where, message)
    in_latest_full = {p.key for p in latest_full[2].pnrs} if latest_full else set()
    kept: list[PnrVersion] = []
    cancelled: list[PnrVersion] = []
    dropped: list[PnrVersion] = []
    for key in sorted(best, key=first_seen.__getitem__):
        rank, pnr, message = best[key]
        version = PnrVersion(key, pnr, message, counts[key])
        if pnr.cancelled:
            cancelled.append(version)
        elif latest_full is not None and key not in in_latest_full \
                and _newer((None, latest_full[0], latest_full[1]), (None, rank[1], rank[2])):
            dropped.append(version)
        else:
            kept.append(version)
    return LatestPnrs(tuple(kept), tuple(cancelled), tuple(dropped), tuple(unkeyed))
