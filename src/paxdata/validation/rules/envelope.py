"""Envelope and syntax rules (ENV-*), for every message family.

Most envelope rules are the syntax layer's own located defects (control counts and
references, UNA, missing trailers...), mapped to rule ids in
``specs/validation/rules/envelope.toml``. This module adds what the syntax layer does not
check: nothing after UNZ, the syntax version, UNB date/time validity, unique message
references, known message types, characters within the declared repertoire (level A/B)
and data element lengths (``specs/validation/element_lengths.toml``).
Source: ISO 9735-1 (DIGEST 1.1-1.7 and 5.1).
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Any

from paxdata._specs import load_spec
from paxdata.defects import Defect
from paxdata.edifact import Interchange, Segment, ServiceCharacters, parse_envelope_datetime
from paxdata.validation._engine import Checker, RuleModule
from paxdata.validation._input import InputView, MessageView

__all__ = ["MODULE", "directory_key"]


def _refine(defect: Defect, rule: str, view: InputView) -> str:
    """Text skipped after an interchange trailer breaks "nothing after UNZ"."""
    if rule != "ENV-TEXT-OUTSIDE-INTERCHANGE" or view.document is None:
        return rule
    offset = defect.location.offset
    if offset is None:
        return rule
    for interchange in view.document.interchanges:
        trailer = interchange.trailer
        if trailer is not None and 0 <= trailer.offset < offset:
            return "ENV-AFTER-UNZ"
    return rule


def _check_input(view: InputView, checker: Checker) -> None:
    document = view.document
    if document is None:
        return
    spec = load_spec("validation/rules/envelope.toml")
    versions = frozenset(spec["syntax_versions"]["codes"])
    types = frozenset(spec["message_types"]["codes"])
    views = {id(m.tree): m for m in view.messages if m.tree is not None}
    for interchange in document.interchanges:
        header = interchange.header
        if header is not None:
            unb = header.segment
            if checker.enabled("ENV-SYNTAX-VERSION") and header.syntax_version not in versions:
                checker.add("ENV-SYNTAX-VERSION",
                            f"syntax version {header.syntax_version!r} is not 1, 2, 3 or 4",
                            segment=unb, element=1, component=2,
                            value=header.syntax_version)
            if checker.enabled("ENV-UNB-DATETIME"):
                _unb_datetime(checker, unb, header.prepared_date, header.prepared_time)
        seen: dict[str, Segment] = {}
        for message in interchange.messages:
            unh = message.header.segment
            message_view = views.get(id(message))
            reference = message.header.reference
            if reference in seen and checker.enabled("ENV-UNH-REFERENCE-DUPLICATE"):
                checker.add("ENV-UNH-REFERENCE-DUPLICATE",
                            f"message reference {reference!r} is already used by the message "
                            f"at offset {seen[reference].offset} of this interchange",
                            view=message_view, segment=unh, element=1, value=reference)
            seen.setdefault(reference, unh)
            if checker.enabled("ENV-MESSAGE-TYPE") and message.header.message_type not in types:
                checker.add("ENV-MESSAGE-TYPE",
                            f"message type {message.header.message_type!r} is not one of "
                            f"{', '.join(sorted(types))}",
                            view=message_view, segment=unh, element=2, component=1,
                            value=message.header.message_type)
        if checker.enabled("ENV-ELEMENT-LENGTH"):
            _lengths(checker, interchange, views)
        if checker.enabled("ENV-REPERTOIRE") and view.source is not None and header is not None:
            _repertoire(checker, interchange, view.source.text, views)


def _unb_datetime(checker: Checker, unb: Segment, day: str, time: str) -> None:
    if parse_envelope_datetime(day, "") is None:
        checker.add("ENV-UNB-DATETIME",
                    f"date of preparation {day!r} is not a valid YYMMDD or CCYYMMDD date",
                    segment=unb, element=4, component=1, value=day)
    elif not time.strip() or parse_envelope_datetime(day, time) is None:
        checker.add("ENV-UNB-DATETIME",
                    f"time of preparation {time!r} is not a valid HHMM time",
                    segment=unb, element=4, component=2, value=time)


# ---------------------------------------------------------------------- lengths
def directory_key(release: str) -> tuple[int, str] | None:
    """``"05B"`` -> (2005, "B"); ``"98B"`` -> (1998, "B"); ``None`` for other releases."""
    match = re.fullmatch(r"(\d{2})([A-Z])", release.strip().upper())
    if match is None:
        return None
    year = int(match.group(1))
    return (1900 + year if year >= 90 else 2000 + year, match.group(2))


@cache
def _length_table() -> dict[str, list[dict[str, Any]]]:
    table: dict[str, list[dict[str, Any]]] = {}
    for entry in load_spec("validation/element_lengths.toml")["fields"]:
        table.setdefault(entry["tag"], []).append(entry)
    return table


def _limit(entry: dict[str, Any], release: str) -> int:
    later = entry.get("max_from")
    if later is not None:
        current = directory_key(release)
        threshold = directory_key(str(later)[1:] if str(later).startswith("D") else str(later))
        if current is not None and threshold is not None and current >= threshold:
            return int(entry["later_max"])
    return int(entry["max"])


@cache
def _limits(message_type: str, release: str) -> dict[str, tuple[tuple[int, int, int, str, str],
                                                                 ...]]:
    """tag -> ((element, component, max length, data element id, name), ...) for the
    messages of one type and directory release."""
    found: dict[str, tuple[tuple[int, int, int, str, str], ...]] = {}
    for tag, entries in _length_table().items():
        wanted = tuple((e["element"], e["component"], _limit(e, release), e["id"], e["name"])
                       for e in entries if e.get("message_type") in (None, message_type))
        if wanted:
            found[tag] = wanted
    return found


def _check_lengths(checker: Checker, segment: Segment,
                   entries: tuple[tuple[int, int, int, str, str], ...],
                   view: MessageView | None) -> None:
    elements = segment.elements
    for position, component, limit, element_id, name in entries:
        if position > len(elements):
            continue
        composite = elements[position - 1]
        if component > len(composite):
            continue
        value = composite[component - 1]
        if len(value) > limit:
            personal = segment.tag in ("NAD", "DOC", "RFF", "FTX")
            checker.add("ENV-ELEMENT-LENGTH",
                        f"{name} ({element_id}) has {len(value)} characters; the directory "
                        f"allows {limit}", view=view, segment=segment, element=position,
                        component=component, value=value, personal=personal)


def _lengths(checker: Checker, interchange: Interchange,
             views: dict[int, MessageView]) -> None:
    service = _limits("", "")
    for segment in (interchange.header.segment if interchange.header else None,
                    *(g.header.segment for g in interchange.groups)):
        if segment is not None and segment.tag in service:
            _check_lengths(checker, segment, service[segment.tag], None)
    for message in interchange.messages:
        view = views.get(id(message))
        table = _limits(message.header.message_type, message.header.release)
        for segment in message.segments:
            entries = table.get(segment.tag)
            if entries is not None:
                _check_lengths(checker, segment, entries, view)


# ---------------------------------------------------------------------- repertoire
@cache
def _levels() -> tuple[dict[str, str], dict[str, str]]:
    spec = load_spec("validation/repertoires.toml")
    levels = {name: entry["letters"] + entry["digits"] + entry["specials"]
              for name, entry in spec["levels"].items()}
    return levels, dict(spec["identifiers"])


@cache
def _disallowed(level: str, service: str) -> re.Pattern[str] | None:
    allowed = set(_levels()[0][level]) | set(service)
    bad = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in allowed)
    return re.compile("[" + re.escape(bad) + "]") if bad else None


def _service(chars: ServiceCharacters) -> str:
    return "".join(c for c in (chars.component_separator, chars.element_separator,
                               chars.decimal_mark, chars.release_character or "",
                               chars.repetition_separator or "", chars.segment_terminator)
                   if c)


def _position(raw: str, at: int, chars: ServiceCharacters) -> tuple[int, int]:
    """(element, component) of character ``at`` in raw segment text (element 0: the
    tag)."""
    element, component = 0, 1
    release = chars.release_character
    i = 0
    while i < at:
        char = raw[i]
        if release and char == release:
            i += 2
            continue
        if char == chars.element_separator:
            element += 1
            component = 1
        elif char == chars.component_separator:
            component += 1
        i += 1
    return element, component


def _repertoire(checker: Checker, interchange: Interchange, text: str,
                views: dict[int, MessageView]) -> None:
    header = interchange.header
    assert header is not None
    level = _levels()[1].get(header.syntax_identifier)
    if level is None:
        return
    chars = interchange.service_characters
    pattern = _disallowed(level, _service(chars))
    if pattern is None:
        return
    segments = interchange.all_segments()
    if not segments or any(s.offset < 0 for s in segments):
        return
    starts = [s.offset for s in segments]
    last = segments[-1]
    stop = text.find(chars.segment_terminator, last.offset)
    end = len(text) if stop < 0 else stop + 1
    ranges = [(m.segments[0].offset, m.segments[-1].offset, m) for m in interchange.messages
              if m.segments]
    reported: dict[int, list[Any]] = {}
    for match in pattern.finditer(text, interchange.offset, end):
        at = match.start()
        position = bisect.bisect_right(starts, at) - 1
        if position < 0:
            continue
        entry = reported.get(position)
        if entry is not None:
            entry[1] += 1
            continue
        segment = segments[position]
        seg_end = starts[position + 1] if position + 1 < len(starts) else end
        element, component = _position(text[segment.offset:seg_end], at - segment.offset, chars)
        if element == 0:
            continue   # in the tag: the syntax layer reports odd tags
        reported[position] = [(segment, element, component, match.group()), 1]
    for (segment, element, component, char), count in reported.values():
        message_view = None
        for first, final, message in ranges:
            if first <= segment.offset <= final:
                message_view = views.get(id(message))
                break
        more = f" ({count - 1} more in this segment)" if count > 1 else ""
        checker.add("ENV-REPERTOIRE",
                    f"{char!r} is not in the {header.syntax_identifier} repertoire (level "
                    f"{level}){more}", view=message_view, segment=segment, element=element,
                    component=component, value=char)


MODULE = RuleModule(family="envelope", check_input=_check_input, refine_defect=_refine)
