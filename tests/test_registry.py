"""The issuing registry: the SQLite store, record/notice/respond, and ``kpcert registry``."""

from __future__ import annotations

import dataclasses
import datetime
import sqlite3
from pathlib import Path

import pytest

import kpstandard
from kpstandard.cli import main
from kpstandard.findings import Verdict
from kpstandard.registry import RegistryError, SQLiteRegistry, add_notice, record, respond
from kpstandard.registry._sqlite import MIGRATIONS
from tests.test_status import (
    PKI,
    at,
    current,
    notice,
    signed_by,
    trust_list,
)

ROOT = Path(__file__).resolve().parents[1]
SIGNED = ROOT / "examples" / "signed"
ZA = PKI / "authorities" / "ZA-SADPMR"


def test_a_new_file_is_migrated_and_reopened_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "registry.sqlite"
    with SQLiteRegistry(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        record(store, current()[1], now=at("2025-12-30T09:00:00Z"))
    with SQLiteRegistry(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        entry = store.entry(current()[0].certificate_number)
        assert entry is not None
        assert entry.recorded_at == at("2025-12-30T09:00:00Z")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "registry.sqlite"
    SQLiteRegistry(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00Z')")
    with pytest.raises(RegistryError, match="newer"):
        SQLiteRegistry(path)


def test_recording_again_keeps_the_first_instant() -> None:
    store = SQLiteRegistry(":memory:")
    first = record(store, current()[1], now=at("2025-12-30T09:00:00Z"))
    again = record(store, current()[1], now=at("2026-01-05T09:00:00Z"))
    assert again == first


def test_a_number_is_recorded_with_one_digest_only() -> None:
    certificate, data = current()
    store = SQLiteRegistry(":memory:")
    record(store, data, now=at("2025-12-30T09:00:00Z"))
    other = signed_by(
        "ZA-SADPMR", dataclasses.replace(certificate, date_of_expiry=datetime.date(2026, 2, 26))
    )
    with pytest.raises(RegistryError, match="another digest"):
        record(store, other)


def test_notices_follow_the_history() -> None:
    certificate, data = current()
    store = SQLiteRegistry(":memory:")
    entry = record(store, data, now=at("2025-12-30T09:00:00Z"))
    lost = notice(certificate, data, "lost", "2026-01-03T08:00:00Z", number="ZAN1", reason="lost")
    replaced = notice(
        certificate,
        data,
        "replaced",
        "2026-01-04T08:00:00Z",
        number="ZAN2",
        replaced_by="ZA2026000077",
        reason="lost",
    )
    again = notice(
        certificate,
        data,
        "replaced",
        "2026-01-05T08:00:00Z",
        number="ZAN3",
        replaced_by="ZA2026000078",
        reason="lost",
    )
    add_notice(store, kpstandard.dumps(lost, "xml"))
    add_notice(store, kpstandard.dumps(replaced, "xml"))
    add_notice(store, kpstandard.dumps(replaced, "xml"))  # the same notice again: idempotent
    with pytest.raises(RegistryError, match="for good"):
        add_notice(store, kpstandard.dumps(again, "xml"))
    answer = respond(
        store,
        entry.number,
        entry.digest,
        participant="ZA",
        authority=certificate.issuing_authority,
        now=at("2026-01-09T10:00:00Z"),
    )
    assert (answer.status, answer.replaced_by, answer.status_since) == (
        "replaced",
        "ZA2026000077",
        at("2026-01-04T08:00:00Z"),
    )
    assert answer.recorded_at == entry.recorded_at


def test_a_notice_of_another_authority_or_an_unrecorded_certificate_is_refused() -> None:
    certificate, data = current()
    store = SQLiteRegistry(":memory:")
    void = notice(certificate, data, "void", "2026-01-05T08:00:00Z")
    with pytest.raises(RegistryError, match="not recorded"):
        add_notice(store, kpstandard.dumps(void, "xml"))
    record(store, data, now=at("2025-12-30T09:00:00Z"))
    other = notice(certificate, data, "void", "2026-01-05T08:00:00Z", authority="ZA-OTHER")
    with pytest.raises(RegistryError, match="only ZA-SADPMR"):
        add_notice(store, kpstandard.dumps(other, "xml"))


def test_an_unknown_number_or_digest_is_answered_unknown() -> None:
    certificate, data = current()
    store = SQLiteRegistry(":memory:")
    record(store, data, now=at("2025-12-30T09:00:00Z"))
    for number, digest in [
        ("ZA2099000001", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
        (certificate.certificate_number, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
    ]:
        answer = respond(
            store,
            number,
            digest,
            participant="ZA",
            authority=certificate.issuing_authority,
            now=at("2026-01-09T10:00:00Z"),
        )
        assert (answer.status, answer.recorded_at) == ("unknown", None)
        assert kpstandard.validate(kpstandard.dumps(answer, "xml")).verdict is Verdict.VALID


def test_kpcert_registry_answers_and_kpcert_verify_uses_the_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the back-dated certificate of tests/test_status.py, signed with the compromised key
    from tests.test_status import backdated_signed

    certificate = tmp_path / "certificate.xml"
    certificate.write_bytes(backdated_signed())
    db = str(tmp_path / "registry.sqlite")
    trust = [
        "--trust-list",
        str(SIGNED / "trust-list.xml"),
        "--trust-anchor",
        str(PKI / "operator" / "operator.cert.pem"),
    ]
    verify = ["verify", str(certificate), *trust, "--at", "2026-01-10T12:00:00Z"]
    assert main(verify) == 1  # not judged: KP-ST-001
    assert "KP-ST-001" in capsys.readouterr().out
    assert main(["registry", "record", str(certificate), "--db", db]) == 0
    capsys.readouterr()
    response = tmp_path / "response.xml"
    status = [
        "registry",
        "status",
        "ZA2025009901",
        "--certificate",
        str(certificate),
        "--db",
        db,
        "--key",
        f"{ZA}.key.pem",
        "--cert",
        f"{ZA}.cert.pem",
        "--authority",
        "ZA-SADPMR",
        "--authority-name",
        "South African Diamond and Precious Metals Regulator",
        "--answered-at",
        "2026-01-09T10:00:00Z",
        "-o",
        str(response),
    ]
    # recorded now, by this machine's clock: after the answer's instant, so the registry
    # answers "unknown" for 2026-01-09 and the certificate is invalid (KP-ST-005)
    assert main(status) == 0
    assert main([*verify, "--status-evidence", str(response)]) == 1
    assert "KP-ST-005" in capsys.readouterr().out


def test_kpcert_registry_refusals_exit_1(tmp_path: Path) -> None:
    db = str(tmp_path / "registry.sqlite")
    void = SIGNED / "notice-za-in-container-void.xml"
    assert main(["registry", "notice", str(void), "--db", db]) == 1
    assert main(["registry", "record", str(void), "--db", db]) == 1  # not a certificate


def test_the_example_trust_list_is_loaded() -> None:
    assert trust_list() is not None
