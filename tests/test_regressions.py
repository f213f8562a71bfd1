"""Every input that once broke paxdata goes through every entry point again."""

from __future__ import annotations

from pathlib import Path

import pytest

from paxdata.testing import assert_round_trip
from support import ROOT
from test_hostile import check

REGRESSIONS = sorted(p for p in (ROOT / "tests" / "regressions").iterdir()
                     if p.suffix != ".md")


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_input(path: Path) -> None:
    check(path.read_bytes())
    assert_round_trip(path.read_bytes())
