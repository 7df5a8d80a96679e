"""Prism, a mock we did not write, validates our client's requests and our spec's examples."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from binance_coinm import current_all_open_orders, query_current_open_order, signed_client
from binance_coinm.client.base import AuthenticatedClient
from binance_coinm.spec import SPEC

from .prism import running_prism
from .schemathesis_run import run_schemathesis

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def prism_url() -> Iterator[str]:
    with running_prism() as url:
        yield url


@pytest.fixture
def client(prism_url: str) -> Iterator[AuthenticatedClient]:
    with signed_client("prism-key", "prism-secret", base_url=prism_url, max_retries=0) as client:
        yield client


@pytest.mark.parametrize(
    "scope",
    [
        {},
        {"symbol": "BTCUSD_PERP"},
        {"pair": "BTCUSD"},
        {"symbol": "BTCUSD_PERP", "recv_window": 5000},
    ],
)
def test_open_orders_requests_pass_prism_validation(
    client: AuthenticatedClient, scope: dict[str, object]
) -> None:
    response = current_all_open_orders.sync_detailed(client=client, **scope)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert "sl-violations" not in response.headers
    assert response.parsed[0].orig_qty == Decimal("0.40")


@pytest.mark.parametrize(
    "by", [{"order_id": 1917641}, {"orig_client_order_id": "abc", "recv_window": 5000}]
)
def test_open_order_requests_pass_prism_validation(
    client: AuthenticatedClient, by: dict[str, object]
) -> None:
    response = query_current_open_order.sync_detailed(client=client, symbol="BTCUSD_PERP", **by)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert "sl-violations" not in response.headers
    assert response.parsed.orig_qty == Decimal("0.40")


def test_prism_rejects_what_the_spec_forbids(prism_url: str) -> None:
    # Sent by hand: the client itself refuses recvWindow=70000 before sending anything.
    query = f"recvWindow=70000&timestamp=1&signature={'0' * 64}"
    response = httpx.get(
        f"{prism_url}{SPEC.operations['currentAllOpenOrders'].path}?{query}",
        headers={SPEC.api_key_header: "prism-key"},
    )
    assert response.status_code == 400
    assert "recvwindow must be <= 60000" in response.headers["sl-violations"].lower()


def test_schemathesis_finds_no_failure_against_prism(prism_url: str, tmp_path: Path) -> None:
    code, report, output = run_schemathesis(
        prism_url,
        tmp_path,
        # Prism checks that an API key is there, never its value: it cannot refuse a bad one;
        # and it reads an empty query value (`pair=`) as not sent, so it cannot refuse that
        # either (what it does refuse is tested above, by hand).
        "--exclude-checks", "ignored_auth,unsupported_method,negative_data_rejection",
        "--seed", "1",
    )  # fmt: skip
    assert code == 0, output
    assert report["operations"]["tested"] == len(SPEC.operations)
    assert report["test_cases"]["generated"] > 100
