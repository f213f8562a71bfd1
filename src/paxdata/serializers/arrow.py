"""Apache Arrow tables and Parquet files: the parse results as a small relational dataset.

Needs pyarrow, the optional extra ``paxdata[arrow]`` (``pip install 'paxdata[arrow]'``);
the rest of paxdata works without it. One table per kind of record, one Parquet file per
table named after it (``messages.parquet``, ``travellers.parquet``, ``pnrs.parquet``...;
every table of :data:`TABLES` is always written, empty when no input had its records),
with string keys that join them::

    inputs.input_name            <- messages.input_name
    messages.message_id          <- every table below (and segments, defects)
    travellers.traveller_id      <- documents (PAXLST)
    pnrs.pnr_id                  <- pnr_travellers, itinerary, ssrs, remarks, ... (PNRGOV)
    pnr_travellers.pnr_traveller_id <- pnr_documents, tickets, payments, ssrs, ...
    response_travellers.response_traveller_id (CUSRES)

``message_id`` is ``"<input name>@<byte offset of the UNH>"`` (unique per input;
``"<input name>#<n>"``, the n-th message, for a message read without a byte offset such
as a PNRGOV XML push); every other key is its parent's key, a slash and the record's
position among the parent's records of that kind, from 1: ``traveller_id``
``"<message_id>/<n>"``, ``document_id`` ``"<traveller_id>/<n>"``, ``pnr_id``
``"<message_id>/<n>"`` (SRC order, unreadable PNRs included), ``pnr_traveller_id``
``"<pnr_id>/<n>"``, ``itinerary_id`` ``"<pnr_id>/<n>"``...
A key is unique within its table and joins through the column of the same name.

DuckDB (``read_parquet('out/pnrs.parquet')``), Polars (``pl.read_parquet``) and Spark
(``spark.read.parquet``) read the files as they are; column types and meanings are in
:data:`TABLES` (and ``docs/sharing.md``), the table schema version in
:data:`TABLE_SCHEMA_VERSION` and in each file's key-value metadata (``paxdata.table``,
``paxdata.table_schema_version``).

Values follow the JSON contract: codes as sent, dates as ``date32``. Times local to an
airport (PAXLST DTM, PNRGOV TVL, PTK) are ``timestamp[s]`` without a time zone; PNRGOV
times the guide gives in UTC (DAT, RCI creation; IATA PNRGOV IG, DAT) are
``timestamp[s, UTC]``. A PNRGOV
date sent without its time fills only the ``..._date`` column beside the timestamp (no
midnight is invented). Nothing read is dropped: segments kept raw (unrecognised segments,
syntax-level messages, unreadable PNRs, stray segments) are rows of ``segments``; every
defect and error is a row of ``defects``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from paxdata._gc import paused_gc
from paxdata._parse import ParseResult
from paxdata._version import __version__
from paxdata.cusres import CustomsResponse, ResponseCode
from paxdata.defects import Defect
from paxdata.edifact import Message, Segment
from paxdata.errors import PaxdataError
from paxdata.paxlst import Envelope, PassengerList, Traveller
from paxdata.pnrgov import (
    Address,
    BagGroup,
    CheckIn,
    ItinerarySegment,
    Originator,
    Pnr,
    PnrgovMessage,
    RecordLocator,
    Remark,
    Ssr,
    UnreadablePnr,
)
from paxdata.pnrgov import Traveller as PnrTraveller

__all__ = [
    "TABLES",
    "TABLE_SCHEMA_VERSION",
    "ParquetDataset",
    "arrow_schema",
    "rows",
    "tables",
    "write_parquet",
]

#: Version of the table schema; changes when a column is renamed, removed or retyped
#: (adding tables or columns does not change it).
TABLE_SCHEMA_VERSION = "1"


def _pyarrow() -> tuple[Any, Any]:
    try:
        pa = importlib.import_module("pyarrow")
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError as error:  # pragma: no cover - exercised without the extra
        raise ImportError("Parquet and Arrow output need pyarrow: pip install "
                          "'paxdata[arrow]'") from error
    return pa, pq


# Column types, written as pyarrow prints them (parsed by _parse_type).
_S, _I16, _I32, _I64, _F64, _B = "string", "int16", "int32", "int64", "float64", "bool"
_DATE, _TS, _TSU = "date32", "timestamp[s]", "timestamp[s, UTC]"
_LS = "list<string>"
_LLS = "list<list<string>>"
_COMMS = "list<struct<number: string, channel: string>>"
_REFS = "list<struct<qualifier: string, value: string>>"
_TOTALS = "list<struct<qualifier: string, value: int64, raw_value: string>>"
_ORIGINATOR = ("struct<system: string, location: string, agency_number: string, "
               "agent_office: string, agent_location: string, company: string, "
               "company_location: string, originator_type: string, country: string, "
               "currency: string, language: string, agent_id: string, "
               "additional_elements: list<string>, empty: bool>")
_LOCATORS = ("list<struct<booking_system: string, locator: string, control_type: string, "
             "created_at: timestamp[s, UTC], created_date: date32>>")
_DATES = "list<struct<qualifier: string, at: timestamp[s, UTC], date: date32, text: string>>"
_EXCESS = ("list<struct<currency: string, rate: string, count: int32, "
           "piece_or_weight: string, unit: string>>")
_AMOUNTS = "list<struct<type: string, amount: string, currency: string>>"
_TAXES = "list<struct<amount: string, currency: string, code: string, category: string>>"
_TAGS = ("list<struct<carrier: string, number: string, count: int32, destination: string, "
         "numbers: list<string>, additional: list<string>>>")
_HISTORY_TRAVELLERS = ("list<struct<surname: string, given_name: string, "
                       "passenger_type: string, traveller_reference: string>>")
_CODES = ("list<struct<code: string, directive: string, status: string, text: string, "
          "segment_index: int32>>")

_M = "(masked when depersonalised)"
_P = "(pseudonym when depersonalised)"

#: Every table: name -> ((column, type, meaning), ...). The meaning cites the guideline
#: segment (PAXLST IG, IATA PNRGOV IG, CUSRES iAPI) or the JSON contract field it comes from.
TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "inputs": (
        ("input_name", _S, "input file name as given (key)"),
        ("message_count", _I32, "messages read"),
        ("traveller_count", _I32, "travellers in its typed messages (PAXLST travellers, "
                                  "PNR travellers, CUSRES traveller answers)"),
        ("error_count", _I32, "what could not be read at all"),
        ("warning_count", _I32, "defects outside any message"),
        ("skipped_count", _I32, "pieces of input outside any interchange"),
        ("skipped_bytes", _I64, "their total length"),
        ("stray_segment_count", _I32, "segments outside any message"),
    ),
    "messages": (
        ("message_id", _S, "key: input name @ byte offset of the UNH (# position without "
                           "one: PNRGOV XML)"),
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
        ("message_function", _S, "BGM 1225 (PNRGOV: MSG 1225, 22 full / 141 update push)"),
        ("transaction_reference", _S, "RFF TN (CUSRES: the PAXLST answered)"),
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
        ("traveller_count", _I32, "travellers in this message (rows of travellers, "
                                  "pnr_travellers or response_travellers)"),
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
    # ------------------------------------------------------------------ PNRGOV
    "pushes": (
        ("message_id", _S, "key: joins messages (one row per PNRGOV message)"),
        ("push_type", _S, "MSG 1225: full (22), update (141), other"),
        ("originator", _ORIGINATOR, "level-0 ORG: who sent the push"),
        ("flight_designator", _S, "level-0 TVL carrier + flight number (the pushed flight, "
                                  "a row of flight_legs)"),
        ("flight_operating_carrier", _S, "level-0 TVL e4 c2"),
        ("declared_pnr_count", _I32, "level-0 EQN: PNRs in the whole push, over all parts"),
        ("pnr_count", _I32, "PNRs in this message (rows of pnrs, unreadable ones included)"),
        ("unreadable_pnr_count", _I32, "PNRs that could not be read (PNR-UNREADABLE)"),
        ("traveller_count", _I32, "rows of pnr_travellers"),
    ),
    "pnrs": (
        ("pnr_id", _S, "key: message_id / position of the PNR in the message (SRC order)"),
        ("message_id", _S, "joins messages and pushes"),
        ("pnr_index", _I32, "position in the message, from 1"),
        ("booking_system", _S, "Gr.1 RCI C330 c1 (the first): airline or reservation system"),
        ("record_locator", _S, f"Gr.1 RCI C330 c2 (the first) {_P}"),
        ("record_locators", _LOCATORS, f"every Gr.1 RCI C330; locators {_P}"),
        ("created_at", _TSU, "RCI c4+c5: PNR creation, UTC (null when sent without a time)"),
        ("created_date", _DATE, "RCI c4: PNR creation date"),
        ("last_modified_at", _TSU, "DAT 700, UTC (null when sent without a time)"),
        ("last_modified_date", _DATE, "DAT 700 date"),
        ("ticket_issued_at", _TSU, "DAT 710, UTC (null when sent without a time)"),
        ("ticket_issued_date", _DATE, "DAT 710 date"),
        ("dates", _DATES, "every Gr.1 DAT C688 as sent"),
        ("cancelled", _B, "sent with an empty ORG (update push: PNR or flight cancelled)"),
        ("readable", _B, "false: the PNR could not be read (PNR-UNREADABLE); its segments "
                         "are rows of segments"),
        ("unreadable_reason", _S, "why it could not be read"),
        ("originator", _ORIGINATOR, "Gr.1 ORG: booking office or agency"),
        ("excess_baggage", _EXCESS, "Gr.1 EBD"),
        ("history_lines", _LS, f"LTS history text as sent {_M}"),
        ("traveller_count", _I32, "rows of pnr_travellers"),
        ("itinerary_count", _I32, "current itinerary segments (rows of itinerary without "
                                  "history_id)"),
        ("warning_count", _I32, "defects found in the PNR's segments (rows of defects)"),
        ("segment_index", _I32, "SRC position in the message (UNH = 1)"),
        ("offset", _I64, "byte offset of the SRC in the input"),
    ),
    "pnr_travellers": (
        ("pnr_traveller_id", _S, "key: pnr_id / position of the traveller (Gr.2 order)"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("traveller_index", _I32, "position in the PNR, from 1"),
        ("surname", _S, f"TIF e1 c1 {_M}"),
        ("given_names", _LS, f"TIF e2 c1, AIRIMP title split off {_M}"),
        ("title", _S, f"AIRIMP title from TIF e2 c1: MR, MRS... {_M}"),
        ("given_name_as_sent", _S, f"TIF e2 c1 as sent {_M}"),
        ("name_qualifier", _S, "TIF e1 c2"),
        ("passenger_type", _S, "TIF e2 c2: A adult, C child, IN infant, G group..."),
        ("traveller_reference", _S, "TIF e2 c3 (9944): what SSR, TRI and FTI name"),
        ("accompanied_by_infant", _B, "TIF e2 c4"),
        ("gender", _S, "SSR DOCS: M, F, U, X (MI, FI infants)"),
        ("date_of_birth", _DATE, "SSR DOCS (null when depersonalised)"),
        ("birth_year", _I16, "year of the date of birth (kept by depersonalisation on "
                             "request)"),
        ("nationality", _S, "SSR DOCS"),
        ("place_of_birth", _S, f"SSR DOCO {_M}"),
        ("unique_passenger_reference", _S, f"REF e1 c2 {_P}"),
        ("fare_indicator", _S, "FAR e1: passenger type indicator"),
        ("fare_age", _S, f"FAR e2 {_M}"),
        ("fare_details", _LS, "FAR e3.. as sent"),
        ("excess_baggage", _EXCESS, "Gr.2 EBD"),
        ("document_count", _I32, "rows of pnr_documents"),
        ("segment_index", _I32, "TIF position in the message (UNH = 1)"),
        ("offset", _I64, "byte offset of the TIF in the input"),
    ),
    "pnr_documents": (
        ("pnr_document_id", _S, "key: pnr_traveller_id / position"),
        ("pnr_traveller_id", _S, "joins pnr_travellers"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("document_index", _I32, "position in the traveller, from 1"),
        ("type", _S, "SSR DOCS / DOCO document type: P passport, V visa..."),
        ("number", _S, f"document number {_M}"),
        ("issuing_country", _S, "SSR DOCS issuing State"),
        ("issuing_place", _S, f"SSR DOCO place of issue {_M}"),
        ("expiry_date", _DATE, f"SSR DOCS {_M}"),
        ("issue_date", _DATE, f"SSR DOCO {_M}"),
        ("segment_index", _I32, "SSR position in the message (UNH = 1)"),
    ),
    "itinerary": (
        ("itinerary_id", _S, "key: pnr_id / position (current segments first, then those "
                             "of history actions)"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("history_id", _S, "joins history: a Gr.12 segment of a history action (null for "
                           "the current itinerary)"),
        ("itinerary_index", _I32, "position in the PNR, from 1"),
        ("carrier", _S, "TVL e4 c1: marketing carrier"),
        ("flight_number", _S, "TVL e5 c1, as sent"),
        ("booking_class", _S, "TVL e5 c2"),
        ("flight_suffix", _S, "TVL e5 c3"),
        ("operating_carrier", _S, "TVL e4 c2 or TRA e1"),
        ("operating_flight_number", _S, "codeshare TVL e5 c1 or TRA e2 c1"),
        ("operating_booking_class", _S, "codeshare TVL e5 c2 or TRA e2 c2"),
        ("departure_airport", _S, "TVL e2"),
        ("arrival_airport", _S, "TVL e3"),
        ("scheduled_departure", _TS, "TVL e1 c1+c2, local time at the departure airport "
                                     "(null when sent without a time)"),
        ("departure_date", _DATE, "TVL e1 c1, local"),
        ("scheduled_arrival", _TS, "TVL e1 c3+c4, local time at the arrival airport "
                                   "(null when sent without a time)"),
        ("arrival_date", _DATE, "TVL e1 c3 (or the departure date), local"),
        ("status", _S, "RPI e2: HK, XX..."),
        ("party_size", _I32, f"RPI e1: number in party {_M}"),
        ("aircraft_type", _S, "APD e1"),
        ("record_locators", _LOCATORS, f"Gr.5 RCI; locators {_P}"),
        ("segment_index", _I32, "TVL position in the message (UNH = 1)"),
    ),
    "tickets": (
        ("ticket_id", _S, "key: pnr_traveller_id / position"),
        ("pnr_traveller_id", _S, "joins pnr_travellers"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("ticket_index", _I32, "position in the traveller, from 1"),
        ("number", _S, f"TKT C667 c1 {_P}"),
        ("document_type", _S, "TKT c2: T ticket, 1 ticketless"),
        ("booklets", _I32, "TKT c3: conjunctive tickets"),
        ("ticketless", _B, "no ticket number (ticketless)"),
        ("amounts", _AMOUNTS, "MON: B base fare, T total, as sent"),
        ("taxes", _TAXES, "TXD, as sent"),
        ("pricing_indicator", _S, "PTK e1: NR non-refundable..."),
        ("ticketing_at", _TS, "PTK e3, as sent (no time zone; null without a time)"),
        ("ticketing_date", _DATE, "PTK e3 date"),
        ("validating_carrier", _S, "PTK e4"),
        ("airline_code", _S, "PTK e5"),
        ("sales_city", _S, "PTK e6"),
        ("issued_at", _TSU, "Gr.3 DAT 710, UTC (null when sent without a time)"),
        ("issued_date", _DATE, "Gr.3 DAT 710 date"),
        ("segment_index", _I32, "TKT position in the message (UNH = 1)"),
    ),
    "payments": (
        ("payment_id", _S, "key: pnr_traveller_id / position"),
        ("pnr_traveller_id", _S, "joins pnr_travellers"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("payment_index", _I32, "position in the traveller, from 1"),
        ("type", _S, "FOP C641 c1: CC card, CA cash, CK cheque, MS, GR"),
        ("old_indicator", _S, "FOP c2: 2 = old form of payment"),
        ("amount", _S, "FOP c3, as sent"),
        ("vendor", _S, "FOP c4: card vendor (VI, AX...)"),
        ("account_number", _S, f"FOP c5, as sent {_M}"),
        ("expiry", _S, f"FOP c6, MMYY as sent {_M}"),
        ("sponsor", _LS, f"IFT 4:43 lines: card holder or sponsor {_M}"),
        ("ticket_number", _S, f"the ticket (Gr.3) paid {_P}"),
        ("segment_index", _I32, "FOP position in the message (UNH = 1)"),
    ),
    "ssrs": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers (null: naming no traveller)"),
        ("itinerary_id", _S, "joins itinerary (a Gr.5 SSR naming no traveller)"),
        ("history_id", _S, "joins history (an SSR of a history action)"),
        ("ssr_index", _I32, "position in its PNR, traveller, segment or action, from 1"),
        ("code", _S, "SSR C334 c1: DOCS, SEAT, FQTV..."),
        ("status", _S, "c2: HK, NN..."),
        ("quantity", _S, "c3"),
        ("carrier", _S, "c4"),
        ("board_point", _S, "c7"),
        ("off_point", _S, "c8"),
        ("text", _S, f"c9..: AIRIMP free text as sent {_M}"),
        ("traveller_reference", _S, "C332 c3 (9944)"),
        ("requirement", _S, "C332 c1 (e.g. the seat)"),
        ("unit", _S, "C332 c2"),
        ("characteristics", _S, "C332 c4"),
        ("flight", _S, "the itinerary segment's designator (Gr.5 SSRs)"),
        ("segment_index", _I32, "SSR position in the message (UNH = 1)"),
    ),
    "contacts": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers (null: the PNR's)"),
        ("contact_index", _I32, "position in its PNR or traveller, from 1"),
        ("channel", _S, "email, phone, mobile, home_phone, business_phone, agency_phone, "
                        "fax, address, refused"),
        ("value", _S, f"decoded number or address {_M}"),
        ("text", _S, f"as sent {_M}"),
        ("source", _S, "SSR CTCE, IFT CTCM (OSI), ADD..."),
        ("language", _S, "language code appended by the sender"),
        ("traveller_reference", _S, "9944 the SSR named"),
        ("segment_index", _I32, "position in the message (UNH = 1)"),
    ),
    "addresses": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers (null: the PNR's)"),
        ("payment_id", _S, "joins payments (a billing address, Gr.4 ADD)"),
        ("address_index", _I32, "position in its PNR, traveller or payment, from 1"),
        ("purpose", _S, "ADD C031 c1 (700 contact, 702 billing...); SSR DOCA residence, "
                        "destination"),
        ("street", _S, f"c2 {_M}"),
        ("city", _S, f"c3 {_M}"),
        ("country_subentity", _S, f"c4 {_M}"),
        ("country_subentity_name", _S, f"c5 {_M}"),
        ("country", _S, "c6"),
        ("postal_code", _S, f"c7 {_M}"),
        ("free_text", _S, f"c8: phone numbers or other text {_M}"),
        ("segment_index", _I32, "ADD (or SSR DOCA) position in the message (UNH = 1)"),
    ),
    "remarks": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers (null: not a traveller's)"),
        ("itinerary_id", _S, "joins itinerary (Gr.5 IFT)"),
        ("ticket_id", _S, "joins tickets (Gr.3 IFT)"),
        ("payment_id", _S, "joins payments (Gr.4 IFT)"),
        ("history_id", _S, "joins history (Gr.11 IFT)"),
        ("remark_index", _I32, "position in its record, from 1"),
        ("subject", _S, "IFT C346 c1 (4451)"),
        ("type", _S, "IFT C346 c2 (4441): 28 OSI, 43 sponsor, 15 fare calculation, "
                     "19 history"),
        ("carrier", _S, "IFT C346 c4"),
        ("pricing_indicator", _S, "IFT C346 c3"),
        ("language", _S, "IFT C346 c5"),
        ("lines", _LS, f"IFT e2..: the text as sent {_M}"),
        ("segment_index", _I32, "IFT position in the message (UNH = 1)"),
    ),
    "frequent_flyers": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers"),
        ("frequent_flyer_index", _I32, "position in the traveller, from 1"),
        ("carrier", _S, "FTI C326 c1 (or SSR FQTV): the programme's airline"),
        ("number", _S, f"FTI c2: account number {_M}"),
        ("tier", _S, f"FTI c5: status {_M}"),
        ("source", _S, "FTI or SSR FQTV..."),
        ("traveller_reference", _S, "9944 the SSR named"),
        ("segment_index", _I32, "FTI or SSR position in the message (UNH = 1)"),
    ),
    "seats": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers"),
        ("seat_index", _I32, "position in the traveller, from 1"),
        ("number", _S, "seat as sent (039G)"),
        ("source", _S, "SSD (check-in) or SSR SEAT, NSST..."),
        ("flight", _S, "the itinerary segment's designator"),
        ("cabin", _S, "SSD e5"),
        ("status", _S, "SSR status"),
        ("characteristics", _S, "SSR C332 c4"),
        ("board_point", _S, "SSR c7 or the segment's departure"),
        ("off_point", _S, "SSR c8 or the segment's arrival"),
        ("segment_index", _I32, "SSD or SSR position in the message (UNH = 1)"),
    ),
    "check_ins": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers (null: traveller not found)"),
        ("itinerary_id", _S, "joins itinerary (set when the traveller was not found)"),
        ("check_in_index", _I32, "position in the traveller or segment, from 1"),
        ("flight", _S, "the itinerary segment's designator"),
        ("departure_airport", _S, "the itinerary segment's departure"),
        ("checked_in_at", _TSU, "Gr.6 DAT 2, UTC (null when sent without a time)"),
        ("checked_in_date", _DATE, "Gr.6 DAT 2 date"),
        ("checked_in_text", _S, f"Gr.6 DAT 3 free text {_M}"),
        ("agent", _ORIGINATOR, "Gr.6 ORG: check-in agent"),
        ("boarding_number", _S, "TRI e2 c1"),
        ("traveller_reference", _S, "TRI e2 c4 (9944)"),
        ("name", _S, f"Gr.7 TIF as sent (SURNAME/GIVEN) {_M}"),
        ("name_reference", _S, "Gr.7 TIF 9944"),
        ("seat", _S, "SSD e1"),
        ("cabin", _S, "SSD e5"),
        ("bag_count", _I32, "TBD e2 c1 (the bags are rows of bags)"),
        ("bag_weight", _F64, "TBD e2 c2"),
        ("bag_weight_unit", _S, "KGM or LBR"),
        ("segment_index", _I32, "TRI position in the message (UNH = 1)"),
    ),
    "bags": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("pnr_traveller_id", _S, "joins pnr_travellers (null: not a traveller's)"),
        ("itinerary_id", _S, "joins itinerary (bags of a check-in whose traveller was not "
                             "found)"),
        ("history_id", _S, "joins history (Gr.11 TBD)"),
        ("bag_index", _I32, "position in its traveller, segment or action, from 1"),
        ("flight", _S, "the itinerary segment's designator"),
        ("count", _I32, "TBD e2 c1: number of bags"),
        ("weight", _F64, "TBD e2 c2"),
        ("weight_unit", _S, "KGM (700), LBR (701)"),
        ("unit_qualifier", _S, "TBD e2 c3 as sent"),
        ("status", _S, "TBD e1"),
        ("pool", _S, "TBD e4 c1: HP head of pool, MP member"),
        ("pool_reference", _S, f"TBD e4 c2 {_P}"),
        ("tags", _TAGS, f"TBD e5..: tag runs, numbers expanded {_P}"),
        ("segment_index", _I32, "TBD position in the message (UNH = 1)"),
    ),
    "split_pnrs": (
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("split_index", _I32, "position in the PNR, from 1"),
        ("count", _I32, f"Gr.8 EQN e1 c1: travellers split {_M}"),
        ("record_locators", _LOCATORS, f"Gr.8 RCI: the other PNRs; locators {_P}"),
        ("segment_index", _I32, "EQN position in the message (UNH = 1)"),
    ),
    "non_air_products": (
        ("non_air_id", _S, "key: pnr_id / position (products of all non-air segments)"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("non_air_index", _I32, "Gr.9 position in the PNR, from 1"),
        ("product_index", _I32, "TVL position in the Gr.9 group (null: no product)"),
        ("business_function", _S, "Gr.9 MSG 4025: 8 hotel..."),
        ("start", _TS, "TVL e1 c1+c2, local, as sent (null without a time)"),
        ("start_date", _DATE, "TVL e1 c1"),
        ("end", _TS, "TVL e1 c3+c4, local, as sent (null without a time)"),
        ("end_date", _DATE, "TVL e1 c3"),
        ("locations", _LS, "TVL e2, e3"),
        ("provider", _S, "TVL e4 c1"),
        ("product", _S, f"TVL e5 c1 (hotel name...) {_M}"),
        ("group_segment_index", _I32, "Gr.9 MSG position in the message (UNH = 1)"),
        ("segment_index", _I32, "TVL position in the message (UNH = 1)"),
    ),
    "history": (
        ("history_id", _S, "key: pnr_id / position (one row per action)"),
        ("pnr_id", _S, "joins pnrs"),
        ("message_id", _S, "joins messages"),
        ("credit_index", _I32, "Gr.10 ABI position in the PNR, from 1"),
        ("action_index", _I32, "Gr.11 SAC position in the credit (null: no action)"),
        ("originator_type", _S, "ABI e1"),
        ("agent_id", _S, f"ABI e2 c1: agent sine {_M}"),
        ("duty_code", _S, "ABI e2 c2"),
        ("location", _S, "ABI e3"),
        ("company", _S, "ABI e5"),
        ("changed_at", _TSU, "Gr.10 DAT, UTC (null when sent without a time)"),
        ("changed_date", _DATE, "Gr.10 DAT date"),
        ("date_qualifier", _S, "Gr.10 DAT 2005"),
        ("action", _S, "SAC e3: A added, X cancelled, C changed"),
        ("travellers", _HISTORY_TRAVELLERS, f"Gr.11 TIF, names {_M}"),
        ("credit_segment_index", _I32, "ABI position in the message (UNH = 1)"),
        ("segment_index", _I32, "SAC position in the message (UNH = 1)"),
    ),
    # ------------------------------------------------------------------ CUSRES
    "responses": (
        ("message_id", _S, "key: joins messages (one row per CUSRES message)"),
        ("response_kind", _S, "BGM 1001: response (962), status_change (132), "
                              "acknowledgement (312), other"),
        ("message_status", _S, "level-1 ERP ERC: accepted, exception, unknown"),
        ("message_codes", _CODES, "level-1 ERC codes with their meaning in the code table"),
        ("message_texts", _LS, f"FTX outside traveller answers {_M}"),
        ("code_table", _S, "ERC code table the codes were read with (CN, default)"),
        ("flight_count", _I32, "RFF AF flights (rows of flight_legs)"),
        ("traveller_count", _I32, "rows of response_travellers"),
    ),
    "response_travellers": (
        ("response_traveller_id", _S, "key: message_id / position"),
        ("message_id", _S, "joins messages and responses"),
        ("traveller_index", _I32, "position in the message, from 1"),
        ("error_point_level", _S, "ERP C701 1049 (2)"),
        ("reservation_number", _S, f"RFF AVF: record locator {_P}; joins "
                                   "travellers.reservation_number"),
        ("unique_passenger_reference", _S, f"RFF ABO {_P}; joins "
                                           "travellers.unique_passenger_reference"),
        ("directive", _S, "board, no_board, advisory, insufficient_data, unknown: the most "
                          "restrictive ERC"),
        ("codes", _CODES, "ERC C901 9321 codes with their meaning in the code table"),
        ("references", _REFS, "every RFF as sent"),
        ("free_texts", _LS, f"FTX AAP texts {_M}"),
        ("warning_count", _I32, "defects found in the answer's segments"),
        ("segment_index", _I32, "ERP position in the message (UNH = 1)"),
        ("offset", _I64, "byte offset of the ERP in the input"),
    ),
    # ------------------------------------------------------------------ every family
    "segments": (
        ("input_name", _S, "joins inputs"),
        ("message_id", _S, "joins messages (null for stray segments)"),
        ("traveller_id", _S, "joins travellers (null unless kept on a traveller)"),
        ("document_id", _S, "joins documents (null unless kept on a document)"),
        ("kept_on", _S, "message, traveller, document, raw_message (syntax level), stray; "
                        "pnr, pnr_traveller, pnr_document, itinerary, history, "
                        "unreadable_pnr, non_air; response_traveller"),
        ("tag", _S, "segment tag"),
        ("elements", _LLS, "data elements as lists of components, unescaped"),
        ("segment_index", _I32, "position in the message (UNH = 1)"),
        ("offset", _I64, "byte offset in the input"),
        ("pnr_id", _S, "joins pnrs (null unless kept in a PNR)"),
        ("record_id", _S, "key of the row it is kept on, in the table kept_on names "
                          "(unreadable_pnr: pnr_id; non_air: non_air_id; null for stray)"),
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
        ("pnr_id", _S, "joins pnrs (null unless the PNR's)"),
        ("response_traveller_id", _S, "joins response_travellers (null unless the "
                                      "answer's)"),
    ),
}


# ---------------------------------------------------------------------- types
def _split_fields(text: str) -> list[str]:
    """Split ``a: t, b: list<struct<x: y, z: w>>`` at its top-level commas."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "<[":
            depth += 1
        elif char in ">]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _parse_type(pa: Any, text: str) -> Any:
    """A pyarrow type from its printed form (the column types of :data:`TABLES`)."""
    text = text.strip()
    simple = {_S: pa.string(), _I16: pa.int16(), _I32: pa.int32(), _I64: pa.int64(),
              _F64: pa.float64(), _B: pa.bool_(), _DATE: pa.date32(),
              _TS: pa.timestamp("s"), _TSU: pa.timestamp("s", tz="UTC")}
    if text in simple:
        return simple[text]
    if text.startswith("list<") and text.endswith(">"):
        return pa.list_(_parse_type(pa, text[5:-1]))
    if text.startswith("struct<") and text.endswith(">"):
        fields = []
        for part in _split_fields(text[7:-1]):
            name, _, kind = part.partition(":")
            fields.append(pa.field(name.strip(), _parse_type(pa, kind)))
        return pa.struct(fields)
    raise ValueError(f"unknown column type {text!r}")  # pragma: no cover


def arrow_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of a table, with each column's meaning in its field
    metadata (``description``) and the table name and schema version in the schema
    metadata."""
    pa, _ = _pyarrow()
    fields = [pa.field(name, _parse_type(pa, kind), metadata={"description": meaning})
              for name, kind, meaning in TABLES[table]]
    return pa.schema(fields, metadata={"paxdata.table": table,
                                       "paxdata.table_schema_version": TABLE_SCHEMA_VERSION,
                                       "paxdata.version": __version__})


# ---------------------------------------------------------------------- rows
Row = dict[str, Any]
Rows = Iterator[tuple[str, Row]]


def _at(value: datetime | date | None) -> datetime | None:
    return value if isinstance(value, datetime) else None


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _comms(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"number": c.number, "channel": c.channel} for c in items]


def _defect_row(defect: Defect, input_name: str | None, message_id: str | None,
                traveller_id: str | None, pnr_id: str | None = None,
                response_traveller_id: str | None = None) -> Row:
    loc = defect.location
    return {"input_name": input_name, "message_id": message_id, "traveller_id": traveller_id,
            "code": defect.code, "severity": defect.severity.value, "unreadable": False,
            "message": defect.message, "segment_index": loc.segment_index, "tag": loc.tag,
            "element": loc.element, "component": loc.component, "offset": loc.offset,
            "line": loc.line, "message_reference": loc.message_reference,
            "pnr_id": pnr_id, "response_traveller_id": response_traveller_id}


def _error_row(error: PaxdataError, input_name: str | None) -> Row:
    loc = error.location
    return {"input_name": loc.input_name or input_name, "message_id": None,
            "traveller_id": None, "code": error.code, "severity": "error",
            "unreadable": True, "message": error.message,
            "segment_index": loc.segment_index, "tag": loc.tag, "element": loc.element,
            "component": None, "offset": loc.offset, "line": loc.line,
            "message_reference": loc.message_reference}


def _segment_row(segment: Segment, input_name: str | None, message_id: str | None,
                 traveller_id: str | None, document_id: str | None, kept_on: str,
                 record_id: str | None = None, pnr_id: str | None = None) -> Row:
    return {"input_name": input_name, "message_id": message_id,
            "traveller_id": traveller_id, "document_id": document_id, "kept_on": kept_on,
            "tag": segment.tag, "elements": [list(e) for e in segment.elements],
            "segment_index": segment.index,
            "offset": segment.offset if segment.offset >= 0 else None,
            "pnr_id": pnr_id, "record_id": record_id}


def _message_id(input_name: str | None, offset: int | None, position: int) -> str:
    """``<input>@<UNH offset>``; ``<input>#<n>`` (n-th message of the input) for a message
    read without a byte offset (PNRGOV XML)."""
    name = input_name if input_name is not None else "<input>"
    return f"{name}@{offset}" if offset is not None else f"{name}#{position}"


def _depersonalised(warnings: Iterable[Defect]) -> bool:
    return any(d.code == "DEP-DEPERSONALISED" for d in warnings)


def rows(result: ParseResult) -> Rows:
    """The rows of one result as (table name, row) pairs."""
    name = result.input_name
    travellers_in_input = 0
    for position, message in enumerate(result.messages, 1):
        if isinstance(message, PassengerList):
            travellers_in_input += len(message.travellers)
            yield from _passenger_list_rows(message, name, position)
        elif isinstance(message, PnrgovMessage):
            travellers_in_input += sum(len(p.travellers) for p in message.pnrs)
            yield from _push_rows(message, name, position)
        elif isinstance(message, CustomsResponse):
            travellers_in_input += len(message.travellers)
            yield from _response_rows(message, name, position)
        else:
            yield from _raw_message_rows(message, name, position)
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


def _envelope_row(env: Envelope) -> Row:
    return {"interchange_reference": env.interchange_reference,
            "group_reference": env.group_reference, "sender": env.sender,
            "recipient": env.recipient, "prepared_at": env.prepared_at,
            "test_indicator": env.test_indicator, "message_offset": env.message_offset}


def _raw_message_rows(message: Message, input_name: str | None, position: int) -> Rows:
    header = message.header
    ic = header.interchange
    group = header.group
    offset = header.segment.offset if header.segment.offset >= 0 else None
    message_id = _message_id(input_name, offset, position)
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
        "depersonalised": _depersonalised(message.warnings),
        "message_offset": offset}
    for segment in message.segments:
        yield "segments", _segment_row(segment, input_name, message_id, None, None,
                                       "raw_message", message_id)
    for defect in message.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, None)


# ---------------------------------------------------------------------- PAXLST
def _passenger_list_rows(plist: PassengerList, input_name: str | None, position: int
                         ) -> Rows:
    env = plist.envelope
    message_id = _message_id(input_name, env.message_offset, position)
    party = plist.reporting_party
    warnings = len(plist.warnings) + sum(
        len(t.warnings) for t in plist.travellers)
    yield "messages", {
        **_envelope_row(env),
        "message_id": message_id, "input_name": input_name,
        "message_type": plist.message_type, "typed": True,
        "message_reference": plist.message_reference, "version": plist.version,
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
        "depersonalised": _depersonalised(plist.warnings)}
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
        yield "segments", _segment_row(segment, input_name, message_id, None, None, "message",
                                       message_id)
    for defect in plist.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, None)


def _traveller_rows(t: Traveller, index: int, message_id: str, input_name: str | None
                    ) -> Rows:
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
                                           document_id, "document", document_id)
    for segment in t.unrecognised_segments:
        yield "segments", _segment_row(segment, input_name, message_id, traveller_id, None,
                                       "traveller", traveller_id)
    for defect in t.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, traveller_id)


# ---------------------------------------------------------------------- PNRGOV
def _originator(o: Originator | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {"system": o.system, "location": o.location, "agency_number": o.agency_number,
            "agent_office": o.agent_office, "agent_location": o.agent_location,
            "company": o.company, "company_location": o.company_location,
            "originator_type": o.originator_type, "country": o.country,
            "currency": o.currency, "language": o.language, "agent_id": o.agent_id,
            "additional_elements": list(o.additional_elements), "empty": o.empty}


def _locators(items: Iterable[RecordLocator]) -> list[dict[str, Any]]:
    return [{"booking_system": r.booking_system, "locator": r.locator,
             "control_type": r.control_type, "created_at": _at(r.created_at),
             "created_date": _day(r.created_at)} for r in items]


def _excess(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"currency": e.currency, "rate": e.rate, "count": e.count,
             "piece_or_weight": e.piece_or_weight, "unit": e.unit} for e in items]


class _PnrRows:
    """Builds the rows of one PNR; ``keys`` are the columns every row of it carries."""

    __slots__ = ("input_name", "keys", "message_id", "pnr", "pnr_id")

    def __init__(self, pnr: Pnr, pnr_id: str, message_id: str, input_name: str | None
                 ) -> None:
        self.pnr = pnr
        self.pnr_id = pnr_id
        self.message_id = message_id
        self.input_name = input_name
        self.keys: Row = {"pnr_id": pnr_id, "message_id": message_id}

    def segments(self, items: Iterable[Segment], kept_on: str, record_id: str) -> Rows:
        for segment in items:
            yield "segments", _segment_row(segment, self.input_name, self.message_id, None,
                                           None, kept_on, record_id, self.pnr_id)

    def remarks(self, items: Iterable[Remark], **owner: str | None) -> Rows:
        for index, r in enumerate(items, 1):
            yield "remarks", {
                **self.keys, **owner, "remark_index": index, "subject": r.subject,
                "type": r.type, "carrier": r.carrier,
                "pricing_indicator": r.pricing_indicator, "language": r.language,
                "lines": list(r.lines), "segment_index": r.segment_index}

    def ssrs(self, items: Iterable[Ssr], **owner: str | None) -> Rows:
        for index, s in enumerate(items, 1):
            yield "ssrs", {
                **self.keys, **owner, "ssr_index": index, "code": s.code,
                "status": s.status, "quantity": s.quantity, "carrier": s.carrier,
                "board_point": s.board_point, "off_point": s.off_point, "text": s.text,
                "traveller_reference": s.traveller_reference,
                "requirement": s.requirement, "unit": s.unit,
                "characteristics": s.characteristics, "flight": s.flight,
                "segment_index": s.segment_index}

    def addresses(self, items: Iterable[Address], **owner: str | None) -> Rows:
        for index, a in enumerate(items, 1):
            yield "addresses", {
                **self.keys, **owner, "address_index": index, "purpose": a.purpose,
                "street": a.street, "city": a.city,
                "country_subentity": a.country_subentity,
                "country_subentity_name": a.country_subentity_name, "country": a.country,
                "postal_code": a.postal_code, "free_text": a.free_text,
                "segment_index": a.segment_index}

    def contacts(self, items: Iterable[Any], **owner: str | None) -> Rows:
        for index, c in enumerate(items, 1):
            yield "contacts", {
                **self.keys, **owner, "contact_index": index, "channel": c.channel,
                "value": c.value, "text": c.text, "source": c.source,
                "language": c.language, "traveller_reference": c.traveller_reference,
                "segment_index": c.segment_index}

    def bags(self, items: Iterable[BagGroup], **owner: str | None) -> Rows:
        for index, b in enumerate(items, 1):
            yield "bags", {
                **self.keys, **owner, "bag_index": index, "flight": b.flight,
                "count": b.count, "weight": b.weight, "weight_unit": b.weight_unit,
                "unit_qualifier": b.unit_qualifier, "status": b.status, "pool": b.pool,
                "pool_reference": b.pool_reference,
                "tags": [{"carrier": t.carrier, "number": t.number, "count": t.count,
                          "destination": t.destination, "numbers": list(t.numbers),
                          "additional": list(t.additional)} for t in b.tags],
                "segment_index": b.segment_index}

    def check_ins(self, items: Iterable[CheckIn], **owner: str | None) -> Rows:
        for index, c in enumerate(items, 1):
            bags = c.bags
            yield "check_ins", {
                **self.keys, **owner, "check_in_index": index, "flight": c.flight,
                "departure_airport": c.departure_airport,
                "checked_in_at": _at(c.checked_in_at),
                "checked_in_date": _day(c.checked_in_at),
                "checked_in_text": c.checked_in_text, "agent": _originator(c.agent),
                "boarding_number": c.boarding_number,
                "traveller_reference": c.traveller_reference, "name": c.name,
                "name_reference": c.name_reference, "seat": c.seat, "cabin": c.cabin,
                "bag_count": bags.count if bags else None,
                "bag_weight": bags.weight if bags else None,
                "bag_weight_unit": bags.weight_unit if bags else None,
                "segment_index": c.segment_index}

    def itinerary(self, segment: ItinerarySegment, index: int, history_id: str | None
                  ) -> Rows:
        itinerary_id = f"{self.pnr_id}/{index}"
        yield "itinerary", {
            **self.keys, "itinerary_id": itinerary_id, "history_id": history_id,
            "itinerary_index": index, "carrier": segment.carrier,
            "flight_number": segment.flight_number, "booking_class": segment.booking_class,
            "flight_suffix": segment.flight_suffix,
            "operating_carrier": segment.operating_carrier,
            "operating_flight_number": segment.operating_flight_number,
            "operating_booking_class": segment.operating_booking_class,
            "departure_airport": segment.departure_airport,
            "arrival_airport": segment.arrival_airport,
            "scheduled_departure": _at(segment.scheduled_departure),
            "departure_date": _day(segment.scheduled_departure),
            "scheduled_arrival": _at(segment.scheduled_arrival),
            "arrival_date": _day(segment.scheduled_arrival), "status": segment.status,
            "party_size": segment.party_size, "aircraft_type": segment.aircraft_type,
            "record_locators": _locators(segment.record_locators),
            "segment_index": segment.segment_index}
        yield from self.ssrs(segment.ssrs, itinerary_id=itinerary_id)
        yield from self.remarks(segment.remarks, itinerary_id=itinerary_id)
        yield from self.check_ins(segment.unassigned_check_ins, itinerary_id=itinerary_id)
        yield from self.bags([c.bags for c in segment.unassigned_check_ins
                              if c.bags is not None], itinerary_id=itinerary_id)
        yield from self.segments(segment.unrecognised_segments, "itinerary", itinerary_id)

    def traveller(self, t: PnrTraveller, index: int, year_only: bool) -> Rows:
        tid = f"{self.pnr_id}/{index}"
        dob = t.date_of_birth
        fare = t.fare
        yield "pnr_travellers", {
            **self.keys, "pnr_traveller_id": tid, "traveller_index": index,
            "surname": t.surname, "given_names": list(t.given_names), "title": t.title,
            "given_name_as_sent": t.given_name_as_sent, "name_qualifier": t.name_qualifier,
            "passenger_type": t.passenger_type,
            "traveller_reference": t.traveller_reference,
            "accompanied_by_infant": t.accompanied_by_infant, "gender": t.gender,
            "date_of_birth": None if year_only else dob,
            "birth_year": dob.year if dob is not None else None,
            "nationality": t.nationality, "place_of_birth": t.place_of_birth,
            "unique_passenger_reference": t.unique_passenger_reference,
            "fare_indicator": fare.indicator if fare else None,
            "fare_age": fare.age if fare else None,
            "fare_details": list(fare.details) if fare else [],
            "excess_baggage": _excess(t.excess_baggage), "document_count": len(t.documents),
            "segment_index": t.segment_index, "offset": t.offset}
        owner = {"pnr_traveller_id": tid}
        for d_index, doc in enumerate(t.documents, 1):
            document_id = f"{tid}/{d_index}"
            yield "pnr_documents", {
                **self.keys, **owner, "pnr_document_id": document_id,
                "document_index": d_index, "type": doc.type, "number": doc.number,
                "issuing_country": doc.issuing_country, "issuing_place": doc.issuing_place,
                "expiry_date": doc.expiry_date, "issue_date": doc.issue_date,
                "segment_index": doc.segment_index}
            yield from self.segments(doc.unrecognised_segments, "pnr_document", document_id)
        for k_index, ticket in enumerate(t.tickets, 1):
            ticket_id = f"{tid}/{k_index}"
            yield "tickets", {
                **self.keys, **owner, "ticket_id": ticket_id, "ticket_index": k_index,
                "number": ticket.number, "document_type": ticket.document_type,
                "booklets": ticket.booklets, "ticketless": ticket.ticketless,
                "amounts": [{"type": a.type, "amount": a.amount, "currency": a.currency}
                            for a in ticket.amounts],
                "taxes": [{"amount": x.amount, "currency": x.currency, "code": x.code,
                           "category": x.category} for x in ticket.taxes],
                "pricing_indicator": ticket.pricing_indicator,
                "ticketing_at": _at(ticket.ticketing_at),
                "ticketing_date": _day(ticket.ticketing_at),
                "validating_carrier": ticket.validating_carrier,
                "airline_code": ticket.airline_code, "sales_city": ticket.sales_city,
                "issued_at": _at(ticket.issued_at), "issued_date": _day(ticket.issued_at),
                "segment_index": ticket.segment_index}
            yield from self.remarks(ticket.remarks, ticket_id=ticket_id, **owner)
        for p_index, payment in enumerate(t.payments, 1):
            payment_id = f"{tid}/{p_index}"
            yield "payments", {
                **self.keys, **owner, "payment_id": payment_id, "payment_index": p_index,
                "type": payment.type, "old_indicator": payment.old_indicator,
                "amount": payment.amount, "vendor": payment.vendor,
                "account_number": payment.account_number, "expiry": payment.expiry,
                "sponsor": list(payment.sponsor), "ticket_number": payment.ticket_number,
                "segment_index": payment.segment_index}
            if payment.billing_address is not None:
                yield from self.addresses([payment.billing_address], payment_id=payment_id,
                                          **owner)
            yield from self.remarks(payment.remarks, payment_id=payment_id, **owner)
        yield from self.ssrs(t.ssrs, **owner)
        yield from self.remarks(t.remarks, **owner)
        yield from self.contacts(t.contacts, **owner)
        yield from self.addresses(t.addresses, **owner)
        for f_index, f in enumerate(t.frequent_flyer, 1):
            yield "frequent_flyers", {
                **self.keys, **owner, "frequent_flyer_index": f_index,
                "carrier": f.carrier, "number": f.number, "tier": f.tier, "source": f.source,
                "traveller_reference": f.traveller_reference,
                "segment_index": f.segment_index}
        for s_index, seat in enumerate(t.seats, 1):
            yield "seats", {
                **self.keys, **owner, "seat_index": s_index, "number": seat.number,
                "source": seat.source, "flight": seat.flight, "cabin": seat.cabin,
                "status": seat.status, "characteristics": seat.characteristics,
                "board_point": seat.board_point, "off_point": seat.off_point,
                "segment_index": seat.segment_index}
        yield from self.check_ins(t.check_in, **owner)
        # Bags: the traveller's (from check-in), and any check-in bags not among them.
        bags = list(t.bags)
        bags += [c.bags for c in t.check_in if c.bags is not None and c.bags not in bags]
        yield from self.bags(bags, **owner)
        yield from self.segments(t.unrecognised_segments, "pnr_traveller", tid)

    def rows(self, index: int) -> Rows:
        pnr = self.pnr
        year_only = {d.location.segment_index for d in pnr.warnings
                     if d.code == "DEP-BIRTH-YEAR"}
        yield "pnrs", {
            **self.keys, "pnr_index": index, "booking_system": pnr.booking_system,
            "record_locator": pnr.record_locator,
            "record_locators": _locators(pnr.record_locators),
            "created_at": _at(pnr.created_at), "created_date": _day(pnr.created_at),
            "last_modified_at": _at(pnr.last_modified_at),
            "last_modified_date": _day(pnr.last_modified_at),
            "ticket_issued_at": _at(pnr.ticket_issued_at),
            "ticket_issued_date": _day(pnr.ticket_issued_at),
            "dates": [{"qualifier": d.qualifier, "at": _at(d.at), "date": _day(d.at),
                       "text": d.text} for d in pnr.dates],
            "cancelled": pnr.cancelled, "readable": True,
            "originator": _originator(pnr.originator),
            "excess_baggage": _excess(pnr.excess_baggage),
            "history_lines": list(pnr.history_lines),
            "traveller_count": len(pnr.travellers), "itinerary_count": len(pnr.itinerary),
            "warning_count": len(pnr.warnings), "segment_index": pnr.segment_index,
            "offset": pnr.offset}
        for t_index, traveller in enumerate(pnr.travellers, 1):
            yield from self.traveller(traveller, t_index,
                                      traveller.segment_index in year_only)
        yield from self.ssrs(pnr.ssrs)
        yield from self.remarks(pnr.remarks)
        yield from self.contacts(pnr.contacts)
        yield from self.addresses(pnr.addresses)
        for i_index, segment in enumerate(pnr.itinerary, 1):
            yield from self.itinerary(segment, i_index, None)
        position = len(pnr.itinerary)  # history segments are numbered after these
        for s_index, split in enumerate(pnr.split_pnrs, 1):
            yield "split_pnrs", {
                **self.keys, "split_index": s_index, "count": split.count,
                "record_locators": _locators(split.record_locators),
                "segment_index": split.segment_index}
        product_position = 0
        for n_index, group in enumerate(pnr.non_air_segments, 1):
            products = group.products or (None,)
            for p_index, product in enumerate(products, 1):
                product_position += 1
                non_air_id = f"{self.pnr_id}/{product_position}"
                yield "non_air_products", {
                    **self.keys, "non_air_id": non_air_id, "non_air_index": n_index,
                    "product_index": p_index if product is not None else None,
                    "business_function": group.business_function,
                    "start": _at(product.start) if product else None,
                    "start_date": _day(product.start) if product else None,
                    "end": _at(product.end) if product else None,
                    "end_date": _day(product.end) if product else None,
                    "locations": list(product.locations) if product else [],
                    "provider": product.provider if product else None,
                    "product": product.product if product else None,
                    "group_segment_index": group.segment_index,
                    "segment_index": product.segment.index
                    if product is not None and product.segment is not None else None}
                if product is not None and product.segment is not None:
                    yield from self.segments([product.segment], "non_air", non_air_id)
        history_position = 0
        for c_index, credit in enumerate(pnr.history, 1):
            for a_index, action in enumerate(credit.actions or (None,), 1):
                history_position += 1
                history_id = f"{self.pnr_id}/{history_position}"
                yield "history", {
                    **self.keys, "history_id": history_id, "credit_index": c_index,
                    "action_index": a_index if action is not None else None,
                    "originator_type": credit.originator_type, "agent_id": credit.agent_id,
                    "duty_code": credit.duty_code, "location": credit.location,
                    "company": credit.company, "changed_at": _at(credit.changed_at),
                    "changed_date": _day(credit.changed_at),
                    "date_qualifier": credit.date_qualifier,
                    "action": action.action if action else None,
                    "travellers": [{"surname": h.surname, "given_name": h.given_name,
                                    "passenger_type": h.passenger_type,
                                    "traveller_reference": h.traveller_reference}
                                   for h in action.travellers] if action else [],
                    "credit_segment_index": credit.segment_index,
                    "segment_index": action.segment_index if action else None}
                if action is None:
                    continue
                yield from self.ssrs(action.ssrs, history_id=history_id)
                yield from self.remarks(action.remarks, history_id=history_id)
                yield from self.bags(action.bags, history_id=history_id)
                for segment in action.itinerary:
                    position += 1
                    yield from self.itinerary(segment, position, history_id)
                yield from self.segments(action.unrecognised_segments, "history",
                                         history_id)
        yield from self.segments(pnr.unrecognised_segments, "pnr", self.pnr_id)
        for defect in pnr.warnings:
            yield "defects", _defect_row(defect, self.input_name, self.message_id, None,
                                         self.pnr_id)


def _unreadable_rows(pnr: UnreadablePnr, index: int, pnr_id: str, message_id: str,
                     input_name: str | None) -> Rows:
    yield "pnrs", {
        "pnr_id": pnr_id, "message_id": message_id, "pnr_index": index,
        "record_locator": pnr.record_locator, "record_locators": [], "dates": [],
        "cancelled": False, "readable": False, "unreadable_reason": pnr.reason,
        "excess_baggage": [], "history_lines": [], "traveller_count": 0,
        "itinerary_count": 0, "warning_count": 0, "segment_index": pnr.segment_index,
        "offset": pnr.offset}
    for segment in pnr.segments:
        yield "segments", _segment_row(segment, input_name, message_id, None, None,
                                       "unreadable_pnr", pnr_id, pnr_id)


def _push_rows(push: PnrgovMessage, input_name: str | None, position: int) -> Rows:
    env = push.envelope
    message_id = _message_id(input_name, env.message_offset, position)
    travellers = sum(len(p.travellers) for p in push.pnrs)
    flight = push.flight
    yield "messages", {
        **_envelope_row(env),
        "message_id": message_id, "input_name": input_name,
        "message_type": push.message_type, "typed": True,
        "message_reference": push.message_reference, "version": push.version,
        "controlling_agency": push.controlling_agency,
        "message_function": push.message_function,
        "reporting_party_communications": [], "control_totals": [],
        "common_access_reference": push.common_access_reference,
        "part_number": push.part_number, "is_first_part": push.is_first_part,
        "is_last_part": push.is_last_part, "message_date": push.message_date,
        "leg_count": 1 if flight is not None else 0, "traveller_count": travellers,
        "warning_count": len(push.warnings) + sum(len(p.warnings) for p in push.pnrs),
        "depersonalised": _depersonalised(push.warnings)}
    yield "pushes", {
        "message_id": message_id, "push_type": push.push_type.value,
        "originator": _originator(push.sender),
        "flight_designator": flight.flight_designator if flight else None,
        "flight_operating_carrier": push.flight_operating_carrier,
        "declared_pnr_count": push.declared_pnr_count,
        "pnr_count": len(push.pnrs) + len(push.unreadable_pnrs),
        "unreadable_pnr_count": len(push.unreadable_pnrs), "traveller_count": travellers}
    if flight is not None:
        yield "flight_legs", {
            "message_id": message_id, "leg_index": 1, "carrier": flight.carrier,
            "flight_number": flight.flight_number,
            "flight_designator": flight.flight_designator,
            "departure_airport": flight.departure_airport,
            "arrival_airport": flight.arrival_airport,
            "scheduled_departure": flight.scheduled_departure,
            "scheduled_arrival": flight.scheduled_arrival,
            "departure_location_function": flight.departure_location_function,
            "arrival_location_function": flight.arrival_location_function,
            "final_destination": flight.final_destination,
            "transport_stage": flight.transport_stage, "segment_index": flight.segment_index}
    records: list[Pnr | UnreadablePnr] = list(push.pnrs)
    if push.unreadable_pnrs:  # in SRC order, as the message sent them
        records += push.unreadable_pnrs
        records.sort(key=lambda p: p.segment_index if p.segment_index is not None else 0)
    for index, record in enumerate(records, 1):
        pnr_id = f"{message_id}/{index}"
        if isinstance(record, UnreadablePnr):
            yield from _unreadable_rows(record, index, pnr_id, message_id, input_name)
        else:
            yield from _PnrRows(record, pnr_id, message_id, input_name).rows(index)
    for segment in push.unrecognised_segments:
        yield "segments", _segment_row(segment, input_name, message_id, None, None, "message",
                                       message_id)
    for defect in push.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, None)


# ---------------------------------------------------------------------- CUSRES
def _codes(items: Iterable[ResponseCode]) -> list[dict[str, Any]]:
    return [{"code": c.code, "directive": c.directive.value if c.directive else None,
             "status": c.status.value if c.status else None, "text": c.text,
             "segment_index": c.segment_index} for c in items]


def _response_rows(response: CustomsResponse, input_name: str | None, position: int
                   ) -> Rows:
    env = response.envelope
    message_id = _message_id(input_name, env.message_offset, position)
    yield "messages", {
        **_envelope_row(env),
        "message_id": message_id, "input_name": input_name,
        "message_type": response.message_type, "typed": True,
        "message_reference": response.message_reference, "version": response.version,
        "controlling_agency": response.controlling_agency,
        "association_code": response.association_code,
        "document_name_code": response.document_name_code,
        "transaction_reference": response.transaction_reference,
        "reporting_party_communications": [], "control_totals": [],
        "common_access_reference": response.common_access_reference,
        "part_number": response.part_number, "is_first_part": response.is_first_part,
        "is_last_part": response.is_last_part, "message_date": response.message_date,
        "leg_count": len(response.flights), "traveller_count": len(response.travellers),
        "warning_count": len(response.warnings) + sum(
            len(t.warnings) for t in response.travellers),
        "depersonalised": _depersonalised(response.warnings)}
    yield "responses", {
        "message_id": message_id, "response_kind": response.response_kind.value,
        "message_status": response.message_status.value if response.message_status else None,
        "message_codes": _codes(response.message_codes),
        "message_texts": list(response.message_texts), "code_table": response.code_table,
        "flight_count": len(response.flights), "traveller_count": len(response.travellers)}
    for index, f in enumerate(response.flights, 1):
        yield "flight_legs", {
            "message_id": message_id, "leg_index": index, "carrier": f.carrier,
            "flight_number": f.flight_number, "flight_designator": f.flight_designator,
            "departure_airport": f.departure_airport, "arrival_airport": f.arrival_airport,
            "scheduled_departure": f.scheduled_departure,
            "scheduled_arrival": f.scheduled_arrival,
            "departure_location_function": f.departure_location_function,
            "arrival_location_function": f.arrival_location_function,
            "segment_index": f.segment_index}
    for index, t in enumerate(response.travellers, 1):
        answer_id = f"{message_id}/{index}"
        yield "response_travellers", {
            "response_traveller_id": answer_id, "message_id": message_id,
            "traveller_index": index, "error_point_level": t.error_point_level,
            "reservation_number": t.reservation_number,
            "unique_passenger_reference": t.unique_passenger_reference,
            "directive": t.directive.value, "codes": _codes(t.codes),
            "references": [{"qualifier": r.qualifier, "value": r.value} for r in t.references],
            "free_texts": list(t.free_texts), "warning_count": len(t.warnings),
            "segment_index": t.segment_index, "offset": t.offset}
        for segment in t.unrecognised_segments:
            yield "segments", _segment_row(segment, input_name, message_id, None, None,
                                           "response_traveller", answer_id)
        for defect in t.warnings:
            yield "defects", _defect_row(defect, input_name, message_id, None, None,
                                         answer_id)
    for segment in response.unrecognised_segments:
        yield "segments", _segment_row(segment, input_name, message_id, None, None, "message",
                                       message_id)
    for defect in response.warnings:
        yield "defects", _defect_row(defect, input_name, message_id, None)


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
    """Every table of the results as a ``pyarrow.Table`` (name -> table, all of
    :data:`TABLES`, empty ones included). Raises ``ImportError`` without pyarrow."""
    pa, _ = _pyarrow()
    items = [results] if isinstance(results, ParseResult) else results
    buffers = {name: _Columns(name) for name in TABLES}
    with paused_gc():  # many small dicts and lists, no cycles
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
        counts = self.row_counts
        limit = self.row_group_rows
        with paused_gc():  # many small dicts and lists, no cycles
            for table, row in rows(result):
                buffer = buffers[table]
                buffer.add(row)
                counts[table] += 1
                if buffer.count >= limit:
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
