"""The runner: every applicable test, through a transport, graded, into a report.

The runner never stops for what an implementation does: a crash, a hang or a garbled answer is
recorded on the test where it happened, the implementation is started again, and the run goes on.
Only an implementation that cannot be started at all (or again, several times in a row) ends the
run early, and the footer says why.

A run covers a document implementation (an adapter, through a transport), an exchange node (the
exchange area, played over the exchange protocol), or both: one report, one header, one footer,
one summary by role. A test of no standard version the implementation claims
(:attr:`RunOptions.versions`) is recorded not applicable.
"""

from __future__ import annotations

import dataclasses
import datetime
import fnmatch
import importlib.metadata
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kpstandard.conformance._grading import Grade, LocationGrade, grade, grade_location
from kpstandard.conformance._manifest import (
    EXCHANGE_AREA,
    ROLES,
    ExchangeTest,
    Manifest,
    Suite,
    Vector,
    sha256,
)
from kpstandard.conformance._report import ReportWriter
from kpstandard.conformance._suite import load_suite
from kpstandard.conformance._summary import conformant
from kpstandard.conformance._transport import Exchange, StartError, Transport
from kpstandard.conformance._versions import requirement_catalogue
from kpstandard.conformance.protocol import (
    PROTOCOL_VERSION,
    Answer,
    Implementation,
    Payload,
    Run,
    RunContext,
    Start,
)

if TYPE_CHECKING:
    from kpstandard.conformance._exchange import ExchangeTarget

__all__ = [
    "RunOptions",
    "applicability",
    "plan",
    "run_exchange",
    "run_suite",
    "version_applicability",
]


@dataclass(frozen=True, kw_only=True)
class RunOptions:
    """What to run and how patiently."""

    roles: tuple[str, ...] = ROLES
    """The roles to test (a test is recorded once per role of its that is among them)."""
    areas: tuple[str, ...] | None = None
    """Only these areas (default: all)."""
    tests: tuple[str, ...] = ()
    """Only tests whose id matches one of these patterns (fnmatch), when given."""
    timeout: float = 10.0
    """Seconds an implementation has to answer one test."""
    start_timeout: float = 30.0
    """Seconds it has to answer start (a virtual machine may take a while to come up)."""
    restarts_in_a_row: int = 3
    """Give up after this many failed starts in a row."""
    versions: tuple[str, ...] | None = None
    """The versions of the standard (MAJOR.MINOR) the implementation claims to support; a test of
    none of them is recorded not applicable. None: what the implementation declares at start
    (``versions``), else every version."""


@cache
def _requirements() -> dict[str, dict[str, str]]:
    return {
        entry["id"]: {"level": entry["level"], "title": entry["title"]}
        for entry in requirement_catalogue()["requirements"]
    }


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _runner_version() -> str:
    try:
        return importlib.metadata.version("kpstandard")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def _selected(test_id: str, options: RunOptions) -> bool:
    """Whether the run's test patterns (``--test``), if any, select a test."""
    return not options.tests or any(fnmatch.fnmatchcase(test_id, p) for p in options.tests)


def plan(suite: Suite, options: RunOptions) -> Iterator[tuple[Manifest, Vector, str]]:
    """Every (test, role) the run records, in suite order."""
    for manifest, vector in suite.vectors():
        if options.areas is not None and manifest.area not in options.areas:
            continue
        if not _selected(vector.id, options):
            continue
        for role in vector.roles:
            if role in options.roles:
                yield manifest, vector, role


def version_applicability(versions: tuple[str, ...], claimed: tuple[str, ...] | None) -> str:
    """Why a test of ``versions`` does not apply to an implementation that claims ``claimed``
    (None: every version); empty when it does."""
    if claimed is None or set(versions) & set(claimed):
        return ""
    return (
        f"the test applies to version {', '.join(versions)} of the standard; the implementation "
        f"claims {', '.join(claimed) or 'none'}"
    )


def applicability(
    vector: Vector,
    role: str,
    implementation: Implementation,
    versions: tuple[str, ...] | None = None,
) -> str:
    """Why a test does not apply to the implementation; empty when it does.

    Args:
        versions: the versions of the standard the implementation claims (None: every version).
    """
    if role not in implementation.roles:
        return f"the implementation does not declare the role {role}"
    syntaxes = set(implementation.syntaxes)
    needed = {vector.input.syntax} | {ref.syntax for _, ref in vector.context.files()}
    if role == "converter":
        needed.add(vector.context.target)
    missing = sorted(s for s in needed - syntaxes if s is not None)
    if missing:
        return f"the implementation does not declare the syntax {', '.join(missing)}"
    features = sorted(set(vector.requires) - set(implementation.features))
    if features:
        return f"the implementation does not declare the feature {', '.join(features)}"
    return version_applicability(vector.versions, versions)


