"""JSON Lines for sharing: one traveller per line, each with its provenance.

Where ``paxdata parse --format jsonl`` writes one message per line
(:func:`paxdata.serializers.json.iter_jsonl`), this writes the unit an analyst counts and
joins: one **traveller** per line (one PNR per line once PNRGOV has typed records), so a
file can be streamed, split, grepped, loaded by DuckDB ``read_json`` or Spark
``spark.read.json`` without holding a flight in memory. Nothing read is left out: each
message has a ``message`` line (its header, flight legs, totals, warnings, raw segments;
its travellers counted, not repeated), and each input ends with an ``input`` line (its
errors, warnings, skipped text and stray segments). Lines follow the JSON contract
(``docs/json.md``) for every value, and ``paxdata-jsonl.schema.json`` describes them.

Every line::

    {"record": "traveller" | "message" | "input",
     "schema_version": "1",
     "provenance": {"input", "interchange_reference", "message_reference",
                    "segment_index", "offset"},
     ...}

``provenance.segment_index`` is the position of the line's first segment in its message
(UNH = 1; the traveller's NAD for a traveller), ``offset`` its byte offset in the input.
A ``traveller`` line has ``message`` (the context needed to read it alone: message type,
version, list type, common access reference, part number, flight legs) and ``traveller``
(the traveller as in the JSON contract, documents included). A ``message`` line has
``message`` (the message as in the JSON contract without its item list) and
``item_count``. An ``input`` line has ``warnings``, ``errors``, ``skipped``,
``stray_segments`` and ``message_count``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from paxdata._gc import paused_gc
from paxdata._parse import ParsedMessage, ParseResult
from paxdata.edifact import Message
from paxdata.serializers.json import (
    SCHEMA_VERSION,
    defect_to_json,
    error_to_json,
    message_to_json,
    segment_to_json,
)

__all__ = ["CONTEXT_FIELDS", "ITEMS", "iter_lines", "iter_records", "write_jsonl"]

#: Typed message type -> (field holding its items, record name of an item line): one
#: traveller of a PAXLST list, one PNR of a PNRGOV push, per line.
ITEMS: dict[str, tuple[str, str]] = {"PAXLST": ("travellers", "traveller"),
                                     "PNRGOV": ("pnrs", "pnr")}

#: Message fields repeated on every item line, so that a line can be read alone.
CONTEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "PAXLST": ("message_type", "version", "list_type", "common_access_reference",
               "part_number", "flight_legs"),
    "PNRGOV": ("message_type", "version", "push_type", "common_access_reference",
               "part_number", "flight"),
}


def _provenance(input_name: str | None, interchange: str | None, message: str | None,
                segment_index: int | None, offset: int | None) -> dict[str, Any]:
    return {"input": input_name, "interchange_reference": interchange,
            "message_reference": message, "segment_index": segment_index, "offset": offset}


def _message_records(message: ParsedMessage, input_name: str | None
                     ) -> Iterator[dict[str, Any]]:
    if isinstance(message, Message):
        entry = message_to_json(message)
        entry["input"] = input_name
        segment = message.header.segment
        yield {"record": "message", "schema_version": SCHEMA_VERSION,
               "provenance": _provenance(input_name, entry["interchange_reference"],
                                         message.reference, 1,
                                         segment.offset if segment.offset >= 0 else None),
               "message": entry, "item_count": 0}
        return
    message_type = str(getattr(message, "message_type", ""))
    field, record_name = ITEMS.get(message_type, ("", ""))
    entry = message_to_json(message)
    items = entry.pop(field, []) if field else []
    envelope = getattr(message, "envelope", None)
    interchange = getattr(envelope, "interchange_reference", None)
    reference = getattr(message, "message_reference", None)
    offset = getattr(envelope, "message_offset", None)
    yield {"record": "message", "schema_version": SCHEMA_VERSION,
           "provenance": _provenance(input_name, interchange, reference, 1, offset),
           "message": entry, "item_count": len(items)}
    if not items:
        return
    context = {name: entry[name] for name in CONTEXT_FIELDS.get(message_type, ("message_type",))
               if name in entry}
    for item in items:
        yield {"record": record_name, "schema_version": SCHEMA_VERSION,
               "provenance": _provenance(input_name, interchange, reference,
                                         item.get("segment_index"), item.get("offset")),
               "message": context, record_name: item}


def iter_records(results: Iterable[ParseResult]) -> Iterator[dict[str, Any]]:
    """The JSON-ready line objects of the results, in input order (see the module
    docstring): per message a ``message`` line then one line per item; per input an
    ``input`` line last."""
    for result in results:
        name = result.input_name
        for message in result.messages:
            yield from _message_records(message, name)
        yield {"record": "input", "schema_version": SCHEMA_VERSION,
               "provenance": _provenance(name, None, None, None, None),
               "message_count": len(result.messages),
               "warnings": [defect_to_json(d) for d in result.warnings],
               "errors": [error_to_json(e) for e in result.errors],
               "skipped": [{"offset": s.offset, "kind": s.kind, "length": len(s.text)}
                           for s in result.skipped],
               "stray_segments": [segment_to_json(s) for s in result.stray_segments]}


def iter_lines(results: Iterable[ParseResult]) -> Iterator[bytes]:
    """The lines as UTF-8 JSON bytes, each ending with ``\\n``."""
    with paused_gc():
        for record in iter_records(results):
            yield orjson.dumps(record) + b"\n"


def write_jsonl(results: Iterable[ParseResult], path: Any) -> int:
    """Write the lines of ``results`` to ``path`` (a path or a binary file); returns the
    number of lines written. Raises ``OSError`` when the file cannot be written."""
    count = 0
    if hasattr(path, "write"):
        for line in iter_lines(results):
            path.write(line)
            count += 1
        return count
    with open(path, "wb") as handle:
        for line in iter_lines(results):
            handle.write(line)
            count += 1
    return count

