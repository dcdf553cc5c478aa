"""The outbox worker: deliver every queued document until the receiver's signed receipt is in.

At-least-once [KP-REQ-102]: a row leaves the ``pending`` state only with a verified receipt
(``delivered``) or a refusal that retrying cannot change (``failed``: the document was refused,
or conflicts). Anything else (connection refused, timeout, 5xx, a receipt that does not verify)
is retried with exponential backoff and jitter, capped, from the database: a restarted node
carries on where it stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import logging
import random
import re
import time

import httpx

from kpstandard.exchange import Address, Envelope, Refusal, signed_request
from kpstandard.node._config import Node
from kpstandard.node._receive import check_receipt
from kpstandard.node._store import NodeStore, OutboxItem

__all__ = ["Worker", "backoff"]

log = logging.getLogger("kpstandard.node.outbox")
FINAL = {Refusal.DOCUMENT_REFUSED.code, Refusal.CONFLICT.code, Refusal.NOT_THE_SENDERS.code}


class _TooLarge(Exception):
    """A receiver's answer over the node's limit."""


class _Answered:
    """A receiver's answer, read whole within the limits."""

    def __init__(self, status: int, headers: httpx.Headers, content: bytes) -> None:
        self.status_code = status
        self.headers = headers
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


def problem_code(headers: httpx.Headers, content: bytes) -> str | None:
    """The KP-EX code of a refusal (``application/problem+json``), or None. Never raises: a
    receiver's answer is untrusted (JSON that is not an object, deeply nested, a code that is
    not a string made the worker fail the whole batch and redeliver every second without
    backing off; found by tests/test_node_attack.py)."""
    if not headers.get("content-type", "").startswith("application/problem+json"):
        return None
    try:
        given = json.loads(content)
    except (ValueError, RecursionError):
        return None
    code = given.get("code") if isinstance(given, dict) else None
    return code if isinstance(code, str) and _CODE.fullmatch(code) else None


_CODE = re.compile(r"KP-EX-[0-9]{3}")


def backoff(attempts: int, base: float, cap: float) -> float:
    """The delay before the next attempt: base * 2^attempts, capped, with full jitter on half."""
    delay: float = min(cap, base * (2 ** min(attempts, 30)))
    return delay / 2 + random.uniform(0, delay / 2)


