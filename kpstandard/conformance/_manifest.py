"""The vectors of the suite as data: manifests, tests, their files, context and expectations.

A manifest is language-neutral JSON (``conformance/<area>/manifest.json``) described by
``conformance/schemas/manifest.schema.json``; these frozen classes are its reading in Python.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "AREAS",
    "DOCUMENT_ROLES",
    "EXCHANGE_AREA",
    "LEVELS",
    "ROLES",
    "SYNTAXES",
    "Context",
    "ExchangeTest",
    "Expected",
    "FileRef",
    "Manifest",
    "Suite",
    "Vector",
    "sha256",
]

AREAS: Mapping[str, str] = {
    "schema": "SCH",
    "rules": "RUL",
    "hostile-input": "HOS",
    "conversion": "CNV",
    "signature": "SIG",
    "issuance": "ISS",
    "status": "STA",
    "exchange": "EXC",
}
"""Every area of the suite and the three letters of its test ids, in reading order."""

EXCHANGE_AREA = "exchange"
"""The area whose tests are scenarios over the exchange protocol against a node, not documents
given to an adapter (:class:`ExchangeTest`)."""

DOCUMENT_ROLES = ("validator", "verifier", "issuer", "converter", "importer")
"""The roles an implementation plays through the adapter protocol (Article 15 of the amendment)."""

ROLES = (*DOCUMENT_ROLES, "exchange")
"""Every role of the suite: the adapter's roles, and ``exchange`` (a node under test, reached over
the exchange protocol)."""

LEVELS = ("MUST", "SHOULD", "MAY")
SYNTAXES = ("json", "xml")

Outcome = Literal["accept", "reject", "not-judged", "output"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileRef:
    """Exact bytes of a test: a file beside the manifest, with its hash."""

    file: str
    """The path relative to the area's folder (``inputs/KP-V-SCH-0001.json``)."""
    sha256: str
    syntax: str | None
    """``json`` or ``xml``: a hint, never a promise that the bytes are well-formed."""
    size: int | None = None

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"file": self.file, "sha256": self.sha256}
        if self.size is not None:
            result["size"] = self.size
        result["syntax"] = self.syntax
        return result

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> FileRef:
        return cls(value["file"], value["sha256"], value.get("syntax"), value.get("size"))


@dataclass(frozen=True)
class Context:
    """What a test assumes besides its input."""

    verification_time: str
    """The pinned clock (RFC 3339, UTC); implementations use it instead of their own."""
    certificate: FileRef | None = None
    """For an import confirmation: the certificate it confirms, exact bytes."""
    trust_list: FileRef | None = None
    trust_list_operator: FileRef | None = None
    signing_key: FileRef | None = None
    signing_certificate: FileRef | None = None
    target: str | None = None
    """For a converter: the syntax to produce."""
    status_evidence: tuple[FileRef, ...] = ()
    """For a verifier, an importer: signed Certificate Status Notices and Status Responses about
    the input, to judge its status and anchor its date (KP-REQ-071, KP-REQ-076)."""
    anchor_ended_keys: bool = False
    """For a verifier, an importer: ask for evidence that anchors the document also when its
    signing key was retired or past its validity (KP-REQ-077, a MAY)."""

    _FILES = (
        ("certificate", "certificate"),
        ("trustList", "trust_list"),
        ("trustListOperator", "trust_list_operator"),
        ("signingKey", "signing_key"),
        ("signingCertificate", "signing_certificate"),
    )

    def files(self) -> Iterator[tuple[str, FileRef]]:
        """Each file of the context with its JSON member name."""
        for member, attr in self._FILES:
            ref = getattr(self, attr)
            if ref is not None:
                yield member, ref
        for ref in self.status_evidence:
            yield "statusEvidence", ref

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"verificationTime": self.verification_time}
        for member, ref in self.files():
            if member != "statusEvidence":
                result[member] = ref.to_json()
        if self.status_evidence:
            result["statusEvidence"] = [ref.to_json() for ref in self.status_evidence]
        if self.anchor_ended_keys:
            result["anchorEndedKeys"] = True
        if self.target is not None:
            result["target"] = self.target
        return result

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Context:
        files = {
            attr: FileRef.from_json(value[member]) for member, attr in cls._FILES if member in value
        }
        return cls(
            verification_time=value["verificationTime"],
            target=value.get("target"),
            status_evidence=tuple(FileRef.from_json(v) for v in value.get("statusEvidence", ())),
            anchor_ended_keys=bool(value.get("anchorEndedKeys", False)),
            **files,
        )


