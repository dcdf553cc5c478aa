"""The exchange directory: which node keys and endpoints the Authority Trust List gives to which
authority (KP-BG-052) [KP-REQ-101]."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography import x509

from kpstandard.exchange._envelope import Address
from kpstandard.exchange._httpsig import key_id
from kpstandard.signature.trustlist import TrustList

__all__ = ["Directory", "NodeKey"]


@dataclass(frozen=True)
class NodeKey:
    """A node certificate on the list, and the authority it speaks for."""

    address: Address
    certificate: x509.Certificate
    endpoint: str


@dataclass(frozen=True)
class Directory:
    """The exchange nodes of a verified trust list, indexed by key id and by authority."""

    keys: dict[str, list[NodeKey]]
    endpoints: dict[Address, list[str]]
    roles: dict[Address, tuple[str, ...]]

    @classmethod
    def from_trust_list(cls, trust_list: TrustList) -> Directory:
        keys: dict[str, list[NodeKey]] = {}
        endpoints: dict[Address, list[str]] = {}
        roles: dict[Address, tuple[str, ...]] = {}
        for participant in trust_list.document.participants:
            for authority in participant.authorities:
                address = Address(participant.code, authority.identifier)
                roles[address] = tuple(authority.roles)
                for node in authority.exchange_nodes or ():
                    endpoints.setdefault(address, []).append(node.endpoint)
                    for der in node.certificates:
                        try:
                            cert = x509.load_der_x509_certificate(base64.b64decode(der))
                        except ValueError:
                            continue  # a certificate that does not parse signs nothing
                        keys.setdefault(key_id(cert), []).append(
                            NodeKey(address, cert, node.endpoint)
                        )
        return cls(keys, endpoints, roles)

    def endpoint(self, address: Address) -> str | None:
        """The first endpoint of an authority's node, or None."""
        found = self.endpoints.get(address)
        return found[0] if found else None

    def authorities(self, participant: str, role: str) -> list[Address]:
        """The authorities of a Participant with a role and an exchange node."""
        return sorted(
            a
            for a, r in self.roles.items()
            if a.participant == participant and role in r and a in self.endpoints
        )
