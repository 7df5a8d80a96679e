"""One run of the benchmark's measurements; `run.py` repeats it and writes the report.

Every figure is raw: per-round samples, so that the report can take medians within a run and
across runs. Contenders are interleaved round-robin (the starting one rotates each round), and
every call's result is checked, so no contender gets a cheaper workload than another.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from contextlib import AsyncExitStack, ExitStack
from pathlib import Path
from typing import Any, Protocol

import httpx
import orjson
from contenders import (
    API_KEY,
    API_SECRET,
    ASYNC,
    CONCURRENT,
    FLOOR,
    OURS_SYNC,
    SYMBOL,
    SYNC,
    AsyncCall,
    AsyncContender,
    Call,
    SyncContender,
)
from orders import UNKNOWN_FIELD, UNKNOWN_STATUS, open_orders_body
from server import Endpoint

from binance_coinm.calls.call import Answer

COUNTS = (1, 100, 1000)
CALLS_PER_BATCH = {1: 100, 100: 30, 1000: 8}
WARM_UP_CALLS = 3
CONCURRENCY = 200
ONE_PASS = "msgspec one pass into Decimal and enums (no pattern check, unknown fields dropped)"
PARSES_PER_SAMPLE = {1: 2000, 100: 200, 1000: 20}

Sample = tuple[float, float]
"""Seconds per call: wall, then this process's CPU."""


def expect(got: int, count: int) -> None:
    if got != count:
        raise AssertionError(f"expected {count} orders, got {got}")


def timed(work: Callable[[], None], calls: int) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls


class Runner(Protocol):
    calls: int
    """Requests made so far (each checked)."""

    def batch(self, calls: int, count: int) -> None:
        """Make ``calls`` calls one after another, each proving it got ``count`` orders."""

    def close(self) -> None: ...


class SyncRunner:
    def __init__(self, contender: SyncContender, url: str) -> None:
        self._stack = ExitStack()
        self.call: Call = self._stack.enter_context(contender(url))
        self.calls = 0

    def batch(self, calls: int, count: int) -> None:
        for _ in range(calls):
            expect(self.call(), count)
        self.calls += calls

    def close(self) -> None:
        self._stack.close()


class AsyncRunner:
    """One event loop and one client, kept for every batch; a batch is one coroutine on it."""

    def __init__(self, contender: AsyncContender, url: str) -> None:
        self.loop = asyncio.new_event_loop()
        self._stack = AsyncExitStack()
        self.call: AsyncCall = self.loop.run_until_complete(
            self._stack.enter_async_context(contender(url))
        )
        self.calls = 0

    async def _batch(self, calls: int, count: int) -> None:
        for _ in range(calls):
            expect(await self.call(), count)

    def batch(self, calls: int, count: int) -> None:
        self.loop.run_until_complete(self._batch(calls, count))
        self.calls += calls

    async def _burst(self, calls: int, count: int) -> None:
        for got in await asyncio.gather(*(self.call() for _ in range(calls))):
            expect(got, count)

    def burst(self, calls: int, count: int) -> None:
        """``calls`` calls in flight at once through the one client."""
        self.loop.run_until_complete(self._burst(calls, count))
        self.calls += calls

    def close(self) -> None:
        self.loop.run_until_complete(self._stack.aclose())
        self.loop.close()


def runner(name: str, url: str) -> Runner:
    return SyncRunner(SYNC[name], url) if name in SYNC else AsyncRunner(ASYNC[name], url)


def rotations(names: Sequence[str], rounds: int) -> Iterable[list[str]]:
    """Round-robin, each round starting one contender later: no one is always first."""
    for index in range(rounds):
        start = index % len(names)
        yield [*names[start:], *names[:start]]


def race(
    url: str, count: int, names: Sequence[str], rounds: int
) -> tuple[dict[str, list[Sample]], int]:
    """Per-call samples of each contender, one per round; and the requests made."""
    runners = {name: runner(name, url) for name in names}
    try:
        for each in runners.values():
            each.batch(WARM_UP_CALLS, count)  # connections, imports and caches
        samples: dict[str, list[Sample]] = {name: [] for name in names}
        calls = CALLS_PER_BATCH[count]
        for order in rotations(names, rounds):
            for name in order:
                work = functools.partial(runners[name].batch, calls, count)
                samples[name].append(timed(work, calls))
        return samples, sum(each.calls for each in runners.values())
    finally:
        for each in runners.values():
            each.close()


def concurrent(url: str, rounds: int) -> tuple[dict[str, list[Sample]], int]:
    """Per-call samples of CONCURRENCY calls in flight through one client, N = 1."""
    runners = {name: AsyncRunner(ASYNC[name], url) for name in CONCURRENT}
    try:
        for each in runners.values():
            each.burst(CONCURRENCY, 1)  # open the pool's connections
        samples: dict[str, list[Sample]] = {name: [] for name in CONCURRENT}
        for order in rotations(CONCURRENT, rounds):
            for name in order:
                work = functools.partial(runners[name].burst, CONCURRENCY, 1)
                samples[name].append(timed(work, CONCURRENCY))
        return samples, sum(each.calls for each in runners.values())
    finally:
        for each in runners.values():
            each.close()


