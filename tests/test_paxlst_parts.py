"""Reassembling multi-part passenger lists (UNH 0068 common access reference + S010)."""

from __future__ import annotations

import attrs
import pytest

import paxdata
from paxdata import STRICT, DefectError
from paxdata.paxlst import PassengerList, reassemble
from support import sample


def lists(*names: str) -> list[PassengerList]:
    out: list[PassengerList] = []
    for name in names:
        out.extend(paxdata.parse(sample(name), name=name).passenger_lists)
    return out


def test_two_parts_in_two_interchanges() -> None:
    (whole,) = reassemble(lists("paxlst_multipart_02.edi", "paxlst_multipart_01.edi"))
    assert whole.complete
    assert whole.key == ("XXAIRLINE", "XX0202/250311/0900")
    assert [p.part_number for p in whole.parts] == [1, 2]
    merged = whole.passenger_list
    assert [t.surname for t in merged.travellers] == ["DUBOIS", "DUBOIS", "TREMBLAY", "NGUYEN"]
    assert merged.declared_total == 4
    assert merged.is_first_part and merged.is_last_part
    assert whole.warnings == ()


def test_parts_in_type_b_envelopes() -> None:
    (whole,) = reassemble(lists("paxlst_type_b_envelopes.edi"))
    assert whole.complete
    assert [t.surname for t in whole.passenger_list.travellers] == ["OKAFOR", "LARSEN"]


def test_missing_last_part() -> None:
    (partial,) = reassemble(lists("paxlst_multipart_01.edi"))
    assert not partial.complete
    assert partial.missing_parts == (2,)
    assert [w.code for w in partial.warnings] == ["PAX-PART-MISSING"]
    assert partial.warnings[0].location.message_reference == "MP1"


def test_missing_middle_part_and_duplicate() -> None:
    first, last = lists("paxlst_multipart_01.edi", "paxlst_multipart_02.edi")
    last_as_3 = attrs.evolve(last, part_number=3)
    (partial,) = reassemble([first, first, last_as_3])
    assert partial.missing_parts == (2,)
    assert partial.duplicate_parts == (1,)
    assert sorted(w.code for w in partial.warnings) == ["PAX-PART-DUPLICATE", "PAX-PART-MISSING"]


def test_missing_part_raises_when_strict() -> None:
    with pytest.raises(DefectError) as caught:
        reassemble(lists("paxlst_multipart_01.edi"), policy=STRICT)
    assert caught.value.code == "PAX-PART-MISSING"


def test_single_lists_stay_alone_and_keep_their_order() -> None:
    found = reassemble(lists("paxlst_passenger_list.edi", "paxlst_multipart_01.edi",
                             "paxlst_crew_list.edi", "paxlst_multipart_02.edi"))
    assert [a.passenger_list.message_reference for a in found] == ["M0001", "MP1", "C0001"]
    assert all(a.complete for a in found)


def test_inconsistent_parts_are_reported() -> None:
    first, last = lists("paxlst_multipart_01.edi", "paxlst_multipart_02.edi")
    (whole,) = reassemble([first, attrs.evolve(last, declared_total=9)])
    assert [w.code for w in whole.warnings] == ["PAX-PART-INCONSISTENT"]


def test_a_huge_part_number_is_out_of_range_not_a_hundred_million_gaps() -> None:
    first, last = lists("paxlst_multipart_01.edi", "paxlst_multipart_02.edi")
    (partial,) = reassemble([first, attrs.evolve(last, part_number=102865098)])
    assert partial.missing_parts == (2,)
    assert [w.code for w in partial.warnings] == ["PAX-PART-MISSING", "PAX-PART-INCONSISTENT"]
    assert "exceed 99" in partial.warnings[1].message
