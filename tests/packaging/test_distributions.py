"""The sdist and the wheel, built as a release would build them, and the wheel installed as a user
would install it: into a fresh wheel_python, with its real dependencies and no extra.

``python -m build`` builds the sdist from this tree and the wheel from the sdist, so the wheel
also proves the sdist is complete. pip installs the dependencies from the index, through its
cache. The README's Quickstart then runs from that venv against the in-process mock, the user
script is type-checked against the installed wheel alone, and the mock's command line is
tried without the ``mock`` extra.
"""

from __future__ import annotations

import email.parser
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from pathlib import Path
from typing import NamedTuple

import pytest

from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET

from .test_readme import quickstart, run_snippet

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
USER_SCRIPT = ROOT / "tests" / "typing" / "user_script.py"
DIST_INFO = f"binance_coinm-{VERSION}.dist-info"


class Dists(NamedTuple):
    sdist: Path
    wheel: Path
    log: str


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    env = dict(os.environ)
    # Byte-compiling is the installer's business; with it off, setuptools warns about that.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    built = run(sys.executable, "-m", "build", "--outdir", out, ROOT, env=env, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return Dists(sdist, wheel, built.stdout + built.stderr)


def fresh_venv(home: Path, requirement: str) -> Path:
    made = run(sys.executable, "-m", "venv", "--without-pip", home, timeout=120)
    assert made.returncode == 0, made.stderr
    python = home / "bin" / "python"
    # This venv's pip installs there: no pip in the target, and pip's cache is reused.
    installed = run(
        sys.executable, "-m", "pip", "--python", python, "install", requirement, timeout=300
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return python


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory: pytest.TempPathFactory, dists: Dists) -> Path:
    """A fresh venv holding the wheel and what it requires, and nothing else: no extra."""
    return fresh_venv(tmp_path_factory.mktemp("venv"), str(dists.wheel))


def wheel_names(dists: Dists) -> set[str]:
    with zipfile.ZipFile(dists.wheel) as wheel:
        return set(wheel.namelist())


def wheel_metadata(dists: Dists, name: str) -> Message:
    with zipfile.ZipFile(dists.wheel) as wheel:
        return email.parser.Parser().parsestr(wheel.read(f"{DIST_INFO}/{name}").decode())


def sdist_names(dists: Dists) -> set[str]:
    with tarfile.open(dists.sdist) as sdist:
        top = f"binance_coinm-{VERSION}/"
        return {m.name.removeprefix(top) for m in sdist.getmembers() if m.isfile()}


def source_files(folder: str, pattern: str = "*") -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_build_is_warning_free(dists: Dists) -> None:
    assert [line for line in dists.log.splitlines() if "warn" in line.lower()] == []


def test_the_wheel_holds_the_packages_their_data_and_no_tests(dists: Dists) -> None:
    names = wheel_names(dists)
    assert {name.split("/")[0] for name in names} == {
        "binance_coinm",
        "binance_coinm_rest",
        "binance_coinm_spec",
        DIST_INFO,
    }
    packaged = {
        f"binance_coinm/{p.removeprefix('src/binance_coinm/')}"
        for p in source_files("src/binance_coinm", "*.py")
    } | {p.removeprefix("generated_client/") for p in source_files("generated_client", "*.py")}
    assert packaged <= names
    assert {
        "binance_coinm/py.typed",
        "binance_coinm/__init__.pyi",
        "binance_coinm_rest/py.typed",
        "binance_coinm_spec/openapi.yaml",
        "binance_coinm_spec/openapi.json",
        "binance_coinm_spec/asyncapi.yaml",
        "binance_coinm_spec/asyncapi.json",
        "binance_coinm/mock/pytest_plugin.py",
        f"{DIST_INFO}/licenses/LICENSE",
    } <= names
    assert [n for n in names if "tests/" in n or "/test_" in n or n.endswith(".pyc")] == []


def test_the_wheel_metadata(dists: Dists) -> None:
    meta = wheel_metadata(dists, "METADATA")
    assert (meta["Name"], meta["Version"]) == ("binance-coinm", VERSION)
    assert (meta["License-Expression"], meta["License-File"]) == ("MIT", "LICENSE")
    assert meta["Requires-Python"] == ">=3.11"
    assert meta.get_all("Provides-Extra") == ["mock", "redis"]
    requires = meta.get_all("Requires-Dist") or []
    assert [r for r in requires if "extra ==" in r] == [
        'uvicorn<1,>=0.30; extra == "mock"',
        'redis<9,>=5.3; extra == "redis"',
    ]
    assert "httpx<1,>=0.28" in requires
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert meta.get_all("Project-URL") == [f"{name}, {url}" for name, url in urls.items()]
    assert "Typing :: Typed" in (meta.get_all("Classifier") or [])
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# binance-coinm\n")  # type: ignore[union-attr]


