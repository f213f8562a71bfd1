"""Validation speed beside parse speed, in one process, on synthetic PAXLST lists.

Uses the lists of ``bench_paxlst.py`` (10 segments per traveller, a line break after each
segment, one name in fifty with a release character; dated 2025-03-10) and measures,
interleaved and best of several rounds:

Surnames carry no digits here (see :func:`make_list`), so the lists are clean.

* ``parse``: ``paxdata.parse`` (typed records), the reference;
* ``validate``: ``paxdata.validation.validate`` on the raw bytes (profile ``wco``): one
  tokenization, typed records, every envelope, syntax and PAXLST rule;
* ``validate_parsed``: ``validate`` on an existing ``ParseResult`` (record rules and
  recorded defects only; the parse itself is not counted);
* ``cli_text``: ``paxdata validate FILE`` in-process, output to /dev/null.

Figures are travellers per second. Usage:
``python benchmarks/bench_validate.py [--sizes 1,100,1000,10000] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import re
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_paxlst import make_paxlst

import paxdata
from paxdata.cli import main as cli_main
from paxdata.validation import validate

TODAY = date(2025, 3, 1)
_DIGITS = bytes.maketrans(b"0123456789", b"ABCDEFGHIJ")


def make_list(travellers: int) -> bytes:
    """bench_paxlst's list with the digits of surnames spelt as letters (TRAVELLER12 ->
    TRAVELLERBC), so that a clean list gives no finding and the figures measure checking,
    not reporting."""
    return re.sub(rb"(NAD\+FL\+\+\+[A-Z?']+)(\d+)",
                  lambda m: m.group(1) + m.group(2).translate(_DIGITS), make_paxlst(travellers))


def _best(func: Callable[[], object], rounds: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def _cli(path: str) -> int:
    with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())), \
            contextlib.redirect_stderr(io.StringIO()):
        return cli_main(["validate", "-o", "/dev/null", path])


def run(sizes: list[int], rounds: int, tmpdir: str) -> list[dict[str, float]]:
    """Measure every size; one row of seconds per contender and size."""
    rows = []
    validate(make_list(1), today=TODAY)   # load reference data outside the timings
    for size in sizes:
        data = make_list(size)
        path = f"{tmpdir}/paxlst_{size}.edi"
        Path(path).write_bytes(data)
        parsed = paxdata.parse(data)
        findings = validate(data, today=TODAY)
        assert findings == [], findings[:3]
        repeat = max(1, 2000 // max(size, 1)) if size < 1000 else 1
        contenders: dict[str, Callable[[], object]] = {
            "parse": partial(paxdata.parse, data),
            "validate": partial(validate, data, today=TODAY),
            "validate_parsed": partial(validate, parsed, today=TODAY),
            "cli_text": partial(_cli, path),
        }
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(rounds):   # interleaved: each round runs every contender once
            for name, func in contenders.items():
                best[name] = min(best[name], _best(func, 1, repeat))
        rows.append({"travellers": size, "bytes": len(data), **best})
    return rows


def main() -> None:
    """Print a Markdown table of the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,100,1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmpdir:
        rows = run(sizes, args.rounds, tmpdir)
    names = ("parse", "validate", "validate_parsed", "cli_text")
    print(f"Python {sys.version.split()[0]}, best of {args.rounds} rounds, travellers/s "
          "(time per list)\n")
    print("| travellers | input | " + " | ".join(names) + " | validate / parse |")
    print("|---|---|" + "---|" * len(names) + "---|")
    for row in rows:
        size = int(row["travellers"])
        cells = [f"{size / row[n]:,.0f}/s ({row[n] * 1000:.1f} ms)" for n in names]
        print(f"| {size:,} | {row['bytes'] / 1024:,.0f} KB | " + " | ".join(cells)
              + f" | {row['validate'] / row['parse']:.2f}x |")


if __name__ == "__main__":
    main()
