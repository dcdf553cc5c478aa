"""The kpcert command: exit codes, output formats, conversion, spec build and check."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kpstandard
from kpstandard.cli import main

from conftest import make_certificate, make_confirmation

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "nested").mkdir(parents=True)
    (folder / "cert.json").write_bytes(kpstandard.dumps(make_certificate(), "json"))
    certificate = make_certificate()
    certificate_xml = kpstandard.dumps(certificate, "xml")
    (folder / "nested" / "cert.xml").write_bytes(certificate_xml)
    # The confirmation of that certificate (its digest, its exporter's licence), so that the
    # run pairs them and the comparisons hold.
    confirmation = make_confirmation()
    digest = base64.b64encode(hashlib.sha256(certificate_xml).digest()).decode()
    confirmation = dataclasses.replace(
        confirmation,
        certificate=dataclasses.replace(
            confirmation.certificate,
            digest=dataclasses.replace(confirmation.certificate.digest, value=digest),
        ),
        exporter=certificate.exporter,
    )
    (folder / "nested" / "confirmation.xml").write_bytes(kpstandard.dumps(confirmation, "xml"))
    (folder / "notes.txt").write_text("not a document, not picked up from a folder")
    return folder


def test_validate_folder_recursively(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(documents), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"] == {
        "documents": 3,
        "valid": 3,
        "invalid": 0,
        "not_judged": 0,
        "unreadable": 0,
    }
    assert {(d["type"], d["syntax"]) for d in out["documents"]} == {
        ("kp-certificate", "json"),
        ("kp-certificate", "xml"),
        ("import-confirmation", "xml"),
    }


def test_validate_invalid_exits_1_with_findings(
    documents: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = documents / "bad.json"
    bad.write_text(json.dumps({**json.loads((documents / "cert.json").read_text()), "status": "x"}))
    assert main(["validate", str(bad), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)["documents"][0]
    assert report["valid"] is False
    assert report["verdict"] == "invalid"
    assert report["findings"] == [
        {
            "code": "KP-S-004",
            "layer": "schema",
            "severity": "error",
            "location": "/status",
            "requirement": "KP-REQ-034",
            "message": report["findings"][0]["message"],
        }
    ]


def test_validate_text_output(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (documents / "bad.xml").write_bytes(b"<KPCertificate")
    assert main(["validate", str(documents)]) == 1
    out = capsys.readouterr().out
    assert "bad.xml: invalid" in out
    assert "KP-P-003 error at (document) [KP-REQ-030]" in out
    assert "4 documents: 3 valid, 1 invalid, 0 not judged" in out


@pytest.mark.parametrize(
    "argv", [["validate", "/no/such/path"], ["convert", "/no/such", "--to", "xml"]]
)
def test_missing_path_is_usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "/no/such" in capsys.readouterr().err


def test_bad_usage_exits_2() -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate", "x", "--format", "yaml"])
    assert exited.value.code == 2


def test_convert_round_trip(documents: Path, tmp_path: Path) -> None:
    source = documents / "cert.json"
    xml = tmp_path / "cert.xml"
    back = tmp_path / "back.json"
    assert main(["convert", str(source), "--to", "xml", "-o", str(xml)]) == 0
    assert main(["convert", str(xml), "--to", "json", "-o", str(back)]) == 0
    assert back.read_bytes() == source.read_bytes()
    assert kpstandard.load(xml.read_bytes()) == make_certificate()


def test_convert_refuses_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"documentType": "kp-certificate"}')
    assert main(["convert", str(bad), "--to", "xml"]) == 1
    assert "KP-S-001" in capsys.readouterr().err


def _copy_spec(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "spec", root / "spec")
    (root / "kpstandard" / "model").mkdir(parents=True)
    shutil.copy(ROOT / "kpstandard/model/_documents.py", root / "kpstandard/model/_documents.py")
    return root


def test_spec_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spec", "check", "--root", str(ROOT)]) == 0


def test_spec_check_names_a_stale_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_spec(tmp_path)
    model = root / "spec/model/kp-certificate.yaml"
    model.write_text(model.read_text().replace("name: Certificate number", "name: Cert number"))
    assert main(["spec", "check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "stale: spec/json/kp-certificate.schema.json" in out
    assert "stale: spec/xml/kp-certificate.xsd" in out
    assert main(["spec", "build", "--root", str(root)]) == 0
    assert main(["spec", "check", "--root", str(root)]) == 0


def test_spec_check_finds_unknown_requirement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_spec(tmp_path)
    model = root / "spec/model/kp-certificate.yaml"
    model.write_text(model.read_text().replace("[KP-REQ-006]", "[KP-REQ-999]", 1))
    main(["spec", "build", "--root", str(root)])
    assert main(["spec", "check", "--root", str(root)]) == 1
    assert "KP-BT-002 cites KP-REQ-999" in capsys.readouterr().out


def test_spec_check_reports_a_broken_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_spec(tmp_path)
    model = root / "spec/model/kp-certificate.yaml"
    model.write_text(model.read_text().replace("id: KP-BT-003", "id: KP-BT-002"))
    assert main(["spec", "check", "--root", str(root)]) == 1
    assert "KP-BT-002 is used twice" in capsys.readouterr().err


def test_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kpstandard.cli", "spec", "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr


def test_many_files_in_parallel_with_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certificate = kpstandard.dumps(make_certificate(), "json")
    for index in range(300):
        (tmp_path / f"{index:03d}.json").write_bytes(certificate)
    (tmp_path / "150.json").write_bytes(b"{}")
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [Path(d["path"]).name for d in lines[:-1]] == [f"{i:03d}.json" for i in range(300)]
    assert lines[150]["verdict"] == "invalid"
    assert lines[-1] == {
        "summary": {"documents": 300, "valid": 299, "invalid": 1, "not_judged": 0, "unreadable": 0}
    }
    assert captured.err == ""  # no progress bar when stderr is not a terminal


def test_unreadable_file_in_a_folder_exits_2_after_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.json").write_bytes(kpstandard.dumps(make_certificate(), "json"))
    (tmp_path / "b.json").symlink_to(tmp_path / "missing.json")
    os.mkfifo(tmp_path / "c.json")  # would block a reader: never picked up from a folder
    assert main(["validate", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "a.json: valid" in captured.out
    assert "cannot read" in captured.err
    assert "b.json" in captured.err
    assert "1 document: 1 valid, 0 invalid, 0 not judged; 1 unreadable" in captured.out


def test_at_and_certificate_options(capsys: pytest.CaptureFixture[str]) -> None:
    confirmation = str(ROOT / "examples/documents/ic-bw-eu-unmixed.json")
    certificate = str(ROOT / "examples/documents/bw-eu-unmixed.xml")
    assert main(["validate", confirmation, "--certificate", certificate]) == 0
    assert "rules layer" not in capsys.readouterr().out  # every rule ran
    assert main(["validate", confirmation]) == 1  # not judged without it (KP-REQ-045)
    out = capsys.readouterr().out
    assert "without the certificate it confirms, these rules did not run" in out
    assert "not-judged" in out
    assert (
        main(
            [
                "validate",
                str(ROOT / "examples/documents/cf-eu-compliant-zone.json"),
                "--at",
                "2014-01-01",
            ]
        )
        == 1
    )
    assert "KP-R-005" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["validate", confirmation, "--at", "yesterday"])