def _request(seq: int, manifest: Manifest, vector: Vector, role: str) -> Run:
    context = vector.context
    payloads = {
        attr: Payload(manifest.read(ref), ref.syntax)
        for attr, ref in (
            ("certificate", context.certificate),
            ("trust_list", context.trust_list),
            ("trust_list_operator", context.trust_list_operator),
            ("signing_key", context.signing_key),
            ("signing_certificate", context.signing_certificate),
        )
        if ref is not None
    }
    return Run(
        seq=seq,
        role=role,
        test_id=vector.id,
        input=Payload(manifest.read(vector.input), vector.input.syntax),
        context=RunContext(
            verification_time=context.verification_time,
            target=context.target,
            status_evidence=tuple(
                Payload(manifest.read(ref), ref.syntax) for ref in context.status_evidence
            ),
            anchor_ended_keys=context.anchor_ended_keys,
            **payloads,
        ),
    )


def _answer_for_record(value: dict[str, Any]) -> dict[str, Any]:
    """The answer as recorded: outputs reduced to their hash, long texts cut."""
    kept: dict[str, Any] = {"outcome": value["outcome"]}
    for name in ("codes", "warnings", "reason", "issue", "message"):
        if name in value:
            kept[name] = value[name]
    if "traceback" in value:
        kept["traceback"] = value["traceback"][-4000:]
    if "findings" in value:
        kept["findings"] = value["findings"][:50]
    if "output" in value:
        payload = Payload.from_json(value["output"])
        kept["output"] = {
            "size": len(payload.data),
            "sha256": sha256(payload.data),
            "syntax": payload.syntax,
        }
    return kept


