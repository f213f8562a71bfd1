"""Run the fuzz targets for a bounded time each, seeded from samples/ and ../shared/corpus.

    python fuzz/run.py [--seconds 60] [TARGET ...]

Each target runs in its own process with libFuzzer's -max_total_time; new inputs go to a
temporary working corpus (seeds are copied, never modified); a crash is saved under
fuzz/crashes/<target>/ and makes the run fail. Prints, per target, the executions, the
executions per second and the coverage libFuzzer reports (cov: edges, ft: features).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = sorted(p.stem.removeprefix("fuzz_") for p in HERE.glob("fuzz_*.py"))
SEED_FOLDERS = [ROOT / "samples", ROOT / "tests" / "regressions",
                *(ROOT.parent / "shared" / "corpus" / f
                  for f in ("paxlst", "pnrgov_edi", "cusres", "other", "fragments",
                            "pnrgov_xml", "pnrgov_xml_synth"))]
#: Longest input libFuzzer builds, per target (XML pushes are several times longer).
MAX_LEN = {"xml": 65536}
_STATS = re.compile(r"#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+).*?exec/s: (\d+)")


def seed(corpus: Path) -> int:
    """Copy every seed file into ``corpus``; returns how many."""
    count = 0
    for folder in SEED_FOLDERS:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.is_file() and path.suffix not in (".tsv", ".md", ".py"):
                shutil.copy(path, corpus / f"{folder.name}__{path.name}")
                count += 1
    return count


def run_target(target: str, seconds: int) -> dict[str, int | str]:
    """Fuzz one target; returns its figures and ``crash`` (a path, or '')."""
    crashes = HERE / "crashes" / target
    crashes.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        seeds = seed(corpus)
        done = subprocess.run(
            [sys.executable, str(HERE / f"fuzz_{target}.py"), str(corpus),
             f"-max_total_time={seconds}", "-rss_limit_mb=2048", "-timeout=20",
             f"-max_len={MAX_LEN.get(target, 8192)}", f"-artifact_prefix={crashes}/",
             "-print_final_stats=1"],
            capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    stats = _STATS.search(output)
    found = sorted(str(p) for p in crashes.iterdir()) if done.returncode else []
    return {
        "target": target, "returncode": done.returncode, "seeds": seeds,
        "executions": int(stats.group(1)) if stats else 0,
        "coverage": int(stats.group(2)) if stats else 0,
        "features": int(stats.group(3)) if stats else 0,
        "exec_per_second": int(stats.group(4)) if stats else 0,
        "crash": found[-1] if found else "",
        "tail": "\n".join(output.strip().splitlines()[-25:]) if done.returncode else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("targets", nargs="*", help=f"targets to run (default: {TARGETS})")
    args = parser.parse_args()
    unknown = set(args.targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets {sorted(unknown)}; known: {TARGETS}")
    failed = False
    print("| target | seconds | seeds | executions | exec/s | cov (edges) | ft | result |")
    print("|---|---|---|---|---|---|---|---|")
    for target in args.targets or TARGETS:
        figures = run_target(target, args.seconds)
        ok = figures["returncode"] == 0
        failed = failed or not ok
        print(f"| {target} | {args.seconds} | {figures['seeds']} | {figures['executions']} | "
              f"{figures['exec_per_second']} | {figures['coverage']} | {figures['features']} | "
              f"{'ok' if ok else 'CRASH ' + str(figures['crash'])} |")
        if not ok:
            print(figures["tail"], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
