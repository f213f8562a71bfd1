"""Hostile PNRGOV XML: external entities, entity expansion, DTDs, deep and huge documents,
and arbitrary bytes. Nothing is resolved, nothing reaches the network, memory and time stay
bounded, and nothing but located paxdata errors comes out."""

from __future__ import annotations

import http.server
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paxdata
from paxdata import STRICT, DefectError, Policy
from paxdata.defects import KINDS
from paxdata.errors import PaxdataError
from paxdata.pnrgov import PnrgovMessage, PushedPnr
from paxdata.pnrgov_xml import read_xml
from support import sample

NS = "http://www.iata.org/IATA/2007/00"
SECRET = "paxdata-secret-line-7f3a"


def errors_of(data: bytes | str) -> list[str]:
    result = paxdata.parse(data)
    return [e.code for e in result.errors]


def refused(data: bytes | str) -> paxdata.ParseResult:
    started = time.perf_counter()
    result = paxdata.parse(data)
    assert time.perf_counter() - started < 2
    assert [e.code for e in result.errors] == ["XML-DTD-REFUSED"]
    assert result.messages == ()
    return result


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def test_xxe_external_entity_is_refused(secret_file: Path) -> None:
    payload = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
               f'<IATA_PNRGOV_NotifRQ xmlns="{NS}" Version="13.1"><PNRs NumberOfPnrs="1"><PNR>'
               '<BookingRefID ID="&xxe;"/></PNR></PNRs></IATA_PNRGOV_NotifRQ>')
    result = refused(payload)
    assert SECRET not in repr(result)
    (error,) = result.errors
    assert error.location.line == 1 and "line 1, column 22" in error.message
    with pytest.raises(DefectError) as raised:
        paxdata.parse(payload, policy=STRICT)
    assert raised.value.code == "XML-DTD-REFUSED"


def test_parameter_entity_and_external_dtd_never_fetched(secret_file: Path) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "leaked">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/evil.dtd"
        for payload in (
                f'<!DOCTYPE r SYSTEM "{url}"><r>&leak;</r>',
                f'<!DOCTYPE r [<!ENTITY % ext SYSTEM "{url}"> %ext;]><r>&leak;</r>',
                f'<!-- a comment first --><?pi x?>\n<!DOCTYPE r PUBLIC "-//X//Y" "{url}"><r/>',
                f'<!DOCTYPE r [<!ENTITY % file SYSTEM "file://{secret_file}">'
                f'<!ENTITY % dtd SYSTEM "{url}"> %dtd;]><r/>'):
            refused(payload)
            refused(payload.encode("utf-16"))  # the prolog is read in UTF-16 too
    finally:
        server.shutdown()
    assert hits == []


