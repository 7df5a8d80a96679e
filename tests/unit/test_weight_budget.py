"""WeightBudget: the client's own count of request weight per clock minute."""

from __future__ import annotations

import httpx
import pytest

from binance_coinm import WeightBudget, errors
from binance_coinm.ratelimit import ENDPOINT_WEIGHTS, request_weight


class FakeTime:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_weight_is_1_with_symbol_and_40_without() -> None:
    base = "https://dapi.binance.com/dapi/v1/openOrders"
    assert request_weight(httpx.Request("GET", f"{base}?symbol=BTCUSD_PERP&timestamp=1")) == 1
    assert request_weight(httpx.Request("GET", f"{base}?pair=BTCUSD&timestamp=1")) == 40
    assert request_weight(httpx.Request("GET", f"{base}?timestamp=1")) == 40


def test_weights_agree_with_the_spec(spec: dict[str, object]) -> None:
    paths = spec["paths"]
    assert isinstance(paths, dict)
    for path, (with_symbol, without_symbol) in ENDPOINT_WEIGHTS.items():
        declared = paths[path]["get"]["x-binance-weight"]
        assert declared == {"withSymbol": with_symbol, "withoutSymbol": without_symbol}


def test_budget_charges_until_the_limit_then_asks_to_wait_for_the_next_minute() -> None:
    budget = WeightBudget(100, clock=FakeTime(120.0 + 45))
    assert [budget.reserve(40), budget.reserve(40)] == [0.0, 0.0]
    assert budget.reserve(40) == pytest.approx(15.0)
    assert budget.used == 80


def test_budget_resets_at_the_minute() -> None:
    time = FakeTime(59.0)
    budget = WeightBudget(40, clock=time)
    budget.reserve(40)
    time.now = 60.0
    assert budget.reserve(40) == 0.0


def test_raise_mode_raises_with_retry_after() -> None:
    budget = WeightBudget(40, on_exceed="raise", clock=FakeTime(10.0))
    budget.reserve(40)
    with pytest.raises(errors.WeightBudgetExceededError) as caught:
        budget.reserve(1)
    assert caught.value.retry_after == pytest.approx(50.0)


def test_exchange_count_replaces_the_local_one() -> None:
    budget = WeightBudget(100, clock=FakeTime(5.0))
    budget.reserve(1)
    budget.observe(97)
    assert budget.used == 97
    assert budget.reserve(4) > 0


def test_a_call_heavier_than_the_whole_budget_is_let_through() -> None:
    assert WeightBudget(10, clock=FakeTime(0.0)).reserve(40) == 0.0
