"""Rules of the Authority Trust List: dates, status histories, certificates, uniqueness."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from functools import lru_cache

from kpstandard.model import AuthorityTrustList, SigningCertificate
from kpstandard.validation.rules._registry import (
    NONE,
    Context,
    DocumentType,
    Violation,
    Violations,
    rule,
)

TRUST_LIST: tuple[DocumentType, ...] = ("authority-trust-list",)


def _entries(
    document: AuthorityTrustList,
) -> Iterator[tuple[tuple[str | int, ...], SigningCertificate]]:
    for p, participant in enumerate(document.participants):
        for a, authority in enumerate(participant.authorities):
            for c, entry in enumerate(authority.certificates):
                yield ("participants", p, "authorities", a, "certificates", c), entry


@rule(
    "KP-R-037",
    requirement="KP-REQ-038",
    applies_to=TRUST_LIST,
    title="The next update of the trust list is later than its issue",
)
def next_update_after_issue(document: AuthorityTrustList, context: Context) -> Violations:
    if document.next_update > document.issued:
        return NONE
    return (
        Violation(
            ("next_update",),
            f"next update {document.next_update.isoformat()} is not later than the issue "
            f"{document.issued.isoformat()}",
        ),
    )


@rule(
    "KP-R-038",
    requirement="KP-REQ-037",
    applies_to=TRUST_LIST,
    title="A certificate's status history is in time order and begins with its grant",
)
def status_history(document: AuthorityTrustList, context: Context) -> Violations:
    found: list[Violation] = []
    for path, entry in _entries(document):
        history = entry.status_history
        if history[0].status != "granted":
            found.append(
                Violation((*path, "status_history", 0, "status"), "the first status is the grant")
            )
        for index in range(1, len(history)):
            if history[index].since <= history[index - 1].since:
                found.append(
                    Violation(
                        (*path, "status_history", index, "since"),
                        "status changes are listed in time order, each later than the one before",
                    )
                )
        if entry.valid_until is not None and entry.valid_until <= entry.valid_from:
            found.append(
                Violation((*path, "valid_until"), "valid until is not later than valid from")
            )
    return found


@rule(
    "KP-R-039",
    requirement="KP-REQ-035",
    applies_to=TRUST_LIST,
    title="Every listed certificate is an X.509 certificate with a key the profile allows",
)
def certificates_usable(document: AuthorityTrustList, context: Context) -> Violations:
    found: list[Violation] = []
    for path, entry in _entries(document):
        problem = _certificate_problem(entry.certificate)
        if problem:
            found.append(Violation((*path, "certificate"), problem))
    return found


@lru_cache(maxsize=1024)
def _certificate_problem(text: str) -> str | None:
    """What is wrong with a listed certificate (its base64 text), or None: parsed once per text,
    since a list is judged again at every load and its certificates rarely change."""
    # Imported here: cryptography costs 30 ms of every start, and only a trust list needs it.
    from cryptography import x509
    from cryptography.exceptions import UnsupportedAlgorithm

    from kpstandard.signature.profile import key_problem

    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(text))
        public_key = certificate.public_key()  # parsed lazily: a bad key raises only here
    except (binascii.Error, ValueError, UnsupportedAlgorithm, x509.InvalidVersion) as exc:
        return f"not a usable X.509 certificate: {exc}"
    problem = key_problem(public_key)
    return f"the certificate's key is not allowed: {problem}" if problem else None


@rule(
    "KP-R-040",
    requirement="KP-REQ-037",
    applies_to=TRUST_LIST,
    title="Each Participant appears once, and each authority identifier once",
)
def unique_entries(document: AuthorityTrustList, context: Context) -> Violations:
    found: list[Violation] = []
    participants: set[str] = set()
    authorities: set[str] = set()
    for p, participant in enumerate(document.participants):
        if participant.code in participants:
            found.append(
                Violation(("participants", p, "code"), f"{participant.code} is listed twice")
            )
        participants.add(participant.code)
        for a, authority in enumerate(participant.authorities):
            if authority.identifier in authorities:
                found.append(
                    Violation(
                        ("participants", p, "authorities", a, "identifier"),
                        f"authority {authority.identifier} is listed twice",
                    )
                )
            authorities.add(authority.identifier)
    return found


@rule(
    "KP-R-041",
    requirement="KP-REQ-037",
    applies_to=TRUST_LIST,
    title="Each certificate appears once on the list",
)
def certificate_once(document: AuthorityTrustList, context: Context) -> Violations:
    # Listed twice, a certificate could be revoked under one entry and granted under another.
    found: list[Violation] = []
    seen: set[str] = set()
    for path, entry in _entries(document):
        if entry.certificate in seen:
            found.append(
                Violation((*path, "certificate"), "this certificate is already listed above")
            )
        seen.add(entry.certificate)
    return found
