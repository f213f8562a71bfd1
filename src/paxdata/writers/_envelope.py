"""Envelopes for outbound messages: UNA/UNB/UNG/UNH ... UNT/UNE/UNZ with their control
counts and references, the text in the caller's service characters, and its bytes in the
declared character repertoire.

Element positions: ISO 9735-1 UNB (S001..0035), UNG (0038..S008), UNH (0062, S009, 0068,
S010), UNT (0074, 0062), UNE (0060, 0048), UNZ (0036, 0020); control counts as ISO 9735
defines them (UNT counts UNH..UNT inclusive; UNE counts messages; UNZ counts groups when
groups are used, else messages). Text is written by :mod:`paxdata.edifact._writer`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import attrs

from paxdata.defects import KINDS, Location
from paxdata.edifact import (
    DEFAULT,
    MAX_PARTS,
    Segment,
    ServiceCharacters,
    parse_envelope_datetime,
    parse_una,
    serialize_segments,
)
from paxdata.edifact._charsets import repertoire_for
from paxdata.errors import EdifactSyntaxError, PaxdataError
from paxdata.paxlst import Envelope

__all__ = [
    "EnvelopeSettings",
    "MessageSegments",
    "WriteError",
    "WrittenInterchange",
    "WrittenMessage",
    "build_interchange",
    "check_characters",
    "envelope_date",
    "interchanges",
    "message_parts",
    "render",
]


class WriteError(PaxdataError):
    """A record or option the writer cannot turn into a correct message.

    ``code`` is one of the ``WRITE-*`` codes (``docs/defects.md``); ``location`` names the
    message reference, segment position (UNH = 1), tag and element when the problem is in
    one segment. ``findings``: for ``WRITE-REJECTED``, everything the validation step
    reported.
    """

    code = "WRITE-VALUE-UNWRITABLE"

    def __init__(self, code: str, message: str, location: Location | None = None, *,
                 findings: tuple[Any, ...] = ()) -> None:
        if code not in KINDS:  # pragma: no cover - a programming error in paxdata
            raise KeyError(code)
        super().__init__(message, location, code=code)
        self.findings = findings


@attrs.frozen(slots=True)
class EnvelopeSettings:
    """What a writer puts in the interchange and group headers (UNB, UNG).

    ``sender``/``recipient``: UNB S002/S003 identification (0004/0010), with optional code
    qualifiers (0007, e.g. ``ZZ``). ``prepared_at``: UNB/UNG S004 date and time, written
    as given (the envelope carries no time zone); ``None`` means the current UTC time.
    ``control_reference``: UNB/UNZ 0020 (an..14). ``application_reference``: UNB 0026
    (``APIS`` in the guides' examples). ``syntax_identifier``/``syntax_version``: S001
    (``UNOA:4`` as in the WCO PAXLST examples; ``UNOC`` for Latin-1 names, ``UNOW`` for
    UTF-8). ``test_indicator``: UNB 0035 = 1. ``functional_group``: wrap the messages in
    UNG/UNE (the guides' examples do), with ``group_reference`` (UNG/UNE 0048, default the
    control reference) and ``group_sender``/``group_recipient`` (default the interchange
    parties). ``four_digit_year``: write S004 dates as CCYYMMDD (ISO 9735 version 4)
    instead of YYMMDD as the WCO and CBP examples do; a date YYMMDD cannot carry (outside
    1970-2069) is always written with four digits.
    """

    sender: str
    recipient: str
    sender_qualifier: str | None = None
    recipient_qualifier: str | None = None
    prepared_at: datetime | None = None
    control_reference: str = "1"
    application_reference: str | None = None
    syntax_identifier: str = "UNOA"
    syntax_version: str = "4"
    test_indicator: bool = False
    functional_group: bool = True
    group_reference: str | None = None
    group_sender: str | None = None
    group_recipient: str | None = None
    four_digit_year: bool = False

    @classmethod
    def from_envelope(cls, envelope: Envelope, **changes: Any) -> EnvelopeSettings:
        """Settings that repeat a parsed message's envelope (sender, recipient, date,
        references, syntax), with ``changes`` applied; for writing a parsed list back."""
        settings = cls(
            sender=envelope.sender or "", recipient=envelope.recipient or "",
            prepared_at=envelope.prepared_at,
            control_reference=envelope.interchange_reference or "1",
            application_reference=envelope.application_reference,
            syntax_identifier=envelope.syntax_identifier or "UNOA",
            syntax_version=envelope.syntax_version or "4",
            test_indicator=envelope.test_indicator,
            functional_group=envelope.group_reference is not None,
            group_reference=envelope.group_reference)
        return attrs.evolve(settings, **changes)

    def moment(self) -> datetime:
        """The preparation date/time to write (``prepared_at``, else now in UTC, naive)."""
        if self.prepared_at is not None:
            return self.prepared_at
        return datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)


@attrs.frozen(slots=True)
class WrittenMessage:
    """One message a writer produced: its references, its part of the list (S010), how
    many travellers (or answers) it carries and its segment count (UNT 0074)."""

    message_reference: str
    common_access_reference: str | None
    part_number: int | None
    is_last_part: bool
    traveller_count: int
    segment_count: int


@attrs.frozen(slots=True)
class WrittenInterchange:
    """One interchange as written: ``text`` (EDIFACT in the chosen service characters),
    ``data`` (the same text encoded in the declared repertoire), ``segments`` (UNB..UNZ,
    without UNA) and the messages in it."""

    text: str
    data: bytes
    control_reference: str
    segments: tuple[Segment, ...]
    messages: tuple[WrittenMessage, ...]


@attrs.frozen(slots=True)
class MessageSegments:
    """A message ready for the envelope: UNH..UNT segments and what they carry."""

    segments: list[Segment]
    message_type: str
    version: str
    release: str
    controlling_agency: str
    written: WrittenMessage


def check_characters(chars: ServiceCharacters) -> None:
    """Raise :class:`WriteError` (``WRITE-SERVICE-CHARACTERS``) unless ``chars`` is a
    set the UNA can declare and :func:`paxdata.edifact.parse_una` reads back unchanged."""
    advice = chars.una[3:]
    found, reason = parse_una(advice)
    if found is None or found != chars:
        raise WriteError("WRITE-SERVICE-CHARACTERS",
                         f"service characters {advice!r} cannot be declared in a UNA: "
                         f"{reason or 'they do not read back as given'}")


def envelope_date(moment: datetime, four_digit_year: bool) -> tuple[str, str]:
    """UNB/UNG S004 (date, time): YYMMDD unless four digits are asked for or needed for
    the date to read back (:func:`paxdata.edifact.parse_envelope_datetime`)."""
    time = f"{moment.hour:02d}{moment.minute:02d}"
    short = f"{moment.year % 100:02d}{moment.month:02d}{moment.day:02d}"
    if not four_digit_year:
        again = parse_envelope_datetime(short, time)
        if again is not None and again.date() == moment.date():
            return short, time
    return f"{moment.year:04d}{moment.month:02d}{moment.day:02d}", time


def trimmed(*elements: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Elements without trailing empty components and trailing empty elements (senders
    omit them; ISO 9735-1 section 10: truncation of trailing empty positions)."""
    out = []
    for element in elements:
        end = len(element)
        while end > 1 and element[end - 1] == "":
            end -= 1
        out.append(element[:end])
    while len(out) > 1 and out[-1] == ("",):
        out.pop()
    return tuple(out)


