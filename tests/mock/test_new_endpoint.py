"""An endpoint added to the spec is generated, signed, served and charged with no hand-written code.

The test adds a made-up signed endpoint to a copy of openapi.yaml, runs the generator on that
copy into a temporary folder, and, in a process that imports that ``binance_coinm_rest``
(and so reads that spec), calls the new function against the mock exchange.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from .spec_documents import MADE_UP_EXAMPLE, MADE_UP_WEIGHT, with_made_up_endpoint

ROOT = Path(__file__).resolve().parents[2]

# generate.py reads the spec beside its own folder (ROOT/openapi.yaml): it runs from a copy.
CALL_THE_NEW_ENDPOINT = textwrap.dedent(
    """
    import json
    import binance_coinm_rest
    from binance_coinm import errors, signed_client
    from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, MockExchange
    from binance_coinm import get_made_up

    def client(secret):
        return signed_client(
            DEMO_API_KEY, secret, max_retries=0,
            httpx_args={"transport": MockExchange().transport()},
        )

    with client("not-the-secret") as wrong:
        try:
            get_made_up.sync(client=wrong, note="hello")
            refused = None
        except errors.AuthenticationError as error:
            refused = error.code
    with client(DEMO_API_SECRET) as right:
        response = get_made_up.sync_detailed(client=right, note="hello")
    print(json.dumps({
        "package": binance_coinm_rest.__file__,
        "refused": refused,
        "answer": response.parsed.to_dict(),
        "weight": response.used_weight_1m,
    }))
    """
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A client generated from openapi.yaml plus the made-up endpoint; its import root."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    work = tmp_path_factory.mktemp("new-endpoint")
    repo = work / "repo"
    shutil.copytree(ROOT / "generator", repo / "generator")
    (repo / "openapi.yaml").write_text(
        yaml.safe_dump(with_made_up_endpoint(spec), sort_keys=False), encoding="utf-8"
    )
    output = work / "out"
    generate = repo / "generator" / "generate.py"
    subprocess.run(
        [sys.executable, str(generate), "--output", str(output)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return output


@pytest.fixture(scope="module")
def outcome(generated: Path) -> dict[str, Any]:
    """What the new endpoint's function did against the mock, in a process using that client."""
    env = {**os.environ, "PYTHONPATH": str(generated)}
    result = subprocess.run(
        [sys.executable, "-c", CALL_THE_NEW_ENDPOINT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_the_process_uses_the_generated_client(generated: Path, outcome: dict[str, Any]) -> None:
    assert Path(outcome["package"]).is_relative_to(generated)


def test_new_endpoint_is_signed(outcome: dict[str, Any]) -> None:
    assert outcome["refused"] == -1022


def test_new_endpoint_answers_its_example(outcome: dict[str, Any]) -> None:
    assert outcome["answer"] == MADE_UP_EXAMPLE


def test_new_endpoint_is_charged_its_weight(outcome: dict[str, Any]) -> None:
    assert outcome["weight"] == MADE_UP_WEIGHT
