"""Shared fixtures: a valid certificate and import confirmation built with the library's classes;
and the Hypothesis profiles of the property tests.

Profiles: ``fast`` (the default: every property runs, on fewer examples, so the README's test
command stays within minutes on two cores) and ``long`` (many more examples; CI runs the property
tests with it). Choose with ``pytest --hypothesis-profile=long`` or ``HYPOTHESIS_PROFILE=long``.
The property modules set no example count of their own, only their deadline and health checks.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import settings

from kpstandard.model import (
    Authority,
    CertificateReference,
    Digest,
    ImportConfirmation,
    KPCertificate,
    Origin,
    Party,
    ReceivedLine,
    Shipment,
    ShipmentLine,
    ShipmentTotals,
    Validation,
)

# Every example runs parsers and schema validators on documents of up to a megabyte: the time per
# example varies too much for a deadline to mean anything (hangs are caught by an alarm instead).
settings.register_profile("fast", max_examples=25, deadline=None)
settings.register_profile("long", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

TITLE = "Kimberley Process Certificate"
STATEMENT = (
    "The rough diamonds in this shipment have been handled in accordance with the provisions of "
    "the Kimberley Process Certification Scheme for rough diamonds"
)


def make_certificate() -> KPCertificate:
    """A valid certificate from Botswana to the EU with two lines, one of mixed origin."""
    return KPCertificate(
        spec_version="1.0",
        certificate_number="BW0001234",
        title={"en": TITLE},
        statement={"en": STATEMENT},
        status="original",
        exporting_participant="BW",
        importing_participant="EU",
        date_of_issue=datetime.date(2026, 3, 2),
        date_of_expiry=datetime.date(2026, 5, 1),
        issuing_authority=Authority(
            name={"en": "Ministry of Minerals and Energy, Diamond Hub"}, identifier="BW-MME"
        ),
        exporter=Party(
            name={"en": "Okavango Diamond Company"},
            address={"en": "Plot 63016, Gaborone"},
            country="BW",
            licence_number="BW-LIC-2024/117",
        ),
        importer=Party(
            name={"en": "Antwerp Rough NV"},
            address={"en": "Hoveniersstraat 2, Antwerp"},
            country="BE",
        ),
        shipment=Shipment(
            lines=(
                ShipmentLine(
                    hs_code="7102.10",
                    origin=Origin(countries=("BW",)),
                    carats=Decimal("1520.45"),
                    value_usd=Decimal("2450000.00"),
                    parcels=3,
                ),
                ShipmentLine(
                    hs_code="7102.31",
                    origin=Origin(mixed=True),
                    carats=Decimal("10.50"),
                    value_usd=Decimal("52000.00"),
                    parcels=1,
                ),
            ),
            totals=ShipmentTotals(
                carats=Decimal("1530.95"), value_usd=Decimal("2502000.00"), parcels=4
            ),
            security_bags=("SB-000981",),
        ),
        validation=Validation(officer_name="K. Molefe"),
    )


def make_confirmation() -> ImportConfirmation:
    """A valid import confirmation of :func:`make_certificate`."""
    return ImportConfirmation(
        spec_version="1.0",
        confirmation_number="EU2026000077",
        certificate=CertificateReference(
            number="BW0001234",
            exporting_participant="BW",
            date_of_issue=datetime.date(2026, 3, 2),
            digest=Digest(
                algorithm="http://www.w3.org/2001/04/xmlenc#sha256",
                value="47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            ),
        ),
        importing_participant="EU",
        importing_authority=Authority(
            name={"en": "FPS Economy, Diamond Office", "nl": "FOD Economie, Diamantkantoor"},
            identifier="EU-BE-FPS",
        ),
        exporter=Party(
            name={"en": "Okavango Diamond Company"},
            address={"en": "Plot 63016, Gaborone"},
            country="BW",
        ),
        importer=Party(
            name={"en": "Antwerp Rough NV"},
            address={"en": "Hoveniersstraat 2, Antwerp"},
            country="BE",
        ),
        lines=(
            ReceivedLine(
                hs_code="7102.10",
                carats=Decimal("1520.45"),
                value_usd=Decimal("2450000.00"),
                parcels=3,
            ),
            ReceivedLine(
                hs_code="7102.31", carats=Decimal("10.50"), value_usd=Decimal("52000.00"), parcels=1
            ),
        ),
        totals=ShipmentTotals(
            carats=Decimal("1530.95"), value_usd=Decimal("2502000.00"), parcels=4
        ),
        date_of_receipt=datetime.date(2026, 3, 9),
        authentication=Validation(officer_name="J. Peeters"),
    )


@pytest.fixture
def certificate() -> KPCertificate:
    return make_certificate()


@pytest.fixture
def confirmation() -> ImportConfirmation:
    return make_confirmation()


@pytest.fixture
def reference_service() -> Iterator[str]:
    """The reference implementation's adapter served on a free loopback port; yields the URL it
    says to give `kpcert conformance run --url` (ending in /conformance)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kpstandard.cli",
            "conformance",
            "adapter",
            "--listen",
            "127.0.0.1:0",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        match = re.search(r"--url (http://127\.0\.0\.1:\d+/conformance)", line)
        assert match, line
        yield match.group(1)
    finally:
        process.kill()
        process.wait(timeout=10)
