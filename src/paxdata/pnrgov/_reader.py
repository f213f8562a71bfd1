"""PNRGOV message reader: the segments of one push in, a :class:`PnrgovMessage` out.

Reads by structure, for any version (10.1 to 21.1, agencies IA and XS): level 0 (MSG
push type, ORG sender, TVL pushed flight, EQN PNR count), then one PNR per Gr.1 SRC:
RCI, SSR, DAT, IFT, ORG, ADD, EBD (Gr.1); travellers (Gr.2 TIF with FTI, IFT, REF, EBD,
FAR, SSR, ADD); tickets (Gr.3 TKT, MON, PTK, TXD, DAT) and payments (Gr.4 FOP, IFT, ADD);
the itinerary (Gr.5 TVL, TRA, RPI, APD, SSR, RCI, IFT) with check-in data (Gr.6 DAT, ORG;
Gr.7 TRI, TIF, SSD, TBD); split PNRs (Gr.8 EQN, RCI), non-air segments (Gr.9 MSG, TVL),
history (Gr.10 ABI, DAT; Gr.11 SAC with TIF/SSR/IFT/TBD; Gr.12 TVL, RPI) and LTS lines.
Source: IATA PADIS EDIFACT Implementation Guide, PNRGOV message, message structure and
segment descriptions (see ``../shared/reference/DIGEST.md`` section 3 for the positions).

Real pushes deviate (GTAS lost 7% of production PNRs to a rigid grammar): RCI missing,
IFT after TXD, SSRs in other groups, codeshare as a second TVL (13.1 and before) or TRA
(14.1 and after), arrival date omitted, terminators lost between segments. Each segment
is read where it can be read; what cannot be interpreted is kept raw on the record it
belongs to, with a located warning. A PNR whose reading fails is isolated: a located
PNR-UNREADABLE error, its segments kept raw, and every other PNR still returned.
Traveller references (9944) of SSRs and TRIs resolve to their traveller when the PNR is
complete; references naming no traveller give a located warning and stay where they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from paxdata.defects import KINDS, Defect, Location, Severity
from paxdata.edifact import Elements, MessageHeader, Segment
from paxdata.edifact._source import Reporter
from paxdata.errors import PaxdataError
from paxdata.paxlst import FlightLeg, TravelDocument, envelope_of, expand_bag_tags
from paxdata.pnrgov._codes import CODES
from paxdata.pnrgov._dates import moment
from paxdata.pnrgov._fast import fast_constructor
from paxdata.pnrgov._records import (
    Address,
    Amount,
    BagGroup,
    BagTag,
    CheckIn,
    Contact,
    DateEntry,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    ExcessBaggage,
    Fare,
    FrequentFlyer,
    HistoryAction,
    HistoryCredit,
    HistoryTraveller,
    ItinerarySegment,
    NonAirProduct,
    NonAirSegment,
    Originator,
    Payment,
    Pnr,
    PnrgovMessage,
    PushType,
    RecordLocator,
    Remark,
    Seat,
    SplitPnr,
    Ssr,
    Tax,
    Ticket,
    Traveller,
    UnreadablePnr,
)
from paxdata.pnrgov._ssr import decode_contact, decode_ssr
from paxdata.policy import Policy

__all__ = ["PnrgovBuilder", "reads_pnrgov", "split_title"]

# Sections of the message, in transmission order (the group being read).
(_HEADER, _PNR, _TRAVELLER, _TICKET, _PAYMENT, _SEGMENT, _CHECKIN, _CHECKED_IN, _SPLIT,
 _NONAIR, _HISTORY, _ACTION, _HISTORY_SEGMENT) = range(13)
_GR2 = frozenset((_TRAVELLER, _TICKET, _PAYMENT))
_GR5 = frozenset((_SEGMENT, _CHECKIN, _CHECKED_IN))
_IN_HISTORY = frozenset((_ACTION, _HISTORY_SEGMENT))
_NEW_DEFECT = fast_constructor(Defect)
_NEW_LOCATION = fast_constructor(Location)
_NEW_TRAVELLER = fast_constructor(Traveller)
_NEW_TICKET = fast_constructor(Ticket)
_NEW_PAYMENT = fast_constructor(Payment)
_NEW_ITINERARY_SEGMENT = fast_constructor(ItinerarySegment)
_NEW_HISTORY_ACTION = fast_constructor(HistoryAction)
_NEW_HISTORY_CREDIT = fast_constructor(HistoryCredit)
_NEW_PNR = fast_constructor(Pnr)
_NEW_SSR = fast_constructor(Ssr)
_NEW_SEAT = fast_constructor(Seat)
_NEW_CHECK_IN = fast_constructor(CheckIn)
_NEW_RECORD_LOCATOR = fast_constructor(RecordLocator)
_NEW_REMARK = fast_constructor(Remark)
_NEW_ADDRESS = fast_constructor(Address)
_NEW_CONTACT = fast_constructor(Contact)
_NEW_FREQUENT_FLYER = fast_constructor(FrequentFlyer)
_NEW_DATE_ENTRY = fast_constructor(DateEntry)
_NEW_TRAVEL_DOCUMENT = fast_constructor(TravelDocument)
_NEW_BAG_TAG = fast_constructor(BagTag)
_NEW_BAG_GROUP = fast_constructor(BagGroup)
_SEAT_CODES = frozenset(c for c, k in CODES.ssr_decoders.items() if k == "seat")

Raw = tuple[str, Elements, int, int, "Mapping[int, Elements] | None"]
_strip = str.strip
_UNDECODED: tuple[None, tuple[str, ...]] = (None, ())
_NO_PAYMENTS: list[_Payment] = []  # never appended to: replaced by each FOP's own list
_EMPTY3 = ("", "", "")
_EMPTY6 = ("", "", "", "", "", "")
_EMPTY8 = ("", "", "", "", "", "", "", "")


def reads_pnrgov(header: MessageHeader) -> bool:
    """Whether the PNRGOV reader reads this message: every PNRGOV message, whatever its
    version or agency (read by structure; unknown versions get an informational note)."""
    return header.message_type == "PNRGOV"


def _v(els: Elements, element: int, component: int = 0) -> str:
    """Stripped value at 0-based ``element``/``component``; ``""`` when absent."""
    if element < len(els):
        composite = els[element]
        if component < len(composite):
            return composite[component].strip()
    return ""


def _joined(els: Elements, start: int) -> tuple[str, ...]:
    """Elements from ``start`` on, each with its components joined by ``:``."""
    return tuple(":".join(c.strip() for c in e).rstrip(":") for e in els[start:])


def _int(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@lru_cache(maxsize=8192)
def split_title(given: str) -> tuple[tuple[str, ...], str | None]:
    """Split the AIRIMP title off a TIF given name: ``KONG CHUN MRS`` -> ((``KONG
    CHUN``,), ``MRS``), ``JOHNMR`` -> ((``JOHN``,), ``MR``), ``ALEXANDR`` unchanged
    (``DR`` is only recognised after a space). Titles: ``specs/pnrgov/codes.toml``
    (IATA AIRIMP name rules; PNRGOV IG TIF examples)."""
    value = " ".join(given.split())
    if not value:
        return (), None
    head, space, last = value.rpartition(" ")
    if space and last in CODES.titles:
        return ((head,) if head else ()), last
    if value in CODES.titles:
        return (), value
    if value not in CODES.whole_given_names:
        for title in CODES.attached_titles:
            if value.endswith(title) and len(value) - len(title) >= 2:
                return (value[:-len(title)].rstrip(),), title
    return (value,), None


def _designator(carrier: str | None, number: str | None) -> str | None:
    if carrier and number:
        return carrier + number
    return number or carrier or None


class _Traveller:
    """The traveller being read. Class attributes are the defaults (collections are
    tuples, grown with ``+=``), so a new traveller sets only what its TIF says."""

    gender: str | None = None
    dob: date | None = None
    nationality: str | None = None
    pob: str | None = None
    infant_docs = False
    ff: tuple[FrequentFlyer, ...] = ()
    upi: str | None = None
    fare: Fare | None = None
    ebd: tuple[ExcessBaggage, ...] = ()
    tickets: tuple[_Ticket, ...] = ()
    payments: tuple[_Payment, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    remarks: tuple[Remark, ...] = ()
    contacts: tuple[Contact, ...] = ()
    addresses: tuple[Address, ...] = ()
    seats: tuple[Seat, ...] = ()
    bags: tuple[BagGroup, ...] = ()
    check_in: tuple[CheckIn, ...] = ()
    unrecognised: tuple[Segment, ...] = ()

    def __init__(self, els: Elements, index: int, offset: int) -> None:
        name = els[0] if els else ()
        person = els[1] if len(els) > 1 else ()
        self.surname = name[0].strip() or None if name else None
        qualifier = name[1].strip() if len(name) > 1 else ""
        self.qualifier = qualifier or None
        given = person[0].strip() if person else ""
        self.given_raw = given or None
        self.given, self.title = split_title(given)
        ptype = person[1].strip() if len(person) > 1 else ""
        if not ptype and not person and qualifier == "G":
            ptype = "G"  # TIF+SEETHE WORLD:G, a group booking without names
        self.ptype = ptype or None
        self.infant = ptype in ("IN", "INF")
        self.ref = (person[2].strip() or None) if len(person) > 2 else None
        self.accompanied = len(person) > 3 and bool(person[3].strip())
        self.index = index
        self.offset = offset
        self.documents: dict[tuple[str | None, str | None], TravelDocument] = {}

    def build(self) -> Traveller:
        return _NEW_TRAVELLER(
            self.surname, self.given, self.title, self.given_raw, self.qualifier,
            self.ptype, self.ref, self.accompanied, self.gender, self.dob, self.nationality,
            self.pob, tuple(self.documents.values()), self.ff, self.upi, self.fare,
            self.ebd, tuple([t.build() for t in self.tickets]),
            tuple([p.build() for p in self.payments]), self.ssrs, self.remarks,
            self.contacts, self.addresses, self.seats, self.bags, self.check_in,
            self.unrecognised, self.index, self.offset if self.offset >= 0 else None)


class _Ticket:
    amounts: tuple[Amount, ...] = ()
    taxes: tuple[Tax, ...] = ()
    pricing: str | None = None
    ticketing: datetime | date | None = None
    validating: str | None = None
    airline: str | None = None
    sales_city: str | None = None
    issued: datetime | date | None = None
    remarks: tuple[Remark, ...] = ()

    def __init__(self, number: str | None, doc_type: str | None, booklets: int | None,
                 ticketless: bool, index: int) -> None:
        self.number = number
        self.type = doc_type
        self.booklets = booklets
        self.ticketless = ticketless
        self.index = index

    def build(self) -> Ticket:
        return _NEW_TICKET(self.number, self.type, self.booklets, self.ticketless,
                      self.amounts, self.taxes, self.pricing, self.ticketing,
                      self.validating, self.airline, self.sales_city, self.issued,
                      self.remarks, self.index)


class _Payment:
    sponsor: tuple[str, ...] = ()
    address: Address | None = None
    remarks: tuple[Remark, ...] = ()

    def __init__(self, composite: tuple[str, ...], ticket: str | None, index: int) -> None:
        values = list(map(_strip, (composite + _EMPTY6)[:6]))
        self.type = values[0] or None
        self.old = values[1] or None
        self.amount = values[2] or None
        self.vendor = values[3] or None
        self.account = values[4] or None
        self.expiry = values[5] or None
        self.ticket = ticket
        self.index = index

    def build(self) -> Payment:
        return _NEW_PAYMENT(self.type, self.amount, self.vendor, self.account, self.expiry,
                       self.old, self.sponsor, self.address, self.ticket, self.remarks,
                       self.index)


class _CheckIn:
    name: str | None = None
    name_ref: str | None = None
    seat: str | None = None
    cabin: str | None = None
    bags: BagGroup | None = None

    def __init__(self, at: datetime | date | None, text: str | None,
                 agent: Originator | None, els: Elements, index: int, offset: int) -> None:
        self.at = at
        self.text = text
        self.agent = agent
        reference = (els[1] + _EMPTY6) if len(els) > 1 else _EMPTY6
        self.boarding = reference[0].strip() or None
        self.ref = reference[3].strip() or None
        self.index = index
        self.offset = offset


class _Segment:
    carrier: str | None = None
    number: str | None = None
    designator: str | None = None
    dep: str | None = None
    arr: str | None = None
    dep_at: datetime | date | None = None
    arr_at: datetime | date | None = None
    rbd: str | None = None
    suffix: str | None = None
    op_carrier: str | None = None
    op_number: str | None = None
    op_rbd: str | None = None
    status: str | None = None
    party: int | None = None
    aircraft: str | None = None
    locators: tuple[RecordLocator, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    remarks: tuple[Remark, ...] = ()
    checkins: tuple[_CheckIn, ...] = ()
    unassigned: tuple[CheckIn, ...] = ()
    unrecognised: tuple[Segment, ...] = ()

    def __init__(self, index: int) -> None:
        self.index = index

    def build(self) -> ItinerarySegment:
        return _NEW_ITINERARY_SEGMENT(
            self.carrier, self.number, self.dep, self.arr, self.dep_at, self.arr_at,
            self.rbd, self.suffix, self.op_carrier, self.op_number, self.op_rbd, self.status,
            self.party, self.aircraft, self.locators, self.ssrs, self.remarks,
            self.unassigned, self.unrecognised, self.index)


class _Action:
    travellers: tuple[HistoryTraveller, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    remarks: tuple[Remark, ...] = ()
    bags: tuple[BagGroup, ...] = ()
    itinerary: tuple[_Segment, ...] = ()
    unrecognised: tuple[Segment, ...] = ()

    def __init__(self, action: str | None, index: int) -> None:
        self.action = action
        self.index = index

    def build(self) -> HistoryAction:
        return _NEW_HISTORY_ACTION(self.action, self.travellers, self.ssrs, self.remarks,
                             self.bags, tuple([s.build() for s in self.itinerary]),
                             self.unrecognised, self.index)


class _Credit:
    at: datetime | date | None = None
    qualifier: str | None = None
    actions: tuple[_Action, ...] = ()

    def __init__(self, els: Elements, index: int) -> None:
        padded = (*els, (), (), (), (), ()) if len(els) < 5 else els
        self.type = (padded[0][0].strip() or None) if padded[0] else None
        agent = padded[1] + _EMPTY3
        self.agent = agent[0].strip() or None
        self.duty = agent[1].strip() or None
        self.location = (padded[2][0].strip() or None) if padded[2] else None
        self.company = (padded[4][0].strip() or None) if padded[4] else None
        self.index = index

    def build(self) -> HistoryCredit:
        return _NEW_HISTORY_CREDIT(self.type, self.agent, self.duty, self.location, self.company,
                             self.at, self.qualifier, tuple([a.build() for a in self.actions]),
                             self.index)


# An SSR waiting for its traveller: (ssr, owner kind, owner, index, offset).
_OWNER_PNR, _OWNER_TRAVELLER, _OWNER_SEGMENT = range(3)
_Pending = tuple[Ssr, int, Any, int, int]


class _Pnr:
    failed: str | None = None
    locators: tuple[RecordLocator, ...] = ()
    dates: tuple[DateEntry, ...] = ()
    last_modified: datetime | date | None = None
    ticket_issued: datetime | date | None = None
    cancelled = False
    originator: Originator | None = None
    contacts: tuple[Contact, ...] = ()
    addresses: tuple[Address, ...] = ()
    remarks: tuple[Remark, ...] = ()
    ssrs: tuple[Ssr, ...] = ()
    ebd: tuple[ExcessBaggage, ...] = ()
    splits: tuple[SplitPnr, ...] = ()
    nonair: tuple[NonAirSegment, ...] = ()
    credits: tuple[_Credit, ...] = ()
    lines: tuple[str, ...] = ()
    unrecognised: tuple[Segment, ...] = ()

    def __init__(self, index: int, offset: int) -> None:
        self.index = index
        self.offset = offset
        self.raw: list[Raw] = []
        self.travellers: list[_Traveller] = []
        self.itinerary: list[_Segment] = []
        self.warnings: list[Defect] = []
        self.pending: list[_Pending] = []

    @property
    def locator(self) -> str | None:
        return self.locators[0].locator if self.locators else None


class PnrgovBuilder:
    """Reads the segments of one PNRGOV message, in order, into a :class:`PnrgovMessage`.

    The reader protocol of :mod:`paxdata._readers`: :meth:`feed` each body segment between
    UNH and UNT as its parts, :meth:`add_defect` for syntax defects inside the message,
    then :meth:`finish`; :attr:`errors` then holds a
    :class:`~paxdata.errors.PaxdataError` (code PNR-UNREADABLE) for each PNR that could
    not be read. A strict :class:`~paxdata.policy.Policy` raises
    :class:`~paxdata.errors.DefectError` at the first error instead.
    """

    def __init__(self, header: MessageHeader, reporter: Reporter, policy: Policy,
                 input_name: str | None) -> None:
        self.header = header
        self.report = reporter
        self.policy = policy
        self.input_name = input_name
        interchange = header.interchange
        prepared = interchange.prepared_at.date() if interchange and interchange.prepared_at \
            else None
        self.message_date: date | None = prepared
        self.reference: date = prepared or date.today()
        self.errors: list[PaxdataError] = []
        self.section = _HEADER
        self.message_function: str | None = None
        self.push_type = PushType.OTHER
        self.saw_msg = False
        self.sender: Originator | None = None
        self.flight: FlightLeg | None = None
        self.flight_operating: str | None = None
        self.declared: int | None = None
        self.saw_eqn = False
        self.pnrs: list[Pnr] = []
        #: Set by a streaming consumer (:func:`paxdata.iter_pnrs`): each PNR read goes
        #: here instead of into the push, and the consumer takes them as they come.
        self.streamed: list[Pnr] | None = None
        self.streamed_count = 0
        self.unreadable: list[UnreadablePnr] = []
        self.unrecognised: list[Segment] = []
        self.warnings: list[Defect] = []
        self.pnr: _Pnr | None = None
        self.traveller: _Traveller | None = None
        self.ticket: _Ticket | None = None
        self.payments: list[_Payment] = []
        self.segment: _Segment | None = None
        self.checkin_at: datetime | date | None = None
        self.checkin_text: str | None = None
        self.checkin_agent: Originator | None = None
        self.checkin: _CheckIn | None = None
        self.split: SplitPnr | None = None
        self.nonair: NonAirSegment | None = None
        self.credit: _Credit | None = None
        self.action: _Action | None = None
        self.history_segment: _Segment | None = None
        self._raw: Raw = ("", (), 0, -1, None)
        self._codes: dict[str, str] = {}
        # Equal values are shared (records are immutable): pushes repeat them a lot.
        self._originators: dict[Elements, Originator] = {}
        self._taxes: dict[tuple[str, tuple[str, ...]], Tax] = {}
        self._amounts: dict[tuple[str, ...], Amount] = {}
        self._fares: dict[Elements, Fare] = {}
        self._baggage: dict[Elements, ExcessBaggage] = {}
        self._handlers: dict[str, Callable[[Elements], None]] = {
            "SRC": self._src, "MSG": self._msg, "ORG": self._org, "TVL": self._tvl,
            "EQN": self._eqn, "RCI": self._rci, "SSR": self._ssr, "DAT": self._dat,
            "IFT": self._ift, "ADD": self._add, "EBD": self._ebd, "TIF": self._tif,
            "FTI": self._fti, "REF": self._ref, "FAR": self._far, "TKT": self._tkt,
            "MON": self._mon, "PTK": self._ptk, "TXD": self._txd, "FOP": self._fop,
            "TRA": self._tra, "RPI": self._rpi, "APD": self._apd, "TRI": self._tri,
            "SSD": self._ssd, "TBD": self._tbd, "ABI": self._abi, "SAC": self._sac,
            "LTS": self._lts,
        }
        self._skipping: dict[str, Callable[[Elements], None]] = {"SRC": self._src}
        self._active = self._handlers
        self._other: Callable[[Elements], None] = self._unknown_tag
        self._limits = CODES.max_elements
        self._check_version()

    # ------------------------------------------------------------------ plumbing
    def feed(self, tag: str, els: Elements, index: int, offset: int,
             repetitions: Mapping[int, Elements] | None = None) -> None:
        """Read one body segment given as its parts (the scanner's segment sink: no
        :class:`Segment` object is built unless the segment is kept raw)."""
        raw = (tag, els, index, offset, repetitions)
        self._raw = raw
        pnr = self.pnr
        if pnr is not None:
            pnr.raw.append(raw)
        if len(els) > self._limits.get(tag, 999) and self._run_on(tag, els):
            return
        try:
            self._active.get(tag, self._other)(els)
        except PaxdataError:
            raise
        except Exception as exc:
            self._failed(exc)

    def add(self, segment: Segment) -> None:
        """Read one body segment."""
        self.feed(segment.tag, segment.elements, segment.index, segment.offset,
                  segment.repetitions)

    def add_defect(self, defect: Defect) -> None:
        """Attach a syntax-level defect to the PNR or message being read (envelope defects,
        UNH/UNT, to the message)."""
        if self.pnr is not None and defect.location.tag not in ("UNT", "UNH"):
            self.pnr.warnings.append(defect)
        else:
            self.warnings.append(defect)

    def _segment_now(self) -> Segment:
        return Segment(*self._raw)

    def _located(self, code: str, message: str, index: int, offset: int, tag: str,
                 element: int | None, component: int | None) -> Defect:
        """A located defect. Errors go through the reporter (a strict policy raises);
        warnings and notes are built directly (the same values, without its overhead)."""
        kind = KINDS[code]
        at = offset if offset >= 0 else None
        tag = tag[:3]  # a junk "tag" (a segment that is not one) is data, not a place
        if kind.severity is Severity.ERROR:
            return self.report.defect(
                code, message, offset=at, segment_index=index, tag=tag, element=element,
                component=component, message_reference=self.header.reference)
        source = self.report.source
        return _NEW_DEFECT(code, kind.severity, message, _NEW_LOCATION(
            source.name, at, source.line_of(at) if at is not None else None, index, tag,
            element, component, self.header.reference))

    def _defect(self, code: str, message: str, element: int | None = None,
                component: int | None = None) -> None:
        """Report a defect in the segment being read (element/component 1-based)."""
        tag, _, index, offset, _ = self._raw
        self.add_defect(self._located(code, message, index, offset, tag, element, component))

    def _defect_at(self, index: int, offset: int, tag: str, code: str, message: str,
                   element: int | None = None, target: list[Defect] | None = None) -> None:
        found = self._located(code, message, index, offset, tag, element, None)
        (target if target is not None else self.warnings).append(found)

    def _keep(self, why: str, code: str = "PNR-SEGMENT-UNEXPECTED",
              element: int | None = None) -> None:
        """Keep the segment being read raw on the record it belongs to, with a warning."""
        segment = self._segment_now()
        section = self.section
        if section in _IN_HISTORY and self.action is not None:
            self.action.unrecognised += (segment,)
        elif section in _GR5 and self.segment is not None:
            self.segment.unrecognised += (segment,)
        elif section in _GR2 and self.traveller is not None:
            self.traveller.unrecognised += (segment,)
        elif self.pnr is not None:
            self.pnr.unrecognised += (segment,)
        else:
            self.unrecognised.append(segment)
        self._defect(code, f"{why}; kept as received", element, 1 if element else None)

    def _unknown_tag(self, els: Elements) -> None:
        tag = self._raw[0]
        tail = tag[-3:]
        if len(tag) > 3 and tail in self._handlers:
            _, _, index, offset, reps = self._raw
            self._raw = (tail, els, index, offset, reps)
            moved = None
            pnr = self.pnr
            if tail == "SRC" and pnr is not None and pnr.warnings \
                    and pnr.warnings[-1].location.offset == offset:
                moved = pnr.warnings.pop()  # the syntax defect of this segment: new PNR's
            self._handlers[tail](els)
            if moved is not None:
                self.add_defect(moved)
            self._defect("PNR-TAG-RECOVERED",
                         f"text {self.report.shown(repr(tag[:-3].strip()))} before the "
                         f"segment tag {tail} ignored; read as {tail}")
            return
        shown = tag if len(tag) == 3 else self.report.shown(repr(tag))
        self._keep(f"segment {shown} is not a PNRGOV segment")

    def _skip(self, els: Elements) -> None:
        """A segment of a PNR that could not be read: kept with the PNR's raw segments."""

    def _run_on(self, tag: str, els: Elements) -> bool:
        """Split two segments whose terminator was lost (``RPI+1+HKIFT+4:19+...``): an
        element of a too-long segment ends with a segment tag. Returns True when split."""
        limit = self._limits.get(tag, 999)
        for position in range(1, min(len(els) - 1, limit)):
            composite = els[position]
            if len(composite) != 1:
                continue
            value = composite[0]
            next_tag = value[-3:]
            if len(value) >= 3 and next_tag in CODES.segment_tags and next_tag != tag:
                _, _, index, offset, _ = self._raw
                first = (*els[:position], (value[:-3],))
                self._defect("PNR-SEGMENT-RUN-ON",
                             f"{tag} element {position + 1} {self.report.shown(repr(value))} "
                             f"ends with the tag "
                             f"{next_tag}: a segment terminator is missing; read as {tag} "
                             f"with {len(first)} elements followed by {next_tag}",
                             position + 1)
                self.feed_parts(tag, first, index, offset)
                self.feed_parts(next_tag, els[position + 1:], index, offset)
                return True
        return False

    def feed_parts(self, tag: str, els: Elements, index: int, offset: int) -> None:
        """Read a segment recovered from a run-on segment (not added to raw lists again)."""
        self._raw = (tag, els, index, offset, None)
        if len(els) > self._limits.get(tag, 999) and self._run_on(tag, els):
            return
        try:
            self._active.get(tag, self._other)(els)
        except PaxdataError:
            raise
        except Exception as exc:
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        tag, _, index, offset, _ = self._raw
        why = f"paxdata failed to read this segment ({type(exc).__name__}: {exc})"
        pnr = self.pnr
        if pnr is None:
            self.unrecognised.append(self._segment_now())
            self._defect("MSG-INTERNAL", f"{why}; segment kept as received")
            return
        locator = pnr.locator
        found = self.report.defect(
            "PNR-UNREADABLE",
            f"PNR {locator or '(no record locator yet)'} starting at segment {pnr.index} "
            f"could not be read: {why}; its segments are kept as received and the other "
            "PNRs of the push are returned",
            offset=offset if offset >= 0 else None, segment_index=index, tag=tag,
            message_reference=self.header.reference)
        pnr.failed = found.message
        self.errors.append(PaxdataError(found.message, found.location, code=found.code))
        self._active, self._other = self._skipping, self._skip

    def _code(self, value: str) -> str:
        """One shared string per distinct code (airports, carriers, countries)."""
        return self._codes.setdefault(value, value)

    def _when(self, day: str, clock: str, utc: bool, element: int,
              what: str) -> datetime | date | None:
        """A DDMMYY date with an optional HHMM(SS) time (see :func:`moment`); reports
        values that cannot be read."""
        found = moment(day, clock, self.reference, utc)
        if found is None and (day.strip() or clock.strip()):
            day, clock = day.strip(), clock.strip()
            self._defect("PNR-DATE-INVALID",
                         f"{what}: time {self.report.shown(repr(clock))} without a date; not "
                         "read" if not day else
                         f"{what}: {self.report.shown(repr(day + ' ' + clock))} is not "
                         "DDMMYY and HHMM(SS); not read",
                         element)
        return found

    def _check_version(self) -> None:
        header = self.header
        version = header.version_release
        agency = header.controlling_agency
        if version not in CODES.known_versions or agency not in CODES.agencies:
            self.warnings.append(self.report.defect(
                "PNR-VERSION-UNKNOWN",
                f"PNRGOV version {version!r} agency {agency!r} is not one paxdata has seen "
                "(10:1-21:1, IA or XS); read by structure",
                offset=header.segment.offset if header.segment.offset >= 0 else None,
                segment_index=1, tag="UNH", element=2,
                message_reference=header.reference))

    # ------------------------------------------------------------------ level 0
    def _msg(self, els: Elements) -> None:
        if self.section == _HEADER:
            if self.saw_msg:
                self._keep("a second MSG at level 0")
                return
            self.saw_msg = True
            function = _v(els, 0, 1) or _v(els, 0)
            self.message_function = function or None
            found = CODES.push_types.get(function)
            if found is None:
                self._defect("PNR-QUALIFIER-UNKNOWN",
                             f"message function {function!r} is not 22 (push) or 141 "
                             "(update push); read as 'other'", 1, 2)
            else:
                self.push_type = PushType(found)
            return
        if self.pnr is None:
            self._keep("MSG outside the header and the PNRs")
            return
        # Gr.9: a non-air segment
        self._close_groups()
        business = _v(els, 0)
        if business and business not in CODES.business_functions:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"business function {business!r} is not in the PADIS 4025 list; "
                         "kept as sent", 1, 1)
        self.nonair = NonAirSegment(business or None, (), self._raw[2])
        self.pnr.nonair += (self.nonair,)
        self.section = _NONAIR

    def _originator(self, els: Elements) -> Originator:
        found = self._originators.get(els)
        if found is not None:
            return found
        padded = [(e + _EMPTY3) for e in els[:7]] + [_EMPTY3] * (7 - min(len(els), 7))
        system, location, _ = map(_strip, padded[0][:3])
        agency, office, _ = map(_strip, padded[1][:3])
        company, company_location, _ = map(_strip, padded[3][:3])
        country, currency, language = map(_strip, padded[5][:3])
        code = self._code
        found = Originator(
            system=code(system) or None, location=code(location) or None,
            agency_number=agency or None, agent_office=office or None,
            agent_location=code(padded[2][0].strip()) or None,
            company=code(company) or None, company_location=code(company_location) or None,
            originator_type=padded[4][0].strip() or None, country=country or None,
            currency=currency or None, language=language or None,
            agent_id=padded[6][0].strip() or None, additional_elements=_joined(els, 7),
            empty=not "".join(["".join(e) for e in els]).strip())
        self._originators[els] = found
        return found

    def _org(self, els: Elements) -> None:
        section = self.section
        originator = self._originator(els)
        if originator.originator_type and originator.originator_type not in \
                CODES.originator_types:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"originator type {originator.originator_type!r} is not in the "
                         "PADIS 9972 list; kept as sent", 5)
        if section == _HEADER:
            if self.sender is not None:
                self._keep("a second ORG at level 0")
                return
            self.sender = originator
            return
        pnr = self.pnr
        if pnr is not None and (section == _PNR or (section in _GR2
                                                    and pnr.originator is None)):
            if pnr.originator is not None:
                self._keep("a second ORG in the PNR (Gr.1)")
                return
            pnr.originator = originator
            if originator.empty:
                pnr.cancelled = True
                where = "an update push" if self.push_type is PushType.UPDATE else \
                    f"a {self.push_type.value} push (the guide uses it in update pushes)"
                self._defect("PNR-CANCELLED",
                             f"PNR {pnr.locator or ''} sent with an empty ORG in {where}: "
                             "the PNR, or the pushed flight in it, was cancelled")
            return
        if section == _CHECKIN:
            self.checkin_agent = originator
            return
        self._keep("ORG outside the header, the PNR (Gr.1) and check-in (Gr.6)")

    def _tvl_times(self, els: Elements, what: str
                   ) -> tuple[datetime | date | None, datetime | date | None]:
        first = els[0] if els else ()
        dep_day, dep_clock, arr_day, arr_clock = map(_strip, (first + _EMPTY6)[:4])
        if arr_day and not arr_clock and len(arr_day) == 4 and len(first) == 3:
            # TVL+280918:1220:1505 (arrival date left out without its empty slot)
            self._defect("PNR-VALUE-INVALID",
                         f"{what}: {arr_day!r} in the arrival date position is a time; read "
                         "as the arrival time on the departure date", 1, 3)
            arr_day, arr_clock = "", arr_day
        departure = self._when(dep_day, dep_clock, False, 1, f"{what} departure") \
            if dep_day or dep_clock else None
        if not arr_day and arr_clock:
            arr_day = dep_day  # arrival date omitted: same day (PNRGOV IG, TVL)
        arrival = self._when(arr_day, arr_clock, False, 1, f"{what} arrival") \
            if arr_day else None
        return departure, arrival

    def _tvl(self, els: Elements) -> None:
        section = self.section
        if section == _HEADER:
            if self.flight is not None:
                self._keep("a second TVL at level 0")
                return
            departure, arrival = self._tvl_times(els, "pushed flight")
            carrier = _v(els, 3) or None
            number = _v(els, 4) or None
            if isinstance(departure, date) and not isinstance(departure, datetime):
                if self.message_date is None:
                    self.message_date = departure
                self._defect("PNR-VALUE-INVALID", "pushed flight without a departure time",
                             1, 2)
                departure = None
            if isinstance(arrival, date) and not isinstance(arrival, datetime):
                arrival = None
            if isinstance(departure, datetime) and self.message_date is None:
                self.message_date = departure.date()
                self.reference = self.message_date
            self.flight_operating = _v(els, 3, 1) or None
            self.flight = FlightLeg(
                carrier=carrier, flight_number=number,
                flight_designator=_designator(carrier, number),
                departure_airport=_v(els, 1) or None, arrival_airport=_v(els, 2) or None,
                scheduled_departure=departure, scheduled_arrival=arrival,
                segment_index=self._raw[2])
            if self.flight.departure_airport is None or self.flight.arrival_airport is None:
                self._defect("PNR-VALUE-INVALID",
                             "pushed flight without its departure or arrival airport", 2)
            return
        if self.pnr is None:
            self._keep("TVL outside the header and the PNRs")
            return
        if section == _NONAIR and self.nonair is not None:
            self._nonair_product(els)
            return
        first = els[0] if els else ()
        operating_only = not (first and first[0].strip()) and len(els) > 4 \
            and not "".join(["".join(e) for e in els[:3]]).strip() and bool(els[4][0].strip())
        if section in _IN_HISTORY or section == _HISTORY:
            if section == _HISTORY or self.action is None:
                self._keep("TVL in the history before any action (SAC)")
                return
            if operating_only and self.history_segment is not None:
                self._operating_flight(self.history_segment, els)
                return
            segment = self._new_segment(els)
            self.action.itinerary += (segment,)
            self.history_segment = segment
            self.section = _HISTORY_SEGMENT
            return
        if operating_only and section in _GR5 and self.segment is not None:
            self._operating_flight(self.segment, els)
            return
        self._close_groups()
        segment = self._new_segment(els)
        self.pnr.itinerary.append(segment)
        self.segment = segment
        self.section = _SEGMENT

    def _new_segment(self, els: Elements) -> _Segment:
        segment = _Segment(self._raw[2])
        segment.dep_at, segment.arr_at = self._tvl_times(els, "flight segment")
        intern = self._codes.setdefault
        padded = (*els, (), (), (), (), ()) if len(els) < 5 else els
        dep = padded[1][0].strip() if padded[1] else ""
        arr = padded[2][0].strip() if padded[2] else ""
        carriers = padded[3] + _EMPTY3
        flight = padded[4] + _EMPTY3
        carrier, operating = carriers[0].strip(), carriers[1].strip()
        number = flight[0].strip()
        segment.dep = intern(dep, dep) or None
        segment.arr = intern(arr, arr) or None
        segment.carrier = intern(carrier, carrier) or None
        segment.op_carrier = intern(operating, operating) or None
        segment.number = number or None
        segment.rbd = flight[1].strip() or None
        segment.suffix = flight[2].strip() or None
        segment.designator = carrier + number if carrier and number else (number or carrier
                                                                         or None)
        return segment

    def _operating_flight(self, segment: _Segment, els: Elements) -> None:
        """The codeshare's second TVL (13.1 and before): the operating flight."""
        if segment.op_number is not None:
            self._keep("a second operating-flight TVL for the same segment")
            return
        segment.op_number = _v(els, 4) or None
        segment.op_rbd = _v(els, 4, 1) or None
        carrier = _v(els, 3)
        if carrier:
            segment.op_carrier = self._code(carrier)

    def _nonair_product(self, els: Elements) -> None:
        assert self.nonair is not None
        start = self._when(_v(els, 0), _v(els, 0, 1), False, 1, "non-air product start")
        end_day = _v(els, 0, 2)
        end = self._when(end_day, _v(els, 0, 3), False, 1, "non-air product end") \
            if end_day else None
        product = NonAirProduct(
            start, end, tuple(v for v in (_v(els, 1), _v(els, 2)) if v),
            _v(els, 3) or None, _v(els, 4) or None, self._segment_now())
        nonair = self.nonair
        self.nonair = NonAirSegment(nonair.business_function, (*nonair.products, product),
                                    nonair.segment_index)
        assert self.pnr is not None
        self.pnr.nonair = (*self.pnr.nonair[:-1], self.nonair)

    def _eqn(self, els: Elements) -> None:
        value = _v(els, 0)
        count = _int(value)
        if value and count is None:
            self._defect("PNR-VALUE-INVALID", f"number of units {value!r} is not a number",
                         1, 1)
        if self.section == _HEADER:
            if self.saw_eqn:
                self._keep("a second EQN at level 0")
                return
            self.saw_eqn = True
            self.declared = count
            return
        if self.pnr is None:
            self._keep("EQN outside the header and the PNRs")
            return
        self._close_groups()
        self.split = SplitPnr(count, (), self._raw[2])
        self.pnr.splits += (self.split,)
        self.section = _SPLIT

    # ------------------------------------------------------------------ Gr.1 PNR
    def _src(self, els: Elements) -> None:
        raw = self._raw
        previous = self.pnr
        if previous is not None and previous.raw and previous.raw[-1][3] == raw[3]:
            previous.raw.pop()  # the SRC starts the next PNR
        self._close_pnr()
        pnr = _Pnr(raw[2], raw[3])
        pnr.raw.append(raw)
        self.pnr = pnr
        self.section = _PNR
        self._active, self._other = self._handlers, self._unknown_tag
        if els and any(c.strip() for e in els for c in e):
            self._defect("PNR-VALUE-INVALID", "SRC carries data (it is an empty group "
                         f"trigger): {self.report.shown(repr(_joined(els, 0)))} ignored", 1)

    def _implicit_pnr(self, tag: str) -> _Pnr:
        """A PNR segment before any SRC: the PNR starts here, with a warning."""
        self._defect("PNR-SEGMENT-MISSING",
                     f"{tag} before any SRC: a PNR (Gr.1) starts here without its SRC")
        self.pnr = _Pnr(self._raw[2], self._raw[3])
        self.pnr.raw.append(self._raw)
        self.section = _PNR
        return self.pnr

    def _locators(self, els: Elements) -> tuple[RecordLocator, ...]:
        found = []
        index = self._raw[2]
        for position, composite in enumerate(els):
            system, locator, kind, day, clock = map(_strip, (composite + _EMPTY6)[:5])
            if not (system or locator or kind or day or clock):
                continue
            if kind and len(kind) == 6 and kind.isdigit() and not clock:
                # RCI+UA:7C789A:230818:1220 (the control type slot left out)
                self._defect("PNR-VALUE-INVALID",
                             f"RCI {locator}: {kind!r} in the control type position is a "
                             "date; read as the creation date", position + 1, 3)
                kind, day, clock = "", kind, day
            if kind and kind not in CODES.record_locator_types:
                self._defect("PNR-QUALIFIER-UNKNOWN",
                             f"reservation control type {kind!r} is not C (DCS reference); "
                             "kept as sent", position + 1, 3)
            created = self._when(day, clock, True, position + 1, f"RCI {locator} creation") \
                if day or clock else None
            if not locator:
                self._defect("PNR-VALUE-INVALID", "RCI without a record locator (c2)",
                             position + 1, 2)
            found.append(_NEW_RECORD_LOCATOR(self._codes.setdefault(system, system) or None,
                                       locator or None, kind or None, created, index))
        return tuple(found)

    def _rci(self, els: Elements) -> None:
        section = self.section
        pnr = self.pnr
        if pnr is None:
            if section != _HEADER:
                self._keep("RCI outside a PNR")
                return
            pnr = self._implicit_pnr("RCI")
            section = _PNR
        if section == _PNR or (section in _GR2 and not pnr.locators):
            if pnr.locators:
                self._defect("PNR-SEGMENT-ORDER",
                             "a second RCI in Gr.1: its locators are added to the PNR's")
            pnr.locators += self._locators(els)
            return
        if section in _GR5 and self.segment is not None:
            self.segment.locators += self._locators(els)
            return
        if section == _SPLIT and self.split is not None:
            split = self.split
            self.split = SplitPnr(split.count, (*split.record_locators,
                                                *self._locators(els)), split.segment_index)
            pnr.splits = (*pnr.splits[:-1], self.split)
            return
        self._keep("RCI outside Gr.1, Gr.5 and Gr.8")

    def _dat(self, els: Elements) -> None:
        section = self.section
        pnr = self.pnr
        if pnr is None:
            self._keep("DAT outside a PNR")
            return
        first = (els[0] + _EMPTY3) if els else _EMPTY3
        if section == _PNR:
            for position, composite in enumerate(els):
                qualifier, day, clock = (composite + _EMPTY3)[:3]
                qualifier = qualifier.strip()
                when = self._when(day, clock, True, position + 1, "DAT")
                pnr.dates += (_NEW_DATE_ENTRY(qualifier or None, when, None),)
                field = CODES.pnr_dates.get(qualifier)
                if field == "last_modified_at":
                    pnr.last_modified = when
                elif field == "ticket_issued_at":
                    pnr.ticket_issued = when
                else:
                    self._defect("PNR-QUALIFIER-UNKNOWN",
                                 f"date qualifier {qualifier!r} is not 700 or 710 in Gr.1; "
                                 "kept in dates", position + 1, 1)
            return
        qualifier = first[0].strip()
        if section in (_TICKET, _PAYMENT) and self.ticket is not None:
            when = self._when(first[1], first[2], True, 1, "ticket DAT")
            if qualifier != "710":
                self._defect("PNR-QUALIFIER-UNKNOWN",
                             f"date qualifier {qualifier!r} in a ticket (Gr.3) is not 710; "
                             "read as the issue date", 1, 1)
            self.ticket.issued = when
            return
        if section in _GR5 and self.segment is not None:
            # Gr.6: a check-in transaction
            kind = CODES.check_in_dates.get(qualifier)
            self.checkin_text = None
            self.checkin_agent = None
            self.checkin = None
            if kind == "free_text":
                self.checkin_at = None
                self.checkin_text = ":".join(c.strip() for c in els[0][1:]) or None
            else:
                self.checkin_at = self._when(first[1], first[2], True, 1, "check-in DAT") \
                    if first[1].strip() else None
                if qualifier and kind is None:
                    self._defect("PNR-QUALIFIER-UNKNOWN",
                                 f"check-in date qualifier {qualifier!r} is not 2 or 3; read "
                                 "as the check-in date/time", 1, 1)
            self.section = _CHECKIN
            return
        if section == _HISTORY and self.credit is not None:
            if qualifier and qualifier not in CODES.history_dates:
                self._defect("PNR-QUALIFIER-UNKNOWN",
                             f"history date qualifier {qualifier!r} is not T or ZT; read as "
                             "the history date/time", 1, 1)
            self.credit.qualifier = qualifier or None
            self.credit.at = self._when(first[1], first[2], True, 1, "history DAT")
            return
        self._keep("DAT outside Gr.1, Gr.3, Gr.6 and Gr.10")

    def _remark(self, els: Elements) -> Remark:
        head = list(map(_strip, ((els[0] + _EMPTY6) if els else _EMPTY6)))
        kind = head[1]
        if kind and kind not in CODES.free_text_types:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"free text type {kind!r} is not in the PNRGOV IFT list; kept as "
                         "sent", 1, 2)
        return _NEW_REMARK(head[0] or None, kind or None,
                      tuple([":".join(e).strip() for e in els[1:]]), head[3] or None,
                      head[2] or None, head[4] or None, self._raw[2])

    def _osi_contacts(self, remark: Remark, reference: str | None) -> tuple[Contact, ...]:
        """Contacts in an OSI (IFT 4:28): ``CTCE ...``, ``YY CTCM ...``, ``CTC ...``."""
        found = []
        for line in remark.lines:
            if "CTC" not in line:
                continue
            words = line.split()
            for position, word in enumerate(words[:2]):  # noqa: B007 (used after the loop)
                channel = CODES.osi_contacts.get(word)
                if channel is not None:
                    break
            else:
                continue
            parts = line.split(None, position + 1)
            text = parts[position + 1] if len(parts) > position + 1 else ""
            if text:
                found.append(decode_contact(channel, text, f"IFT {words[position]}",
                                            reference, remark.segment_index, line))
        return tuple(found)

    def _ift(self, els: Elements) -> None:
        section = self.section
        pnr = self.pnr
        if pnr is None:
            self._keep("IFT outside a PNR")
            return
        remark = self._remark(els)
        if section == _PNR:
            pnr.remarks += (remark,)
            if remark.type == "28":
                pnr.contacts += self._osi_contacts(remark, None)
            return
        traveller = self.traveller
        if section == _TRAVELLER and traveller is not None:
            traveller.remarks += (remark,)
            if remark.type == "28":
                traveller.contacts += self._osi_contacts(remark, traveller.ref)
            return
        if section == _PAYMENT and self.payments:
            for payment in self.payments:
                if remark.type == "43" and not payment.sponsor:
                    payment.sponsor = remark.lines
                else:
                    payment.remarks += (remark,)
            return
        if section == _TICKET and self.ticket is not None:
            self.ticket.remarks += (remark,)
            return
        if section in _GR5 and self.segment is not None:
            self.segment.remarks += (remark,)
            return
        if section in _IN_HISTORY and self.action is not None:
            self.action.remarks += (remark,)
            return
        self._keep("IFT outside Gr.1, Gr.2, Gr.3, Gr.4, Gr.5 and Gr.11")

    def _address(self, els: Elements) -> Address:
        values = list(map(_strip, ((els[1] + _EMPTY8) if len(els) > 1 else _EMPTY8)))
        purpose = values[0]
        if purpose and purpose not in CODES.address_purposes:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"address purpose {purpose!r} is not in the PNRGOV ADD list; kept "
                         "as sent", 2, 1)
        return _NEW_ADDRESS(purpose or None, values[1] or None, values[2] or None,
                       values[3] or None, values[4] or None, values[5] or None,
                       values[6] or None, ":".join(values[7:]).rstrip(":") or None,
                       self._raw[2])

    def _address_contacts(self, address: Address, reference: str | None
                          ) -> tuple[Contact, ...]:
        """The phone number or e-mail address in ADD c8 (free text), if any."""
        text = address.free_text
        if not text:
            return ()
        channel = "email" if (address.purpose == "E" or "@" in text or "//" in text
                              or "CTCE" in text) else "phone"
        value = text
        for marker in ("CTCE", "CTCM", "CTC"):
            if marker in value:
                value = value.split(marker, 1)[1].lstrip(" M").strip() \
                    if marker == "CTC" else value.split(marker, 1)[1].strip()
                break
        return (decode_contact(channel, value, "ADD", reference, address.segment_index,
                               text),)

    def _add(self, els: Elements) -> None:
        section = self.section
        pnr = self.pnr
        if pnr is None:
            self._keep("ADD outside a PNR")
            return
        address = self._address(els)
        if section == _PNR:
            pnr.addresses += (address,)
            pnr.contacts += self._address_contacts(address, None)
            return
        if section == _PAYMENT and self.payments:
            for payment in self.payments:
                payment.address = address
            return
        traveller = self.traveller
        if section in _GR2 and traveller is not None:
            traveller.addresses += (address,)
            traveller.contacts += self._address_contacts(address, traveller.ref)
            return
        self._keep("ADD outside Gr.1, Gr.2 and Gr.4")

    def _ebd(self, els: Elements) -> None:
        found = self._baggage.get(els)
        if found is None:
            rate = list(map(_strip, ((els[0] + _EMPTY3) if els else _EMPTY3)))
            excess = list(map(_strip, ((els[1] + _EMPTY3) if len(els) > 1 else _EMPTY3)))
            count = _int(excess[0])
            if excess[0] and count is None:
                self._defect("PNR-VALUE-INVALID", f"excess baggage count {excess[0]!r} is "
                             "not a number", 2, 1)
            found = ExcessBaggage(rate[0] or None, rate[1] or None, count,
                                  excess[1] or None, excess[2] or None)
            if count is not None or not excess[0]:
                self._baggage[els] = found
        if self.section == _PNR and self.pnr is not None:
            self.pnr.ebd += (found,)
        elif self.section in _GR2 and self.traveller is not None:
            self.traveller.ebd += (found,)
        else:
            self._keep("EBD outside Gr.1 and Gr.2")

    # ------------------------------------------------------------------ SSR
    def _ssr(self, els: Elements) -> None:
        section = self.section
        pnr = self.pnr
        if pnr is None:
            self._keep("SSR outside a PNR")
            return
        owner: Any
        if section in _GR5 and self.segment is not None:
            owner_kind, owner, flight = _OWNER_SEGMENT, self.segment, self.segment.designator
        elif section in _GR2 and self.traveller is not None:
            owner_kind, owner, flight = _OWNER_TRAVELLER, self.traveller, None
        elif section == _PNR:
            owner_kind, owner, flight = _OWNER_PNR, pnr, None
        elif section in _IN_HISTORY and self.action is not None:
            self.action.ssrs += tuple(self._ssr_records(els, None))
            return
        else:
            self._keep("SSR outside Gr.1, Gr.2, Gr.5 and Gr.11")
            return
        _, _, index, offset, _ = self._raw
        append = pnr.pending.append
        for ssr in self._ssr_records(els, flight):
            append((ssr, owner_kind, owner, index, offset))

    def _ssr_records(self, els: Elements, flight: str | None) -> list[Ssr]:
        head = list(map(_strip, ((els[0] + _EMPTY8) if els else _EMPTY8)))
        code, status, quantity, carrier, _, _, board, off = head[:8]
        code = code.upper()
        text = ":".join(els[0][8:]).strip() if len(head) > 16 else ""
        index = self._raw[2]
        if not code:
            self._defect("PNR-VALUE-INVALID", "SSR without its code (C334 c1)", 1, 1)
        intern = self._codes.setdefault
        carrier = intern(carrier, carrier) or None  # type: ignore[assignment]
        board = intern(board, board) or None  # type: ignore[assignment]
        off = intern(off, off) or None  # type: ignore[assignment]
        records = []
        decoders = CODES.ssr_decoders
        for person in (els[1:] if len(els) > 1 else ((),)):
            if person and not "".join(person).strip():
                continue
            size = len(person)
            requirement = person[0].strip() if size else ""
            reference = person[2].strip() if size > 2 else ""
            kind = decoders.get(code)
            details, problems = decode_ssr(
                code, text, requirement, self.reference, reference or None) \
                if kind is not None and (text or kind != "seat") else _UNDECODED
            for problem in problems:
                self._defect("PNR-SSR-FORMAT", f"SSR {code}: {problem}", 1, 9)
            records.append(_NEW_SSR(
                code or None, status or None, quantity or None, carrier, board, off,
                text or None, reference or None, requirement or None,
                (person[1].strip() or None) if size > 1 else None,
                (":".join(c.strip() for c in person[3:]).rstrip(":") or None)
                if size > 3 else None,
                details, flight, index))
        if not records:
            records.append(_NEW_SSR(code or None, status or None, quantity or None, carrier,
                               board, off, text or None, None, None, None, None,
                               decode_ssr(code, text, "", self.reference, None)[0]
                               if code else None, flight, index))
        return records

    # ------------------------------------------------------------------ Gr.2 traveller
    def _tif(self, els: Elements) -> None:
        section = self.section
        if section == _CHECKED_IN and self.checkin is not None and self.checkin.name is None:
            checkin = self.checkin
            surname, given = _v(els, 0), _v(els, 1)
            checkin.name = f"{surname}/{given}" if given else surname or None
            checkin.name_ref = _v(els, 1, 2) or None
            return
        if section in _IN_HISTORY and self.action is not None:
            self.action.travellers += (HistoryTraveller(
                _v(els, 0) or None, _v(els, 1) or None, _v(els, 1, 1) or None,
                _v(els, 1, 2) or None),)
            return
        pnr = self.pnr
        if pnr is None:
            if section != _HEADER:
                self._keep("TIF outside a PNR")
                return
            pnr = self._implicit_pnr("TIF")
        if section not in (_PNR, _HEADER) and section not in _GR2:
            self._defect("PNR-SEGMENT-ORDER",
                         "traveller (Gr.2 TIF) after the itinerary or history began; read as "
                         "a traveller of this PNR")
        self._close_groups()
        _, _, index, offset, _ = self._raw
        traveller = _Traveller(els, index, offset)
        if traveller.surname is None:
            self._defect("PNR-VALUE-INVALID", "traveller without a surname (TIF e1 c1)", 1, 1)
        if traveller.ptype is not None and traveller.ptype not in CODES.passenger_types:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"passenger type {traveller.ptype!r} is not A, C, IN or G; kept as "
                         "sent", 2, 2)
        if len(els) > 2:
            self._defect("PNR-VALUE-INVALID",
                         f"TIF with {len(els) - 1} given-name composites (one per TIF in the "
                         "guide); the first is read, the others kept in the raw segment", 3)
            traveller.unrecognised += (self._segment_now(),)
        pnr.travellers.append(traveller)
        self.traveller = traveller
        self.section = _TRAVELLER

    def _gr2_traveller(self, tag: str) -> _Traveller | None:
        if self.section in _GR2 and self.traveller is not None:
            return self.traveller
        self._keep(f"{tag} outside a traveller (Gr.2)")
        return None

    def _fti(self, els: Elements) -> None:
        traveller = self._gr2_traveller("FTI")
        if traveller is None:
            return
        index = self._raw[2]
        intern = self._codes.setdefault
        for composite in els:
            values = list(map(_strip, composite))
            if len(values) < 3:
                values += _EMPTY3
            carrier, number, reference = values[:3]
            if not carrier and not number:
                continue
            tier = None
            for value in values[3:]:
                if value:
                    tier = value
                    break
            traveller.ff += (_NEW_FREQUENT_FLYER(intern(carrier, carrier) or None, number or None,
                                           tier, "FTI", reference or None, index),)

    def _ref(self, els: Elements) -> None:
        traveller = self._gr2_traveller("REF")
        if traveller is None:
            return
        first = els[0] if els else ("",)
        value = (first[1].strip() if len(first) > 1 else "") or first[0].strip()
        if traveller.upi is not None:
            self._keep("a second REF for the traveller")
            return
        traveller.upi = value or None

    def _far(self, els: Elements) -> None:
        traveller = self._gr2_traveller("FAR")
        if traveller is None:
            return
        if traveller.fare is not None:
            self._keep("a second FAR for the traveller")
            return
        fare = self._fares.get(els)
        if fare is None:
            fare = self._fares[els] = Fare(_v(els, 0) or None, _v(els, 1) or None,
                                           _joined(els, 2))
        traveller.fare = fare

    # ------------------------------------------------------------------ Gr.3/4 tickets
    def _tkt(self, els: Elements) -> None:
        traveller = self._gr2_traveller("TKT")
        if traveller is None:
            return
        number, doc_type, booklets_text = map(_strip, ((els[0] + _EMPTY3) if els
                                                       else _EMPTY3)[:3])
        ticketless = CODES.ticket_types.get(doc_type)
        if doc_type and ticketless is None:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"ticket document type {doc_type!r} is not T or 1 (ticketless); kept "
                         "as sent", 1, 2)
        booklets = _int(booklets_text)
        if booklets_text and booklets is None:
            self._defect("PNR-VALUE-INVALID",
                         f"number of booklets {booklets_text!r} is not a number", 1, 3)
        ticket = _Ticket(number or None, doc_type or None, booklets, bool(ticketless),
                         self._raw[2])
        traveller.tickets += (ticket,)
        self.ticket = ticket
        self.payments = _NO_PAYMENTS
        self.section = _TICKET

    def _ticket_now(self, tag: str) -> _Ticket | None:
        if self.section in (_TICKET, _PAYMENT) and self.ticket is not None:
            return self.ticket
        self._keep(f"{tag} outside a ticket (Gr.3)")
        return None

    def _mon(self, els: Elements) -> None:
        ticket = self._ticket_now("MON")
        if ticket is None:
            return
        cache = self._amounts
        for position, composite in enumerate(els):
            amount = cache.get(composite)
            if amount is None:
                kind, value, currency = map(_strip, (composite + _EMPTY3)[:3])
                if not (kind or value or currency):
                    continue
                if kind and kind not in CODES.amount_types:
                    self._defect("PNR-QUALIFIER-UNKNOWN",
                                 f"amount type {kind!r} is not B or T; kept as sent",
                                 position + 1, 1)
                    amount = Amount(kind, value or None, self._code(currency) or None)
                else:
                    amount = cache[composite] = Amount(kind or None, value or None,
                                                       self._code(currency) or None)
            ticket.amounts += (amount,)

    def _ptk(self, els: Elements) -> None:
        ticket = self._ticket_now("PTK")
        if ticket is None:
            return
        padded = (*els, (), (), (), (), (), ()) if len(els) < 6 else els
        intern = self._codes.setdefault
        ticket.pricing = padded[0][0].strip() or None if padded[0] else None
        when = padded[2] + _EMPTY3
        ticket.ticketing = self._when(when[0], when[1], False, 3, "ticketing date") \
            if when[0].strip() else None
        validating = padded[3][0].strip() if padded[3] else ""
        ticket.validating = intern(validating, validating) or None
        ticket.airline = padded[4][0].strip() or None if padded[4] else None
        city = padded[5][0].strip() if padded[5] else ""
        ticket.sales_city = intern(city, city) or None

    def _txd(self, els: Elements) -> None:
        ticket = self._ticket_now("TXD")
        if ticket is None:
            return
        category = els[0][0].strip() if els and els[0] else ""
        cache = self._taxes
        taxes = []
        for composite in els[1:]:
            key = (category, composite)
            tax = cache.get(key)
            if tax is None:
                amount, _, currency, code = map(_strip, (composite + _EMPTY6)[:4])
                if not (amount or currency or code):
                    continue
                tax = cache[key] = Tax(amount or None, self._code(currency) or None,
                                       self._code(code) or None, category or None)
            taxes.append(tax)
        ticket.taxes += tuple(taxes)

    def _fop(self, els: Elements) -> None:
        section = self.section
        if section in (_TICKET, _PAYMENT) and self.ticket is not None:
            ticket_number = self.ticket.number
        elif section == _TRAVELLER and self.traveller is not None:
            ticket_number = None
        else:
            self._keep("FOP outside a traveller's ticket (Gr.3/Gr.4)")
            return
        assert self.traveller is not None
        index = self._raw[2]
        payments = []
        for position, composite in enumerate(els):
            if not "".join(composite).strip():
                continue
            payment = _Payment(composite, ticket_number, index)
            if payment.type and payment.type not in CODES.payment_types:
                self._defect("PNR-QUALIFIER-UNKNOWN",
                             f"form of payment {payment.type!r} is not in the PNRGOV FOP "
                             "list; kept as sent", position + 1, 1)
            payments.append(payment)
        self.traveller.payments += tuple(payments)
        self.payments = payments
        self.section = _PAYMENT

    # ------------------------------------------------------------------ Gr.5 itinerary
    def _segment_for(self, tag: str) -> _Segment | None:
        if self.section in _GR5 and self.segment is not None:
            return self.segment
        if self.section == _HISTORY_SEGMENT and self.history_segment is not None:
            return self.history_segment
        self._keep(f"{tag} outside a flight segment (Gr.5/Gr.12)")
        return None

    def _tra(self, els: Elements) -> None:
        segment = self._segment_for("TRA")
        if segment is None:
            return
        carrier = _v(els, 0)
        if segment.op_number is not None:
            self._keep("TRA for a segment whose operating flight is already known")
            return
        segment.op_carrier = self._code(carrier) or segment.op_carrier
        segment.op_number = _v(els, 1) or None
        segment.op_rbd = _v(els, 1, 1) or None

    def _rpi(self, els: Elements) -> None:
        segment = self._segment_for("RPI")
        if segment is None:
            return
        quantity = els[0][0].strip() if els and els[0] else ""
        segment.party = _int(quantity)
        if quantity and segment.party is None:
            self._defect("PNR-VALUE-INVALID", f"number in party {quantity!r} is not a "
                         "number", 1)
        status = els[1][0].strip() if len(els) > 1 and els[1] else ""
        segment.status = self._codes.setdefault(status, status) or None

    def _apd(self, els: Elements) -> None:
        segment = self._segment_for("APD")
        if segment is None:
            return
        aircraft = els[0][0].strip() if els and els[0] else ""
        segment.aircraft = self._codes.setdefault(aircraft, aircraft) or None

    # ------------------------------------------------------------------ Gr.6/7 check-in
    def _tri(self, els: Elements) -> None:
        section = self.section
        segment = self.segment
        if section not in _GR5 or segment is None:
            self._keep("TRI outside a flight segment (Gr.5)")
            return
        if section == _SEGMENT:
            self._defect("PNR-SEGMENT-MISSING",
                         "TRI without its check-in DAT (Gr.6 trigger); read as check-in data")
            self.checkin_at = self.checkin_text = self.checkin_agent = None
        _, _, index, offset, _ = self._raw
        checkin = _CheckIn(self.checkin_at, self.checkin_text, self.checkin_agent, els,
                           index, offset)
        segment.checkins += (checkin,)
        self.checkin = checkin
        self.section = _CHECKED_IN

    def _ssd(self, els: Elements) -> None:
        if self.section != _CHECKED_IN or self.checkin is None:
            self._keep("SSD outside a checked-in traveller (Gr.7)")
            return
        self.checkin.seat = (els[0][0].strip() or None) if els and els[0] else None
        self.checkin.cabin = (els[4][0].strip() or None) if len(els) > 4 and els[4] else None

    def _bags(self, els: Elements, flight: str | None) -> BagGroup:
        status = _v(els, 0) or None
        pool_element = 3
        if len(els) > 2 and _v(els, 2) in CODES.bag_pools and not _v(els, 3):
            pool_element = 2  # TBD+++MP:0741234123456 (pool in e3)
        count_text, weight_text, unit = (_v(els, 1), _v(els, 1, 1), _v(els, 1, 2))
        count = _int(count_text)
        if count_text and count is None:
            self._defect("PNR-VALUE-INVALID", f"number of bags {count_text!r} is not a "
                         "number", 2, 1)
        weight = None
        if weight_text:
            try:
                weight = float(weight_text.replace(",", "."))
            except ValueError:
                self._defect("PNR-VALUE-INVALID", f"bag weight {weight_text!r} is not a "
                             "number", 2, 2)
        if unit and unit not in CODES.bag_units:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"weight unit qualifier {unit!r} is not 700, 701 or 702; kept as "
                         "sent", 2, 3)
        pool = _v(els, pool_element) or None
        if pool is not None and pool not in CODES.bag_pools:
            self._defect("PNR-QUALIFIER-UNKNOWN", f"pool indicator {pool!r} is not HP or MP",
                         pool_element + 1, 1)
        tags = []
        limit = self.policy.max_bag_tag_run
        for position in range(4, len(els)):
            values = list(map(_strip, els[position]))
            if not any(values):
                continue
            values += [""] * (4 - len(values))
            carrier, number, run_text, destination = values[:4]
            run = _int(run_text)
            if run_text and run is None:
                self._defect("PNR-VALUE-INVALID",
                             f"consecutive tag count {run_text!r} is not a number",
                             position + 1, 3)
            numbers: tuple[str, ...] = ()
            if number:
                if run is not None and run > limit:
                    self._defect("PNR-VALUE-INVALID",
                                 f"run of {run} bag tags exceeds the limit of {limit}; only "
                                 "the first tag is listed", position + 1, 3)
                    numbers = (number,)
                else:
                    numbers = tuple(expand_bag_tags(number, run or 1))
            tags.append(_NEW_BAG_TAG(self._code(carrier) or None, number or None, run,
                               self._code(destination) or None, numbers,
                               tuple(values[4:]) if any(values[4:]) else ()))
        return _NEW_BAG_GROUP(count, weight, CODES.bag_units.get(unit), unit or None, status, pool,
                        _v(els, pool_element, 1) or None, tuple(tags), flight, self._raw[2])

    def _tbd(self, els: Elements) -> None:
        if self.section == _CHECKED_IN and self.checkin is not None:
            if self.checkin.bags is not None:
                self._keep("a second TBD for the checked-in traveller")
                return
            flight = self.segment.designator if self.segment is not None else None
            self.checkin.bags = self._bags(els, flight)
            return
        if self.section in _IN_HISTORY and self.action is not None:
            self.action.bags += (self._bags(els, None),)
            return
        self._keep("TBD outside a checked-in traveller (Gr.7) and the history (Gr.11)")

    # ------------------------------------------------------------------ Gr.10-12 history
    def _abi(self, els: Elements) -> None:
        if self.pnr is None:
            self._keep("ABI outside a PNR")
            return
        self._close_groups()
        self.credit = _Credit(els, self._raw[2])
        self.pnr.credits += (self.credit,)
        self.section = _HISTORY

    def _sac(self, els: Elements) -> None:
        pnr = self.pnr
        if pnr is None:
            self._keep("SAC outside a PNR")
            return
        if self.section not in (_HISTORY, _ACTION, _HISTORY_SEGMENT) or self.credit is None:
            self._defect("PNR-SEGMENT-MISSING",
                         "SAC without its history credit (Gr.10 ABI); read as a history "
                         "action")
            self._close_groups()
            self.credit = _Credit((), self._raw[2])
            pnr.credits += (self.credit,)
        action = _v(els, 2) or None
        if action is not None and action not in CODES.history_actions:
            self._defect("PNR-QUALIFIER-UNKNOWN",
                         f"history action {action!r} is not A, X or C; kept as sent", 3)
        self.action = _Action(action, self._raw[2])
        self.credit.actions += (self.action,)
        self.history_segment = None
        self.section = _ACTION

    def _lts(self, els: Elements) -> None:
        if self.pnr is None:
            self._keep("LTS outside a PNR")
            return
        self.pnr.lines += (":".join(":".join(e) for e in els),)

    def _close_groups(self) -> None:
        """Leave the nested groups of the PNR (before a new Gr.2, Gr.5, Gr.8-10)."""
        self.traveller = None
        self.ticket = None
        self.payments = _NO_PAYMENTS
        self.segment = None
        self.checkin = None
        self.split = None
        self.nonair = None
        self.credit = None
        self.action = None
        self.history_segment = None

    # ------------------------------------------------------------------ closing a PNR
    def _close_pnr(self) -> None:
        pnr = self.pnr
        self._close_groups()
        self.pnr = None
        if pnr is None:
            return
        if pnr.failed is None:
            try:
                built = self._build_pnr(pnr)
                if self.streamed is None:
                    self.pnrs.append(built)
                else:
                    self.streamed.append(built)
                    self.streamed_count += 1
                return
            except PaxdataError:
                raise
            except Exception as exc:
                found = self.report.defect(
                    "PNR-UNREADABLE",
                    f"PNR {pnr.locator or '(no record locator)'} could not be built "
                    f"({type(exc).__name__}: {exc}); its segments are kept as received and "
                    "the other PNRs of the push are returned",
                    offset=pnr.offset if pnr.offset >= 0 else None, segment_index=pnr.index,
                    tag="SRC", message_reference=self.header.reference)
                pnr.failed = found.message
                self.errors.append(PaxdataError(found.message, found.location,
                                                code=found.code))
        self.unreadable.append(UnreadablePnr(
            pnr.locator, pnr.failed or "", tuple([Segment(*raw) for raw in pnr.raw]),
            pnr.index, pnr.offset if pnr.offset >= 0 else None))

    def _build_pnr(self, pnr: _Pnr) -> Pnr:
        warnings = pnr.warnings
        if not pnr.locators:
            self._defect_at(pnr.index, pnr.offset, "SRC", "PNR-SEGMENT-MISSING",
                            "PNR without a record locator (Gr.1 RCI); it cannot be matched "
                            "across pushes", target=warnings)
        by_ref: dict[str, _Traveller] = {}
        for traveller in pnr.travellers:
            ref = traveller.ref
            if ref is None:
                continue
            if ref in by_ref:
                self._defect_at(traveller.index, traveller.offset, "TIF",
                                "PNR-REFERENCE-DUPLICATE",
                                f"traveller reference {ref!r} is already used by "
                                f"{by_ref[ref].surname}; SSRs and check-ins naming it go to "
                                "the first", 2, target=warnings)
                continue
            by_ref[ref] = traveller
        for ssr, owner_kind, owner, index, offset in pnr.pending:
            self._place_ssr(pnr, by_ref, ssr, owner_kind, owner, index, offset)
        for segment in pnr.itinerary:
            if segment.checkins:
                self._place_check_ins(pnr, by_ref, segment)
        first = pnr.locators[0] if pnr.locators else None
        created = None
        for locator in pnr.locators:
            if locator.created_at is not None:
                created = locator.created_at
                break
        return _NEW_PNR(
            first.locator if first else None, first.booking_system if first else None,
            tuple(pnr.locators), created, pnr.last_modified, pnr.ticket_issued,
            tuple(pnr.dates), pnr.cancelled, pnr.originator, tuple(pnr.contacts),
            tuple(pnr.addresses), tuple(pnr.remarks), tuple(pnr.ssrs), tuple(pnr.ebd),
            tuple([t.build() for t in pnr.travellers]),
            tuple([s.build() for s in pnr.itinerary]), tuple(pnr.splits),
            tuple(pnr.nonair), tuple([c.build() for c in pnr.credits]), tuple(pnr.lines),
            tuple(pnr.unrecognised), tuple(warnings), pnr.index,
            pnr.offset if pnr.offset >= 0 else None)

    def _place_ssr(self, pnr: _Pnr, by_ref: dict[str, _Traveller], ssr: Ssr,
                   owner_kind: int, owner: Any, index: int, offset: int) -> None:
        ref = ssr.traveller_reference
        target: _Traveller | None = None
        if ref is not None:
            target = by_ref.get(ref)
            if target is None:
                where = {_OWNER_PNR: "the PNR (Gr.1)", _OWNER_TRAVELLER: "its traveller",
                         _OWNER_SEGMENT: "its flight segment (Gr.5)"}[owner_kind]
                self._defect_at(index, offset, "SSR", "PNR-REFERENCE-UNRESOLVED",
                                f"SSR {ssr.code} names traveller reference {ref!r}, which no "
                                f"traveller of PNR {pnr.locator or ''} has; kept on {where}",
                                2, target=pnr.warnings)
        if target is None:
            if owner_kind == _OWNER_TRAVELLER:
                target = owner
            elif ref is None and len(pnr.travellers) == 1:
                target = pnr.travellers[0]  # "applies to all passengers": the only one
            elif ref is None and isinstance(ssr.details, DocsDetails):
                target = _by_name(pnr.travellers, ssr.details)
        if target is None:
            if owner_kind == _OWNER_SEGMENT:
                owner.ssrs += (ssr,)
            else:
                pnr.ssrs += (ssr,)
                if isinstance(ssr.details, Contact):
                    pnr.contacts += (ssr.details,)
            return
        target.ssrs += (ssr,)
        self._apply_ssr(pnr, target, ssr)

    def _apply_ssr(self, pnr: _Pnr, traveller: _Traveller, ssr: Ssr) -> None:
        details = ssr.details
        if isinstance(details, DocsDetails):
            if details.infant and not traveller.infant:
                infant = _infant_of(pnr.travellers, details)
                if infant is None:
                    traveller.infant_docs = True
                    return  # the infant's document stays in the adult's SSRs
                traveller = infant
            if details.number or details.document_type:
                key = (details.document_type, details.number)
                if key not in traveller.documents:
                    traveller.documents[key] = _NEW_TRAVEL_DOCUMENT(
                        details.document_type, details.number, details.issuing_country,
                        None, details.expiry_date, None, (), ssr.segment_index)
            if traveller.gender is None:
                traveller.gender = details.gender
            if traveller.dob is None:
                traveller.dob = details.date_of_birth
            if traveller.nationality is None:
                traveller.nationality = details.nationality
            return
        if isinstance(details, DocoDetails):
            if traveller.pob is None:
                traveller.pob = details.place_of_birth
            if details.document_type == "V" and details.number:
                key = ("V", details.number)
                if key not in traveller.documents:
                    traveller.documents[key] = _NEW_TRAVEL_DOCUMENT(
                        "V", details.number, None, details.place_of_issue, None,
                        details.issue_date, (), ssr.segment_index)
            return
        if isinstance(details, DocaDetails):
            traveller.addresses += (_NEW_ADDRESS(
                details.address_type, details.street, details.city, details.state, None,
                details.country, details.postal_code, None, ssr.segment_index),)
            return
        if isinstance(details, FrequentFlyer):
            if not any(f.carrier == details.carrier and f.number == details.number
                       for f in traveller.ff):
                traveller.ff += (_NEW_FREQUENT_FLYER(details.carrier, details.number,
                                                  details.tier, details.source,
                                                  details.traveller_reference,
                                                  ssr.segment_index),)
            return
        if isinstance(details, Contact):
            traveller.contacts += (_NEW_CONTACT(
                details.channel, details.value, details.text, details.source,
                details.language, details.traveller_reference, ssr.segment_index),)
            return
        if ssr.requirement and ssr.code in _SEAT_CODES:
            traveller.seats += (_NEW_SEAT(
                ssr.requirement, f"SSR {ssr.code}", ssr.flight, None, ssr.status,
                ssr.characteristics, ssr.board_point, ssr.off_point, ssr.segment_index),)

    def _place_check_ins(self, pnr: _Pnr, by_ref: dict[str, _Traveller],
                         segment: _Segment) -> None:
        for checkin in segment.checkins:
            target = by_ref.get(checkin.ref) if checkin.ref else None
            if target is None and checkin.ref:
                self._defect_at(checkin.index, checkin.offset, "TRI",
                                "PNR-REFERENCE-UNRESOLVED",
                                f"check-in (TRI) names traveller reference {checkin.ref!r}, "
                                f"which no traveller of PNR {pnr.locator or ''} has; found by "
                                "the check-in TIF" if checkin.name else
                                f"check-in (TRI) names traveller reference {checkin.ref!r}, "
                                f"which no traveller of PNR {pnr.locator or ''} has", 2,
                                target=pnr.warnings)
            if target is None and checkin.name_ref:
                target = by_ref.get(checkin.name_ref)
            if target is None and checkin.name:
                target = next((t for t in pnr.travellers if checkin.name ==
                               f"{t.surname}/{t.given_raw}"), None)
            record = _NEW_CHECK_IN(
                segment.designator, segment.dep, checkin.at, checkin.text, checkin.agent,
                checkin.boarding, checkin.ref, checkin.name, checkin.name_ref, checkin.seat,
                checkin.cabin, checkin.bags, checkin.index)
            if target is None:
                segment.unassigned += (record,)
                if not checkin.ref:
                    self._defect_at(checkin.index, checkin.offset, "TRI",
                                    "PNR-REFERENCE-UNRESOLVED",
                                    "check-in (TRI) whose traveller could not be found; kept "
                                    "on the flight segment", 2, target=pnr.warnings)
                continue
            target.check_in += (record,)
            if checkin.seat:
                target.seats += (_NEW_SEAT(checkin.seat, "SSD", segment.designator,
                                         checkin.cabin, None, None, segment.dep, segment.arr,
                                         checkin.index),)
            if checkin.bags is not None:
                target.bags += (checkin.bags,)

    # ------------------------------------------------------------------ result
    def finish(self, input_offset: int | None) -> PnrgovMessage:
        """Build the :class:`PnrgovMessage` from everything read."""
        self._close_pnr()
        header = self.header
        at = header.segment.offset if header.segment.offset >= 0 else None
        for missing, present in (("MSG", self.saw_msg), ("TVL", self.flight is not None),
                                 ("EQN", self.saw_eqn)):
            if not present:
                self.warnings.append(self.report.defect(
                    "PNR-SEGMENT-MISSING", f"no level-0 {missing} in the push",
                    offset=at, segment_index=1, tag=missing,
                    message_reference=header.reference))
        is_first, is_last = header.is_first_part, header.is_last_part
        received = len(self.pnrs) + self.streamed_count + len(self.unreadable)
        if is_first and is_last and self.declared is not None and self.declared != received:
            self.warnings.append(self.report.defect(
                "PNR-COUNT-MISMATCH",
                f"EQN declares {self.declared} PNRs, {received} received (SRC groups)",
                offset=at, segment_index=1, tag="EQN", element=1,
                message_reference=header.reference))
        envelope = envelope_of(header, self.input_name)
        return PnrgovMessage(
            message_reference=header.reference, version=header.version_release,
            controlling_agency=header.controlling_agency or None, push_type=self.push_type,
            message_function=self.message_function, sender=self.sender, flight=self.flight,
            declared_pnr_count=self.declared, pnrs=tuple(self.pnrs),
            common_access_reference=header.common_access_reference,
            part_number=header.sequence_number,
            is_first_part=is_first, is_last_part=is_last, message_date=self.message_date,
            envelope=envelope, flight_operating_carrier=self.flight_operating,
            unreadable_pnrs=tuple(self.unreadable),
            unrecognised_segments=tuple(self.unrecognised), warnings=tuple(self.warnings))


def _name_key(value: str | None) -> str:
    return "".join((value or "").split()).upper()


def _by_name(travellers: list[_Traveller], docs: DocsDetails) -> _Traveller | None:
    """The one traveller whose TIF name matches a DOCS name (surname, first given name)."""
    surname = _name_key(docs.surname)
    if not surname:
        return None
    given = _name_key(docs.given_names[0]) if docs.given_names else ""
    found = [t for t in travellers if _name_key(t.surname) == surname
             and (not given or _name_key(t.given[0] if t.given else t.given_raw)
                  .startswith(given))
             and t.infant == docs.infant]
    return found[0] if len(found) == 1 else None


def _infant_of(travellers: list[_Traveller], docs: DocsDetails) -> _Traveller | None:
    """The infant traveller (TIF type IN) an infant DOCS (MI/FI) describes."""
    infants = [t for t in travellers if t.infant]
    if len(infants) == 1:
        return infants[0]
    surname = _name_key(docs.surname)
    given = _name_key(docs.given_names[0]) if docs.given_names else ""
    found = [t for t in infants if _name_key(t.surname) == surname
             and (not given or _name_key(t.given_raw).startswith(given))]
    return found[0] if len(found) == 1 else None
