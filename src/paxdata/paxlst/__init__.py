"""PAXLST (Advance Passenger Information) records and reader.

Source: WCO/IATA/ICAO API Guidelines, Appendix IIA, PAXLST Message Implementation Guide;
UN/EDIFACT PAXLST directories D02B to D15B (read by structure, not by release).
"""

from paxdata.paxlst._parts import AssembledList, reassemble
from paxdata.paxlst._reader import (
    PaxlstBuilder,
    envelope_of,
    expand_bag_tags,
    split_flight_designator,
)
from paxdata.paxlst._records import (
    Address,
    Communication,
    ControlTotal,
    Envelope,
    FlightLeg,
    ListType,
    PassengerList,
    Place,
    Reference,
    ReportingParty,
    TravelDocument,
    Traveller,
    TravellerRole,
)

__all__ = [
    "Address",
    "AssembledList",
    "Communication",
    "ControlTotal",
    "Envelope",
    "FlightLeg",
    "ListType",
    "PassengerList",
    "PaxlstBuilder",
    "Place",
    "Reference",
    "ReportingParty",
    "TravelDocument",
    "Traveller",
    "TravellerRole",
    "envelope_of",
    "expand_bag_tags",
    "reassemble",
    "split_flight_designator",
]
