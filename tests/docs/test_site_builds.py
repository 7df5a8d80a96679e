"""The documentation site builds with `mkdocs build --strict`, and strictness has teeth: a copy
of the docs with one broken link, anchor, reference or include fails to build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import binance_coinm
from binance_coinm import errors, models

from .site import CONFIG, DOCS, ROOT, build, copy_of_the_project


def nav_pages() -> list[str]:
    def pages(entries: list[object]) -> list[str]:
        found: list[str] = []
        for entry in entries:
            assert isinstance(entry, dict)
            for value in entry.values():
                found += pages(value) if isinstance(value, list) else [value]
        return found

    return pages(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["nav"])


def test_the_site_builds_strictly_with_every_page(tmp_path: Path) -> None:
    result = build(ROOT, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    for page in nav_pages():
        built = tmp_path / page.removesuffix(".md") / "index.html"
        assert (tmp_path / "index.html" if page == "index.md" else built).is_file(), page


def test_every_page_is_in_the_navigation() -> None:
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert pages == set(nav_pages())


BREAKS = {
    "a link to a missing page": ("guide/errors.md", "[gone](no-such-page.md)", "no-such-page.md"),
    "a link to a missing anchor": (
        "guide/errors.md",
        "[gone](clients.md#no-such-section)",
        "no-such-section",
    ),
    "a reference to a missing name": (
        "reference/errors.md",
        "::: binance_coinm.errors.NoSuchError",
        "NoSuchError",
    ),
    "a missing included file": (
        "guide/examples.md",
        '```python\n--8<-- "examples/no_such_example.py"\n```',
        "no_such_example.py",
    ),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_of_the_project(tmp_path)


def test_an_unbroken_copy_builds(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("broken", list(BREAKS))
def test_a_copy_with_one_broken_thing_fails_to_build(
    project: Path, tmp_path: Path, broken: str
) -> None:
    page, text, named = BREAKS[broken]
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, result.stderr
    assert named in result.stderr, result.stderr


def test_every_public_name_is_in_the_api_reference() -> None:
    reference = (DOCS / "reference" / "binance_coinm.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^::: binance_coinm\.(\w+)$", reference, re.MULTILINE))
    shown |= set(re.findall(r"`(?:binance_coinm\.)?(\w+)`", reference))  # UNSET, modules
    # binance_coinm.errors and binance_coinm.models have a page each, of the whole module.
    in_modules = set(vars(errors)) | set(models.__all__)
    assert set(binance_coinm.__all__) - shown - in_modules == set()
    models_page = (DOCS / "reference" / "models.md").read_text(encoding="utf-8")
    assert "::: binance_coinm.models" in models_page
