"""paxdata beside pydifact on full-flight PNRGOV pushes of about 250 KB, in one process.

Reads the 40 synthetic full-flight pushes of the reference corpus
(``../shared/corpus/pnrgov_edi/GTAS__SyntheticPNR__*``: PNRGOV 10.1, about 264 PNRs
and 268 travellers each, about 27 segments per PNR: RCI DAT ORG ADD EBD, two travellers with
FTI IFT REF FAR SSR DOCS and a ticket group each, the itinerary segment with APD SSR SEAT
and check-in DAT/TRI/TIF/SSD, and a history credit), or, when ``../shared`` is absent,
40 generated pushes of the same shape. Measures, interleaved and best of several rounds
(these machines are noisy; ratios hold):

* pydifact 0.2.3 ``Parser().parse`` consumed (its tokenizer only)
* pydifact ``Interchange.from_str`` and iterating its segments (tokenizer only)
* paxdata ``edifact.scan`` consumed (our tokenizer)
* paxdata ``parse`` (full typed parse to ``PnrgovMessage`` records: every PNR,
  traveller, SSR decoded, references resolved)

The decode caches of the PNRGOV reader are cleared before each round, so each push is
read with only what the pushes before it in the round left there (as in a process that
receives many pushes). Reports MB/s, PNRs/s on one core and the ratios.

Usage: ``python benchmarks/bench_pnrgov.py [--rounds 5] [--files 40]``
"""

from __future__ import annotations

import argparse
import gc
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from pydifact.parser import Parser
from pydifact.segmentcollection import Interchange

import paxdata
from paxdata import edifact
from paxdata.pnrgov import PnrgovMessage, _dates, _reader, _ssr

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pnrgov_edi"


def make_push(pnrs: int, seed: int = 0) -> bytes:
    """A PNRGOV 10.1 full push with ``pnrs`` PNRs of one traveller (two in every 66th),
    shaped like the corpus pushes (invented names and numbers)."""
    out = ["UNB+IATA:1+XX++250310:1405+" + f"{seed:06d}",
           "UNH+1+PNRGOV:10:1:IA+XX0101/170325/1600", "MSG+:22", "ORG+XX:LHR+52519950",
           "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101", f"EQN+{pnrs}"]
    for p in range(pnrs):
        locator = f"Q{seed % 10}{p:04d}"
        out += ["SRC", f"RCI+XX:{locator}::010225:1210", "DAT+700:150325:0815+710:020225:1010",
                "ORG+XX:LON+52519950:LON+++A+GB:GBP+D050517",
                f"ADD++702:{p} HIGH STREET:SLOUGH:BERKSHIRE::GB:SL1AA:0044175300{p:04d}",
                "EBD+GBP:40.00+0::N"]
        for t in ((1, 2) if p % 66 == 0 else (1,)):
            out += [f"TIF+SURNAME{p}+GIVEN{t}MRS:A:{t}", f"FTI+XX:{p:05d}{t:05d}:::ELITE",
                    "IFT+4:28::XX+CTCE PAX..ONE//EXAMPLE.COM", f"REF+:38739393AN{p:04d}{t}",
                    "FAR+N+++++MIL24",
                    f"SSR+DOCS:HK::XX:::::/P/GBR/{p:05d}{t:04d}//13JUL{50 + t}/F/18JUN30/"
                    f"SURNAME{p}/GIVEN{t}/SECOND",
                    f"TKT+125212{p:04d}{t}:T:1", "MON+B:500.00:GBP+T:612.30:GBP",
                    "PTK+NR++020225:1010+XX+125+LON",
                    "TXD++3.10:::AY6+8.50:::YQ+3.40:::YC+4.30:::XY+3.10:::XA+2.80:::XF",
                    "DAT+710:020225:1010", "FOP+CC:::VI:XXXXXXXX4911:0927"]
        out += ["TVL+170325:1600::1900+LHR+JFK+XX+0101:Y", "APD+789",
                f"SSR+SEAT:HK:1:XX:::LHR:JFK+{p % 40 + 1}A::1",
                "DAT+2:170325:1310", f"TRI++LHR-{p:03d}:::1", f"TIF+SURNAME{p}+GIVEN1MRS:A:1",
                f"SSD+{p % 40 + 1}A++++Y", "ABI+1+:LHRRR+LON++XX", "DAT+ZT:010225:1210"]
    count = len(out) - 1 + 1  # UNH .. UNT
    out += [f"UNT+{count}+1", f"UNZ+1+{seed:06d}"]
    return ("'\r\n".join(out) + "'\r\n").encode("ascii")


