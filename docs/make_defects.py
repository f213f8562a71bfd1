"""Regenerate docs/defects.md from the defect kinds every package registers.

    python docs/make_defects.py          # rewrite docs/defects.md
    python docs/make_defects.py --check  # exit 1 when docs/defects.md is out of date
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import paxdata
from paxdata.defects import KINDS

HERE = Path(__file__).resolve().parent
TARGET = HERE / "defects.md"

HEADER = """# Defect codes

Every warning and error paxdata reports has a stable code. A **defect** is recorded on the
result it concerns (document, interchange, message, traveller, PNR) and parsing goes on; a
strict policy (`paxdata.STRICT`, `paxdata parse --strict`) raises the first defect of
severity `error` as `paxdata.DefectError`. Severities:

- `error`: the input breaks the standard (a strict receiver would reject it);
- `warning`: a tolerated deviation; the message says how paxdata interpreted it;
- `info`: worth knowing, nothing wrong with the data (a transport envelope was removed).

Every defect has a location: input name, byte offset (character offset for `str` input),
line, segment index (UNH = 1), tag, element and component (1-based, as the directories
number them) and message reference, as far as they apply. Messages quote data values only
with `Policy(show_values=True)` (`--show-values`).

Each message family registers its own codes (`paxdata.defects.register`); this table is
generated from them by `docs/make_defects.py` and checked by the test suite. Validation
rules have their own catalogue in `docs/validation.md`.

| code | severity | meaning | source |
|---|---|---|---|
"""


def render() -> str:
    """The markdown page for every registered defect kind."""
    for module in pkgutil.walk_packages(paxdata.__path__, "paxdata."):
        if module.name.startswith("paxdata.__"):
            continue
        importlib.import_module(module.name)
    rows = [f"| `{k.code}` | {k.severity.value} | {k.summary} | {k.source} |"
            for k in KINDS.values()]
    return HEADER + "\n".join(rows) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        return 0 if TARGET.read_text() == text else 1
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
