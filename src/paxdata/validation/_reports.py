"""Reports of findings: text (one finding a line), JSON and a self-contained HTML page.

Text: ``FILE:segment N (TAG e2c1): ERROR RULE-ID message``; when the input holds several
messages the message reference follows the location (``FILE:segment 12 (NAT e2c1)
message M0002: ...``); findings without a segment read ``FILE:offset N: ...`` or
``FILE: ...``. JSON: ``docs/validation.md``. HTML: summary counts per rule and severity,
then each input's findings grouped by traveller (envelope and message findings first),
with the offending segment; every value is escaped and the page loads nothing external.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

import orjson

from paxdata._version import __version__
from paxdata.defects import Severity
from paxdata.validation._catalogue import catalogue
from paxdata.validation._findings import Finding

__all__ = ["finding_to_json", "html_report", "json_report", "text_lines"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class _Report:
    """What the reports need of one input (duck-typed :class:`InputReport`)."""

    input_name: str | None
    findings: tuple[Finding, ...]
    messages: int
    travellers: int


def _location(finding: Finding, several_messages: bool) -> str:
    where = finding.where()
    if several_messages and finding.message_reference:
        where = f"{where} message {finding.message_reference}" if where else \
            f"message {finding.message_reference}"
    return where


def text_lines(reports: Sequence[Any]) -> list[str]:
    """One line per finding, in input order."""
    lines = []
    for report in reports:
        several = report.messages > 1
        name = report.input_name or "<input>"
        for finding in report.findings:
            where = _location(finding, several)
            head = f"{name}:{where}" if where else name
            lines.append(f"{head}: {finding.severity.value.upper()} {finding.rule} "
                         f"{finding.message}")
    return lines


def segment_text(finding: Finding) -> str | None:
    """The offending segment in default EDIFACT notation (values unescaped)."""
    return str(finding.segment) if finding.segment is not None else None


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """A finding as a flat JSON object (``docs/validation.md``)."""
    subject = finding.subject
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "input": finding.input_name,
        "message_reference": finding.message_reference,
        "traveller": None if subject is None else {
            "index": subject.index, "name": subject.name, "kind": subject.kind},
        "segment_index": finding.segment_index,
        "tag": finding.tag,
        "element": finding.element,
        "component": finding.component,
        "value": finding.value,
        "offset": finding.offset,
        "line": finding.line,
        "segment": segment_text(finding),
    }


def _summary(reports: Sequence[Any]) -> dict[str, Any]:
    by_severity: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    severity_of: dict[str, str] = {}
    for report in reports:
        for finding in report.findings:
            by_severity[finding.severity.value] += 1
            by_rule[finding.rule] += 1
            severity_of[finding.rule] = finding.severity.value
    rules = catalogue().rules
    return {
        "inputs": len(reports),
        "messages": sum(r.messages for r in reports),
        "travellers": sum(r.travellers for r in reports),
        "findings": sum(by_severity.values()),
        "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
        "by_rule": {rule: {"severity": severity_of[rule], "count": count,
                           "description": rules[rule].description if rule in rules else ""}
                    for rule, count in sorted(by_rule.items())},
    }


def json_report(reports: Sequence[Any], profile: str, masked: bool) -> bytes:
    """The JSON report of every input."""
    payload = {
        "paxdata_version": __version__,
        "profile": profile,
        "masked": masked,
        "summary": _summary(reports),
        "inputs": [{"input": r.input_name, "profile": getattr(r, "profile", None) or profile,
                    "messages": r.messages, "travellers": r.travellers,
                    "findings": [finding_to_json(f) for f in r.findings]} for r in reports],
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n"


_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;color:#1d1d1f}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:1.2em 0 .4em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;
text-align:left;vertical-align:top}th{background:#f4f4f4}
.error{color:#fff;background:#b3261e}.warning{color:#1d1d1f;background:#f6c343}
.info{color:#fff;background:#3b6ea8}.sev{padding:0 .4em;border-radius:3px;font-size:.85em}
pre{margin:.2em 0;padding:.3em;background:#f7f7f7;white-space:pre-wrap;word-break:break-all}
.muted{color:#666}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _badge(severity: str) -> str:
    return f'<span class="sev {_e(severity)}">{_e(severity.upper())}</span>'


def html_report(reports: Sequence[Any], profile: str, masked: bool) -> bytes:
    """One self-contained HTML page: summary, then findings per input and traveller."""
    summary = _summary(reports)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>paxdata validation report</title>", f"<style>{_STYLE}</style></head><body>",
           "<h1>paxdata validation report</h1>",
           f'<p class="muted">profile {_e(profile)}; {summary["inputs"]} input(s), '
           f'{summary["messages"]} message(s), {summary["travellers"]} traveller(s); '
           f'paxdata {_e(__version__)}{"; personal values masked" if masked else ""}</p>',
           "<h2>Summary</h2><table><tr><th>severity</th><th>findings</th></tr>"]
    for severity, count in summary["by_severity"].items():
        out.append(f"<tr><td>{_badge(severity)}</td><td>{count}</td></tr>")
    out.append("</table><table><tr><th>rule</th><th>severity</th><th>findings</th>"
               "<th>description</th></tr>")
    rules = summary["by_rule"]
    for rule in sorted(rules, key=lambda r: (-rules[r]["count"], r)):
        entry = rules[rule]
        out.append(f"<tr><td>{_e(rule)}</td><td>{_badge(entry['severity'])}</td>"
                   f"<td>{entry['count']}</td><td>{_e(entry['description'])}</td></tr>")
    out.append("</table>")
    for report in reports:
        out.append(f"<h2>{_e(report.input_name or '<input>')}</h2>")
        if not report.findings:
            out.append('<p class="muted">no findings</p>')
            continue
        groups: dict[tuple[Any, ...], list[Finding]] = {}
        for finding in report.findings:
            subject = finding.subject
            key = (finding.message_reference or "", subject.kind, subject.index,
                   subject.name) if subject else (finding.message_reference or "", "", 0, None)
            groups.setdefault(key, []).append(finding)
        for (reference, kind, index, name), findings in groups.items():
            if kind:
                title = f"{kind} {index}" + (f": {name}" if name else "")
            else:
                title = "envelope and message"
            where = f" (message {reference})" if reference else ""
            out.append(f"<h3>{_e(title)}{_e(where)}</h3>")
            out.append("<table><tr><th>severity</th><th>rule</th><th>where</th>"
                       "<th>finding</th><th>segment</th></tr>")
            for finding in sorted(findings, key=lambda f: _ORDER[f.severity]):
                value = f"<br><span class=\"muted\">value: {_e(finding.value)}</span>" \
                    if finding.value is not None else ""
                line = f", line {finding.line}" if finding.line is not None else ""
                segment = segment_text(finding)
                shown = f"<pre>{_e(segment)}</pre>" if segment else ""
                out.append(f"<tr><td>{_badge(finding.severity.value)}</td>"
                           f"<td>{_e(finding.rule)}</td><td>{_e(finding.where())}{_e(line)}</td>"
                           f"<td>{_e(finding.message)}{value}</td><td>{shown}</td></tr>")
            out.append("</table>")
    out.append("</body></html>")
    return ("\n".join(out) + "\n").encode("utf-8")
