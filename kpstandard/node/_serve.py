"""The node's HTTP server: uvicorn over the node's app, with a deadline for the request head.

uvicorn bounds an idle keep-alive connection (``timeout_keep_alive``) and the app bounds the body
(``body_timeout``, KP-EX-008), but nothing bounded the request line and header fields: a client
that opened a connection and sent nothing, or one header byte every few seconds (slowloris), held
it for ever, and enough of them exhaust the node's file descriptors (found by
tests/test_node_attack.py). :class:`HeadTimeoutProtocol` gives every request head, the first on a
connection and each after a keep-alive answer, ``header_timeout`` seconds, then answers ``408``
with KP-EX-008 and closes the connection; and it answers a request that is not valid HTTP/1.1
with a code (KP-EX-010), as every other answer of the node.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kpstandard.exchange import Refusal
from kpstandard.node._app import create_app
from kpstandard.node._config import Node
from kpstandard.node._store import NodeStore

__all__ = ["HeadTimeoutProtocol", "server"]


def _problem(refusal: Refusal, detail: str) -> bytes:
    return json.dumps(
        {
            "type": f"urn:kpstandard:exchange:{refusal.code}",
            "title": refusal.title,
            "status": refusal.status,
            "code": refusal.code,
            "detail": detail,
        }
    ).encode()


def _timeout_answer(seconds: float) -> bytes:
    refusal = Refusal.TOO_SLOW
    body = _problem(refusal, f"the request head did not arrive within {seconds}s")
    head = (
        f"HTTP/1.1 {refusal.status} Request Timeout\r\n"
        "content-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head (``header_timeout``) and a
    coded answer to a request that is not HTTP/1.1."""

    header_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._head_deadline = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _in_request(self) -> bool:
        """Whether a request's head has arrived and its answer is not complete."""
        return self.cycle is not None and not self.cycle.response_complete

    def _head_timed_out(self) -> None:
        self._head_deadline = None
        if self._in_request() or self.transport.is_closing():
            return
        self.transport.write(_timeout_answer(self.header_timeout))
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._in_request():
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self._in_request():
            self._arm()  # the next request's head, on a kept-alive connection

    def send_400_response(self, msg: str) -> None:
        """A request that is not HTTP/1.1 (h11 refused it: a head over h11's 16 KiB, a NUL or a
        bare CR in a field, a bad Content-Length): uvicorn answered ``text/plain``, the one
        answer of the node without a code (KP-REQ-135; found by tests/test_node_attack.py). It
        is ``application/problem+json`` with KP-EX-010, and the connection is closed."""
        body = _problem(Refusal.BAD_ENVELOPE, f"the request is not valid HTTP/1.1: {msg}")
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"connection", b"close"),
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def server(node: Node, store: NodeStore, *, worker: bool = True) -> uvicorn.Server:
    """The uvicorn server of ``kpcert node serve`` (call ``run()``), its limits from the node's
    configuration: ``header_timeout`` for each request head, ``body_timeout`` and ``max_body``
    in the app, idle keep-alive connections closed after 5 seconds."""
    protocol = type(
        "NodeH11Protocol", (HeadTimeoutProtocol,), {"header_timeout": node.config.header_timeout}
    )
    config = uvicorn.Config(
        create_app(node, store, worker=worker),
        host=node.config.host,
        port=node.config.port,
        log_level="warning",
        timeout_keep_alive=5,
        http=protocol,
        lifespan="on",
    )
    return uvicorn.Server(config)
