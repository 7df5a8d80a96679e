"""Where binance-coinm spends a call, by pyinstrument: `.venv-bench/bin/python bench/profile.py`.

Profiles the sync call at N = 1 and N = 1000, and the async call (``asyncio()``, one call at a
time on one event loop, as the benchmark makes it) at N = 1, against the benchmark server.
Prints each call tree, then the frames with the most time of their own, so a change to the
templates or hooks can be checked against what it costs.
"""

from __future__ import annotations

import asyncio

from contenders import API_SECRET, ours_asyncio, ours_sync
from measure import expect
from pyinstrument import Profiler
from server import serving

SYNC_CALLS = {1: 2000, 1000: 100}
ASYNC_CALLS = {1: 2000}
INTERVAL = 0.0002
TOP_FRAMES = 25


def show(title: str, profiler: Profiler) -> None:
    print(f"=== {title} ===")
    print(profiler.output_text(unicode=False, color=False, short_mode=True))
    flat = profiler.output_text(unicode=False, color=False, flat=True).splitlines()
    print(f"--- {title}: top {TOP_FRAMES} frames by own time ---")
    print("\n".join(flat[: TOP_FRAMES + 5]))


async def profile_async(url: str, count: int, calls: int) -> Profiler:
    """Profiled inside the coroutine: async_mode attributes awaited time to the await."""
    async with ours_asyncio(url) as call:
        expect(await call(), count)
        profiler = Profiler(interval=INTERVAL, async_mode="enabled")
        with profiler:
            for _ in range(calls):
                expect(await call(), count)
    return profiler


def main() -> None:
    counts = sorted({*SYNC_CALLS, *ASYNC_CALLS})
    with serving(API_SECRET, [("documented", count) for count in counts]) as (_, urls):
        for count, calls in SYNC_CALLS.items():
            with ours_sync(urls["documented", count]) as call:
                expect(call(), count)
                profiler = Profiler(interval=INTERVAL)
                with profiler:
                    for _ in range(calls):
                        expect(call(), count)
            show(f"binance-coinm sync(), N = {count}, {calls} calls", profiler)
        for count, calls in ASYNC_CALLS.items():
            profiler = asyncio.run(profile_async(urls["documented", count], count, calls))
            show(f"binance-coinm asyncio(), N = {count}, {calls} calls on one loop", profiler)


if __name__ == "__main__":
    main()
