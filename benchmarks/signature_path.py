"""The signature path (verify and sign) beside its floors, interleaved in one process.

Run by hand (never as a timed test):

    python benchmarks/signature_path.py [--rounds 7] [--repeat 20] [--before REF]

Every path runs over the same RSA-2048 documents (``examples/signed/`` and their unsigned twins in
``examples/documents/``), in interleaved rounds; each figure is the median over the rounds of the
CPU time (``time.process_time``) per document, so that load from other processes on the machine
weighs on every path alike. With ``--before REF`` (a git ref, e.g. ``main``), the signature
modules of that ref are loaded beside the current ones and measured in the same rounds.

Paths:
- verify floor: lxml parse + remove the signature + exc-c14n + SHA-256 + certificate load + RSA
  verify of the canonical SignedInfo (what the hardware and the C libraries do);
- signature layer (``check_signature``): ours (own path on libxml2 c14n + cryptography), the same
  with libxmlsec1 (``xmlsec`` bindings) doing the cryptographic steps, bare signxml;
- full ``kpstandard.verify`` (signature, trust, time, every content layer), beside its floor:
  the verify floor + XSD validation of the content;
- sign floor: parse + c14n + digest + SignedInfo + sign + serialize; ``kpstandard.sign``.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kpstandard  # noqa: E402
from kpstandard.pipeline import load_trust_list, sign  # noqa: E402
from kpstandard.signature import _core, verify  # noqa: E402
from kpstandard.signature.keys import load_certificate, load_private_key  # noqa: E402
from kpstandard.signature.trustlist import TrustList  # noqa: E402
from kpstandard.syntax._xml import detect_xml_type, hardened_parser, parse_xml  # noqa: E402
from kpstandard.validation import engine  # noqa: E402
from kpstandard.validation.schema import xml_schema  # noqa: E402

DS = "{http://www.w3.org/2000/09/xmldsig#}"
PKI = ROOT / "examples" / "pki"
SIGNED = ROOT / "examples" / "signed"
DOCUMENTS = ROOT / "examples" / "documents"
PARSER = hardened_parser(exact=True)


def _rsa2048() -> list[Path]:
    found = []
    for path in sorted(SIGNED.glob("*.xml")):
        if path.name == "trust-list.xml":
            continue
        check = verify.check_signature(path.read_bytes())
        key = check.signer.public_key() if check.signer else None
        if isinstance(key, rsa.RSAPublicKey) and key.key_size == 2048:
            found.append(path)
    return found


def verify_floor(data: bytes) -> None:
    root = etree.fromstring(data, PARSER)
    signature = root[-1]
    signed_info = etree.tostring(signature[0], method="c14n", exclusive=True, with_comments=False)
    value = base64.b64decode(signature[1].text or "")
    der = base64.b64decode("".join((signature[2][0][0].text or "").split()))
    root.remove(signature)
    digest = hashlib.sha256(
        etree.tostring(root, method="c14n", exclusive=True, with_comments=False)
    ).digest()
    key: Any = x509.load_der_x509_certificate(der).public_key()
    key.verify(value, signed_info, padding.PKCS1v15(), hashes.SHA256())
    assert digest  # compared by the real paths


def xmlsec_layer(data: bytes) -> None:
    """The signature layer with libxmlsec1 doing the cryptography (option b), same outputs."""
    import xmlsec
    from cryptography.hazmat.primitives.serialization import Encoding

    root, _ = parse_xml(data, verify.DEFAULT_LIMITS, exact=True)
    assert root is not None
    document, _ = detect_xml_type(verify.default_model(), root)
    profiled = verify._check_profile(root, document)
    assert verify._schema_problem(profiled.signature) is None
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(
        profiled.certificate.public_bytes(Encoding.DER), xmlsec.constants.KeyDataFormatCertDer
    )
    context.verify(profiled.signature)
    # xmlsec keeps the canonical octets to itself: make them again for the content layers.
    canonical = _core.canonical_document(root, profiled.signature, profiled.transforms)
    parse_xml(canonical, verify.DEFAULT_LIMITS)


def signxml_bare(data: bytes) -> None:
    from signxml.verifier import SignatureConfiguration, XMLVerifier

    root = etree.fromstring(data, PARSER)
    der = base64.b64decode("".join((root[-1][2][0][0].text or "").split()))
    certificate = x509.load_der_x509_certificate(der)
    XMLVerifier().verify(
        data,
        x509_cert=certificate,
        expect_config=SignatureConfiguration(
            verification_time=certificate.not_valid_before_utc + datetime.timedelta(seconds=1)
        ),
        parser=PARSER,
    )


def _load(ref: str, relative: str, name: str) -> ModuleType:
    """A module of another git ref, loaded under another name beside the current one."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:{relative}"],
        check=True,
        capture_output=True,
    ).stdout
    folder = Path(tempfile.mkdtemp())
    path = folder / Path(relative).name
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _trust_list() -> TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, findings = load_trust_list((SIGNED / "trust-list.xml").read_bytes(), anchor=anchor)
    assert loaded is not None, findings
    return loaded


