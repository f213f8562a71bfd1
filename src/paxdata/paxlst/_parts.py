"""Reassembling a passenger or crew list sent in several parts.

Large lists are split into several PAXLST messages (often each in its own interchange).
All parts carry the same common access reference (UNH 0068) and number themselves in UNH
S010: 0070 sequence ``01``, ``02``..., 0073 ``C`` on the first part and ``F`` on the last
(``01:F`` for a single part). Sources: ISO 9735-1 UNH S010; WCO/IATA/ICAO PAXLST
Implementation Guide (multi-part transmission); real senders write ``1:F`` for ``01:F`` or
omit 0073 on middle parts.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from paxdata.defects import Defect, Location
from paxdata.edifact import awaited, sequence_parts, sequence_problems
from paxdata.errors import defect_at
from paxdata.paxlst._records import PassengerList
from paxdata.policy import LENIENT, Policy

__all__ = ["AssembledList", "reassemble"]


@attrs.frozen(slots=True)
class AssembledList:
    """One logical list put together from its parts.

    ``passenger_list`` is the whole list: the first part's header and flight legs, the
    travellers of every part in part order, every part's unrecognised segments and
    warnings, plus the reassembly warnings. ``parts`` are the parts used, in order.
    ``complete`` is true when parts 1..N all arrived and part N is marked last (``F``).
    ``missing_parts`` lists absent part numbers (and N+1 when no last part arrived);
    ``duplicate_parts`` the part numbers that arrived more than once (the first copy is
    used). ``key`` is (sender, common access reference).
    """

    key: tuple[str | None, str | None]
    passenger_list: PassengerList
    parts: tuple[PassengerList, ...]
    complete: bool
    missing_parts: tuple[int, ...]
    duplicate_parts: tuple[int, ...]
    warnings: tuple[Defect, ...]


def _defect(code: str, message: str, part: PassengerList, policy: Policy) -> Defect:
    return defect_at(code, message, Location(
        input_name=part.envelope.input_name, offset=part.envelope.message_offset,
        segment_index=1, tag="UNH", element=4, message_reference=part.message_reference),
        strict=policy.strict)


_PART_CODES = {"duplicate": "PAX-PART-DUPLICATE", "missing": "PAX-PART-MISSING",
               "inconsistent": "PAX-PART-INCONSISTENT"}


def reassemble(lists: Iterable[PassengerList], *, policy: Policy = LENIENT
               ) -> list[AssembledList]:
    """Group parts by sender and common access reference and join each group.

    A list without a common access reference, or whose only part is complete by itself
    (``01:F`` or no S010), is returned as its own complete :class:`AssembledList`.
    Missing parts are errors (a strict ``policy`` raises
    :class:`~paxdata.errors.DefectError`); duplicate parts and parts that disagree
    (flights, list type, declared totals) are warnings. Results come in the order their
    first part arrived.
    """
    Key = tuple[str | None, str | None]
    groups: dict[Key, list[PassengerList]] = {}
    singles: list[tuple[int, PassengerList]] = []
    order: dict[Key, int] = {}
    for position, item in enumerate(lists):
        if item.common_access_reference is None:
            singles.append((position, item))
            continue
        key: Key = (item.envelope.sender, item.common_access_reference)
        groups.setdefault(key, []).append(item)
        order.setdefault(key, position)
    out: list[tuple[int, AssembledList]] = []
    for position, item in singles:
        single_key: tuple[str | None, str | None] = (item.envelope.sender, None)
        out.append((position, AssembledList(single_key, item, (item,),
                                            item.is_last_part and item.is_first_part,
                                            (), (), ())))
    for key, parts in groups.items():
        out.append((order[key], _join(key, parts, policy)))
    out.sort(key=lambda pair: pair[0])
    return [assembled for _, assembled in out]


def _join(key: tuple[str | None, str | None], parts: list[PassengerList], policy: Policy
          ) -> AssembledList:
    sequence = sequence_parts(parts, lambda p: p.part_number, lambda p: p.is_last_part)
    warnings = [_defect(_PART_CODES[kind], message, part, policy)
                for kind, message, part in sequence_problems(
                    sequence, lambda p: p.part_number, f"list {key[1]!r}")]
    ordered = list(sequence.ordered)
    missing = awaited(sequence)
    first = ordered[0]
    for part in ordered[1:]:
        if part.list_type != first.list_type:
            warnings.append(_defect(
                "PAX-PART-INCONSISTENT",
                f"part {part.part_number} is a {part.list_type.value} list, part "
                f"{first.part_number} a {first.list_type.value} list", part, policy))
        if part.flight_legs and [_leg_key(leg) for leg in part.flight_legs] != \
                [_leg_key(leg) for leg in first.flight_legs]:
            warnings.append(_defect(
                "PAX-PART-INCONSISTENT",
                f"part {part.part_number} describes other flight legs than part "
                f"{first.part_number}", part, policy))
        if part.declared_total is not None and first.declared_total is not None \
                and part.declared_total != first.declared_total:
            warnings.append(_defect(
                "PAX-PART-INCONSISTENT",
                f"part {part.part_number} declares {part.declared_total} travellers, part "
                f"{first.part_number} {first.declared_total}", part, policy))
    complete = sequence.complete
    declared = next((p.declared_total for p in ordered if p.declared_total is not None), None)
    merged = attrs.evolve(
        first,
        travellers=tuple(t for p in ordered for t in p.travellers),
        part_number=None,
        is_first_part=True,
        is_last_part=complete,
        declared_total=declared,
        control_totals=tuple(c for p in ordered for c in p.control_totals),
        unrecognised_segments=tuple(s for p in ordered for s in p.unrecognised_segments),
        warnings=tuple(w for p in ordered for w in p.warnings) + tuple(warnings),
    )
    return AssembledList(key, merged, tuple(ordered), complete, missing,
                         tuple(number for number, _ in sequence.duplicates), tuple(warnings))


def _leg_key(leg: object) -> tuple[object, ...]:
    return tuple(getattr(leg, name) for name in (
        "carrier", "flight_number", "departure_airport", "arrival_airport",
        "scheduled_departure"))
