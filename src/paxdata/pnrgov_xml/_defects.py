"""The PNRGOV XML defect kinds (``XML-*``), registered in :data:`paxdata.defects.KINDS`.

Where a PNRGOV XML deviation means the same as an EDIFACT one, the reader reports the
PNRGOV code instead (PNR-COUNT-MISMATCH, PNR-CANCELLED, PNR-REFERENCE-UNRESOLVED,
PNR-REFERENCE-DUPLICATE, PNR-SSR-FORMAT, PNR-UNREADABLE), so the same validation rules
apply to both forms.
"""

from __future__ import annotations

from paxdata.defects import kind, register

__all__ = ["XML_KINDS"]

_XSD = "IATA PADIS XML schema IATA_PNRGOV_NotifRQ (release 2021.2)"
_XML = "W3C XML 1.0"

XML_KINDS = (
    kind("XML-MALFORMED", "error",
         "input that is not well-formed XML; reading stopped there (PNRs read before kept)",
         f"{_XML} section 2.1 (well-formed documents)"),
    kind("XML-DTD-REFUSED", "error",
         "a document type declaration (DTD); refused and nothing read (entity and XXE "
         "protection)",
         f"{_XML} section 2.8; {_XSD} (no DTD); OWASP XXE prevention"),
    kind("XML-LIMIT", "error",
         "a PNR (or the XML between two PNRs) larger than the reader's limit; reading stopped",
         "paxdata pnrgov_xml max_pnr_bytes (bounded memory)"),
    kind("XML-NOT-PNRGOV", "error",
         "XML without IATA_PNRGOV_NotifRQ or PNR elements; nothing read",
         f"{_XSD}, root element IATA_PNRGOV_NotifRQ"),
    kind("XML-ROOT-UNEXPECTED", "warning",
         "the root element is not IATA_PNRGOV_NotifRQ; the PNR elements inside were read",
         f"{_XSD}, root element IATA_PNRGOV_NotifRQ"),
    kind("XML-NAMESPACE", "warning",
         "elements outside the IATA namespace http://www.iata.org/IATA/2007/00; read by "
         "their local names",
         f"{_XSD}, targetNamespace"),
    kind("XML-UNKNOWN", "warning",
         "an element, attribute or text the schema does not define at this place; kept raw "
         "on the record",
         _XSD),
    kind("XML-NOT-MAPPED", "info",
         "an element or attribute of the schema that no PNR record field carries; kept raw "
         "on the record",
         f"{_XSD}; docs/pnrgov_xml.md (mapping)"),
    kind("XML-MISSING", "warning",
         "an element or attribute the schema requires is absent",
         _XSD),
    kind("XML-VALUE-FORMAT", "warning",
         "a value not in its schema format (date-time with a space, ISO date for DDMMMYY); "
         "read leniently",
         f"{_XSD}; W3C XML Schema Part 2 (xs:date, xs:dateTime)"),
    kind("XML-VALUE-INVALID", "warning",
         "a value that cannot be read as its schema type requires; kept raw on the record",
         f"{_XSD}; W3C XML Schema Part 2"),
    kind("XML-XSD-INVALID", "error",
         "the message does not validate against the IATA schema (one per schema error, "
         "with line and column)",
         _XSD),
    kind("XML-XSD-SKIPPED", "info",
         "no schema folder was given, so the message was not validated against the IATA "
         "schema",
         f"{_XSD}; paxdata validate --xsd-dir or PAXDATA_PNRGOV_XSD_DIR"),
    kind("XML-XSD-UNUSABLE", "error",
         "the schema folder cannot be compiled (missing or broken IATA schema files)",
         f"{_XSD}; paxdata schema loading (docs/pnrgov_xml.md)"),
    kind("XML-WRITE-LOSSY", "warning",
         "a record value that PNRGOV XML cannot carry, or not in its schema type; left out "
         "or written as described",
         f"{_XSD}; docs/pnrgov_xml.md (fields one form cannot carry)"),
)

register(*XML_KINDS)
