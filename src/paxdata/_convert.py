"""``paxdata convert``: many inputs to a sharing format, one bad file never stopping the run.

``paxdata convert FILE|DIR... --to parquet|jsonl|json|edifact|pnrgov-xml --out DIR
[--depersonalise (--key-file F | --key-env VAR | --key K) [--birth-year]]
[--filter-sensitive] [--strict] [--line-break lf|crlf] [--force] [--progress|--no-progress]``

* ``parquet``: one file per table in DIR (:mod:`paxdata.serializers.arrow`; needs the
  ``paxdata[arrow]`` extra), written as the inputs are read.
* ``jsonl``: ``DIR/paxdata.jsonl``, one traveller per line with provenance
  (:mod:`paxdata.serializers.jsonl`).
* ``json``: ``DIR/paxdata.json``, the JSON contract for all inputs.
* ``edifact``: each input written back in raw mode, segment for segment with its own
  service characters (:func:`paxdata.writers.write_raw`), as ``DIR/<input file name>``;
  with ``--depersonalise`` every segment is depersonalised first
  (:func:`paxdata.depersonalise.depersonalised_edifact`). A PNRGOV XML input is written as
  PNRGOV EDIFACT from its records (:func:`paxdata.writers.write_pnrgov`), as
  ``DIR/<input file stem>.edi``, with ``--sender``/``--recipient`` in UNB (default: the
  push's airline and ``UNKNOWN``).
* ``pnrgov-xml``: each PNRGOV push (EDIFACT or XML) as an ``IATA_PNRGOV_NotifRQ`` document
  (:func:`paxdata.pnrgov_xml.write_xml`), ``DIR/<input file stem>.xml`` (``-2``, ``-3``...
  for further pushes of one input); what PNRGOV XML cannot carry is listed per input.

``--depersonalise`` masks what could identify a person and replaces linking identifiers by
keyed pseudonyms (:mod:`paxdata.depersonalise`; Directive (EU) 2016/681 Art. 12(2)) and
always applies the sensitive-data filter (Art. 13(4)); ``--filter-sensitive`` applies only
the filter. The key comes from a file, an environment variable, or (visible to other users
of the machine in the process list) the command line; at least 16 bytes.

Directories are read recursively (hidden files skipped). A progress bar (tqdm) shows on
standard error for long runs on a terminal. At the end a table lists each input that had
errors or could not be converted, with the first reason; the run never stops at a bad
file. Exit status: 0 when every input was converted without errors, 1 when any had errors
or failed, 2 for usage errors (bad options, a missing key, existing outputs without
``--force``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from paxdata._parse import ParseResult, parse
from paxdata.depersonalise import (
    MIN_KEY_BYTES,
    Depersonaliser,
    SensitiveFilter,
    depersonalised_edifact,
    filter_sensitive,
)
from paxdata.edifact import EdifactDocument, read
from paxdata.errors import PaxdataError
from paxdata.pnrgov import PnrgovMessage
from paxdata.pnrgov_xml import looks_like_xml, write_xml
from paxdata.policy import LENIENT, STRICT
from paxdata.serializers.arrow import TABLES, ParquetDataset
from paxdata.serializers.json import dumps, result_to_json
from paxdata.serializers.jsonl import iter_lines
from paxdata.writers import pnrgov_envelope, write_pnrgov, write_raw
from paxdata.writers._raw import encode_interchange

__all__ = [
    "FORMATS",
    "FileOutcome",
    "add_depersonalise_arguments",
    "configure",
    "depersonaliser_from_args",
    "run",
]

#: Output formats and the file each writes in the output folder.
FORMATS = {"parquet": "<table>.parquet", "jsonl": "paxdata.jsonl", "json": "paxdata.json",
           "edifact": "<input file name>", "pnrgov-xml": "<input file stem>.xml"}

#: Show a progress bar from this many input bytes (or more than one input) on a terminal.
PROGRESS_BYTES = 8 * 1024 * 1024

HELP = "convert inputs to Parquet tables, JSON Lines, JSON, EDIFACT or PNRGOV XML, " \
       "optionally depersonalised"


class UsageError(Exception):
    """A command-line mistake: reported, exit status 2."""


@attrs.define
class FileOutcome:
    """What happened to one input: ``status`` ``ok`` (converted, no errors), ``errors``
    (converted, but parts could not be read: see ``reasons``) or ``failed`` (nothing of
    it written)."""

    name: str
    status: str = "ok"
    messages: int = 0
    travellers: int = 0
    reasons: list[str] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)


# ---------------------------------------------------------------- depersonalise options
def add_depersonalise_arguments(command: argparse.ArgumentParser) -> None:
    """The ``--depersonalise`` options, shared by ``convert`` and ``parse``."""
    group = command.add_argument_group(
        "depersonalisation (Directive (EU) 2016/681 Art. 12(2) and 13(4))")
    group.add_argument("--depersonalise", action="store_true",
                       help="mask names, contacts, frequent flyer data, general remarks and "
                       "identifying API data; replace record locators, passenger references, "
                       "ticket numbers and bag tags by keyed pseudonyms; remove sensitive "
                       "free text and SSR codes")
    source = group.add_mutually_exclusive_group()
    source.add_argument("--key-file", metavar="FILE",
                        help="read the pseudonym key from FILE (a trailing newline is ignored)")
    source.add_argument("--key-env", metavar="VAR",
                        help="read the pseudonym key from environment variable VAR")
    source.add_argument("--key", metavar="KEY",
                        help="the pseudonym key itself (visible in the process list: prefer "
                        "--key-file or --key-env)")
    group.add_argument("--birth-year", action="store_true",
                       help="keep the year of each date of birth instead of masking it")
    group.add_argument("--filter-sensitive", action="store_true",
                       help="without --depersonalise: only remove sensitive free text and "
                       "SSR codes (Art. 13(4))")


def _key(args: argparse.Namespace) -> bytes:
    if args.key_file:
        try:
            data = Path(args.key_file).read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read the key file: {error}") from error
        key = data[:-2] if data.endswith(b"\r\n") else data.rstrip(b"\n")
    elif args.key_env:
        value = os.environ.get(args.key_env)
        if value is None:
            raise UsageError(f"environment variable {args.key_env} is not set")
        key = value.encode("utf-8")
    elif args.key is not None:
        key = args.key.encode("utf-8")
    else:
        raise UsageError("--depersonalise needs a key: --key-file, --key-env or --key")
    if len(key) < MIN_KEY_BYTES:
        raise UsageError(f"the key must be at least {MIN_KEY_BYTES} bytes long "
                         f"(got {len(key)})")
    return key


def depersonaliser_from_args(args: argparse.Namespace) -> Depersonaliser | None:
    """The depersonaliser the options ask for, or ``None``. Raises :class:`UsageError`
    (missing or short key; a key or ``--birth-year`` without ``--depersonalise``)."""
    if not args.depersonalise:
        if args.key_file or args.key_env or args.key is not None or args.birth_year:
            raise UsageError("--key-file, --key-env, --key and --birth-year need "
                             "--depersonalise")
        return None
    return Depersonaliser(_key(args), birth_year=args.birth_year,
                          sensitive=SensitiveFilter())


def prepare_results(args: argparse.Namespace, results: Iterable[ParseResult]
                    ) -> Iterator[ParseResult]:
    """The results as the depersonalise options ask (for ``paxdata parse``). Raises
    :class:`UsageError` for bad options."""
    worker = depersonaliser_from_args(args)
    sensitive = SensitiveFilter() if args.filter_sensitive and worker is None else None
    for result in results:
        if worker is not None:
            yield worker.result(result)
        elif sensitive is not None:
            yield filter_sensitive(result, sensitive)
        else:
            yield result


# ---------------------------------------------------------------- the command
def configure(command: argparse.ArgumentParser) -> None:
    """Add the ``convert`` arguments."""
    command.add_argument("inputs", nargs="+", metavar="FILE",
                         help="input files, or folders read recursively")
    command.add_argument("--to", required=True, choices=tuple(FORMATS),
                         help="parquet: one file per table; jsonl: one traveller per line; "
                         "json: the JSON contract; edifact: each input written back (raw; "
                         "PNRGOV XML as PNRGOV EDIFACT); pnrgov-xml: each PNRGOV push as "
                         "IATA_PNRGOV_NotifRQ")
    command.add_argument("--out", required=True, metavar="DIR",
                         help="output folder (created when missing)")
    command.add_argument("--strict", action="store_true",
                         help="stop reading an input at its first error-severity defect")
    command.add_argument("--line-break", choices=("none", "lf", "crlf"), default="none",
                         help="edifact: line break after each segment (default none)")
    command.add_argument("--sender", metavar="ID",
                         help="edifact from PNRGOV XML: UNB sender (default: the push's "
                         "airline)")
    command.add_argument("--recipient", metavar="ID", default="UNKNOWN",
                         help="edifact from PNRGOV XML: UNB recipient (default UNKNOWN)")
    command.add_argument("--force", action="store_true", help="overwrite existing outputs")
    progress = command.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None,
                          help="always show the progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false",
                          help="never show the progress bar")
    add_depersonalise_arguments(command)


def _expand(names: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return found


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Progress:
    def __init__(self, paths: list[Path], wanted: bool | None) -> None:
        total = sum(_size(p) for p in paths)
        show = wanted if wanted is not None else (
            sys.stderr.isatty() and (len(paths) > 1 or total >= PROGRESS_BYTES))
        self.bar: Any = None
        if show:
            try:
                tqdm = importlib.import_module("tqdm").tqdm
            except ImportError:  # pragma: no cover - tqdm is a dependency
                return
            self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                            desc="paxdata convert", file=sys.stderr, leave=True)

    def advance(self, path: Path) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(path.name[-30:], refresh=False)
            self.bar.update(_size(path))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _Sink:
    """Where converted results go, per format."""

    def __init__(self, fmt: str, out: Path, line_break: str) -> None:
        self.fmt = fmt
        self.out = out
        self.line_break = line_break
        self.dataset: Any = None
        self.handle: BinaryIO | None = None
        self.results: list[ParseResult] = []
        self.used_names: set[str] = set()
        self.sender: str | None = None
        self.recipient = "UNKNOWN"

    def targets(self) -> list[Path]:
        if self.fmt == "parquet":
            return [self.out / f"{name}.parquet" for name in TABLES]
        if self.fmt in ("jsonl", "json"):
            return [self.out / FORMATS[self.fmt]]
        return []

    def open(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        if self.fmt == "parquet":
            self.dataset = ParquetDataset(self.out)
        elif self.fmt == "jsonl":
            self.handle = (self.out / FORMATS["jsonl"]).open("wb")

    def add(self, result: ParseResult) -> None:
        if self.fmt == "parquet":
            self.dataset.add(result)
        elif self.fmt == "jsonl":
            assert self.handle is not None
            self.handle.writelines(iter_lines([result]))
        elif self.fmt == "json":
            self.results.append(result)

    def edifact(self, path: Path, document: EdifactDocument,
                worker: Depersonaliser | None) -> Path:
        return self.write(path, path.name, _edifact_bytes(document, worker, self.line_break))

    def write(self, path: Path, name: str, data: bytes) -> Path:
        """Write ``data`` as ``name`` in the output folder (``-2``, ``-3``... when taken)."""
        stem, suffix = os.path.splitext(name)
        number = 1
        while name in self.used_names:
            number += 1
            name = f"{stem}-{number}{suffix}"
        self.used_names.add(name)
        target = self.out / name
        if target.resolve() == path.resolve():
            raise PaxdataError("the output would overwrite the input; choose another --out")
        target.write_bytes(data)
        return target

    def pnrgov_xml(self, path: Path, result: ParseResult, outcome: FileOutcome) -> None:
        """Each PNRGOV push of ``result`` as an IATA_PNRGOV_NotifRQ document."""
        written = 0
        for message in result.messages:
            if not isinstance(message, PnrgovMessage):
                outcome.reasons.append(f"a {getattr(message, 'message_type', 'non-PNRGOV')} "
                                       "message is not a PNRGOV push; not written")
                continue
            document = write_xml(message, name=str(path))
            target = self.write(path, path.stem + ".xml", document.data)
            outcome.notes.extend(f"{target.name}: {w.message} [{w.code}]"
                                 for w in document.warnings)
            written += 1
        if not written:
            raise PaxdataError("no PNRGOV push to write as PNRGOV XML")
        if outcome.reasons:
            outcome.status = "errors"

    def pnrgov_edifact(self, path: Path, result: ParseResult) -> None:
        """The PNRGOV pushes of a PNRGOV XML input as one PNRGOV EDIFACT interchange."""
        pushes = [_for_edifact(p) for p in result.pnrgov_messages]
        if not pushes:
            raise PaxdataError("no PNRGOV push to write as EDIFACT")
        first = pushes[0]
        sender = self.sender or (first.sender.system if first.sender else None) or \
            (first.flight.carrier if first.flight else None) or "UNKNOWN"
        envelope = pnrgov_envelope(sender, self.recipient,
                                   test_indicator=first.envelope.test_indicator)
        data = write_pnrgov(pushes, envelope, line_break=self.line_break, verify=False).data
        self.write(path, path.stem + ".edi", data)

    def close(self) -> None:
        if self.fmt == "parquet" and self.dataset is not None:
            self.dataset.close()
        elif self.handle is not None:
            self.handle.close()
        elif self.fmt == "json":
            (self.out / FORMATS["json"]).write_bytes(
                dumps(result_to_json(self.results), indent=True) + b"\n")


def _edifact_bytes(document: EdifactDocument, worker: Depersonaliser | None,
                   line_break: str) -> bytes:
    """Raw mode: the writers' lossless :func:`paxdata.writers.write_raw` when the data is
    written as read; depersonalised segments are encoded the same way (per interchange in
    its declared repertoire, UTF-8 when values fall outside it)."""
    if worker is None:
        return write_raw(document, line_break=line_break)
    return b"".join(
        encode_interchange(depersonalised_edifact(attrs.evolve(document, interchanges=(ic,)),
                                                  worker, line_break=line_break), ic)
        for ic in document.interchanges)


def run(args: argparse.Namespace) -> int:
    """Run ``paxdata convert``; returns the exit status."""
    try:
        worker = depersonaliser_from_args(args)
    except UsageError as error:
        print(f"paxdata convert: {error}", file=sys.stderr)
        return 2
    sensitive = SensitiveFilter() if args.filter_sensitive and worker is None else None
    if args.to == "parquet":
        try:
            importlib.import_module("pyarrow")
        except ImportError:
            print("paxdata convert: --to parquet needs pyarrow: pip install "
                  "'paxdata[arrow]'", file=sys.stderr)
            return 2
    paths = _expand(args.inputs)
    if not paths:
        print("paxdata convert: no input files", file=sys.stderr)
        return 2
    sink = _Sink(args.to, Path(args.out), {"none": "", "lf": "\n", "crlf": "\r\n"}[
        args.line_break])
    sink.sender = getattr(args, "sender", None)
    sink.recipient = getattr(args, "recipient", None) or "UNKNOWN"
    existing = [str(p) for p in sink.targets() if p.exists()]
    if existing and not args.force:
        print(f"paxdata convert: {', '.join(existing)} exist(s); use --force to overwrite",
              file=sys.stderr)
        return 2
    try:
        sink.open()
    except OSError as error:
        print(f"paxdata convert: cannot write to {args.out}: {error}", file=sys.stderr)
        return 1
    policy = STRICT if args.strict else LENIENT
    outcomes: list[FileOutcome] = []
    progress = _Progress(paths, args.progress)
    try:
        for path in paths:
            outcomes.append(_convert_one(path, sink, policy, worker, sensitive))
            progress.advance(path)
    finally:
        progress.close()
        try:
            sink.close()
        except OSError as error:
            print(f"paxdata convert: cannot write output: {error}", file=sys.stderr)
            return 1
    _report(outcomes, args, sys.stderr)
    return 0 if all(o.status == "ok" for o in outcomes) else 1


def _convert_one(path: Path, sink: _Sink, policy: Any, worker: Depersonaliser | None,
                 sensitive: SensitiveFilter | None) -> FileOutcome:
    outcome = FileOutcome(str(path))
    try:
        data = path.read_bytes()
        result = parse(data, policy=policy, name=str(path))
        xml = pnrgov_xml_input(data)
        if sink.fmt != "edifact" or xml:  # edifact depersonalises the segments themselves
            if worker is not None:
                result = worker.result(result)
            elif sensitive is not None:
                result = filter_sensitive(result, sensitive)
        outcome.messages = len(result.messages)
        outcome.travellers = (sum(len(m.travellers) for m in result.passenger_lists)
                              + sum(len(m.travellers) for m in result.pnrgov_messages)
                              + sum(len(m.travellers) for m in result.customs_responses))
        if sink.fmt == "edifact" and xml:
            sink.pnrgov_edifact(path, result)
        elif sink.fmt == "pnrgov-xml":
            sink.pnrgov_xml(path, result, outcome)
        elif sink.fmt == "edifact":
            document = read(data, policy=policy, name=str(path))
            if not document.interchanges:
                raise PaxdataError("no interchange to write")
            sink.edifact(path, document, worker)
        else:
            sink.add(result)
    except OSError as error:
        outcome.status = "failed"
        outcome.reasons.append(f"cannot read or write: {error.strerror or error}")
        return outcome
    except PaxdataError as error:
        outcome.status = "failed"
        outcome.reasons.append(_reason(error))
        return outcome
    except Exception as error:  # a bug must not stop the run: reported, like parse does
        outcome.status = "failed"
        outcome.reasons.append(f"internal error: {type(error).__name__}: {error}")
        return outcome
    if result.errors:
        outcome.status = "errors"
        outcome.reasons.extend(_reason(e) for e in result.errors)
    return outcome


def _without_xml(segments: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(s for s in segments if s.tag != "XML")


def _for_edifact(push: PnrgovMessage) -> PnrgovMessage:
    """A push read from PNRGOV XML, ready for the EDIFACT writer: what was kept as raw XML
    (``Segment`` tag ``XML``) cannot be an EDIFACT segment and is left out, and a version
    that is not a PADIS release (``NN:N``) is written as 13:1."""
    pnrs = []
    for pnr in push.pnrs:
        pnrs.append(attrs.evolve(
            pnr, unrecognised_segments=_without_xml(pnr.unrecognised_segments),
            travellers=tuple(attrs.evolve(t, unrecognised_segments=_without_xml(
                t.unrecognised_segments)) for t in pnr.travellers),
            itinerary=tuple(attrs.evolve(s, unrecognised_segments=_without_xml(
                s.unrecognised_segments)) for s in pnr.itinerary),
            non_air_segments=tuple(attrs.evolve(n, products=tuple(
                attrs.evolve(p, segment=None) if p.segment is not None
                and p.segment.tag == "XML" else p for p in n.products))
                for n in pnr.non_air_segments),
            history=tuple(attrs.evolve(h, actions=tuple(attrs.evolve(
                a, unrecognised_segments=_without_xml(a.unrecognised_segments))
                for a in h.actions)) for h in pnr.history)))
    version = push.version if re.fullmatch(r"\d+:\d+", push.version or "") else "13:1"
    return attrs.evolve(push, pnrs=tuple(pnrs), version=version,
                        unrecognised_segments=_without_xml(push.unrecognised_segments))


def pnrgov_xml_input(data: bytes) -> bool:
    """Whether an input's bytes are XML (PNRGOV XML), by their first bytes."""
    return looks_like_xml(data[:4096])


