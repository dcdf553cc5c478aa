"""Generate the conformance vectors from the golden documents and the areas' mutation tables.

Generation is a pure function of the golden documents, the tables, the requirement catalogue and
the id ledger: :func:`build` returns every generated file as bytes, :func:`write` puts them in the
suite folder, and ``kpcert conformance check`` compares a fresh build with what is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kpstandard.conformance._manifest import (
    EXCHANGE_AREA,
    Context,
    ExchangeTest,
    Expected,
    FileRef,
    Manifest,
    Vector,
    sha256,
)
from kpstandard.conformance._versions import (
    all_versions,
    requirement_catalogue,
    requirement_in_version,
    vector_versions,
)
from kpstandard.conformance.generate import (
    _conversion,
    _hostile,
    _issuance,
    _rules,
    _schema,
    _signature,
    _status,
)
from kpstandard.conformance.generate._draft import Accept, Bytes, Draft, NotJudged, Output, Reject
from kpstandard.conformance.generate._ids import LEDGER, Ledger

__all__ = ["SUITE_VERSION", "Build", "build", "generated_paths", "write"]

SUITE_VERSION = "1.0.0-draft.1"
"""The version of the suite; a conformance claim names it (KP-REQ-051)."""

AREA_TABLES: Mapping[str, Callable[[], Iterator[Draft]]] = {
    "schema": _schema.drafts,
    "rules": _rules.drafts,
    "hostile-input": _hostile.drafts,
    "conversion": _conversion.drafts,
    "signature": _signature.drafts,
    "issuance": _issuance.drafts,
    "status": _status.drafts,
}
"""The areas of document vectors and their tables, in the order of :data:`AREAS`; the exchange
area follows them (its tests are the scenarios of ``kpstandard.conformance._exchange``)."""

AREA_TEXT = {
    "schema": (
        "Schema",
        "The golden documents in both syntaxes, conforming inputs at the edge of what the schema "
        "allows, and one defect per test that the JSON Schema or XSD catches, with the finding "
        "codes (KP-S-*) that justify its rejection.",
    ),
    "rules": (
        "Business rules",
        "Named changes of golden documents that break one business rule each (KP-R-*), and "
        "changes that graze a rule without breaking it. Code lists are judged as they stood on "
        "the date of issue.",
    ),
    "hostile-input": (
        "Hostile input",
        "Bytes a receiving system must survive and reject with a finding (KP-P-*): entity "
        "bombs, external entities, DTDs, nesting, size, broken encodings; and conforming inputs "
        "at the limits that it must accept.",
    ),
    "conversion": (
        "Conversion",
        "Conforming documents a converter must carry into the other syntax without loss: the "
        "golden documents both ways, other spellings of the same document, and data that "
        "converters get wrong.",
    ),
    "signature": (
        "Signature and trust",
        "Signed documents a verifier must accept, returning the data the signature covers, and "
        "forgeries it must refuse with the codes that say why (KP-SIG-*, KP-T-*, KP-TM-*): "
        "tampering, wrapping, departures from the signature profile that a generic XML signature "
        "library accepts, signers the Authority Trust List does not trust on the document's "
        "date, trust lists that are not authentic or not current, and the time of presentation. "
        "Vectors of KP Certificates apply to importers too.",
    ),
    "issuance": (
        "Issuance",
        "Documents an issuer must sign with the test key and certificate it is given: the signed "
        "document must verify with the reference verifier against the Authority Trust List and "
        "hold the same data as the input; Certificate Status Notices and Status Responses "
        "included, which an exporting authority signs for its registry. And keys and inputs it "
        "must refuse to sign with.",
    ),
    "status": (
        "Certificate status and time anchoring",
        "Certificate Status Notices and Status Responses: one change of an example per test that "
        "breaks one of their rules (KP-R-060 to KP-R-069), and changes that graze a rule. Then "
        "signed documents with status evidence in the context, a verifier and an importer must "
        "judge: a certificate void or replaced at the verification time (KP-ST-004), evidence "
        "that is not the issuing authority's or not about the certificate (KP-ST-003), a "
        "replacement chain, a registry that never recorded the certificate (KP-ST-005), and the "
        "back-dating cases: a document dated before the revocation of the key that signed it is "
        "not judged without a status response recorded before the revocation (KP-ST-001), nor, "
        "for a verifier that asks, one signed with a retired key (KP-ST-002).",
    ),
    "exchange": (
        "Exchange between authorities",
        "The exchange role: the runner plays a peer node (BW/BW-MME-DH of the test PKI) against "
        "a node under test serving EU/EU-BE-FPSECO-DO, over the exchange protocol "
        "(spec/exchange/protocol.md): deliveries of valid, invalid, forged, duplicate and "
        "conflicting certificates, requests that are unsigned, signed with an unknown key, "
        "impersonating or replayed, tracking, the pull inbox, status queries and durability "
        "across a restart. The documents are signed at run time with fresh numbers; each test "
        "says what it sends and the answer the protocol asks for (KP-EX-* refusal codes with "
        "their HTTP status). Run with: kpcert conformance run --node URL --kit DIR.",
    ),
}

_EXTENSION = {"json": "json", "xml": "xml", None: "bin"}


@cache
def requirement_levels() -> Mapping[str, str]:
    """Each requirement's level, from the normative catalogue."""
    return {entry["id"]: entry["level"] for entry in requirement_catalogue()["requirements"]}


