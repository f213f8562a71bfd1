"""PNRGOV rules (PNR-*): the PNR count of a push over all its parts, duplicate record
locators, traveller references, SSR DOCS fields (dates, countries, gender, document
number), traveller names, itinerary time order and element lengths.

Reads the typed records (:class:`~paxdata.pnrgov.PnrgovMessage`, one per message or part
of a push); the syntax tree, when present, places findings on the exact segment (the
level-0 EQN) and gives the raw values the length rule measures. Parse-time defects of
the PNRGOV reader are mapped to rules in ``specs/validation/rules/pnrgov.toml``; the
reader's SSR format warnings about DOCS genders and alpha-2 countries are left to the
``PNR-DOCS-*`` rules, so each problem is reported once.

Findings about a PNR carry ``Subject(index, name, kind="pnr")``: the PNR's position in its
message (from 1) and its record locator, followed by the traveller's name
(``"ABC123 / DOE, JANE"``) when one traveller is concerned.

Times: TVL times are local at their airport (PNRGOV IG, TVL); itinerary order and arrival
after departure are compared in UTC with each airport's time zone (airportsdata, through
the checker's airport provider), and only where both time zones are known.

Sources: IATA PADIS PNRGOV Implementation Guide (level 0 MSG/TVL/EQN, Gr.1 RCI, Gr.2 TIF
and SSR, Gr.5 TVL, Gr.7 TRI), IATA AIRIMP SSR DOCS, ICAO Doc 9303 Part 3, DIGEST 3.1-3.5
and 5.4-5.10 (cited per rule in the catalogue).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import pycountry

from paxdata._specs import load_spec
from paxdata.defects import Defect
from paxdata.edifact import Segment
from paxdata.paxlst import FlightLeg
from paxdata.pnrgov import (
    Contact,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    FrequentFlyer,
    InfantDetails,
    Pnr,
    PnrgovMessage,
    Ssr,
    TicketCoupon,
    Traveller,
    reassemble,
)
from paxdata.validation._engine import Checker, RuleModule
from paxdata.validation._findings import Subject
from paxdata.validation._input import InputView, MessageView
from paxdata.validation._providers import to_utc

__all__ = ["MODULE", "pnr_subject"]

_DOC_NUMBER = re.compile(r"[A-Z0-9]+")
_DOCS_RULES = ("PNR-DOCS-DOB-FUTURE", "PNR-DOCS-DOB-AFTER-DEPARTURE", "PNR-DOCS-EXPIRED",
               "PNR-DOCS-COUNTRY", "PNR-DOCS-COUNTRY-ALPHA2", "PNR-DOCS-SPECIMEN-CODE",
               "PNR-DOCS-GENDER", "PNR-DOCS-NUMBER-CHARS")
_TIMES = ("PNR-ARRIVAL-BEFORE-DEPARTURE", "PNR-ITINERARY-ORDER")
#: Reader problems a PNR-DOCS-* rule checks itself (text of the PNR-SSR-FORMAT message).
_SUPERSEDED = (": DOCS gender ", " given as ISO alpha-2 ")
#: SSR DOCS free-text fields that are personal (number, date of birth, names), by position.
_DOCS_PERSONAL_FIELDS = (3, 5, 8, 9, 10)


@cache
def _spec() -> dict[str, Any]:
    return load_spec("validation/rules/pnrgov.toml")


@cache
def _alpha_2() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> alpha-3 (pycountry)."""
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _lengths() -> dict[str, tuple[tuple[int, int, int, str, bool], ...]]:
    """tag -> ((element or 0 for every repetition, component, max, name, personal), ...)."""
    table: dict[str, list[tuple[int, int, int, str, bool]]] = {}
    for entry in _spec()["lengths"]["fields"]:
        table.setdefault(entry["tag"], []).append(
            (int(entry["element"]), int(entry["component"]), int(entry["max"]),
             str(entry["name"]), bool(entry.get("personal", False))))
    return {tag: tuple(entries) for tag, entries in table.items()}


