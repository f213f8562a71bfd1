"""PAXLST writer: passenger and crew lists (D02B, D05B and later directories) from the
typed records :mod:`paxdata.paxlst` reads.

Segments in the order of the WCO/IATA/ICAO API Guidelines, Appendix IIA (PAXLST Message
Implementation Guide) sections 4.4-4.24 and its worked example 5.1: UNH, BGM, RFF TN,
Gr.1 NAD MS/CTA/COM, Gr.2 TDT with Gr.3 LOC/DTM per flight leg, Gr.4 per traveller (NAD,
ATT, DTM, MEA, GEI, FTX, LOC, COM, EMP, NAT, RFF) with Gr.5 per document (DOC, DTM, LOC),
CNT, UNT. The air-mode segments are the same in D02B and D05B (the directories differ
outside the guide's subset), so one mapping writes both; the version written is the
record's ``version``.

Lists longer than ``max_travellers`` are split into parts (guide, multi-part
transmission): every part repeats the header and flight legs, carries the same common
access reference (UNH 0068) and numbers itself in S010 (``01:C``, ``02``, ..., ``NN:F``);
CNT is the flight total in every part.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import attrs

from paxdata import _dates
from paxdata._gc import paused_gc
from paxdata.defects import Location
from paxdata.edifact import Elements, Segment, ServiceCharacters, parse_envelope_datetime
from paxdata.paxlst import (
    Communication,
    ControlTotal,
    FlightLeg,
    ListType,
    PassengerList,
    ReportingParty,
    TravelDocument,
    Traveller,
    expand_bag_tags,
)
from paxdata.paxlst._codes import CODES
from paxdata.policy import LENIENT
from paxdata.writers._envelope import (
    DEFAULT_CHARACTERS,
    EnvelopeSettings,
    MessageSegments,
    WriteError,
    WrittenInterchange,
    WrittenMessage,
    check_characters,
    envelope_date,
    interchanges,
    message_parts,
    numbered,
    trimmed,
)
from paxdata.writers._validate import Finding, OnFindings, Validator, run_validation

__all__ = ["WriteResult", "paxlst_message_segments", "write_paxlst"]

_LIST_CODES = {ListType.PASSENGER: "745", ListType.CREW: "250"}
_ROLE_FUNCTIONS = {role: function for function, role in CODES.roles.items()}
_LOCATION_QUALIFIERS = {field: code for code, field in CODES.traveller_locations.items()}
_REFERENCE_FIELDS = [(code, field) for code, field in CODES.reference_fields.items()
                     if field not in ("transaction_reference", "other")]
_VERIFIED = {verified: code for code, verified in CODES.verification.items()}
_CONTROL_QUALIFIERS = {counts: code for code, counts in CODES.control_totals.items()}


@attrs.frozen(slots=True)
class WriteResult:
    """What a writer produced: one or more interchanges, and the findings of the
    validation step (empty when no ``validate`` was given).

    ``data`` is every interchange's bytes, one after the other (one transmission unless
    the parts were asked for as separate interchanges); ``text`` the same as text.
    """

    interchanges: tuple[WrittenInterchange, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def data(self) -> bytes:
        """All interchanges as bytes in their declared repertoire."""
        return b"".join(i.data for i in self.interchanges)

    @property
    def text(self) -> str:
        """All interchanges as text."""
        return "".join(i.text for i in self.interchanges)

    @property
    def messages(self) -> tuple[WrittenMessage, ...]:
        """Every message written, in order."""
        return tuple(m for i in self.interchanges for m in i.messages)


# --------------------------------------------------------------------------- values
def _yymmdd(value: date) -> str:
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"


def _ccyymmdd(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


class _Dates:
    """Dates as the guide writes them (YYMMDD; YYMMDDHHMM format 201), or with the
    century (CCYYMMDD format 102; CCYYMMDDHHMM format 203) when a two-digit year would
    read back in another century (the reader's rules: :mod:`paxdata._dates`, against the
    message date, which is the UNB preparation date)."""

    __slots__ = ("reference",)

    def __init__(self, reference: date) -> None:
        self.reference = reference

    def birth(self, value: date) -> tuple[str, ...]:
        short = _yymmdd(value)
        if _dates.past_date(short, self.reference) == value:
            return ("329", short)
        return ("329", _ccyymmdd(value), "102")

    def document(self, qualifier: str, value: date) -> tuple[str, ...]:
        short = _yymmdd(value)
        if _dates.nearest_date(short, self.reference) == value:
            return (qualifier, short)
        return (qualifier, _ccyymmdd(value), "102")

    def moment(self, qualifier: str, value: datetime) -> tuple[str, ...]:
        if value.second or value.microsecond:
            raise WriteError("WRITE-VALUE-UNWRITABLE",
                             f"scheduled time {value.isoformat()} has seconds; DTM "
                             "formats 201/203 carry minutes", Location(tag="DTM"))
        minutes = f"{value.hour:02d}{value.minute:02d}"
        short = _yymmdd(value) + minutes
        if _dates.nearest_datetime(short, "201", self.reference) == value.replace(tzinfo=None):
            return (qualifier, short, "201")
        return (qualifier, _ccyymmdd(value) + minutes, "203")


def _number(value: float, decimal_mark: str, what: str) -> str:
    if not math.isfinite(value) or value < 0:
        raise WriteError("WRITE-VALUE-UNWRITABLE", f"{what} {value!r} is not a positive number")
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = format(value, ".15f").rstrip("0")
    return text.replace(".", decimal_mark)


def _split_words(text: str, width: int = 35, parts: int = 5) -> tuple[str, ...]:
    """A name longer than one component (an..35) split at spaces into components; the
    readers join components with spaces, so the text reads back unchanged."""
    if len(text) <= width or " " not in text:
        return (text,)
    out: list[str] = []
    for word in text.split(" "):
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > parts:
        out[parts - 1:] = [" ".join(out[parts - 1:])]
    return tuple(out)


def _bag_runs(tags: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive bag tags as runs (first tag, count), as FTX BAG sends them (PAXLST IG
    4.16); a run never exceeds what the reader expands (Policy.max_bag_tag_run)."""
    runs: list[tuple[str, int]] = []
    limit = LENIENT.max_bag_tag_run
    i = 0
    while i < len(tags):
        first = tags[i]
        count = 1
        while (i + count < len(tags) and count < limit
               and expand_bag_tags(first, count + 1)[-1] == tags[i + count]):
            count += 1
        runs.append((first, count))
        i += count
    return runs


