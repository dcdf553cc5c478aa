"""The conformance suite itself: it regenerates byte for byte, checks sound, and the reference
implementation passes every test through its own adapter, on stdin/stdout and over HTTP."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kpstandard.cli import main
from kpstandard.conformance import _check
from kpstandard.conformance._check import check_suite
from kpstandard.conformance._manifest import AREAS
from kpstandard.conformance._report import read_report
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance.generate import build

SUITE = default_suite_dir()
REFERENCE = f"{sys.executable} -m kpstandard.cli conformance adapter"


def test_the_suite_is_the_checkout_s() -> None:
    checkout = Path(__file__).resolve().parents[1]
    assert checkout / "conformance" == SUITE


def test_vectors_regenerate_byte_for_byte() -> None:
    fresh = build(SUITE, assign_ids=False)
    assert fresh.unassigned == []
    differing = [p for p, data in fresh.files.items() if (SUITE / p).read_bytes() != data]
    assert differing == []


def test_the_suite_checks_sound() -> None:
    result = check_suite(SUITE)
    assert result.problems == []
    counts = result.counts
    assert counts["vectors"] >= 150
    assert counts["positives checked"]["xml"] > 50
    assert counts["positives checked"]["json"] > 50
    assert counts["XML positives checked by xmlschema"] == counts["positives checked"]["xml"]
    assert counts["signed positives verified by the xmlsec bindings"] >= 30
    # The commands are extra cross-checks where installed; where not, a note says so.
    optional = {
        "xmllint": ("XML positives checked by xmllint", counts["positives checked"]["xml"]),
        "xmlsec1": (
            "signed positives verified by the xmlsec1 command",
            counts["signed positives verified by the xmlsec bindings"],
        ),
    }
    for tool, (key, expected) in optional.items():
        if shutil.which(tool):
            assert counts[key] == expected
        else:
            assert any(n.startswith("skipped: ") and tool in n for n in result.notes), tool


def test_a_missing_tool_is_a_note_or_with_require_tools_a_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_check.shutil, "which", lambda name: None)
    for require_tools, sound in ((False, True), (True, False)):
        result = check_suite(SUITE, regenerate=False, require_tools=require_tools)
        assert result.ok is sound
        found = result.problems if require_tools else result.notes
        for tool in ("xmllint is not installed", "xmlsec1 command is not installed"):
            assert [m for m in found if tool in m], (tool, found)


def test_the_xmlsec_cross_check_sees_a_tampered_signature(tmp_path: Path) -> None:
    xmlsec = pytest.importorskip("xmlsec", reason="not installed: pip install -e '.[test]'")
    signed = SUITE / "signature" / "inputs" / "KP-V-SIG-0001.xml"
    data = signed.read_bytes()
    when = _check._signing_day(signed)
    assert _check._xmlsec_problem(xmlsec, signed, None, when) is None
    tampered = tmp_path / "tampered.xml"
    tampered.write_bytes(data.replace(b"<OfficerName>", b"<OfficerName>X", 1))
    assert tampered.read_bytes() != data
    problem = _check._xmlsec_problem(xmlsec, tampered, None, when)
    assert problem is not None
    assert problem.startswith("does not verify")


def test_every_area_has_its_manifest() -> None:
    suite = load_suite(SUITE)
    assert [m.area for m in suite.manifests] == list(AREAS)


def test_every_role_has_tests() -> None:
    roles = Counter(role for _, v in load_suite(SUITE).vectors() for role in v.roles)
    assert set(roles) == {"validator", "verifier", "issuer", "converter", "importer"}
    assert roles["verifier"] >= 80
    assert roles["issuer"] >= 20


def test_every_test_is_tied_to_a_requirement_and_a_role() -> None:
    suite = load_suite(SUITE)
    for _, vector in suite.vectors():
        assert re.fullmatch(r"KP-REQ-\d{3}", vector.requirement)
        assert vector.roles
        if vector.expected.outcome == "reject":
            assert vector.expected.codes


def test_a_broken_file_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "conformance"
    subprocess.run(["cp", "-r", str(SUITE), str(copy)], check=True)
    target = copy / "rules" / "inputs" / "KP-V-RUL-0001.json"
    target.write_bytes(target.read_bytes() + b" ")
    result = check_suite(copy, independent=False)
    assert any("does not match its sha256" in p for p in result.problems)


@pytest.fixture(scope="module")
def reference_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reference")
    code = main(
        [
            "conformance",
            "run",
            "--adapter",
            REFERENCE,
            "--report-dir",
            str(folder),
            "--no-progress",
        ]
    )
    assert code == 0
    return folder


def test_the_reference_passes_every_test(reference_report: Path) -> None:
    report = read_report(reference_report / "report.jsonl")
    documents = [r for r in report.records if r["area"] != "exchange"]
    exchange = [r for r in report.records if r["area"] == "exchange"]
    grades = Counter(r["grade"] for r in documents)
    assert grades == {"pass": len(documents)}
    suite = load_suite(SUITE)
    expected = sum(len(v.roles) for _, v in suite.vectors())
    assert len(documents) == expected
    # No node was given: the exchange tests are recorded, not applicable, and say why (the
    # reference node passes them in tests/test_conformance_exchange.py).
    assert len(exchange) == len(list(suite.exchange_tests()))
    assert {(r["grade"], "--node" in r["detail"]) for r in exchange} == {("not-applicable", True)}
    assert report.footer["conformant"] is True
    assert report.footer["restarts"] == 0


def test_the_reference_report_renders(reference_report: Path) -> None:
    summary = json.loads((reference_report / "summary.json").read_text())
    assert summary["conformant"] is True
    for role in ("validator", "verifier", "issuer", "converter", "importer"):
        assert summary["roles"][role]["MUST"]["rate"] == 1.0, role
    exchange = {t.requirement for t in load_suite(SUITE).exchange_tests()}
    statuses = {r["id"]: r["status"] for r in summary["requirements"]}
    assert {s for r, s in statuses.items() if r not in exchange} == {"met"}
    badge = json.loads((reference_report / "badge.json").read_text())
    assert badge == {
        "schemaVersion": 1,
        "label": "KP conformance",
        "message": "validator 100%, verifier 100%, issuer 100%, converter 100%, importer 100%",
        "color": "brightgreen",
    }
    html = (reference_report / "report.html").read_text()
    assert "Conformant for its roles" in html
    assert "KP-REQ-030" in html
    assert b"<testsuites" in (reference_report / "junit.xml").read_bytes()


def test_the_reference_passes_over_http(reference_service: str, tmp_path: Path) -> None:
    code = main(
        [
            "conformance",
            "run",
            "--url",
            reference_service,
            "--area",
            "hostile-input",
            "--area",
            "conversion",
            "--report-dir",
            str(tmp_path),
            "--no-progress",
        ]
    )
    assert code == 0
    report = read_report(tmp_path / "report.jsonl")
    assert {r["grade"] for r in report.records} == {"pass"}
    assert report.header["transport"] == f"http: {reference_service}"


def test_the_public_names_resolve() -> None:
    import kpstandard.conformance as conformance

    for name in conformance.__all__:
        assert getattr(conformance, name) is not None
    with pytest.raises(AttributeError):
        _ = conformance.no_such_name


def test_check_and_generate_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "check", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True
    assert result["counts"]["vectors"] >= 150


# --- versions of the standard, and the exchange area, in the suite's own check ------------------


def _edit_manifest(copy: Path, area: str, edit: Any) -> None:
    path = copy / area / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")


def _test(manifest: dict[str, Any], id_: str) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in manifest["tests"] if t["id"] == id_)
    return found


def test_every_test_lists_the_versions_it_applies_to() -> None:
    suite = load_suite(SUITE)
    versions = {"1.0", "1.1"}
    for _, vector in suite.vectors():
        assert vector.versions, vector.id
        assert set(vector.versions) <= versions, vector.id
    for test in suite.exchange_tests():
        assert test.versions, test.id
        assert set(test.versions) <= versions, test.id
    by_id = {v.id: v for _, v in suite.vectors()}
    assert by_id["KP-V-RUL-0001"].versions == ("1.0",)  # a golden 1.0 document changed
    assert by_id["KP-V-RUL-0407"].versions == ("1.1",)  # KP-R-043, a rule of 1.1


def test_the_check_catches_versions_inconsistent_with_the_test(tmp_path: Path) -> None:
    copy = tmp_path / "conformance"
    shutil.copytree(SUITE, copy)

    def edit(manifest: dict[str, Any]) -> None:
        _test(manifest, "KP-V-RUL-0001")["versions"] = ["1.1"]  # its input declares 1.0
        _test(manifest, "KP-V-RUL-0407")["versions"] = ["1.0", "1.1"]  # KP-R-043 is of 1.1
        _test(manifest, "KP-V-RUL-0002")["versions"] = ["1.1", "1.0"]

    _edit_manifest(copy, "rules", edit)
    problems = check_suite(copy, independent=False, regenerate=False).problems
    assert "rules KP-V-RUL-0001: its input declares version 1.0, the test lists 1.1" in problems
    assert "rules KP-V-RUL-0407: KP-R-043 is no rule of version 1.0" in problems
    assert "rules KP-V-RUL-0002: versions not in order, oldest first" in problems


def test_the_check_wants_a_test_or_a_reason_for_every_refusal_of_the_protocol(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "conformance"
    shutil.copytree(SUITE, copy)

    def edit(manifest: dict[str, Any]) -> None:
        manifest["tests"] = [t for t in manifest["tests"] if t["name"] != "misdirected"]
        _test(manifest, "KP-V-EXC-0008")["expected"]["status"] = 403  # KP-EX-001 is 401

    _edit_manifest(copy, "exchange", edit)
    problems = check_suite(copy, independent=False, regenerate=False).problems
    assert "KP-EX-014: no exchange test expects it, and no reason is recorded" in problems
    assert "exchange KP-V-EXC-0008: HTTP 403 is not the status of KP-EX-001" in problems


def test_exchange_ids_are_in_the_ledger_and_never_reused(tmp_path: Path) -> None:
    copy = tmp_path / "conformance"
    shutil.copytree(SUITE, copy)
    ledger = json.loads((copy / "ids.json").read_text("utf-8"))
    key = ledger["ids"].pop("KP-V-EXC-0004")
    ledger["retired"]["KP-V-EXC-0004"] = {"key": key, "reason": "a test"}
    (copy / "ids.json").write_text(json.dumps(ledger, indent=2) + "\n", "utf-8")
    problems = check_suite(copy, independent=False, regenerate=False).problems
    assert "exchange KP-V-EXC-0004: the id is retired in ids.json" in problems


def test_the_unused_refusal_reasons_name_only_untested_codes() -> None:
    tested = {code for t in load_suite(SUITE).exchange_tests() for code in t.codes}
    assert set(_check.EXCHANGE_UNTESTED).isdisjoint(tested)


def test_an_issuer_of_status_notices_and_responses_is_tested() -> None:
    issuance = {v.id: v for _, v in load_suite(SUITE, areas=["issuance"]).vectors()}
    kinds = {
        "KP-V-ISS-0040": ("output", "KP-REQ-070"),  # a notice that voids a certificate
        "KP-V-ISS-0042": ("output", "KP-REQ-073"),  # a notice of a replacement
        "KP-V-ISS-0044": ("output", "KP-REQ-075"),  # a registry's status response
        "KP-V-ISS-0046": ("reject", "KP-REQ-073"),  # replaced, naming no replacement
        "KP-V-ISS-0048": ("reject", "KP-REQ-075"),  # no recorded-at instant
    }
    for id_, (outcome, requirement) in kinds.items():
        vector = issuance[id_]
        assert (vector.expected.outcome, vector.requirement) == (outcome, requirement), id_
    assert issuance["KP-V-ISS-0046"].expected.codes == ("KP-R-062",)
    assert issuance["KP-V-ISS-0048"].expected.codes == ("KP-R-067",)
