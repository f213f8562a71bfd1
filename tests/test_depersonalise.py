"""Depersonalisation (Directive (EU) 2016/681 Art. 12(2)) and the sensitive-data filter
(Art. 13(4)): what is masked, what becomes a pseudonym, what is kept, in every format."""

from __future__ import annotations

import importlib
import importlib.util
import io
import json
import re
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import paxdata
from paxdata import edifact
from paxdata._specs import load_spec
from paxdata.cli import main
from paxdata.cusres import CustomsResponse, match_response
from paxdata.defects import KINDS, Defect
from paxdata.depersonalise import (
    FIELD_ACTIONS,
    PSEUDONYM_KINDS,
    REFERENCE_ACTIONS,
    DepersonaliseError,
    Depersonaliser,
    SensitiveFilter,
    depersonalise,
    depersonalised_edifact,
    filter_sensitive,
    record_key,
    segment_contexts,
    segment_rule,
)
from paxdata.edifact import Segment
from paxdata.paxlst import PassengerList, Traveller
from paxdata.pnrgov import DocsDetails, PnrgovMessage, UnreadablePnr
from paxdata.serializers.arrow import TABLES, ParquetDataset
from paxdata.serializers.json import dumps, result_to_json
from paxdata.serializers.jsonl import iter_lines
from support import SAMPLES, corpus_files, needs_shared, sample

KEY = b"test-key-0123456789abcdef"
PASSENGERS = "paxlst_passenger_list.edi"
PUSH = "pnrgov_full_push.edi"
EXCEPTIONS = "cusres_exceptions.edi"


def parsed(name: str) -> paxdata.ParseResult:
    return paxdata.parse(sample(name), name=name)


def test_pseudonyms_are_keyed_stable_and_separated_by_kind() -> None:
    one, same, other = Depersonaliser(KEY), Depersonaliser(KEY), Depersonaliser(KEY + b"x")
    pseudonym = one.pseudonym("record_locator", "ABC123")
    assert re.fullmatch(r"[A-Z2-7]{16}", pseudonym)
    assert pseudonym == same.pseudonym("record_locator", " abc123 ")  # normalised
    assert pseudonym != other.pseudonym("record_locator", "ABC123")
    assert pseudonym != one.pseudonym("ticket_number", "ABC123")
    assert one.pseudonym("bag_tag", "") == ""
    assert one.key_id != other.key_id and len(one.key_id) == 8


def test_short_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        Depersonaliser(b"short")


def test_traveller_is_masked_linked_and_kept_for_analysis() -> None:
    original = parsed(PASSENGERS).passenger_lists[0]
    out = depersonalise(parsed(PASSENGERS), KEY).passenger_lists[0]
    worker = Depersonaliser(KEY)
    doe, jane = original.travellers[0], out.travellers[0]
    assert (jane.surname, jane.given_names, jane.date_of_birth, jane.address,
            jane.place_of_birth, jane.communications) == (None, (), None, None, None, ())
    assert jane.documents[0].number is None and jane.documents[0].expiry_date is None
    assert jane.reservation_number == worker.pseudonym("record_locator", "ABC123")
    assert jane.unique_passenger_reference == worker.pseudonym(
        "unique_passenger_reference", "XX0101001")
    assert jane.bag_tags == tuple(worker.pseudonym("bag_tag", t) for t in doe.bag_tags)
    assert [(r.qualifier, r.value) for r in jane.references] == [
        ("AVF", jane.reservation_number), ("ABO", jane.unique_passenger_reference),
        ("SEA", "23A")]
    kept = ("role", "gender", "nationality", "country_of_residence", "port_of_embarkation",
            "port_of_disembarkation", "clearance_airport", "seat", "checked_bag_count",
            "checked_bag_weight", "data_verified", "segment_index")
    assert [getattr(jane, k) for k in kept] == [getattr(doe, k) for k in kept]
    assert jane.documents[0].issuing_country == "GBR" and jane.documents[0].type == "P"
    assert out.flight_legs == original.flight_legs
    assert out.reporting_party is not None and out.reporting_party.communications == ()
    assert (out.declared_total, out.common_access_reference) == (187, "XX0101/250310/1600")


def test_message_says_it_was_depersonalised_and_with_which_key() -> None:
    out = depersonalise(parsed(PASSENGERS), KEY).passenger_lists[0]
    note = [d for d in out.warnings if d.code == "DEP-DEPERSONALISED"]
    assert len(note) == 1 and Depersonaliser(KEY).key_id in note[0].message
    assert "dates of birth masked" in note[0].message


