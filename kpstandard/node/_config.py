"""A node's configuration: one TOML file, paths relative to it."""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from kpstandard.exchange import Address, Directory, Identity
from kpstandard.pipeline import load_trust_list
from kpstandard.signature.keys import PrivateKey, load_certificate, load_private_key
from kpstandard.signature.trustlist import TrustList

__all__ = ["ConfigError", "Node", "NodeConfig", "load_config"]


class ConfigError(ValueError):
    """The configuration cannot be used; the message says why."""


@dataclass(frozen=True)
class NodeConfig:
    """What a node is configured with (``[node]`` table of the TOML file)."""

    authority: Address
    """This node's authority, ``PARTICIPANT/IDENTIFIER``."""
    name: str
    """The authority's name in English, for its receipts and status responses."""
    host: str
    port: int
    database: str
    """A file path (SQLite) or a URL (``postgresql://...``)."""
    trust_list: Path
    trust_anchor: Path
    key: Path
    """The authority's document-signing key (receipts, status responses)."""
    certificate: Path
    node_key: Path
    """The key that signs the node's HTTP requests (RFC 9421); default: ``key``."""
    node_certificate: Path
    max_body: int = 1_048_576 + 65_536
    body_timeout: float = 10.0
    header_timeout: float = 10.0
    """Seconds for a request's line and header fields to arrive (slow senders, idle
    connections): then ``408`` with KP-EX-008 and the connection is closed."""
    clock_skew: int = 300
    delivery_timeout: float = 60.0
    """Seconds for one delivery by the outbox worker, request and whole answer: a receiver that
    trickles its answer is cut off and the delivery retried."""
    retry_base: float = 1.0
    retry_max: float = 300.0
    max_attempts: int = 0
    """0: retry for ever; n: give up (state failed) after n attempts."""
    relay: tuple[tuple[Address, str], ...] = ()
    """``[node.relay]``: the other authorities this node serves (a hub), each with the endpoint
    it forwards their messages to, or ``"pull"`` to hold them until that authority pulls."""
    pull_from: Address | None = None
    """The peer or hub this node pulls its inbox from (a node without inbound connections)."""
    pull_endpoint: str | None = None
    """The URL of ``pull_from``; default: its endpoint on the trust list."""
    pull_interval: float = 5.0
    quarantine_count: int = 1000
    """How many refused deliveries of one sender the quarantine keeps per
    ``quarantine_period``; past it (or ``quarantine_bytes``) a refusal is KP-EX-030 (``429``),
    nothing stored, and the sender retries later (spec/exchange/protocol.md 5)."""
    quarantine_bytes: int = 64 * 1_048_576
    """How many bytes of one sender's refused deliveries the quarantine keeps per period."""
    quarantine_period: int = 86_400
    """The quota's period in seconds (a sliding window): a day by default."""
    operators: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (
        ipaddress.ip_network("127.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    )
    """``[node] operators``: the client networks served the officer's page, ``/metrics`` and
    the counts of ``/health`` (loopback by default). Others are answered ``404`` KP-EX-018 there
    and ``/health`` without counts; so is a request a proxy forwarded (``Forwarded``,
    ``X-Forwarded-For``, ``X-Real-IP``), whatever its address (spec/exchange/protocol.md 6,
    KP-REQ-130: the page lists every sender's messages)."""
    path_prefix: str = ""
    """The path of the node's endpoint on the trust list (``/kp`` for ``https://host/kp``) when
    a reverse proxy forwards requests under it: the node serves its API under that path. The
    proxy must forward the path as the sender sent it: the sender signs it (RFC 9421 ``@path``,
    spec/exchange/protocol.md 2.4)."""

    @property
    def held(self) -> tuple[str, ...]:
        """The authorities whose messages this node holds for them to pull."""
        return tuple(str(a) for a, target in self.relay if target == "pull")

    def serves(self, address: Address) -> bool:
        """Whether this node receives for ``address``: its own authority, or one it relays for."""
        return address == self.authority or any(a == address for a, _ in self.relay)

    def forward_to(self, address: Address) -> str | None:
        """The endpoint this node forwards ``address``'s messages to (a hub), else None."""
        return next((t for a, t in self.relay if a == address and t != "pull"), None)


def load_config(path: Path) -> NodeConfig:
    try:
        raw = tomllib.loads(path.read_text("utf-8"))["node"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise ConfigError(f"cannot read the node configuration {path}: {exc}") from exc
    base = path.parent

    def file(name: str, default: str | None = None) -> Path:
        value = raw.get(name, default)
        if value is None:
            raise ConfigError(f"{path}: [node] {name} is missing")
        return (base / str(value)).resolve()

    try:
        host, _, port = str(raw.get("listen", "127.0.0.1:8700")).rpartition(":")
        database = str(raw.get("database", "node.sqlite"))
        if "://" not in database:
            database = str((base / database).resolve())
        return NodeConfig(
            authority=Address.parse(str(raw["authority"])),
            name=str(raw.get("name", raw["authority"])),
            host=host or "127.0.0.1",
            port=int(port),
            database=database,
            trust_list=file("trust_list"),
            trust_anchor=file("trust_anchor"),
            key=file("key"),
            certificate=file("certificate"),
            node_key=file("node_key", raw.get("key")),
            node_certificate=file("node_certificate", raw.get("certificate")),
            relay=tuple(
                (Address.parse(str(a)), str(t)) for a, t in dict(raw.get("relay", {})).items()
            ),
            pull_from=Address.parse(str(raw["pull_from"])) if "pull_from" in raw else None,
            pull_endpoint=str(raw["pull_endpoint"]) if "pull_endpoint" in raw else None,
            path_prefix=_path_prefix(raw.get("path_prefix", "")),
            operators=_operators(raw.get("operators")),
            **{
                k: raw[k]
                for k in (
                    "max_body",
                    "body_timeout",
                    "header_timeout",
                    "clock_skew",
                    "delivery_timeout",
                    "retry_base",
                    "retry_max",
                    "max_attempts",
                    "pull_interval",
                    "quarantine_count",
                    "quarantine_bytes",
                    "quarantine_period",
                )
                if k in raw
            },
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _operators(value: object) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``operators``: a list of networks (``["127.0.0.1/32", "10.1.0.0/16"]``); loopback when
    not given."""
    if value is None:
        return NodeConfig.operators
    if not isinstance(value, list):
        raise ValueError(f"operators {value!r} is not a list of networks like 127.0.0.1/32")
    return tuple(ipaddress.ip_network(str(n)) for n in value)


_PREFIX = re.compile(r"(/[A-Za-z0-9._~-]+)*")


def _path_prefix(value: object) -> str:
    """``path_prefix``: "" or segments of unreserved characters, each after a ``/``, none
    empty, no trailing ``/`` (``/kp``, ``/exchange/v1``): the path exactly as senders sign it."""
    text = str(value)
    if _PREFIX.fullmatch(text) is None:
        raise ValueError(
            f"path_prefix {text!r} is not a path like /kp or /exchange/v1 (letters, digits, "
            ". _ ~ - in segments, no trailing /)"
        )
    return text


@dataclass(frozen=True)
class Node:
    """A configured node's keys and verified trust list, loaded once."""

    config: NodeConfig
    trust_list: TrustList
    directory: Directory
    key: PrivateKey
    certificate: x509.Certificate
    identity: Identity

    @classmethod
    def load(cls, config: NodeConfig) -> Node:
        try:
            anchor = load_certificate(config.trust_anchor)
            trust_list, findings = load_trust_list(config.trust_list.read_bytes(), anchor=anchor)
            key = load_private_key(config.key)
            certificate = load_certificate(config.certificate)
            node_key = load_private_key(config.node_key)
            node_certificate = load_certificate(config.node_certificate)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load the node's keys or trust list: {exc}") from exc
        if trust_list is None:
            codes = ", ".join(sorted({f.code for f in findings}))
            raise ConfigError(f"the trust list cannot be used ({codes})")
        return cls(
            config,
            trust_list,
            Directory.from_trust_list(trust_list),
            key,
            certificate,
            Identity(config.authority, node_key, node_certificate),
        )
