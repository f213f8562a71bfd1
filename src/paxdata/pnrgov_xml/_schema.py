"""XSD validation of PNRGOV XML against the IATA schemas a user supplies.

paxdata ships no IATA schema: the user points to a folder holding
``IATA_PNRGOV_NotifRQ.xsd`` and the files it includes (``--xsd-dir DIR``, or the
environment variable :data:`SCHEMA_ENV`). Schema files are read with the same safe
settings as messages (no DTD, no entity resolution, no network), and an ``xs:include``
may only name a file inside that folder.

The published schema set does not compile as it stands: ``IATA_PNRGOV_CommonTypes.xsd``
(release 2021.2) uses the type ``StringLength1to35``, which ``IATA_SimpleTypes.xsd``
defines as ``StringLenght1to35`` (``StringLeght1to35`` in 2019.1). paxdata never edits
the IATA files: :func:`load_schema` compiles an in-memory wrapper schema in the same
namespace that includes ``IATA_PNRGOV_NotifRQ.xsd`` and declares each type name the set
uses but does not define, when the set defines it under a known misspelling, as a
restriction of the misspelt type without further facets (so the same value space). A
corrected schema set gets no alias.

:func:`validate_xml` maps each schema error to an XML-XSD-INVALID defect located by line,
column and byte offset: libxml2 reports the element's line only, so paxdata finds the
element's start tag (and the attribute, when the error names one) in the input.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from paxdata.defects import Defect, Location
from paxdata.errors import PaxdataError, defect_at
from paxdata.pnrgov_xml._input import etree, prolog, safe_parser
from paxdata.pnrgov_xml._reader import IATA_NAMESPACE
from paxdata.policy import LENIENT, Policy

__all__ = ["MAIN_SCHEMA", "SCHEMA_ENV", "SchemaError", "load_schema", "schema_folder",
           "start_tags", "validate_xml"]

#: Environment variable naming the folder of the IATA PNRGOV schemas.
SCHEMA_ENV = "PAXDATA_PNRGOV_XSD_DIR"
#: The schema of the message, in that folder.
MAIN_SCHEMA = "IATA_PNRGOV_NotifRQ.xsd"

#: Type names the IATA set uses, and the misspellings under which it defines them.
ALIASES = {"StringLength1to35": ("StringLenght1to35", "StringLeght1to35")}

_XS = "{http://www.w3.org/2001/XMLSchema}"
_SHIM = "paxdata-pnrgov-shim.xsd"  # the wrapper's (virtual) name inside the folder


class SchemaError(PaxdataError):
    """The schema folder cannot be used (missing files, includes outside the folder, a
    schema that does not compile)."""

    code = "XML-XSD-UNUSABLE"


def schema_folder(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """The schema folder: ``folder`` when given, else the environment variable
    :data:`SCHEMA_ENV`, else ``None`` (no XSD validation)."""
    if folder is not None:
        return Path(folder)
    value = os.environ.get(SCHEMA_ENV)
    return Path(value) if value else None


class _FolderOnly(etree.Resolver):  # type: ignore[misc]
    """Resolves schema includes to files inside one folder; anything else is refused."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.refused: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        path = system_url[7:] if system_url.startswith("file://") else system_url
        if "://" not in path:
            target = Path(path).resolve()
            if target.parent == self.folder and target.is_file():
                return self.resolve_filename(str(target), context)
        self.refused.append(system_url)
        return self.resolve_string('<refused xmlns="urn:paxdata:refused"/>', context)


def _aliases(folder: Path) -> dict[str, str]:
    """Type names used but not defined in the folder's schemas, with the misspelt name the
    set defines for each (see :data:`ALIASES`)."""
    defined: set[str] = set()
    used: set[str] = set()
    parser = safe_parser()
    for path in sorted(folder.glob("*.xsd")):
        try:
            tree = etree.parse(str(path), parser)
        except (OSError, etree.XMLSyntaxError):
            continue
        for element in tree.iter(_XS + "simpleType", _XS + "complexType"):
            name = element.get("name")
            if name:
                defined.add(name)
        for element in tree.iter():
            for attribute in ("type", "base"):
                value = element.get(attribute)
                if value:
                    used.add(value.rpartition(":")[2])
            members = element.get("memberTypes")
            if members:
                used.update(m.rpartition(":")[2] for m in members.split())
    found = {}
    for name, misspellings in ALIASES.items():
        if name in used and name not in defined:
            for wrong in misspellings:
                if wrong in defined:
                    found[name] = wrong
                    break
    return found


