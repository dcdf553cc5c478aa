"""The adapters for implementations that are not ours speak the protocol cleanly: the Node.js
example passes the schema area for XML, and the xmllint-xmlsec1 one runs the whole suite without a
crash, a timeout or a protocol error (what it fails is what plain XSD validation and plain XMLDSig
verification miss)."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kpstandard.conformance._report import parse_report
from kpstandard.conformance._runner import RunOptions, run_suite
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance._transport import StdioTransport

ADAPTERS = Path(__file__).resolve().parents[1] / "examples" / "adapters"
needs_xmllint = pytest.mark.skipif(shutil.which("xmllint") is None, reason="needs xmllint")


def _records(command: str, areas: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    stream = io.StringIO()
    run_suite(
        load_suite(default_suite_dir()), StdioTransport(command), stream, RunOptions(areas=areas)
    )
    report = parse_report(stream.getvalue().splitlines())
    assert "aborted" not in report.footer
    return list(report.records)


def _grades(command: str, areas: tuple[str, ...] | None = None) -> Counter[str]:
    return Counter(r["grade"] for r in _records(command, areas))


@needs_xmllint
@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_node_example_passes_the_schema_area_for_xml() -> None:
    grades = _grades(f"node {ADAPTERS / 'node-minimal' / 'adapter.js'}", areas=("schema",))
    assert set(grades) == {"pass", "not-applicable"}  # the JSON tests: it declares XML only
    assert grades["pass"] > 70


@needs_xmllint
@pytest.mark.skipif(shutil.which("xmlsec1") is None, reason="needs xmlsec1")
def test_the_xmllint_xmlsec1_adapter_runs_the_suite_cleanly() -> None:
    records = _records(f"python3 {ADAPTERS / 'xmllint-xmlsec1' / 'adapter.py'}")
    grades = Counter(r["grade"] for r in records)
    assert not {"crashed", "timeout", "protocol-error", "errored"} & set(grades)
    assert grades["pass"] > 150
    assert grades["fail"] > 80  # the business rules, the signature profile, the trust list
    verifier = {r["name"]: r["grade"] for r in records if r["role"] == "verifier"}
    assert verifier["signed-bw-eu-unmixed"] == "pass"
    assert verifier["tampered-importer"] == "pass"  # XMLDSig catches an altered document
    assert verifier["rsa-sha1"] == "fail"  # but not a forbidden algorithm
    assert verifier["rogue-signer"] == "fail"  # nor a signer the trust list does not know
