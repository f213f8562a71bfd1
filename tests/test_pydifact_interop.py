"""Converting whole interchanges to and from pydifact objects."""

from __future__ import annotations

import warnings

import pytest

from paxdata.edifact import read
from paxdata.edifact.pydifact_compat import from_pydifact_interchange, to_pydifact_interchange
from paxdata.errors import EdifactSyntaxError
from support import sample


def test_round_trip_through_pydifact() -> None:
    original = read(sample("paxlst_passenger_list.edi"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = to_pydifact_interchange(original.interchanges[0])
        assert theirs.control_reference == "000000123"
        back = from_pydifact_interchange(theirs)
    assert back.messages[0].segments == original.messages[0].segments
    assert [g.header.reference for g in back.interchanges[0].groups] == ["G000123"]
    assert list(back.all_warnings()) == []


def test_pydifact_refusal_is_a_located_paxdata_error() -> None:
    doc = read("UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'UNT+3+1'")  # no UNB at all
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(EdifactSyntaxError) as caught:
            to_pydifact_interchange(doc.interchanges[0])
    assert "pydifact cannot represent" in str(caught.value)