def test_billion_laughs_is_refused_quickly() -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    payload = ("<?xml version=\"1.0\"?><!DOCTYPE lolz [" + "".join(entities) + "]>"
               f'<IATA_PNRGOV_NotifRQ xmlns="{NS}">&lol9;</IATA_PNRGOV_NotifRQ>')
    tracemalloc.start()
    try:
        refused(payload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_quadratic_blowup_is_refused() -> None:
    big = "A" * 100_000
    payload = (f'<!DOCTYPE r [<!ENTITY a "{big}">]><IATA_PNRGOV_NotifRQ xmlns="{NS}">'
               + "&a;" * 20_000 + "</IATA_PNRGOV_NotifRQ>")
    refused(payload.encode("ascii"))


def test_entities_without_a_dtd_are_malformed_not_resolved() -> None:
    payload = f'<IATA_PNRGOV_NotifRQ xmlns="{NS}"><PNRs>&xxe;</PNRs></IATA_PNRGOV_NotifRQ>'
    assert errors_of(payload) == ["XML-MALFORMED"]


def test_xinclude_is_not_processed(secret_file: Path) -> None:
    payload = (f'<IATA_PNRGOV_NotifRQ xmlns="{NS}" xmlns:xi="http://www.w3.org/2001/XInclude" '
               'Version="13.1" Function="22"><PNRs NumberOfPnrs="1"><PNR><BookingRefID ID="A1"/>'
               f'<POS><Source/></POS><xi:include href="file://{secret_file}" parse="text"/>'
               "</PNR></PNRs></IATA_PNRGOV_NotifRQ>")
    result = paxdata.parse(payload)
    assert SECRET not in repr(result)
    (message,) = result.pnrgov_messages
    kept = message.pnrs[0].unrecognised_segments[0].elements[0][0]
    assert kept.startswith("<xi:include")  # kept raw, as an unknown element


def test_schema_location_hints_are_never_followed() -> None:
    payload = (f'<IATA_PNRGOV_NotifRQ xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/'
               'XMLSchema-instance" xsi:schemaLocation="http://127.0.0.1:1/x.xsd" Version="13.1"'
               ' Function="22"><PNRs NumberOfPnrs="0"/></IATA_PNRGOV_NotifRQ>')
    started = time.perf_counter()
    result = paxdata.parse(payload)
    assert time.perf_counter() - started < 2 and result.errors == ()


def test_deep_nesting_stops_at_the_parser_limit() -> None:
    depth = 50_000
    payload = f'<IATA_PNRGOV_NotifRQ xmlns="{NS}">' + "<a>" * depth + "</a>" * depth + \
        "</IATA_PNRGOV_NotifRQ>"
    result = paxdata.parse(payload.encode())
    assert [e.code for e in result.errors] == ["XML-MALFORMED"]


def test_huge_text_node_stops_at_the_parser_limit() -> None:
    payload = (f'<IATA_PNRGOV_NotifRQ xmlns="{NS}"><PNRs NumberOfPnrs="1"><PNR><UnstructuredPNR'
               "_History>" + "X" * 12_000_000 + "</UnstructuredPNR_History></PNR></PNRs>"
               "</IATA_PNRGOV_NotifRQ>")
    result = paxdata.parse(payload.encode())
    assert "XML-MALFORMED" in [e.code for e in result.errors]


def test_a_pnr_larger_than_the_limit_stops_reading() -> None:
    pnr = ('<PNR><BookingRefID ID="BIG001"/><POS><Source/></POS>'
           + '<OSI><Airline Code="XX"/><Text>FILLER</Text></OSI>' * 3000 + "</PNR>")
    small = '<PNR><BookingRefID ID="SMALL1"/><POS><Source/></POS></PNR>'
    payload = (f'<IATA_PNRGOV_NotifRQ xmlns="{NS}" Version="13.1"><PNRs NumberOfPnrs="2">'
               f"{small}{pnr}</PNRs></IATA_PNRGOV_NotifRQ>").encode()
    items = list(read_xml(payload, Policy(), "big.xml", max_pnr_bytes=65_536))
    errors = [i for i in items if isinstance(i, PaxdataError)]
    assert [e.code for e in errors] == ["XML-LIMIT"]
    (message,) = [i for i in items if isinstance(i, PnrgovMessage)]
    assert [p.record_locator for p in message.pnrs] == ["SMALL1"]
    # many small PNRs in a large file are fine under the same limit: it is per PNR
    many = (f'<IATA_PNRGOV_NotifRQ xmlns="{NS}" Version="13.1"><PNRs NumberOfPnrs="3000">'
            + small * 3000 + "</PNRs></IATA_PNRGOV_NotifRQ>").encode()
    items = list(read_xml(many, Policy(), "many.xml", max_pnr_bytes=65_536))
    assert [type(i).__name__ for i in items] == ["PnrgovMessage"]
    assert len(items[0].pnrs) == 3000  # type: ignore[union-attr]


def test_trailing_content_and_truncation_are_located() -> None:
    data = sample("pnrgov_xml_update_push.xml")
    result = paxdata.parse(data + b"<extra/>")
    assert [e.code for e in result.errors] == ["XML-MALFORMED"]
    assert len(result.pnrgov_messages) == 1  # the message itself was complete
    for cut in (10, 200, len(data) // 2, len(data) - 5):
        result = paxdata.parse(data[:cut])
        assert result.errors and all(e.location.line is not None for e in result.errors)


def _mutations(data: bytes) -> st.SearchStrategy[bytes]:
    size = len(data)

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 6))):
            kind = draw(st.sampled_from(["flip", "cut", "insert", "delete", "dup"]))
            where = draw(st.integers(0, max(0, len(out) - 1)))
            if kind == "flip" and out:
                out[where] = draw(st.integers(0, 255))
            elif kind == "cut":
                del out[where:]
            elif kind == "insert":
                out[where:where] = draw(st.sampled_from(
                    [b"<", b">", b"&", b"&amp;", b"<X>", b"</PNR>", b"<PNR>", b'"', b"\x00",
                     b"<!DOCTYPE x>", b"<![CDATA[x]]>", b"\xff\xfe", b"<?pi?>"]))
            elif kind == "delete":
                del out[where:where + draw(st.integers(1, 40))]
            elif out:
                end = min(len(out), where + draw(st.integers(1, 200)))
                out[where:where] = out[where:end]
        return bytes(out[: size * 2])

    return mutate()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations(sample("pnrgov_xml_full_push.xml")))
def test_mutated_messages_never_crash(data: bytes) -> None:
    for policy in (Policy(), Policy(strict=True)):
        try:
            result = paxdata.parse(data, policy=policy)
        except DefectError as error:
            raised = error.code
        else:
            raised = None
        assert raised is None or raised in KINDS
        if raised is not None:
            continue
        for error in result.errors:
            assert error.code in KINDS
        for message in result.messages:
            for pnr in getattr(message, "pnrs", ()):
                assert all(d.code in KINDS for d in pnr.warnings)
        if not policy.strict:  # streamed PNR by PNR, the same PNRs and messages
            streamed = list(paxdata.iter_pnrs(data))
            assert [i.pnr for i in streamed if isinstance(i, PushedPnr)] == [
                pnr for push in result.pnrgov_messages for pnr in push.pnrs]
            assert [i for i in streamed if isinstance(i, PnrgovMessage)] == [
                attrs.evolve(push, pnrs=()) for push in result.pnrgov_messages]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300).map(lambda b: b"<" + b))
def test_arbitrary_bytes_after_a_bracket_never_crash(data: bytes) -> None:
    result = paxdata.parse(data)
    assert all(e.code in KINDS for e in result.errors)


def _stream(chunks: list[bytes]) -> Iterator[bytes]:
    yield from chunks


def test_stream_split_anywhere_reads_the_same() -> None:
    data = sample("pnrgov_xml_full_push.xml")
    whole = paxdata.parse(data).pnrgov_messages[0]

    class Trickle:
        def __init__(self, payload: bytes) -> None:
            self.payload = payload

        def read(self, size: int = -1) -> bytes:
            piece, self.payload = self.payload[:7], self.payload[7:]
            return piece

    trickled = paxdata.parse(Trickle(data)).pnrgov_messages[0]  # type: ignore[arg-type]
    assert trickled.pnrs == whole.pnrs
