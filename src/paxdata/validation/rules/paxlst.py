"""PAXLST rules (PAX-*): required API elements per profile, code lists, dates, flight
legs, duplicates, control totals, multi-part completeness and Doc 9303 check digits.

Reads the typed records (:class:`~paxdata.paxlst.PassengerList`); the syntax tree, when
present, only places findings on the exact segment (NAT, LOC 91, DTM 36...). Parse-time
defects of the PAXLST reader are mapped to rules in ``specs/validation/rules/paxlst.toml``.
Sources: WCO/IATA/ICAO PAXLST Implementation Guide (sections 4.5-4.24), ICAO Doc 9303
Part 3, DIGEST section 5 (cited per rule in the catalogue).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from paxdata._specs import load_spec
from paxdata.defects import Defect
from paxdata.edifact import Segment
from paxdata.paxlst import (
    FlightLeg,
    ListType,
    PassengerList,
    TravelDocument,
    Traveller,
    TravellerRole,
    reassemble,
)
from paxdata.validation._checkdigits import find_mrz, verify_mrz
from paxdata.validation._engine import Checker, RuleModule
from paxdata.validation._findings import Subject
from paxdata.validation._input import InputView, MessageView
from paxdata.validation._providers import to_utc

__all__ = ["MODULE", "subject_of"]

_AIRPORT = re.compile(r"[A-Z]{3}")
_DOC_NUMBER = re.compile(r"[A-Z0-9]+")
_PASSENGER_ROLES = (TravellerRole.PASSENGER, TravellerRole.IN_TRANSIT_PASSENGER)
_CREW_ROLES = (TravellerRole.CREW, TravellerRole.IN_TRANSIT_CREW)
_TRAVELLER_FUNCTIONS = frozenset({"FL", "FM", "DDU", "DDT"})


@cache
def _spec() -> dict[str, Any]:
    return load_spec("validation/rules/paxlst.toml")


def subject_of(traveller: Traveller, index: int) -> Subject:
    """The :class:`Subject` of the ``index``-th (1-based) traveller of a list."""
    given = " ".join(traveller.given_names)
    name = traveller.surname or ""
    if given:
        name = f"{name}, {given}" if name else given
    return Subject(index, name or None, "traveller")


def _name_ok(value: str) -> bool:
    """Letters (any script), space, hyphen and apostrophe only."""
    return value.isalpha() or value.replace(" ", "").replace("-", "").replace("'", "").isalpha()


# ---------------------------------------------------------------------- locating
class _Places:
    """Finds the segments of a traveller, document or flight leg in the message's tree."""

    def __init__(self, plist: PassengerList, view: MessageView) -> None:
        self.view = view
        self.starts = [t.segment_index or 0 for t in plist.travellers]
        tree = view.tree
        self.end = len(tree.segments) if tree is not None else 0
        legs = [leg.segment_index or 0 for leg in plist.flight_legs]
        self.leg_starts = sorted(set(legs))

    def span(self, index: int) -> tuple[int, int]:
        """Segment indexes [first, last] of traveller ``index`` (0-based)."""
        first = self.starts[index]
        last = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else self.end
        return first, last

    def find(self, first: int, last: int, tag: str, qualifier: str | None = None,
             contains: str | None = None) -> Segment | None:
        """The first segment ``tag`` (with first element ``qualifier``) in [first, last]."""
        tree = self.view.tree
        if tree is None:
            return None
        for segment in tree.segments[max(first - 1, 0):last]:
            if segment.tag != tag:
                continue
            if qualifier is not None and segment.get(1).strip() != qualifier:
                continue
            if contains is not None and contains not in str(segment):
                continue
            return segment
        return None

    def leg_span(self, leg: FlightLeg) -> tuple[int, int]:
        first = leg.segment_index or 0
        later = [s for s in self.leg_starts if s > first]
        last = later[0] - 1 if later else (self.starts[0] - 1 if self.starts else self.end)
        return first, last