# --------------------------------------------------------------------------- segments
class _Builder:
    """Builds the segments of one PAXLST message. ``reference`` is the date the reader
    will compare two-digit years with; ``decimal_mark`` the UNA decimal mark."""

    def __init__(self, plist: PassengerList, reference: date, decimal_mark: str) -> None:
        self.plist = plist
        self.dates = _Dates(reference)
        self.decimal_mark = decimal_mark
        self.out: list[Segment] = []

    def add(self, tag: str, elements: Elements) -> None:
        self.out.append(Segment(tag, elements))

    # ---------------------------------------------------------------- header
    def header(self) -> None:
        plist = self.plist
        code = plist.document_name_code or _LIST_CODES.get(plist.list_type)
        if code is None:
            raise WriteError("WRITE-RECORD-INCONSISTENT",
                             "a list of type 'other' needs its document_name_code (BGM "
                             "1001, e.g. 266 or 336)", Location(tag="BGM", element=1))
        known = CODES.list_types.get(code)
        if known is not None and known is not plist.list_type:
            raise WriteError("WRITE-RECORD-INCONSISTENT",
                             f"document name code {code!r} is a {known.value} list but "
                             f"list_type is {plist.list_type.value!r}",
                             Location(tag="BGM", element=1))
        self.add("BGM", trimmed((code,), (plist.document_identifier or "",),
                                (plist.message_function or "",)))
        if plist.transaction_reference:
            self.add("RFF", trimmed(("TN", plist.transaction_reference, "", "",
                                     plist.transaction_revision or "")))
        if plist.reporting_party is not None:
            self.reporting(plist.reporting_party)

    def reporting(self, party: ReportingParty) -> None:
        name = _split_words(party.name) if party.name else ("",)
        self.add("NAD", trimmed(("MS",), (party.party_id or "",), ("",), name))
        if party.contact:
            self.add("CTA", (("IC",), ("", party.contact)))
        self.communications(party.communications)

    def communications(self, items: Sequence[Communication]) -> None:
        # COM C076 repeats three times (PAXLST IG 4.7, 4.18); more go in further COMs.
        for start in range(0, len(items), 3):
            self.add("COM", tuple(trimmed((c.number, c.channel or ""))[0]
                                  for c in items[start:start + 3]))

    # ---------------------------------------------------------------- flight legs
    def legs(self) -> None:
        for leg in self.plist.flight_legs:
            self.leg(leg)

    def leg(self, leg: FlightLeg) -> None:
        designator = leg.flight_designator or (
            f"{leg.carrier or ''}{leg.flight_number}" if leg.flight_number else "")
        self.add("TDT", trimmed((leg.transport_stage or "20",), (designator,), ("",), ("",),
                                (leg.carrier or "",)))
        # A point is written when anything of it is known, even without its airport (a
        # LOC 125 with an empty place reads back as a departure point without airport).
        departure = leg.departure_location_function
        if departure is not None or leg.departure_airport or leg.scheduled_departure:
            self.add("LOC", ((departure if departure is not None else "125",),
                             (leg.departure_airport or "",)))
            if leg.scheduled_departure is not None:
                self.add("DTM", (self.dates.moment("189", leg.scheduled_departure),))
        arrival = leg.arrival_location_function
        if arrival is not None or leg.arrival_airport or leg.scheduled_arrival:
            self.add("LOC", ((arrival if arrival is not None else "87",),
                             (leg.arrival_airport or "",)))
            if leg.scheduled_arrival is not None:
                self.add("DTM", (self.dates.moment("232", leg.scheduled_arrival),))
        if leg.final_destination:
            self.add("LOC", (("130",), (leg.final_destination,)))

    # ---------------------------------------------------------------- travellers
    def traveller(self, t: Traveller) -> None:
        add = self.add
        function = t.party_function or _ROLE_FUNCTIONS[t.role]
        if CODES.roles.get(function, t.role) is not t.role:
            raise WriteError("WRITE-RECORD-INCONSISTENT",
                             f"party function {function!r} is not a {t.role.value}",
                             Location(tag="NAD", element=1))
        name = (t.surname or "", *t.given_names)
        if len(name) > 5:  # C080 has five 3036 components
            name = (*name[:4], " ".join(name[4:]))
        address = t.address
        if address is not None:
            sub = address.country_subentity or ""
            subentity = (sub,) if len(sub) <= 9 and " " not in sub else ("", "", "", sub)
            add("NAD", trimmed((function,), ("",), ("",), name,
                               _split_words(address.street) if address.street else ("",),
                               (address.city or "",), subentity, (address.postal_code or "",),
                               (address.country or "",)))
        else:
            add("NAD", ((function,), ("",), ("",), name))
        if t.gender:
            add("ATT", (("2",), ("",), (t.gender,)))
        if t.date_of_birth is not None:
            add("DTM", (self.dates.birth(t.date_of_birth),))
        if t.checked_bag_count is not None:
            if t.checked_bag_count < 0:
                raise WriteError("WRITE-VALUE-UNWRITABLE",
                                 f"bag count {t.checked_bag_count} is negative",
                                 Location(tag="MEA", element=3))
            add("MEA", (("CT",), ("",), ("", str(t.checked_bag_count))))
        if t.checked_bag_weight is not None:
            weight = _number(t.checked_bag_weight, self.decimal_mark, "bag weight")
            add("MEA", (("WT",), ("",), (t.bag_weight_unit or "", weight)))
        if t.data_verified is not None:
            add("GEI", (("4",), (_VERIFIED[t.data_verified],)))
        for first, count in _bag_runs(t.bag_tags):
            add("FTX", (("BAG",), ("",), ("",), (first, str(count)) if count > 1 else (first,)))
        for text in t.free_texts:
            # Not in the guide's Gr.4 (FTX carries bag tags only): 4451 AAI "general
            # information", read back into free_texts with a warning.
            add("FTX", (("AAI",), ("",), ("",), (text,)))
        locations = (("clearance_airport", t.clearance_airport),
                     ("country_of_residence", t.country_of_residence),
                     ("port_of_embarkation", t.port_of_embarkation),
                     ("port_of_disembarkation", t.port_of_disembarkation))
        for field, value in locations:
            if value:
                add("LOC", ((_LOCATION_QUALIFIERS[field],), (value,)))
        if t.place_of_birth is not None:  # an empty place is written empty, as it was read
            place = t.place_of_birth
            add("LOC", ((_LOCATION_QUALIFIERS["place_of_birth"],),
                        trimmed((place.code or "", "", "", place.name or ""))[0]))
        self.communications(t.communications)
        if t.crew_category:
            add("EMP", (("1",), (t.crew_category, "110", "111")))
        if t.nationality:
            add("NAT", (("2",), (t.nationality,)))
        for other in t.other_nationalities:
            add("NAT", (("2",), (other,)))
        self.references(t)
        self.out.extend(t.unrecognised_segments)
        for document in t.documents:
            self.document(document)

    def references(self, t: Traveller) -> None:
        """Every RFF in ``references`` as given, then the named fields (reservation
        number, unique passenger reference, seat...) whose qualifier is not among them."""
        sent = {r.qualifier: r.value for r in reversed(t.references)}  # first of each
        for qualifier, field in _REFERENCE_FIELDS:
            value = getattr(t, field)
            if value is None:
                continue
            if qualifier in sent and sent[qualifier] != value:
                raise WriteError("WRITE-RECORD-INCONSISTENT",
                                 f"{field} {value!r} differs from the first RFF {qualifier} "
                                 f"in references ({sent[qualifier]!r})",
                                 Location(tag="RFF", element=1))
        for reference in t.references:
            self.add("RFF", ((reference.qualifier, reference.value),))
        for qualifier, field in _REFERENCE_FIELDS:
            value = getattr(t, field)
            if value is not None and qualifier not in sent:
                self.add("RFF", ((qualifier, value),))

    def document(self, d: TravelDocument) -> None:
        self.add("DOC", trimmed((d.type or "",), (d.number or "",)))
        if d.expiry_date is not None:
            self.add("DTM", (self.dates.document("36", d.expiry_date),))
        if d.issue_date is not None:
            self.add("DTM", (self.dates.document("182", d.issue_date),))
        if d.issuing_country or d.issuing_place:
            self.add("LOC", (("91",), trimmed((d.issuing_country or "", "", "",
                                               d.issuing_place or ""))[0]))
        self.out.extend(d.unrecognised_segments)

    # ---------------------------------------------------------------- trailer
    def control_totals(self, flight_total: int) -> None:
        plist = self.plist
        if plist.control_totals:
            for total in plist.control_totals:
                self.add("CNT", ((total.qualifier, _control_value(total)),))
            return
        counts = "crew" if plist.list_type is ListType.CREW else "passengers"
        value = plist.declared_total if plist.declared_total is not None else flight_total
        if plist.list_type is ListType.OTHER and plist.declared_total is None \
                and not plist.travellers and not plist.unrecognised_segments:
            return  # (raw segments need the CNT before them: see paxlst_message_segments)
        self.add("CNT", ((_CONTROL_QUALIFIERS[counts], str(value)),))


