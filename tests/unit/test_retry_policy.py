"""RetryPolicy: which answers are sent again, and after how long."""

from __future__ import annotations

import httpx
import pytest

from binance_coinm import RetryPolicy, errors

NO_JITTER = RetryPolicy(max_retries=5, initial_delay=0.5, max_delay=8.0, jitter=0.0)


def after(
    status: int, headers: dict[str, str] | None = None, *, method: str = "GET", retries: int = 5
) -> float | None:
    """The wait before a second attempt after this answer to a first one."""
    return NO_JITTER.delay_after_response(method, status, httpx.Headers(headers or {}), 0, retries)


@pytest.mark.parametrize(("attempt", "delay"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0)])
def test_backoff_doubles_up_to_max_delay(attempt: int, delay: float) -> None:
    assert NO_JITTER.backoff(attempt) == delay


def test_jitter_shortens_the_wait_by_at_most_its_fraction() -> None:
    policy = RetryPolicy(initial_delay=1.0, jitter=0.25)
    delays = {policy.backoff(0) for _ in range(200)}
    assert all(0.75 <= d <= 1.0 for d in delays)
    assert len(delays) > 1


@pytest.mark.parametrize(
    ("headers", "delay"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "0"}, 0.5),
        ({"Retry-After": "-5"}, 0.5),
        ({"Retry-After": "soon"}, 0.5),
        ({"Retry-After": "1e400"}, 0.5),
        ({"Retry-After": "0000000000000003"}, 3.0),
        ({}, 0.5),
    ],
)
def test_429_waits_retry_after_or_backs_off(headers: dict[str, str], delay: float) -> None:
    assert after(429, headers) == delay


@pytest.mark.parametrize("value", ["7200", "0000000000000120", "99999999999999999999", "9" * 5000])
@pytest.mark.parametrize("status", [418, 429])
def test_a_wait_longer_than_max_retry_after_is_not_waited_for(status: int, value: str) -> None:
    assert after(status, {"Retry-After": value}) is None


def test_ban_without_retry_after_is_not_retried() -> None:
    assert after(418) is None


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf", " 5", "5.5"])
def test_ban_with_a_retry_after_that_is_no_positive_count_is_not_retried(value: str) -> None:
    assert after(418, {"Retry-After": value}) is None


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_get_is_retried_on_server_errors(status: int) -> None:
    assert after(status) == 0.5


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_client_errors_are_never_retried(status: int) -> None:
    assert after(status) is None


def test_post_is_not_retried_on_server_errors_or_connection_errors() -> None:
    assert after(503, method="POST") is None
    assert NO_JITTER.delay_after_error("POST", 0, 5) is None


def test_retries_stop_at_max_retries() -> None:
    policy = RetryPolicy(max_retries=2, jitter=0.0)
    assert [policy.delay_after_error("GET", n, 2) is not None for n in range(3)] == [
        True,
        True,
        False,
    ]


def test_a_call_with_no_retries_left_is_not_retried() -> None:
    assert after(503, retries=0) is None


@pytest.mark.parametrize("value", [-1, "2", None, 1.5, True])
def test_max_retries_that_is_not_a_count_is_refused(value: object) -> None:
    with pytest.raises(errors.ConfigurationError, match="max_retries"):
        RetryPolicy(max_retries=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [{"initial_delay": -1}, {"max_delay": float("nan")}, {"max_retry_after": "60"}, {"jitter": 1}],
)
def test_delays_that_are_not_positive_seconds_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(errors.ConfigurationError):
        RetryPolicy(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize("zero", [0, 0.0])
def test_zero_delays_retry_at_once(zero: float) -> None:
    policy = RetryPolicy(max_retries=5, initial_delay=zero, max_delay=zero)
    no_headers = httpx.Headers()
    delays = [policy.delay_after_response("GET", 503, no_headers, n, 5) for n in range(5)]
    assert [*delays, policy.delay_after_error("GET", 0, 5)] == [0.0] * 6


def test_zero_initial_delay_backs_off_zero_whatever_max_delay() -> None:
    policy = RetryPolicy(initial_delay=0, max_delay=8.0, jitter=0.0)
    assert [policy.backoff(attempt) for attempt in range(4)] == [0.0] * 4


@pytest.mark.parametrize("name", ["initial_delay", "max_delay"])
@pytest.mark.parametrize("value", [-1, -0.001, float("nan"), float("inf"), -float("inf"), 86_401])
def test_a_delay_below_zero_or_not_finite_is_refused(name: str, value: float) -> None:
    with pytest.raises(errors.ConfigurationError, match=rf"{name} must be .* in \[0, 86400\]"):
        RetryPolicy(**{name: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["initial_delay", "max_delay"])
@pytest.mark.parametrize("value", ["0", None, False, True, b"1", [0]])
def test_a_delay_that_is_no_number_is_an_argument_type_error(name: str, value: object) -> None:
    with pytest.raises(errors.ArgumentTypeError, match=f"{name} must be a number of seconds"):
        RetryPolicy(**{name: value})  # type: ignore[arg-type]


def test_max_retry_after_of_zero_is_still_refused() -> None:
    with pytest.raises(errors.ConfigurationError, match="max_retry_after"):
        RetryPolicy(max_retry_after=0)