# ---------------------------------------------------------------------- per message
def _check_message(plist: PassengerList, view: MessageView, checker: Checker) -> None:
    profile = checker.profile
    places = _Places(plist, view)
    _header(plist, view, checker, places)
    departure_date, arrival_date = _flight_dates(plist)
    _legs(plist, view, checker, places)
    codes = profile.codes
    genders = codes.get("genders", frozenset())
    document_types = codes.get("document_types", frozenset())
    required = profile.required.get("traveller", ())
    required_document = profile.required.get("travel_document", ())
    elements = _spec()["elements"]
    validity = timedelta(days=int(profile.parameter("document_validity_days", 0)))
    max_age = int(profile.parameter("max_age_years", 120))
    today = checker.today
    enabled = checker.enabled
    crew_list = plist.list_type is ListType.CREW
    passenger_list = plist.list_type is ListType.PASSENGER
    check_country = enabled("PAX-COUNTRY-CODE") or enabled("PAX-SPECIMEN-CODE")
    for position, traveller in enumerate(plist.travellers):
        subject = subject_of(traveller, position + 1)
        nad = traveller.segment_index
        first, last = places.span(position)

        def add(rule: str, message: str, tag: str | None = None,
                qualifier: str | None = None, element: int | None = None,
                component: int | None = None, value: str | None = None,
                personal: bool = False, segment: Segment | None = None,
                contains: str | None = None, subject: Subject = subject,
                first: int = first, last: int = last, nad: int | None = nad,
                traveller: Traveller = traveller) -> None:
            if segment is None and tag is not None:
                segment = places.find(first, last, tag, qualifier, contains)
            checker.add(rule, message, view=view, subject=subject, segment=segment,
                        segment_index=None if segment is not None or tag else nad,
                        tag=tag or "NAD", element=element, component=component,
                        value=value, personal=personal,
                        offset=traveller.offset if segment is None and tag is None else None)

        # -- role against list type
        if enabled("PAX-NAD-ROLE") and ((passenger_list and traveller.role in _CREW_ROLES)
                                         or (crew_list and traveller.role in _PASSENGER_ROLES)):
            add("PAX-NAD-ROLE",
                f"party function {traveller.party_function!r} in a "
                f"{plist.list_type.value} list (BGM {plist.document_name_code})",
                element=1, value=traveller.party_function)
        # -- required elements
        for name in required:
            if not _present(traveller, name, plist):
                rule = elements[name]["rule"]
                if enabled(rule):
                    add(rule, f"{elements[name]['where']} ({name.replace('_', ' ')}) is "
                        f"missing for traveller {position + 1}")
        # -- names
        if enabled("PAX-NAME-CHARS"):
            for component, value in enumerate((traveller.surname or "",
                                               *traveller.given_names), start=1):
                if value and not _name_ok(value):
                    add("PAX-NAME-CHARS", "name has characters other than letters, space, "
                        "hyphen and apostrophe", element=4, component=min(component, 3),
                        value=value, personal=True)
                    break
        # -- gender
        gender = traveller.gender
        if gender is not None and gender not in genders and enabled("PAX-GENDER"):
            add("PAX-GENDER", f"gender {gender!r} is not one of {', '.join(sorted(genders))}",
                tag="ATT", element=3, component=1, value=gender)
        # -- date of birth
        dob = traveller.date_of_birth
        if dob is not None:
            if dob > today:
                add("PAX-DOB-FUTURE", f"date of birth is after today ({today.isoformat()})",
                    tag="DTM", qualifier="329", element=1, component=2, value=dob.isoformat(),
                    personal=True)
            elif departure_date is not None and dob > departure_date:
                add("PAX-DOB-AFTER-DEPARTURE",
                    f"date of birth is after the scheduled departure "
                    f"({departure_date.isoformat()})", tag="DTM", qualifier="329", element=1,
                    component=2, value=dob.isoformat(), personal=True)
            elif departure_date is not None and _years(dob, departure_date) > max_age:
                add("PAX-AGE-IMPLAUSIBLE",
                    f"the traveller would be {_years(dob, departure_date)} years old at "
                    f"departure (more than {max_age})", tag="DTM", qualifier="329",
                    element=1, component=2, value=dob.isoformat(), personal=True)
        # -- countries
        if check_country:
            for code in (traveller.nationality, *traveller.other_nationalities):
                if code:
                    _country(checker, code, "nationality",
                             lambda r, m, v: add(r, m, tag="NAT", element=2, component=1,
                                                 value=v, contains=v))
            if traveller.country_of_residence:
                _country(checker, traveller.country_of_residence, "country of residence",
                         lambda r, m, v: add(r, m, tag="LOC", qualifier="174", element=2,
                                             component=1, value=v))
            address = traveller.address
            if address is not None and address.country:
                _country(checker, address.country, "address country",
                         lambda r, m, v: add(r, m, element=9, value=v))
        # -- traveller airports
        if enabled("PAX-AIRPORT-CODE"):
            for qualifier, code, what in (("178", traveller.port_of_embarkation, "embarkation"),
                                          ("179", traveller.port_of_disembarkation,
                                           "disembarkation"),
                                          ("22", traveller.clearance_airport, "clearance")):
                if code and not _airport_ok(checker, code):
                    add("PAX-AIRPORT-CODE",
                        f"port of {what} {code!r} is not a known IATA airport code",
                        tag="LOC", qualifier=qualifier, element=2, component=1, value=code)
        # -- documents
        documents = traveller.documents
        for number, document in enumerate(documents):
            doc_first = document.segment_index or first
            doc_last = (documents[number + 1].segment_index or last) - 1 \
                if number + 1 < len(documents) else last
            doc_segment = view.segment(document.segment_index, "DOC")

            def add_doc(rule: str, message: str, tag: str | None = None,
                        qualifier: str | None = None, element: int | None = None,
                        component: int | None = None, value: str | None = None,
                        personal: bool = False, doc_first: int = doc_first,
                        doc_last: int = doc_last, doc_segment: Segment | None = doc_segment,
                        document: TravelDocument = document, subject: Subject = subject) -> None:
                segment = places.find(doc_first, doc_last, tag, qualifier) if tag else \
                    doc_segment
                checker.add(rule, message, view=view, subject=subject, segment=segment,
                            segment_index=document.segment_index if segment is None and
                            not tag else None, tag=tag or "DOC", element=element,
                            component=component, value=value, personal=personal)

            travel_document = document.type != "V"
            if document.type is not None and document.type not in document_types \
                    and enabled("PAX-DOC-TYPE"):
                add_doc("PAX-DOC-TYPE",
                        f"document type {document.type!r} is not one of "
                        f"{', '.join(sorted(document_types))}", element=1, component=1,
                        value=document.type)
            if travel_document:
                for name in required_document:
                    if not _document_present(document, name, traveller, doc_first, doc_last):
                        rule = elements[name]["rule"]
                        if enabled(rule):
                            add_doc(rule, f"{elements[name]['where']} "
                                    f"({name.replace('_', ' ')}) is missing for the travel "
                                    f"document of traveller {position + 1}")
            if document.number is not None and not _DOC_NUMBER.fullmatch(document.number) \
                    and enabled("PAX-DOC-NUMBER-CHARS"):
                add_doc("PAX-DOC-NUMBER-CHARS", "document number has characters other than "
                        "A-Z and 0-9", element=2, component=1, value=document.number,
                        personal=True)
            if check_country and document.issuing_country:
                _country(checker, document.issuing_country, "issuing State",
                         lambda r, m, v, a=add_doc: a(r, m, tag="LOC", qualifier="91",
                                                      element=2, component=1, value=v))
            expiry = document.expiry_date
            if expiry is not None and arrival_date is not None \
                    and expiry < arrival_date + validity and enabled("PAX-DOC-EXPIRED"):
                margin = f" plus {validity.days} days" if validity.days else ""
                add_doc("PAX-DOC-EXPIRED",
                        f"document expires {expiry.isoformat()}, before the scheduled "
                        f"arrival ({arrival_date.isoformat()}){margin}", tag="DTM",
                        qualifier="36", element=1, component=2, value=expiry.isoformat())
            issue = document.issue_date
            if issue is not None and enabled("PAX-DOC-DATES"):
                why = None
                if departure_date is not None and issue > departure_date:
                    why = "after the scheduled departure"
                elif dob is not None and issue < dob:
                    why = "before the date of birth"
                elif expiry is not None and issue > expiry:
                    why = "after the expiry date"
                if why is not None:
                    add_doc("PAX-DOC-DATES", f"document issue date {issue.isoformat()} is "
                            f"{why}", tag="DTM", qualifier="182", element=1, component=2,
                            value=issue.isoformat())
        # -- machine-readable zones in free text
        if traveller.free_texts and enabled("PAX-MRZ-CHECK-DIGIT"):
            for text in traveller.free_texts:
                _mrz(text, lambda m, v: add("PAX-MRZ-CHECK-DIGIT", m, tag="FTX", element=4,
                                            value=v, personal=True, contains="<"))
    _control_total(plist, view, checker)