# ---------------------------------------------------------------------- subjects
def _person(traveller: Traveller) -> str | None:
    name = traveller.surname or ""
    given = " ".join(traveller.given_names)
    if given:
        name = f"{name}, {given}" if name else given
    return name or None


def pnr_subject(pnr: Pnr, index: int, traveller: Traveller | None = None) -> Subject:
    """The :class:`Subject` of the ``index``-th (1-based) PNR of a message: named by its
    record locator, then by the traveller's name (``"ABC123 / DOE, JANE"``) when a
    finding concerns one traveller of the PNR."""
    name = pnr.record_locator
    person = _person(traveller) if traveller is not None else None
    if person:
        name = f"{name} / {person}" if name else person
    return Subject(index, name, "pnr")


class _TravellerAt:
    """Which traveller of a PNR a segment concerns: the segments its records came from
    (TIF, SSRs naming it, tickets, payments, check-ins...), else its Gr.2 group (from
    its TIF to the next TIF or the itinerary, split, non-air or history group)."""

    def __init__(self, pnr: Pnr) -> None:
        self.pnr = pnr
        exact: dict[int, int] = {}
        for position, traveller in enumerate(pnr.travellers):
            for items in (traveller.ssrs, traveller.check_in, traveller.tickets,
                          traveller.payments, traveller.frequent_flyer, traveller.remarks,
                          traveller.addresses, traveller.contacts):
                for item in items:
                    index = item.segment_index
                    if index is not None and exact.setdefault(index, position) != position:
                        exact[index] = -1  # one segment for several travellers (SSR SEAT)
        self.exact = exact
        self._groups: tuple[list[int], list[int], list[int]] | None = None

    def _spans(self) -> tuple[list[int], list[int], list[int]]:
        if self._groups is None:
            pnr = self.pnr
            starts = sorted((t.segment_index, p) for p, t in enumerate(pnr.travellers)
                            if t.segment_index is not None)
            bounds = sorted(i for i in (
                *(s.segment_index for s in pnr.itinerary),
                *(s.segment_index for s in pnr.split_pnrs),
                *(s.segment_index for s in pnr.non_air_segments),
                *(h.segment_index for h in pnr.history)) if i is not None)
            self._groups = ([s for s, _ in starts], [p for _, p in starts], bounds)
        return self._groups

    def at(self, index: int | None) -> Traveller | None:
        if index is None:
            return None
        travellers = self.pnr.travellers
        position = self.exact.get(index)
        if position is not None:
            return travellers[position] if position >= 0 else None
        starts, positions, bounds = self._spans()
        k = bisect.bisect_right(starts, index) - 1
        if k < 0:
            return None
        b = bisect.bisect_right(bounds, starts[k])
        if b < len(bounds) and bounds[b] <= index:
            return None
        return travellers[positions[k]]


def _add(checker: Checker, rule: str, message: str, *, view: MessageView,
         subject: Subject | None = None, segment: Segment | None = None,
         segment_index: int | None = None, tag: str | None = None,
         element: int | None = None, component: int | None = None,
         value: str | None = None, personal: bool = False,
         positioned: bool | None = None) -> None:
    """:meth:`Checker.add`, without EDIFACT positions (tag, element, component) for
    records that carry none: PNRGOV XML records have no segment index, and their findings
    are placed by message and subject only. ``positioned`` overrides the test."""
    if positioned is None:
        positioned = segment is not None or segment_index is not None
    if not positioned:
        tag = element = component = None
    checker.add(rule, message, view=view, subject=subject, segment=segment,
                segment_index=segment_index, tag=tag, element=element, component=component,
                value=value, personal=personal)


def _edifact(message: PnrgovMessage, view: MessageView) -> bool:
    """Was the message read from EDIFACT (segment positions known)? XML records carry
    neither a syntax tree nor a message offset nor segment indexes."""
    if view.tree is not None or message.envelope.message_offset is not None:
        return True
    flight = message.flight
    return (flight is not None and flight.segment_index is not None) \
        or any(p.segment_index is not None for p in message.pnrs)


