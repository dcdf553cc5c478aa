"""The adapter protocol, version 1: the messages between the runner and an implementation.

The protocol is JSON Schema first: ``conformance/protocol/v1.json`` and ``commands/*.json`` define
every message, in both directions; these frozen classes are the Python reading of them, for the
runner and for Python adapters. Over stdin/stdout a message is one line of JSON; over HTTP it is the
JSON body of a POST to ``/start``, ``/run`` or ``/stop`` and of its answer.

    runner -> implementation            implementation -> runner
    {"cmd": "start", "version": 1}      {"version": 1, "implementation": {...}}
    {"cmd": "run", "seq": 1, ...}       {"seq": 1, "outcome": "reject", "codes": [...]}
    {"cmd": "stop"}                     {"stopped": true}
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kpstandard.conformance._suite import schema_errors

__all__ = [
    "OUTCOMES",
    "PROTOCOL_VERSION",
    "SCHEMAS",
    "Answer",
    "Implementation",
    "MessageError",
    "Payload",
    "Run",
    "RunContext",
    "Start",
    "Started",
    "Stop",
    "Stopped",
    "decode_command",
    "encode",
    "message_errors",
]

PROTOCOL_VERSION = 1

_BASE = "urn:kpstandard:conformance:protocol:1"
SCHEMAS: Mapping[str, tuple[str, str]] = {
    "start": (f"{_BASE}:start", f"{_BASE}:start#response"),
    "run": (f"{_BASE}:run", f"{_BASE}:run#response"),
    "stop": (f"{_BASE}:stop", f"{_BASE}:stop#response"),
}
"""For each command: the schema of the command and the schema of its answer."""

Outcome = Literal["accept", "reject", "not-judged", "output", "skipped", "errored"]
OUTCOMES: tuple[Outcome, ...] = ("accept", "reject", "not-judged", "output", "skipped", "errored")


class MessageError(ValueError):
    """A message is not valid JSON, or not valid against its schema."""


def message_errors(
    command: str, value: Any, *, response: bool, folder: Path | None = None
) -> list[str]:
    """Every way ``value`` fails the schema of ``command`` (or of its answer)."""
    request_uri, response_uri = SCHEMAS[command]
    return schema_errors(response_uri if response else request_uri, value, folder)


@dataclass(frozen=True)
class Payload:
    """Exact bytes in a message (base64 on the wire) with their syntax hint."""

    data: bytes
    syntax: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"base64": base64.b64encode(self.data).decode("ascii"), "syntax": self.syntax}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Payload:
        return cls(base64.b64decode(value["base64"], validate=True), value.get("syntax"))


@dataclass(frozen=True)
class Implementation:
    """What an implementation says of itself at start."""

    name: str
    version: str
    language: str
    roles: tuple[str, ...]
    syntaxes: tuple[str, ...] = ("json", "xml")
    features: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Everything else it said (homepage, issues, organisation...), kept for the report."""
    versions: tuple[str, ...] | None = None
    """The versions of the standard it supports; None: it did not say (every version)."""

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "roles": list(self.roles),
            "syntaxes": list(self.syntaxes),
            "features": list(self.features),
        }
        if self.versions is not None:
            result["versions"] = list(self.versions)
        return result | dict(self.extra)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Implementation:
        known = {"name", "version", "language", "roles", "syntaxes", "features", "versions"}
        versions = value.get("versions")
        return cls(
            name=value["name"],
            version=value["version"],
            language=value["language"],
            roles=tuple(value["roles"]),
            syntaxes=tuple(value.get("syntaxes", ("json", "xml"))),
            features=tuple(value.get("features", ())),
            extra={k: v for k, v in value.items() if k not in known},
            versions=tuple(versions) if versions is not None else None,
        )


@dataclass(frozen=True)
class Start:
    version: int = PROTOCOL_VERSION
    suite_version: str | None = None
    standard_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"cmd": "start", "version": self.version}
        if self.suite_version:
            result["suite"] = {
                "version": self.suite_version,
                "standardVersion": self.standard_version or "",
            }
        return result


@dataclass(frozen=True)
class Started:
    """The answer to start."""

    version: int
    implementation: Implementation

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "implementation": self.implementation.to_json()}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Started:
        return cls(value["version"], Implementation.from_json(value["implementation"]))


@dataclass(frozen=True)
class RunContext:
    verification_time: str
    certificate: Payload | None = None
    trust_list: Payload | None = None
    trust_list_operator: Payload | None = None
    signing_key: Payload | None = None
    signing_certificate: Payload | None = None
    target: str | None = None
    status_evidence: tuple[Payload, ...] = ()
    """Verifier, importer: signed notices and status responses about the input (KP-REQ-071)."""
    anchor_ended_keys: bool = False
    """Verifier, importer: anchor documents of retired or expired keys too (KP-REQ-077)."""

    _MEMBERS = (
        ("certificate", "certificate"),
        ("trustList", "trust_list"),
        ("trustListOperator", "trust_list_operator"),
        ("signingKey", "signing_key"),
        ("signingCertificate", "signing_certificate"),
    )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"verificationTime": self.verification_time}
        for member, attr in self._MEMBERS:
            payload = getattr(self, attr)
            if payload is not None:
                result[member] = payload.to_json()
        if self.status_evidence:
            result["statusEvidence"] = [payload.to_json() for payload in self.status_evidence]
        if self.anchor_ended_keys:
            result["anchorEndedKeys"] = True
        if self.target is not None:
            result["target"] = self.target
        return result

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> RunContext:
        payloads = {
            attr: Payload.from_json(value[member])
            for member, attr in cls._MEMBERS
            if member in value
        }
        return cls(
            verification_time=value["verificationTime"],
            target=value.get("target"),
            status_evidence=tuple(Payload.from_json(v) for v in value.get("statusEvidence", ())),
            anchor_ended_keys=bool(value.get("anchorEndedKeys", False)),
            **payloads,
        )


