"""The rule engine: runs the rule modules over one input under a profile.

A rule module (:class:`RuleModule`) checks one message family. The engine

1. turns every located defect the readers recorded (syntax layer, typed readers,
   reassembly) into a finding of the rule the catalogue maps its code to, so parse-time
   checks are never re-implemented;
2. calls each module's ``check_input`` (whole-input checks: envelope, several messages)
   and ``check_message`` for each message of the types it declares;
3. keeps the enabled rules only (the profile decides), at the profile's severity, drops
   duplicates, sorts by position.

Modules are found in :mod:`paxdata.validation.rules` (every module there that defines
``MODULE``), so a new message family plugs in by adding a module and its catalogue file
``specs/validation/rules/<family>.toml``, without changing this code.
"""

from __future__ import annotations

import bisect
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from typing import Any

import attrs

from paxdata.defects import KINDS, Defect, Severity
from paxdata.edifact import Segment
from paxdata.errors import PaxdataError
from paxdata.validation._catalogue import Catalogue, catalogue
from paxdata.validation._findings import Finding, Subject
from paxdata.validation._input import InputView, MessageView
from paxdata.validation._profiles import Profile
from paxdata.validation._providers import AirportLookup, CountryLookup

__all__ = ["Checker", "RuleModule", "modules", "run_modules"]


@attrs.frozen(slots=True)
class RuleModule:
    """The rules of one message family.

    ``family``: the family name (its catalogue is ``specs/validation/rules/<family>.toml``).
    ``message_types``: the typed record classes ``check_message`` is called for.
    ``check_message(message, view, checker)``: per-message rules.
    ``check_input(view, checker)``: rules over the whole input (envelope, several messages).
    ``message_defects(message)``: the defects recorded on a typed message, each with the
    :class:`Subject` it concerns (default: ``message.warnings``, no subject).
    ``refine_defect(defect, rule_id, view)``: the rule id for a defect whose rule depends on
    context (default: the catalogue's mapping).
    ``personal_values(message)``: the personal values of a message, scrubbed from every
    output when masking (names, document numbers, dates of birth as sent...).
    """

    family: str
    message_types: tuple[type, ...] = ()
    check_message: Callable[[Any, MessageView, Checker], None] | None = None
    check_input: Callable[[InputView, Checker], None] | None = None
    message_defects: Callable[[Any], Iterable[tuple[Defect, Subject | None]]] | None = None
    refine_defect: Callable[[Defect, str, InputView], str] | None = None
    personal_values: Callable[[Any], Iterable[str]] | None = None


