"""The document classes of kpstandard model 1.1.0.

GENERATED from spec/model by `kpcert spec build`; do not edit (`kpcert spec check` fails
when this file is stale). One frozen dataclass per class of the model; each field's
docstring names the business terms it carries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from kpstandard.model.values import MultilingualText

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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustedParticipant:
    """A Participant and its authorities. Carries: KP-BG-019 Participant entry."""

    code: str
    """KP-BT-078 Participant code (1..1). The ISO 3166-1 alpha-2 code of the Participant ("EU"
    for the European Union).
    """

    authorities: tuple[TrustedAuthority, ...]
    """KP-BG-020 Authority (1..n). An Exporting or Importing Authority of the Participant."""


@dataclass(frozen=True, slots=True, kw_only=True)
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