def _party(identification: str, qualifier: str | None) -> tuple[str, ...]:
    return (identification, qualifier) if qualifier else (identification,)


def build_interchange(messages: Sequence[MessageSegments], settings: EnvelopeSettings,
                      ) -> list[Segment]:
    """UNB, (UNG per message type and version), the messages, (UNE), UNZ with their
    counts and references. Messages of one type and version share a functional group."""
    moment = settings.moment()
    date, time = envelope_date(moment, settings.four_digit_year)
    control = settings.control_reference
    _check_reference(control, "interchange control reference (UNB 0020)")
    unb = Segment("UNB", trimmed(
        (settings.syntax_identifier, settings.syntax_version),
        _party(settings.sender, settings.sender_qualifier),
        _party(settings.recipient, settings.recipient_qualifier),
        (date, time), (control,), ("",), (settings.application_reference or "",),
        ("",), ("",), ("",), ("1" if settings.test_indicator else "",)))
    out = [unb]
    if not settings.functional_group:
        for message in messages:
            out.extend(message.segments)
        out.append(Segment("UNZ", ((str(len(messages)),), (control,))))
        return out
    groups: list[tuple[tuple[str, str, str, str], list[MessageSegments]]] = []
    for message in messages:
        key = (message.message_type, message.version, message.release,
               message.controlling_agency)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(message)
        else:
            groups.append((key, [message]))
    base = settings.group_reference or control
    for number, ((message_type, version, release, agency), members) in enumerate(groups, 1):
        reference = base if len(groups) == 1 else numbered(base, number)
        _check_reference(reference, "functional group reference (UNG 0048)")
        out.append(Segment("UNG", trimmed(
            (message_type,),
            _party(settings.group_sender or settings.sender, settings.sender_qualifier),
            _party(settings.group_recipient or settings.recipient,
                   settings.recipient_qualifier),
            (date, time), (reference,), (agency,), (version, release))))
        for message in members:
            out.extend(message.segments)
        out.append(Segment("UNE", ((str(len(members)),), (reference,))))
    out.append(Segment("UNZ", ((str(len(groups)),), (control,))))
    return out


