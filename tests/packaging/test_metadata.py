"""What pyproject.toml promises about the package, checked where it is cheap: in this venv."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from trove_classifiers import classifiers as known_classifiers

import binance_coinm

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_version_is_the_installed_metadata_and_pyproject() -> None:
    # getattr keeps mypy green until binance_coinm/__init__.py exports __version__.
    version = getattr(binance_coinm, "__version__", None)
    assert version == metadata.version("binance-coinm") == PROJECT["version"]


def test_the_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    version = re.escape(PROJECT["version"])
    assert re.search(rf"^## \[{version}\] - (Unreleased|\d{{4}}-\d{{2}}-\d{{2}})$", changelog, re.M)


def test_the_readme_installs_the_wheel_of_this_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    wheels = set(re.findall(r"binance_coinm-([^-\s]+)-py3-none-any\.whl", readme))
    assert wheels == {PROJECT["version"]}


def test_the_license_is_mit_and_named_as_such() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The binance-coinm authors\n")
    assert (PROJECT["license"], PROJECT["license-files"]) == ("MIT", ["LICENSE"])


def test_classifiers_are_real_and_claim_typed_python_3_11_to_3_13() -> None:
    classifiers = PROJECT["classifiers"]
    assert [c for c in classifiers if c not in known_classifiers] == []
    # With an SPDX license expression, license classifiers are redundant and tools refuse both.
    assert [c for c in classifiers if c.startswith("License ::")] == []
    for claim in ("Typing :: Typed", "Operating System :: OS Independent"):
        assert claim in classifiers
    pythons = [c.rsplit(" ", 1)[1] for c in classifiers if re.fullmatch(r".*Python :: 3\.\d+", c)]
    assert pythons == ["3.11", "3.12", "3.13"]
    assert PROJECT["requires-python"] == ">=3.11"


def test_no_dev_tool_is_an_extra_of_the_published_package() -> None:
    assert set(PROJECT["optional-dependencies"]) == {"mock", "redis"}
    dependencies = " ".join(PROJECT["dependencies"])
    for tool in ("pytest", "mypy", "ruff", "hypothesis", "schemathesis", "build"):
        assert tool not in dependencies


def test_project_urls_are_binances_or_marked_placeholders() -> None:
    # No public home is decided yet: a URL of our own is a placeholder on the reserved .invalid
    # domain until there is one, never an address someone else could hold.
    urls = PROJECT["urls"]
    assert list(urls) == [
        "Homepage",
        "Documentation",
        "Source",
        "Issues",
        "Changelog",
        "Binance API documentation",
    ]
    for name, url in urls.items():
        host = urlsplit(url).hostname or ""
        assert url.startswith("https://"), name
        assert host == "developers.binance.com" or host.endswith(".invalid"), (name, url)
    assert urls["Binance API documentation"].startswith("https://developers.binance.com/docs/")
