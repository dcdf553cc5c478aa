"""The warnings written in the generator's tables are the ones the reference reports.

Expectations are written by hand (conformance/README.md); this keeps the hand-written
``expected.warnings`` of every accepting test equal to the warnings the reference finds in it,
in both directions: a listed warning the reference does not give would fail the reference, and a
warning the reference gives that no test lists is a warning the suite does not ask of anyone.
The only warnings left unlisted are the ones ``kpcert conformance check`` records as not asked
for (``WARNINGS_UNEXPECTED``: unused status evidence, which a verifier may report).
"""

from __future__ import annotations

import dataclasses

import pytest

from kpstandard.conformance._adapter import answer
from kpstandard.conformance._check import WARNINGS_UNEXPECTED, CheckResult, _warnings
from kpstandard.conformance._runner import _request
from kpstandard.conformance._suite import default_suite_dir, load_suite

SUITE = load_suite(default_suite_dir())
ACCEPTING = [(m, v) for m, v in SUITE.vectors() if v.expected.outcome == "accept"]


MAY_WARN = {
    "v1-1-importer-gb-after-brexit-northern-ireland": {"KP-R-051"},
}
"""Accepting tests where the standard allows, and does not ask, a warning the reference gives
(the address country GB cannot show whether the party is in Northern Ireland, where Regulation
(EC) No 2368/2002 still applies: a validator must accept and may say so)."""


def test_the_written_warnings_are_the_reference_s() -> None:
    differences = []
    for manifest, vector in ACCEPTING:
        for role in vector.roles:
            got = answer(_request(1, manifest, vector, role))
            assert got.outcome == "accept", (vector.id, role, got)
            allowed = set(WARNINGS_UNEXPECTED) | MAY_WARN.get(vector.name, set())
            reported = set(got.warning_codes) - allowed
            if reported != set(vector.expected.warnings):
                differences.append(
                    f"{vector.id} ({role}): written {sorted(vector.expected.warnings)}, "
                    f"the reference reports {sorted(reported)}"
                )
    assert differences == []


def test_the_tests_that_may_warn_exist() -> None:
    assert set(MAY_WARN) <= {v.name for _, v in ACCEPTING}


def test_warnings_are_expected_in_both_syntaxes_and_for_the_warning_rules() -> None:
    warned = {
        (v.name, v.input.syntax): v.expected.warnings for _, v in ACCEPTING if v.expected.warnings
    }
    assert {name for name, _ in warned} >= {
        "codelist-zw-supervised-zone-middle",  # KP-R-050
        "v1-1-approximate-suspension-within-its-window",  # KP-REQ-106
    }
    for name, _ in warned:
        assert warned.get((name, "json")) == warned.get((name, "xml")), name


@pytest.mark.parametrize("code", sorted(WARNINGS_UNEXPECTED))
def test_each_warning_not_asked_for_is_a_warning_of_the_catalogue(code: str) -> None:
    from kpstandard.findings import CODES, Severity

    assert CODES[code].severity is Severity.WARNING


def test_the_check_asks_every_warning_code_for_a_test_that_expects_it() -> None:
    vectors = [v for _, v in SUITE.vectors()]
    result = CheckResult()
    _warnings(vectors, result)
    assert result.problems == []
    assert result.counts["accepting vectors that expect warnings"] >= 6
    # Without the tests that expect KP-R-050, the warning rule is tested by nothing.
    silent = [
        dataclasses.replace(v, expected=dataclasses.replace(v.expected, warnings=()))
        if "KP-R-050" in v.expected.warnings
        else v
        for v in vectors
    ]
    result = CheckResult()
    _warnings(silent, result)
    assert result.problems == [
        "KP-R-050: a warning no accepting vector expects, and no reason is recorded"
    ]


def test_the_check_refuses_a_reason_for_a_warning_that_is_expected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(WARNINGS_UNEXPECTED, "KP-R-050", "no reason")
    result = CheckResult()
    _warnings([v for _, v in SUITE.vectors()], result)
    assert result.problems == [
        "KP-R-050: expected as a warning, yet WARNINGS_UNEXPECTED gives a reason it is not"
    ]
