"""Apache Arrow tables and Parquet files: the parse results as a small relational dataset.

Needs pyarrow, the optional extra ``paxdata[arrow]`` (``pip install 'paxdata[arrow]'``);
the rest of paxdata works without it. One table per kind of record, one Parquet file per
table named after it (``messages.parquet``, ``flight_legs.parquet``, ``travellers.parquet``,
``documents.parquet``, ``segments.parquet``, ``defects.parquet``, ``inputs.parquet``), with
string keys that join them::

    inputs.input_name        <- messages.input_name
    messages.message_id      <- flight_legs / travellers / documents / segments / defects
    travellers.traveller_id  <- documents / segments / defects
    documents.document_id    <- segments

``message_id`` is ``"<input name>@<byte offset of the UNH>"`` (unique per input),
``traveller_id`` is ``"<message_id>/<n>"`` (n-th traveller of the message, from 1),
``document_id`` ``"<traveller_id>/<n>"``. DuckDB (``read_parquet('out/*.parquet')`` per
table), Polars (``pl.read_parquet``) and Spark (``spark.read.parquet``) read the files as
they are; column types and meanings are in :data:`TABLES` (and ``docs/sharing.md``), the
table schema version in :data:`TABLE_SCHEMA_VERSION` and in each file's key-value metadata
(``paxdata.table``, ``paxdata.table_schema_version``).

Values follow the JSON contract: codes as sent, dates as ``date32``, scheduled times as
``timestamp[s]`` without a time zone (local time at the airport, as PAXLST sends them).
Nothing read is dropped: segments kept raw (unrecognised segments, syntax-level messages
such as PNRGOV before its typed reader, stray segments) are rows of ``segments``; every
defect and error is a row of ``defects``. PNRGOV tables (``pnrs``, ``pnr_travellers``,
``itinerary``, ``tickets``...) join this set when PNRGOV has typed records; they will key
on ``message_id`` and ``pnr_id`` the same way.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from paxdata._parse import ParseResult
from paxdata._version import __version__
from paxdata.defects import Defect, Location
from paxdata.edifact import Message, Segment
from paxdata.errors import PaxdataError
from paxdata.paxlst import PassengerList, Traveller

__all__ = [
    "TABLES",
    "TABLE_SCHEMA_VERSION",
    "ParquetDataset",
    "arrow_schema",
    "tables",
    "write_parquet",
]

#: Version of the table schema; changes when a column is renamed, removed or retyped.
TABLE_SCHEMA_VERSION = "1"


def _pyarrow() -> tuple[Any, Any]:
    try:
        pa = importlib.import_module("pyarrow")
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError as error:  # pragma: no cover - exercised without the extra
        raise ImportError("Parquet and Arrow output need pyarrow: pip install "
                          "'paxdata[arrow]'") from error
    return pa, pq


# Column types, by name (resolved to pyarrow types when pyarrow is loaded).
_S, _I16, _I32, _I64, _F64, _B = "string", "int16", "int32", "int64", "float64", "bool"
_DATE, _TS = "date32", "timestamp[s]"
_LS = "list<string>"
_LLS = "list<list<string>>"
_COMMS = "list<struct<number: string, channel: string>>"
_REFS = "list<struct<qualifier: string, value: string>>"
_TOTALS = "list<struct<qualifier: string, value: int64, raw_value: string>>"

#: Every table: name -> ((column, type, meaning), ...). The meaning cites the PAXLST
#: Implementation Guide section or the JSON contract field it comes from.
TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "inputs": (
        ("input_name", _S, "input file name as given (key)"),
        ("message_count", _I32, "messages read"),
        ("traveller_count", _I32, "travellers in its typed messages"),
        ("error_count", _I32, "what could not be read at all"),
        ("warning_count", _I32, "defects outside any message"),
        ("skipped_count", _I32, "pieces of input outside any interchange"),
        ("skipped_bytes", _I64, "their total length"),
        ("stray_segment_count", _I32, "segments outside any message"),
    ),
    "messages": (
        ("message_id", _S, "key: input name @ byte offset of the UNH"),
        ("input_name", _S, "input file name (joins inputs)"),
        ("message_type", _S, "UNH S009 0065: PAXLST, PNRGOV, CUSRES..."),
        ("typed", _B, "read into typed records (false: syntax level, segments only)"),
        ("message_reference", _S, "UNH 0062"),
        ("interchange_reference", _S, "UNB 0020"),
        ("group_reference", _S, "UNG 0048"),
        ("sender", _S, "UNB S002 sender id"),
        ("recipient", _S, "UNB S003 recipient id"),
        ("prepared_at", _TS, "UNB S004, as sent (no time zone)"),
        ("test_indicator", _B, "UNB 0035 = 1"),
        ("version", _S, "UNH S009 0052:0054, e.g. D:05B"),
        ("controlling_agency", _S, "UNH S009 0051"),
        ("association_code", _S, "UNH S009 0057"),
        ("list_type", _S, "passenger, crew, other (BGM 1001)"),
        ("document_name_code", _S, "BGM 1001"),
        ("document_identifier", _S, "BGM 1004 (US sub-types)"),
        ("message_function", _S, "BGM 1225"),
        ("transaction_reference", _S, "RFF TN"),
        ("transaction_revision", _S, "RFF TN revision"),
        ("reporting_party_id", _S, "Gr.1 NAD MS C082"),
        ("reporting_party_name", _S, "Gr.1 NAD MS C080"),
        ("reporting_party_contact", _S, "Gr.1 CTA"),
        ("reporting_party_communications", _COMMS, "Gr.1 COM"),
        ("common_access_reference", _S, "UNH 0068: links the parts of one list"),
        ("part_number", _I32, "UNH S010 0070"),
        ("is_first_part", _B, "S010 0073 C (or no S010)"),
        ("is_last_part", _B, "S010 0073 F (or no S010)"),
        ("declared_total", _I64, "CNT value: the flight total (42 passengers / 41 crew)"),
        ("control_totals", _TOTALS, "every CNT"),
        ("message_date", _DATE, "date used for two-digit years"),
        ("leg_count", _I32, "flight legs (rows of flight_legs)"),
        ("traveller_count", _I32, "travellers in this message (rows of travellers)"),
        ("warning_count", _I32, "defects of the message and its records"),
        ("depersonalised", _B, "written by paxdata.depersonalise (DEP-DEPERSONALISED)"),
        ("message_offset", _I64, "byte offset of the UNH in the input"),
    ),
    "flight_legs": (
        ("message_id", _S, "joins messages"),
        ("leg_index", _I32, "position in the message, from 1"),
        ("carrier", _S, "TDT C040 3127 or from the designator"),
        ("flight_number", _S, "designator without the carrier, as sent"),
        ("flight_designator", _S, "TDT C222 8028 as sent"),
        ("departure_airport", _S, "LOC 125/92 (IATA code)"),
        ("arrival_airport", _S, "LOC 87/92/130 (IATA code)"),
        ("scheduled_departure", _TS, "DTM 189, local time at the departure airport"),
        ("scheduled_arrival", _TS, "DTM 232, local time at the arrival airport"),
        ("departure_location_function", _S, "LOC 3227 of the departure point"),
        ("arrival_location_function", _S, "LOC 3227 of the arrival point"),
        ("final_destination", _S, "LOC 130 after the arrival"),
        ("transport_stage", _S, "TDT 8051 (20 main carriage, 34 en route)"),
        ("segment_index", _I32, "TDT position in the message (UNH = 1)"),
    ),
    "travellers": (
        ("traveller_id", _S, "key: message_id / position"),
        ("message_id", _S, "joins messages"),
        ("traveller_index", _I32, "position in the message, from 1"),
        ("role", _S, "passenger, crew, in_transit_passenger, in_transit_crew"),
        ("party_function", _S, "NAD 3035: FL, FM, DDU, DDT"),
        ("surname", _S, "NAD C080 c1"),
        ("given_names", _LS, "NAD C080 c2.."),
        ("gender", _S, "ATT 9019: M, F, U, X"),
        ("date_of_birth", _DATE, "DTM 329 (null when depersonalised)"),
        ("birth_year", _I16, "year of DTM 329 (kept by depersonalisation on request)"),
        ("place_of_birth_code", _S, "LOC 180 C517 3225"),
        ("place_of_birth_name", _S, "LOC 180 C517 3224"),
        ("nationality", _S, "NAT C042 (first)"),
        ("other_nationalities", _LS, "further NAT"),
        ("country_of_residence", _S, "LOC 174"),
        ("address_street", _S, "NAD C059"),
        ("address_city", _S, "NAD 3164"),
        ("address_country_subentity", _S, "NAD C819"),
        ("address_postal_code", _S, "NAD 3251"),
        ("address_country", _S, "NAD 3207"),
        ("port_of_embarkation", _S, "LOC 178"),
        ("port_of_disembarkation", _S, "LOC 179"),
        ("clearance_airport", _S, "LOC 22"),
        ("communications", _COMMS, "COM"),
        ("crew_category", _S, "EMP CR1..CR5"),
        ("reservation_number", _S, "RFF AVF: record locator (pseudonym when depersonalised)"),
        ("unique_passenger_reference", _S, "RFF ABO (pseudonym when depersonalised)"),
        ("seat", _S, "RFF SEA"),
        ("frequent_flyer_number", _S, "RFF CR"),
        ("government_reference", _S, "RFF AEA"),
        ("ticket_number", _S, "RFF YZY (pseudonym when depersonalised)"),
        ("references", _REFS, "every RFF as sent"),
        ("checked_bag_count", _I32, "MEA CT"),
        ("checked_bag_weight", _F64, "MEA WT"),
        ("bag_weight_unit", _S, "KGM or LBR"),
        ("bag_tags", _LS, "FTX BAG, runs expanded (pseudonyms when depersonalised)"),
        ("data_verified", _B, "GEI 173 (true) / 174 (false)"),
        ("free_texts", _LS, "FTX other than BAG"),
        ("document_count", _I32, "travel documents (rows of documents)"),
        ("warning_count", _I32, "defects found in the traveller's segments"),
        ("segment_index", _I32, "NAD position in the message (UNH = 1)"),
        ("offset", _I64, "byte offset of the NAD in the input"),
    ),
    "documents": (
        ("document_id", _S, "key: traveller_id / position"),
        ("traveller_id", _S, "joins travellers"),
        ("message_id", _S, "joins messages"),
        ("document_index", _I32, "position in the traveller, from 1"),
        ("type", _S, "DOC 1001: P passport, V visa, I/A/C identity cards..."),
        ("number", _S, "DOC 1004"),
        ("issuing_country", _S, "LOC 91 code"),
        ("issuing_place", _S, "LOC 91 name"),
        ("expiry_date", _DATE, "DTM 36"),
        ("issue_date", _DATE, "DTM 182"),
        ("segment_index", _I32, "DOC position in the message (UNH = 1)"),
    ),
    "segments": (
        ("input_name", _S, "joins inputs"),
        ("message_id", _S, "joins messages (null for stray segments)"),
        ("traveller_id", _S, "joins travellers (null unless kept on a traveller)"),
        ("document_id", _S, "joins documents (null unless kept on a document)"),
        ("kept_on", _S, "message, traveller, document, raw_message (syntax level), stray"),
        ("tag", _S, "segment tag"),
        ("elements", _LLS, "data elements as lists of components, unescaped"),
        ("segment_index", _I32, "position in the message (UNH = 1)"),
        ("offset", _I64, "byte offset in the input"),
    ),
    "defects": (
        ("input_name", _S, "joins inputs"),
        ("message_id", _S, "joins messages (null outside messages)"),
        ("traveller_id", _S, "joins travellers (null unless the traveller's)"),
        ("code", _S, "stable code (docs/defects.md)"),
        ("severity", _S, "error, warning, info"),
        ("unreadable", _B, "true for errors: something could not be read at all"),
        ("message", _S, "what was found and how it was read"),
        ("segment_index", _I32, "location: segment (UNH = 1)"),
        ("tag", _S, "location: tag"),
        ("element", _I32, "location: element (1-based)"),
        ("component", _I32, "location: component (1-based)"),
        ("offset", _I64, "location: byte offset in the input"),
        ("line", _I32, "location: line (1-based)"),
        ("message_reference", _S, "location: UNH 0062"),
    ),
}


def _type(pa: Any, name: str) -> Any:
    simple = {_S: pa.string(), _I16: pa.int16(), _I32: pa.int32(), _I64: pa.int64(),
              _F64: pa.float64(), _B: pa.bool_(), _DATE: pa.date32(), _TS: pa.timestamp("s"),
              _LS: pa.list_(pa.string()), _LLS: pa.list_(pa.list_(pa.string()))}
    if name in simple:
        return simple[name]
    if name == _COMMS:
        return pa.list_(pa.struct([("number", pa.string()), ("channel", pa.string())]))
    if name == _REFS:
        return pa.list_(pa.struct([("qualifier", pa.string()), ("value", pa.string())]))
    if name == _TOTALS:
        return pa.list_(pa.struct([("qualifier", pa.string()), ("value", pa.int64()),
                                   ("raw_value", pa.string())]))
    raise ValueError(f"unknown column type {name!r}")  # pragma: no cover


def arrow_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of a table, with each column's meaning in its field
    metadata (``description``) and the table name and schema version in the schema
    metadata."""
    pa, _ = _pyarrow()
    fields = [pa.field(name, _type(pa, kind), metadata={"description": meaning})
              for name, kind, meaning in TABLES[table]]
    return pa.schema(fields, metadata={"paxdata.table": table,
                                       "paxdata.table_schema_version": TABLE_SCHEMA_VERSION,
                                       "paxdata.version": __version__})