def _years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _present(traveller: Traveller, name: str, plist: PassengerList) -> bool:
    if name == "given_names":
        return bool(traveller.given_names)
    if name == "checked_bags":
        return traveller.checked_bag_count is not None or bool(traveller.bag_tags)
    if name == "travel_document":
        return any(d.type != "V" for d in traveller.documents)
    if name == "date_of_birth" and traveller.date_of_birth is None:
        # an unreadable DTM 329 is PAX-DATE-INVALID, not missing
        return any(w.code == "PAX-DATE-INVALID" and w.location.tag == "DTM"
                   for w in traveller.warnings)
    return getattr(traveller, name, None) not in (None, "", ())


def _document_present(document: TravelDocument, name: str, traveller: Traveller,
                      first: int, last: int) -> bool:
    if name == "document_type":
        return document.type is not None
    if name == "document_number":
        return document.number is not None
    if name == "issuing_country":
        return document.issuing_country is not None
    if document.expiry_date is not None:
        return True
    return any(w.code == "PAX-DATE-INVALID" and w.location.segment_index is not None
               and first <= w.location.segment_index <= last for w in traveller.warnings)


def _country(checker: Checker, code: str, what: str, report: Any) -> None:
    kind = checker.countries.kind(code)
    if kind is None:
        report("PAX-COUNTRY-CODE", f"{what} {code!r} is not an ISO 3166-1 alpha-3 or ICAO "
               "Doc 9303 code", code)
    elif kind == "specimen":
        report("PAX-SPECIMEN-CODE", f"{what} {code!r} is the ICAO specimen State", code)