def check_orders(orders: Sequence[Any], count: int, shape: str) -> None:
    """Our typed orders kept what the body said, including what the spec does not know."""
    expect(len(orders), count)
    for index, order in enumerate(orders):
        if shape == "evolved":
            assert order.additional_properties[UNKNOWN_FIELD] == 0, order.additional_properties
            if index % 10 == 0:
                assert order.status.value == UNKNOWN_STATUS, order.status
                assert not order.status.is_known, order.status
                continue
        else:
            assert UNKNOWN_FIELD not in order.additional_properties
        assert order.status.is_known, order.status


def verify_ours(urls: dict[Endpoint, str]) -> None:
    """sync(), asyncio() and the offline parse keep unknown fields and enum values visible."""
    from binance_coinm import current_all_open_orders, signed_client

    for (shape, count), url in urls.items():
        client = signed_client(API_KEY, API_SECRET, base_url=url)
        with client:
            check_orders(current_all_open_orders.sync(client=client, symbol=SYMBOL), count, shape)

        async def fetch(url: str = url) -> list[Any]:
            client = signed_client(API_KEY, API_SECRET, base_url=url)
            async with client:
                return await current_all_open_orders.asyncio(client=client, symbol=SYMBOL)

        check_orders(asyncio.run(fetch()), count, shape)
        answer = Answer(200, httpx.Headers(), open_orders_body(count, shape))
        check_orders(current_all_open_orders.ENDPOINT.parse(answer), count, shape)


def parse_cost(shape: str, count: int, rounds: int) -> dict[str, list[float]]:
    """µs per offline decode of the body, one sample per round, decoders interleaved."""
    import msgspec

    from binance_coinm import current_all_open_orders
    from binance_coinm.models import Order

    body = open_orders_body(count, shape)
    answer = Answer(200, httpx.Headers(), body)
    parse = current_all_open_orders.ENDPOINT.parse
    one_pass = msgspec.json.Decoder(list[Order])
    decoders: dict[str, Callable[[], object]] = {
        "json.loads (untyped dicts)": lambda: json.loads(body),
        "orjson.loads (untyped dicts)": lambda: orjson.loads(body),
        ONE_PASS: lambda: one_pass.decode(body),
        "binance-coinm ENDPOINT.parse (typed)": lambda: parse(answer),
    }
    repeat = PARSES_PER_SAMPLE[count]
    samples: dict[str, list[float]] = {name: [] for name in decoders}
    for order in rotations(list(decoders), rounds):
        for name in order:
            decode = decoders[name]
            decode()
            started = time.perf_counter()
            for _ in range(repeat):
                decode()
            samples[name].append((time.perf_counter() - started) / repeat * 1e6)
    return samples


def per_call_us(function: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        best = min(best, (time.perf_counter() - started) / repeat)
    return best * 1e6


def signing_cost() -> dict[str, float]:
    from binance_coinm import BinanceAuth, HmacSigner

    auth = BinanceAuth(API_KEY, HmacSigner(API_SECRET), base_url="http://127.0.0.1")
    request = httpx.Request("GET", f"http://127.0.0.1/dapi/v1/openOrders?symbol={SYMBOL}")

    def by_hand() -> str:
        query = f"symbol={SYMBOL}&timestamp={time.time_ns() // 1_000_000}"
        return hmac.new(API_SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()

    return {
        "binance-coinm BinanceAuth.sign_request": per_call_us(
            lambda: auth.sign_request(request), 2000
        ),
        "hand-made HMAC of the query": per_call_us(by_hand, 2000),
    }


IMPORTS = {
    # binance_coinm imports its names on first use: measure what a program imports to call.
    "binance_coinm (signed_client, current_all_open_orders)": (
        "from binance_coinm import current_all_open_orders, signed_client"
    ),
    "httpx (floor)": "import httpx",
    "official SDK": "import binance_sdk_derivatives_trading_coin_futures",
    "python-binance": "import binance.client",
    "binance-futures-connector": "import binance.cm_futures",
    "ccxt": "import ccxt",
}


def clean_install_import_times(project: Path, tries: int = 5) -> dict[str, float]:
    """ms to import, median of ``tries``, in a fresh venv holding the project alone (no dev
    tools, no peers): what a user who pip-installs it pays, beside httpx's own import."""
    statements = {
        "binance_coinm (signed_client, current_all_open_orders)": IMPORTS[
            "binance_coinm (signed_client, current_all_open_orders)"
        ],
        "httpx (floor)": IMPORTS["httpx (floor)"],
    }
    with tempfile.TemporaryDirectory() as scratch:
        venv = Path(scratch) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        install = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*install, str(project)], check=True, cwd=scratch, capture_output=True)
        times = {}
        for label, statement in statements.items():
            code = f"import time; t = time.perf_counter(); {statement}; "
            code += "print(time.perf_counter() - t)"
            runs = [
                float(subprocess.check_output([python, "-c", code], text=True, cwd=scratch))
                for _ in range(tries)
            ]
            times[label] = statistics.median(runs) * 1000
    return times


def import_times() -> dict[str, float]:
    """ms to import each, in a fresh interpreter (best of 3)."""
    times = {}
    for label, statement in IMPORTS.items():
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        runs = [
            float(subprocess.check_output([sys.executable, "-c", code], text=True))
            for _ in range(3)
        ]
        times[label] = min(runs) * 1000
    return times


def peak_memory(url: str) -> dict[str, float]:
    """MB at the peak of one 1000-order call, by tracemalloc."""
    peaks = {}
    for name in (FLOOR, OURS_SYNC):
        with SYNC[name](url) as call:
            expect(call(), 1000)
            tracemalloc.start()
            expect(call(), 1000)
            peaks[name] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
    return peaks