# ---------------------------------------------------------------------- rows
Row = dict[str, Any]


def _comms(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"number": c.number, "channel": c.channel} for c in items]


def _defect_row(defect: Defect, input_name: str | None, message_id: str | None,
                traveller_id: str | None) -> Row:
    loc = defect.location
    return {"input_name": input_name, "message_id": message_id, "traveller_id": traveller_id,
            "code": defect.code, "severity": defect.severity.value, "unreadable": False,
            "message": defect.message, "segment_index": loc.segment_index, "tag": loc.tag,
            "element": loc.element, "component": loc.component, "offset": loc.offset,
            "line": loc.line, "message_reference": loc.message_reference}


def _error_row(error: PaxdataError, input_name: str | None) -> Row:
    loc = error.location
    return {"input_name": loc.input_name or input_name, "message_id": None,
            "traveller_id": None, "code": error.code, "severity": "error",
            "unreadable": True, "message": error.message,
            "segment_index": loc.segment_index, "tag": loc.tag, "element": loc.element,
            "component": None, "offset": loc.offset, "line": loc.line,
            "message_reference": loc.message_reference}


def _segment_row(segment: Segment, input_name: str | None, message_id: str | None,
                 traveller_id: str | None, document_id: str | None, kept_on: str) -> Row:
    return {"input_name": input_name, "message_id": message_id,
            "traveller_id": traveller_id, "document_id": document_id, "kept_on": kept_on,
            "tag": segment.tag, "elements": [list(e) for e in segment.elements],
            "segment_index": segment.index,
            "offset": segment.offset if segment.offset >= 0 else None}