@cache
def standard_version() -> str:
    return str(requirement_catalogue()["version"])


@dataclass
class Build:
    """Every generated file of the suite, by path relative to the suite folder."""

    files: dict[str, bytes] = field(default_factory=dict)
    manifests: dict[str, Manifest] = field(default_factory=dict)
    new_ids: list[str] = field(default_factory=list)
    retired_ids: list[str] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)
    """Keys of vectors without an id (only when ids were not to be given)."""
    pending: list[tuple[str, str]] = field(default_factory=list)
    """Vectors written but held back, with the reason: (key, reason)."""

    def add(self, path: str, data: bytes) -> None:
        if path in self.files and self.files[path] != data:
            raise ValueError(f"two different files would be written to {path}")
        self.files[path] = data


def _ref(build: Build, area: str, path: str, content: Bytes) -> FileRef:
    build.add(f"{area}/{path}", content.data)
    return FileRef(path, sha256(content.data), content.syntax, len(content.data))


def _context_file(build: Build, area: str, id_: str, member: str, content: Bytes) -> FileRef:
    name = content.shared_name or f"{id_}-{member}"
    extension = content.suffix or _EXTENSION[content.syntax]
    return _ref(build, area, f"context/{name}.{extension}", content)


def _expected(build: Build, area: str, id_: str, draft: Draft) -> Expected:
    outcome = draft.expected
    if isinstance(outcome, Accept):
        if outcome.output is None:
            return Expected("accept", warnings=outcome.warnings)
        ext = _EXTENSION[outcome.output.syntax]
        output = _ref(build, area, f"expected/{id_}.{ext}", outcome.output)
        return Expected("accept", output=output, warnings=outcome.warnings)
    if isinstance(outcome, Reject):
        return Expected("reject", codes=outcome.codes, location=outcome.location)
    if isinstance(outcome, NotJudged):
        return Expected("not-judged", codes=outcome.codes)
    assert isinstance(outcome, Output)
    ext = _EXTENSION[outcome.expected.syntax]
    output = _ref(build, area, f"expected/{id_}.{ext}", outcome.expected)
    return Expected("output", output=output, check=outcome.check)


def _vector(build: Build, id_: str, draft: Draft) -> Vector:
    area = draft.area
    levels = requirement_levels()
    if draft.requirement not in levels:
        raise ValueError(f"{draft.key}: no requirement {draft.requirement} in the catalogue")
    input_ref = _ref(build, area, f"inputs/{id_}.{_EXTENSION[draft.input.syntax]}", draft.input)
    files = {
        attr: _context_file(build, area, id_, member, content)
        for member, attr in (
            ("certificate", "certificate"),
            ("trustList", "trust_list"),
            ("trustListOperator", "trust_list_operator"),
            ("signingKey", "signing_key"),
            ("signingCertificate", "signing_certificate"),
        )
        if (content := getattr(draft, attr)) is not None
    }
    evidence = tuple(
        _context_file(build, area, id_, f"status-evidence-{n}", content)
        for n, content in enumerate(draft.status_evidence, 1)
    )
    exercises = draft.expected.exercises if isinstance(draft.expected, Accept) else ()
    expected = _expected(build, area, id_, draft)
    versions = draft.versions or vector_versions(
        draft.input.data,
        draft.input.syntax,
        draft.requirement,
        (*expected.codes, *expected.warnings, *exercises),
    )
    if not versions:
        raise ValueError(
            f"{draft.key}: no version of the standard has its requirement and all its codes"
        )
    return Vector(
        id=id_,
        name=draft.name,
        area=area,
        description=draft.description,
        requirement=draft.requirement,
        level=levels[draft.requirement],
        roles=draft.roles,
        input=input_ref,
        context=Context(
            verification_time=draft.verification_time,
            target=draft.target,
            status_evidence=evidence,
            anchor_ended_keys=draft.anchor_ended_keys,
            **files,
        ),
        expected=expected,
        base=draft.base,
        mutation=draft.mutation,
        comment=draft.comment,
        exercises=exercises,
        requires=draft.requires,
        versions=versions,
    )


