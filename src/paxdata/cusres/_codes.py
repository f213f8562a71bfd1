"""CUSRES codes and ERC code tables, loaded from ``specs/cusres/`` (sources cited there).

ERC C901 9321 is a code each State sets; a :class:`CodeTable` says what its codes mean
(board, no board, advisory, insufficient data; accepted or exception at message level).
Tables shipped: ``specs/cusres/erc_*.toml`` (``default`` and one per State); a carrier can
load its own with :func:`load_code_table` and pass it to the reader or the matcher.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from paxdata._specs import load_spec, specs_root
from paxdata.cusres._records import (
    DIRECTIVE_ORDER,
    BoardingDirective,
    CustomsResponse,
    MessageStatus,
    ResponseCode,
    ResponseKind,
)
from paxdata.defects import KINDS, Defect, Location

__all__ = [
    "CODES",
    "CodeEntry",
    "CodeTable",
    "CusresCodes",
    "code_table",
    "code_tables",
    "load_code_table",
    "register_code_table",
    "strictest",
    "table_for_parties",
    "with_code_table",
]


@attrs.frozen(slots=True)
class CodeEntry:
    """What one ERC code means: a traveller-level ``directive`` or a message-level
    ``status``, a short ``text`` (what a PIU writes in FTX AAP) and its ``source``."""

    code: str
    directive: BoardingDirective | None = None
    status: MessageStatus | None = None
    text: str | None = None
    source: str | None = None


@attrs.frozen(slots=True)
class CodeTable:
    """An ERC code table: ``name`` (``"CN"``), the interchange ``senders`` (UNB S002
    identifications) whose answers it reads, traveller-level and message-level codes."""

    name: str
    traveller_codes: Mapping[str, CodeEntry]
    message_codes: Mapping[str, CodeEntry]
    senders: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None

    def traveller_code(self, code: str, segment_index: int | None = None) -> ResponseCode:
        """An ERC at traveller level read through this table (``unknown`` if absent)."""
        entry = self.traveller_codes.get(code)
        if entry is None:
            return ResponseCode(code, BoardingDirective.UNKNOWN, None, None, segment_index)
        return ResponseCode(code, entry.directive or BoardingDirective.UNKNOWN, None,
                            entry.text, segment_index)

    def message_code(self, code: str, segment_index: int | None = None) -> ResponseCode:
        """An ERC at message level read through this table (``unknown`` if absent)."""
        entry = self.message_codes.get(code)
        if entry is None:
            return ResponseCode(code, None, MessageStatus.UNKNOWN, None, segment_index)
        return ResponseCode(code, None, entry.status or MessageStatus.UNKNOWN, entry.text,
                            segment_index)

    def code_for(self, directive: BoardingDirective) -> CodeEntry | None:
        """The first traveller-level code of the table that means ``directive``."""
        for entry in self.traveller_codes.values():
            if entry.directive is directive:
                return entry
        return None


def strictest(codes: tuple[ResponseCode, ...]) -> BoardingDirective:
    """The most restrictive directive among ``codes`` (``unknown`` when there is none)."""
    found = {c.directive for c in codes if c.directive is not None}
    for directive in DIRECTIVE_ORDER:
        if directive in found:
            return directive
    return BoardingDirective.UNKNOWN


def _table(spec: Mapping[str, Any], origin: str) -> CodeTable:
    head = spec.get("table", {})
    name = str(head.get("name") or origin)

    def entries(section: str) -> dict[str, CodeEntry]:
        out: dict[str, CodeEntry] = {}
        for code, entry in spec.get(section, {}).items():
            directive = entry.get("directive")
            status = entry.get("status")
            out[str(code)] = CodeEntry(
                str(code), BoardingDirective(directive) if directive else None,
                MessageStatus(status) if status else None, entry.get("text"),
                entry.get("source"))
        return out

    return CodeTable(name, entries("traveller_codes"), entries("message_codes"),
                     tuple(str(s) for s in head.get("senders", ())),
                     head.get("description"), head.get("source"))


def load_code_table(path: str | Path) -> CodeTable:
    """Read an ERC code table from a TOML file shaped like ``specs/cusres/erc_cn.toml``
    (``[table]`` name/senders/source, ``[traveller_codes.CODE]`` directive/text/source,
    ``[message_codes.CODE]`` status/source). Raises ``OSError`` for an unreadable file,
    ``tomllib.TOMLDecodeError`` for bad TOML and ``ValueError`` for an unknown directive
    or status."""
    with open(path, "rb") as handle:
        return _table(tomllib.load(handle), Path(path).stem)


@cache
def code_tables() -> dict[str, CodeTable]:
    """The shipped tables by name (``default``, ``CN``...)."""
    tables: dict[str, CodeTable] = {}
    for path in sorted((specs_root() / "cusres").glob("erc_*.toml")):
        table = _table(load_spec(f"cusres/{path.name}"), path.stem)
        tables[table.name] = table
    return tables


def code_table(name: str = "default") -> CodeTable:
    """A shipped table by name; raises ``KeyError`` listing the names for an unknown one."""
    tables = code_tables()
    if name not in tables:
        raise KeyError(f"no ERC code table {name!r}; shipped: {', '.join(sorted(tables))}")
    return tables[name]


def register_code_table(table: CodeTable) -> None:
    """Make ``table`` one of the tables the reader picks by interchange party (e.g. a
    State's table loaded with :func:`load_code_table` at a departure control system's
    start); it replaces a shipped table of the same name."""
    code_tables()[table.name] = table


def table_for_parties(*parties: str | None) -> CodeTable:
    """The table that lists one of ``parties`` (UNB S002 sender, S003 recipient: an
    answer comes from the authority, an acknowledgement goes to it) among its senders,
    else ``default``."""
    for party in parties:
        if party:
            for table in code_tables().values():
                if party in table.senders:
                    return table
    return code_table("default")


class CusresCodes:
    """The fixed CUSRES code lists the reader consults (``specs/cusres/codes.toml``)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        def table(name: str) -> dict[str, Any]:
            return {k: v for k, v in spec[name].items() if k != "source"}

        self.kinds = {code: ResponseKind(entry["kind"])
                      for code, entry in table("document_names").items()}
        self.levels: dict[str, str] = table("error_point_levels")
        self.reference_fields = {code: entry["field"]
                                 for code, entry in table("references").items()}
        self.text_subjects = set(table("text_subjects"))
        self.flight_locations: dict[str, str] = table("flight_locations")
        self.flight_dates: dict[str, str] = table("flight_dates")
        self.kind_codes = {kind: code for code, kind in self.kinds.items()}