def _message_id(input_name: str | None, offset: int | None) -> str:
    return f"{input_name if input_name is not None else '<input>'}@{offset}"


def rows(result: ParseResult) -> Iterator[tuple[str, Row]]:
    """The rows of one result as (table name, row) pairs."""
    name = result.input_name
    travellers_in_input = 0
    for message in result.messages:
        if isinstance(message, PassengerList):
            travellers_in_input += len(message.travellers)
            yield from _passenger_list_rows(message, name)
        elif isinstance(message, Message):
            yield from _raw_message_rows(message, name)
        else:  # PNRGOV and CUSRES records: their tables are still to be designed
            raise PaxdataError(
                f"no Parquet table layout for {type(message).__name__} records yet "
                f"(message {getattr(message, 'message_reference', '?')!r}); use --to jsonl "
                "or json", Location(input_name=name))
    for error in result.errors:
        yield "defects", _error_row(error, name)
    for defect in result.warnings:
        yield "defects", _defect_row(defect, name, None, None)
    for segment in result.stray_segments:
        yield "segments", _segment_row(segment, name, None, None, None, "stray")
    yield "inputs", {
        "input_name": name, "message_count": len(result.messages),
        "traveller_count": travellers_in_input, "error_count": len(result.errors),
        "warning_count": len(result.warnings), "skipped_count": len(result.skipped),
        "skipped_bytes": sum(len(s.text) for s in result.skipped),
        "stray_segment_count": len(result.stray_segments)}


