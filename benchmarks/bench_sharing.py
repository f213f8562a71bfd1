"""Sharing formats beside the parser, in one process: MB/s of EDIFACT in.

For synthetic PAXLST passenger lists (``bench_paxlst.make_paxlst``: 10 segments per
traveller) of 1,000 and 10,000 travellers, measures, interleaved and best of several
rounds:

* ``parse``: ``paxdata.parse`` alone (the parser, the reference);
* ``parquet``: parse + ``ParquetDataset`` (seven tables, zstd) written to a temporary folder;
* ``jsonl``: parse + one traveller per line (``serializers.jsonl.iter_lines``) to a file;
* ``depersonalised_parquet``: parse + ``depersonalise`` + Parquet;
* ``edifact_depersonalised``: ``edifact.read`` + depersonalised raw write.

Each figure is input bytes / time. Usage:
``python benchmarks/bench_sharing.py [--sizes 1000,10000] [--rounds 5]`` (needs pyarrow).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_paxlst import make_paxlst

import paxdata
from paxdata import edifact
from paxdata.depersonalise import (
    Depersonaliser,
    SensitiveFilter,
    depersonalised_edifact,
)
from paxdata.serializers.arrow import ParquetDataset
from paxdata.serializers.jsonl import iter_lines

KEY = b"benchmark-key-0123456789"


def _parse(data: bytes) -> object:
    return paxdata.parse(data)


def _parquet(data: bytes, folder: str) -> object:
    dataset = ParquetDataset(folder)
    dataset.add(paxdata.parse(data, name="bench.edi"))
    return dataset.close()


def _jsonl(data: bytes, folder: str) -> object:
    with open(f"{folder}/paxdata.jsonl", "wb") as handle:
        handle.writelines(iter_lines([paxdata.parse(data, name="bench.edi")]))
    return None


def _depersonalised_parquet(data: bytes, folder: str) -> object:
    worker = Depersonaliser(KEY, sensitive=SensitiveFilter())
    dataset = ParquetDataset(folder)
    dataset.add(worker.result(paxdata.parse(data, name="bench.edi")))
    return dataset.close()


def _edifact_depersonalised(data: bytes) -> object:
    worker = Depersonaliser(KEY, sensitive=SensitiveFilter())
    return depersonalised_edifact(edifact.read(data), worker)


def run(sizes: list[int], rounds: int) -> list[dict[str, float]]:
    """Best time per contender and size."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            data = make_paxlst(size)
            contenders: dict[str, Callable[[], object]] = {
                "parse": lambda d=data: _parse(d),
                "parquet": lambda d=data: _parquet(d, folder),
                "jsonl": lambda d=data: _jsonl(d, folder),
                "depersonalised_parquet": lambda d=data: _depersonalised_parquet(d, folder),
                "edifact_depersonalised": lambda d=data: _edifact_depersonalised(d),
            }
            best = dict.fromkeys(contenders, float("inf"))
            for _ in range(rounds):
                for name, func in contenders.items():
                    gc.collect()
                    start = time.perf_counter()
                    func()
                    best[name] = min(best[name], time.perf_counter() - start)
            rows.append({"travellers": size, "bytes": len(data), **best})
    return rows


def report(rows: list[dict[str, float]]) -> str:
    """A Markdown table: time and MB/s of EDIFACT in per contender."""
    names = ["parse", "parquet", "jsonl", "depersonalised_parquet", "edifact_depersonalised"]
    out = ["| travellers | input | " + " | ".join(names) + " |",
           "|---|---|" + "---|" * len(names)]
    for row in rows:
        cells = [f"{row[n] * 1000:.0f} ms ({row['bytes'] / row[n] / 1e6:.2f} MB/s)"
                 for n in names]
        out.append(f"| {int(row['travellers']):,} | {row['bytes'] / 1e3:,.0f} KB | "
                   + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(report(run([int(s) for s in args.sizes.split(",")], args.rounds)))


if __name__ == "__main__":
    main()
