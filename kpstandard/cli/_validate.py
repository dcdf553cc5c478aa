"""``kpcert validate``: judge documents, report every finding with its code and location.

Files are validated in parallel on all cores when there are many; the main process keeps only
counters and a bounded window of work in flight, so memory stays flat however many files there are.

Import confirmations are paired with their certificate in two passes. The first pass validates
every document in walk order; for each KP Certificate it keeps an index entry, its number and its
path (nothing else: no bytes, no report), and each import confirmation whose certificate was not
given with ``--certificate`` is held back as its path, the certificate number it names and that
certificate's digest. The second pass validates the held-back confirmations, each with the
certificate of the same number met in the run (the one whose exact bytes match the confirmation's
digest when there is one, else the first of that number, so that a wrong digest is reported as
KP-R-036), and reports them after the other documents. Memory grows with one short index entry
per certificate and per confirmation; documents themselves are never kept.

Every document is validated under a guard: an unexpected exception becomes that document's
KP-X-001 finding ("not judged") and the batch goes on.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gc
import hashlib
import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain, islice
from typing import IO, TYPE_CHECKING, Any, NamedTuple, cast

from kpstandard.cli import _formats
from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    UsageError,
    date_argument,
    iter_paths,
    read_bytes,
    read_limited,
)
from kpstandard.cli._signing import (
    TrustListOutcome,
    add_trust_arguments,
    add_verification_time,
    trust_list_outcome,
    unusable_trust_list_report,
)
from kpstandard.findings import DocumentReport, internal_error_report
from kpstandard.pipeline import load_trust_list, validate_bytes
from kpstandard.validation.rules._confirmation import DIGESTS

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 64
"""Files validated in a row (read first as a group): the first chunk of a batch, each chunk of
one process or of a pool, a forked worker's first chunk, and the pieces in which the rest of a
chunk whose worker died is done again."""
IN_PROCESS_BELOW = 2 * CHUNK
"""Fewer files than this are validated in this process: starting workers would cost more."""
MAX_CHUNK = 16 * CHUNK
"""The most files in a chunk sent to a forked worker (see :class:`_ChunkSizes`)."""
CHUNK_SECONDS = 0.1
"""About the processor time a worker's chunk should take (see :class:`_ChunkSizes`)."""
RESULT_BYTES = 1 << 20
"""The outputs a worker holds of a chunk before it sends them (see :func:`_worker_chunk`)."""
PROGRESS_FROM = 100
"""A progress bar is shown (on standard error, only when it is a terminal) from this many files."""
STDIN_NAME = "<stdin>"
"""How a document read from standard input is named in reports."""
FORMATS = ("text", "json", "jsonl", "junit", "sarif")

_options: dict[str, Any] = {}
_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""One encoder for every report (``json.dumps`` with an option builds a new one per call)."""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "validate",
        help="validate documents (files or folders)",
        description="Validate documents in JSON or XML (the syntax is detected from the content) "
        "through the input, schema and rules layers (and, with --trust-list, the signature, trust "
        "and time layers). Folders are walked recursively for .json and .xml files; - reads one "
        "document from standard input. An import confirmation is judged with the certificate of "
        "the same number given in the same run (or with --certificate). Exit 0 when every "
        "document is valid, 1 when any is invalid or could not be judged, 2 for bad usage, an "
        "unreadable path or a path that holds no document.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders; - for standard input"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for people (default); json: one object with every document and a summary; "
        "jsonl: one object per document per line, then a summary line; junit: JUnit XML, one "
        "testcase per document; sarif: SARIF 2.1.0 for code-scanning tools",
    )
    parser.add_argument(
        "--rules-date",
        type=date_argument,
        metavar="DATE",
        dest="rules_date",
        help="judge the business rules and code lists as they stood on this date, YYYY-MM-DD "
        "(default: each document's date of issue)",
    )
    parser.add_argument("--at", type=date_argument, dest="rules_date", help=argparse.SUPPRESS)
    parser.add_argument(
        "--certificate",
        metavar="PATH",
        help="the KP Certificate (its exact bytes) that every import confirmation being "
        "validated confirms; without it each confirmation is paired with the certificate of the "
        "same number among the paths given",
    )
    add_trust_arguments(parser, required=False)
    add_verification_time(parser, "--time")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help=f"no progress bar (shown on a terminal from {PROGRESS_FROM} files)",
    )
    parser.set_defaults(run=run)


# --- the work, in this process or a worker --------------------------------------------------


class Outcome(NamedTuple):
    """What the main process needs of one document (rendering in the workers keeps it light)."""

    verdict: str
    """The verdict, or ``unreadable``."""
    output: str
    """The report rendered in the requested format (JSON for junit and sarif); for
    ``unreadable``, the message."""
    certificate_number: str | None = None
    """A KP Certificate's number, for the index of certificates met in the run."""
    confirms: tuple[str, str, str] | None = None
    """An import confirmation held back for the second pass: the number, digest algorithm and
    digest value of the certificate it names. Its output is empty."""


