"""Depersonalisation for sharing and retention, and the sensitive-data filter.

:func:`depersonalise` turns parse results into results of the same shape (the same record
classes, so every serializer writes them) in which the data elements that could identify a
passenger directly are masked, following Directive (EU) 2016/681 (EU PNR Directive)
Article 12(2): (a) names, (b) address and contact information, (c) payment information,
(d) frequent flyer information, (e) general remarks, (f) API data such as document numbers
and dates of birth (optionally reduced to the year). Identifiers that link records to a
person (record locator, unique passenger reference, ticket numbers, bag tags) become keyed
pseudonyms, HMAC-SHA-256 with a key the caller supplies, so depersonalised records can
still be linked to each other (and to other depersonalised data made with the same key),
but not to a person without the key. What analysis needs is kept: flights, routes, dates
of travel, counts, nationality, gender, country of residence, seats. PAXLST, PNRGOV and
CUSRES records all have rules; ``docs/sharing.md`` lists, field by field, what is masked in
each and under which point of Art. 12(2).

:func:`filter_sensitive` removes free text and SSR codes that reveal a person's health,
religion or beliefs (special meals, medical and assistance SSRs), Article 13(4) of the same
Directive; :func:`depersonalise` applies it too unless told not to.

The rules are data: ``specs/sharing/depersonalise.toml`` (every record field, its action
and legal category), ``specs/sharing/edifact_masks.toml`` (what is kept of each raw
EDIFACT segment) and ``specs/sharing/sensitive.toml`` (the codes and free-text markers,
with their sources). ``docs/sharing.md`` lists them. Whatever has no rule is masked: an
unknown segment keeps its tag and structure with every value empty; a record class without
rules is refused (:class:`DepersonaliseError`), so no personal data passes by omission.
Record classes are named ``<family>.<class>`` (:func:`record_key`: ``paxlst.Traveller``,
``pnrgov.Traveller``), since PAXLST and PNRGOV share class names.

Masking is visible: masked optional values are ``None`` (empty lists for lists, empty
text for a text the record requires, empty values in EDIFACT); defect messages, which
quote the values they concern, are replaced by their kind's summary; each message gets an
info defect ``DEP-DEPERSONALISED`` saying what was done and which key (by its id) made the
pseudonyms; a traveller whose date of birth was reduced to its year (written as 1 January
of that year) gets ``DEP-BIRTH-YEAR`` (a PNRGOV date of birth: on its PNR, located at the
traveller's TIF or the SSR); a message from which the filter removed something gets
``DEP-SENSITIVE-REMOVED`` (a count, not the category, which would itself reveal it).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from typing import Any, overload

import attrs

from paxdata._gc import paused_gc
from paxdata._parse import ParsedMessage, ParseResult
from paxdata._specs import load_spec
from paxdata.defects import KINDS, Defect, Location, Severity, kind, register
from paxdata.edifact import (
    EdifactDocument,
    Interchange,
    Message,
    Segment,
    Skipped,
    serialize_segments,
)
from paxdata.errors import PaxdataError
from paxdata.paxlst import Reference

__all__ = [
    "DepersonaliseError",
    "Depersonaliser",
    "SensitiveFilter",
    "depersonalise",
    "depersonalised_edifact",
    "filter_sensitive",
    "record_key",
    "segment_contexts",
]

_ART_12 = "Directive (EU) 2016/681 Art. 12(2) (depersonalisation by masking)"
_ART_13 = "Directive (EU) 2016/681 Art. 13(4) (sensitive data deleted on receipt)"

register(
    kind("DEP-DEPERSONALISED", "info",
         "the message was depersonalised for sharing; identifying elements masked, linking "
         "identifiers replaced by keyed pseudonyms", _ART_12),
    kind("DEP-BIRTH-YEAR", "info",
         "the date of birth was reduced to its year (written as 1 January)", _ART_12),
    kind("DEP-SENSITIVE-REMOVED", "info",
         "free text or SSR codes revealing health, religion or similar were removed", _ART_13),
)

#: Shortest key accepted for the pseudonyms (bytes): 128 bits.
MIN_KEY_BYTES = 16

_MASKED_DEFECT = "(defect text removed by depersonalisation)"


class DepersonaliseError(PaxdataError):
    """Records paxdata has no depersonalisation rules for (a record class not listed in
    ``specs/sharing/depersonalise.toml``): refused rather than passed through."""

    code = "DEP-NO-RULES"


# ------------------------------------------------------------------------------ the rules
_FIELDS_SPEC = load_spec("sharing/depersonalise.toml")
_MASKS_SPEC = load_spec("sharing/edifact_masks.toml")
_SENSITIVE_SPEC = load_spec("sharing/sensitive.toml")


def record_key(cls: type) -> str:
    """How the rules name a record class: ``<family>.<class>``, the family being the
    paxdata package that defines it (``paxlst.Traveller``, ``pnrgov.Traveller``,
    ``cusres.TravellerResponse``); the module name for classes outside paxdata."""
    return _record_key(cls)


@cache
def _record_key(cls: type) -> str:
    parts = cls.__module__.split(".")
    family = parts[1] if parts[0] == "paxdata" and len(parts) > 2 else cls.__module__
    return f"{family}.{cls.__qualname__}"


def _field_actions() -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for family, records in _FIELDS_SPEC["fields"].items():
        for record, fields in records.items():
            out[f"{family}.{record}"] = {
                name: ({"action": rule} if isinstance(rule, str) else dict(rule))
                for name, rule in fields.items()}
    return out


#: Record key (:func:`record_key`) -> field name -> {"action", "kind"?, "category"?,
#: "context"?, "code"?}.
FIELD_ACTIONS = _field_actions()
#: RFF qualifier -> {"action", "kind"?}; other qualifiers are dropped.
REFERENCE_ACTIONS: dict[str, dict[str, str]] = {
    q: dict(v) for q, v in _FIELDS_SPEC["references"].items() if q != "source"}
#: The pseudonym kinds and what each is.
PSEUDONYM_KINDS: dict[str, str] = dict(_FIELDS_SPEC["pseudonym_kinds"])


@attrs.frozen(slots=True)
class _Position:
    element: int
    from_on: bool
    component: int | None

    @classmethod
    def parse(cls, text: str) -> _Position:
        element, _, component = text.partition(".")
        from_on = element.endswith("+")
        return cls(int(element.rstrip("+")), from_on, int(component) if component else None)

    def element_matches(self, e: int) -> bool:
        return e == self.element or (self.from_on and e > self.element)


@attrs.frozen(slots=True)
class SegmentRule:
    """What is kept of one segment (``specs/sharing/edifact_masks.toml``)."""

    keep: tuple[_Position, ...] = ()
    pseudonymise: tuple[tuple[_Position, str], ...] = ()
    birth_date: _Position | None = None
    why: str = "no rule: every value masked"

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> SegmentRule:
        birth = spec.get("birth_date")
        return cls(tuple(_Position.parse(p) for p in spec.get("keep", ())),
                   tuple((_Position.parse(p), k)
                         for p, k in spec.get("pseudonymise", {}).items()),
                   _Position.parse(birth) if birth else None, spec.get("why", ""))

    def action(self, e: int, c: int) -> tuple[str, str]:
        """("keep"|"mask"|"pseudonymise"|"birth_date", pseudonym kind or "")."""
        for position, pseudonym_kind in self.pseudonymise:
            if position.element_matches(e) and position.component in (None, c):
                return "pseudonymise", pseudonym_kind
        birth = self.birth_date
        if birth is not None and birth.element_matches(e) and birth.component in (None, c):
            return "birth_date", ""
        for position in self.keep:
            if position.element_matches(e) and position.component in (None, c):
                return "keep", ""
        return "mask", ""


_MASK_ALL = SegmentRule()


def _segment_rules() -> dict[tuple[str, str], tuple[SegmentRule, dict[str, SegmentRule]]]:
    rules: dict[tuple[str, str], tuple[SegmentRule, dict[str, SegmentRule]]] = {}
    for family, tags in _MASKS_SPEC.items():
        for tag, spec in tags.items():
            qualifiers = {q: SegmentRule.from_spec(s)
                          for q, s in spec.get("qualifiers", {}).items()}
            rules[(family, tag)] = (SegmentRule.from_spec(spec), qualifiers)
    return rules


_SEGMENT_RULES = _segment_rules()


def segment_rule(message_type: str | None, segment: Segment, context: str | None = None
                 ) -> SegmentRule:
    """The rule for a segment of a message of ``message_type`` (service segments have
    their own); ``context`` (from :func:`segment_contexts`) selects a ``TAG@context`` rule
    when there is one. A tag without a rule masks every value."""
    found = _SEGMENT_RULES.get(("service", segment.tag))
    if found is None and context is not None:
        found = _SEGMENT_RULES.get((message_type or "", f"{segment.tag}@{context}"))
    if found is None:
        found = _SEGMENT_RULES.get((message_type or "", segment.tag))
    if found is None:
        return _MASK_ALL
    default, qualifiers = found
    if qualifiers:
        return qualifiers.get(segment.get(1, 1).strip(), default)
    return default


class _Contexts:
    """Follows a message's segments to say which ones the tag alone does not describe
    (IATA PNRGOV IG): a TVL after a Gr.9 MSG inside a PNR is a non-air product
    (``non_air``), an EQN after the first SRC is a Gr.8 split-PNR count (``split``)."""

    __slots__ = ("in_pnr", "non_air", "pnrgov")

    def __init__(self, message_type: str | None) -> None:
        self.pnrgov = message_type == "PNRGOV"
        self.in_pnr = False
        self.non_air = False

    def next(self, segment: Segment) -> str | None:
        if not self.pnrgov:
            return None
        tag = segment.tag
        if tag == "TVL":
            return "non_air" if self.non_air else None
        self.non_air = False
        if tag == "SRC":
            self.in_pnr = True
        elif tag == "MSG":
            self.non_air = self.in_pnr
        elif tag == "EQN" and self.in_pnr:
            return "split"
        return None


def segment_contexts(message_type: str | None, segments: Iterable[Segment]
                     ) -> Iterator[tuple[Segment, str | None]]:
    """Each segment of one message (UNH to UNT, in order) with its context for
    :func:`segment_rule`: ``non_air`` (PNRGOV Gr.9 TVL), ``split`` (PNRGOV Gr.8 EQN) or
    ``None``."""
    contexts = _Contexts(message_type)
    for segment in segments:
        yield segment, contexts.next(segment)


# ---------------------------------------------------------------- the sensitive filter
class SensitiveFilter:
    """Finds free text and SSR codes revealing health, religion or beliefs (Directive
    (EU) 2016/681 Art. 13(4)) from ``specs/sharing/sensitive.toml``: a code matches as a
    whole word, a marker at the start of a word, in upper-cased text."""

    def __init__(self, spec: Mapping[str, Any] | None = None) -> None:
        spec = spec if spec is not None else _SENSITIVE_SPEC
        self.codes: dict[str, str] = {c: v["category"] for c, v in spec["codes"].items()}
        self.markers: dict[str, str] = dict(spec["markers"])
        self.text_segments = frozenset(spec["text_segments"])
        self.text_fields: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in spec["text_fields"].items()}
        self.record_fields: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in spec.get("record_fields", {}).items()}
        words = "|".join(sorted(map(re.escape, self.codes), key=len, reverse=True))
        starts = "|".join(sorted(map(re.escape, self.markers), key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![A-Z0-9])(?:(?:{words})(?![A-Z0-9])|(?:{starts}))")

    def text(self, value: str) -> bool:
        """True when ``value`` holds a sensitive code or marker."""
        return bool(value) and self._pattern.search(value.upper()) is not None

    def record(self, record: Any) -> bool:
        """True when a record listed in ``record_fields`` (a PNRGOV SSR or remark) holds a
        sensitive code or marker in one of those fields: the record is to be dropped."""
        fields = self.record_fields.get(record_key(type(record)))
        if not fields:
            return False
        for name in fields:
            value = getattr(record, name, None)
            if isinstance(value, str) and self.text(value):
                return True
            if isinstance(value, tuple) and any(
                    isinstance(v, str) and self.text(v) for v in value):
                return True
        return False

    def texts(self, value: Any) -> tuple[Any, int]:
        """A free-text field without its sensitive items: a tuple of texts without the
        matching ones, a matching text as ``None``; and how many were removed."""
        if isinstance(value, tuple):
            kept = tuple(v for v in value if not (isinstance(v, str) and self.text(v)))
            return kept, len(value) - len(kept)
        if isinstance(value, str) and self.text(value):
            return None, 1
        return value, 0

    def records(self, value: tuple[Any, ...]) -> tuple[tuple[Any, ...], int]:
        """A tuple of records without those :meth:`record` drops, and how many."""
        if not value or not self.record_fields or not attrs.has(type(value[0])):
            return value, 0
        kept = tuple(v for v in value if not self.record(v))
        return (value, 0) if len(kept) == len(value) else (kept, len(value) - len(kept))

    def segment(self, segment: Segment) -> bool:
        """True when a free-text or SSR segment holds a sensitive code or marker."""
        if segment.tag not in self.text_segments:
            return False
        if segment.tag == "FTX" and segment.get(1, 1).strip() == "BAG":
            return False
        return any(self.text(c) for element in _all_elements(segment) for c in element)


def _all_elements(segment: Segment) -> Iterator[tuple[str, ...]]:
    yield from segment.elements
    if segment.repetitions:
        for occurrences in segment.repetitions.values():
            yield from occurrences


def _blank(segment: Segment) -> Segment:
    """The segment with every value emptied, its structure kept."""
    reps = None
    if segment.repetitions:
        reps = {k: tuple(tuple("" for _ in o) for o in v)
                for k, v in segment.repetitions.items()}
    return Segment(segment.tag, tuple(tuple("" for _ in e) for e in segment.elements),
                   segment.index, segment.offset, reps)


# ----------------------------------------------------------------- the depersonaliser
class Depersonaliser:
    """Depersonalises records, results and raw segments with one key.

    ``key``: the pseudonym key (bytes, or ``str`` taken as UTF-8), at least 16 bytes;
    keep it secret and apart from the data: whoever has it can test a guessed record
    locator or ticket number against a pseudonym. The same key gives the same pseudonyms
    in every run and format. ``birth_year``: keep the year of each date of birth (written
    as 1 January, flagged ``DEP-BIRTH-YEAR``) instead of masking it. ``sensitive``: the
    sensitive-data filter to apply first (:class:`SensitiveFilter`), ``None`` for none.

    Raises ``ValueError`` for a key shorter than 16 bytes.
    """

    def __init__(self, key: bytes | str, *, birth_year: bool = False,
                 sensitive: SensitiveFilter | None = None) -> None:
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        if len(raw) < MIN_KEY_BYTES:
            raise ValueError(f"the depersonalisation key must be at least {MIN_KEY_BYTES} "
                             f"bytes long (got {len(raw)})")
        self._key = raw
        self.birth_year = birth_year
        self.sensitive = sensitive
        #: A short public id of the key (not the key): says which key made the pseudonyms.
        self.key_id = hmac.new(raw, b"paxdata key id", hashlib.sha256).hexdigest()[:8].upper()
        self._cache: dict[tuple[str, str], str] = {}

    # ----------------------------------------------------------------- pseudonyms
    def pseudonym(self, pseudonym_kind: str, value: str) -> str:
        """The keyed pseudonym of ``value`` as a ``pseudonym_kind`` identifier: 16
        characters of base32 (A-Z, 2-7; 80 bits of HMAC-SHA-256 over the kind, a 0x1F
        separator and the value stripped and upper-cased). Empty values stay empty."""
        text = value.strip().upper()
        if not text:
            return ""
        found = self._cache.get((pseudonym_kind, text))
        if found is None:
            if pseudonym_kind not in PSEUDONYM_KINDS:
                raise ValueError(f"unknown pseudonym kind {pseudonym_kind!r}")
            digest = hmac.new(self._key, f"{pseudonym_kind}\x1f{text}".encode(),
                              hashlib.sha256).digest()
            found = base64.b32encode(digest[:10]).decode("ascii")
            self._cache[(pseudonym_kind, text)] = found
        return found

    def pseudonyms(self) -> frozenset[str]:
        """Every pseudonym this depersonaliser has issued so far (for audits: an output
        searched for personal values can first be cleared of these random tokens)."""
        return frozenset(self._cache.values())

    # ----------------------------------------------------------------- results
    def result(self, result: ParseResult) -> ParseResult:
        """A parse result depersonalised: every message, the defects and stray segments
        outside messages, skipped text (blanked, its length kept) and errors (message text
        replaced by the kind's summary)."""
        with paused_gc():  # many new records, no cycles
            return self._result(result)

    def _result(self, result: ParseResult) -> ParseResult:
        return ParseResult(
            result.input_name,
            tuple(self.message(m) for m in result.messages),
            tuple(_error(e) for e in result.errors),
            tuple(_defect(d) for d in result.warnings),
            tuple(Skipped(s.offset, " " * len(s.text), s.kind, s.length)
                  for s in result.skipped),
            tuple(self.segment(s, None) for s in result.stray_segments))

    def message(self, message: ParsedMessage) -> ParsedMessage:
        """One message: a typed record (by the rules for its class) or a syntax-level
        message (segment by segment). Raises :class:`DepersonaliseError` for a record
        class without rules."""
        if isinstance(message, Message):
            removed = [0]
            message_type = message.message_type
            segments = tuple(self.segment(s, message_type, removed, context)
                             for s, context in segment_contexts(message_type,
                                                                message.segments))
            trailer = (self.segment(message.trailer, message_type)
                       if message.trailer is not None else None)
            notes = self._notes(message.reference, removed[0])
            return Message(message.header, segments, trailer,
                           tuple(_defect(d) for d in message.warnings) + notes)
        message_type = str(getattr(message, "message_type", ""))
        removed = [0]
        out = self.record(message, message_type, removed)
        reference = getattr(message, "message_reference", None)
        notes = self._notes(reference, removed[0])
        result: ParsedMessage = attrs.evolve(out, warnings=out.warnings + notes)
        return result

    def _notes(self, reference: str | None, removed: int) -> tuple[Defect, ...]:
        where = Location(message_reference=reference)
        what = ("names, address and contact, payment, frequent flyer, general remarks and "
                "identifying API data masked; record locators, passenger references, "
                "ticket numbers and bag tags replaced by pseudonyms of key "
                f"{self.key_id}; dates of birth "
                + ("reduced to the year" if self.birth_year else "masked"))
        notes = [Defect("DEP-DEPERSONALISED", Severity.INFO,
                        f"depersonalised ({_ART_12}): {what}", where)]
        if removed:
            notes.append(Defect("DEP-SENSITIVE-REMOVED", Severity.INFO,
                                f"the sensitive-data filter removed {removed} free text(s) or "
                                f"segment(s) from this message ({_ART_13})", where))
        return tuple(notes)

    # ----------------------------------------------------------------- records
    def record(self, record: Any, message_type: str, removed: list[int] | None = None,
               notes: list[Defect] | None = None, where: int | None = None) -> Any:
        """Any record listed in ``specs/sharing/depersonalise.toml``, field by field;
        records inside it (travellers, documents, PNRs, SSRs...) by their own rules.
        ``removed`` (a one-item list) counts what the sensitive filter removed; ``notes``
        collects the ``DEP-BIRTH-YEAR`` defects of records without ``warnings`` of their
        own, for the nearest enclosing record that has them (a PNR for its travellers);
        ``where`` is the segment index to locate them at when the record has none.
        Raises :class:`DepersonaliseError` for a record class (at any depth) without
        rules."""
        cls: type = type(record)
        plan = _plan(cls)
        counter = removed if removed is not None else [0]
        here = getattr(record, "segment_index", None)
        if here is None:
            here = where
        changes: dict[str, Any] = {}
        own_notes: list[Defect] = []
        sensitive = self.sensitive
        if sensitive is not None:
            for name in sensitive.text_fields.get(plan.key, ()):
                value, count = sensitive.texts(getattr(record, name))
                if count:
                    counter[0] += count
                    changes[name] = value
        for name, action, rule, optional in plan.steps:
            value = changes[name] if name in changes else getattr(record, name)
            if action == "keep":  # a field that holds records: each by its own rules
                if isinstance(value, tuple):
                    if not value:
                        continue
                    if sensitive is not None:
                        value, count = sensitive.records(value)
                        counter[0] += count
                    new = tuple(self.record(v, message_type, counter, own_notes, here)
                                for v in value)
                elif value is not None and attrs.has(type(value)):
                    new = self.record(value, message_type, counter, own_notes, here)
                else:
                    continue
                changes[name] = new
            elif action == "mask":
                changes[name] = _masked(value, optional)
            elif action == "pseudonymise":
                pseudonym_kind = rule["kind"]
                if isinstance(value, tuple):
                    changes[name] = tuple(self.pseudonym(pseudonym_kind, v) for v in value)
                elif value is not None:
                    changes[name] = self.pseudonym(pseudonym_kind, value) or (
                        None if optional else "")
            elif action == "birth_date":
                if value is not None and self.birth_year:
                    changes[name] = date(value.year, 1, 1)
                    own_notes.append(Defect(
                        "DEP-BIRTH-YEAR", Severity.INFO,
                        f"date of birth reduced to the year {value.year} (written as "
                        f"{value.year}-01-01; {_ART_12})", Location(segment_index=here)))
                else:
                    changes[name] = None
            elif action == "references":
                changes[name] = self._references(value)
            elif action == "segments":
                context = rule.get("context")
                if isinstance(value, Segment):
                    changes[name] = self.segment(value, message_type, counter, context)
                elif value:
                    changes[name] = tuple(self.segment(s, message_type, counter, context)
                                          for s in value)
            elif action == "defects":
                if value:
                    changes[name] = tuple(_defect(d) for d in value)
            elif action == "defect_text":
                found = KINDS.get(rule.get("code", ""))
                changes[name] = found.summary if found else _MASKED_DEFECT
            else:  # pragma: no cover - the spec test checks every action
                raise DepersonaliseError(f"unknown depersonalisation action {action!r}")
        if own_notes:
            if plan.has_warnings:
                changes["warnings"] = changes.get("warnings", record.warnings) + tuple(
                    own_notes)
            elif notes is not None:
                notes.extend(own_notes)
        return attrs.evolve(record, **changes) if changes else record

    def _references(self, references: tuple[Reference, ...]) -> tuple[Reference, ...]:
        out: list[Reference] = []
        for reference in references:
            rule = REFERENCE_ACTIONS.get(reference.qualifier)
            if rule is None:
                continue
            if rule["action"] == "pseudonymise":
                out.append(Reference(reference.qualifier,
                                     self.pseudonym(rule["kind"], reference.value)))
            else:
                out.append(reference)
        return tuple(out)

    # ----------------------------------------------------------------- raw segments
    def segment(self, segment: Segment, message_type: str | None,
                removed: list[int] | None = None, context: str | None = None) -> Segment:
        """One raw segment by ``specs/sharing/edifact_masks.toml``: kept values stay,
        linking identifiers become pseudonyms, everything else is emptied (structure and
        position kept). A sensitive free-text or SSR segment is blanked whole.
        ``context``: see :func:`segment_contexts`."""
        if self.sensitive is not None and self.sensitive.segment(segment):
            if removed is not None:
                removed[0] += 1
            return _blank(segment)
        rule = segment_rule(message_type, segment, context)
        elements = tuple(self._element(rule, e, element)
                         for e, element in enumerate(segment.elements, 1))
        reps = None
        if segment.repetitions:
            reps = {k: tuple(self._element(rule, k + 1, o) for o in v)
                    for k, v in segment.repetitions.items()}
        return Segment(segment.tag, elements, segment.index, segment.offset, reps)

    def _element(self, rule: SegmentRule, e: int, element: tuple[str, ...]
                 ) -> tuple[str, ...]:
        out: list[str] = []
        for c, value in enumerate(element, 1):
            action, pseudonym_kind = rule.action(e, c)
            if action == "keep":
                out.append(value)
            elif action == "pseudonymise":
                out.append(self.pseudonym(pseudonym_kind, value))
            elif action == "birth_date" and self.birth_year:
                out.append(_year_only(value))
            else:
                out.append("")
        return tuple(out)

    def interchange_segments(self, interchange: Interchange) -> Iterator[Segment]:
        """Every segment of a parsed interchange (UNB ... UNZ, stray segments included,
        input order), depersonalised by the rules of the message each belongs to (and
        its place in it: :func:`segment_contexts`)."""
        message_type: str | None = None
        contexts = _Contexts(None)
        for segment in interchange.all_segments():
            if segment.tag == "UNH":
                message_type = segment.get(2, 1).strip()
                contexts = _Contexts(message_type)
            yield self.segment(segment, message_type, None, contexts.next(segment))
            if segment.tag == "UNT":
                message_type = None
                contexts = _Contexts(None)


@attrs.frozen(slots=True)
class _Plan:
    """What :meth:`Depersonaliser.record` does with a record class: its rules' key and,
    per field that needs work (``steps``: name, action, rule, optional), the action; kept
    fields that cannot hold records are left out (nothing to do)."""

    key: str
    steps: tuple[tuple[str, str, Mapping[str, str], bool], ...]
    has_warnings: bool


@cache
def _plan(cls: type) -> _Plan:
    key = record_key(cls)
    actions = FIELD_ACTIONS.get(key)
    if actions is None:
        raise DepersonaliseError(
            f"no depersonalisation rules for {cls.__name__} records ({key} in "
            "specs/sharing/depersonalise.toml); refused rather than shared unmasked")
    optional = _optional_fields(cls)
    holders = _record_fields(cls)
    steps = []
    for field in attrs.fields(cls):
        name = field.name
        rule = actions.get(name)
        if rule is None:  # a field added to a record after the rules: masked
            rule = {"action": "mask"}
        elif rule["action"] == "keep" and name not in holders:
            continue
        steps.append((name, rule["action"], rule, name in optional))
    return _Plan(key, tuple(steps), any(f.name == "warnings" for f in attrs.fields(cls)))


def _record_fields(cls: type) -> frozenset[str]:
    """The fields of a record class whose type names a record (attrs) class, alone, in a
    union or in a tuple; every field when the hints cannot be resolved."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        return frozenset(f.name for f in attrs.fields(cls))

    def names_a_record(hint: Any) -> bool:
        if isinstance(hint, type) and attrs.has(hint):
            return True
        return any(names_a_record(arg) for arg in typing.get_args(hint))

    return frozenset(name for name, hint in hints.items() if names_a_record(hint))


def _year_only(value: str) -> str:
    text = value.strip()
    if text.isascii() and text.isdigit():
        if len(text) == 6:
            return text[:2] + "0101"
        if len(text) == 8:
            return text[:4] + "0101"
    return ""


@cache
def _optional_fields(cls: type) -> frozenset[str]:
    """The fields of a record class whose type admits ``None``."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # unresolvable hints: every field taken as optional
        return frozenset(f.name for f in attrs.fields(cls))
    return frozenset(name for name, hint in hints.items()
                     if hint is type(None) or type(None) in typing.get_args(hint))


def _masked(value: Any, optional: bool = True) -> Any:
    if isinstance(value, tuple):
        return ()
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and not optional:
        return ""
    return None


def _defect(defect: Defect) -> Defect:
    if defect.code.startswith("DEP-"):
        return defect
    found = KINDS.get(defect.code)
    return Defect(defect.code, defect.severity, found.summary if found else _MASKED_DEFECT,
                  defect.location)


def _error(error: PaxdataError) -> PaxdataError:
    out = copy.copy(error)
    found = KINDS.get(error.code)
    out.message = found.summary if found else _MASKED_DEFECT
    out.args = (out.message,)
    return out


# ----------------------------------------------------------------- the functions
@overload
def depersonalise(data: ParseResult, key: bytes | str, *, birth_year: bool = ...,
                  sensitive_filter: bool = ...) -> ParseResult: ...
@overload
def depersonalise(data: Iterable[ParseResult], key: bytes | str, *, birth_year: bool = ...,
                  sensitive_filter: bool = ...) -> list[ParseResult]: ...


def depersonalise(data: ParseResult | Iterable[ParseResult], key: bytes | str, *,
                  birth_year: bool = False, sensitive_filter: bool = True
                  ) -> ParseResult | list[ParseResult]:
    """Depersonalise one parse result (or several, sharing one key) for sharing.

    Returns results of the same shape (see the module docstring for what is masked, what
    becomes a pseudonym and what is kept). ``key``: the pseudonym key, at least 16 bytes
    (``ValueError`` otherwise). ``birth_year``: keep the year of birth. ``sensitive_filter``:
    also remove sensitive free text and SSR codes (Art. 13(4)); default on. Raises
    :class:`DepersonaliseError` for a typed record class that has no rules.
    """
    worker = Depersonaliser(key, birth_year=birth_year,
                            sensitive=SensitiveFilter() if sensitive_filter else None)
    if isinstance(data, ParseResult):
        return worker.result(data)
    return [worker.result(r) for r in data]


def filter_sensitive(result: ParseResult, sensitive: SensitiveFilter | None = None
                     ) -> ParseResult:
    """Remove, without depersonalising, the free texts and SSR codes revealing health,
    religion or beliefs (Directive (EU) 2016/681 Art. 13(4); ``specs/sharing/
    sensitive.toml``): matching free-text items are dropped from the records (a matching
    single text set to ``None``; a matching PNRGOV SSR or remark dropped whole), matching
    raw free-text/SSR segments are blanked. Each message that lost something gets a
    ``DEP-SENSITIVE-REMOVED`` info defect with the count."""
    found = sensitive if sensitive is not None else SensitiveFilter()
    messages = tuple(_filter_message(m, found) for m in result.messages)
    stray = tuple(_blank(s) if found.segment(s) else s for s in result.stray_segments)
    return attrs.evolve(result, messages=messages, stray_segments=stray)


def _filter_message(message: ParsedMessage, found: SensitiveFilter) -> ParsedMessage:
    removed = [0]

    def segments(items: tuple[Segment, ...]) -> tuple[Segment, ...]:
        out = []
        for segment in items:
            if found.segment(segment):
                removed[0] += 1
                out.append(_blank(segment))
            else:
                out.append(segment)
        return tuple(out)

    if isinstance(message, Message):
        new_segments = segments(message.segments)
        if not removed[0]:
            return message
        note = _removed_note(message.reference, removed[0])
        return Message(message.header, new_segments, message.trailer,
                       (*message.warnings, note))
    out = _filter_record(message, found, removed, segments)
    if not removed[0]:
        return message
    note = _removed_note(getattr(message, "message_reference", None), removed[0])
    result: ParsedMessage = attrs.evolve(out, warnings=(*out.warnings, note))
    return result


def _filter_record(record: Any, found: SensitiveFilter, removed: list[int],
                   segments: Callable[[tuple[Segment, ...]], tuple[Segment, ...]]) -> Any:
    changes: dict[str, Any] = {}
    text_fields = found.text_fields.get(record_key(type(record)), ())
    for field in attrs.fields(type(record)):
        name = field.name
        value = getattr(record, name)
        if name in text_fields:
            kept, count = found.texts(value)
            if count:
                removed[0] += count
                changes[name] = kept
        elif isinstance(value, Segment):
            if found.segment(value):
                removed[0] += 1
                changes[name] = _blank(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], Segment):
            before = removed[0]
            new = segments(value)
            if removed[0] != before:
                changes[name] = new
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])) \
                and not isinstance(value[0], Defect):
            kept_items, count = found.records(value)
            removed[0] += count
            new_items = tuple(_filter_record(v, found, removed, segments) for v in kept_items)
            if count or any(a is not b for a, b in zip(new_items, kept_items, strict=True)):
                changes[name] = new_items
        elif attrs.has(type(value)) and not isinstance(value, Defect):
            new_value = _filter_record(value, found, removed, segments)
            if new_value is not value:
                changes[name] = new_value
    return attrs.evolve(record, **changes) if changes else record


def _removed_note(reference: str | None, count: int) -> Defect:
    return Defect("DEP-SENSITIVE-REMOVED", Severity.INFO,
                  f"the sensitive-data filter removed {count} free text(s) or segment(s) "
                  f"from this message ({_ART_13})", Location(message_reference=reference))


def depersonalised_edifact(document: EdifactDocument, depersonaliser: Depersonaliser, *,
                           line_break: str = "") -> str:
    """Write a parsed document (:func:`paxdata.edifact.read`) back in raw mode, segment
    for segment with its own service characters, every segment depersonalised by
    ``specs/sharing/edifact_masks.toml``. Control counts stay right: no segment is added
    or removed (masked values are written empty)."""
    with paused_gc():  # many new segments, no cycles
        return "".join(
            serialize_segments(depersonaliser.interchange_segments(ic), ic.service_characters,
                               una=ic.una_present, line_break=line_break)
            for ic in document.interchanges)

