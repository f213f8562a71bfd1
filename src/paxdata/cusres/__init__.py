"""CUSRES (interactive API answers) records and reader, and matching answers to the
PAXLST travellers they are about.

A State's authority answers each PAXLST a carrier sends (interactive API) with a CUSRES:
per traveller an ERC code (board, do not board, advisory...) and a text. Read one with
:func:`paxdata.parse` (it returns :class:`CustomsResponse` records), then
:func:`match_response` pairs each answer with the traveller it names so that departure
control can act on it. ERC codes are national: they are read through a code table
(``specs/cusres/erc_*.toml``; :func:`load_code_table` for a carrier's own). A PIU builds
answers with :func:`paxdata.writers.write_cusres`.

Sources: WCO/IATA/ICAO API Guidelines, Appendix IIB (CUSRES for interactive API);
UN/EDIFACT CUSRES (D05B); China NIA iAPI exchanges (``../shared/corpus/cusres``).
"""

from paxdata.cusres import _defects as _defects  # registers the CUS-* defect kinds
from paxdata.cusres._codes import (
    CodeEntry,
    CodeTable,
    code_table,
    code_tables,
    load_code_table,
    register_code_table,
    table_for_parties,
    with_code_table,
)
from paxdata.cusres._match import BoardingDecision, MatchedResponse, match_response
from paxdata.cusres._reader import CusresBuilder
from paxdata.cusres._records import (
    BoardingDirective,
    CustomsResponse,
    MessageStatus,
    ResponseCode,
    ResponseFlight,
    ResponseKind,
    TravellerResponse,
)

__all__ = [
    "BoardingDecision",
    "BoardingDirective",
    "CodeEntry",
    "CodeTable",
    "CusresBuilder",
    "CustomsResponse",
    "MatchedResponse",
    "MessageStatus",
    "ResponseCode",
    "ResponseFlight",
    "ResponseKind",
    "TravellerResponse",
    "code_table",
    "code_tables",
    "load_code_table",
    "match_response",
    "register_code_table",
    "table_for_parties",
    "with_code_table",
]
