"""``paxdata validate FILE... [--profile NAME|PATH] [--format text|json|html]
[--fail-on error|warning] [--mask] [--xsd-dir DIR] [-o FILE]``.

PNRGOV XML inputs are validated against the IATA schemas in ``--xsd-dir`` (default: the
environment variable ``PAXDATA_PNRGOV_XSD_DIR``), each schema error a finding with line
and column, then checked by the same PNRGOV rules as EDIFACT.

Exit status: 0 when no finding is at or above the fail level (``error`` by default), 1
otherwise (an unreadable input counts as an error), 2 for usage errors (bad arguments, a
profile that cannot be loaded). Never a traceback: a failure inside paxdata is reported as
a ``VAL-INTERNAL`` finding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paxdata.defects import Severity
from paxdata.errors import PaxdataError
from paxdata.pnrgov_xml import SCHEMA_ENV, SchemaError, load_schema, schema_folder
from paxdata.validation import InputReport, ProfileError, load_profile, validate_input
from paxdata.validation._catalogue import catalogue
from paxdata.validation._findings import Finding
from paxdata.validation._profiles import Profile, builtin_profiles
from paxdata.validation._reports import html_report, json_report, text_lines

__all__ = ["SUMMARY", "configure", "run"]

SUMMARY = "check messages against a profile's rules and report located findings"


def configure(command: argparse.ArgumentParser) -> None:
    """Add the ``validate`` arguments."""
    command.add_argument("inputs", nargs="+", metavar="FILE",
                         help="input files; '-' reads standard input")
    command.add_argument("--profile", default=None, metavar="NAME|PATH",
                         help=f"built-in profile ({', '.join(builtin_profiles())}) or a TOML "
                         "profile file (default: pnrgov for PNRGOV pushes, wco for anything "
                         "else)")
    command.add_argument("--format", choices=("text", "json", "html"), default="text",
                         help="text: one finding a line (default); json; html: one page")
    command.add_argument("--fail-on", choices=("error", "warning"), default="error",
                         help="exit 1 when a finding is at or above this severity "
                         "(default: error)")
    command.add_argument("--mask", action="store_true",
                         help="hide personal values (names, document numbers, dates of birth,"
                         " contacts) in the output")
    command.add_argument("--xsd-dir", metavar="DIR",
                         help="folder of the IATA PNRGOV XML schemas (IATA_PNRGOV_NotifRQ.xsd "
                         "and the files it includes): PNRGOV XML inputs are validated "
                         f"against them (default: ${SCHEMA_ENV})")
    command.add_argument("-o", "--output", metavar="FILE",
                         help="write the report to FILE instead of stdout")


def _unreadable(name: str, error: Exception) -> InputReport:
    rule = "VAL-INPUT-UNREADABLE" if isinstance(error, PaxdataError) else "VAL-INTERNAL"
    text = error.message if isinstance(error, PaxdataError) else \
        f"internal error while validating: {type(error).__name__}: {error}"
    finding = Finding(rule, catalogue().rules[rule].severity, text, name)
    return InputReport(name, (finding,), 0, 0)


def _one(name: str, profile: Profile | None, mask: bool,
         xsd_dir: str | None = None) -> InputReport:
    try:
        if name == "-":
            return validate_input(sys.stdin.buffer.read(), profile, name="<stdin>", mask=mask,
                                  xsd_dir=xsd_dir)
        return validate_input(Path(name), profile, name=name, mask=mask, xsd_dir=xsd_dir)
    except Exception as error:
        return _unreadable(name, error)


def run(args: argparse.Namespace) -> int:
    """Validate every input, print the report, return the exit status."""
    try:
        profile = load_profile(args.profile) if args.profile is not None else None
    except ProfileError as error:
        print(f"paxdata validate: {error}", file=sys.stderr)
        return 2
    xsd_dir = getattr(args, "xsd_dir", None)
    folder = schema_folder(xsd_dir)
    if folder is not None:
        try:
            load_schema(folder)
        except SchemaError as error:
            print(f"paxdata validate: {error.message}", file=sys.stderr)
            return 2
    reports = [_one(name, profile, args.mask, xsd_dir) for name in args.inputs]
    label = profile.name if profile is not None else \
        ", ".join(sorted({r.profile for r in reports if r.profile})) or "wco"
    if args.format == "json":
        payload = json_report(reports, label, args.mask)
    elif args.format == "html":
        payload = html_report(reports, label, args.mask)
    else:
        lines = text_lines(reports)
        payload = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    try:
        if args.output:
            Path(args.output).write_bytes(payload)
        else:
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
    except OSError as error:
        print(f"paxdata validate: cannot write the report: {error}", file=sys.stderr)
        return 2
    counts = {s: sum(1 for r in reports for f in r.findings if f.severity is s)
              for s in Severity}
    if args.format == "text":
        print(f"{len(reports)} input(s): {counts[Severity.ERROR]} error(s), "
              f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info",
              file=sys.stderr)
    failing = {Severity.ERROR} if args.fail_on == "error" else {Severity.ERROR,
                                                                 Severity.WARNING}
    return 1 if any(counts[s] for s in failing) else 0
