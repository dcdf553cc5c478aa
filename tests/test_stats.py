"""``kpcert stats`` and ``kpstandard._stats``: Annex III trade figures from certificates (Technical
Annex Article 19, KP-REQ-125), summed in exact decimals."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from kpstandard._stats import TradeRow, quarter_of, trade_statistics
from kpstandard.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "documents"


def _documents(*names: str) -> list[tuple[str, bytes | None]]:
    return [(name, (EXAMPLES / name).read_bytes()) for name in names]


def test_quarters() -> None:
    import datetime

    assert quarter_of(datetime.date(2024, 3, 31)) == "2024-Q1"
    assert quarter_of(datetime.date(2024, 4, 1)) == "2024-Q2"
    assert quarter_of(datetime.date(2024, 12, 31)) == "2024-Q4"


def test_a_certificate_in_both_syntaxes_counts_once() -> None:
    statistics = trade_statistics(_documents("gb-us-after-brexit.json", "gb-us-after-brexit.xml"))
    assert statistics.counted == 1
    assert statistics.complete
    assert statistics.rows == (
        TradeRow("2025-Q4", "GB", "US", "7102.31", Decimal("262.35"), Decimal("798906.00"), 1),
    )
    assert [s.reason for s in statistics.skipped] == [
        "the same certificate as gb-us-after-brexit.json"
    ]


def test_replaced_and_void_certificates_do_not_count() -> None:
    statistics = trade_statistics(
        _documents(
            "za-ae-original.json",
            "za-ae-replacement.json",
            "za-in-container.json",
            "notice-za-in-container-void.json",
        )
    )
    assert statistics.counted == 1
    assert statistics.complete
    reasons = {s.path: s.reason for s in statistics.skipped}
    assert reasons == {
        "za-ae-original.json": "replaced by za-ae-replacement.json",
        "za-in-container.json": "void by the notice notice-za-in-container-void.json",
    }


def test_sums_are_exact_decimals_per_quarter_pair_and_hs_code(tmp_path: Path) -> None:
    """Two certificates of one pair and quarter: their lines add up without a binary float."""
    first = json.loads((EXAMPLES / "gb-us-after-brexit.json").read_text("utf-8"))
    second = json.loads(json.dumps(first))
    second["certificateNumber"] = "GB0008232"
    statistics = trade_statistics(
        [
            ("a.json", json.dumps(first).encode()),
            ("b.json", json.dumps(second).encode()),
        ]
    )
    assert statistics.rows == (
        TradeRow("2025-Q4", "GB", "US", "7102.31", Decimal("524.70"), Decimal("1597812.00"), 2),
    )


def test_invalid_unreadable_and_conflicting_documents_are_left_out_with_their_reasons() -> None:
    original = (EXAMPLES / "gb-us-after-brexit.json").read_bytes()
    other = json.loads(original)
    other["importer"]["name"]["en"] = "Someone Else Inc."
    statistics = trade_statistics(
        [
            ("good.json", original),
            ("other.json", json.dumps(other).encode()),
            ("truncated.json", original[:100]),
            ("gone.json", None),
        ]
    )
    assert statistics.counted == 1
    assert not statistics.complete
    assert [(s.path, s.reason, s.codes) for s in statistics.skipped] == [
        ("other.json", "another certificate under the number of good.json", ()),
        ("truncated.json", "invalid", ("KP-P-003",)),
        ("gone.json", "unreadable", ()),
    ]


def test_the_command_writes_json_and_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "certificates"
    folder.mkdir()
    for name in ("gb-us-after-brexit.json", "gb-us-after-brexit.xml", "ca-ae-french.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    assert main(["stats", str(folder)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["certificates"] == 2
    assert report["signatures"] == "not verified"
    assert {"quarter": "2025-Q4", "exportingParticipant": "GB", "importingParticipant": "US",
            "hsCode": "7102.31", "carats": "262.35", "valueUsd": "798906.00",
            "certificates": 1} in report["rows"]  # fmt: skip
    assert main(["stats", "--format", "csv", str(folder)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "quarter",
        "exporting_participant",
        "importing_participant",
        "hs_code",
        "carats",
        "value_usd",
        "certificates",
    ]
    assert ["2025-Q4", "GB", "US", "7102.31", "262.35", "798906.00", "1"] in rows


def test_the_command_exits_1_when_a_document_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.json").write_text("{", "utf-8")
    shutil.copy(EXAMPLES / "ca-ae-french.json", tmp_path / "ca-ae-french.json")
    assert main(["stats", "--format", "csv", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "bad.json: not counted, invalid (KP-P-003)" in captured.err
    assert main(["stats", str(tmp_path / "nothing")]) == 2
