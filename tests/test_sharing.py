"""Sharing formats: JSON Lines with provenance, the published JSON Schema checked against
real output, and the Parquet tables with their join keys."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import paxdata
from paxdata.cli import main
from paxdata.depersonalise import FIELD_ACTIONS, Depersonaliser, depersonalise
from paxdata.edifact import Segment
from paxdata.pnrgov import UnreadablePnr
from paxdata.serializers import schema as schema_module
from paxdata.serializers.arrow import TABLE_SCHEMA_VERSION, TABLES, tables, write_parquet
from paxdata.serializers.json import dumps, result_to_json
from paxdata.serializers.jsonl import iter_lines, iter_records
from paxdata.serializers.schema import SCHEMA_FILES, document_schema, jsonl_schema, render
from support import ROOT, SAMPLES, corpus_files, needs_shared, sample

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

PASSENGERS = "paxlst_passenger_list.edi"
PUSH = "pnrgov_full_push.edi"
EXCEPTIONS = "cusres_exceptions.edi"
KEY = b"sharing-test-key-0123456789"


def parsed(name: str) -> paxdata.ParseResult:
    return paxdata.parse(sample(name), name=name)


# ---------------------------------------------------------------- JSON Lines
def test_one_traveller_per_line_with_provenance() -> None:
    data = sample(PASSENGERS)
    lines = [json.loads(line) for line in iter_lines([parsed(PASSENGERS)])]
    assert [line["record"] for line in lines] == [
        "message", "traveller", "traveller", "traveller", "input"]
    doe = lines[1]
    assert doe["provenance"] == {"input": PASSENGERS, "interchange_reference": "000000123",
                                 "message_reference": "M0001", "segment_index": 11,
                                 "offset": data.index(b"NAD+FL+++DOE")}
    assert doe["traveller"]["surname"] == "DOE"
    assert doe["traveller"]["documents"][0]["number"] == "123456789"
    assert doe["message"]["flight_legs"][0]["flight_designator"] == "XX101"
    assert doe["message"]["list_type"] == "passenger"
    assert lines[0]["item_count"] == 3 and "travellers" not in lines[0]["message"]
    assert lines[0]["provenance"]["offset"] == data.index(b"UNH+M0001")
    assert lines[-1]["message_count"] == 1 and lines[-1]["provenance"]["input"] == PASSENGERS


def test_every_message_and_input_has_a_line() -> None:
    text = ("UNB+UNOA:1+AA+USCS+020131:2300+1'UNH+1+PAXLST:001:000:NZ'UNS+D'UNT+3+1'"
            "UNZ+1+1'")
    records = list(iter_records([paxdata.parse(text, name="legacy.edi")]))
    assert [r["record"] for r in records] == ["message", "input"]
    assert records[0]["message"]["segments"][1]["tag"] == "UNS"
    assert records[1]["errors"][0]["code"] == "MSG-UNSUPPORTED"


def test_line_counts_for_every_sample() -> None:
    for path in sorted(SAMPLES.glob("paxlst_*.edi")):
        result = paxdata.parse(path.read_bytes(), name=path.name)
        lines = list(iter_lines([result]))
        travellers = sum(len(p.travellers) for p in result.passenger_lists)
        assert len(lines) == len(result.messages) + travellers + 1, path.name


# ---------------------------------------------------------------- JSON Schema
def test_published_schema_files_are_generated_from_the_records() -> None:
    generated = {"document": render(document_schema()), "jsonl": render(jsonl_schema())}
    for name, which in SCHEMA_FILES.items():
        for folder in (Path(schema_module.__file__).parent, ROOT / "docs"):
            assert (folder / name).read_text(encoding="utf-8") == generated[which], (
                f"{folder / name} is stale: python -m paxdata.serializers.schema --write")


def _validators() -> tuple[object, object]:
    checker = jsonschema.FormatChecker()
    doc = jsonschema.Draft202012Validator(document_schema(strict=True), format_checker=checker)
    line = jsonschema.Draft202012Validator(jsonl_schema(strict=True), format_checker=checker)
    return doc, line


def _check(validators: tuple[object, object], result: paxdata.ParseResult) -> None:
    doc, line = validators
    document = json.loads(dumps(result_to_json(result)))
    errors = list(doc.iter_errors(document))  # type: ignore[attr-defined]
    assert not errors, (result.input_name, errors[0].message[:300], list(errors[0].absolute_path))
    for text in iter_lines([result]):
        errors = list(line.iter_errors(json.loads(text)))  # type: ignore[attr-defined]
        assert not errors, (result.input_name, errors[0].message[:300])


def test_real_output_of_every_sample_validates() -> None:
    validators = _validators()
    for path in sorted(SAMPLES.glob("*.edi")):
        result = paxdata.parse(path.read_bytes(), name=path.name)
        _check(validators, result)
        _check(validators, depersonalise(result, KEY, birth_year=True))
        _check(validators, depersonalise(result, KEY))


def test_schema_rejects_what_the_contract_does_not_allow() -> None:
    doc, _ = _validators()
    good = json.loads(dumps(result_to_json(parsed(PASSENGERS))))
    assert not list(doc.iter_errors(good))  # type: ignore[attr-defined]
    traveller = good["messages"][0]["travellers"][0]
    for change in ({"date_of_birth": "12/04/1985"}, {"nickname": "JJ"}, {"gender": 1},
                   {"role": "pilot"}):
        bad = json.loads(json.dumps(good))
        bad["messages"][0]["travellers"][0] = {**traveller, **change}
        assert list(doc.iter_errors(bad)), change  # type: ignore[attr-defined]
    missing = json.loads(json.dumps(good))
    del missing["messages"][0]["travellers"][0]["surname"]
    assert list(doc.iter_errors(missing))  # type: ignore[attr-defined]


@needs_shared
@pytest.mark.shared
def test_real_output_of_the_corpus_validates() -> None:
    validators = _validators()
    files = corpus_files("paxlst") + corpus_files("pnrgov_edi")[:6] + corpus_files("cusres")[:6]
    assert len(files) > 60
    for path in files:
        _check(validators, paxdata.parse(path.read_bytes(), name=path.name))


# ---------------------------------------------------------------- Parquet
def test_tables_join_on_their_keys(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    pq = pytest.importorskip("pyarrow.parquet")
    names = sorted(p.name for p in SAMPLES.glob("paxlst_*.edi"))
    paths = write_parquet([parsed(n) for n in names], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    tables = {name: pq.read_table(path) for name, path in paths.items()}
    meta = tables["travellers"].schema.metadata
    assert meta[b"paxdata.table_schema_version"] == TABLE_SCHEMA_VERSION.encode()
    assert tables["travellers"].column_names == [c for c, _, _ in TABLES["travellers"]]
    messages = tables["messages"].to_pylist()
    travellers = tables["travellers"].to_pylist()
    documents = tables["documents"].to_pylist()
    assert {t["message_id"] for t in travellers} <= {m["message_id"] for m in messages}
    assert {d["traveller_id"] for d in documents} <= {t["traveller_id"] for t in travellers}
    first = next(m for m in messages if m["input_name"] == PASSENGERS)
    assert first["message_id"] == f"{PASSENGERS}@{sample(PASSENGERS).index(b'UNH')}"
    assert first["traveller_count"] == 3 and first["declared_total"] == 187
    silva = next(t for t in travellers if t["surname"] == "SILVA")
    assert silva["traveller_id"] == first["message_id"] + "/3"
    assert silva["given_names"] == ["ANA LUCIA"] and silva["role"] == "in_transit_passenger"
    assert [d["type"] for d in documents if d["traveller_id"] == silva["traveller_id"]] == [
        "P", "V"]
    assert {m["input_name"] for m in tables["inputs"].to_pylist()} == set(names)


def test_duckdb_reads_the_files_directly(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is optional (shows direct reading)")
    write_parquet([parsed(PASSENGERS), parsed("paxlst_crew_list.edi")], tmp_path)
    rows = duckdb.connect().execute(f"""
        select l.flight_designator, t.role, count(*) as travellers, count(d.document_id)
        from read_parquet('{tmp_path}/travellers.parquet') t
        join read_parquet('{tmp_path}/flight_legs.parquet') l using (message_id)
        left join read_parquet('{tmp_path}/documents.parquet') d using (traveller_id)
        group by all order by all""").fetchall()
    # one row per traveller and document: SILVA (in transit) and KOWALSKI carry two
    assert rows == [("XX101", "crew", 3, 3), ("XX101", "in_transit_crew", 1, 1),
                    ("XX101", "in_transit_passenger", 2, 2), ("XX101", "passenger", 2, 2)]


def test_depersonalised_birth_year_goes_to_its_own_column() -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    out = tables(depersonalise(parsed(PASSENGERS), KEY, birth_year=True))
    rows = out["travellers"].to_pylist()
    assert [(r["date_of_birth"], r["birth_year"]) for r in rows] == [
        (None, 1985), (None, 1979), (None, 2002)]
    assert out["messages"].to_pylist()[0]["depersonalised"] is True


def test_table_columns_are_documented() -> None:
    text = (ROOT / "docs" / "sharing.md").read_text()
    for table, columns in TABLES.items():
        assert f"### `{table}`" in text, table
        for name, kind, meaning in columns:
            assert f"| `{name}` | {kind} | {meaning} |" in text, (table, name)


# ---------------------------------------------------------------- Parquet: PNRGOV and CUSRES
def _pyarrow_tables(names: list[str]) -> dict[str, list[dict[str, Any]]]:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    return {name: table.to_pylist() for name, table in tables([parsed(n) for n in names]).items()}


def test_pnr_tables_join_on_their_keys() -> None:
    out = _pyarrow_tables([PUSH])
    data = sample(PUSH)
    message_id = f"{PUSH}@{data.index(b'UNH')}"
    [message], [push] = out["messages"], out["pushes"]
    assert (message["message_id"], message["message_type"], message["message_function"],
            message["traveller_count"], message["leg_count"]) == (
        message_id, "PNRGOV", "22", 5, 1)
    assert (push["push_type"], push["declared_pnr_count"], push["pnr_count"],
            push["flight_designator"]) == ("full", 3, 3, "XX0101")
    assert push["originator"]["system"] == "XX"
    assert [(leg["flight_designator"], leg["scheduled_departure"]) for leg in out["flight_legs"]
            ] == [("XX0101", datetime(2025, 3, 17, 16, 0))]
    pnrs = out["pnrs"]
    assert [(p["pnr_id"], p["record_locator"], p["traveller_count"], p["readable"])
            for p in pnrs] == [(f"{message_id}/1", "ABC123", 3, True),
                               (f"{message_id}/2", "RTY789", 1, True),
                               (f"{message_id}/3", "UIO321", 1, True)]
    first = pnrs[0]
    assert first["offset"] == data.index(b"SRC")
    assert (first["created_at"], first["created_date"]) == (
        datetime(2025, 2, 1, 12, 10, tzinfo=UTC), date(2025, 2, 1))
    assert [r["locator"] for r in first["record_locators"]] == ["ABC123", "QWE456"]
    travellers = out["pnr_travellers"]
    amelia = travellers[0]
    assert (amelia["pnr_traveller_id"], amelia["surname"], amelia["given_names"],
            amelia["title"], amelia["date_of_birth"], amelia["birth_year"]) == (
        f"{message_id}/1/1", "QUILLFEATHER", ["AMELIA"], "MRS", date(1985, 4, 12), 1985)
    assert [d["number"] for d in out["pnr_documents"]
            if d["pnr_traveller_id"] == amelia["pnr_traveller_id"]] == ["123456789", "V9876543"]
    # every child row joins its parents
    traveller_ids = {t["pnr_traveller_id"] for t in travellers}
    pnr_ids = {p["pnr_id"] for p in pnrs}
    itinerary_ids = {i["itinerary_id"] for i in out["itinerary"]}
    history_ids = {h["history_id"] for h in out["history"]}
    for table in ("pnr_travellers", "pnr_documents", "itinerary", "tickets", "payments",
                  "ssrs", "contacts", "addresses", "remarks", "frequent_flyers", "seats",
                  "check_ins", "bags", "split_pnrs", "non_air_products", "history"):
        rows = out[table]
        assert rows, table
        assert {r["pnr_id"] for r in rows} <= pnr_ids, table
        assert {r["message_id"] for r in rows} == {message_id}, table
        if table != "pnr_travellers" and "pnr_traveller_id" in rows[0]:
            assert {r["pnr_traveller_id"] for r in rows} - {None} <= traveller_ids, table
        if "itinerary_id" in rows[0] and table != "itinerary":
            assert {r["itinerary_id"] for r in rows} - {None} <= itinerary_ids, table
        if "history_id" in rows[0] and table != "history":
            assert {r["history_id"] for r in rows} - {None} <= history_ids, table
    # where things are: an SSR of a flight segment naming a traveller is the traveller's;
    # the OSI of a segment is the segment's; the cancelled history segment is history
    vgml = next(r for r in out["ssrs"] if r["code"] == "VGML")
    assert vgml["pnr_traveller_id"] == f"{message_id}/1/3" and vgml["flight"] == "XX0101"
    osi = next(r for r in out["remarks"] if r["lines"] == ["WCHR AT GATE FOR 1A"])
    assert osi["itinerary_id"] == f"{message_id}/1/1" and osi["pnr_traveller_id"] is None
    current = [i for i in out["itinerary"] if i["pnr_id"] == first["pnr_id"]
               and i["history_id"] is None]
    assert len(current) == first["itinerary_count"] == 2
    cancelled = [i for i in out["itinerary"] if i["history_id"] is not None]
    assert [(i["status"], i["departure_date"]) for i in cancelled] == [("XX", date(2025, 3, 16))]
    history = {h["history_id"]: h for h in out["history"]}
    assert history[cancelled[0]["history_id"]]["action"] == "X"
    billing = next(a for a in out["addresses"] if a["payment_id"] is not None)
    assert billing["purpose"] == "702" and billing["payment_id"] == f"{message_id}/1/1/1"
    pool = [(b["pool"], b["pool_reference"], [t["numbers"] for t in b["tags"]])
            for b in out["bags"]]
    assert pool == [("HP", None, [["0125123456", "0125123457"]]),
                    ("MP", "0125123456", [["0125123458"]])]
    hotel = out["non_air_products"][0]
    assert (hotel["business_function"], hotel["product"], hotel["start"], hotel["end"]) == (
        "8", "GRAND AVENUE HOTEL", datetime(2025, 3, 17, 15, 0), datetime(2025, 3, 20, 11, 0))
    assert [s["kept_on"] for s in out["segments"]] == ["non_air"]
    assert out["segments"][0]["record_id"] == hotel["non_air_id"]
    assert [(s["number"], s["source"]) for s in out["seats"]
            if s["pnr_traveller_id"] == amelia["pnr_traveller_id"]] == [
        ("23A", "SSR SEAT"), ("23A", "SSD")]


def test_cusres_tables_join_the_paxlst_they_answer() -> None:
    out = _pyarrow_tables([PASSENGERS, EXCEPTIONS])
    [response] = out["responses"]
    message = next(m for m in out["messages"] if m["message_type"] == "CUSRES")
    assert response["message_id"] == message["message_id"]
    assert (response["response_kind"], response["message_status"], response["code_table"],
            response["traveller_count"], message["transaction_reference"]) == (
        "response", "exception", "default", 3, "XX0101250310001")
    assert response["message_texts"] == ["LIST ACCEPTED WITH EXCEPTIONS: SEE TRAVELLERS"]
    answers = out["response_travellers"]
    assert [(a["unique_passenger_reference"], a["directive"], a["free_texts"]) for a in answers] == [
        ("XX0101001", "board", ["OK TO BOARD"]),
        ("XX0101002", "unknown", ["REFER TO DUTY OFFICER"]),  # 7Z: not in the default table
        ("XX0101999", "insufficient_data", ["INSUFFICIENT DATA"])]
    assert answers[0]["codes"][0]["code"] == "0Z"
    legs = [leg for leg in out["flight_legs"] if leg["message_id"] == response["message_id"]]
    assert [(leg["flight_designator"], leg["departure_airport"], leg["arrival_airport"])
            for leg in legs] == [("XX101", "LHR", "JFK")]
    paxlst = next(m for m in out["messages"] if m["message_type"] == "PAXLST")
    assert paxlst["transaction_reference"] == message["transaction_reference"]


def test_an_unreadable_pnr_is_a_row_with_its_segments() -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    result = parsed(PUSH)
    push = result.pnrgov_messages[0]
    broken = UnreadablePnr("ZZZ999", "PNR ZZZ999 could not be built", (
        Segment("SRC", (), 50, 2000), Segment("TIF", (("BLACKTHORN",),), 51, 2004)), 50, 2000)
    changed = attrs.evolve(result, messages=(attrs.evolve(push, unreadable_pnrs=(broken,)),))
    out = {name: t.to_pylist() for name, t in tables(changed).items()}
    assert [(p["record_locator"], p["readable"]) for p in out["pnrs"]] == [
        ("ABC123", True), ("ZZZ999", False), ("RTY789", True), ("UIO321", True)]
    assert out["pnrs"][1]["unreadable_reason"] == "PNR ZZZ999 could not be built"
    kept = [s for s in out["segments"] if s["kept_on"] == "unreadable_pnr"]
    assert [(s["tag"], s["pnr_id"]) for s in kept] == [("SRC", out["pnrs"][1]["pnr_id"])] * 1 + [
        ("TIF", out["pnrs"][1]["pnr_id"])]
    assert out["pushes"][0]["unreadable_pnr_count"] == 1


def test_duckdb_runs_the_documented_queries(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is optional (shows direct reading)")
    write_parquet([parsed(n) for n in (PASSENGERS, PUSH, EXCEPTIONS, "pnrgov_quirks.edi")],
                  tmp_path)
    text = (ROOT / "docs" / "sharing.md").read_text()
    block = text[text.index("```sql", text.index("## Parquet tables")):]
    queries = block[6:block.index("```", 6)].replace("'out/", f"'{tmp_path}/").split(";")
    db = duckdb.connect()
    results = [db.execute(q).fetchall() for q in queries if q.strip()]
    assert len(results) == 4
    assert sorted(results[1], key=str) == [
        ("XX0101", "FRA", 1), ("XX0101", "GBR", 2), ("XX0101", "IRL", 1),
        ("XX0101", None, 1), ("XX0988", "DEU", 1), ("XX0988", None, 2)]
    assert sorted(results[2]) == [(f"{PUSH}@{sample(PUSH).index(b'UNH')}/1", "XX0101",
                                   "LHR", "JFK"),
                                  (f"{PUSH}@{sample(PUSH).index(b'UNH')}/1", "YY4410",
                                   "JFK", "LHR")]
    assert sorted(results[3]) == [(f"{PASSENGERS}@{sample(PASSENGERS).index(b'UNH')}/1",
                                   "board"),
                                  (f"{PASSENGERS}@{sample(PASSENGERS).index(b'UNH')}/2",
                                   "unknown")]


def test_depersonalised_pnr_tables() -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    out = {name: t.to_pylist() for name, t in
           tables(depersonalise(parsed(PUSH), KEY, birth_year=True)).items()}
    worker = Depersonaliser(KEY)
    travellers = out["pnr_travellers"]
    assert [(t["surname"], t["date_of_birth"], t["birth_year"], t["nationality"])
            for t in travellers[:3]] == [(None, None, 1985, "GBR"), (None, None, 2024, "GBR"),
                                         (None, None, 1979, "IRL")]
    assert out["pnrs"][0]["record_locator"] == worker.pseudonym("record_locator", "ABC123")
    assert out["messages"][0]["depersonalised"] is True
    assert {p["account_number"] for p in out["payments"]} == {None}
    assert {s["text"] for s in out["ssrs"]} == {None}
    assert "VGML" not in {s["code"] for s in out["ssrs"]}  # Art. 13(4)


def test_convert_to_parquet_reads_pnrgov_and_cusres(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    pq = pytest.importorskip("pyarrow.parquet")
    inputs = [str(p) for p in sorted(SAMPLES.glob("*.edi"))]
    assert main(["convert", *inputs, "--to", "parquet", "--out", str(tmp_path),
                 "--no-progress"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    counts = {t: pq.read_metadata(tmp_path / f"{t}.parquet").num_rows for t in TABLES}
    assert (counts["pushes"], counts["pnrs"], counts["responses"],
            counts["response_travellers"]) == (5, 10, 3, 7)
    schema = pq.read_schema(tmp_path / "pnrs.parquet")
    assert schema.metadata[b"paxdata.table"] == b"pnrs"
    # Parquet keeps seconds as milliseconds; the UTC zone is kept
    assert str(schema.field("created_at").type) == "timestamp[ms, tz=UTC]"


#: The legal source written in docs/sharing.md for each category of the rules.
LEGAL_SOURCES = {"names": "Art. 12(2)(a)", "address_contact": "Art. 12(2)(b)",
                 "payment": "Art. 12(2)(c)", "frequent_flyer": "Art. 12(2)(d)",
                 "general_remarks": "Art. 12(2)(e)", "api_data": "Art. 12(2)(f)",
                 "linking_identifier": "Art. 12(2) chapeau",
                 "staff": "Directive (EU) 2016/680 Art. 4(1)(c)",
                 "raw": "unknown content",
                 "defect_text": "defect messages quote the values they concern"}


def test_depersonalised_fields_are_documented_with_their_legal_source() -> None:
    text = (ROOT / "docs" / "sharing.md").read_text()
    rows = {line.split(" | ")[0].strip("| `"): line for line in text.splitlines()
            if line.startswith("| `") and "." in line.split(" | ")[0]}
    listed = 0
    for record, fields in FIELD_ACTIONS.items():
        for name, rule in fields.items():
            row = rows.get(f"{record}.{name}")
            if rule["action"] == "keep":
                assert row is None, f"{record}.{name} is kept, not masked"
                continue
            assert row is not None, f"{record}.{name} is not in docs/sharing.md"
            assert row.endswith(f"| {LEGAL_SOURCES[rule['category']]} |"), row
            listed += 1
    assert listed > 100


def test_a_message_without_a_byte_offset_is_keyed_by_its_position() -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs the paxdata[arrow] extra")
    result = parsed(PUSH)  # as a PNRGOV XML push comes: no UNH, no byte offset
    push = result.pnrgov_messages[0]
    xml_like = attrs.evolve(push, envelope=attrs.evolve(push.envelope, message_offset=None))
    out = tables(attrs.evolve(result, messages=(xml_like,)))
    assert out["messages"].to_pylist()[0]["message_id"] == f"{PUSH}#1"
    assert out["pnrs"].to_pylist()[0]["pnr_id"] == f"{PUSH}#1/1"
