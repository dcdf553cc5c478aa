"""Make the TEST-ONLY PKI of the examples, the signed trust list and the signed examples.

    python examples/pki/make_pki.py            # keys and certificates (new keys each run)
    python examples/pki/make_pki.py --sign     # only re-sign, with the committed keys

!!! TEST KEYS ONLY. Every private key written here is public, committed to a public repository,
!!! and worthless as a secret. Never use them, or certificates issued with them, for real
!!! certificates; a verifier must never trust this PKI outside tests.

What it makes, under examples/pki/:
- ca/: a test root CA (issuer of every certificate below, for chain checks with xmlsec1);
- operator/: the trust list operator's key and certificate (the anchor a verifier pins);
- authorities/: one key and certificate per authority of the examples, plus special cases for
  tests: a retired key, a key revoked for compromise, an expired certificate, a certificate whose
  key usage forbids signing, and a rogue key on no list;
- trust-list.yaml: the trust list's description (kpcert trust-list build reads it).
Then the trust list, built from trust-list.yaml, as examples/documents/trust-list.{xml,json} and
signed by the operator as examples/signed/trust-list.xml; and a signed twin of every other XML
example of examples/documents under examples/signed/, signed by the authority the document names.
The certificates are signed first: a signed import confirmation's certificate digest is set to the
digest of its SIGNED certificate's bytes in examples/signed/ (the bytes the importing authority
received, annex Article 11(2)) before it is signed. A twin that already signs the same document
with the same certificate is kept, so re-running --sign changes only what must change.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from kpstandard.pipeline import build_trust_list, sign  # noqa: E402
from kpstandard.signature.keys import load_certificate, load_private_key  # noqa: E402

if TYPE_CHECKING:
    from kpstandard.model import ImportConfirmation

TEST = "TEST ONLY - NOT A REAL KP AUTHORITY"

UTC = datetime.UTC
START = datetime.datetime(2020, 1, 1, tzinfo=UTC)
END = datetime.datetime(2035, 12, 31, tzinfo=UTC)
# (identifier, Participant, roles, key kind, name)
AUTHORITIES = [
    ("AE-KPO", "AE", ["exporting"], "rsa2048", "UAE Kimberley Process Office"),
    ("AO-MIREMPET-KP", "AO", ["exporting"], "rsa3072", "Angola KP Authority"),
    ("BW-MME-DH", "BW", ["exporting"], "rsa2048", "Botswana Diamond Hub"),
    ("BY-MINFIN-DPMS", "BY", ["importing"], "p256", "Belarus Precious Metals Department"),
    ("CA-NRCAN-KPO", "CA", ["exporting"], "p256", "Canada KP Office"),
    ("CF-BECDOR", "CF", ["exporting"], "rsa2048", "CAR Diamond Valuation Bureau"),
    ("EU-BE-FPSECO-DO", "EU", ["exporting", "importing"], "p256", "EU Authority in Antwerp"),
    ("GB-FCDO-GDO", "GB", ["exporting"], "rsa2048", "UK Government Diamond Office"),
    ("HK-TID-KP", "HK", ["exporting"], "rsa2048", "Hong Kong Trade and Industry Department"),
    ("IN-GJEPC", "IN", ["exporting", "importing"], "rsa2048", "India KP Authority"),
    ("RU-ASSAY-OFFICE", "RU", ["exporting"], "p384", "Russia Assay Office"),
    ("US-USKPA", "US", ["exporting"], "rsa2048", "US KP Authority"),
    ("ZA-SADPMR", "ZA", ["exporting"], "rsa2048", "South Africa Diamond Regulator"),
]
# Special certificates for tests (their status on the list is in trust-list.yaml):
# (file stem, X.509 validity start, end, whether the key usage allows signing)
SPECIAL = [
    ("BW-MME-DH-2019-retired", datetime.datetime(2019, 1, 1, tzinfo=UTC), END, True),
    ("ZA-SADPMR-compromised", START, END, True),  # revoked for compromise from 2026-01-01
    ("AO-MIREMPET-KP-expired", START, datetime.datetime(2024, 12, 31, tzinfo=UTC), True),
    ("GB-FCDO-GDO-keyencipherment", START, END, False),  # key encipherment only
    ("rogue", START, END, True),  # on no trust list
]


def _key(kind: str) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    if kind.startswith("rsa"):
        return rsa.generate_private_key(public_exponent=65537, key_size=int(kind[3:]))
    return ec.generate_private_key(ec.SECP384R1() if kind == "p384" else ec.SECP256R1())


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST),
        ]
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    *,
    ca: bool = False,
    start: datetime.datetime = START,
    end: datetime.datetime = END,
    signing: bool = True,
) -> x509.Certificate:
    usage = x509.KeyUsage(
        digital_signature=signing and not ca,
        content_commitment=signing and not ca,
        key_encipherment=not signing,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer else _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
    )
    return builder.sign(issuer_key, hashes.SHA384() if ca else hashes.SHA256())


def _write(folder: Path, stem: str, key: object, certificate: x509.Certificate) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    banner = b"# TEST KEY ONLY: public, committed, worthless as a secret. Never trust it.\n"
    pem = key.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (folder / f"{stem}.key.pem").write_bytes(banner + pem)
    (folder / f"{stem}.cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def make_keys() -> None:
    ca_key = _key("p384")
    ca = _certificate("KP Test Root CA", ca_key, None, ca_key, ca=True)
    _write(HERE / "ca", "root-ca", ca_key, ca)
    operator_key = _key("p256")
    _write(
        HERE / "operator",
        "operator",
        operator_key,
        _certificate("KP Trust List Operator (test)", operator_key, ca, ca_key),
    )
    for identifier, _, _, kind, name in AUTHORITIES:
        key = _key(kind)
        certificate = _certificate(f"{name} (test)", key, ca, ca_key)
        _write(HERE / "authorities", identifier, key, certificate)
    for stem, start, end, signing in SPECIAL:
        key = _key("rsa2048")
        certificate = _certificate(
            f"{stem} (test)", key, ca, ca_key, start=start, end=end, signing=signing
        )
        _write(HERE / "authorities", stem, key, certificate)


def sign_examples() -> None:
    signed = ROOT / "examples" / "signed"
    signed.mkdir(exist_ok=True)
    documents = ROOT / "examples" / "documents"
    trust_list = build_trust_list(HERE / "trust-list.yaml")
    (documents / "trust-list.xml").write_bytes(trust_list)
    (documents / "trust-list.json").write_bytes(build_trust_list(HERE / "trust-list.yaml", "json"))
    import kpstandard  # imported late: sys.path is set above
    from kpstandard.model import ImportConfirmation, KPCertificate

    operator = HERE / "operator" / "operator"
    _sign_twin(trust_list, kpstandard.load(trust_list), signed / "trust-list.xml", operator)

    # The certificates first: a confirmation's digest covers the bytes the importing authority
    # received (annex Article 11(2), KP-REQ-024/KP-REQ-025), so for a signed confirmation the
    # octets of the signed certificate, as written to examples/signed/.
    unsigned = {
        path: kpstandard.load(path.read_bytes())
        for path in sorted(documents.glob("*.xml"))
        if path.name != "trust-list.xml"
    }
    certificates: dict[str, bytes] = {}
    for path, document in unsigned.items():
        if isinstance(document, KPCertificate):
            certificates[document.certificate_number] = _sign_twin(
                path.read_bytes(), document, signed / path.name, _key_of(document)
            )
    for path, document in unsigned.items():
        if isinstance(document, KPCertificate):
            continue
        data, confirms = path.read_bytes(), None
        if isinstance(document, ImportConfirmation):
            confirms = certificates[document.certificate.number]
            document = _bound_to(document, confirms)
            data = kpstandard.dumps(document, "xml")
        _sign_twin(data, document, signed / path.name, _key_of(document), confirms=confirms)


def _bound_to(confirmation: ImportConfirmation, certificate: bytes) -> ImportConfirmation:
    """The confirmation with its certificate digest set to that of ``certificate``'s bytes, with
    the algorithm the confirmation names."""
    from kpstandard.status import DIGEST_ALGORITHMS

    reference = confirmation.certificate
    algorithm = reference.digest.algorithm
    value = base64.b64encode(hashlib.new(DIGEST_ALGORITHMS[algorithm], certificate).digest())
    digest = dataclasses.replace(reference.digest, value=value.decode("ascii"))
    return dataclasses.replace(
        confirmation, certificate=dataclasses.replace(reference, digest=digest)
    )


def _key_of(document: Any) -> Path:
    """The stem of the test key and certificate of the authority that signs ``document``."""
    authority = (
        getattr(document, "issuing_authority", None)
        or getattr(document, "responding_authority", None)
        or getattr(document, "receiving_authority", None)
        or document.importing_authority
    )
    return HERE / "authorities" / authority.identifier


def _sign_twin(
    data: bytes, document: Any, target: Path, stem: Path, *, confirms: bytes | None = None
) -> bytes:
    """Sign ``data`` (the unsigned XML of ``document``) with the test key at ``stem`` and write
    it to ``target``; return the signed bytes.

    A signed twin that already signs the same document with the same certificate is kept as it
    is: ECDSA signatures differ on every run, and a digest over a signed document (a
    confirmation's, a notice's, a receipt's) must stay true, so re-running ``--sign`` changes
    only what must change.
    """
    import kpstandard
    from kpstandard.signature.verify import check_signature

    certificate = load_certificate(stem.with_suffix(".cert.pem"))
    if target.exists():
        existing = target.read_bytes()
        check = check_signature(existing)
        if (
            check.holds
            and check.signer == certificate
            and check.signed_bytes is not None
            and kpstandard.load(check.signed_bytes) == document
        ):
            return existing
    signed = sign(
        data,
        key=load_private_key(stem.with_suffix(".key.pem")),
        certificate=certificate,
        confirms=confirms,
    )
    target.write_bytes(signed)
    return signed


def main() -> None:
    parser = argparse.ArgumentParser(description="Make the TEST-ONLY PKI and the signed examples.")
    parser.add_argument("--sign", action="store_true", help="only re-sign, keep the keys")
    args = parser.parse_args()
    if not args.sign:
        make_keys()
    sign_examples()


if __name__ == "__main__":
    main()