def _raw_message_rows(message: Message, input_name: str | None) -> Iterator[tuple[str, Row]]:
    header = message.header
    ic = header.interchange
    group = header.group
    offset = header.segment.offset if header.segment.offset >= 0 else None
    message_id = _message_id(input_name, offset)
    yield "messages", {
        "message_id": message_id, "input_name": input_name,
        "message_type": header.message_type, "typed": False,
        "message_reference": header.reference,
        "interchange_reference": ic.control_reference if ic else None,
        "group_reference": group.reference if group else None,
        "sender": ic.sender.identification if ic and ic.sender else None,
        "recipient": ic.recipient.identification if ic and ic.recipient else None,
        "prepared_at": ic.prepared_at if ic else None,
        "test_indicator": ic.test_indicator if ic else None,
        "version": header.version_release,
        "controlling_agency": header.controlling_agency or None,
        "association_code": header.association_code,
        "common_access_reference": header.common_access_reference,
        "part_number": header.sequence_number,
        "is_first_part": None, "is_last_part": None,
        "reporting_party_communications": [], "control_totals": [],
        "leg_count": 0, "traveller_count": 0, "warning_count": len(message.warnings),
        "depersonalised": any(d.code == "DEP-DEPERSONALISED" for d in message.warnings),
        "message_offset": offset}
    for segment in message.segments:
        yield "segments", _segment_row(segment, input_name, message_id, None, None,
                                       "raw_message")
    for defect in message.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, None)


