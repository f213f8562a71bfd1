"""Validation speed beside parse speed, in one process, on synthetic PAXLST lists and
PNRGOV pushes.

PAXLST: the lists of ``bench_paxlst.py`` (10 segments per traveller, a line break after
each segment, one name in fifty with a release character; dated 2025-03-10). Surnames
carry no digits here (see :func:`make_list`), so the lists are clean. Figures are
travellers per second.

PNRGOV: the full pushes of ``bench_pnrgov.py`` (``make_push``: about 27 segments per PNR,
one traveller, two in every 66th, with SSR DOCS, ticket, itinerary segment, check-in and
history; flight of 2025-03-17), traveller names spelt without digits (see
:func:`make_clean_push`) so the pushes are clean under the ``pnrgov`` profile; and, when
``../shared`` is beside this checkout, the 40 synthetic full-flight pushes of the
reference corpus (``GTAS__SyntheticPNR__*``, with the findings they have). Figures are
PNRs per second.

Each is measured, interleaved and best of several rounds:

* ``parse``: ``paxdata.parse`` (typed records), the reference;
* ``validate``: ``paxdata.validation.validate`` on the raw bytes (profile ``wco`` for
  PAXLST, ``pnrgov`` for PNRGOV): one tokenization, typed records, every envelope, syntax
  and family rule;
* ``validate_parsed``: ``validate`` on an existing ``ParseResult`` (record rules and
  recorded defects only; the parse itself is not counted);
* ``cli_text``: ``paxdata validate FILE`` in-process, output to /dev/null.

Usage: ``python benchmarks/bench_validate.py [--family paxlst|pnrgov|both]
[--sizes 1,100,1000,10000] [--pnr-sizes 1,100,1000,10000] [--rounds 5]``
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
from bench_pnrgov import CORPUS, make_push

import paxdata
from paxdata.cli import main as cli_main
from paxdata.validation import validate

TODAY = date(2025, 3, 1)
_DIGITS = bytes.maketrans(b"0123456789", b"ABCDEFGHIJ")


def make_clean_push(pnrs: int) -> bytes:
    """bench_pnrgov's push with the digits of traveller names spelt as letters
    (``TIF+SURNAME12+GIVEN1MRS`` -> ``TIF+SURNAMEBC+GIVENBMRS``; references unchanged), so
    that the push breaks no PNRGOV rule."""
    return re.sub(rb"TIF\+([A-Z0-9]+)\+([A-Z0-9]+)",
                  lambda m: b"TIF+" + m.group(1).translate(_DIGITS) + b"+"
                  + m.group(2).translate(_DIGITS), make_push(pnrs))


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


def _cli(path: str, profile: str = "wco") -> int:
    with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())), \
            contextlib.redirect_stderr(io.StringIO()):
        return cli_main(["validate", "--profile", profile, "-o", "/dev/null", path])


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


def run_pnrgov(sizes: list[int], rounds: int, tmpdir: str) -> list[dict[str, float]]:
    """Measure every push size (PNRs); one row of seconds per contender and size."""
    rows = []
    validate(make_clean_push(1), "pnrgov", today=TODAY)
    for size in sizes:
        data = make_clean_push(size)
        path = f"{tmpdir}/pnrgov_{size}.edi"
        Path(path).write_bytes(data)
        parsed = paxdata.parse(data)
        findings = validate(data, "pnrgov", today=TODAY)
        assert findings == [], findings[:3]
        repeat = max(1, 500 // max(size, 1)) if size < 1000 else 1
        contenders: dict[str, Callable[[], object]] = {
            "parse": partial(paxdata.parse, data),
            "validate": partial(validate, data, "pnrgov", today=TODAY),
            "validate_parsed": partial(validate, parsed, "pnrgov", today=TODAY),
            "cli_text": partial(_cli, path, "pnrgov"),
        }
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(rounds):
            for name, func in contenders.items():
                best[name] = min(best[name], _best(func, 1, repeat))
        rows.append({"pnrs": size, "bytes": len(data), **best})
    return rows


def run_pnrgov_corpus(rounds: int) -> dict[str, float] | None:
    """The 40 synthetic full-flight pushes of the reference corpus, read and validated
    one after the other (``None`` when ../shared is absent)."""
    files = sorted(CORPUS.glob("GTAS__SyntheticPNR__*")) if CORPUS.is_dir() else []
    if not files:
        return None
    data = [f.read_bytes() for f in files]
    parsed = [paxdata.parse(d) for d in data]
    pnrs = sum(len(getattr(m, "pnrs", ())) for r in parsed for m in r.messages)
    findings = sum(len(validate(d, "pnrgov", today=TODAY)) for d in data)
    contenders: dict[str, Callable[[], object]] = {
        "parse": lambda: [paxdata.parse(d) for d in data],
        "validate": lambda: [validate(d, "pnrgov", today=TODAY) for d in data],
        "validate_parsed": lambda: [validate(r, "pnrgov", today=TODAY) for r in parsed],
    }
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, func in contenders.items():
            best[name] = min(best[name], _best(func, 1, 1))
    return {"files": len(files), "pnrs": pnrs, "findings": findings,
            "bytes": sum(len(d) for d in data), **best}


def _table(rows: list[dict[str, float]], unit: str, label: str) -> None:
    names = ("parse", "validate", "validate_parsed", "cli_text")
    print(f"| {label} | input | " + " | ".join(names) + " | validate / parse |")
    print("|---|---|" + "---|" * len(names) + "---|")
    for row in rows:
        size = int(row[unit])
        cells = [f"{size / row[n]:,.0f}/s ({row[n] * 1000:.1f} ms)" for n in names]
        print(f"| {size:,} | {row['bytes'] / 1024:,.0f} KB | " + " | ".join(cells)
              + f" | {row['validate'] / row['parse']:.2f}x |")


def main() -> None:
    """Print Markdown tables of the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--family", choices=("paxlst", "pnrgov", "both"), default="both")
    parser.add_argument("--sizes", default="1,100,1000,10000",
                        help="PAXLST list sizes (travellers)")
    parser.add_argument("--pnr-sizes", default="1,100,1000,10000",
                        help="PNRGOV push sizes (PNRs)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, best of {args.rounds} rounds")
    with tempfile.TemporaryDirectory() as tmpdir:
        if args.family in ("paxlst", "both"):
            rows = run([int(s) for s in args.sizes.split(",")], args.rounds, tmpdir)
            print("\nPAXLST, travellers/s (time per list)\n")
            _table(rows, "travellers", "travellers")
        if args.family in ("pnrgov", "both"):
            rows = run_pnrgov([int(s) for s in args.pnr_sizes.split(",")], args.rounds,
                              tmpdir)
            print("\nPNRGOV (clean synthetic full pushes, profile pnrgov), PNRs/s (time per "
                  "push)\n")
            _table(rows, "pnrs", "PNRs")
            corpus = run_pnrgov_corpus(args.rounds)
            if corpus is not None:
                pnrs = corpus["pnrs"]
                print(f"\nPNRGOV corpus: {int(corpus['files'])} synthetic full-flight pushes, "
                      f"{corpus['bytes'] / 1e6:.2f} MB, {int(pnrs):,} PNRs, "
                      f"{int(corpus['findings']):,} findings\n")
                print("| contender | time | PNRs/s |")
                print("|---|---|---|")
                for name in ("parse", "validate", "validate_parsed"):
                    print(f"| {name} | {corpus[name] * 1000:,.0f} ms | "
                          f"{pnrs / corpus[name]:,.0f} |")


if __name__ == "__main__":
    main()
