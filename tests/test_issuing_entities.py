"""Participants and issuing entities (issue 12): Hong Kong issues its own certificates within
China's participation, and the rough-diamond trading entity of Chinese Taipei meets the minimum
requirements; both are entries of kind ``issuing-entity``, not Participants of their own. A Hong
Kong certificate validates; "is X a Participant" answers through the entity; KP-R-051 keeps
working. Both syntaxes, exact codes."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import kpstandard
from kpstandard.codelists import ISSUING_ENTITY, default_codelists, load_codelists
from kpstandard.findings import Verdict
from kpstandard.validation.rules import RULES
from kpstandard.validation.rules._registry import Context
from tests.rule_cases import ROOT, change, golden

SYNTAXES = ("json", "xml")
HK = "hk-ae-mixed-origins"  # a 1.1 certificate of Hong Kong's Trade and Industry Department


def _judged(document: Any, syntax: str) -> tuple[Verdict, set[str]]:
    report = kpstandard.validate(kpstandard.dumps(document, syntax))  # type: ignore[arg-type]
    return report.verdict, {f.code for f in report.findings}


def test_hong_kong_and_chinese_taipei_are_issuing_entities() -> None:
    lists = default_codelists()
    hk, tw = lists.participants["HK"], lists.participants["TW"]
    assert (hk.kind, hk.within, hk.is_participant) == (ISSUING_ENTITY, "CN", False)
    assert (tw.kind, tw.within, tw.is_participant) == (ISSUING_ENTITY, None, False)
    assert lists.participants["CN"].is_participant
    assert [e.code for e in lists.issuing_entities("CN")] == ["HK"]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_hong_kong_certificate_validates(syntax: str) -> None:
    assert _judged(golden(HK), syntax) == (Verdict.VALID, set())


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_certificate_of_chinese_taipei_validates(syntax: str) -> None:
    document = golden(HK)
    for path, value in (
        (("exporting_participant",), "TW"),
        (("certificate_number",), "TW2026000042"),
        (("exporter", "country"), "TW"),
    ):
        document = change(document, path, value)
    assert _judged(document, syntax) == (Verdict.VALID, set())


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_trade_between_hong_kong_and_the_mainland_is_trade_between_two_entries(
    syntax: str,
) -> None:
    # separate control schemes: a Hong Kong certificate to China names two entries of the list
    document = change(golden(HK), ("importing_participant",), "CN")
    document = change(document, ("importer", "country"), "CN")
    assert _judged(document, syntax) == (Verdict.VALID, set())


@pytest.fixture(scope="module")
def china_suspended(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The code lists with a (fictitious) suspension of China in 2026: a test of the mechanism."""
    folder = tmp_path_factory.mktemp("codelists")
    source = ROOT / "spec" / "codelists"
    shutil.copy(source / "hs-codes.yaml", folder / "hs-codes.yaml")
    raw = yaml.safe_load((source / "participants.yaml").read_text(encoding="utf-8"))
    for entry in raw["entries"]:
        if entry["code"] == "CN":
            entry["suspensions"] = [{"from": "2026-01-01", "kind": "suspended", "source": "test"}]
    (folder / "participants.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_codelists(Path(folder))


def test_an_entity_within_a_suspended_participant_is_suspended(china_suspended: Any) -> None:
    standing = china_suspended.standing("HK", datetime.date(2026, 3, 10))
    assert standing.participant
    assert standing.suspension is not None
    assert china_suspended.standing("HK", datetime.date(2025, 12, 31)).suspension is None
    found = RULES["KP-R-005"].check(golden(HK), Context(codelists=china_suspended))
    assert [v.path for v in found] == [("exporting_participant",)]
    assert "within the participation of CN" in found[0].message


@pytest.mark.parametrize("syntax", ["json", "xml"])
def test_an_issuing_entity_numbers_its_certificates_with_its_own_code(syntax: str) -> None:
    # KP-REQ-006: the number begins with the code of the exporting Participant or issuing
    # entity; Hong Kong's is HK, not CN (the Participant whose participation covers it).
    document = change(golden("hk-ae-mixed-origins"), ("certificate_number",), "CN2026001187")
    report = kpstandard.validate(kpstandard.dumps(document, syntax))
    assert [f.code for f in report.findings] == ["KP-R-001"]