class Batch(NamedTuple):
    """The outcomes of a chunk of documents, in order, as columns of plain values.

    This is what crosses from a worker process to the main one: lists of strings cost less to
    send and to receive than an object per document, and the main process writes a chunk whose
    documents are all reported (the usual case) with one call, counting its verdicts in one pass.
    """

    verdicts: list[str]
    """Each document's verdict, ``unreadable``, or ``""`` for a confirmation held back."""
    outputs: list[str]
    """Each document's rendered report (the message when unreadable; ``""`` when held back)."""
    certificates: list[tuple[str, str]]
    """The number and path of each KP Certificate of the chunk, in order (first pass only)."""
    held: list[tuple[str, tuple[str, str, str]]]
    """Each import confirmation held back for the second pass: its path and what it names."""
    block: bytes | None = None
    """From a forked worker, for text and JSON lines when every document of the chunk is
    reported: the lines of ``outputs`` already joined and encoded as standard output encodes
    them (``outputs`` is then empty). The main process writes them as they are: it neither
    decodes nor encodes the reports (in a pickle, a string is encoded and decoded again)."""
    packed: bytes | None = None
    """From a forked worker: ``certificates``, pickled (``certificates`` is then empty). The
    main process unpickles them only when a confirmation waits for its certificate."""
    seconds: float = 0.0
    """From a forked worker: the processor time it spent on these documents (what the sizes of
    the next chunks are worked out from, see :class:`_ChunkSizes`)."""


Task = tuple[str, str | None, bool]
"""A path; the certificate to judge it with; whether this is the second pass (pairing done)."""

UNREADABLE = "unreadable"
CERTIFICATE = "kp-certificate"
CONFIRMATION = "import-confirmation"


def _init(options: dict[str, Any]) -> None:
    _options.clear()
    _options.update(options)
    source = options.get("trust_source")
    if source is not None:  # in a worker: verify the list again from its bytes (once per worker)
        from kpstandard.signature.keys import load_certificate

        trust_list, _ = load_trust_list(source[0], anchor=load_certificate(source[1]))
        _options["trust_list"] = trust_list


def _for_workers(options: dict[str, Any]) -> dict[str, Any]:
    """The options as they cross to a worker process: a trust list travels as its bytes and
    anchor (its certificates are not picklable), and is verified again there."""
    shipped = {k: v for k, v in options.items() if k != "trust_list"}
    trust_list = options.get("trust_list")
    if trust_list is not None:
        from cryptography.hazmat.primitives.serialization import Encoding

        anchor = trust_list.operator.public_bytes(Encoding.PEM)
        shipped["trust_source"] = (options["trust_list_bytes"], anchor)
    return shipped


def _document_bytes(path: str) -> bytes:
    if path == STDIN:
        data: bytes = _options["stdin"]
        return data
    return read_bytes(path)


