"""Matching an authority's answers back to the travellers of the PAXLST they answer, so a
departure control system can act on each traveller.

The answer names its request by RFF TN (the PAXLST's transaction reference, echoed) and
each traveller by RFF ABO (the unique passenger reference the carrier sent) and RFF AVF
(the PNR locator). Sources: WCO/IATA/ICAO API Guidelines, Appendix IIB; DIGEST 5.10
(response RFF TN equals request RFF TN; each ERP group's ABO/AVF matches a traveller of the
request). China NIA status changes (BGM 132) carry a transaction reference of their own:
they are matched by flight (RFF AF and scheduled departure) instead, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from paxdata.cusres._records import (
    BoardingDirective,
    CustomsResponse,
    ResponseKind,
    TravellerResponse,
)
from paxdata.defects import Defect, Location
from paxdata.errors import defect_at
from paxdata.paxlst import PassengerList, Traveller
from paxdata.policy import LENIENT, Policy

__all__ = ["BoardingDecision", "MatchedResponse", "match_response"]


@attrs.frozen(slots=True)
class BoardingDecision:
    """One traveller answer and the PAXLST traveller it is about.

    ``traveller`` is ``None`` when no traveller of the request matches (a
    ``CUS-TRAVELLER-UNMATCHED`` error is on the :class:`MatchedResponse`);
    ``request_reference`` is the message reference (UNH 0062) of the PAXLST part holding
    the traveller; ``matched_by`` says how (``"ABO"`` unique passenger reference, or
    ``"AVF"`` PNR locator naming exactly one traveller).
    """

    response: TravellerResponse
    traveller: Traveller | None
    request_reference: str | None
    matched_by: str | None

    @property
    def directive(self) -> BoardingDirective:
        """What to do with the traveller (the answer's most restrictive ERC)."""
        return self.response.directive

    @property
    def cleared(self) -> bool:
        """True only when the authority said board (and the traveller was identified)."""
        return self.traveller is not None and self.directive is BoardingDirective.BOARD


@attrs.frozen(slots=True)
class MatchedResponse:
    """An answer with its request: ``requests`` are the PAXLST messages (parts) it
    answers, ``decisions`` one per traveller answer in message order, ``unanswered`` the
    request's travellers the answer says nothing about (never cleared), ``warnings`` the
    matching defects (``CUS-REQUEST-*``, ``CUS-TRAVELLER-*``)."""

    response: CustomsResponse
    requests: tuple[PassengerList, ...]
    decisions: tuple[BoardingDecision, ...]
    unanswered: tuple[Traveller, ...]
    warnings: tuple[Defect, ...] = ()


def _defect(code: str, message: str, response: CustomsResponse, policy: Policy,
            segment_index: int | None = None, tag: str | None = None) -> Defect:
    return defect_at(code, message, Location(
        input_name=response.envelope.input_name, segment_index=segment_index, tag=tag,
        message_reference=response.message_reference), strict=policy.strict)


def _shown(policy: Policy, value: str | None) -> str:
    """A traveller's reference or name for a message, only if the policy shows values."""
    return repr(value) if policy.show_values else "(value not shown)"


def _same_flight(response: CustomsResponse, request: PassengerList) -> bool:
    for flight in response.flights:
        for leg in request.flight_legs:
            designator = leg.flight_designator or f"{leg.carrier or ''}{leg.flight_number or ''}"
            if flight.flight_designator != designator:
                continue
            if (flight.scheduled_departure is None or leg.scheduled_departure is None
                    or flight.scheduled_departure == leg.scheduled_departure):
                return True
    return False


def _requests(response: CustomsResponse, candidates: list[PassengerList], policy: Policy,
              warnings: list[Defect]) -> list[PassengerList]:
    tn = response.transaction_reference
    access = response.common_access_reference
    found = [r for r in candidates if tn is not None and r.transaction_reference == tn]
    if found:
        return [r for r in found if access and r.common_access_reference == access] or found
    if tn is None and access:  # a request without RFF TN: its 0068 is echoed
        found = [r for r in candidates if r.common_access_reference == access]
        if found:
            return found
    by_flight = [r for r in candidates if _same_flight(response, r)]
    if by_flight:
        if response.response_kind is ResponseKind.RESPONSE:
            flight = response.flights[0].flight_designator if response.flights else None
            warnings.append(_defect(
                "CUS-REQUEST-BY-FLIGHT",
                f"no PAXLST has transaction reference {tn!r}; matched by flight {flight}",
                response, policy, tag="RFF"))
        return by_flight
    warnings.append(_defect(
        "CUS-REQUEST-NOT-FOUND",
        f"no PAXLST with transaction reference {tn!r} or the answer's flight was given",
        response, policy, tag="RFF"))
    return []


def match_response(response: CustomsResponse,
                   requests: PassengerList | Iterable[PassengerList], *,
                   policy: Policy = LENIENT) -> MatchedResponse:
    """Find the PAXLST an answer is about and the traveller each answer names.

    ``requests``: the PAXLST messages sent (all parts of a split list; several flights are
    fine). The request is the one whose RFF TN equals the answer's (and whose common
    access reference matches, when several do); for a request sent without RFF TN, the
    one whose common access reference the answer echoes; else one for the same flight
    (warning ``CUS-REQUEST-BY-FLIGHT`` for a response; status changes and acknowledgements
    carry a transaction reference of their own). Each answer is matched by
    RFF ABO to the traveller's unique passenger reference, else by RFF AVF when exactly
    one traveller has that PNR locator (``CUS-TRAVELLER-AMBIGUOUS`` otherwise). An answer
    naming no traveller is a ``CUS-TRAVELLER-UNMATCHED`` error (a strict ``policy``
    raises :class:`~paxdata.errors.DefectError`); travellers a response (BGM 962) says
    nothing about are listed in ``unanswered`` with a warning.
    """
    candidates = [requests] if isinstance(requests, PassengerList) else list(requests)
    warnings: list[Defect] = []
    chosen = _requests(response, candidates, policy, warnings)
    pool: list[tuple[Traveller, str]] = [(t, r.message_reference) for r in chosen
                                         for t in r.travellers]
    by_upr: dict[str, list[tuple[Traveller, str]]] = {}
    by_pnr: dict[str, list[tuple[Traveller, str]]] = {}
    for item in pool:
        if item[0].unique_passenger_reference:
            by_upr.setdefault(item[0].unique_passenger_reference, []).append(item)
        if item[0].reservation_number:
            by_pnr.setdefault(item[0].reservation_number, []).append(item)
    decisions: list[BoardingDecision] = []
    answered: set[int] = set()
    for answer in response.travellers:
        match: tuple[Traveller, str] | None = None
        how: str | None = None
        upr, pnr = answer.unique_passenger_reference, answer.reservation_number
        if upr and len(by_upr.get(upr, ())) == 1:
            match, how = by_upr[upr][0], "ABO"
        elif pnr and len(by_pnr.get(pnr, ())) == 1 and (not upr or not by_upr):
            match, how = by_pnr[pnr][0], "AVF"
        elif chosen:
            several = len(by_upr.get(upr or "", ())) > 1 or (
                not upr and len(by_pnr.get(pnr or "", ())) > 1)
            if several:
                warnings.append(_defect(
                    "CUS-TRAVELLER-AMBIGUOUS",
                    f"answer ABO {_shown(policy, upr)} / AVF {_shown(policy, pnr)} names "
                    "several travellers of the PAXLST; not matched", response, policy,
                    answer.segment_index, "ERP"))
            else:
                warnings.append(_defect(
                    "CUS-TRAVELLER-UNMATCHED",
                    f"answer ABO {_shown(policy, upr)} / AVF {_shown(policy, pnr)} matches no "
                    "traveller of the PAXLST",
                    response, policy, answer.segment_index, "ERP"))
        if match is not None:
            answered.add(id(match[0]))
        decisions.append(BoardingDecision(answer, match[0] if match else None,
                                          match[1] if match else None, how))
    unanswered = tuple(t for t, _ in pool if id(t) not in answered)
    if response.response_kind is ResponseKind.RESPONSE:
        for traveller in unanswered:
            warnings.append(_defect(
                "CUS-TRAVELLER-UNANSWERED",
                f"traveller {_shown(policy, traveller.surname)} (ABO "
                f"{_shown(policy, traveller.unique_passenger_reference)}) has no answer in "
                "this response",
                response, policy))
    return MatchedResponse(response, tuple(chosen), tuple(decisions), unanswered,
                           tuple(warnings))
