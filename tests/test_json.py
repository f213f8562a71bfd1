"""The JSON contract (docs/json.md): field names and value formats."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import paxdata
from paxdata.defects import KINDS
from paxdata.serializers.json import dumps, result_to_json
from support import ROOT, sample

MESSAGE_KEYS = {"message_type", "message_reference", "version", "list_type",
                "common_access_reference", "part_number", "is_last_part", "declared_total",
                "flight_legs", "travellers", "warnings"}
LEG_KEYS = {"carrier", "flight_number", "departure_airport", "arrival_airport",
            "scheduled_departure", "scheduled_arrival"}
TRAVELLER_KEYS = {"role", "surname", "given_names", "gender", "date_of_birth", "nationality",
                  "country_of_residence", "documents", "reservation_number", "seat",
                  "bag_tags", "warnings"}
DOCUMENT_KEYS = {"type", "number", "issuing_country", "expiry_date"}
WARNING_KEYS = {"code", "message", "segment_index", "tag"}


def as_json(name: str) -> dict:  # type: ignore[type-arg]
    result = paxdata.parse(sample(name), name=name)
    return json.loads(dumps(result_to_json(result)))


def test_contract_fields_are_present() -> None:
    out = as_json("paxlst_passenger_list.edi")
    assert out["schema_version"] == "1"
    message = out["messages"][0]
    assert message.keys() >= MESSAGE_KEYS
    assert message["flight_legs"][0].keys() >= LEG_KEYS
    for traveller in message["travellers"]:
        assert traveller.keys() >= TRAVELLER_KEYS
        for document in traveller["documents"]:
            assert document.keys() >= DOCUMENT_KEYS


def test_values_in_the_documented_formats() -> None:
    message = as_json("paxlst_passenger_list.edi")["messages"][0]
    assert (message["part_number"], message["is_last_part"], message["declared_total"]) == (1, True, 187)
    leg = message["flight_legs"][0]
    assert leg == {**leg, "carrier": "XX", "flight_number": "101", "departure_airport": "LHR",
                   "arrival_airport": "JFK", "scheduled_departure": "2025-03-10T16:00",
                   "scheduled_arrival": "2025-03-10T19:00"}
    obrien = message["travellers"][1]
    assert obrien["role"] == "passenger"
    assert obrien["given_names"] == ["PATRICK"]
    assert obrien["date_of_birth"] == "1979-01-01"
    assert (obrien["nationality"], obrien["country_of_residence"]) == ("IRL", "IRL")
    assert (obrien["reservation_number"], obrien["seat"]) == ("DEF456", "23B")
    assert message["envelope"]["prepared_at"] == "2025-03-10T14:05"


def test_warnings_are_located_objects() -> None:
    out = as_json("paxlst_type_b_envelopes.edi")
    assert out["warnings"]
    for warning in out["warnings"]:
        assert warning.keys() >= WARNING_KEYS
        assert warning["input"] == "paxlst_type_b_envelopes.edi"
    assert out["skipped"][0] == {"input": "paxlst_type_b_envelopes.edi", "offset": 0,
                                 "kind": "envelope", "length": 31}


def test_unrecognised_segments_are_kept_in_json() -> None:
    text = ("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XX1'"
            "LOC+125+LHR'LOC+87+JFK'NAD+FL+++A'XYZ+1:2+3'UNT+8+1'UNZ+1+1'")
    traveller = json.loads(dumps(result_to_json(paxdata.parse(text))))["messages"][0]["travellers"][0]
    assert traveller["unrecognised_segments"] == [
        {"tag": "XYZ", "elements": [["1", "2"], ["3"]], "segment_index": 7, "offset": text.index("XYZ")}]
    assert traveller["warnings"][0]["code"] == "PAX-SEGMENT-UNEXPECTED"


def test_defect_catalogue_is_documented() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "make_defects.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, "docs/defects.md is out of date: run docs/make_defects.py"


def test_every_reported_code_is_in_the_catalogue() -> None:
    used = set()
    for path in (ROOT / "src" / "paxdata").rglob("*.py"):
        if "validation" in path.parts:
            continue  # validation rule ids are their own catalogue (docs/validation.md)
        used |= set(re.findall(r'"((?:EDI|MSG|PAX)-[A-Z0-9-]+)"', path.read_text()))
    assert used <= set(KINDS), used - set(KINDS)