def test_the_wheel_registers_the_command_and_the_pytest_plugin(dists: Dists) -> None:
    entry_points = wheel_metadata(dists, "entry_points.txt").get_payload()
    assert "[console_scripts]\nbinance-coinm = binance_coinm.cli:main\n" in entry_points
    assert "[pytest11]\nbinance_coinm_mock = binance_coinm.mock.pytest_plugin\n" in entry_points


def test_the_sdist_holds_what_regenerating_and_testing_need(dists: Dists) -> None:
    names = sdist_names(dists)
    assert {
        "CHANGELOG.md",
        "LICENSE",
        "Makefile",
        "README.md",
        "asyncapi.yaml",
        "mkdocs.yml",
        "openapi.yaml",
        "package.json",
        "package-lock.json",
        "pyproject.toml",
    } <= names
    folders = ("generator", "tests", "scripts", "bench", "docs", "examples")
    for folder in (*folders, "src", "generated_client"):
        missing = source_files(folder) - names
        assert not missing, f"{folder}/ is incomplete in the sdist: {sorted(missing)}"
    assert [n for n in names if n.startswith((".venv", "node_modules", ".git/"))] == []
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc")] == []


def test_the_quickstart_runs_from_the_installed_wheel(wheel_python: Path) -> None:
    where = run(wheel_python, "-c", "import binance_coinm; print(binance_coinm.__file__)")
    assert where.stdout.startswith(str(wheel_python.parents[1])), where.stdout + where.stderr
    for snippet in quickstart():
        result = run_snippet(snippet.source, python=wheel_python, line=snippet.line)
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(result.stdout.splitlines()) == 4, result.stdout


def test_the_installed_version_is_the_metadata(wheel_python: Path) -> None:
    code = (
        "import binance_coinm, importlib.metadata as m;"
        " print(getattr(binance_coinm, '__version__', None), m.version('binance-coinm'))"
    )
    assert run(wheel_python, "-c", code).stdout == f"{VERSION} {VERSION}\n"


def test_the_command_line_runs(wheel_python: Path) -> None:
    result = run(wheel_python.with_name("binance-coinm"), "--help", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "open-orders" in result.stdout


def test_the_mock_command_helps_without_the_extra(wheel_python: Path) -> None:
    assert run(wheel_python, "-c", "import uvicorn").returncode != 0, "no extra"
    result = run(wheel_python, "-m", "binance_coinm.mock", "--help", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "--port" in result.stdout


def test_serving_the_mock_without_the_extra_fails_without_a_traceback(wheel_python: Path) -> None:
    result = run(wheel_python, "-m", "binance_coinm.mock", "--port", "0", timeout=30)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip(), "say why it cannot serve"


def test_a_redis_budget_without_the_extra_says_in_one_line_how_to_install_it(
    wheel_python: Path,
) -> None:
    assert run(wheel_python, "-c", "import redis").returncode != 0, "no extra"
    code = (
        "from binance_coinm import RedisBudget, errors\n"
        "try:\n"
        "    RedisBudget('redis://:pw@127.0.0.1:6379/0', pool='egress-1')\n"
        "except errors.ConfigurationError as error:\n"
        "    print(error)\n"
    )
    result = run(wheel_python, "-c", code, timeout=30)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "RedisBudget needs redis-py: pip install 'binance-coinm[redis]'\n"


def test_the_user_script_type_checks_against_the_wheel_alone(
    wheel_python: Path, tmp_path: Path
) -> None:
    # A copy in an empty folder, no config: the only binance_coinm mypy can see is the venv's.
    script = Path(shutil.copy(USER_SCRIPT, tmp_path))
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
    mypy = [sys.executable, "-m", "mypy", "--strict", "--config-file", "mypy.ini", "--verbose"]
    options: list[str | Path] = ["--python-executable", wheel_python, "--cache-dir", "cache"]
    result = run(*mypy, *options, script.name, cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 0, result.stdout
    site_packages = re.escape(str(wheel_python.parents[1] / "lib")) + r"/python3\.\d+/site-packages"
    assert re.search(rf"Parsing {site_packages}/binance_coinm/__init__\.pyi ", result.stderr)


def test_the_mock_extra_serves_the_mock_on_loopback(tmp_path: Path, dists: Dists) -> None:
    python = fresh_venv(tmp_path / "venv", f"{dists.wheel}[mock]")  # as the README writes it
    server = subprocess.Popen(
        [python, "-m", "binance_coinm.mock", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    try:
        ready, _, _ = select.select([server.stdout], [], [], 30)
        assert ready, "the mock did not say where it listens"
        url = server.stdout.readline().split()[-1]
        code = (
            "import sys; from binance_coinm import current_all_open_orders, signed_client;"
            " client = signed_client(base_url=sys.argv[1]);"
            " print(len(current_all_open_orders.sync(client=client, symbol='BTCUSD_PERP')))"
        )
        env = dict(os.environ, BINANCE_API_KEY=DEMO_API_KEY, BINANCE_API_SECRET=DEMO_API_SECRET)
        listed = run(python, "-c", code, url, env=env, timeout=60)
        assert (listed.returncode, listed.stdout) == (0, "4\n"), listed.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=15) == 0
        server.stdout.close()
