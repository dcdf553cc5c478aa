"""The reference implementation's own adapter: kpstandard, spoken to through the protocol.

``kpcert conformance adapter`` runs it on stdin/stdout (or as an HTTP service with ``--listen``),
so that the reference goes through the same door as every other implementation.
"""

from __future__ import annotations

import datetime
import functools
import importlib.metadata
import json
import sys
import traceback
from collections.abc import Callable
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

import kpstandard
from kpstandard import findings as F
from kpstandard.conformance.protocol import (
    PROTOCOL_VERSION,
    Answer,
    Implementation,
    MessageError,
    Payload,
    Run,
    Start,
    Started,
    Stop,
    Stopped,
    decode_command,
    encode,
)
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import DocumentReport, Finding, Severity, Verdict
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.profile import key_problem
from kpstandard.signature.trustlist import TrustList
from kpstandard.signature.verify import check_signature

__all__ = ["IMPLEMENTATION", "answer", "handle", "handle_json", "serve_stdio"]


def _version() -> str:
    try:
        return importlib.metadata.version("kpstandard")
    except importlib.metadata.PackageNotFoundError:  # a checkout that was never installed
        return "0+unknown"


IMPLEMENTATION = Implementation(
    name="kpstandard",
    version=_version(),
    language="python",
    roles=("validator", "verifier", "issuer", "converter", "importer"),
    syntaxes=("json", "xml"),
    features=("anchor-ended-keys",),
    extra={
        "organisation": "kpstandard working group",
        "homepage": "https://github.com/kpstandard/kpstandard",
    },
)


def _findings(findings: tuple[Finding, ...] | list[Finding]) -> tuple[dict[str, str], ...]:
    return tuple({"code": f.code, "location": f.location, "message": f.message} for f in findings)


def _judged(run: Run, report: DocumentReport, output: Payload | None = None) -> Answer:
    """A validation report as an answer: accept (with its warnings), not-judged (with why), or
    reject (with codes)."""
    findings = _findings(report.findings)
    if report.verdict is Verdict.VALID:
        warnings = tuple(
            dict.fromkeys(f.code for f in report.findings if f.severity is Severity.WARNING)
        )
        return Answer(run.seq, "accept", warnings=warnings, output=output, findings=findings)
    if report.verdict is Verdict.NOT_JUDGED:
        reasons = "; ".join(r.reason for r in report.layers if r.reason)
        return Answer(run.seq, "not-judged", reason=reasons or None, findings=findings)
    codes = tuple(dict.fromkeys(f.code for f in report.findings if f.severity is Severity.ERROR))
    return Answer(run.seq, "reject", codes=codes, findings=findings)


def _validate(run: Run) -> Answer:
    certificate = run.context.certificate.data if run.context.certificate else None
    # No `at`: code lists are judged on the document's own date of issue (KP-REQ-033), whatever
    # the verification time.
    return _judged(run, kpstandard.validate(run.input.data, certificate=certificate))


@functools.lru_cache(maxsize=16)
def _trust_list(data: bytes, operator: bytes) -> tuple[TrustList | None, tuple[Finding, ...]]:
    """The context's trust list, verified against the operator certificate it pins (once)."""
    try:
        anchor = load_certificate(operator)
    except KPStandardError as exc:
        message = f"the pinned operator certificate cannot be read: {exc}"
        return None, (F.make_finding(F.TRUST_LIST_INVALID, "", message),)
    trust_list, findings = kpstandard.load_trust_list(data, anchor=anchor)
    return trust_list, tuple(findings)


def _verify(run: Run) -> Answer:
    """Verify a signed document against the context's trust list, at its verification time.

    Without a trust list verified with the pinned operator certificate, trust cannot be judged:
    the answer is not-judged, never accept [KP-REQ-044]. An accepting verifier returns the data
    the signature covers, read from the verified bytes [KP-REQ-039]; an importer only accepts.
    The context's status evidence (notices, status responses) is verified with the same trust
    list and judges the document's status and the anchoring of its date [KP-REQ-071,
    KP-REQ-076]; ``anchorEndedKeys`` asks for an anchor for retired and expired keys too
    [KP-REQ-077].
    """
    context = run.context
    if context.trust_list is None or context.trust_list_operator is None:
        return Answer(run.seq, "errored", message="no trust list or operator in the context")
    trust_list, problems = _trust_list(context.trust_list.data, context.trust_list_operator.data)
    if trust_list is None:
        # Trust cannot be judged, but a signature that breaks the profile (a key too weak, an
        # algorithm not allowed, a digest that does not match) is a defect whoever lists it:
        # invalid, not merely unjudged.
        checked = check_signature(run.input.data)
        if not checked.holds and checked.findings:
            codes = tuple(dict.fromkeys(f.code for f in checked.findings))
            findings = _findings((*checked.findings, *problems))
            return Answer(run.seq, "reject", codes=codes, findings=findings)
        reason = "trust could not be judged: " + "; ".join(p.message for p in problems)
        return Answer(run.seq, "not-judged", reason=reason, findings=_findings(problems))
    report = kpstandard.verify(
        run.input.data,
        trust_list=trust_list,
        verification_time=datetime.datetime.fromisoformat(context.verification_time),
        certificate=context.certificate.data if context.certificate else None,
        status_evidence=tuple(payload.data for payload in context.status_evidence),
        anchor_ended_keys=context.anchor_ended_keys,
    )
    output = None
    if run.role == "verifier" and report.valid:
        output = Payload(kpstandard.dumps(report.document, "xml"), "xml")
    return _judged(run, report, output)


