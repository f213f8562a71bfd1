"""Profiles: the built-in ones, selection, and user TOML profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from paxdata.defects import Severity
from paxdata.validation import RULES, ProfileError, builtin_profiles, load_profile, validate
from support import ROOT
from test_validation import BODY, TODAY, M, interchange, sub, where


def test_builtin_profiles_load() -> None:
    assert builtin_profiles() == ["eu-api-2025", "pnrgov", "us-apis", "wco"]
    wco = load_profile()
    assert wco.name == "wco"
    assert wco.required["traveller"] == ("surname", "given_names", "gender", "date_of_birth",
                                         "nationality", "travel_document")
    assert "PAX-BGM-SUBCODE" not in wco.rules
    eu = load_profile("eu-api-2025")
    assert eu.required["message"] == ("carrier_contact",)
    assert eu.required["traveller"][-4:] == ("reservation_number", "seat", "checked_bags",
                                             "port_of_embarkation")
    assert eu.rules["PAX-MISSING-SEAT"] is Severity.INFO
    assert eu.rules["PAX-MISSING-RESERVATION"] is Severity.ERROR
    us = load_profile("us-apis")
    assert us.rules["PAX-BGM-SUBCODE"] is Severity.WARNING
    assert {"266", "336", "655"} <= us.codes["list_types"]
    assert {"M", "T", "IN", "IS", "L"} <= us.codes["document_types"]


def test_pnrgov_profile_loads_with_envelope_rules_only() -> None:
    pnrgov = load_profile("pnrgov")
    assert pnrgov.rules
    assert all(rule.startswith(("ENV-", "VAL-", "PNR-")) for rule in pnrgov.rules)
    # A PAXLST message under the pnrgov profile: only envelope rules apply.
    data = interchange(M(sub(BODY, "NAT+2+GBR", "NAT+2+XYZ"), count=99))
    assert [f.rule for f in validate(data, "pnrgov", today=TODAY)] == ["ENV-UNT-COUNT"]


def test_profiles_select_rules() -> None:
    data = interchange(M(sub(sub(BODY, "BGM+745", "BGM+266+CLOB"), "DOC+P+123456789",
                             "DOC+M+123456789")))
    assert [f.rule for f in validate(data, "wco", today=TODAY)] == ["PAX-BGM-CODE",
                                                                  "PAX-DOC-TYPE"]
    assert validate(data, "us-apis", today=TODAY) == []
    missing = interchange(M(sub(BODY, "RFF+SEA:23A", None)))
    assert validate(missing, "wco", today=TODAY) == []
    (seat,) = validate(missing, "eu-api-2025", today=TODAY)
    assert (seat.rule, seat.severity, seat.where()) == ("PAX-MISSING-SEAT", Severity.INFO,
                                                        "segment 10 (NAD)")


def test_user_profile_tunes_rules_severities_required_elements_and_codes(tmp_path: Path) -> None:
    profile = tmp_path / "state.toml"
    profile.write_text("""
[profile]
name = "my-state"
extends = "wco"

[rules]
disable = ["PAX-NAME-CHARS"]

[severity]
"PAX-COUNTRY-CODE" = "warning"

[required.add]
traveller = ["port_of_disembarkation"]

[required.remove]
traveller = ["gender"]

[codes]
genders = ["M", "F"]
""")
    loaded = load_profile(profile)
    assert loaded.name == "my-state"
    assert "port_of_disembarkation" in loaded.required["traveller"]
    assert "gender" not in loaded.required["traveller"]
    body = sub(sub(sub(sub(BODY, "NAD+FL+++DOE:JANE", "NAD+FL+++DOE2:JANE"), "NAT+2+GBR",
                       "NAT+2+XYZ"), "LOC+179+JFK", None), "ATT+2++F", "ATT+2++X")
    findings = validate(interchange(M(body)), profile, today=TODAY)
    assert [(f.rule, f.severity, f.where()) for f in findings] == [
        ("PAX-MISSING-DISEMBARKATION", Severity.ERROR, "segment 10 (NAD)"),
        ("PAX-GENDER", Severity.ERROR, "segment 11 (ATT e3c1)"),
        ("PAX-COUNTRY-CODE", Severity.WARNING, "segment 16 (NAT e2c1)"),
    ]
    # without gender in the required list, a missing ATT is fine
    no_gender = interchange(M(sub(BODY, "ATT+2++F", None)))
    assert where(validate(no_gender, profile, today=TODAY), "PAX-MISSING-GENDER") == []


@pytest.mark.parametrize(("text", "message"), [
    ("[rules]\nenable = ['NOT-A-RULE']\n", "unknown rule 'NOT-A-RULE'"),
    ("[severity]\n'PAX-GENDER' = 'fatal'\n", "is not error, warning or info"),
    ("[required]\ntraveller = ['shoe_size']\n", "'shoe_size' is not a traveller element"),
    ("[required]\ncabin = ['seat']\n", "scope 'cabin'"),
    ("[profile]\nextends = 'nope'\n", "unknown profile 'nope'"),
    ("this is not toml", "is not valid TOML"),
])
def test_bad_user_profiles_are_reported(tmp_path: Path, text: str, message: str) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text(text)
    with pytest.raises(ProfileError, match=message):
        load_profile(profile)


def test_unknown_profile_name() -> None:
    with pytest.raises(ProfileError, match="neither a built-in profile"):
        load_profile("atlantis")


def test_docs_list_every_rule_with_its_severity_and_source() -> None:
    text = (ROOT / "docs" / "validation.md").read_text()
    rows = {line.split("|")[1].strip().strip("`"): line.split("|")
            for line in text.splitlines() if line.startswith("| `")}
    for rule in RULES.values():
        row = rows.get(rule.id)
        assert row is not None, rule.id
        assert row[2].strip() == rule.severity.value, rule.id
        assert row[4].strip() == rule.description, rule.id
        assert row[5].strip() == rule.source, rule.id
