"""Profiles: which rules run, at which severity, which elements are required, which code
lists and parameters apply. Built-in profiles are ``specs/validation/profiles/*.toml``; a
user profile is a TOML file of the same format (usually ``extends`` a built-in one).

Format (every table optional)::

    [profile]
    name = "my-state"
    title = "..."
    source = "..."
    extends = "wco"                 # a built-in name or a path (relative to this file)

    [rules]
    enable = ["ENV-*", "PAX-*"]     # glob patterns over rule ids
    disable = ["PAX-NAME-CHARS"]    # disable wins over enable

    [severity]
    "PAX-DOC-EXPIRED" = "warning"   # error | warning | info

    [required]                      # replaces the parent's list for a scope
    traveller = ["surname", "date_of_birth"]
    [required.add]                  # adds to the parent's list
    traveller = ["seat"]
    [required.remove]
    traveller = ["gender"]

    [codes]                         # replaces the parent's code list
    document_types = ["P", "I"]

    [parameters]
    document_validity_days = 180
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from paxdata._specs import specs_root
from paxdata.defects import Severity
from paxdata.validation._catalogue import catalogue

__all__ = ["Profile", "ProfileError", "builtin_profiles", "load_profile"]

DEFAULT_PROFILE = "wco"
_SCOPES = ("flight", "message", "traveller", "travel_document")


class ProfileError(ValueError):
    """A profile that cannot be loaded: unknown name, unreadable file, bad TOML, unknown
    rule pattern, element or severity. The message says which and where."""


@attrs.frozen(slots=True)
class Profile:
    """A resolved profile.

    ``rules``: every enabled rule id with its severity. ``required``: scope (``flight``,
    ``message``, ``traveller``, ``travel_document``) -> element names (see
    ``[elements]`` in ``specs/validation/rules/paxlst.toml``). ``codes``: code list name
    -> accepted codes. ``parameters``: named values (``document_validity_days``...).
    ``path``: the file it was read from.
    """

    name: str
    title: str
    source: str
    rules: Mapping[str, Severity]
    required: Mapping[str, tuple[str, ...]]
    codes: Mapping[str, frozenset[str]]
    parameters: Mapping[str, Any]
    path: str | None = None

    def enabled(self, rule_id: str) -> bool:
        """True when the rule runs under this profile."""
        return rule_id in self.rules

    def parameter(self, name: str, default: Any) -> Any:
        """A named parameter, or ``default``."""
        return self.parameters.get(name, default)


def _builtin_folder() -> Path:
    return specs_root() / "validation" / "profiles"


def builtin_profiles() -> list[str]:
    """Names of the built-in profiles (``wco`` is the default)."""
    return list(_builtin_names())


@cache
def _builtin_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _builtin_folder().glob("*.toml")))


def load_profile(profile: str | Path | Profile | None = None) -> Profile:
    """Load a profile by built-in name (``"wco"``, ``"eu-api-2025"``, ``"us-apis"``,
    ``"pnrgov"``) or from a TOML file path; ``None`` gives the default (``wco``).

    Raises :class:`ProfileError` when the profile cannot be loaded.
    """
    if isinstance(profile, Profile):
        return profile
    name = profile if profile is not None else DEFAULT_PROFILE
    if isinstance(name, str) and name in builtin_profiles():
        return _builtin(name)
    return _resolve(_read(name, None), set())


@cache
def _builtin(name: str) -> Profile:
    return _resolve(_read(name, None), set())


def _read(ref: str | Path, base: Path | None) -> tuple[dict[str, Any], Path]:
    text = str(ref)
    builtin = _builtin_folder() / f"{text}.toml"
    if isinstance(ref, str) and "/" not in text and not text.endswith(".toml") \
            and builtin.is_file():
        path = builtin
    else:
        path = Path(text)
        if base is not None and not path.is_absolute():
            path = base / path
        if not path.is_file():
            known = ", ".join(builtin_profiles())
            raise ProfileError(f"unknown profile {text!r}: neither a built-in profile ({known}) "
                               "nor a readable TOML file")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), path
    except OSError as error:
        raise ProfileError(f"cannot read profile {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"profile {path} is not valid TOML: {error}") from None


def _resolve(loaded: tuple[dict[str, Any], Path], seen: set[Path]) -> Profile:
    data, path = loaded
    resolved = path.resolve()
    if resolved in seen:
        raise ProfileError(f"profile {path} extends itself")
    seen = seen | {resolved}
    head = _table(data, "profile", path)
    parent: Profile | None = None
    extends = head.get("extends")
    if extends:
        parent = _resolve(_read(str(extends), path.parent), seen)
    cat = catalogue()
    severities: dict[str, Severity] = dict(parent.rules) if parent else {}
    rules = _table(data, "rules", path)
    for pattern in _strings(rules.get("enable", []), "rules.enable", path):
        for rule_id in _matching(pattern, path):
            severities.setdefault(rule_id, cat.rules[rule_id].severity)
    for pattern in _strings(rules.get("disable", []), "rules.disable", path):
        for rule_id in _matching(pattern, path):
            severities.pop(rule_id, None)
    for rule_id, value in _table(data, "severity", path).items():
        if rule_id not in cat.rules:
            raise ProfileError(f"profile {path}: [severity] names unknown rule {rule_id!r}")
        severity = _severity(value, rule_id, path)
        if rule_id in severities:
            severities[rule_id] = severity
    required = {scope: list(parent.required.get(scope, ())) if parent else []
                for scope in _SCOPES}
    table = _table(data, "required", path)
    elements = {name: entry for family in cat.tables.values()
                for name, entry in family.get("elements", {}).items()}
    for scope, names in table.items():
        if scope in ("add", "remove"):
            continue
        _scope(scope, path)
        required[scope] = _elements(names, scope, elements, path)
    for scope, names in _table(table, "add", path).items():
        for name in _elements(names, _scope(scope, path), elements, path):
            if name not in required[scope]:
                required[scope].append(name)
    for scope, names in _table(table, "remove", path).items():
        drop = set(_elements(names, _scope(scope, path), elements, path))
        required[scope] = [n for n in required[scope] if n not in drop]
    codes = dict(parent.codes) if parent else {}
    for name, values in _table(data, "codes", path).items():
        codes[name] = frozenset(_strings(values, f"codes.{name}", path))
    parameters = dict(parent.parameters) if parent else {}
    parameters.update(_table(data, "parameters", path))
    return Profile(
        name=str(head.get("name", path.stem)),
        title=str(head.get("title", parent.title if parent else "")),
        source=str(head.get("source", parent.source if parent else "")),
        rules=severities,
        required={scope: tuple(names) for scope, names in required.items()},
        codes=codes,
        parameters=parameters,
        path=str(path),
    )


def _table(data: Mapping[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProfileError(f"profile {path}: [{key}] must be a table")
    return value


def _strings(value: Any, what: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"profile {path}: {what} must be a list of strings")
    return value


def _matching(pattern: str, path: Path) -> list[str]:
    rules = catalogue().rules
    if any(c in pattern for c in "*?["):
        return [rule_id for rule_id in rules if fnmatch.fnmatchcase(rule_id, pattern)]
    if pattern not in rules:
        raise ProfileError(f"profile {path}: unknown rule {pattern!r}")
    return [pattern]


def _severity(value: Any, rule_id: str, path: Path) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ProfileError(f"profile {path}: severity {value!r} of {rule_id} is not error, "
                           "warning or info") from None


def _scope(scope: str, path: Path) -> str:
    if scope not in _SCOPES:
        raise ProfileError(f"profile {path}: [required] scope {scope!r} is not one of "
                           f"{', '.join(_SCOPES)}")
    return scope


def _elements(names: Any, scope: str, elements: Mapping[str, Any], path: Path) -> list[str]:
    found = _strings(names, f"required.{scope}", path)
    for name in found:
        entry = elements.get(name)
        if entry is None or entry.get("scope") != scope:
            known = ", ".join(n for n, e in elements.items() if e.get("scope") == scope)
            raise ProfileError(f"profile {path}: {name!r} is not a {scope} element "
                               f"(known: {known})")
    return found