# ---------------------------------------------------------------------- per message
def _check_message(message: PnrgovMessage, view: MessageView, checker: Checker) -> None:
    enabled = checker.enabled
    flight = message.flight
    if flight is not None and enabled("PNR-ARRIVAL-BEFORE-DEPARTURE"):
        _flight_times(checker, view, None, flight, "the pushed flight")
    docs = any(enabled(rule) for rule in _DOCS_RULES)
    names = enabled("PNR-NAME-CHARS")
    times = any(enabled(rule) for rule in _TIMES)
    context = _DocsContext(checker, flight) if docs else None
    for position, pnr in enumerate(message.pnrs, start=1):
        if names:
            for traveller in pnr.travellers:
                _names(checker, view, pnr, position, traveller)
        if context is not None:
            seen: set[int | None] = set()
            for ssr, named in _ssrs(pnr):
                details = ssr.details
                if isinstance(details, DocsDetails) and ssr.segment_index not in seen:
                    seen.add(ssr.segment_index)
                    _docs(checker, view, (pnr, position, named), ssr, details, context)
        if times and pnr.itinerary:
            _itinerary(checker, view, position, pnr)
    if view.tree is not None and enabled("PNR-ELEMENT-LENGTH"):
        _element_lengths(checker, view, message)


def _ssrs(pnr: Pnr) -> Iterator[tuple[Ssr, Traveller | None]]:
    """Every SSR of the PNR (Gr.1, Gr.2, Gr.5) with the traveller it names, if any."""
    for traveller in pnr.travellers:
        for ssr in traveller.ssrs:
            yield ssr, traveller
    for ssr in pnr.ssrs:
        yield ssr, None
    for segment in pnr.itinerary:
        for ssr in segment.ssrs:
            yield ssr, None


def _name_ok(value: str) -> bool:
    """Letters (any script), space, hyphen and apostrophe only."""
    return value.isalpha() or value.replace(" ", "").replace("-", "").replace("'", "").isalpha()


def _names(checker: Checker, view: MessageView, pnr: Pnr, position: int,
           traveller: Traveller) -> None:
    for element, value, what in ((1, traveller.surname, "surname"),
                                 (2, traveller.given_name_as_sent, "given name")):
        if value and not _name_ok(value):
            _add(checker, "PNR-NAME-CHARS", f"traveller {what} (TIF e{element}c1) has "
                 "characters other than letters, space, hyphen and apostrophe", view=view,
                 subject=pnr_subject(pnr, position, traveller),
                 segment_index=traveller.segment_index, tag="TIF", element=element,
                 component=1, value=value, personal=True)


# ---------------------------------------------------------------------- SSR DOCS
class _DocsContext:
    """What the DOCS rules compare with: today, the pushed flight's local departure and
    arrival dates, the accepted genders and the validity margin (profile)."""

    def __init__(self, checker: Checker, flight: FlightLeg | None) -> None:
        self.today = checker.today
        departure = _day(flight.scheduled_departure) if flight is not None else None
        arrival = _day(flight.scheduled_arrival) if flight is not None else None
        self.departure = departure
        self.arrival = arrival or departure
        codes = checker.profile.codes.get("docs_genders")
        self.genders = codes if codes else frozenset(_spec()["codes"]["docs_genders"])
        self.validity_days = int(checker.profile.parameter("document_validity_days", 0))
        self.valid_until: date | None = None
        if self.arrival is not None:
            try:
                self.valid_until = self.arrival + timedelta(days=self.validity_days)
            except OverflowError:
                self.valid_until = date.max if self.validity_days > 0 else date.min


