"""The parts of one transmission: UNH common access reference (0068) and S010 sequence
(0070 n..2, first part ``C``, last part ``F``), as ISO 9735-1 defines them for UNH.

Message families (PAXLST lists, PNRGOV pushes) join their parts with their own rules;
the numbering and what is missing are the same for all and computed here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs

__all__ = ["MAX_PARTS", "PartSequence", "awaited", "sequence_parts", "sequence_problems"]

#: S010 0070 is n..2: part numbers run from 1 to 99.
MAX_PARTS = 99

T = TypeVar("T")


@attrs.frozen(slots=True)
class PartSequence(Generic[T]):
    """How a set of parts numbers up.

    ``ordered``: one part per number (the first copy), by number. ``duplicates``: the
    further copies of numbers received more than once, as (number, part). ``last``: the
    number of the part marked last (``F``), or ``None``. ``missing``: numbers from 1 to
    the last part (or to the highest received, when none is marked last) that did not
    arrive. ``beyond_last``: numbers above the part
    marked last. ``out_of_range``: numbers above 99, which S010 cannot carry: those parts
    stay in ``ordered`` but take no part in the numbering (a part numbered 102865098 does
    not mean 102 million missing parts). ``highest``: the highest number from 1 to 99
    received (0 if none).
    """

    ordered: tuple[T, ...]
    duplicates: tuple[tuple[int, T], ...]
    last: int | None
    missing: tuple[int, ...]
    beyond_last: tuple[int, ...]
    out_of_range: tuple[int, ...]
    highest: int

    @property
    def complete(self) -> bool:
        """Parts 1..N all arrived and part N is marked last."""
        return self.last is not None and not self.missing


def sequence_parts(parts: Sequence[T], number: Callable[[T], int | None],
                   is_last: Callable[[T], bool]) -> PartSequence[T]:
    """Number ``parts`` (a part without S010 counts as part 1). ``number`` and ``is_last``
    read a part's S010 0070 and whether its 0073 is ``F``."""
    by_number: dict[int, T] = {}
    duplicates: list[tuple[int, T]] = []
    for part in parts:
        value = number(part)
        key = value if value is not None else 1
        if key in by_number:
            duplicates.append((key, part))
        else:
            by_number[key] = part
    numbers = sorted(by_number)
    ordered = tuple(by_number[n] for n in numbers)
    in_range = [n for n in numbers if n <= MAX_PARTS]
    last = next((n for n in in_range if is_last(by_number[n])), None)
    top = last if last is not None else (in_range[-1] if in_range else 0)
    received = set(in_range)
    missing = tuple(n for n in range(1, top + 1) if n not in received)
    beyond = tuple(n for n in in_range if last is not None and n > last)
    return PartSequence(ordered, tuple(duplicates), last, missing, beyond,
                        tuple(n for n in numbers if n > MAX_PARTS),
                        in_range[-1] if in_range else 0)


def sequence_problems(sequence: PartSequence[T], number: Callable[[T], int | None],
                      what: str) -> list[tuple[str, str, T]]:
    """What is wrong with a sequence of parts, as (kind, message, part concerned) with
    kind ``"duplicate"``, ``"missing"`` or ``"inconsistent"`` (each message family reports
    them under its own defect codes). ``what`` names the transmission in messages, e.g.
    ``"list 'XX0202/250311/0900'"``."""
    problems: list[tuple[str, str, T]] = []
    ordered = sequence.ordered
    for value, part in sequence.duplicates:
        problems.append(("duplicate", f"part {value} of {what} arrived more than once; the "
                         "first copy is used", part))
    received = sorted(number(p) or 1 for p in ordered)
    if sequence.last is None:
        problems.append(("missing", f"{what}: no part is marked last (S010 0073 'F'); "
                         f"received parts {received}", ordered[-1]))
    if sequence.missing:
        problems.append(("missing", f"{what}: parts {list(sequence.missing)} of "
                         f"{sequence.last or sequence.highest} are missing", ordered[0]))
    if sequence.beyond_last:
        problems.append(("inconsistent", f"{what}: parts {list(sequence.beyond_last)} "
                         f"arrived after the part marked last ({sequence.last})", ordered[0]))
    if sequence.out_of_range:
        problems.append(("inconsistent", f"{what}: part numbers "
                         f"{list(sequence.out_of_range)} exceed {MAX_PARTS} (S010 0070 is "
                         "n..2)", ordered[0]))
    return problems


def awaited(sequence: PartSequence[T]) -> tuple[int, ...]:
    """The part numbers still awaited: the gaps, and the next number when no part is
    marked last."""
    return sequence.missing + ((sequence.highest + 1,) if sequence.last is None else ())
