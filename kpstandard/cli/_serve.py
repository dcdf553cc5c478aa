"""``kpcert serve``: the validation service and the verification page."""

from __future__ import annotations

import argparse
from typing import Any

from kpstandard.cli._common import EXIT_OK, UsageError


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
        return value

    return parse


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="run the validation service and the verification page (HTTP)",
        description="Serve the HTTP API described in spec/service/openapi.yaml (validate, "
        "verify, convert, render, verify-print) and the verification page at /. Listens on "
        "loopback by default; one worker process per core. Request bodies are bounded, each "
        "request has a deadline, and the trust list is reloaded when its file changes, never "
        "to an older issue.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument("--port", type=_positive(int), default=8080, help="default: 8080")
    parser.add_argument(
        "--workers", type=_positive(int), default=None, help="default: one per core"
    )
    parser.add_argument("--trust-list", metavar="TL", help="the signed Authority Trust List")
    parser.add_argument(
        "--trust-anchor", metavar="CERT", help="the list operator's certificate (PEM)"
    )
    parser.add_argument(
        "--min-sequence", type=int, metavar="N", help="refuse a trust list below this issue"
    )
    parser.add_argument(
        "--max-body",
        type=_positive(int),
        default=1024 * 1024,
        metavar="BYTES",
        help="the largest request body (default: 1 MiB)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        default=10.0,
        metavar="SECONDS",
        help="the deadline of one request (default: 10)",
    )
    parser.add_argument(
        "--status-url", metavar="URL", help="the registry's status address for QR payloads"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if bool(args.trust_list) != bool(args.trust_anchor):
        raise UsageError("--trust-list and --trust-anchor go together")
    try:
        from kpstandard.service import ServiceConfig, serve
    except ImportError as exc:
        raise UsageError(
            f"the service needs the serve extra: pip install 'kpstandard[serve]' ({exc.name})"
        ) from exc
    config = ServiceConfig(
        host=args.host,
        port=args.port,
        workers=args.workers or 0,
        trust_list=args.trust_list,
        trust_anchor=args.trust_anchor,
        min_sequence=args.min_sequence,
        max_body=args.max_body,
        timeout=args.timeout,
        status_url=args.status_url,
    )
    print(f"kpcert serve: http://{config.host}:{config.port}/ ({config.worker_count} workers)")
    serve(config)
    return EXIT_OK
