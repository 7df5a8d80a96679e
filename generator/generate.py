"""Regenerate the client package from openapi.yaml (`make generate` runs this).

1. Derive the generator's input from the spec. Parameters marked `x-binance-signing`
   (`timestamp`, `signature`) are dropped: the signing hook adds them to every request, so
   callers never pass them. References to scalar schemas are inlined, because
   openapi-python-client does not keep a string's `format` on its properties and the
   templates need to see `format: decimal` to read such a field as `decimal.Decimal`.
2. Run openapi-python-client with `config.yaml` and `templates/` into an empty folder
   (its `--overwrite` would leave stray files behind).
3. Stamp every module with a banner naming this command and add `py.typed`.

The output depends only on the spec, the templates and the pinned tool versions, so running
this twice gives identical bytes; `tests/generator/test_generated_client_is_fresh.py` checks it.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
PACKAGE = "binance_coinm_rest"
DEFAULT_OUTPUT = ROOT / "generated_client" / PACKAGE
BANNER = "# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.\n"
SCALAR_TYPES = {"string", "integer", "number", "boolean"}


def _resolve(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _is_scalar(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") in SCALAR_TYPES and "enum" not in schema


def _inline_scalar_refs(spec: dict[str, Any], node: Any) -> Any:
    if isinstance(node, list):
        return [_inline_scalar_refs(spec, item) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        target = _resolve(spec, ref)
        if _is_scalar(target):
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return {**copy.deepcopy(target), **siblings}
    return {key: _inline_scalar_refs(spec, value) for key, value in node.items()}


def _is_signing_parameter(spec: dict[str, Any], parameter: dict[str, Any]) -> bool:
    if "$ref" in parameter:
        parameter = _resolve(spec, parameter["$ref"])
    return bool(parameter.get("x-binance-signing"))


def generator_input(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the generator should see it (see the module docstring)."""
    derived = copy.deepcopy(spec)
    for path_item in derived["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "parameters" in operation:
                operation["parameters"] = [
                    p for p in operation["parameters"] if not _is_signing_parameter(spec, p)
                ]
    derived["paths"] = _inline_scalar_refs(spec, derived["paths"])
    derived["components"] = _inline_scalar_refs(spec, derived["components"])
    return derived


def generate(output: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    with tempfile.TemporaryDirectory() as scratch:
        derived = Path(scratch) / "openapi.yaml"
        derived.write_text(yaml.safe_dump(generator_input(spec), sort_keys=False), encoding="utf-8")
        staging = Path(scratch) / PACKAGE
        subprocess.run(
            [
                sys.executable, "-m", "openapi_python_client", "generate",
                "--path", str(derived),
                "--config", str(ROOT / "generator" / "config.yaml"),
                "--custom-template-path", str(ROOT / "generator" / "templates"),
                "--meta", "none",
                "--output-path", str(staging),
                "--fail-on-warning",
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for module in sorted(staging.rglob("*.py")):
            module.write_text(BANNER + module.read_text(encoding="utf-8"), encoding="utf-8")
        (staging / "py.typed").write_text("", encoding="utf-8")
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="package folder to write")
    generate(parser.parse_args().output)


if __name__ == "__main__":
    main()