def _measure(paths: dict[str, Callable[[], None]], rounds: int) -> dict[str, float]:
    """Median over interleaved rounds of the CPU time of one call of each path, in µs."""
    samples: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(rounds):
        for name, run in paths.items():
            started = time.process_time()
            run()
            samples[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--repeat", type=int, default=20, help="passes over the documents per round"
    )
    parser.add_argument("--before", help="a git ref whose signature modules to measure beside")
    args = parser.parse_args()

    files = _rsa2048()
    signed = [p.read_bytes() for p in files]
    unsigned = [(DOCUMENTS / p.name).read_bytes() for p in files]
    confirmed = {
        p.name: (DOCUMENTS / p.name.removeprefix("ic-")).read_bytes()
        for p in files
        if p.name.startswith("ic-")
    }
    trust_list = _trust_list()
    keys = {}
    for path in files:
        document = kpstandard.load((DOCUMENTS / path.name).read_bytes())
        authority = getattr(document, "issuing_authority", None) or document.importing_authority
        stem = authority.identifier
        keys[path.name] = (
            load_private_key(PKI / "authorities" / f"{stem}.key.pem"),
            load_certificate(PKI / "authorities" / f"{stem}.cert.pem"),
            getattr(document, "date_of_issue", None) or document.date_of_receipt,
        )
    when = {
        name: datetime.datetime.combine(day + datetime.timedelta(days=2), datetime.time(12))
        for name, (_, _, day) in keys.items()
    }
    names = [p.name for p in files]
    schemas = {}
    for name, data in zip(names, unsigned, strict=True):
        document_type, _ = detect_xml_type(verify.default_model(), etree.fromstring(data))
        assert document_type is not None
        schemas[name] = xml_schema(document_type)

    def each(function: Callable[[str, bytes, bytes], object]) -> Callable[[], None]:
        def run() -> None:
            for _ in range(args.repeat):
                for name, data, plain in zip(names, signed, unsigned, strict=True):
                    function(name, data, plain)

        return run

    def full(name: str, data: bytes, _: bytes) -> None:
        report = kpstandard.verify(
            data,
            trust_list=trust_list,
            verification_time=when[name].replace(tzinfo=datetime.UTC),
            certificate=confirmed.get(name),
        )
        assert report.valid, report.findings

    def full_floor(name: str, data: bytes, _: bytes) -> None:
        verify_floor(data)
        schemas[name].validate(etree.fromstring(data, PARSER))

    def sign_floor(name: str, _: bytes, plain: bytes) -> None:
        key = keys[name][0]
        root = etree.fromstring(plain, PARSER)
        canonical = etree.tostring(root, method="c14n", exclusive=True, with_comments=False)
        digest = base64.b64encode(hashlib.sha256(canonical).digest())
        signed_info = SIGNED_INFO.replace(b"DIGEST", digest)  # already in canonical form
        value = base64.b64encode(key.sign(signed_info, padding.PKCS1v15(), hashes.SHA256()))
        signature = etree.fromstring(
            SIGNATURE.replace(b"SIGNED_INFO", signed_info).replace(b"VALUE", value), PARSER
        )
        root.append(signature)
        etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def validation(name: str, _: bytes, plain: bytes) -> None:
        parsed = engine.read(plain)
        assert engine.judge(parsed, certificate=confirmed.get(name)).valid

    def ours_sign(name: str, _: bytes, plain: bytes) -> None:
        key, certificate, _ = keys[name]
        sign(plain, key=key, certificate=certificate, confirms=confirmed.get(name))

    paths: dict[str, Callable[[], None]] = {
        "verify floor": each(lambda n, d, p: verify_floor(d)),
        "signature layer": each(lambda n, d, p: _holds(verify.check_signature(d))),
        "signature layer, xmlsec": each(lambda n, d, p: xmlsec_layer(d)),
        "bare signxml": each(lambda n, d, p: signxml_bare(d)),
        "verify+XSD floor": each(full_floor),
        "kpstandard.verify": each(full),
        "sign floor": each(sign_floor),
        "validation (read + judge)": each(validation),
        "kpstandard.sign": each(ours_sign),
    }
    if args.before:
        old_verify = _load(args.before, "kpstandard/signature/verify.py", "_before_verify")
        old_sign = _load(args.before, "kpstandard/signature/sign.py", "_before_sign")
        current = engine.check_signature

        def full_before(name: str, data: bytes, plain: bytes) -> None:
            engine.check_signature = old_verify.check_signature  # type: ignore[attr-defined]
            try:
                full(name, data, plain)
            finally:
                engine.check_signature = current  # type: ignore[attr-defined]

        def sign_before(name: str, _: bytes, plain: bytes) -> None:
            key, certificate, _ = keys[name]
            old_sign.sign(plain, key=key, certificate=certificate, confirms=confirmed.get(name))

        paths["signature layer, before"] = each(
            lambda n, d, p: _holds(old_verify.check_signature(d))
        )
        paths["kpstandard.verify, before"] = each(full_before)
        paths["kpstandard.sign, before"] = each(sign_before)

    for run in paths.values():  # warm up: caches, schemas, lazy imports
        run()
    count = len(names) * args.repeat
    medians = {name: value / count * 1e6 for name, value in _measure(paths, args.rounds).items()}
    floors = {
        "signature layer": "verify floor",
        "signature layer, xmlsec": "verify floor",
        "bare signxml": "verify floor",
        "signature layer, before": "verify floor",
        "kpstandard.verify": "verify+XSD floor",
        "kpstandard.verify, before": "verify+XSD floor",
        "kpstandard.sign": "sign floor",
        "kpstandard.sign, before": "sign floor",
    }
    validated = medians["validation (read + judge)"]
    print(
        f"{len(names)} RSA-2048 documents x {args.repeat} per round, median of {args.rounds} "
        f"interleaved rounds, CPU time per document"
    )
    print(f"{'path':28} {'µs/doc':>9} {'docs/s':>8}  x floor")
    for name, value in medians.items():
        ratio = f"{value / medians[floors[name]]:.2f} x {floors[name]}" if name in floors else ""
        print(f"{name:28} {value:9.1f} {1e6 / value:8.0f}  {ratio}")
    for name in ("kpstandard.sign", "kpstandard.sign, before"):
        if name in medians:
            beyond = medians[name] - validated
            print(
                f"{name} beyond its validation: {beyond:.1f} µs = "
                f"{beyond / medians['sign floor']:.2f} x sign floor"
            )


DSIG = b"http://www.w3.org/2000/09/xmldsig#"
SIGNED_INFO = (
    b'<ds:SignedInfo xmlns:ds="' + DSIG + b'"><ds:CanonicalizationMethod '
    b'Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>'
    b'<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256">'
    b'</ds:SignatureMethod><ds:Reference URI=""><ds:Transforms><ds:Transform '
    b'Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform>'
    b'<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform>'
    b'</ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256">'
    b"</ds:DigestMethod><ds:DigestValue>DIGEST</ds:DigestValue></ds:Reference></ds:SignedInfo>"
)
SIGNATURE = (
    b'<ds:Signature xmlns:ds="' + DSIG + b'">SIGNED_INFO<ds:SignatureValue>VALUE'
    b"</ds:SignatureValue></ds:Signature>"
)
"""The floor's signature: a byte template, the SignedInfo already canonical (no KeyInfo)."""


def _holds(check: Any) -> None:
    assert check.holds, check.findings


if __name__ == "__main__":
    main()