def _airport_ok(checker: Checker, code: str) -> bool:
    return bool(_AIRPORT.fullmatch(code)) and checker.airports.known(code)


def _mrz(text: str, report: Any) -> None:
    lines = find_mrz(text)
    if lines is None:
        return
    verified = verify_mrz(lines)
    if verified is None:
        return
    kind, checks = verified
    for check in checks:
        if not check.ok:
            field = check.field.replace("_", " ")
            report(f"{kind} machine-readable zone: check digit of the {field}"
                   f" (line {check.line}, position {check.position}) is {check.found!r}, "
                   f"expected {check.expected}", lines[check.line - 1])


# ---------------------------------------------------------------------- header and legs
def _header(plist: PassengerList, view: MessageView, checker: Checker, places: _Places) -> None:
    code = plist.document_name_code
    bgm = places.find(2, places.starts[0] if places.starts else places.end, "BGM")
    if code is not None and code not in checker.profile.codes.get("list_types", frozenset()) \
            and checker.enabled("PAX-BGM-CODE"):
        accepted = ", ".join(sorted(checker.profile.codes.get("list_types", ())))
        checker.add("PAX-BGM-CODE", f"document name code {code!r} is not one of {accepted}",
                    view=view, segment=bgm, tag="BGM", element=1, component=1, value=code)
    identifier = plist.document_identifier
    subcodes = _spec()["subcodes"]
    if identifier is not None and code in subcodes and identifier not in subcodes[code] \
            and checker.enabled("PAX-BGM-SUBCODE"):
        allowed = ", ".join(subcodes[code]) or "none"
        checker.add("PAX-BGM-SUBCODE", f"document identifier {identifier!r} is not a sub-code "
                    f"of {code} ({allowed})", view=view, segment=bgm, tag="BGM", element=2,
                    component=1, value=identifier)
    if "carrier_contact" in checker.profile.required.get("message", ()) and \
            checker.enabled("PAX-MISSING-CARRIER-CONTACT"):
        party = plist.reporting_party
        if party is None or not party.communications:
            segment = view.segment(party.segment_index, "NAD") if party else None
            checker.add("PAX-MISSING-CARRIER-CONTACT",
                        "the reporting party (NAD MS) has no communication contact (COM)"
                        if party else "no reporting party (NAD MS) with a communication "
                        "contact (COM)", view=view, segment=segment,
                        segment_index=party.segment_index if party else None,
                        tag="NAD" if party else None)