def _passenger_list_rows(plist: PassengerList, input_name: str | None
                         ) -> Iterator[tuple[str, Row]]:
    env = plist.envelope
    message_id = _message_id(input_name, env.message_offset)
    party = plist.reporting_party
    warnings = len(plist.warnings) + sum(
        len(t.warnings) for t in plist.travellers)
    yield "messages", {
        "message_id": message_id, "input_name": input_name,
        "message_type": plist.message_type, "typed": True,
        "message_reference": plist.message_reference,
        "interchange_reference": env.interchange_reference,
        "group_reference": env.group_reference, "sender": env.sender,
        "recipient": env.recipient, "prepared_at": env.prepared_at,
        "test_indicator": env.test_indicator, "version": plist.version,
        "controlling_agency": plist.controlling_agency,
        "association_code": plist.association_code,
        "list_type": plist.list_type.value, "document_name_code": plist.document_name_code,
        "document_identifier": plist.document_identifier,
        "message_function": plist.message_function,
        "transaction_reference": plist.transaction_reference,
        "transaction_revision": plist.transaction_revision,
        "reporting_party_id": party.party_id if party else None,
        "reporting_party_name": party.name if party else None,
        "reporting_party_contact": party.contact if party else None,
        "reporting_party_communications": _comms(party.communications) if party else [],
        "common_access_reference": plist.common_access_reference,
        "part_number": plist.part_number, "is_first_part": plist.is_first_part,
        "is_last_part": plist.is_last_part, "declared_total": plist.declared_total,
        "control_totals": [{"qualifier": c.qualifier, "value": c.value,
                            "raw_value": c.raw_value} for c in plist.control_totals],
        "message_date": plist.message_date, "leg_count": len(plist.flight_legs),
        "traveller_count": len(plist.travellers), "warning_count": warnings,
        "depersonalised": any(d.code == "DEP-DEPERSONALISED" for d in plist.warnings),
        "message_offset": env.message_offset}
    for index, leg in enumerate(plist.flight_legs, 1):
        yield "flight_legs", {
            "message_id": message_id, "leg_index": index, "carrier": leg.carrier,
            "flight_number": leg.flight_number, "flight_designator": leg.flight_designator,
            "departure_airport": leg.departure_airport,
            "arrival_airport": leg.arrival_airport,
            "scheduled_departure": leg.scheduled_departure,
            "scheduled_arrival": leg.scheduled_arrival,
            "departure_location_function": leg.departure_location_function,
            "arrival_location_function": leg.arrival_location_function,
            "final_destination": leg.final_destination,
            "transport_stage": leg.transport_stage, "segment_index": leg.segment_index}
    for index, traveller in enumerate(plist.travellers, 1):
        yield from _traveller_rows(traveller, index, message_id, input_name)
    for segment in plist.unrecognised_segments:
        yield "segments", _segment_row(segment, input_name, message_id, None, None, "message")
    for defect in plist.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, None)


