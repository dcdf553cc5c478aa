"""The worst case (issue 9): adversarial inputs up to 1 MiB through every entry point.

Run by hand (never as a timed test), usually through ``python benchmarks/run.py``:

    python benchmarks/worst_case.py [--timeout SECONDS] [--all]

Builds hostile inputs of up to 1 MiB (namespace floods on one element and spread, in UTF-8,
UTF-16 and UTF-32 with and without a byte-order mark; nesting just under, at and over the depth
limit and as deep as 1 MiB allows; many attributes; many elements; long text; JSON duplicate
members and deep arrays; 5,000-digit numbers; many lone surrogates; many signatures; huge base64
in KeyInfo; a signed 1 MiB trust list ...) and runs each through every entry point:
``validate``, ``verify``, ``load``, ``convert``, ``sign``, ``load_trust_list`` (in a child
process per entry point, so that a hang is cut at ``--timeout`` and reported, not waited for) and
``kpcert validate FILE`` (a subprocess per input; its start-up, measured on a small valid file, is
subtracted). Prints the slowest input per entry point, and flags every input over 1 s of CPU
(CPU time, so that other processes on the machine do not count) and every entry point that
raised instead of answering.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PKI = EXAMPLES / "pki"
MIB = 1024 * 1024
LIMIT = 1.0
"""CPU seconds over which an input is flagged (issue 9: no input of up to 1 MiB over 1 s)."""
ENTRY_POINTS = ("validate", "verify", "load", "convert", "sign", "load_trust_list")
DS = "http://www.w3.org/2000/09/xmldsig#"


# --- inputs ----------------------------------------------------------------------------------


def _fill(head: str, unit: Callable[[int], str], tail: str, budget: int, width: int = 1) -> str:
    """``head`` + ``unit(0)`` + ``unit(1)`` ... + ``tail``, at most ``budget`` bytes at ``width``
    bytes per character (a BOM's bytes come out of the budget by the caller)."""
    chars = budget // width - len(head) - len(tail)
    parts, size, index = [], 0, 0
    while True:
        piece = unit(index)
        if size + len(piece) > chars:
            break
        parts.append(piece)
        size += len(piece)
        index += 1
    return head + "".join(parts) + tail


ENCODINGS = {  # name: (codec, bytes per character, byte-order mark)
    "utf8": ("utf-8", 1, b""),
    "utf16le": ("utf-16-le", 2, b""),
    "utf16be": ("utf-16-be", 2, b""),
    "utf16bom": ("utf-16-le", 2, b"\xff\xfe"),
    "utf32le": ("utf-32-le", 4, b""),
    "utf32be": ("utf-32-be", 4, b""),
    "utf32bom": ("utf-32-le", 4, b"\xff\xfe\x00\x00"),
}


def _encoded(head: str, unit: Callable[[int], str], tail: str, encoding: str) -> bytes:
    codec, width, bom = ENCODINGS[encoding]
    text = _fill(head, unit, tail, MIB - len(bom), width)
    return bom + text.encode(codec)


def _example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def _inside_valid(document: bytes, old: bytes, new: bytes) -> bytes:
    """``document`` with ``old`` replaced once by ``new``, grown until it is about 1 MiB."""
    room = MIB - len(document) + len(old)
    return document.replace(old, new[: max(room, 0)] if len(new) > room else new, 1)


def xml_inputs() -> Iterator[tuple[str, bytes]]:
    for encoding in ENCODINGS:
        yield (
            f"xml ns flood, one element, {encoding}",
            _encoded("<a ", lambda i: f'xmlns:p{i}="u" ', "/>", encoding),
        )
    for encoding in ("utf8", "utf16le", "utf32be"):
        yield (
            f"xml ns flood, spread over elements, {encoding}",
            _encoded("<a>", lambda i: f'<b xmlns:p{i}="u"/>', "</a>", encoding),
        )
    yield (
        "xml ns flood, nested elements",
        _fill("", lambda i: f'<b xmlns:p{i}="u">', "", MIB).encode(),
    )
    certificate = _example("documents/bw-eu-unmixed.xml")
    flood = " ".join(f'xmlns:p{i}="u"' for i in range(60_000)).encode()
    yield (
        "xml ns-flood text in a comment of a valid document",
        _inside_valid(
            certificate,
            b"<SpecVersion>",
            b"<!-- <a " + flood[: MIB - len(certificate) - 40] + b" --><SpecVersion>",
        ),
    )
    yield (
        "xml ns-flood text in a CDATA value of a valid document",
        _inside_valid(
            certificate,
            b'<Name xml:lang="en">Scheldt',
            b'<Name xml:lang="en"><![CDATA[<a '
            + flood[: MIB - len(certificate) - 60]
            + b"]]>Scheldt",
        ),
    )
    for depth in (31, 32, 33):
        yield f"xml depth {depth}", ("<a>" * depth + "</a>" * depth).encode()
    depth = MIB // 7
    yield "xml depth as deep as 1 MiB allows", ("<a>" * depth + "</a>" * depth).encode()
    yield "xml 1 MiB of open tags", b"<a>" * (MIB // 3)
    yield "xml many attributes", _encoded("<a ", lambda i: f'a{i}="" ', "/>", "utf8")
    yield "xml many attributes, utf16le", _encoded("<a ", lambda i: f'a{i}="" ', "/>", "utf16le")
    yield "xml many elements", _encoded("<a>", lambda i: "<b/>", "</a>", "utf8")
    yield (
        "xml many unexpected elements in a KP Certificate",
        _encoded(
            '<KPCertificate xmlns="urn:kpstandard:kp-certificate:1">',
            lambda i: "<SpecVersion>1.0</SpecVersion>",
            "</KPCertificate>",
            "utf8",
        ),
    )
    yield (
        "xml many invalid lines in a valid certificate",
        _inside_valid(
            certificate,
            b"<Line>",
            b"<Line><HSCode>x</HSCode></Line>" * (MIB // 31) + b"<Line>",
        ),
    )
    yield (
        "xml long text in a valid document",
        _inside_valid(certificate, b"Scheldt Rough Diamonds NV", b"S" * (MIB - len(certificate))),
    )
    yield (
        "xml long attribute value",
        _fill('<a b="', lambda i: "x" * 1000, '"/>', MIB).encode(),
    )
    yield (
        "xml many lone surrogates (character references)",
        _fill("<a>", lambda i: "&#xD800;", "</a>", MIB).encode(),
    )
    yield (
        "xml many lone surrogates (raw bytes)",
        b"<a>" + b"\xed\xa0\x80" * (MIB // 3 - 3) + b"</a>",
    )
    yield "xml many comments", _fill("<a>", lambda i: "<!--x-->", "</a>", MIB).encode()
    yield (
        "xml many processing instructions",
        _fill("<a>", lambda i: "<?p x?>", "</a>", MIB).encode(),
    )
    yield "xml many character references", _fill("<a>", lambda i: "&#65;", "</a>", MIB).encode()
    yield (
        "xml DTD with entity",
        b'<!DOCTYPE a [<!ENTITY e "' + b"x" * (MIB - 60) + b'">]><a>&e;</a>',
    )
    yield from signed_inputs()


def _signed_root() -> Any:
    from lxml import etree

    return etree.fromstring(_example("signed/bw-eu-unmixed.xml"))


def _bytes(root: Any) -> bytes:
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def signed_inputs() -> Iterator[tuple[str, bytes]]:
    signed = _example("signed/bw-eu-unmixed.xml")
    root = _signed_root()
    signature = root[-1]
    count = (MIB - len(signed)) // len(_bytes(signature)) + 1
    many = copy.deepcopy(root)
    for _ in range(count - 1):
        many.insert(len(many) - 1, copy.deepcopy(signature))
    yield f"signed document with {count} signatures", _bytes(many)
    for field in ("X509Certificate", "SignatureValue", "DigestValue"):
        huge = copy.deepcopy(root)
        element = huge.find(f".//{{{DS}}}{field}")
        room = MIB - len(signed) - 100
        element.text = base64.b64encode(random.Random(1).randbytes(room * 3 // 4)).decode()
        yield f"signed document, huge base64 {field}", _bytes(huge)
    references = copy.deepcopy(root)
    signed_info = references.find(f"{{{DS}}}Signature/{{{DS}}}SignedInfo")
    reference = signed_info[-1]
    for _ in range((MIB - len(signed)) // len(_bytes(reference))):
        signed_info.append(copy.deepcopy(reference))
    yield "signed document, many References", _bytes(references)
    transforms = copy.deepcopy(root)
    holder = transforms.find(f".//{{{DS}}}Transforms")
    transform = holder[-1]
    for _ in range((MIB - len(signed)) // len(_bytes(transform))):
        holder.append(copy.deepcopy(transform))
    yield "signed document, many Transforms", _bytes(transforms)
    yield "signed 1 MiB trust list", big_trust_list()


def big_trust_list() -> bytes:
    """The example trust list with its authorities repeated up to about 1 MiB, signed by the
    operator (with signxml: it need not pass the issuer's checks to be a hostile input)."""
    from signxml import XMLSigner
    from signxml.algorithms import CanonicalizationMethod, SignatureMethod

    import kpstandard
    from kpstandard.signature.keys import load_certificate, load_private_key

    listed = json.loads(_example("documents/trust-list.json"))
    participants = listed["participants"]
    size = len(json.dumps(participants))
    grown = []
    copies = MIB * 3 // 4 // size
    for number in range(copies):
        for participant in participants:
            entry = copy.deepcopy(participant)
            for authority in entry["authorities"]:
                authority["identifier"] = f"{authority['identifier']}-{number}"
            grown.append(entry)
    listed["participants"] = grown
    xml = kpstandard.convert(json.dumps(listed).encode(), "xml")
    from lxml import etree

    signer = XMLSigner(
        signature_algorithm=SignatureMethod.ECDSA_SHA256,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    signed = signer.sign(
        etree.fromstring(xml),
        key=load_private_key(PKI / "operator" / "operator.key.pem"),
        cert=[load_certificate(PKI / "operator" / "operator.cert.pem")],
        always_add_key_value=False,
    )
    return _bytes(signed)


def json_inputs() -> Iterator[tuple[str, bytes]]:
    yield "json duplicate members", _fill("{", lambda i: '"a":1,', '"a":1}', MIB).encode()
    yield "json duplicate then trailing comma", b'{"a":{"b":1,"b":2},}'
    yield "json duplicate then 5,000-digit integer", b'{"a":1,"a":1,"n":' + b"9" * 5000 + b"}"
    yield (
        "json duplicate then deep nesting",
        b'{"a":1,"a":1,"n":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    )
    yield "json many unique members", _fill("{", lambda i: f'"k{i}":0,', '"z":0}', MIB).encode()
    yield "json deep arrays", b"[" * (MIB // 2) + b"]" * (MIB // 2)
    yield "json deep arrays, unclosed", b"[" * MIB
    yield "json deep objects", b'{"a":' * (MIB // 6) + b"}" * (MIB // 6)
    yield "json 5,000-digit integers", _fill("[", lambda i: "9" * 5000 + ",", "1]", MIB).encode()
    yield (
        "json 5,000-digit decimals",
        _fill("[", lambda i: "9." + "9" * 5000 + ",", "1]", MIB).encode(),
    )
    yield "json huge exponents", _fill("[", lambda i: "1e999999999,", "1]", MIB).encode()
    yield (
        "json many lone surrogates",
        _fill('{"a":"', lambda i: "\\ud800", '"}', MIB).encode(),
    )
    certificate = json.loads(_example("documents/bw-eu-unmixed.json"))
    with_number = copy.deepcopy(certificate)
    with_number["shipment"]["lines"][0]["parcels"] = 123456789
    yield (
        "json 5,000-digit parcels in a valid certificate",
        json.dumps(with_number).encode().replace(b"123456789", b"9" * 5000, 1),
    )
    long_text = copy.deepcopy(certificate)
    long_text["importer"]["name"]["en"] = "S" * (MIB - 4000)
    yield "json long text in a valid certificate", json.dumps(long_text).encode()
    surrogates = (
        json.dumps(certificate).encode().replace(b"Scheldt", b"\\udc00" * ((MIB - 4000) // 6), 1)
    )
    yield "json lone surrogates in a valid certificate", surrogates
    lines = copy.deepcopy(certificate)
    line = lines["shipment"]["lines"][0]
    lines["shipment"]["lines"] = [line] * ((MIB - 8000) // (len(json.dumps(line)) + 2))
    yield "json many lines (totals wrong) in a certificate", json.dumps(lines).encode()
    bad = copy.deepcopy(certificate)
    bad["shipment"]["lines"] = [{"hsCode": 1}] * ((MIB - 8000) // 15)
    yield "json many invalid lines in a certificate", json.dumps(bad).encode()
    yield (
        "json ns-flood text in a valid certificate",
        json.dumps(certificate)
        .encode()
        .replace(
            b"Scheldt",
            b"<a " + b'xmlns:p=\\"u\\" ' * ((MIB - 4000) // 14),
            1,
        ),
    )


def other_inputs() -> Iterator[tuple[str, bytes]]:
    yield "1 MiB of zero bytes", bytes(MIB)
    yield "1 MiB of random bytes", random.Random(2).randbytes(MIB)
    yield "1 MiB of '<'", b"<" * MIB
    yield "1 MiB + 1 byte", b" " * MIB + b"{"


def inputs() -> list[tuple[str, bytes]]:
    built = [*xml_inputs(), *json_inputs(), *other_inputs()]
    for name, data in built:
        assert name == "1 MiB + 1 byte" or len(data) <= MIB, (name, len(data))
    return built


# --- running them ----------------------------------------------------------------------------


def _entry_points() -> dict[str, Callable[[bytes], str]]:
    """Each entry point as a function that returns a short description of its answer."""
    import datetime

    import kpstandard
    from kpstandard.signature.keys import load_certificate, load_private_key

    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    trust_list, _ = kpstandard.load_trust_list(_example("signed/trust-list.xml"), anchor=anchor)
    assert trust_list is not None
    key = load_private_key(PKI / "authorities" / "BW-MME-DH.key.pem")
    certificate = load_certificate(PKI / "authorities" / "BW-MME-DH.cert.pem")
    when = datetime.datetime(2026, 2, 17, 12, tzinfo=datetime.UTC)

    def report(answer: Any) -> str:
        codes = sorted({finding.code for finding in answer.findings})
        more = f" +{len(codes) - 3}" if len(codes) > 3 else ""
        return f"{answer.verdict.value} {' '.join(codes[:3])}{more} ({len(answer.findings)})"

    def refused(call: Callable[[], object]) -> str:
        try:
            call()
        except kpstandard.InvalidDocumentError as exc:
            codes = sorted({finding.code for finding in exc.findings})
            return f"refused {' '.join(codes[:3])}" + (" ..." if len(codes) > 3 else "")
        except kpstandard.KPStandardError as exc:
            return f"refused: {str(exc)[:50]}"
        return "accepted"

    def convert(data: bytes) -> str:
        to = "xml" if data.lstrip()[:1] in (b"{", b"[") else "json"
        return refused(lambda: kpstandard.convert(data, to))  # type: ignore[arg-type]

    def listed(data: bytes) -> str:
        found, findings = kpstandard.load_trust_list(data, anchor=anchor)
        codes = sorted({finding.code for finding in findings})
        return ("loaded " if found is not None else "refused ") + " ".join(codes[:3])

    return {
        "validate": lambda data: report(kpstandard.validate(data)),
        "verify": lambda data: report(
            kpstandard.verify(data, trust_list=trust_list, verification_time=when)
        ),
        "load": lambda data: refused(lambda: kpstandard.load(data)),
        "convert": convert,
        "sign": lambda data: refused(
            lambda: kpstandard.sign(data, key=key, certificate=certificate)
        ),
        "load_trust_list": listed,
    }


def _child(entry: str, folder: Path, start: int) -> None:
    """In a child process: run ``entry`` on the inputs from ``start``; one JSON line per input."""
    work = _entry_points()[entry]
    names = json.loads((folder / "names.json").read_text())
    for index in range(start, len(names)):
        data = (folder / f"{index:03d}.bin").read_bytes()
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            answer = work(data)
        except BaseException as exc:  # the finding: an entry point raised
            answer = f"RAISED {type(exc).__name__}: {str(exc)[:60]}"
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(json.dumps([index, cpu, wall, answer]), flush=True)


Result = tuple[str, float, float, str]
"""Input name, CPU seconds, wall seconds, answer."""


def run_entry(entry: str, folder: Path, names: list[str], timeout: float) -> list[Result]:
    """Run one entry point over every input in child processes, cutting a hang at ``timeout``."""
    results: list[Result] = []
    start = 0
    while start < len(names):
        command = [sys.executable, __file__, "--child", entry, str(folder), str(start)]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        os.set_blocking(process.stdout.fileno(), True)
        import selectors

        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout + 30  # the child's start-up, first input
        while start < len(names):
            if not selector.select(max(deadline - time.monotonic(), 0)):
                process.kill()
                process.wait()
                results.append((names[start], timeout, timeout, f"HUNG: over {timeout:.0f} s"))
                start += 1
                break
            line = process.stdout.readline()
            if not line:  # the child died
                process.wait()
                error = (process.stderr.read() if process.stderr else "").strip()[-80:]
                results.append(
                    (names[start], 0.0, 0.0, f"CRASHED (exit {process.returncode}) {error}")
                )
                start += 1
                break
            index, cpu, wall, answer = json.loads(line)
            results.append((names[index], cpu, wall, answer))
            start = index + 1
            deadline = time.monotonic() + timeout
        else:
            process.wait()
        selector.close()
    return results


def _cpu_of(command: list[str], timeout: float) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout)
        outcome = f"exit {done.returncode}"
        if b"Traceback" in done.stderr:
            outcome = f"TRACEBACK exit {done.returncode}"
    except subprocess.TimeoutExpired:
        outcome = f"HUNG: over {timeout:.0f} s"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, time.perf_counter() - started, outcome


def run_kpcert(folder: Path, names: list[str], timeout: float) -> tuple[list[Result], float]:
    """``kpcert validate --format json FILE`` per input; CPU with the start-up subtracted."""
    base = [sys.executable, "-m", "kpstandard.cli", "validate", "--format", "json"]
    small = str(EXAMPLES / "documents" / "bw-eu-unmixed.json")
    startup = statistics.median(_cpu_of([*base, small], timeout)[0] for _ in range(3))
    results = []
    for index, name in enumerate(names):
        cpu, wall, outcome = _cpu_of([*base, str(folder / f"{index:03d}.bin")], timeout)
        results.append((name, max(cpu - startup, 0.0), wall, outcome))
    return results, startup


def measure(timeout: float, *, show_all: bool = False) -> tuple[str, bool]:
    """Run everything; return the printed report and whether every input passed."""
    built = inputs()
    names = [name for name, _ in built]
    lines = [f"{len(built)} inputs, {MIB:,} bytes at most (one input 1 byte over, on purpose)"]
    ok = True
    with tempfile.TemporaryDirectory(prefix="kp-worst-") as temporary:
        folder = Path(temporary)
        (folder / "names.json").write_text(json.dumps(names))
        for index, (_, data) in enumerate(built):
            (folder / f"{index:03d}.bin").write_bytes(data)
        every: dict[str, list[Result]] = {}
        for entry in ENTRY_POINTS:
            every[entry] = run_entry(entry, folder, names, timeout)
        kpcert, startup = run_kpcert(folder, names, timeout)
        every["kpcert validate"] = kpcert
    lines.append("| entry point | slowest input | CPU s | wall s | answer | over 1 s | raised |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    flagged = []
    for entry, results in every.items():
        name, cpu, wall, answer = max(results, key=lambda result: result[1])
        over = [result for result in results if result[1] > LIMIT or "HUNG" in result[3]]
        raised = [
            result
            for result in results
            if any(word in result[3] for word in ("RAISED", "CRASHED", "TRACEBACK"))
        ]
        flagged += [(entry, result) for result in over + raised]
        ok = ok and not over and not raised
        lines.append(
            f"| {entry} | {name} | {cpu:.3f} | {wall:.3f} | {answer} "
            f"| {len(over)} | {len(raised)} |"
        )
    lines.append(f"kpcert validate: start-up {startup:.2f} s CPU subtracted from each input")
    for entry, (name, cpu, wall, answer) in flagged:
        lines.append(f"FLAG {entry}: {name}: {cpu:.2f} s CPU, {wall:.2f} s wall: {answer}")
    if show_all:
        for entry, results in every.items():
            lines.append(f"-- {entry}")
            for name, cpu, wall, answer in results:
                lines.append(f"  {cpu:7.3f} {wall:7.3f}  {name}: {answer}")
    return "\n".join(lines), ok


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a hang is cut")
    parser.add_argument("--all", action="store_true", help="print every input's figures")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        _child(args.child[0], Path(args.child[1]), int(args.child[2]))
        return
    report, _ = measure(args.timeout, show_all=args.all)
    print(report)


if __name__ == "__main__":
    main()
