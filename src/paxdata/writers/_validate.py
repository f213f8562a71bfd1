"""The validation step a writer runs on what it built, when the caller plugs one in.

A writer calls the step with each interchange exactly as it would be sent (bytes in the
declared repertoire) and collects its findings: paxdata :class:`~paxdata.defects.Defect`
values, findings of paxdata's validation layer, or anything else with a ``severity`` and
a ``message``. With ``on_findings="raise"`` an error-severity finding stops the write
(:class:`~paxdata.writers.WriteError` ``WRITE-REJECTED``), so a carrier cannot send what
its checks reject; with ``"return"`` the findings come back on the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, Protocol

from paxdata.defects import Location, Severity
from paxdata.writers._envelope import WriteError, WrittenInterchange

__all__ = ["Finding", "OnFindings", "Validator", "run_validation"]


class Finding(Protocol):
    """What a validation step reports: at least a severity and a message (a
    :class:`~paxdata.defects.Defect`, a finding of the validation layer...)."""

    @property
    def severity(self) -> Severity: ...

    @property
    def message(self) -> str: ...


#: A validation step: the bytes of one written interchange in, its findings out. For
#: example ``lambda data: paxdata.validation.validate(data, "wco")``.
Validator = Callable[[bytes], Iterable[Finding]]
#: What a writer does with error-severity findings: raise, or return them.
OnFindings = Literal["raise", "return"]


def _location(finding: Finding) -> Location:
    location = getattr(finding, "location", None)
    if isinstance(location, Location):
        return location
    return Location(input_name=getattr(finding, "input_name", None),
                    segment_index=getattr(finding, "segment_index", None),
                    tag=getattr(finding, "tag", None), element=getattr(finding, "element", None),
                    component=getattr(finding, "component", None),
                    message_reference=getattr(finding, "message_reference", None))


def run_validation(interchanges: Iterable[WrittenInterchange], validate: Validator,
                   on_findings: OnFindings) -> tuple[Finding, ...]:
    """The findings of ``validate`` on every interchange; raises :class:`WriteError`
    (``WRITE-REJECTED``, with all findings on ``.findings``) for an error-severity
    finding when ``on_findings`` is ``"raise"``."""
    findings: list[Finding] = []
    for interchange in interchanges:
        findings.extend(validate(interchange.data))
    if on_findings == "raise":
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            first = errors[0]
            raise WriteError("WRITE-REJECTED",
                             f"the validation step rejected what was written ({len(errors)} "
                             f"error(s)); first: {first.message}", _location(first),
                             findings=tuple(findings))
    return tuple(findings)