class Worker:
    """Delivers the outbox of one node (one worker per node; PostgreSQL nodes running several
    workers on one database would need row locks, which the reference node does not take)."""

    def __init__(self, node: Node, store: NodeStore) -> None:
        self.node = node
        self.store = store
        self.wake = asyncio.Event()
        self.delivered = 0
        self.failures = 0

    async def run(self) -> None:
        puller = None
        if self.node.config.pull_from is not None:
            puller = asyncio.create_task(self._pull_loop())
        try:
            await self._deliver_loop()
        finally:
            if puller is not None:
                puller.cancel()

    async def _pull_loop(self) -> None:
        """Pull mode: fetch this node's inbox from ``pull_from`` every ``pull_interval``."""
        from kpstandard.node._pull import PullError, pull

        while True:
            try:
                pulled = await asyncio.to_thread(pull, self.node, self.store)
                if pulled.accepted or pulled.refused:
                    log.info("pulled %d, refused %s", pulled.accepted, pulled.refused)
            except PullError as exc:
                log.info("pull: %s", exc)
            except Exception:  # the worker never dies: log, pause, go on
                log.exception("pull error")
            await asyncio.sleep(self.node.config.pull_interval)

    async def _deliver_loop(self) -> None:
        async with httpx.AsyncClient(timeout=15.0) as http:
            while True:
                try:
                    held = self.node.config.held
                    due = await asyncio.to_thread(self.store.due, time.time(), 50, held)
                    if due:
                        await asyncio.gather(*(self._guarded(http, item) for item in due))
                        continue
                    upcoming = await asyncio.to_thread(self.store.next_due, held)
                    wait = 5.0 if upcoming is None else max(0.05, min(5.0, upcoming - time.time()))
                    self.wake.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.wake.wait(), wait)
                except asyncio.CancelledError:
                    raise
                except Exception:  # the worker never dies: log, pause, go on
                    log.exception("outbox worker error")
                    await asyncio.sleep(1.0)

    async def _guarded(self, http: httpx.AsyncClient, item: OutboxItem) -> None:
        """One delivery; an unexpected error is a failed attempt of that item, with its backoff
        (it failed the batch, and the item was tried again a second later, for ever)."""
        try:
            await self._deliver(http, item)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("delivery of %s", item.message_id)
            await self._retry(item, f"internal error: {type(exc).__name__}")

    async def _deliver(self, http: httpx.AsyncClient, item: OutboxItem) -> None:
        receiver = Address.parse(item.receiver)
        endpoint = self.node.config.forward_to(receiver) or self.node.directory.endpoint(receiver)
        if endpoint is None:
            await self._retry(item, f"no exchange node of {receiver} on the trust list")
            return
        sender = Address.parse(item.sender) if item.sender else self.node.config.authority
        envelope = Envelope(sender, receiver, item.message_id, item.document_type)
        request = signed_request(
            self.node.identity,
            receiver,
            "POST",
            endpoint.rstrip("/") + "/messages",
            body=item.body,
            envelope=envelope,
            content_type="application/xml",
        )
        try:
            response = await asyncio.wait_for(
                self._send(http, request), self.node.config.delivery_timeout
            )
        except httpx.HTTPError as exc:
            await self._retry(item, f"{type(exc).__name__}: {exc}")
            return
        except _TooLarge as exc:
            await self._retry(item, str(exc))
            return
        except TimeoutError:
            await self._retry(
                item, f"no complete answer within {self.node.config.delivery_timeout}s"
            )
            return
        if response.status_code == 202:  # a hub holds it; its receipt comes on a retry
            await self._retry(item, "accepted by a hub for forwarding; waiting for the receipt")
            return
        if response.status_code in (200, 201):
            problem = await asyncio.to_thread(
                check_receipt,
                self.node,
                response.content,
                item.message_id,
                item.digest,
                receiver,
                sender=sender,
            )
            if problem:
                await self._retry(item, problem)
                return
            await asyncio.to_thread(
                self.store.delivered, item.id, response.content, datetime.datetime.now(datetime.UTC)
            )
            self.delivered += 1
            log.info("delivered %s %s to %s", item.document_type, item.number, receiver)
            return
        code = problem_code(response.headers, response.content)
        detail = f"HTTP {response.status_code} {code or ''} {response.text[:500]}".strip()
        if code in FINAL:
            self.failures += 1
            await asyncio.to_thread(self.store.failed, item.id, detail)
            log.warning(
                "refused %s %s by %s: %s", item.document_type, item.number, receiver, detail
            )
            return
        await self._retry(item, detail)

    async def _send(self, http: httpx.AsyncClient, request: httpx.Request) -> _Answered:
        """Send a delivery and read the answer, at most ``max_body`` bytes. httpx's timeouts
        bound each read, not the answer: a receiver trickling its answer held the delivery,
        and the whole batch gathered with it, for ever; the caller bounds the whole exchange
        with ``delivery_timeout`` (found by tests/test_node_attack.py)."""
        limit = self.node.config.max_body
        response = await http.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _TooLarge(f"the answer is over {limit} bytes")
                chunks.append(chunk)
        finally:
            await response.aclose()
        return _Answered(response.status_code, response.headers, b"".join(chunks))

    async def _retry(self, item: OutboxItem, error: str) -> None:
        self.failures += 1
        config = self.node.config
        if config.max_attempts and item.attempts + 1 >= config.max_attempts:
            await asyncio.to_thread(self.store.failed, item.id, error)
            return
        delay = backoff(item.attempts, config.retry_base, config.retry_max)
        await asyncio.to_thread(self.store.retry, item.id, error, time.time() + delay)
        log.info("retry %s in %.1fs: %s", item.message_id, delay, error)
