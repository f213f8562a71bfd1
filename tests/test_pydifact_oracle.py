"""pydifact as the test oracle: our tokens equal pydifact's wherever pydifact is right.

Hypothesis generates segment lists, our writer serializes them (release characters
inserted), and both tokenizers read the text back. pydifact returns one component as
``str`` and drops trailing empty components; both sides are normalised the same way.
Known pydifact faults are kept out of the comparison (and tested on our side elsewhere):
a released ``?'UNA`` in data is taken for a service string advice, and trailing spaces
before a terminator are data to pydifact while paxdata tolerates them as layout.
"""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydifact.control import Characters
from pydifact.parser import Parser

from paxdata.edifact import Segment, ServiceCharacters, read, serialize_segments
from paxdata.edifact.pydifact_compat import from_pydifact_segment, to_pydifact_segment

CHARSETS = [
    ServiceCharacters(),
    ServiceCharacters(element_separator="*", segment_terminator="$"),
    ServiceCharacters(component_separator="-", element_separator="/", segment_terminator="!"),
]

TEXT = st.text(alphabet="ABCXYZ0129 .,-()/=:+'?*$!", max_size=12)
TAGS = st.text(alphabet="ABCDFGIKLMPQRSTVWXY", min_size=3, max_size=3)
ELEMENT = st.lists(TEXT, min_size=1, max_size=4).map(tuple)
SEGMENT = st.builds(lambda tag, els: Segment(tag, tuple(els)), TAGS,
                    st.lists(ELEMENT, min_size=1, max_size=6))


def normalise(elements: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    out = []
    for element in elements:
        parts = list(element)
        while len(parts) > 1 and parts[-1] == "":
            parts.pop()
        if parts == [""] * len(parts):
            parts = [""]
        out.append(tuple(parts))
    return out


def pydifact_tokens(text: str, chars: ServiceCharacters) -> list[tuple[str, list[tuple[str, ...]]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyd_chars = Characters(
            component_separator=chars.component_separator,
            data_separator=chars.element_separator, decimal_point=chars.decimal_mark,
            escape_character=chars.release_character, segment_terminator=chars.segment_terminator)
        found = []
        for segment in Parser(characters=pyd_chars).parse(text, characters=pyd_chars):
            if segment.tag == "UNA":
                continue
            ours = from_pydifact_segment(segment)
            found.append((ours.tag, normalise(ours.elements)))
        return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SEGMENT, min_size=1, max_size=8), st.sampled_from(CHARSETS))
def test_tokens_equal_pydifact(segments: list[Segment], chars: ServiceCharacters) -> None:
    for segment in segments:
        last = segment.elements[-1][-1]
        assume(not last.endswith(" "))  # layout to paxdata, data to pydifact
        assume(all("UNA" not in c for e in segment.elements for c in e))
    header = Segment("UNB", (("UNOA", "4"), ("S",), ("R",), ("250310", "1405"), ("1",)))
    unh = Segment("UNH", (("1",), ("X", "D", "05B", "UN")))
    unt = Segment("UNT", ((str(len(segments) + 2),), ("1",)))
    unz = Segment("UNZ", (("1",), ("1",)))
    text = serialize_segments([header, unh, *segments, unt, unz], chars,
                              una=chars != ServiceCharacters())
    doc = read(text)
    ours = [(s.tag, normalise(s.elements)) for s in doc.messages[0].body]
    theirs = pydifact_tokens(text, chars)[2:-2]
    assert ours == theirs
    assert [(s.tag, s.elements) for s in doc.messages[0].body] == [
        (s.tag, s.elements) for s in segments]
    assert list(doc.all_warnings()) == []


def test_segment_conversion_both_ways() -> None:
    segment = Segment("NAD", (("FL",), ("",), ("",), ("SMITH", "JOHN")))
    theirs = to_pydifact_segment(segment)
    assert theirs.tag == "NAD"
    assert theirs.elements == ["FL", "", "", ["SMITH", "JOHN"]]
    assert from_pydifact_segment(theirs) == segment
