"""Sphinx extension of the kpstandard docs: what the build must fail on, and linked ids.

- Coverage: a requirement of level MUST that a machine can check needs a rule or finding code and,
  once the conformance suite has a manifest, a vector (``kpstandard.specbuild._docs``). Each gap is
  a warning, which ``-W`` turns into a failed build.
- Freshness: the generated reference pages must match what the standard generates now (the same
  check as ``kpcert spec check``, so a docs build never publishes stale pages).
- The bracketed citations of the normative text, ``[KP-REQ-006]``, become links to the
  requirement.
- The docstrings of fields are prose: napoleon would read a colon in their first line as
  ``type: description`` (the Google style for attributes), so that line is kept from it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from kpstandard.cli import describe
from kpstandard.model.meta import load_model
from kpstandard.specbuild._docs import Site, coverage_gaps
from kpstandard.specbuild._pages import reference_pages

logger = logging.getLogger(__name__)

_REQUIREMENT = re.compile(r"\bKP-REQ-[0-9]{3}\b")
_LINKED = frozenset({"decision.md", "annex.md"})
"""The texts whose citations become links (the other parts of the text link their own)."""


def _root(app: Sphinx) -> Path:
    return Path(app.confdir).resolve().parent


def check_standard(app: Sphinx) -> None:
    root = _root(app)
    model = load_model(root / "spec" / "model")
    for gap in coverage_gaps(Site(model, root)):
        logger.warning(
            gap, location="reference/traceability", type="kpstandard", subtype="coverage"
        )
    for path, make in reference_pages(model, root, describe()):
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != make():
            logger.warning(
                f"{path} is stale: run 'kpcert spec build'",
                location=Path(path).relative_to("docs").with_suffix("").as_posix(),
                type="kpstandard",
                subtype="stale",
            )


def link_requirements(app: Sphinx, path: Path, docname: str, content: list[str]) -> None:
    """Link each requirement id of the included normative text, and the catalogue it names."""
    if Path(path).name in _LINKED:
        text = _REQUIREMENT.sub(lambda m: f"{{ref}}`{m.group()} <{m.group().lower()}>`", content[0])
        content[0] = text.replace("`requirements.yaml`", "{ref}`requirements.yaml <requirements>`")


def keep_field_docstrings_prose(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    # Napoleon takes "Where: a JSON Pointer..." for a type named "Where". It skips blank lines, so
    # an empty reST comment goes first: napoleon reads it as the description, and it renders as
    # nothing. Runs before napoleon (priority 500).
    if what in ("attribute", "data", "property") and lines and ":" in lines[0]:
        lines[:0] = ["..", ""]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", check_standard)
    app.connect("include-read", link_requirements)
    app.connect("autodoc-process-docstring", keep_field_docstrings_prose, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
