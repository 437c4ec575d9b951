"""Offline validators of the XML exports: jing with tei_all.rng for TEI, xmllint with the
NISO JATS DTD (npm @jats4r/dtds, through its XML catalog) for JATS.

Neither may touch the network: the RELAX NG schema is a file of the repository, and
xmllint runs with --nonet, the DTD found through the catalog. Locally a missing tool
skips the test that needs it, with the reason; under CI=true it fails it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEI_SCHEMA = ROOT / "schemas" / "tei" / "tei_all.rng"
JATS_CATALOG = ROOT / "node_modules" / "@jats4r" / "dtds" / "schema" / "catalog.xml"
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(condition: bool, what: str) -> None:
    """Skip (locally) or fail (CI=true) when a validator is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what}; under CI=true the XML validators must be installed (.ci/run does)", pytrace=False)
    pytest.skip(what)


def validate_tei(document: Path) -> subprocess.CompletedProcess[str]:
    """jing's verdict on `document` against tei_all (exit 0 and no output when valid)."""
    jing = shutil.which("jing")
    require(jing is not None, "jing is not installed (Debian package jing)")
    return subprocess.run([jing, str(TEI_SCHEMA), str(document)], capture_output=True, text=True, check=False,
                          timeout=300)


def validate_jats(document: Path, catalog: Path | None = JATS_CATALOG) -> subprocess.CompletedProcess[str]:
    """xmllint's verdict on `document` against the DTD its DOCTYPE names, offline."""
    xmllint = shutil.which("xmllint")
    require(xmllint is not None, "xmllint is not installed (Debian package libxml2-utils)")
    require(JATS_CATALOG.is_file(), f"{JATS_CATALOG.relative_to(ROOT)} is missing — run npm ci")
    env = {key: value for key, value in os.environ.items() if key != "XML_CATALOG_FILES"}
    env["XML_CATALOG_FILES"] = str(catalog) if catalog is not None else ""
    return subprocess.run([xmllint, "--valid", "--nonet", "--noout", str(document)], capture_output=True,
                          text=True, check=False, env=env, timeout=120)