def numbered(base: str, number: int) -> str:
    """``base`` with a two-digit number appended, kept within an..14 (references of the
    parts of one transmission)."""
    return f"{base[:12]}{number:02d}"


def message_parts(count: int, size: int | None, what: str
                  ) -> list[tuple[int, int, tuple[int, str] | None]]:
    """Split ``count`` items (``what``: "travellers", "PNRs") into messages of at most
    ``size``: (start, end, S010) per part, S010 being (sequence number, ``"C"`` for the
    first, ``"F"`` for the last, ``""`` between); ``[(0, count, None)]`` (one complete
    message) when ``size`` is ``None`` or large enough.

    Raises :class:`WriteError` ``WRITE-OPTION-INVALID`` beyond 99 parts (UNH S010 0070 is
    n..2; ISO 9735-1)."""
    if size is None or count <= size:
        return [(0, count, None)]
    total = -(-count // size)
    if total > MAX_PARTS:
        raise WriteError("WRITE-OPTION-INVALID",
                         f"{count} {what} in parts of {size} make {total} parts; UNH S010 "
                         f"0070 numbers at most {MAX_PARTS}")
    out: list[tuple[int, int, tuple[int, str] | None]] = []
    for number in range(1, total + 1):
        mark = "C" if number == 1 else "F" if number == total else ""
        out.append(((number - 1) * size, min(number * size, count), (number, mark)))
    return out


def interchanges(batches: list[list[MessageSegments]], envelope: EnvelopeSettings,
                 characters: ServiceCharacters, *, una: bool, line_break: str
                 ) -> tuple[WrittenInterchange, ...]:
    """One interchange per batch of messages, rendered. Colliding message references in
    a batch are renumbered 1..N (the batch's items are replaced); with several batches,
    the n-th interchange gets the n-th control reference (:func:`_nth_reference`)."""
    out = []
    for number, batch in enumerate(batches, 1):
        _unique_references(batch)
        settings = envelope
        if len(batches) > 1:
            settings = attrs.evolve(envelope, control_reference=_nth_reference(
                envelope.control_reference, number))
        segments = build_interchange(batch, settings)
        text, data = render(segments, characters, una=una, line_break=line_break,
                            syntax_identifier=settings.syntax_identifier)
        out.append(WrittenInterchange(text, data, settings.control_reference,
                                      tuple(segments), tuple(m.written for m in batch)))
    return tuple(out)


def _nth_reference(base: str, number: int) -> str:
    """The control reference of the ``number``-th interchange of one write: a numeric
    reference counts up (keeping its width), any other gets a two-digit suffix."""
    if base.isascii() and base.isdigit():
        return str(int(base) + number - 1).zfill(len(base))[-14:]
    return numbered(base, number)


def _unique_references(batch: list[MessageSegments]) -> None:
    """UNH 0062 must be unique in its interchange: when the records' references collide,
    the messages are numbered 1..N instead (UNT repeats the new reference)."""
    references = [m.written.message_reference for m in batch]
    if len(set(references)) == len(references):
        return
    for number, message in enumerate(batch):
        new = str(number + 1)
        segments = list(message.segments)
        unh, unt = segments[0], segments[-1]
        segments[0] = Segment("UNH", ((new,), *unh.elements[1:]))
        segments[-1] = Segment("UNT", (unt.elements[0], (new,)))
        batch[number] = attrs.evolve(
            message, segments=segments,
            written=attrs.evolve(message.written, message_reference=new))


def _check_reference(reference: str, what: str) -> None:
    if not reference or len(reference) > 14:
        raise WriteError("WRITE-OPTION-INVALID",
                         f"{what} {reference!r} must be 1 to 14 characters")


def render(segments: Sequence[Segment], chars: ServiceCharacters, *, una: bool,
           line_break: str, syntax_identifier: str,
           message_reference: str | None = None) -> tuple[str, bytes]:
    """The segments as text in ``chars`` and as bytes in the repertoire of
    ``syntax_identifier``. Raises :class:`WriteError` (``WRITE-UNRELEASABLE``,
    ``WRITE-REPERTOIRE``) naming the segment that cannot be written."""
    if line_break and chars.segment_terminator in "\r\n":
        line_break = ""  # the terminator is a line break already
    try:
        text = serialize_segments(segments, chars, una=una, line_break=line_break)
    except EdifactSyntaxError as exc:
        raise WriteError("WRITE-UNRELEASABLE", exc.message,
                         _locate(segments, chars, None)) from None
    codec = repertoire_for(syntax_identifier).codec
    try:
        data = text.encode(codec)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise WriteError(
            "WRITE-REPERTOIRE",
            f"{bad!r} cannot be written in the {syntax_identifier} repertoire ({codec}); "
            "declare UNOC (Latin-1) or UNOW (UTF-8), or transliterate the value "
            "(ICAO Doc 9303 Part 3)", _locate(segments, chars, codec)) from None
    return text, data


def _locate(segments: Sequence[Segment], chars: ServiceCharacters, codec: str | None
            ) -> Location:
    """Where the first segment that cannot be written is (slow path, errors only)."""
    index = 0
    reference: str | None = None
    for segment in segments:
        if segment.tag == "UNH":
            index = 0
            reference = segment.get(1)
        index += 1
        try:
            piece = serialize_segments([segment], chars)
            if codec is not None:
                piece.encode(codec)
        except (EdifactSyntaxError, UnicodeEncodeError):
            for position, element in enumerate(segment.elements, 1):
                try:
                    piece = serialize_segments([Segment("XXX", (element,))], chars)
                    if codec is not None:
                        piece.encode(codec)
                except (EdifactSyntaxError, UnicodeEncodeError):
                    return Location(segment_index=index, tag=segment.tag, element=position,
                                    message_reference=reference)
            return Location(segment_index=index, tag=segment.tag, message_reference=reference)
    return Location()


#: The service characters the writers use unless told otherwise (``UNA:+.? '``).
DEFAULT_CHARACTERS = DEFAULT
