"""Depersonalisation (Directive (EU) 2016/681 Art. 12(2)) and the sensitive-data filter
(Art. 13(4)): what is masked, what becomes a pseudonym, what is kept, in every format."""

from __future__ import annotations

import importlib
import importlib.util
import io
import json
import re
from datetime import date
from pathlib import Path

import attrs
import pytest

import paxdata
from paxdata import edifact
from paxdata.defects import KINDS
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
    segment_rule,
)
from paxdata.edifact import Segment
from paxdata.paxlst import PassengerList, ReportingParty, TravelDocument, Traveller
from paxdata.serializers.arrow import ParquetDataset
from paxdata.serializers.json import dumps, result_to_json
from paxdata.serializers.jsonl import iter_lines
from support import SAMPLES, corpus_files, needs_shared, sample

KEY = b"test-key-0123456789abcdef"
PASSENGERS = "paxlst_passenger_list.edi"


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


def test_every_record_field_has_a_rule() -> None:
    for cls in (PassengerList, ReportingParty, Traveller, TravelDocument):
        names = {f.name for f in attrs.fields(cls)}
        assert names == set(FIELD_ACTIONS[cls.__name__]), cls.__name__
    actions = {"keep", "mask", "pseudonymise", "birth_date", "references", "segments",
               "defects"}
    for fields in FIELD_ACTIONS.values():
        for rule in fields.values():
            assert rule["action"] in actions
            if rule["action"] == "pseudonymise":
                assert rule["kind"] in PSEUDONYM_KINDS
    assert {r["kind"] for r in REFERENCE_ACTIONS.values() if "kind" in r} <= set(PSEUDONYM_KINDS)


def test_a_record_class_without_rules_is_refused() -> None:
    @attrs.frozen
    class Unknown:
        message_reference: str = "1"
        warnings: tuple[object, ...] = ()
        message_type: str = "UNKNOWN"

    worker = Depersonaliser(KEY)
    with pytest.raises(DepersonaliseError, match="no depersonalisation rules for Unknown"):
        worker.message(Unknown())  # type: ignore[arg-type]


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
    """The outputs without the issued pseudonyms (random base32 tokens) and paxdata's own
    fixed texts (defect codes and summaries), in which a short name can appear by chance
    (``BREA`` in ``EDI-LINE-BREAK-IN-SEGMENT``)."""
    issued = {p.encode() for p in worker.pseudonyms()}
    fixed = sorted({k.code.encode() for k in KINDS.values()}
                   | {k.summary.encode() for k in KINDS.values()}, key=len, reverse=True)
    token = re.compile(rb"[A-Z2-7]{16}")
    out = {}
    for name, data in outputs.items():
        cleared = token.sub(lambda m: b"#" if m.group() in issued else m.group(), data)
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
            for s in ic.all_segments():
                if s.tag == "UNH":
                    message_type = s.get(2, 1)
                rule = segment_rule(message_type, s)
                for e, element in enumerate(s.elements, 1):
                    kept |= {v for c, v in enumerate(element, 1) if rule.action(e, c)[0] == "keep"}
    return kept


def _check_nothing_survives(names: list[str], datas: list[bytes], tmp: Path,
                            coincidences: int = 0, whole_words: bool = False) -> int:
    results = [paxdata.parse(d, name=n) for n, d in zip(names, datas, strict=True)]
    documents = [edifact.read(d, name=n) for n, d in zip(names, datas, strict=True)]
    assert all(isinstance(m, PassengerList | edifact.Message)
               for r in results for m in r.messages)  # PAXLST rules only, so far
    personal: set[str] = set()
    for r in results:
        for plist in r.passenger_lists:
            personal |= _personal_values(plist)
    kept_dates = {d.isoformat() for r in results for p in r.passenger_lists
                  for d in (p.message_date, p.envelope.prepared_at,
                            *(t for leg in p.flight_legs
                              for t in (leg.scheduled_departure, leg.scheduled_arrival)))
                  if d is not None}
    kept_dates |= {d[:10] for d in kept_dates}
    also_kept = personal & (_kept_values(documents) | kept_dates)
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
    checked = _check_nothing_survives(names, [sample(n) for n in names], tmp_path)
    assert checked > 40  # names, documents, dates, locators, bag tags, contacts...


@needs_shared
@pytest.mark.shared
def test_no_masked_value_survives_for_the_paxlst_corpus(tmp_path: Path) -> None:
    files = [p for p in corpus_files("paxlst")
             if all(isinstance(m, PassengerList | edifact.Message)
                    for m in paxdata.parse(p).messages)]
    checked = _check_nothing_survives([p.name for p in files], [p.read_bytes() for p in files],
                                      tmp_path, coincidences=20, whole_words=True)
    assert checked > 500


@needs_shared
@pytest.mark.shared
def test_pnrgov_names_locators_and_documents_do_not_survive_the_raw_write() -> None:
    path = next(p for p in corpus_files("pnrgov_edi") if b"SSR+AVML" in p.read_bytes())
    document = edifact.read(path.read_bytes(), name=path.name)
    personal: set[str] = set()
    for message in document.messages:
        for s in message.segments:
            if s.tag == "TIF":
                personal |= {e[0] for e in s.elements if e and len(e[0]) >= 4}
            elif s.tag == "RCI":
                personal |= {e[1] for e in s.elements if len(e) > 1 and len(e[1]) >= 4}
            elif s.tag == "SSR" and s.get(1, 1) == "DOCS":
                fields = s.get(1, 9).split("/")
                if len(fields) > 3 and len(fields[3]) >= 5:
                    personal.add(fields[3])  # the passport number
    assert len(personal) > 10
    text = depersonalised_edifact(document, Depersonaliser(KEY, sensitive=SensitiveFilter()))
    assert not [v for v in personal if _found(v, text.encode(), whole_words=True)]
    assert "AVML" in path.read_text("latin-1") and "AVML" not in text


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

