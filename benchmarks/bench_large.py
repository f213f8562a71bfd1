"""Large inputs: parse time per MB from 1 MB to 200 MB, and peak memory up to 1 GB.

Files of concatenated interchanges (each a PAXLST passenger list of 100 travellers, about
16 KB, separated by line breaks) are written to a temporary folder and read through the
streaming API ``paxdata.iter_messages(Path)``, one message at a time, as a PIU service
reading a large spool file would. Each size runs in a fresh process so that its peak
resident set size (``ru_maxrss``) is its own.

Then one PNRGOV push of each of ``--pnrgov-sizes`` (a single UNH..UNT holding all the
PNRs, shaped like the corpus' full-flight pushes) read through ``paxdata.iter_pnrs``, one
PNR at a time, and, for contrast, the smallest of them read whole by
``paxdata.iter_messages`` (the push's records all in memory).

Targets (issue 6): time per MB flat from 1 MB to 200 MB (linear time); peak RSS growth
under 50 MB between 10 MB and 1 GB (bounded memory).

Usage: ``python benchmarks/bench_large.py [--time-sizes 1,10,50,100,200]
[--memory-sizes 10,100,1000] [--pnrgov-sizes 10,100,1000]`` (sizes in MB; an empty list
skips that part).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_paxlst import make_paxlst  # noqa: E402 - the benchmarks folder is not a package
from bench_pnrgov import make_push  # noqa: E402

MB = 1024 * 1024


def write_input(path: Path, megabytes: int) -> int:
    """Write about ``megabytes`` MB of interchanges to ``path``; returns the byte count."""
    unit = make_paxlst(100) + b"\n"
    target = megabytes * MB
    written = 0
    with path.open("wb") as handle:
        block = unit * 64
        while written + len(block) <= target:
            handle.write(block)
            written += len(block)
        while written < target:
            handle.write(unit)
            written += len(unit)
    return written


def write_push(path: Path, megabytes: int) -> int:
    """Write one PNRGOV push of about ``megabytes`` MB (1,000 different PNRs, repeated) to
    ``path``; returns the byte count."""
    sample = make_push(1000)
    start = sample.index(b"SRC'")
    end = sample.index(b"UNT+")
    head, unit, tail = sample[:start], sample[start:end], sample[end:]
    target = megabytes * MB
    written = 0
    with path.open("wb") as handle:
        handle.write(head)
        written += len(head)
        while written + len(unit) + len(tail) <= target or written == len(head):
            handle.write(unit)
            written += len(unit)
        handle.write(tail)
        written += len(tail)
    return written


PUSH_CHILD = """
import json, resource, sys, time
from pathlib import Path
import paxdata
from paxdata.pnrgov import PushedPnr
path, mode = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
messages = pnrs = 0
if mode == "stream":
    for item in paxdata.iter_pnrs(path):
        if isinstance(item, PushedPnr):
            pnrs += 1
        else:
            messages += 1
else:
    for message in paxdata.iter_messages(path):
        messages += 1
        pnrs += len(message.pnrs)
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "messages": messages, "pnrs": pnrs,
                  "peak_rss_mb": peak_kb / 1024}))
"""


CHILD = """
import json, resource, sys, time
from pathlib import Path
import paxdata
path = Path(sys.argv[1])
start = time.perf_counter()
messages = travellers = 0
for message in paxdata.iter_messages(path):
    messages += 1
    travellers += len(message.travellers)
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "messages": messages, "travellers": travellers,
                  "peak_rss_mb": peak_kb / 1024}))
"""


def measure(path: Path, child: str = CHILD, *arguments: str) -> dict[str, float]:
    """Run ``child`` on ``path`` in a fresh process; returns the figures it prints."""
    done = subprocess.run([sys.executable, "-c", child, str(path), *arguments],
                          capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-sizes", default="1,10,50,100,200")
    parser.add_argument("--memory-sizes", default="10,100,1000")
    parser.add_argument("--pnrgov-sizes", default="10,100,1000")
    args = parser.parse_args()
    time_sizes = [int(s) for s in args.time_sizes.split(",") if s]
    memory_sizes = [int(s) for s in args.memory_sizes.split(",") if s]
    push_sizes = sorted(int(s) for s in args.pnrgov_sizes.split(",") if s)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(set(time_sizes) | set(memory_sizes)):
            path = Path(tmp) / f"input_{size}mb.edi"
            started = time.perf_counter()
            length = write_input(path, size)
            made = time.perf_counter() - started
            figures = measure(path)
            rows.append((size, length, figures))
            path.unlink()
            print(f"# {size} MB written in {made:.1f} s, parsed in {figures['seconds']:.1f} s",
                  file=sys.stderr)
    print("| input | messages | travellers | seconds | s per MB | MB/s | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for size, length, figures in rows:
        mb = length / MB
        print(f"| {size} MB | {int(figures['messages']):,} | {int(figures['travellers']):,} | "
              f"{figures['seconds']:.1f} | {figures['seconds'] / mb:.3f} | "
              f"{mb / figures['seconds']:.2f} | {figures['peak_rss_mb']:.0f} MB |")
    by_size = {size: figures for size, _, figures in rows}
    if 10 in by_size and max(memory_sizes) in by_size:
        growth = by_size[max(memory_sizes)]["peak_rss_mb"] - by_size[10]["peak_rss_mb"]
        print(f"\nPeak RSS growth from 10 MB to {max(memory_sizes)} MB: {growth:.1f} MB")
    if push_sizes:
        push_table(push_sizes)


def push_table(sizes: list[int]) -> None:
    """One PNRGOV push per size, streamed PNR by PNR; the smallest also read whole."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"push_{size}mb.edi"
            length = write_push(path, size)
            modes = ["stream", "whole"] if size == sizes[0] else ["stream"]
            for mode in modes:
                figures = measure(path, PUSH_CHILD, mode)
                rows.append((size, length, mode, figures))
                print(f"# push of {size} MB read ({mode}) in {figures['seconds']:.1f} s",
                      file=sys.stderr)
            path.unlink()
    print("\n| one PNRGOV push | read | PNRs | seconds | MB/s | PNRs/s | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for size, length, mode, figures in rows:
        mb = length / MB
        how = "iter_pnrs (PNR by PNR)" if mode == "stream" else "iter_messages (whole push)"
        print(f"| {size} MB | {how} | {int(figures['pnrs']):,} | {figures['seconds']:.1f} | "
              f"{mb / figures['seconds']:.2f} | {figures['pnrs'] / figures['seconds']:,.0f} "
              f"| {figures['peak_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
