"""kpcert sign, verify and trust-list, end to end with the test PKI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpstandard.cli import main

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
ANCHOR = str(PKI / "operator" / "operator.cert.pem")
TRUST_LIST = str(ROOT / "examples" / "signed" / "trust-list.xml")
TRUST = ["--trust-list", TRUST_LIST, "--trust-anchor", ANCHOR]


def _authority(stem: str) -> list[str]:
    folder = PKI / "authorities"
    return ["--key", str(folder / f"{stem}.key.pem"), "--cert", str(folder / f"{stem}.cert.pem")]


def test_sign_then_verify_prints_what_is_signed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = tmp_path / "signed.xml"
    source = ROOT / "examples" / "documents" / "bw-eu-unmixed.json"  # JSON in, signed XML out
    assert main(["sign", str(source), *_authority("BW-MME-DH"), "-o", str(signed)]) == 0
    assert (
        main(["verify", str(signed), *TRUST, "--at", "2026-02-18T10:00:00Z", "--format", "json"])
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] is True
    assert [layer["status"] for layer in result["layers"]] == ["passed"] * 6
    assert result["document"] == json.loads(source.read_text())
    assert "Botswana Diamond Hub" in result["signer"]["subject"]


def test_verify_failure_has_no_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signed = (ROOT / "examples" / "signed" / "bw-eu-unmixed.xml").read_bytes()
    tampered = tmp_path / "tampered.xml"
    tampered.write_bytes(signed.replace(b"<Parcels>3</Parcels>", b"<Parcels>30</Parcels>", 1))
    assert main(["verify", str(tampered), *TRUST, "--at", "2026-02-18", "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    # Only the signature speaks: no layer reads content that no one vouches for.
    assert [f["code"] for f in result["findings"]] == ["KP-SIG-009"]
    assert "document" not in result


def test_verify_text_output_names_layers(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "examples" / "signed" / "bw-eu-unmixed.xml")
    assert main(["verify", path, *TRUST, "--at", "2026-06-01"]) == 1
    out = capsys.readouterr().out
    assert "time      failed" in out
    assert "KP-TM-002" in out


def test_verify_needs_a_pinned_anchor(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "examples" / "signed" / "bw-eu-unmixed.xml")
    assert main(["verify", path, "--trust-list", TRUST_LIST]) == 2
    assert "--trust-anchor" in capsys.readouterr().err
    rogue = str(PKI / "authorities" / "rogue.cert.pem")
    # A list the pinned anchor did not sign is a failed check, reported: the document is not
    # judged (exit 1), and the reason is the trust list's KP-T-007.
    assert main(["verify", path, "--trust-list", TRUST_LIST, "--trust-anchor", rogue]) == 1
    out = capsys.readouterr().out
    assert f"{path}: not-judged" in out
    assert f"KP-T-007 in the trust list {TRUST_LIST}" in out


def test_sign_refuses_invalid_and_signed_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"documentType": "kp-certificate"}')
    assert main(["sign", str(bad), *_authority("BW-MME-DH")]) == 1
    assert "KP-S-001" in capsys.readouterr().err
    signed = str(ROOT / "examples" / "signed" / "bw-eu-unmixed.xml")
    assert main(["sign", signed, *_authority("BW-MME-DH")]) == 1
    assert "already signed" in capsys.readouterr().err
    mismatched = ["--key", str(PKI / "authorities" / "rogue.key.pem"), "--cert", ANCHOR]
    assert main(["sign", str(ROOT / "examples/documents/bw-eu-unmixed.xml"), *mismatched]) == 1
    assert "does not belong" in capsys.readouterr().err


def test_trust_list_build_sign_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unsigned, signed = tmp_path / "tl.xml", tmp_path / "tl-signed.xml"
    assert main(["trust-list", "build", str(PKI / "trust-list.yaml"), "-o", str(unsigned)]) == 0
    assert (
        unsigned.read_bytes() == (ROOT / "examples" / "documents" / "trust-list.xml").read_bytes()
    )
    operator = ["--key", str(PKI / "operator" / "operator.key.pem"), "--cert", ANCHOR]
    assert main(["trust-list", "sign", str(unsigned), *operator, "-o", str(signed)]) == 0
    assert main(["trust-list", "verify", str(signed), "--trust-anchor", ANCHOR]) == 0
    assert "issue 7" in capsys.readouterr().out
    assert (
        main(["trust-list", "verify", str(signed), "--trust-anchor", ANCHOR, "--at", "2030-01-01"])
        == 1
    )
    assert main(["trust-list", "verify", str(unsigned), "--trust-anchor", ANCHOR]) == 1
    assert "KP-SIG-001" in capsys.readouterr().err


def test_validate_with_a_trust_list_adds_the_signed_layers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = str(ROOT / "examples" / "signed")
    assert main(["validate", folder, *TRUST, "--time", "2026-03-12", "--format", "jsonl"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_name = {Path(r["path"]).name: r for r in lines[:-1]}
    assert by_name["us-il-aes-itn.xml"]["verdict"] == "valid"  # issued 2026-03-11
    assert [f["code"] for f in by_name["bw-eu-unmixed.xml"]["findings"]] == []  # still valid
    assert {f["code"] for f in by_name["gb-us-after-brexit.xml"]["findings"]} == {"KP-TM-002"}
    assert by_name["trust-list.xml"]["verdict"] == "valid"  # signed by the pinned operator


def test_many_signed_files_in_parallel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signed = (ROOT / "examples" / "signed" / "bw-eu-unmixed.xml").read_bytes()
    for index in range(200):
        (tmp_path / f"{index:03d}.xml").write_bytes(signed)
    argv = ["validate", str(tmp_path), *TRUST, "--time", "2026-02-18", "--jobs", "2"]
    assert main([*argv, "--format", "jsonl"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])["summary"]
    assert summary["valid"] == 200
