"""The EDIFACT scanner: input text in, a stream of envelope events and segments out.

Sans-I/O: it works on a :class:`~paxdata.edifact._source.Source` and never opens files or
logs. It is the hot path of the project, so the work per segment is kept to C-level ``str``
methods: the text is cut into blocks at real segment terminators, each block is split with
``str.split``, and each segment is split into data elements and components the same way.
Only segments that hold a release character, a line break, a control character, a
repetition or bytes to transcode take the slow path (:func:`_tokenize_slow`).

Facts used (ISO 9735-1; WCO/IATA/ICAO PAXLST and IATA PNRGOV implementation guides;
real-world quirks from the reference corpus):

* UNA is optional; without it the defaults ``:+.? '`` apply (and a UNB that visibly uses
  other separators has them inferred, with a warning).
* A release character releases the next character; a run of release characters before a
  terminator releases it when the run is odd (``??'`` ends the segment, ``?'`` does not).
* The repetition separator is honoured only when the UNA declares one and the UNB syntax
  version is 4 or later (PNRGOV senders declare ``*`` under version 1 and use it as data).
* Line breaks are not data unless the terminator is a line break: IATA Type B transport
  wraps text at 69 characters, so they can fall inside a value.
* Interchanges may be wrapped in Type B envelopes or SOH/STX/ETX, preceded by a BOM, and
  several may follow each other in one input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from itertools import accumulate
from typing import Any

from paxdata.defects import Defect
from paxdata.edifact._charsets import Repertoire, repertoire_for
from paxdata.edifact._events import (
    BlockEnd,
    GroupEnd,
    GroupStart,
    InterchangeEnd,
    InterchangeStart,
    MessageEnd,
    MessageStart,
    Skipped,
)
from paxdata.edifact._headers import GroupHeader, InterchangeHeader, MessageHeader
from paxdata.edifact._segment import Elements, Segment
from paxdata.edifact._service import DEFAULT, ServiceCharacters, infer_from_unb, parse_una
from paxdata.edifact._source import CHUNK_SIZE, Reporter, Source
from paxdata.policy import Policy

__all__ = ["Event", "Scanner", "SegmentSink", "scan_source"]

Event = Any  # Segment | Defect | InterchangeStart | ... (see paxdata.edifact._events)

# Segment tag classes (values of the tag cache).
_ORDINARY, _UNH, _UNT, _UNG, _UNE, _UNB, _UNZ, _UNA, _ODD = range(9)
_SERVICE = {"UNH": _UNH, "UNT": _UNT, "UNG": _UNG, "UNE": _UNE, "UNB": _UNB, "UNZ": _UNZ,
            "UNA": _UNA}

#: Tag -> class, shared by every scan: tags repeat across messages, so each is checked once.
#: Bounded, so that a stream of distinct junk tags cannot grow it without limit.
_TAG_KINDS: dict[str, int] = dict(_SERVICE)
_TAG_KINDS_LIMIT = 4096

_BLOCK = 1 << 16          # characters per block in steady state
_BLOCK_AFTER_RESTART = 1 << 12
_LOOKAHEAD = 32           # characters needed after a candidate UNA/UNB/UNH to judge it
_INFER_WINDOW = 2048      # characters read to infer service characters from a UNB
_SKIPPED_KEPT = 4096      # characters of skipped text kept on a Skipped event
_KEPT_OF_OVERSIZED = 1024  # characters kept of a segment longer than the policy allows
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_START = re.compile(r"UN[ABH]")
_TYPE_B_LINE = re.compile(r"^(?:ZCZC.*|[A-Z]{2}(?: [A-Z0-9]{7})+|\.[A-Z0-9]{7}(?: .*)?|=.*)$")


#: Receives the body segments of a message as parts: (tag, elements, index, offset,
#: repetitions). See :attr:`Scanner.segment_sink`.
SegmentSink = Callable[[str, Elements, int, int, "dict[int, Elements] | None"], None]


def scan_source(source: Source, policy: Policy) -> Iterator[Event]:
    """Scan ``source`` and yield events (see :mod:`paxdata.edifact._events`) in input order.

    Body segments (between UNH and UNT) and segments outside any message are yielded as
    :class:`Segment`; service segments are folded into the envelope events. Defects are
    yielded as :class:`~paxdata.defects.Defect` values right after what they concern;
    under a strict policy the first error-severity defect raises
    :class:`~paxdata.errors.DefectError` instead.
    """
    return Scanner(source, policy).run()


class _Interchange:
    """Mutable bookkeeping for the interchange being scanned (envelope state)."""

    __slots__ = ("bare_messages", "chars", "counts", "first_suppressed", "group",
                 "group_messages", "groups", "header", "mixed_reported", "msg_header",
                 "repertoire", "seen", "una_present")

    def __init__(self, chars: ServiceCharacters, una_present: bool) -> None:
        self.chars = chars
        self.una_present = una_present
        self.header: InterchangeHeader | None = None
        self.repertoire: Repertoire | None = None
        self.groups = 0
        self.bare_messages = 0
        self.group: GroupHeader | None = None
        self.group_messages = 0
        self.msg_header: MessageHeader | None = None
        self.mixed_reported = False
        self.seen: dict[str, list[Any]] = {}   # aggregated defect code -> [first, count]
        self.counts: dict[str, int] = {}        # capped defect code -> occurrences
        self.first_suppressed: dict[str, Defect] = {}


class Scanner:
    """The scanner behind :func:`scan_source`.

    ``segment_sink``: when a consumer sets it (typically on :class:`MessageStart`), the
    body segments of the current message are handed to it as parts instead of being
    yielded as :class:`Segment` objects, which typed readers then build only for the
    segments they keep raw. The scanner reads it again after every message boundary.

    ``block_events``: when set, a :class:`BlockEnd` event follows each block of body
    segments handed to the sink, so that the consumer gets control back inside a long
    message.
    """

    def __init__(self, source: Source, policy: Policy) -> None:
        self.segment_sink: SegmentSink | None = None
        self.block_events = False
        self.source = source
        self.policy = policy
        self.report = Reporter(source, policy)
        self.tag_kinds = _TAG_KINDS
        self._whitespace_at: int | None = None

    # ------------------------------------------------------------------ top level
    def run(self) -> Iterator[Event]:
        """Scan the whole input (see :func:`scan_source`)."""
        src = self.source
        pos = src.fill(0, 3)
        bom = "\ufeff" if not src.from_bytes else "\xef\xbb\xbf"
        if src.text.startswith(bom):
            yield Skipped(0, src.text[:len(bom)], "bom", len(bom))
            yield self.report.defect("EDI-BOM", "byte order mark before the interchange skipped",
                                     offset=0)
            pos = len(bom)
        found_any = False
        while True:
            start = yield from self._find_start(pos)
            if start is None:
                break
            at, kind = start
            found_any = True
            at_abs = src.base + at
            chars, una_present, seg_start = yield from self._service_characters(at, kind)
            resume = yield from self._segments(seg_start, chars, una_present)
            if resume <= at_abs:
                # Looked like an interchange start but is not one: skip that segment.
                resume = yield from self._skip_segment(at_abs, chars)
            pos = resume - src.base
        count, first = src.typographic
        if count:
            yield self.report.defect(
                "EDI-TYPOGRAPHIC-TERMINATOR",
                f"{count} typographic apostrophe(s) (U+2019) at line ends read as segment "
                "terminators (the first one here)", offset=first)
        if not found_any:
            yield self.report.defect(
                "EDI-NO-INTERCHANGE",
                "no EDIFACT interchange found: expected a UNA, UNB or UNH segment",
                offset=0)

    def _find_start(self, pos: int) -> Generator[Event, None, tuple[int, int] | None]:
        """Earliest plausible UNA/UNB/UNH at or after local ``pos``: ``(local offset,
        kind)``, with the text before it reported as skipped; ``None`` at the end."""
        src = self.source
        junk_start = src.base + pos
        kept: list[str] = []      # the skipped text's first characters
        kept_length = 0
        length = 0                # the skipped text's full length
        while True:
            pos = src.fill(pos, _LOOKAHEAD)
            text = src.text
            found: tuple[int, int] | None = None
            for match in _START.finditer(text, pos):
                at = match.start()
                if at + _LOOKAHEAD > len(text) and not src.eof:
                    break  # too near the window's end to judge: read more first
                if at > 0 and text[at - 1].isalnum():
                    continue
                kind = _SERVICE[match.group()]
                if kind == _UNA:
                    if (parse_una(text[at + 3:at + 9])[0] is None
                            and "UNB" not in text[at + 3:at + 20]):
                        continue
                else:
                    follower = text[at + 3:at + 4]
                    if follower == " ":  # "UNG *PAXLST": a space between tag and separator
                        follower = text[at + 4:at + 5]
                    if not follower or follower.isalnum() or follower.isspace():
                        continue
                found = (at, kind)
                break
            if found is not None or src.eof:
                stop = found[0] if found is not None else len(text)
            else:
                # No start in the window: what is certainly not one is skipped, read on.
                stop = max(pos, len(text) - _LOOKAHEAD)
            if stop > pos:
                if kept_length < _SKIPPED_KEPT:
                    piece = text[pos:min(stop, pos + _SKIPPED_KEPT - kept_length)]
                    kept.append(piece)
                    kept_length += len(piece)
                length += stop - pos
            if found is not None or src.eof:
                yield from self._skip(junk_start, "".join(kept), length)
                return found
            pos = src.fill(stop, len(text) - stop + CHUNK_SIZE)

    def _skip(self, offset: int, kept: str, length: int) -> Iterator[Event]:
        """Report ``length`` characters from absolute ``offset`` as skipped (``kept`` holds
        their first characters), unless they are only whitespace."""
        if not length or (length == len(kept) and not kept.strip()):
            return
        lead = len(kept) - len(kept.lstrip())
        if _looks_like_envelope(kept):
            yield Skipped(offset, kept, "envelope", length)
            yield self.report.defect(
                "EDI-ENVELOPE-SKIPPED",
                f"transport envelope skipped ({length} characters: "
                f"{self.report.shown(_preview(kept))})",
                offset=offset + lead)
        else:
            yield Skipped(offset, kept, "text", length)
            yield self.report.defect(
                "EDI-TEXT-SKIPPED",
                f"{length} characters outside any interchange skipped: "
                f"{self.report.shown(_preview(kept))}",
                offset=offset + lead)

    def _skip_segment(self, at: int, chars: ServiceCharacters) -> Generator[Event, None, int]:
        """Skip the segment at absolute ``at`` (it looked like an interchange start but was
        not one); returns the absolute offset after it."""
        src = self.source
        local = src.fill(at - src.base, _LOOKAHEAD)
        stop = src.text.find(chars.segment_terminator, local)
        while stop < 0 and not src.eof:
            local = src.fill(local, len(src.text) - local + CHUNK_SIZE)
            stop = src.text.find(chars.segment_terminator, local)
        end = stop + 1 if stop >= 0 else len(src.text)
        piece = src.text[local:end]
        kept = piece if len(piece) <= _SKIPPED_KEPT else piece[:_SKIPPED_KEPT]
        yield Skipped(src.base + local, kept, "text", len(piece))
        yield self.report.defect(
            "EDI-TEXT-SKIPPED",
            f"{self.report.shown(_preview(piece))} does not start an interchange; skipped",
            offset=src.base + local)
        return src.base + end

    def _service_characters(self, at: int, kind: int
                            ) -> Generator[Event, None, tuple[ServiceCharacters, bool, int]]:
        """Service characters of the interchange starting at local ``at``; returns them,
        whether a UNA declared them, and the absolute offset where segments start."""
        src = self.source
        at = src.fill(at, _INFER_WINDOW)
        text = src.text
        base = src.base
        if kind == _UNA:
            advice = text[at + 3:at + 9]
            chars, reason = parse_una(advice)
            if chars is not None:
                return chars, True, base + at + 9
            unb = text.find("UNB", at + 3, at + 20)
            seg_start = unb if unb >= 0 else at + 9
            inferred = infer_from_unb(text, seg_start) if unb >= 0 else None
            yield self.report.defect(
                "EDI-UNA-MALFORMED",
                f"malformed service string advice {text[at:seg_start]!r}: {reason}; "
                f"using {(inferred or DEFAULT).una!r}", offset=base + at, tag="UNA")
            return inferred or DEFAULT, False, base + seg_start
        if kind == _UNB:
            inferred = infer_from_unb(text, at)
            if inferred is not None:
                yield self.report.defect(
                    "EDI-SERVICE-CHARS-INFERRED",
                    f"no UNA, but the UNB segment uses {inferred.una!r}; reading with those",
                    offset=base + at, tag="UNB")
                return inferred, False, base + at
        return DEFAULT, False, base + at

    # ------------------------------------------------------------------ the hot loop
    def _segments(self, start: int, chars: ServiceCharacters, una_present: bool
                  ) -> Generator[Event, None, int]:
        """Scan segments from ``start`` until the input ends or the scan must restart
        (other service characters, text between interchanges). Returns the offset at which
        to resume."""
        src = self.source
        E = chars.element_separator
        C = chars.component_separator
        T = chars.segment_terminator
        R = chars.release_character or ""
        RT = R + T if R else ""
        una_tail = chars.una[3:]
        from_bytes = src.from_bytes
        kinds = self.tag_kinds
        max_len = self.policy.max_segment_length
        ic: _Interchange | None = None
        pending_una = una_present
        in_message = False
        msg_count = 0          # segments of the open message, UNH included
        ic_count = 0           # interchange-level segments of the open interchange
        rep_active = False
        rep = chars.repetition_separator or ""
        sink = self.segment_sink
        block_size = _BLOCK_AFTER_RESTART
        pos = start - src.base  # local index in the source's window

        while True:
            fetched = self._next_block(pos, T, R, block_size)
            if fetched is None:
                break
            block, base, final, oversized, pos = fetched
            block_size = min(block_size * 2, _BLOCK)
            chunks = block.split(T) if oversized < 0 else [block]
            if RT and RT in block:
                chunks = _merge_released(chunks, R, T)
            starts = accumulate([len(c) + 1 for c in chunks], initial=base)
            # Line breaks right after terminators are layout; only blocks with other line
            # breaks or control characters need the per-segment check.
            check_printable = not (block.replace(T + "\r\n", T).replace(T + "\n", T)
                                   .lstrip("\r\n").isprintable())
            check_release = bool(R) and R in block
            check_ascii = from_bytes and not block.isascii()
            if self._whitespace_at is None:
                self._whitespace_at = _whitespace(block, T, R, base, chars.una)
            big = oversized >= 0 or len(block) > max_len
            # Offset of the text after the block's last terminator: at the end of the input,
            # a segment there has no terminator.
            last_off = base + len(block) - len(chunks[-1]) if final else -1
            for chunk, off in zip(chunks, starts, strict=False):
                ls = chunk.lstrip()
                if not ls:
                    if not chunk and ic is not None and off != last_off:
                        self._aggregate(ic, "EDI-EMPTY-SEGMENT",
                                        "empty segment (two terminators in a row) skipped", off)
                    continue
                seg_off = off + len(chunk) - len(ls)
                s = ls.rstrip()
                if check_release and s.endswith(R) and len(s) < len(ls) and _odd_run(s, len(s), R):
                    s = ls[:len(s) + 1]  # a released space at the end is data
                if ic is None:
                    # Between interchanges only a UNA (same characters), UNB or UNH goes on
                    # here; anything else restarts the search for an interchange.
                    head = s[:3]
                    if head == "UNA" and ls[3:] + T == una_tail:
                        pending_una = True
                        continue
                    follower = s[3:4] if s[3:4] != " " else s[4:5]
                    if head not in ("UNB", "UNH") or follower != E:
                        return seg_off
                if off == last_off:
                    yield self.report.defect(
                        "EDI-TERMINATOR-MISSING",
                        f"input ends inside a segment; expected the terminator {T!r} after "
                        f"{self.report.shown(_preview(s))}", offset=seg_off)
                reps: dict[int, Elements] | None = None
                if big and (oversized >= 0 or len(s) > max_len):
                    tag, elements, defect = self._oversized(s, E, seg_off, max_len,
                                                            max(oversized, len(s)))
                    found = self._capped(ic, defect)
                    if found is not None:
                        yield found
                elif ((check_printable and not s.isprintable())
                        or (check_release and R in s)
                        or (rep_active and rep in s)
                        or (check_ascii and not s.isascii())):
                    tag, elements, reps, defects = _tokenize_slow(
                        s, chars, rep_active, self._repertoire(ic) if check_ascii else None,
                        seg_off, self.report)
                    for defect in defects:
                        if defect.code in _AGGREGATED and ic is not None:
                            self._aggregate(ic, defect.code, defect.message, seg_off, defect)
                        elif (found := self._capped(ic, defect)) is not None:
                            yield found
                else:
                    parts = s.split(E)
                    tag = parts[0]
                    elements = tuple([tuple(p.split(C)) for p in parts[1:]])
                kind = kinds.get(tag)
                if kind is None:
                    kind = self._classify(tag)
                if kind == _ORDINARY and in_message:
                    msg_count += 1
                    if sink is None:
                        yield Segment(tag, elements, msg_count, seg_off, reps)
                    else:
                        sink(tag, elements, msg_count, seg_off, reps)
                    continue
                if kind == _ODD:
                    if tag.startswith("UNA"):
                        kind = _UNA
                    else:
                        tag, kind, defect = self._fix_tag(
                            tag, seg_off, msg_count + 1 if in_message else ic_count + 1)
                        if (found := self._capped(ic, defect)) is not None:
                            yield found
                        if kind == _ORDINARY and in_message:
                            msg_count += 1
                            if sink is None:
                                yield Segment(tag, elements, msg_count, seg_off, reps)
                            else:
                                sink(tag, elements, msg_count, seg_off, reps)
                            continue
                if kind == _ORDINARY:
                    assert ic is not None
                    ic_count += 1
                    found = self._capped(ic, self.report.defect(
                        "EDI-SEGMENT-OUTSIDE-MESSAGE",
                        f"segment {tag} outside any message (expected UNH); kept on the "
                        "interchange", offset=seg_off, tag=tag, segment_index=ic_count))
                    if found is not None:
                        yield found
                    yield Segment(tag, elements, ic_count, seg_off, reps)
                    continue
                # ---- service segments: the envelope state machine ------------------
                if kind == _UNA:
                    if ic is not None:
                        if in_message:
                            yield from self._close_message(ic, None, msg_count, seg_off)
                            in_message = False
                        yield from self._close_interchange(ic, None, seg_off, closing="UNA")
                        ic = None
                    if ls[3:] + T == una_tail:
                        pending_una = True
                        continue
                    return seg_off
                if kind == _UNB:
                    if ic is not None:
                        if in_message:
                            yield from self._close_message(ic, None, msg_count, seg_off)
                            in_message = False
                        yield from self._close_interchange(ic, None, seg_off, closing="UNB")
                    ic = _Interchange(chars, pending_una)
                    pending_una = False
                    ic_count = 1
                    header = InterchangeHeader.from_segment(
                        Segment(tag, elements, 1, seg_off, reps), chars, ic.una_present)
                    ic.header = header
                    ic.repertoire = repertoire_for(header.syntax_identifier)
                    rep_active = (bool(rep) and ic.una_present
                                  and _version_at_least_4(header.syntax_version))
                    yield InterchangeStart(header, chars, ic.una_present, seg_off)
                    if not ic.repertoire.known:
                        yield self.report.defect(
                            "EDI-SYNTAX-ID-UNKNOWN",
                            f"unknown syntax identifier {header.syntax_identifier!r}; values "
                            "read as ASCII, other bytes as UTF-8 or Latin-1",
                            offset=seg_off, tag="UNB", element=1, component=1)
                    continue
                if ic is None:
                    # A message without UNB: read it in an interchange without envelope.
                    ic = _Interchange(chars, pending_una)
                    pending_una = False
                    ic_count = 0
                    yield InterchangeStart(None, chars, ic.una_present, seg_off)
                    yield self.report.defect(
                        "EDI-UNB-MISSING",
                        f"{tag} without an interchange header (UNB); read as an interchange "
                        "without envelope", offset=seg_off, tag=tag)
                if kind == _UNH:
                    if in_message:
                        yield from self._close_message(ic, None, msg_count, seg_off)
                    in_message = True
                    msg_count = 1
                    yield from self._open_message(ic, Segment(tag, elements, 1, seg_off, reps))
                    sink = self.segment_sink
                    continue
                if kind == _UNT:
                    if in_message:
                        msg_count += 1
                        yield from self._close_message(
                            ic, Segment(tag, elements, msg_count, seg_off, reps), msg_count,
                            seg_off)
                        in_message = False
                        continue
                    ic_count += 1
                    found = self._capped(ic, self.report.defect(
                        "EDI-UNT-UNEXPECTED", "UNT without a message header (UNH); kept on the "
                        "interchange", offset=seg_off, tag="UNT", segment_index=ic_count))
                    if found is not None:
                        yield found
                    yield Segment(tag, elements, ic_count, seg_off, reps)
                    continue
                if in_message:  # UNG, UNE or UNZ before the message's UNT
                    yield from self._close_message(ic, None, msg_count, seg_off)
                    in_message = False
                ic_count += 1
                segment = Segment(tag, elements, ic_count, seg_off, reps)
                if kind == _UNG:
                    yield from self._open_group(ic, segment)
                elif kind == _UNE:
                    if ic.group is None:
                        found = self._capped(ic, self.report.defect(
                            "EDI-UNE-UNEXPECTED",
                            "UNE without a functional group header (UNG); kept on the "
                            "interchange", offset=seg_off, tag="UNE", segment_index=ic_count))
                        if found is not None:
                            yield found
                        yield segment
                    else:
                        yield from self._close_group(ic, segment, seg_off)
                else:  # UNZ
                    if ic.group is not None:
                        yield from self._close_group(ic, None, seg_off)
                    yield from self._close_interchange(ic, segment, seg_off)
                    ic = None
                    rep_active = False
            if in_message and sink is not None and self.block_events:
                yield BlockEnd(base + len(block))
        end = src.end
        if ic is not None:
            if in_message:
                yield from self._close_message(ic, None, msg_count, end)
            yield from self._close_interchange(ic, None, end)
        return end

    def _open_message(self, ic: _Interchange, unh: Segment) -> Iterator[Event]:
        header = MessageHeader.from_segment(unh, ic.header, ic.group)
        ic.msg_header = header
        if ic.group is not None:
            ic.group_messages += 1
        else:
            ic.bare_messages += 1
            if ic.groups and not ic.mixed_reported:
                ic.mixed_reported = True
                yield self.report.defect(
                    "EDI-GROUPS-MIXED",
                    "a message outside a functional group in an interchange that uses groups",
                    offset=unh.offset, tag="UNH")
        yield MessageStart(header)

    def _open_group(self, ic: _Interchange, ung: Segment) -> Iterator[Event]:
        if ic.group is not None:
            yield from self._close_group(ic, None, ung.offset)
        if ic.bare_messages and not ic.mixed_reported:
            ic.mixed_reported = True
            yield self.report.defect(
                "EDI-GROUPS-MIXED", "a functional group after messages outside groups",
                offset=ung.offset, tag="UNG", segment_index=ung.index)
        ic.groups += 1
        ic.group = GroupHeader.from_segment(ung)
        ic.group_messages = 0
        yield GroupStart(ic.group)

    def _fix_tag(self, tag: str, offset: int, index: int) -> tuple[str, int, Defect]:
        """An odd tag: ``"UNG "`` or ``"nad"`` are read as UNG and NAD; anything else is
        kept as an ordinary segment with its odd tag."""
        fixed = tag.strip().upper()
        if len(fixed) == 3 and fixed.isascii() and fixed.isalnum():
            defect = self.report.defect(
                "EDI-SEGMENT-TAG-INVALID", f"segment tag {tag!r} read as {fixed!r}",
                offset=offset, tag=fixed, segment_index=index)
            return fixed, self.tag_kinds.get(fixed, _ORDINARY), defect
        defect = self.report.defect(
            "EDI-SEGMENT-TAG-INVALID",
            f"{self.report.shown(repr(tag[:20]))} is not a segment tag (expected three letters "
            "or digits); segment "
            "kept as read", offset=offset, tag=tag[:3], segment_index=index)
        return tag, _ORDINARY, defect

    # ------------------------------------------------------------------ helpers
    def _classify(self, tag: str) -> int:
        kind = (_ORDINARY if len(tag) == 3 and tag.isascii() and tag.isalnum()
                and tag == tag.upper() else _ODD)
        if kind == _ORDINARY and len(self.tag_kinds) < _TAG_KINDS_LIMIT:
            self.tag_kinds[tag] = kind
        return kind

    def _repertoire(self, ic: _Interchange | None) -> Repertoire:
        if ic is not None and ic.repertoire is not None:
            return ic.repertoire
        return repertoire_for("UNOA")

    def _next_block(self, pos: int, T: str, R: str, size: int
                    ) -> tuple[str, int, bool, int, int] | None:
        """The next block of whole segments from local ``pos``: ``(text, absolute start,
        final, oversized, next local pos)`` or ``None`` when the input is exhausted.

        A block ends at a real (unreleased) terminator about ``size`` characters on, or at
        the end of the input (``final``). ``oversized`` is -1, or the full length of a
        segment longer than the policy allows, whose first characters are the block: a
        streamed input never holds more than the limit of one segment.
        """
        src = self.source
        limit = self.policy.max_segment_length
        while True:
            pos = src.fill(pos, size + 1)
            text = src.text
            n = len(text)
            if pos >= n:
                return None
            end = text.find(T, min(pos + size, n))
            while end > 0 and R and text[end - 1] == R and _odd_run(text, end, R):
                end = text.find(T, end + 1)
            if end >= 0 or src.eof:
                break
            if n - pos > size + limit:
                # No terminator for longer than the limit: end the block at the last
                # terminator before the long segment, or read the long segment itself.
                last = text.rfind(T, pos, pos + size)
                while last > pos and R and text[last - 1] == R and _odd_run(text, last, R):
                    last = text.rfind(T, pos, last)
                if last >= pos:
                    end = last
                    break
                return self._long_segment(pos, T, R)
            pos = src.fill(pos, 2 * (n - pos))
        final = end < 0
        if final:
            end = n
        return text[pos:end], src.base + pos, final, -1, end + 1

    def _long_segment(self, pos: int, T: str, R: str) -> tuple[str, int, bool, int, int]:
        """Read past a segment longer than the policy allows, keeping its first characters
        only (the rest is counted, not held)."""
        src = self.source
        start = src.base + pos
        kept = src.text[pos:pos + _KEPT_OF_OVERSIZED]
        length = 0
        while True:
            text = src.text
            end = text.find(T, pos)
            while end > 0 and R and text[end - 1] == R and _odd_run(text, end, R):
                end = text.find(T, end + 1)
            if end >= 0:
                return kept, start, False, length + end - pos, end + 1
            length += len(text) - pos
            if src.eof:
                return kept, start, True, length, len(text)
            pos = src.fill(len(text), CHUNK_SIZE)

    def _oversized(self, s: str, E: str, offset: int, limit: int, length: int
                   ) -> tuple[str, Elements, Defect]:
        tag = s.split(E, 1)[0][:3]
        kept = s[len(tag) + 1:_KEPT_OF_OVERSIZED]
        defect = self.report.defect(
            "EDI-SEGMENT-TOO-LONG",
            f"segment of {length} characters exceeds the limit of {limit}; kept unparsed as "
            f"one data element holding its first {len(kept)} characters", offset=offset,
            tag=tag)
        return tag, ((kept,),), defect

    def _capped(self, ic: _Interchange | None, defect: Defect) -> Defect | None:
        """``defect``, or ``None`` once its code was reported ``max_defects_per_kind``
        times in this interchange (the rest are counted and summarised when it closes)."""
        if ic is None:
            return defect
        counts = ic.counts
        count = counts.get(defect.code, 0) + 1
        counts[defect.code] = count
        if count <= self.policy.max_defects_per_kind:
            return defect
        if count == self.policy.max_defects_per_kind + 1:
            ic.first_suppressed[defect.code] = defect
        return None

    def _aggregate(self, ic: _Interchange, code: str, message: str, offset: int,
                   defect: Defect | None = None) -> None:
        """Report the first defect of a repetitive kind now, count the rest, and summarise
        them when the interchange closes (one located defect per kind and interchange)."""
        entry = ic.seen.get(code)
        if entry is None:
            ic.seen[code] = [defect or self.report.defect(code, message, offset=offset), 1]
        else:
            entry[1] += 1

    def _flush_aggregated(self, ic: _Interchange) -> Iterator[Event]:
        limit = self.policy.max_defects_per_kind
        for code, first in ic.first_suppressed.items():
            more = ic.counts[code] - limit
            yield Defect(code, first.severity,
                         f"{more} more defects of this kind in this interchange are not "
                         f"listed (the first {limit} are); the first unlisted: {first.message}",
                         first.location)
        ic.first_suppressed.clear()
        ic.counts.clear()
        for first, count in ic.seen.values():
            if count > 1:
                yield Defect(first.code, first.severity,
                             f"{first.message} (and {count - 1} more in this interchange)",
                             first.location)
            else:
                yield first
        ic.seen.clear()

    def _close_message(self, ic: _Interchange, trailer: Segment | None, count: int,
                       offset: int) -> Iterator[Event]:
        header = ic.msg_header
        ref = header.reference if header else None
        if trailer is None:
            yield self.report.defect(
                "EDI-UNT-MISSING",
                f"message {ref!r} has no trailer (UNT): expected UNT after segment {count}",
                offset=offset, message_reference=ref, segment_index=count + 1)
        else:
            declared = trailer.get(1).strip()
            if not (declared.isascii() and declared.isdigit()):
                yield self.report.defect(
                    "EDI-COUNT-NOT-NUMERIC", f"UNT segment count {declared!r} is not a number",
                    offset=trailer.offset, tag="UNT", element=1, segment_index=count,
                    message_reference=ref)
            elif int(declared) != count:
                yield self.report.defect(
                    "EDI-UNT-COUNT",
                    f"UNT declares {int(declared)} segments, {count} received (UNH to UNT)",
                    offset=trailer.offset, tag="UNT", element=1, segment_index=count,
                    message_reference=ref)
            trailer_ref = trailer.get(2).strip()
            if ref is not None and trailer_ref != ref:
                yield self.report.defect(
                    "EDI-UNT-REFERENCE",
                    f"UNT reference {trailer_ref!r} differs from UNH reference {ref!r}",
                    offset=trailer.offset, tag="UNT", element=2, segment_index=count,
                    message_reference=ref)
        ic.msg_header = None
        yield MessageEnd(trailer, count)

    def _close_group(self, ic: _Interchange, trailer: Segment | None, offset: int
                     ) -> Iterator[Event]:
        group = ic.group
        assert group is not None
        if trailer is None:
            yield self.report.defect(
                "EDI-UNE-MISSING",
                f"functional group {group.reference!r} has no trailer (UNE)", offset=offset)
        else:
            yield from self._check_count(
                trailer, ic.group_messages, "EDI-UNE-COUNT",
                "UNE declares {declared} messages, {actual} received in the group")
            ref = trailer.get(2).strip()
            if ref != group.reference:
                yield self.report.defect(
                    "EDI-UNE-REFERENCE",
                    f"UNE reference {ref!r} differs from UNG reference {group.reference!r}",
                    offset=trailer.offset, tag="UNE", element=2, segment_index=trailer.index)
        ic.group = None
        yield GroupEnd(trailer)

    def _close_interchange(self, ic: _Interchange, trailer: Segment | None, offset: int,
                           closing: str | None = None) -> Iterator[Event]:
        if ic.group is not None:
            yield from self._close_group(ic, None, offset)
        if self._whitespace_at is not None and self._whitespace_at >= 0:
            yield self.report.defect(
                "EDI-WHITESPACE",
                "spaces or tabs around segment terminators or at line starts were ignored",
                offset=self._whitespace_at)
            self._whitespace_at = -1   # reported once per input
        yield from self._flush_aggregated(ic)
        if trailer is None:
            if ic.header is not None:
                why = f" before the next {closing}" if closing else ""
                yield self.report.defect(
                    "EDI-UNZ-MISSING",
                    f"interchange {ic.header.control_reference!r} has no trailer (UNZ){why}",
                    offset=offset)
        else:
            actual = ic.groups if ic.groups else ic.bare_messages
            what = "functional groups" if ic.groups else "messages"
            yield from self._check_count(
                trailer, actual, "EDI-UNZ-COUNT",
                "UNZ declares {declared} " + what + ", {actual} received")
            ref = trailer.get(2).strip()
            if ic.header is not None and ref != ic.header.control_reference:
                yield self.report.defect(
                    "EDI-UNZ-REFERENCE",
                    f"UNZ reference {ref!r} differs from UNB control reference "
                    f"{ic.header.control_reference!r}",
                    offset=trailer.offset, tag="UNZ", element=2, segment_index=trailer.index)
        yield InterchangeEnd(trailer)

    def _check_count(self, trailer: Segment, actual: int, code: str, template: str
                     ) -> Iterator[Event]:
        declared = trailer.get(1).strip()
        if not (declared.isascii() and declared.isdigit()):
            yield self.report.defect(
                "EDI-COUNT-NOT-NUMERIC",
                f"{trailer.tag} control count {declared!r} is not a number",
                offset=trailer.offset, tag=trailer.tag, element=1, segment_index=trailer.index)
        elif int(declared) != actual:
            yield self.report.defect(
                code, template.format(declared=int(declared), actual=actual),
                offset=trailer.offset, tag=trailer.tag, element=1, segment_index=trailer.index)


_AGGREGATED = frozenset({"EDI-LINE-BREAK-IN-SEGMENT", "EDI-OUTSIDE-REPERTOIRE",
                         "EDI-CONTROL-CHARACTER"})


def _whitespace(block: str, terminator: str, release: str, base: int, una: str) -> int | None:
    """Offset of the first layout space or tab: next to a real (unreleased) terminator, or
    at a line start. Released spaces and terminators are data; the spaces a service string
    advice declares (``UNA:+.? '``) do not count either."""
    found = []
    for pattern, term_at in ((" " + terminator, 1), (terminator + " ", 0), ("\n ", -1),
                             ("\t", -1)):
        at = block.find(pattern)
        while at >= 0 and (
                una in block[max(0, at - len(una)):at + len(una) + 1]
                or (release and term_at >= 0 and _odd_run(block, at + term_at, release))
                or (release and term_at == 1 and _odd_run(block, at, release))):
            at = block.find(pattern, at + 1)
        if at >= 0:
            found.append(at)
    return base + min(found) if found else None


def _version_at_least_4(version: str) -> bool:
    return version.isascii() and version.isdigit() and int(version) >= 4


def _odd_run(text: str, end: int, release: str) -> bool:
    """True when the run of release characters ending just before ``end`` is odd."""
    run = 0
    i = end - 1
    while i >= 0 and text[i] == release:
        run += 1
        i -= 1
    return run % 2 == 1


def _merge_released(parts: list[str], release: str, sep: str) -> list[str]:
    """Re-join pieces of ``str.split(sep)`` whose separator was released (odd run of
    release characters at the end of the piece). Release characters stay in place."""
    out: list[str] = []
    carry: str | None = None
    for piece in parts:
        part = piece if carry is None else carry + sep + piece
        carry = None
        if part.endswith(release) and (len(part) - len(part.rstrip(release))) % 2 == 1:
            carry = part
        else:
            out.append(part)
    if carry is not None:
        out.append(carry)
    return out


def _unescape(value: str, release: str) -> tuple[str, bool]:
    """Remove release characters; returns (value, dangling) where ``dangling`` says a
    final release character had nothing to release (it is dropped)."""
    if release not in value:
        return value, False
    out: list[str] = []
    i = 0
    n = len(value)
    dangling = False
    while True:
        j = value.find(release, i)
        if j < 0:
            out.append(value[i:])
            break
        out.append(value[i:j])
        if j + 1 < n:
            out.append(value[j + 1])
            i = j + 2
        else:
            dangling = True
            break
    return "".join(out), dangling


def _tokenize_slow(s: str, chars: ServiceCharacters, rep_active: bool,
                   repertoire: Repertoire | None, offset: int, report: Reporter
                   ) -> tuple[str, Elements, dict[int, Elements] | None, list[Defect]]:
    """Tokenize one segment exactly: transcoding, line breaks, control characters,
    release characters and repetitions. ``offset`` is where ``s`` starts in the input."""
    defects: list[Defect] = []
    if repertoire is not None and not s.isascii():
        s = _transcode(s, repertoire, offset, report, defects)
    if "\r" in s or "\n" in s:
        s = s.replace("\r", "").replace("\n", "")
        defects.append(report.defect(
            "EDI-LINE-BREAK-IN-SEGMENT",
            "line breaks inside a segment removed (text wrapped in transport)", offset=offset))
    control = _CONTROL.search(s)
    if control is not None:
        defects.append(report.defect(
            "EDI-CONTROL-CHARACTER",
            f"control character U+{ord(control.group()):04X} inside a segment kept as data",
            offset=offset))
    E, C = chars.element_separator, chars.component_separator
    R = chars.release_character or ""
    rep = (chars.repetition_separator or "") if rep_active else ""
    has_release = bool(R) and R in s
    raw_elements = s.split(E)
    if has_release:
        raw_elements = _merge_released(raw_elements, R, E)
    tag_raw = raw_elements[0]
    dangling = False

    def components(raw: str) -> tuple[str, ...]:
        nonlocal dangling
        pieces = raw.split(C)
        if has_release:
            pieces = _merge_released(pieces, R, C)
            out = []
            for piece in pieces:
                value, lost = _unescape(piece, R)
                dangling = dangling or lost
                out.append(value)
            return tuple(out)
        return tuple(pieces)

    elements: list[tuple[str, ...]] = []
    repetitions: dict[int, Elements] | None = None
    for position, raw in enumerate(raw_elements[1:]):
        if rep and rep in raw:
            occurrences = raw.split(rep)
            if has_release:
                occurrences = _merge_released(occurrences, R, rep)
            if len(occurrences) > 1:
                parsed = tuple(components(o) for o in occurrences)
                if repetitions is None:
                    repetitions = {}
                repetitions[position] = parsed
                elements.append(parsed[0])
                continue
        elements.append(components(raw))
    tag = _unescape(tag_raw, R)[0] if has_release else tag_raw
    if dangling:
        defects.append(report.defect(
            "EDI-RELEASE-DANGLING",
            f"release character {R!r} at the end of a value with nothing to release; dropped",
            offset=offset, tag=tag[:3]))
    return tag, tuple(elements), repetitions, defects


def _transcode(s: str, repertoire: Repertoire, offset: int, report: Reporter,
               defects: list[Defect]) -> str:
    raw = s.encode("latin-1")
    if repertoire.seven_bit:
        # Not in a 7-bit repertoire: UTF-8 when the bytes form it, else Windows-1252 (the
        # usual 8-bit code page of DCS exports), else Latin-1, which decodes anything.
        decoded, how = s, "Latin-1"
        for name, codec in (("UTF-8", "utf-8"), ("Windows-1252", "cp1252")):
            try:
                decoded, how = raw.decode(codec), name
                break
            except UnicodeDecodeError:
                continue
        first = next(i for i, ch in enumerate(s) if ord(ch) > 127)
        defects.append(report.defect(
            "EDI-OUTSIDE-REPERTOIRE",
            f"byte 0x{ord(s[first]):02X} is outside the {repertoire.identifier} repertoire; "
            f"segment read as {how}", offset=offset + first))
        return decoded
    try:
        return raw.decode(repertoire.codec)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.start + 1]
        defects.append(report.defect(
            "EDI-UNDECODABLE",
            f"byte 0x{bad.hex().upper()} cannot be decoded as {repertoire.codec} "
            f"({repertoire.identifier}); replaced by U+FFFD", offset=offset + exc.start))
        return raw.decode(repertoire.codec, errors="replace")


def _looks_like_envelope(chunk: str) -> bool:
    """IATA Type B heading/address/origin lines and SOH/STX/ETX control characters."""
    stripped = chunk.strip("\r\n \x01\x02\x03\x04\x1e\x1f")
    if not stripped:
        return True  # only control characters
    lines = [line.strip("\x01\x02\x03 ") for line in re.split(r"\r\n|\r|\n", stripped)]
    return all(not line or _TYPE_B_LINE.match(line) for line in lines)


def _preview(text: str, limit: int = 40) -> str:
    flat = text.strip().replace("\r", "\\r").replace("\n", "\\n")
    return repr(flat if len(flat) <= limit else flat[:limit] + "...")
