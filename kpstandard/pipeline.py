"""The one pipeline: the peer layers, composed.

    bytes --signature (with a trust list)--> the tree the digest covers
          --input, schema, rules (kpstandard.validation.engine)--> the content's report
          --trust, time (kpstandard.signature.layers)--> the whole report
          --status evidence (notices, status responses: each through this same pipeline)
            --> the time layer's anchoring and the certificate's status (kpstandard.status)

Each layer knows nothing of the others; this module alone knows their order and what one layer's
result means for the next: a signature that does not hold leaves the content unread, a content
that is not a valid document leaves trust and time unjudged. The document is parsed once: the
signature layer verifies the tree the bytes were read into, and the content layers read the tree
of exactly what its digest covered.

Loading a trust list and issuing a document are pipelines too (a signature, then the content's
layers), so they live here, above the layers they compose.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpstandard import findings as F
from kpstandard.codelists import CodeLists
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import (
    DocumentReport,
    Finding,
    Layer,
    LayerResult,
    LayerStatus,
    Severity,
    make_finding,
)
from kpstandard.model import (
    AuthorityTrustList,
    CertificateStatusNotice,
    ImportConfirmation,
    KPCertificate,
    Receipt,
    StatusResponse,
)
from kpstandard.model.meta import Model
from kpstandard.status import digest_matches, status_of
from kpstandard.syntax._json import dump_json
from kpstandard.syntax._plan import text_of
from kpstandard.syntax._xml import dump_xml
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation.engine import Parsed, judge, read, read_tree

if TYPE_CHECKING:
    from cryptography import x509

    from kpstandard.signature.keys import PrivateKey
    from kpstandard.signature.layers import Anchor, Received
    from kpstandard.signature.trustlist import TrustList
    from kpstandard.signature.verify import SignatureCheck

# The signature layers (and cryptography, 30 ms of every start) are imported where a signature is
# read or made: validating unsigned documents, the most common use of `kpcert validate`, never
# needs them.

__all__ = ["build_trust_list", "load_trust_list", "sign", "validate_bytes"]


def _not_run(layer: Layer, reason: str) -> LayerResult:
    return LayerResult(layer, LayerStatus.NOT_RUN, reason)


# --- validating and verifying --------------------------------------------------------------------


def validate_bytes(
    data: bytes,
    *,
    path: str | None = None,
    at: datetime.date | None = None,
    certificate: bytes | None = None,
    model: Model | None = None,
    codelists: CodeLists | None = None,
    trust_list: TrustList | None = None,
    verification_time: datetime.datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    status_evidence: Iterable[bytes] = (),
    anchor_ended_keys: bool = False,
) -> DocumentReport:
    """Validate one document's bytes through every layer that applies.

    Args:
        data: the document, JSON or XML.
        path: where it was read from, for the report.
        at: judge code lists as of this date instead of the document's own.
        certificate: for an import confirmation, the bytes of the certificate it confirms.
        trust_list: a verified Authority Trust List; with it the signature, trust and time layers
            run, and every other layer reads only what the signature covers.
        verification_time: the instant of the time layer (default: now).
        status_evidence: signed Certificate Status Notices, Status Responses, Receipts and
            Import Confirmations about the document (a KP Certificate), each verified here with
            the same trust list (a confirmation also against the document's bytes): the
            certificate's status at the verification time, the anchors of its date when its
            signing key was revoked, and the importing authority's confirmation that shows the
            goods received on or before its date of expiry [KP-REQ-071, KP-REQ-076, KP-REQ-041].
        anchor_ended_keys: ask for an anchor also when the signing key was retired or past its
            validity at the verification time [KP-REQ-077].
    """
    if verification_time is not None and verification_time.tzinfo is None:
        verification_time = verification_time.replace(tzinfo=datetime.UTC)  # naive means UTC
    signature = None
    if trust_list is None:
        parsed = read(data, model=model, limits=limits)
    else:
        from kpstandard.signature.verify import check_signature

        signature = check_signature(data, limits=limits)
        if not signature.holds:
            return _unverified(signature, path)
        parsed = _signed_content(signature, model, limits)
    report = judge(parsed, at=at, certificate=certificate, codelists=codelists, limits=limits)
    findings, layers = list(report.findings), list(report.layers)
    if trust_list is not None and signature is not None:
        evidence = _Evidence(data, tuple(status_evidence), anchor_ended_keys, limits)
        found, signed_layers = _signed_layers(
            parsed, signature, trust_list, verification_time, evidence
        )
        findings += found
        layers += signed_layers
    return DocumentReport(
        syntax=report.syntax,
        type=report.type,
        findings=tuple(findings),
        layers=tuple(layers),
        document=report.document,
        path=path,
    )


def _signed_content(signature: SignatureCheck, model: Model | None, limits: Limits) -> Parsed:
    """What the content layers read of a signed document: the tree of what the digest covered.

    When that tree is missing, the canonical form broke a bound of the input layer (it declares
    namespaces where they are used, so it can hold more declarations than the bytes given); its
    bytes are then read again only to say so with the input layer's own finding.
    """
    assert signature.signed_bytes is not None  # the signature holds
    if signature.signed_root is None:
        return read(signature.signed_bytes, model=model, limits=limits)
    return read_tree("xml", signature.signed_root, model=model)


def _unverified(signature: SignatureCheck, path: str | None) -> DocumentReport:
    """The report of a document whose signature does not hold: nothing of its content is read.

    The schema and rules layers do not run on bytes no one vouches for, so that nobody acts on
    findings (or a document) computed from them; the verdict is "invalid" by the signature's own
    finding, by the input layer's when the bytes could not be read at all, or "not judged" when
    the signature layer itself failed (an internal error, KP-X-001).
    """
    unreadable = any(f.layer is Layer.INPUT for f in signature.findings)
    broken = any(f.layer is Layer.PROCESSING for f in signature.findings)
    reason = "the signature does not hold: what it covers is not read"
    if signature.syntax == "json":  # refused as unsigned without being read
        read_layer = _not_run(Layer.INPUT, "a JSON document carries no signature")
    else:
        status = LayerStatus.FAILED if unreadable else LayerStatus.PASSED
        read_layer = LayerResult(Layer.INPUT, status)
    if unreadable:
        signature_layer = _not_run(Layer.SIGNATURE, "the input layer failed")
    elif broken:
        reason = "an internal error stopped the signature layer"
        signature_layer = _not_run(Layer.SIGNATURE, reason)
    else:
        signature_layer = LayerResult(Layer.SIGNATURE, LayerStatus.FAILED)
    layers = (
        read_layer,
        _not_run(Layer.SCHEMA, reason),
        _not_run(Layer.RULES, reason),
        signature_layer,
        _not_run(Layer.TRUST, reason),
        _not_run(Layer.TIME, reason),
    )
    return DocumentReport(
        syntax=signature.syntax,
        type=signature.document_type,
        findings=signature.findings,
        layers=layers,
        path=path,
    )


def _signed_layers(
    parsed: Parsed,
    signature: SignatureCheck,
    trust_list: TrustList,
    verification_time: datetime.datetime | None,
    evidence: _Evidence,
) -> tuple[list[Finding], list[LayerResult]]:
    """The trust and time layers after a signature that holds, each only when the one before
    it passed; the time layer judges the anchoring and status as well, when it runs."""
    from kpstandard.signature.layers import time_layer, trust_layer

    assert signature.signer is not None  # the signature holds
    layers = [LayerResult(Layer.SIGNATURE, LayerStatus.PASSED)]
    if parsed.document is None or parsed.document_type is None:
        reason = "the signed content is not a valid document"
        return [], [*layers, _not_run(Layer.TRUST, reason), _not_run(Layer.TIME, reason)]
    location = f"/kp:{parsed.document_type.xml_root}/ds:Signature"
    findings, trust = trust_layer(parsed.document, signature.signer, trust_list, location)
    layers.append(trust)
    if trust.status is not LayerStatus.PASSED:
        return findings, [*layers, _not_run(Layer.TIME, "the trust layer did not pass")]
    instant = verification_time or datetime.datetime.now(datetime.UTC)
    judged: list[Finding] = []
    received: list[Received] = []
    if trust_list.current_at(instant):  # else the time layer does not run (KP-TM-001)
        judged = _status_and_anchoring(
            parsed.document, signature.signer, trust_list, instant, evidence, received
        )
    # The importing authority's confirmations say whether the goods of an expired certificate
    # were received in time [KP-REQ-041].
    found, time = time_layer(parsed.document, trust_list, instant, received=received)
    if time.status is not LayerStatus.NOT_RUN:
        found += judged
        time = _time_result(found)
    return findings + found, [*layers, time]


@dataclass(frozen=True)
class _Evidence:
    """What the time layer needs beyond the document: its bytes and the status evidence."""

    data: bytes
    items: tuple[bytes, ...]
    ended_keys: bool
    limits: Limits


def _time_result(findings: list[Finding]) -> LayerResult:
    if any(f.severity is Severity.ERROR for f in findings):
        return LayerResult(Layer.TIME, LayerStatus.FAILED)
    unanchored = {F.UNANCHORED_REVOKED.code, F.UNANCHORED_ENDED.code}
    if any(f.code in unanchored for f in findings):
        reason = "the document's date cannot be trusted without evidence that anchors it"
        return LayerResult(Layer.TIME, LayerStatus.PARTIAL, reason)
    return LayerResult(Layer.TIME, LayerStatus.PASSED)


def _status_and_anchoring(
    document: Any,
    signer: x509.Certificate,
    trust_list: TrustList,
    instant: datetime.datetime,
    evidence: _Evidence,
    received: list[Received],
) -> list[Finding]:
    """The status evidence, each item verified by this pipeline (an import confirmation against
    the certificate's bytes); then the certificate's status at the instant and whether its date
    is anchored [KP-REQ-071, KP-REQ-075, KP-REQ-076]. The importing authority's records of the
    goods received are appended to ``received`` [KP-REQ-041]."""
    from kpstandard.signature.layers import Anchor, Received, anchoring

    findings: list[Finding] = []
    notices: list[CertificateStatusNotice] = []
    anchors: list[Anchor] = []
    for index, item in enumerate(evidence.items, 1):
        report = validate_bytes(  # evidence is judged by the same policy [lifecycle 4.3]
            item,
            certificate=evidence.data,
            trust_list=trust_list,
            verification_time=instant,
            anchor_ended_keys=evidence.ended_keys,
            limits=evidence.limits,
        )
        evidence_doc = report.document
        if not report.valid or evidence_doc is None:
            codes = ", ".join(sorted({f.code for f in report.findings})) or "no finding"
            message = f"status evidence {index} is {report.verdict.value} ({codes}): not used"
            findings.append(make_finding(F.EVIDENCE_UNUSABLE, "", message))
        elif not isinstance(document, KPCertificate):
            message = f"status evidence {index}: only a KP Certificate has a status: not used"
            findings.append(make_finding(F.EVIDENCE_UNUSABLE, "", message))
        elif isinstance(evidence_doc, CertificateStatusNotice):
            notices.append(evidence_doc)
        elif isinstance(evidence_doc, StatusResponse):
            why = _response_not_about(evidence_doc, document, evidence.data)
            if why is not None:
                message = f"status evidence {index} (a status response) {why}: not used"
                findings.append(make_finding(F.EVIDENCE_UNUSABLE, "", message))
            else:
                findings += _response_status(evidence_doc, instant, anchors)
        elif isinstance(evidence_doc, Receipt):
            why = _receipt_not_about(evidence_doc, document, evidence.data)
            if why is not None:
                message = f"status evidence {index} (a receipt) {why}: not used"
                findings.append(make_finding(F.EVIDENCE_UNUSABLE, "", message))
            else:
                who = f"{evidence_doc.participant}/{evidence_doc.receiving_authority.identifier}"
                source = f"the receipt of {who} for message {evidence_doc.message_id}"
                anchors.append(Anchor(evidence_doc.received_at, source))
        elif isinstance(evidence_doc, ImportConfirmation):
            why = _confirmation_not_about(evidence_doc, document)
            if why is not None:
                message = f"status evidence {index} (an import confirmation) {why}: not used"
                findings.append(make_finding(F.EVIDENCE_UNUSABLE, "", message))
            else:
                who = evidence_doc.importing_authority.identifier
                source = f"import confirmation {evidence_doc.confirmation_number} of {who}"
                received.append(Received(evidence_doc.date_of_receipt, source))
        else:
            message = (
                f"status evidence {index} is a {report.type}, not a notice, a response, a "
                "receipt or an import confirmation"
            )
            findings.append(make_finding(F.EVIDENCE_UNUSABLE, "", message))
    if isinstance(document, KPCertificate) and notices:
        state = status_of(document, notices, at=instant, data=evidence.data)
        findings += state.ignored
        if not state.in_force:
            replaced = f", by {state.replaced_by}" if state.replaced_by else ""
            since = state.since.isoformat() if state.since else "?"
            message = (
                f"the certificate is {state.status}{replaced} since {since} (notice {state.notice})"
            )
            findings.append(make_finding(F.STATUS_CHANGED, "", message))
    findings += anchoring(
        signer, trust_list, instant, tuple(anchors), ended_keys=evidence.ended_keys
    )
    return findings


def _response_not_about(
    response: StatusResponse, certificate: KPCertificate, data: bytes
) -> str | None:
    if response.certificate_number != certificate.certificate_number:
        return f"is about certificate {response.certificate_number}"
    if response.participant != certificate.exporting_participant:
        return f"answers for {response.participant}, not the exporting Participant"
    if response.responding_authority.identifier != certificate.issuing_authority.identifier:
        return (
            f"is signed for {response.responding_authority.identifier}, not for "
            f"{certificate.issuing_authority.identifier}, the certificate's issuing authority"
        )
    if not digest_matches(response.digest.algorithm, response.digest.value, data):
        return "is about another digest than the digest of the certificate's bytes"
    return None


def _confirmation_not_about(
    confirmation: ImportConfirmation, certificate: KPCertificate
) -> str | None:
    """Why an import confirmation is no record of the goods received under the certificate
    (None when it is). Its rules, run against the certificate's bytes, have already bound it to
    the certificate (number, date of issue, Participants, digest: KP-R-028, KP-R-029, KP-R-036)
    and the trust layer to its importing authority; a refusal accepted no goods under it, nor
    does a confirmation whose totals record none received."""
    if confirmation.certificate.number != certificate.certificate_number:
        return f"confirms certificate {confirmation.certificate.number}"
    if confirmation.importing_participant != certificate.importing_participant:
        return f"is of {confirmation.importing_participant}, not the importing Participant"
    if confirmation.outcome == "refused":
        return "refuses the shipment"
    if confirmation.totals.parcels == 0 or confirmation.totals.carats == 0:
        return "records no goods received"  # discrepancies of everything: no goods arrived
    return None


def _receipt_not_about(receipt: Receipt, certificate: KPCertificate, data: bytes) -> str | None:
    """Why a receipt is no anchor of the certificate (None when it is): it must be the importing
    authority's, about this certificate's number and digest, delivered by the exporting
    Participant (spec/text/lifecycle.md 4.1, spec/exchange/protocol.md 3.3)."""
    if receipt.received_document_type != "kp-certificate":
        return f"acknowledges a {receipt.received_document_type}, not a certificate"
    if receipt.document_number != certificate.certificate_number:
        return f"is about document {receipt.document_number}"
    if receipt.participant != certificate.importing_participant:
        return f"is signed for {receipt.participant}, not the importing Participant"
    if receipt.sender_participant != certificate.exporting_participant:
        return f"acknowledges a delivery from {receipt.sender_participant}, not the exporter"
    if not digest_matches(receipt.digest.algorithm, receipt.digest.value, data):
        return "is about another digest than the digest of the certificate's bytes"
    return None


def _response_status(
    response: StatusResponse, instant: datetime.datetime, anchors: list[Anchor]
) -> list[Finding]:
    """What a usable status response says: an anchor, or the certificate's status."""
    from kpstandard.signature.layers import Anchor

    who = response.responding_authority.identifier
    answered = response.answered_at.isoformat()
    if response.status == "unknown":
        message = f"{who}'s registry answered at {answered} that it recorded no such certificate"
        return [make_finding(F.NOT_IN_REGISTRY, "", message)]
    if response.recorded_at is not None:
        source = f"the status response of {who} answered at {answered}"
        anchors.append(Anchor(response.recorded_at, source))
    since = response.status_since
    if response.status != "issued" and since is not None and since <= instant:
        replaced = f", by {response.replaced_by}" if response.replaced_by else ""
        message = (
            f"{who}'s registry answered at {answered} that the certificate is "
            f"{response.status}{replaced} since {since.isoformat()}"
        )
        return [make_finding(F.STATUS_CHANGED, "", message)]
    return []


# --- the trust list ------------------------------------------------------------------------------


def load_trust_list(
    data: bytes,
    *,
    anchor: x509.Certificate,
    min_sequence: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[TrustList | None, list[Finding]]:
    """Read and verify a signed Authority Trust List against the operator's pinned certificate.

    The list must be signed by the anchor, valid in every layer (its rules too: no certificate
    listed twice, status histories in order...), and, when ``min_sequence`` is given, at least
    that issue: a verifier never goes back to an older list than one it accepted, which could
    undo a revocation [KP-REQ-044].

    Returns:
        The list, or None with findings (KP-T-007) saying why it cannot be used.
    """
    from cryptography.hazmat.primitives.serialization import Encoding

    from kpstandard.signature.keys import describe_certificate
    from kpstandard.signature.trustlist import TrustList
    from kpstandard.signature.verify import check_signature

    checked = check_signature(data, limits=limits)
    if not checked.holds or checked.signer is None:
        codes = ", ".join(f"{f.code} {f.message}" for f in checked.findings)
        return None, [
            make_finding(F.TRUST_LIST_INVALID, "", f"the trust list's signature: {codes}")
        ]
    if checked.signer.public_bytes(Encoding.DER) != anchor.public_bytes(Encoding.DER):
        return None, [
            make_finding(
                F.TRUST_LIST_INVALID,
                "",
                f"the trust list is signed by {describe_certificate(checked.signer)}, not by "
                f"the pinned list operator {describe_certificate(anchor)}",
            )
        ]
    report = judge(_signed_content(checked, None, limits), limits=limits)
    document: Any = report.document
    if not report.valid or not isinstance(document, AuthorityTrustList):
        codes = ", ".join(f"{f.code} at {f.location}" for f in report.findings)
        why = codes or "another document type"
        return None, [make_finding(F.TRUST_LIST_INVALID, "", f"not a valid trust list: {why}")]
    if min_sequence is not None and document.sequence_number < min_sequence:
        return None, [
            make_finding(
                F.TRUST_LIST_INVALID,
                "",
                f"issue {document.sequence_number} of the trust list is older than issue "
                f"{min_sequence}, which was already accepted",
            )
        ]
    return TrustList(document, checked.signer), []


def build_trust_list(description: Path, syntax: str = "xml") -> bytes:
    """Build an unsigned trust list (XML by default) from a YAML or JSON description.

    The description is the trust list's own JSON form (see
    ``spec/json/authority-trust-list.schema.json``) written in YAML or JSON, where a certificate
    entry may give ``file: path/to/cert.pem`` instead of ``certificate``; paths are relative to the
    description's folder. Sign the result with the operator's key (``kpcert trust-list sign``).

    Raises:
        KPStandardError: the description cannot be read or names a missing certificate file.
        InvalidDocumentError: the result is not a valid trust list.
    """
    import yaml

    try:
        raw = yaml.safe_load(description.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KPStandardError(f"cannot read {description}: {exc}") from exc
    raw = {"documentType": "authority-trust-list", **raw}
    for participant in raw.get("participants", []):
        for authority in participant.get("authorities", []):
            authority["certificates"] = [
                _resolve(entry, description.parent) for entry in authority.get("certificates", [])
            ]
    parsed = read(json.dumps(raw, default=_instant).encode())
    if parsed.document is None or parsed.document_type is None:
        raise InvalidDocumentError(parsed.findings)
    if syntax == "json":
        return dump_json(parsed.document_type, parsed.document)
    return dump_xml(parsed.document_type, parsed.document)


def _instant(value: datetime.datetime) -> str:
    """The DateTime spelling of the standard (the same as the syntaxes write)."""
    return text_of("datetime", value)


def _resolve(entry: dict[str, Any], base: Path) -> dict[str, Any]:
    from cryptography.hazmat.primitives.serialization import Encoding

    from kpstandard.signature.keys import load_certificate

    entry = dict(entry)
    file = entry.pop("file", None)
    if file is not None:
        certificate = load_certificate(base / str(file))
        entry["certificate"] = base64.b64encode(certificate.public_bytes(Encoding.DER)).decode()
        entry.setdefault("validFrom", _instant(certificate.not_valid_before_utc))
        entry.setdefault("statusHistory", [{"status": "granted", "since": entry["validFrom"]}])
    return entry


# --- issuing -------------------------------------------------------------------------------------


def sign(
    data: bytes,
    *,
    key: PrivateKey,
    certificate: x509.Certificate,
    xades: bool = False,
    confirms: bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """Sign a document (JSON or XML) and return its signed XML form.

    An issuer signs only what conforms: the document must pass every layer that applies to it,
    its business rules and code lists included, judged on its own date [KP-REQ-007]. Its XML
    serialization is what is signed (the signed form of a document is XML, KP-REQ-040): an
    enveloped signature, exclusive canonicalization, the certificate in KeyInfo.

    Args:
        data: the document to sign, unsigned.
        key: the authority's private key (``kpstandard.signature.keys.load_private_key``).
        certificate: the authority's X.509 certificate, as listed on the Authority Trust List.
        xades: add XAdES baseline-B signed properties (signing time, signing certificate).
        confirms: for an import confirmation, the exact bytes of the KP Certificate it confirms;
            without them its comparisons with the certificate cannot run, and it is refused.

    Raises:
        InvalidDocumentError: the document does not conform, or could not be judged;
            ``.findings`` (and ``.reason``) say why.
        KPStandardError: the document is already signed, or the key is weak or does not match.
    """
    from kpstandard.signature.profile import DSIG_NS
    from kpstandard.signature.sign import check_signing_key, sign_document

    check_signing_key(key, certificate)
    parsed = read(data, limits=limits)
    xml = parsed.syntax == "xml" and parsed.tree is not None
    if xml and parsed.tree.find(f".//{{{DSIG_NS}}}Signature") is not None:
        raise KPStandardError("the document is already signed")
    report = judge(parsed, certificate=confirms, limits=limits)
    if not report.valid:
        reasons = "; ".join(f"{r.layer.value}: {r.reason}" for r in report.layers if r.reason)
        raise InvalidDocumentError(report.findings, reason=f"not judged ({reasons})")
    assert parsed.document_type is not None  # the schema layer passed
    return sign_document(
        parsed.document_type, parsed.document, key=key, certificate=certificate, xades=xades
    )
