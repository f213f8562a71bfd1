"""The rule catalogue: every rule's id, default severity, description and source, read
from ``specs/validation/rules/*.toml`` (one file per message family), and the table that
maps parser defect codes to rule ids."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import attrs

from paxdata._specs import specs_root
from paxdata.defects import Severity

__all__ = ["CATALOGUE", "Catalogue", "Rule", "catalogue"]


@attrs.frozen(slots=True)
class Rule:
    """A rule: stable ``id``, default ``severity``, one-line ``description``, ``source``
    (guideline and section, or regulation and article), the message ``family`` whose
    catalogue defines it and ``check``: ``"parser"`` when its findings come from the
    readers' located defects, ``"validator"`` when paxdata.validation checks it."""

    id: str
    severity: Severity
    description: str
    source: str
    family: str
    check: str = "validator"


@attrs.frozen(slots=True)
class Catalogue:
    """Every rule by id, the defect map (``"CODE"``, ``"CODE TAG"`` or ``"CODE TAG N"`` ->
    rule id, ``"-"`` for defects a validator rule re-checks itself), and each family's
    other tables (code lists, element vocabulary) by family name."""

    rules: dict[str, Rule]
    defects: dict[str, str]
    tables: dict[str, dict[str, Any]]

    def rule_for_defect(self, code: str, tag: str | None, element: int | None) -> str | None:
        """The rule id for a parser defect; ``"-"`` when superseded, ``None`` when
        unmapped."""
        defects = self.defects
        if tag:
            if element is not None:
                found = defects.get(f"{code} {tag} {element}")
                if found is not None:
                    return found
            found = defects.get(f"{code} {tag}")
            if found is not None:
                return found
        return defects.get(code)


def _load() -> Catalogue:
    rules: dict[str, Rule] = {}
    defects: dict[str, str] = {}
    tables: dict[str, dict[str, Any]] = {}
    folder = specs_root() / "validation" / "rules"
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        family = str(data.get("family", path.stem))
        for rule_id, entry in data.get("rules", {}).items():
            if rule_id in rules:
                raise ValueError(f"{path.name}: rule {rule_id} is already defined")
            rules[rule_id] = Rule(rule_id, Severity(entry["severity"]),
                                  entry["description"], entry["source"], family,
                                  entry.get("check", "validator"))
        for key, rule_id in data.get("defects", {}).items():
            defects[key] = rule_id
        tables[family] = data
    for key, rule_id in defects.items():
        if rule_id != "-" and rule_id not in rules:
            raise ValueError(f"defect map {key!r} names unknown rule {rule_id}")
    return Catalogue(rules, defects, tables)


@cache
def catalogue() -> Catalogue:
    """The catalogue, loaded once from ``specs/validation/rules/*.toml``."""
    return _load()


CATALOGUE = catalogue()
