"""A node behind a reverse proxy, under a path prefix (spec/exchange/protocol.md 2.4): the sender
signs the path as it sends it, the endpoint's path included (RFC 9421 ``@path``); the proxy
forwards it unchanged and the node, configured with ``path_prefix``, serves its API under it and
verifies the path it received. A proxy that strips the prefix breaks the signature (KP-EX-002):
the node never reconstructs what the sender signed.

In-process (Starlette's test client over the node's ASGI app, no worker), SQLite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import httpx
from starlette.testclient import TestClient

from kpstandard.exchange import Address, Identity, signed_request
from kpstandard.node import ConfigError, Node, NodeStore, create_app, load_config
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

PKI = ROOT / "examples" / "pki" / "authorities"
BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")


def bw() -> Identity:
    return Identity(
        BW,
        load_private_key(PKI / "BW-MME-DH.key.pem"),
        load_certificate(PKI / "BW-MME-DH.cert.pem"),
    )


def eu_node(folder: Path, extra: str) -> tuple[Node, NodeStore]:
    made = make_demo.make(
        folder, bw_port=harness.free_port(), eu_port=harness.free_port(), extra=extra
    )
    node = Node.load(load_config(made["eu"]))
    return node, NodeStore(node.config.database)


def send(client: TestClient, request: httpx.Request, path: str | None = None) -> httpx.Response:
    """Send a signed request, to another path if given (what a rewriting proxy does)."""
    if path is not None:
        request = httpx.Request(
            request.method, request.url.copy_with(path=path), headers=request.headers
        )
    return client.send(request)


def test_a_node_under_a_path_prefix_verifies_the_path_as_sent(tmp_path: Path) -> None:
    node, store = eu_node(tmp_path, 'path_prefix = "/kp-node"\n')
    assert node.config.path_prefix == "/kp-node"
    with TestClient(create_app(node, store, worker=False)) as client:
        signed = signed_request(bw(), EU, "GET", "http://testserver/kp-node/tracking/none-1")
        answer = send(client, signed)
        # past authentication: the signature over /kp-node/tracking/none-1 verified
        assert (answer.status_code, answer.json()["code"]) == (404, "KP-EX-015")
        assert client.get("/kp-node/health").status_code == 200
        # the API is under the prefix only
        answer = client.get("/health")
        assert (answer.status_code, answer.json()["code"]) == (404, "KP-EX-018")
        # a proxy that rewrites the path (here: adds the prefix): not the path signed
        signed = signed_request(bw(), EU, "GET", "http://testserver/tracking/none-2")
        answer = send(client, signed, "/kp-node/tracking/none-2")
        assert (answer.status_code, answer.json()["code"]) == (401, "KP-EX-002")
    store.close()


def test_a_proxy_that_strips_the_prefix_breaks_the_signature(tmp_path: Path) -> None:
    node, store = eu_node(tmp_path, "")  # no path_prefix: the API at /
    with TestClient(create_app(node, store, worker=False)) as client:
        signed = signed_request(bw(), EU, "GET", "http://testserver/kp-node/tracking/none-1")
        answer = send(client, signed, "/tracking/none-1")  # the prefix stripped on the way
        assert (answer.status_code, answer.json()["code"]) == (401, "KP-EX-002")
        signed = signed_request(bw(), EU, "GET", "http://testserver/tracking/none-1")
        answer = send(client, signed)  # the path as signed
        assert (answer.status_code, answer.json()["code"]) == (404, "KP-EX-015")
    store.close()


@pytest.mark.parametrize("prefix", ["kp", "/kp/", "/", "/k p", "/kp?x", "//kp", "/kp/%2F"])
def test_a_path_prefix_that_is_not_a_plain_path_is_a_configuration_error(
    tmp_path: Path, prefix: str
) -> None:
    made = make_demo.make(
        tmp_path,
        bw_port=harness.free_port(),
        eu_port=harness.free_port(),
        extra=f'path_prefix = "{prefix}"\n',
    )
    with pytest.raises(ConfigError, match="path_prefix"):
        load_config(made["eu"])
