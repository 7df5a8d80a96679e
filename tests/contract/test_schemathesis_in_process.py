"""schemathesis against the mock exchange's ASGI app in-process, every check on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import settings
from schemathesis.config import SchemathesisConfig

from . import binance_signing_hook  # noqa: F401 - registers the signing hooks
from .test_schemathesis_mock import contract_exchange

CONFIG = SchemathesisConfig.from_path(Path(__file__).with_name("schemathesis.toml"))
schema = schemathesis.openapi.from_asgi("/openapi.yaml", contract_exchange().app, config=CONFIG)


@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None)
def test_mock_conforms_to_the_spec_in_process(case: Any) -> None:
    case.call_and_validate()
