"""Area ``issuance``: documents an issuer must sign, and keys and inputs it must refuse.

An issuer is given the document to sign (JSON or XML), a test key (PKCS#8 PEM) and its X.509
certificate (PEM) from the test PKI. Its signed document is graded ``verifies``: the reference
verifier, with the trust list and the operator certificate of the context at the verification
time, must find it valid in every layer (the signature profile, the signer on the trust list, the
dates, the document's own rules), and the data it signs must be the input's. How the issuer
writes its XML (prefixes, whitespace, RSA or ECDSA, XAdES or not) is its own affair, so the
expected file is the data, never signed bytes: signatures by ECDSA and XAdES differ at every run.

TEST KEYS ONLY: every key here is public (examples/pki, or derived from a public seed).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

import kpstandard
from kpstandard.conformance.generate._common import certificate_of, codes
from kpstandard.conformance.generate._draft import Bytes, Draft, Output, Reject, noon_after
from kpstandard.conformance.generate._golden import GOLDEN, golden_bytes, golden_object
from kpstandard.conformance.generate._pki import (
    authority_certificate_pem,
    authority_key_pem,
    certificate_pem,
    key_pem,
    operator_certificate,
    operator_key_pem,
    signed_example,
    time_after,
    trust_list,
    weak_curve,
    weak_rsa,
)
from kpstandard.conformance.generate._xmldsig import SigningKey
from kpstandard.model import (
    AuthorityTrustList,
    CertificateStatusNotice,
    KPCertificate,
    StatusResponse,
)

__all__ = ["drafts"]

AREA = "issuance"
ROLES = ("issuer",)
SIG008 = codes("SIG", 8)[0]
SIG002 = codes("SIG", 2)[0]
S001 = "KP-S-001"
OPERATOR = "operator"
"""The stem that names the list operator's key (examples/pki/operator)."""


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    requirement: str
    data: bytes
    syntax: str
    signer: str
    """The stem of the key to sign with: an authority of examples/pki, or ``operator``."""
    document: Any
    base: str | None = None
    mutation: str | None = None
    expected: Reject | None = None
    """None: a signed document that verifies and holds the input's data."""
    key: Bytes | None = None
    certificate: Bytes | None = None
    """A key and certificate instead of the signer's (a key that must not be used)."""
    comment: str | None = None


def _signer_of(document: Any) -> str:
    if isinstance(document, AuthorityTrustList):
        return OPERATOR
    if isinstance(document, StatusResponse):
        return str(document.responding_authority.identifier)
    authority = getattr(document, "issuing_authority", None) or document.importing_authority
    return str(authority.identifier)


def _clock(document: Any) -> str:
    """The pinned clock: two days after the document's date (a notice's taking effect, a status
    response's answer)."""
    if isinstance(document, CertificateStatusNotice):
        return noon_after(document.effective_from.date(), 2)
    if isinstance(document, StatusResponse):
        return noon_after(document.answered_at.date(), 2)
    return time_after(document)


def _key_files(stem: str) -> tuple[Bytes, Bytes]:
    if stem == OPERATOR:
        return (
            Bytes(operator_key_pem(), None, "operator.key", "pem"),
            operator_certificate(),
        )
    return (
        Bytes(authority_key_pem(stem), None, f"{stem}.key", "pem"),
        Bytes(authority_certificate_pem(stem), None, f"{stem}.cert", "pem"),
    )


def _requirement(document: Any) -> str:
    if isinstance(document, KPCertificate):
        return "KP-REQ-007"
    if isinstance(document, AuthorityTrustList):
        return "KP-REQ-038"
    return "KP-REQ-027"


def _derived(name: str, signer: SigningKey) -> tuple[Bytes, Bytes]:
    return (
        Bytes(key_pem(signer.key), None, f"{name}.key", "pem"),
        Bytes(certificate_pem(signer.certificate), None, f"{name}.cert", "pem"),
    )


JSON_TOO = ("bw-eu-unmixed", "eu-ae-mixed", "ru-by-russian", "ic-bw-eu-unmixed")
"""Golden documents also given in JSON: RSA, ECDSA P-256 and P-384, and a confirmation."""