def _traveller_rows(t: Traveller, index: int, message_id: str, input_name: str | None
                    ) -> Iterator[tuple[str, Row]]:
    traveller_id = f"{message_id}/{index}"
    year_only = any(d.code == "DEP-BIRTH-YEAR" for d in t.warnings)
    dob = t.date_of_birth
    address = t.address
    birth = t.place_of_birth
    yield "travellers", {
        "traveller_id": traveller_id, "message_id": message_id, "traveller_index": index,
        "role": t.role.value, "party_function": t.party_function, "surname": t.surname,
        "given_names": list(t.given_names), "gender": t.gender,
        "date_of_birth": None if year_only else dob,
        "birth_year": dob.year if dob is not None else None,
        "place_of_birth_code": birth.code if birth else None,
        "place_of_birth_name": birth.name if birth else None,
        "nationality": t.nationality, "other_nationalities": list(t.other_nationalities),
        "country_of_residence": t.country_of_residence,
        "address_street": address.street if address else None,
        "address_city": address.city if address else None,
        "address_country_subentity": address.country_subentity if address else None,
        "address_postal_code": address.postal_code if address else None,
        "address_country": address.country if address else None,
        "port_of_embarkation": t.port_of_embarkation,
        "port_of_disembarkation": t.port_of_disembarkation,
        "clearance_airport": t.clearance_airport,
        "communications": _comms(t.communications), "crew_category": t.crew_category,
        "reservation_number": t.reservation_number,
        "unique_passenger_reference": t.unique_passenger_reference, "seat": t.seat,
        "frequent_flyer_number": t.frequent_flyer_number,
        "government_reference": t.government_reference, "ticket_number": t.ticket_number,
        "references": [{"qualifier": r.qualifier, "value": r.value} for r in t.references],
        "checked_bag_count": t.checked_bag_count,
        "checked_bag_weight": t.checked_bag_weight, "bag_weight_unit": t.bag_weight_unit,
        "bag_tags": list(t.bag_tags), "data_verified": t.data_verified,
        "free_texts": list(t.free_texts), "document_count": len(t.documents),
        "warning_count": len(t.warnings), "segment_index": t.segment_index,
        "offset": t.offset}
    for d_index, doc in enumerate(t.documents, 1):
        document_id = f"{traveller_id}/{d_index}"
        yield "documents", {
            "document_id": document_id, "traveller_id": traveller_id,
            "message_id": message_id, "document_index": d_index, "type": doc.type,
            "number": doc.number, "issuing_country": doc.issuing_country,
            "issuing_place": doc.issuing_place, "expiry_date": doc.expiry_date,
            "issue_date": doc.issue_date, "segment_index": doc.segment_index}
        for segment in doc.unrecognised_segments:
            yield "segments", _segment_row(segment, input_name, message_id, traveller_id,
                                           document_id, "document")
    for segment in t.unrecognised_segments:
        yield "segments", _segment_row(segment, input_name, message_id, traveller_id, None,
                                       "traveller")
    for defect in t.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, traveller_id)


