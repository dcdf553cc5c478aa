"""The signature and issuance areas: their signatures are what they claim to be, and the runner
grades a verifier's signed data and an issuer's signed document as the standard asks."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import kpstandard
from kpstandard.conformance._grading import Grade, grade
from kpstandard.conformance._manifest import Manifest, Vector
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance.generate import _pki, _xmldsig
from kpstandard.conformance.protocol import Answer, Payload
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
XMLSEC1 = shutil.which("xmlsec1")


@cache
def _suite() -> dict[str, tuple[Manifest, Vector]]:
    suite = load_suite(default_suite_dir(), areas=("signature", "issuance"))
    return {f"{m.area}/{v.name}/{v.input.syntax}": (m, v) for m, v in suite.vectors()}


def vector(key: str) -> tuple[Manifest, Vector]:
    return _suite()[key]


def graded(key: str, answer: Answer, role: str) -> tuple[Grade, str]:
    manifest, test = vector(key)
    return grade(test, answer, manifest.read, role)


def keys(stem: str) -> dict[str, Any]:
    folder = PKI / "authorities"
    return {
        "key": load_private_key(folder / f"{stem}.key.pem"),
        "certificate": load_certificate(folder / f"{stem}.cert.pem"),
    }


# --- the generator's own signatures -------------------------------------------------------------


def test_the_signature_maker_writes_what_the_reference_signer_writes() -> None:
    # Two independent signers (ours, from the recommendation; signxml) agree to the byte.
    document = kpstandard.load((ROOT / "examples" / "documents" / "bw-eu-unmixed.xml").read_bytes())
    signed = _pki.sign_document(document, _pki.authority("BW-MME-DH"))
    assert signed == (ROOT / "examples" / "signed" / "bw-eu-unmixed.xml").read_bytes()


def test_derived_test_keys_are_the_same_everywhere_and_too_weak() -> None:
    seed = "kpstandard conformance: weak RSA-1024 test key"
    first = _xmldsig.derived_rsa_key(seed, 1024)
    again = _xmldsig.derived_rsa_key(seed, 1024)
    assert first.key_size == 1024
    assert first.private_numbers() == again.private_numbers()
    assert _pki.weak_curve().certificate.public_key().curve.name == "secp521r1"  # type: ignore[union-attr]
    ca = _pki.root_ca().certificate
    assert _pki.weak_rsa().certificate.issuer == ca.subject


PROFILE_ONLY = (
    "rsa-sha1",
    "digest-sha1",
    "digest-md5",
    "inclusive-c14n",
    "exclusive-c14n-with-comments",
    "xpath-transform",
    "exclusive-c14n-with-comments-transform",
    "inclusive-c14n-transform",
    "two-references",
    "reference-by-xpointer",
    "reference-to-the-key-info-only",
    "signature-first",
    "signature-nested-in-an-element",
    "second-signature-after-the-genuine-one",
    "rsa-1024",
    "ecdsa-p521",
    "key-value-beside-the-certificate",
    "two-certificates",
    "rogue-signer",
    "another-participants-key",
    "retired-key",
    "revoked-key",
    "key-usage-without-digital-signature",
)
"""Negative vectors whose signature is valid: only the profile or the trust list refuses them."""


@pytest.mark.skipif(XMLSEC1 is None and not os.environ.get("CI"), reason="xmlsec1 is not installed")
@pytest.mark.parametrize("name", PROFILE_ONLY)
def test_a_generic_xml_signature_library_accepts_what_only_the_profile_refuses(name: str) -> None:
    assert XMLSEC1 is not None, "xmlsec1 is missing: .ci/run installs it"
    manifest, test = vector(f"signature/{name}/xml")
    assert test.expected.outcome == "reject"
    assert manifest.folder is not None
    done = subprocess.run(
        [
            XMLSEC1,
            "--verify",
            "--trusted-pem",
            str(PKI / "ca" / "root-ca.cert.pem"),
            "--verification-time",
            test.context.verification_time.replace("T", " ").removesuffix("Z"),
            str(manifest.folder / test.input.file),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TZ": "UTC"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


# --- grading a verifier ---------------------------------------------------------------------


GOLDEN_BW = "signature/signed-bw-eu-unmixed/xml"


def test_a_verifier_returns_the_signed_data() -> None:
    manifest, test = vector(GOLDEN_BW)
    assert test.expected.output is not None
    data = manifest.read(test.expected.output)
    assert graded(GOLDEN_BW, Answer(1, "accept"), "verifier")[0] is Grade.FAIL
    assert graded(GOLDEN_BW, Answer(1, "accept"), "importer") == (Grade.PASS, "")
    as_json = kpstandard.convert(data, "json")
    assert graded(GOLDEN_BW, Answer(1, "accept", output=Payload(as_json, "json")), "verifier") == (
        Grade.PASS,
        "",
    )
    signed = manifest.read(test.input)  # the signed document itself, signature and all
    assert graded(GOLDEN_BW, Answer(1, "accept", output=Payload(signed, "xml")), "verifier")[0] is (
        Grade.PASS
    )
    other = data.replace(b"Kagiso Molefe", b"Kagiso Molefi")
    outcome, detail = graded(GOLDEN_BW, Answer(1, "accept", output=Payload(other)), "verifier")
    assert outcome is Grade.FAIL
    assert "Molefi" in detail


def test_not_judged_is_graded_on_the_outcome() -> None:
    key = "signature/trust-list-outdated/xml"
    assert vector(key)[1].expected.codes == ("KP-TM-001",)  # for the reader
    assert graded(key, Answer(1, "not-judged"), "verifier") == (Grade.PASS, "")
    assert graded(key, Answer(1, "reject", codes=("KP-TM-001",)), "verifier")[0] is Grade.FAIL
    assert graded(key, Answer(1, "accept"), "importer")[0] is Grade.FAIL


# --- grading an issuer --------------------------------------------------------------------------

ISSUE_BW = "issuance/sign-bw-eu-unmixed/xml"


def _input(key: str) -> bytes:
    manifest, test = vector(key)
    return manifest.read(test.input)


def _issued(key: str, data: bytes) -> tuple[Grade, str]:
    return graded(key, Answer(1, "output", output=Payload(data, "xml")), "issuer")


def test_an_issuer_s_signed_document_must_verify_and_sign_the_input() -> None:
    data = _input(ISSUE_BW)
    assert _issued(ISSUE_BW, kpstandard.sign(data, **keys("BW-MME-DH"))) == (Grade.PASS, "")
    xades = kpstandard.sign(data, **keys("BW-MME-DH"), xades=True)
    assert _issued(ISSUE_BW, xades) == (Grade.PASS, "")
    outcome, detail = _issued(ISSUE_BW, data)  # the input, unsigned
    assert outcome is Grade.FAIL
    assert "KP-SIG-001" in detail
    outcome, detail = _issued(ISSUE_BW, kpstandard.sign(data, **keys("rogue")))
    assert outcome is Grade.FAIL
    assert "KP-T-001" in detail
    document = kpstandard.load(data)
    other = dataclasses.replace(
        document, validation=dataclasses.replace(document.validation, place="Francistown")
    )
    signed_other = kpstandard.sign(kpstandard.dumps(other, "xml"), **keys("BW-MME-DH"))
    outcome, detail = _issued(ISSUE_BW, signed_other)
    assert outcome is Grade.FAIL
    assert "not the input's" in detail
    assert _issued(ISSUE_BW, b"not xml")[0] is Grade.FAIL


def test_an_ecdsa_signature_from_json_input_verifies() -> None:
    key = "issuance/sign-eu-ae-mixed/json"
    signed = kpstandard.sign(_input(key), **keys("EU-BE-FPSECO-DO"))
    assert _issued(key, signed) == (Grade.PASS, "")
    outcome, detail = _issued(key, kpstandard.sign(_input(key), **keys("BW-MME-DH")))
    assert outcome is Grade.FAIL
    assert "KP-T-002" in detail


def test_an_issuer_must_refuse_a_weak_key() -> None:
    key = "issuance/refuse-rsa-1024/xml"
    manifest, test = vector(key)
    assert test.context.signing_key is not None
    pem = manifest.read(test.context.signing_key)
    assert pem.startswith(b"# TEST KEY ONLY")
    assert graded(key, Answer(1, "reject", codes=("KP-SIG-008",)), "issuer") == (Grade.PASS, "")
    signed = kpstandard.sign(manifest.read(test.input), **keys("BW-MME-DH"))
    assert graded(key, Answer(1, "output", output=Payload(signed, "xml")), "issuer")[0] is (
        Grade.FAIL
    )
