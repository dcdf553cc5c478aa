"""``kpcert validate`` encodes a report without findings from a cached tail: the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpstandard.cli import _validate
from kpstandard.findings import DocumentReport, Layer, LayerResult, LayerStatus
from kpstandard.pipeline import validate_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "documents"


def _reports() -> list[DocumentReport]:
    reports = [
        validate_bytes(path.read_bytes(), path=str(path)) for path in sorted(EXAMPLES.iterdir())
    ]
    not_run = LayerResult(Layer.RULES, LayerStatus.NOT_RUN, 'a "reason" with ünïcode')
    reports.append(DocumentReport("xml", None, (), (not_run,), path='odd "näme"\n.xml'))
    reports.append(DocumentReport(None, None, (), (), path=None))
    return reports


@pytest.mark.parametrize("report", _reports(), ids=lambda r: str(r.path))
def test_a_report_without_findings_is_encoded_as_to_json_says(report: DocumentReport) -> None:
    expected = (report.verdict.value, json.dumps(report.to_json(), ensure_ascii=False))
    assert _validate._encoded_without_findings(report) == expected
    assert _validate._encoded_without_findings(report) == expected  # from the cache
