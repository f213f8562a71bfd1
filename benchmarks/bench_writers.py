"""The writers beside the parser, in one process, on the same synthetic passenger lists.

Lists of 100, 1,000 and 10,000 travellers (the shape of ``bench_paxlst.make_paxlst``: 10
segments per traveller, one name in fifty with a release character, LF after each
segment) are parsed once to records; then, interleaved and best of several rounds:

* ``parse``: :func:`paxdata.parse` of the interchange (bytes in, records out);
* ``write``: :func:`paxdata.writers.write_paxlst` of the records (records in, bytes out,
  UNA and LF after each segment, as the input);
* ``write_split``: the same, split into parts of at most 500 travellers;
* ``write_raw``: :func:`paxdata.writers.write_raw` of the parsed syntax tree (lossless
  mode), with ``edifact_read`` (the syntax-level read it starts from) beside it;
* ``cusres``: :func:`paxdata.writers.write_cusres` answering every traveller.

Figures are travellers per second, and MB/s of the EDIFACT each operation reads or
writes. Usage:
``python benchmarks/bench_writers.py [--sizes 100,1000,10000] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_paxlst import make_paxlst

import paxdata
from paxdata import edifact
from paxdata.cusres import BoardingDirective
from paxdata.writers import (
    Answer,
    EnvelopeSettings,
    write_cusres,
    write_paxlst,
    write_raw,
)

NAMES = ["parse", "write", "write_split", "edifact_read", "write_raw", "cusres"]


def _best(func: Callable[[], object], repeat: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(repeat):
        func()
    return (time.perf_counter() - start) / repeat


def run(sizes: list[int], rounds: int) -> list[dict[str, float]]:
    """One row of seconds per operation for each list size."""
    rows = []
    for size in sizes:
        data = make_paxlst(size)
        plist = paxdata.parse(data).passenger_lists[0]
        envelope = EnvelopeSettings.from_envelope(plist.envelope)
        document = edifact.read(data)
        answers = [Answer(t, BoardingDirective.BOARD) for t in plist.travellers]
        written = write_paxlst(plist, envelope, line_break="\n").data
        assert paxdata.parse(written).passenger_lists[0].travellers == plist.travellers
        contenders: dict[str, Callable[[], object]] = {
            "parse": lambda data=data: paxdata.parse(data),
            "write": lambda p=plist, e=envelope: write_paxlst(p, e, line_break="\n"),
            "write_split": lambda p=plist, e=envelope: write_paxlst(
                p, e, line_break="\n", max_travellers=500),
            "edifact_read": lambda data=data: edifact.read(data),
            "write_raw": lambda d=document: write_raw(d, line_break="\n"),
            "cusres": lambda p=plist, a=answers: write_cusres(p, a, line_break="\n"),
        }
        repeat = max(1, 2000 // size)
        times = dict.fromkeys(contenders, float("inf"))
        for _ in range(rounds):  # interleaved: every contender sees the same machine state
            for name, func in contenders.items():
                times[name] = min(times[name], _best(func, repeat))
        sizes = {name: len(data) for name in ("parse", "edifact_read")}
        sizes["write"] = len(written)
        sizes["write_split"] = len(contenders["write_split"]().data)  # type: ignore[attr-defined]
        sizes["write_raw"] = len(contenders["write_raw"]())  # type: ignore[arg-type]
        sizes["cusres"] = len(contenders["cusres"]().data)  # type: ignore[attr-defined]
        rows.append({"travellers": size, "bytes": len(data),
                     **{f"{name}_bytes": value for name, value in sizes.items()}, **times})
    return rows


def report(rows: list[dict[str, float]]) -> str:
    """A markdown table: travellers/s (and MB/s of EDIFACT) per operation and size."""
    out = ["| travellers | input | " + " | ".join(NAMES) + " |",
           "|---|---|" + "---|" * len(NAMES)]
    for row in rows:
        cells = []
        for name in NAMES:
            seconds = row[name]
            size = row[f"{name}_bytes"]
            cells.append(f"{row['travellers'] / seconds:,.0f}/s ({size / seconds / 1e6:.1f} MB/s)")
        out.append(f"| {int(row['travellers']):,} | {row['bytes'] / 1e3:,.0f} KB | "
                   + " | ".join(cells) + " |")
    last = rows[-1]
    out += ["", f"write / parse speed at {int(last['travellers']):,} travellers: "
            f"{last['parse'] / last['write']:.2f}"]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Python {sys.version.split()[0]}, paxdata {paxdata.__version__}")
    print(report(run(sizes, args.rounds)))


if __name__ == "__main__":
    main()
