"""Fuzz target: the validation layer (paxdata.validation.validate_input with the default
and PNRGOV profiles, masked and not, and every report format) over any bytes.

Run through fuzz/run.py, or directly: python fuzz/fuzz_validate.py CORPUS_DIR [flags]
"""

import sys

import atheris

with atheris.instrument_imports():
    from paxdata import PaxdataError
    from paxdata.validation import validate_input
    from paxdata.validation._reports import html_report, json_report, text_lines


def test_one_input(data: bytes) -> None:
    try:
        reports = [validate_input(data), validate_input(data, "pnrgov", mask=True)]
    except PaxdataError as error:
        if error.location is None or not error.code:
            raise AssertionError("a paxdata error without a location or code") from error
        return
    text_lines(reports)
    json_report(reports, "wco", masked=False)
    html_report(reports, "wco", masked=True)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
