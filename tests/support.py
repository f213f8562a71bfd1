"""Test helpers: the project's samples, and the reference corpus in ../shared.

Tests that read ``../shared`` are marked ``shared`` and skip, with the reason, when the
folder is absent (a user's fresh clone); the project's own tests on ``samples/`` cover
every feature by themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason="../shared/corpus (the reference corpus) is not beside this checkout")


def sample(name: str) -> bytes:
    """The bytes of a file in samples/."""
    return (SAMPLES / name).read_bytes()


def corpus_files(folder: str) -> list[Path]:
    """Files of one corpus folder (empty when ../shared is absent)."""
    base = CORPUS / folder
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_file() and p.name != "PROVENANCE.tsv")
