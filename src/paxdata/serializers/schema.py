"""The JSON Schema (draft 2020-12) of the JSON contract and of the sharing JSON Lines.

The schema is **generated from the records** (attrs classes and their type hints) and the
serializer's fixed shapes (segments, defects, errors, syntax-level messages), so it cannot
drift from what :mod:`paxdata.serializers.json` writes: the published files
(``paxdata.schema.json`` and ``paxdata-jsonl.schema.json`` beside this module, copies in
``docs/``) are checked against :func:`document_schema` and :func:`jsonl_schema` by the
test suite, and real output of every sample is validated against them.

Published schemas list every field as required (version 1 always writes them all) and
allow additional properties, because adding fields does not change ``schema_version``
(``docs/json.md``); ``strict=True`` forbids properties the records do not have, which is
how the tests catch a serializer writing something undocumented.

Regenerate the files with ``python -m paxdata.serializers.schema --write``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import json
import sys
import types
import typing
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from paxdata.defects import Severity
from paxdata.edifact import Segment
from paxdata.paxlst import PassengerList
from paxdata.serializers.json import SCHEMA_VERSION
from paxdata.serializers.jsonl import CONTEXT_FIELDS, ITEMS

__all__ = [
    "MESSAGE_RECORDS",
    "SCHEMA_FILES",
    "document_schema",
    "jsonl_schema",
    "write_schemas",
]

#: Typed message record classes the contract describes: PAXLST, and the PNRGOV and CUSRES
#: records when their readers are part of this installation.
MESSAGE_RECORDS: list[type] = [PassengerList]
for _module, _name in (("paxdata.pnrgov", "PnrgovMessage"), ("paxdata.cusres", "CustomsResponse")):
    with contextlib.suppress(ImportError, AttributeError):  # a reader not yet present
        MESSAGE_RECORDS.append(getattr(importlib.import_module(_module), _name))

#: Item line kinds of the JSON Lines: record name -> (message type, item record class).
JSONL_ITEMS: dict[str, tuple[str, type]] = {}

_HERE = Path(__file__).resolve().parent
#: The published files (name -> generator).
SCHEMA_FILES = {"paxdata.schema.json": "document", "paxdata-jsonl.schema.json": "jsonl"}

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# Date/times: local ones carry no offset (PAXLST scheduled times, docs/json.md); UTC
# ones (PNRGOV DAT) carry theirs.
_DATETIME = {"type": "string", "pattern":
             r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"}
_NULL = {"type": "null"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if set(schema) == {"type"} and isinstance(schema["type"], str):
        return {"type": [schema["type"], "null"]}
    return {"anyOf": [schema, _NULL]}


def _obj(properties: dict[str, Any], strict: bool, description: str | None = None
         ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if description:
        out["description"] = description
    out.update({"type": "object", "properties": properties, "required": list(properties)})
    if strict:
        out["additionalProperties"] = False
    return out


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n")[0].split())


class _Builder:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def hint(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            inner = self.hint(rest[0]) if len(rest) == 1 else {"anyOf": [self.hint(a)
                                                                         for a in rest]}
            return _nullable(inner) if type(None) in args else inner
        if origin is tuple:
            return {"type": "array", "items": self.hint(args[0])}
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is float:
            return {"type": "number"}
        if hint is datetime:
            return dict(_DATETIME)
        if hint is date:
            return dict(_DATE)
        if hint is Segment:
            return self.ref("segment")
        if isinstance(hint, type) and issubclass(hint, Enum):
            return {"type": "string", "enum": [m.value for m in hint]}
        if isinstance(hint, type) and attrs.has(hint):
            if hint.__name__ == "Defect":
                return self.ref("defect")
            return self.record(hint)
        raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover

    def record(self, cls: type) -> dict[str, Any]:
        # Qualified by the message family: PAXLST and PNRGOV both have a Traveller.
        family = cls.__module__.split(".")[1] if cls.__module__.count(".") else ""
        name = f"{family}.{cls.__name__}" if family.isalpha() else cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(cls)
            properties = {f.name: self.hint(hints[f.name]) for f in attrs.fields(cls)}
            if "message_type" in properties:
                default = attrs.fields_dict(cls)["message_type"].default
                properties = {"message_type": {"const": default}, **{
                    k: v for k, v in properties.items() if k != "message_type"}}
            self.defs[name] = _obj(properties, self.strict, _summary(cls))
        return self.ref(name)

    def common(self) -> None:
        strict = self.strict
        nint, nstr = {"type": ["integer", "null"]}, {"type": ["string", "null"]}
        components = {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}
        segment = _obj({"tag": {"type": "string"}, "elements": components,
                        "segment_index": {"type": "integer"}, "offset": nint}, strict,
                       "A segment kept as received: elements as lists of components, "
                       "release characters removed; offset in bytes of the input.")
        segment["properties"]["repetitions"] = {
            "type": "object", "additionalProperties": components}
        self.defs["segment"] = segment
        self.defs["defect"] = _obj({
            "code": {"type": "string"},
            "severity": {"type": "string", "enum": [s.value for s in Severity]},
            "message": {"type": "string"}, "segment_index": nint, "tag": nstr,
            "element": nint, "component": nint, "offset": nint, "line": nint,
            "message_reference": nstr}, strict,
            "A located defect (docs/defects.md lists the codes).")
        input_defect = json.loads(json.dumps(self.defs["defect"]))
        input_defect["properties"] = {"input": nstr, **input_defect["properties"]}
        input_defect["required"] = ["input", *input_defect["required"]]
        input_defect["description"] = "A defect outside any message, with its input."
        self.defs["input_defect"] = input_defect
        self.defs["error"] = _obj({
            "code": {"type": "string"}, "message": {"type": "string"}, "input": nstr,
            "segment_index": nint, "tag": nstr, "element": nint, "offset": nint,
            "line": nint, "message_reference": nstr}, strict,
            "Something that could not be read at all, with its location.")
        self.defs["skipped"] = _obj({
            "input": nstr, "offset": {"type": "integer"},
            "kind": {"type": "string", "enum": ["bom", "envelope", "text"]},
            "length": {"type": "integer"}}, strict, "Input outside any interchange.")
        stray = json.loads(json.dumps(segment))
        stray["properties"] = {"input": nstr, **stray["properties"]}
        stray["required"] = ["input", *stray["required"]]
        stray["description"] = "A segment outside any message, with its input."
        self.defs["stray_segment"] = stray
        self.defs["raw_message"] = _obj({
            "message_type": {"type": "string"}, "message_reference": {"type": "string"},
            "version": {"type": "string"}, "controlling_agency": nstr,
            "common_access_reference": nstr, "part_number": nint,
            "interchange_reference": nstr,
            "segments": {"type": "array", "items": self.ref("segment")},
            "warnings": {"type": "array", "items": self.ref("defect")},
            "input": nstr}, strict,
            "A message paxdata has no typed reader for, at the syntax level.")
        typed = [self.record(cls) for cls in MESSAGE_RECORDS]
        self.defs["message"] = {
            "description": "One message: a typed record, or a syntax-level message.",
            "oneOf": [*typed, self.ref("raw_message")]}

    def document(self) -> dict[str, Any]:
        self.common()
        def array(name: str) -> dict[str, Any]:
            return {"type": "array", "items": self.ref(name)}

        root = _obj({
            "schema_version": {"const": SCHEMA_VERSION},
            "inputs": {"type": "array", "items": {"type": ["string", "null"]}},
            "messages": array("message"), "warnings": array("input_defect"),
            "errors": array("error"), "skipped": array("skipped"),
            "stray_segments": array("stray_segment")}, self.strict)
        return {"$schema": _DRAFT, "$id": f"urn:paxdata:json-contract:{SCHEMA_VERSION}",
                "title": "paxdata JSON contract",
                "description": "What `paxdata parse` and "
                "paxdata.serializers.json.result_to_json write (docs/json.md).",
                **root, "$defs": dict(sorted(self.defs.items()))}

    def jsonl(self) -> dict[str, Any]:
        self.common()
        nint, nstr = {"type": ["integer", "null"]}, {"type": ["string", "null"]}
        strict = self.strict
        self.defs["provenance"] = _obj({
            "input": nstr, "interchange_reference": nstr, "message_reference": nstr,
            "segment_index": nint, "offset": nint}, strict,
            "Where the line's data was read: input name, interchange (UNB 0020) and "
            "message (UNH 0062) references, segment index (UNH = 1) and byte offset.")
        head = {"schema_version": {"const": SCHEMA_VERSION},
                "provenance": self.ref("provenance")}
        lines = []
        message_line = _obj({"record": {"const": "message"}, **head,
                             "message": {"type": "object"},
                             "item_count": {"type": "integer"}}, strict,
                            "A message without its item list (travellers).")
        # The message object is a typed message without its items, or a raw message:
        # validated loosely here, its items by their own record schema.
        lines.append(message_line)
        for message_type, (field, record_name) in ITEMS.items():
            cls = next((c for c in MESSAGE_RECORDS
                        if attrs.fields_dict(c)["message_type"].default == message_type), None)
            if cls is None:  # pragma: no cover - that reader is not installed
                continue
            item_hint = typing.get_type_hints(cls)[field]
            item_schema = self.hint(item_hint)["items"]
            message_props = self.defs[self.record(cls)["$ref"].rsplit("/", 1)[1]][
                "properties"]
            context = _obj({k: message_props[k] for k in CONTEXT_FIELDS[message_type]},
                           strict)
            lines.append(_obj({"record": {"const": record_name}, **head,
                               "message": context, record_name: item_schema}, strict,
                              f"One {record_name} of a {message_type} message, with the "
                              "message context needed to read it alone."))
        lines.append(_obj({
            "record": {"const": "input"}, **head, "message_count": {"type": "integer"},
            "warnings": {"type": "array", "items": self.ref("defect")},
            "errors": {"type": "array", "items": self.ref("error")},
            "skipped": {"type": "array", "items": _obj({
                "offset": {"type": "integer"},
                "kind": {"type": "string", "enum": ["bom", "envelope", "text"]},
                "length": {"type": "integer"}}, strict)},
            "stray_segments": {"type": "array", "items": self.ref("segment")}}, strict,
            "The end of an input: what was read outside its messages."))
        return {"$schema": _DRAFT,
                "$id": f"urn:paxdata:json-lines:{SCHEMA_VERSION}",
                "title": "paxdata JSON Lines (one line)",
                "description": "One line of paxdata.serializers.jsonl (paxdata convert "
                "--to jsonl): a traveller, a message or an input (docs/sharing.md).",
                "oneOf": lines, "$defs": dict(sorted(self.defs.items()))}


def document_schema(*, strict: bool = False) -> dict[str, Any]:
    """The schema of the JSON document (:func:`~paxdata.serializers.json.result_to_json`).
    ``strict``: no properties beyond the contract's."""
    return _Builder(strict).document()


def jsonl_schema(*, strict: bool = False) -> dict[str, Any]:
    """The schema of one line of :mod:`paxdata.serializers.jsonl`."""
    return _Builder(strict).jsonl()


def render(schema: dict[str, Any]) -> str:
    """The schema as the published file text (indented, sorted as generated, newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folders: Sequence[Path]) -> list[Path]:
    """Write both published schema files into each folder; returns the paths written."""
    written = []
    for folder in folders:
        for name, which in SCHEMA_FILES.items():
            schema = document_schema() if which == "document" else jsonl_schema()
            path = folder / name
            path.write_text(render(schema), encoding="utf-8")
            written.append(path)
    return written


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m paxdata.serializers.schema",
                                     description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--write", action="store_true",
                        help="write the published files (package folder, and docs/ in a "
                        "checkout)")
    parser.add_argument("--strict", action="store_true", help="print the strict variant")
    args = parser.parse_args(argv)
    if args.write:
        folders = [_HERE]
        docs = _HERE.parents[2] / "docs"
        if docs.is_dir():
            folders.append(docs)
        for path in write_schemas(folders):
            print(path)
        return 0
    sys.stdout.write(render(document_schema(strict=args.strict)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
