"""Sphinx configuration of the kpstandard documentation.

Build: ``sphinx-build -W -n --keep-going -b html docs docs/_build/html`` (warnings are errors and
every cross-reference must resolve); the guides' examples run with ``-b doctest``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import kpstandard.model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "kpstandard"
author = "the kpstandard contributors"
copyright = "the kpstandard contributors, Apache-2.0"
release = version = f"model {kpstandard.model.MODEL_VERSION}"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "kpdocs",  # docs/_ext: the checks the build fails on, linked requirement ids
    "sphinx_copybutton",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
nitpicky = True

# MyST: field lists for the reference pages, definition lists for the command's options.
myst_enable_extensions = ["fieldlist", "deflist", "colon_fence"]

# Copy buttons copy what a reader types: the commands of a console example without "$ ", the
# code of a Python session without ">>> " and "... ", never the output; a console line ending in
# a backslash continues on the next one.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_line_continuation_character = "\\"

html_theme = "furo"
html_title = "kpstandard"
html_favicon = "_static/favicon.svg"  # also spares every page a request for /favicon.ico
html_static_path = ["_static"]
html_css_files = ["kpstandard.css"]
html_copy_source = False  # the sources are in the repository; no _sources/ copies
html_show_sourcelink = False

# The API reference: Google-style docstrings, members in source order, hints in the signature.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
# Annotations of names the library imports only for type checkers (cryptography is imported where
# a signature, key or trust list is read, not at every start), as the signatures spell them.
autodoc_type_aliases = {
    "x509.Certificate": "cryptography.x509.Certificate",
    "PrivateKey": "cryptography.hazmat.primitives.asymmetric.rsa.RSAPrivateKey"
    " | cryptography.hazmat.primitives.asymmetric.ec.EllipticCurvePrivateKey",
}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# No intersphinx (the build has no network): references to types outside the project cannot
# resolve, so each is named here, with the reason.
nitpick_ignore = [
    ("py:class", "collections.abc.Iterable"),  # standard library, no intersphinx
    ("py:class", "collections.abc.Mapping"),  # standard library, no intersphinx
    ("py:class", "datetime.date"),  # standard library, no intersphinx
    ("py:class", "datetime.datetime"),  # standard library, no intersphinx
    ("py:class", "decimal.Decimal"),  # standard library, no intersphinx
    ("py:class", "Decimal"),  # the same, as the generated classes' annotations spell it
    ("py:class", "pathlib.Path"),  # standard library, no intersphinx
    ("py:class", "Path"),  # the same, as kpstandard.codelists spells it
    ("py:class", "x509.Certificate"),  # cryptography's, as load_trust_list spells it (see above)
]
nitpick_ignore_regex = [
    ("py:class", r"cryptography\..*"),  # third party (keys, X.509), no intersphinx
]

# The guides' examples use paths relative to the checkout, whatever directory the build runs in.
doctest_global_setup = f"import os; os.chdir({str(ROOT)!r})"
