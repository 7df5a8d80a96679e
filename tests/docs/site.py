"""Building the documentation site as `make docs` does, from the tree or from a copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
SHARED = ("src", "generated_client", "examples")
"""What the site reads besides its pages: the packages (the API reference) and the examples
(included in a page)."""


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project whose mkdocs.yml is in ``project``."""
    # Material for MkDocs prints a banner about its end of life on every build (see
    # docs/contributing/testing.md); the build's own output is what the tests read.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(
        [*command, "--config-file", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def copy_of_the_project(where: Path) -> Path:
    """mkdocs.yml and docs/ copied into ``where`` (to be broken), the rest linked."""
    shutil.copy(CONFIG, where / "mkdocs.yml")
    shutil.copytree(DOCS, where / "docs")
    for name in SHARED:
        (where / name).symlink_to(ROOT / name, target_is_directory=True)
    return where