class _Run:
    """The state of one run: the transport, the report, the counters."""

    def __init__(
        self,
        suite: Suite,
        transport: Transport | None,
        writer: ReportWriter,
        options: RunOptions,
        progress: Callable[[dict[str, Any]], None] | None,
        node: ExchangeTarget | None = None,
    ) -> None:
        self.suite = suite
        self.transport = transport
        self.node = node
        self.claimed = options.versions
        """The versions of the standard claimed: the runner's option, else what the
        implementation declared at start, else None (every version)."""
        self.writer = writer
        self.options = options
        self.progress = progress
        self.records: list[dict[str, Any]] = []
        self.seq = 0
        self.restarts = 0
        self.failed_starts = 0
        self.began = time.monotonic()
        self.start = Start(PROTOCOL_VERSION, suite.version, suite.standard_version)

    def selection(self, implementation: Implementation | None) -> dict[str, Any]:
        """What this run covers, and whether that is the whole suite for the declared roles."""
        declared = set(implementation.roles) if implementation else set(ROLES)
        roles_left_out = sorted(declared - set(self.options.roles))
        parts = []
        if self.options.areas is not None:
            parts.append(f"areas {', '.join(self.options.areas)}")
        if self.options.tests:
            parts.append(f"tests {', '.join(self.options.tests)}")
        if roles_left_out:
            parts.append(f"roles {', '.join(r for r in ROLES if r in self.options.roles)}")
        return {
            "areas": list(self.options.areas) if self.options.areas is not None else None,
            "tests": list(self.options.tests),
            "roles": list(self.options.roles),
            "partial": "; ".join(parts) or None,
        }

    def runs(self, area: str) -> bool:
        """Whether the run records the area: selected, and for a document area, an adapter given
        (the exchange area is recorded not applicable when no node is given)."""
        if self.options.areas is not None and area not in self.options.areas:
            return False
        return area == EXCHANGE_AREA or self.transport is not None

    @property
    def description(self) -> str:
        parts = [self.transport.description] if self.transport is not None else []
        if self.node is not None:
            parts.append(f"exchange protocol at {self.node.url}")
        return "; ".join(parts)

    def header(self, implementation: Implementation | None) -> None:
        areas = {
            manifest.area: sha256((manifest.folder / "manifest.json").read_bytes())
            for manifest in self.suite.manifests
            if manifest.folder is not None and self.runs(manifest.area)
        }
        cited = {v.requirement for _, v in self.suite.vectors()} | {
            t.requirement for t in self.suite.exchange_tests()
        }
        self.writer.header(
            {
                "report": 1,
                "suite": {
                    "version": self.suite.version,
                    "standardVersion": self.suite.standard_version,
                    "areas": areas,
                },
                "protocol": PROTOCOL_VERSION,
                "runner": {
                    "name": "kpcert conformance run",
                    "version": _runner_version(),
                    "timeout": self.options.timeout,
                    "roles": list(self.options.roles),
                    "selection": list(self.options.tests),
                    "versions": list(self.claimed) if self.claimed is not None else None,
                },
                "transport": self.description,
                "selection": self.selection(implementation),
                "started": _now(),
                "implementation": implementation.to_json() if implementation else None,
                "requirements": {
                    r: info for r, info in sorted(_requirements().items()) if r in cited
                },
            }
        )

    def record(
        self,
        manifest: Manifest,
        vector: Vector,
        role: str,
        outcome: Grade,
        detail: str = "",
        exchange: Exchange | None = None,
        location: tuple[LocationGrade, str] | None = None,
    ) -> None:
        record: dict[str, Any] = {
            "id": vector.id,
            "name": vector.name,
            "area": manifest.area,
            "role": role,
            "requirement": vector.requirement,
            "level": vector.level,
            "description": vector.description,
            "grade": outcome.value,
            "expected": vector.expected.to_json(),
        }
        if exchange is not None:
            if exchange.answer is not None:
                record["answer"] = _answer_for_record(exchange.answer)
            record["seconds"] = round(exchange.seconds, 4)
            if exchange.stderr and outcome not in (Grade.PASS, Grade.NOT_APPLICABLE):
                record["stderr"] = exchange.stderr
        if detail:
            record["detail"] = detail
        if location is not None:
            record["location"] = {
                "grade": location[0].value,
                "expected": vector.expected.location,
                **({"detail": location[1]} if location[1] else {}),
            }
        self.write(record)

    def write(self, record: dict[str, Any]) -> None:
        self.records.append(record)
        self.writer.record(record)
        if self.progress is not None:
            self.progress(record)

    def exchange_record(
        self, test: ExchangeTest, outcome: Grade, detail: str, seconds: float | None = None
    ) -> None:
        record: dict[str, Any] = {
            "id": test.id,
            "name": test.name,
            "area": EXCHANGE_AREA,
            "role": "exchange",
            "requirement": test.requirement,
            "level": test.level,
            "description": test.description,
            "grade": outcome.value,
            "expected": test.expected_json(),
        }
        if seconds is not None:
            record["seconds"] = round(seconds, 4)
        if detail:
            record["detail"] = detail
        self.write(record)

    def exchange(self) -> str | None:
        """Play the exchange area against the node; why the run could not go on, if it could not."""
        if "exchange" not in self.options.roles or not self.runs(EXCHANGE_AREA):
            return None
        wanted = []
        for test in self.suite.exchange_tests():
            if not _selected(test.id, self.options):
                continue
            why_not = (
                "no exchange node was given to test (kpcert conformance run --node URL)"
                if self.node is None
                else version_applicability(test.versions, self.claimed)
            )
            if why_not:
                self.exchange_record(test, Grade.NOT_APPLICABLE, why_not)
            else:
                wanted.append(test)
        if not wanted or self.node is None:
            return None
        import httpx

        from kpstandard.conformance._exchange import play  # the exchange client, when needed

        try:
            with httpx.Client(timeout=self.node.timeout) as http:
                for test, outcome, detail, seconds in play(
                    self.node, wanted, http, suite=self.suite.folder, versions=self.claimed
                ):
                    self.exchange_record(test, outcome, detail, seconds)
        except (OSError, ValueError) as exc:
            return f"the exchange tests could not go on: {exc}"
        except Exception as exc:  # a boundary: the report says what happened, never a traceback
            return f"the exchange tests could not go on: {type(exc).__name__}: {exc}"
        return None

    def footer(self, implementation: Implementation | None, aborted: str | None = None) -> None:
        passed = aborted is None and conformant(self.records)
        partial = self.selection(implementation)["partial"]
        footer: dict[str, Any] = {
            "finished": _now(),
            "seconds": round(time.monotonic() - self.began, 3),
            "counts": dict(Counter(r["grade"] for r in self.records)),
            # A part of the suite supports no claim (KP-REQ-051): neither true nor false.
            "conformant": None if partial else passed,
            "mustPassed": passed,
            "restarts": self.restarts,
        }
        if partial:
            footer["partial"] = f"not a conformance claim: a partial run ({partial})"
        locations = Counter(r["location"]["grade"] for r in self.records if "location" in r)
        if locations:
            footer["locations"] = dict(locations)
        if aborted:
            footer["aborted"] = aborted
        self.writer.footer(footer)

    def ensure_started(self) -> str:
        """Start the implementation again if it is down; return why not, if it cannot be."""
        assert self.transport is not None
        if self.transport.ready:
            return ""
        try:
            self.transport.start(self.start, self.options.start_timeout)
        except StartError as exc:
            self.failed_starts += 1
            return f"the implementation could not be started again: {exc}"
        self.restarts += 1
        self.failed_starts = 0
        return ""

    def test(
        self, manifest: Manifest, vector: Vector, role: str, implementation: Implementation
    ) -> None:
        why_not = applicability(vector, role, implementation, self.claimed)
        if why_not:
            self.record(manifest, vector, role, Grade.NOT_APPLICABLE, why_not)
            return
        if self.failed_starts >= self.options.restarts_in_a_row:
            self.record(
                manifest, vector, role, Grade.CRASHED, "not run: the implementation is down"
            )
            return
        down = self.ensure_started()
        if down:
            self.record(manifest, vector, role, Grade.CRASHED, down)
            return
        assert self.transport is not None
        self.seq += 1
        exchange = self.transport.run(
            _request(self.seq, manifest, vector, role), self.options.timeout
        )
        if exchange.failure is not None:
            self.record(manifest, vector, role, Grade(exchange.failure), exchange.detail, exchange)
            return
        assert exchange.answer is not None
        answer = Answer.from_json(exchange.answer)
        outcome, detail = grade(vector, answer, manifest.read, role)
        location = grade_location(vector, answer) if outcome is Grade.PASS else None
        self.record(manifest, vector, role, outcome, detail, exchange, location)


