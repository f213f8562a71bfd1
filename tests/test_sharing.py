"""Sharing formats: JSON Lines with provenance, the published JSON Schema checked against
real output, and the Parquet tables with their join keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import paxdata
from paxdata.depersonalise import depersonalise
from paxdata.serializers import schema as schema_module
from paxdata.serializers.arrow import TABLE_SCHEMA_VERSION, TABLES, tables, write_parquet
from paxdata.serializers.json import dumps, result_to_json
from paxdata.serializers.jsonl import iter_lines, iter_records
from paxdata.serializers.schema import SCHEMA_FILES, document_schema, jsonl_schema, render
from support import ROOT, SAMPLES, corpus_files, needs_shared, sample

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

PASSENGERS = "paxlst_passenger_list.edi"
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
        if path.name.startswith("paxlst_"):
            _check(validators, depersonalise(result, KEY, birth_year=True))


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
