"""Logging is off unless asked; when on, it says what happened and never a secret."""

from __future__ import annotations

import logging
import traceback

import pytest

from binance_coinm import errors
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Fault

from .conftest import ClientFactory, Fetch, RecordingExchange


def test_logs_method_path_status_weight_latency_and_retries(
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="binance_coinm")
    exchange.faults.add(Fault.SERVER_ERROR)
    fetch(client=make_client(), symbol="BTCUSD_PERP")
    messages = [record.getMessage() for record in caplog.records if record.name == "binance_coinm"]
    assert messages[0].startswith("GET /dapi/v1/openOrders (attempt 1) -> 500 in ")
    assert any(m.startswith("retrying GET /dapi/v1/openOrders in ") for m in messages)
    assert any(
        m.startswith("GET /dapi/v1/openOrders (attempt 2) -> 200") and m.endswith("used weight 2")
        for m in messages
    )


def test_signature_is_redacted_in_debug_logs(
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="binance_coinm")
    fetch(client=make_client(), symbol="BTCUSD_PERP")
    [query] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("query: ")]
    assert query.startswith("query: symbol=BTCUSD_PERP&timestamp=")
    assert query.endswith("&signature=<redacted>")


def test_logging_is_silent_by_default(
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fetch(client=make_client(), symbol="BTCUSD_PERP")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_environment_variable_turns_logging_on(
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BINANCE_COINM_LOG", "info")
    logger = logging.getLogger("binance_coinm")
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    monkeypatch.setattr(logger, "level", logger.level)
    fetch(client=make_client(), symbol="BTCUSD_PERP")
    assert "GET /dapi/v1/openOrders (attempt 1) -> 200" in capsys.readouterr().err


def test_no_secret_in_logs_reprs_errors_or_tracebacks(
    exchange: RecordingExchange,
    make_client: ClientFactory,
    fetch: Fetch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(max_retries=1)
    exchange.faults.add(Fault.SERVER_ERROR, times=2)
    texts = [repr(client), repr(client.auth)]
    with pytest.raises(errors.ServerError) as server_error:
        fetch(client=client)
    with pytest.raises(errors.InvalidRequestError) as request_error:
        fetch(client=client, symbol="XRPUSD_PERP")
    for caught in (server_error, request_error):
        texts += [
            str(caught.value),
            repr(caught.value),
            "".join(traceback.format_exception(caught.value)),
        ]
    texts.append(caplog.text)
    for text in texts:
        assert DEMO_API_SECRET not in text
        assert DEMO_API_KEY not in text
