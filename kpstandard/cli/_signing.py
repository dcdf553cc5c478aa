"""``kpcert sign`` and ``kpcert verify``: XML signatures checked against the trust list."""

from __future__ import annotations

import argparse
import datetime
import hashlib
import sys
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard._api import document_type_of
from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    print_json,
    read_bytes,
    write_output,
)
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.sign import sign
from kpstandard.signature.trustlist import TrustList, load_trust_list
from kpstandard.signature.verify import check_signature
from kpstandard.syntax._json import to_json_value
from kpstandard.validation.engine import validate_bytes
from kpstandard.validation.findings import DocumentReport

UTC = datetime.UTC


def instant(text: str) -> datetime.datetime:
    """An ISO 8601 date or date-time; without an offset it is taken as UTC."""
    value = datetime.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def add_trust_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--trust-list", required=required, metavar="TL", help="the signed Authority Trust List"
    )
    parser.add_argument(
        "--trust-anchor",
        metavar="CERT",
        help="the list operator's certificate (PEM) that the trust list must be signed with; "
        "required with --trust-list: a trust list is never trusted because of what it says itself",
    )


def trust_list_from(args: argparse.Namespace) -> TrustList | None:
    """Load and verify the trust list the arguments name; UsageError when it cannot be used."""
    if not args.trust_list:
        return None
    if not args.trust_anchor:
        raise UsageError("--trust-list needs --trust-anchor CERT (the list operator's certificate)")
    try:
        anchor = load_certificate(Path(args.trust_anchor))
    except KPStandardError as exc:
        raise UsageError(f"{args.trust_anchor}: {exc}") from exc
    trust_list, findings = load_trust_list(read_bytes(Path(args.trust_list)), anchor=anchor)
    if trust_list is None:
        reasons = "; ".join(f"{f.code}: {f.message}" for f in findings)
        raise UsageError(f"the trust list {args.trust_list} cannot be used: {reasons}")
    return trust_list


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "sign",
        help="sign a document with an authority's key (enveloped XML signature)",
        description="Sign a valid document: its XML form gets an enveloped XML signature "
        "(exclusive canonicalization, SHA-256, the certificate in KeyInfo) as the root's last "
        "child.",
    )
    parser.add_argument("path", metavar="PATH", help="the document (JSON or XML), unsigned")
    parser.add_argument("--key", required=True, metavar="KEY", help="the private key (PEM)")
    parser.add_argument("--cert", required=True, metavar="CERT", help="its certificate (PEM)")
    parser.add_argument("--xades", action="store_true", help="add XAdES baseline-B properties")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    parser.set_defaults(run=run_sign)

    parser = commands.add_parser(
        "verify",
        help="verify a signed document against the trust list",
        description="Verify a signed document: its signature against the profile, its signer "
        "against the Authority Trust List, then the verified content through every validation "
        "layer. Exit 0 when all hold, 1 otherwise. With --format json the verified document is "
        "printed as JSON: the data the signature covers, nothing else.",
    )
    parser.add_argument("path", metavar="PATH", help="the signed document (XML)")
    add_trust_arguments(parser, required=True)
    parser.add_argument(
        "--at",
        type=instant,
        metavar="TIME",
        help="the verification time, ISO 8601 (default: now)",
    )
    parser.add_argument("--certificate", metavar="PATH", help="for an import confirmation")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run_verify)


def run_sign(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(Path(args.key))
        certificate = load_certificate(Path(args.cert))
    except KPStandardError as exc:
        raise UsageError(str(exc)) from exc
    data = read_bytes(Path(args.path))
    try:
        signed = sign(data, key=key, certificate=certificate, xades=args.xades)
    except InvalidDocumentError as exc:
        print(f"{args.path}: not signed, the document is invalid:", file=sys.stderr)
        for finding in exc.findings:
            print(f"  {finding.code} {finding.location or '/'}: {finding.message}", file=sys.stderr)
        return EXIT_FAILED
    except KPStandardError as exc:
        print(f"{args.path}: not signed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    write_output(signed, args.output)
    return EXIT_OK


def _signer(data: bytes) -> dict[str, str] | None:
    check = check_signature(data)
    if check.signer is None:
        return None
    der = check.signer.public_bytes(Encoding.DER)
    return {
        "subject": check.signer.subject.rfc4514_string(),
        "sha256": hashlib.sha256(der).hexdigest(),
    }


def verification_json(report: DocumentReport, data: bytes) -> dict[str, Any]:
    """The machine-readable result of a verification, with the verified document when it holds."""
    result = report.to_json()
    result["signer"] = _signer(data)
    if report.valid and report.document is not None:
        result["document"] = to_json_value(document_type_of(report.document), report.document)
    return result


def run_verify(args: argparse.Namespace) -> int:
    trust_list = trust_list_from(args)
    data = read_bytes(Path(args.path))
    certificate = read_bytes(Path(args.certificate)) if args.certificate else None
    report = validate_bytes(
        data,
        path=args.path,
        certificate=certificate,
        trust_list=trust_list,
        verification_time=args.at,
    )
    if args.format == "json":
        print_json(verification_json(report, data))
    else:
        print(f"{args.path}: {report.verdict.value}")
        for layer in report.layers:
            reason = f" ({layer.reason})" if layer.reason else ""
            print(f"  {layer.layer.value:<9} {layer.status.value}{reason}")
        for finding in report.findings:
            where = finding.location or "(document)"
            print(f"  {finding.code} at {where} [{finding.requirement}]: {finding.message}")
    return EXIT_OK if report.valid else EXIT_FAILED
