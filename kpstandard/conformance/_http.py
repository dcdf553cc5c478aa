"""The protocol over HTTP, service side: POST /start, /run, /stop with JSON bodies.

A small server from the standard library, for the reference adapter (``kpcert conformance adapter
--listen``) and for tests; a national system would expose the same three routes from its own stack,
under any base URL it likes. This one answers under :data:`BASE_PATH` (the base URL the README
shows: ``kpcert conformance run --url http://127.0.0.1:8080/conformance``) and, for a bare
``http://host:port``, at the root too.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["BASE_PATH", "COMMANDS", "Handler", "route", "serve_http"]

COMMANDS = ("start", "run", "stop")
BASE_PATH = "/conformance"
"""The path the reference service is documented under; the root serves the same routes."""
MAX_BODY = 64 * 1024 * 1024
"""The largest request read: a run command carries a document of at most a few MiB in base64."""

Handler = Callable[[str, Any], tuple[int, dict[str, Any]]]
"""(command, parsed JSON body) -> (HTTP status, JSON answer)."""


def route(path: str) -> str | None:
    """The command a request path names (``/run``, ``/conformance/run``), or None."""
    path = path.split("?", 1)[0].rstrip("/")
    for base in ("", BASE_PATH):
        for command in COMMANDS:
            if path == f"{base}/{command}":
                return command
    return None


def _request_handler(handler: Handler) -> type[BaseHTTPRequestHandler]:
    class Route(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            command = route(self.path)
            if command is None:
                self._reply(
                    404,
                    {
                        "error": f"no route {self.path}; POST {BASE_PATH}/start, /run or /stop "
                        "(or the same at the root)"
                    },
                )
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._reply(413, {"error": "request too large"})
                return
            try:
                body = json.loads(self.rfile.read(length))
            except ValueError as exc:
                self._reply(400, {"error": f"the body is not JSON: {exc}"})
                return
            self._reply(*handler(command, body))

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the runner keeps the record

    return Route


def serve_http(handler: Handler, host: str, port: int) -> None:
    """Serve the protocol until interrupted; say where on stderr (``port`` 0 picks a free one)."""
    server = ThreadingHTTPServer(
        (host, port), _request_handler(handler)
    )  # a hung request blocks no other
    bound_host, bound_port = server.server_address[:2]
    print(
        f"listening on http://{bound_host!s}:{bound_port}{BASE_PATH} (and at the root): "
        f"kpcert conformance run --url http://{bound_host!s}:{bound_port}{BASE_PATH}",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