@dataclass(frozen=True)
class Run:
    """One test in one role."""

    seq: int
    role: str
    test_id: str
    input: Payload
    context: RunContext

    def to_json(self) -> dict[str, Any]:
        return {
            "cmd": "run",
            "seq": self.seq,
            "role": self.role,
            "test": {
                "id": self.test_id,
                "input": self.input.to_json(),
                "context": self.context.to_json(),
            },
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Run:
        test = value["test"]
        return cls(
            seq=value["seq"],
            role=value["role"],
            test_id=test["id"],
            input=Payload.from_json(test["input"]),
            context=RunContext.from_json(test["context"]),
        )


@dataclass(frozen=True)
class Answer:
    """The answer to run: one outcome and what goes with it."""

    seq: int
    outcome: Outcome
    codes: tuple[str, ...] = ()
    """reject: the finding codes that say why."""
    warnings: tuple[str, ...] | None = None
    """accept: the codes of the warnings found (an accepted input may still be warned about, as
    a finding resting on an approximate date, KP-REQ-106); None: not said, and the codes of
    ``findings`` are the warnings (see :attr:`warning_codes`)."""
    output: Payload | None = None
    """output: the converted or signed document; accept (verifier): the signed data."""
    reason: str | None = None
    """not-judged, skipped: why."""
    issue: str | None = None
    """skipped: where the known failure is tracked."""
    message: str | None = None
    """errored: what went wrong."""
    traceback: str | None = None
    findings: tuple[Mapping[str, Any], ...] = ()
    """Findings with locations and messages, for the report's reader; not graded, except that
    on an acceptance without ``warnings`` their codes stand for its warnings."""

    @property
    def warning_codes(self) -> tuple[str, ...]:
        """The warnings of an acceptance, as graded: its ``warnings``, or, when it does not say
        them, the codes of its ``findings`` (the protocol describes an acceptance's findings as
        its warnings, so an adapter written before ``warnings`` existed is read the same way)."""
        if self.warnings is not None:
            return self.warnings
        return tuple(
            dict.fromkeys(
                str(f["code"]) for f in self.findings if isinstance(f, Mapping) and "code" in f
            )
        )

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"seq": self.seq, "outcome": self.outcome}
        if self.outcome == "reject":
            result["codes"] = list(self.codes)
        if self.outcome == "accept" and self.warnings is not None:
            result["warnings"] = list(self.warnings)
        if self.output is not None:
            result["output"] = self.output.to_json()
        for name in ("reason", "issue", "message", "traceback"):
            value = getattr(self, name)
            if value is not None:
                result[name] = value
        if self.findings and self.outcome in ("accept", "reject", "not-judged"):
            result["findings"] = [dict(f) for f in self.findings]
        return result

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Answer:
        output = value.get("output")
        warnings = value.get("warnings")
        return cls(
            seq=value["seq"],
            outcome=value["outcome"],
            codes=tuple(value.get("codes", ())),
            warnings=tuple(warnings) if isinstance(warnings, list) else None,
            output=Payload.from_json(output) if output else None,
            reason=value.get("reason"),
            issue=value.get("issue"),
            message=value.get("message"),
            traceback=value.get("traceback"),
            findings=tuple(value.get("findings", ())),
        )


@dataclass(frozen=True)
class Stop:
    def to_json(self) -> dict[str, Any]:
        return {"cmd": "stop"}


@dataclass(frozen=True)
class Stopped:
    def to_json(self) -> dict[str, Any]:
        return {"stopped": True}


Message = Start | Started | Run | Answer | Stop | Stopped


def encode(message: Message) -> bytes:
    """A message as one line of JSON (UTF-8, newline-terminated)."""
    return json.dumps(message.to_json(), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def decode_command(line: bytes | str) -> Start | Run | Stop:
    """Read a command line, as an adapter does.

    Raises:
        MessageError: not JSON, or not a valid command.
    """
    try:
        value = json.loads(line)
    except ValueError as exc:
        raise MessageError(f"not JSON: {exc}") from exc
    command = value.get("cmd") if isinstance(value, dict) else None
    if not isinstance(command, str) or command not in SCHEMAS:
        raise MessageError(f"not a command of the protocol: {str(value)[:80]}")
    problems = message_errors(command, value, response=False)
    if problems:
        raise MessageError(f"invalid {command} command: {problems[0]}")
    if command == "start":
        suite = value.get("suite", {})
        return Start(value["version"], suite.get("version"), suite.get("standardVersion"))
    if command == "run":
        return Run.from_json(value)
    return Stop()
