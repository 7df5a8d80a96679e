"""WeightBudget: the client's own count of request weight per minute of the exchange's clock."""

from __future__ import annotations

import pytest

from binance_coinm import WeightBudget, errors


class FakeTime:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


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


@pytest.mark.parametrize("on_exceed", ["wait", "raise"])
def test_a_call_heavier_than_the_whole_budget_raises_in_either_mode(on_exceed: str) -> None:
    budget = WeightBudget(10, on_exceed=on_exceed, clock=FakeTime(0.0))  # type: ignore[arg-type]
    with pytest.raises(errors.WeightBudgetExceededError, match="can never fit"):
        budget.reserve(40)
    assert budget.used == 0


@pytest.mark.parametrize("limit", [0, -1, 1.5, True, "x", None])
def test_a_limit_that_is_not_a_positive_int_is_refused(limit: object) -> None:
    with pytest.raises(errors.ConfigurationError, match="weight_limit"):
        WeightBudget(limit)  # type: ignore[arg-type]


def test_an_unknown_on_exceed_mode_is_refused() -> None:
    with pytest.raises(errors.ConfigurationError, match="on_weight_exceeded"):
        WeightBudget(10, on_exceed="bogus")  # type: ignore[arg-type]


def test_a_short_window_resets_the_count_at_its_own_end() -> None:
    time = FakeTime(10.5)
    budget = WeightBudget(40, window=2, clock=time)
    budget.reserve(40)
    assert budget.reserve(1) == pytest.approx(1.5)
    time.now = 12.0
    assert budget.reserve(40) == 0.0


@pytest.mark.parametrize("window", [0, -60, 1.5, True, "60", None])
def test_a_window_that_is_not_a_positive_int_is_refused(window: object) -> None:
    with pytest.raises(errors.ConfigurationError, match="window"):
        WeightBudget(10, window=window)  # type: ignore[arg-type]