def _public(key: Any) -> bytes:
    der: bytes = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return der


def _issue(run: Run) -> Answer:
    """Sign the input with the context's key and certificate; refuse what must not be signed."""
    context = run.context
    if context.signing_key is None or context.signing_certificate is None:
        return Answer(run.seq, "errored", message="no signing key or certificate in the context")
    key = load_private_key(context.signing_key.data)
    certificate = load_certificate(context.signing_certificate.data)
    problem = key_problem(certificate.public_key())
    if problem:
        finding = {"code": "KP-SIG-008", "location": "", "message": problem}
        return Answer(run.seq, "reject", codes=("KP-SIG-008",), findings=(finding,))
    if _public(key.public_key()) != _public(certificate.public_key()):
        message = "the private key does not belong to the certificate"
        finding = {"code": "KP-SIG-010", "location": "", "message": message}
        return Answer(run.seq, "reject", codes=("KP-SIG-010",), findings=(finding,))
    try:
        confirms = context.certificate.data if context.certificate is not None else None
        signed = kpstandard.sign(
            run.input.data, key=key, certificate=certificate, confirms=confirms
        )
    except InvalidDocumentError as exc:
        codes = tuple(dict.fromkeys(f.code for f in exc.findings))
        return Answer(run.seq, "reject", codes=codes, findings=_findings(exc.findings))
    except KPStandardError as exc:  # already signed: a second signature is not allowed
        finding = {"code": "KP-SIG-002", "location": "", "message": str(exc)}
        return Answer(run.seq, "reject", codes=("KP-SIG-002",), findings=(finding,))
    return Answer(run.seq, "output", output=Payload(signed, "xml"))


def _convert(run: Run) -> Answer:
    target = run.context.target
    if target != "json" and target != "xml":
        return Answer(run.seq, "errored", message=f"no target syntax in the context: {target!r}")
    try:
        converted = kpstandard.convert(run.input.data, "json" if target == "json" else "xml")
    except InvalidDocumentError as exc:
        codes = tuple(dict.fromkeys(f.code for f in exc.findings))
        return Answer(run.seq, "reject", codes=codes, findings=_findings(exc.findings))
    return Answer(run.seq, "output", output=Payload(converted, target))


ROLES: dict[str, Callable[[Run], Answer]] = {
    "validator": _validate,
    "verifier": _verify,
    "importer": _verify,
    "issuer": _issue,
    "converter": _convert,
}


def answer(run: Run) -> Answer:
    """What the reference implementation answers to one test."""
    act = ROLES.get(run.role)
    if act is None:
        return Answer(run.seq, "skipped", reason=f"kpstandard does not take the role {run.role}")
    try:
        return act(run)
    except Exception as exc:  # an error of ours: said as such, never a crash of the adapter
        return Answer(
            run.seq,
            "errored",
            message=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(),
        )


def handle(command: Start | Run | Stop) -> Started | Answer | Stopped:
    """The answer to any command."""
    if isinstance(command, Start):
        return Started(PROTOCOL_VERSION, IMPLEMENTATION)
    if isinstance(command, Run):
        return answer(command)
    return Stopped()


def serve_stdio(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Answer commands on stdin, one JSON line each, until stop or the end of input."""
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout.buffer
    for line in source:
        if not line.strip():
            continue
        try:
            command = decode_command(line)
        except MessageError as exc:
            print(f"kpstandard adapter: {exc}", file=sys.stderr, flush=True)
            continue
        reply = handle(command)
        sink.write(encode(reply))
        sink.flush()  # one answer per line, at once: the runner waits for it
        if isinstance(command, Stop):
            return 0
    return 0


def handle_json(command: str, body: Any) -> tuple[int, dict[str, Any]]:
    """The HTTP face of :func:`handle`: a status and a JSON body."""
    if not isinstance(body, dict) or body.get("cmd") != command:
        return 400, {"error": f"the body is not a {command} command"}
    try:
        parsed = decode_command(json.dumps(body))
    except MessageError as exc:
        return 400, {"error": str(exc)}
    return 200, handle(parsed).to_json()
