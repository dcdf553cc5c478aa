"""The reference node as an ASGI application (Starlette): the exchange API, health, metrics and
the officer's page. Every handler is a boundary: a request never crashes the node, and an
unexpected error is answered KP-EX-016 (retry later) and logged."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import html
import ipaddress
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from kpstandard.exchange import Address, Envelope, EnvelopeError, Refusal, SignatureError
from kpstandard.node._config import Node
from kpstandard.node._receive import Outcome, Receiver, problem
from kpstandard.node._store import NodeStore
from kpstandard.node._worker import Worker

__all__ = ["create_app"]

log = logging.getLogger("kpstandard.node")
_DIGITS = re.compile(r"[0-9]{1,20}")
MAX_CURSOR = 2**63 - 1
"""The largest ``after`` of a pull: a row id is a signed 64-bit integer in SQLite and PostgreSQL."""


class _BodyError(Exception):
    def __init__(self, refusal: Refusal, detail: str) -> None:
        self.refusal = refusal
        self.detail = detail


async def _body(request: Request, limit: int, timeout: float) -> bytes:
    """The body, at most ``limit`` bytes, complete within ``timeout`` seconds (slow senders)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _BodyError(Refusal.TOO_LARGE, f"Content-Length {declared} is over {limit} bytes")
    chunks: list[bytes] = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _BodyError(Refusal.TOO_LARGE, f"the body is over {limit} bytes")
            chunks.append(chunk)

    try:
        await asyncio.wait_for(read(), timeout)
    except TimeoutError as exc:
        raise _BodyError(Refusal.TOO_SLOW, f"the body did not arrive within {timeout}s") from exc
    return b"".join(chunks)


async def _routing_refusal(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 and 405 (no route, a method the route does not take) as refusals with
    their codes, like every other answer of the node (found by tests/test_node_openapi.py)."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        outcome = problem(Refusal.METHOD_NOT_ALLOWED, f"{request.method} {request.url.path}")
        outcome.headers.update((exc.headers or {}) if isinstance(exc, HTTPException) else {})
    elif status == 404:
        outcome = problem(Refusal.NO_SUCH_OPERATION, request.url.path)
    else:
        log.error("unexpected routing error %s for %s", status, request.url.path)
        outcome = problem(Refusal.UNAVAILABLE, "internal error; retry later")
    return _response(outcome)


SINGLE_FIELDS = frozenset(
    (
        "signature-input",
        "signature",
        "content-digest",
        "kp-sender",
        "kp-receiver",
        "kp-message-id",
        "kp-document-type",
    )
)
"""The fields a request may give once: the signature's and those it covers."""


FORWARDED = ("forwarded", "x-forwarded-for", "x-real-ip")
"""Fields a proxy adds to a request it forwards: its client is not the address connected."""


def is_operator(request: Request, node: Node) -> bool:
    """Whether a request comes from the node's operators (``[node] operators``, loopback by
    default) and not through a proxy: the officer's page lists every sender's message ids, and
    the metrics and counts are the node's, none of a peer's business (KP-REQ-130)."""
    if request.client is None or any(name in request.headers for name in FORWARDED):
        return False
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:
        return False
    return any(address in network for network in node.config.operators)


def _fields(request: Request) -> dict[str, str]:
    """The request's header fields by lower-case name. A signature or covered field given on
    several lines is refused (KP-EX-010): RFC 9421 (2.1) signs such a field as its lines joined
    by ", ", and the node took the last line only, so what it verified and what a proxy or a log
    reads as the field differed (found by tests/test_node_attack.py)."""
    fields: dict[str, str] = {}
    for name, value in request.headers.items():
        name = name.lower()
        if name in fields and name in SINGLE_FIELDS:
            raise EnvelopeError(f"the field {name} is given more than once")
        fields[name] = value
    return fields


def _signed_path(request: Request) -> str:
    """The request's path as sent, percent-encoded octets not decoded: RFC 9421 section 2.2.6's
    ``@path``, which the sender signed. Starlette's ``url.path`` is decoded, so a path with a
    percent-encoded octet did not verify (KP-EX-002); found by tests/test_node_openapi.py."""
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes) and raw:
        return raw.decode("latin-1")  # not ASCII: signature_base refuses it (KP-EX-010)
    return request.url.path


def _response(outcome: Outcome) -> Response:
    return Response(
        outcome.body, outcome.status, headers=outcome.headers, media_type=outcome.content_type
    )


class Metrics:
    def __init__(self) -> None:
        self.requests: dict[tuple[str, int], int] = {}

    def count(self, route: str, status: int) -> None:
        self.requests[(route, status)] = self.requests.get((route, status), 0) + 1