def _day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _docs(checker: Checker, view: MessageView,
          concerned: tuple[Pnr, int, Traveller | None], ssr: Ssr, details: DocsDetails,
          context: _DocsContext) -> None:
    def add(rule: str, message: str, value: str | None, personal: bool = False) -> None:
        _add(checker, rule, message, view=view, subject=pnr_subject(*concerned),
             segment_index=ssr.segment_index, tag="SSR", element=1, component=9,
             value=value, personal=personal)

    dob = details.date_of_birth
    if dob is not None:
        if dob > context.today:
            add("PNR-DOCS-DOB-FUTURE", f"SSR DOCS date of birth is after today "
                f"({context.today.isoformat()})", dob.isoformat(), True)
        elif context.departure is not None and dob > context.departure:
            add("PNR-DOCS-DOB-AFTER-DEPARTURE", "SSR DOCS date of birth is after the pushed "
                f"flight's scheduled departure ({context.departure.isoformat()})",
                dob.isoformat(), True)
    expiry = details.expiry_date
    if expiry is not None and context.valid_until is not None and expiry < context.valid_until \
            and context.arrival is not None:
        margin = f" plus {context.validity_days} days" if context.validity_days else ""
        add("PNR-DOCS-EXPIRED", f"SSR DOCS document expires {expiry.isoformat()}, before the "
            f"pushed flight's scheduled arrival ({context.arrival.isoformat()}){margin}",
            expiry.isoformat())
    problems: dict[str, list[tuple[str, str]]] = {}
    for what, code in (("issuing State", details.issuing_country),
                       ("nationality", details.nationality)):
        if code:
            rule = _country_rule(checker, code)
            if rule is not None:
                problems.setdefault(rule, []).append((what, code))
    for rule, found in problems.items():
        named = " and ".join(f"{what} {code!r}" for what, code in found)
        if rule == "PNR-DOCS-COUNTRY-ALPHA2":
            alpha3 = ", ".join(f"{code} is {_alpha_2()[code]}"
                               for code in dict.fromkeys(code for _, code in found))
            message = (f"SSR DOCS {named}: ISO 3166-1 alpha-2, where AIRIMP uses alpha-3 "
                       f"({alpha3})")
        elif rule == "PNR-DOCS-SPECIMEN-CODE":
            message = f"SSR DOCS {named}: the ICAO specimen State"
        else:
            message = (f"SSR DOCS {named}: not an ISO 3166-1 alpha-3 or ICAO Doc 9303 "
                       "code")
        add(rule, message, found[0][1])
    gender = details.gender
    if gender and gender not in context.genders:
        add("PNR-DOCS-GENDER", f"SSR DOCS gender {gender!r} is not one of "
            f"{', '.join(sorted(context.genders))}", gender)
    number = details.number
    if number and not _DOC_NUMBER.fullmatch(number):
        add("PNR-DOCS-NUMBER-CHARS", "SSR DOCS document number has characters other than "
            "A-Z and 0-9", number, True)


def _country_rule(checker: Checker, code: str) -> str | None:
    kind = checker.countries.kind(code)
    if kind in ("iso", "doc9303"):
        return None
    if kind == "specimen":
        return "PNR-DOCS-SPECIMEN-CODE"
    if len(code) == 2 and code in _alpha_2():
        return "PNR-DOCS-COUNTRY-ALPHA2"
    return "PNR-DOCS-COUNTRY"


# ---------------------------------------------------------------------- itinerary times
def _utc(checker: Checker, moment: datetime | date | None, airport: str | None
         ) -> datetime | None:
    if not isinstance(moment, datetime) or not airport:
        return None
    return to_utc(moment, checker.airports.timezone(airport))