def _control_value(total: ControlTotal) -> str:
    raw = total.raw_value
    if total.value is None or (raw.isascii() and raw.isdigit() and int(raw) == total.value):
        return raw  # as sent, leading zeros included
    return str(total.value)


def paxlst_message_segments(plist: PassengerList, travellers: Sequence[Traveller], *,
                            reference: str, common_access_reference: str | None,
                            part: tuple[int, str] | None, flight_total: int,
                            message_date: date, decimal_mark: str = ".") -> MessageSegments:
    """The UNH..UNT segments of one PAXLST message carrying ``travellers`` (all of
    ``plist``'s, or one part's) with ``plist``'s header, flight legs and control totals.

    ``part``: (sequence number, ``"C"``/``""``/``"F"``) for S010, ``None`` for a complete
    list (written ``01:F``). ``message_date``: the date the reader takes two-digit years
    against (the UNB preparation date as it will read it back).
    """
    version, _, release = (plist.version or "D:05B").partition(":")
    agency = plist.controlling_agency or "UN"
    association = plist.association_code if plist.association_code is not None else "IATA"
    sequence, first_last = part if part is not None else (1, "F")
    builder = _Builder(plist, message_date, decimal_mark)
    builder.add("UNH", trimmed((reference,), ("PAXLST", version, release, agency, association),
                               (common_access_reference or "",),
                               (f"{sequence:02d}", first_last)))
    builder.header()
    builder.legs()
    traveller = builder.traveller
    for item in travellers:
        traveller(item)
    builder.control_totals(flight_total)
    # Message-level segments kept raw go after CNT: there every PAXLST reader section
    # keeps them raw on the message again, wherever they first stood.
    builder.out.extend(plist.unrecognised_segments)
    count = len(builder.out) + 1
    builder.add("UNT", ((str(count),), (reference,)))
    written = WrittenMessage(reference, common_access_reference, sequence, first_last == "F",
                             len(travellers), count)
    return MessageSegments(builder.out, "PAXLST", version, release, agency, written)


