"""The service judges a document with what lies beside it (issue 15 after issue 13): a bundle
carries status evidence (notices, status responses) and, for an import confirmation, the
certificate it confirms; the verification answers the certificate's status and who says so.
Every answer conforms to spec/service/openapi.yaml."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_service import ANCHOR, OPENAPI, TRUST_LIST, _conforms, _refused

from kpstandard.service import ServiceConfig, create_app
from kpstandard.service._bundle import BUNDLE_MEDIA_TYPE, MAX_EVIDENCE

ROOT = Path(__file__).resolve().parent.parent
SIGNED = ROOT / "examples" / "signed"
STATUS = ROOT / "conformance" / "status"
VOID = SIGNED / "za-in-container.xml"
VOID_NOTICE = SIGNED / "notice-za-in-container-void.xml"
ORIGINAL = SIGNED / "za-ae-original.xml"
REPLACED_NOTICE = SIGNED / "notice-za-ae-original-replaced.xml"
REPLACEMENT = SIGNED / "za-ae-replacement.xml"
RESPONSE = SIGNED / "status-response-za-ae-replacement.xml"
# The back-dated certificate of the status vectors (KP-V-STA-0059..0061): dated 2025-12-30, signed
# with the ZA key revoked for compromise from 2026-01-01; the response recorded it before that.
BACKDATED = STATUS / "inputs" / "KP-V-STA-0059.xml"
ANCHORING = STATUS / "context" / "KP-V-STA-0061-status-evidence-1.xml"
CONFIRMATION = SIGNED / "ic-bw-eu-unmixed.xml"
# The signed example confirmation gives the digest of the signed certificate: the bytes the
# importing authority received (annex Article 11(2)), those it confirms.
CONFIRMED = SIGNED / "bw-eu-unmixed.xml"
CONFIRMED_AT = "2026-03-05T00:00:00Z"


def _b64(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode()


def _bundle(document: Path, *evidence: Path, certificate: Path | None = None) -> dict[str, Any]:
    value: dict[str, Any] = {"document": _b64(document)}
    if evidence:
        value["statusEvidence"] = [_b64(p) for p in evidence]
    if certificate is not None:
        value["certificate"] = _b64(certificate)
    return value


def _post(client: TestClient, url: str, bundle: Any) -> Any:
    body = bundle if isinstance(bundle, bytes) else json.dumps(bundle).encode()
    return client.post(url, content=body, headers={"Content-Type": BUNDLE_MEDIA_TYPE})


@pytest.fixture
def client() -> TestClient:
    config = ServiceConfig(trust_list=str(TRUST_LIST), trust_anchor=str(ANCHOR))
    return TestClient(create_app(config), raise_server_exceptions=False)


def _verified(client: TestClient, when: str, bundle: dict[str, Any]) -> dict[str, Any]:
    response = _post(client, f"/v1/verify?verificationTime={when}", bundle)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    _conforms(body, "Verification")
    return body


def test_the_bundle_is_described(client: TestClient) -> None:
    for operation in ("/v1/validate", "/v1/verify", "/v1/inspect"):
        body = OPENAPI["paths"][operation]["post"]["requestBody"]["$ref"].rsplit("/", 1)[1]
        assert BUNDLE_MEDIA_TYPE in OPENAPI["components"]["requestBodies"][body]["content"]
    _conforms(_bundle(VOID, VOID_NOTICE), "Bundle")


def test_a_void_certificate_is_invalid_with_the_notice_that_voids_it(client: TestClient) -> None:
    body = _verified(client, "2026-04-09T12:00:00Z", _bundle(VOID, VOID_NOTICE))
    assert body["verdict"] == "invalid"
    assert [f["code"] for f in body["findings"]] == ["KP-ST-004"]
    status = body["status"]
    assert status["status"] == "void"
    assert status["since"] == "2026-04-08T10:00:00Z"
    assert status["saidBy"] == "Certificate Status Notice ZAN2026000038"
    assert status["evidence"] == [
        {
            "index": 1,
            "type": "certificate-status-notice",
            "verdict": "valid",
            "number": "ZAN2026000038",
        }
    ]
    assert "document" not in body  # not valid: the content is not handed out as such


def test_before_the_notice_takes_effect_the_certificate_stands(client: TestClient) -> None:
    body = _verified(client, "2026-04-08T09:59:59Z", _bundle(VOID, VOID_NOTICE))
    assert body["verdict"] == "valid"
    assert body["status"]["status"] == "issued"


def test_a_replaced_certificate_names_its_replacement(client: TestClient) -> None:
    body = _verified(client, "2026-05-20T12:00:00Z", _bundle(ORIGINAL, REPLACED_NOTICE))
    assert body["verdict"] == "invalid"
    assert [f["code"] for f in body["findings"]] == ["KP-ST-004"]
    assert body["status"]["status"] == "replaced"
    assert body["status"]["replacedBy"] == "ZA2026005102"


def test_the_replacement_stands_as_its_registry_answered(client: TestClient) -> None:
    body = _verified(
        client, "2026-05-20T12:00:00Z", _bundle(REPLACEMENT, REPLACED_NOTICE, RESPONSE)
    )
    assert body["verdict"] == "valid", body["findings"]
    assert body["status"]["status"] == "issued"
    assert body["status"]["saidBy"].startswith("status response of ZA-SADPMR's registry")


def test_a_back_dated_certificate_is_not_judged_without_anchoring_evidence(
    client: TestClient,
) -> None:
    alone = _verified(client, "2026-01-10T12:00:00Z", {"document": _b64(BACKDATED)})
    assert alone["verdict"] == "not-judged"
    assert [f["code"] for f in alone["findings"]] == ["KP-ST-001"]
    assert alone["status"]["status"] == "not-judged"
    assert alone["status"]["code"] == "KP-ST-001"
    # The same without a bundle: the plain body is the document alone.
    plain = client.post(
        "/v1/verify?verificationTime=2026-01-10T12:00:00Z", content=BACKDATED.read_bytes()
    ).json()
    assert [f["code"] for f in plain["findings"]] == ["KP-ST-001"]

    anchored = _verified(client, "2026-01-10T12:00:00Z", _bundle(BACKDATED, ANCHORING))
    assert anchored["verdict"] == "valid", anchored["findings"]
    assert anchored["status"]["status"] == "issued"


def test_without_evidence_the_status_is_not_checked(client: TestClient) -> None:
    body = _verified(
        client, "2026-02-18T00:00:00Z", {"document": _b64(SIGNED / "bw-eu-unmixed.xml")}
    )
    assert body["verdict"] == "valid"
    assert body["status"]["status"] == "not-checked"


def test_a_tampered_notice_is_not_used(client: TestClient) -> None:
    notice = VOID_NOTICE.read_bytes().replace(b"ZAN2026000038", b"ZAN2026000039", 1)
    bundle = {"document": _b64(VOID), "statusEvidence": [base64.b64encode(notice).decode()]}
    body = _verified(client, "2026-04-09T12:00:00Z", bundle)
    assert "KP-ST-003" in {f["code"] for f in body["findings"]}
    assert body["status"]["status"] == "issued"  # an unverified notice never sets a status
    assert body["status"]["evidence"][0]["verdict"] == "invalid"


def test_an_import_confirmation_is_judged_with_the_certificate_it_confirms(
    client: TestClient,
) -> None:
    when = CONFIRMED_AT
    alone = _verified(client, when, {"document": _b64(CONFIRMATION)})
    assert alone["verdict"] == "not-judged"
    assert alone["status"] is None  # a confirmation has no status of its own
    together = _verified(client, when, _bundle(CONFIRMATION, certificate=CONFIRMED))
    assert together["verdict"] == "valid", together["findings"]
    assert together["document"]["certificate"]["number"] == "BW0241187"
    # With other bytes than those it confirms (the unsigned twin): invalid, by the digest rule.
    unsigned = ROOT / "examples" / "documents" / "bw-eu-unmixed.xml"
    other = _verified(client, when, _bundle(CONFIRMATION, certificate=unsigned))
    assert [f["code"] for f in other["findings"]] == ["KP-R-036"]
    # And by /v1/validate (content only), the comparison rules run too.
    report = _post(client, "/v1/validate", _bundle(CONFIRMATION, certificate=CONFIRMED)).json()
    _conforms(report, "Report")
    assert report["verdict"] == "valid"


def test_the_page_endpoint_shows_status_and_the_confirmation(client: TestClient) -> None:
    url = "/v1/inspect?verificationTime=2026-04-09T12:00:00Z"
    body = _post(client, url, _bundle(VOID, VOID_NOTICE)).json()
    assert body["mode"] == "verify"
    assert body["status"]["status"] == "void"
    assert "ZA2026004731" in body["layout"]  # authentic, shown with its status
    url = "/v1/inspect?verificationTime=2026-01-10T12:00:00Z"
    body = _post(client, url, {"document": _b64(BACKDATED)}).json()
    assert body["verdict"] == "not-judged"
    assert body["layout"] is None  # a key thief could have written it: not laid out
    url = f"/v1/inspect?verificationTime={CONFIRMED_AT}"
    body = _post(client, url, _bundle(CONFIRMATION, certificate=CONFIRMED)).json()
    assert body["verdict"] == "valid"
    assert body["layout"]


@pytest.mark.parametrize(
    "bundle",
    [
        b"not json",
        b"[]",
        b'{"statusEvidence": []}',
        b'{"document": "***"}',
        b'{"document": 7}',
        b'{"document": "", "statusEvidence": "x"}',
        b'{"document": "", "statusEvidence": [1]}',
        b'{"document": "", "certificate": "%%"}',
        b'{"document": "", "anchorEndedKeys": "yes"}',
        b'{"document": "", "extra": 1}',
        json.dumps({"document": "", "statusEvidence": [""] * (MAX_EVIDENCE + 1)}).encode(),
        b'{"document": ' * 3000,
    ],
)
def test_a_malformed_bundle_is_refused(client: TestClient, bundle: bytes) -> None:
    for url in ("/v1/verify", "/v1/validate", "/v1/inspect"):
        _refused(_post(client, url, bundle), 400, "KP-SV-009")


def test_a_bundle_too_large_is_refused(client: TestClient) -> None:
    big = base64.b64encode(b" " * (1024 * 1024 + 1)).decode()
    _refused(_post(client, "/v1/verify", {"document": big}), 400, "KP-SV-009")
    _refused(_post(client, "/v1/verify", b" " * (4 * 1024 * 1024 + 1)), 413, "KP-SV-001")


def test_validate_refuses_status_evidence(client: TestClient) -> None:
    _refused(_post(client, "/v1/validate", _bundle(VOID, VOID_NOTICE)), 400, "KP-SV-002")
