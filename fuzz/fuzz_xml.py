"""Fuzz target: PNRGOV XML reading (lenient and strict), the JSON serializer over what was
read, and writing each read push back as XML, which must read again: well-formed, one push,
as many readable PNRs as were written.

Inputs that do not look like XML are left to fuzz_parse. Run through fuzz/run.py, or
directly: python fuzz/fuzz_xml.py CORPUS_DIR [libFuzzer flags]
"""

import sys

import atheris

with atheris.instrument_imports():
    import paxdata
    from paxdata import STRICT, PaxdataError
    from paxdata.pnrgov_xml import looks_like_xml, write_xml
    from paxdata.serializers.json import dumps, result_to_json


def test_one_input(data: bytes) -> None:
    if not looks_like_xml(data):
        return
    result = paxdata.parse(data)
    dumps(result_to_json(result))
    for item in result.errors:
        if not item.code:
            raise AssertionError("an error without a code")
    try:
        paxdata.parse(data, policy=STRICT)
    except PaxdataError as error:
        if error.location is None or not error.code:
            raise AssertionError("a paxdata error without a location or code") from error
    for message in result.pnrgov_messages:
        written = write_xml(message).data
        again = paxdata.parse(written)
        if again.errors:
            raise AssertionError(f"written XML reads with errors: {again.errors[0]}")
        (back,) = again.pnrgov_messages
        if len(back.pnrs) != len(message.pnrs):
            raise AssertionError(f"{len(message.pnrs)} PNRs written, {len(back.pnrs)} read")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
