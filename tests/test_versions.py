"""Versions of the standard: a document is judged by the terms and rules of its version."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
import yaml
from rule_cases import certificate_bytes, change, golden

import kpstandard
from kpstandard.errors import ModelError
from kpstandard.findings import Verdict
from kpstandard.model.meta import default_model, load_model, version_key
from kpstandard.validation.rules import RULES, rules_for

SPEC = Path(__file__).resolve().parents[1] / "spec"


def codes(document: object, **context: object) -> list[str]:
    report = kpstandard.validate(kpstandard.dumps(document, "json"), **context)  # type: ignore[arg-type]
    return sorted(f.code for f in report.findings)


def test_the_model_lists_its_versions_oldest_first() -> None:
    model = default_model()
    assert model.spec_versions == ("1.0", "1.1")
    assert model.spec_version == "1.1"
    assert model.datatypes["SpecVersion"].enum == model.spec_versions


def test_versions_order_as_numbers() -> None:
    assert version_key("1.10") > version_key("1.9") > version_key("1.0")
    with pytest.raises(ModelError):
        version_key("1.0.0")


def test_each_version_has_its_own_rule_set() -> None:
    old = {r.id for r in rules_for("kp-certificate", "1.0")}
    new = {r.id for r in rules_for("kp-certificate", "1.1")}
    assert old - new == {"KP-R-007", "KP-R-025"}
    assert new - old == {"KP-R-043", "KP-R-044", "KP-R-050", "KP-R-051", "KP-R-053"}
    old = {r.id for r in rules_for("import-confirmation", "1.0")}
    new = {r.id for r in rules_for("import-confirmation", "1.1")}
    assert old - new == {"KP-R-032", "KP-R-033", "KP-R-034", "KP-R-035"}
    assert new - old == {"KP-R-045", "KP-R-046", "KP-R-047", "KP-R-048", "KP-R-049", "KP-R-052"}


def test_a_rule_retired_in_a_version_names_its_successor_by_a_new_id() -> None:
    # A rule's meaning never changes under its id: a retired rule is closed, never edited.
    retired = {r.id for r in RULES.values() if r.until is not None}
    added = {r.id for r in RULES.values() if r.since != "1.0"}
    assert retired
    assert added
    assert not retired & added


def test_a_1_1_document_declared_1_0_is_judged_by_1_0() -> None:
    # The Hong Kong example names the countries of mining origin of a mixed line (1.1) and the
    # provenance of each line (a 1.1 term): as 1.0 it breaks KP-R-007 and carries 1.1 terms.
    document = dataclasses.replace(golden("hk-ae-mixed-origins"), spec_version="1.0")
    assert codes(document) == ["KP-R-007", "KP-R-042", "KP-R-042", "KP-R-042", "KP-R-042"]


def test_several_countries_on_an_unmixed_line_stay_valid_in_1_0_only() -> None:
    document = golden("ae-in-several-origins")
    assert document.spec_version == "1.0"
    document = change(document, ("shipment", "lines", 0, "origin", "countries"), ("AO", "BW"))
    assert codes(document) == []
    assert codes(dataclasses.replace(document, spec_version="1.1")) == ["KP-R-043"]


def _provenance(code: str, version: str) -> object:
    document = dataclasses.replace(golden("bw-eu-unmixed"), spec_version=version)
    return change(document, ("country_of_provenance",), code)


def test_a_former_participant_is_a_provenance_in_1_1() -> None:
    # Croatia was a Participant until it joined the EU on 2013-07-01: goods imported from it
    # before then may be re-exported later [KP-REQ-029].
    assert codes(_provenance("HR", "1.1")) == []
    assert codes(_provenance("HR", "1.0")) == ["KP-R-025"]
    assert codes(_provenance("FR", "1.1")) == ["KP-R-044"]


def test_a_provenance_admitted_after_the_date_of_issue_is_refused() -> None:
    document = change(_provenance("QA", "1.1"), ("date_of_issue",), datetime.date(2019, 1, 2))
    document = change(document, ("date_of_expiry",), datetime.date(2019, 2, 1))
    assert "KP-R-044" in codes(document)


def _confirmation(**changes: object) -> object:
    return dataclasses.replace(golden("ic-bw-eu-hybrid"), **changes)


CERTIFICATE = {"certificate": certificate_bytes("bw-eu-hybrid")}


def test_a_refusal_with_reasons_is_valid_whatever_was_received() -> None:
    refused = _confirmation(
        outcome="refused",
        discrepancies=None,
        refusal_reasons={"en": "Seal of the container broken on arrival"},
    )
    report = kpstandard.validate(kpstandard.dumps(refused, "xml"), **CERTIFICATE)  # type: ignore[arg-type]
    assert report.verdict is Verdict.VALID, report.findings


def test_a_refusal_without_reasons_is_invalid() -> None:
    refused = _confirmation(outcome="refused", discrepancies=None)
    assert codes(refused, **CERTIFICATE) == ["KP-R-048"]


def test_discrepancies_without_their_outcome_are_refused() -> None:
    assert codes(_confirmation(outcome=None), **CERTIFICATE) == ["KP-R-048"]


def test_a_1_0_confirmation_that_differs_is_judged_by_1_0() -> None:
    confirmation = _confirmation(spec_version="1.0", outcome=None, discrepancies=None)
    assert codes(confirmation, **CERTIFICATE) == ["KP-R-034", "KP-R-034"]


def _model_with(tmp_path: Path, edit: str, replacement: str) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    for source in (SPEC / "model").iterdir():
        (folder / source.name).write_text(source.read_text("utf-8"), "utf-8")
    target = folder / "kp-certificate.yaml"
    text = target.read_text("utf-8")
    assert edit in text
    target.write_text(text.replace(edit, replacement, 1), "utf-8")
    return folder


def test_a_term_added_after_1_0_must_be_optional(tmp_path: Path) -> None:
    folder = _model_with(
        tmp_path, 'since: "1.1"\n    cardinality: 0..1', 'since: "1.1"\n    cardinality: 1..1'
    )
    with pytest.raises(ModelError, match="optional"):
        load_model(folder)


def test_a_term_of_an_unknown_version_is_refused(tmp_path: Path) -> None:
    folder = _model_with(tmp_path, 'since: "1.1"', 'since: "2.0"')
    with pytest.raises(ModelError, match=r"2\.0"):
        load_model(folder)


def test_the_catalogue_records_each_rules_versions() -> None:
    catalogue = yaml.safe_load((SPEC / "catalogue" / "findings.json").read_text("utf-8"))
    by_code = {entry["code"]: entry for entry in catalogue["codes"]}
    assert by_code["KP-R-007"]["versions"] == ["1.0"]
    assert by_code["KP-R-043"]["versions"] == ["1.1"]
    assert by_code["KP-R-001"]["versions"] == ["1.0", "1.1"]
