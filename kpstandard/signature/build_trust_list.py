"""Building an Authority Trust List from a description that names certificate files.

The description is the trust list's own JSON form (see spec/json/authority-trust-list.schema.json)
written in YAML or JSON, where a certificate entry may give ``file: path/to/cert.pem`` instead of
``certificate``; paths are relative to the description's folder. The result is an unsigned trust
list document: sign it with the operator's key (``kpcert trust-list sign``).
"""

from __future__ import annotations

import base64
import datetime
import json
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard._api import dumps, load
from kpstandard.errors import KPStandardError
from kpstandard.signature.keys import load_certificate
from kpstandard.syntax._plan import text_of

__all__ = ["build_trust_list"]


def _instant(value: datetime.datetime) -> str:
    """The DateTime spelling of the standard (the same as the syntaxes write)."""
    return text_of("datetime", value)


def _resolve(entry: dict[str, Any], base: Path) -> dict[str, Any]:
    entry = dict(entry)
    file = entry.pop("file", None)
    if file is not None:
        certificate = load_certificate(base / str(file))
        entry["certificate"] = base64.b64encode(certificate.public_bytes(Encoding.DER)).decode()
        entry.setdefault("validFrom", _instant(certificate.not_valid_before_utc))
        entry.setdefault("statusHistory", [{"status": "granted", "since": entry["validFrom"]}])
    return entry


def build_trust_list(description: Path, syntax: str = "xml") -> bytes:
    """Build an unsigned trust list (XML by default) from a YAML or JSON description.

    Raises:
        KPStandardError: the description cannot be read or names a missing certificate file.
        InvalidDocumentError: the result is not a valid trust list.
    """
    try:
        raw = yaml.safe_load(description.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KPStandardError(f"cannot read {description}: {exc}") from exc
    raw = {"documentType": "authority-trust-list", **raw}
    for participant in raw.get("participants", []):
        for authority in participant.get("authorities", []):
            authority["certificates"] = [
                _resolve(entry, description.parent) for entry in authority.get("certificates", [])
            ]
    document = load(json.dumps(raw, default=_instant).encode())
    return dumps(document, syntax)  # type: ignore[arg-type]
