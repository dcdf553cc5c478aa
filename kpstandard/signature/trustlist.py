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
from functools import cached_property, lru_cache

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard import findings as F
from kpstandard.findings import Finding
from kpstandard.model import AuthorityTrustList, SigningCertificate, TrustedAuthority
from kpstandard.signature.keys import describe_certificate

__all__ = ["Listing", "TrustList", "validity"]

UTC = datetime.UTC
JUDGED_KEPT = 4096
"""How many answers of :meth:`TrustList.judge` a list keeps (then it starts again)."""


@dataclass(frozen=True)
class Listing:
    """Where a certificate appears on the list."""

    participant: str
    authority: TrustedAuthority
    entry: SigningCertificate


@dataclass(frozen=True)
class TrustList:
    """A verified Authority Trust List, indexed by certificate."""

    document: AuthorityTrustList
    """The list as its operator's signature covers it."""
    operator: x509.Certificate

    @cached_property
    def _by_certificate(self) -> dict[str, list[Listing]]:
        """Every listing by its certificate's base64 text, built once per list."""
        index: dict[str, list[Listing]] = {}
        for participant in self.document.participants:
            for authority in participant.authorities:
                for entry in authority.certificates:
                    listing = Listing(participant.code, authority, entry)
                    index.setdefault(entry.certificate, []).append(listing)
        return index

    @cached_property
    def _judged(self) -> dict[tuple[object, ...], tuple[Finding, ...]]:
        """What :meth:`judge` answered, by its arguments (see there)."""
        return {}

    def listings(self, certificate: x509.Certificate) -> list[Listing]:
        return list(self._by_certificate.get(_listed_form(certificate), ()))

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

        A document carries a date, not an instant, so the certificate must be usable for the
        whole of that (UTC) day: valid, granted and not revoked from its first to its last
        instant. A revocation anywhere on the list counts, whatever entry it is recorded under.

        Args:
            participant: the Participant the document names as signing (exporting, importing).
            authority: the identifier of the authority the document names.
            role: ``exporting`` or ``importing``.
            day: the document's date (of issue, of receipt).
            location: where the signature is, for the findings.

        The answer is a function of the list and the arguments alone (frozen data; a certificate
        compares by its bytes), so it is kept per list: an authority signs many documents a day
        with one certificate. At most ``JUDGED_KEPT`` answers are kept.
        """
        key = (certificate, participant, authority, role, day, location)
        judged = self._judged.get(key)
        if judged is None:
            judged = tuple(self._judge(certificate, participant, authority, role, day, location))
            if len(self._judged) >= JUDGED_KEPT:
                self._judged.clear()
            self._judged[key] = judged
        return list(judged)

    def _judge(
        self,
        certificate: x509.Certificate,
        participant: str,
        authority: str,
        role: str,
        day: datetime.date,
        location: str,
    ) -> list[Finding]:
        listings = self.listings(certificate)
        if not listings:
            message = f"{describe_certificate(certificate)} is on no Participant's list"
            return [F.make_finding(F.UNTRUSTED_SIGNER, location, message)]
        start = datetime.datetime.combine(day, datetime.time(), UTC)
        end = start + datetime.timedelta(days=1)
        revocations = sorted(
            change.since
            for listing in listings
            for change in listing.entry.status_history
            if change.status == "revoked" and change.since < end
        )
        if revocations:
            return [
                F.make_finding(
                    F.KEY_REVOKED,
                    location,
                    f"the signing certificate was revoked from {revocations[0].isoformat()}; "
                    f"the document is dated {day}",
                )
            ]
        mine = [entry for entry in listings if entry.participant == participant]
        if not mine:
            others = ", ".join(sorted({entry.participant for entry in listings}))
            return [
                F.make_finding(
                    F.WRONG_PARTICIPANT,
                    location,
                    f"{describe_certificate(certificate)} signs for {others}, not for "
                    f"{participant}, the Participant the document names",
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
            _judge_entry(certificate, listing.entry, start, end, location) for listing in fitting
        ]
        if any(not p for p in problems):
            return []
        return problems[0]

    def current_at(self, instant: datetime.datetime) -> bool:
        """Whether the list is in force at an instant: issued, and not past its next update."""
        return self.document.issued <= instant <= self.document.next_update


@lru_cache(maxsize=256)
def _listed_form(certificate: x509.Certificate) -> str:
    """How a certificate is written on the list: its DER in base64 (once per certificate: the
    verifier hands the same object for every document one signer signs)."""
    return base64.b64encode(certificate.public_bytes(Encoding.DER)).decode("ascii")


@lru_cache(maxsize=256)
def validity(certificate: x509.Certificate) -> tuple[datetime.datetime, datetime.datetime]:
    """A certificate's X.509 validity as instants: notBefore, and the first instant after notAfter
    (notAfter is the last instant of use). Read once per certificate (cryptography builds new
    datetimes at each read; the verifier hands the same object for every document one signer
    signs)."""
    after = certificate.not_valid_after_utc + datetime.timedelta(seconds=1)
    return certificate.not_valid_before_utc, after


@lru_cache(maxsize=256)
def _key_usage(certificate: x509.Certificate) -> x509.KeyUsage | str | None:
    """The certificate's key usage; None when it has none; a message when it cannot be read.

    Read once per certificate (a function of its bytes alone)."""
    try:
        return certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    except ValueError as exc:  # cryptography parses extensions lazily; a malformed one raises
        return f"its extensions cannot be read ({exc})"


def _judge_entry(
    certificate: x509.Certificate,
    entry: SigningCertificate,
    start: datetime.datetime,
    end: datetime.datetime,
    location: str,
) -> list[Finding]:
    """Whether one listing lets the certificate sign for the whole day [start, end)."""
    day = start.date()
    not_before, after = validity(certificate)
    valid_from = max(entry.valid_from, not_before)
    # ValidUntil is the first instant of no use; an X.509 notAfter is the last instant of use.
    ends = [after]
    if entry.valid_until is not None:
        ends.append(entry.valid_until)
    valid_until = min(ends)
    if not (valid_from <= start and end <= valid_until):
        return [
            F.make_finding(
                F.KEY_NOT_VALID,
                location,
                f"the signing certificate may be used from {valid_from.isoformat()} until "
                f"{valid_until.isoformat()}, not for the whole of {day}, the document's date",
            )
        ]
    history = sorted(entry.status_history, key=lambda change: change.since)
    in_force = [change for change in history if change.since <= start]
    during = [change for change in history if start < change.since < end]
    status = in_force[-1].status if in_force else None
    changed = next((change for change in during if change.status != "granted"), None)
    if status != "granted" or changed is not None:
        if changed is not None:
            what = f"{changed.status} from {changed.since.isoformat()}"
        elif status is None:
            what = "not yet granted"
        else:
            what = f"{status} since {in_force[-1].since.date()}"
        return [
            F.make_finding(
                F.KEY_NOT_VALID,
                location,
                f"on {day}, the document's date, the certificate was {what}",
            )
        ]
    usage = _key_usage(certificate)
    if isinstance(usage, str):  # fail closed: a usage that cannot be read allows nothing
        return [F.make_finding(F.KEY_USAGE, location, f"the certificate's key usage: {usage}")]
    if usage is not None and not usage.digital_signature:
        message = "the certificate's key usage does not assert digitalSignature"
        return [F.make_finding(F.KEY_USAGE, location, message)]
    return []
