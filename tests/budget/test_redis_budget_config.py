"""Building a RedisBudget: bad configuration refused at once, credentials never shown, a one-line
answer without redis-py, and a budget any client takes."""

from __future__ import annotations

import sys
import traceback
from typing import Any

import pytest

import binance_coinm.budget
from binance_coinm import Budget, RedisBudget, errors, signed_client
from binance_coinm.budget.redis import REDIS_MISSING

PASSWORD = "Sesame-4711"
URL = "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(
    "url",
    [
        f"http://:{PASSWORD}@127.0.0.1:6379/0",
        f"redis://:{PASSWORD}@127.0.0.1:99999/0",
        f"redis://:{PASSWORD}/@127.0.0.1:6379/0",  # redis-py's own error quotes this one
        f"{PASSWORD}@127.0.0.1",
        "",
    ],
)
def test_a_url_redis_py_cannot_read_is_refused_without_showing_its_password(url: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="url must be a redis://") as caught:
        RedisBudget(url, pool="egress-1")
    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize("url", [None, b"redis://127.0.0.1", 6379])
def test_a_url_that_is_not_a_str_is_refused(url: object) -> None:
    with pytest.raises(errors.ArgumentTypeError, match="url must be a str"):
        RedisBudget(url, pool="egress-1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pool", "error"),
    [
        (None, errors.ArgumentTypeError),
        (1, errors.ArgumentTypeError),
        ("", errors.ConfigurationError),
        ("egress 1", errors.ConfigurationError),
        ("egress-1\n", errors.ConfigurationError),
    ],
)
def test_a_pool_name_that_is_not_a_non_empty_printable_str_is_refused(
    pool: object, error: type[errors.ConfigurationError]
) -> None:
    with pytest.raises(error, match="pool must be"):
        RedisBudget(URL, pool=pool)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"limit": 0}, errors.ConfigurationError),
        ({"limit": -1}, errors.ConfigurationError),
        ({"limit": 1.5}, errors.ArgumentTypeError),
        ({"limit": True}, errors.ArgumentTypeError),
        ({"limit": "2400"}, errors.ArgumentTypeError),
        ({"window": 0}, errors.ConfigurationError),
        ({"window": 0.5}, errors.ArgumentTypeError),
        ({"on_exceed": "queue"}, errors.ConfigurationError),
        ({"socket_timeout": 0}, errors.ConfigurationError),
        ({"socket_timeout": "1"}, errors.ArgumentTypeError),
    ],
    ids=repr,
)
def test_a_bad_option_is_refused_naming_itself(
    options: dict[str, Any], error: type[errors.ConfigurationError]
) -> None:
    (name,) = options
    with pytest.raises(error, match=name):
        RedisBudget(URL, pool="egress-1", **options)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"redis://ops:{PASSWORD}@10.0.0.7:6380/2", "redis://<credentials>@10.0.0.7:6380/2"),
        (f"rediss://:{PASSWORD}@cache:6379/0", "rediss://<credentials>@cache:6379/0"),
        (f"redis://cache:6379/0?password={PASSWORD}", "redis://cache:6379/0"),
        ("redis://:Sesame@4711@cache:6379/0", "redis://<credentials>@cache:6379/0"),
        (f"unix:///run/redis.sock?db=1&password={PASSWORD}", "unix:///run/redis.sock"),
    ],
)
def test_the_repr_shows_where_the_pool_is_and_no_credentials(url: str, shown: str) -> None:
    budget = RedisBudget(url, pool="egress-1", limit=1200)
    assert repr(budget) == (
        f"RedisBudget(url={shown!r}, pool='egress-1', limit=1200, window=60, on_exceed='wait')"
    )


def test_a_refused_url_keeps_its_password_out_of_every_frame_of_the_traceback() -> None:
    with pytest.raises(errors.ConfigurationError) as caught:
        RedisBudget(f"redis://:{PASSWORD}@127.0.0.1:99999/0", pool="egress-1")
    report = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    frames = [f"{frame.name} {frame.locals}" for frame in report.stack]
    assert any("RedisBudget" in frame or "_stores" in frame for frame in frames)
    assert PASSWORD not in "".join([*report.format(), *frames])
    assert (caught.value.__cause__, caught.value.__context__) == (None, None)


def test_without_redis_py_building_one_says_in_one_line_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # import redis raises ImportError
    monkeypatch.delitem(sys.modules, "binance_coinm.budget.redis_store", raising=False)
    monkeypatch.delattr(binance_coinm.budget, "redis_store", raising=False)
    with pytest.raises(errors.ConfigurationError) as caught:
        RedisBudget(URL, pool="egress-1")
    assert (
        str(caught.value)
        == REDIS_MISSING
        == ("RedisBudget needs redis-py: pip install 'binance-coinm[redis]'")
    )


def test_a_redis_budget_is_a_budget_a_client_takes() -> None:
    budget = RedisBudget(URL, pool="egress-1")
    client = signed_client("key", "secret", budget=budget)
    assert isinstance(budget, Budget)
    assert client.budget is budget
