"""The verification payload of a printout's QR code (``spec/text/printout.md``).

A short text, URI-like, with the certificate number in clear so that any phone's QR reader shows
which certificate a printout is for::

    KPC:1/BW/BW0241187/9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
    KPC:1/BW/BW0241187/9F86...0A08?status=https%3A%2F%2Fkp.example.bw%2Fstatus

``KPC`` marks a KP Certificate, ``KPI`` an Import Confirmation, ``KPN`` a Certificate Status
Notice and ``KPR`` a Status Response; then the payload version, the
issuing Participant, the certificate number, the SHA-256 of the exact bytes of the signed document
(64 upper-case hexadecimal digits, so that everything before ``?`` fits the QR alphanumeric mode),
and optionally where the issuing registry answers status queries [KP-REQ-090..KP-REQ-094].
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

__all__ = ["PAYLOAD_VERSION", "PayloadError", "PrintPayload", "parse_payload"]

PAYLOAD_VERSION = "1"
KINDS = {
    "KPC": "kp-certificate",
    "KPI": "import-confirmation",
    "KPN": "certificate-status-notice",
    "KPR": "status-response",
}
MAX_PAYLOAD = 1024
"""The longest payload a reader accepts (a QR code of version 40 holds at most 2953 bytes)."""

_PAYLOAD = re.compile(
    r"(?P<kind>KPC|KPI|KPN|KPR):(?P<version>[0-9]+)/(?P<participant>[A-Z]{2})/"
    r"(?P<number>[A-Z]{2}[0-9A-Z]{1,20})/(?P<digest>[0-9A-F]{64})"
    r"(?:\?status=(?P<status>[A-Za-z0-9%._~-]{1,900}))?"
)


class PayloadError(ValueError):
    """A text that is not a verification payload of a version this implementation reads."""


@dataclass(frozen=True)
class PrintPayload:
    """What a printout's QR code says."""

    document_type: str
    """``kp-certificate``, ``import-confirmation``, ``certificate-status-notice`` or
    ``status-response``."""
    participant: str
    """The issuing Participant: the exporting one of a certificate, a notice and a status
    response, the importing one of a confirmation."""
    number: str
    """The document's number: the certificate number, the confirmation number, the notice
    number; for a status response (which has none) the number of the certificate it is about."""
    sha256: str
    """The SHA-256 of the exact bytes of the signed document, 64 upper-case hex digits."""
    status_url: str | None = None
    """Where the issuing registry answers status queries, when the issuer gives it."""

    @classmethod
    def of(
        cls,
        document_type: str,
        participant: str,
        number: str,
        signed: bytes,
        status_url: str | None = None,
    ) -> PrintPayload:
        """The payload of a signed document (``signed``: its exact bytes)."""
        digest = hashlib.sha256(signed).hexdigest().upper()
        return cls(document_type, participant, number, digest, status_url)

    def text(self) -> str:
        """The payload as the QR code carries it."""
        kind = next(k for k, v in KINDS.items() if v == self.document_type)
        text = f"{kind}:{PAYLOAD_VERSION}/{self.participant}/{self.number}/{self.sha256}"
        if self.status_url:
            text += "?status=" + quote(self.status_url, safe="")
        return text

    def matches(self, signed: bytes) -> bool:
        """Whether ``signed`` are the bytes whose digest the payload carries."""
        return hashlib.sha256(signed).hexdigest().upper() == self.sha256


def parse_payload(text: str) -> PrintPayload:
    """Read a payload as a QR reader returns it (surrounding white space is ignored).

    Raises:
        PayloadError: the text is not a payload, or of a version this reader does not know.
    """
    text = text.strip()
    if len(text) > MAX_PAYLOAD:
        raise PayloadError(f"a payload has at most {MAX_PAYLOAD} characters")
    match = _PAYLOAD.fullmatch(text)
    if match is None:
        raise PayloadError(
            "not a KP verification payload (expected KPC:1/<Participant>/<number>/<SHA-256>)"
        )
    if match["version"] != PAYLOAD_VERSION:
        raise PayloadError(f"payload version {match['version']} is not known (this reader: 1)")
    status = unquote(match["status"]) if match["status"] else None
    if status is not None and not status.startswith("https://"):
        raise PayloadError("the status address of a payload must be an https:// URL")
    return PrintPayload(
        KINDS[match["kind"]], match["participant"], match["number"], match["digest"], status
    )