def test_birth_year_is_kept_on_request_and_flagged() -> None:
    out = depersonalise(parsed(PASSENGERS), KEY, birth_year=True).passenger_lists[0]
    assert [t.date_of_birth for t in out.travellers] == [
        date(1985, 1, 1), date(1979, 1, 1), date(2002, 1, 1)]
    flagged = [d for d in out.travellers[0].warnings if d.code == "DEP-BIRTH-YEAR"]
    assert flagged and "1985" in flagged[0].message


def test_defect_messages_lose_the_values_they_quote() -> None:
    text = ("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XX1'"
            "LOC+125+LHR'LOC+87+JFK'NAD+FL+++SECRETNAME'DTM+329:851399'UNT+8+1'UNZ+1+1'")
    result = paxdata.parse(text, policy=paxdata.Policy(show_values=True))
    before = result.passenger_lists[0].travellers[0].warnings
    assert any("851399" in d.message for d in before)
    after = depersonalise(result, KEY).passenger_lists[0].travellers[0].warnings
    assert [d.code for d in after] == [d.code for d in before]
    assert all("851399" not in d.message for d in after)
    assert after[0].message == KINDS[after[0].code].summary


def _record_classes(hint: Any) -> list[type]:
    """The attrs record classes a type hint names (through unions and tuples)."""
    if isinstance(hint, type) and attrs.has(hint):
        return [hint]
    return [c for arg in typing.get_args(hint) for c in _record_classes(arg)]


def _reachable(roots: tuple[type, ...]) -> dict[str, type]:
    """Every record class whose values depersonalisation walks into: the message classes
    and, through their fields kept (not masked whole), the records inside them."""
    found: dict[str, type] = {}
    todo = list(roots)
    while todo:
        cls = todo.pop()
        key = record_key(cls)
        if key in found or cls is Defect:
            continue
        found[key] = cls
        rules = FIELD_ACTIONS.get(key, {})
        for name, hint in typing.get_type_hints(cls).items():
            if rules.get(name, {}).get("action", "keep") == "keep":
                todo.extend(_record_classes(hint))
    return found


def test_every_record_field_has_a_rule() -> None:
    classes = _reachable((PassengerList, PnrgovMessage, CustomsResponse))
    assert {"paxlst.Traveller", "pnrgov.Traveller", "pnrgov.Ssr", "pnrgov.DocsDetails",
            "pnrgov.HistoryCredit", "cusres.TravellerResponse"} <= set(classes)
    assert len(classes) >= 45
    for key, cls in classes.items():
        names = {f.name for f in attrs.fields(cls)}
        assert key in FIELD_ACTIONS, f"{key} has no rules"
        assert names == set(FIELD_ACTIONS[key]), key
    assert set(FIELD_ACTIONS) == set(classes)  # no rules for classes that do not exist
    spec = load_spec("sharing/depersonalise.toml")
    masks = load_spec("sharing/edifact_masks.toml")
    actions = {"keep", "mask", "pseudonymise", "birth_date", "references", "segments",
               "defects", "defect_text"}
    for key, fields in FIELD_ACTIONS.items():
        for name, rule in fields.items():
            assert rule["action"] in actions, (key, name)
            if rule["action"] != "keep":
                assert rule["category"] in spec["categories"], (key, name)
            if rule["action"] == "pseudonymise":
                assert rule["kind"] in PSEUDONYM_KINDS
            if rule["action"] == "defect_text":
                assert rule["code"] in KINDS
            if "context" in rule:  # the context has its own segment rule
                assert any(tag.endswith("@" + rule["context"]) for tag in masks["PNRGOV"])
    assert {r["kind"] for r in REFERENCE_ACTIONS.values() if "kind" in r} <= set(PSEUDONYM_KINDS)


def test_pnrgov_and_paxlst_travellers_have_their_own_rules() -> None:
    assert record_key(Traveller) == "paxlst.Traveller"
    assert FIELD_ACTIONS["paxlst.Traveller"]["free_texts"]["action"] == "mask"
    assert FIELD_ACTIONS["pnrgov.Traveller"]["title"]["category"] == "names"


def test_a_record_class_without_rules_is_refused() -> None:
    @attrs.frozen
    class Unknown:
        message_reference: str = "1"
        warnings: tuple[object, ...] = ()
        message_type: str = "UNKNOWN"

    worker = Depersonaliser(KEY)
    with pytest.raises(DepersonaliseError, match="no depersonalisation rules for Unknown"):
        worker.message(Unknown())  # type: ignore[arg-type]
    # ... at any depth: a record inside a kept field is not passed through unmasked
    push = parsed(PUSH).pnrgov_messages[0]
    with pytest.raises(DepersonaliseError, match="no depersonalisation rules for Unknown"):
        worker.message(attrs.evolve(push, sender=Unknown()))  # type: ignore[arg-type]


