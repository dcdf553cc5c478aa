"""The exchange protocol: its OpenAPI description is valid and agrees with the code; the RFC 9421
profile signs and verifies, and refuses what is outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kpstandard.exchange import Address, Refusal, SignatureError, key_id, verify_signature
from kpstandard.exchange._httpsig import sign_request
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
OPENAPI = ROOT / "spec" / "exchange" / "openapi.yaml"
PKI = ROOT / "examples" / "pki" / "authorities"


def test_the_openapi_description_is_valid_openapi_3_1() -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation import OpenAPIV31SpecValidator

    validate(yaml.safe_load(OPENAPI.read_text("utf-8")), cls=OpenAPIV31SpecValidator)


def test_the_openapi_description_lists_every_refusal_code() -> None:
    spec = yaml.safe_load(OPENAPI.read_text("utf-8"))
    listed = spec["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
    assert listed == [r.code for r in Refusal]
    text = (ROOT / "spec" / "exchange" / "protocol.md").read_text("utf-8")
    assert set(re.findall(r"KP-EX-0[0-9]{2}", text)) <= set(listed)


def test_every_route_of_the_node_is_described() -> None:
    pytest.importorskip("starlette", reason="the node needs the [node] extra")
    from kpstandard.node._app import create_app  # noqa: F401 (the routes are in its source)

    source = (ROOT / "kpstandard" / "node" / "_app.py").read_text("utf-8")
    routes = set(re.findall(r'Route\("([^"]+)"', source)) - {"/"}
    assert routes == set(yaml.safe_load(OPENAPI.read_text("utf-8"))["paths"])


@pytest.mark.parametrize("name", ["BW-MME-DH", "EU-BE-FPSECO-DO"])  # RSA-2048, ECDSA P-256
def test_a_signed_request_verifies_and_a_changed_one_does_not(name: str) -> None:
    key = load_private_key(PKI / f"{name}.key.pem")
    cert = load_certificate(PKI / f"{name}.cert.pem")
    headers = {"kp-sender": "BW/BW-MME-DH", "kp-receiver": str(Address("EU", "EU-X"))}
    body = b"<doc/>"
    signed = {
        **headers,
        **sign_request(
            method="POST",
            path="/messages",
            query="",
            headers=headers,
            body=body,
            key=key,
            certificate=cert,
            created=1_700_000_000,
            nonce="n" * 20,
        ),
    }
    verified = verify_signature(
        method="POST", path="/messages", query="", headers=signed, body=body, certificate=cert
    )
    assert (verified.key_id, verified.nonce) == (key_id(cert), "n" * 20)
    changes = [
        ({**signed, "kp-sender": "EU/EU-X"}, body, "/messages", Refusal.BAD_SIGNATURE),
        (signed, b"<doc2/>", "/messages", Refusal.DIGEST_MISMATCH),
        (signed, body, "/inbox", Refusal.BAD_SIGNATURE),
        (
            {k: v for k, v in signed.items() if k != "signature"},
            body,
            "/messages",
            Refusal.BAD_SIGNATURE,
        ),
        (
            {k: v for k, v in signed.items() if not k.startswith("signature")},
            body,
            "/messages",
            Refusal.UNSIGNED,
        ),
        (
            {
                **signed,
                "signature-input": signed["signature-input"].replace(
                    'tag="kp-exchange"', 'tag="other"'
                ),
            },
            body,
            "/messages",
            Refusal.BAD_SIGNATURE,
        ),
    ]
    for changed, data, path, refusal in changes:
        with pytest.raises(SignatureError) as raised:
            verify_signature(
                method="POST", path=path, query="", headers=changed, body=data, certificate=cert
            )
        assert raised.value.refusal is refusal
