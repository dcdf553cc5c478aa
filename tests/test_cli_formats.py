"""kpcert as people and CI expect it: SARIF and JUnit output, versions, standard input, option
names and help, dated arguments, a path without documents, singular and plural."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

import kpstandard
from kpstandard.cli import build_parser, main
from kpstandard.cli._version import library_version
from kpstandard.findings import CODES

from conftest import make_certificate

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
INVALID = ROOT / "examples" / "invalid"
EXPIRY = "KP-R-010-expiry-before-issue"
PKI = ROOT / "examples" / "pki"
ANCHOR = str(PKI / "operator" / "operator.cert.pem")
TRUST = ["--trust-list", str(ROOT / "examples/signed/trust-list.xml"), "--trust-anchor", ANCHOR]
SAMPLE = [
    str(ROOT / "examples/documents/bw-eu-unmixed.xml"),
    str(INVALID / f"{EXPIRY}.json"),
    str(INVALID / f"{EXPIRY}.xml"),
    str(INVALID / "truncated.json"),
]


def kpcert(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kpstandard.cli", *argv],
        input=stdin,
        capture_output=True,
        timeout=120,  # a guard against a hang, not a timing assertion
        check=False,
        cwd=ROOT,
    )


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_output_is_valid_sarif_2_1_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SAMPLE, "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("kpcert", library_version())
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == set(CODES)
    assert rules["KP-R-010"]["properties"]["requirement"] == CODES["KP-R-010"].requirement
    assert rules["KP-X-001"]["defaultConfiguration"]["level"] == "warning"
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    by_file = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r
        for r in run["results"]
    }
    json_result = by_file[(Path(SAMPLE[1]).as_uri(), "KP-R-010")]
    assert json_result["level"] == "error"
    (logical,) = json_result["locations"][0]["logicalLocations"]
    assert logical == {"fullyQualifiedName": "/dateOfExpiry", "kind": "property"}
    xml_result = by_file[(Path(SAMPLE[2]).as_uri(), "KP-R-010")]
    (logical,) = xml_result["locations"][0]["logicalLocations"]
    assert logical == {"fullyQualifiedName": "/kp:KPCertificate/kp:DateOfExpiry", "kind": "element"}
    assert (Path(SAMPLE[3]).as_uri(), "KP-P-003") in by_file
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_with_relative_paths_and_an_unreadable_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("my docs").mkdir()
    Path("my docs/bad.json").write_bytes(b'{"documentType": "kp-certificate"}')
    Path("my docs/gone.json").symlink_to(tmp_path / "nowhere.json")
    assert main(["validate", "my docs", "--format", "sarif"]) == 2
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    (run,) = log["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"my%20docs/bad.json"}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert "gone.json" in notification["message"]["text"]


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SAMPLE, "--format", "junit"]) == 1
    out = capsys.readouterr().out
    root = etree.fromstring(out.encode())
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == SAMPLE
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "3", "0")
    assert root.get("tests") == "4"
    assert list(cases[0]) == []  # valid
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("type") == "invalid"
    assert "KP-R-010" in failure.get("message", "")
    assert "KP-R-010 error at /dateOfExpiry [KP-REQ-" in (failure.text or "")
    assert cases[3].find("failure") is not None  # KP-P-003
    assert all(case.get("classname") == "kpcert.validate" for case in cases)


def test_junit_counts_not_judged_as_errors(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["validate", str(ROOT / "examples/signed/bw-eu-unmixed.xml"), *TRUST]
    assert main([*argv, "--min-sequence", "8", "--format", "junit"]) == 1
    root = etree.fromstring(capsys.readouterr().out.encode())
    (suite,) = root
    assert suite.get("errors") == "1"
    error = suite.find("testcase/error")
    assert error is not None
    assert error.get("type") == "not-judged"
    assert "KP-T-007" in (suite.findtext("system-err") or "")


# --- versions, standard input ----------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    line = capsys.readouterr().out
    assert line.startswith(f"kpcert (kpstandard) {library_version()}; standard 1.1 (model ")
    assert "conformance suite 1.0.0" in line
    assert main(["version", "--format", "json"]) == 0
    versions = json.loads(capsys.readouterr().out)
    assert set(versions) == {"kpstandard", "standard", "model", "conformanceSuite"}
    assert versions["standard"] == kpstandard.model.SPEC_VERSION


def test_standard_input_for_validate_convert_sign_verify(tmp_path: Path) -> None:
    certificate = (ROOT / "examples/documents/bw-eu-unmixed.json").read_bytes()
    done = kpcert("validate", "-", "--format", "json", stdin=certificate)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"][0]["path"] == "<stdin>"
    done = kpcert("convert", "-", "--to", "xml", stdin=certificate)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "examples/documents/bw-eu-unmixed.xml").read_bytes()
    key = PKI / "authorities" / "BW-MME-DH"
    done = kpcert(
        "sign", "-", "--key", f"{key}.key.pem", "--cert", f"{key}.cert.pem", stdin=certificate
    )
    assert done.returncode == 0, done.stderr
    signed = done.stdout
    when = ["--verification-time", "2026-02-18T10:00:00Z"]
    done = kpcert("verify", "-", *TRUST, *when, "--format", "json", stdin=signed)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"] == json.loads(certificate)
    done = kpcert("validate", "-", "-", stdin=certificate)
    assert done.returncode == 2
    assert b"standard input (-) can be named only once" in done.stderr


# --- options ---------------------------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(parser.prog, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found


def test_every_option_and_command_has_help_text() -> None:
    missing = []
    for prog, parser in _parsers(build_parser()):
        if not parser.description:
            missing.append(f"{prog} (no description)")
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                missing += [
                    f"{prog} {choice.dest}" for choice in action._choices_actions if not choice.help
                ]
                continue
            if not action.help:
                missing.append(f"{prog} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_renamed_options_keep_their_old_spelling_hidden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    zone = str(ROOT / "examples/documents/cf-eu-compliant-zone.json")
    assert main(["validate", zone, "--rules-date", "2014-01-01"]) == 1
    assert "KP-R-005" in capsys.readouterr().out
    assert main(["validate", zone, "--at", "2014-01-01"]) == 1
    assert "KP-R-005" in capsys.readouterr().out
    for command in ("validate", "verify"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "--verification-time" in text
        assert "--at" not in text
        assert "--time " not in text
    signed = str(ROOT / "examples/signed/bw-eu-unmixed.xml")
    assert main(["verify", signed, *TRUST, "--at", "2026-06-01"]) == 1  # expired by then
    assert "KP-TM-002" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["validate", "x.json", "--rules-date", "yesterday"],
            "expected a date in the form YYYY-MM-DD",
        ),
        (["validate", "x.json", "--at", "2026-13-01"], "expected a date in the form YYYY-MM-DD"),
        (
            ["verify", "x.xml", "--trust-list", "t", "--verification-time", "noon"],
            "expected an ISO 8601 instant such as 2026-03-02T10:00:00Z",
        ),
        (
            ["verify", "x.xml", "--trust-list", "t", "--min-sequence", "-1"],
            "expected a whole number >= 0",
        ),
    ],
)
def test_bad_arguments_say_the_expected_form(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert expected in capsys.readouterr().err


def test_a_path_without_documents_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("no documents here")
    for name in ("empty", "notes"):
        assert main(["validate", str(tmp_path / name)]) == 2
        captured = capsys.readouterr()
        assert (
            f"{tmp_path / name}: no .json or .xml file in this folder or below it" in captured.err
        )
        assert captured.out == ""


def test_singular_and_plural(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(kpstandard.dumps(make_certificate(), "json"))
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out.endswith("\n1 document: 1 valid, 0 invalid, 0 not judged\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"documentType": "kp-certificate", "specVersion": "1.0"}')
    assert main(["convert", str(bad), "--to", "xml"]) == 1
    err = capsys.readouterr().err
    assert "not converted, the document is invalid (" in err
    assert " problems):" in err
    single = tmp_path / "single.json"
    single.write_text(good.read_text().replace('"original"', '"x"'))
    assert main(["convert", str(single), "--to", "xml"]) == 1
    assert "not converted, the document is invalid (1 problem):" in capsys.readouterr().err


def test_spec_build_says_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "spec", root / "spec")
    (root / "kpstandard" / "model").mkdir(parents=True)
    shutil.copy(ROOT / "kpstandard/model/_documents.py", root / "kpstandard/model/_documents.py")
    model = root / "spec/model/kp-certificate.yaml"
    model.write_text(model.read_text().replace("name: Certificate number", "name: Cert number"))
    assert main(["spec", "check", "--root", str(root)]) == 1
    assert "stale: spec/json/kp-certificate.schema.json" in capsys.readouterr().out
    assert main(["spec", "build", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "wrote spec/json/kp-certificate.schema.json" in out
    assert "wrote spec/xml/kp-certificate.xsd" in out
    assert main(["spec", "build", "--root", str(root)]) == 0
    assert "nothing to write" in capsys.readouterr().out
