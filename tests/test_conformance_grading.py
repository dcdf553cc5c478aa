"""Grading and reports: over-broad rejections, partial runs, locations, stderr of a crash, the
HTTP service under its documented path, the HTML report, and the code-list boundary table."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from kpstandard.cli import main
from kpstandard.codelists import default_codelists
from kpstandard.conformance._grading import Grade, grade, implausible_codes
from kpstandard.conformance._report import parse_report
from kpstandard.conformance._runner import RunOptions, run_suite
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance._transport import HttpTransport, StdioTransport, _Tail
from kpstandard.conformance.generate._boundaries import INTERVALS
from kpstandard.conformance.protocol import Answer

SUITE = load_suite(default_suite_dir())
FAKE = Path(__file__).parent / "conformance_fakes" / "fake_adapter.py"


def _vector(name: str, syntax: str = "json") -> tuple[object, object]:
    return next((m, v) for m, v in SUITE.vectors() if v.name == name and v.input.syntax == syntax)


# --- a rejection names what was found ------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "why"),
    [
        ([f"KP-R-{n:03d}" for n in range(1, 10)] + ["KP-R-010"], "10 codes named"),
        (["KP-R-010", "KP-P-003"], "KP-P-003 (the input is no readable document)"),
        (["KP-R-010", "KP-R-037"], "rules of different document types"),
        (
            ["KP-SIG-001", "KP-SIG-009", "KP-R-010"],
            "KP-SIG-001 (no signature) cannot be found with KP-SIG-009",
        ),
    ],
)
def test_codes_that_cannot_all_have_been_found_are_a_wrong_reason(
    codes: list[str], why: str
) -> None:
    assert why in implausible_codes(codes)
    manifest, vector = _vector("expiry-before-issue")
    got, detail = grade(vector, Answer(1, "reject", codes=tuple(codes)), manifest.read)  # type: ignore[attr-defined, arg-type]
    assert got is Grade.WRONG_REASON
    assert why in detail


@pytest.mark.parametrize(
    "codes",
    [
        ["KP-R-010"],
        ["KP-R-010", "KP-R-011", "KP-S-001"],  # schema and rules findings in one pass
        ["KP-SIG-009", "KP-R-010"],  # a tampered document, its content judged too
        ["KP-SIG-001", "KP-T-007", "KP-R-010"],
    ],
)
def test_codes_that_can_be_found_together_pass(codes: list[str]) -> None:
    assert implausible_codes(codes) == ""
    manifest, vector = _vector("expiry-before-issue")
    got, _ = grade(vector, Answer(1, "reject", codes=tuple(codes)), manifest.read)  # type: ignore[attr-defined, arg-type]
    assert got is Grade.PASS


# --- an acceptance names its warnings ------------------------------------------------------


def _warned(name: str = "v1-1-approximate-suspension-within-its-window") -> tuple[object, object]:
    manifest, vector = _vector(name)
    assert vector.expected.warnings == ("KP-R-005",)  # type: ignore[attr-defined]
    return manifest, vector


@pytest.mark.parametrize(
    ("answer", "expected", "why"),
    [
        (Answer(1, "accept", warnings=("KP-R-005",)), Grade.PASS, ""),
        (Answer(1, "accept", warnings=("KP-R-050", "KP-R-005")), Grade.PASS, ""),
        # the findings stand for the warnings when the answer does not list them
        (Answer(1, "accept", findings=({"code": "KP-R-005"},)), Grade.PASS, ""),
        (Answer(1, "accept"), Grade.WRONG_REASON, "accepted without KP-R-005"),
        (
            Answer(1, "accept", warnings=("KP-R-050",), findings=({"code": "KP-R-005"},)),
            Grade.WRONG_REASON,
            "accepted without KP-R-005 (warnings reported: KP-R-050)",
        ),
        (
            Answer(1, "accept", warnings=tuple(f"KP-R-{n:03d}" for n in range(1, 10))),
            Grade.WRONG_REASON,
            "9 warnings reported",
        ),
        (Answer(1, "reject", codes=("KP-R-005",)), Grade.FAIL, "with the warning KP-R-005"),
    ],
)
def test_an_acceptance_without_an_expected_warning_is_a_wrong_reason(
    answer: Answer, expected: Grade, why: str
) -> None:
    manifest, vector = _warned()
    got, detail = grade(vector, answer, manifest.read)  # type: ignore[attr-defined, arg-type]
    assert got is expected
    assert why in detail


def test_warnings_are_not_asked_of_a_test_that_expects_none() -> None:
    manifest, vector = _vector("shortest-number")
    assert vector.expected.outcome == "accept"  # type: ignore[attr-defined]
    assert not vector.expected.warnings  # type: ignore[attr-defined]
    for answer in (Answer(1, "accept"), Answer(1, "accept", warnings=("KP-R-050",))):
        assert grade(vector, answer, manifest.read) == (Grade.PASS, "")  # type: ignore[attr-defined, arg-type]


# --- partial runs --------------------------------------------------------------------------


def test_a_partial_run_is_never_a_conformance_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "conformance",
            "run",
            "--adapter",
            f"{sys.executable} {FAKE}",
            "--area",
            "conversion",
            "--role",
            "converter",
            "--report-dir",
            str(tmp_path),
            "--no-progress",
        ]
    )
    assert code == 0  # every selected MUST test passed
    out = capsys.readouterr().out
    assert "NOT A CONFORMANCE CLAIM: a partial run (areas conversion; roles converter)" in out
    assert "CONFORMANT" not in out.replace("NOT A CONFORMANCE CLAIM", "")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["conformant"] is None
    assert summary["mustPassed"] is True
    assert summary["claim"].startswith("not a conformance claim")
    assert summary["selection"] == {
        "areas": ["conversion"],
        "tests": [],
        "roles": ["converter"],
        "partial": "areas conversion; roles converter",
    }
    header = json.loads((tmp_path / "report.jsonl").read_text().splitlines()[0])
    assert header["selection"]["partial"] == "areas conversion; roles converter"
    badge = json.loads((tmp_path / "badge.json").read_text())
    assert "not a conformance claim" in badge["message"]
    assert badge["color"] == "lightgrey"
    page = (tmp_path / "report.html").read_text()
    assert "Not a conformance claim" in page
    assert "Conformant for its roles" not in page


# --- the HTML report -----------------------------------------------------------------------


def test_the_html_report_lists_failures_first_and_folds_not_applicable_tests(
    tmp_path: Path,
) -> None:
    main(
        [
            "conformance",
            "run",
            "--adapter",
            f"{sys.executable} {FAKE} --base accept --roles validator --syntaxes xml",
            "--test",
            "KP-V-HOS-*",
            "--report-dir",
            str(tmp_path),
            "--no-progress",
        ]
    )
    page = (tmp_path / "report.html").read_text()
    assert page.index("Tests not passed") < page.index("Tests by role and level")
    assert "<details><summary>" in page
    assert "tests not applicable" in page
    assert ".tid, .tid code { white-space: nowrap; }" in page
    assert '<td class="tid"><code>KP-V-HOS-' in page


# --- a crash keeps the first and the last lines of stderr -----------------------------------


def test_a_long_stderr_keeps_its_first_and_last_lines() -> None:
    tail = _Tail()
    mark = tail.mark()
    tail.add(b"Traceback: the first line says what went wrong\n")
    for n in range(5000):
        tail.add(f"  frame {n}\n".encode())
    tail.add(b"ValueError: the last line\n")
    kept = tail.since(mark)
    assert kept.startswith("Traceback: the first line says what went wrong\n")
    assert kept.endswith("ValueError: the last line\n")
    assert re.search(r"\[\.\.\. \d+ bytes of stderr left out \.\.\.\]", kept)
    assert len(kept) < 17 * 1024


def test_a_crash_record_keeps_the_first_line_of_a_flood_of_stderr() -> None:
    stream = io.StringIO()
    command = f"{sys.executable} {FAKE} --stderr-noise 40000 --crash-on KP-V-SCH-0003"
    options = RunOptions(tests=("KP-V-SCH-0003",))
    run_suite(SUITE, StdioTransport(command, grace=0.5), stream, options)
    (record,) = parse_report(stream.getvalue().splitlines()).records
    assert record["grade"] == "crashed"
    assert record["stderr"].startswith("nnnn")
    assert "bytes of stderr left out" in record["stderr"]
    assert record["stderr"].rstrip().endswith("crashing on KP-V-SCH-0003 as asked")


# --- the reference service answers where the README says -----------------------------------


def test_the_documented_url_form_works_against_the_reference_service(
    reference_service: str,
) -> None:
    assert reference_service.endswith("/conformance")
    stream = io.StringIO()
    options = RunOptions(tests=("KP-V-SCH-000[1-4]",))
    run_suite(SUITE, HttpTransport(reference_service), stream, options)
    report = parse_report(stream.getvalue().splitlines())
    assert [r["grade"] for r in report.records] == ["pass"] * 4
    root = reference_service.removesuffix("/conformance")  # the root answers too
    stream = io.StringIO()
    run_suite(SUITE, HttpTransport(root), stream, options)
    assert {r["grade"] for r in parse_report(stream.getvalue().splitlines()).records} == {"pass"}


# --- the boundary table covers the code list -------------------------------------------------


def test_the_boundary_table_has_every_dated_interval_of_the_participants_list() -> None:
    listed = set()
    for participant in default_codelists().participants.values():
        for period in participant.membership:
            if period.start.isoformat() != "2003-01-01" or period.end is not None:
                listed.add((participant.code, "membership", period.start.isoformat()))
        for period, scope in participant.suspensions:
            kind = {"export": "export-suspension", "import": "import-suspension"}.get(
                scope or "all", "suspension"
            )
            listed.add((participant.code, kind, period.start.isoformat()))
        for restriction in participant.restrictions:
            supervised = "supervised-" if restriction.kind == "supervised-zones" else ""
            listed.add(
                (participant.code, f"{supervised}restriction", restriction.period.start.isoformat())
            )
            for zone in restriction.zones:
                listed.add(
                    (participant.code, f"{supervised}zone {zone.id}", zone.period.start.isoformat())
                )
    table = {
        (i.code, f"{i.kind} {i.zone}" if i.zone else i.kind, i.start)
        for i in INTERVALS
        if not (i.code == "BW" and i.start == "2003-01-01")
    }
    assert listed == table