def _exchange_tests(
    ledger: Ledger, result: Build, keys: set[str], *, assign_ids: bool
) -> tuple[ExchangeTest, ...]:
    """The exchange area's tests: the scenarios, each with its id checked against the ledger."""
    # Imported here: the scenarios need the exchange client, which the other areas do not.
    from kpstandard.conformance._exchange import scenarios

    levels = requirement_levels()
    tests = []
    for scenario in scenarios():
        key = f"{EXCHANGE_AREA}/{scenario.name}"
        if key in keys:
            raise ValueError(f"two vectors have the key {key}")
        keys.add(key)
        if scenario.requirement not in levels:
            raise ValueError(f"{key}: no requirement {scenario.requirement} in the catalogue")
        if levels[scenario.requirement] != scenario.level:
            raise ValueError(
                f"{key}: level {scenario.level}, but {scenario.requirement} is "
                f"{levels[scenario.requirement]}"
            )
        known = ledger.by_key().get(key)
        if known is None and not assign_ids:
            result.unassigned.append(key)
            continue
        id_ = known or ledger.allocate(key)
        if id_ != scenario.id:
            raise ValueError(
                f"{key}: the scenario says {scenario.id}, the id ledger {id_}: a scenario takes "
                "the next free KP-V-EXC id, and keeps it"
            )
        if known is None:
            result.new_ids.append(id_)
        versions = tuple(
            v for v in all_versions() if requirement_in_version(scenario.requirement, v)
        )
        expected = scenario.expected
        tests.append(
            ExchangeTest(
                id=id_,
                name=scenario.name,
                description=scenario.description,
                requirement=scenario.requirement,
                level=scenario.level,
                versions=versions,
                sends=scenario.sends,
                outcome=expected["outcome"],
                codes=tuple(expected.get("codes", ())),
                status=expected.get("status"),
            )
        )
    return tuple(tests)


def build(folder: Path, *, assign_ids: bool = True) -> Build:
    """Generate every vector of the suite in memory.

    Args:
        folder: the suite folder, whose id ledger is read.
        assign_ids: give new vectors the next free ids (and retire the ids of vectors gone);
            when False, such vectors are listed in ``unassigned`` and left out.

    Raises:
        ValueError: a table is inconsistent (a duplicate key, an unknown requirement...).
    """
    ledger = Ledger.read(folder)
    result = Build()
    keys: set[str] = set()
    for area, table in AREA_TABLES.items():
        vectors = []
        for draft in table():
            if draft.key in keys:
                raise ValueError(f"two vectors have the key {draft.key}")
            if draft.pending:
                result.pending.append((draft.key, draft.pending))
                continue
            keys.add(draft.key)
            id_ = ledger.by_key().get(draft.key)
            if id_ is None:
                if not assign_ids:
                    result.unassigned.append(draft.key)
                    continue
                id_ = ledger.allocate(draft.key)
                result.new_ids.append(id_)
            vectors.append(_vector(result, id_, draft))
        title, description = AREA_TEXT[area]
        manifest = Manifest(
            area=area,
            title=title,
            description=description,
            suite_version=SUITE_VERSION,
            standard_version=standard_version(),
            tests=tuple(vectors),
        )
        result.manifests[area] = manifest
        result.add(f"{area}/manifest.json", manifest.dumps())
    title, description = AREA_TEXT[EXCHANGE_AREA]
    exchange = Manifest(
        area=EXCHANGE_AREA,
        title=title,
        description=description,
        suite_version=SUITE_VERSION,
        standard_version=standard_version(),
        tests=(),
        scenarios=_exchange_tests(ledger, result, keys, assign_ids=assign_ids),
    )
    result.manifests[EXCHANGE_AREA] = exchange
    result.add(f"{EXCHANGE_AREA}/manifest.json", exchange.dumps())
    if assign_ids:
        result.retired_ids = ledger.retire_all_but(keys, "no longer generated")
    result.add(LEDGER, ledger.dumps())
    return result


def generated_paths(folder: Path) -> Iterable[Path]:
    """The files under the suite folder that generation owns (to find stale ones)."""
    for area in (*AREA_TABLES, EXCHANGE_AREA):
        base = folder / area
        if (base / "manifest.json").exists():
            yield base / "manifest.json"
        for sub in ("inputs", "context", "expected"):
            if (base / sub).is_dir():
                yield from sorted(p for p in (base / sub).iterdir() if p.is_file())
    if (folder / LEDGER).exists():
        yield folder / LEDGER


def write(folder: Path) -> Build:
    """Generate the vectors into ``folder``, removing generated files that are no longer made."""
    result = build(folder)
    wanted = {folder / path for path in result.files}
    for path in generated_paths(folder):
        if path not in wanted:
            path.unlink()
    for name, data in result.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    return result
