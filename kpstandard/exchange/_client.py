"""A client of the exchange protocol: signed requests to another node."""

from __future__ import annotations

import json
import secrets
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography import x509

from kpstandard.exchange._envelope import Address, Envelope
from kpstandard.exchange._httpsig import sign_request
from kpstandard.signature.keys import PrivateKey

__all__ = ["Answer", "Client", "Identity", "signed_request"]


@dataclass(frozen=True)
class Identity:
    """Who a node is and the key it signs requests with."""

    address: Address
    key: PrivateKey
    certificate: x509.Certificate


def signed_request(
    identity: Identity,
    receiver: Address,
    method: str,
    url: str,
    *,
    body: bytes = b"",
    envelope: Envelope | None = None,
    content_type: str | None = None,
    created: int | None = None,
    nonce: str | None = None,
) -> httpx.Request:
    """A request signed per the protocol's RFC 9421 profile (a delivery when ``envelope``)."""
    parts = urllib.parse.urlsplit(url)
    headers = (
        envelope.headers()
        if envelope is not None
        else {"kp-sender": str(identity.address), "kp-receiver": str(receiver)}
    )
    headers.update(
        sign_request(
            method=method,
            path=parts.path or "/",
            query=parts.query,
            headers=headers,
            body=body,
            key=identity.key,
            certificate=identity.certificate,
            created=int(time.time()) if created is None else created,
            nonce=nonce or secrets.token_urlsafe(24),
        )
    )
    if content_type:
        headers["content-type"] = content_type
    return httpx.Request(method, url, headers=headers, content=body)


@dataclass(frozen=True)
class Answer:
    """A node's answer: the HTTP status, the refusal code if any, and the body."""

    status: int
    code: str | None
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        import json

        return json.loads(self.body)


class Client:
    """Talks to one peer node, signing every request (synchronous; the node's worker has its own
    asynchronous loop over the same :func:`signed_request`)."""

    def __init__(
        self,
        identity: Identity,
        peer: Address,
        endpoint: str,
        *,
        timeout: float = 30.0,
        deadline: float = 300.0,
        max_answer: int = 256 * 1024 * 1024,
    ) -> None:
        self.identity = identity
        self.peer = peer
        self.endpoint = endpoint.rstrip("/")
        self.deadline = deadline
        """Seconds for a whole answer (``timeout`` bounds each read, not the answer)."""
        self.max_answer = max_answer
        """The largest answer read, in bytes (a pull of 100 messages of 1 MiB is ~140 MB)."""
        self._http = httpx.Client(timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, request: httpx.Request) -> Answer:
        """Send a request and read the answer within ``deadline`` and ``max_answer``; raises
        :class:`httpx.HTTPError` (a peer that trickles its answer or answers without end raises
        ``ReadTimeout`` or ``ReadError``: it held the caller for ever and filled its memory;
        found by tests/test_node_attack.py)."""
        started = time.monotonic()
        response = self._http.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_answer:
                    raise httpx.ReadError(f"the answer is over {self.max_answer} bytes")
                if time.monotonic() - started > self.deadline:
                    raise httpx.ReadTimeout(f"no complete answer within {self.deadline}s")
                chunks.append(chunk)
        finally:
            response.close()
        body = b"".join(chunks)
        code = None
        if response.headers.get("content-type", "").startswith("application/problem+json"):
            try:
                given = json.loads(body)
            except (ValueError, RecursionError):
                given = None
            found = given.get("code") if isinstance(given, dict) else None
            code = found if isinstance(found, str) else None
        return Answer(response.status_code, code, body, dict(response.headers))

    def deliver(self, envelope: Envelope, document: bytes) -> Answer:
        """POST /messages: deliver a signed document; a 200/201 answer's body is the receipt."""
        request = signed_request(
            self.identity,
            self.peer,
            "POST",
            self.endpoint + "/messages",
            body=document,
            envelope=envelope,
            content_type="application/xml",
        )
        return self._send(request)

    def get(self, path: str) -> Answer:
        """A signed GET of a path of the peer's API (``/inbox?after=0``, ``/status/N?...``)."""
        return self._send(signed_request(self.identity, self.peer, "GET", self.endpoint + path))

    def post_json(self, path: str, body: bytes) -> Answer:
        request = signed_request(
            self.identity,
            self.peer,
            "POST",
            self.endpoint + path,
            body=body,
            content_type="application/json",
        )
        return self._send(request)
