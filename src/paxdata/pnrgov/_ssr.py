"""SSR free text decoded into fields (IATA AIRIMP layouts as sent in PNRGOV SSR C334 c9).

Each decoder takes the free text and returns the decoded value (or ``None``) and the
problems found, as sentences for a PNR-SSR-FORMAT warning (they quote codes, never personal
values: dates, numbers and names stay out of messages). Decoders never raise.

Layouts (IATA AIRIMP; PNRGOV IG SSR examples; variants seen in GTAS test data):

* DOCS ``/P/GBR/123456789/GBR/12APR85/F/01JAN30/DOE/JANE/MARIE/H``: document type,
  issuing state, number, nationality, date of birth, gender (``MI``/``FI`` infants),
  expiry, surname, given names, primary-holder flag; empty fields allowed; alpha-2
  countries tolerated; one slash too many or too few is corrected (GTAS checks whether
  field 2 is a document type; paxdata scores each placement by its dates and codes).
* DOCO ``/place of birth/V|K|R/number/place of issue/issue date/applicable country/I``.
* DOCA ``/R|D/country/street/city/state/postal code/I``.
* CTCE ``JANE.DOE//EXAMPLE.COM/EN``: ``//`` is ``@``, ``..`` is ``_``; CTCM/CTCH/CTCB/
  CTCT/CTCP/CTCF phone numbers, an optional ``/language`` suffix.
* FQTV ``SQ8794285757``: airline and number. TKNE ``1393207166000C1`` (``INF`` prefix for
  an infant's ticket): ticket number and coupon. INFT ``SURNAME/GIVEN DDMMMYY``.
* Seats in free text ``.03BN03AN``: row, letter, smoking indicator.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from paxdata.pnrgov._codes import CODES
from paxdata.pnrgov._dates import ddmmmyy, looks_ddmmmyy
from paxdata.pnrgov._fast import fast_constructor
from paxdata.pnrgov._records import (
    Contact,
    DocaDetails,
    DocoDetails,
    DocsDetails,
    FrequentFlyer,
    InfantDetails,
    SeatDetails,
    SsrDetails,
    TicketCoupon,
)

__all__ = ["decode_contact", "decode_email", "decode_ssr"]

_ASSOCIATION = re.compile(r"-(\d{1,2}[A-Z][A-Z' .-]*/[A-Z' .-]*)$")
_TICKET = re.compile(r"^\.?(INF)?\.?(\d{13,15})C(\d)")
_TICKET_LOOSE = re.compile(r"(\d{13,15})")
_SEATS = re.compile(r"(\d{1,3}[A-K])[NS]?")
_INFANT_DOB = re.compile(r"[ /](\d{2}[A-Z]{3}(?:\d{4}|\d{2}))\s*$")
_LANGUAGE = re.compile(r"^[A-Z]{2}$")

Problems = list[str]
_NEW_DOCS = fast_constructor(DocsDetails)
_NEW_CONTACT = fast_constructor(Contact)
_BLANK12 = [""] * 12


@lru_cache(maxsize=16384)
def decode_ssr(code: str, text: str, requirement: str, reference: date,
               traveller_reference: str | None) -> tuple[SsrDetails | None, tuple[str, ...]]:
    """Decode the free text of SSR ``code`` (see the module docstring). ``requirement``
    is the C332 c1 value (a seat), used when the text is empty. ``reference`` is the
    message date, for two-digit years. Returns the decoded value (``None`` for codes
    not decoded) and the problems found, as sentences. Results are cached (pushes
    repeat the same SSR in Gr.2 and Gr.5, and over pushes)."""
    details, problems = _decode(code, text, requirement, reference, traveller_reference)
    return details, tuple(problems)


def _decode(code: str, text: str, requirement: str, reference: date,
            traveller_reference: str | None) -> tuple[SsrDetails | None, Problems]:
    kind = CODES.ssr_decoders.get(code)
    if kind is None:
        return None, []
    if kind == "seat":
        return _seat_text(text), []
    if kind == "contact":
        if not text:
            return None, []
        return decode_contact(CODES.contact_channels[code], text, f"SSR {code}",
                              traveller_reference), []
    if not text:
        if kind == "frequent_flyer" and requirement:
            text = requirement
        else:
            return None, [f"SSR {code} without free text"]
    if kind == "docs":
        return _docs(text, reference)
    if kind == "doco":
        return _doco(text, reference)
    if kind == "doca":
        return _doca(text)
    if kind == "frequent_flyer":
        return _frequent_flyer(code, text, traveller_reference)
    if kind == "ticket":
        return _ticket(text)
    return _infant(text, reference)


def _fields(text: str) -> list[str]:
    """Split AIRIMP free text at ``/``; index 0 is what comes before the first slash."""
    text = text.strip()
    if not text.startswith("/"):
        text = "/" + text
    return [f.strip() for f in text.split("/")]


def _at(fields: list[str], index: int) -> str:
    return fields[index] if index < len(fields) else ""


def _docs_score(fields: list[str]) -> int:
    """How well ``fields`` sit in the DOCS layout: dates and codes where they belong."""
    score = 0
    doc_type, dob, gender, expiry = _at(fields, 1), _at(fields, 5), _at(fields, 6), \
        _at(fields, 7)
    if doc_type in CODES.docs_types:
        score += 2
    elif doc_type:
        score -= 2
    for value in (dob, expiry):
        if value:
            score += 2 if looks_ddmmmyy(value) else -2
    if gender in CODES.docs_genders:
        score += 2
    elif gender:
        score -= 2
    return score


def _docs(text: str, reference: date) -> tuple[DocsDetails | None, Problems]:
    problems: Problems = []
    association = None
    match = _ASSOCIATION.search(text) if "-" in text else None
    if match is not None:
        association = match.group(1)
        text = text[:match.start()]
    fields = _fields(text)
    best, shifted = fields, False
    best_score = _docs_score(fields)
    if best_score < 8:
        candidates = [fields[:i] + fields[i + 1:] for i in range(1, 6)
                      if i < len(fields) and not fields[i]]
        candidates += [[*fields[:i], "", *fields[i:]] for i in range(1, 6)]
        for candidate in candidates:
            score = _docs_score(candidate)
            if score > best_score + 1:
                best, best_score, shifted = candidate, score, True
    if shifted:
        problems.append("DOCS fields are shifted by one slash; read at their intended "
                        "places")
    size = len(best)
    fields = best + _BLANK12 if size < 12 else best
    (_, doc_type, country, number, nationality, dob_text, gender, expiry_text, surname,
     given, second, holder_text) = fields[:12]
    gender = gender.upper()
    givens = (given, second) if second else ((given,) if given else ())
    if not given and second:
        givens = (second,)
    holder = holder_text.upper() == "H"
    if size > 12 and any(best[12:]):
        problems.append(f"DOCS has {size - 12} field(s) after the holder flag; ignored")
    dob = ddmmmyy(dob_text, reference, True) if dob_text else None
    if dob_text and dob is None:
        problems.append("DOCS date of birth is not DDMMMYY")
    expiry = ddmmmyy(expiry_text, reference, False) if expiry_text else None
    if expiry_text and expiry is None:
        problems.append("DOCS expiry date is not DDMMMYY")
    if doc_type and doc_type not in CODES.docs_types:
        problems.append(f"DOCS document type {doc_type!r} is not an AIRIMP type")
    infant = CODES.docs_genders.get(gender)
    if gender and infant is None:
        problems.append("DOCS gender is not M, F, U, X, MI or FI")
    short = [f"{name} {value!r}" for name, value in
             (("issuing state", country), ("nationality", nationality))
             if len(value) == 2] if len(country) == 2 or len(nationality) == 2 else []
    if short:
        problems.append(f"DOCS {' and '.join(short)} given as ISO alpha-2 (AIRIMP uses "
                        "alpha-3); kept as sent")
    return _NEW_DOCS(doc_type or None, country or None, number or None, nationality or None,
                     dob, gender or None, expiry, surname or None, givens, holder,
                     bool(infant), association, shifted), problems


def _doco(text: str, reference: date) -> tuple[DocoDetails | None, Problems]:
    problems: Problems = []
    fields = _fields(text)
    doc_type = _at(fields, 2)
    issue_text = _at(fields, 5)
    issue = ddmmmyy(issue_text, reference, True) if issue_text else None
    if issue_text and issue is None:
        problems.append("DOCO issue date is not DDMMMYY")
    if doc_type and doc_type not in CODES.doco_types:
        problems.append(f"DOCO document type {doc_type!r} is not V, K or R")
    return DocoDetails(
        place_of_birth=_at(fields, 1) or None, document_type=doc_type or None,
        number=_at(fields, 3) or None, place_of_issue=_at(fields, 4) or None,
        issue_date=issue, applicable_country=_at(fields, 6) or None,
        infant=_at(fields, 7).upper() == "I"), problems


def _doca(text: str) -> tuple[DocaDetails | None, Problems]:
    fields = _fields(text)
    kind = _at(fields, 1).upper()
    problems: Problems = []
    if kind and kind not in CODES.doca_types:
        problems.append(f"DOCA address type {kind!r} is not R (residence) or D "
                        "(destination)")
    return DocaDetails(
        address_type=CODES.doca_types.get(kind, kind or None), country=_at(fields, 2) or None,
        street=_at(fields, 3) or None, city=_at(fields, 4) or None,
        state=_at(fields, 5) or None, postal_code=_at(fields, 6) or None,
        infant=_at(fields, 7).upper() == "I"), problems


def _frequent_flyer(code: str, text: str, traveller_reference: str | None
                    ) -> tuple[FrequentFlyer | None, Problems]:
    words = text.strip().lstrip("/").split()
    if not words:
        return None, [f"SSR {code} without an account number"]
    token = words[0]
    tier = words[1] if len(words) > 1 else None
    if len(token) > 2 and token[:2].isalnum() and not token[:2].isdigit():
        carrier, number = token[:2], token[2:]
    else:
        carrier, number = None, token
    return FrequentFlyer(carrier, number, tier, f"SSR {code}", traveller_reference), []


def _ticket(text: str) -> tuple[TicketCoupon | None, Problems]:
    value = text.strip()
    match = _TICKET.match(value)
    if match is not None:
        return TicketCoupon(match.group(2), int(match.group(3)), bool(match.group(1))), []
    loose = _TICKET_LOOSE.search(value)
    if loose is not None:
        return TicketCoupon(loose.group(1), None, value.upper().startswith("INF")), [
            "ticket number found in free text without the AIRIMP number+coupon layout"]
    return None, ["no ticket number (13 to 15 digits) in the free text"]


def _seat_text(text: str) -> SeatDetails | None:
    value = text.strip()
    if not value or not (value[0] == "." or value[0].isdigit()):
        return None
    seats = tuple(m.group(1) for m in _SEATS.finditer(value))
    return SeatDetails(seats) if seats else None


def _infant(text: str, reference: date) -> tuple[InfantDetails | None, Problems]:
    value = text.strip().lstrip("/")
    problems: Problems = []
    dob = None
    match = _INFANT_DOB.search(value)
    if match is not None:
        dob = ddmmmyy(match.group(1), reference, True)
        value = value[:match.start()]
    else:
        problems.append("INFT without a date of birth (DDMMMYY)")
    surname, _, given = value.partition("/")
    givens = tuple(g.strip() for g in given.split("/") if g.strip())
    return InfantDetails(surname.strip() or None, givens, dob), problems


def decode_email(text: str) -> tuple[str, str | None]:
    """An AIRIMP e-mail address: ``//`` is ``@``, ``..`` is ``_``; a trailing ``/XX`` is
    a language code. Returns (address, language)."""
    value = text.strip().lstrip("/").strip().replace("//", "@").replace("..", "_")
    language = None
    address, slash, rest = value.rpartition("/")
    if slash and "@" in address and _LANGUAGE.match(rest.strip()):
        value, language = address, rest.strip()
    return value, language


def decode_contact(channel: str, text: str, source: str,
                   traveller_reference: str | None = None,
                   segment_index: int | None = None, sent: str | None = None) -> Contact:
    """A contact element (SSR CTCx, OSI CTCx, ADD free text) as a :class:`Contact`;
    ``sent`` is the text as sent when ``text`` is only its contact part."""
    if channel == "email":
        value, language = decode_email(text)
    else:
        value = text.strip().lstrip("/").strip()
        language = None
        head, slash, rest = value.rpartition("/")
        if slash and head and _LANGUAGE.match(rest.strip()):
            value, language = head.strip(), rest.strip()
    return _NEW_CONTACT(channel, value, text if sent is None else sent, source, language,
                        traveller_reference, segment_index)
