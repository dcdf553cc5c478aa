"""The reference exchange node (``kpcert node``): an ASGI app over a database that holds the
issuing registry, the outbox, the inbox and the quarantine (spec/exchange/protocol.md)."""

from __future__ import annotations

from kpstandard.node._app import create_app
from kpstandard.node._config import ConfigError, Node, NodeConfig, load_config
from kpstandard.node._pull import Pulled, PullError, pull
from kpstandard.node._send import SendError, queue_document
from kpstandard.node._serve import server
from kpstandard.node._store import NodeStore

__all__ = [
    "ConfigError",
    "Node",
    "NodeConfig",
    "NodeStore",
    "PullError",
    "Pulled",
    "SendError",
    "create_app",
    "load_config",
    "pull",
    "queue_document",
    "server",
]