def test_raw_segment_rules() -> None:
    worker = Depersonaliser(KEY, birth_year=True)
    nad = Segment("NAD", (("FL",), ("",), ("",), ("DOE", "JANE"), ("1 MAIN ST",)))
    assert worker.segment(nad, "PAXLST").elements == (("FL",), ("",), ("",), ("", ""), ("",))
    rff = Segment("RFF", (("AVF", "ABC123"),))
    assert worker.segment(rff, "PAXLST").elements == (
        ("AVF", worker.pseudonym("record_locator", "ABC123")),)
    dob = Segment("DTM", (("329", "850412"),))
    assert worker.segment(dob, "PAXLST").elements == (("329", "850101"),)
    assert Depersonaliser(KEY).segment(dob, "PAXLST").elements == (("329", ""),)
    leg = Segment("DTM", (("189", "2503101600", "201"),))
    assert worker.segment(leg, "PAXLST").elements == leg.elements
    unknown = Segment("XYZ", (("SECRET", "X"), ("Y",)))
    assert worker.segment(unknown, "PAXLST").elements == (("", ""), ("",))
    tif = Segment("TIF", (("SMITH", "I"), ("JOHNMR", "A", "1"), ("JANEMRS", "A", "2")))
    assert worker.segment(tif, "PNRGOV").elements == (
        ("", "I"), ("", "A", "1"), ("", "A", "2"))
    rci = Segment("RCI", (("1A", "2LS6KP", "", "200513", "0439"), ("KE", "EDP2RW")))
    masked = worker.segment(rci, "PNRGOV").elements
    assert masked[1] == ("KE", worker.pseudonym("record_locator", "EDP2RW"))
    assert segment_rule("PNRGOV", Segment("UNB", ())).why.startswith("envelope")


def test_sensitive_filter_matches_codes_and_markers_as_words() -> None:
    found = SensitiveFilter()
    assert found.text("MOML") and found.text("REQ KOSHER MEAL") and found.text("diabetic")
    assert found.text("SSR WCHR NN1")
    assert not found.text("HOMLAND") and not found.text("XMOMLX") and not found.text("")
    assert found.segment(Segment("SSR", (("AVML", "HK", "1"),)))
    assert not found.segment(Segment("SSR", (("SEAT", "HK", "1"),)))
    assert not found.segment(Segment("NAD", (("FL",), ("",), ("",), ("DEAF", "JAIN"))))


SENSITIVE = ("UNB+UNOA:4+S+R+250310:1405+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XX1'"
             "LOC+125+LHR'LOC+87+JFK'NAD+FL+++DOE:JOHN'FTX+AAI+++WHEELCHAIR TO GATE'"
             "FTX+AAI+++LATE ARRIVAL'UNT+9+1'UNZ+1+1'")


def test_sensitive_free_text_is_removed_and_counted_without_its_category() -> None:
    result = filter_sensitive(paxdata.parse(SENSITIVE))
    plist = result.passenger_lists[0]
    assert plist.travellers[0].free_texts == ("LATE ARRIVAL",)
    assert plist.travellers[0].surname == "DOE"  # the filter alone masks nothing else
    note = [d for d in plist.warnings if d.code == "DEP-SENSITIVE-REMOVED"]
    assert len(note) == 1 and "removed 1 " in note[0].message
    assert "health" not in note[0].message.lower()
    untouched = filter_sensitive(parsed(PASSENGERS))
    assert untouched.passenger_lists[0] == parsed(PASSENGERS).passenger_lists[0]


def test_sensitive_ssr_segments_of_syntax_level_messages_are_blanked() -> None:
    text = ("UNB+IATA:1+XX+GOV+250310:1405+1'UNH+1+TSTMSG:13:1:IA'MSG+:22'SRC'"
            "SSR+AVML:HK:1:XX'SSR+SEAT:HK:1:XX:::LHR:JFK+15A::1'UNT+6+1'UNZ+1+1'")
    result = filter_sensitive(paxdata.parse(text))
    segments = {s.tag + s.get(1, 2): s for s in result.messages[0].segments}  # type: ignore[union-attr]
    assert segments["SSR"].elements == (("", "", "", ""),)
    assert segments["SSRHK"].get(1, 1) == "SEAT"


