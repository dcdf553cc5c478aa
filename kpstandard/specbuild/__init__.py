"""Build and check the artifacts generated from the semantic model.

The model in ``spec/model`` is the single source; the JSON Schemas, the XSDs, the Python document
classes and their binding to JSON and XML are generated from it and committed, so that
implementers can read them without running anything. :func:`check` is what CI runs: it fails
when a committed artifact is stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kpstandard._cli_doc import CommandDoc
from kpstandard._resources import spec_dir
from kpstandard.model.meta import DocumentModel, Model, load_model
from kpstandard.specbuild._binding import generate_bindings
from kpstandard.specbuild._catalogue import generate_catalogue
from kpstandard.specbuild._consistency import consistency_problems
from kpstandard.specbuild._jsonschema import generate_json_schema
from kpstandard.specbuild._pages import reference_pages
from kpstandard.specbuild._python import generate_python
from kpstandard.specbuild._spec_data import generate_spec_data
from kpstandard.specbuild._xsd import XML_XSD, generate_xml_namespace_xsd, generate_xsd

__all__ = ["Artifact", "artifacts", "build", "check"]


@dataclass(frozen=True)
class Artifact:
    """A generated file: where it goes (relative to the repository root) and how to make it."""

    path: str
    make: Callable[[], str]


def _json_schema_text(model: Model, document: DocumentModel) -> str:
    return json.dumps(generate_json_schema(model, document), indent=2, ensure_ascii=False) + "\n"


def artifacts(
    model: Model, root: Path | None = None, cli: CommandDoc | None = None
) -> list[Artifact]:
    """Every file generated from the model, in a stable order.

    Args:
        root: the checkout whose examples, text and manifests the reference pages read
            (default: the one kpstandard runs from).
        cli: the command's description (``kpstandard.cli.describe()``), for its reference page;
            without it that page is neither written nor checked.
    """
    spec = root / "spec" if root is not None else spec_dir()
    found = [
        Artifact("kpstandard/model/_documents.py", lambda: generate_python(model)),
        Artifact("kpstandard/syntax/_bindings.py", lambda: generate_bindings(model)),
        Artifact("kpstandard/_spec_data.py", partial(generate_spec_data, spec)),
    ]
    for document in model.documents:
        found.append(
            Artifact(
                f"spec/json/{document.file_stem}.schema.json",
                partial(_json_schema_text, model, document),
            )
        )
        found.append(
            Artifact(f"spec/xml/{document.file_stem}.xsd", partial(generate_xsd, model, document))
        )
    found.append(Artifact(f"spec/xml/{XML_XSD}", lambda: generate_xml_namespace_xsd(model)))
    found.append(
        Artifact("spec/catalogue/findings.json", partial(generate_catalogue, model.version))
    )
    found.extend(Artifact(path, make) for path, make in reference_pages(model, root, cli))
    return found


def build(root: Path, cli: CommandDoc | None = None) -> list[str]:
    """Regenerate every artifact under ``root``; return the paths that changed."""
    model = load_model(root / "spec" / "model")
    changed = []
    for artifact in artifacts(model, root, cli):
        target = root / artifact.path
        text = artifact.make()
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(artifact.path)
    return changed


def check(root: Path, cli: CommandDoc | None = None) -> tuple[list[str], list[str]]:
    """Check the standard under ``root``.

    Returns:
        The paths of the committed artifacts that differ from what the model generates, and the
        inconsistencies between the files of the standard (a requirement id the model cites but
        the text does not define, a code-list entry its schema rejects).
    """
    model = load_model(root / "spec" / "model")
    stale = []
    for artifact in artifacts(model, root, cli):
        target = root / artifact.path
        if not target.is_file() or target.read_text(encoding="utf-8") != artifact.make():
            stale.append(artifact.path)
    return stale, consistency_problems(model, root / "spec")
