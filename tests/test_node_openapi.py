"""Property-based tests of a real reference node against its OpenAPI description
(spec/exchange/openapi.yaml), with schemathesis: requests generated from the description, sent to
a node on loopback, and every answer checked against the description.

- signed: every generated request is signed per the protocol's RFC 9421 profile with a listed
  node key (BW's, from the test PKI under ``examples/pki``), by the same code the node's client
  uses (:func:`kpstandard.exchange.sign_request`), after the request is prepared, so the signature
  covers the bytes that are sent;
- unsigned: the same operations without a signature, each refused 401 with KP-EX-001;
- negative: requests that break the description (missing or malformed headers and parameters),
  signed where they can be, each answered with a 4xx and a code, never a 5xx.

Asserted for every answer: no 5xx, the status code, content type, headers and body are those the
description gives, and every refusal is ``application/problem+json`` with a KP-EX code. The
number of examples per operation is bounded (``KP_OPENAPI_EXAMPLES``, default 8; 100 for a long
run) so the whole file runs in about 20 s on two cores.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("schemathesis", reason="the property tests need schemathesis")

import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kpstandard.exchange import Address
from kpstandard.exchange._httpsig import SignatureError, sign_request
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

PKI = ROOT / "examples" / "pki" / "authorities"
BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")
EXAMPLES = int(os.environ.get("KP_OPENAPI_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
PROBLEM = "application/problem+json"
EXCHANGE_OPERATIONS = {
    ("POST", "/messages"),
    ("GET", "/inbox"),
    ("POST", "/inbox/ack"),
    ("GET", "/status/{number}"),
    ("GET", "/tracking/{messageId}"),
}

DESCRIPTION = ROOT / "spec" / "exchange" / "openapi.yaml"


def _schema(mode: str) -> Any:
    config = schemathesis.Config.from_dict({"generation": {"mode": mode}})
    return schemathesis.openapi.from_path(DESCRIPTION, config=config)


schema = _schema("positive")
outside = _schema("negative")
examples = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run: a failure is reproducible
    database=None,
    suppress_health_check=list(HealthCheck),
)


class Signer(requests.auth.AuthBase):
    """Signs a prepared request (its final path, query and body bytes) as BW's node, for EU.

    The envelope headers that the description generates are kept, except the sender and the
    receiver, which are set to the signing key's authority and the node's (a request under another
    name is refused KP-EX-004 or KP-EX-014 before anything else, which the hostile-peer tests in
    test_node.py cover). A request the profile cannot sign (a delivery whose KP-Document-Type the
    negative mode left out) goes unsigned.
    """

    def __init__(self) -> None:
        self.key = load_private_key(PKI / "BW-MME-DH.key.pem")
        self.certificate = load_certificate(PKI / "BW-MME-DH.cert.pem")

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        parts = urllib.parse.urlsplit(request.url or "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        request.headers["KP-Sender"] = str(BW)
        request.headers["KP-Receiver"] = str(EU)
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            signed = sign_request(
                method=request.method or "GET",
                path=parts.path or "/",
                query=parts.query,
                headers=headers,
                body=body,
                key=self.key,
                certificate=self.certificate,
                created=int(time.time()),
                nonce=secrets.token_urlsafe(24),
            )
        except SignatureError:
            return request
        for name in ("Content-Digest", "Signature-Input", "Signature"):
            request.headers[name] = signed[name.lower()]
        return request


class Unsigned(requests.auth.AuthBase):
    """Removes the generated signature headers: an unsigned request."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        for name in ("Signature-Input", "Signature"):
            request.headers.pop(name, None)
        return request


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("openapi-node")
    eu_port = harness.free_port()
    made = make_demo.make(
        folder,
        bw_port=harness.free_port(),
        eu_port=eu_port,
        extra="body_timeout = 2.0\nmax_body = 200000\n",
    )
    process = harness.NodeProcess(made["eu"], eu_port, folder / "eu.log")
    process.start()
    yield process.url
    running = process.process is not None and process.process.poll() is None
    process.stop()
    assert running, "the node died under the generated requests"


def session(auth: requests.auth.AuthBase) -> requests.Session:
    made = requests.Session()
    made.auth = auth
    return made