@lru_cache(maxsize=8)
def _compile(folder: str) -> Any:
    base = Path(folder)
    main = base / MAIN_SCHEMA
    if not main.is_file():
        raise SchemaError(f"{MAIN_SCHEMA} is not in the schema folder {folder}",
                          Location(input_name=folder))
    aliases = _aliases(base)
    shim = "".join(f'<xs:simpleType name="{name}"><xs:restriction base="{wrong}"/>'
                   "</xs:simpleType>" for name, wrong in aliases.items())
    wrapper = (f'<xs:schema xmlns="{IATA_NAMESPACE}" xmlns:xs="http://www.w3.org/2001/'
               f'XMLSchema" targetNamespace="{IATA_NAMESPACE}" elementFormDefault="qualified">'
               f'<xs:include schemaLocation="{MAIN_SCHEMA}"/>{shim}</xs:schema>')
    parser = safe_parser()
    resolver = _FolderOnly(base)
    parser.resolvers.add(resolver)
    try:
        document = etree.fromstring(wrapper.encode("ascii"), parser,
                                    base_url=str(base / _SHIM))
        return etree.XMLSchema(document)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        refused = f" (includes outside the folder refused: {', '.join(resolver.refused)})" \
            if resolver.refused else ""
        raise SchemaError(f"the schemas in {folder} do not compile: {exc}{refused}",
                          Location(input_name=folder)) from None


def load_schema(folder: str | os.PathLike[str]) -> Any:
    """The compiled ``IATA_PNRGOV_NotifRQ`` schema of ``folder`` (cached per folder),
    with the aliases described in the module docstring. Raises :class:`SchemaError`
    (code XML-XSD-UNUSABLE) when the folder cannot be used."""
    return _compile(str(Path(folder).resolve()))


def start_tags(text: bytes | str) -> list[int]:
    """Offsets of every element start tag of a well-formed document, in document order
    (comments, processing instructions, CDATA sections and the DTD skipped)."""
    lt: Any = "<" if isinstance(text, str) else b"<"
    marks: tuple[Any, ...] = ("!", "?", "/", "<!--", "-->", "<![CDATA[", "]]>", "?>", ">") \
        if isinstance(text, str) else (b"!", b"?", b"/", b"<!--", b"-->", b"<![CDATA[",
                                       b"]]>", b"?>", b">")
    bang, question, slash, comment, comment_end, cdata, cdata_end, pi_end, gt = marks
    found = []
    i = text.find(lt)
    while i >= 0:
        following = text[i + 1:i + 2]
        if following == bang:
            if text.startswith(comment, i):
                j = text.find(comment_end, i + 4)
                j = j + 3 if j >= 0 else -1
            elif text.startswith(cdata, i):
                j = text.find(cdata_end, i + 9)
                j = j + 3 if j >= 0 else -1
            else:
                j = text.find(gt, i)
        elif following == question:
            j = text.find(pi_end, i + 2)
        elif following == slash:
            j = i + 2
        else:
            found.append(i)
            j = i + 1
        if j < 0:
            break
        i = text.find(lt, j)
    return found


_ATTRIBUTE = re.compile(r"attribute '([^']+)'")
_HIDE = (re.compile(r"The value '.*?' (?=is not|has a length)"),
         re.compile(r"(?<=: )'.*?'(?= is not a valid value)"))


def _attribute_at(text: bytes | str, start: int, name: str) -> int | None:
    """The offset of attribute ``name`` in the start tag at ``start``."""
    quote: Any = None
    quotes = ('"', "'") if isinstance(text, str) else (b'"', b"'")
    gt = ">" if isinstance(text, str) else b">"
    end = start
    size = len(text)
    while end < size:
        char = text[end:end + 1]
        if quote is not None:
            if char == quote:
                quote = None
        elif char in quotes:
            quote = char
        elif char == gt:
            break
        end += 1
    pattern = name if isinstance(text, str) else name.encode("utf-8", "replace")
    found = text.find(pattern, start, end)  # type: ignore[arg-type]
    while found >= 0:
        before = text[found - 1:found]
        if before.isspace():
            return found
        found = text.find(pattern, found + 1, end)  # type: ignore[arg-type]
    return None


