"""The rules layer's CPU time per document, beside full validation of the same documents.

Run by hand (never as a timed test):

    python benchmarks/rules.py [--rounds 7] [--repeat 200]

Four groups of the shipped examples (``examples/documents``): the KP Certificates in JSON, the
same in XML, each Import Confirmation (XML) with the certificate it confirms, and the Authority
Trust List (XML). Per group, the rules layer alone (``run_rules`` over the bound document, as the
pipeline calls it) and ``kpstandard.validate`` of the same bytes (input, schema, binding and
rules) run in interleaved rounds in one process; each round measures CPU time
(``time.process_time``) over ``--repeat`` runs of every document. The table gives the median of
the rounds in microseconds per document and the rules layer's share of full validation.

To compare two versions, run this script in each checkout alternately (A B A B ...) and compare
the medians; the share column is measured within one run, so it is comparable across machines.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import kpstandard
from kpstandard.codelists import default_codelists
from kpstandard.model.meta import default_model
from kpstandard.validation.rules import Context, run_rules

DOCUMENTS = Path(__file__).resolve().parent.parent / "examples" / "documents"


def _rules_call(data: bytes, certificate: bytes | None = None) -> Callable[[], object]:
    """A call that runs the rules layer over the document ``data`` binds to."""
    document = kpstandard.load(data)
    document_type = default_model().document(type(document).__name__)
    syntax = "json" if data.lstrip().startswith(b"{") else "xml"
    context = Context(
        codelists=default_codelists(),
        certificate=kpstandard.load(certificate) if certificate is not None else None,
        certificate_bytes=certificate,
    )
    findings, layer = run_rules(document_type, document, syntax, context)
    assert not findings, findings
    assert layer.status.value == "passed", layer
    return lambda: run_rules(document_type, document, syntax, context)


def _validate_call(data: bytes, certificate: bytes | None = None) -> Callable[[], object]:
    assert kpstandard.validate(data, certificate=certificate).valid
    return lambda: kpstandard.validate(data, certificate=certificate)


def groups() -> dict[str, list[tuple[bytes, bytes | None]]]:
    """The example documents of each group, with the certificate a confirmation confirms."""
    certificates = sorted(
        p for p in DOCUMENTS.iterdir() if not p.name.startswith(("ic-", "trust-list"))
    )
    confirmations = sorted(DOCUMENTS.glob("ic-*.xml"))
    return {
        "certificate json": [(p.read_bytes(), None) for p in certificates if p.suffix == ".json"],
        "certificate xml": [(p.read_bytes(), None) for p in certificates if p.suffix == ".xml"],
        "confirmation + cert": [
            (p.read_bytes(), (DOCUMENTS / p.name.removeprefix("ic-")).read_bytes())
            for p in confirmations
        ],
        "trust list xml": [((DOCUMENTS / "trust-list.xml").read_bytes(), None)],
    }


def _per_document(calls: list[Callable[[], object]], repeat: int) -> float:
    """CPU microseconds per document for one round over ``calls``."""
    started = time.process_time()
    for _ in range(repeat):
        for call in calls:
            call()
    return (time.process_time() - started) / (repeat * len(calls)) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    measured = {
        name: (
            [_rules_call(*item) for item in items],
            [_validate_call(*item) for item in items],
        )
        for name, items in groups().items()
    }
    samples: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):  # interleaved: every group and both paths in every round
        for name, (rules, full) in measured.items():
            samples.setdefault((name, "rules"), []).append(_per_document(rules, args.repeat))
            samples.setdefault((name, "full"), []).append(_per_document(full, args.repeat // 4))
    print(f"CPU µs per document, median of {args.rounds} interleaved rounds")
    print(f"{'group':<22}{'rules layer':>12}{'validate':>10}{'rules share':>13}")
    for name in measured:
        rules = statistics.median(samples[(name, "rules")])
        full = statistics.median(samples[(name, "full")])
        print(f"{name:<22}{rules:>12.1f}{full:>10.1f}{rules / full:>12.0%}")


if __name__ == "__main__":
    main()
