"""CUSRES writer: the answer a PIU sends to a carrier's PAXLST (interactive API).

Shape (WCO/IATA/ICAO API Guidelines, Appendix IIB, as the China NIA sends it in D05B):
UNH (the PAXLST's message reference and common access reference echoed, ``01:F``),
BGM 962, RFF TN (the PAXLST's transaction reference), optionally a message-level ERP+1
with ERC and FTX, per flight leg RFF AF with DTM
189/232 and LOC departure/arrival, per traveller ERP+2, RFF AVF, RFF ABO, ERC (the State's
code) and FTX AAP (its text), UNT. The envelope answers the PAXLST's: sender and recipient
swapped, its interchange and group references repeated (as the NIA does), unless the
caller gives one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from paxdata.cusres import (
    BoardingDirective,
    CodeTable,
    MessageStatus,
    ResponseKind,
    code_table,
)
from paxdata.cusres._codes import CODES
from paxdata.defects import Location
from paxdata.edifact import Segment, ServiceCharacters, parse_envelope_datetime
from paxdata.paxlst import PassengerList, Traveller
from paxdata.writers._envelope import (
    DEFAULT_CHARACTERS,
    EnvelopeSettings,
    MessageSegments,
    WriteError,
    WrittenInterchange,
    WrittenMessage,
    build_interchange,
    check_characters,
    envelope_date,
    render,
    trimmed,
)
from paxdata.writers._paxlst import WriteResult, _Dates
from paxdata.writers._validate import OnFindings, Validator, run_validation

__all__ = ["Answer", "write_cusres"]


@attrs.frozen(slots=True)
class Answer:
    """The answer about one traveller of the PAXLST: a ``directive`` (written as the
    code table's code for it) or an explicit ERC ``code``; ``text`` for FTX AAP (default:
    the table's text for the code, e.g. ``OK TO BOARD``; ``""`` writes no FTX)."""

    traveller: Traveller
    directive: BoardingDirective | None = None
    code: str | None = None
    text: str | None = None


def _answer_segments(answer: Answer, table: CodeTable, position: int) -> list[Segment]:
    t = answer.traveller
    if not (t.reservation_number or t.unique_passenger_reference):
        raise WriteError("WRITE-RECORD-INCONSISTENT",
                         f"traveller {position} ({t.surname or ''}) has neither a "
                         "reservation number (RFF AVF) nor a unique passenger reference "
                         "(RFF ABO): the carrier could not match the answer",
                         Location(tag="ERP"))
    code = answer.code
    text = answer.text
    if code is None:
        if answer.directive is None:
            raise WriteError("WRITE-RECORD-INCONSISTENT",
                             f"the answer about traveller {position} has no directive or "
                             "code", Location(tag="ERC"))
        entry = table.code_for(answer.directive)
        if entry is None:
            raise WriteError("WRITE-RECORD-INCONSISTENT",
                             f"the {table.name} code table has no code for "
                             f"{answer.directive.value!r}", Location(tag="ERC"))
        code = entry.code
    if text is None:
        known = table.traveller_codes.get(code)
        text = known.text if known is not None else None
    out = [Segment("ERP", (("2",),))]
    if t.reservation_number:
        out.append(Segment("RFF", (("AVF", t.reservation_number),)))
    if t.unique_passenger_reference:
        out.append(Segment("RFF", (("ABO", t.unique_passenger_reference),)))
    out.append(Segment("ERC", ((code,),)))
    if text:
        out.append(Segment("FTX", (("AAP",), ("",), ("",), (text,))))
    return out


def _answer_envelope(request: PassengerList, prepared_at: datetime | None
                     ) -> EnvelopeSettings:
    env = request.envelope  # the request's envelope, sender and recipient swapped
    return EnvelopeSettings.from_envelope(env, sender=env.recipient or "",
                                          recipient=env.sender or "", prepared_at=prepared_at)


def write_cusres(request: PassengerList, answers: Iterable[Answer], *,
                 envelope: EnvelopeSettings | None = None, prepared_at: datetime | None = None,
                 table: CodeTable | None = None,
                 kind: ResponseKind = ResponseKind.RESPONSE,
                 message_status: MessageStatus | None = None,
                 message_text: str | None = None,
                 message_reference: str | None = None,
                 characters: ServiceCharacters = DEFAULT_CHARACTERS, una: bool = True,
                 line_break: str = "", validate: Validator | None = None,
                 on_findings: OnFindings = "raise") -> WriteResult:
    """Answer ``request`` (a PAXLST as read) with one CUSRES message.

    ``answers``: one :class:`Answer` per traveller, in the order to write them (usually
    every traveller of the request). ``table``: the ERC code table (default ``default``;
    ``code_table("CN")`` for the China NIA codes). ``envelope``: UNB/UNG values; by
    default the request's, answered (sender and recipient swapped, the same interchange
    and group references, prepared at ``prepared_at`` or now in UTC).
    ``message_reference``: UNH 0062 (default the request's, echoed). ``kind``: BGM 1001
    (962 response; 132 status change; 312 acknowledgement). ``message_status`` and
    ``message_text``: a message-level answer (ERP+1 with the table's ERC code for the
    status, and FTX AAP), written after RFF TN. Service characters, UNA, line breaks and
    the ``validate`` step as for :func:`~paxdata.writers.write_paxlst`.

    Raises :class:`~paxdata.writers.WriteError` for an answer that cannot be written
    (a traveller without AVF and ABO, a directive the table has no code for, a value
    outside the repertoire).
    """
    check_characters(characters)
    if characters != DEFAULT_CHARACTERS:
        una = True
    table = table or code_table("default")
    settings = envelope or _answer_envelope(request, prepared_at)
    moment = settings.moment()
    date_text, time_text = envelope_date(moment, settings.four_digit_year)
    written = parse_envelope_datetime(date_text, time_text)
    dates = _Dates(written.date() if written is not None else date(moment.year, moment.month,
                                                                    moment.day))
    reference = message_reference or request.message_reference or "1"
    version, _, release = (request.version or "D:05B").partition(":")
    access = request.common_access_reference
    segments = [Segment("UNH", trimmed((reference,), ("CUSRES", version, release, "UN", "IATA"),
                                       (access or "",), ("01", "F") if access else ("",)))]
    segments.append(Segment("BGM", ((CODES.kind_codes.get(kind, "962"),),)))
    if request.transaction_reference:
        segments.append(Segment("RFF", (("TN", request.transaction_reference),)))
    if message_status is not None or message_text:
        segments.append(Segment("ERP", (("1",),)))
        if message_status is not None:
            code = next((c for c, e in table.message_codes.items()
                         if e.status is message_status), None)
            if code is None:
                raise WriteError("WRITE-RECORD-INCONSISTENT",
                                 f"the {table.name} code table has no message-level code for "
                                 f"{message_status.value!r}", Location(tag="ERC"))
            segments.append(Segment("ERC", ((code,),)))
        if message_text:
            segments.append(Segment("FTX", (("AAP",), ("",), ("",), (message_text,))))
    for leg in request.flight_legs:
        designator = leg.flight_designator or f"{leg.carrier or ''}{leg.flight_number or ''}"
        segments.append(Segment("RFF", (("AF", designator),)))
        if leg.scheduled_departure is not None:
            segments.append(Segment("DTM", (dates.moment("189", leg.scheduled_departure),)))
        if leg.scheduled_arrival is not None:
            segments.append(Segment("DTM", (dates.moment("232", leg.scheduled_arrival),)))
        if leg.departure_airport:
            segments.append(Segment("LOC", ((leg.departure_location_function or "125",),
                                            (leg.departure_airport,))))
        if leg.arrival_airport:
            segments.append(Segment("LOC", ((leg.arrival_location_function or "87",),
                                            (leg.arrival_airport,))))
    count = 0
    for position, answer in enumerate(answers, 1):
        segments.extend(_answer_segments(answer, table, position))
        count += 1
    total = len(segments) + 1
    segments.append(Segment("UNT", ((str(total),), (reference,))))
    message = MessageSegments(segments, "CUSRES", version, release, "UN",
                              WrittenMessage(reference, access, 1 if access else None, True,
                                             count, total))
    envelope_segments = build_interchange([message], settings)
    text, data = render(envelope_segments, characters, una=una, line_break=line_break,
                        syntax_identifier=settings.syntax_identifier)
    interchanges = (WrittenInterchange(text, data, settings.control_reference,
                                       tuple(envelope_segments), (message.written,)),)
    findings = run_validation(interchanges, validate, on_findings) if validate else ()
    return WriteResult(interchanges, findings)
