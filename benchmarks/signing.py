"""Sign, and verify + full validation, throughput on one core, beside bare signxml and raw crypto.

Run by hand (never as a timed test):

    python benchmarks/signing.py [--count 300]

For RSA-2048 and ECDSA P-256: kpstandard's sign (read, validate, serialize, sign) and
verify+validate (profile checks, signature, every validation layer on the signed bytes, trust and
time), then bare signxml sign and verify on the same document, and the raw `cryptography` sign and
verify operations, so that the cost of XML handling shows against the cost of cryptography.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, SignatureMethod
from signxml.signer import XMLSigner
from signxml.verifier import SignatureConfiguration, XMLVerifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kpstandard.pipeline import load_trust_list, sign, validate_bytes  # noqa: E402
from kpstandard.signature.keys import PrivateKey, load_certificate, load_private_key  # noqa: E402
from kpstandard.signature.profile import algorithm_for  # noqa: E402
from kpstandard.signature.trustlist import TrustList  # noqa: E402

PKI = ROOT / "examples" / "pki"
CASES = {
    "RSA-2048": ("BW-MME-DH", "bw-eu-unmixed"),
    "ECDSA P-256": ("EU-BE-FPSECO-DO", "eu-ae-mixed"),
}


def per_second(count: int, work: Callable[[], object]) -> float:
    work()
    started = time.perf_counter()
    for _ in range(count):
        work()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})  # one core
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    trust_list, _ = load_trust_list(
        (ROOT / "examples/signed/trust-list.xml").read_bytes(), anchor=anchor
    )
    assert trust_list is not None
    for label, (stem, document) in CASES.items():
        measure(label, stem, document, args.count, trust_list)


def measure(label: str, stem: str, document: str, count: int, trust_list: TrustList) -> None:
    """Print the figures of one key type."""
    key = load_private_key(PKI / "authorities" / f"{stem}.key.pem")
    certificate = load_certificate(PKI / "authorities" / f"{stem}.cert.pem")
    data = (ROOT / "examples" / "documents" / f"{document}.xml").read_bytes()
    signed = sign(data, key=key, certificate=certificate)
    when = datetime.datetime(2026, 3, 12, 12, tzinfo=datetime.UTC)
    assert validate_bytes(signed, trust_list=trust_list, verification_time=when).valid
    ours_sign = per_second(count, lambda: sign(data, key=key, certificate=certificate))
    ours_verify = per_second(
        count, lambda: validate_bytes(signed, trust_list=trust_list, verification_time=when)
    )
    signer = XMLSigner(
        signature_algorithm=SignatureMethod(algorithm_for(certificate.public_key()).value),
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    bare_sign = per_second(
        count, lambda: signer.sign(etree.fromstring(data), key=key, cert=[certificate])
    )
    config = SignatureConfiguration(verification_time=when)
    bare_verify = per_second(
        count, lambda: XMLVerifier().verify(signed, x509_cert=certificate, expect_config=config)
    )
    raw_sign, raw_verify = raw_operations(key, count)
    print(f"{label} ({len(signed) / 1024:.1f} KB signed document), one core, per second:")
    rows = [
        ("kpstandard sign", ours_sign, "bare signxml sign", bare_sign),
        ("kpstandard verify + validate", ours_verify, "bare signxml verify", bare_verify),
    ]
    for ours_label, ours, bare_label, bare in rows:
        ratio = ours / bare
        print(
            f"  {ours_label:<30} {ours:>7,.0f}   {bare_label:<20} {bare:>7,.0f}   ratio {ratio:.2f}"
        )
    sign_label, verify_label = "raw cryptography sign", "raw verify"
    print(f"  {sign_label:<30} {raw_sign:>7,.0f}   {verify_label:<20} {raw_verify:>7,.0f}")


def raw_operations(key: PrivateKey, count: int) -> tuple[float, float]:
    """The bare sign and verify operations of `cryptography` on 512 bytes."""
    message = b"x" * 512
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        public = key.public_key()
        return (
            per_second(count, lambda: key.sign(message, padding.PKCS1v15(), hashes.SHA256())),
            per_second(
                count * 10,
                lambda: public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256()),
            ),
        )
    ec_signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    ec_public = key.public_key()
    return (
        per_second(count, lambda: key.sign(message, ec.ECDSA(hashes.SHA256()))),
        per_second(
            count * 10, lambda: ec_public.verify(ec_signature, message, ec.ECDSA(hashes.SHA256()))
        ),
    )


if __name__ == "__main__":
    main()