# ---------------------------------------------------------------------- tables and files
class _Columns:
    __slots__ = ("columns", "count", "names")

    def __init__(self, table: str) -> None:
        self.names = [name for name, _, _ in TABLES[table]]
        self.columns: dict[str, list[Any]] = {name: [] for name in self.names}
        self.count = 0

    def add(self, row: Mapping[str, Any]) -> None:
        get = row.get
        for name, column in self.columns.items():
            column.append(get(name))
        self.count += 1

    def take(self) -> dict[str, list[Any]]:
        out = self.columns
        self.columns = {name: [] for name in self.names}
        self.count = 0
        return out


def tables(results: ParseResult | Iterable[ParseResult]) -> dict[str, Any]:
    """Every table of the results as a ``pyarrow.Table`` (name -> table, all seven, empty
    ones included). Raises ``ImportError`` without pyarrow."""
    pa, _ = _pyarrow()
    items = [results] if isinstance(results, ParseResult) else results
    buffers = {name: _Columns(name) for name in TABLES}
    for result in items:
        for table, row in rows(result):
            buffers[table].add(row)
    return {name: pa.Table.from_pydict(buffer.take(), schema=arrow_schema(name))
            for name, buffer in buffers.items()}


class ParquetDataset:
    """Writes results into one Parquet file per table in ``folder``, streaming: rows are
    buffered per table and written as a row group every ``row_group_rows`` rows, so a long
    conversion holds only one row group per table in memory. Use as a context manager or
    call :meth:`close`, which writes the remaining rows and an empty file for each table
    that got none (every file always exists). ``compression``: a Parquet codec name
    (``zstd`` default). Raises ``ImportError`` without pyarrow, ``OSError`` when a file
    cannot be written."""

    def __init__(self, folder: str | Path, *, row_group_rows: int = 65536,
                 compression: str = "zstd") -> None:
        self.pa, self.pq = _pyarrow()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.row_group_rows = row_group_rows
        self.compression = compression
        self.schemas = {name: arrow_schema(name) for name in TABLES}
        self._buffers = {name: _Columns(name) for name in TABLES}
        self._writers: dict[str, Any] = {}
        #: Rows written (and buffered) per table.
        self.row_counts = dict.fromkeys(TABLES, 0)

    def paths(self) -> dict[str, Path]:
        """Table name -> its file."""
        return {name: self.folder / f"{name}.parquet" for name in TABLES}

    def add(self, result: ParseResult) -> None:
        """Add the rows of one result."""
        buffers = self._buffers
        for table, row in rows(result):
            buffer = buffers[table]
            buffer.add(row)
            self.row_counts[table] += 1
            if buffer.count >= self.row_group_rows:
                self._flush(table)

    def _flush(self, table: str) -> None:
        data = self.pa.Table.from_pydict(self._buffers[table].take(),
                                         schema=self.schemas[table])
        writer = self._writers.get(table)
        if writer is None:
            writer = self.pq.ParquetWriter(self.folder / f"{table}.parquet",
                                           self.schemas[table], compression=self.compression)
            self._writers[table] = writer
        writer.write_table(data)

    def close(self) -> dict[str, Path]:
        """Write what is buffered, close every file; returns table name -> path."""
        for table in TABLES:
            if self._buffers[table].count or table not in self._writers:
                self._flush(table)
            self._writers.pop(table).close()
        return self.paths()

    def __enter__(self) -> ParquetDataset:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._writers or any(b.count for b in self._buffers.values()):
            self.close()


def write_parquet(results: ParseResult | Iterable[ParseResult], folder: str | Path
                  ) -> dict[str, Path]:
    """Write the results as one Parquet file per table into ``folder`` (created when
    missing); returns table name -> path."""
    items = [results] if isinstance(results, ParseResult) else results
    dataset = ParquetDataset(folder)
    for result in items:
        dataset.add(result)
    return dataset.close()
