"""``kpcert node``: the reference exchange node and an officer's commands over it.

kpcert node serve --config FILE                      run the node (ASGI, uvicorn)
kpcert node send SIGNED --config FILE [--to P/AUTH]  queue a signed document for delivery
kpcert node inbox --config FILE                      the documents received
kpcert node pull --config FILE                       pull the inbox from the pull_from peer or hub
kpcert node track MESSAGE-ID --config FILE [--sender P/AUTH]
                                                     a delivery's state (pending, delivered, failed)
kpcert node status NUMBER --certificate F --config   ask the issuing authority's node (signed)
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import logging
from pathlib import Path
from typing import Any

from kpstandard.cli._common import EXIT_FAILED, EXIT_OK, UsageError, print_json, read_bytes

__all__ = ["register"]


def register(commands: Any) -> None:
    node = commands.add_parser(
        "node",
        help="run an exchange node and send, track and receive documents through it",
        description="The reference node of the exchange protocol (spec/exchange/protocol.md): "
        "deliver signed documents to other authorities' nodes with signed receipts, receive and "
        "verify theirs, answer status questions from the issuing registry. One TOML file "
        "configures a node; the officer's commands read the same file and database. Exit 0 on "
        "success, 1 when a document is refused or a delivery failed, 2 for bad usage.",
    )
    actions = node.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, help_text: str, description: str, run: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(
            name, help=help_text, description=description
        )
        parser.add_argument(
            "--config", required=True, metavar="FILE", help="the node's configuration (TOML)"
        )
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="text for people (default); json for scripts",
        )
        parser.set_defaults(run=run)
        return parser

    action(
        "serve",
        "run the node",
        "Run the node: the exchange API, the outbox worker, /health, /metrics and the officer's "
        "page at /, on the address of the configuration's `listen`.",
        run_serve,
    )
    parser = action(
        "send",
        "queue a signed document for delivery",
        "Verify a signed document of this authority and queue it in the outbox; the node's "
        "worker delivers it until the receiver's signed receipt is in. A certificate is recorded "
        "in the issuing registry in the same transaction.",
        run_send,
    )
    parser.add_argument("path", metavar="PATH", help="the signed document (XML)")
    parser.add_argument("--to", metavar="P/AUTHORITY", help="the receiving authority")
    action("inbox", "list the documents received", "The documents this node accepted.", run_inbox)
    action(
        "pull",
        "pull this node's inbox from a peer or hub",
        "Pull mode, for a node that cannot accept inbound connections: fetch the messages the "
        "configuration's `pull_from` peer or hub holds for this authority, verify and store each "
        "as a delivery, and acknowledge it with this authority's signed receipt. `serve` does the "
        "same every `pull_interval` seconds. Exit 1 when a message was refused or the peer could "
        "not be pulled from.",
        run_pull,
    )
    parser = action(
        "track",
        "show a delivery's state",
        "The state of a queued delivery: pending (with the attempts and the last error), "
        "delivered (with the receipt's instant) or failed (with the refusal). On a hub, "
        "--sender names a message it relays for another authority (a message is its sender and "
        "message id).",
        run_track,
    )
    parser.add_argument(
        "message_id", metavar="MESSAGE-ID", help="the message id that `kpcert node send` printed"
    )
    parser.add_argument(
        "--sender",
        metavar="P/AUTHORITY",
        help="the authority that sent a message this node relays (a hub); default: this node's "
        "own message",
    )
    parser = action(
        "status",
        "ask an issuing authority's node for a certificate's status",
        "Ask the issuing authority's node, with a signed request, whether it issued a number "
        "with the digest of the given certificate, and its status; prints the signed Status "
        "Response (verified against the trust list).",
        run_status,
    )
    parser.add_argument("number", metavar="NUMBER", help="the certificate number asked about")
    parser.add_argument(
        "--certificate",
        required=True,
        metavar="PATH",
        help="the certificate as received (its exact bytes give the digest asked about)",
    )
    parser.add_argument("--authority", metavar="P/AUTHORITY", help="default: the number's")
    parser.add_argument("-o", "--output", metavar="PATH", help="write the signed response here")


def _load(args: argparse.Namespace) -> Any:
    from kpstandard.node import ConfigError, Node, NodeStore, load_config

    try:
        node = Node.load(load_config(Path(args.config)))
        return node, NodeStore(node.config.database)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def run_serve(args: argparse.Namespace) -> int:
    from kpstandard.node import server

    node, store = _load(args)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    server(node, store).run()
    return EXIT_OK


def run_send(args: argparse.Namespace) -> int:
    from kpstandard.exchange import Address
    from kpstandard.node import SendError, queue_document

    node, store = _load(args)
    try:
        to = Address.parse(args.to) if args.to else None
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    try:
        message_id, receiver = queue_document(node, store, read_bytes(args.path), to=to)
    except SendError as exc:
        if args.format == "json":
            print_json({"queued": False, "error": str(exc)})
        else:
            print(f"{args.path}: not sent: {exc}")
        return EXIT_FAILED
    if args.format == "json":
        print_json({"queued": True, "messageId": message_id, "receiver": str(receiver)})
    else:
        print(f"{args.path}: queued for {receiver} as message {message_id}")
    return EXIT_OK


def run_inbox(args: argparse.Namespace) -> int:
    _, store = _load(args)
    items = store.inbox_items(after=0, limit=100000)
    if args.format == "json":
        print_json(
            [
                {
                    "cursor": i.id,
                    "messageId": i.message_id,
                    "sender": i.sender,
                    "documentType": i.document_type,
                    "number": i.number,
                    "digest": i.digest,
                    "receivedAt": i.received_at,
                }
                for i in items
            ]
        )
    else:
        for i in items:
            print(f"{i.received_at}  {i.document_type:<26} {i.number:<20} from {i.sender}")
    return EXIT_OK


def run_pull(args: argparse.Namespace) -> int:
    from kpstandard.node import PullError, pull

    node, store = _load(args)
    try:
        pulled = pull(node, store)
    except PullError as exc:
        if args.format == "json":
            print_json({"pulled": False, "error": str(exc)})
        else:
            print(f"not pulled: {exc}")
        return EXIT_FAILED
    refused = [{"messageId": m, "code": c} for m, c in pulled.refused]
    if args.format == "json":
        print_json({"pulled": True, "accepted": pulled.accepted, "refused": refused})
    else:
        print(f"pulled from {node.config.pull_from}: {pulled.accepted} accepted and acknowledged")
        for m, c in pulled.refused:
            print(f"  refused {m}: {c}")
    return EXIT_FAILED if pulled.refused else EXIT_OK


def run_track(args: argparse.Namespace) -> int:
    from kpstandard.exchange import Address

    sender = None
    if args.sender:
        try:
            sender = str(Address.parse(args.sender))
        except ValueError as exc:
            raise UsageError(f"--sender: {exc}") from exc
    _, store = _load(args)
    item = store.outbox_item(args.message_id, sender)
    if item is None:
        whose = f"relayed for {sender}" if sender else "of this node's own"
        raise UsageError(f"no message {args.message_id} {whose} in this node's outbox")
    record = {
        "messageId": item.message_id,
        "sender": item.sender,
        "receiver": item.receiver,
        "documentType": item.document_type,
        "number": item.number,
        "state": item.state,
        "attempts": item.attempts,
        "lastError": item.last_error,
        "deliveredAt": item.delivered_at,
    }
    if args.format == "json":
        print_json(record)
    else:
        print(" ".join(f"{k}={v}" for k, v in record.items() if v is not None))
    return EXIT_FAILED if item.state == "failed" else EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    import datetime

    from kpstandard._api import verify
    from kpstandard.exchange import Address, Client

    node, _ = _load(args)
    certificate = read_bytes(args.certificate)
    digest = base64.b64encode(hashlib.sha256(certificate).digest()).decode("ascii")
    if args.authority:
        peer = Address.parse(args.authority)
    else:
        found = node.directory.authorities(args.number[:2], "exporting")
        if len(found) != 1:
            raise UsageError("give the issuing authority with --authority P/AUTHORITY")
        peer = found[0]
    endpoint = node.directory.endpoint(peer)
    if endpoint is None:
        raise UsageError(f"{peer} has no exchange node on the trust list")
    import urllib.parse

    query = urllib.parse.urlencode({"digest": digest})
    with Client(node.identity, peer, endpoint) as client:
        answer = client.get(f"/status/{urllib.parse.quote(args.number)}?{query}")
    if answer.status != 200:
        print(f"{peer} refused: {answer.code} {answer.body[:300]!r}")
        return EXIT_FAILED
    report = verify(
        answer.body,
        trust_list=node.trust_list,
        verification_time=datetime.datetime.now(datetime.UTC),
    )
    if args.output:
        Path(args.output).write_bytes(answer.body)
    response = report.document
    status = getattr(response, "status", None)
    if args.format == "json":
        print_json({"verified": report.valid, "status": status, "number": args.number})
    else:
        print(f"{args.number}: {status} ({'verified' if report.valid else 'NOT verified'})")
    return EXIT_OK if report.valid else EXIT_FAILED
