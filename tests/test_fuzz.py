"""Coverage-guided fuzzing in CI: each atheris target runs for a bounded time.

``PAXDATA_FUZZ_SECONDS`` sets the time per target (default 45; 0 skips). A crash fails
the test and leaves the input under fuzz/crashes/<target>/: turn it into a regression
test by moving it to tests/regressions/ once fixed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from support import ROOT

SECONDS = int(os.environ.get("PAXDATA_FUZZ_SECONDS", "45"))
TARGETS = sorted(p.stem.removeprefix("fuzz_") for p in (ROOT / "fuzz").glob("fuzz_*.py"))

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                       reason="atheris is not installed (x86_64 Linux, Python 3.11 wheel)"),
    pytest.mark.skipif(SECONDS <= 0, reason="PAXDATA_FUZZ_SECONDS=0"),
]


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_target(target: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "run.py"), "--seconds", str(SECONDS), target],
        cwd=ROOT, capture_output=True, text=True, check=False)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
