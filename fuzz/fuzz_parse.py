"""Fuzz target: typed parsing (paxdata.parse for PAXLST, PNRGOV, CUSRES and others;
lenient and strict), the JSON serializer over whatever was read, and PNRGOV streaming
(paxdata.iter_pnrs must read the same PNRs as paxdata.parse).

Run through fuzz/run.py, or directly: python fuzz/fuzz_parse.py CORPUS_DIR [libFuzzer flags]
"""

import sys

import atheris

with atheris.instrument_imports():
    import paxdata
    from paxdata import STRICT, PaxdataError
    from paxdata.pnrgov import PushedPnr
    from paxdata.serializers.json import dumps, result_to_json


def test_one_input(data: bytes) -> None:
    result = paxdata.parse(data)
    dumps(result_to_json(result))
    streamed = [item.pnr for item in paxdata.iter_pnrs(data) if isinstance(item, PushedPnr)]
    if streamed != [pnr for push in result.pnrgov_messages for pnr in push.pnrs]:
        raise AssertionError("iter_pnrs and parse read different PNRs")
    for item in result.errors:
        if not item.code:
            raise AssertionError("an error without a code")
    try:
        paxdata.parse(data, policy=STRICT)
    except PaxdataError as error:
        if error.location is None or not error.code:
            raise AssertionError("a paxdata error without a location or code") from error


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
