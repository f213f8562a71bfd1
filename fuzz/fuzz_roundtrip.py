"""Fuzz target: the writers' round trip (paxdata.testing.assert_round_trip). Whatever
paxdata reads from the fuzzed bytes is written back raw (segment for segment, any message
type) and, for passenger and crew lists, rebuilt by the PAXLST writer from the records;
both must read back to the same segments or records, or the writer must refuse with a
located error.

Run through fuzz/run.py, or directly: python fuzz/fuzz_roundtrip.py CORPUS_DIR [flags]
"""

import sys

import atheris

with atheris.instrument_imports():
    from paxdata.testing import assert_round_trip


if __name__ == "__main__":
    atheris.Setup(sys.argv, assert_round_trip)
    atheris.Fuzz()