def _flight_dates(plist: PassengerList) -> tuple[date | None, date | None]:
    """(first scheduled departure date, last scheduled arrival date), local dates as sent;
    falling back to the other times and the message date."""
    departures = [leg.scheduled_departure for leg in plist.flight_legs
                  if leg.scheduled_departure is not None]
    arrivals = [leg.scheduled_arrival for leg in plist.flight_legs
                if leg.scheduled_arrival is not None]
    departure = min(departures).date() if departures else plist.message_date
    arrival = max(arrivals).date() if arrivals else (
        max(departures).date() if departures else plist.message_date)
    return departure, arrival


def _leg_times(checker: Checker, leg: FlightLeg) -> tuple[datetime | None, datetime | None]:
    airports = checker.airports
    departure = arrival = None
    if leg.scheduled_departure is not None and leg.departure_airport:
        departure = to_utc(leg.scheduled_departure, airports.timezone(leg.departure_airport))
    if leg.scheduled_arrival is not None and leg.arrival_airport:
        arrival = to_utc(leg.scheduled_arrival, airports.timezone(leg.arrival_airport))
    return departure, arrival


def _legs(plist: PassengerList, view: MessageView, checker: Checker, places: _Places) -> None:
    required = checker.profile.required.get("flight", ())
    elements = _spec()["elements"]
    enabled = checker.enabled
    defects = [w for w in plist.warnings if w.code == "PAX-DATE-INVALID"]
    previous: FlightLeg | None = None
    previous_arrival: datetime | None = None
    for number, leg in enumerate(plist.flight_legs, start=1):
        tdt = view.segment(leg.segment_index, "TDT")
        first, last = places.leg_span(leg)

        def add(rule: str, message: str, segment: Segment | None = tdt,
                element: int | None = None, component: int | None = None,
                value: str | None = None, leg: FlightLeg = leg) -> None:
            checker.add(rule, message, view=view, segment=segment,
                        segment_index=leg.segment_index if segment is None else None,
                        tag=segment.tag if segment is not None else "TDT", element=element,
                        component=component, value=value)

        for name in required:
            if _leg_has(leg, name, defects, first, last):
                continue
            rule = elements[name]["rule"]
            if enabled(rule):
                add(rule, f"{elements[name]['where']} ({name.replace('_', ' ')}) is missing "
                    f"for flight leg {number}")
        if enabled("PAX-AIRPORT-CODE"):
            for code, function in ((leg.departure_airport, leg.departure_location_function),
                                   (leg.arrival_airport, leg.arrival_location_function),
                                   (leg.final_destination, "130")):
                if code and not _airport_ok(checker, code):
                    add("PAX-AIRPORT-CODE", f"airport {code!r} is not a known IATA airport "
                        "code", segment=places.find(first, last, "LOC", function) or tdt,
                        element=2, component=1, value=code)
        departure, arrival = _leg_times(checker, leg)
        if departure is not None and arrival is not None and arrival <= departure \
                and enabled("PAX-ARRIVAL-BEFORE-DEPARTURE"):
            add("PAX-ARRIVAL-BEFORE-DEPARTURE",
                f"flight leg {number} arrives {_utc(arrival)} but departs {_utc(departure)} "
                f"(UTC; local {leg.scheduled_arrival:%Y-%m-%d %H:%M} at "
                f"{leg.arrival_airport}, {leg.scheduled_departure:%Y-%m-%d %H:%M} at "
                f"{leg.departure_airport})",
                segment=places.find(first, last, "DTM", "232") or tdt, element=1, component=2)
        if previous is not None and enabled("PAX-LEG-CHAIN"):
            if previous.arrival_airport and leg.departure_airport \
                    and previous.arrival_airport != leg.departure_airport:
                add("PAX-LEG-CHAIN", f"flight leg {number} departs from "
                    f"{leg.departure_airport} but leg {number - 1} arrives at "
                    f"{previous.arrival_airport}",
                    segment=places.find(first, last, "LOC", leg.departure_location_function)
                    or tdt, element=2, component=1, value=leg.departure_airport)
            elif previous_arrival is not None and departure is not None \
                    and departure < previous_arrival:
                add("PAX-LEG-CHAIN", f"flight leg {number} departs {_utc(departure)}, before "
                    f"leg {number - 1} arrives ({_utc(previous_arrival)}, UTC)",
                    segment=places.find(first, last, "DTM", "189") or tdt, element=1,
                    component=2)
        previous, previous_arrival = leg, arrival


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%MZ")


