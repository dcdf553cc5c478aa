"""Pull mode (spec/exchange/protocol.md, 4.1): a node that cannot accept inbound connections
fetches its messages from a peer or hub, verifies each as a delivery, and acknowledges it with
its signed receipt.

A message is acknowledged only once it is stored here, so a crash between the two pulls it again
(and it is stored once: idempotent receivers, KP-REQ-102). The cursor, kept in the database,
moves past a message only when it is acknowledged or refused, so a refused message is not pulled
again and nothing accepted is skipped.
"""

from __future__ import annotations

import base64
import binascii
import json
import urllib.parse
from dataclasses import dataclass

import httpx

from kpstandard.exchange import Client, Envelope, EnvelopeError
from kpstandard.node._config import Node
from kpstandard.node._receive import Receiver
from kpstandard.node._store import NodeStore

__all__ = ["PullError", "Pulled", "pull"]


class PullError(Exception):
    """The peer could not be pulled from; the message says why (the next pull retries)."""


@dataclass(frozen=True)
class Pulled:
    """What one pull did."""

    accepted: int
    """Messages stored here (or already stored) and acknowledged with their receipt."""
    refused: list[tuple[str, str]]
    """(message id, KP-EX code) of the messages refused here, kept in quarantine."""


def pull(node: Node, store: NodeStore, *, limit: int = 100, rounds: int = 100) -> Pulled:
    """Pull this node's inbox from its ``pull_from`` peer until it is empty (at most ``rounds``
    pages). Raises :class:`PullError` (never anything else) when the peer cannot be reached or
    answers out of protocol."""
    peer = node.config.pull_from
    if peer is None:
        raise PullError("the configuration has no pull_from")
    endpoint = node.config.pull_endpoint or node.directory.endpoint(peer)
    if endpoint is None:
        raise PullError(f"{peer} has no exchange node on the trust list: give pull_endpoint")
    receiver = Receiver(node, store, quota=False)  # what this node chose to pull
    accepted = 0
    refused: list[tuple[str, str]] = []
    try:
        with Client(node.identity, peer, endpoint) as client:
            for _ in range(rounds):
                cursor = store.cursor(str(peer))
                query = urllib.parse.urlencode({"after": cursor, "limit": limit})
                answer = client.get(f"/inbox?{query}")
                if answer.status != 200:
                    raise PullError(f"{peer} answered {answer.status} {answer.code or ''}")
                messages = answer.json()["messages"]
                if not messages:
                    break
                for message in messages:
                    envelope = Envelope.from_headers(
                        {
                            "kp-sender": str(message["sender"]),
                            "kp-receiver": str(node.config.authority),
                            "kp-message-id": str(message["messageId"]),
                            "kp-document-type": str(message["documentType"]),
                        }
                    )
                    body = base64.b64decode(str(message["document"]), validate=True)
                    outcome = receiver.deliver(envelope, envelope.sender, body)
                    if outcome.status in (200, 201):
                        ack = client.post_json(
                            "/inbox/ack",
                            json.dumps(
                                {
                                    "messageId": envelope.message_id,
                                    "receipt": base64.b64encode(outcome.body).decode("ascii"),
                                }
                            ).encode(),
                        )
                        if ack.status != 204:
                            raise PullError(
                                f"{peer} did not take the receipt of {envelope.message_id}: "
                                f"{ack.status} {ack.code or ''}"
                            )
                        accepted += 1
                    else:
                        refused.append((envelope.message_id, outcome.code or str(outcome.status)))
                    store.set_cursor(str(peer), int(message["cursor"]))
    except httpx.HTTPError as exc:
        raise PullError(f"cannot reach {peer} at {endpoint}: {type(exc).__name__}: {exc}") from exc
    except (ValueError, KeyError, TypeError, RecursionError, EnvelopeError, binascii.Error) as exc:
        # RecursionError: a peer answering deeply nested JSON escaped as itself, though pull
        # raises PullError only (found by tests/test_node_attack.py).
        raise PullError(f"{peer} answered out of protocol: {exc}") from exc
    return Pulled(accepted, refused)
