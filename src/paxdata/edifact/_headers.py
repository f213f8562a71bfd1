"""Decoded service segment headers: UNB (interchange), UNG (functional group), UNH (message).

Element positions: ISO 9735-1 UNB/UNG/UNH (S001..S010), as summarised in the PAXLST and
PNRGOV implementation guides' envelope sections.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from paxdata.edifact._segment import Segment
from paxdata.edifact._service import ServiceCharacters

__all__ = ["GroupHeader", "InterchangeHeader", "MessageHeader", "Party", "parse_envelope_datetime"]


@attrs.frozen(slots=True)
class Party:
    """An interchange or application sender/recipient: identification and code qualifier."""

    identification: str
    qualifier: str | None = None
    internal_identification: str | None = None


def _party(segment: Segment, element: int) -> Party | None:
    parts = segment.element(element)
    if not parts or not any(parts):
        return None
    return Party(parts[0], parts[1] if len(parts) > 1 and parts[1] else None,
                 parts[2] if len(parts) > 2 and parts[2] else None)


def parse_envelope_datetime(date: str, time: str) -> datetime | None:
    """UNB/UNG S004 date (YYMMDD or CCYYMMDD) and time (HHMM) as a naive datetime.

    Six-digit dates are read in 2000-2099 when YY < 70, else 1970-1999 (envelopes are never
    older than EDIFACT itself). Returns ``None`` when the values are not a valid date/time.
    The envelope carries no time zone: the result is as sent.
    """
    date = date.strip()
    time = time.strip()
    if not _digits(date) or (time and not _digits(time)):
        return None
    try:
        if len(date) == 6:
            year = int(date[:2])
            year += 2000 if year < 70 else 1900
            month, day = int(date[2:4]), int(date[4:6])
        elif len(date) == 8:
            year, month, day = int(date[:4]), int(date[4:6]), int(date[6:8])
        else:
            return None
        hour = minute = 0
        if len(time) == 4:
            hour, minute = int(time[:2]), int(time[2:])
        elif time:
            return None
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _digits(value: str) -> bool:
    """True for a non-empty run of ASCII digits (``str.isdigit`` also accepts '²')."""
    return value.isascii() and value.isdigit()


def _opt(value: str) -> str | None:
    return value or None


@attrs.frozen(slots=True)
class InterchangeHeader:
    """An interchange header (UNB) and the service characters in force.

    ``syntax_identifier`` is S001 0001 (``UNOA``, ``UNOC``, ``IATA``...), ``syntax_version``
    S001 0002 (``"4"``). ``prepared_at`` is S004 as a naive datetime (no time zone is sent),
    ``None`` when absent or invalid (``prepared_date``/``prepared_time`` keep the raw
    values). ``control_reference`` is 0020, which UNZ must repeat.
    """

    segment: Segment
    service_characters: ServiceCharacters
    una_present: bool
    syntax_identifier: str
    syntax_version: str
    sender: Party | None
    recipient: Party | None
    prepared_date: str
    prepared_time: str
    prepared_at: datetime | None
    control_reference: str
    application_reference: str | None
    test_indicator: bool

    @classmethod
    def from_segment(cls, segment: Segment, service_characters: ServiceCharacters,
                     una_present: bool) -> InterchangeHeader:
        """Decode a UNB segment. Never raises: absent positions decode as empty/``None``."""
        date, time = segment.get(4, 1), segment.get(4, 2)
        return cls(
            segment=segment,
            service_characters=service_characters,
            una_present=una_present,
            syntax_identifier=segment.get(1, 1).strip(),
            syntax_version=segment.get(1, 2).strip(),
            sender=_party(segment, 2),
            recipient=_party(segment, 3),
            prepared_date=date,
            prepared_time=time,
            prepared_at=parse_envelope_datetime(date, time),
            control_reference=segment.get(5).strip(),
            application_reference=_opt(segment.get(7)),
            test_indicator=segment.get(11) == "1",
        )


@attrs.frozen(slots=True)
class GroupHeader:
    """A functional group header (UNG): message group, application sender/recipient,
    group reference (0048, repeated by UNE), controlling agency and message version."""

    segment: Segment
    message_group: str
    sender: Party | None
    recipient: Party | None
    prepared_at: datetime | None
    reference: str
    controlling_agency: str | None
    message_version: str | None

    @classmethod
    def from_segment(cls, segment: Segment) -> GroupHeader:
        """Decode a UNG segment. Never raises."""
        version = ":".join(c for c in segment.element(7)[:2] if c) or None
        return cls(
            segment=segment,
            message_group=segment.get(1).strip(),
            sender=_party(segment, 2),
            recipient=_party(segment, 3),
            prepared_at=parse_envelope_datetime(segment.get(4, 1), segment.get(4, 2)),
            reference=segment.get(5).strip(),
            controlling_agency=_opt(segment.get(6)),
            message_version=version,
        )


@attrs.frozen(slots=True)
class MessageHeader:
    """A message header (UNH) with the interchange and group it arrived in.

    ``reference`` is 0062 (repeated by UNT); ``message_type``/``version``/``release``/
    ``controlling_agency``/``association_code`` are S009 (``PAXLST:D:05B:UN:IATA``);
    ``common_access_reference`` is 0068 and ``sequence_number``/``first_last`` are S010
    (``01:C`` ... ``NN:F``), which link the parts of a list sent in several messages.
    """

    segment: Segment
    reference: str
    message_type: str
    version: str
    release: str
    controlling_agency: str
    association_code: str | None
    common_access_reference: str | None
    sequence_number: int | None
    first_last: str | None
    interchange: InterchangeHeader | None
    group: GroupHeader | None

    @property
    def is_first_part(self) -> bool:
        """S010 marks this message the first part (``C``), or it is the only part (``F``
        or no S010 with sequence 1 or none)."""
        single = self.sequence_number in (None, 1)
        return self.first_last == "C" or (self.first_last in (None, "F") and single)

    @property
    def is_last_part(self) -> bool:
        """S010 marks this message the last part (``F``), or it is the only part (no 0073
        with sequence 1 or none)."""
        return self.first_last == "F" or (self.first_last is None
                                          and self.sequence_number in (None, 1))

    @property
    def version_release(self) -> str:
        """``"D:05B"`` for a directory release, ``"13:1"`` for a PADIS version."""
        return f"{self.version}:{self.release}" if self.release else self.version

    @classmethod
    def from_segment(cls, segment: Segment, interchange: InterchangeHeader | None,
                     group: GroupHeader | None) -> MessageHeader:
        """Decode a UNH segment. Never raises: a non-numeric sequence gives ``None``."""
        sequence = segment.get(4, 1).strip()
        return cls(
            segment=segment,
            reference=segment.get(1).strip(),
            message_type=segment.get(2, 1).strip(),
            version=segment.get(2, 2).strip(),
            release=segment.get(2, 3).strip(),
            controlling_agency=segment.get(2, 4).strip(),
            association_code=_opt(segment.get(2, 5).strip()),
            common_access_reference=_opt(segment.get(3).strip()),
            sequence_number=int(sequence) if _digits(sequence) and len(sequence) < 10 else None,
            first_last=_opt(segment.get(4, 2).strip().upper()),
            interchange=interchange,
            group=group,
        )
