"""A vector before it has an id and files: what an area's table produces."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = ["Accept", "Bytes", "Draft", "NotJudged", "Output", "Reject", "noon_after"]


@dataclass(frozen=True)
class Bytes:
    """Exact bytes with their syntax hint, and a name when they are shared between vectors."""

    data: bytes
    syntax: str | None
    shared_name: str | None = None
    """For a context file used by many vectors (a golden certificate, the trust list): its file
    stem."""
    suffix: str | None = None
    """The file's extension when the syntax does not give it (``pem`` for keys and certificates)."""


@dataclass(frozen=True)
class Accept:
    """The input conforms: an implementation must accept it."""

    exercises: tuple[str, ...] = ()
    """Codes whose checks the input passes at or near their boundary."""
    output: Bytes | None = None
    """For a verifier: the data the signature covers, which it must return (KP-REQ-039)."""
    warnings: tuple[str, ...] = ()
    """The warnings the standard asks to report while accepting (KP-REQ-106, KP-R-050): each
    must be among the implementation's; written by hand, like a rejection's codes."""


@dataclass(frozen=True)
class Reject:
    """The input does not conform: an implementation must reject it, for one of these codes."""

    codes: tuple[str, ...]
    location: str | None = None
    """Where the one defect sits, in the input's syntax (JSON Pointer or XPath), when it sits at
    one field: a finding with an allowed code should name it (graded apart, a SHOULD)."""


@dataclass(frozen=True)
class NotJudged:
    """A check that applies could not run: an implementation must say so, never "valid"."""

    codes: tuple[str, ...] = ()
    """The findings that say why it could not run (for the reader: only the outcome is graded)."""


@dataclass(frozen=True)
class Output:
    """A converter must return bytes holding the same data as ``expected`` (``same-data``); an
    issuer, a signed document that the reference verifier accepts against the context's trust list
    and that holds that data (``verifies``)."""

    expected: Bytes
    check: str = "same-data"


@dataclass(frozen=True)
class Draft:
    """One vector of an area, complete but for its id and file names."""

    key: str
    """``area/name/variant``: what the id ledger maps to an id, stable across regenerations."""
    name: str
    description: str
    requirement: str
    roles: tuple[str, ...]
    input: Bytes
    verification_time: str
    expected: Accept | Reject | NotJudged | Output
    base: str | None = None
    mutation: str | None = None
    certificate: Bytes | None = None
    target: str | None = None
    trust_list: Bytes | None = None
    """Verifier (and the grading of an issuer): the Authority Trust List."""
    trust_list_operator: Bytes | None = None
    """The list operator's certificate (PEM) the trust list must be signed with."""
    signing_key: Bytes | None = None
    """Issuer: the test key to sign with (PKCS#8 PEM)."""
    signing_certificate: Bytes | None = None
    """Issuer: the certificate of that key (PEM)."""
    status_evidence: tuple[Bytes, ...] = ()
    """Verifier, importer: signed notices and status responses about the input."""
    anchor_ended_keys: bool = False
    """Verifier, importer: ask for anchoring evidence for retired and expired keys too."""
    requires: tuple[str, ...] = ()
    """Optional features of an implementation the vector needs (SHOULD and MAY only)."""
    versions: tuple[str, ...] | None = None
    """The versions of the standard the vector applies to, when stated by hand; None: derived
    (the version the input declares, else every version of its requirement and codes)."""
    comment: str | None = None
    pending: str | None = None
    """Why the vector is not in the suite yet (it waits for a fix named here); None when it is."""

    @property
    def area(self) -> str:
        return self.key.split("/", 1)[0]


def noon_after(day: datetime.date, days: int = 1) -> str:
    """A pinned verification time: noon UTC, ``days`` after ``day``."""
    return f"{(day + datetime.timedelta(days=days)).isoformat()}T12:00:00Z"
