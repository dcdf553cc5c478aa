"""The mutation check: the reference with one realistic bug each (tests/conformance_fakes/
mutant_adapter.py) must fail the suite, on exactly the tests written for that class of bug.

Each mutant runs only the areas it needs. A mutant that passes every test would mean the suite
cannot tell that bug from a correct implementation (issue 9); a test that fails beyond the ones
named would mean a vector that is not about what it says.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kpstandard.conformance._report import parse_report
from kpstandard.conformance._runner import RunOptions, run_suite
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance._transport import StdioTransport

FAKES = Path(__file__).parent / "conformance_fakes"
SUITE = load_suite(default_suite_dir())
NAMES = {v.name for _, v in SUITE.vectors()}


def _run(command: str, areas: tuple[str, ...]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    stream = io.StringIO()
    run_suite(SUITE, StdioTransport(command, grace=0.5), stream, RunOptions(areas=areas))
    report = parse_report(stream.getvalue().splitlines())
    assert "aborted" not in report.footer
    assert report.footer["conformant"] is None  # a part of the suite: never a claim
    return list(report.records), report.footer


def _records(command: str, areas: tuple[str, ...]) -> list[dict[str, Any]]:
    records, footer = _run(command, areas)
    assert footer["mustPassed"] is False
    return records


def mutant(name: str) -> str:
    return f"{sys.executable} {FAKES / 'mutant_adapter.py'} {name}"


def _codelist(suffix: str) -> set[str]:
    return {n for n in NAMES if n.startswith("codelist-") and n.endswith(suffix)}


FLOAT = {
    "float-carats-ten-tenths-a-hundredth-short",
    "float-values-ten-lines-a-cent-over",
    "float-values-a-cent-below-double-precision",
    "total-carats-off-by-one-hundredth",
}
INCLUSIVE_END = _codelist("-day-after") | {
    "no-zone-once-the-restriction-is-lifted",
}
EXCLUSIVE_START = (
    _codelist("-first-day")
    - {
        "codelist-importer-gh-2006-11-24-export-suspension-first-day",  # accepted either way
        "codelist-importer-ci-2005-12-15-export-suspension-first-day",  # accepted either way
    }
) | {
    "codelist-cf-restriction-first-day-without-zone",
    "codelist-cf-restriction-first-day-before-any-zone",
    "exporter-on-the-day-of-admission",
    "importer-on-the-day-of-admission",
    "exporter-on-the-first-day-of-suspension",
    # GB belongs to the EU in part (Northern Ireland) from 2021-01-01 (inclusive): a warning
    "v1-1-importer-gb-after-brexit-northern-ireland",
}
EXPORT_ONLY = {
    "codelist-importer-gh-2006-11-24-export-suspension-first-day",
    "codelist-importer-gh-2006-11-24-export-suspension-last-day",
    "codelist-importer-ci-2005-12-15-export-suspension-first-day",
    "codelist-importer-ci-2005-12-15-export-suspension-last-day",
    "codelist-importer-br-2006-02-10-export-suspension-middle",
    # The CAR's import-only measure (from 2015), read as stopping exports too, refuses the
    # exports from its compliant zones.
    "codelist-cf-restriction-last-day-with-zone",
    "codelist-cf-zone-cf-berberati-first-day",
    "codelist-cf-zone-cf-boda-first-day",
    "codelist-cf-zone-cf-carnot-first-day",
    "codelist-cf-zone-cf-nola-first-day",
}
WEAK_RSA = {"trust-list-weak-rsa-key", "weak-rsa-key-listed", "refuse-rsa-1024"}
SIGN_ANYTHING = {
    "refuse-already-signed",
    "refuse-ecdsa-p521",
    "refuse-expiry-before-issue",
    "refuse-invalid-document",
    "refuse-replaced-notice-without-replacement",
    "refuse-rsa-1024",
    "refuse-same-participant-both-ends",
    "refuse-status-response-without-recorded-at",
}

UNANCHORED = {
    "backdated-without-evidence",
    "backdated-with-a-response-recorded-at-the-compromise",
    "backdated-with-a-response-recorded-after-the-compromise",
    "backdated-with-a-response-signed-by-another-authority",
    "backdated-with-a-response-signed-with-the-compromised-key",
    "backdated-with-a-response-about-another-digest",
    "retired-key-anchoring-asked-without-evidence",
}
STATUS_UNREAD = {
    "void-certificate",
    "void-certificate-at-the-instant-the-notice-takes-effect",
    "replaced-certificate",
    "replaced-twice",
    "registry-never-recorded-it",
    "registry-says-void",
    "backdated-with-a-response-recorded-before-the-compromise",
    "backdated-with-a-response-recorded-a-second-before-the-compromise",
    "retired-key-anchoring-asked-with-a-response-recorded-before-the-retirement",
    # the importing authority's confirmation of goods received before expiry (KP-REQ-041)
    "expired-goods-received-before-expiry",
    "expired-goods-received-on-the-last-day",
    # the same on the 1.1 certificate of Hong Kong
    "v1-1-void-hk-ae-mixed-origins",
    "v1-1-registry-never-recorded-hk-ae-mixed-origins",
}

# The accepting tests that expect a warning (KP-REQ-106 within an approximate date's window;
# KP-R-050): a validator that stays silent accepts them for the wrong reason.
SILENT = {
    "codelist-zw-supervised-zone-middle",
    "v1-1-approximate-suspension-within-its-window",
    "v1-1-approximate-admission-within-its-window",
}

CASES: list[tuple[str, tuple[str, ...], set[str], str]] = [
    ("float-totals", ("rules",), FLOAT, "fail"),
    ("inclusive-end", ("rules",), INCLUSIVE_END, "fail"),
    ("exclusive-start", ("rules",), EXCLUSIVE_START, "fail"),
    ("export-only-ignored", ("rules",), EXPORT_ONLY, "fail"),
    ("weak-rsa", ("rules", "signature", "issuance"), WEAK_RSA, "fail"),
    ("sign-anything", ("issuance",), SIGN_ANYTHING, "fail"),
    ("trust-the-date", ("status",), UNANCHORED, "fail"),
    ("ignore-status", ("status",), STATUS_UNREAD, "fail"),
    ("silent-warnings", ("rules",), SILENT, "wrong-reason"),
]


@pytest.mark.parametrize(("name", "areas", "failing", "grade"), CASES, ids=[c[0] for c in CASES])
def test_each_mutant_fails_the_tests_written_for_its_bug(
    name: str, areas: tuple[str, ...], failing: set[str], grade: str
) -> None:
    assert failing <= NAMES  # the tests named exist
    records = _records(mutant(name), areas)
    not_passed = {r["name"] for r in records if r["grade"] != "pass"}
    assert not_passed == failing
    assert {r["grade"] for r in records if r["grade"] != "pass"} == {grade}


def test_a_rejection_with_every_code_is_a_wrong_reason_every_time() -> None:
    records = _records(mutant("every-code"), ("rules",))
    rejections = {v.id for _, v in SUITE.vectors() if v.expected.outcome == "reject"}
    for record in records:
        if record["id"] in rejections:
            assert record["grade"] == "wrong-reason", record["id"]
            assert "codes named" in record["detail"]
        else:
            assert record["grade"] == "pass", record["id"]


def test_a_wrong_location_fails_the_location_grade_of_every_test_that_names_one() -> None:
    records, footer = _run(mutant("wrong-location"), ("rules",))
    assert footer["mustPassed"] is True
    assert footer["locations"] == {"wrong": len([r for r in records if "location" in r])}
    located = {v.id for _, v in SUITE.vectors() if v.expected.location is not None}
    assert len(located) >= 20
    assert all(r["grade"] == "pass" for r in records)  # a SHOULD: the grades stand
    graded = {r["id"]: r["location"]["grade"] for r in records if "location" in r}
    assert set(graded) == located & {r["id"] for r in records}
    assert set(graded.values()) == {"wrong"}


FAKE_CASES: list[tuple[str, tuple[str, ...], Callable[[dict[str, Any]], bool]]] = [
    # The existing fakes (tests/conformance_fakes/fake_adapter.py), in the same table.
    ("--base accept", ("hostile-input",), lambda r: r["expected"]["outcome"] != "accept"),
    ("--base reject", ("hostile-input",), lambda r: r["expected"]["outcome"] != "reject"),
]


@pytest.mark.parametrize(("options", "areas", "fails"), FAKE_CASES, ids=[c[0] for c in FAKE_CASES])
def test_the_existing_fakes_fail_too(
    options: str, areas: tuple[str, ...], fails: Callable[[dict[str, Any]], bool]
) -> None:
    command = f"{sys.executable} {FAKES / 'fake_adapter.py'} {options}"
    records = _records(command, areas)
    for record in records:
        if fails(record):
            assert record["grade"] in ("fail", "wrong-reason"), record["id"]
    assert any(fails(r) for r in records)