Read = bytes | UsageError | None
"""A document read ahead (its bytes, or why it could not be read), or None: not read yet."""


def _report(path: str, certificate_path: str | None, read: Read = None) -> DocumentReport:
    name = STDIN_NAME if path == STDIN else path
    unusable: TrustListOutcome | None = _options.get("unusable_trust_list")
    if unusable is not None:
        return unusable_trust_list_report(unusable, name)
    if isinstance(read, UsageError):
        raise read
    data = _document_bytes(path) if read is None else read
    certificate = _options.get("certificate")
    if certificate_path is not None:
        certificate = _document_bytes(certificate_path)
    return validate_bytes(
        data,
        path=name,
        at=_options.get("rules_date"),
        certificate=certificate,
        trust_list=_options.get("trust_list"),
        verification_time=_options.get("time"),
    )


def _validate_one(task: Task, read: Read = None) -> Outcome:
    path, certificate_path, second_pass = task
    try:
        report = _report(path, certificate_path, read)
    except UsageError as exc:
        return Outcome(UNREADABLE, f"kpcert: {exc}")
    except Exception as exc:  # one poisoned file never ends the batch
        name = STDIN_NAME if path == STDIN else path
        report = internal_error_report(exc, "kpcert validate", path=name)
    return _guarded_outcome(report, first_pass=not second_pass)


def _guarded_outcome(report: DocumentReport, *, first_pass: bool) -> Outcome:
    try:
        return _outcome(report, first_pass=first_pass)
    except Exception as exc:
        report = internal_error_report(exc, "kpcert validate (report)", path=report.path)
        return _outcome(report, first_pass=False)


def _outcome(report: DocumentReport, *, first_pass: bool) -> Outcome:
    document = report.document
    if (
        first_pass
        and _options.get("pairing")
        and report.type == CONFIRMATION
        and document is not None
    ):
        named = document.certificate
        return Outcome("", "", confirms=(named.number, named.digest.algorithm, named.digest.value))
    number = document.certificate_number if report.type == CERTIFICATE and document else None
    unusable: TrustListOutcome | None = _options.get("unusable_trust_list")
    if unusable is None and _options.get("format") != "text" and not report.findings:
        return Outcome(*_encoded_without_findings(report), number)
    result = report.to_json()
    if unusable is not None and _options.get("format") in ("json", "jsonl"):
        result["trustList"] = unusable.to_json()
    if _options.get("format") == "text":
        return Outcome(result["verdict"], _render_text(result), number)
    return Outcome(result["verdict"], _ENCODER.encode(result), number)


_HEAD = '{"path": null'
_TAILS: dict[tuple[Any, ...], tuple[str, str]] = {}
"""The verdict and the JSON after the path of a report without findings, by (syntax, type,
layers): most documents of a batch share a few (every layer passed), so each is worked out once
(the verdict of a report without findings depends on its layers alone)."""
_TAILS_KEPT = 256


def _encoded_without_findings(report: DocumentReport) -> tuple[str, str]:
    """The verdict and ``_ENCODER.encode(report.to_json())`` of a report with no finding."""
    key = (report.syntax, report.type, report.layers)
    known = _TAILS.get(key)
    if known is None:
        whole = _ENCODER.encode(replace(report, path=None).to_json())
        if not whole.startswith(_HEAD):  # to_json() no longer starts with the path
            return report.verdict.value, _ENCODER.encode(report.to_json())
        known = (report.verdict.value, whole[len(_HEAD) :])
        if len(_TAILS) < _TAILS_KEPT:
            _TAILS[key] = known
    verdict, tail = known
    return verdict, '{"path": ' + _ENCODER.encode(report.path) + tail


READ_AHEAD = CHUNK
"""Files read in a row before they are validated in a row (see :func:`_validate_chunk`)."""
READ_AHEAD_BYTES = 1 << 20
"""...or fewer, once their bytes reach this size: the documents held stay small."""


