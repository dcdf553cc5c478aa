"""Make the exchange demo's inputs: a trust list naming two nodes, and fresh signed documents.

TEST ONLY: it signs with the public keys of examples/pki. Run from anywhere:

    python examples/exchange/make_demo.py [--out DIR] [--bw-port 8701] [--eu-port 8702] [--count N]

It writes into DIR (default: examples/exchange/demo/): ``trust-list.xml`` (the example list plus
an exchange node for BW-MME-DH and EU-BE-FPSECO-DO on loopback, signed by the test operator),
``bw.toml`` and ``eu.toml`` (one node each), ``certificate-1.xml``... (KP Certificates of BW for
the EU, dated today) and ``confirmation-1.xml`` (the EU's import confirmation of the first one).
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime
import hashlib
import json
from pathlib import Path

import yaml

import kpstandard
from kpstandard.pipeline import build_trust_list
from kpstandard.signature.keys import load_certificate, load_private_key

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent
PKI = EXAMPLES / "pki"


def _cert_b64(name: str) -> str:
    pem = (PKI / "authorities" / f"{name}.cert.pem").read_bytes()
    return base64.b64encode(load_certificate(pem).public_bytes(_der())).decode("ascii")


def _der():  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def trust_list(out: Path, bw_port: int, eu_port: int, host: str = "127.0.0.1") -> Path:
    description = yaml.safe_load((PKI / "trust-list.yaml").read_text("utf-8"))
    nodes = {
        ("BW", "BW-MME-DH"): (f"http://{host}:{bw_port}", "BW-MME-DH"),
        ("EU", "EU-BE-FPSECO-DO"): (f"http://{host}:{eu_port}", "EU-BE-FPSECO-DO"),
    }
    for participant in description["participants"]:
        for authority in participant["authorities"]:
            for cert in authority["certificates"]:  # make `file:` paths absolute
                if "file" in cert:
                    cert["file"] = str(PKI / cert["file"])
            found = nodes.get((participant["code"], authority["identifier"]))
            if found:
                authority["exchangeNodes"] = [
                    {"endpoint": found[0], "certificates": [_cert_b64(found[1])]}
                ]
    source = out / "trust-list.yaml"
    source.write_text(yaml.safe_dump(description, sort_keys=False), "utf-8")
    unsigned = build_trust_list(source, "xml")
    signed = kpstandard.sign(
        unsigned,
        key=load_private_key(PKI / "operator" / "operator.key.pem"),
        certificate=load_certificate(PKI / "operator" / "operator.cert.pem"),
    )
    (out / "trust-list.xml").write_bytes(signed)
    return out / "trust-list.xml"


def config(
    out: Path, name: str, authority: str, title: str, port: int, database: str, extra: str = ""
) -> Path:
    key = PKI / "authorities" / f"{authority.split('/')[1]}"
    text = f"""# A node of the exchange demo (TEST KEYS ONLY).
[node]
authority = "{authority}"
name = "{title}"
listen = "127.0.0.1:{port}"
database = "{database}"
trust_list = "trust-list.xml"
trust_anchor = "{PKI / "operator" / "operator.cert.pem"}"
key = "{key}.key.pem"
certificate = "{key}.cert.pem"
retry_base = 0.2
retry_max = 2.0
{extra}"""
    path = out / f"{name}.toml"
    path.write_text(text, "utf-8")
    return path


def certificates(out: Path, count: int, today: datetime.date, prefix: str = "BW9") -> list[Path]:
    template = json.loads((EXAMPLES / "documents" / "bw-eu-unmixed.json").read_text("utf-8"))
    key = load_private_key(PKI / "authorities" / "BW-MME-DH.key.pem")
    cert = load_certificate(PKI / "authorities" / "BW-MME-DH.cert.pem")
    paths = []
    for n in range(1, count + 1):
        document = copy.deepcopy(template)
        document["certificateNumber"] = f"{prefix}{today:%y%m%d}{n:06d}"
        document["dateOfIssue"] = today.isoformat()
        document["dateOfExpiry"] = (today + datetime.timedelta(days=60)).isoformat()
        signed = kpstandard.sign(json.dumps(document).encode(), key=key, certificate=cert)
        path = out / f"certificate-{n}.xml"
        path.write_bytes(signed)
        paths.append(path)
    return paths


def confirmation(out: Path, certificate: Path, today: datetime.date) -> Path:
    signed_certificate = certificate.read_bytes()
    number = kpstandard.load(signed_certificate).certificate_number
    document = json.loads((EXAMPLES / "documents" / "ic-bw-eu-unmixed.json").read_text("utf-8"))
    document["confirmationNumber"] = f"EUIC{today:%y%m%d}01"
    document["certificate"]["number"] = number
    document["certificate"]["dateOfIssue"] = today.isoformat()
    document["certificate"]["digest"]["value"] = base64.b64encode(
        hashlib.sha256(signed_certificate).digest()
    ).decode("ascii")
    document["dateOfReceipt"] = today.isoformat()
    signed = kpstandard.sign(
        json.dumps(document).encode(),
        key=load_private_key(PKI / "authorities" / "EU-BE-FPSECO-DO.key.pem"),
        certificate=load_certificate(PKI / "authorities" / "EU-BE-FPSECO-DO.cert.pem"),
        confirms=signed_certificate,
    )
    path = out / "confirmation-1.xml"
    path.write_bytes(signed)
    return path


def make(
    out: Path,
    *,
    bw_port: int = 8701,
    eu_port: int = 8702,
    count: int = 1,
    bw_database: str = "bw-node.sqlite",
    eu_database: str = "eu-node.sqlite",
    extra: str = "",
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    today = datetime.datetime.now(datetime.UTC).date()
    made = {"trust_list": trust_list(out, bw_port, eu_port)}
    made["bw"] = config(
        out, "bw", "BW/BW-MME-DH", "Botswana Diamond Hub (test)", bw_port, bw_database, extra
    )
    made["eu"] = config(
        out,
        "eu",
        "EU/EU-BE-FPSECO-DO",
        "EU Authority in Antwerp (test)",
        eu_port,
        eu_database,
        extra,
    )
    paths = certificates(out, count, today)
    made["certificate"] = paths[0]
    made["confirmation"] = confirmation(out, paths[0], today)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "demo")
    parser.add_argument("--bw-port", type=int, default=8701)
    parser.add_argument("--eu-port", type=int, default=8702)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    made = make(args.out, bw_port=args.bw_port, eu_port=args.eu_port, count=args.count)
    for name, path in made.items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
