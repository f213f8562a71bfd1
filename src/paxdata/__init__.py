"""paxdata: read, check and write airline passenger data for governments.

UN/EDIFACT PAXLST (Advance Passenger Information), CUSRES and IATA PNRGOV, turned into
typed records. Start with :func:`parse`::

    import paxdata
    result = paxdata.parse(Path("samples/paxlst_passenger_list.edi"))
    for passenger_list in result.passenger_lists:
        for traveller in passenger_list.travellers:
            print(traveller.surname, traveller.documents[0].number)

Layers: :mod:`paxdata.edifact` (syntax) -> :mod:`paxdata.paxlst` (typed records) ->
:mod:`paxdata.json` (serializers). :class:`Policy` decides strictness and limits.
"""

from paxdata._parse import ParsedMessage, ParseResult, iter_messages, iter_pnrs, parse
from paxdata._version import __version__
from paxdata.defects import Defect, Location, Severity
from paxdata.errors import (
    DefectError,
    EdifactSyntaxError,
    InputError,
    PaxdataError,
    UnsupportedMessageError,
)
from paxdata.policy import LENIENT, STRICT, Policy

__all__ = [
    "LENIENT",
    "STRICT",
    "Defect",
    "DefectError",
    "EdifactSyntaxError",
    "InputError",
    "Location",
    "ParseResult",
    "ParsedMessage",
    "PaxdataError",
    "Policy",
    "Severity",
    "UnsupportedMessageError",
    "__version__",
    "iter_messages",
    "iter_pnrs",
    "parse",
]
