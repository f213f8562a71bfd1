"""PAXLST code tables, loaded once from ``specs/paxlst/codes.toml`` (sources cited there)."""

from __future__ import annotations

from typing import Any

from paxdata._specs import load_spec
from paxdata.paxlst._records import ListType, TravellerRole

__all__ = ["CODES", "PaxlstCodes"]


class PaxlstCodes:
    """The tables the reader consults, as plain dicts and sets for fast lookups."""

    def __init__(self, spec: dict[str, Any]) -> None:
        def table(name: str) -> dict[str, Any]:
            return {k: v for k, v in spec[name].items() if k != "source"}

        self.list_types = {code: ListType(entry["list_type"])
                           for code, entry in table("document_names").items()}
        self.document_subcodes = set(table("document_subcodes"))
        self.roles = {code: TravellerRole(entry["role"])
                      for code, entry in table("party_functions").items()
                      if entry["role"] != "reporting_party"}
        self.itinerary_sides = {code: entry["side"]
                                for code, entry in table("itinerary_locations").items()}
        self.traveller_locations = {code: entry["field"]
                                    for code, entry in table("traveller_locations").items()}
        self.document_locations = {code: entry["field"]
                                   for code, entry in table("document_locations").items()}
        self.date_fields = {code: entry["field"] for code, entry in table("dates").items()}
        self.date_formats = table("date_formats")
        self.reference_fields = {code: entry["field"]
                                 for code, entry in table("references").items()}
        self.document_types = set(table("document_types"))
        self.genders = set(table("genders"))
        self.verification = {code: bool(entry["verified"])
                             for code, entry in table("verification").items()}
        self.crew_categories = set(table("crew_categories"))
        self.measurements = set(table("measurements"))
        self.weight_units = set(table("weight_units"))
        self.channels = set(table("communication_channels"))
        self.control_totals = {code: entry["counts"]
                               for code, entry in table("control_totals").items()}
        self.transport_stages = set(table("transport_stages"))


CODES = PaxlstCodes(load_spec("paxlst/codes.toml"))
