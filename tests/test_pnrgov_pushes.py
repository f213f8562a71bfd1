"""PNRGOV over time: multi-part pushes, the latest version of each PNR, the CLI and JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import paxdata
from paxdata import STRICT, DefectError
from paxdata.cli import main as cli_main
from paxdata.pnrgov import PnrgovMessage, latest_pnrs, reassemble
from paxdata.serializers.json import message_to_json
from support import SAMPLES, sample


def message(name: str) -> PnrgovMessage:
    (found,) = paxdata.parse(sample(name), name=name).messages
    assert isinstance(found, PnrgovMessage)
    return found


def with_header(text: bytes, unb: str, unh_tail: str) -> bytes:
    """A sample with another UNB date/time and UNH S010."""
    out = text.decode("ascii")
    out = out.replace("250317:2100+0000005001", unb).replace("+01:C'", unh_tail)
    return out.encode("ascii")


class TestReassembly:
    def test_parts_join_and_eqn_counts_all_parts(self) -> None:
        part1, part2 = message("pnrgov_multipart_01.edi"), message("pnrgov_multipart_02.edi")
        assert (part1.part_number, part1.is_first_part, part1.is_last_part) == (1, True, False)
        assert (part2.part_number, part2.is_first_part, part2.is_last_part) == (2, False, True)
        assert part1.warnings == () and part2.warnings == ()  # EQN 3 is the whole push
        (push,) = reassemble([part2, part1])
        assert push.complete and push.missing_parts == () and push.warnings == ()
        assert push.key == ("XX", "XX0202/180325/0900")
        assert [p.record_locator for p in push.message.pnrs] == ["MPA001", "MPA002", "MPA003"]
        assert push.message.declared_pnr_count == 3
        assert (push.message.part_number, push.message.is_last_part) == (None, True)

    def test_missing_part(self) -> None:
        (push,) = reassemble([message("pnrgov_multipart_01.edi")])
        assert not push.complete
        assert push.missing_parts == (2,)
        assert [w.code for w in push.warnings] == ["PNR-PART-MISSING"]
        with pytest.raises(DefectError):
            reassemble([message("pnrgov_multipart_01.edi")], policy=STRICT)

    def test_duplicate_part_and_count_mismatch(self) -> None:
        part1, part2 = message("pnrgov_multipart_01.edi"), message("pnrgov_multipart_02.edi")
        (push,) = reassemble([part1, part1, part2])
        assert push.duplicate_parts == (1,)
        assert [w.code for w in push.warnings] == ["PNR-PART-DUPLICATE"]
        more = paxdata.parse(sample("pnrgov_multipart_01.edi").replace(b"EQN+3", b"EQN+4"))
        (other,) = more.messages
        assert isinstance(other, PnrgovMessage)
        (push,) = reassemble([other, part2])
        assert [w.code for w in push.warnings] == ["PNR-PART-INCONSISTENT",
                                                  "PNR-COUNT-MISMATCH"]

    def test_complete_message_is_its_own_push(self) -> None:
        full = message("pnrgov_full_push.edi")
        (push,) = reassemble([full])
        assert push.complete and push.message is full


class TestLatestVersion:
    def test_update_push_supersedes_and_cancels(self) -> None:
        full, update = message("pnrgov_full_push.edi"), message("pnrgov_update_push.edi")
        latest = latest_pnrs([full, update])
        assert [v.key for v in latest.pnrs] == [("1X", "ABC123"), ("XX", "UIO321")]
        changed = latest.pnrs[0]
        assert changed.message is update and changed.versions == 2
        assert changed.pnr.last_modified_at == datetime(2025, 3, 16, 6, 45, tzinfo=UTC)
        assert [s.number for s in changed.pnr.travellers[0].seats] == ["14C"]
        assert [v.key for v in latest.cancelled] == [("XX", "RTY789")]
        assert latest.cancelled[0].message is update
        assert latest.dropped == () and latest.unkeyed == ()
        assert latest.get("XX", "RTY789") is latest.cancelled[0]

    def test_order_by_last_change_not_arrival(self) -> None:
        full, update = message("pnrgov_full_push.edi"), message("pnrgov_update_push.edi")
        latest = latest_pnrs([update, full])  # the update arrives first: still the latest
        assert latest.get("1X", "ABC123").message is update  # type: ignore[union-attr]
        assert [v.key for v in latest.cancelled] == [("XX", "RTY789")]

    def test_pnr_missing_from_a_later_full_push_is_dropped(self) -> None:
        full = message("pnrgov_full_push.edi")
        text = sample("pnrgov_update_push.edi").replace(b"MSG+:141", b"MSG+:22").replace(
            b"SRC'\nRCI+XX:RTY789::050225:0930'\nORG'\n", b"")
        later = paxdata.parse(text).messages[0]
        assert isinstance(later, PnrgovMessage)
        assert "PNR-COUNT-MISMATCH" in [w.code for w in later.warnings]
        latest = latest_pnrs([full, later])
        assert [v.key for v in latest.pnrs] == [("1X", "ABC123")]
        assert sorted(v.key[1] for v in latest.dropped) == ["RTY789", "UIO321"]

    def test_assembled_pushes_are_accepted(self) -> None:
        pushes = reassemble([message("pnrgov_multipart_01.edi"),
                             message("pnrgov_multipart_02.edi")])
        latest = latest_pnrs(pushes)
        assert [v.pnr.record_locator for v in latest.pnrs] == ["MPA001", "MPA002", "MPA003"]


#: The fields the issue lists under "CLI and JSON".
ISSUE_PNR_FIELDS = frozenset({
    "record_locator", "booking_system", "created_at", "last_modified_at", "cancelled",
    "originator", "contacts", "travellers", "itinerary", "split_pnrs", "history", "warnings"})
ISSUE_TRAVELLER_FIELDS = frozenset({
    "surname", "given_names", "title", "passenger_type", "traveller_reference", "gender",
    "date_of_birth", "nationality", "documents", "frequent_flyer", "tickets", "payments",
    "ssrs", "seats", "bags", "check_in"})
ISSUE_ITINERARY_FIELDS = frozenset({
    "carrier", "flight_number", "operating_carrier", "operating_flight_number",
    "booking_class", "departure_airport", "arrival_airport", "scheduled_departure",
    "scheduled_arrival", "status"})


class TestJsonAndCli:
    def test_cli_json_has_the_contract_fields(self, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
        status = cli_main(["parse", str(SAMPLES / "pnrgov_full_push.edi")])
        assert status == 0
        out = json.loads(capsys.readouterr().out)
        (doc,) = out["messages"]
        assert next(iter(doc)) == "message_type" and doc["message_type"] == "PNRGOV"
        assert (doc["version"], doc["push_type"], doc["declared_pnr_count"]) == (
            "13:1", "full", 3)
        assert doc["flight"]["flight_designator"] == "XX0101"
        assert doc["flight"]["scheduled_departure"] == "2025-03-17T16:00"  # local: no offset
        pnr = doc["pnrs"][0]
        assert set(pnr) >= ISSUE_PNR_FIELDS
        assert pnr["last_modified_at"] == "2025-03-15T08:15+00:00"  # DAT: UTC
        traveller = pnr["travellers"][0]
        assert set(traveller) >= ISSUE_TRAVELLER_FIELDS
        assert traveller["documents"][0] == {
            "type": "P", "number": "123456789", "issuing_country": "GBR",
            "issuing_place": None, "expiry_date": "2030-01-01", "issue_date": None,
            "unrecognised_segments": [], "segment_index": 19}
        assert traveller["tickets"][0]["number"] == "1252100000001"
        assert traveller["ssrs"][1]["details"]["date_of_birth"] == "1985-04-12"
        assert set(pnr["itinerary"][1]) >= ISSUE_ITINERARY_FIELDS
        assert pnr["itinerary"][1]["operating_flight_number"] == "0102"

    def test_cli_exit_codes(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                            ) -> None:
        quirks = str(SAMPLES / "pnrgov_quirks.edi")
        assert cli_main(["parse", "--format", "jsonl", "-o", str(tmp_path / "o.jsonl"),
                         quirks]) == 0
        line = json.loads((tmp_path / "o.jsonl").read_text())
        assert line["message_type"] == "PNRGOV" and line["input"] == quirks
        assert cli_main(["parse", "--strict", "-o", str(tmp_path / "o.json"), quirks]) == 1
        assert "is not a segment tag" in capsys.readouterr().err

    def test_message_to_json_of_the_update_push(self) -> None:
        out = message_to_json(message("pnrgov_update_push.edi"))
        assert out["push_type"] == "update"
        assert out["pnrs"][1]["cancelled"] is True
        assert out["pnrs"][1]["originator"]["empty"] is True
        assert out["pnrs"][1]["warnings"][0]["code"] == "PNR-CANCELLED"
