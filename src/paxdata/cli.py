"""The ``paxdata`` command line: the edge where files, stdin and exit codes live.

Commands are registered in :data:`COMMANDS` (name -> (help, configure, run)); each module
that adds one keeps its arguments and its run function together.

``paxdata parse FILE... [-]``: read each input (``-`` is standard input), print the JSON
contract (``--format json``, the default) or one message per line (``--format jsonl``).
Exit status: 0 when every input was read, 1 when any input had errors (each reported on
standard error as ``FILE: segment N (TAG): message``), 2 for usage errors. Never a
traceback: unexpected failures are reported as errors too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from paxdata import _convert
from paxdata._parse import ParseResult, parse
from paxdata._version import __version__
from paxdata.defects import Location
from paxdata.errors import PaxdataError
from paxdata.policy import Policy
from paxdata.serializers import json as json_out
from paxdata.validation import cli as _validate

__all__ = ["COMMANDS", "main", "read_inputs", "write_output"]

Configure = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


def read_inputs(names: Sequence[str], strict: bool, show_values: bool = False
                ) -> tuple[list[ParseResult], bool]:
    """Parse every input; print its errors on stderr. Returns (results, any errors)."""
    results: list[ParseResult] = []
    failed = False
    policy = Policy(strict=strict, show_values=show_values)
    for name in names:
        result, errors = _read_one(name, policy)
        for error in errors:
            print(str(error), file=sys.stderr)
        failed = failed or bool(errors)
        if result is not None:
            results.append(result)
    return results, failed


def _read_one(name: str, policy: Policy) -> tuple[ParseResult | None, list[PaxdataError]]:
    try:
        if name == "-":
            result = parse(sys.stdin.buffer.read(), policy=policy, name="<stdin>")
        else:
            result = parse(Path(name), policy=policy, name=name)
    except PaxdataError as error:
        if error.location.input_name is None:
            error.location = attrs.evolve(error.location, input_name=name)
        return None, [error]
    except Exception as error:
        return None, [PaxdataError(
            f"internal error while reading: {type(error).__name__}: {error}",
            Location(input_name=name))]
    return result, list(result.errors)


def write_output(payload: bytes, output: str | None) -> bool:
    """Write to ``output`` (a path) or stdout; report failure on stderr."""
    try:
        if output:
            Path(output).write_bytes(payload)
        else:
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
    except OSError as error:
        print(f"paxdata: cannot write output: {error}", file=sys.stderr)
        return False
    return True


def _configure_parse(command: argparse.ArgumentParser) -> None:
    command.add_argument("inputs", nargs="+", metavar="FILE",
                         help="input files; '-' reads standard input")
    command.add_argument("--format", choices=("json", "jsonl"), default="json",
                         help="json: one document for all inputs (default); jsonl: one "
                         "message per line")
    command.add_argument("--strict", action="store_true",
                         help="stop an input at its first error-severity defect")
    command.add_argument("--show-values", action="store_true",
                         help="quote data values in warning and error messages (off by "
                         "default: messages name the place and the rule, not personal data)")
    command.add_argument("--compact", action="store_true", help="JSON without indentation")
    command.add_argument("-o", "--output", metavar="FILE",
                         help="write to FILE instead of stdout")
    _convert.add_depersonalise_arguments(command)


def _run_parse(args: argparse.Namespace) -> int:
    results, failed = read_inputs(args.inputs, args.strict, args.show_values)
    try:
        results = list(_convert.prepare_results(args, results))
    except _convert.UsageError as error:
        print(f"paxdata parse: {error}", file=sys.stderr)
        return 2
    if args.format == "jsonl":
        payload = b"".join(json_out.iter_jsonl(results))
    else:
        payload = json_out.dumps(json_out.result_to_json(results),
                                 indent=not args.compact) + b"\n"
    if not write_output(payload, args.output):
        return 1
    return 1 if failed else 0


#: The commands: name -> (one-line help, add arguments, run).
COMMANDS: dict[str, tuple[str, Configure, Run]] = {
    "parse": ("parse messages into typed records and print them as JSON",
              _configure_parse, _run_parse),
    "validate": (_validate.SUMMARY, _validate.configure, _validate.run),
    "convert": (_convert.HELP, _convert.configure, _convert.run),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paxdata",
        description="Read, check and write airline passenger data (PAXLST, PNRGOV, CUSRES).")
    parser.add_argument("--version", action="version", version=f"paxdata {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, configure, _) in COMMANDS.items():
        configure(commands.add_parser(name, help=summary, description=summary))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else 2
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    return COMMANDS[args.command][2](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
