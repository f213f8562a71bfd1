"""The JSON contract: parse results, messages and records as JSON-ready values.

Field names are the record attribute names and are part of the public contract
(``docs/json.md``). Dates are ISO 8601 (``"1979-01-01"``); scheduled date/times are local
to their airport and carry no offset (``"2025-03-10T16:00"``); enums are their string
values; segments kept raw are ``{"tag", "elements", "segment_index", "offset"}``; defects
are flat objects with their location. The converter (cattrs) is kept apart from the record
classes, so the model never imports a serializer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any

import cattrs
import orjson
from cattrs.fns import identity

from paxdata._gc import paused_gc
from paxdata._parse import ParsedMessage, ParseResult
from paxdata.defects import Defect
from paxdata.edifact import Message, Segment, Skipped
from paxdata.errors import PaxdataError

__all__ = [
    "SCHEMA_VERSION",
    "converter",
    "dumps",
    "error_to_json",
    "message_to_json",
    "result_to_json",
    "segment_to_json",
]

#: Version of the JSON contract; changes when a field is renamed or removed.
SCHEMA_VERSION = "1"

converter = cattrs.Converter()


def segment_to_json(segment: Segment) -> dict[str, Any]:
    """A raw segment: tag, elements as lists of components, position."""
    out: dict[str, Any] = {
        "tag": segment.tag,
        "elements": [list(e) for e in segment.elements],
        "segment_index": segment.index,
        "offset": segment.offset if segment.offset >= 0 else None,
    }
    if segment.repetitions:
        out["repetitions"] = {str(k): [list(o) for o in v]
                              for k, v in segment.repetitions.items()}
    return out


def defect_to_json(defect: Defect) -> dict[str, Any]:
    """A defect with its location, flattened."""
    loc = defect.location
    return {
        "code": defect.code,
        "severity": defect.severity.value,
        "message": defect.message,
        "segment_index": loc.segment_index,
        "tag": loc.tag,
        "element": loc.element,
        "component": loc.component,
        "offset": loc.offset,
        "line": loc.line,
        "message_reference": loc.message_reference,
    }


def error_to_json(error: PaxdataError) -> dict[str, Any]:
    """An error (something that could not be read) with its location."""
    loc = error.location
    return {
        "code": error.code,
        "message": error.message,
        "input": loc.input_name,
        "segment_index": loc.segment_index,
        "tag": loc.tag,
        "element": loc.element,
        "offset": loc.offset,
        "line": loc.line,
        "message_reference": loc.message_reference,
    }


converter.register_unstructure_hook(date, date.isoformat)
converter.register_unstructure_hook(
    datetime, lambda value: value.isoformat(timespec="minutes" if not value.second else "seconds"))
converter.register_unstructure_hook(Segment, segment_to_json)
converter.register_unstructure_hook(Defect, defect_to_json)
converter.register_unstructure_hook(Enum, lambda value: value.value)


def _optional_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# JSON-native values pass through untouched (orjson writes tuples as arrays), which keeps
# the converter from walking every empty tuple and every optional string of every record.
_NATIVE = {str | None, int | None, bool | None, float | None, tuple[str, ...]}
converter.register_unstructure_hook_func(lambda hint: hint in _NATIVE, identity)
converter.register_unstructure_hook_func(lambda hint: bool(hint == date | None), _optional_date)


def _is_record_tuple(hint: Any) -> bool:
    args: tuple[Any, ...] = tuple(getattr(hint, "__args__", ()))
    return (getattr(hint, "__origin__", None) is tuple and len(args) == 2
            and args[1] is Ellipsis and args[0] is not str)


def _record_tuple_hook(hint: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
    item = converter.get_unstructure_hook(hint.__args__[0])

    def unstructure(values: tuple[Any, ...]) -> list[Any]:
        return [item(v) for v in values] if values else []

    return unstructure


converter.register_unstructure_hook_factory(_is_record_tuple, _record_tuple_hook)


def _raw_message_to_json(message: Message) -> dict[str, Any]:
    header = message.header
    interchange = header.interchange
    return {
        "message_type": header.message_type,
        "message_reference": header.reference,
        "version": header.version_release,
        "controlling_agency": header.controlling_agency or None,
        "common_access_reference": header.common_access_reference,
        "part_number": header.sequence_number,
        "interchange_reference": interchange.control_reference if interchange else None,
        "segments": [segment_to_json(s) for s in message.segments],
        "warnings": [defect_to_json(d) for d in message.warnings],
    }


def message_to_json(message: ParsedMessage) -> dict[str, Any]:
    """One message: a typed record (any attrs record with a ``message_type``), or a
    syntax-level message with its segments."""
    if isinstance(message, Message):
        return _raw_message_to_json(message)
    out: dict[str, Any] = converter.unstructure(message)
    # message_type first: it is how a reader of the JSON knows what the object is.
    return {"message_type": out.pop("message_type"), **out}


def _skipped_to_json(item: Skipped, input_name: str | None) -> dict[str, Any]:
    return {"input": input_name, "offset": item.offset, "kind": item.kind,
            "length": item.length}


def _with_input(entry: dict[str, Any], input_name: str | None) -> dict[str, Any]:
    return {"input": input_name, **entry}


def result_to_json(result: ParseResult | Iterable[ParseResult]) -> dict[str, Any]:
    """One or several parse results as one JSON object::

        {"schema_version": "1", "inputs": [...], "messages": [...], "warnings": [...],
         "errors": [...], "skipped": [...], "stray_segments": [...]}

    Every message carries its input name (``envelope.input_name`` for typed messages,
    ``input`` for syntax-level ones); warnings, errors, skipped text and stray segments
    outside messages carry ``input`` too.
    """
    results = [result] if isinstance(result, ParseResult) else list(result)
    with paused_gc():
        return _results_to_json(results)


def _results_to_json(results: list[ParseResult]) -> dict[str, Any]:
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION,
                           "inputs": [r.input_name for r in results], "messages": [],
                           "warnings": [], "errors": [], "skipped": [], "stray_segments": []}
    for item in results:
        name = item.input_name
        for message in item.messages:
            entry = message_to_json(message)
            if isinstance(message, Message):
                entry["input"] = name
            out["messages"].append(entry)
        out["warnings"].extend(_with_input(defect_to_json(d), name) for d in item.warnings)
        out["errors"].extend(error_to_json(e) for e in item.errors)
        out["skipped"].extend(_skipped_to_json(s, name) for s in item.skipped)
        out["stray_segments"].extend(_with_input(segment_to_json(s), name)
                                     for s in item.stray_segments)
    return out


def dumps(value: Any, *, indent: bool = False) -> bytes:
    """Encode JSON-ready values as UTF-8 JSON bytes (orjson)."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(value, option=option)


def iter_jsonl(results: Iterable[ParseResult]) -> Iterator[bytes]:
    """JSON Lines: one message per line, each with its input name."""
    for result in results:
        for message in result.messages:
            line = message_to_json(message)
            line["input"] = result.input_name
            yield orjson.dumps(line) + b"\n"
