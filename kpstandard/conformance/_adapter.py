"""The reference implementation's own adapter: kpstandard, spoken to through the protocol.

``kpcert conformance adapter`` runs it on stdin/stdout (or as an HTTP service with ``--listen``),
so that the reference goes through the same door as every other implementation.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
import traceback
from collections.abc import Callable
from typing import Any, BinaryIO

import kpstandard
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
from kpstandard.errors import InvalidDocumentError
from kpstandard.validation.findings import Finding, Severity, Verdict

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
    # TODO(issue 4): add "verifier" (validate with the trust list and verification time of the
    # context; accept with the signed data as output) and "issuer" (sign the input with the
    # context's key and certificate; answer output).
    roles=("validator", "converter"),
    syntaxes=("json", "xml"),
    features=(),
    extra={
        "organisation": "kpstandard working group",
        "homepage": "https://github.com/kpstandard/kpstandard",
    },
)


def _findings(findings: tuple[Finding, ...]) -> tuple[dict[str, str], ...]:
    return tuple({"code": f.code, "location": f.location, "message": f.message} for f in findings)


def _validate(run: Run) -> Answer:
    certificate = run.context.certificate.data if run.context.certificate else None
    # No `at`: code lists are judged on the document's own date of issue (KP-REQ-033), whatever
    # the verification time.
    report = kpstandard.validate(run.input.data, certificate=certificate)
    findings = _findings(report.findings)
    if report.verdict is Verdict.VALID:
        return Answer(run.seq, "accept", findings=findings)
    if report.verdict is Verdict.NOT_JUDGED:
        reasons = "; ".join(r.reason for r in report.layers if r.reason)
        return Answer(run.seq, "not-judged", reason=reasons or None, findings=findings)
    codes = tuple(dict.fromkeys(f.code for f in report.findings if f.severity is Severity.ERROR))
    return Answer(run.seq, "reject", codes=codes, findings=findings)


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


ROLES: dict[str, Callable[[Run], Answer]] = {"validator": _validate, "converter": _convert}


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
