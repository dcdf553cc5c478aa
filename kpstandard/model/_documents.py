"""The document classes of kpstandard model 1.1.0.

GENERATED from spec/model by `kpcert spec build`; do not edit (`kpcert spec check` fails
when this file is stale). One frozen dataclass per class of the model; each field's
docstring names the business terms it carries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from reprlib import recursive_repr as _recursive_repr

from kpstandard.model.values import MultilingualText

_set = object.__setattr__

MODEL_VERSION = "1.1.0"
SPEC_VERSION = "1.1"

__all__ = [
    "MODEL_VERSION",
    "SPEC_VERSION",
    "AdditionalData",
    "Authority",
    "AuthorityTrustList",
    "CertificateReference",
    "CertificateStatusNotice",
    "Digest",
    "Discrepancy",
    "ExchangeNode",
    "HybridMode",
    "ImportConfirmation",
    "KPCertificate",
    "Origin",
    "Party",
    "Receipt",
    "ReceivedLine",
    "Shipment",
    "ShipmentLine",
    "ShipmentTotals",
    "SigningCertificate",
    "StatusChange",
    "StatusResponse",
    "TrustedAuthority",
    "TrustedParticipant",
    "Validation",
]


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class AdditionalData:
    """A data element that the exporting Participant adds to its certificates (for example an
    export filing number), as a name and a value. Carries: KP-BG-009 Additional data.
    """

    name: str
    """KP-BT-039 Additional data name (1..1). The name of the data element, as the Participant
    defines it.
    """

    value: str
    """KP-BT-040 Additional data value (1..1). The value of the data element."""

    participant: str | None = None
    """KP-BT-090 Defining Participant (0..1). The Participant that defines the data element (the
    exporting Participant).
    """

    def __init__(self, *, name: str, value: str, participant: str | None = None) -> None:
        _set(self, "name", name)
        _set(self, "value", value)
        _set(self, "participant", participant)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"name={self.name!r}, "
            f"value={self.value!r}, "
            f"participant={self.participant!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name,
            self.value,
            self.participant,
        ) == (
            other.name,
            other.value,
            other.participant,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.name,
                self.value,
                self.participant,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Authority:
    """The Exporting Authority that issues and validates the certificate. Carries: KP-BG-001
    Issuing authority; KP-BG-012 Importing authority; KP-BG-018 List operator; KP-BG-037
    Issuing authority of the notice; KP-BG-040 Responding authority; KP-BG-050 Receiving
    authority.
    """

    name: MultilingualText
    """KP-BT-011 Issuing authority name; KP-BT-049 Importing authority name; KP-BT-072 Operator
    name; KP-BT-127 Notice issuing authority name; KP-BT-142 Responding authority name;
    KP-BT-172 Receiving authority name (1..1). The name of the authority.
    """

    identifier: str
    """KP-BT-012 Issuing authority identifier; KP-BT-050 Importing authority identifier;
    KP-BT-073 Operator identifier; KP-BT-128 Notice issuing authority identifier; KP-BT-143
    Responding authority identifier; KP-BT-173 Receiving authority identifier (1..1). The
    identifier of the authority, as listed for its Participant in the Authority Trust List.
    """

    address: MultilingualText | None = None
    """KP-BT-013 Issuing authority address; KP-BT-051 Importing authority address; KP-BT-074
    Operator address; KP-BT-129 Notice issuing authority address; KP-BT-144 Responding
    authority address; KP-BT-174 Receiving authority address (0..1). The postal address of the
    authority.
    """

    def __init__(
        self,
        *,
        name: MultilingualText,
        identifier: str,
        address: MultilingualText | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "identifier", identifier)
        _set(self, "address", address)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"name={self.name!r}, "
            f"identifier={self.identifier!r}, "
            f"address={self.address!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name,
            self.identifier,
            self.address,
        ) == (
            other.name,
            other.identifier,
            other.address,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.name,
                self.identifier,
                self.address,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class AuthorityTrustList:
    """The list, kept by the list operator for the Kimberley Process, of the Exporting and
    Importing Authorities of each Participant and the certificates with which they sign, each
    with its validity and status history. Carries: AuthorityTrustList Authority Trust List.
    """

    spec_version: str
    """KP-BT-071 Specification version (1..1). The version of this standard the trust list
    conforms to.
    """

    operator: Authority
    """KP-BG-018 List operator (1..1). The body that keeps and signs the trust list."""

    sequence_number: int
    """KP-BT-075 Sequence number (1..1). The number of this issue of the list, one more than the
    previous issue's; a verifier never accepts a lower number than one it has already
    accepted.
    """

    issued: datetime.datetime
    """KP-BT-076 Issue date and time (1..1). The instant this issue of the list was issued."""

    next_update: datetime.datetime
    """KP-BT-077 Next update (1..1). The instant by which the next issue will be published; after
    it, this issue is outdated and signatures cannot be judged against it.
    """

    participants: tuple[TrustedParticipant, ...]
    """KP-BG-019 Participant entry (1..n). A Participant and its authorities."""

    def __init__(
        self,
        *,
        spec_version: str,
        operator: Authority,
        sequence_number: int,
        issued: datetime.datetime,
        next_update: datetime.datetime,
        participants: tuple[TrustedParticipant, ...],
    ) -> None:
        _set(self, "spec_version", spec_version)
        _set(self, "operator", operator)
        _set(self, "sequence_number", sequence_number)
        _set(self, "issued", issued)
        _set(self, "next_update", next_update)
        _set(self, "participants", participants)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"spec_version={self.spec_version!r}, "
            f"operator={self.operator!r}, "
            f"sequence_number={self.sequence_number!r}, "
            f"issued={self.issued!r}, "
            f"next_update={self.next_update!r}, "
            f"participants={self.participants!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.spec_version,
            self.operator,
            self.sequence_number,
            self.issued,
            self.next_update,
            self.participants,
        ) == (
            other.spec_version,
            other.operator,
            other.sequence_number,
            other.issued,
            other.next_update,
            other.participants,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.spec_version,
                self.operator,
                self.sequence_number,
                self.issued,
                self.next_update,
                self.participants,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class CertificateReference:
    """The KP Certificate whose shipment this confirmation acknowledges. Carries: KP-BG-010
    Certificate reference; KP-BG-035 Certificate concerned.
    """

    number: str
    """KP-BT-043 Referenced certificate number; KP-BT-122 Certificate number concerned (1..1).
    The number of the certificate.
    """

    exporting_participant: str
    """KP-BT-044 Referenced certificate exporting Participant; KP-BT-123 Exporting Participant of
    the certificate concerned (1..1). The exporting Participant named on the certificate.
    """

    date_of_issue: datetime.date
    """KP-BT-045 Referenced certificate date of issue; KP-BT-124 Date of issue of the certificate
    concerned (1..1). The date of issue of the certificate.
    """

    digest: Digest
    """KP-BG-011 Certificate digest; KP-BG-036 Digest of the certificate concerned (1..1). A
    digest of the certificate as it was received (its exact bytes), binding the confirmation
    to that document.
    """

    def __init__(
        self,
        *,
        number: str,
        exporting_participant: str,
        date_of_issue: datetime.date,
        digest: Digest,
    ) -> None:
        _set(self, "number", number)
        _set(self, "exporting_participant", exporting_participant)
        _set(self, "date_of_issue", date_of_issue)
        _set(self, "digest", digest)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"number={self.number!r}, "
            f"exporting_participant={self.exporting_participant!r}, "
            f"date_of_issue={self.date_of_issue!r}, "
            f"digest={self.digest!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.number,
            self.exporting_participant,
            self.date_of_issue,
            self.digest,
        ) == (
            other.number,
            other.exporting_participant,
            other.date_of_issue,
            other.digest,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.number,
                self.exporting_participant,
                self.date_of_issue,
                self.digest,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class CertificateStatusNotice:
    """The Exporting Authority's signed notice that a KP Certificate it issued has a new status
    from a given instant: void, replaced, reported lost, reported stolen or withdrawn.
    Carries: CertificateStatusNotice Certificate Status Notice.
    """

    spec_version: str
    """KP-BT-120 Specification version (1..1). The version of this standard the notice conforms
    to.
    """

    notice_number: str
    """KP-BT-121 Notice number (1..1). The unique number of the notice, beginning with the ISO
    3166-1 alpha-2 code of the exporting Participant ("EU" for the European Union).
    """

    certificate: CertificateReference
    """KP-BG-035 Certificate concerned (1..1). The KP Certificate whose status changes, by number
    and digest.
    """

    issuing_authority: Authority
    """KP-BG-037 Issuing authority of the notice (1..1). The Exporting Authority that issued the
    certificate and issues this notice; only it may change the certificate's status.
    """

    status: str
    """KP-BT-130 New status (1..1). The status of the certificate from the effective instant."""

    replaced_by: str | None = None
    """KP-BT-131 Replacement certificate number (0..1). For the status "replaced", the number of
    the certificate that replaces this one (which names this one as the certificate it
    replaces, KP-BT-006).
    """

    reason: str
    """KP-BT-132 Reason code (1..1). Why the status changed, coded."""

    reason_text: MultilingualText | None = None
    """KP-BT-133 Reason text (0..1). Why the status changed, in words, in English and optionally
    in other languages.
    """

    effective_from: datetime.datetime
    """KP-BT-134 Effective instant (1..1). The instant from which the new status holds; not
    before the certificate's date of issue.
    """

    def __init__(
        self,
        *,
        spec_version: str,
        notice_number: str,
        certificate: CertificateReference,
        issuing_authority: Authority,
        status: str,
        replaced_by: str | None = None,
        reason: str,
        reason_text: MultilingualText | None = None,
        effective_from: datetime.datetime,
    ) -> None:
        _set(self, "spec_version", spec_version)
        _set(self, "notice_number", notice_number)
        _set(self, "certificate", certificate)
        _set(self, "issuing_authority", issuing_authority)
        _set(self, "status", status)
        _set(self, "replaced_by", replaced_by)
        _set(self, "reason", reason)
        _set(self, "reason_text", reason_text)
        _set(self, "effective_from", effective_from)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"spec_version={self.spec_version!r}, "
            f"notice_number={self.notice_number!r}, "
            f"certificate={self.certificate!r}, "
            f"issuing_authority={self.issuing_authority!r}, "
            f"status={self.status!r}, "
            f"replaced_by={self.replaced_by!r}, "
            f"reason={self.reason!r}, "
            f"reason_text={self.reason_text!r}, "
            f"effective_from={self.effective_from!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.spec_version,
            self.notice_number,
            self.certificate,
            self.issuing_authority,
            self.status,
            self.replaced_by,
            self.reason,
            self.reason_text,
            self.effective_from,
        ) == (
            other.spec_version,
            other.notice_number,
            other.certificate,
            other.issuing_authority,
            other.status,
            other.replaced_by,
            other.reason,
            other.reason_text,
            other.effective_from,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.spec_version,
                self.notice_number,
                self.certificate,
                self.issuing_authority,
                self.status,
                self.replaced_by,
                self.reason,
                self.reason_text,
                self.effective_from,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Digest:
    """A digest of the certificate as it was received (its exact bytes), binding the confirmation
    to that document. Carries: KP-BG-011 Certificate digest; KP-BG-036 Digest of the
    certificate concerned; KP-BG-041 Queried certificate digest; KP-BG-051 Received document
    digest.
    """

    algorithm: str
    """KP-BT-046 Digest algorithm; KP-BT-125 Digest algorithm; KP-BT-146 Digest algorithm;
    KP-BT-180 Digest algorithm (1..1). The algorithm of the digest.
    """

    value: str
    """KP-BT-047 Digest value; KP-BT-126 Digest value; KP-BT-147 Digest value; KP-BT-181 Digest
    value (1..1). The digest of the certificate's bytes, in base64.
    """

    def __init__(self, *, algorithm: str, value: str) -> None:
        _set(self, "algorithm", algorithm)
        _set(self, "value", value)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"algorithm={self.algorithm!r}, "
            f"value={self.value!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.algorithm,
            self.value,
        ) == (
            other.algorithm,
            other.value,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.algorithm,
                self.value,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Discrepancy:
    """A difference between what was received and what the certificate states, for one HS code
    (or the totals) and one quantity. Carries: KP-BG-024 Discrepancy.
    """

    hs_code: str | None = None
    """KP-BT-094 Discrepancy HS code (0..1). The HS code whose received quantity differs, or that
    differs itself (quantity `hs-code`); absent when only the totals differ.
    """

    quantity: str
    """KP-BT-095 Discrepancy quantity (1..1). Which quantity differs (carat weight, value or
    number of parcels), or `hs-code` when goods were received under an HS code the certificate
    does not state or nothing under one it states.
    """

    explanation: MultilingualText | None = None
    """KP-BT-096 Discrepancy explanation (0..1). What the Importing Authority found (for example,
    the weight on re-weighing).
    """

    def __init__(
        self,
        *,
        hs_code: str | None = None,
        quantity: str,
        explanation: MultilingualText | None = None,
    ) -> None:
        _set(self, "hs_code", hs_code)
        _set(self, "quantity", quantity)
        _set(self, "explanation", explanation)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"hs_code={self.hs_code!r}, "
            f"quantity={self.quantity!r}, "
            f"explanation={self.explanation!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.hs_code,
            self.quantity,
            self.explanation,
        ) == (
            other.hs_code,
            other.quantity,
            other.explanation,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.hs_code,
                self.quantity,
                self.explanation,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class ExchangeNode:
    """A node of the exchange protocol that the authority runs (or a hub that runs it on its
    behalf): where it is reached, and the certificates whose keys sign its requests and
    answers (spec/exchange/protocol.md). Carries: KP-BG-052 Exchange node.
    """

    endpoint: str
    """KP-BT-183 Endpoint URL (1..1). The base URL of the node's exchange API."""

    certificates: tuple[str, ...]
    """KP-BT-184 Node certificate (1..n). An X.509 certificate, DER encoded, in base64, whose key
    signs the node's HTTP requests and answers (RFC 9421); several during a key rotation.
    """

    def __init__(self, *, endpoint: str, certificates: tuple[str, ...]) -> None:
        _set(self, "endpoint", endpoint)
        _set(self, "certificates", certificates)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"endpoint={self.endpoint!r}, "
            f"certificates={self.certificates!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.endpoint,
            self.certificates,
        ) == (
            other.endpoint,
            other.certificates,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.endpoint,
                self.certificates,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class HybridMode:
    """For a shipment that travels with the paper certificate as well during the transition: the
    paper original this document is the digital twin of, and which of the two governs.
    Carries: KP-BG-023 Hybrid mode.
    """

    paper_serial_number: str
    """KP-BT-091 Paper certificate serial number (1..1). The serial number printed on the
    security-printed paper certificate that travels with the shipment.
    """

    governing: str
    """KP-BT-092 Governing form (1..1). Which of the paper original and the digital twin governs
    when they differ.
    """

    def __init__(self, *, paper_serial_number: str, governing: str) -> None:
        _set(self, "paper_serial_number", paper_serial_number)
        _set(self, "governing", governing)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"paper_serial_number={self.paper_serial_number!r}, "
            f"governing={self.governing!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.paper_serial_number,
            self.governing,
        ) == (
            other.paper_serial_number,
            other.governing,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.paper_serial_number,
                self.governing,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class ImportConfirmation:
    """The Importing Authority's confirmation that it received a shipment with its KP
    Certificate, referring to that certificate by number and digest (KPCS Section III(b) and
    Annex I). Carries: ImportConfirmation Import Confirmation.
    """

    spec_version: str
    """KP-BT-041 Specification version (1..1). The version of this standard the confirmation
    conforms to.
    """

    confirmation_number: str
    """KP-BT-042 Confirmation number (1..1). The unique number of the confirmation, beginning
    with the ISO 3166-1 alpha-2 code of the importing Participant ("EU" for the European
    Union).
    """

    certificate: CertificateReference
    """KP-BG-010 Certificate reference (1..1). The KP Certificate whose shipment this
    confirmation acknowledges.
    """

    importing_participant: str
    """KP-BT-048 Country of destination (1..1). The importing Participant, to which the shipment
    was delivered.
    """

    importing_authority: Authority
    """KP-BG-012 Importing authority (1..1). The Importing Authority that received the shipment
    and confirms it.
    """

    exporter: Party
    """KP-BG-013 Exporter (1..1). The exporter named on the certificate."""

    importer: Party
    """KP-BG-014 Importer (1..1). The importer that received the shipment."""

    lines: tuple[ReceivedLine, ...]
    """KP-BG-015 Received line (1..n). The parcels received under one HS subheading, with their
    carat weight, value and number.
    """

    totals: ShipmentTotals
    """KP-BG-016 Received totals (1..1). The totals of what was received, equal to the sums of
    the lines.
    """

    outcome: str | None = None
    """KP-BT-093 Outcome (0..1). What the Importing Authority found on receipt: the shipment
    confirmed as certified, confirmed with discrepancies (each stated), or refused (with
    reasons). Absent in a 1.0 confirmation, which can only confirm the shipment as certified.
    """

    discrepancies: tuple[Discrepancy, ...] | None = None
    """KP-BG-024 Discrepancy (0..n). A difference between what was received and what the
    certificate states, for one HS code (or the totals) and one quantity.
    """

    refusal_reasons: MultilingualText | None = None
    """KP-BT-097 Reasons for refusal (0..1). Why the Importing Authority refused the shipment."""

    date_of_receipt: datetime.date
    """KP-BT-067 Date of receipt (1..1). The date on which the Importing Authority received the
    shipment and its certificate.
    """

    authentication: Validation
    """KP-BG-017 Authentication (1..1). The authentication of the confirmation by an officer of
    the Importing Authority.
    """

    def __init__(
        self,
        *,
        spec_version: str,
        confirmation_number: str,
        certificate: CertificateReference,
        importing_participant: str,
        importing_authority: Authority,
        exporter: Party,
        importer: Party,
        lines: tuple[ReceivedLine, ...],
        totals: ShipmentTotals,
        outcome: str | None = None,
        discrepancies: tuple[Discrepancy, ...] | None = None,
        refusal_reasons: MultilingualText | None = None,
        date_of_receipt: datetime.date,
        authentication: Validation,
    ) -> None:
        _set(self, "spec_version", spec_version)
        _set(self, "confirmation_number", confirmation_number)
        _set(self, "certificate", certificate)
        _set(self, "importing_participant", importing_participant)
        _set(self, "importing_authority", importing_authority)
        _set(self, "exporter", exporter)
        _set(self, "importer", importer)
        _set(self, "lines", lines)
        _set(self, "totals", totals)
        _set(self, "outcome", outcome)
        _set(self, "discrepancies", discrepancies)
        _set(self, "refusal_reasons", refusal_reasons)
        _set(self, "date_of_receipt", date_of_receipt)
        _set(self, "authentication", authentication)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"spec_version={self.spec_version!r}, "
            f"confirmation_number={self.confirmation_number!r}, "
            f"certificate={self.certificate!r}, "
            f"importing_participant={self.importing_participant!r}, "
            f"importing_authority={self.importing_authority!r}, "
            f"exporter={self.exporter!r}, "
            f"importer={self.importer!r}, "
            f"lines={self.lines!r}, "
            f"totals={self.totals!r}, "
            f"outcome={self.outcome!r}, "
            f"discrepancies={self.discrepancies!r}, "
            f"refusal_reasons={self.refusal_reasons!r}, "
            f"date_of_receipt={self.date_of_receipt!r}, "
            f"authentication={self.authentication!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.spec_version,
            self.confirmation_number,
            self.certificate,
            self.importing_participant,
            self.importing_authority,
            self.exporter,
            self.importer,
            self.lines,
            self.totals,
            self.outcome,
            self.discrepancies,
            self.refusal_reasons,
            self.date_of_receipt,
            self.authentication,
        ) == (
            other.spec_version,
            other.confirmation_number,
            other.certificate,
            other.importing_participant,
            other.importing_authority,
            other.exporter,
            other.importer,
            other.lines,
            other.totals,
            other.outcome,
            other.discrepancies,
            other.refusal_reasons,
            other.date_of_receipt,
            other.authentication,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.spec_version,
                self.confirmation_number,
                self.certificate,
                self.importing_participant,
                self.importing_authority,
                self.exporter,
                self.importer,
                self.lines,
                self.totals,
                self.outcome,
                self.discrepancies,
                self.refusal_reasons,
                self.date_of_receipt,
                self.authentication,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class KPCertificate:
    """The certificate that accompanies every shipment of rough diamonds exported by a
    Participant, validated by the Exporting Authority (KPCS Section II and Annex I). Carries:
    KPCertificate Kimberley Process Certificate.
    """

    spec_version: str
    """KP-BT-001 Specification version (1..1). The version of this standard the certificate
    conforms to.
    """

    certificate_number: str
    """KP-BT-002 Certificate number (1..1). The unique number of the certificate, beginning with
    the code of the exporting Participant or issuing entity in the Participants code list (its
    ISO 3166-1 alpha-2 code, "EU" for the European Union; an issuing entity's code is its
    number prefix, e.g. HK).
    """

    title: MultilingualText
    """KP-BT-003 Title (1..1). The title "Kimberley Process Certificate", in English and
    optionally in other languages.
    """

    statement: MultilingualText
    """KP-BT-004 Statement (1..1). The statement "The rough diamonds in this shipment have been
    handled in accordance with the provisions of the Kimberley Process Certification Scheme
    for rough diamonds", in English and optionally in other languages.
    """

    status: str
    """KP-BT-005 Status (1..1). Whether this is the original certificate for the shipment or a
    replacement.
    """

    replaces: str | None = None
    """KP-BT-006 Replaced certificate number (0..1). For a replacement, the number of the
    certificate it replaces.
    """

    exporting_participant: str
    """KP-BT-007 Exporting Participant (1..1). The Participant whose Exporting Authority
    validates the certificate, by its code in the Participants code list; for a certificate of
    an issuing entity (a separate customs territory or trading entity that issues its own
    certificates with its own authority and number prefix: Hong Kong within China's
    participation, the rough-diamond trading entity of Chinese Taipei), the entity's code.
    """

    importing_participant: str
    """KP-BT-008 Importing Participant (1..1). The Participant of destination of the shipment, by
    its code in the Participants code list (an issuing entity's code when the shipment goes to
    its territory).
    """

    date_of_issue: datetime.date
    """KP-BT-009 Date of issue (1..1). The date on which the Exporting Authority issued and
    validated the certificate.
    """

    date_of_expiry: datetime.date
    """KP-BT-010 Date of expiry (1..1). The last date on which the shipment may be presented to
    the importing authority under the certificate. A verification after this date accepts the
    certificate only with the importing authority's own signed import confirmation of it
    stating a date of receipt on or before this date: its record of the goods, not a delivery
    receipt of the document (KP-REQ-041).
    """

    issuing_authority: Authority
    """KP-BG-001 Issuing authority (1..1). The Exporting Authority that issues and validates the
    certificate.
    """

    exporter: Party
    """KP-BG-002 Exporter (1..1). The person or company that exports the shipment."""

    importer: Party
    """KP-BG-003 Importer (1..1). The person or company to which the shipment is consigned."""

    country_of_provenance: str | None = None
    """KP-BT-022 Country of provenance (0..1). The last Participant from where the shipment was
    exported, as recorded on import documentation, when the shipment is re-exported.
    """

    shipment: Shipment
    """KP-BG-004 Shipment (1..1). The parcels of rough diamonds exported together under this
    certificate.
    """

    validation: Validation
    """KP-BG-008 Validation (1..1). The validation of the certificate by an officer of the
    Exporting Authority.
    """

    additional_data: tuple[AdditionalData, ...] | None = None
    """KP-BG-009 Additional data (0..n). A data element that the exporting Participant adds to
    its certificates (for example an export filing number), as a name and a value.
    """

    hybrid_mode: HybridMode | None = None
    """KP-BG-023 Hybrid mode (0..1). For a shipment that travels with the paper certificate as
    well during the transition: the paper original this document is the digital twin of, and
    which of the two governs.
    """

    def __init__(
        self,
        *,
        spec_version: str,
        certificate_number: str,
        title: MultilingualText,
        statement: MultilingualText,
        status: str,
        replaces: str | None = None,
        exporting_participant: str,
        importing_participant: str,
        date_of_issue: datetime.date,
        date_of_expiry: datetime.date,
        issuing_authority: Authority,
        exporter: Party,
        importer: Party,
        country_of_provenance: str | None = None,
        shipment: Shipment,
        validation: Validation,
        additional_data: tuple[AdditionalData, ...] | None = None,
        hybrid_mode: HybridMode | None = None,
    ) -> None:
        _set(self, "spec_version", spec_version)
        _set(self, "certificate_number", certificate_number)
        _set(self, "title", title)
        _set(self, "statement", statement)
        _set(self, "status", status)
        _set(self, "replaces", replaces)
        _set(self, "exporting_participant", exporting_participant)
        _set(self, "importing_participant", importing_participant)
        _set(self, "date_of_issue", date_of_issue)
        _set(self, "date_of_expiry", date_of_expiry)
        _set(self, "issuing_authority", issuing_authority)
        _set(self, "exporter", exporter)
        _set(self, "importer", importer)
        _set(self, "country_of_provenance", country_of_provenance)
        _set(self, "shipment", shipment)
        _set(self, "validation", validation)
        _set(self, "additional_data", additional_data)
        _set(self, "hybrid_mode", hybrid_mode)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"spec_version={self.spec_version!r}, "
            f"certificate_number={self.certificate_number!r}, "
            f"title={self.title!r}, "
            f"statement={self.statement!r}, "
            f"status={self.status!r}, "
            f"replaces={self.replaces!r}, "
            f"exporting_participant={self.exporting_participant!r}, "
            f"importing_participant={self.importing_participant!r}, "
            f"date_of_issue={self.date_of_issue!r}, "
            f"date_of_expiry={self.date_of_expiry!r}, "
            f"issuing_authority={self.issuing_authority!r}, "
            f"exporter={self.exporter!r}, "
            f"importer={self.importer!r}, "
            f"country_of_provenance={self.country_of_provenance!r}, "
            f"shipment={self.shipment!r}, "
            f"validation={self.validation!r}, "
            f"additional_data={self.additional_data!r}, "
            f"hybrid_mode={self.hybrid_mode!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.spec_version,
            self.certificate_number,
            self.title,
            self.statement,
            self.status,
            self.replaces,
            self.exporting_participant,
            self.importing_participant,
            self.date_of_issue,
            self.date_of_expiry,
            self.issuing_authority,
            self.exporter,
            self.importer,
            self.country_of_provenance,
            self.shipment,
            self.validation,
            self.additional_data,
            self.hybrid_mode,
        ) == (
            other.spec_version,
            other.certificate_number,
            other.title,
            other.statement,
            other.status,
            other.replaces,
            other.exporting_participant,
            other.importing_participant,
            other.date_of_issue,
            other.date_of_expiry,
            other.issuing_authority,
            other.exporter,
            other.importer,
            other.country_of_provenance,
            other.shipment,
            other.validation,
            other.additional_data,
            other.hybrid_mode,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.spec_version,
                self.certificate_number,
                self.title,
                self.statement,
                self.status,
                self.replaces,
                self.exporting_participant,
                self.importing_participant,
                self.date_of_issue,
                self.date_of_expiry,
                self.issuing_authority,
                self.exporter,
                self.importer,
                self.country_of_provenance,
                self.shipment,
                self.validation,
                self.additional_data,
                self.hybrid_mode,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Origin:
    """The country or countries where the diamonds on this line were mined or extracted, or the
    mark that they are of mixed origin. Carries: KP-BG-006 Origin.
    """

    mixed: bool | None = None
    """KP-BT-024 Mixed origin (0..1). True when the parcels contain rough diamonds from two or
    more countries of origin, mixed together.
    """

    countries: tuple[str, ...] | None = None
    """KP-BT-025 Country of origin (0..n). A country where the diamonds on this line were mined
    or extracted. From 1.1 a line of unmixed origin names exactly one; a line of mixed origin
    may name the countries of mining origin where they are known, as best practice above the
    minimum requirements (two or more).
    """

    def __init__(
        self,
        *,
        mixed: bool | None = None,
        countries: tuple[str, ...] | None = None,
    ) -> None:
        _set(self, "mixed", mixed)
        _set(self, "countries", countries)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"mixed={self.mixed!r}, "
            f"countries={self.countries!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.mixed,
            self.countries,
        ) == (
            other.mixed,
            other.countries,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.mixed,
                self.countries,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Party:
    """The person or company that exports the shipment. Carries: KP-BG-002 Exporter; KP-BG-003
    Importer; KP-BG-013 Exporter; KP-BG-014 Importer.
    """

    name: MultilingualText
    """KP-BT-014 Exporter name; KP-BT-018 Importer name; KP-BT-052 Exporter name; KP-BT-056
    Importer name (1..1). The name of the exporter.
    """

    address: MultilingualText
    """KP-BT-015 Exporter address; KP-BT-019 Importer address; KP-BT-053 Exporter address;
    KP-BT-057 Importer address (1..1). The address of the exporter.
    """

    country: str
    """KP-BT-016 Exporter country; KP-BT-020 Importer country; KP-BT-054 Exporter country;
    KP-BT-058 Importer country (1..1). The country of the exporter's address.
    """

    licence_number: str | None = None
    """KP-BT-017 Exporter licence number; KP-BT-021 Importer licence number; KP-BT-055 Exporter
    licence number; KP-BT-059 Importer licence number (0..1). The exporter's licence or
    registration number, where the Participant issues one.
    """

    def __init__(
        self,
        *,
        name: MultilingualText,
        address: MultilingualText,
        country: str,
        licence_number: str | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "address", address)
        _set(self, "country", country)
        _set(self, "licence_number", licence_number)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"name={self.name!r}, "
            f"address={self.address!r}, "
            f"country={self.country!r}, "
            f"licence_number={self.licence_number!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name,
            self.address,
            self.country,
            self.licence_number,
        ) == (
            other.name,
            other.address,
            other.country,
            other.licence_number,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.name,
                self.address,
                self.country,
                self.licence_number,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Receipt:
    """The receiving authority's signed acknowledgement that its node accepted a delivered
    document of the standard: which document (type, number, digest, message), from whom, and
    the instant the receiving system recorded it. Carries: Receipt Delivery Receipt.
    """

    spec_version: str
    """KP-BT-170 Specification version (1..1). The version of this standard the receipt conforms
    to.
    """

    participant: str
    """KP-BT-171 Receiving Participant (1..1). The Participant whose authority received the
    document and signs the receipt.
    """

    receiving_authority: Authority
    """KP-BG-050 Receiving authority (1..1). The authority whose node received the document and
    that signs the receipt.
    """

    message_id: str
    """KP-BT-175 Message identifier (1..1). The identifier of the delivery message, as the
    sending node gave it.
    """

    sender_participant: str
    """KP-BT-176 Sending Participant (1..1). The Participant whose authority delivered the
    document.
    """

    sender_authority: str
    """KP-BT-177 Sending authority identifier (1..1). The identifier of the authority that
    delivered the document.
    """

    received_document_type: str
    """KP-BT-178 Received document type (1..1). The document type of the received document."""

    document_number: str
    """KP-BT-179 Received document number (1..1). The number of the received document
    (certificate number, import confirmation number, notice number, or the certificate number
    a status response is about).
    """

    digest: Digest
    """KP-BG-051 Received document digest (1..1). The digest of the received document's exact
    signed bytes.
    """

    received_at: datetime.datetime
    """KP-BT-182 Received-at instant (1..1). The instant at which the receiving authority's
    system recorded the document; the time anchor of the document [KP-REQ-076].
    """

    def __init__(
        self,
        *,
        spec_version: str,
        participant: str,
        receiving_authority: Authority,
        message_id: str,
        sender_participant: str,
        sender_authority: str,
        received_document_type: str,
        document_number: str,
        digest: Digest,
        received_at: datetime.datetime,
    ) -> None:
        _set(self, "spec_version", spec_version)
        _set(self, "participant", participant)
        _set(self, "receiving_authority", receiving_authority)
        _set(self, "message_id", message_id)
        _set(self, "sender_participant", sender_participant)
        _set(self, "sender_authority", sender_authority)
        _set(self, "received_document_type", received_document_type)
        _set(self, "document_number", document_number)
        _set(self, "digest", digest)
        _set(self, "received_at", received_at)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"spec_version={self.spec_version!r}, "
            f"participant={self.participant!r}, "
            f"receiving_authority={self.receiving_authority!r}, "
            f"message_id={self.message_id!r}, "
            f"sender_participant={self.sender_participant!r}, "
            f"sender_authority={self.sender_authority!r}, "
            f"received_document_type={self.received_document_type!r}, "
            f"document_number={self.document_number!r}, "
            f"digest={self.digest!r}, "
            f"received_at={self.received_at!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.spec_version,
            self.participant,
            self.receiving_authority,
            self.message_id,
            self.sender_participant,
            self.sender_authority,
            self.received_document_type,
            self.document_number,
            self.digest,
            self.received_at,
        ) == (
            other.spec_version,
            other.participant,
            other.receiving_authority,
            other.message_id,
            other.sender_participant,
            other.sender_authority,
            other.received_document_type,
            other.document_number,
            other.digest,
            other.received_at,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.spec_version,
                self.participant,
                self.receiving_authority,
                self.message_id,
                self.sender_participant,
                self.sender_authority,
                self.received_document_type,
                self.document_number,
                self.digest,
                self.received_at,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class ReceivedLine:
    """The parcels received under one HS subheading, with their carat weight, value and number.
    Carries: KP-BG-015 Received line.
    """

    hs_code: str
    """KP-BT-060 Received HS code (1..1). The Harmonized System subheading of the rough diamonds
    received on this line.
    """

    carats: Decimal
    """KP-BT-061 Received carat weight (1..1). The carat weight received on this line."""

    value_usd: Decimal
    """KP-BT-062 Received value in US$ (1..1). The value in United States dollars of what was
    received on this line.
    """

    parcels: int
    """KP-BT-063 Received number of parcels (1..1). The number of parcels received on this line."""

    def __init__(self, *, hs_code: str, carats: Decimal, value_usd: Decimal, parcels: int) -> None:
        _set(self, "hs_code", hs_code)
        _set(self, "carats", carats)
        _set(self, "value_usd", value_usd)
        _set(self, "parcels", parcels)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"hs_code={self.hs_code!r}, "
            f"carats={self.carats!r}, "
            f"value_usd={self.value_usd!r}, "
            f"parcels={self.parcels!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.hs_code,
            self.carats,
            self.value_usd,
            self.parcels,
        ) == (
            other.hs_code,
            other.carats,
            other.value_usd,
            other.parcels,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.hs_code,
                self.carats,
                self.value_usd,
                self.parcels,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Shipment:
    """The parcels of rough diamonds exported together under this certificate. Carries: KP-BG-004
    Shipment.
    """

    lines: tuple[ShipmentLine, ...]
    """KP-BG-005 Shipment line (1..n). The parcels of one HS subheading and one origin: their
    carat weight, value and number.
    """

    totals: ShipmentTotals
    """KP-BG-007 Shipment totals (1..1). The totals of the shipment, equal to the sums of its
    lines.
    """

    quality_characteristics: MultilingualText | None = None
    """KP-BT-089 Shipment quality characteristics (0..1). A description of the quality
    characteristics of the rough diamonds of the whole shipment.
    """

    security_bags: tuple[str, ...] | None = None
    """KP-BT-034 Security bag number (0..n). The number of a transparent security bag in which
    parcels are shipped.
    """

    container_number: str | None = None
    """KP-BT-035 Container number (0..1). The number marked on the container, when the
    certificate number is replicated on it or the container has a number of its own.
    """

    def __init__(
        self,
        *,
        lines: tuple[ShipmentLine, ...],
        totals: ShipmentTotals,
        quality_characteristics: MultilingualText | None = None,
        security_bags: tuple[str, ...] | None = None,
        container_number: str | None = None,
    ) -> None:
        _set(self, "lines", lines)
        _set(self, "totals", totals)
        _set(self, "quality_characteristics", quality_characteristics)
        _set(self, "security_bags", security_bags)
        _set(self, "container_number", container_number)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"lines={self.lines!r}, "
            f"totals={self.totals!r}, "
            f"quality_characteristics={self.quality_characteristics!r}, "
            f"security_bags={self.security_bags!r}, "
            f"container_number={self.container_number!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.lines,
            self.totals,
            self.quality_characteristics,
            self.security_bags,
            self.container_number,
        ) == (
            other.lines,
            other.totals,
            other.quality_characteristics,
            other.security_bags,
            other.container_number,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.lines,
                self.totals,
                self.quality_characteristics,
                self.security_bags,
                self.container_number,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class ShipmentLine:
    """The parcels of one HS subheading and one origin: their carat weight, value and number.
    Carries: KP-BG-005 Shipment line.
    """

    hs_code: str
    """KP-BT-023 HS code (1..1). The Harmonized System subheading of the rough diamonds on this
    line.
    """

    origin: Origin
    """KP-BG-006 Origin (1..1). The country or countries where the diamonds on this line were
    mined or extracted, or the mark that they are of mixed origin.
    """

    origin_zone: str | None = None
    """KP-BT-026 Zone of origin (0..1). The compliant zone the diamonds come from, where a
    restriction in force for the exporting Participant allows exports only from listed zones.
    """

    country_of_provenance: str | None = None
    """KP-BT-088 Line country of provenance (0..1). For a re-export, the Participant from which
    the diamonds on this line were imported, as recorded on their import documentation; one
    re-export may combine goods imported from several Participants.
    """

    carats: Decimal
    """KP-BT-027 Line carat weight (1..1). The carat weight of the parcels on this line."""

    value_usd: Decimal
    """KP-BT-028 Line value in US$ (1..1). The value of the parcels on this line in United States
    dollars.
    """

    parcels: int
    """KP-BT-029 Line number of parcels (1..1). The number of parcels on this line."""

    quality_characteristics: MultilingualText | None = None
    """KP-BT-030 Quality characteristics (0..1). A description of the quality characteristics of
    the rough diamonds on this line.
    """

    def __init__(
        self,
        *,
        hs_code: str,
        origin: Origin,
        origin_zone: str | None = None,
        country_of_provenance: str | None = None,
        carats: Decimal,
        value_usd: Decimal,
        parcels: int,
        quality_characteristics: MultilingualText | None = None,
    ) -> None:
        _set(self, "hs_code", hs_code)
        _set(self, "origin", origin)
        _set(self, "origin_zone", origin_zone)
        _set(self, "country_of_provenance", country_of_provenance)
        _set(self, "carats", carats)
        _set(self, "value_usd", value_usd)
        _set(self, "parcels", parcels)
        _set(self, "quality_characteristics", quality_characteristics)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"hs_code={self.hs_code!r}, "
            f"origin={self.origin!r}, "
            f"origin_zone={self.origin_zone!r}, "
            f"country_of_provenance={self.country_of_provenance!r}, "
            f"carats={self.carats!r}, "
            f"value_usd={self.value_usd!r}, "
            f"parcels={self.parcels!r}, "
            f"quality_characteristics={self.quality_characteristics!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.hs_code,
            self.origin,
            self.origin_zone,
            self.country_of_provenance,
            self.carats,
            self.value_usd,
            self.parcels,
            self.quality_characteristics,
        ) == (
            other.hs_code,
            other.origin,
            other.origin_zone,
            other.country_of_provenance,
            other.carats,
            other.value_usd,
            other.parcels,
            other.quality_characteristics,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.hs_code,
                self.origin,
                self.origin_zone,
                self.country_of_provenance,
                self.carats,
                self.value_usd,
                self.parcels,
                self.quality_characteristics,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class ShipmentTotals:
    """The totals of the shipment, equal to the sums of its lines. Carries: KP-BG-007 Shipment
    totals; KP-BG-016 Received totals.
    """

    carats: Decimal
    """KP-BT-031 Total carat weight; KP-BT-064 Total carat weight received (1..1). The carat
    weight of the whole shipment.
    """

    value_usd: Decimal
    """KP-BT-032 Total value in US$; KP-BT-065 Total value in US$ received (1..1). The value of
    the whole shipment in United States dollars.
    """

    parcels: int
    """KP-BT-033 Total number of parcels; KP-BT-066 Total number of parcels received (1..1). The
    number of parcels in the shipment.
    """

    def __init__(self, *, carats: Decimal, value_usd: Decimal, parcels: int) -> None:
        _set(self, "carats", carats)
        _set(self, "value_usd", value_usd)
        _set(self, "parcels", parcels)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"carats={self.carats!r}, "
            f"value_usd={self.value_usd!r}, "
            f"parcels={self.parcels!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.carats,
            self.value_usd,
            self.parcels,
        ) == (
            other.carats,
            other.value_usd,
            other.parcels,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.carats,
                self.value_usd,
                self.parcels,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class SigningCertificate:
    """An X.509 certificate with which the authority signs, and its status history. Carries:
    KP-BG-021 Signing certificate.
    """

    certificate: str
    """KP-BT-082 Certificate (1..1). The X.509 certificate, DER encoded, in base64."""

    valid_from: datetime.datetime
    """KP-BT-083 Valid from (1..1). The first instant at which the certificate may be used for
    the authority's signatures.
    """

    valid_until: datetime.datetime | None = None
    """KP-BT-084 Valid until (0..1). The instant from which the certificate may no longer be
    used.
    """

    status_history: tuple[StatusChange, ...]
    """KP-BG-022 Status change (1..n). A change of the certificate's status, in force from an
    instant until the next change; the first is the grant.
    """

    def __init__(
        self,
        *,
        certificate: str,
        valid_from: datetime.datetime,
        valid_until: datetime.datetime | None = None,
        status_history: tuple[StatusChange, ...],
    ) -> None:
        _set(self, "certificate", certificate)
        _set(self, "valid_from", valid_from)
        _set(self, "valid_until", valid_until)
        _set(self, "status_history", status_history)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"certificate={self.certificate!r}, "
            f"valid_from={self.valid_from!r}, "
            f"valid_until={self.valid_until!r}, "
            f"status_history={self.status_history!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.certificate,
            self.valid_from,
            self.valid_until,
            self.status_history,
        ) == (
            other.certificate,
            other.valid_from,
            other.valid_until,
            other.status_history,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.certificate,
                self.valid_from,
                self.valid_until,
                self.status_history,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class StatusChange:
    """A change of the certificate's status, in force from an instant until the next change; the
    first is the grant. Carries: KP-BG-022 Status change.
    """

    status: str
    """KP-BT-085 Status (1..1). The status from this instant."""

    since: datetime.datetime
    """KP-BT-086 Status since (1..1). The instant from which the status is in force."""

    reason: str | None = None
    """KP-BT-087 Reason (0..1). Why the status changed (for a revocation, the suspected
    compromise).
    """

    def __init__(self, *, status: str, since: datetime.datetime, reason: str | None = None) -> None:
        _set(self, "status", status)
        _set(self, "since", since)
        _set(self, "reason", reason)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"status={self.status!r}, "
            f"since={self.since!r}, "
            f"reason={self.reason!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.status,
            self.since,
            self.reason,
        ) == (
            other.status,
            other.since,
            other.reason,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.status,
                self.since,
                self.reason,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class StatusResponse:
    """The Exporting Authority's signed answer from its issuing registry about one certificate
    number and digest: whether it recorded that certificate, when, and its status at the time
    of answering. Carries: StatusResponse Status Response.
    """

    spec_version: str
    """KP-BT-140 Specification version (1..1). The version of this standard the response conforms
    to.
    """

    participant: str
    """KP-BT-141 Responding Participant (1..1). The Participant whose exporting authority keeps
    the registry and answers.
    """

    responding_authority: Authority
    """KP-BG-040 Responding authority (1..1). The Exporting Authority that keeps the issuing
    registry and signs the answer.
    """

    certificate_number: str
    """KP-BT-145 Queried certificate number (1..1). The certificate number the question asked
    about.
    """

    digest: Digest
    """KP-BG-041 Queried certificate digest (1..1). The digest of the signed certificate's exact
    bytes the question asked about.
    """

    status: str
    """KP-BT-148 Registry status (1..1). The certificate's status in the registry when the answer
    was given: "issued" (recorded, no status change), a status of a notice (void, replaced,
    lost, stolen, withdrawn), or "unknown" (no certificate with this number and digest was
    recorded).
    """

    replaced_by: str | None = None
    """KP-BT-149 Replacement certificate number (0..1). For the status "replaced", the number of
    the replacement certificate.
    """

    recorded_at: datetime.datetime | None = None
    """KP-BT-150 Recorded-at instant (0..1). The instant at which the authority's own system
    recorded the certificate; absent for the status "unknown". It is the time anchor of the
    certificate [KP-REQ-076].
    """

    status_since: datetime.datetime | None = None
    """KP-BT-151 Status since (0..1). The effective instant of the status, when it is not
    "issued" or "unknown".
    """

    answered_at: datetime.datetime
    """KP-BT-152 Answered-at instant (1..1). The instant at which the authority's system gave
    this answer.
    """

    def __init__(
        self,
        *,
        spec_version: str,
        participant: str,
        responding_authority: Authority,
        certificate_number: str,
        digest: Digest,
        status: str,
        replaced_by: str | None = None,
        recorded_at: datetime.datetime | None = None,
        status_since: datetime.datetime | None = None,
        answered_at: datetime.datetime,
    ) -> None:
        _set(self, "spec_version", spec_version)
        _set(self, "participant", participant)
        _set(self, "responding_authority", responding_authority)
        _set(self, "certificate_number", certificate_number)
        _set(self, "digest", digest)
        _set(self, "status", status)
        _set(self, "replaced_by", replaced_by)
        _set(self, "recorded_at", recorded_at)
        _set(self, "status_since", status_since)
        _set(self, "answered_at", answered_at)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"spec_version={self.spec_version!r}, "
            f"participant={self.participant!r}, "
            f"responding_authority={self.responding_authority!r}, "
            f"certificate_number={self.certificate_number!r}, "
            f"digest={self.digest!r}, "
            f"status={self.status!r}, "
            f"replaced_by={self.replaced_by!r}, "
            f"recorded_at={self.recorded_at!r}, "
            f"status_since={self.status_since!r}, "
            f"answered_at={self.answered_at!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.spec_version,
            self.participant,
            self.responding_authority,
            self.certificate_number,
            self.digest,
            self.status,
            self.replaced_by,
            self.recorded_at,
            self.status_since,
            self.answered_at,
        ) == (
            other.spec_version,
            other.participant,
            other.responding_authority,
            other.certificate_number,
            other.digest,
            other.status,
            other.replaced_by,
            other.recorded_at,
            other.status_since,
            other.answered_at,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.spec_version,
                self.participant,
                self.responding_authority,
                self.certificate_number,
                self.digest,
                self.status,
                self.replaced_by,
                self.recorded_at,
                self.status_since,
                self.answered_at,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class TrustedAuthority:
    """An Exporting or Importing Authority of the Participant. Carries: KP-BG-020 Authority."""

    identifier: str
    """KP-BT-079 Authority identifier (1..1). The identifier of the authority, which the
    documents it signs give as their issuing or importing authority's identifier.
    """

    name: MultilingualText
    """KP-BT-080 Authority name (1..1). The name of the authority."""

    roles: tuple[str, ...]
    """KP-BT-081 Authority role (1..n). What the authority's signatures attest (exporting,
    importing, or both).
    """

    certificates: tuple[SigningCertificate, ...]
    """KP-BG-021 Signing certificate (1..n). An X.509 certificate with which the authority signs,
    and its status history.
    """

    exchange_nodes: tuple[ExchangeNode, ...] | None = None
    """KP-BG-052 Exchange node (0..n). A node of the exchange protocol that the authority runs
    (or a hub that runs it on its behalf): where it is reached, and the certificates whose
    keys sign its requests and answers (spec/exchange/protocol.md).
    """

    def __init__(
        self,
        *,
        identifier: str,
        name: MultilingualText,
        roles: tuple[str, ...],
        certificates: tuple[SigningCertificate, ...],
        exchange_nodes: tuple[ExchangeNode, ...] | None = None,
    ) -> None:
        _set(self, "identifier", identifier)
        _set(self, "name", name)
        _set(self, "roles", roles)
        _set(self, "certificates", certificates)
        _set(self, "exchange_nodes", exchange_nodes)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"identifier={self.identifier!r}, "
            f"name={self.name!r}, "
            f"roles={self.roles!r}, "
            f"certificates={self.certificates!r}, "
            f"exchange_nodes={self.exchange_nodes!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.identifier,
            self.name,
            self.roles,
            self.certificates,
            self.exchange_nodes,
        ) == (
            other.identifier,
            other.name,
            other.roles,
            other.certificates,
            other.exchange_nodes,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.identifier,
                self.name,
                self.roles,
                self.certificates,
                self.exchange_nodes,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class TrustedParticipant:
    """A Participant and its authorities. Carries: KP-BG-019 Participant entry."""

    code: str
    """KP-BT-078 Participant code (1..1). The ISO 3166-1 alpha-2 code of the Participant ("EU"
    for the European Union).
    """

    authorities: tuple[TrustedAuthority, ...]
    """KP-BG-020 Authority (1..n). An Exporting or Importing Authority of the Participant."""

    def __init__(self, *, code: str, authorities: tuple[TrustedAuthority, ...]) -> None:
        _set(self, "code", code)
        _set(self, "authorities", authorities)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"code={self.code!r}, "
            f"authorities={self.authorities!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code,
            self.authorities,
        ) == (
            other.code,
            other.authorities,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.code,
                self.authorities,
            )
        )


