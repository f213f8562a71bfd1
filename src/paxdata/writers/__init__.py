"""EDIFACT writers: PAXLST passenger and crew lists, CUSRES answers, PNRGOV pushes, and
the lossless raw mode that writes any parsed interchange back.

Start with :func:`write_paxlst`::

    from paxdata.writers import EnvelopeSettings, write_paxlst
    result = write_paxlst(passenger_list, EnvelopeSettings("XXAIRLINE", "GOVAPI"),
                          max_travellers=500, line_break="\\n")
    send(result.data)

The writers build segments from typed records, wrap them in envelopes with correct
control counts and references, and write them with :mod:`paxdata.edifact`'s writer in
the caller's service characters. ``docs/writing.md`` gives the mapping and what a written
message cannot carry.
"""

from paxdata.writers import _defects as _defects  # registers the WRITE-* defect kinds
from paxdata.writers._cusres import Answer, write_cusres
from paxdata.writers._envelope import (
    EnvelopeSettings,
    WriteError,
    WrittenInterchange,
    WrittenMessage,
)
from paxdata.writers._paxlst import WriteResult, write_paxlst
from paxdata.writers._pnrgov import (
    PNRGOV_CHARACTERS,
    pnrgov_envelope,
    pnrgov_push,
    ssr_free_text,
    write_pnrgov,
)
from paxdata.writers._raw import write_raw, write_raw_text
from paxdata.writers._validate import Finding, OnFindings, Validator

__all__ = [
    "PNRGOV_CHARACTERS",
    "Answer",
    "EnvelopeSettings",
    "Finding",
    "OnFindings",
    "Validator",
    "WriteError",
    "WriteResult",
    "WrittenInterchange",
    "WrittenMessage",
    "pnrgov_envelope",
    "pnrgov_push",
    "ssr_free_text",
    "write_cusres",
    "write_paxlst",
    "write_pnrgov",
    "write_raw",
    "write_raw_text",
]
