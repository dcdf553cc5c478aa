"""``kpcert sign`` and ``kpcert verify``: XML signatures checked against the trust list."""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kpstandard._api import document_type_of, sign
from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    STDIN,
    UsageError,
    instant_argument,
    plural,
    print_json,
    read_bytes,
    read_pem,
    write_output,
)
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import (
    DocumentReport,
    Finding,
    Layer,
    LayerResult,
    LayerStatus,
    internal_error,
    internal_error_report,
)
from kpstandard.pipeline import load_trust_list, validate_bytes
from kpstandard.syntax._json import to_json_value

if TYPE_CHECKING:
    from kpstandard.signature.trustlist import TrustList

# The signature modules (and cryptography) are imported where a key, a certificate or a
# signature is read: `kpcert validate` shares this module's options and, without --trust-list,
# never needs them.

instant = instant_argument  # the name other modules imported before


def whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return value


def add_trust_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--trust-list",
        required=required,
        metavar="TL",
        help="the signed Authority Trust List (a file, or - for standard input)",
    )
    parser.add_argument(
        "--trust-anchor",
        metavar="CERT",
        help="the list operator's certificate (PEM) that the trust list must be signed with; "
        "required with --trust-list: a trust list is never trusted because of what it says itself",
    )
    parser.add_argument(
        "--min-sequence",
        type=whole_number,
        metavar="N",
        help="refuse a trust list whose sequence number (issue) is below N: a verifier never "
        "goes back to a list older than one it accepted, which could undo a revocation",
    )
    parser.add_argument(
        "--state-file",
        metavar="PATH",
        help="a small JSON file remembering the highest trust-list issue accepted per list "
        "operator (created when missing, written atomically); an older issue is refused",
    )


def add_verification_time(parser: argparse.ArgumentParser, old: str) -> None:
    """``--verification-time TIME`` (and the old spelling, still accepted, not shown)."""
    parser.add_argument(
        "--verification-time",
        type=instant_argument,
        metavar="TIME",
        dest="verification_time",
        help="the instant at which the signer's certificate, the trust list and the document's "
        "validity are judged, ISO 8601 (e.g. 2026-03-02T10:00:00Z; a date means its midnight "
        "UTC; no offset means UTC) (default: now)",
    )
    parser.add_argument(
        old, type=instant_argument, dest="verification_time", help=argparse.SUPPRESS
    )


@dataclass
class TrustListOutcome:
    """The trust list the arguments name: usable, or why not."""

    path: str
    trust_list: TrustList | None = None
    findings: list[Finding] = field(default_factory=list)
    data: bytes = b""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "usable": self.trust_list is not None,
            "findings": [f.to_json() for f in self.findings],
        }


def trust_list_outcome(args: argparse.Namespace) -> TrustListOutcome | None:
    """Load and verify the trust list the arguments name (None when none is named).

    A list that fails verification is an outcome with findings (KP-T-007), not an error: the
    documents are then reported "not judged". With ``--state-file`` an accepted list's issue is
    remembered, and with it or ``--min-sequence`` an older issue is refused.

    Raises:
        UsageError: the anchor is missing or unreadable, a file cannot be read, or the state file
            is broken.
    """
    if not args.trust_list:
        if getattr(args, "min_sequence", None) is not None or getattr(args, "state_file", None):
            raise UsageError("--min-sequence and --state-file need --trust-list")
        return None
    if not args.trust_anchor:
        raise UsageError("--trust-list needs --trust-anchor CERT (the list operator's certificate)")
    from kpstandard.cli import _trust_state
    from kpstandard.signature.keys import load_certificate

    try:
        anchor = load_certificate(read_pem(args.trust_anchor, "a certificate"))
    except KPStandardError as exc:
        raise UsageError(f"{args.trust_anchor}: {exc}") from exc
    data = read_bytes(args.trust_list)
    state_file: str | None = getattr(args, "state_file", None)
    state = _trust_state.load_state(state_file) if state_file else None
    floors = [getattr(args, "min_sequence", None)]
    if state is not None:
        floors.append(_trust_state.accepted_sequence(state, anchor))
    known = [n for n in floors if n is not None]
    outcome = TrustListOutcome(args.trust_list, data=data)
    try:
        outcome.trust_list, outcome.findings = load_trust_list(
            data, anchor=anchor, min_sequence=max(known) if known else None
        )
    except Exception as exc:  # the library promises not to raise; never trust a promise here
        outcome.findings = [internal_error(exc, "load_trust_list")]
    if outcome.trust_list is not None and state_file and state is not None:
        sequence = outcome.trust_list.document.sequence_number
        _trust_state.record(state_file, state, anchor, sequence)
    return outcome


