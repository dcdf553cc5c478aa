"""Binding (syntax tree -> document objects) and writing (document objects -> bytes), per document.

Run by hand (never as a timed test):

    python benchmarks/binding.py [--rounds 7] [--repeat 20] [--before main]

Every example document (``examples/documents/*``, ``examples/signed/*``) is parsed once with the
hardened parser; then, in interleaved rounds in this one process, each path runs over all of them
and its CPU time (``time.process_time``) per document is taken; the medians of the rounds are
printed beside the floor, the bare parse (``etree.fromstring`` / ``json.loads``) of the same
documents, as a ratio. With ``--before REF`` the binder and writer of git revision ``REF`` are
loaded beside the current ones and measured in the same rounds, so the before/after ratio is one
measurement under one load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from kpstandard.model.meta import default_model
from kpstandard.syntax import _json, _xml
from kpstandard.syntax.limits import DEFAULT_LIMITS
from kpstandard.validation.schema import check_json, check_xml

ROOT = Path(__file__).resolve().parent.parent


def _module(name: str, source: bytes) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module  # dataclasses look their module up
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


def load_before(ref: str) -> tuple[types.ModuleType, types.ModuleType]:
    """The ``_xml`` and ``_json`` modules of git revision ``ref``, over that revision's plan."""

    def show(path: str) -> bytes:
        command = ["git", "show", f"{ref}:{path}"]
        return subprocess.run(command, capture_output=True, check=True, cwd=ROOT).stdout

    key = "kpstandard.syntax._plan"
    current = sys.modules[key]
    sys.modules[key] = _module("_before_plan", show("kpstandard/syntax/_plan.py"))
    try:
        xml = _module("_before_xml", show("kpstandard/syntax/_xml.py"))
        js = _module("_before_json", show("kpstandard/syntax/_json.py"))
    finally:
        sys.modules[key] = current
    return xml, js


def corpus() -> tuple[list[tuple[Any, Any, bytes]], list[tuple[Any, Any, bytes]]]:
    """(document type, parsed tree, bytes) of every schema-valid example, XML and JSON."""
    model = default_model()
    xml, js = [], []
    paths = sorted((ROOT / "examples" / "documents").iterdir())
    paths += sorted((ROOT / "examples" / "signed").iterdir())
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".xml":
            root, problems = _xml.parse_xml(data, DEFAULT_LIMITS)
            document, _ = _xml.detect_xml_type(model, root)
            assert not problems
            assert document is not None
            assert not check_xml(document, root)
            xml.append((document, root, data))
        elif path.suffix == ".json":
            value, problems = _json.parse_json(data, DEFAULT_LIMITS)
            document, _ = _json.detect_json_type(model, value)
            assert not problems
            assert document is not None
            assert not check_json(document, value)
            js.append((document, value, data))
    return xml, js


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus per round")
    parser.add_argument("--before", metavar="REF", help="also measure git revision REF")
    args = parser.parse_args()
    xml_docs, json_docs = corpus()
    xml_bound = [(d, _xml.bind_xml(d, r)[0]) for d, r, _ in xml_docs]
    json_bound = [(d, _json.bind_json(d, v)[0]) for d, v, _ in json_docs]
    xml_parser = _xml.hardened_parser()

    paths: dict[str, tuple[int, Callable[[], object]]] = {
        "xml parse (floor)": (
            len(xml_docs),
            lambda: [etree.fromstring(b, xml_parser) for _, _, b in xml_docs],
        ),
        "xml bind": (len(xml_docs), lambda: [_xml.bind_xml(d, r) for d, r, _ in xml_docs]),
        "xml write": (len(xml_bound), lambda: [_xml.dump_xml(d, o) for d, o in xml_bound]),
        "json loads (floor)": (len(json_docs), lambda: [json.loads(b) for _, _, b in json_docs]),
        "json bind": (len(json_docs), lambda: [_json.bind_json(d, v) for d, v, _ in json_docs]),
        "json write": (len(json_bound), lambda: [_json.dump_json(d, o) for d, o in json_bound]),
    }
    if args.before:
        old_xml, old_json = load_before(args.before)
        assert [old_xml.bind_xml(d, r)[0] for d, r, _ in xml_docs] == [o for _, o in xml_bound]
        assert [old_json.bind_json(d, v)[0] for d, v, _ in json_docs] == [o for _, o in json_bound]
        paths["xml bind (before)"] = (
            len(xml_docs),
            lambda: [old_xml.bind_xml(d, r) for d, r, _ in xml_docs],
        )
        paths["xml write (before)"] = (
            len(xml_bound),
            lambda: [old_xml.dump_xml(d, o) for d, o in xml_bound],
        )
        paths["json bind (before)"] = (
            len(json_docs),
            lambda: [old_json.bind_json(d, v) for d, v, _ in json_docs],
        )
        paths["json write (before)"] = (
            len(json_bound),
            lambda: [old_json.dump_json(d, o) for d, o in json_bound],
        )

    samples: dict[str, list[float]] = {name: [] for name in paths}
    for _round in range(args.rounds):
        for name, (count, run) in paths.items():
            started = time.process_time()
            for _ in range(args.repeat):
                run()
            samples[name].append((time.process_time() - started) / (args.repeat * count))
    median = {name: statistics.median(values) * 1e6 for name, values in samples.items()}

    print(
        f"CPU time per document, median of {args.rounds} interleaved rounds "
        f"({len(xml_docs)} XML, {len(json_docs)} JSON examples, {args.repeat} passes per round)"
    )
    for syntax, floor in (("xml", "xml parse (floor)"), ("json", "json loads (floor)")):
        print(f"  {floor:<22} {median[floor]:8.1f} µs")
        for what in ("bind", "write"):
            name = f"{syntax} {what}"
            ratio = median[name] / median[floor]
            line = f"  {name:<22} {median[name]:8.1f} µs  {ratio:5.2f}x floor"
            before = f"{name} (before)"
            if before in median:
                line += (
                    f"   before {median[before]:8.1f} µs ({median[before] / median[floor]:5.2f}x"
                    f" floor): {median[before] / median[name]:5.2f}x faster"
                )
            print(line)


if __name__ == "__main__":
    main()