@cache
def modules() -> tuple[RuleModule, ...]:
    """Every rule module in :mod:`paxdata.validation.rules`, in name order."""
    from paxdata.validation import rules  # noqa: PLC0415  (the package imports this module)

    found: list[RuleModule] = []
    for info in sorted(pkgutil.iter_modules(rules.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{rules.__name__}.{info.name}")
        candidate = getattr(module, "MODULE", None)
        if isinstance(candidate, RuleModule):
            found.append(candidate)
    return tuple(found)


class Checker:
    """What a rule module reports to: :meth:`add` a finding (ignored when the profile does
    not enable the rule), :meth:`enabled` to skip work for disabled rules. Also carries the
    profile, the reference date (``today``) and the providers."""

    def __init__(self, view: InputView, profile: Profile, today: date,
                 countries: CountryLookup, airports: AirportLookup) -> None:
        self.view = view
        self.profile = profile
        self.today = today
        self.countries = countries
        self.airports = airports
        self.catalogue: Catalogue = catalogue()
        self.findings: list[Finding] = []
        self._rules = profile.rules
        self._by_offset: dict[int, Segment] | None = None
        self._starts: list[int] = []
        self._segments: list[Segment] = []
        self._messages: list[tuple[int, int, str | None]] | None = None

    def enabled(self, rule: str) -> bool:
        """True when the profile runs ``rule``."""
        return rule in self._rules

    def add(self, rule: str, message: str, *, view: MessageView | None = None,
            subject: Subject | None = None, segment: Segment | None = None,
            segment_index: int | None = None, tag: str | None = None,
            element: int | None = None, component: int | None = None,
            value: str | None = None, personal: bool = False, offset: int | None = None,
            message_reference: str | None = None, severity: Severity | None = None) -> None:
        """Report a finding of ``rule``. Give the segment when known (its index, tag and
        offset are used), else ``segment_index``/``tag`` (looked up in the message's
        tree) or ``offset``."""
        found = self._rules.get(rule)
        if found is None:
            return
        if severity is not None and rule == "VAL-DEFECT":
            found = severity
        if segment is None and view is not None and segment_index is not None:
            segment = view.segment(segment_index, tag)
        if segment is None and offset is not None and rule not in _OUTSIDE:
            segment = self.segment_at(offset, inside=True)
        if segment is not None and segment.index > 0:
            if segment_index is None:
                segment_index = segment.index
            if tag is None:
                tag = segment.tag
            if offset is None and segment.offset >= 0:
                offset = segment.offset
        if message_reference is None and view is not None:
            message_reference = view.reference
        if message_reference is None and view is None and segment is not None \
                and segment.tag not in ("UNB", "UNG", "UNE", "UNZ"):
            message_reference = self.message_at(segment.offset)
        source = self.view.source
        line = source.line_of(offset) if source is not None and offset is not None else None
        self.findings.append(Finding(
            rule, found, message, self.view.name, message_reference, subject, segment_index,
            tag, element, component, value, personal, offset, line, segment))

    def segment_at(self, offset: int, *, inside: bool = False) -> Segment | None:
        """The segment starting at ``offset`` in the input, or (``inside``) the segment
        whose text holds ``offset``; needs the syntax tree."""
        document = self.view.document
        if document is None:
            return None
        if self._by_offset is None:
            segments = sorted((s for ic in document.interchanges for s in ic.all_segments()
                               if s.offset >= 0), key=lambda s: s.offset)
            self._by_offset = {s.offset: s for s in segments}
            self._starts = [s.offset for s in segments]
            self._segments = segments
        found = self._by_offset.get(offset)
        if found is None and inside and self._starts:
            position = bisect.bisect_right(self._starts, offset) - 1
            if position >= 0:
                found = self._segments[position]
        return found

    def message_at(self, offset: int) -> str | None:
        """The reference of the message whose segments span ``offset``."""
        if self._messages is None:
            self._messages = sorted(
                (v.tree.segments[0].offset, v.tree.segments[-1].offset, v.reference)
                for v in self.view.messages if v.tree is not None and v.tree.segments)
        for first, last, reference in self._messages:
            if first <= offset <= last:
                return reference
        return None

    # ------------------------------------------------------------------ defects
    def add_defect(self, defect: Defect, subject: Subject | None,
                   view: MessageView | None) -> None:
        """Report a reader defect as a finding of the rule its code maps to."""
        location = defect.location
        rule = self.catalogue.rule_for_defect(defect.code, location.tag, location.element)
        if rule == "-":
            return
        if rule is None:
            rule = "VAL-DEFECT"
        else:
            for module in modules():
                if module.refine_defect is not None:
                    rule = module.refine_defect(defect, rule, self.view)
        message = defect.message if rule != "VAL-DEFECT" else \
            f"{defect.message} [{defect.code}]"
        segment = None
        if view is not None and location.segment_index is not None:
            segment = view.segment(location.segment_index, location.tag)
        self.add(rule, message, view=view, subject=subject, segment=segment,
                 segment_index=location.segment_index, tag=location.tag,
                 element=location.element, component=location.component,
                 offset=location.offset, message_reference=location.message_reference,
                 severity=defect.severity)


#: Rules about text outside any segment, or a segment that is absent: never placed on the
#: segment found at or around their offset.
_OUTSIDE = frozenset({"ENV-TEXT-OUTSIDE-INTERCHANGE", "ENV-AFTER-UNZ", "ENV-TRANSPORT-ENVELOPE",
                      "ENV-BOM", "ENV-NO-INTERCHANGE", "ENV-TYPOGRAPHIC-TERMINATOR",
                      "ENV-UNZ-MISSING", "ENV-UNT-MISSING", "ENV-UNE-MISSING",
                      "ENV-EMPTY-SEGMENT"})


def _error_defect(error: PaxdataError) -> Defect:
    kind = KINDS.get(error.code)
    return Defect(error.code, kind.severity if kind else Severity.ERROR, error.message,
                  error.location)


def run_modules(view: InputView, checker: Checker) -> list[Finding]:
    """Run every module over ``view``; the findings, deduplicated and sorted."""
    found_modules = modules()
    result = view.result
    for defect in result.warnings:
        checker.add_defect(defect, None, None)
    by_reference = {m.reference: m for m in view.messages}
    for error in result.errors:
        reference = error.location.message_reference
        checker.add_defect(_error_defect(error), None, by_reference.get(reference))
    for message_view in view.messages:
        message = message_view.message
        handled = False
        for module in found_modules:
            if module.message_types and isinstance(message, module.message_types):
                handled = True
                if module.message_defects is not None:
                    for defect, subject in module.message_defects(message):
                        checker.add_defect(defect, subject, message_view)
                else:
                    for defect in getattr(message, "warnings", ()):
                        checker.add_defect(defect, None, message_view)
                if module.check_message is not None:
                    module.check_message(message, message_view, checker)
        if not handled:
            for defect in getattr(message, "warnings", ()):
                checker.add_defect(defect, None, message_view)
    for module in found_modules:
        if module.check_input is not None:
            module.check_input(view, checker)
    return _dedupe_and_sort(checker.findings)


def _dedupe_and_sort(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    unique: list[Finding] = []
    for finding in findings:
        key = (finding.rule, finding.message_reference, finding.segment_index, finding.tag,
               finding.element, finding.component, finding.offset,
               finding.subject.index if finding.subject else None)
        if key in seen:
            continue
        seen.add(key)
        unique.append(finding)
    unique.sort(key=lambda f: (f.offset is None, f.offset or 0, f.segment_index or 0,
                               f.element or 0, f.component or 0))
    return unique
