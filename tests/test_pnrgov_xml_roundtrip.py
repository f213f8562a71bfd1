"""EDIFACT -> records -> PNRGOV XML -> records gives the same records for the fields both
forms carry (a property test over generated PNRGOV pushes), the written XML is
schema-valid, XML -> records -> XML -> records is exact, and ``paxdata convert`` goes
both ways.

The fields one form cannot carry are listed in :data:`NOT_CARRIED` (and in
docs/pnrgov_xml.md); :func:`comparable` leaves them out, and nothing else."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paxdata
from paxdata.cli import main
from paxdata.pnrgov import DocaDetails, DocoDetails, DocsDetails, PnrgovMessage
from paxdata.pnrgov_xml import validate_xml, write_xml
from support import CORPUS, SAMPLES, sample

IATA = CORPUS / "schemas" / "iata"

#: What one form carries and the other cannot (field: why). EDIFACT-only unless noted.
NOT_CARRIED = {
    "PnrgovMessage.controlling_agency": "UNH S009 0051 (IA, XS): XML has no agency",
    "PnrgovMessage.envelope": "UNB/UNG sender, recipient, references (XML: TimeStamp, Target)",
    "PnrgovMessage.flight_operating_carrier": "level-0 TVL e4 c2",
    "PnrgovMessage.sender": "level-0 ORG other than e1 c1 (XML: Originator@AirlineCode)",
    "Originator.agent_location": "ORG e3", "Originator.company_location": "ORG e4 c2",
    "Originator.language": "ORG e6 c3", "Originator.additional_elements": "ORG e8..",
    "Traveller.name_qualifier": "TIF e1 c2",
    "Traveller.fare": "FAR e2.. (age, details); XML FareInfo@PTC_Code carries FAR e1 and, "
                      "when no FAR is sent, TIF's passenger type",
    "Ticket.booklets": "TKT c3", "Ticket.validating_carrier": "PTK e4",
    "Ticket.airline_code": "PTK e5", "Ticket.amounts": "MON other than T (XML: TotalFare)",
    "Ticket.issued_at": "the time of DAT 710 in Gr.3 (XML DateOfIssue is a date)",
    "Ticket.remarks": "Gr.3 IFT", "Payment.billing_address": "Gr.4 ADD",
    "Payment.remarks": "Gr.4 IFT other than 43",
    "Ssr.unit": "C332 c2", "Ssr.characteristics": "C332 c4",
    "Ssr.text": "of DOCS/DOCA/DOCO: XML sends them structured (DOC_SSR), the details match",
    "CheckIn.agent": "Gr.6 ORG other than the agent id (XML CheckInInfo@AgentID)",
    "CheckIn.checked_in_text": "DAT 3", "CheckIn.name_reference": "Gr.7 TIF c3",
    "BagGroup.status": "TBD e1", "BagGroup.pool_reference": "TBD e4 c2",
    "ItinerarySegment.flight_suffix": "TVL e5 c3",
    "HistoryCredit.duty_code": "ABI e2 c2", "HistoryCredit.location": "ABI e3",
    "HistoryCredit.date_qualifier": "Gr.10 DAT 2005",
    "HistoryTraveller.passenger_type": "Gr.11 TIF c2",
    "HistoryTraveller.traveller_reference": "Gr.11 TIF c3",
    "*.source": "where a contact, seat or frequent flyer account came from names the "
                "form's element (IFT CTCM / OSI CTCM, SSD / CheckInInfo, FTI / CustLoyalty)",
    "*.segment_index, *.offset, *.warnings, *.unrecognised_segments":
        "positions and what was kept raw belong to the form read",
}

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CARRIERS = st.sampled_from(["XX", "YY", "ZQ", "K7"])
AIRPORTS = st.sampled_from(["LHR", "JFK", "CDG", "FRA", "DXB", "NRT"])
COUNTRIES = st.sampled_from([("GBR", "GB"), ("FRA", "FR"), ("DEU", "DE"), ("IRL", "IE")])
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def words(low: int = 2, high: int = 10) -> st.SearchStrategy[str]:
    return st.text(LETTERS, min_size=low, max_size=high)


def digits(low: int, high: int | None = None) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=low, max_size=high or low)


def ddmmyy(value: date) -> str:
    return value.strftime("%d%m%y")


def ddmmmyy(value: date) -> str:
    return f"{value.day:02d}{MONTHS[value.month - 1]}{value.year % 100:02d}"


def moments(start: datetime, days: int) -> st.SearchStrategy[datetime]:
    return st.integers(0, days * 24 * 60 - 1).map(lambda m: start + timedelta(minutes=m))


@st.composite
def traveller(draw: st.DrawFn, ref: int) -> tuple[list[str], dict[str, str]]:
    surname = draw(words(2, 12))
    given = draw(words(2, 10)) + draw(st.sampled_from(["", "MR", "MRS"]))
    ptype = draw(st.sampled_from(["A", "A", "C"]))
    cc = draw(CARRIERS)
    country3, country2 = draw(COUNTRIES)
    out = [f"TIF+{surname}+{given}:{ptype}:{ref}"]
    if draw(st.booleans()):
        out.append(f"FTI+{cc}:{draw(digits(6, 10))}:::{draw(st.sampled_from(['GOLD', 'BLUE']))}")
    if draw(st.booleans()):
        out.append(f"IFT+4:28::{cc}+CTCM 44{draw(digits(9))}")
    if draw(st.booleans()):
        out.append(f"REF+:{draw(st.text(LETTERS + '0123456789', min_size=10, max_size=16))}")
    if draw(st.booleans()):
        out.append(f"FAR+{ptype}")
    dob = draw(st.dates(date(1940, 1, 1), date(2014, 12, 31)))
    expiry = draw(st.dates(date(2026, 1, 1), date(2034, 12, 31)))
    second = draw(st.sampled_from(["", "/" + draw(words(2, 8))]))
    out.append(f"SSR+DOCS:HK:1:{cc}:::::/P/{country3}/{draw(digits(6, 9))}/{country3}/"
               f"{ddmmmyy(dob)}/{draw(st.sampled_from('MF'))}/{ddmmmyy(expiry)}/{surname}/"
               f"{given}{second}")
    if draw(st.booleans()):
        out.append(f"SSR+DOCA:HK:1:{cc}:::::/R/{country3}/{draw(digits(1, 3))} "
                   f"{draw(words(3, 12))} ROAD/{draw(words(3, 10))}/{draw(words(2, 3))}/"
                   f"{draw(digits(5))}")
    if draw(st.booleans()):
        issue = draw(st.dates(date(2018, 1, 1), date(2025, 1, 1)))
        out.append(f"SSR+DOCO:HK:1:{cc}:::::/{draw(words(3, 10))}/V/V{draw(digits(7))}/"
                   f"{draw(words(3, 10))}/{ddmmmyy(issue)}/USA")
    if draw(st.booleans()):
        out.append(f"SSR+CTCE:HK:1:{cc}:::::{draw(words(2, 8))}..{draw(words(2, 8))}//"
                   "EXAMPLE.COM")
    if draw(st.booleans()):
        out.append(f"SSR+FQTV:HK:1:{cc}:::::{cc}{draw(digits(8))}")
    if draw(st.booleans()):
        out.append(f"ADD++702:{draw(digits(1, 3))} {draw(words(3, 10))} STREET:"
                   f"{draw(words(3, 10))}:::{country2}:{draw(digits(5))}")
    if draw(st.booleans()):
        amount = f"{draw(st.integers(50, 5000))}.{draw(digits(2))}"
        ticket = draw(digits(13))
        out += [f"TKT+{ticket}:T", f"MON+T:{amount}:GBP"]
        if draw(st.booleans()):
            when = draw(moments(datetime(2025, 1, 1), 60))
            out.append(f"PTK+NR++{ddmmyy(when)}:{when:%H%M}")
        if draw(st.booleans()):
            out.append(f"TXD++{draw(st.integers(1, 99))}.{draw(digits(2))}::GBP:"
                       f"{draw(st.sampled_from(['GB', 'UB', 'YQ']))}")
        if draw(st.booleans()):
            out.append(f"DAT+710:{ddmmyy(draw(st.dates(date(2025, 1, 1), date(2025, 3, 1))))}")
        if draw(st.booleans()):
            out.append(f"FOP+CC::{amount}:VI:XXXXXXXXXXXX{draw(digits(4))}:"
                       f"{draw(st.integers(1, 12)):02d}{draw(st.integers(26, 35))}")
            if draw(st.booleans()):
                out.append(f"IFT+4:43+{draw(words(3, 10))} {surname}")
    return out, {"surname": surname, "given": given, "ref": str(ref)}


@st.composite
def segment(draw: st.DrawFn, people: list[dict[str, str]], first: bool) -> list[str]:
    cc = draw(CARRIERS)
    dep, arr = draw(AIRPORTS), draw(AIRPORTS)
    start = draw(moments(datetime(2025, 3, 17), 40))
    end = start + timedelta(minutes=draw(st.integers(60, 900)))
    number = draw(digits(1, 4))
    rbd = draw(st.sampled_from(["Y", "M", "B", "J"]))
    codeshare = draw(st.booleans())
    operating = draw(CARRIERS) if codeshare else ""
    out = [f"TVL+{ddmmyy(start)}:{start:%H%M}:{ddmmyy(end)}:{end:%H%M}+{dep}+{arr}+{cc}"
           + (f":{operating}" if codeshare else "") + f"+{number}:{rbd}"]
    if codeshare:
        out.append(f"TVL++++{operating}+{draw(digits(1, 4))}:{rbd}")
    out.append(f"RPI+{len(people)}+HK")
    if draw(st.booleans()):
        out.append(f"APD+{draw(st.sampled_from(['789', '320', '77W']))}")
    seats = {}
    for person in people:
        if draw(st.booleans()):
            seat = f"{draw(st.integers(1, 60))}{draw(st.sampled_from('ABCDEF'))}"
            seats[person["ref"]] = seat
            out.append(f"SSR+SEAT:HK:1:{cc}:::{dep}:{arr}+{seat}::{person['ref']}")
        if draw(st.booleans()):
            out.append(f"SSR+VGML:HK:1:{cc}:::{dep}:{arr}+::{person['ref']}")
    if draw(st.booleans()):
        out.append(f"RCI+{cc}:{draw(st.text(LETTERS, min_size=6, max_size=6))}")
    if draw(st.booleans()):
        out.append(f"IFT+4:28::{cc}+{draw(words(3, 10))} AT GATE")
    if first and draw(st.booleans()):
        when = draw(moments(datetime(2025, 3, 16), 1))
        out.append(f"DAT+2:{ddmmyy(when)}:{when:%H%M}")
        if draw(st.booleans()):
            out.append(f"ORG+++++++{draw(words(3, 6))}{draw(digits(2))}")
        for person in people:
            if not draw(st.booleans()):
                continue
            out.append(f"TRI++{dep}{draw(digits(3))}:::{person['ref']}")
            if draw(st.booleans()):
                out.append(f"TIF+{person['surname']}+{person['given']}")
            if person["ref"] in seats:
                out.append(f"SSD+{seats[person['ref']]}++++Y")
            if draw(st.booleans()):
                bags = draw(st.integers(1, 3))
                out.append(f"TBD++{bags}:{draw(st.integers(5, 40))}:700++HP+{cc}:"
                           f"{draw(digits(10))}:{bags}:{arr}")
    return out


@st.composite
def pnr(draw: st.DrawFn) -> list[str]:
    cc = draw(CARRIERS)
    created = draw(moments(datetime(2025, 1, 1), 60))
    changed = draw(moments(datetime(2025, 3, 1), 14))
    country2 = draw(COUNTRIES)[1]
    out = ["SRC", f"RCI+{cc}:{draw(st.text(LETTERS, min_size=6, max_size=6))}::"
                  f"{ddmmyy(created)}:{created:%H%M}"]
    dat = f"DAT+700:{ddmmyy(changed)}:{changed:%H%M}"
    if draw(st.booleans()):
        issued = draw(moments(datetime(2025, 1, 1), 60))
        dat += f"+710:{ddmmyy(issued)}:{issued:%H%M}"
    out.append(dat)
    if draw(st.booleans()):
        out.append(f"IFT+4:28::{cc}+{draw(words(3, 10))} {draw(words(3, 10))}")
    out.append(f"ORG+{cc}:{draw(AIRPORTS)}+{draw(digits(8))}:{draw(words(3, 6))}{draw(digits(4))}"
               f"++{cc}+{draw(st.sampled_from('AT'))}+{country2}:GBP+{draw(words(4, 8))}")
    if draw(st.booleans()):
        out.append(f"ADD++700:{draw(digits(1, 3))} {draw(words(3, 10))} STREET:"
                   f"{draw(words(3, 10))}:::{country2}:{draw(digits(5))}:44{draw(digits(9))}")
    if draw(st.booleans()):
        out.append(f"EBD+GBP:{draw(st.integers(10, 99))}.00+{draw(st.integers(1, 3))}::N")
    people = []
    for ref in range(1, draw(st.integers(1, 3)) + 1):
        segments, person = draw(traveller(ref))
        out += segments
        people.append(person)
    for position in range(draw(st.integers(1, 2))):
        out += draw(segment(people, position == 0))
    if draw(st.booleans()):
        out += ["EQN+1", f"RCI+{cc}:{draw(st.text(LETTERS, min_size=6, max_size=6))}"]
    if draw(st.booleans()):
        when = draw(moments(datetime(2025, 1, 1), 60))
        person = people[0]
        out += [f"ABI+1+{draw(words(3, 6))}{draw(digits(4))}+++{cc}",
                f"DAT+ZT:{ddmmyy(when)}:{when:%H%M}", "SAC+++A",
                f"TIF+{person['surname']}+{person['given']}"]
    if draw(st.booleans()):
        out += [f"LTS+0/O/NM/{people[0]['surname']}/{people[0]['given']}"]
    return out


@st.composite
def pushes(draw: st.DrawFn) -> bytes:
    pnrs = [draw(pnr()) for _ in range(draw(st.integers(1, 3)))]
    body = ["MSG+:22", "ORG+XX", "TVL+170325:1600:170325:1900+LHR+JFK+XX+0101",
            f"EQN+{len(pnrs)}"] + [s for p in pnrs for s in p]
    text = ("UNB+IATA:1+XX+GOV+250315:0930+1'UNH+1+PNRGOV:13:1:IA+XX0101/170325/1600'"
            + "".join(s + "'" for s in body) + f"UNT+{len(body) + 2}+1'UNZ+1+1'")
    return text.encode("ascii")


# ------------------------------------------------------------------ comparison
_DOC_DETAILS = (DocsDetails, DocaDetails, DocoDetails)
_DROPPED = {"segment_index", "offset", "warnings", "unrecognised_segments", "source"}
_NOT_CARRIED = {
    "PnrgovMessage": {"controlling_agency", "flight_operating_carrier"},
    "Originator": {"agent_location", "company_location", "language", "additional_elements"},
    "Traveller": {"name_qualifier"},
    "Ticket": {"booklets", "validating_carrier", "airline_code", "remarks"},
    "Payment": {"billing_address", "remarks"},
    "Ssr": {"unit", "characteristics"},
    "CheckIn": {"checked_in_text", "name_reference"},
    "BagGroup": {"status", "pool_reference"},
    "ItinerarySegment": {"flight_suffix"},
    "HistoryCredit": {"duty_code", "location", "date_qualifier"},
    "HistoryTraveller": {"passenger_type", "traveller_reference"},
}


def comparable(value: Any) -> Any:
    """``value`` as plain data without the fields in :data:`NOT_CARRIED`; SSRs, seats and
    contacts as sorted lists (each form sends them in its own order)."""
    if isinstance(value, tuple):
        return [comparable(v) for v in value]
    if not attrs.has(type(value)):
        return value
    name = type(value).__name__
    skip = _DROPPED | _NOT_CARRIED.get(name, set())
    out = {f.name: comparable(getattr(value, f.name)) for f in attrs.fields(type(value))
           if f.name not in skip}
    if name == "PnrgovMessage":
        out["envelope"] = (value.envelope.prepared_at, value.envelope.test_indicator)
        out["sender"] = value.sender.system if value.sender is not None else None
    elif name == "Traveller":
        fare = value.fare
        if fare is None or fare.indicator == value.passenger_type:
            out["fare"] = None
        else:
            out["fare"] = fare.indicator
        for key in ("ssrs", "seats", "contacts", "addresses"):
            out[key] = sorted(out[key], key=repr)
    elif name == "Ssr" and isinstance(value.details, _DOC_DETAILS):
        out["text"] = None
    elif name == "Ticket":
        out["amounts"] = [a for a in out["amounts"] if a["type"] == "T"]
        issued = value.issued_at
        out["issued_at"] = issued.date() if isinstance(issued, datetime) else issued
    elif name == "CheckIn":
        agent = value.agent
        out["agent"] = agent.agent_id if agent is not None else None
    elif name == "Pnr":
        out["contacts"] = sorted(out["contacts"], key=repr)
    return out


def through_xml(message: PnrgovMessage) -> tuple[PnrgovMessage, bytes]:
    data = write_xml(message).data
    result = paxdata.parse(data)
    assert result.errors == (), result.errors
    (back,) = result.pnrgov_messages
    return back, data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(pushes())
def test_edifact_to_xml_to_records_keeps_every_carried_field(edifact: bytes) -> None:
    result = paxdata.parse(edifact)
    assert result.errors == ()
    (message,) = result.pnrgov_messages
    assert not [d for p in message.pnrs for d in p.warnings], edifact  # the generator is clean
    back, data = through_xml(message)
    assert comparable(back) == comparable(message)
    if IATA.is_dir():  # the written XML is schema-valid
        assert validate_xml(data, IATA) == []


def test_the_comparison_can_fail() -> None:
    (message,) = paxdata.parse(SAMPLES / "pnrgov_full_push.edi").pnrgov_messages
    changed = attrs.evolve(message, pnrs=(attrs.evolve(message.pnrs[0],
                                                       record_locator="OTHER1"),
                                          *message.pnrs[1:]))
    assert comparable(changed) != comparable(message)


@pytest.mark.parametrize("name", ["pnrgov_xml_full_push.xml", "pnrgov_xml_update_push.xml",
                                  "pnrgov_xml_multipart_01.xml"])
def test_xml_to_records_to_xml_to_records_is_exact(name: str) -> None:
    (message,) = paxdata.parse(sample(name)).pnrgov_messages
    back, _ = through_xml(message)
    strip = {"unrecognised_segments", "warnings", "envelope"}

    def plain(value: Any) -> Any:
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        if attrs.has(type(value)):
            return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))
                    if f.name not in strip}
        return value

    assert plain(back) == plain(message)


def test_edifact_samples_through_xml() -> None:
    for path in (SAMPLES / "pnrgov_update_push.edi", SAMPLES / "pnrgov_multipart_01.edi"):
        (message,) = paxdata.parse(path).pnrgov_messages
        back, _ = through_xml(message)
        assert comparable(back) == comparable(message)


# ------------------------------------------------------------------ paxdata convert
def test_convert_edifact_to_xml_and_back(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["convert", str(SAMPLES / "pnrgov_update_push.edi"),
                   str(SAMPLES / "pnrgov_xml_full_push.xml"), "--to", "pnrgov-xml", "--out",
                   str(tmp_path / "xml"), "--no-progress"])
    assert status == 0
    err = capsys.readouterr().err
    assert "2 input(s), 2 ok" in err
    assert "pnrgov_update_push.xml: the interchange envelope (UNB sender, recipient, " \
        "reference) is not carried by PNRGOV XML" in err
    written = tmp_path / "xml" / "pnrgov_update_push.xml"
    (original,) = paxdata.parse(SAMPLES / "pnrgov_update_push.edi").pnrgov_messages
    (converted,) = paxdata.parse(written).pnrgov_messages
    assert comparable(converted) == comparable(original)
    status = main(["convert", str(written), "--to", "edifact", "--out", str(tmp_path / "edi"),
                   "--sender", "XXAIR", "--recipient", "GOVPIU", "--no-progress"])
    assert status == 0
    edifact = (tmp_path / "edi" / "pnrgov_update_push.edi").read_bytes()
    assert b"UNB+IATA:1+XXAIR+GOVPIU+" in edifact
    (again,) = paxdata.parse(edifact).pnrgov_messages
    assert [p.record_locator for p in again.pnrs] == [p.record_locator for p in original.pnrs]
    assert [(d.type, d.number, d.expiry_date) for p in again.pnrs for t in p.travellers
            for d in t.documents] == [(d.type, d.number, d.expiry_date) for p in original.pnrs
                                      for t in p.travellers for d in t.documents]


def test_convert_reports_what_cannot_be_written(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["convert", str(SAMPLES / "paxlst_passenger_list.edi"), "--to",
                   "pnrgov-xml", "--out", str(tmp_path), "--no-progress"])
    assert status == 1
    assert "a PAXLST message is not a PNRGOV push; not written" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
