"""binance-coinm: a typed client for Binance COIN-M futures.

The endpoint functions and models are generated from openapi.yaml (package
``binance_coinm_rest``); this package holds everything else: the clients, signing (HMAC, RSA,
Ed25519), the exchange's clock, retries, the deadline, the weight budget, the errors, the
mock exchange and the command line. Import from here.

The public names are declared once, in ``__init__.pyi`` (which type checkers read): each is
imported on first use, so that ``import binance_coinm`` costs little and the mock's pytest
plugin, which lives in this package, costs nothing when unused.
"""

import importlib
import os
import re

from binance_coinm_rest.places import PLACES


def _declared() -> dict[str, str]:
    """Each name of ``__init__.pyi`` and the module it comes from (relative to this one)."""
    line = re.compile(r"from (\S+) import (\w+) as \2$", re.MULTILINE)
    with open(os.path.splitext(__file__)[0] + ".pyi", encoding="utf-8") as stub:
        return {name: module for module, name in line.findall(stub.read())}


_EXPORTS = {**PLACES, **_declared()}
"""Where each public name lives: the generated index's names, then the hand-written ones."""
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module == ".":  # a module of this package
        return importlib.import_module(f".{name}", __name__)
    if module.endswith(f".{name}"):  # an endpoint module
        return importlib.import_module(module)
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
