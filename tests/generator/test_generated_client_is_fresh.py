"""generated_client/ is exactly what `make generate` makes from the committed spec and templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "generated_client"


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def regenerate(output: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "generator" / "generate.py"), "--output", str(output)],
        check=True,
        capture_output=True,
    )


def test_committed_client_matches_a_fresh_generation(tmp_path: Path) -> None:
    regenerate(tmp_path / "fresh")
    fresh, committed = tree(tmp_path / "fresh"), tree(COMMITTED)
    assert sorted(fresh) == sorted(committed), "files differ: run `make generate`"
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"stale generated files (run `make generate`): {changed}"


def test_generation_is_byte_for_byte_repeatable(tmp_path: Path) -> None:
    regenerate(tmp_path / "first")
    regenerate(tmp_path / "second")
    assert tree(tmp_path / "first") == tree(tmp_path / "second")