def _common_access_reference(plist: PassengerList) -> str | None:
    """The record's 0068, else one built as senders do: designator/YYMMDD/HHMM of the
    first departure (PAXLST IG multi-part examples, e.g. ``OK688/071008/1310``)."""
    if plist.common_access_reference:
        return plist.common_access_reference
    for leg in plist.flight_legs:
        designator = leg.flight_designator or f"{leg.carrier or ''}{leg.flight_number or ''}"
        if leg.scheduled_departure is not None and designator:
            when = leg.scheduled_departure
            return f"{designator}/{_yymmdd(when)}/{when.hour:02d}{when.minute:02d}"[:35]
    return None


def write_paxlst(lists: PassengerList | Iterable[PassengerList], envelope: EnvelopeSettings,
                 *, characters: ServiceCharacters = DEFAULT_CHARACTERS, una: bool = True,
                 line_break: str = "", max_travellers: int | None = None,
                 separate_interchanges: bool = False, validate: Validator | None = None,
                 on_findings: OnFindings = "raise") -> WriteResult:
    """Write passenger and crew lists as PAXLST interchanges.

    ``lists``: one :class:`~paxdata.paxlst.PassengerList` or several (e.g. the passenger
    list and the crew list of a flight), each written with its ``version`` (``D:02B``,
    ``D:05B``...), header, flight legs and travellers. ``envelope``: UNB/UNG values.
    ``characters``: the service characters (checked as a UNA would declare them); data
    holding one of them gets the release character. ``una``: write the service string
    advice (required, and forced, when ``characters`` are not the defaults).
    ``line_break``: written after every segment terminator (``"\\n"``, ``"\\r\\n"``).
    ``max_travellers``: split each list into parts of at most this many travellers
    (S010 ``01:C`` .. ``NN:F``, one common access reference, CNT the flight total in every
    part; at most 99 parts). ``separate_interchanges``: each part in its own interchange
    (control references numbered from ``envelope.control_reference``).

    ``validate``: a validation step (e.g. paxdata's validation layer with a State's
    profile) called with each written interchange's bytes, exactly as they would be sent;
    its findings are returned in :attr:`WriteResult.findings`, and with
    ``on_findings="raise"`` an error-severity finding raises
    :class:`~paxdata.writers.WriteError` ``WRITE-REJECTED``.

    What is written, per record field, and what a message cannot carry: ``docs/writing.md``.
    Raises :class:`~paxdata.writers.WriteError` for a record or option that cannot be
    written exactly (inconsistent fields, a value outside the declared repertoire, a
    service character in data without a release character, more than 99 parts).
    """
    items = [lists] if isinstance(lists, PassengerList) else list(lists)
    check_characters(characters)
    if max_travellers is not None and max_travellers < 1:
        raise WriteError("WRITE-OPTION-INVALID",
                         f"max_travellers must be at least 1, got {max_travellers}")
    if line_break.strip("\r\n"):
        raise WriteError("WRITE-OPTION-INVALID",
                         f"line_break must be made of CR and LF, got {line_break!r}")
    if characters != DEFAULT_CHARACTERS:
        una = True
    moment = envelope.moment()
    date_text, time_text = envelope_date(moment, envelope.four_digit_year)
    written = parse_envelope_datetime(date_text, time_text)
    message_date = written.date() if written is not None else moment.date()

    with paused_gc():  # many small tuples, no reference cycles (as in parsing)
        result = _write(items, envelope, characters, una, line_break, max_travellers,
                        separate_interchanges, message_date)
    if validate is not None:
        result = attrs.evolve(result, findings=run_validation(result.interchanges, validate,
                                                              on_findings))
    return result


def _write(items: list[PassengerList], envelope: EnvelopeSettings,
           characters: ServiceCharacters, una: bool, line_break: str,
           max_travellers: int | None, separate_interchanges: bool, message_date: date
           ) -> WriteResult:
    batches: list[list[MessageSegments]] = []
    current: list[MessageSegments] = []
    for plist in items:
        travellers = plist.travellers
        parts = message_parts(len(travellers), max_travellers, "travellers")
        access = _common_access_reference(plist)
        base = plist.message_reference or "1"
        for start, end, part in parts:
            reference = base if part is None else numbered(base, part[0])
            message = paxlst_message_segments(
                plist, travellers[start:end], reference=reference,
                common_access_reference=access, part=part, flight_total=len(travellers),
                message_date=message_date, decimal_mark=characters.decimal_mark)
            current.append(message)
            if separate_interchanges:
                batches.append(current)
                current = []
    if current or not batches:
        batches.append(current)

    return WriteResult(interchanges(batches, envelope, characters, una=una,
                                    line_break=line_break))