def _read_group(tasks: list[Task], start: int) -> list[Read]:
    """The files of ``tasks[start:]``, read: :data:`READ_AHEAD` of them, or fewer once their
    bytes reach :data:`READ_AHEAD_BYTES`. Each is its bytes, or why it could not be read (raised
    when its document is reached), or None for standard input (read when needed)."""
    group: list[Read] = []
    size = 0
    for path, _, _ in islice(tasks, start, start + READ_AHEAD):
        if path == STDIN:
            group.append(None)  # read when needed, as before
            continue
        try:
            data = read_limited(path)
        except UsageError as exc:  # raised when the document is reached, in its place
            group.append(exc)
            continue
        group.append(data)
        size += len(data)
        if size >= READ_AHEAD_BYTES:
            break
    return group


def _validate_chunk(tasks: list[Task]) -> Batch:
    """Each task's outcome, in order, as the columns of a batch.

    The files are read a group at a time (:func:`_read_group`), then validated in a row. Reading
    a small file costs a few system calls, and more after them: interleaved with the validation
    of each document, they leave the processor's caches cold for the next one (about 6 µs per
    document here, as much as the reading itself). A file that cannot be read is reported in its
    place, as if it were read there; with an unusable trust list nothing is read.

    This loop is what the command costs per document beside ``kpstandard.validate``, so the usual
    document takes a short way: the options are looked up once per chunk, and a report without
    findings becomes its line from the cached tail of its kind (:data:`_TAILS`). Anything else
    (a file not read, a second-pass task, a finding, text output, an error) goes through
    :func:`_validate_one`, :func:`_outcome` and their guards.
    """
    batch = Batch([], [], [], [])
    verdicts, outputs, certificates = batch.verdicts, batch.outputs, batch.certificates
    if _options.get("unusable_trust_list") is not None:
        for task in tasks:
            _collect(batch, task[0], _validate_one(task))
        return batch
    validate = validate_bytes  # looked up here: a test may replace the module's name
    at, certificate = _options.get("rules_date"), _options.get("certificate")
    trust_list, moment = _options.get("trust_list"), _options.get("time")
    short = _options.get("format") != "text"
    pairing = _options.get("pairing")
    encode = _ENCODER.encode
    start = 0
    while start < len(tasks):
        group = _read_group(tasks, start)
        for task, read in zip(tasks[start : start + len(group)], group, strict=True):
            path, certificate_path, second_pass = task
            if not isinstance(read, bytes) or certificate_path is not None:
                _collect(batch, path, _validate_one(task, read))
                continue
            try:
                report = validate(
                    read,
                    path=path,
                    at=at,
                    certificate=certificate,
                    trust_list=trust_list,
                    verification_time=moment,
                )
            except Exception as exc:  # one poisoned file never ends the batch
                report = internal_error_report(exc, "kpcert validate", path=path)
            document = report.document
            kind = report.type
            known = None
            if short and not report.findings and not (pairing and kind == CONFIRMATION):
                known = _TAILS.get((report.syntax, kind, report.layers))
            if known is None:
                _collect(batch, path, _guarded_outcome(report, first_pass=not second_pass))
                continue
            if kind == CERTIFICATE and document is not None:
                certificates.append((document.certificate_number, path))
            verdicts.append(known[0])
            outputs.append('{"path": ' + encode(path) + known[1])
        start += len(group)
    return batch


def _collect(batch: Batch, path: str, outcome: Outcome) -> None:
    """Add one document's outcome to a batch's columns."""
    if outcome.confirms is not None:
        batch.held.append((path, outcome.confirms))
    elif outcome.certificate_number is not None:
        batch.certificates.append((outcome.certificate_number, path))
    batch.verdicts.append(outcome.verdict)
    batch.outputs.append(outcome.output)


