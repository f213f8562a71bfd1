"""PNRGOV XML (IATA PADIS ``IATA_PNRGOV_NotifRQ``) read into, and written from, the same PNR
records as PNRGOV EDIFACT.

Source: IATA PADIS XML schema ``IATA_PNRGOV_NotifRQ.xsd`` in the namespace
``http://www.iata.org/IATA/2007/00`` (release 2021.2; PADIS XML Implementation Guide -
PNRGOV Message, 13.1 onward). ``docs/pnrgov_xml.md`` gives the mapping both ways, the
safety rules, the schema shim and the fields one form cannot carry.

* :func:`read_xml`: a streaming reader (one PNR element at a time) yielding
  :class:`~paxdata.pnrgov.PnrgovMessage` records; :func:`paxdata.parse` calls it for any
  input that starts with ``<`` (:func:`sniff`), so EDIFACT and XML are one entry point.
* :func:`load_schema` and :func:`validate_xml`: XSD validation against a user-supplied
  folder of the IATA schemas, each error a located defect (line and column).
* :func:`write_xml`: PNR records to an ``IATA_PNRGOV_NotifRQ`` document.
"""

from paxdata.pnrgov_xml import _defects as _defects  # registers the XML-* defect kinds
from paxdata.pnrgov_xml._input import input_name, looks_like_xml, sniff
from paxdata.pnrgov_xml._reader import IATA_NAMESPACE, MAX_PNR_BYTES, ROOT, read_xml
from paxdata.pnrgov_xml._schema import (
    SCHEMA_ENV,
    SchemaError,
    load_schema,
    schema_folder,
    validate_xml,
)
from paxdata.pnrgov_xml._writer import XmlWriteResult, write_xml

__all__ = [
    "IATA_NAMESPACE",
    "MAX_PNR_BYTES",
    "ROOT",
    "SCHEMA_ENV",
    "SchemaError",
    "XmlWriteResult",
    "input_name",
    "load_schema",
    "looks_like_xml",
    "read_xml",
    "schema_folder",
    "sniff",
    "validate_xml",
    "write_xml",
]
