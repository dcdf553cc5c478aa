"""The rules layer: every rule fires where it must, in both syntaxes, and nowhere else."""

from __future__ import annotations

import datetime
import json
import typing
from decimal import Decimal
from pathlib import Path

import pytest
from rule_cases import (
    CASES,
    CONTEXT_FILE,
    INVALID,
    LINE0,
    TOTALS,
    RuleCase,
    change,
    context_file,
    example_path,
    expected_files,
    get,
    golden,
)

import kpstandard
from kpstandard.cli import main
from kpstandard.codelists import default_codelists
from kpstandard.findings import Layer, LayerStatus, Severity, Verdict
from kpstandard.model import (
    AuthorityTrustList,
    CertificateStatusNotice,
    ImportConfirmation,
    KPCertificate,
    Receipt,
    StatusResponse,
)
from kpstandard.model.meta import default_model
from kpstandard.syntax.locate import AttrPath, locate
from kpstandard.validation.rules import RULES

SYNTAXES = ("json", "xml")


def test_every_rule_has_a_case() -> None:
    assert sorted(c.rule for c in CASES) == sorted(RULES)


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.stem)
def test_rule_fires(case: RuleCase, syntax: str) -> None:
    document = case.document()
    report = kpstandard.validate(kpstandard.dumps(document, syntax), **case.context())  # type: ignore[arg-type]
    document_type = default_model().document(type(document).__name__)
    expected = sorted(locate(document_type, path, syntax) for path in case.paths)
    # a warning rule (KP-R-050) reports without making the document invalid
    warning = RULES[case.rule].severity is Severity.WARNING
    assert report.verdict is (Verdict.VALID if warning else Verdict.INVALID)
    assert {f.code for f in report.findings} == {case.rule}, report.findings
    assert sorted(f.location for f in report.findings) == expected
    assert all(
        f.layer is Layer.RULES and f.requirement == RULES[case.rule].requirement
        for f in report.findings
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.stem)
def test_rule_holds_on_the_example_it_breaks(case: RuleCase, syntax: str) -> None:
    report = kpstandard.validate(kpstandard.dumps(golden(case.base), syntax), **case.context())  # type: ignore[arg-type]
    assert report.verdict is Verdict.VALID, report.findings


def test_per_rule_examples_are_current() -> None:
    for path, data in expected_files().items():
        assert path.read_bytes() == data, f"{path.name} is stale: run python tests/rule_cases.py"
    assert (INVALID / CONTEXT_FILE).read_bytes() == context_file()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.stem)
def test_kpcert_validate_names_the_rule(case: RuleCase, capsys: pytest.CaptureFixture[str]) -> None:
    extra = []
    if case.certificate:
        extra = ["--certificate", f"examples/documents/{case.certificate}.xml"]
    for syntax in SYNTAXES:
        path = example_path(case, syntax)
        warning = RULES[case.rule].severity is Severity.WARNING
        assert main(["validate", str(path), "--format", "json", *extra]) == (0 if warning else 1)
        report = json.loads(capsys.readouterr().out)["documents"][0]
        assert {f["code"] for f in report["findings"]} == {case.rule}


# --- code lists are dated data ------------------------------------------------------------------


def _venezuelan(issued: datetime.date) -> bytes:
    document = golden("bw-eu-unmixed")
    for path, value in (
        (("exporting_participant",), "VE"),
        (("certificate_number",), "VE0000042"),
        (("exporter", "country"), "VE"),
        (("date_of_issue",), issued),
        (("date_of_expiry",), issued + datetime.timedelta(days=30)),
    ):
        document = change(document, path, value)
    return kpstandard.dumps(document, "json")


def test_same_certificate_valid_before_suspension_invalid_during() -> None:
    before = kpstandard.validate(_venezuelan(datetime.date(2008, 1, 10)))
    during = kpstandard.validate(_venezuelan(datetime.date(2009, 1, 10)))
    after = kpstandard.validate(_venezuelan(datetime.date(2017, 1, 10)))
    assert before.valid, before.findings
    assert [f.code for f in during.findings] == ["KP-R-005"]
    assert after.valid, after.findings


def test_at_judges_the_code_lists_on_another_day() -> None:
    data = _venezuelan(datetime.date(2008, 1, 10))
    report = kpstandard.validate(data, at=datetime.date(2012, 6, 1))
    assert [f.code for f in report.findings] == ["KP-R-005"]


def test_uk_was_no_participant_before_leaving_the_eu() -> None:
    document = golden("gb-us-after-brexit")
    document = change(document, ("date_of_issue",), datetime.date(2020, 12, 1))
    document = change(document, ("date_of_expiry",), datetime.date(2020, 12, 30))
    report = kpstandard.validate(kpstandard.dumps(document, "xml"))
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-R-003", "/kp:KPCertificate/kp:ExportingParticipant")
    ]