GOLDEN_1_1 = ("bw-eu-hybrid", "hk-ae-mixed-origins")
"""Golden certificates of version 1.1 (examples/documents), signed too, after the rest: an issuer
that supports only 1.1 has documents to sign (the hybrid twin in JSON too)."""


def _golden(
    stems: tuple[str, ...],
    json_too: tuple[str, ...],
    requirements: Mapping[str, str] | None = None,
) -> Iterator[Case]:
    """Sign each golden document (XML, and JSON for ``json_too``), under the requirement that
    has its signer sign it (``requirements`` by stem, else the document type's)."""
    for stem in stems:
        document = golden_object(stem)
        signer = _signer_of(document)
        kind = type(document).__name__
        requirement = requirements[stem] if requirements is not None else _requirement(document)
        for syntax in ("xml", "json") if stem in json_too else ("xml",):
            who = "its operator" if signer == OPERATOR else f"{signer}, the authority it names"
            yield Case(
                f"sign-{stem}",
                f"Sign the golden {kind} {stem} ({syntax.upper()}) with the key of {who}",
                "KP-REQ-040" if syntax == "json" else requirement,
                golden_bytes(stem, syntax),
                syntax,
                signer,
                document,
                base=stem,
                comment="From JSON: the signed form of a document is its XML syntax (KP-REQ-040)."
                if syntax == "json"
                else None,
            )


