"""`make bench`: this SDK against the clients users would pick instead, three runs in one go.

The exchange runs in a separate process (bench/server.py), so client CPU time is the client's
alone. Each run is a fresh interpreter with its own server; inside it the contenders are
interleaved round-robin over several rounds. The report (bench/RESULTS.md) gives, per figure,
the median over runs of each run's median, with the spread (min-max) over runs; ratios to a
floor are taken inside a run. bench/results.json keeps every raw sample.

    python run.py            # the report: 3 runs of 7 rounds
    python run.py --quick    # while developing: 1 run of 3 rounds, to quick-results.* only
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import measure
from contenders import API_SECRET, ASYNC, FLOORS_AND_OURS, SYNC
from orders import SHAPES
from report import report
from server import serving

HERE = Path(__file__).resolve().parent


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def raced(shape: str) -> list[str]:
    """Every contender on the documented body; the floors and ours on the evolved one."""
    return [*SYNC, *ASYNC] if shape == "documented" else list(FLOORS_AND_OURS)


def one_run(rounds: int) -> dict[str, Any]:
    """Every measurement once, raw; keys are strings so that the result is JSON as it is."""
    endpoints = [(shape, count) for shape in SHAPES for count in measure.COUNTS]
    with serving(API_SECRET, endpoints) as (server, urls):
        measure.verify_ours(urls)
        server_cpu, requests = cpu_seconds(server), 0
        race: dict[str, dict[str, Any]] = {shape: {} for shape in SHAPES}
        for shape, count in endpoints:
            race[shape][str(count)], made = measure.race(
                urls[shape, count], count, raced(shape), rounds
            )
            requests += made
        concurrent, made = measure.concurrent(urls["documented", 1], rounds)
        requests += made
        server_cpu_us = (cpu_seconds(server) - server_cpu) / requests * 1e6
        peak_mb = measure.peak_memory(urls["documented", 1000])
    return {
        "rounds": rounds,
        "calls_per_batch": measure.CALLS_PER_BATCH,
        "concurrency": measure.CONCURRENCY,
        "race": race,
        "concurrent": concurrent,
        "parse_us": {
            shape: {str(n): measure.parse_cost(shape, n, rounds) for n in measure.COUNTS}
            for shape in SHAPES
        },
        "signing_us": measure.signing_cost(),
        "import_ms": measure.import_times(),
        "peak_mb": peak_mb,
        "server_cpu_us_per_request": server_cpu_us,
    }


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    try:
        distribution = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        distribution = platform.system()
    system = f"{distribution}, {platform.system()} {platform.release()}"
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


PACKAGES = (
    "httpx", "httpcore", "h11", "anyio", "sniffio", "msgspec", "aiohttp", "httpx-aiohttp",
    "orjson", "python-binance", "ccxt", "binance-futures-connector",
    "binance-sdk-derivatives-trading-coin-futures",
)  # fmt: skip
"""Versions that move the figures (httpcore pays a failed import per lock without sniffio)."""


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def independent_runs(runs: int, rounds: int) -> list[dict[str, Any]]:
    """Each run in a fresh interpreter: no run inherits another's caches, pools or heap."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(runs):
            print(f"run {index + 1} of {runs} ({rounds} rounds)...", file=sys.stderr, flush=True)
            out = Path(folder) / f"run-{index}.json"
            command = [sys.executable, str(Path(__file__)), "--rounds", str(rounds)]
            subprocess.run([*command, "--one-run", str(out)], check=True, cwd=HERE)
            results.append(json.loads(out.read_text()))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run of 3 rounds, for development")
    parser.add_argument("--runs", type=int, help="independent runs (default 3; 1 with --quick)")
    parser.add_argument("--rounds", type=int, help="rounds per run (default 7; 3 with --quick)")
    parser.add_argument("--one-run", type=Path, metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.quick else 7)
    if args.one_run is not None:
        args.one_run.write_text(json.dumps(one_run(rounds)))
        return
    data = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine(),
        "versions": versions(),
        "quick": args.quick,
        "runs": independent_runs(args.runs or (1 if args.quick else 3), rounds),
        "clean_import_ms": measure.clean_install_import_times(HERE.parent),
    }
    json_name, report_name = (
        ("quick-results.json", "quick-results.md") if args.quick else ("results.json", "RESULTS.md")
    )
    (HERE / json_name).write_text(json.dumps(data, indent=1) + "\n")
    text = report(data)
    (HERE / report_name).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