def _worker_chunk(tasks: list[Task]) -> Iterator[tuple[int, Batch]]:
    """:func:`_validate_chunk` in a forked worker, :data:`CHUNK` tasks at a time, sent back in
    parts: one for the whole chunk, or more when its outputs pass :data:`RESULT_BYTES` (reports
    with many findings), so that neither process holds more than about that much of a chunk
    however large the chunk. Each part says how many tasks it covers, and the processor time
    they took."""
    part = Batch([], [], [], [])
    size = 0
    started = time.process_time()
    for start in range(0, len(tasks), CHUNK):
        size += _merge(part, _validate_chunk(tasks[start : start + CHUNK]))
        if size >= RESULT_BYTES:
            count, ready = len(part.verdicts), _encoded(part, time.process_time() - started)
            part, size, started = Batch([], [], [], []), 0, time.process_time()
            yield count, ready  # its outputs are in ``ready`` only
    if part.verdicts:
        yield len(part.verdicts), _encoded(part, time.process_time() - started)


def _merge(part: Batch, batch: Batch) -> int:
    """Add a batch's columns to a part's; the size of its outputs."""
    part.verdicts.extend(batch.verdicts)
    part.outputs.extend(batch.outputs)
    part.certificates.extend(batch.certificates)
    part.held.extend(batch.held)
    return sum(map(len, batch.outputs))


def _encoded(batch: Batch, seconds: float) -> Batch:
    """A batch as a worker sends it: its lines joined and encoded when they can be."""
    batch = batch._replace(seconds=seconds)
    encoding = _options.get("block_encoding")
    verdicts = batch.verdicts
    if encoding is None or "" in verdicts or UNREADABLE in verdicts or not verdicts:
        return batch
    try:
        block = ("\n".join(batch.outputs) + "\n").encode(*encoding)
    except UnicodeError:  # written as before, so that it fails (or not) as before
        return batch
    import pickle  # in a worker, where it is imported already

    packed = pickle.dumps(batch.certificates, pickle.HIGHEST_PROTOCOL)
    return batch._replace(outputs=[], block=block, certificates=[], packed=packed)


def _chunk_failed(tasks: list[Task], exc: BaseException) -> Batch:
    """Tasks whose worker process died or whose work raised (with forked workers: and that could
    not be done again): each of their documents is not judged."""
    batch = Batch([], [], [], [])
    for path, _, _ in tasks:
        report = internal_error_report(exc, "kpcert validate (worker process)", path=path)
        _collect(batch, path, _outcome(report, first_pass=False))
    return batch