# ---------------------------------------------------------------- PNRGOV and CUSRES
def test_pnr_is_masked_linked_and_kept_for_analysis() -> None:
    original = parsed(PUSH).pnrgov_messages[0]
    push = depersonalise(parsed(PUSH), KEY).pnrgov_messages[0]
    worker = Depersonaliser(KEY)
    pnr, before = push.pnrs[0], original.pnrs[0]
    amelia, theodore = pnr.travellers[0], pnr.travellers[2]
    # (a) names, and the number travelling together
    assert [(t.surname, t.given_names, t.title, t.given_name_as_sent)
            for t in pnr.travellers] == [(None, (), None, None)] * 3
    second, second_before = push.pnrs[1], original.pnrs[1]
    assert pnr.itinerary[0].party_size is None and second.split_pnrs[0].count is None
    assert before.itinerary[0].party_size == 3 and second_before.split_pnrs[0].count == 1
    assert pnr.travellers[0].check_in[0].name is None
    assert pnr.history[0].actions[0].travellers[0].surname is None
    # (b) address and contact: values masked, purpose, country and channel kept
    assert [(a.purpose, a.street, a.city, a.postal_code, a.free_text, a.country)
            for a in pnr.addresses] == [("700", None, None, None, None, "GB")]
    assert [(c.channel, c.value, c.text, c.source) for c in pnr.contacts] == [
        ("email", "", "", "IFT CTCE"), ("phone", "", "", "ADD")]
    assert [r.lines for r in pnr.remarks] == [()] and pnr.remarks[0].type == "28"
    # (c) payment: card number, expiry and holder masked; type, amount, vendor kept
    payment = amelia.payments[0]
    assert (payment.type, payment.amount, payment.vendor) == ("CC", "612.30", "VI")
    assert (payment.account_number, payment.expiry, payment.sponsor) == (None, None, ())
    assert payment.billing_address is not None and payment.billing_address.street is None
    # (d) frequent flyer: the airline only
    assert [(f.carrier, f.number, f.tier) for f in amelia.frequent_flyer] == [
        ("XX", None, None)]
    # (e) general remarks: SSR text, LTS history
    assert {s.text for s in amelia.ssrs} == {None} and pnr.history_lines == ()
    # (f) API data
    assert (amelia.date_of_birth, amelia.place_of_birth) == (None, None)
    assert [(d.type, d.number, d.issuing_country, d.expiry_date) for d in amelia.documents] \
        == [("P", None, "GBR", None), ("V", None, None, None)]
    docs = next(s.details for s in amelia.ssrs if s.code == "DOCS")
    assert isinstance(docs, DocsDetails)
    assert (docs.number, docs.surname, docs.nationality, docs.gender) == (None, None, "GBR", "F")
    assert amelia.fare is not None and amelia.fare.age is None
    # linking identifiers: pseudonyms, the same as in PAXLST and across records
    locator = worker.pseudonym("record_locator", "ABC123")
    assert pnr.record_locator == locator == depersonalise(
        parsed(PASSENGERS), KEY).passenger_lists[0].travellers[0].reservation_number
    assert [r.locator for r in pnr.record_locators] == [
        locator, worker.pseudonym("record_locator", "QWE456")]
    assert amelia.unique_passenger_reference == worker.pseudonym(
        "unique_passenger_reference", "0012AB34CD56EF78")
    assert amelia.tickets[0].number == payment.ticket_number == worker.pseudonym(
        "ticket_number", "1252100000001")
    head, member = amelia.bags[0], theodore.bags[0]
    assert head.tags[0].numbers == tuple(worker.pseudonym("bag_tag", n)
                                         for n in ("0125123456", "0125123457"))
    assert member.pool_reference == head.tags[0].number  # the pool stays linked
    # the agent sine (staff), not the booking office
    assert pnr.originator is not None and pnr.originator.agent_id is None
    assert (pnr.originator.agency_number, pnr.originator.agent_office) == (
        "91234567", "LONXX2100")
    # a hotel is where the passenger stays: the name masked, the place kept
    product = second.non_air_segments[0].products[0]
    assert (product.product, product.locations, product.provider) == (None, ("JFK",), "ZH")
    assert product.segment is not None and "GRAND AVENUE HOTEL" not in str(product.segment)
    # kept for analysis
    assert push.flight == original.flight
    assert [(t.gender, t.nationality, t.passenger_type) for t in pnr.travellers] == [
        (t.gender, t.nationality, t.passenger_type) for t in before.travellers]
    flights = ("carrier", "flight_number", "booking_class", "operating_carrier",
               "operating_flight_number", "departure_airport", "arrival_airport",
               "scheduled_departure", "scheduled_arrival", "status", "aircraft_type")
    assert [[getattr(s, f) for f in flights] for s in pnr.itinerary] == [
        [getattr(s, f) for f in flights] for s in before.itinerary]
    assert pnr.itinerary[1].operating_flight_number == "0102"
    assert amelia.seats == before.travellers[0].seats
    assert (pnr.last_modified_at, pnr.created_at) == (before.last_modified_at,
                                                      before.created_at)


