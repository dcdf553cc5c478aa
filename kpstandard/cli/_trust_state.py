"""The verifier's memory of trust lists: never go back to an older list than one accepted.

A trust list that predates a revocation is still signed by the operator and may still be in
force; a verifier that accepted a newer issue must refuse it [KP-REQ-044]. ``--min-sequence N``
states the lowest issue by hand; ``--state-file PATH`` keeps, per list operator (the SHA-256
fingerprint of the pinned operator certificate), the highest issue accepted so far, in a small
JSON file written atomically (a temporary file in the same folder, then a rename), created when
missing::

    {"format": "kpcert-trust-state", "version": 1,
     "operators": {"<sha256 hex>": {"sequence": 7, "acceptedAt": "2026-03-02T10:00:00+00:00"}}}

A state file that cannot be read or understood is a usage error, never silently reset: forgetting
the state would let an older list back in.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard.cli._common import UsageError, read_limited

FORMAT = "kpcert-trust-state"
VERSION = 1
STATE_LIMIT = 1024 * 1024
"""The most bytes read of a state file (it holds one small entry per list operator)."""


def fingerprint(certificate: x509.Certificate) -> str:
    """The SHA-256 fingerprint of a certificate's DER bytes, lower-case hex."""
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def load_state(path: str) -> dict[str, Any]:
    """The state file's content; an empty state when the file does not exist yet.

    Raises:
        UsageError: the file exists but cannot be read or is not a state file.
    """
    if not os.path.lexists(path):
        return {"format": FORMAT, "version": VERSION, "operators": {}}
    data = read_limited(path, limit=STATE_LIMIT)
    if len(data) > STATE_LIMIT:
        raise UsageError(f"the state file {path} is larger than {STATE_LIMIT} bytes")
    try:
        state = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"the state file {path} is not JSON: {exc}") from exc
    operators = state.get("operators") if isinstance(state, dict) else None
    if (
        not isinstance(state, dict)
        or state.get("format") != FORMAT
        or state.get("version") != VERSION
        or not isinstance(operators, dict)
        or not all(
            isinstance(entry, dict)
            and isinstance(entry.get("sequence"), int)
            and not isinstance(entry.get("sequence"), bool)
            for entry in operators.values()
        )
    ):
        raise UsageError(
            f"the state file {path} is not a kpcert trust-list state file "
            f'(expected {{"format": "{FORMAT}", "version": {VERSION}, "operators": {{...}}}})'
        )
    return state


def accepted_sequence(state: dict[str, Any], operator: x509.Certificate) -> int | None:
    """The highest issue of this operator's list accepted so far, if any."""
    entry = state["operators"].get(fingerprint(operator))
    return None if entry is None else int(entry["sequence"])


def record(path: str, state: dict[str, Any], operator: x509.Certificate, sequence: int) -> None:
    """Remember that issue ``sequence`` was accepted (when it is newer), atomically.

    Raises:
        UsageError: the file cannot be written.
    """
    key = fingerprint(operator)
    known = state["operators"].get(key)
    if known is not None and known["sequence"] >= sequence:
        return
    state["operators"][key] = {
        "sequence": sequence,
        "acceptedAt": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    text = json.dumps(state, indent=2, sort_keys=True) + "\n"
    target = Path(path)
    temporary: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as handle:
            temporary = handle.name
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise UsageError(f"cannot write the state file {path}: {exc.strerror or exc}") from exc