def create_app(node: Node, store: NodeStore, *, worker: bool = True) -> Starlette:
    """The node's ASGI app over a loaded node and its store; ``worker`` runs the outbox worker."""
    receiver = Receiver(node, store)
    outbox = Worker(node, store)
    metrics = Metrics()
    config = node.config

    def guarded(
        name: str, authenticated: bool = True, operators: bool = False
    ) -> Callable[
        [Callable[[Request, Address, bytes], Awaitable[Outcome]]],
        Callable[[Request], Awaitable[Response]],
    ]:
        def decorate(
            handler: Callable[[Request, Address, bytes], Awaitable[Outcome]],
        ) -> Callable[[Request], Awaitable[Response]]:
            async def endpoint(request: Request) -> Response:
                try:
                    if operators and not is_operator(request, node):
                        # answered as a path without an operation: not even its existence
                        outcome = problem(Refusal.NO_SUCH_OPERATION, request.url.path)
                        metrics.count(name, outcome.status)
                        return _response(outcome)
                    headers = _fields(request)
                    if authenticated:
                        # An unsigned request, or one by a key not on the list, is refused
                        # before its body is read: it held the node for up to body_timeout and
                        # max_body (found by tests/test_node_attack.py).
                        receiver.screen(headers)
                    body = await _body(request, config.max_body, config.body_timeout)
                    caller = Address("XX", "anonymous")
                    if authenticated:
                        caller = await run_in_threadpool(
                            functools.partial(receiver.authenticate, delivery=name == "deliver"),
                            request.method,
                            _signed_path(request),
                            request.url.query,
                            headers,
                            body,
                        )
                    outcome = await handler(request, caller, body)
                except _BodyError as exc:
                    outcome = problem(exc.refusal, exc.detail)
                except SignatureError as exc:
                    outcome = problem(exc.refusal, exc.detail)
                except EnvelopeError as exc:
                    outcome = problem(Refusal.BAD_ENVELOPE, str(exc))
                except Exception:
                    log.exception("internal error in %s", name)
                    outcome = problem(Refusal.UNAVAILABLE, "internal error; retry later")
                metrics.count(name, outcome.status)
                if outcome.code:
                    log.info("%s refused %s: %s", name, outcome.code, outcome.body[:300])
                return _response(outcome)

            return endpoint

        return decorate

    @guarded("deliver")
    async def deliver(request: Request, caller: Address, body: bytes) -> Outcome:
        envelope = Envelope.from_headers(_fields(request))
        return await run_in_threadpool(receiver.deliver, envelope, caller, body)

    @guarded("inbox")
    async def inbox(request: Request, caller: Address, body: bytes) -> Outcome:
        given = (request.query_params.get("after", "0"), request.query_params.get("limit", "100"))
        # Digits only: int() also took "1_0", "+5", " 5" and other scripts' digits ("٣"),
        # which the description's integers are not (found by tests/test_node_attack.py).
        if not all(_DIGITS.fullmatch(value) for value in given):
            return problem(Refusal.BAD_ENVELOPE, "after and limit are integers")
        after, limit = int(given[0]), int(given[1])
        # A cursor past any row id (a 64-bit integer in both databases) was an internal error
        # (the database cannot bind it); found by tests/test_node_openapi.py.
        if not 0 <= after <= MAX_CURSOR or not 1 <= limit <= 100:
            return problem(Refusal.BAD_ENVELOPE, f"after is 0 to {MAX_CURSOR}, limit 1 to 100")
        return await run_in_threadpool(receiver.pull, caller, after, limit)

    @guarded("ack")
    async def ack(request: Request, caller: Address, body: bytes) -> Outcome:
        return await run_in_threadpool(receiver.acknowledge, caller, body)

    @guarded("status")
    async def status(request: Request, caller: Address, body: bytes) -> Outcome:
        digest = request.query_params.get("digest", "")
        return await run_in_threadpool(receiver.status, request.path_params["number"], digest)

    @guarded("tracking")
    async def tracking(request: Request, caller: Address, body: bytes) -> Outcome:
        return await run_in_threadpool(receiver.tracking, caller, request.path_params["messageId"])

    @guarded("health", authenticated=False)
    async def health(request: Request, caller: Address, body: bytes) -> Outcome:
        import json

        answer: dict[str, Any] = {"status": "ok", "authority": str(config.authority)}
        if is_operator(request, node):  # the queue depths only to the operators
            answer |= await run_in_threadpool(store.counts)
        return Outcome(200, json.dumps(answer).encode(), "application/json")

    @guarded("metrics", authenticated=False, operators=True)
    async def metrics_page(request: Request, caller: Address, body: bytes) -> Outcome:
        counts = await run_in_threadpool(store.counts)
        lines = [
            "# HELP kp_node_outbox Outbox rows by state.",
            "# TYPE kp_node_outbox gauge",
            *(
                f'kp_node_outbox{{state="{s}"}} {counts["outbox_" + s]}'
                for s in ("pending", "delivered", "failed")
            ),
            "# HELP kp_node_inbox Documents accepted.",
            "# TYPE kp_node_inbox gauge",
            f"kp_node_inbox {counts['inbox']}",
            "# HELP kp_node_quarantine Deliveries refused and kept.",
            "# TYPE kp_node_quarantine gauge",
            f"kp_node_quarantine {counts['quarantine']}",
            "# HELP kp_node_deliveries_total Deliveries this process completed.",
            "# TYPE kp_node_deliveries_total counter",
            f"kp_node_deliveries_total {outbox.delivered}",
            "# HELP kp_node_delivery_failures_total Failed delivery attempts of this process.",
            "# TYPE kp_node_delivery_failures_total counter",
            f"kp_node_delivery_failures_total {outbox.failures}",
            "# HELP kp_node_requests_total Requests answered, by route and status.",
            "# TYPE kp_node_requests_total counter",
            *(
                f'kp_node_requests_total{{route="{r}",status="{s}"}} {n}'
                for (r, s), n in sorted(metrics.requests.items())
            ),
        ]
        return Outcome(200, ("\n".join(lines) + "\n").encode(), "text/plain; version=0.0.4")

    @guarded("page", authenticated=False, operators=True)
    async def page(request: Request, caller: Address, body: bytes) -> Outcome:
        return Outcome(200, await run_in_threadpool(_page, node, store), "text/html; charset=utf-8")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(outbox.run()) if worker else None
        app.state.worker = outbox
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    routes: list[BaseRoute] = [
        Route("/messages", deliver, methods=["POST"]),
        Route("/inbox", inbox, methods=["GET"]),
        Route("/inbox/ack", ack, methods=["POST"]),
        Route("/status/{number}", status, methods=["GET"]),
        Route("/tracking/{messageId}", tracking, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/metrics", metrics_page, methods=["GET"]),
        Route("/", page, methods=["GET"]),
    ]
    if config.path_prefix:  # behind a reverse proxy that forwards the path as sent
        routes = [Mount(config.path_prefix, routes=routes)]
    app = Starlette(
        routes=routes, lifespan=lifespan, exception_handlers={HTTPException: _routing_refusal}
    )
    app.state.store = store
    app.state.node = node
    return app


def _page(node: Node, store: NodeStore) -> bytes:
    e = html.escape
    outbox = store.recent_outbox(limit=200)
    inbox = store.recent_inbox(limit=200)
    held = store.quarantine_items(limit=200)

    def table(heads: list[str], rows: list[list[Any]], test_id: str) -> str:
        head = "".join(f"<th>{e(h)}</th>" for h in heads)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows
        )
        return (
            f'<table data-test="{test_id}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<link rel='icon' href='data:,'>",  # no /favicon.ico request, no 404 in the console
        f"<title>KP exchange node {e(str(node.config.authority))}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
        "td,th{border:1px solid #999;padding:.2em .5em;text-align:left}</style></head><body>",
        f"<h1>KP exchange node: {e(node.config.name)} ({e(str(node.config.authority))})</h1>",
        "<h2>Inbox</h2>",
        table(
            ["received", "type", "number", "from", "message"],
            [
                [i["received_at"], i["document_type"], i["number"], i["sender"], i["message_id"]]
                for i in inbox
            ],
            "inbox",
        ),
        "<h2>Outbox</h2>",
        table(
            ["created", "type", "number", "to", "state", "attempts", "last error"],
            [
                [
                    o["created_at"],
                    o["document_type"],
                    o["number"],
                    o["receiver"],
                    o["state"],
                    o["attempts"],
                    o["last_error"] or "",
                ]
                for o in outbox
            ],
            "outbox",
        ),
        "<h2>Quarantine</h2>",
        table(
            ["received", "from", "message", "code", "findings"],
            [
                [
                    q["received_at"],
                    q["sender"],
                    q["message_id"],
                    q["code"],
                    ", ".join(sorted({f["code"] for f in q["findings"]})),
                ]
                for q in held
            ],
            "quarantine",
        ),
        "</body></html>",
    ]
    return "".join(parts).encode("utf-8")
