"""Where binance-coinm spends a call, by pyinstrument: `.venv-bench/bin/python bench/profile.py`.

Profiles the sync call at N = 1 and N = 1000 against the benchmark server and prints the
call tree, so a change to the templates or hooks can be checked against what it costs.
"""

from __future__ import annotations

from contenders import API_SECRET, ours_sync
from pyinstrument import Profiler
from server import spawn

CALLS = {1: 2000, 1000: 100}


def main() -> None:
    server, urls = spawn(API_SECRET, [("documented", count) for count in CALLS])
    try:
        for count, calls in CALLS.items():
            call = ours_sync(urls["documented", count])
            call()
            profiler = Profiler(interval=0.0002)
            with profiler:
                for _ in range(calls):
                    call()
            print(f"=== binance-coinm sync(), N = {count}, {calls} calls ===")
            print(profiler.output_text(unicode=False, color=False, short_mode=True))
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