@dataclass(frozen=True)
class Expected:
    """The outcome the standard asks for, written by hand."""

    outcome: Outcome
    codes: tuple[str, ...] = ()
    """For a rejection: the codes any one of which justifies it."""
    output: FileRef | None = None
    """For an output: the bytes whose data the answer must hold (for an accepting verifier: the
    signed data it must return)."""
    check: str | None = None
    """How an output is judged: ``same-data`` or ``verifies``."""
    location: str | None = None
    """For a rejection whose defect sits at one field: where, as a JSON Pointer (JSON input) or
    an XPath (XML input); graded apart, as a SHOULD."""
    warnings: tuple[str, ...] = ()
    """For an acceptance: the warning codes the implementation must report, each of them (an
    acceptance without one is graded like a rejection for the wrong reason)."""

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"outcome": self.outcome}
        if self.codes:
            result["codes"] = list(self.codes)
        if self.warnings:
            result["warnings"] = list(self.warnings)
        if self.location is not None:
            result["location"] = self.location
        if self.output is not None:
            result["output"] = self.output.to_json()
        if self.check is not None:
            result["check"] = self.check
        return result

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Expected:
        output = value.get("output")
        return cls(
            outcome=value["outcome"],
            codes=tuple(value.get("codes", ())),
            output=FileRef.from_json(output) if output else None,
            check=value.get("check"),
            location=value.get("location"),
            warnings=tuple(value.get("warnings", ())),
        )


@dataclass(frozen=True)
class Vector:
    """One test of the suite."""

    id: str
    """KP-V-<area letters>-nnnn: stable, never reused."""
    name: str
    area: str
    description: str
    requirement: str
    level: str
    roles: tuple[str, ...]
    input: FileRef
    context: Context
    expected: Expected
    base: str | None = None
    mutation: str | None = None
    comment: str | None = None
    exercises: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    """The versions of the standard (MAJOR.MINOR) the test applies to: an implementation that
    claims none of them gets not-applicable."""

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
        }
        if self.comment:
            result["comment"] = self.comment
        result |= {
            "requirement": self.requirement,
            "level": self.level,
            "roles": list(self.roles),
            "versions": list(self.versions),
        }
        if self.base:
            result["base"] = self.base
        if self.mutation:
            result["mutation"] = self.mutation
        result |= {
            "input": self.input.to_json(),
            "context": self.context.to_json(),
            "expected": self.expected.to_json(),
        }
        if self.exercises:
            result["exercises"] = list(self.exercises)
        if self.requires:
            result["requires"] = list(self.requires)
        return result

    @classmethod
    def from_json(cls, area: str, value: Mapping[str, Any]) -> Vector:
        return cls(
            id=value["id"],
            name=value["name"],
            area=area,
            description=value["description"],
            requirement=value["requirement"],
            level=value["level"],
            roles=tuple(value["roles"]),
            input=FileRef.from_json(value["input"]),
            context=Context.from_json(value["context"]),
            expected=Expected.from_json(value["expected"]),
            base=value.get("base"),
            mutation=value.get("mutation"),
            comment=value.get("comment"),
            exercises=tuple(value.get("exercises", ())),
            requires=tuple(value.get("requires", ())),
            versions=tuple(value["versions"]),
        )

    def files(self) -> Iterator[FileRef]:
        """Every file the test names: input, context files, expected output."""
        yield self.input
        for _, ref in self.context.files():
            yield ref
        if self.expected.output is not None:
            yield self.expected.output