def _with_node(
    implementation: Implementation | None, node: ExchangeTarget | None
) -> Implementation | None:
    """What the report says of the implementation: the adapter's own words, with the exchange
    role and the node's URL when a node is tested too."""
    if node is None:
        return implementation
    if implementation is None:
        return Implementation(
            name=f"exchange node at {node.url}",
            version="unknown",
            language="unknown",
            roles=("exchange",),
            syntaxes=(),
            extra={"node": node.url},
        )
    return dataclasses.replace(
        implementation,
        roles=(*implementation.roles, "exchange"),
        extra={**implementation.extra, "node": node.url},
    )


def run_suite(
    suite: Suite,
    transport: Transport | None,
    report: IO[str],
    options: RunOptions | None = None,
    *,
    node: ExchangeTarget | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Run the suite against an implementation, a node, or both, writing the report as it goes.

    Args:
        suite: the vectors.
        transport: how to reach the implementation of the document roles (None: test a node
            only).
        report: where the JSON lines go (flushed line by line).
        options: what to run and how patiently.
        node: the exchange node under test, for the exchange area (None: the area is not run).
        progress: called with each test's record as it is written.

    Returns:
        The records written.

    Raises:
        ValueError: neither a transport nor a node is given.
    """
    if transport is None and node is None:
        raise ValueError("run_suite needs a transport, a node, or both")
    options = options or RunOptions()
    state = _Run(suite, transport, ReportWriter(report), options, progress, node)
    implementation = None
    if transport is not None:
        try:
            started = transport.start(state.start, options.start_timeout)
        except StartError as exc:
            state.header(_with_node(None, node))
            state.footer(None, aborted=f"the implementation did not start: {exc}")
            return state.records
        implementation = started.implementation
    if options.versions is None and implementation is not None:
        state.claimed = implementation.versions
    described = _with_node(implementation, node)
    state.header(described)
    try:
        if transport is not None and implementation is not None:
            for manifest, vector, role in plan(suite, options):
                state.test(manifest, vector, role, implementation)
    finally:
        if transport is not None:
            transport.stop()
    aborted = state.exchange()
    state.footer(described, aborted=aborted)
    return state.records


def run_exchange(
    target: ExchangeTarget,
    report: IO[str],
    *,
    suite: Path | None = None,
    options: RunOptions | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Run the exchange area alone against a node, writing a report in the suite's format: the
    same as ``run_suite(load_suite(suite, areas=["exchange"]), None, report, node=target)``
    (``kpcert conformance run --node URL --kit DIR``).

    Args:
        target: the node under test, configured from ``target.kit``.
        report: where the JSON lines go (flushed line by line).
        suite: the suite folder (default: this installation's).
        options: what to run (default: every exchange test, every version).
        progress: called with each test's record as it is written.

    Returns:
        The records written.
    """
    loaded = load_suite(suite, areas=[EXCHANGE_AREA])
    return run_suite(loaded, None, report, options, node=target, progress=progress)