@dataclass(init=False, repr=False, eq=False, frozen=True, slots=True, kw_only=True)
class Validation:
    """The validation of the certificate by an officer of the Exporting Authority. Carries:
    KP-BG-008 Validation; KP-BG-017 Authentication.
    """

    officer_name: str
    """KP-BT-036 Validating officer; KP-BT-068 Authenticating officer (1..1). The name of the
    officer who validated the certificate.
    """

    officer_function: MultilingualText | None = None
    """KP-BT-037 Validating officer's function; KP-BT-069 Authenticating officer's function
    (0..1). The function or title of the validating officer.
    """

    place: str | None = None
    """KP-BT-038 Place of validation; KP-BT-070 Place of authentication (0..1). The place where
    the certificate was validated.
    """

    def __init__(
        self,
        *,
        officer_name: str,
        officer_function: MultilingualText | None = None,
        place: str | None = None,
    ) -> None:
        _set(self, "officer_name", officer_name)
        _set(self, "officer_function", officer_function)
        _set(self, "place", place)

    @_recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"officer_name={self.officer_name!r}, "
            f"officer_function={self.officer_function!r}, "
            f"place={self.place!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.officer_name,
            self.officer_function,
            self.place,
        ) == (
            other.officer_name,
            other.officer_function,
            other.place,
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.officer_name,
                self.officer_function,
                self.place,
            )
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Params:
    """What ``dataclass`` records of each class above (its ``__dataclass_params__``):
    the ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` it would write are
    written out in the class, so that importing the module does not compile them."""


# mypy does not know that a dataclass has this attribute (here and below)
_PARAMS = _Params.__dataclass_params__  # type: ignore[attr-defined]
for _class in (
    AdditionalData,
    Authority,
    AuthorityTrustList,
    CertificateReference,
    CertificateStatusNotice,
    Digest,
    Discrepancy,
    ExchangeNode,
    HybridMode,
    ImportConfirmation,
    KPCertificate,
    Origin,
    Party,
    Receipt,
    ReceivedLine,
    Shipment,
    ShipmentLine,
    ShipmentTotals,
    SigningCertificate,
    StatusChange,
    StatusResponse,
    TrustedAuthority,
    TrustedParticipant,
    Validation,
):
    _class.__dataclass_params__ = _PARAMS  # type: ignore[union-attr]
del _class
