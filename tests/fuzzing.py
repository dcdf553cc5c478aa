"""The fuzzing harness: a corpus, a mutator, and every library entry point with its promise.

Shared by ``tests/test_fuzz.py`` (a few hundred inputs in every test run, through hypothesis) and
``benchmarks/fuzz.py`` (long runs by hand, coverage-guided with atheris when it is installed).

Why both: hypothesis is already a test dependency, shrinks what it finds, and replays its database,
so the short run costs nothing to keep in CI; atheris (libFuzzer for Python) follows coverage, which
is what finds the deep bugs in a run of hours. Both feed the same mutator and the same oracle.

The oracle is each entry point's documented promise: ``validate``, ``verify`` and
``load_trust_list`` never raise; ``load``, ``convert`` and ``sign`` raise only
:class:`~kpstandard.InvalidDocumentError` or :class:`~kpstandard.KPStandardError`. Any other
exception, and any KP-X-001 (the boundary caught a bug), is a crash.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kpstandard
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
REGRESSIONS = ROOT / "tests" / "data" / "fuzz-regressions"
"""Every input that ever crashed an entry point, kept and replayed by the tests."""

MAX_SEED = 64 * 1024
"""Corpus files larger than this (the hostile 1 MiB inputs) are left out: they slow every run
and the mutator builds floods of its own."""


@cache
def corpus() -> tuple[bytes, ...]:
    """Seeds: the examples and the conformance inputs, in a stable order."""
    folders = [ROOT / "examples", ROOT / "conformance"]
    paths = sorted(
        p
        for folder in folders
        for p in folder.rglob("*")
        if p.suffix in (".json", ".xml") and p.is_file() and "manifest" not in p.name
    )
    return tuple(data for p in paths if len(data := p.read_bytes()) <= MAX_SEED)


TOKENS = (
    b'xmlns:p="urn:x" ',
    b'xmlns="urn:kpstandard:kp-certificate:1" ',
    b"<!DOCTYPE a [<!ENTITY e 'x'>]>",
    b'<!DOCTYPE a [<!ENTITY % p SYSTEM "/dev/zero"> %p;]>',
    b"&e;",
    b"&#0;",
    b"<![CDATA[x]]>",
    b"<!-- c -->",
    b"<?pi x?>",
    b"<ds:Signature xmlns:ds='http://www.w3.org/2000/09/xmldsig#'/>",
    b'"documentType": "kp-certificate", ',
    b'"a": 1, "a": 2, ',
    b"\\ud800",
    b"\\u0000",
    b"NaN",
    b"1e999999",
    b"9" * 5000,
    b"[" * 40,
    b"{" * 40,
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xc3\x28",
    b"2026-02-30",
    b"0.1",
    b"-0",
)
"""Fragments that meant trouble somewhere: namespaces, DTDs, entities, duplicates, surrogates,
huge numbers, nesting, byte order marks, invalid UTF-8, impossible dates."""


def mutate(data: bytes, rng: random.Random, rounds: int = 3) -> bytes:
    """Change ``data`` a few times: flip, insert, delete, repeat, splice, re-encode."""
    for _ in range(rng.randint(1, rounds)):
        if not data:
            data = rng.choice(corpus())
        at = rng.randrange(len(data) + 1)
        kind = rng.randrange(8)
        if kind == 0:  # flip a bit
            if at < len(data):
                data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
        elif kind == 1:  # insert a token
            data = data[:at] + rng.choice(TOKENS) + data[at:]
        elif kind == 2:  # delete a run
            data = data[:at] + data[at + rng.randint(1, 64) :]
        elif kind == 3:  # repeat a run many times (floods)
            run = data[at : at + rng.randint(1, 32)]
            data = data[:at] + run * rng.randint(2, 2000) + data[at:]
        elif kind == 4:  # splice with another seed
            other = rng.choice(corpus())
            cut = rng.randrange(len(other) + 1)
            data = data[:at] + other[cut:]
        elif kind == 5:  # replace a value between quotes or tags
            end = data.find(b"<", at) if rng.random() < 0.5 else data.find(b'"', at)
            if end > at:
                data = data[:at] + rng.choice(TOKENS) + data[end:]
        elif kind == 6:  # re-encode (the encodings an XML parser detects)
            try:
                text = data.decode("utf-8")
                data = text.encode(rng.choice(("utf-16", "utf-16-le", "utf-32", "utf-32-be")))
            except UnicodeDecodeError:
                pass
        else:  # truncate
            data = data[:at]
    return data[: 1024 * 1024 + 16]  # around the size limit, not far beyond it


@dataclass(frozen=True)
class Crash:
    entry: str
    error: str


@cache
def _trust_list() -> kpstandard.TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    data = (ROOT / "examples" / "signed" / "trust-list.xml").read_bytes()
    loaded, findings = kpstandard.load_trust_list(data, anchor=anchor)
    assert loaded is not None, findings
    return loaded


@cache
def _signing() -> tuple[object, object]:
    authority = PKI / "authorities"
    return (
        load_private_key(authority / "BW-MME-DH.key.pem"),
        load_certificate(authority / "BW-MME-DH.cert.pem"),
    )


def _report_entry(call: Callable[[bytes], kpstandard.DocumentReport]) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        report = call(data)
        if any(f.code == "KP-X-001" for f in report.findings):
            raise AssertionError(report.findings[0].message)

    return run


def _raising_entry(call: Callable[[bytes], object]) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        try:
            call(data)
        except kpstandard.InvalidDocumentError as exc:
            if any(f.code == "KP-X-001" for f in exc.findings):
                raise AssertionError(exc.findings[0].message) from exc
        except kpstandard.KPStandardError:
            pass

    return run


def _load_trust_list(data: bytes) -> None:
    anchor = _trust_list().operator
    _, findings = kpstandard.load_trust_list(data, anchor=anchor)
    if any(f.code == "KP-X-001" for f in findings):
        raise AssertionError(findings[0].message)


def _sign(data: bytes) -> object:
    key, certificate = _signing()
    return kpstandard.sign(data, key=key, certificate=certificate)  # type: ignore[arg-type]


ENTRY_POINTS: dict[str, Callable[[bytes], None]] = {
    "validate": _report_entry(kpstandard.validate),
    "verify": _report_entry(lambda d: kpstandard.verify(d, trust_list=_trust_list())),
    "load": _raising_entry(kpstandard.load),
    "convert": _raising_entry(lambda d: kpstandard.convert(d, "xml")),
    "sign": _raising_entry(_sign),
    "load_trust_list": _load_trust_list,
}
"""Every library entry point that reads bytes, with the oracle of its promise."""


def crashes(data: bytes, entries: tuple[str, ...] = tuple(ENTRY_POINTS)) -> list[Crash]:
    """Run ``data`` through the entry points; return how each broke its promise (none: fine)."""
    found = []
    for name in entries:
        try:
            ENTRY_POINTS[name](data)
        except Exception as exc:  # the oracle: any exception here is a broken promise
            found.append(Crash(name, f"{type(exc).__name__}: {exc}"[:500]))
    return found
