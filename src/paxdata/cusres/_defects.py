"""Defect kinds of the CUSRES reader and of matching answers to PAXLST travellers.

Registered with :func:`paxdata.defects.register` when :mod:`paxdata.cusres` is imported.
"""

from __future__ import annotations

from paxdata.defects import kind, register

__all__ = ["CUSRES_KINDS"]

_GUIDE = "WCO/IATA/ICAO API Guidelines, Appendix IIB (CUSRES for interactive API)"

CUSRES_KINDS = (
    kind("CUS-SEGMENT-UNEXPECTED", "warning",
         "a segment paxdata does not interpret at this place; kept raw on the record",
         f"{_GUIDE}; UN/EDIFACT CUSRES segment table"),
    kind("CUS-QUALIFIER-UNKNOWN", "warning",
         "a qualifier or code not in the CUSRES code lists; kept as sent",
         f"{_GUIDE}; UN/EDIFACT code lists (specs/cusres/codes.toml)"),
    kind("CUS-CODE-UNKNOWN", "warning",
         "an ERC code the State's code table does not list: the directive is 'unknown'",
         "the State's iAPI code table (specs/cusres/erc_*.toml)"),
    kind("CUS-VALUE-INVALID", "warning",
         "a value that cannot be read as its data element requires; kept as sent",
         _GUIDE),
    kind("CUS-DATE-INVALID", "warning", "a date/time that cannot be read (e.g. a template "
         "placeholder such as $(yymmdd))", "UN/EDIFACT 2379 date/time formats 201/203"),
    kind("CUS-SEGMENT-MISSING", "warning", "a segment the answer needs is absent",
         _GUIDE),
    kind("CUS-REQUEST-NOT-FOUND", "error",
         "no PAXLST with the answer's transaction reference (RFF TN) was given",
         f"{_GUIDE}: the response echoes the PAXLST's RFF TN (DIGEST 5.10)"),
    kind("CUS-REQUEST-BY-FLIGHT", "warning",
         "the answer was matched to a PAXLST by its flight, not by RFF TN",
         f"{_GUIDE}; China NIA status changes carry their own transaction reference"),
    kind("CUS-TRAVELLER-UNMATCHED", "error",
         "an answer whose RFF ABO/AVF matches no traveller of the PAXLST",
         f"{_GUIDE}: each ERP group's RFF ABO/AVF names a traveller of the request "
         "(DIGEST 5.10)"),
    kind("CUS-TRAVELLER-AMBIGUOUS", "warning",
         "an answer without a unique passenger reference whose PNR locator (AVF) names "
         "several travellers", f"{_GUIDE}: ABO is the unique passenger reference"),
    kind("CUS-TRAVELLER-UNANSWERED", "warning",
         "a traveller of the PAXLST the answer says nothing about",
         f"{_GUIDE}: a response answers every traveller of the request"),
)

register(*CUSRES_KINDS)