# --- what a report says when a check could not run -----------------------------------------------


def test_confirmation_without_its_certificate_is_not_judged() -> None:
    # KP-REQ-045: no document is valid while a check that applies to it did not run.
    report = kpstandard.validate((Path("examples/documents/ic-bw-eu-unmixed.xml")).read_bytes())
    assert report.verdict is Verdict.NOT_JUDGED
    assert report.findings == ()
    rules = report.layers[-1]
    assert rules.layer is Layer.RULES
    assert rules.status is LayerStatus.PARTIAL
    assert "KP-R-028" in rules.reason
    assert "KP-R-036" in rules.reason


def test_confirmation_with_its_certificate_is_valid() -> None:
    report = kpstandard.validate(
        Path("examples/documents/ic-bw-eu-unmixed.xml").read_bytes(),
        certificate=Path("examples/documents/bw-eu-unmixed.xml").read_bytes(),
    )
    assert report.verdict is Verdict.VALID
    assert report.layers[-1].status is LayerStatus.PASSED
    assert report.layers[-1].reason == ""


def test_confirmation_without_its_certificate_is_invalid_for_its_own_defects() -> None:
    # A rule of the confirmation alone that fails makes it invalid, certificate or not.
    data = Path("examples/invalid/KP-R-026-confirmation-number-of-exporter.xml").read_bytes()
    report = kpstandard.validate(data)
    assert report.verdict is Verdict.INVALID
    assert [f.code for f in report.findings] == ["KP-R-026"]
    assert report.layers[-1].status is LayerStatus.FAILED


def test_confirmation_with_an_invalid_certificate_is_not_judged() -> None:
    report = kpstandard.validate(
        Path("examples/documents/ic-bw-eu-unmixed.xml").read_bytes(),
        certificate=b"<not-a-certificate/>",
    )
    assert report.verdict is Verdict.NOT_JUDGED
    assert not report.valid
    assert report.layers[-1].status is LayerStatus.NOT_RUN
    assert "KP-P-007" in report.layers[-1].reason


def test_rules_do_not_run_after_a_schema_failure() -> None:
    report = kpstandard.validate(b'{"documentType": "kp-certificate"}')
    assert report.layers[-1].status is LayerStatus.NOT_RUN
    assert {f.layer for f in report.findings} == {Layer.SCHEMA}


def test_english_version_may_be_tagged_with_a_region() -> None:
    document = golden("bw-eu-unmixed")
    british = change(document, ("title",), {"en-GB": "Kimberley Process Certificate"})
    assert kpstandard.validate(kpstandard.dumps(british, "json")).valid
    altered = change(document, ("title",), {"en-GB": "Kimberley Process certificate"})
    report = kpstandard.validate(kpstandard.dumps(altered, "xml"))
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-R-022", "/kp:KPCertificate/kp:Title[@xml:lang='en-GB']")
    ]


# --- rules are typed over the model ---------------------------------------------------------------

CLASSES = {
    "kp-certificate": KPCertificate,
    "import-confirmation": ImportConfirmation,
    "authority-trust-list": AuthorityTrustList,
    "certificate-status-notice": CertificateStatusNotice,
    "status-response": StatusResponse,
    "receipt": Receipt,
}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_written_over_the_classes_it_applies_to(rule_id: str) -> None:
    # mypy checks each rule against the class its signature names; the engine calls it with the
    # documents of the types in applies_to: the two must be the same classes.
    rule = RULES[rule_id]
    annotation = typing.get_type_hints(rule.check)["document"]
    written_over = set(typing.get_args(annotation)) or {annotation}
    assert written_over == {CLASSES[t] for t in rule.applies_to}


# --- KP-R-021 finds a text without English wherever the model puts one ----------------------------

TEXTS: dict[str, tuple[AttrPath, ...]] = {
    # by hand, from spec/model: every multilingual term of each document
    "bw-eu-unmixed": (
        ("title",),
        ("statement",),
        ("issuing_authority", "name"),
        ("issuing_authority", "address"),
        ("exporter", "name"),
        ("exporter", "address"),
        ("importer", "name"),
        ("importer", "address"),
        ("shipment", "lines", 1, "quality_characteristics"),
        ("validation", "officer_function"),
    ),
    "hk-ae-mixed-origins": (
        ("title",),
        ("statement",),
        ("issuing_authority", "name"),
        ("issuing_authority", "address"),
        ("exporter", "name"),
        ("exporter", "address"),
        ("importer", "name"),
        ("importer", "address"),
        ("shipment", "lines", 1, "quality_characteristics"),
        ("shipment", "quality_characteristics"),
        ("validation", "officer_function"),
    ),
    "ic-bw-eu-hybrid": (
        ("importing_authority", "name"),
        ("importing_authority", "address"),
        ("exporter", "name"),
        ("exporter", "address"),
        ("importer", "name"),
        ("importer", "address"),
        ("discrepancies", 0, "explanation"),
        ("authentication", "officer_function"),
    ),
    "ic-bw-eu-refused": (
        ("importing_authority", "name"),
        ("importing_authority", "address"),
        ("exporter", "name"),
        ("exporter", "address"),
        ("importer", "name"),
        ("importer", "address"),
        ("refusal_reasons",),
        ("authentication", "officer_function"),
    ),
    "ic-bw-eu-unmixed": (
        ("importing_authority", "name"),
        ("importing_authority", "address"),
        ("exporter", "name"),
        ("exporter", "address"),
        ("importer", "name"),
        ("importer", "address"),
        ("authentication", "officer_function"),
    ),
    "trust-list": (
        ("operator", "name"),
        ("operator", "address"),
        ("participants", 2, "authorities", 0, "name"),
    ),
}