def _leg_has(leg: FlightLeg, name: str, defects: list[Defect], first: int, last: int) -> bool:
    if name == "flight_identifier":
        return bool(leg.flight_designator or (leg.carrier and leg.flight_number))
    if name in ("scheduled_departure", "scheduled_arrival"):
        if getattr(leg, name) is not None:
            return True
        return any(first <= (d.location.segment_index or 0) <= last for d in defects)
    return getattr(leg, name, None) is not None


def _control_total(plist: PassengerList, view: MessageView, checker: Checker) -> None:
    totals = plist.control_totals
    if not totals:
        if checker.enabled("PAX-CNT-MISSING"):
            checker.add("PAX-CNT-MISSING", "no control total (CNT 42 passengers or 41 crew)",
                        view=view, tag="CNT")
        return
    wanted = {ListType.PASSENGER: "42", ListType.CREW: "41"}.get(plist.list_type)
    qualifiers = [t.qualifier for t in totals]
    if wanted is not None and wanted not in qualifiers and checker.enabled("PAX-CNT-QUALIFIER"):
        other = next((q for q in qualifiers if q in ("41", "42")), None)
        if other is not None:
            cnt = _cnt_segment(view)
            checker.add("PAX-CNT-QUALIFIER",
                        f"control total {other} in a {plist.list_type.value} list "
                        f"(expected {wanted})", view=view, segment=cnt, tag="CNT", element=1,
                        component=1, value=other)


def _cnt_segment(view: MessageView) -> Segment | None:
    tree = view.tree
    if tree is None:
        return None
    return next((s for s in reversed(tree.segments) if s.tag == "CNT"), None)