def _pydifact_reads(data: bytes) -> bool:
    try:
        sum(1 for _ in Parser().parse(data.decode("latin-1")))
    except Exception:
        return False
    return True


def pushes(limit: int) -> tuple[list[bytes], str]:
    """The corpus pushes, or generated ones when ../shared is absent. Pushes pydifact
    refuses (one has stray text before a segment tag) are left out for every contender,
    so all read the same input."""
    files = sorted(CORPUS.glob("GTAS__SyntheticPNR__*"))[:limit] if CORPUS.is_dir() else []
    if files:
        data = [f.read_bytes() for f in files]
        kept = [d for d in data if _pydifact_reads(d)]
        left_out = len(data) - len(kept)
        return kept, (f"{len(kept)} corpus pushes ({CORPUS.name}; {left_out} that pydifact "
                      "refuses left out)")
    return [make_push(264, seed) for seed in range(limit)], f"{limit} generated pushes"


def _pydifact_parser(data: list[bytes]) -> int:
    return sum(sum(1 for _ in Parser().parse(d.decode("latin-1"))) for d in data)


def _pydifact_interchange(data: list[bytes]) -> int:
    return sum(sum(1 for _ in Interchange.from_str(d.decode("latin-1")).segments)
               for d in data)


def _scan(data: list[bytes]) -> int:
    return sum(sum(1 for _ in edifact.scan(d)) for d in data)


def _clear_caches() -> None:
    for cached in (_ssr.decode_ssr, _reader.split_title, _dates.moment, _dates.ddmmyy,
                   _dates.ddmmmyy):
        cached.cache_clear()


def _parse(data: list[bytes]) -> int:
    _clear_caches()
    pnrs = 0
    for d in data:
        for message in paxdata.parse(d).messages:
            assert isinstance(message, PnrgovMessage)
            pnrs += len(message.pnrs)
    return pnrs


def _time(func: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def run(data: list[bytes], rounds: int) -> dict[str, float]:
    """Best time of each contender over ``rounds`` interleaved rounds."""
    contenders: dict[str, Callable[[], object]] = {
        "pydifact_parser": lambda: _pydifact_parser(data),
        "pydifact_interchange": lambda: _pydifact_interchange(data),
        "scan": lambda: _scan(data),
        "parse": lambda: _parse(data),
    }
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):  # interleaved: every contender sees the same machine state
        for name, func in contenders.items():
            best[name] = min(best[name], _time(func))
    return best


def report(times: dict[str, float], size: int, pnrs: int, travellers: int,
           what: str) -> str:
    """A markdown table of times, MB/s and PNRs/s, and the ratios."""
    lines = [f"Input: {what}: {size / 1e6:.2f} MB, {pnrs:,} PNRs, {travellers:,} "
             "travellers.", "",
             "| contender | time | MB/s | PNRs/s (one core) |", "|---|---|---|---|"]
    for name, seconds in times.items():
        lines.append(f"| {name} | {seconds * 1000:.0f} ms | {size / seconds / 1e6:.2f} | "
                     f"{pnrs / seconds:,.0f} |")
    parse = times["parse"]
    lines += ["", "Full typed parse against tokenize-only pydifact: "
              f"x{times['pydifact_parser'] / parse:.1f} (`Parser().parse`), "
              f"x{times['pydifact_interchange'] / parse:.1f} (`Interchange.from_str` + "
              "iterate); our tokenizer alone: "
              f"x{times['pydifact_parser'] / times['scan']:.1f} / "
              f"x{times['pydifact_interchange'] / times['scan']:.1f}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--files", type=int, default=40)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pydifact warns about its missing directories
    data, what = pushes(args.files)
    messages = [m for d in data for m in paxdata.parse(d).messages
                if isinstance(m, PnrgovMessage)]
    pnrs = sum(len(m.pnrs) for m in messages)
    travellers = sum(len(p.travellers) for m in messages for p in m.pnrs)
    times = run(data, args.rounds)
    print(report(times, sum(len(d) for d in data), pnrs, travellers, what))


if __name__ == "__main__":
    main()
