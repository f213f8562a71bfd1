"""One input, read once for validation: the syntax tree and the typed records together.

For raw input the text is tokenized once (:func:`paxdata.edifact.read`'s tree); each
message is then read by the typed reader :func:`paxdata.parse` would use
(:mod:`paxdata._readers`), fed from the tree with its defects in input order, so the
records equal those :func:`paxdata.parse` returns and the rules can see both the records
and every segment. Already-parsed input (a :class:`~paxdata.ParseResult`, a typed message)
has no tree: the rules that need one are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import attrs

from paxdata import pnrgov_xml
from paxdata._gc import paused_gc
from paxdata._parse import ParseResult
from paxdata._readers import reader_for, unsupported_paxlst
from paxdata.defects import KINDS, Defect, Location
from paxdata.edifact import EdifactDocument, Message
from paxdata.edifact._model import build_document
from paxdata.edifact._scanner import scan_source
from paxdata.edifact._source import InputLike, Reporter, Source, source_from
from paxdata.errors import InputError, PaxdataError
from paxdata.policy import Policy

__all__ = ["InputView", "MessageView", "read_input", "view_of"]

#: Lenient reading that quotes values in defect messages: validation reports show the
#: offending values, and --mask removes the personal ones (paxdata.validation._masking).
_READING = Policy(show_values=True)


@attrs.frozen(slots=True)
class MessageView:
    """A message as the rules see it: the typed record (or the syntax-level
    :class:`~paxdata.edifact.Message` when no reader exists), its syntax tree when
    available, and its position in the input (0-based)."""

    message: Any
    tree: Message | None
    position: int

    @property
    def reference(self) -> str | None:
        """The message reference (UNH 0062)."""
        found = getattr(self.message, "message_reference", None)
        if found is None:
            found = getattr(self.message, "reference", None)
        return found if isinstance(found, str) else None

    def segment(self, index: int | None, tag: str | None = None) -> Any:
        """The tree's segment at ``index`` (UNH = 1), checked against ``tag``; ``None``
        without a tree."""
        tree = self.tree
        if tree is None or index is None or not 0 < index <= len(tree.segments):
            return None
        found = tree.segments[index - 1]
        if tag is not None and found.tag != tag:
            return None
        return found


@attrs.frozen(slots=True)
class InputView:
    """Everything the rules may look at for one input: the parse result, the syntax tree
    and the source text (both ``None`` for already-parsed input), and each message with
    its tree."""

    name: str | None
    result: ParseResult
    document: EdifactDocument | None
    source: Source | None
    messages: tuple[MessageView, ...]


def view_of(result: ParseResult) -> InputView:
    """A view of already-parsed input (no syntax tree)."""
    return InputView(result.input_name, result, None, None,
                     tuple(MessageView(m, None, i) for i, m in enumerate(result.messages)))


def read_input(data: InputLike, name: str | None = None, *,
               xsd_dir: str | os.PathLike[str] | None = None) -> InputView:
    """Read raw input once into an :class:`InputView` (lenient: never raises for bad
    content; raises :class:`~paxdata.errors.InputError` when ``data`` cannot be read).
    PNRGOV XML (recognised by its content) is read by :mod:`paxdata.pnrgov_xml` and,
    when a schema folder is given (``xsd_dir``, else ``PAXDATA_PNRGOV_XSD_DIR``),
    validated against the IATA schema: each schema error a located XML-XSD-INVALID
    defect (line, column, offset)."""
    xml, data = pnrgov_xml.sniff(data)
    if xml:
        return _xml_input(data, name, xsd_dir)
    source = source_from(data, name)
    reporter = Reporter(source, _READING)
    with paused_gc():
        document = build_document(scan_source(source, _READING), source.name)
        warnings: list[Defect] = []
        errors: list[PaxdataError] = []
        for defect in document.warnings:
            if defect.code == "EDI-NO-INTERCHANGE":
                errors.append(InputError(defect.message, defect.location, code=defect.code))
            else:
                warnings.append(defect)
        messages: list[Any] = []
        views: list[MessageView] = []
        for interchange in document.interchanges:
            warnings.extend(interchange.warnings)
            for group in interchange.groups:
                warnings.extend(group.warnings)
            for message in interchange.messages:
                typed, message_errors = _typed(message, reporter, source.name)
                errors.extend(message_errors)
                views.append(MessageView(typed, message, len(messages)))
                messages.append(typed)
    stray = tuple(s for ic in document.interchanges for s in ic.stray_segments)
    result = ParseResult(source.name, tuple(messages), tuple(errors), tuple(warnings),
                         document.skipped, stray)
    return InputView(source.name, result, document, source, tuple(views))


def _offset(defect: Defect) -> float:
    offset = defect.location.offset
    return float("inf") if offset is None else offset


def _typed(message: Message, reporter: Reporter, name: str | None
           ) -> tuple[Any, Sequence[PaxdataError]]:
    header = message.header
    factory = reader_for(header)
    if factory is None:
        return _raw(message, reporter)
    try:
        builder = factory(header, reporter, _READING, name)
        body = message.body
        defects = sorted(message.warnings, key=_offset)
        pending = 0
        trailer = message.trailer.offset if message.trailer is not None else float("inf")
        count = len(body)
        for position, segment in enumerate(body):
            limit = body[position + 1].offset if position + 1 < count else trailer
            while pending < len(defects) and _offset(defects[pending]) < limit:
                builder.add_defect(defects[pending])
                pending += 1
            builder.feed(segment.tag, segment.elements, segment.index, segment.offset,
                         segment.repetitions)
        for defect in defects[pending:]:
            builder.add_defect(defect)
        typed = builder.finish(header.segment.offset)
        return typed, tuple(getattr(builder, "errors", ()))
    except PaxdataError as error:
        return message, (error,)
    except Exception as error:  # a reader bug must not stop validation of the rest
        defect = Defect("MSG-INTERNAL", KINDS["MSG-INTERNAL"].severity,
                        f"the {header.message_type} reader failed ({type(error).__name__}: "
                        f"{error}); the message is checked at the syntax level only",
                        Location(input_name=name, offset=header.segment.offset,
                                 segment_index=1, tag="UNH",
                                 message_reference=header.reference))
        return attrs.evolve(message, warnings=(*message.warnings, defect)), ()


def _raw(message: Message, reporter: Reporter) -> tuple[Any, Sequence[PaxdataError]]:
    """A message without a typed reader, as :func:`paxdata.parse` returns it."""
    header = message.header
    segments = message.segments
    if header.message_type == "PAXLST":
        return message, (unsupported_paxlst(header, segments, reporter,
                                            "the message is checked at the syntax level only"),)
    defect = reporter.defect(
        "MSG-NOT-TYPED",
        f"{header.message_type or 'untyped'} message {header.reference!r} has no typed "
        "reader yet; only its envelope and syntax are checked",
        offset=header.segment.offset, segment_index=1, tag="UNH", element=2,
        message_reference=header.reference)
    return attrs.evolve(message, warnings=(*message.warnings, defect)), ()


def _whole(data: Any, name: str | None) -> bytes | str:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return data
    if isinstance(data, os.PathLike):
        try:
            with open(os.fspath(data), "rb") as handle:
                return handle.read()
        except OSError as exc:
            raise InputError(f"cannot read {os.fspath(data)}: {exc.strerror or exc}",
                             Location(input_name=name)) from None
    found = data.read()
    return found if isinstance(found, (bytes, str)) else bytes(found)


def _xml_input(data: Any, name: str | None, xsd_dir: str | os.PathLike[str] | None
               ) -> InputView:
    """A PNRGOV XML input: its records (:func:`paxdata.pnrgov_xml.read_xml`), its schema
    errors, and the reader's line-located defects given the offset of their line (so
    findings carry lines)."""
    input_name = pnrgov_xml.input_name(data, name)
    raw = _whole(data, input_name)
    source = Source(raw.decode("latin-1") if isinstance(raw, bytes) else raw, input_name,
                    unit="byte" if isinstance(raw, bytes) else "char")
    messages: list[Any] = []
    errors: list[PaxdataError] = []
    warnings: list[Defect] = []
    with paused_gc():
        for item in pnrgov_xml.read_xml(raw, _READING, input_name):
            if isinstance(item, PaxdataError):
                errors.append(item)
            elif isinstance(item, Defect):
                warnings.append(item)
            else:
                messages.append(item)
        folder = pnrgov_xml.schema_folder(xsd_dir)
        if folder is None:
            warnings.append(Defect(
                "XML-XSD-SKIPPED", KINDS["XML-XSD-SKIPPED"].severity,
                "not validated against the IATA PNRGOV schema: no schema folder (--xsd-dir, "
                f"or the environment variable {pnrgov_xml.SCHEMA_ENV})",
                Location(input_name=input_name)))
        else:
            try:
                warnings.extend(pnrgov_xml.validate_xml(raw, folder, name=input_name,
                                                        policy=_READING))
            except pnrgov_xml.SchemaError as error:
                errors.append(error)
        starts = _line_starts(source.text)
        messages = [_with_offsets(m, starts) for m in messages]
    result = ParseResult(input_name, tuple(messages), tuple(errors), tuple(warnings))
    return InputView(input_name, result, None, source,
                     tuple(MessageView(m, None, i) for i, m in enumerate(messages)))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _located(defects: tuple[Defect, ...], starts: list[int]) -> tuple[Defect, ...]:
    out = []
    for defect in defects:
        location = defect.location
        if location.offset is None and location.line is not None \
                and 0 < location.line <= len(starts):
            out.append(attrs.evolve(defect, location=attrs.evolve(
                location, offset=starts[location.line - 1])))
        else:
            out.append(defect)
    return tuple(out)


def _with_offsets(message: Any, starts: list[int]) -> Any:
    """A PNRGOV XML message whose line-located defects (message and PNRs) also give the
    offset where their line starts."""
    pnrs = getattr(message, "pnrs", None)
    if pnrs is None:
        return message
    return attrs.evolve(message, warnings=_located(message.warnings, starts),
                        pnrs=tuple(attrs.evolve(p, warnings=_located(p.warnings, starts))
                                   for p in pnrs))
