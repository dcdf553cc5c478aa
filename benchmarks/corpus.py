"""Generated documents for benchmarks: realistic, varied, valid, made on the fly (never stored)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from decimal import Decimal

import kpstandard
from kpstandard.model import (
    Authority,
    KPCertificate,
    Origin,
    Party,
    Shipment,
    ShipmentLine,
    ShipmentTotals,
    Validation,
)

TITLE = {
    "en": "Kimberley Process Certificate",
    "fr": "Certificat du Processus de Kimberley",
    "ru": "Сертификат Кимберлийского процесса",
}
STATEMENT = {
    "en": "The rough diamonds in this shipment have been handled in accordance with the "
    "provisions of the Kimberley Process Certification Scheme for rough diamonds",
    "fr": "Les diamants bruts de cette expédition ont été traités conformément aux dispositions "
    "du système de certification du Processus de Kimberley pour les diamants bruts",
}
ROUTES = [("BW", "EU"), ("EU", "AE"), ("ZA", "IN"), ("RU", "AE"), ("AE", "IN"), ("CA", "EU")]
HS = ["7102.10", "7102.21", "7102.31"]
MINED = {"BW": "BW", "ZA": "ZA", "RU": "RU", "CA": "CA"}
"""Where an exporter's unmixed parcels were mined (the EU and the UAE trade, they do not mine)."""


def certificate(index: int, rng: random.Random) -> KPCertificate:
    """One valid certificate (business rules included) with 1 to 6 lines, about 3 KB."""
    exporting, importing = ROUTES[index % len(ROUTES)]
    lines = []
    for _ in range(rng.randint(1, 6)):
        mixed = rng.random() < 0.3
        lines.append(
            ShipmentLine(
                hs_code=rng.choice(HS),
                origin=Origin(mixed=True)
                if mixed
                else Origin(countries=(MINED.get(exporting, "BW"),)),
                carats=Decimal(rng.randint(1, 10_000_000)) / 100,
                value_usd=Decimal(rng.randint(100, 1_000_000_000)) / 100,
                parcels=rng.randint(1, 20),
            )
        )
    issued = datetime.date(2025, 1, 1) + datetime.timedelta(days=index % 600)
    return KPCertificate(
        spec_version="1.0",
        certificate_number=f"{exporting}{index:08d}",
        title=TITLE,
        statement=STATEMENT,
        status="original",
        exporting_participant=exporting,
        importing_participant=importing,
        date_of_issue=issued,
        date_of_expiry=issued + datetime.timedelta(days=55),
        issuing_authority=Authority(
            name={"en": f"{exporting} Diamond Authority"}, identifier=f"{exporting}-KPA"
        ),
        exporter=Party(
            name={"en": f"Exporter {index % 97} Ltd"},
            address={"en": f"{index % 500} Mine Road"},
            country=exporting if exporting != "EU" else "BE",
            licence_number=f"LIC-{index % 10_000}",
        ),
        importer=Party(
            name={"en": f"Importer {index % 89} LLC"},
            address={"en": f"{index % 300} Diamond Street"},
            country=importing if importing != "EU" else "BE",
        ),
        shipment=Shipment(
            lines=tuple(lines),
            totals=ShipmentTotals(
                carats=sum((line.carats for line in lines), Decimal(0)),
                value_usd=sum((line.value_usd for line in lines), Decimal(0)),
                parcels=sum(line.parcels for line in lines),
            ),
            security_bags=(f"SB-{index:07d}",),
        ),
        validation=Validation(officer_name="A. Officer", place="Capital"),
    )


def documents(count: int, syntax: str, seed: int = 7) -> Iterator[bytes]:
    """Yield ``count`` serialized certificates, one at a time (memory stays flat)."""
    rng = random.Random(seed)
    for index in range(count):
        yield kpstandard.dumps(certificate(index, rng), syntax)  # type: ignore[arg-type]
