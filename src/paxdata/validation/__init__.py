"""Validation: rules over PAXLST (and, as their modules arrive, other families), located
findings, profiles and reports.

::

    from paxdata.validation import validate
    for finding in validate(Path("list.edi"), profile="eu-api-2025"):
        print(finding.rule, finding.severity, finding.where(), finding.message)

:func:`validate` takes raw input (bytes, ``str`` of EDIFACT text, a path, a binary file),
a :class:`~paxdata.ParseResult` or one typed message (a
:class:`~paxdata.paxlst.PassengerList`). Raw input is checked completely (envelope,
syntax, element lengths, repertoire and every record rule); parsed input has no syntax
tree left, so only the record rules and the readers' recorded defects are checked.

The rules (id, severity, description, source) are in ``specs/validation/rules/*.toml``
and :data:`RULES`; profiles (``wco``, the default, ``eu-api-2025``, ``us-apis``,
``pnrgov``, or a user TOML file) select them and tune severities, required elements and
code lists (:func:`load_profile`). ``docs/validation.md`` lists every rule.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from paxdata._gc import paused_gc
from paxdata._parse import ParseResult
from paxdata.cusres import CustomsResponse
from paxdata.edifact._source import InputLike
from paxdata.paxlst import PassengerList
from paxdata.pnrgov import PnrgovMessage
from paxdata.validation._catalogue import Catalogue, Rule, catalogue
from paxdata.validation._checkdigits import MrzCheck, check_digit, find_mrz, verify_mrz
from paxdata.validation._engine import Checker, RuleModule, modules, run_modules
from paxdata.validation._findings import Finding, Subject
from paxdata.validation._input import InputView, MessageView, read_input, view_of
from paxdata.validation._masking import Masker, personal_segment_values
from paxdata.validation._profiles import (
    DEFAULT_PROFILE,
    Profile,
    ProfileError,
    builtin_profiles,
    load_profile,
)
from paxdata.validation._providers import (
    AirportLookup,
    Airports,
    CountryCodes,
    CountryLookup,
    default_airports,
    default_countries,
)

__all__ = [
    "RULES",
    "AirportLookup",
    "Airports",
    "Catalogue",
    "Checker",
    "CountryCodes",
    "CountryLookup",
    "Finding",
    "InputReport",
    "InputView",
    "MessageView",
    "MrzCheck",
    "Profile",
    "ProfileError",
    "Rule",
    "RuleModule",
    "Subject",
    "builtin_profiles",
    "catalogue",
    "check_digit",
    "default_profile_for",
    "find_mrz",
    "load_profile",
    "modules",
    "validate",
    "validate_input",
    "verify_mrz",
]

#: Every rule by id (from ``specs/validation/rules/*.toml``).
RULES: dict[str, Rule] = catalogue().rules


@attrs.frozen(slots=True)
class InputReport:
    """The findings of one input, with what was read: ``messages`` (UNH..UNT) and
    ``travellers`` (PAXLST and CUSRES travellers, PNR travellers of PNRGOV pushes), and
    ``profile``, the name of the profile the input was checked against."""

    input_name: str | None
    findings: tuple[Finding, ...]
    messages: int
    travellers: int
    profile: str | None = None


def default_profile_for(view: InputView) -> str:
    """The profile an input is checked against when none is named: ``"pnrgov"`` when it
    holds PNRGOV pushes (EDIFACT or XML) and no passenger list or customs response,
    ``"wco"`` otherwise (API, interactive API answers, mixed or unreadable inputs)."""
    pnrgov = api = False
    for message_view in view.messages:
        if isinstance(message_view.message, PnrgovMessage):
            pnrgov = True
        elif isinstance(message_view.message, (PassengerList, CustomsResponse)):
            api = True
    return "pnrgov" if pnrgov and not api else DEFAULT_PROFILE


def _view(data: Any, name: str | None, xsd_dir: str | os.PathLike[str] | None = None
          ) -> InputView:
    if isinstance(data, ParseResult):
        return view_of(data)
    if hasattr(data, "message_type") and hasattr(data, "warnings") and \
            not isinstance(data, (bytes, bytearray, memoryview, str, Path)):
        envelope = getattr(data, "envelope", None)
        input_name = name or getattr(envelope, "input_name", None)
        return view_of(ParseResult(input_name, (data,)))
    return read_input(data, name, xsd_dir=xsd_dir)


def validate_input(data: InputLike | ParseResult | Any, profile: str | Path | Profile | None = None,
                   *, name: str | None = None, mask: bool = False, today: date | None = None,
                   countries: CountryLookup | None = None,
                   airports: AirportLookup | None = None,
                   xsd_dir: str | os.PathLike[str] | None = None) -> InputReport:
    """Validate one input and say what was read; see :func:`validate`."""
    resolved = load_profile(profile) if profile is not None else None
    with paused_gc():
        view = _view(data, name, xsd_dir)
        if resolved is None:
            resolved = load_profile(default_profile_for(view))
        checker = Checker(view, resolved, today or date.today(),
                          countries or default_countries(), airports or default_airports())
        findings = run_modules(view, checker)
        if mask:
            masker = Masker(_personal_values(view))
            findings = [masker.finding(f) for f in findings]
    travellers = sum(len(getattr(m.message, "travellers", ())) for m in view.messages)
    return InputReport(view.name, tuple(findings), len(view.messages), travellers,
                       resolved.name)


def validate(data: InputLike | ParseResult | Any, profile: str | Path | Profile | None = None,
             *, name: str | None = None, mask: bool = False, today: date | None = None,
             countries: CountryLookup | None = None,
             airports: AirportLookup | None = None,
             xsd_dir: str | os.PathLike[str] | None = None) -> list[Finding]:
    """Check ``data`` against the rules of ``profile``; returns the findings, in input
    order.

    ``data``: raw input (bytes, a ``str`` of EDIFACT text, a path, a binary file), a
    :class:`~paxdata.ParseResult`, or one typed message such as a
    :class:`~paxdata.paxlst.PassengerList`. ``profile``: a built-in name (``"wco"``,
    ``"eu-api-2025"``, ``"us-apis"``, ``"pnrgov"``), a path to a TOML profile, or a
    :class:`Profile`; none: ``pnrgov`` for an input of PNRGOV pushes, ``wco`` for anything
    else (:func:`default_profile_for`). ``mask``: hide personal values in the findings
    (names, document numbers, dates of birth, contacts). ``today``: the date "in the
    future" and expiry checks compare with (default: the system date).
    ``countries``/``airports``: other reference data providers (default: pycountry plus
    Doc 9303 codes; airportsdata).
    ``xsd_dir``: for PNRGOV XML, the folder of the IATA schemas to validate against
    (default: the environment variable ``PAXDATA_PNRGOV_XSD_DIR``; none: not validated,
    with an XML-XSD-SKIPPED note); each schema error is a finding with line and column.

    Raises :class:`~paxdata.errors.InputError` when raw input cannot be read (missing
    file) and :class:`ProfileError` for a profile that cannot be loaded; bad content
    never raises, it is reported.
    """
    return list(validate_input(data, profile, name=name, mask=mask, today=today,
                               countries=countries, airports=airports,
                               xsd_dir=xsd_dir).findings)


def _personal_values(view: InputView) -> Iterable[str]:
    if view.document is not None:
        for interchange in view.document.interchanges:
            for segment in interchange.all_segments():
                yield from personal_segment_values(segment)
    for message_view in view.messages:
        for module in modules():
            if module.personal_values is not None and module.message_types \
                    and isinstance(message_view.message, module.message_types):
                yield from module.personal_values(message_view.message)