@dataclass(frozen=True)
class ExchangeTest:
    """One test of the exchange area: a scenario the runner plays, as a peer node, against a node
    under test over the exchange protocol. Its documents are made and signed at run time (a node
    judges at its own clock), so it has no input file: ``sends`` says what goes over the wire."""

    id: str
    """KP-V-EXC-nnnn: stable, never reused."""
    name: str
    """The scenario the runner plays (its function in ``kpstandard.conformance._exchange``)."""
    description: str
    requirement: str
    level: str
    versions: tuple[str, ...]
    sends: str
    """What the runner sends to the node, in words."""
    outcome: Literal["accept", "reject"]
    """accept: the node answers as the protocol asks (a receipt, a status response, a tracking
    state); reject: it refuses with one of ``codes``."""
    codes: tuple[str, ...] = ()
    """Refusal codes (KP-EX-*) of the answer the test expects; for an accepting test, the
    refusals its follow-up requests expect (tracking an unknown message: KP-EX-015)."""
    status: int | None = None
    """The HTTP status of the refusal (the protocol fixes one per code)."""
    roles: tuple[str, ...] = ("exchange",)
    comment: str | None = None

    @property
    def area(self) -> str:
        return EXCHANGE_AREA

    def expected_json(self) -> dict[str, Any]:
        """The expectation as written in the manifest and in each report record."""
        result: dict[str, Any] = {"outcome": self.outcome}
        if self.codes:
            result["codes"] = list(self.codes)
        if self.status is not None:
            result["status"] = self.status
        return result

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
        }
        if self.comment:
            result["comment"] = self.comment
        result |= {
            "requirement": self.requirement,
            "level": self.level,
            "roles": list(self.roles),
            "versions": list(self.versions),
            "sends": self.sends,
            "expected": self.expected_json(),
        }
        return result

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> ExchangeTest:
        expected = value["expected"]
        return cls(
            id=value["id"],
            name=value["name"],
            description=value["description"],
            requirement=value["requirement"],
            level=value["level"],
            versions=tuple(value["versions"]),
            sends=value["sends"],
            outcome=expected["outcome"],
            codes=tuple(expected.get("codes", ())),
            status=expected.get("status"),
            roles=tuple(value["roles"]),
            comment=value.get("comment"),
        )


@dataclass(frozen=True)
class Manifest:
    """The tests of one area."""

    area: str
    title: str
    description: str
    suite_version: str
    standard_version: str
    tests: tuple[Vector, ...]
    """The document tests (every area but exchange)."""
    folder: Path | None = field(default=None, compare=False)
    """Where the manifest was read from; its files are relative to it."""
    scenarios: tuple[ExchangeTest, ...] = ()
    """The tests of the exchange area (its ``tests`` in JSON)."""

    @property
    def size(self) -> int:
        """How many tests the manifest holds (document tests or exchange scenarios)."""
        return len(self.tests) + len(self.scenarios)

    def to_json(self) -> dict[str, Any]:
        return {
            "suite": "kpstandard-conformance",
            "suiteVersion": self.suite_version,
            "standardVersion": self.standard_version,
            "area": self.area,
            "title": self.title,
            "description": self.description,
            "tests": [t.to_json() for t in self.tests] + [t.to_json() for t in self.scenarios],
        }

    def dumps(self) -> bytes:
        """The manifest as committed: UTF-8 JSON, 2-space indent, final newline."""
        return (json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, value: Mapping[str, Any], folder: Path | None = None) -> Manifest:
        area = value["area"]
        exchange = area == EXCHANGE_AREA
        return cls(
            area=area,
            title=value["title"],
            description=value["description"],
            suite_version=value["suiteVersion"],
            standard_version=value["standardVersion"],
            tests=() if exchange else tuple(Vector.from_json(area, t) for t in value["tests"]),
            folder=folder,
            scenarios=tuple(ExchangeTest.from_json(t) for t in value["tests"]) if exchange else (),
        )

    def read(self, ref: FileRef) -> bytes:
        """The bytes of a file of this manifest.

        Raises:
            FileNotFoundError: the manifest was not read from a folder, or the file is missing.
        """
        if self.folder is None:
            raise FileNotFoundError(f"{ref.file}: the manifest has no folder")
        return (self.folder / ref.file).read_bytes()


@dataclass(frozen=True)
class Suite:
    """Every manifest of a suite folder, in area order."""

    folder: Path
    manifests: tuple[Manifest, ...]

    @property
    def version(self) -> str:
        return self.manifests[0].suite_version if self.manifests else "0.0.0"

    @property
    def standard_version(self) -> str:
        return self.manifests[0].standard_version if self.manifests else "0.0.0"

    def vectors(self) -> Iterator[tuple[Manifest, Vector]]:
        """The document tests, with their manifests (the exchange area has none)."""
        for manifest in self.manifests:
            for test in manifest.tests:
                yield manifest, test

    def exchange_tests(self) -> Iterator[ExchangeTest]:
        """The tests of the exchange area, in run order."""
        for manifest in self.manifests:
            yield from manifest.scenarios
