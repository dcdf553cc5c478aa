"""The adapters for implementations that are not ours speak the protocol cleanly: the Node.js
example passes the schema area for XML, and the xmllint one runs the whole suite without a crash,
a timeout or a protocol error (what it fails is what plain XSD validation misses)."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kpstandard.conformance._report import parse_report
from kpstandard.conformance._runner import RunOptions, run_suite
from kpstandard.conformance._suite import default_suite_dir, load_suite
from kpstandard.conformance._transport import StdioTransport

ADAPTERS = Path(__file__).resolve().parents[1] / "examples" / "adapters"
needs_xmllint = pytest.mark.skipif(shutil.which("xmllint") is None, reason="needs xmllint")


def _grades(command: str, areas: tuple[str, ...] | None = None) -> Counter[str]:
    stream = io.StringIO()
    run_suite(
        load_suite(default_suite_dir()), StdioTransport(command), stream, RunOptions(areas=areas)
    )
    report = parse_report(stream.getvalue().splitlines())
    assert "aborted" not in report.footer
    return Counter(r["grade"] for r in report.records)


@needs_xmllint
@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_node_example_passes_the_schema_area_for_xml() -> None:
    grades = _grades(f"node {ADAPTERS / 'node-minimal' / 'adapter.js'}", areas=("schema",))
    assert set(grades) == {"pass", "not-applicable"}  # the JSON tests: it declares XML only
    assert grades["pass"] > 70


@needs_xmllint
def test_the_xmllint_adapter_runs_the_suite_cleanly() -> None:
    grades = _grades(f"python3 {ADAPTERS / 'xmllint-xmlsec1' / 'adapter.py'}")
    assert not {"crashed", "timeout", "protocol-error", "errored"} & set(grades)
    assert grades["pass"] > 100
    assert grades["fail"] > 50  # the business rules, which an XSD cannot check
