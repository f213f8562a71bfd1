"""paxdata beside pydifact on synthetic PAXLST interchanges, in one process.

Generates passenger lists of 1, 100, 1,000 and 10,000 travellers (10 segments per
traveller: NAD ATT DTM LOC LOC NAT RFF DOC DTM LOC, a line break after each segment, one
name in fifty with a release character) and measures, interleaved and best of several
rounds (these machines are noisy; ratios hold):

* pydifact 0.2.3 ``Parser().parse`` consumed (its tokenizer: segments, elements, components)
* pydifact ``Interchange.from_str`` and iterating its segments (the figure in PEERS.md)
* paxdata ``edifact.scan`` consumed (our tokenizer: release characters, line breaks,
  positions, control counts; streaming)
* paxdata ``edifact.read`` (the same, materialised into interchanges/messages/segments)
* paxdata ``parse`` (full typed parse to PassengerList records)
* paxdata CLI path (``paxdata parse --format json``: parse + JSON, written to /dev/null)

and the peak memory of the full parse (tracemalloc) relative to the input size.

Usage: ``python benchmarks/bench_paxlst.py [--sizes 1,100,1000,10000] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from functools import partial

from pydifact.parser import Parser
from pydifact.segmentcollection import Interchange

import paxdata
from paxdata import edifact
from paxdata.cli import main as cli_main


def make_paxlst(travellers: int) -> bytes:
    """A D05B passenger list with ``travellers`` travellers, LF after every segment."""
    segments = [
        "UNA:+.? '",
        "UNB+UNOA:4+XXAIRLINE+GOVAPI+250310:1405+000000123++APIS'",
        "UNG+PAXLST+XXAIRLINE+GOVAPI+250310:1405+G1+UN+D:05B'",
        "UNH+M1+PAXLST:D:05B:UN:IATA+XX0101/250310/1600+01:F'",
        "BGM+745'", "NAD+MS+++API DESK:XX AIRLINES'", "TDT+20+XX101+++XX'",
        "LOC+125+LHR'", "DTM+189:2503101600:201'", "LOC+87+JFK'", "DTM+232:2503101900:201'",
    ]
    for i in range(travellers):
        surname = f"O?'BRIEN{i}" if i % 50 == 0 else f"TRAVELLER{i}"
        segments += [
            f"NAD+FL+++{surname}:GIVEN:MIDDLE'", f"ATT+2++{'MF'[i % 2]}'",
            f"DTM+329:{60 + i % 40:02d}{1 + i % 12:02d}{1 + i % 28:02d}'", "LOC+178+LHR'",
            "LOC+179+JFK'", "NAT+2+GBR'", f"RFF+AVF:R{i:06d}'", f"DOC+P+P{i:08d}'",
            f"DTM+36:{30 + i % 9:02d}0101'", "LOC+91+GBR'"]
    body = len(segments) - 3  # UNH .. last segment, without UNA/UNB/UNG
    segments += [f"CNT+42:{travellers}'", f"UNT+{body + 2}+M1'", "UNE+1+G1'",
                 "UNZ+1+000000123'"]
    return ("\n".join(segments) + "\n").encode("ascii")


def _pydifact_parser(data: bytes) -> int:
    return sum(1 for _ in Parser().parse(data.decode("latin-1")))


def _pydifact_interchange(data: bytes) -> int:
    return sum(1 for _ in Interchange.from_str(data.decode("latin-1")).segments)


def _scan(data: bytes) -> int:
    return sum(1 for _ in edifact.scan(data))


def _read(data: bytes) -> int:
    return len(edifact.read(data).messages)


def _parse(data: bytes) -> int:
    return len(paxdata.parse(data).passenger_lists[0].travellers)


def _cli(path: str) -> int:
    return cli_main(["parse", "--compact", "-o", "/dev/null", path])


def _best(func: Callable[[], object], rounds: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def _peak_memory(data: bytes) -> int:
    gc.collect()
    tracemalloc.start()
    result = paxdata.parse(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del result
    return peak


def run(sizes: list[int], rounds: int, tmpdir: str) -> list[dict[str, float]]:
    """Measure every size; returns one row of figures per size."""
    rows = []
    for size in sizes:
        data = make_paxlst(size)
        path = f"{tmpdir}/paxlst_{size}.edi"
        with open(path, "wb") as handle:
            handle.write(data)
        repeat = max(1, 2000 // max(size, 1)) if size < 1000 else 1
        contenders: dict[str, Callable[[], object]] = {
            "pydifact_parser": partial(_pydifact_parser, data),
            "pydifact_interchange": partial(_pydifact_interchange, data),
            "scan": partial(_scan, data),
            "read": partial(_read, data),
            "parse": partial(_parse, data),
            "cli_json": partial(_cli, path),
        }
        times = dict.fromkeys(contenders, float("inf"))
        for _ in range(rounds):  # interleaved: every contender sees the same machine state
            for name, func in contenders.items():
                times[name] = min(times[name], _best(func, 1, repeat))
        row = {"travellers": size, "bytes": len(data), **times,
               "peak_bytes": _peak_memory(data)}
        rows.append(row)
    return rows


def report(rows: list[dict[str, float]]) -> str:
    """Markdown tables: times and throughput, then ratios to both pydifact baselines."""
    names = ["pydifact_parser", "pydifact_interchange", "scan", "read", "parse", "cli_json"]
    out = ["| travellers | input | " + " | ".join(names) + " | peak memory (parse) |",
           "|---|---|" + "---|" * len(names) + "---|"]
    for row in rows:
        cells = [f"{row[name] * 1000:.1f} ms ({row['bytes'] / row[name] / 1e6:.2f} MB/s)"
                 for name in names]
        peak = row["peak_bytes"]
        out.append(f"| {int(row['travellers']):,} | {row['bytes'] / 1e3:,.0f} KB | "
                   + " | ".join(cells)
                   + f" | {peak / 1e6:.1f} MB ({peak / row['bytes']:.1f}x input) |")
    ours = ["scan", "read", "parse", "cli_json"]
    out += ["", "Speed-up (pydifact time / paxdata time), against pydifact `Parser().parse` "
            "and against `Interchange.from_str` + iterate:", "",
            "| travellers | " + " | ".join(ours) + " |", "|---|" + "---|" * len(ours)]
    for row in rows:
        out.append(f"| {int(row['travellers']):,} | " + " | ".join(
            f"x{row['pydifact_parser'] / row[n]:.1f} / x{row['pydifact_interchange'] / row[n]:.1f}"
            for n in ours) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pydifact warns about its missing directories
    with tempfile.TemporaryDirectory() as tmpdir:
        rows = run([int(s) for s in args.sizes.split(",")], args.rounds, tmpdir)
    print(report(rows))


if __name__ == "__main__":
    main()