# ---------------------------------------------------------------------- whole input
def _check_input(view: InputView, checker: Checker) -> None:
    lists = [(m, v) for v in view.messages for m in (v.message,) if isinstance(m, PassengerList)]
    if not lists:
        return
    views = {id(m): v for m, v in lists}
    by_reference = {m.message_reference: v for m, v in lists}
    for assembled in reassemble([m for m, _ in lists]):
        parts = assembled.parts
        first_view = views[id(parts[0])]
        if len(parts) == 1 and not assembled.complete:
            part = parts[0]
            checker.add("PAX-PART-SINGLE",
                        f"part {part.part_number} of list {part.common_access_reference!r} "
                        "is the only part in this input; its completeness is checked when "
                        "its parts are validated together", view=first_view, segment_index=1,
                        tag="UNH", element=4)
        elif len(parts) > 1:
            for defect in assembled.warnings:
                checker.add_defect(defect, None,
                                   by_reference.get(defect.location.message_reference or ""))
        travellers = [(t, i, views[id(p)]) for p in parts for i, t in enumerate(p.travellers)]
        _duplicates(travellers, checker)
        total = assembled.passenger_list.declared_total
        if total is not None and total < len(travellers) and checker.enabled("PAX-CNT-TOO-SMALL"):
            cnt_view = next((views[id(p)] for p in parts if p.control_totals), first_view)
            what = f"{len(parts)} parts" if len(parts) > 1 else "this message"
            checker.add("PAX-CNT-TOO-SMALL",
                        f"control total {total} is smaller than the {len(travellers)} "
                        f"travellers in {what}", view=cnt_view,
                        segment=_cnt_segment(cnt_view), tag="CNT", element=1, component=2,
                        value=str(total))


def _duplicates(travellers: list[tuple[Traveller, int, MessageView]], checker: Checker) -> None:
    if not checker.enabled("PAX-DUPLICATE-TRAVELLER"):
        return
    seen: dict[tuple[Any, ...], tuple[int, MessageView]] = {}
    for traveller, index, view in travellers:
        documents = tuple((d.type, d.number, d.issuing_country) for d in traveller.documents
                          if d.number)
        if not traveller.surname or traveller.date_of_birth is None or not documents:
            continue
        key = (traveller.surname, traveller.given_names, traveller.date_of_birth, documents)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = (index, view)
            continue
        where = f"traveller {earlier[0] + 1}"
        if earlier[1] is not view:
            where += f" of message {earlier[1].reference}"
        checker.add("PAX-DUPLICATE-TRAVELLER",
                    f"same name, date of birth and travel document as {where}", view=view,
                    subject=subject_of(traveller, index + 1), segment_index=traveller.segment_index,
                    tag="NAD", element=4)


# ---------------------------------------------------------------------- defects, masking
def _message_defects(plist: PassengerList) -> Iterator[tuple[Defect, Subject | None]]:
    starts = [t.segment_index or 0 for t in plist.travellers]
    for defect in plist.warnings:
        index = defect.location.segment_index
        subject = None
        if index is not None and starts and index >= starts[0] \
                and defect.location.tag not in ("CNT", "UNT"):
            position = _bisect(starts, index)
            subject = subject_of(plist.travellers[position], position + 1)
        yield defect, subject
    for position, traveller in enumerate(plist.travellers):
        if traveller.warnings:
            subject = subject_of(traveller, position + 1)
            for defect in traveller.warnings:
                yield defect, subject


def _bisect(starts: list[int], index: int) -> int:
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= index:
            low = middle + 1
        else:
            high = middle
    return max(low - 1, 0)


def _personal_values(plist: PassengerList) -> Iterable[str]:
    party = plist.reporting_party
    if party is not None:
        yield from (v for v in (party.name, party.contact) if v)
        yield from (c.number for c in party.communications)
    for traveller in plist.travellers:
        if traveller.surname:
            yield traveller.surname
        yield from traveller.given_names
        dob = traveller.date_of_birth
        if dob is not None:
            yield from (dob.isoformat(), dob.strftime("%y%m%d"), dob.strftime("%Y%m%d"))
        if traveller.place_of_birth is not None:
            yield from (v for v in (traveller.place_of_birth.code,
                                    traveller.place_of_birth.name) if v)
        address = traveller.address
        if address is not None:
            yield from (v for v in (address.street, address.city, address.postal_code) if v)
        yield from (c.number for c in traveller.communications)
        yield from (r.value for r in traveller.references if r.value)
        yield from traveller.free_texts
        for document in traveller.documents:
            if document.number:
                yield document.number


MODULE = RuleModule(
    family="paxlst",
    message_types=(PassengerList,),
    check_message=_check_message,
    check_input=_check_input,
    message_defects=_message_defects,
    personal_values=_personal_values,
)
