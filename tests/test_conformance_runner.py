"""The runner against fake implementations that misbehave on command (tests/conformance_fakes):
each broken one must fail the suite with the grades its misbehaviour earns, and the runner must
survive all of them and say what happened. Two broken verifiers among them: one that ignores the
trust list (every untrusted, wrong-Participant, retired, revoked or expired signer, every forged
or outdated trust list is graded fail), and one that checks only the first signature of a
document (the document with a second signature after the genuine one is graded fail).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from kpstandard.cli import main
from kpstandard.conformance._report import MissingFooter, parse_report, read_report
from kpstandard.conformance._runner import RunOptions, run_suite
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance._transport import HttpTransport, StdioTransport

FAKE = Path(__file__).parent / "conformance_fakes" / "fake_adapter.py"
SUITE = load_suite(default_suite_dir())


def fake(*options: str) -> str:
    return " ".join([sys.executable, str(FAKE), *options])


def run(
    command: str,
    *,
    tests: tuple[str, ...] = (),
    areas: tuple[str, ...] | None = None,
    timeout: float = 10.0,
    start_timeout: float = 20.0,
    versions: tuple[str, ...] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    stream = io.StringIO()
    options = RunOptions(
        tests=tests,
        areas=areas,
        timeout=timeout,
        start_timeout=start_timeout,
        versions=versions,
    )
    run_suite(SUITE, StdioTransport(command, grace=0.5), stream, options)
    report = parse_report(stream.getvalue().splitlines())
    # No node is given: the exchange tests are recorded, never run (test_conformance_exchange.py).
    exchange = [r for r in report.records if r["area"] == "exchange"]
    assert {r["grade"] for r in exchange} <= {"not-applicable"}
    return [r for r in report.records if r["area"] != "exchange"], report.footer


def grades(records: list[dict[str, Any]]) -> dict[str, str]:
    return {f"{r['id']}/{r['role']}": r["grade"] for r in records}


def expected_outcomes() -> dict[str, str]:
    return {f"{v.id}/{role}": v.expected.outcome for _, v in SUITE.vectors() for role in v.roles}


# --- accept everything, reject everything -----------------------------------------------------


def needs_a_feature() -> set[str]:
    """The tests that need an optional feature, which the fakes never declare."""
    return {f"{v.id}/{role}" for _, v in SUITE.vectors() if v.requires for role in v.roles}


def test_accept_everything_fails_every_rejection_and_every_conversion() -> None:
    records, footer = run(fake("--base", "accept"))
    outcomes = expected_outcomes()
    optional = needs_a_feature()
    warned = {
        f"{v.id}/{role}" for _, v in SUITE.vectors() if v.expected.warnings for role in v.roles
    }
    assert warned
    for key, grade in grades(records).items():
        expected = outcomes[key]
        if key in optional:
            assert grade == "not-applicable", key
        elif key in warned:  # accepted, but without the warning the test expects
            assert grade == "wrong-reason", key
        elif expected == "accept":
            assert grade == "pass", key
        else:  # a rejection it accepted; a conversion it echoed in the wrong syntax
            assert grade == "fail", key
    assert footer["conformant"] is False


def test_reject_everything_with_a_generic_code_passes_almost_nothing() -> None:
    records, footer = run(fake("--base", "reject"))
    by_id = {(v.id, role): v for _, v in SUITE.vectors() for role in v.roles}
    for record in records:
        vector = by_id[(record["id"], record["role"])]
        if vector.requires:  # an optional feature, which the fake does not declare
            assert record["grade"] == "not-applicable", record["id"]
        elif vector.expected.outcome != "reject":
            assert record["grade"] == "fail", record["id"]
        elif "KP-S-099" in vector.expected.codes:
            assert record["grade"] == "pass", record["id"]  # the catch-all was a fair reason
        else:
            assert record["grade"] == "wrong-reason", record["id"]
            assert "expected one of" in record["detail"]
    counts = Counter(r["grade"] for r in records)
    assert counts["wrong-reason"] > 300
    assert counts["pass"] == sum(
        "KP-S-099" in v.expected.codes for _, v in SUITE.vectors() for _ in v.roles
    )
    assert footer["conformant"] is False


# --- broken verifiers ----------------------------------------------------------------------------


def _trust_or_time(codes: tuple[str, ...]) -> bool:
    return bool(codes) and all(c.startswith(("KP-T-", "KP-TM-")) for c in codes)


def test_a_verifier_that_ignores_the_trust_list_fails_every_trust_and_time_test() -> None:
    records, footer = run(fake("--base", "ignore-trust-list"), areas=("signature",))
    by_id = {v.id: v for _, v in SUITE.vectors()}
    failed = set()
    for record in records:
        expected = by_id[record["id"]].expected
        if _trust_or_time(expected.codes) or expected.outcome == "not-judged":
            assert record["grade"] == "fail", record["name"]
            failed.add(record["name"])
        else:  # the signature itself it checks as the reference does
            assert record["grade"] == "pass", record["name"]
    assert {"rogue-signer", "revoked-key", "trust-list-tampered", "trust-list-outdated"} <= failed
    assert len(failed) >= 20
    assert footer["mustPassed"] is False


def test_a_verifier_that_checks_only_the_first_signature_fails_the_second_signature() -> None:
    records, footer = run(fake("--base", "first-signature"), areas=("signature",))
    not_passed = {(r["name"], r["role"]): r["grade"] for r in records if r["grade"] != "pass"}
    assert not_passed == {
        ("second-signature-after-the-genuine-one", "verifier"): "fail",
        ("second-signature-after-the-genuine-one", "importer"): "fail",
        # The rogue signature first: the genuine one after it is not checked, the rogue one
        # does not hold: refused, but for a reason beside the point.
        ("second-signature-before-the-genuine-one", "verifier"): "wrong-reason",
        ("second-signature-before-the-genuine-one", "importer"): "wrong-reason",
    }
    assert footer["mustPassed"] is False


def test_the_command_line_exits_1_for_a_broken_implementation(tmp_path: Path) -> None:
    code = main(
        [
            "conformance",
            "run",
            "--adapter",
            fake("--base", "reject"),
            "--area",
            "hostile-input",
            "--report-dir",
            str(tmp_path),
            "--no-progress",
        ]
    )
    assert code == 1
    junit = etree.parse(str(tmp_path / "junit.xml")).getroot()
    assert junit.tag == "testsuites"
    assert int(junit.find("testsuite").get("failures")) > 0


# --- crashes, hangs, garbage: recorded on their test, the run goes on --------------------------

SOME = ("KP-V-SCH-000[1-9]", "KP-V-SCH-001[0-2]")
"""Twelve tests of the schema area, golden documents all: the reference answers pass them."""


def test_a_crash_is_recorded_and_the_implementation_restarted() -> None:
    records, footer = run(
        fake("--crash-on", "KP-V-SCH-0003", "--crash-on", "KP-V-SCH-0007"), tests=SOME
    )
    got = grades(records)
    assert got["KP-V-SCH-0003/validator"] == "crashed"
    assert got["KP-V-SCH-0007/validator"] == "crashed"
    assert Counter(got.values()) == {"pass": 10, "crashed": 2}
    crash = next(r for r in records if r["id"] == "KP-V-SCH-0003")
    assert crash["detail"] == "it exited with status 3"
    assert "crashing on KP-V-SCH-0003" in crash["stderr"]
    assert footer["restarts"] == 2
    assert footer["mustPassed"] is False


def test_a_hang_is_a_timeout_and_the_implementation_is_replaced() -> None:
    records, footer = run(fake("--hang-on", "KP-V-SCH-0002"), tests=SOME, timeout=1.0)
    got = grades(records)
    assert got["KP-V-SCH-0002/validator"] == "timeout"
    assert Counter(got.values()) == {"pass": 11, "timeout": 1}
    assert footer["restarts"] == 1


@pytest.mark.parametrize(
    ("option", "detail"),
    [
        ("--garbage-on", r"invalid JSON"),
        ("--invalid-on", r"outcome 'maybe' is not one of"),
        ("--wrong-seq-on", r"wrong seq: answered \d+ to seq \d+"),
    ],
)
def test_a_garbled_answer_is_a_protocol_error(option: str, detail: str) -> None:
    records, footer = run(fake(option, "KP-V-SCH-0004"), tests=SOME)
    got = grades(records)
    assert got["KP-V-SCH-0004/validator"] == "protocol-error"
    assert Counter(got.values()) == {"pass": 11, "protocol-error": 1}
    record = next(r for r in records if r["id"] == "KP-V-SCH-0004")
    assert re.search(detail, record["detail"]), record["detail"]
    assert footer["mustPassed"] is False


def test_an_unflushed_answer_is_a_timeout_that_says_so() -> None:
    records, _ = run(fake("--no-flush-on", "KP-V-SCH-0005"), tests=SOME, timeout=1.0)
    record = next(r for r in records if r["id"] == "KP-V-SCH-0005")
    assert record["grade"] == "timeout"
    assert "flush stdout after each answer" in record["detail"]
    assert Counter(grades(records).values()) == {"pass": 11, "timeout": 1}


def test_an_implementation_that_never_flushes_is_stopped_with_the_reason() -> None:
    records, footer = run(fake("--no-flush"), tests=SOME, start_timeout=1.0)
    assert records == []
    assert "does not flush stdout" in footer["aborted"]
    assert footer["mustPassed"] is False


def test_stderr_is_no_crash_even_when_it_floods() -> None:
    records, footer = run(fake("--stderr-noise", "300000"), tests=SOME)
    assert Counter(grades(records).values()) == {"pass": 12}
    assert all("stderr" not in r for r in records)  # kept only for tests that did not pass
    assert footer["restarts"] == 0


def test_skipped_and_errored_are_their_own_grades() -> None:
    records, _ = run(fake("--skip-on", "KP-V-SCH-0001", "--error-on", "KP-V-SCH-0002"), tests=SOME)
    got = grades(records)
    assert got["KP-V-SCH-0001/validator"] == "skipped"
    assert got["KP-V-SCH-0002/validator"] == "errored"


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (("--crash-at-start",), "ended before answering start: it exited with status 4"),
        (("--protocol-version", "2"), "speaks protocol version 2; this runner speaks 1"),
    ],
)
def test_an_implementation_that_cannot_start_aborts_the_run(
    options: tuple[str, ...], reason: str
) -> None:
    records, footer = run(fake(*options), tests=SOME)
    assert records == []
    assert reason in footer["aborted"]
    assert footer["mustPassed"] is False


def test_an_adapter_that_cannot_be_run_aborts_the_run() -> None:
    records, footer = run("/nonexistent/adapter --flag", tests=SOME)
    assert records == []
    assert "cannot run /nonexistent/adapter" in footer["aborted"]


# --- what an implementation declares ---------------------------------------------------------


def test_tests_outside_the_declared_roles_and_syntaxes_are_not_applicable() -> None:
    records, footer = run(fake("--roles", "validator", "--syntaxes", "xml"), tests=("KP-V-HOS-*",))
    for record in records:
        vector = next(v for _, v in SUITE.vectors() if v.id == record["id"])
        if record["role"] == "converter":
            assert record["grade"] == "not-applicable"
            assert "role converter" in record["detail"]
        elif vector.input.syntax == "json":
            assert record["grade"] == "not-applicable"
            assert "syntax json" in record["detail"]
        else:
            assert record["grade"] == "pass", record["id"]
    assert footer["conformant"] is None  # a selection of tests: not a conformance claim
    assert footer["mustPassed"] is True  # for what it declares


# --- reports --------------------------------------------------------------------------------


def test_a_report_without_its_footer_is_rejected(tmp_path: Path) -> None:
    assert (
        main(
            [
                "conformance",
                "run",
                "--adapter",
                fake(),
                "--test",
                "KP-V-CNV-000*",
                "--report-dir",
                str(tmp_path),
                "--no-progress",
            ]
        )
        == 0
    )
    complete = (tmp_path / "report.jsonl").read_text().splitlines()
    footer = read_report(tmp_path / "report.jsonl").footer
    assert footer["conformant"] is None  # a partial run: no claim either way
    assert footer["mustPassed"] is True
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("\n".join(complete[:-1]) + "\n")
    with pytest.raises(MissingFooter):
        read_report(truncated)
    assert main(["conformance", "report", str(truncated)]) == 2
    assert main(["conformance", "report", str(tmp_path / "report.jsonl")]) == 0


# --- over HTTP -------------------------------------------------------------------------------


@pytest.fixture
def hanging_service() -> Iterator[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            str(FAKE),
            "--listen",
            "127.0.0.1:0",
            "--hang-on",
            "KP-V-SCH-0002",
            "--garbage-on",
            "KP-V-SCH-0003",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        match = re.search(r"listening on (http://\S+)", process.stderr.readline())
        assert match
        yield match.group(1)
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_service_that_hangs_on_one_test_times_out_on_that_test_only(hanging_service: str) -> None:
    stream = io.StringIO()
    options = RunOptions(tests=SOME, timeout=1.0)
    run_suite(SUITE, HttpTransport(hanging_service), stream, options)
    report = parse_report(stream.getvalue().splitlines())
    got = grades(list(report.records))
    assert got["KP-V-SCH-0002/validator"] == "timeout"
    assert got["KP-V-SCH-0003/validator"] == "protocol-error"
    assert Counter(got.values()) == {"pass": 10, "timeout": 1, "protocol-error": 1}


# --- versions of the standard ---------------------------------------------------------------


def test_tests_of_versions_not_claimed_are_not_applicable_and_say_why() -> None:
    patterns = ("KP-V-RUL-000*", "KP-V-RUL-040*", "KP-V-SCH-00*")
    by_id = {v.id: v for _, v in SUITE.vectors()}
    for claimed in (("1.1",), ("1.0",)):
        records, _ = run(fake("--base", "accept"), tests=patterns, versions=claimed)
        assert records
        for record in records:
            vector = by_id[record["id"]]
            if not set(vector.versions) & set(claimed):
                assert record["grade"] == "not-applicable", record["id"]
                assert f"claims {claimed[0]}" in record["detail"]
            else:
                assert record["grade"] != "not-applicable", record["id"]
        assert {r["grade"] for r in records} > {"not-applicable"}


def test_every_version_is_claimed_by_default() -> None:
    records, _ = run(fake("--base", "accept"), tests=("KP-V-RUL-040*",))
    assert "not-applicable" not in {r["grade"] for r in records}


def test_an_implementation_may_declare_its_versions_at_start_and_the_runner_may_overrule() -> None:
    by_id = {v.id: v for _, v in SUITE.vectors()}
    declared = fake("--base", "accept", "--versions", "1.1")
    records, _ = run(declared, tests=("KP-V-RUL-000*", "KP-V-RUL-040*"))
    for record in records:
        applies = "1.1" in by_id[record["id"]].versions
        assert (record["grade"] != "not-applicable") == applies, record["id"]
    overruled, _ = run(declared, tests=("KP-V-RUL-000*",), versions=("1.0",))
    assert "not-applicable" not in {r["grade"] for r in overruled}