def refusal_code(response: Any) -> str | None:
    """The KP-EX code of a refusal (a schemathesis response: header values are lists)."""
    if response.status_code < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith(PROBLEM), (
        f"{response.status_code} without a problem body: {response.text[:300]}"
    )
    code = json.loads(response.content).get("code")
    assert isinstance(code, str)
    assert code.startswith("KP-EX-")
    return code


def check(case: Any, response: Any) -> None:
    case.validate_response(response, checks=CHECKS)
    refusal_code(response)


def signed(case: Any, node: str) -> None:
    """A signed request gets an answer the description gives, and is not refused as unsigned."""
    with session(Signer()) as http:
        response = case.call(base_url=node, session=http, timeout=30)
    check(case, response)
    assert response.status_code not in (401, 403, 421), response.text[:300]  # it was signed


def unsigned(case: Any, node: str) -> None:
    """An unsigned request to an operation that needs authentication is refused KP-EX-001."""
    with session(Unsigned()) as http:
        response = case.call(base_url=node, session=http, timeout=30)
    check(case, response)
    assert (response.status_code, refusal_code(response)) == (401, "KP-EX-001")


def outside_the_description(case: Any, node: str) -> None:
    """A request that breaks the description (signed) is refused with a code, never a 5xx."""
    with session(Signer()) as http:
        response = case.call(base_url=node, session=http, timeout=30)
    check(case, response)


def operators(case: Any, node: str) -> None:
    """Health and metrics need no signature and answer as described."""
    with session(Unsigned()) as http:
        response = case.call(base_url=node, session=http, timeout=30)
    check(case, response)
    assert response.status_code == 200


def _test(source: Any, method: str, path: str, body: Any) -> Any:
    """One test function per operation: schemathesis makes one pytest item per operation of a
    function, but under pytest 9 they share one node id, and pytest-xdist (the README's test
    command) then runs only the first. A function of its own per operation keeps each one run."""

    def test(case: Any, node: str) -> None:
        body(case, node)

    test.__doc__ = body.__doc__
    return source.include(method=method, path=path).parametrize()(examples(test))


for _method, _path in sorted(EXCHANGE_OPERATIONS):
    _slug = re.sub(r"[^a-z0-9]+", "_", f"{_method} {_path}".lower()).strip("_")
    globals()[f"test_signed_{_slug}"] = _test(schema, _method, _path, signed)
    globals()[f"test_unsigned_{_slug}"] = _test(schema, _method, _path, unsigned)
    globals()[f"test_outside_{_slug}"] = _test(outside, _method, _path, outside_the_description)
for _method, _path in (("GET", "/health"), ("GET", "/metrics")):
    _slug = re.sub(r"[^a-z0-9]+", "_", f"{_method} {_path}".lower()).strip("_")
    globals()[f"test_operators_{_slug}"] = _test(schema, _method, _path, operators)


# Regressions: what the generated requests found, each with its exact code.


def test_a_method_a_path_does_not_take_is_refused_with_a_code(node: str) -> None:
    with session(Signer()) as http:
        response = http.delete(node + "/messages", timeout=30)
    assert response.status_code == 405
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["code"] == "KP-EX-017"
    assert response.headers["allow"] == "POST"


def test_a_path_without_an_operation_is_refused_with_a_code(node: str) -> None:
    with session(Signer()) as http:
        for path in ("/status/", "/nothing-here"):
            response = http.get(node + path, timeout=30)
            assert response.status_code == 404, path
            assert response.json()["code"] == "KP-EX-018", path


@pytest.mark.parametrize("query", ["after=231832207267218271066094829568", "after=-1", "limit=0"])
def test_a_pull_cursor_out_of_range_is_refused_not_an_internal_error(node: str, query: str) -> None:
    with session(Signer()) as http:
        response = http.get(node + "/inbox?" + query, timeout=30)
    assert (response.status_code, response.json()["code"]) == (400, "KP-EX-010")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/tracking/a%20b", (400, "KP-EX-010")), ("/tracking/%C3%A9t%C3%A9", (400, "KP-EX-010"))],
)
def test_a_percent_encoded_path_is_verified_as_sent(
    node: str, path: str, expected: tuple[int, str]
) -> None:
    """RFC 9421 2.2.6: ``@path`` is the path before percent-decoding; the node verified the
    decoded path, so a signed request with an encoded octet was refused KP-EX-002."""
    with session(Signer()) as http:
        response = http.get(node + path, timeout=30)
    assert (response.status_code, response.json()["code"]) == expected