def unusable_trust_list_report(outcome: TrustListOutcome, path: str | None) -> DocumentReport:
    """A document's report when the trust list cannot be used: "not judged", no layer ran.

    Nothing of the document is read: without a usable list nobody vouches for its content.
    """
    codes = ", ".join(sorted({f.code for f in outcome.findings})) or "no reason given"
    reason = f"the trust list {outcome.path} cannot be used ({codes})"
    layers = (Layer.INPUT, Layer.SCHEMA, Layer.RULES, Layer.SIGNATURE, Layer.TRUST, Layer.TIME)
    return DocumentReport(
        syntax=None,
        type=None,
        findings=(),
        layers=tuple(LayerResult(layer, LayerStatus.NOT_RUN, reason) for layer in layers),
        path=path,
    )


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "sign",
        help="sign a document with an authority's key (enveloped XML signature)",
        description="Sign a valid document: its XML form gets an enveloped XML signature "
        "(exclusive canonicalization, SHA-256, the certificate in KeyInfo) as the root's last "
        "child. Exit 0 when signed, 1 when the document is refused (with the reasons), 2 for "
        "bad usage or an unreadable file.",
    )
    parser.add_argument(
        "path", metavar="PATH", help="the document (JSON or XML), unsigned; - for standard input"
    )
    parser.add_argument("--key", required=True, metavar="KEY", help="the private key (PEM)")
    parser.add_argument("--cert", required=True, metavar="CERT", help="its certificate (PEM)")
    parser.add_argument("--xades", action="store_true", help="add XAdES baseline-B properties")
    parser.add_argument(
        "--certificate",
        metavar="PATH",
        help="for an import confirmation: the KP Certificate it confirms (its exact bytes); "
        "without it the confirmation cannot be judged, and is not signed",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of standard output"
    )
    parser.set_defaults(run=run_sign)

    parser = commands.add_parser(
        "verify",
        help="verify a signed document against the trust list",
        description="Verify a signed document: its signature against the profile, its signer "
        "against the Authority Trust List, then the verified content through every validation "
        "layer. Exit 0 when all hold, 1 otherwise (a trust list that cannot be used makes the "
        "document 'not judged'), 2 for bad usage or an unreadable file. With --format json the "
        "verified document is printed as JSON: the data the signature covers, nothing else.",
    )
    parser.add_argument(
        "path", metavar="PATH", help="the signed document (XML); - for standard input"
    )
    add_trust_arguments(parser, required=True)
    add_verification_time(parser, "--at")
    parser.add_argument(
        "--certificate",
        metavar="PATH",
        help="for an import confirmation: the KP Certificate it confirms (its exact bytes)",
    )
    parser.add_argument(
        "--status-evidence",
        metavar="PATH",
        action="append",
        default=[],
        help="a signed Certificate Status Notice, Status Response or Receipt about the "
        "certificate (repeatable): its status at the verification time, the anchor of its date "
        "when its signing key was revoked for compromise, and (a receipt of the importing "
        "authority) its delivery on or before its date of expiry",
    )
    parser.add_argument(
        "--anchor-ended-keys",
        action="store_true",
        help="ask for status evidence also when the signing key was retired or past its "
        "validity at the verification time (KP-REQ-077)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default); json: the report, the signer and the verified document",
    )
    parser.set_defaults(run=run_verify)


def _print_refusal(path: str, what: str, findings: Any) -> None:
    findings = list(findings)
    print(f"{path}: {what} ({plural(len(findings), 'problem')}):", file=sys.stderr)
    for finding in findings:
        print(f"  {finding.code} {finding.location or '/'}: {finding.message}", file=sys.stderr)