def test_pnr_birth_year_is_flagged_on_the_pnr_at_the_traveller() -> None:
    push = depersonalise(parsed(PUSH), KEY, birth_year=True).pnrgov_messages[0]
    pnr = push.pnrs[0]
    amelia, oscar = pnr.travellers[0], pnr.travellers[1]
    assert (amelia.date_of_birth, oscar.date_of_birth) == (date(1985, 1, 1), date(2024, 1, 1))
    flagged = {d.location.segment_index for d in pnr.warnings if d.code == "DEP-BIRTH-YEAR"}
    assert {amelia.segment_index, oscar.segment_index} <= flagged


def test_cusres_answers_still_match_their_depersonalised_request() -> None:
    request, answer = parsed(PASSENGERS), parsed(EXCEPTIONS)
    before = match_response(answer.customs_responses[0], request.passenger_lists[0])
    masked_request, masked_answer = depersonalise([request, answer], KEY)
    response = masked_answer.customs_responses[0]
    after = match_response(response, masked_request.passenger_lists[0])
    assert [(d.matched_by, d.directive) for d in after.decisions] == [
        (d.matched_by, d.directive) for d in before.decisions]
    assert [d.traveller is None for d in after.decisions] == [False, False, True]
    worker = Depersonaliser(KEY)
    first = response.travellers[0]
    assert (first.reservation_number, first.unique_passenger_reference) == (
        worker.pseudonym("record_locator", "ABC123"),
        worker.pseudonym("unique_passenger_reference", "XX0101001"))
    assert [(r.qualifier, r.value) for r in first.references] == [
        ("AVF", first.reservation_number), ("ABO", first.unique_passenger_reference)]
    assert first.free_texts == () and response.message_texts == ()
    assert [c.code for c in first.codes] == ["0Z"] and response.flights == (
        answer.customs_responses[0].flights)


def test_sensitive_pnr_ssrs_and_remarks_are_dropped() -> None:
    result = filter_sensitive(parsed(PUSH))
    pnr = result.pnrgov_messages[0].pnrs[0]
    before = parsed(PUSH).pnrgov_messages[0].pnrs[0]
    assert "VGML" in {s.code for s in before.travellers[2].ssrs}
    assert "VGML" not in {s.code for s in pnr.travellers[2].ssrs}
    assert [r.lines for r in before.itinerary[0].remarks] == [("WCHR AT GATE FOR 1A",)]
    assert pnr.itinerary[0].remarks == ()
    assert pnr.travellers[0].surname == "QUILLFEATHER"  # the filter alone masks nothing else
    note = [d for d in result.pnrgov_messages[0].warnings if d.code == "DEP-SENSITIVE-REMOVED"]
    assert len(note) == 1 and "removed 2 " in note[0].message
    text = depersonalised_edifact(edifact.read(sample(PUSH)),
                                  Depersonaliser(KEY, sensitive=SensitiveFilter()))
    assert "VGML" not in text and "WCHR" not in text and "SSR:::::::'" not in text


def test_pnrgov_segment_contexts_and_their_rules() -> None:
    message = edifact.read(sample(PUSH)).messages[0]
    contexts = {(s.tag, s.index): c for s, c in segment_contexts("PNRGOV", message.segments)}
    assert contexts[("EQN", 5)] is None  # level 0: the PNRs of the push
    assert [k for k, c in contexts.items() if c] == [("EQN", 84), ("TVL", 87)]
    worker = Depersonaliser(KEY)
    by_index = {s.index: s for s in message.segments}
    assert worker.segment(by_index[87], "PNRGOV", context="non_air").elements == (
        ("170325", "1500", "200325", "1100"), ("JFK",), ("",), ("ZH",), ("",))
    assert worker.segment(by_index[84], "PNRGOV", context="split").elements == (("",),)
    assert worker.segment(by_index[5], "PNRGOV").elements == (("3",),)
    rpi = Segment("RPI", (("3",), ("HK",), ("4", "28"), ("LATE CHECK-IN",)))
    assert worker.segment(rpi, "PNRGOV").elements == (("",), ("HK",), ("", ""), ("",))


def test_an_unreadable_pnr_loses_its_reason_and_values() -> None:
    push = parsed(PUSH).pnrgov_messages[0]
    unreadable = UnreadablePnr(
        "ZZZ999", "PNR ZZZ999 could not be built (ValueError: BLACKTHORN)",
        (Segment("SRC", ()), Segment("TIF", (("BLACKTHORN",), ("ADA", "A", "1")), 90, 4000)),
        89, 3990)
    out = Depersonaliser(KEY).message(attrs.evolve(push, unreadable_pnrs=(unreadable,)))
    found = out.unreadable_pnrs[0]  # type: ignore[union-attr]
    assert found.reason == KINDS["PNR-UNREADABLE"].summary
    assert found.record_locator == Depersonaliser(KEY).pseudonym("record_locator", "ZZZ999")
    assert found.segments[1].elements == (("",), ("", "A", "1"))


