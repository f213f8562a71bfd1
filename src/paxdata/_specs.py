"""Locate and load the data files in ``specs/`` (code lists and message knowledge).

Installed wheels carry them as ``paxdata/specs``; a source checkout (editable install)
reads them from the repository's top-level ``specs/`` folder.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["load_spec", "specs_root"]


@cache
def specs_root() -> Path:
    """The folder holding the spec files."""
    packaged = resources.files("paxdata") / "specs"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "specs"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("paxdata specs not found (neither packaged nor in a checkout)")


@cache
def load_spec(relative: str) -> dict[str, Any]:
    """Parse ``specs/<relative>`` (TOML) once and return it."""
    with (specs_root() / relative).open("rb") as handle:
        return tomllib.load(handle)