class _ChunkSizes:
    """The chunks of tasks for ``jobs`` forked workers, sized by the time their documents take.

    The chunks hold :data:`CHUNK` tasks until a first result is in; from then each round of
    ``jobs`` chunks is twice as large as the last, up to :data:`MAX_CHUNK`, and up to what the
    workers do in :data:`CHUNK_SECONDS` at the processor time per document they have reported so
    far (never below :data:`CHUNK`). A large batch of the usual documents crosses the pipes in
    few large chunks: a chunk's round trip costs the main process and the worker about 160 µs
    of processor time together here, 2.5 µs per document in chunks of 64, a sixteenth of that
    in chunks of 1,024. Slow documents (large, or with many findings) keep the chunks small, so
    that no worker is left with a long chunk at the end of the batch while the others wait.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.documents = 0
        self.seconds = 0.0

    def observe(self, batch: Batch) -> None:
        """Count a result's documents and the processor time the worker spent on them (a
        result that did not come from a worker, for documents left by one, does not count)."""
        if batch.seconds > 0:
            self.documents += len(batch.verdicts)
            self.seconds += batch.seconds

    def chunks(self, tasks: Iterator[Task]) -> Iterator[list[Task]]:
        size = CHUNK
        while True:
            for _ in range(self.jobs):
                chunk = list(islice(tasks, size))
                if not chunk:
                    return
                yield chunk
            if self.seconds > 0:  # nothing grows before the first result is in
                fits = int(CHUNK_SECONDS * self.documents / self.seconds)
                size = max(CHUNK, min(2 * size, MAX_CHUNK, fits))


def _results(tasks: Iterator[Task], jobs: int) -> Iterator[Batch]:
    """Validate tasks in order, a chunk at a time; in parallel when there are many, with bounded
    work in flight.

    The first chunk is always validated in this process: that warms the caches (the model, the
    code lists, the compiled schemas), which the workers then inherit where processes are forked,
    instead of each building them again. The objects made so far are then frozen out of the
    garbage collector's reach (``gc.freeze``), so that a long batch does not rescan them, and a
    forked worker does not copy the pages they sit on.

    Where processes can be forked (Linux), the workers are forked here and sent the chunks
    through pipes, with no thread (:mod:`kpstandard.cli._forked`); elsewhere a process pool.
    """
    head = list(islice(tasks, IN_PROCESS_BELOW))
    if not head:
        return
    if jobs <= 1 or len(head) < IN_PROCESS_BELOW:
        every = chain(head, tasks)
        yield _validate_chunk(list(islice(every, 1)))
        gc.freeze()
        for chunk in iter(lambda: list(islice(every, CHUNK)), []):
            yield _validate_chunk(chunk)
        return
    yield _validate_chunk(head[:CHUNK])
    gc.freeze()
    source = chain(head[CHUNK:], tasks)
    from kpstandard.cli import _forked  # here: pickle and signal, 2 ms, for workers only

    if _forked.available():
        sizes = _ChunkSizes(jobs)
        work = _forked.in_order(
            sizes.chunks(source), _worker_chunk, _chunk_failed, jobs, retry=CHUNK
        )
        for batch in work:
            sizes.observe(batch)
            yield batch
        return
    chunks = iter(lambda: list(islice(source, CHUNK)), [])
    # Imported here: a batch small enough for one process never pays for multiprocessing.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(_for_workers(_options),)) as pool:
        window: deque[tuple[list[Task], Future[Batch]]] = deque()
        for chunk in islice(chunks, jobs * 2):
            window.append((chunk, pool.submit(_validate_chunk, chunk)))
        while window:
            chunk, future = window.popleft()
            try:
                done = future.result()
            except Exception as exc:
                done = _chunk_failed(chunk, exc)
            following = next(chunks, None)
            if following is not None:
                try:
                    window.append((following, pool.submit(_validate_chunk, following)))
                except Exception as exc:  # the pool is broken: no more work goes to it
                    yield done
                    yield _chunk_failed(following, exc)
                    for rest in chunks:
                        yield _chunk_failed(rest, exc)
                    continue
            yield done


# --- pairing import confirmations with their certificates ----------------------------------


class _Pairing:
    """Certificates met in the run (number -> paths) and confirmations held back."""

    def __init__(self) -> None:
        self.met: list[tuple[str, str]] = []
        """Each certificate met in the first pass: its number and path, in walk order."""
        self.packed: list[bytes | list[tuple[str, str]]] = []
        """The same, as the chunks brought them (pickled from a worker), in walk order."""
        self.waiting: list[tuple[str, tuple[str, str, str]]] = []
        self._chosen: dict[tuple[str, str, str], str | None] = {}
        self._by_number: dict[str, list[str]] | None = None

    @property
    def certificates(self) -> dict[str, list[str]]:
        """The paths of the certificates met, by number (made when a confirmation needs it)."""
        if self._by_number is None:
            import pickle  # the certificates of a forked worker's chunks

            self._by_number = {}
            for part in self.packed:
                self.met += pickle.loads(part) if isinstance(part, bytes) else part
            self.packed.clear()
            for number, path in self.met:
                self._by_number.setdefault(number, []).append(path)
        return self._by_number

    def tasks(self) -> Iterator[Task]:
        for path, named in self.waiting:
            yield path, self._certificate_for(named), True

    def _certificate_for(self, named: tuple[str, str, str]) -> str | None:
        if named not in self._chosen:
            self._chosen[named] = self._choose(*named)
        return self._chosen[named]

    def _choose(self, number: str, algorithm: str, value: str) -> str | None:
        candidates = self.certificates.get(number, [])
        hash_name = DIGESTS.get(algorithm)
        if hash_name is not None and len(candidates) > 1:
            for path in candidates:
                try:
                    data = _document_bytes(path)
                except UsageError:
                    continue
                digest = base64.b64encode(hashlib.new(hash_name, data).digest()).decode()
                if digest == value:
                    return path
        return candidates[0] if candidates else None


# --- output --------------------------------------------------------------------------------


class _Summary:
    def __init__(self) -> None:
        self.counts = {"documents": 0, "valid": 0, "invalid": 0, "not_judged": 0, UNREADABLE: 0}

    def add(self, verdict: str, count: int = 1) -> None:
        if verdict != UNREADABLE:
            self.counts["documents"] += count
        self.counts[verdict.replace("-", "_")] += count

    def exit_code(self) -> int:
        if self.counts["unreadable"]:
            return EXIT_USAGE
        return EXIT_OK if self.counts["valid"] == self.counts["documents"] else EXIT_FAILED


def _render_text(result: dict[str, Any]) -> str:
    kind = ", ".join(x for x in (result["type"], result["syntax"]) if x)
    lines = [f"{result['path']}: {result['verdict']}" + (f" ({kind})" if kind else "")]
    for finding in result["findings"]:
        where = finding["location"] or "(document)"
        lines.append(
            f"  {finding['code']} {finding['severity']} at {where} [{finding['requirement']}]: "
            f"{finding['message']}"
        )
    for layer in result["layers"]:
        if layer.get("reason"):
            lines.append(f"  {layer['layer']} layer: {layer['reason']}")
    return "\n".join(lines)


class _Blocks:
    """Standard output written in blocks: at most every 64 KiB or a quarter of a second.

    A report per document is a few hundred bytes; written one by one to an unbuffered stream
    (``PYTHONUNBUFFERED``, usual in CI and containers) each is a system call. A terminal is
    written to as before, line by line, for the person watching.
    """

    SIZE = 64 * 1024
    SECONDS = 0.25

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.parts: list[str] = []
        self.size = 0
        self.since = time.monotonic()
        try:
            self.direct = bool(stream.isatty())
        except (AttributeError, ValueError, OSError):
            self.direct = False

    def write_encoded(self, data: bytes) -> None:
        """Lines already encoded as the stream encodes them (see :func:`block_encoding`)."""
        self.flush()
        self.stream.buffer.write(data)
        self.stream.buffer.flush()

    def write(self, text: str) -> None:
        if self.direct:
            self.stream.write(text)
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.SIZE or time.monotonic() - self.since >= self.SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.stream.write("".join(self.parts))
            self.parts.clear()
            self.size = 0
        self.since = time.monotonic()
        self.stream.flush()


def _block_encoding(stream: Any, output_format: str) -> tuple[str, str] | None:
    """How a worker may encode its lines for ``stream``: the stream's own encoding and error
    handler, for a stream written through its buffer (not a terminal), in text or JSON lines."""
    if output_format not in ("text", "jsonl"):
        return None
    try:
        if stream.isatty() or not hasattr(stream, "buffer"):
            return None
        encoding = str(stream.encoding)
        # Blocks encoded apart must join into what one stream writes: no encoding that starts
        # with a byte-order mark (utf-16, utf-32, utf-8-sig) or carries state between writes.
        if "a".encode(encoding) * 2 != "aa".encode(encoding):
            return None
        return encoding, str(stream.errors or "strict")
    except (AttributeError, ValueError, OSError, LookupError):
        return None


def _options_from(args: argparse.Namespace) -> dict[str, Any]:
    if args.jobs < 1:
        raise UsageError("--jobs needs a whole number of at least 1")
    named = [*args.paths, args.certificate, args.trust_list]
    if named.count(STDIN) > 1:
        raise UsageError("standard input (-) can be named only once")
    outcome = trust_list_outcome(args)
    options: dict[str, Any] = {
        "rules_date": args.rules_date,
        "format": args.format,
        "time": args.verification_time,
        "pairing": not args.certificate,
    }
    if outcome is not None and outcome.trust_list is not None:
        options["trust_list"] = outcome.trust_list
        options["trust_list_bytes"] = outcome.data
    elif outcome is not None:
        options["unusable_trust_list"] = outcome
    if args.certificate:
        options["certificate"] = read_bytes(args.certificate)
    if STDIN in args.paths:
        options["stdin"] = read_bytes(STDIN)
    return options


def run(args: argparse.Namespace) -> int:
    options = _options_from(args)
    paths = iter_paths(args.paths)  # raises UsageError for a missing or empty path, before output
    _init(options)
    show_progress = not args.no_progress and sys.stderr.isatty()
    total = None
    if show_progress:
        total = sum(1 for _ in iter_paths(args.paths))
        show_progress = total >= PROGRESS_FROM
    if not show_progress and args.jobs > 1:  # a bar is updated document by document
        _options["block_encoding"] = _block_encoding(sys.stdout, args.format)
    summary = _Summary()
    stdout = _Blocks(sys.stdout)
    # The writers only call write() on their stream.
    writer = _formats.writer(args.format, cast(IO[str], stdout), options.get("unusable_trust_list"))
    pairing = _Pairing()
    progress: Any = _NoBar
    if show_progress:
        from tqdm import tqdm  # imported only for a person watching a terminal

        # No monitor thread: workers are forked from this process, and a fork copies no thread
        # (a lock it held would stay held in the child).
        tqdm.monitor_interval = 0
        progress = tqdm
    try:
        with progress(total=total, unit="doc", disable=not show_progress, file=sys.stderr) as bar:

            def emit(batch: Batch) -> None:
                verdicts = batch.verdicts
                if batch.block is not None:  # from a worker: every document reported
                    for verdict, count in Counter(verdicts).items():
                        summary.add(verdict, count)
                    stdout.write_encoded(batch.block)
                    return
                if not show_progress and "" not in verdicts and UNREADABLE not in verdicts:
                    for verdict, count in Counter(verdicts).items():  # the usual chunk
                        summary.add(verdict, count)
                    writer.documents(batch.outputs)
                    return
                for verdict, output in zip(verdicts, batch.outputs, strict=True):
                    if not verdict:
                        continue  # held back: judged in the second pass, with its certificate
                    if show_progress:
                        bar.update(1)
                    summary.add(verdict)
                    if verdict == UNREADABLE:
                        bar.write(output, sys.stderr)
                        writer.unreadable(output)
                    else:
                        if show_progress:
                            bar.clear()
                        writer.document(output)

            first_pass = ((path, None, False) for path in paths)
            for batch in _results(first_pass, args.jobs):
                pairing.packed.append(batch.certificates if batch.packed is None else batch.packed)
                pairing.waiting += batch.held
                emit(batch)
            for batch in _results(pairing.tasks(), args.jobs):
                emit(batch)
    except BaseException:  # what was reported so far still reaches standard output
        with contextlib.suppress(Exception):
            stdout.flush()
        raise
    writer.close(summary.counts)
    stdout.flush()
    return summary.exit_code()


class _NoBar:
    """What ``tqdm(disable=True)`` is, without importing tqdm (most runs show no bar)."""

    def __init__(self, **_: Any) -> None:
        pass

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def update(self, _: int) -> None:
        pass

    def clear(self) -> None:
        pass

    def write(self, text: str, file: Any) -> None:
        print(text, file=file)