# ---------------------------------------------------------------- nothing survives
def _personal_values(plist: PassengerList) -> set[str]:
    """Every value of the masked categories, as the records hold them and as EDIFACT
    and ISO dates write them."""
    values: set[str] = set()
    party = plist.reporting_party
    if party is not None:
        values |= {v for v in (party.name, party.contact) if v}
        values |= {c.number for c in party.communications}
    for t in plist.travellers:
        values |= {v for v in (t.surname, t.reservation_number, t.unique_passenger_reference,
                               t.frequent_flyer_number, t.government_reference,
                               t.ticket_number) if v}
        values |= set(t.given_names) | set(t.bag_tags) | set(t.free_texts)
        values |= {c.number for c in t.communications}
        if t.address is not None:
            values |= {v for v in attrs.astuple(t.address)[:4] if v}
        if t.place_of_birth is not None and t.place_of_birth.name:
            values.add(t.place_of_birth.name)
        if t.date_of_birth is not None:
            values |= {t.date_of_birth.isoformat(), t.date_of_birth.strftime("%y%m%d")}
        for d in t.documents:
            values |= {v for v in (d.number, d.issuing_place) if v}
            for day in (d.expiry_date, d.issue_date):
                if day is not None:
                    values |= {day.isoformat(), day.strftime("%y%m%d")}
    return {v for v in values if len(v.strip()) >= 3}


def _date_forms(day: date, family: str) -> set[str]:
    """How the messages and outputs write a date: ISO, and PAXLST and CUSRES YYMMDD, or
    PNRGOV DDMMYY and AIRIMP DDMMMYY (12APR85)."""
    if family == "pnrgov":
        return {day.isoformat(), day.strftime("%d%m%y"), day.strftime("%d%b%y").upper()}
    return {day.isoformat(), day.strftime("%y%m%d")}


def _collect(value: Any, out: set[str], family: str) -> None:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, datetime):
        out |= {value.isoformat(timespec="minutes"), *_date_forms(value.date(), family)}
    elif isinstance(value, date):
        out |= _date_forms(value, family)
    elif isinstance(value, tuple):
        for item in value:
            _collect(item, out, family)
    elif attrs.has(type(value)) and not isinstance(value, Defect):
        for field in attrs.fields(type(value)):
            _collect(getattr(value, field.name), out, family)


def _rule_values(record: Any, masked: set[str], kept: set[str]) -> None:
    """The values of a record tree that its rules mask (or pseudonymise) and keep."""
    key = record_key(type(record))
    actions = FIELD_ACTIONS[key]
    family = key.partition(".")[0]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        action = actions[field.name]["action"]
        if action == "keep":
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                if attrs.has(type(item)) and not isinstance(item, Defect):
                    _rule_values(item, masked, kept)
                else:
                    _collect(item, kept, family)
        elif action in ("mask", "pseudonymise", "birth_date"):
            _collect(value, masked, family)
        elif action == "references":
            for reference in value:
                rule = REFERENCE_ACTIONS.get(reference.qualifier, {"action": "mask"})
                (kept if rule["action"] == "keep" else masked).add(reference.value)


def _all_outputs(results: list[paxdata.ParseResult], documents: list[edifact.EdifactDocument],
                 tmp: Path) -> dict[str, bytes]:
    worker = Depersonaliser(KEY, sensitive=SensitiveFilter())
    masked = [worker.result(r) for r in results]
    out: dict[str, bytes] = {
           "json": dumps(result_to_json(masked)),
           "jsonl": b"".join(iter_lines(masked)),
           "edifact": "".join(depersonalised_edifact(d, worker) for d in documents).encode()}
    if importlib.util.find_spec("pyarrow") is None:
        return _without(out, worker)
    pq = importlib.import_module("pyarrow.parquet")
    dataset = ParquetDataset(tmp, compression="none")
    for r in masked:
        dataset.add(r)
    for table, path in dataset.close().items():
        cells = json.dumps(pq.read_table(path).to_pylist(), default=str)
        out[f"parquet:{table}"] = path.read_bytes() + cells.encode()
    return _without(out, worker)


