"""Run the schemathesis CLI against a base URL with our settings, signing hook and a JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPEC = HERE.parents[1] / "openapi.yaml"


def run_schemathesis(base_url: str, workdir: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    """Exit code, JSON report and output of one bounded, deterministic run."""
    report = workdir / "report.json"
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "binance_signing_hook", "PYTHONPATH": str(HERE)}
    result = subprocess.run(
        [
            sys.executable, "-m", "schemathesis.cli",
            "--config-file", str(HERE / "schemathesis.toml"),
            "run", str(SPEC), "--url", base_url,
            "--max-examples", "30", "--generation-deterministic", "--no-color",
            "--report", "json", "--report-json-path", str(report), *extra,
        ],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    return (
        result.returncode,
        json.loads(report.read_text()),
        result.stdout[-6000:] + result.stderr[-2000:],
    )