def _message(text: str, show_values: bool) -> str:
    text = text.replace("{" + IATA_NAMESPACE + "}", "")
    if not show_values:
        for pattern in _HIDE:
            text = pattern.sub(lambda m: "The value (value not shown) "
                               if m.group(0).startswith("The value") else "(value not shown)",
                               text)
    return text


def validate_xml(data: bytes | str, schema: Any | os.PathLike[str], *,
                 name: str | None = None, policy: Policy = LENIENT) -> list[Defect]:
    """Validate one PNRGOV XML document (its bytes or text) against ``schema`` (compiled,
    or a folder for :func:`load_schema`). Returns an XML-XSD-INVALID defect per schema
    error, located by line, column (in the message) and offset, the element's local name
    in ``tag``; data values in the messages only with ``policy.show_values``. A document
    that is not well-formed or has a DTD gives one XML-MALFORMED or XML-DTD-REFUSED
    defect instead. ``policy.max_defects_per_kind`` errors are listed, the rest counted in
    one more. Raises :class:`SchemaError` for an unusable folder; a strict policy raises
    :class:`~paxdata.errors.DefectError` at the first error."""
    compiled = schema if isinstance(schema, etree.XMLSchema) else load_schema(schema)
    _, dtd, _ = prolog(iter([data]))
    if dtd is not None:
        return [_defect("XML-DTD-REFUSED", f"line {dtd[0]}, column {dtd[1]}: a document type "
                        "declaration (DTD); refused, not validated", name, dtd[0], None,
                        "DOCTYPE", policy)]
    try:
        tree = etree.fromstring(data, safe_parser()).getroottree() if isinstance(data, bytes) \
            else etree.fromstring(data.encode("utf-8"), safe_parser()).getroottree()
    except (etree.XMLSyntaxError, ValueError) as exc:
        position = getattr(exc, "position", None) or (None, None)
        what = str(getattr(exc, "msg", None) or exc).split(", line ")[0]
        return [_defect("XML-MALFORMED", f"line {position[0]}, column {position[1]}: not "
                        f"well-formed XML: {what}; not validated", name, position[0], None,
                        None, policy)]
    if compiled.validate(tree):
        return []
    encoded: Any = data
    newline: Any = b"\n" if isinstance(data, bytes) else "\n"
    starts = start_tags(encoded)
    order = {element: index for index, element in enumerate(tree.iter(etree.Element))}
    found: list[Defect] = []
    limit = policy.max_defects_per_kind
    errors = list(compiled.error_log)
    for entry in errors[:limit]:
        offset = line = column = None
        tag = None
        try:
            nodes = tree.xpath(entry.path) if entry.path else []
        except etree.XPathError:
            nodes = []
        element = nodes[0] if nodes and isinstance(nodes[0], etree._Element) else None
        if element is not None:
            tag = etree.QName(element).localname
            index = order.get(element)
            if index is not None and index < len(starts):
                offset = starts[index]
                attribute = _ATTRIBUTE.search(entry.message)
                if attribute is not None:
                    at = _attribute_at(encoded, offset, attribute.group(1).rpartition("}")[2])
                    if at is not None:
                        offset = at
        if offset is not None:
            line = encoded.count(newline, 0, offset) + 1
            column = offset - (encoded.rfind(newline, 0, offset) + 1) + 1
        else:
            line = entry.line or None
        where = f"line {line}, column {column}" if column is not None else f"line {line}"
        text = _message(entry.message, policy.show_values)
        found.append(_defect("XML-XSD-INVALID", f"{where}: {text}", name, line, offset, tag,
                             policy))
    if len(errors) > limit:
        first = found[-1]
        found.append(Defect(first.code, first.severity,
                            f"{len(errors) - limit} more schema errors are not listed (the "
                            f"first {limit} are)", Location(input_name=name)))
    return found


def _defect(code: str, message: str, name: str | None, line: int | None, offset: int | None,
            tag: str | None, policy: Policy) -> Defect:
    return defect_at(code, message, Location(input_name=name, offset=offset, line=line,
                                             tag=tag), strict=policy.strict)