def _without(outputs: dict[str, bytes], worker: Depersonaliser) -> dict[str, bytes]:
    """The outputs without the issued pseudonyms (random base32 tokens), JSON numbers, and
    paxdata's own
    fixed texts (defect codes and summaries, the column meanings in the Parquet schema),
    in which a short name can appear by chance (``BREA`` in
    ``EDI-LINE-BREAK-IN-SEGMENT``)."""
    issued = {p.encode() for p in worker.pseudonyms()}
    fixed = sorted({k.code.encode() for k in KINDS.values()}
                   | {k.summary.encode() for k in KINDS.values()}
                   | {m.encode() for columns in TABLES.values() for _, _, m in columns},
                   key=len, reverse=True)
    token = re.compile(rb"[A-Z2-7]{16}")
    # JSON numbers (offsets, indexes, counts: a card expiry 1017 or a date 141068 is also
    # a byte offset); masked values are strings, and stay checked.
    number = re.compile(rb"([:\[,] ?)-?[0-9]+(?:\.[0-9]+)?(?=[,\]}])")
    out = {}
    for name, data in outputs.items():
        cleared = token.sub(lambda m: b"#" if m.group() in issued else m.group(), data)
        if not name.startswith("edifact"):
            cleared = number.sub(rb"\1#", cleared)
        for text in fixed:
            cleared = cleared.replace(text, b"#")
        out[name] = cleared
    return out


def _kept_values(documents: list[edifact.EdifactDocument]) -> set[str]:
    """Values the segment rules keep (envelope references, flight numbers, codes): test
    data reuses strings such as 123456789 both as a reference and as a document number."""
    kept: set[str] = set()
    for document in documents:
        for ic in document.interchanges:
            message_type = None
            contexts: dict[int, str | None] = {}
            for message in ic.messages:
                contexts |= {id(s): c for s, c in segment_contexts(message.message_type,
                                                                    message.segments)}
            for s in ic.all_segments():
                if s.tag == "UNH":
                    message_type = s.get(2, 1)
                rule = segment_rule(message_type, s, contexts.get(id(s)))
                for e, element in enumerate(s.elements, 1):
                    kept |= {v for c, v in enumerate(element, 1) if rule.action(e, c)[0] == "keep"}
    return kept


#: Sensitive codes (Art. 13(4)) sent in the samples: none may survive in any output.
SENSITIVE_IN_SAMPLES = {"VGML", "WCHR"}


def _check_nothing_survives(names: list[str], datas: list[bytes], tmp: Path,
                            coincidences: int = 0, whole_words: bool = False,
                            sensitive: frozenset[str] = frozenset()) -> int:
    results = [paxdata.parse(d, name=n) for n, d in zip(names, datas, strict=True)]
    documents = [edifact.read(d, name=n) for n, d in zip(names, datas, strict=True)]
    personal: set[str] = set()
    kept_by_rules: set[str] = set()
    for r in results:
        for plist in r.passenger_lists:
            personal |= _personal_values(plist)  # the explicit list, beside the rules
        for message in r.messages:
            if not isinstance(message, edifact.Message):
                _rule_values(message, personal, kept_by_rules)
    personal = {v for v in personal if len(v.strip()) >= 3}
    also_kept = personal & (_kept_values(documents) | kept_by_rules)
    assert len(also_kept) <= coincidences, " ".join(sorted(also_kept))  # dates and references reused by test data
    personal -= also_kept
    outputs = _all_outputs(results, documents, tmp)
    forms = personal | {json.dumps(v)[1:-1] for v in personal}
    words = {v.encode() for v in forms if re.fullmatch(r"[A-Za-z0-9]+", v)}
    phrases = forms - {w.decode() for w in words}
    for fmt, data in outputs.items():
        if whole_words:
            survivors = words & set(re.findall(rb"[A-Za-z0-9]+", data))
        else:
            survivors = {w for w in words if w in data}
        survivors |= {p.encode() for p in phrases if _found(p, data, whole_words)}
        survivors |= {c.encode() for c in sensitive if _found(c, data, True)}
        assert not survivors, f"{sorted(survivors)[:5]} survive in {fmt}"
    return len(personal)


def _found(value: str, data: bytes, whole_words: bool) -> bool:
    """Byte search; ``whole_words`` (for public test data, where ``HAN`` is also part of
    kept text) requires no letter or digit on either side."""
    needle = value.encode()
    start = data.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not whole_words or ((start == 0 or not data[start - 1:start].isalnum())
                               and not data[end:end + 1].isalnum()):
            return True
        start = data.find(needle, start + 1)
    return False


def test_no_masked_value_survives_in_any_format(tmp_path: Path) -> None:
    names = sorted(p.name for p in SAMPLES.glob("paxlst_*.edi"))
    checked = _check_nothing_survives(names, [sample(n) for n in names], tmp_path,
                                      coincidences=1)  # GBR: an address country and a nationality
    assert checked > 40  # names, documents, dates, locators, bag tags, contacts...