def run_sign(args: argparse.Namespace) -> int:
    from kpstandard.signature.keys import load_certificate, load_private_key

    try:
        key = load_private_key(read_pem(args.key, "a private key"))
        certificate = load_certificate(read_pem(args.cert, "a certificate"))
    except KPStandardError as exc:
        raise UsageError(str(exc)) from exc
    data = read_bytes(args.path)
    given = getattr(args, "certificate", None)  # `trust-list sign` shares this, without it
    confirms = read_bytes(given) if given else None
    try:
        signed = sign(data, key=key, certificate=certificate, xades=args.xades, confirms=confirms)
    except InvalidDocumentError as exc:
        if exc.findings:
            _print_refusal(args.path, "not signed, the document does not conform", exc.findings)
        else:
            print(f"{args.path}: not signed, it cannot be judged: {exc.reason}", file=sys.stderr)
        return EXIT_FAILED
    except KPStandardError as exc:
        print(f"{args.path}: not signed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    write_output(signed, args.output)
    return EXIT_OK


def _signer(data: bytes) -> dict[str, str] | None:
    """Who signed, for the output: the embedded certificate is untrusted input, so each of its
    properties is read under a guard, and the SHA-256 fingerprint is always there."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from kpstandard.signature.verify import check_signature

    try:
        check = check_signature(data)
    except Exception:  # the library's promise not to raise is not this output's concern
        return None
    if check.signer is None:
        return None
    try:
        der = check.signer.public_bytes(Encoding.DER)
    except Exception:
        return None
    fingerprint = hashlib.sha256(der).hexdigest()
    try:
        subject = check.signer.subject.rfc4514_string()
    except Exception:
        subject = f"(unreadable subject; SHA-256 {fingerprint})"
    return {"subject": subject, "sha256": fingerprint}


def verification_json(report: DocumentReport, data: bytes) -> dict[str, Any]:
    """The machine-readable result of a verification, with the verified document when it holds."""
    result = report.to_json()
    result["signer"] = _signer(data)
    if report.valid and report.document is not None:
        result["document"] = to_json_value(document_type_of(report.document), report.document)
    return result


def _verify(
    data: bytes, path: str, certificate: bytes | None, args: argparse.Namespace, tl: TrustList
) -> DocumentReport:
    try:
        return validate_bytes(
            data,
            path=path,
            certificate=certificate,
            trust_list=tl,
            verification_time=args.verification_time,
            status_evidence=[read_bytes(path) for path in args.status_evidence],
            anchor_ended_keys=args.anchor_ended_keys,
        )
    except UsageError:
        raise
    except Exception as exc:
        layers = (Layer.INPUT, Layer.SCHEMA, Layer.RULES, Layer.SIGNATURE, Layer.TRUST, Layer.TIME)
        return internal_error_report(exc, "kpcert verify", path=path, layers=layers)


def run_verify(args: argparse.Namespace) -> int:
    if STDIN in (args.trust_list, args.certificate) and args.path == STDIN:
        raise UsageError("standard input (-) can be named only once")
    outcome = trust_list_outcome(args)
    assert outcome is not None  # --trust-list is required
    data = read_bytes(args.path)
    certificate = read_bytes(args.certificate) if args.certificate else None
    name = "<stdin>" if args.path == STDIN else args.path
    result: dict[str, Any]
    if outcome.trust_list is None:
        report = unusable_trust_list_report(outcome, name)
        result = report.to_json()
        result["signer"] = None
    else:
        report = _verify(data, name, certificate, args, outcome.trust_list)
        result = verification_json(report, data)
    result["trustList"] = outcome.to_json()
    if args.format == "json":
        print_json(result)
    else:
        print(f"{name}: {report.verdict.value}")
        for layer in report.layers:
            reason = f" ({layer.reason})" if layer.reason else ""
            print(f"  {layer.layer.value:<9} {layer.status.value}{reason}")
        for finding in outcome.findings:
            print(f"  {finding.code} in the trust list {outcome.path}: {finding.message}")
        for finding in report.findings:
            where = finding.location or "(document)"
            print(f"  {finding.code} at {where} [{finding.requirement}]: {finding.message}")
    return EXIT_OK if report.valid else EXIT_FAILED