def _cases() -> Iterator[Case]:
    yield from _golden(GOLDEN, JSON_TOO)
    bw = golden_object("bw-eu-unmixed")
    weak: tuple[tuple[str, str, SigningKey], ...] = (
        ("rsa-1024", "an RSA key of 1024 bits", weak_rsa()),
        ("ecdsa-p521", "an ECDSA key on P-521, a curve the profile does not allow", weak_curve()),
    )
    for name, description, weak_key in weak:
        key, certificate = _derived(name, weak_key)
        yield Case(
            f"refuse-{name}",
            f"Asked to sign with {description}: an issuer refuses",
            "KP-REQ-035",
            golden_bytes("bw-eu-unmixed", "xml"),
            "xml",
            "BW-MME-DH",
            bw,
            base="bw-eu-unmixed",
            expected=Reject((SIG008,)),
            key=key,
            certificate=certificate,
            comment="TEST KEY derived from a public seed (kpstandard/conformance/generate/"
            "_pki.py); its certificate is issued by the test root CA.",
        )
    yield from _refusals(bw)
    yield from _status_documents()
    value = json.loads(golden_bytes("bw-eu-unmixed", "json"))
    del value["certificateNumber"]
    yield Case(
        "refuse-invalid-document",
        "Asked to sign a certificate without its certificate number: an issuer refuses to sign "
        "a document that does not conform",
        "KP-REQ-001",
        (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode(),
        "json",
        "BW-MME-DH",
        bw,
        base="bw-eu-unmixed",
        mutation="remove-certificate-number",
        expected=Reject((S001,)),
    )
    yield from _golden(GOLDEN_1_1, ("bw-eu-hybrid",))


def _refusals(bw: Any) -> Iterator[Case]:
    """Inputs an issuer must refuse to sign, in both syntaxes: a document that does not conform
    (a schema defect, a broken business rule judged on its date of issue) and one already signed.
    An issuer signs only what passes every layer that applies to it (KP-REQ-007)."""
    broken: tuple[tuple[str, str, Any, str], ...] = (
        (
            "expiry-before-issue",
            "a certificate whose date of expiry is before its date of issue",
            dataclasses.replace(bw, date_of_expiry=bw.date_of_issue - datetime.timedelta(days=1)),
            "KP-R-010",
        ),
        (
            "same-participant-both-ends",
            "a certificate whose exporting Participant is also the importing one",
            dataclasses.replace(bw, importing_participant=bw.exporting_participant),
            "KP-R-002",
        ),
    )
    for name, description, document, code in broken:
        for syntax in ("json", "xml"):
            yield Case(
                f"refuse-{name}",
                f"Asked to sign {description} ({syntax.upper()}): an issuer refuses to sign a "
                "document that breaks a business rule",
                "KP-REQ-007",
                kpstandard.dumps(document, syntax),
                syntax,
                "BW-MME-DH",
                document,
                base="bw-eu-unmixed",
                mutation=name,
                expected=Reject((code,)),
            )
    root = etree.fromstring(golden_bytes("bw-eu-unmixed", "xml"))
    number = root.find(f"{{{root.nsmap[None]}}}CertificateNumber")
    assert number is not None
    root.remove(number)
    yield Case(
        "refuse-invalid-document",
        "Asked to sign a certificate without its certificate number (XML): an issuer refuses to "
        "sign a document that does not conform",
        "KP-REQ-001",
        etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
        "xml",
        "BW-MME-DH",
        bw,
        base="bw-eu-unmixed",
        mutation="remove-certificate-number",
        expected=Reject((S001,)),
    )
    yield Case(
        "refuse-already-signed",
        "Asked to sign a certificate that is already signed (XML): a second signature is not "
        "allowed",
        "KP-REQ-036",
        signed_example("bw-eu-unmixed"),
        "xml",
        "BW-MME-DH",
        bw,
        base="bw-eu-unmixed",
        mutation="signed",
        expected=Reject((SIG002,)),
        comment="A signed document carries exactly one Signature (KP-SIG-002); signing it again "
        "would make two. The JSON syntax has no signature yet, so this input is XML only.",
    )


STATUS_DOCUMENTS = (
    ("notice-za-in-container-void", "KP-REQ-070"),
    ("notice-za-ae-original-replaced", "KP-REQ-073"),
    ("status-response-za-ae-replacement", "KP-REQ-075"),
)
"""The golden Certificate Status Notices and Status Response, with the requirement that has the
issuing registry sign them: an issuer of notices plays the issuer role too."""


def _status_documents() -> Iterator[Case]:
    """The exporting authority signs its status notices and its registry's status responses
    (KP-REQ-070, KP-REQ-075); it refuses to sign one that breaks their rules."""
    stems = tuple(stem for stem, _ in STATUS_DOCUMENTS)
    yield from _golden(stems, stems, dict(STATUS_DOCUMENTS))
    replaced: CertificateStatusNotice = golden_object("notice-za-ae-original-replaced")
    answered: StatusResponse = golden_object("status-response-za-ae-replacement")
    broken: tuple[tuple[str, str, str, Any, str, str], ...] = (
        (
            "refuse-replaced-notice-without-replacement",
            "a notice that a certificate was replaced that names no replacement",
            "notice-za-ae-original-replaced",
            dataclasses.replace(replaced, replaced_by=None),
            "KP-R-062",
            "KP-REQ-073",
        ),
        (
            "refuse-status-response-without-recorded-at",
            f"a status response saying {answered.status!r} without the instant the registry "
            "recorded the certificate",
            "status-response-za-ae-replacement",
            dataclasses.replace(answered, recorded_at=None),
            "KP-R-067",
            "KP-REQ-075",
        ),
    )
    syntaxes: tuple[Literal["json", "xml"], ...] = ("json", "xml")
    for name, description, base, document, code, requirement in broken:
        for syntax in syntaxes:
            yield Case(
                name,
                f"Asked to sign {description} ({syntax.upper()}): an issuer refuses to sign a "
                "document that breaks a rule",
                requirement,
                kpstandard.dumps(document, syntax),
                syntax,
                _signer_of(document),
                document,
                base=base,
                mutation=name.removeprefix("refuse-"),
                expected=Reject((code,)),
            )


def drafts() -> Iterator[Draft]:
    """Every vector of the issuance area, in a stable order."""
    for case in _cases():
        key, certificate = _key_files(case.signer)
        key = case.key or key
        certificate = case.certificate or certificate
        if case.expected is None:
            expected: Output | Reject = Output(
                Bytes(kpstandard.dumps(case.document, "xml"), "xml"), check="verifies"
            )
            listing, operator = trust_list(), operator_certificate()
            confirmed = certificate_of(case.base or "")
        else:
            expected, listing, operator, confirmed = case.expected, None, None, None
        yield Draft(
            key=f"{AREA}/{case.name}/{case.syntax}",
            name=case.name,
            description=case.description,
            requirement=case.requirement,
            roles=ROLES,
            input=Bytes(case.data, case.syntax),
            verification_time=_clock(case.document),
            expected=expected,
            base=case.base,
            mutation=case.mutation,
            certificate=confirmed,
            trust_list=listing,
            trust_list_operator=operator,
            signing_key=key,
            signing_certificate=certificate,
            comment=case.comment,
        )
