"""The version of the installed distribution: pyproject.toml is its one source."""

from importlib.metadata import version

__version__ = version("binance-coinm")
