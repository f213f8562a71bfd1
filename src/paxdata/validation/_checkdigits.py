"""ICAO Doc 9303 check digits and machine-readable zones (MRZ).

Source: ICAO Doc 9303 Part 3 section 4.9 (check digit: values 0-9 for digits, 10-35 for
A-Z, 0 for the filler ``<``; weights 7, 3, 1 repeating from the left; sum modulo 10),
Part 4 (TD3, passports: two lines of 44), Part 5 (TD1, cards: three lines of 30) and
Part 6 (TD2: two lines of 36). Specimen values (DIGEST 5.8 [V]): ``L898902C3`` -> 6,
``740812`` -> 2, ``120415`` -> 9, ``ZE184226B<<<<<`` -> 1.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["MrzCheck", "check_digit", "find_mrz", "verify_mrz"]

_WEIGHTS = (7, 3, 1)
_VALUES = {**{str(d): d for d in range(10)},
           **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}


def check_digit(value: str) -> int | None:
    """The Doc 9303 check digit of ``value`` (digits, A-Z and ``<``), or ``None`` when
    ``value`` has another character."""
    total = 0
    for position, char in enumerate(value):
        number = _VALUES.get(char)
        if number is None:
            return None
        total += number * _WEIGHTS[position % 3]
    return total % 10


@attrs.frozen(slots=True)
class MrzCheck:
    """One check digit of an MRZ: the ``field`` it protects (``document_number``,
    ``date_of_birth``, ``expiry_date``, ``optional_data``, ``composite``), the 1-based
    ``line`` and ``position`` of the check digit, and the digit ``expected`` and ``found``
    (``found`` is the character as written)."""

    field: str
    line: int
    position: int
    expected: int
    found: str

    @property
    def ok(self) -> bool:
        """True when the check digit is right (a ``<`` over an empty optional-data field
        counts as 0)."""
        return self.found == str(self.expected) or (self.found == "<" and self.expected == 0)


def _check(field: str, line: int, data: str, digit_at: int, text: str) -> MrzCheck | None:
    expected = check_digit(data)
    if expected is None:
        return None
    return MrzCheck(field, line, digit_at + 1, expected, text[digit_at])


def verify_mrz(lines: list[str] | tuple[str, ...]) -> tuple[str, list[MrzCheck]] | None:
    """Check every check digit of an MRZ given as its lines (TD3: 2 x 44, TD2: 2 x 36,
    TD1: 3 x 30). Returns (format, checks) with format ``"TD3"``, ``"TD2"`` or ``"TD1"``;
    ``None`` when the lines are not an MRZ of those shapes."""
    lines = [line.strip() for line in lines]
    shapes = tuple(len(line) for line in lines)
    if not all(re.fullmatch(r"[A-Z0-9<]+", line) for line in lines):
        return None
    found: list[MrzCheck | None] = []
    if shapes in ((44, 44), (36, 36)):
        size = shapes[0]
        second = lines[1]
        found += [_check("document_number", 2, second[0:9], 9, second),
                  _check("date_of_birth", 2, second[13:19], 19, second),
                  _check("expiry_date", 2, second[21:27], 27, second)]
        if size == 44:
            found.append(_check("optional_data", 2, second[28:42], 42, second))
            composite = second[0:10] + second[13:20] + second[21:43]
            found.append(_check("composite", 2, composite, 43, second))
            kind = "TD3"
        else:
            composite = second[0:10] + second[13:20] + second[21:35]
            found.append(_check("composite", 2, composite, 35, second))
            kind = "TD2"
    elif shapes == (30, 30, 30):
        first, second = lines[0], lines[1]
        found += [_check("document_number", 1, first[5:14], 14, first),
                  _check("date_of_birth", 2, second[0:6], 6, second),
                  _check("expiry_date", 2, second[8:14], 14, second)]
        composite = first[5:30] + second[0:7] + second[8:15] + second[18:29]
        found.append(_check("composite", 2, composite, 29, second))
        kind = "TD1"
    else:
        return None
    return kind, [check for check in found if check is not None]


_MRZ_LINE = re.compile(r"[A-Z0-9<]{30,44}")


def find_mrz(text: str) -> list[str] | None:
    """The MRZ lines in a free text (lines separated by spaces, line breaks or nothing),
    or ``None`` when the text holds no MRZ. A text qualifies when it contains ``<`` and
    its runs of MRZ characters form 2 x 44, 2 x 36 or 3 x 30 characters."""
    if "<" not in text:
        return None
    runs = _MRZ_LINE.findall(text)
    joined = "".join(runs)
    for size, count in ((44, 2), (36, 2), (30, 3)):
        if len(runs) == count and all(len(r) == size for r in runs):
            return runs
        if len(runs) == 1 and len(joined) == size * count:
            return [joined[i * size:(i + 1) * size] for i in range(count)]
    return None