OUTCOME_ONLY = {"KP-BT-096": "confirmed-with-discrepancies", "KP-BT-097": "refused"}
"""Texts a confirmation carries only with one outcome (KP-R-048): a discrepancy's explanation,
the reasons for a refusal."""


def test_the_text_paths_are_every_multilingual_term_of_the_model() -> None:
    for stem, paths in TEXTS.items():
        document = golden(stem)
        document_type = default_model().document(type(document).__name__)
        model_terms = {
            node.id
            for node in document_type.root.walk()
            if node.type is not None
            and node.type.kind == "multilingual"
            and node.in_version(document.spec_version)
            and OUTCOME_ONLY.get(node.id, getattr(document, "outcome", None))
            == getattr(document, "outcome", None)
        }
        by_path = set()
        for path in paths:
            node = document_type.root
            for part in path:
                if isinstance(part, str):
                    node = next(child for child in node.children if child.attr == part)
            by_path.add(node.id)
        assert by_path == model_terms, stem


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(
    ("stem", "path"), [(stem, path) for stem, paths in TEXTS.items() for path in paths]
)
def test_text_without_english_is_found_where_it_is(stem: str, path: AttrPath, syntax: str) -> None:
    # (a confirmation alone: with its certificate, KP-R-030/031 would also see the names differ)
    document = change(golden(stem), path, {"fr": "texte", "de": "Text"})
    report = kpstandard.validate(kpstandard.dumps(document, syntax))
    document_type = default_model().document(type(document).__name__)
    expected = locate(document_type, (*path, "en"), syntax)
    assert [(f.code, f.location) for f in report.findings] == [("KP-R-021", expected)]
    assert report.findings[0].message == (
        'the text is given in de, fr only; add the English version (language tag "en")'
    )


# --- amounts: decimals are counted as written -----------------------------------------------------


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(("attr", "code"), [("carats", "KP-R-014"), ("value_usd", "KP-R-016")])
def test_a_trailing_zero_is_a_decimal_written(attr: str, code: str, syntax: str) -> None:
    document = golden("bw-eu-unmixed")
    value = get(document, (*LINE0, attr))
    assert value.as_tuple().exponent == -2
    document = change(document, (*LINE0, attr), Decimal(f"{value}0"))  # same number, 3 decimals
    report = kpstandard.validate(kpstandard.dumps(document, syntax))
    document_type = default_model().document("KPCertificate")
    assert [(f.code, f.location) for f in report.findings] == [
        (code, locate(document_type, (*LINE0, attr), syntax))
    ]


@pytest.mark.parametrize("written", ["785", "785.3", "785.33"])
def test_at_most_two_decimals_pass(written: str) -> None:
    document = golden("bw-eu-unmixed")
    value = Decimal(written)
    document = change(document, (*LINE0, "carats"), value)
    lines = get(document, ("shipment", "lines"))
    document = change(
        document, (*TOTALS, "carats"), sum((line.carats for line in lines), Decimal(0))
    )
    assert kpstandard.validate(kpstandard.dumps(document, "json")).valid


# --- code-list standing is computed once per Participant and day ----------------------------------


def test_standing_is_the_participants_standing_on_every_boundary() -> None:
    codelists = default_codelists()
    for code, entry in codelists.participants.items():
        periods = [*entry.membership, *(p for p, _ in entry.suspensions)]
        periods += [r.period for r in entry.restrictions]
        periods += [z.period for r in entry.restrictions for z in r.zones]
        days = {p.start for p in periods} | {p.end for p in periods if p.end is not None}
        one_day = datetime.timedelta(days=1)
        for day in sorted(days | {d - one_day for d in days}):
            assert codelists.standing(code, day) == entry.standing(day), (code, day)
            assert codelists.standing(code, day) is codelists.standing(code, day)  # looked up
    assert codelists.standing("XX", datetime.date(2020, 1, 1)) is None
