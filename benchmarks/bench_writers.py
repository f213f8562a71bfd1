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

PNRGOV beside it: full-flight pushes of 30, 300 and 3,000 PNRs (the shape of
``bench_pnrgov.make_push``: about 27 segments per PNR, CR LF after each segment) are
parsed once to records; then, interleaved and best of several rounds, ``parse``
(:func:`paxdata.parse`), ``write`` (:func:`paxdata.writers.write_pnrgov` with its default
read-back check), ``write_unchecked`` (``verify=False``) and ``write_split`` (parts of at
most 100 PNRs, checked), in PNRs per second.

Figures are travellers (PNRs) per second, and MB/s of the EDIFACT each operation reads or
writes. Usage:
``python benchmarks/bench_writers.py [--sizes 100,1000,10000] [--pnrs 30,300,3000]
[--rounds 5]``
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_paxlst import make_paxlst
from bench_pnrgov import make_push

import paxdata
from paxdata import edifact
from paxdata.cusres import BoardingDirective
from paxdata.pnrgov import PnrgovMessage
from paxdata.writers import (
    Answer,
    EnvelopeSettings,
    pnrgov_envelope,
    write_cusres,
    write_paxlst,
    write_pnrgov,
    write_raw,
)

NAMES = ["parse", "write", "write_split", "edifact_read", "write_raw", "cusres"]
PNRGOV_NAMES = ["parse", "write", "write_unchecked", "write_split"]


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


def run_pnrgov(sizes: list[int], rounds: int) -> list[dict[str, float]]:
    """One row of seconds per PNRGOV operation for each push size (PNRs)."""
    rows = []
    for size in sizes:
        data = make_push(size)
        push = paxdata.parse(data).messages[0]
        assert isinstance(push, PnrgovMessage) and len(push.pnrs) == size
        envelope = pnrgov_envelope("XX", "GOVPIU", prepared_at=push.envelope.prepared_at,
                                   control_reference="000001")
        written = write_pnrgov(push, envelope, line_break="\r\n").data
        again = paxdata.parse(written).messages[0]
        assert isinstance(again, PnrgovMessage) and len(again.pnrs) == size
        contenders: dict[str, Callable[[], object]] = {
            "parse": partial(paxdata.parse, data),
            "write": partial(write_pnrgov, push, envelope, line_break="\r\n"),
            "write_unchecked": partial(write_pnrgov, push, envelope, line_break="\r\n",
                                       verify=False),
            "write_split": partial(write_pnrgov, push, envelope, line_break="\r\n",
                                   max_pnrs=100),
        }
        repeat = max(1, 600 // size)
        times = dict.fromkeys(contenders, float("inf"))
        for _ in range(rounds):
            for name, func in contenders.items():
                times[name] = min(times[name], _best(func, repeat))
        split = write_pnrgov(push, envelope, line_break="\r\n", max_pnrs=100).data
        sizes_out = {"parse": len(data), "write": len(written),
                     "write_unchecked": len(written), "write_split": len(split)}
        rows.append({"pnrs": size, "bytes": len(data),
                     **{f"{name}_bytes": value for name, value in sizes_out.items()}, **times})
    return rows


def report_pnrgov(rows: list[dict[str, float]]) -> str:
    """A markdown table: PNRs/s (and MB/s of EDIFACT) per PNRGOV operation and size."""
    out = ["| PNRs | input | " + " | ".join(PNRGOV_NAMES) + " |",
           "|---|---|" + "---|" * len(PNRGOV_NAMES)]
    for row in rows:
        cells = []
        for name in PNRGOV_NAMES:
            seconds = row[name]
            cells.append(f"{row['pnrs'] / seconds:,.0f}/s "
                         f"({row[f'{name}_bytes'] / seconds / 1e6:.1f} MB/s)")
        out.append(f"| {int(row['pnrs']):,} | {row['bytes'] / 1e3:,.0f} KB | "
                   + " | ".join(cells) + " |")
    last = rows[-1]
    out += ["", f"PNRGOV write / parse speed at {int(last['pnrs']):,} PNRs: "
            f"{last['parse'] / last['write']:.2f} (checked), "
            f"{last['parse'] / last['write_unchecked']:.2f} (unchecked)"]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--pnrs", default="30,300,3000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Python {sys.version.split()[0]}, paxdata {paxdata.__version__}")
    print(report(run(sizes, args.rounds)))
    print()
    print(report_pnrgov(run_pnrgov([int(s) for s in args.pnrs.split(",")], args.rounds)))


if __name__ == "__main__":
    main()