def test_no_masked_pnrgov_or_cusres_value_survives_in_any_format(tmp_path: Path) -> None:
    names = sorted(p.name for p in SAMPLES.glob("*.edi") if not p.name.startswith("paxlst"))
    datas = [sample(n) for n in names]
    personal: set[str] = set()
    for name, data in zip(names, datas, strict=True):
        for message in paxdata.parse(data, name=name).messages:
            _rule_values(message, personal, set())
    # the rules reach what an analyst would call personal in these samples
    assert {"QUILLFEATHER", "AMELIA", "123456789", "V9876543", "1985-04-12", "12APR85",
            "BOOKINGS_DESK@EXAMPLE.COM", "447700900123", "XXXXXXXXXXXX1234",
            "1 MAIN STREET", "AMELIA QUILLFEATHER", "GRAND AVENUE HOTEL", "AB12CD",
            "ABC123", "1252100000001", "0125123456", "0012AB34CD56EF78", "QX7K2M",
            "XX0881P0002", "OK TO BOARD", "GRUENWALD", "C4FG15LP2",
            "ASTRID..L//EXAMPLE.ORG"} <= personal
    # coincidences: the China code table's texts (kept) are also the FTX texts (masked)
    checked = _check_nothing_survives(names, datas, tmp_path, coincidences=3,
                                      sensitive=frozenset(SENSITIVE_IN_SAMPLES))
    assert checked > 80


def test_every_sample_converts_depersonalised_to_every_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [str(p) for p in sorted(SAMPLES.glob("*.edi"))]
    formats = ["jsonl", "json", "edifact"]
    if importlib.util.find_spec("pyarrow") is not None:
        formats.append("parquet")
    for fmt in formats:
        out = tmp_path / fmt
        assert main(["convert", *inputs, "--to", fmt, "--out", str(out), "--no-progress",
                     "--depersonalise", "--key", KEY.decode(), "--birth-year"]) == 0, fmt
        assert f"{len(inputs)} ok, 0 with errors, 0 failed" in capsys.readouterr().err
        written = b"".join(p.read_bytes() for p in out.iterdir())
        assert b"QUILLFEATHER" not in written and b"GRUENWALD" not in written, fmt
        assert b"QX7K2M" not in written and b"VGML" not in written, fmt


@needs_shared
@pytest.mark.shared
def test_no_masked_value_survives_for_the_paxlst_corpus(tmp_path: Path) -> None:
    files = corpus_files("paxlst")
    checked = _check_nothing_survives([p.name for p in files], [p.read_bytes() for p in files],
                                      tmp_path, coincidences=35, whole_words=True)
    assert checked > 500


@needs_shared
@pytest.mark.shared
def test_no_masked_value_survives_for_the_pnrgov_and_cusres_corpus(tmp_path: Path) -> None:
    pushes = corpus_files("pnrgov_edi")
    small = [p for p in pushes if p.stat().st_size < 100_000]
    files = small + [p for p in pushes if "SyntheticPNR__05" in p.name] + corpus_files("cusres")
    assert len(files) > 70
    datas = [p.read_bytes() for p in files]
    sensitive = {c for c in SensitiveFilter().codes if any(
        re.search(rb"SSR\+" + c.encode() + rb":", d) for d in datas)}
    assert "AVML" in sensitive
    checked = _check_nothing_survives([p.name for p in files], datas, tmp_path,
                                      coincidences=40, whole_words=True,
                                      sensitive=frozenset(sensitive))
    assert checked > 2000


# ---------------------------------------------------------------- EDIFACT raw write
def test_depersonalised_edifact_reparses_with_the_same_pseudonyms() -> None:
    data = sample(PASSENGERS)
    worker = Depersonaliser(KEY)
    text = depersonalised_edifact(edifact.read(data), worker, line_break="\n")
    again = paxdata.parse(text)
    assert not [d for d in again.warnings if d.code.startswith("EDI-UN")]  # counts right
    plist = again.passenger_lists[0]
    records = depersonalise(paxdata.parse(data), KEY).passenger_lists[0]
    assert [t.reservation_number for t in plist.travellers] == [
        t.reservation_number for t in records.travellers]
    assert plist.travellers[0].bag_tags[0] == records.travellers[0].bag_tags[0]
    assert [t.surname for t in plist.travellers] == [None, None, None]
    assert [t.nationality for t in plist.travellers] == ["GBR", "IRL", "BRA"]
    before, after = (edifact.read(d).interchanges[0].all_segments() for d in (data, text))
    assert [s.tag for s in after] == [s.tag for s in before]
    assert [len(s.elements) for s in after] == [len(s.elements) for s in before]


def test_depersonalise_accepts_several_results() -> None:
    results = depersonalise([parsed(PASSENGERS), parsed("paxlst_crew_list.edi")], KEY)
    assert [len(r.passenger_lists[0].travellers) for r in results] == [3, 3]
    assert io.BytesIO(dumps(result_to_json(results))).read().count(b"DEP-DEPERSONALISED") == 2

