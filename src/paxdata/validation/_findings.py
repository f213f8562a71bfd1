"""Findings: what a rule found, where, and about whom."""

from __future__ import annotations

import attrs

from paxdata.defects import Severity
from paxdata.edifact import Segment

__all__ = ["Finding", "Subject"]


@attrs.frozen(slots=True)
class Subject:
    """Whom a finding concerns: a traveller of a list (``kind="traveller"``) or a PNR of a
    push (``kind="pnr"``), numbered from 1 in its message, and its name as sent
    (``"DOE, JANE MARIE"``; masked in reports made with ``--mask``)."""

    index: int
    name: str | None = None
    kind: str = "traveller"


@attrs.frozen(slots=True)
class Finding:
    """One finding of one rule.

    ``rule``: the rule's stable id (``ENV-UNT-COUNT``); ``severity``: as the profile sets
    it; ``message``: what is wrong and what was expected (personal values are never
    written into it by paxdata's rules; they go in ``value``).
    Location: ``input_name``, ``message_reference`` (UNH 0062), ``subject`` (the traveller
    or PNR), ``segment_index`` (UNH = 1, as UNT counts; for service segments outside a
    message, the position in the interchange), ``tag``, ``element`` and ``component``
    (1-based, as the directories number them), ``offset`` (bytes into the input, or
    characters for ``str`` input) and ``line`` (1-based).
    ``value``: the offending value as sent; ``personal`` is true when it is a personal
    value (name, document number, date of birth...) that ``--mask`` hides.
    ``segment``: the offending segment, when the syntax tree was available.
    """

    rule: str
    severity: Severity
    message: str
    input_name: str | None = None
    message_reference: str | None = None
    subject: Subject | None = None
    segment_index: int | None = None
    tag: str | None = None
    element: int | None = None
    component: int | None = None
    value: str | None = None
    personal: bool = False
    offset: int | None = None
    line: int | None = None
    segment: Segment | None = attrs.field(default=None, eq=False)

    def where(self) -> str:
        """``segment 12 (NAT e2c1)``, ``segment 3 (UNZ e1)``, ``line 11 (Originator)`` (an
        XML element, or a segment known by its line only), ``offset 120`` or ``""``."""
        position = ""
        if self.tag:
            position = self.tag
            if self.element is not None:
                position += f" e{self.element}"
                if self.component is not None:
                    position += f"c{self.component}"
        if self.segment_index is not None:
            return f"segment {self.segment_index} ({position})" if position else \
                f"segment {self.segment_index}"
        if position and self.line is not None:
            return f"line {self.line} ({position})"
        if position:
            return f"segment {position}"
        if self.offset is not None:
            return f"offset {self.offset}"
        return ""
