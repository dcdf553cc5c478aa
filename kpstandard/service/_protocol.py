"""uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection.

With several workers, connections accepted by uvicorn workers lacked TCP_NODELAY (likely cause,
not confirmed: the listening socket rebuilt from its descriptor in each worker has ``proto`` 0,
and ``asyncio.base_events._set_nodelay`` checks ``proto == IPPROTO_TCP``). A response is written as
headers then body; without TCP_NODELAY the body waits for the client's delayed ACK, about 40 ms
per request on Linux loopback (measured with ``benchmarks/service.py``: 22 requests/s for one
client with two workers, against 1,800 with one). Setting it here fixes that for any worker count.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol"]


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)  # type: ignore[arg-type]
