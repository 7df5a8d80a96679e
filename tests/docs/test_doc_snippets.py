"""Every Python block of the documentation site runs, as the README's do (through the same
runner: network blocked, an in-process mock exchange, the names a reader has after the
Quickstart); a block titled like a test file also passes under pytest."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..packaging.readme import Snippet, python_snippets
from ..packaging.test_readme import run_snippet
from .site import DOCS

INCLUDE = "--8<--"
"""A block that only includes a file of the repository (an example, run by tests/examples/)."""
TEST_TITLE = re.compile(r'title="(test_\w+\.py)"')
PYTHON_BLOCK = re.compile(r"```python ([^\n]*)\n(.*?)```", re.DOTALL)


def doc_snippets() -> list[tuple[Path, Snippet]]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        for snippet in python_snippets(page.read_text(encoding="utf-8")):
            if not snippet.source.startswith(INCLUDE):
                found.append((page, snippet))
    return found


SNIPPETS = doc_snippets()


def test_the_pages_have_blocks_to_run() -> None:
    pages = {page.relative_to(DOCS).as_posix() for page, _ in SNIPPETS}
    assert {"index.md", "guide/clients.md", "guide/async.md", "guide/mock.md"} <= pages


@pytest.mark.parametrize(
    ("page", "snippet"),
    SNIPPETS,
    ids=[f"{page.relative_to(DOCS).as_posix()}-line{s.line}" for page, s in SNIPPETS],
)
def test_doc_snippet_runs(page: Path, snippet: Snippet) -> None:
    result = run_snippet(snippet.source, name=str(page), line=snippet.line)
    assert result.returncode == 0, f"{page}:{snippet.line}\n{result.stdout}{result.stderr}"
    assert result.stderr == ""


def titled_test_files() -> list[tuple[str, str]]:
    """The blocks titled like a test file: each title and source."""
    files = []
    for page in sorted(DOCS.rglob("*.md")):
        for match in PYTHON_BLOCK.finditer(page.read_text(encoding="utf-8")):
            title = TEST_TITLE.search(match.group(1))
            if title:
                files.append((title.group(1), match.group(2)))
    return files


TEST_FILES = titled_test_files()


def test_the_mock_page_shows_a_test_file() -> None:
    assert [name for name, _ in TEST_FILES] == ["test_orders.py"]


@pytest.mark.parametrize(("name", "source"), TEST_FILES, ids=[name for name, _ in TEST_FILES])
def test_a_test_file_passes_under_pytest(tmp_path: Path, name: str, source: str) -> None:
    (tmp_path / name).write_text(source, encoding="utf-8")
    # A user's project: installed plugins load (the mock's fixtures, anyio's), no config of ours.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tests = source.count("\ndef test_") + source.count("\nasync def test_")
    assert f"{tests} passed" in result.stdout, result.stdout
