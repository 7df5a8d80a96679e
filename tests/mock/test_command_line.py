"""``python -m binance_coinm.mock`` options: orders from a file, contracts, faults and weight.

The options are read in-process (``configured``), and the served mock is run once with
all of them; a bad option is one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from binance_coinm import current_all_open_orders, errors, signed_client
from binance_coinm.mock import DEMO_API_KEY, DEMO_API_SECRET, Fault, MockExchange, seed_orders
from binance_coinm.mock.__main__ import configured
from binance_coinm.models import Order

from .command_line import assert_one_line_error, run_mock

BINANCE_ORDER = {**seed_orders()[5], "orderId": 501, "clientOrderId": "bot-1", "goodTillDate": 0}
SDK_ORDER = Order.from_dict(
    {key: value for key, value in seed_orders()[6].items() if key != "pair"}
).to_dict()
XRP_ORDER = {**SDK_ORDER, "orderId": 502, "clientOrderId": "bot-2", "symbol": "XRPUSD_PERP"}


def orders_file(tmp_path: Path, orders: object) -> Path:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(orders), encoding="utf-8")
    return path


def time_reply(exchange: MockExchange, api_key: str = DEMO_API_KEY) -> tuple[int, str]:
    reply = exchange.answer("GET", "/dapi/v1/time", b"", {"x-mbx-apikey": api_key}, b"")
    return reply.status, reply.headers.get("X-MBX-USED-WEIGHT-1M", "")


def test_orders_file_replaces_the_seeded_orders(tmp_path: Path) -> None:
    path = orders_file(tmp_path, [BINANCE_ORDER, SDK_ORDER])
    _, exchange = configured(["--orders", str(path)])
    assert [order.order_id for order in exchange.orders] == [501, SDK_ORDER["orderId"]]


def test_orders_file_leaves_no_algo_order(tmp_path: Path) -> None:
    path = orders_file(tmp_path, [BINANCE_ORDER])
    _, exchange = configured(["--orders", str(path)])
    assert exchange.account.algo_orders_json() == []


def test_orders_file_order_without_pair_gets_its_symbol_s(tmp_path: Path) -> None:
    _, exchange = configured(["--orders", str(orders_file(tmp_path, [SDK_ORDER]))])
    assert exchange.orders[0].pair == "SOLUSD"


def test_contract_option_lists_the_contract_an_order_file_needs(tmp_path: Path) -> None:
    path = orders_file(tmp_path, [XRP_ORDER])
    _, exchange = configured(["--contract", "XRPUSD_PERP", "--orders", str(path)])
    assert [order.symbol for order in exchange.orders] == ["XRPUSD_PERP"]


def test_fault_options_queue_their_faults_in_order() -> None:
    _, exchange = configured(["--fault", "server_error:2", "--fault", "TRUNCATED_JSON"])
    taken = [exchange.faults.take() for _ in range(4)]
    assert taken == [Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.TRUNCATED_JSON, None]


def test_latency_and_clock_skew_options_set_the_faults() -> None:
    _, exchange = configured(["--latency", "0.25", "--clock-skew-ms", "-7000"])
    assert (exchange.faults.latency, exchange.faults.clock_skew_ms) == (0.25, -7000)


def test_weight_limit_option_limits_each_client() -> None:
    _, exchange = configured(["--weight-limit", "1"])
    assert [time_reply(exchange)[0] for _ in range(2)] == [200, 429]


def test_weight_per_key_option_counts_each_key_apart() -> None:
    _, exchange = configured(["--weight-per", "key"])
    time_reply(exchange, "first-key")
    assert time_reply(exchange, "second-key") == (200, "1")


def test_without_options_the_exchange_is_the_default_one() -> None:
    _, exchange = configured([])
    default = MockExchange()
    assert (exchange.orders, exchange.config, repr(exchange.faults)) == (
        default.orders,
        default.config,
        repr(default.faults),
    )


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("[{]", "is not JSON: "),
        ('{"orderId": 1}', "must hold a JSON list of orders"),
        (json.dumps([{**BINANCE_ORDER, "price": 1.5}]), "order 0: order field 'price' must be"),
        (json.dumps([BINANCE_ORDER, XRP_ORDER]), "order 1: 'XRPUSD_PERP' is no listed contract"),
        (json.dumps([{"symbol": "BTCUSD_PERP"}]), "order 0: order field 'origQty'"),
        (json.dumps([BINANCE_ORDER, BINANCE_ORDER]), "order 1: order field 'orderId'"),
        (json.dumps(["an order"]), "order 0: an order is a JSON object, got str"),
    ],
)
def test_a_bad_orders_file_is_one_line_naming_the_file(
    tmp_path: Path, content: str, says: str
) -> None:
    path = tmp_path / "orders.json"
    path.write_text(content, encoding="utf-8")
    result = run_mock("--port", "0", "--orders", str(path))
    assert_one_line_error(result, f"argument --orders: {path}", returncode=2)
    assert says in result.stderr


def test_an_orders_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "orders.json"
    path.write_bytes(b"[\xff]")
    result = run_mock("--port", "0", "--orders", str(path))
    assert_one_line_error(result, "is not UTF-8 text", returncode=2)


def test_a_missing_orders_file_is_one_line(tmp_path: Path) -> None:
    result = run_mock("--port", "0", "--orders", str(tmp_path / "none.json"))
    assert_one_line_error(result, "cannot read", returncode=2)


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--latency", "-1", "latency must be 0 to 3600 seconds"),
        ("--latency", "nan", "latency must be 0 to 3600 seconds"),
        ("--latency", "soon", "not a number of seconds"),
        ("--clock-skew-ms", "1.5", "not a whole number"),
        ("--clock-skew-ms", "99999999999", "clock_skew_ms must be within"),
        ("--fault", "meltdown", "no fault 'meltdown'; the faults are server_error"),
        ("--fault", "server_error:0", "TIMES is a count of at least 1"),
        ("--fault", "server_error:x", "TIMES is a count of at least 1"),
        ("--weight-limit", "0", "weight_limit must be at least 1"),
        ("--weight-limit", "many", "not a whole number"),
        ("--weight-per", "account", "invalid choice"),
        ("--contract", "XRP-USD", "a contract symbol is PAIR_DELIVERY"),
    ],
)
def test_a_bad_option_is_one_line_naming_it(option: str, value: str, says: str) -> None:
    result = run_mock("--port", "0", option, value)
    assert_one_line_error(result, f"argument {option}: ", returncode=2)
    assert says in result.stderr


def test_the_served_mock_applies_every_option(tmp_path: Path) -> None:
    path = orders_file(tmp_path, [BINANCE_ORDER, XRP_ORDER])
    command = [
        *(sys.executable, "-m", "binance_coinm.mock", "--port", "0", "--orders", str(path)),
        *("--contract", "XRPUSD_PERP", "--fault", "server_error:2", "--weight-limit", "39"),
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip().rpartition(" ")[2]
            with httpx.Client(base_url=url) as raw:
                statuses = [raw.get("/dapi/v1/time").status_code for _ in range(3)]
            client = signed_client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, max_retries=0)
            with client:
                served = current_all_open_orders.sync(client=client, symbol="XRPUSD_PERP")
                with pytest.raises(errors.RateLimitError):
                    current_all_open_orders.sync(client=client, pair="XRPUSD")  # weight 40 > 39
        finally:
            server.terminate()
    assert statuses == [500, 500, 200]
    assert [order.order_id for order in served] == [502]
