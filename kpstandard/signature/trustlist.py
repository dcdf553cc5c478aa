"""The Authority Trust List: reading one that its operator signed, and judging a signer by it.

A certificate embedded in a document is never trusted by itself: a signer is trusted only when the
same certificate (byte for byte) is listed for the Participant the document names, under the
authority the document names, with the role its signature needs, valid and granted on the
document's date [KP-REQ-037]. Key rotation works through the status history: a key retired after
a document's date still verifies it; a key revoked for compromise fails for every document dated
on or after the revocation [KP-REQ-042, KP-REQ-043].
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard.model import AuthorityTrustList, SigningCertificate, TrustedAuthority
from kpstandard.signature.verify import check_signature
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation import findings as F
from kpstandard.validation.findings import Finding

__all__ = ["TrustList", "load_trust_list"]

UTC = datetime.UTC


@dataclass(frozen=True)
class Listing:
    """Where a certificate appears on the list."""

    participant: str
    authority: TrustedAuthority
    entry: SigningCertificate


def _day(instant: datetime.datetime) -> datetime.date:
    """An instant's UTC date: documents carry dates, so instants are compared as dates."""
    return instant.astimezone(UTC).date()


@dataclass(frozen=True)
class TrustList:
    """A verified Authority Trust List, indexed by certificate."""

    document: AuthorityTrustList
    """The list as its operator's signature covers it."""
    operator: x509.Certificate

    def listings(self, certificate: x509.Certificate) -> list[Listing]:
        der = base64.b64encode(certificate.public_bytes(Encoding.DER)).decode("ascii")
        return [
            Listing(participant.code, authority, entry)
            for participant in self.document.participants
            for authority in participant.authorities
            for entry in authority.certificates
            if entry.certificate == der
        ]

    def judge(
        self,
        certificate: x509.Certificate,
        *,
        participant: str,
        authority: str,
        role: str,
        day: datetime.date,
        location: str,
    ) -> list[Finding]:
        """Judge a signer's certificate for a document; return the trust findings (none: trusted).

        Args:
            participant: the Participant the document names as signing (exporting, importing).
            authority: the identifier of the authority the document names.
            role: ``exporting`` or ``importing``.
            day: the document's date (of issue, of receipt).
            location: where the signature is, for the findings.
        """
        listings = self.listings(certificate)
        subject = certificate.subject.rfc4514_string()
        if not listings:
            return [
                F.make_finding(
                    F.UNTRUSTED_SIGNER, location, f"{subject} is on no Participant's list"
                )
            ]
        mine = [entry for entry in listings if entry.participant == participant]
        if not mine:
            others = ", ".join(sorted({entry.participant for entry in listings}))
            return [
                F.make_finding(
                    F.WRONG_PARTICIPANT,
                    location,
                    f"{subject} signs for {others}, not for {participant}, the Participant the "
                    "document names",
                )
            ]
        fitting = [
            e for e in mine if e.authority.identifier == authority and role in e.authority.roles
        ]
        if not fitting:
            listed = ", ".join(
                f"{e.authority.identifier} ({'/'.join(e.authority.roles)})" for e in mine
            )
            return [
                F.make_finding(
                    F.WRONG_AUTHORITY,
                    location,
                    f"the document names authority {authority} signing as {role}; the certificate "
                    f"is listed for {listed}",
                )
            ]
        problems = [
            self._judge_entry(certificate, listing.entry, day, location) for listing in fitting
        ]
        if any(not p for p in problems):
            return []
        return problems[0]

    @staticmethod
    def _judge_entry(
        certificate: x509.Certificate, entry: SigningCertificate, day: datetime.date, location: str
    ) -> list[Finding]:
        revoked = [
            s for s in entry.status_history if s.status == "revoked" and _day(s.since) <= day
        ]
        if revoked:
            reason = f" ({revoked[0].reason})" if revoked[0].reason else ""
            return [
                F.make_finding(
                    F.KEY_REVOKED,
                    location,
                    f"the signing certificate was revoked on {_day(revoked[0].since)}{reason}; "
                    f"the document is dated {day}",
                )
            ]
        starts = _day(max(entry.valid_from, certificate.not_valid_before_utc))
        ends = min(
            [d for d in (entry.valid_until, certificate.not_valid_after_utc) if d is not None]
        )
        if not starts <= day <= _day(ends):
            return [
                F.make_finding(
                    F.KEY_NOT_VALID,
                    location,
                    f"the signing certificate is valid from {starts} to {_day(ends)}; the "
                    f"document is dated {day}",
                )
            ]
        in_force = [
            s for s in sorted(entry.status_history, key=lambda s: s.since) if _day(s.since) <= day
        ]
        status = in_force[-1].status if in_force else None
        if status != "granted":
            what = (
                "not yet granted"
                if status is None
                else f"{status} since {_day(in_force[-1].since)}"
            )
            return [
                F.make_finding(
                    F.KEY_NOT_VALID,
                    location,
                    f"on {day}, the document's date, the certificate was {what}",
                )
            ]
        usage = _key_usage(certificate)
        if usage is not None and not (usage.digital_signature or usage.content_commitment):
            return [
                F.make_finding(
                    F.KEY_USAGE,
                    location,
                    "the certificate's key usage does not allow digital signatures",
                )
            ]
        return []

    def current_at(self, instant: datetime.datetime) -> bool:
        """Whether the list is in force at an instant: issued, and not past its next update."""
        return self.document.issued <= instant <= self.document.next_update


def _key_usage(certificate: x509.Certificate) -> x509.KeyUsage | None:
    try:
        return certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None


def load_trust_list(
    data: bytes, *, anchor: x509.Certificate, limits: Limits = DEFAULT_LIMITS
) -> tuple[TrustList | None, list[Finding]]:
    """Read and verify a signed Authority Trust List against the operator's pinned certificate.

    Returns:
        The list, or None with findings (KP-T-007) saying why it cannot be used.
    """
    checked = check_signature(data, limits=limits)
    if not checked.holds or checked.signed_bytes is None or checked.signer is None:
        codes = ", ".join(f"{f.code} {f.message}" for f in checked.findings)
        return None, [
            F.make_finding(F.TRUST_LIST_INVALID, "", f"the trust list's signature: {codes}")
        ]
    if checked.signer.public_bytes(Encoding.DER) != anchor.public_bytes(Encoding.DER):
        return None, [
            F.make_finding(
                F.TRUST_LIST_INVALID,
                "",
                f"the trust list is signed by {checked.signer.subject.rfc4514_string()}, not by "
                f"the pinned list operator {anchor.subject.rfc4514_string()}",
            )
        ]
    from kpstandard.validation.engine import read  # the engine uses this module: import late

    parsed = read(checked.signed_bytes, limits=limits)
    document: Any = parsed.document
    if not isinstance(document, AuthorityTrustList):
        codes = ", ".join(f.code for f in parsed.findings) or "another document type"
        return None, [F.make_finding(F.TRUST_LIST_INVALID, "", f"not a valid trust list: {codes}")]
    return TrustList(document, checked.signer), []
