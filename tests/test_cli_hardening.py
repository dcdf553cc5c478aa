"""kpcert on hostile paths and failures: bounded non-blocking reads, no traceback, a poisoned file
never ends a batch; import confirmations paired with their certificate; trust-list rollback.

Commands that could hang run in a subprocess with a timeout: the timeout is a guard against a
hang, not a timing assertion.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kpstandard
from kpstandard.cli import _validate, main
from kpstandard.cli._common import DOCUMENT_LIMIT, PEM_LIMIT

from conftest import make_certificate

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
ANCHOR = str(PKI / "operator" / "operator.cert.pem")
TRUST_LIST = str(ROOT / "examples" / "signed" / "trust-list.xml")
SIGNED = str(ROOT / "examples" / "signed" / "bw-eu-unmixed.xml")
HANG_GUARD = 60  # seconds; a correct run takes about one


def kpcert(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "kpstandard.cli", *argv],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture
def certificate_file(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / "a.json"
    path.parent.mkdir()
    path.write_bytes(kpstandard.dumps(make_certificate(), "json"))
    return path


# --- bounded, non-blocking reads -------------------------------------------------------------


def test_a_fifo_given_directly_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    done = kpcert("validate", str(fifo))
    assert done.returncode == 2
    assert f"cannot read {fifo}: a FIFO, not a regular file" in done.stderr
    assert "0 documents: 0 valid, 0 invalid, 0 not judged; 1 unreadable" in done.stdout


def test_a_symlink_to_a_fifo_in_a_folder_is_refused_and_the_rest_validated(
    certificate_file: Path,
) -> None:
    folder = certificate_file.parent
    os.mkfifo(folder.parent / "pipe")
    (folder / "b.json").symlink_to(folder.parent / "pipe")
    done = kpcert("validate", str(folder))
    assert done.returncode == 2
    assert f"{certificate_file}: valid" in done.stdout
    assert "b.json: a FIFO, not a regular file" in done.stderr
    assert "1 document: 1 valid, 0 invalid, 0 not judged; 1 unreadable" in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_directly_and_as_a_symlink_in_a_folder(certificate_file: Path) -> None:
    done = kpcert("validate", "/dev/zero")
    assert done.returncode == 2
    assert "cannot read /dev/zero: a device, not a regular file" in done.stderr
    (certificate_file.parent / "zero.xml").symlink_to("/dev/zero")
    done = kpcert("validate", str(certificate_file.parent), "--format", "jsonl")
    assert done.returncode == 2
    assert "zero.xml: a device, not a regular file" in done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["summary"]["unreadable"] == 1


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_and_a_fifo_as_trust_list_or_anchor(tmp_path: Path) -> None:
    fifo = tmp_path / "anchor.pem"
    os.mkfifo(fifo)
    done = kpcert("verify", SIGNED, "--trust-list", TRUST_LIST, "--trust-anchor", str(fifo))
    assert done.returncode == 2
    assert f"cannot read {fifo}: a FIFO, not a regular file" in done.stderr
    done = kpcert("verify", SIGNED, "--trust-list", "/dev/zero", "--trust-anchor", ANCHOR)
    assert done.returncode == 2
    assert "cannot read /dev/zero: a device" in done.stderr
    done = kpcert("sign", SIGNED, "--key", "/dev/zero", "--cert", ANCHOR)
    assert done.returncode == 2
    assert "cannot read /dev/zero: a device" in done.stderr


def test_a_document_over_the_limit_is_kp_p_002(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"x" * (3 * DOCUMENT_LIMIT) + b'"}')
    assert main(["validate", str(big), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)["documents"][0]
    assert [f["code"] for f in report["findings"]] == ["KP-P-002"]


def test_a_key_over_its_bound_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "key.pem"
    key.write_bytes(b"-" * (PEM_LIMIT + 1))
    assert main(["sign", SIGNED, "--key", str(key), "--cert", ANCHOR]) == 2
    assert f"{key}: larger than {PEM_LIMIT} bytes" in capsys.readouterr().err


# --- no traceback, and a poisoned file never ends the batch ----------------------------------


def _poison(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = _validate.validate_bytes

    def validate_bytes(data: bytes, **options: Any) -> Any:
        if str(options.get("path", "")).endswith(name):
            raise RecursionError("poisoned for the test")
        return real(data, **options)

    monkeypatch.setattr(_validate, "validate_bytes", validate_bytes)


def test_an_exception_for_one_document_is_its_kp_x_001(
    certificate_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = certificate_file.parent
    (folder / "b.json").write_bytes(certificate_file.read_bytes())
    (folder / "c.json").write_bytes(certificate_file.read_bytes())
    _poison(monkeypatch, "b.json")
    assert main(["validate", str(folder), "--format", "jsonl"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(Path(r["path"]).name, r["verdict"]) for r in lines[:-1]] == [
        ("a.json", "valid"),
        ("b.json", "not-judged"),
        ("c.json", "valid"),
    ]
    assert [f["code"] for f in lines[1]["findings"]] == ["KP-X-001"]
    assert "RecursionError" in lines[1]["findings"][0]["message"]


@pytest.mark.skipif(
    __import__("multiprocessing").get_start_method() != "fork",
    reason="the poisoned function reaches the workers only when they are forked",
)
def test_a_poisoned_file_in_a_worker_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    certificate = kpstandard.dumps(make_certificate(), "json")
    for index in range(_validate.IN_PROCESS_BELOW + 10):
        (tmp_path / f"{index:03d}.json").write_bytes(certificate)
    _poison(monkeypatch, "070.json")
    assert main(["validate", str(tmp_path), "--format", "jsonl", "--jobs", "2"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[70]["verdict"] == "not-judged"
    assert [f["code"] for f in lines[70]["findings"]] == ["KP-X-001"]
    assert lines[-1]["summary"]["valid"] == _validate.IN_PROCESS_BELOW + 9


def test_main_never_prints_a_traceback(
    certificate_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kpstandard.cli import _convert

    def broken(data: bytes, to: str) -> bytes:
        raise ValueError("broken for the test")

    monkeypatch.setattr(_convert, "convert", broken)
    assert main(["convert", str(certificate_file), "--to", "xml"]) == 2
    err = capsys.readouterr().err
    assert "kpcert: internal error in 'kpcert convert' (ValueError: broken for the test)" in err
    assert "Traceback" not in err


# --- import confirmations paired with their certificate --------------------------------------


def test_confirmations_are_paired_with_the_certificate_of_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folders = [str(ROOT / "examples" / "documents"), str(ROOT / "examples" / "invalid")]
    main(["validate", *folders, "--format", "jsonl"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()][:-1]
    confirmations = {Path(r["path"]).name: r for r in lines if r["type"] == "import-confirmation"}
    # Judged after every other document, once every certificate has been met (those that fail
    # the schema layer name no certificate, and are reported in place).
    schema_passed = [r for r in lines if {"layer": "schema", "status": "passed"} in r["layers"]]
    kinds = [r["type"] == "import-confirmation" for r in schema_passed]
    assert kinds == sorted(kinds)
    for name in ("ic-bw-eu-unmixed.json", "ic-bw-eu-unmixed.xml", "ic-ru-by-russian.xml"):
        assert confirmations[name]["verdict"] == "valid"
        assert {layer["status"] for layer in confirmations[name]["layers"]} == {"passed"}
    for code in range(26, 37):
        if code == 28:  # names a certificate that is not in the run
            continue
        for suffix in ("json", "xml"):
            (name,) = [
                n for n in confirmations if n.startswith(f"KP-R-0{code}-") and n.endswith(suffix)
            ]
            assert confirmations[name]["verdict"] == "invalid", name
            assert f"KP-R-0{code}" in [f["code"] for f in confirmations[name]["findings"]]


def test_every_invalid_example_is_invalid_or_not_judged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folders = [str(ROOT / "examples" / "documents"), str(ROOT / "examples" / "invalid")]
    main(["validate", *folders, "--format", "jsonl"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()][:-1]
    valid = [r["path"] for r in lines if "/invalid/" in r["path"] and r["verdict"] == "valid"]
    assert valid == []


def test_the_certificate_option_still_applies_to_every_confirmation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    confirmation = str(ROOT / "examples" / "invalid" / "KP-R-028-reference-to-another-number.json")
    certificate = str(ROOT / "examples" / "documents" / "bw-eu-unmixed.xml")
    assert main(["validate", confirmation, "--certificate", certificate, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)["documents"][0]
    assert "KP-R-028" in [f["code"] for f in report["findings"]]


# --- trust-list rollback ---------------------------------------------------------------------


TRUST = ["--trust-list", TRUST_LIST, "--trust-anchor", ANCHOR]
WHEN = ["--verification-time", "2026-02-18T10:00:00Z"]


def test_min_sequence_refuses_an_older_list_with_a_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["verify", SIGNED, *TRUST, *WHEN, "--min-sequence", "7"]) == 0
    capsys.readouterr()
    argv = ["verify", SIGNED, *TRUST, *WHEN, "--min-sequence", "8", "--format", "json"]
    assert main(argv) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["verdict"] == "not-judged"
    assert result["trustList"]["usable"] is False
    assert [f["code"] for f in result["trustList"]["findings"]] == ["KP-T-007"]
    assert "older than issue 8" in result["trustList"]["findings"][0]["message"]
    assert "document" not in result


def test_a_state_file_remembers_the_issue_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state" / "trust.json"
    state.parent.mkdir()
    argv = ["verify", SIGNED, *TRUST, *WHEN, "--state-file", str(state)]
    assert main(argv) == 0
    content = json.loads(state.read_text())
    assert content["format"] == "kpcert-trust-state"
    ((entry),) = content["operators"].values()
    assert entry["sequence"] == 7
    assert main(argv) == 0  # the same issue again is fine
    entry["sequence"] = 9  # as if issue 9 had been accepted since
    state.write_text(json.dumps(content))
    capsys.readouterr()
    assert main(argv) == 1
    assert "KP-T-007 in the trust list" in capsys.readouterr().out
    assert json.loads(state.read_text())["operators"] == content["operators"]  # not lowered
    assert sorted(p.name for p in state.parent.iterdir()) == ["trust.json"]  # no leftovers


def test_a_broken_state_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "trust.json"
    state.write_text('{"operators": []}')
    assert main(["verify", SIGNED, *TRUST, *WHEN, "--state-file", str(state)]) == 2
    assert "is not a kpcert trust-list state file" in capsys.readouterr().err


def test_validate_with_an_unusable_trust_list_reports_every_document_not_judged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = str(ROOT / "examples" / "signed")
    argv = ["validate", folder, *TRUST, "--min-sequence", "8", "--format", "json"]
    assert main(argv) == 1
    out = json.loads(capsys.readouterr().out)
    assert {d["verdict"] for d in out["documents"]} == {"not-judged"}
    assert out["summary"]["not_judged"] == out["summary"]["documents"] > 0
    assert [f["code"] for f in out["trustList"]["findings"]] == ["KP-T-007"]
    assert (
        main(["trust-list", "verify", TRUST_LIST, "--trust-anchor", ANCHOR, "--min-sequence", "8"])
        == 1
    )
    assert "KP-T-007" in capsys.readouterr().err
