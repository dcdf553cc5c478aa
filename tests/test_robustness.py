"""Regression tests for the classes an independent attack campaign found (issue 9).

Each entry point must answer every input with a finding (or its own documented exception), in time
linear in the input: no hang, no crash, no "valid" said too early. Speed is measured in
``benchmarks/worst_case.py``, never here; these tests assert codes and verdicts.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

import kpstandard
from kpstandard.findings import Layer, LayerStatus, Verdict
from kpstandard.signature.keys import describe_certificate, load_certificate, load_private_key

from conftest import make_certificate

EXAMPLES = Path("examples")
PKI = EXAMPLES / "pki"
SIGNED = EXAMPLES / "signed"
DS = "{http://www.w3.org/2000/09/xmldsig#}"


def codes(report: kpstandard.DocumentReport) -> list[str]:
    return [f.code for f in report.findings]


def trust_list() -> kpstandard.TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, findings = kpstandard.load_trust_list(
        (SIGNED / "trust-list.xml").read_bytes(), anchor=anchor
    )
    assert loaded is not None, findings
    return loaded


# --- 1, 2: namespace declarations, counted by the parser in every encoding -----------------------


def test_the_old_quadratic_pattern_is_just_not_well_formed() -> None:
    # `<a ` then `xmlns:` many times made the old pre-parse regex backtrack quadratically.
    report = kpstandard.validate(b"<a " + b"xmlns:" * 20_000)
    assert codes(report) == ["KP-P-003"]


def test_xmlns_text_inside_a_value_is_not_a_declaration() -> None:
    # The old count ran over the raw bytes, so text that spells declarations counted too.
    text = 'xmlns:p="u" ' * 100
    data = kpstandard.dumps(make_certificate(), "xml").replace(
        b"K. Molefe", f"K. Molefe {text}".encode()
    )
    report = kpstandard.validate(data)
    assert "KP-P-008" not in codes(report)
    assert report.layers[0].status is LayerStatus.PASSED


def _flood(count: int) -> str:
    declarations = " ".join(f'xmlns:p{i}="urn:x:{i}"' for i in range(count))
    return f"<a {declarations}><b/></a>"


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [
        ("utf-8", ""),
        ("utf-16", ""),  # with a byte order mark
        ("utf-16-le", "UTF-16"),  # without one: the XML declaration is detected (XML 1.0, F)
        ("utf-16-be", "UTF-16"),
        ("utf-32", ""),
        ("utf-32-le", "UTF-32"),
        ("utf-8", "ISO-8859-1"),
    ],
)
def test_namespace_limit_holds_in_every_encoding(encoding: str, declared: str) -> None:
    # UTF-16 without a byte order mark and UTF-32 escaped the old raw-bytes count.
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    report = kpstandard.validate((head + _flood(200)).encode(encoding))
    assert codes(report) == ["KP-P-008"], (encoding, report.findings)


def test_declarations_spread_over_elements_count_too() -> None:
    data = "<a>" + "".join(f'<b xmlns:p{i}="urn:x:{i}"/>' for i in range(40)) + "</a>"
    assert codes(kpstandard.validate(data.encode())) == ["KP-P-008"]


def test_thirty_two_declarations_are_allowed() -> None:
    report = kpstandard.validate(_flood(32).encode("utf-16"))
    assert "KP-P-008" not in codes(report)


# --- 3: JSON read once, so whatever follows a duplicate member is reported, never raised ---------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b'{"a":{"b":1,"b":2},}', "KP-P-003", id="duplicate-then-trailing-comma"),
        pytest.param(
            b'{"a":{"b":1,"b":2},"n":' + b"9" * 5000 + b"}", "KP-P-003", id="duplicate-bigint"
        ),
        pytest.param(
            b'{"a":{"b":1,"b":2},"d":' + b"[" * 50_000 + b"]" * 50_000 + b"}",
            "KP-P-005",
            id="duplicate-deep",
        ),
        pytest.param(b'{"a":{"b":1,"b":2},"x":NaN}', "KP-P-003", id="duplicate-nan"),
        pytest.param(b'{"a":1,"a":2}', "KP-P-006", id="duplicate-alone"),
        pytest.param(b'{"a": 1.5e' + b"9" * 3000 + b"}", "KP-P-003", id="exponent-beyond-decimal"),
    ],
)
def test_json_after_a_duplicate_member(data: bytes, code: str) -> None:
    report = kpstandard.validate(data)
    assert codes(report) == [code]
    assert report.verdict is Verdict.INVALID


def test_duplicates_are_located_in_nested_objects() -> None:
    data = b'{"documentType":"kp-certificate","x":[{"k":1},{"k":1,"k":2}],"y":1,"y":2}'
    report = kpstandard.validate(data)
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-P-006", "/y"),  # an object's own duplicates come before those of its members
        ("KP-P-006", "/x/1/k"),
    ]


# --- 4: malformed certificates inside a trust list -----------------------------------------------


def _der(name: str) -> bytes:
    return load_certificate(PKI / "authorities" / f"{name}.cert.pem").public_bytes(Encoding.DER)


RSA_OID = bytes.fromhex("06092a864886f70d010101")  # rsaEncryption, in the SubjectPublicKeyInfo
EC_OID = bytes.fromhex("06072a8648ce3d0201")  # id-ecPublicKey


def _bad_version(der: bytes) -> bytes:
    # [0] EXPLICIT Version INTEGER 2 (v3) becomes 7, which no X.509 version is.
    return der.replace(bytes.fromhex("a003020102"), bytes.fromhex("a003020107"), 1)


def _unknown_algorithm(der: bytes) -> bytes:
    assert RSA_OID in der or EC_OID in der
    if RSA_OID in der:
        return der.replace(RSA_OID, bytes.fromhex("06092a864886f70d010163"), 1)
    return der.replace(EC_OID, bytes.fromhex("06072a8648ce3d0263"), 1)


def _invalid_key(der: bytes) -> bytes:
    # An uncompressed EC point (04 || x || y) whose y no longer fits the curve.
    certificate = x509.load_der_x509_certificate(der)
    point = certificate.public_key().public_bytes(
        Encoding.X962,
        __import__("cryptography").hazmat.primitives.serialization.PublicFormat.UncompressedPoint,
    )
    broken = point[:-1] + bytes([point[-1] ^ 0x01])
    return der.replace(point, broken, 1)


def _ec_authority() -> str:
    for path in sorted((PKI / "authorities").glob("*.cert.pem")):
        if EC_OID in load_certificate(path).public_bytes(Encoding.DER):
            return path.name.removesuffix(".cert.pem")
    raise AssertionError("the test PKI has an EC authority")


@pytest.mark.parametrize("mutate", [_bad_version, _unknown_algorithm, _invalid_key])
def test_trust_list_with_a_malformed_certificate_is_invalid_not_a_crash(mutate: Any) -> None:
    value = json.loads((EXAMPLES / "documents" / "trust-list.json").read_bytes())
    entry = value["participants"][0]["authorities"][0]["certificates"][0]
    der = mutate(_der(_ec_authority()))
    entry["certificate"] = base64.b64encode(der).decode()
    report = kpstandard.validate(json.dumps(value).encode())
    assert "KP-R-039" in codes(report), report.findings
    assert report.verdict is Verdict.INVALID


# --- 5: the certificate in KeyInfo is untrusted input --------------------------------------------


def _with_embedded_certificate(data: bytes, der: bytes) -> bytes:
    root = etree.fromstring(data)
    element = root.find(f"{DS}Signature/{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate")
    assert element is not None
    element.text = base64.b64encode(der).decode()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_a_broken_subject_in_key_info_does_not_crash_verify() -> None:
    # KeyInfo is outside what the enveloped signature covers, and only its key is used, so a byte
    # changed in the subject leaves the signature intact: the signer is then simply unlisted.
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    root = etree.fromstring(data)
    element = root.find(f"{DS}Signature/{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate")
    assert element is not None
    assert element.text
    der = base64.b64decode(element.text)
    certificate = x509.load_der_x509_certificate(der)
    common_name = certificate.subject.rfc4514_string().split("CN=")[1].split(",")[0].encode()
    broken = der.replace(common_name, b"\xff" + common_name[1:], 1)
    with pytest.raises(ValueError, match="subject"):  # cryptography parses the name lazily
        x509.load_der_x509_certificate(broken).subject.rfc4514_string()
    report = kpstandard.verify(_with_embedded_certificate(data, broken), trust_list=trust_list())
    assert codes(report) == ["KP-T-001"]
    fingerprint = x509.load_der_x509_certificate(broken).fingerprint(hashes.SHA256())
    assert fingerprint.hex() in report.findings[0].message


def test_describe_certificate_falls_back_to_the_fingerprint() -> None:
    certificate = load_certificate(PKI / "authorities" / "BW-MME-DH.cert.pem")
    assert "CN=Botswana Diamond Hub" in describe_certificate(certificate)
    der = certificate.public_bytes(Encoding.DER)
    common_name = re.search(rb"Botswana Diamond Hub", der)
    assert common_name is not None
    broken = x509.load_der_x509_certificate(
        der.replace(common_name.group(), b"\xff" + common_name.group()[1:], 1)
    )
    assert "SHA-256 fingerprint" in describe_certificate(broken)


# --- 7: DTDs and entities, external ones included, are KP-P-004 and open no file -----------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b'<!DOCTYPE a [<!ENTITY % p SYSTEM "/dev/zero"> %p;]><a/>', id="pe-dev-zero"),
        pytest.param(
            b'<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><a/>', id="pe-file"
        ),
        pytest.param(
            b'<!DOCTYPE a [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]><a/>', id="pe-network"
        ),
        pytest.param(b'<!DOCTYPE a SYSTEM "/dev/zero"><a/>', id="external-subset"),
        pytest.param(b'<!DOCTYPE a [<!ENTITY e SYSTEM "/dev/zero">]><a>&e;</a>', id="entity"),
        pytest.param(b"<a>&undeclared;</a>", id="undeclared-entity"),
    ],
)
def test_dtds_and_entities_are_forbidden_constructs(data: bytes) -> None:
    for entry in (kpstandard.validate, lambda d: kpstandard.verify(d, trust_list=trust_list())):
        report = entry(data)
        assert codes(report) == ["KP-P-004"], report.findings
        assert report.verdict is Verdict.INVALID


def test_external_entity_in_a_fifo_does_not_block(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    data = f'<!DOCTYPE a [<!ENTITY % p SYSTEM "{fifo}"> %p;]><a/>'.encode()
    assert codes(kpstandard.validate(data)) == ["KP-P-004"]


# --- the guard at the boundary -------------------------------------------------------------------


def test_an_unexpected_exception_is_not_judged_never_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kpstandard import pipeline

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "validate_bytes", boom)
    report = kpstandard.validate(b"{}")
    assert codes(report) == ["KP-X-001"]
    assert report.verdict is Verdict.NOT_JUDGED
    assert report.findings[0].layer is Layer.PROCESSING
    assert "RuntimeError: a bug" in report.findings[0].message
    report = kpstandard.verify(b"<a/>", trust_list=trust_list())
    assert report.verdict is Verdict.NOT_JUDGED
    assert {r.layer for r in report.layers} >= {Layer.SIGNATURE, Layer.TRUST, Layer.TIME}


def test_raising_entry_points_raise_only_their_own_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from kpstandard import _api, pipeline

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RecursionError("deep")

    monkeypatch.setattr(_api, "read", boom)
    with pytest.raises(kpstandard.InvalidDocumentError) as raised:
        kpstandard.load(b"{}")
    assert [f.code for f in raised.value.findings] == ["KP-X-001"]
    with pytest.raises(kpstandard.InvalidDocumentError):
        kpstandard.convert(b"{}", "xml")
    monkeypatch.setattr(pipeline, "read", boom)
    key = load_private_key(PKI / "authorities" / "BW-MME-DH.key.pem")
    certificate = load_certificate(PKI / "authorities" / "BW-MME-DH.cert.pem")
    with pytest.raises(kpstandard.InvalidDocumentError):
        kpstandard.sign(b"{}", key=key, certificate=certificate)


def test_dumps_of_a_wrong_value_is_misuse_not_a_crash() -> None:
    import dataclasses

    broken = dataclasses.replace(make_certificate(), date_of_issue="yesterday")
    with pytest.raises(kpstandard.KPStandardError):
        kpstandard.dumps(broken, "xml")


def test_load_trust_list_of_anything_never_raises() -> None:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    for data in (b"", b"\x00" * 100, b"<a/>", b"{}", _flood(100).encode("utf-32")):
        loaded, findings = kpstandard.load_trust_list(data, anchor=anchor)
        assert loaded is None
        assert findings


# --- saying valid only when it is known ----------------------------------------------------------


def test_a_tampered_document_gets_no_content_findings() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    # The change breaks a rule too (expiry before issue): no one must act on that finding.
    tampered = re.sub(rb"<DateOfExpiry>[^<]+", b"<DateOfExpiry>2000-01-01", data, count=1)
    report = kpstandard.verify(tampered, trust_list=trust_list())
    assert codes(report) == ["KP-SIG-009"]
    assert report.document is None
    statuses = {r.layer: r.status for r in report.layers}
    assert statuses[Layer.SCHEMA] is LayerStatus.NOT_RUN
    assert statuses[Layer.RULES] is LayerStatus.NOT_RUN
    assert statuses[Layer.SIGNATURE] is LayerStatus.FAILED


def test_the_issuer_refuses_every_invalid_example() -> None:
    key = load_private_key(PKI / "authorities" / "BW-MME-DH.key.pem")
    certificate = load_certificate(PKI / "authorities" / "BW-MME-DH.cert.pem")
    for path in sorted((EXAMPLES / "invalid").glob("*.*")):
        if path.name in ("EXPECTED.json", "RULE-CONTEXT.json"):
            continue
        with pytest.raises(kpstandard.InvalidDocumentError):
            kpstandard.sign(path.read_bytes(), key=key, certificate=certificate)


def test_the_issuer_refuses_a_rule_breaking_document_with_the_rule() -> None:
    key = load_private_key(PKI / "authorities" / "BW-MME-DH.key.pem")
    certificate = load_certificate(PKI / "authorities" / "BW-MME-DH.cert.pem")
    data = (EXAMPLES / "invalid" / "KP-R-010-expiry-before-issue.json").read_bytes()
    with pytest.raises(kpstandard.InvalidDocumentError) as raised:
        kpstandard.sign(data, key=key, certificate=certificate)
    assert [f.code for f in raised.value.findings] == ["KP-R-010"]


def test_the_issuer_signs_a_confirmation_only_with_the_certificate_it_confirms() -> None:
    key = load_private_key(PKI / "authorities" / "EU-BE-FPSECO-DO.key.pem")
    certificate = load_certificate(PKI / "authorities" / "EU-BE-FPSECO-DO.cert.pem")
    data = (EXAMPLES / "documents" / "ic-bw-eu-unmixed.xml").read_bytes()
    with pytest.raises(kpstandard.InvalidDocumentError) as raised:
        kpstandard.sign(data, key=key, certificate=certificate)
    assert "KP-R-028" in raised.value.reason
    confirmed = (EXAMPLES / "documents" / "bw-eu-unmixed.xml").read_bytes()
    signed = kpstandard.sign(data, key=key, certificate=certificate, confirms=confirmed)
    assert kpstandard.verify(signed, trust_list=trust_list(), certificate=confirmed).findings == ()


# --- the schema layer's explanation stays linear -------------------------------------------------


def test_errors_about_the_members_of_one_huge_object_are_bounded() -> None:
    # jsonschema-rs copies the instance into every error: 20,000 bad language tags in one text
    # once cost the square of the object's size (minutes). The explanation reads a bounded view.
    value = json.loads((EXAMPLES / "documents" / "bw-eu-unmixed.json").read_bytes())
    value["title"] = {"en": value["title"]["en"], **{f"x-{i:05d}-": "t" for i in range(20_000)}}
    report = kpstandard.validate(json.dumps(value).encode())
    assert report.verdict is Verdict.INVALID
    assert ("KP-S-005", "/title") in [(f.code, f.location) for f in report.findings]
    assert len(report.findings) == 101  # the first 100, then one that says there are more
    assert "only the first 100 are listed" in report.findings[0].message


def test_a_defect_beyond_the_bounded_view_is_still_found() -> None:
    value = json.loads((EXAMPLES / "documents" / "bw-eu-unmixed.json").read_bytes())
    line = value["shipment"]["lines"][0]
    value["shipment"]["lines"] = [line] * 300 + [dict(line, carats="many")]
    report = kpstandard.validate(json.dumps(value).encode())
    assert [(f.code, f.location) for f in report.findings] == [
        ("KP-S-003", "/shipment/lines/300/carats")
    ]


def test_duplicate_members_are_listed_up_to_a_bound() -> None:
    members = ",".join(f'"m{i % 500}":{i}' for i in range(50_000))
    report = kpstandard.validate(("{" + members + "}").encode())
    assert {f.code for f in report.findings} == {"KP-P-006"}
    assert len(report.findings) == 101
    assert report.findings[-1].message.startswith("49500 duplicate members in all")


def test_depth_comes_before_the_schema_for_a_document_too_deep() -> None:
    # The depth of a schema-valid JSON document is bounded by its model, so only a value that is
    # not schema-valid is walked: the input layer's finding still comes first.
    deep = "[" * 40 + "]" * 40
    data = f'{{"documentType": "kp-certificate", "title": {deep}}}'.encode()
    report = kpstandard.validate(data)
    assert codes(report) == ["KP-P-005"]
    assert report.layers[0].status is LayerStatus.FAILED


def test_every_document_type_nests_within_the_depth_limit() -> None:
    from kpstandard.model.meta import default_model
    from kpstandard.syntax._json import model_depth
    from kpstandard.syntax.limits import DEFAULT_LIMITS

    assert all(model_depth(d) <= DEFAULT_LIMITS.max_depth for d in default_model().documents)