def _reason(error: PaxdataError) -> str:
    where = error.location.describe()
    return f"{where}: {error.message}" if where else error.message


def _report(outcomes: list[FileOutcome], args: argparse.Namespace, stream: Any) -> None:
    bad = [o for o in outcomes if o.status != "ok"]
    ok = len(outcomes) - len(bad)
    travellers = sum(o.travellers for o in outcomes if o.status != "failed")
    what = "depersonalised " if args.depersonalise else ""
    print(f"paxdata convert: {len(outcomes)} input(s), {ok} ok, "
          f"{sum(o.status == 'errors' for o in bad)} with errors, "
          f"{sum(o.status == 'failed' for o in bad)} failed; {travellers} traveller(s) "
          f"written as {what}{args.to} to {args.out}", file=stream)
    for outcome in outcomes:
        for note in outcome.notes:
            print(f"  {note}", file=stream)
    if not bad:
        return
    rows = [("FILE", "STATUS", "MESSAGES", "TRAVELLERS", "ERRORS", "FIRST ERROR")]
    rows += [(o.name, o.status, str(o.messages), str(o.travellers), str(len(o.reasons)),
              o.reasons[0] if o.reasons else "") for o in bad]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) if i in {0, 1} else row[i].rjust(widths[i])
                 for i in range(5)]
        print("  ".join([*cells, row[5]]).rstrip(), file=stream)
