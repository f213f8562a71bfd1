"""Fuzz target: the EDIFACT syntax layer (paxdata.edifact.read and scan, lenient and strict).

Any bytes either read or raise a located paxdata error; nothing else may escape.
Run through fuzz/run.py, or directly: python fuzz/fuzz_edifact.py CORPUS_DIR [libFuzzer flags]
"""

import sys

import atheris

with atheris.instrument_imports():
    from paxdata import STRICT, PaxdataError
    from paxdata.edifact import read, scan


def test_one_input(data: bytes) -> None:
    read(data)
    sum(1 for _ in scan(data))
    try:
        read(data, policy=STRICT)
    except PaxdataError as error:
        if error.location is None or not error.code:
            raise AssertionError("a paxdata error without a location or code") from error


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
