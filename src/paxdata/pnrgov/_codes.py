"""PNRGOV code tables, loaded once from ``specs/pnrgov/*.toml`` (sources cited there)."""

from __future__ import annotations

from typing import Any

from paxdata._specs import load_spec

__all__ = ["CODES", "PnrgovCodes"]


def _table(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in spec[name].items() if k != "source"}


class PnrgovCodes:
    """The tables the reader consults, as plain dicts and sets for fast lookups."""

    def __init__(self, codes: dict[str, Any], ssr: dict[str, Any],
                 segments: dict[str, Any]) -> None:
        versions = codes["versions"]
        self.known_versions = frozenset(versions["known"])
        self.agencies = frozenset(versions["agencies"])
        self.push_types = {k: v["push_type"] for k, v in _table(codes, "message_functions").items()}
        self.business_functions = _table(codes, "business_functions")
        self.pnr_dates = {k: v["field"] for k, v in _table(codes, "pnr_dates").items()}
        self.check_in_dates = {k: v["kind"] for k, v in _table(codes, "check_in_dates").items()}
        self.history_dates = frozenset(_table(codes, "history_dates"))
        self.record_locator_types = frozenset(_table(codes, "record_locator_types"))
        self.passenger_types = frozenset(_table(codes, "passenger_types"))
        titles = _table(codes, "titles")
        self.titles = frozenset(titles)
        self.attached_titles = tuple(sorted((t for t, v in titles.items() if v["attached"]),
                                            key=len, reverse=True))
        self.whole_given_names = frozenset(
            codes["given_names_ending_like_titles"]["names"])
        self.free_text_types = frozenset(_table(codes, "free_text_types"))
        self.originator_types = frozenset(_table(codes, "originator_types"))
        self.address_purposes = frozenset(_table(codes, "address_purposes"))
        self.ticket_types = {k: bool(v["ticketless"])
                             for k, v in _table(codes, "ticket_document_types").items()}
        self.amount_types = frozenset(_table(codes, "amount_types"))
        self.payment_types = frozenset(_table(codes, "payment_types"))
        self.bag_units = {k: (v["unit"] or None)
                          for k, v in _table(codes, "bag_weight_units").items()}
        self.bag_pools = frozenset(_table(codes, "bag_pool_indicators"))
        self.history_actions = frozenset(_table(codes, "history_actions"))
        self.docs_types = frozenset(_table(codes, "docs_document_types"))
        self.docs_genders = {k: bool(v["infant"])
                             for k, v in _table(codes, "docs_genders").items()}
        self.doco_types = frozenset(_table(codes, "doco_document_types"))
        self.doca_types = _table(codes, "doca_address_types")
        ssr_codes = _table(ssr, "codes")
        self.ssr_decoders = {k: v["decode"] for k, v in ssr_codes.items() if "decode" in v}
        self.contact_channels = {k: v["channel"] for k, v in ssr_codes.items()
                                 if v.get("decode") == "contact"}
        self.osi_contacts = _table(ssr, "osi_contacts")
        table = _table(segments, "segments")
        self.segment_tags = frozenset(table)
        self.max_elements = {k: int(v["max_elements"]) for k, v in table.items()}


CODES = PnrgovCodes(load_spec("pnrgov/codes.toml"), load_spec("pnrgov/ssr_codes.toml"),
                    load_spec("pnrgov/segments.toml"))