CODES = CusresCodes(load_spec("cusres/codes.toml"))


def with_code_table(response: CustomsResponse, table: CodeTable) -> CustomsResponse:
    """``response`` with its ERC codes (kept as sent) read again through ``table``:
    directives, statuses and ``code_table`` change; ``CUS-CODE-UNKNOWN`` warnings are
    those of the new table."""
    def unknown(code: ResponseCode, where: str) -> Defect:
        kind = KINDS["CUS-CODE-UNKNOWN"]
        return Defect(kind.code, kind.severity,
                      f"{where}ERC code {code.code!r} is not in the {table.name} code table",
                      Location(input_name=response.envelope.input_name,
                               segment_index=code.segment_index, tag="ERC", element=1,
                               component=1, message_reference=response.message_reference))

    travellers = []
    for answer in response.travellers:
        codes = tuple(table.traveller_code(c.code, c.segment_index) for c in answer.codes)
        warnings = tuple(w for w in answer.warnings if w.code != "CUS-CODE-UNKNOWN") + tuple(
            unknown(c, "") for c in codes if c.code not in table.traveller_codes)
        travellers.append(attrs.evolve(answer, codes=codes, directive=strictest(codes),
                                       warnings=warnings))
    message_codes = tuple(table.message_code(c.code, c.segment_index)
                          for c in response.message_codes)
    warnings = tuple(w for w in response.warnings if w.code != "CUS-CODE-UNKNOWN") + tuple(
        unknown(c, "message-level ") for c in message_codes
        if c.code not in table.message_codes)
    return attrs.evolve(
        response, travellers=tuple(travellers), message_codes=message_codes,
        message_status=message_codes[-1].status if message_codes else None,
        code_table=table.name, warnings=warnings)
