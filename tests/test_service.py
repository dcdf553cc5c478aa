"""The validation service (``kpcert serve``) through its ASGI app: the answers are the library's
reports, described by spec/service/openapi.yaml; hostile requests are refused with codes; the
trust list reloads and never goes back to an older issue."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate as validate_openapi
from starlette.testclient import TestClient

from kpstandard import sign
from kpstandard.service import ServiceConfig, create_app
from kpstandard.service import _app as service_app
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
SIGNED = ROOT / "examples" / "signed"
PKI = ROOT / "examples" / "pki"
TRUST_LIST = SIGNED / "trust-list.xml"
ANCHOR = PKI / "operator" / "operator.cert.pem"
OPENAPI = yaml.safe_load((ROOT / "spec" / "service" / "openapi.yaml").read_text())
WHEN = "2026-02-18T00:00:00Z"


def _conforms(value: Any, schema: str) -> None:
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"#/components/schemas/{schema}",
        "components": OPENAPI["components"],
    }
    jsonschema.Draft202012Validator(root).validate(value)


@pytest.fixture
def client() -> TestClient:
    config = ServiceConfig(trust_list=str(TRUST_LIST), trust_anchor=str(ANCHOR))
    return TestClient(create_app(config), raise_server_exceptions=False)


def _refused(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    _conforms(response.json(), "Error")
    assert response.json()["error"]["code"] == code


def test_the_openapi_description_is_valid_openapi_3_1() -> None:
    assert OPENAPI["openapi"].startswith("3.1")
    validate_openapi(OPENAPI)


def test_the_routes_are_the_described_paths(client: TestClient) -> None:
    described = set(OPENAPI["paths"])
    served = {r.path for r in client.app.routes if r.path.startswith("/v1/")}  # type: ignore[attr-defined]
    assert served == described


def test_validate_answers_the_report(client: TestClient) -> None:
    data = (ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_bytes()
    response = client.post("/v1/validate", content=data)
    assert response.status_code == 200
    _conforms(response.json(), "Report")
    assert response.json()["verdict"] == "valid"


def test_verify_answers_the_signer_its_entry_and_the_signed_document(client: TestClient) -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    response = client.post(f"/v1/verify?verificationTime={WHEN}", content=data)
    body = response.json()
    _conforms(body, "Verification")
    assert body["verdict"] == "valid"
    assert body["signer"]["listedAs"][0]["authority"] == "BW-MME-DH"
    assert body["document"]["certificateNumber"] == "BW0241187"
    assert body["trustList"]["sequence"] == 7


def test_a_tampered_document_is_invalid_with_the_signature_finding(client: TestClient) -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes().replace(b"Kalahari Rough", b"Kalahari Rogue")
    body = client.post(f"/v1/verify?verificationTime={WHEN}", content=data).json()
    assert body["verdict"] == "invalid"
    assert [f["code"] for f in body["findings"]] == ["KP-SIG-009"]
    assert "document" not in body


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"a":', "KP-P-003"),
        (b"\x00\x01garbage", "KP-P-001"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "KP-P-004"),
        (b"[" * 5000 + b"]" * 5000, "KP-P-005"),
    ],
)
def test_hostile_documents_get_findings(client: TestClient, data: bytes, code: str) -> None:
    response = client.post("/v1/validate", content=data)
    assert response.status_code == 200
    assert code in {f["code"] for f in response.json()["findings"]}
    assert response.json()["verdict"] != "valid"


def test_a_body_over_the_limit_is_refused_without_reading_it(client: TestClient) -> None:
    _refused(client.post("/v1/validate", content=b" " * (1024 * 1024 + 1)), 413, "KP-SV-001")

    def chunks() -> Any:  # no Content-Length: counted as it streams
        for _ in range(40):
            yield b" " * 65536

    _refused(client.post("/v1/validate", content=chunks()), 413, "KP-SV-001")


@pytest.mark.parametrize(
    "url",
    ["/v1/validate?rulesDate=yesterday", "/v1/verify?verificationTime=soon",
     "/v1/convert?to=pdf", "/v1/render?format=docx", "/v1/verify-print"],
)  # fmt: skip
def test_bad_parameters_are_refused(client: TestClient, url: str) -> None:
    _refused(client.post(url, content=b"{}"), 400, "KP-SV-002")


def test_unknown_paths_and_methods(client: TestClient) -> None:
    _refused(client.get("/v1/nothing"), 404, "KP-SV-008")
    assert client.get("/v1/validate").status_code == 405


def test_verify_without_a_trust_list_is_refused() -> None:
    client = TestClient(create_app(ServiceConfig()))
    _refused(client.post("/v1/verify", content=b"<x/>"), 503, "KP-SV-004")


def test_convert_and_its_refusal(client: TestClient) -> None:
    data = (ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_bytes()
    response = client.post("/v1/convert?to=xml", content=data)
    assert response.status_code == 200
    assert response.content == (ROOT / "examples" / "documents" / "bw-eu-unmixed.xml").read_bytes()
    refused = client.post("/v1/convert?to=xml", content=b"{}")
    _refused(refused, 422, "KP-SV-006")
    assert refused.json()["error"]["findings"]


def test_an_internal_error_is_a_refusal_not_a_crash(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(service_app, "validate", broken)
    _refused(client.post("/v1/validate", content=b"{}"), 500, "KP-SV-005")
    assert client.get("/v1/health").json()["status"] == "ok"  # and it goes on serving


def test_a_request_past_its_deadline_is_answered_503(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)
        raise AssertionError("abandoned")

    monkeypatch.setattr(service_app, "validate", stuck)
    client = TestClient(create_app(ServiceConfig(timeout=0.05)))
    try:
        _refused(client.post("/v1/validate", content=b"{}"), 503, "KP-SV-003")
    finally:
        release.set()


def test_the_page_and_its_files_are_served_locally_with_a_strict_policy(
    client: TestClient,
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace("http-equiv", "")  # no external resource
    for name in ("page.js", "page.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get("/openapi.yaml").status_code == 200


def _trust_list(sequence: int) -> bytes:
    unsigned = (ROOT / "examples" / "documents" / "trust-list.xml").read_bytes()
    unsigned = unsigned.replace(
        b"<SequenceNumber>7</SequenceNumber>",
        f"<SequenceNumber>{sequence}</SequenceNumber>".encode(),
    )
    key = load_private_key((PKI / "operator" / "operator.key.pem").read_bytes())
    return sign(unsigned, key=key, certificate=load_certificate(ANCHOR.read_bytes()))


def test_the_trust_list_reloads_forward_never_back(tmp_path: Path) -> None:
    path = tmp_path / "trust-list.xml"
    path.write_bytes(TRUST_LIST.read_bytes())
    config = ServiceConfig(trust_list=str(path), trust_anchor=str(ANCHOR), reload_interval=0)
    client = TestClient(create_app(config))
    assert client.get("/v1/health").json()["trustList"]["sequence"] == 7

    def replace(data: bytes, stamp: int) -> None:
        path.write_bytes(data)
        os.utime(path, ns=(stamp, stamp))  # a new modification time, whatever the clock's grain

    replace(_trust_list(6), 10**18)
    health = client.get("/v1/health").json()["trustList"]
    assert health["sequence"] == 7  # the older issue is refused, the current one kept
    assert [f["code"] for f in health["findings"]] == ["KP-T-007"]
    replace(b"<half-written", 10**18 + 10**9)
    assert client.get("/v1/health").json()["trustList"]["sequence"] == 7
    replace(_trust_list(8), 10**18 + 2 * 10**9)
    assert client.get("/v1/health").json()["trustList"] == {
        "sequence": 8, "usable": True, "findings": []
    }  # fmt: skip
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    assert client.post(f"/v1/verify?verificationTime={WHEN}", content=data).json()["valid"]


def test_configuration_travels_to_workers_through_the_environment() -> None:
    config = ServiceConfig(port=9999, trust_list="tl.xml", timeout=3.5)
    assert ServiceConfig.from_environment(config.to_environment()) == config
    assert ServiceConfig.from_environment({}) == ServiceConfig()


def test_inspect_verifies_a_tampered_document_never_only_validates_it(client: TestClient) -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes().replace(b"Kalahari Rough", b"Kalahari Rogue")
    body = client.post(f"/v1/inspect?verificationTime={WHEN}", content=data).json()
    assert body["mode"] == "verify"
    assert body["verdict"] == "invalid"
    assert [f["code"] for f in body["findings"]] == ["KP-SIG-009"]
    assert body["layout"] is None


def test_without_a_trust_list_a_broken_signature_is_still_invalid() -> None:
    client = TestClient(create_app(ServiceConfig()))
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes().replace(b"Kalahari Rough", b"Kalahari Rogue")
    body = client.post("/v1/inspect", content=data).json()
    assert body["verdict"] == "invalid"
    assert [f["code"] for f in body["findings"]] == ["KP-SIG-009"]
    assert body["layout"] is None
