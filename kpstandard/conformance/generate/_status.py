"""Area ``status``: Certificate Status Notices, Status Responses, and the time anchoring they give.

Two families (spec/text/lifecycle.md):

- **rules** (validator role): one change of an example notice or status response per case that
  breaks one of their rules (KP-R-060 to KP-R-069), and changes that graze a rule without breaking
  it; each in JSON and in XML, like the ``rules`` area;
- **status** (verifier and importer roles): a signed KP Certificate with signed notices and status
  responses in the context (``statusEvidence``), judged at a pinned verification time against the
  examples' Authority Trust List. A certificate void or replaced at that time is refused
  (KP-ST-004, KP-REQ-071); evidence that is not its issuing authority's, or not about it, is not
  used (KP-ST-003, KP-REQ-072); a registry that never recorded it refuses it (KP-ST-005,
  KP-REQ-075); and the back-dating cases of the security review: a certificate dated before the
  revocation of the key that signed it is "not judged" unless a status response of its issuing
  authority, signed with a key that is not revoked, recorded it before the revocation (KP-ST-001,
  KP-REQ-076). A verifier that asks for the same evidence for retired keys (the MAY of
  KP-REQ-077) gets ``anchorEndedKeys`` in the context, and those tests require the feature
  ``anchor-ended-keys``.

Every expectation is written here by hand from the requirement it cites. The signed examples are
the exact bytes of ``examples/signed/``; every other signature is made by :mod:`._xmldsig` with
deterministic primitives, so the area regenerates byte for byte.

The test PKI (examples/pki/trust-list.yaml): the ZA key ``ZA-SADPMR-compromised`` is revoked for
compromise from 2026-01-01T00:00:00Z; the ZA key ``ZA-SADPMR`` is granted; the BW key
``BW-MME-DH-2019-retired`` is retired from 2025-01-01T00:00:00Z; ``BW-MME-DH`` is granted.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import kpstandard
from kpstandard.conformance.generate._case import RuleCase
from kpstandard.conformance.generate._common import codes
from kpstandard.conformance.generate._draft import (
    Accept,
    Bytes,
    Draft,
    NotJudged,
    Reject,
    noon_after,
)
from kpstandard.conformance.generate._golden import Mutation, change, golden_object
from kpstandard.conformance.generate._pki import (
    authority,
    operator_certificate,
    redate,
    sign_document,
    signed_example,
    trust_list,
)
from kpstandard.model import (
    CertificateReference,
    CertificateStatusNotice,
    Digest,
    Discrepancy,
    KPCertificate,
    StatusResponse,
)

__all__ = ["drafts"]

AREA = "status"
VALIDATOR = ("validator",)
IMPORTER = ("verifier", "importer")
"""A verifier judges the certificate's status at the verification time; an importing authority
does the same at the time the shipment is presented: a void certificate covers no shipment."""

ST001, ST002, ST003, ST004, ST005, ST006 = codes("ST", *range(1, 7))
R = {n: f"KP-R-{n:03d}" for n in range(60, 70)}

VOID = "notice-za-in-container-void"
REPLACED = "notice-za-ae-original-replaced"
RESPONSE = "status-response-za-ae-replacement"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ANCHOR_ENDED_KEYS = "anchor-ended-keys"
"""The feature of a verifier that asks for anchoring evidence for retired and expired keys."""


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- rules: each notice or response alone ------------------------------------------------------

NOTICE_NUMBER_AT = ("/noticeNumber", "/kp:CertificateStatusNotice/kp:NoticeNumber")
NOTICE_CERTIFICATE_AT = (
    "/certificate/number",
    "/kp:CertificateStatusNotice/kp:Certificate/kp:Number",
)
NOTICE_STATUS_AT = ("/status", "/kp:CertificateStatusNotice/kp:Status")
NOTICE_REPLACED_BY_AT = ("/replacedBy", "/kp:CertificateStatusNotice/kp:ReplacedBy")
NOTICE_EFFECTIVE_AT = ("/effectiveFrom", "/kp:CertificateStatusNotice/kp:EffectiveFrom")
NOTICE_REASON_AT = ("/reason", "/kp:CertificateStatusNotice/kp:Reason")
RESPONSE_NUMBER_AT = ("/certificateNumber", "/kp:StatusResponse/kp:CertificateNumber")
RESPONSE_STATUS_AT = ("/status", "/kp:StatusResponse/kp:Status")
RESPONSE_RECORDED_AT = ("/recordedAt", "/kp:StatusResponse/kp:RecordedAt")
RESPONSE_SINCE_AT = ("/statusSince", "/kp:StatusResponse/kp:StatusSince")
RESPONSE_REPLACED_BY_AT = ("/replacedBy", "/kp:StatusResponse/kp:ReplacedBy")


def _set(*pairs: tuple[tuple[str | int, ...], Any]) -> Mutation:
    def mutate(document: Any) -> Any:
        for path, value in pairs:
            document = change(document, path, value)
        return document

    return mutate


def _same(document: Any) -> Any:
    return document


OTHER_REASON = {"en": "The exporter's licence was withdrawn before the shipment left."}

RULE_CASES: tuple[RuleCase, ...] = (
    # KP-REQ-072: only the certificate's exporting authority changes its status; its notices are
    # numbered in its Participant's series.
    RuleCase(
        "notice-void",
        "The example notice voiding the South African certificate ZA2026004731",
        "KP-REQ-070",
        VOID,
        _same,
        Accept((R[60], R[61], R[62], R[64])),
    ),
    RuleCase(
        "notice-number-of-another-participant",
        "A notice about a South African certificate numbered in the Botswanan series (BWN...)",
        "KP-REQ-072",
        VOID,
        _set((("notice_number",), "BWN2026000038")),
        Reject((R[60],)),
        at=NOTICE_NUMBER_AT,
    ),
    RuleCase(
        "notice-certificate-of-another-participant",
        "A notice naming exporting Participant ZA for certificate number BW2026004731",
        "KP-REQ-072",
        VOID,
        _set((("certificate", "number"), "BW2026004731")),
        Reject((R[61],)),
        at=NOTICE_CERTIFICATE_AT,
    ),
    # KP-REQ-073: a replacement is named exactly when the status is "replaced", and is another
    # certificate of the same Participant.
    RuleCase(
        "notice-replaced",
        "The example notice replacing ZA2026005077 by ZA2026005102",
        "KP-REQ-073",
        REPLACED,
        _same,
        Accept((R[60], R[61], R[62], R[63], R[64])),
    ),
    RuleCase(
        "notice-replaced-naming-no-replacement",
        'A notice with the status "replaced" and no replacement (replacedBy)',
        "KP-REQ-073",
        REPLACED,
        _set((("replaced_by",), None)),
        Reject((R[62],)),
        at=NOTICE_STATUS_AT,
    ),
    RuleCase(
        "notice-void-naming-a-replacement",
        'A notice with the status "void" that names a replacement certificate',
        "KP-REQ-073",
        VOID,
        _set((("replaced_by",), "ZA2026004790")),
        Reject((R[62],)),
        at=NOTICE_REPLACED_BY_AT,
    ),
    RuleCase(
        "notice-replacement-of-another-participant",
        "A South African certificate replaced by a Botswanan certificate number",
        "KP-REQ-073",
        REPLACED,
        _set((("replaced_by",), "BW2026005102")),
        Reject((R[63],)),
        at=NOTICE_REPLACED_BY_AT,
    ),
    RuleCase(
        "notice-replaced-by-itself",
        "A certificate replaced by its own number",
        "KP-REQ-073",
        REPLACED,
        _set((("replaced_by",), "ZA2026005077")),
        Reject((R[63],)),
        at=NOTICE_REPLACED_BY_AT,
    ),
    # KP-REQ-074: a status change takes effect no earlier than the first instant of the date of
    # issue (ZA2026004731 is dated 2026-04-07).
    RuleCase(
        "notice-effective-at-the-first-instant-of-issue",
        "A notice taking effect at 2026-04-07T00:00:00Z, the first instant of the certificate's "
        "date of issue",
        "KP-REQ-074",
        VOID,
        _set((("effective_from",), _at("2026-04-07T00:00:00Z"))),
        Accept((R[64],)),
    ),
    RuleCase(
        "notice-effective-before-issue",
        "A notice taking effect at 2026-04-06T23:59:59Z, a second before the certificate's date "
        "of issue",
        "KP-REQ-074",
        VOID,
        _set((("effective_from",), _at("2026-04-06T23:59:59Z"))),
        Reject((R[64],)),
        at=NOTICE_EFFECTIVE_AT,
    ),
    # KP-REQ-070: the reason is coded, with text; "other" says it in words.
    RuleCase(
        "notice-other-reason-with-text",
        'A notice with the reason "other" and a reason text',
        "KP-REQ-070",
        VOID,
        _set((("reason",), "other"), (("reason_text",), OTHER_REASON)),
        Accept((R[65],)),
    ),
    RuleCase(
        "notice-other-reason-without-text",
        'A notice with the reason "other" and no reason text',
        "KP-REQ-070",
        VOID,
        _set((("reason",), "other"), (("reason_text",), None)),
        Reject((R[65],)),
        at=NOTICE_REASON_AT,
    ),
    # KP-REQ-075: an authority answers from its registry, for its own Participant's
    # certificates, with the recorded-at instant, the status and its effective instant.
    RuleCase(
        "response-issued",
        'The example status response: ZA2026005102 recorded at 2026-05-19T09:30:00Z, "issued"',
        "KP-REQ-075",
        RESPONSE,
        _same,
        Accept((R[66], R[67], R[68], R[69])),
    ),
    RuleCase(
        "response-about-another-participant",
        "A South African authority answering about certificate BW2026005102",
        "KP-REQ-075",
        RESPONSE,
        _set((("certificate_number",), "BW2026005102")),
        Reject((R[66],)),
        at=RESPONSE_NUMBER_AT,
    ),
    RuleCase(
        "response-issued-without-recorded-at",
        'A response "issued" without the instant the certificate was recorded',
        "KP-REQ-075",
        RESPONSE,
        _set((("recorded_at",), None)),
        Reject((R[67],)),
        at=RESPONSE_STATUS_AT,
    ),
    RuleCase(
        "response-unknown",
        'A response "unknown" (not recorded), without a recorded-at instant',
        "KP-REQ-075",
        RESPONSE,
        _set((("status",), "unknown"), (("recorded_at",), None)),
        Accept((R[67], R[68])),
    ),
    RuleCase(
        "response-unknown-with-recorded-at",
        'A response "unknown" (not recorded) that gives a recorded-at instant',
        "KP-REQ-075",
        RESPONSE,
        _set((("status",), "unknown")),
        Reject((R[67],)),
        at=RESPONSE_RECORDED_AT,
    ),
    RuleCase(
        "response-void-with-status-since",
        'A response "void" since 2026-05-20T08:00:00Z, between the recording and the answer',
        "KP-REQ-075",
        RESPONSE,
        _set((("status",), "void"), (("status_since",), _at("2026-05-20T08:00:00Z"))),
        Accept((R[68], R[69])),
    ),
    RuleCase(
        "response-void-without-status-since",
        'A response "void" without the instant it took effect',
        "KP-REQ-075",
        RESPONSE,
        _set((("status",), "void")),
        Reject((R[68],)),
        at=RESPONSE_STATUS_AT,
    ),
    RuleCase(
        "response-issued-with-status-since",
        'A response "issued" with a status-since instant',
        "KP-REQ-075",
        RESPONSE,
        _set((("status_since",), _at("2026-05-20T08:00:00Z"))),
        Reject((R[68],)),
        at=RESPONSE_SINCE_AT,
    ),
    RuleCase(
        "response-replaced-without-replacement",
        'A response "replaced" since 2026-05-20T08:00:00Z without the replacement',
        "KP-REQ-075",
        RESPONSE,
        _set((("status",), "replaced"), (("status_since",), _at("2026-05-20T08:00:00Z"))),
        Reject((R[68],)),
        at=RESPONSE_STATUS_AT,
    ),
    RuleCase(
        "response-recorded-at-the-answer",
        "A response recorded at the very instant it answers (2026-05-20T11:00:00Z)",
        "KP-REQ-075",
        RESPONSE,
        _set((("recorded_at",), _at("2026-05-20T11:00:00Z"))),
        Accept((R[69],)),
    ),
    RuleCase(
        "response-recorded-after-the-answer",
        "A response recorded at 2026-05-20T11:00:01Z, a second after it answers",
        "KP-REQ-075",
        RESPONSE,
        _set((("recorded_at",), _at("2026-05-20T11:00:01Z"))),
        Reject((R[69],)),
        at=RESPONSE_RECORDED_AT,
    ),
    RuleCase(
        "response-void-before-it-was-recorded",
        'A response "void" since 2026-05-19T09:29:59Z, a second before it was recorded',
        "KP-REQ-075",
        RESPONSE,
        _set((("status",), "void"), (("status_since",), _at("2026-05-19T09:29:59Z"))),
        Reject((R[69],)),
        at=RESPONSE_SINCE_AT,
    ),
)


def _own_day(document: Any) -> datetime.date:
    """The date a notice or response is judged on: when it takes effect, when it answers."""
    if isinstance(document, CertificateStatusNotice):
        return document.effective_from.astimezone(datetime.UTC).date()
    assert isinstance(document, StatusResponse)
    return document.answered_at.astimezone(datetime.UTC).date()


def _rule_drafts(case: RuleCase) -> Iterator[Draft]:
    document = case.mutate(golden_object(case.base))
    for syntax in ("json", "xml"):
        expected = case.expected
        if case.at is not None and isinstance(expected, Reject):
            expected = dataclasses.replace(expected, location=case.at[syntax == "xml"])
        yield Draft(
            key=f"{AREA}/{case.name}/{syntax}",
            name=case.name,
            description=f"{case.description} ({syntax.upper()})",
            requirement=case.requirement,
            roles=VALIDATOR,
            input=Bytes(kpstandard.dumps(document, syntax), syntax),
            verification_time=case.verification_time or noon_after(_own_day(document)),
            expected=expected,
            base=case.base,
            mutation=None if case.mutate is _same else case.name,
            comment=case.comment,
        )


# --- status evidence: documents the verifier judges with notices and responses -----------------


def _digest(data: bytes) -> Digest:
    value = base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
    return Digest(algorithm=SHA256, value=value)


def _signed(document: Any, stem: str) -> bytes:
    return sign_document(document, authority(stem))


def _notice(
    certificate: KPCertificate,
    data: bytes,
    number: str,
    effective: str,
    *,
    status: str = "void",
    replaced_by: str | None = None,
    issuer: KPCertificate | None = None,
) -> CertificateStatusNotice:
    """A notice about ``certificate`` (its signed bytes ``data``), issued by the authority of
    ``issuer`` (default: the certificate's own)."""
    base: CertificateStatusNotice = golden_object(REPLACED if replaced_by else VOID)
    reference = CertificateReference(
        number=certificate.certificate_number,
        exporting_participant=certificate.exporting_participant,
        date_of_issue=certificate.date_of_issue,
        digest=_digest(data),
    )
    return dataclasses.replace(
        base,
        notice_number=number,
        certificate=reference,
        issuing_authority=(issuer or certificate).issuing_authority,
        status=status,
        replaced_by=replaced_by,
        reason_text={"en": f"Replaced by {replaced_by}."} if replaced_by else base.reason_text,
        effective_from=_at(effective),
    )


def _response(
    certificate: KPCertificate,
    data: bytes,
    *,
    answered: str,
    recorded: str | None,
    status: str = "issued",
    since: str | None = None,
) -> StatusResponse:
    """The status response of the certificate's issuing authority about its signed bytes."""
    base: StatusResponse = golden_object(RESPONSE)
    return dataclasses.replace(
        base,
        participant=certificate.exporting_participant,
        responding_authority=certificate.issuing_authority,
        certificate_number=certificate.certificate_number,
        digest=_digest(data),
        status=status,
        recorded_at=_at(recorded) if recorded else None,
        status_since=_at(since) if since else None,
        replaced_by=None,
        answered_at=_at(answered),
    )


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    requirement: str
    data: bytes
    """The signed KP Certificate the verifier judges."""
    document: KPCertificate
    """What its signature covers: the data an accepting verifier returns."""
    expected: Accept | Reject | NotJudged
    time: str
    evidence: tuple[Bytes, ...] = ()
    base: str | None = None
    mutation: str | None = None
    comment: str | None = None
    anchor_ended_keys: bool = False

    @property
    def requires(self) -> tuple[str, ...]:
        return (ANCHOR_ENDED_KEYS,) if self.anchor_ended_keys else ()


def _evidence(data: bytes, name: str | None = None) -> Bytes:
    return Bytes(data, "xml", shared_name=name)


def _void_cases() -> Iterator[Case]:
    """The example certificate ZA2026004731 and the example notice that voids it from
    2026-04-08T10:00:00Z [KP-REQ-071: the status at an instant is that of the last valid notice
    whose effective instant is not after it]."""
    stem = "za-in-container"
    data = signed_example(stem)
    certificate: KPCertificate = golden_object(stem)
    notice = _evidence(signed_example(VOID), VOID)
    yield Case(
        "void-certificate",
        "The certificate, with the notice that voids it from 2026-04-08T10:00:00Z, verified "
        "the next day",
        "KP-REQ-071",
        data,
        certificate,
        Reject((ST004,)),
        "2026-04-09T12:00:00Z",
        (notice,),
        base=stem,
    )
    yield Case(
        "void-certificate-at-the-instant-the-notice-takes-effect",
        "The certificate, with the notice that voids it, verified at 2026-04-08T10:00:00Z, the "
        "instant the notice takes effect",
        "KP-REQ-071",
        data,
        certificate,
        Reject((ST004,)),
        "2026-04-08T10:00:00Z",
        (notice,),
        base=stem,
    )
    yield Case(
        "void-certificate-a-second-before-the-notice-takes-effect",
        "The certificate, with the notice that voids it, verified at 2026-04-08T09:59:59Z, a "
        "second before the notice takes effect",
        "KP-REQ-071",
        data,
        certificate,
        Accept((ST003, ST004)),
        "2026-04-08T09:59:59Z",
        (notice,),
        base=stem,
    )
    bw: KPCertificate = golden_object("bw-eu-unmixed")
    foreign = _notice(certificate, data, "ZAN2026000039", "2026-04-08T10:00:00Z", issuer=bw)
    yield Case(
        "notice-from-another-authority",
        "The certificate, with a notice voiding it issued and signed by BW-MME-DH, the "
        "authority of another Participant",
        "KP-REQ-072",
        data,
        certificate,
        Accept((ST004,)),
        "2026-04-09T12:00:00Z",
        (_evidence(_signed(foreign, "BW-MME-DH")),),
        base=stem,
        mutation="notice-by-bw-mme-dh",
        comment="Only the certificate's issuing authority may change its status: the notice is "
        "refused (a verifier may say so with KP-ST-003, a warning) and the certificate stands.",
    )
    forged = _notice(certificate, data, "ZAN2026000039", "2026-04-08T10:00:00Z")
    yield Case(
        "notice-signed-with-another-authoritys-key",
        "The certificate, with a notice naming ZA-SADPMR that voids it, signed with the key of "
        "BW-MME-DH",
        "KP-REQ-072",
        data,
        certificate,
        Accept((ST004,)),
        "2026-04-09T12:00:00Z",
        (_evidence(_signed(forged, "BW-MME-DH")),),
        base=stem,
        mutation="notice-signed-by-bw-mme-dh",
        comment="A notice must be signed by a key the trust list grants to the certificate's "
        "issuing authority; this one is not, so it is refused and the certificate stands.",
    )
    other = signed_example("za-ae-original")
    elsewhere = _notice(certificate, other, "ZAN2026000039", "2026-04-08T10:00:00Z")
    yield Case(
        "notice-about-another-digest",
        "The certificate, with a notice of its issuing authority voiding certificate number "
        "ZA2026004731 but giving the digest of other bytes",
        "KP-REQ-070",
        data,
        certificate,
        Accept((ST004,)),
        "2026-04-09T12:00:00Z",
        (_evidence(_signed(elsewhere, "ZA-SADPMR")),),
        base=stem,
        mutation="notice-with-another-digest",
        comment="A notice names the certificate by number and digest: with another digest it "
        "concerns another document, and this certificate stands.",
    )


def _replacement_cases() -> Iterator[Case]:
    """The example chain: ZA2026005077 replaced by ZA2026005102 from 2026-05-19T08:00:00Z, and
    the registry's response that ZA2026005102 was recorded, "issued" [KP-REQ-073]."""
    original_data = signed_example("za-ae-original")
    original: KPCertificate = golden_object("za-ae-original")
    replacement_data = signed_example("za-ae-replacement")
    replacement: KPCertificate = golden_object("za-ae-replacement")
    notice = _evidence(signed_example(REPLACED), REPLACED)
    response = _evidence(signed_example(RESPONSE), RESPONSE)
    yield Case(
        "replaced-certificate",
        "The original certificate ZA2026005077, with the notice that replaces it by "
        "ZA2026005102 from 2026-05-19T08:00:00Z",
        "KP-REQ-071",
        original_data,
        original,
        Reject((ST004,)),
        "2026-05-20T12:00:00Z",
        (notice,),
        base="za-ae-original",
    )
    yield Case(
        "replacement-certificate",
        "The replacement certificate ZA2026005102, with the notice that replaced the original "
        "by it and the registry's response that it was recorded and stands",
        "KP-REQ-073",
        replacement_data,
        replacement,
        Accept((ST004, ST005)),
        "2026-05-20T12:00:00Z",
        (notice, response),
        base="za-ae-replacement",
        comment="The notice is about the original, not about this certificate: it changes "
        "nothing here (a verifier may note that it is not used).",
    )
    second = _notice(
        original,
        original_data,
        "ZAN2026000042",
        "2026-05-21T08:00:00Z",
        status="replaced",
        replaced_by="ZA2026005199",
    )
    twice = (notice, _evidence(_signed(second, "ZA-SADPMR")))
    yield Case(
        "replaced-twice",
        "The original certificate, replaced by ZA2026005102 from 2026-05-19T08:00:00Z and, by a "
        "second notice, by ZA2026005199 from 2026-05-21T08:00:00Z",
        "KP-REQ-073",
        original_data,
        original,
        Reject((ST004, ST006)),
        "2026-05-22T12:00:00Z",
        twice,
        base="za-ae-original",
        mutation="second-replacement",
        comment="A certificate is replaced once: the second notice contradicts the history and "
        "is not used (KP-ST-006), and the certificate is replaced by ZA2026005102 (KP-ST-004). "
        "Either code justifies the refusal.",
    )
    early = _notice(
        original,
        original_data,
        "ZAN2026000042",
        "2026-05-19T12:00:00Z",
        status="replaced",
        replaced_by="ZA2026005199",
    )
    yield Case(
        "replaced-twice-verified-before-either-notice",
        "The original certificate with two replacement notices, from 2026-05-19T08:00:00Z and "
        "from 12:00:00Z that day, verified at 2026-05-19T07:59:59Z",
        "KP-REQ-073",
        original_data,
        original,
        Accept((ST004, ST006)),
        "2026-05-19T07:59:59Z",
        (notice, _evidence(_signed(early, "ZA-SADPMR"))),
        base="za-ae-original",
        mutation="second-replacement-same-day",
        comment="The status at an instant is that of the last valid notice whose effective "
        "instant is not after it (KP-REQ-071): at 07:59:59 neither notice is in force, so the "
        "history has no change yet, nothing contradicts it, and the certificate stands.",
    )


BACKDATED_NUMBER = "ZA2025009901"
VERIFIED = "2026-01-10T12:00:00Z"


def _backdated() -> tuple[KPCertificate, bytes]:
    """A South African certificate dated 2025-12-30, before the compromise of the key that signs
    it (revoked from 2026-01-01): what a thief of the key can make after the compromise."""
    za = golden_object("za-in-container")
    document = dataclasses.replace(
        redate(za, datetime.date(2025, 12, 30)), certificate_number=BACKDATED_NUMBER
    )
    return document, _signed(document, "ZA-SADPMR-compromised")


def _backdated_cases() -> Iterator[Case]:
    """KP-REQ-076: a document signed with a key revoked for compromise is accepted only with
    evidence that it existed before the revocation: a status response of its issuing authority,
    signed with a key that is not revoked, recorded before the revocation instant."""
    certificate, data = _backdated()
    mutation = "dated-2025-12-30,signed-by-compromised-key"

    def response(recorded: str, signer: str = "ZA-SADPMR", about: bytes = data) -> Bytes:
        answer = _response(certificate, about, answered="2026-01-09T10:00:00Z", recorded=recorded)
        return _evidence(_signed(answer, signer))

    def case(
        name: str,
        description: str,
        expected: Accept | NotJudged,
        evidence: tuple[Bytes, ...] = (),
        *,
        time: str = VERIFIED,
        comment: str | None = None,
    ) -> Case:
        return Case(
            name,
            "A certificate dated 2025-12-30 and signed with the ZA key revoked for compromise "
            f"from 2026-01-01: {description}",
            "KP-REQ-076",
            data,
            certificate,
            expected,
            time,
            evidence,
            base="za-in-container",
            mutation=mutation,
            comment=comment,
        )

    yield case(
        "backdated-without-evidence",
        "verified on 2026-01-10 without evidence",
        NotJudged((ST001,)),
        comment="A thief of the key can date a document before the compromise: its own date "
        "proves nothing, and without evidence the verifier cannot judge it, never valid.",
    )
    yield case(
        "backdated-verified-before-the-compromise",
        "verified on 2025-12-31, before the revocation, without evidence",
        Accept((ST001,)),
        time="2025-12-31T12:00:00Z",
        comment="At the verification time the key is not revoked: nothing asks for an anchor.",
    )
    yield case(
        "backdated-with-a-response-recorded-before-the-compromise",
        "with the status response of ZA-SADPMR that recorded it at 2025-12-30T09:00:00Z",
        Accept((ST001, ST003)),
        (response("2025-12-30T09:00:00Z"),),
    )
    yield case(
        "backdated-with-a-response-recorded-a-second-before-the-compromise",
        "with the status response of ZA-SADPMR that recorded it at 2025-12-31T23:59:59Z",
        Accept((ST001,)),
        (response("2025-12-31T23:59:59Z"),),
    )
    yield case(
        "backdated-with-a-response-recorded-at-the-compromise",
        "with the status response of ZA-SADPMR that recorded it at 2026-01-01T00:00:00Z, the "
        "instant of the revocation",
        NotJudged((ST001,)),
        (response("2026-01-01T00:00:00Z"),),
        comment="The evidence must precede the revocation instant; at that instant the key may "
        "already be in a thief's hands.",
    )
    yield case(
        "backdated-with-a-response-recorded-after-the-compromise",
        "with the status response of ZA-SADPMR that recorded it at 2026-01-02T09:00:00Z",
        NotJudged((ST001,)),
        (response("2026-01-02T09:00:00Z"),),
    )
    yield case(
        "backdated-with-a-response-signed-by-another-authority",
        "with a status response naming ZA-SADPMR, recorded at 2025-12-30T09:00:00Z, signed with "
        "the key of BW-MME-DH",
        NotJudged((ST001, ST003)),
        (response("2025-12-30T09:00:00Z", signer="BW-MME-DH"),),
        comment="Only the issuing authority's registry anchors its certificates: the response is "
        "not used, and nothing else anchors the document.",
    )
    yield case(
        "backdated-with-a-response-signed-with-the-compromised-key",
        "with a status response recorded at 2025-12-30T09:00:00Z, signed with the compromised "
        "key itself",
        NotJudged((ST001, ST003)),
        (response("2025-12-30T09:00:00Z", signer="ZA-SADPMR-compromised"),),
        comment="The thief holds the compromised key and can answer for the registry with it: "
        "a response signed with a revoked key anchors nothing.",
    )
    other = _signed(
        dataclasses.replace(certificate, date_of_expiry=datetime.date(2026, 2, 26)),
        "ZA-SADPMR-compromised",
    )
    yield case(
        "backdated-with-a-response-about-another-digest",
        "with the status response of ZA-SADPMR that recorded, at 2025-12-30T09:00:00Z, another "
        "document with the same number",
        NotJudged((ST001, ST003)),
        (response("2025-12-30T09:00:00Z", about=other),),
        comment="The registry recorded other bytes under this number: the document verified "
        "is not the one it recorded, and nothing anchors it.",
    )


def _registry_cases() -> Iterator[Case]:
    """KP-REQ-075 and KP-REQ-071: what the registry of the issuing authority answers."""
    stem = "bw-eu-unmixed"
    data = signed_example(stem)
    certificate: KPCertificate = golden_object(stem)  # dated 2026-02-16
    time = "2026-02-18T12:00:00Z"

    def response(status: str, recorded: str | None, since: str | None = None) -> Bytes:
        answer = _response(
            certificate,
            data,
            answered="2026-02-18T10:00:00Z",
            recorded=recorded,
            status=status,
            since=since,
        )
        return _evidence(_signed(answer, "BW-MME-DH"))

    yield Case(
        "registry-recorded-it",
        "The certificate, with the response of BW-MME-DH's registry that it recorded it at "
        "2026-02-16T10:00:00Z and that it stands",
        "KP-REQ-075",
        data,
        certificate,
        Accept((ST003, ST004, ST005)),
        time,
        (response("issued", "2026-02-16T10:00:00Z"),),
        base=stem,
    )
    yield Case(
        "registry-never-recorded-it",
        "The certificate, with the response of BW-MME-DH's registry that it recorded no "
        'certificate with this number and digest ("unknown")',
        "KP-REQ-075",
        data,
        certificate,
        Reject((ST005,)),
        time,
        (response("unknown", None),),
        base=stem,
        comment="The issuing authority says it never issued these bytes: a forgery or a "
        "document that never went through its system, whatever the signature says.",
    )
    yield Case(
        "registry-says-void",
        "The certificate, with the response of BW-MME-DH's registry that it is void since "
        "2026-02-17T08:00:00Z",
        "KP-REQ-071",
        data,
        certificate,
        Reject((ST004,)),
        time,
        (response("void", "2026-02-16T10:00:00Z", "2026-02-17T08:00:00Z"),),
        base=stem,
    )


def _retired_key_cases() -> Iterator[Case]:
    """KP-REQ-077 (a MAY): a verifier that asks for the evidence of KP-REQ-076 also for a key
    retired before the verification time. The BW key BW-MME-DH-2019-retired is retired from
    2025-01-01; the certificate is dated 2024-12-31 and verified on 2025-01-02."""
    certificate = redate(golden_object("bw-eu-unmixed"), datetime.date(2024, 12, 31))
    data = _signed(certificate, "BW-MME-DH-2019-retired")
    answer = _response(
        certificate, data, answered="2025-01-02T10:00:00Z", recorded="2024-12-31T10:00:00Z"
    )
    for name, description, expected, evidence in (
        (
            "retired-key-anchoring-asked-without-evidence",
            "without evidence",
            NotJudged((ST002,)),
            (),
        ),
        (
            "retired-key-anchoring-asked-with-a-response-recorded-before-the-retirement",
            "with the response of BW-MME-DH's registry (signed with its current key) that "
            "recorded it at 2024-12-31T10:00:00Z",
            Accept((ST002,)),
            (_evidence(_signed(answer, "BW-MME-DH")),),
        ),
    ):
        yield Case(
            name,
            "A certificate dated 2024-12-31, signed with the BW key retired from 2025-01-01, "
            f"verified on 2025-01-02 by a verifier that asks for anchoring: {description}",
            "KP-REQ-077",
            data,
            certificate,
            expected,
            "2025-01-02T12:00:00Z",
            evidence,
            base="bw-eu-unmixed",
            mutation="dated-2024-12-31,signed-by-retired-key",
            anchor_ended_keys=True,
        )


EXPIRING = "bw-eu-unmixed"
"""BW0241187: issued 2026-02-16, date of expiry 2026-04-16 (the last day for presenting the
shipment to the importing authority)."""
RECEIPT = "receipt-eu-bw-unmixed"
"""The EU Diamond Office's receipt of BW0241187, received at 2026-02-18T09:41:07Z."""
CONFIRMATION = "ic-bw-eu-unmixed"
"""The EU Diamond Office's confirmation of BW0241187, goods received on 2026-02-19."""
TM002 = "KP-TM-002"


def _expiry_cases() -> Iterator[Case]:
    """KP-REQ-041 (issue 12): the date of expiry bounds the presentation of the shipment to the
    importing authority (KP-BT-010). A certificate verified after it is accepted when the
    importing authority's own signed import confirmation, bound to the certificate's bytes,
    states a date of receipt on or before that day; without it, it is refused (KP-TM-002). A
    delivery receipt of the document is no such evidence: on the exchange every certificate is
    delivered at issuance."""
    certificate: KPCertificate = golden_object(EXPIRING)
    data = signed_example(EXPIRING)
    receipt = golden_object(RECEIPT)
    confirmation = golden_object(CONFIRMATION)
    digest = dataclasses.replace(
        confirmation.certificate.digest,
        value=base64.b64encode(hashlib.sha256(data).digest()).decode(),
    )
    bound = dataclasses.replace(
        confirmation,
        certificate=dataclasses.replace(confirmation.certificate, digest=digest),
    )

    def received(day: str, signer: str = "EU-BE-FPSECO-DO", **changes: Any) -> Bytes:
        document = dataclasses.replace(
            bound, date_of_receipt=datetime.date.fromisoformat(day), **changes
        )
        return _evidence(_signed(document, signer))

    def case(
        name: str,
        description: str,
        expected: Accept | Reject,
        evidence: tuple[Bytes, ...] = (),
        comment: str | None = None,
    ) -> Case:
        return Case(
            name,
            "BW0241187, date of expiry 2026-04-16, verified on 2026-06-01: " + description,
            "KP-REQ-041",
            data,
            certificate,
            expected,
            "2026-06-01T12:00:00Z",
            evidence,
            base=EXPIRING,
            comment=comment,
        )

    yield case(
        "expired-without-evidence-of-export",
        "without evidence that the goods were presented in time",
        Reject((TM002,)),
        comment="The date of expiry bounds the presentation of the shipment to the importing "
        "authority; after it, only that authority's confirmation of the goods received in time "
        "lets a verifier accept the certificate.",
    )
    yield case(
        "expired-with-a-delivery-receipt-only",
        "with the EU Diamond Office's receipt of the document at 2026-02-18T09:41:07Z",
        Reject((TM002,)),
        (
            _evidence(
                _signed(
                    dataclasses.replace(receipt, received_at=_at("2026-02-18T09:41:07Z")),
                    "EU-BE-FPSECO-DO",
                )
            ),
        ),
        comment="On the exchange every certificate is delivered at issuance: the receipt proves "
        "that the document arrived, not that the goods were presented before the date of expiry.",
    )
    yield case(
        "expired-goods-received-before-expiry",
        "with the EU Diamond Office's import confirmation, goods received on 2026-02-19",
        Accept((TM002,)),
        (received("2026-02-19"),),
    )
    yield case(
        "expired-goods-received-on-the-last-day",
        "with the EU Diamond Office's import confirmation, goods received on 2026-04-16",
        Accept((TM002,)),
        (received("2026-04-16"),),
    )
    yield case(
        "expired-goods-received-the-day-after-expiry",
        "with the EU Diamond Office's import confirmation, goods received on 2026-04-17",
        Reject((TM002,)),
        (received("2026-04-17"),),
    )
    yield case(
        "expired-confirmation-signed-by-another-authority",
        "with an import confirmation of 2026-02-19 naming the EU Diamond Office, signed with the "
        "key of BW-MME-DH",
        Reject((TM002, ST003)),
        (received("2026-02-19", signer="BW-MME-DH"),),
        comment="Only the importing authority's own confirmation records the goods: this one is "
        "not used (KP-ST-003), and nothing else shows them presented in time.",
    )
    yield case(
        "expired-shipment-refused",
        "with the EU Diamond Office's import confirmation of 2026-02-19 refusing the shipment",
        Reject((TM002, ST003)),
        (
            received(
                "2026-02-19",
                spec_version="1.1",
                outcome="refused",
                refusal_reasons={"en": "Seal of the security bag broken on arrival"},
            ),
        ),
        comment="A refusal accepted no goods under the certificate: it is not used (KP-ST-003).",
    )
    yield _nothing_received_case()


def _nothing_received_case() -> Case:
    """Found by review: a 1.1 confirmation that states every quantity received as zero, each a
    stated discrepancy, is a valid confirmation; but it records no goods received, so it does
    not let a verification after the date of expiry accept the certificate."""
    stem = "bw-eu-hybrid"  # BW0241202 (1.1), date of expiry 2026-04-16
    certificate: KPCertificate = golden_object(stem)
    data = signed_example(stem)
    confirmation = golden_object("ic-bw-eu-hybrid")
    digest = dataclasses.replace(
        confirmation.certificate.digest,
        value=base64.b64encode(hashlib.sha256(data).digest()).decode(),
    )
    zero = Decimal(0)
    codes_received = [line.hs_code for line in confirmation.lines]
    nothing = dataclasses.replace(
        confirmation,
        certificate=dataclasses.replace(confirmation.certificate, digest=digest),
        lines=tuple(
            dataclasses.replace(line, carats=zero, value_usd=zero, parcels=0)
            for line in confirmation.lines
        ),
        totals=dataclasses.replace(confirmation.totals, carats=zero, value_usd=zero, parcels=0),
        discrepancies=tuple(
            Discrepancy(hs_code=code, quantity=quantity, explanation=None)
            for code in [*codes_received, None]
            for quantity in ("carats", "value", "parcels")
        ),
    )
    return Case(
        "expired-confirmation-records-nothing-received",
        "BW0241202, date of expiry 2026-04-16, verified on 2026-06-01: with the EU Diamond "
        "Office's import confirmation of 2026-02-19 whose every line and total is received as "
        "zero, each stated as a discrepancy",
        "KP-REQ-041",
        data,
        certificate,
        Reject((TM002, ST003)),
        "2026-06-01T12:00:00Z",
        (_evidence(_signed(nothing, "EU-BE-FPSECO-DO")),),
        base=stem,
        comment="A confirmation whose totals record nothing received is no record of the goods: "
        "it is not used (KP-ST-003), and nothing else shows them presented in time.",
    )


def _v1_1_cases() -> Iterator[Case]:
    """The 1.1 golden certificate of Hong Kong (an issuing entity within China's participation,
    with its own authority and number prefix), signed in the generator, with evidence of 1.1
    too: a verifier that supports only 1.1 has status tests [KP-REQ-071, KP-REQ-075]."""
    stem = "hk-ae-mixed-origins"
    certificate: KPCertificate = golden_object(stem)  # dated 2026-03-10
    signer = str(certificate.issuing_authority.identifier)
    data = _signed(certificate, signer)
    time = "2026-03-12T12:00:00Z"
    notice = dataclasses.replace(
        _notice(certificate, data, "HKN2026000001", "2026-03-11T10:00:00Z"), spec_version="1.1"
    )

    def response(status: str, recorded: str | None) -> Bytes:
        answer = _response(
            certificate, data, answered="2026-03-12T10:00:00Z", recorded=recorded, status=status
        )
        return _evidence(_signed(dataclasses.replace(answer, spec_version="1.1"), signer))

    yield Case(
        f"v1-1-void-{stem}",
        f"The 1.1 certificate {stem}, with the notice of {signer} that voids it from "
        "2026-03-11T10:00:00Z, verified the next day",
        "KP-REQ-071",
        data,
        certificate,
        Reject((ST004,)),
        time,
        (_evidence(_signed(notice, signer)),),
        base=stem,
        mutation=f"sign-with-{signer},notice-void",
    )
    yield Case(
        f"v1-1-registry-recorded-{stem}",
        f"The 1.1 certificate {stem}, with the response of {signer}'s registry that it "
        "recorded it at 2026-03-10T10:00:00Z and that it stands",
        "KP-REQ-075",
        data,
        certificate,
        Accept((ST004, ST005)),
        time,
        (response("issued", "2026-03-10T10:00:00Z"),),
        base=stem,
        mutation=f"sign-with-{signer},response-issued",
    )
    yield Case(
        f"v1-1-registry-never-recorded-{stem}",
        f"The 1.1 certificate {stem}, with the response of {signer}'s registry that it recorded "
        'no certificate with this number and digest ("unknown")',
        "KP-REQ-075",
        data,
        certificate,
        Reject((ST005,)),
        time,
        (response("unknown", None),),
        base=stem,
        mutation=f"sign-with-{signer},response-unknown",
    )


CASES = (
    _void_cases,
    _replacement_cases,
    _backdated_cases,
    _registry_cases,
    _retired_key_cases,
    _expiry_cases,
    _v1_1_cases,
)


def drafts() -> Iterator[Draft]:
    """Every vector of the status area, in a stable order."""
    for rule_case in RULE_CASES:
        yield from _rule_drafts(rule_case)
    for group in CASES:
        for case in group():
            expected: Accept | Reject | NotJudged = case.expected
            if isinstance(expected, Accept):
                output = Bytes(kpstandard.dumps(case.document, "xml"), "xml")
                expected = dataclasses.replace(expected, output=output)
            yield Draft(
                key=f"{AREA}/{case.name}/xml",
                name=case.name,
                description=case.description,
                requirement=case.requirement,
                roles=IMPORTER,
                input=Bytes(case.data, "xml"),
                verification_time=case.time,
                expected=expected,
                base=case.base,
                mutation=case.mutation,
                trust_list=trust_list(),
                trust_list_operator=operator_certificate(),
                status_evidence=case.evidence,
                anchor_ended_keys=case.anchor_ended_keys,
                requires=case.requires,
                comment=case.comment,
            )