def _clock(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%MZ")


def _flight_times(checker: Checker, view: MessageView, subject: Subject | None,
                  flight: FlightLeg | Any, what: str) -> datetime | None:
    """PNR-ARRIVAL-BEFORE-DEPARTURE for one TVL; returns the UTC time the flight ends
    (its arrival, or its departure when the arrival is unknown or not after it)."""
    departure = _utc(checker, flight.scheduled_departure, flight.departure_airport)
    arrival = _utc(checker, flight.scheduled_arrival, flight.arrival_airport)
    if departure is None or arrival is None:
        return arrival or departure
    if arrival > departure:
        return arrival
    if checker.enabled("PNR-ARRIVAL-BEFORE-DEPARTURE"):
        segment = view.segment(flight.segment_index, "TVL")
        hint = ""
        if segment is not None and not segment.get(1, 3).strip():
            hint = ("; no arrival date was sent, so the arrival is read on the departure "
                    "date (PNRGOV IG, TVL)")
        _add(checker, "PNR-ARRIVAL-BEFORE-DEPARTURE",
             f"{what} arrives {_clock(arrival)} but departs {_clock(departure)} (UTC; "
             f"local {flight.scheduled_arrival:%Y-%m-%d %H:%M} at {flight.arrival_airport}, "
             f"{flight.scheduled_departure:%Y-%m-%d %H:%M} at {flight.departure_airport})"
             f"{hint}", view=view, subject=subject, segment=segment,
             segment_index=flight.segment_index, tag="TVL", element=1, component=3)
    return departure


def _itinerary(checker: Checker, view: MessageView, position: int, pnr: Pnr) -> None:
    order = checker.enabled("PNR-ITINERARY-ORDER")
    subject = pnr_subject(pnr, position)
    previous_end: datetime | None = None
    previous_day: date | None = None
    previous = 0
    for number, segment in enumerate(pnr.itinerary, start=1):
        designator = f"{segment.carrier or ''}{segment.flight_number or ''}"
        what = f"flight segment {number} ({designator} {segment.departure_airport or '?'}-" \
               f"{segment.arrival_airport or '?'})"
        end = _flight_times(checker, view, subject, segment, what)
        departure = _utc(checker, segment.scheduled_departure, segment.departure_airport)
        day = _day(segment.scheduled_departure)
        if order and previous:
            why = None
            if departure is not None and previous_end is not None:
                if departure < previous_end:
                    why = (f"departs {_clock(departure)}, before flight segment {previous} "
                           f"ends ({_clock(previous_end)}, UTC)")
            elif day is not None and previous_day is not None \
                    and day < previous_day - timedelta(days=1):
                why = (f"departs on {day.isoformat()}, before flight segment {previous} "
                       f"departs ({previous_day.isoformat()}, local dates)")
            if why is not None:
                _add(checker, "PNR-ITINERARY-ORDER", f"{what} {why}", view=view,
                     subject=subject, segment_index=segment.segment_index, tag="TVL",
                     element=1, component=1)
        if day is not None:
            previous, previous_end, previous_day = number, end, day


# ---------------------------------------------------------------------- element lengths
def _element_lengths(checker: Checker, view: MessageView, message: PnrgovMessage) -> None:
    tree = view.tree
    assert tree is not None
    table = _lengths()
    starts = [p.segment_index or 0 for p in message.pnrs]
    located: dict[int, _TravellerAt] = {}
    for segment in tree.segments:
        entries = table.get(segment.tag)
        if entries is None:
            continue
        elements = segment.elements
        for element, component, limit, name, personal in entries:
            if element == 0:
                composites: Iterable[tuple[int, tuple[str, ...]]] = enumerate(elements, 1)
            elif element <= len(elements):
                composites = ((element, elements[element - 1]),)
            else:
                continue
            for position, composite in composites:
                if component > len(composite) or len(composite[component - 1]) <= limit:
                    continue
                value = composite[component - 1]
                _add(checker, "PNR-ELEMENT-LENGTH",
                     f"{name} has {len(value)} characters; the directory allows {limit}",
                     view=view, subject=_subject_at(message, starts, located, segment.index),
                     segment=segment, element=position, component=component, value=value,
                     personal=personal)


def _subject_at(message: PnrgovMessage, starts: list[int], located: dict[int, _TravellerAt],
                index: int) -> Subject | None:
    k = bisect.bisect_right(starts, index) - 1
    if k < 0:
        return None
    pnr = message.pnrs[k]
    finder = located.get(k)
    if finder is None:
        finder = located[k] = _TravellerAt(pnr)
    return pnr_subject(pnr, k + 1, finder.at(index))


# ---------------------------------------------------------------------- whole input
def _check_input(view: InputView, checker: Checker) -> None:
    pushes = [(v.message, v) for v in view.messages if isinstance(v.message, PnrgovMessage)]
    if not pushes:
        return
    views = {id(m): v for m, v in pushes}
    by_offset = {m.envelope.message_offset: v for m, v in pushes
                 if m.envelope.message_offset is not None}
    by_reference = {m.message_reference: v for m, v in pushes}
    for assembled in reassemble([m for m, _ in pushes]):
        parts = assembled.parts
        if len(parts) == 1 and not assembled.complete:
            part = parts[0]
            part_view = views[id(part)]
            edifact = _edifact(part, part_view)
            _add(checker, "PNR-PART-SINGLE",
                 f"part {part.part_number} of push {part.common_access_reference!r} is the "
                 "only part in this input; its PNR count (EQN) and completeness are checked "
                 "when its parts are validated together", view=part_view,
                 segment_index=1 if edifact else None, tag="UNH", element=4)
        elif len(parts) > 1:
            for defect in assembled.warnings:
                location = defect.location
                target = by_offset.get(location.offset) if location.offset is not None \
                    else None
                checker.add_defect(defect, None, target or by_reference.get(
                    location.message_reference or ""))
        if assembled.complete and checker.enabled("PNR-EQN-COUNT"):
            _eqn(parts, views, checker)
        if checker.enabled("PNR-LOCATOR-DUPLICATE"):
            _duplicate_locators(parts, views, checker)


def _level0(view: MessageView, tag: str) -> Segment | None:
    """The level-0 segment ``tag`` of a message (before the first SRC), from its tree."""
    tree = view.tree
    if tree is None:
        return None
    for segment in tree.segments[1:]:
        if segment.tag == tag:
            return segment
        if segment.tag == "SRC":
            break
    return None


def _eqn(parts: tuple[PnrgovMessage, ...], views: dict[int, MessageView],
         checker: Checker) -> None:
    declaring = next((p for p in parts if p.declared_pnr_count is not None), None)
    if declaring is None:
        return  # no EQN: PNR-SEGMENT-MISSING
    declared = declaring.declared_pnr_count
    received = sum(len(p.pnrs) + len(p.unreadable_pnrs) for p in parts)
    if declared == received:
        return
    view = views[id(declaring)]
    what = f"over {len(parts)} parts" if len(parts) > 1 else "in this message"
    _add(checker, "PNR-EQN-COUNT", f"EQN declares {declared} PNRs; {received} received {what} "
         "(SRC groups)", view=view, segment=_level0(view, "EQN"), tag="EQN", element=1,
         component=1, value=str(declared), positioned=_edifact(declaring, view))


def _duplicate_locators(parts: tuple[PnrgovMessage, ...], views: dict[int, MessageView],
                        checker: Checker) -> None:
    seen: dict[tuple[str | None, str | None], tuple[int, MessageView]] = {}
    for part in parts:
        view = views[id(part)]
        for position, pnr in enumerate(part.pnrs, start=1):
            if not pnr.record_locator:
                continue
            earlier = seen.get(pnr.key)
            if earlier is None:
                seen[pnr.key] = (position, view)
                continue
            where = f"PNR {earlier[0]}"
            if earlier[1] is not view:
                where += f" of message {earlier[1].reference}"
            system = f" ({pnr.booking_system})" if pnr.booking_system else ""
            _add(checker, "PNR-LOCATOR-DUPLICATE",
                 f"record locator{system} already sent in {where} of this push", view=view,
                 subject=pnr_subject(pnr, position),
                 segment_index=pnr.record_locators[0].segment_index, tag="RCI", element=1,
                 component=2, value=pnr.record_locator, personal=True)


# ---------------------------------------------------------------------- defects, masking
def _superseded(defect: Defect) -> bool:
    """A reader problem a PNR-DOCS-* rule reports itself (DOCS gender, alpha-2 countries)."""
    return defect.code == "PNR-SSR-FORMAT" and any(s in defect.message for s in _SUPERSEDED)


def _message_defects(message: PnrgovMessage) -> Iterator[tuple[Defect, Subject | None]]:
    for defect in message.warnings:
        if not _superseded(defect):
            yield defect, None
    for position, pnr in enumerate(message.pnrs, start=1):
        if not pnr.warnings:
            continue
        finder = _TravellerAt(pnr)
        for defect in pnr.warnings:
            if _superseded(defect):
                continue
            location = defect.location
            # an SSR naming an unknown traveller concerns none of the travellers it lists
            unnamed = defect.code == "PNR-REFERENCE-UNRESOLVED" and location.tag == "SSR"
            yield defect, pnr_subject(pnr, position,
                                      None if unnamed else finder.at(location.segment_index))


def _ssr_values(ssr: Ssr) -> Iterator[str | None]:
    details = ssr.details
    if isinstance(details, DocsDetails):
        fields = (ssr.text or "").strip().lstrip("/").split("/")
        yield from (fields[i - 1] for i in _DOCS_PERSONAL_FIELDS if i - 1 < len(fields))
        yield from (details.number, details.surname, *details.given_names)
        if details.date_of_birth is not None:
            yield from _date_forms(details.date_of_birth)
    elif isinstance(details, DocoDetails):
        yield from (details.place_of_birth, details.number, details.place_of_issue)
    elif isinstance(details, DocaDetails):
        yield from (details.street, details.city, details.postal_code)
    elif isinstance(details, Contact):
        yield from (details.value, details.text)
    elif isinstance(details, FrequentFlyer | TicketCoupon):
        yield details.number
    elif isinstance(details, InfantDetails):
        yield from (details.surname, *details.given_names)
        if details.date_of_birth is not None:
            yield from _date_forms(details.date_of_birth)
    elif details is None:
        yield ssr.text


def _date_forms(day: date) -> tuple[str, ...]:
    return (day.isoformat(), day.strftime("%d%b%y").upper(), day.strftime("%d%b%Y").upper())


def _pnr_values(pnr: Pnr) -> Iterator[str | None]:
    yield from (r.locator for r in pnr.record_locators)
    for segment in pnr.itinerary:
        yield from (r.locator for r in segment.record_locators)
        for ssr in segment.ssrs:
            yield from _ssr_values(ssr)
        for remark in segment.remarks:
            yield from remark.lines
        yield from (c.name for c in segment.unassigned_check_ins)
    for split in pnr.split_pnrs:
        yield from (r.locator for r in split.record_locators)
    for contact in pnr.contacts:
        yield from (contact.value, contact.text)
    for address in pnr.addresses:
        yield from (address.street, address.city, address.postal_code, address.free_text)
    for remark in pnr.remarks:
        yield from remark.lines
    for ssr in pnr.ssrs:
        yield from _ssr_values(ssr)
    yield from pnr.history_lines
    for credit in pnr.history:
        for action in credit.actions:
            for person in action.travellers:
                yield from (person.surname, person.given_name)
            for ssr in action.ssrs:
                yield from _ssr_values(ssr)
            for remark in action.remarks:
                yield from remark.lines
    for traveller in pnr.travellers:
        yield from _traveller_values(traveller)


def _traveller_values(traveller: Traveller) -> Iterator[str | None]:
    yield from (traveller.surname, traveller.given_name_as_sent, *traveller.given_names,
                traveller.place_of_birth, traveller.unique_passenger_reference)
    if traveller.date_of_birth is not None:
        yield from _date_forms(traveller.date_of_birth)
    yield from (d.number for d in traveller.documents)
    yield from (f.number for f in traveller.frequent_flyer)
    for ssr in traveller.ssrs:
        yield from _ssr_values(ssr)
    for remark in traveller.remarks:
        yield from remark.lines
    for contact in traveller.contacts:
        yield from (contact.value, contact.text)
    for address in traveller.addresses:
        yield from (address.street, address.city, address.postal_code, address.free_text)
    for ticket in traveller.tickets:
        yield ticket.number
    for payment in traveller.payments:
        yield from (payment.account_number, *payment.sponsor)
        if payment.billing_address is not None:
            address = payment.billing_address
            yield from (address.street, address.city, address.postal_code, address.free_text)
    yield from (c.name for c in traveller.check_in)


def _personal_values(message: PnrgovMessage) -> Iterable[str]:
    for pnr in message.pnrs:
        for value in _pnr_values(pnr):
            if value:
                yield value
    for unreadable in message.unreadable_pnrs:
        if unreadable.record_locator:
            yield unreadable.record_locator


MODULE = RuleModule(
    family="pnrgov",
    message_types=(PnrgovMessage,),
    check_message=_check_message,
    check_input=_check_input,
    message_defects=_message_defects,
    personal_values=_personal_values,
)
